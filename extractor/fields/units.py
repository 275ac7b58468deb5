"""Administrative units and office holders in Vietnamese official text.

General NER models do not know ``UBND huyện``, ``Phòng Nội vụ`` or ``Văn phòng HĐND và
UBND huyện``; this module recognises them with a small noun-phrase grammar whose words
all live in ``patterns/units.yaml`` (heads, names, office holders, levels, qualifiers,
linkers, stop words).

API
---
- :func:`find_units` -- every mention of a unit or office holder in a text (a sentence, a
  list item or a whole document), left to right, longest match first.
- :func:`split_units` -- a phrase known to name units (the text after ``Giao`` up to the
  verb, a ``Cơ quan chủ trì`` cell) split into its units; pieces the grammar does not
  know are kept as written.
- :func:`unit_key` -- a grouping form: case, tone placement, spacing, punctuation,
  ``&``/``và`` and abbreviations (``UBND`` ↔ ``Ủy ban nhân dân``, ``HĐND``, ``MTTQ``,
  ``VP``, ``TT`` ...) no longer count; honorifics (``Đồng chí``) are dropped.

Approach
--------
1. **Tokens.** Syllables and single punctuation marks, with offsets into the input and a
   folded form (:func:`extractor.normalize.fold`). PDF text glues words (``Ban Thường
   vụĐảng uỷ``, ``Uỷban``, ``Tỉnh uỷvà``, ``VPHĐND``); a word is split where a lowercase
   letter meets a capital, an all-caps run that is not a known abbreviation is split
   into known ones, and a lowercase run that is not one Vietnamese syllable is split
   into the fewest valid syllables (onset + vowel cluster + coda, one tone mark, stop
   codas only with the sắc/nặng tone; ties go to the longer onset: ``uỷ|trực``).
2. **Lexicon.** Every YAML phrase is tokenised the same way and put in a trie of folded
   tokens, so a phrase matches whatever its case, tone placement or spacing.
3. **Grammar.** A recursive-descent parser over tokens::

     mention := honorific? (holder holder_mod* core? | core)
     core    := quantifier? (head name? | generic (sep generic)* | person (sep person)*) mod*
     mod     := level (sep level)* | place | (ABBR) | complement-unit | qualifier
              | thuộc/trực thuộc unit | của unit | tham mưu, giúp việc unit
              | trên địa bàn level | - Chi nhánh name | phụ trách lĩnh vực field

   It only continues through things it knows, so verbs and function words end a
   mention by themselves (``Phòng Nội vụ | sử dụng``). The decisions that matter are
   about separators: a comma or ``và`` continues the mention when what follows is a
   level (``UBND các xã, thị trấn``), a bare group noun (``các cơ quan, đơn vị``), a
   capitalised name word (``Sở Văn hóa, Thể thao và Du lịch``) or, inside a complement, a
   bare body (``Văn phòng HĐND và UBND huyện``); it ends the mention when a head with a
   name of its own, an office holder or a new quantified group follows (``Sở Tài chính,
   Sở Nội vụ và UBND các huyện`` → 3).

   Names after ``Sở``/``Phòng``/``Ban`` ... are capitalised words; in Vietnamese only the
   first syllable of a word in a name is capitalised (``Nội vụ``, ``Khoa học và Công
   nghệ``), so a capitalised syllable takes one following lowercase syllable unless that
   one is a stop word, a level or a function word. Lowercase names (``Ban xây dựng
   đảng``, ``Văn phòng đăng ký đất đai``) come from the ``names`` list.

Why not spaCy or underthesea (both checked offline, in this environment):

- ``spacy.blank("vi")`` needs pyvi (not installed); ``spacy.blank("xx")`` works but only
  splits on spaces. A ``SpanRuler`` could hold the head lists, not the separator decisions
  above (they look at what follows a comma and at capitalisation across tokens) nor glued
  words, so it would be the same grammar plus post-processing, for ~1 s more import.
- underthesea's ``word_tokenize`` works offline and is fast (~0.5 ms a sentence after a
  ~0.7 s load), but it rewrites tone marks (``uỷ`` → ``ủy``, so offsets need realigning),
  merges capitalised words across a unit boundary (``Giao Phòng``) and leaves PDF glue
  alone (``Thường vụĐảng``). The one decision where a segmenter could help is how many
  lowercase syllables belong to a capitalised name word; on the corpus the one-syllable
  rule and underthesea agree on 240 of 249 such decisions, and the 9 others are all
  ``Bộ phận Một cửa``, where underthesea splits the fixed term ``Một | cửa``. So it is
  not used.

Neither library is imported; the module needs ``regex`` and PyYAML. The lexicon is built
once per process (~0.06 s); a sentence takes ~0.2 ms, a 25 KB letter ~0.1 s. Parser
methods are memoised per text, with a depth guard, so a page of heads without
punctuation stays linear.

Choices
-------
- ``cán bộ, công chức`` (and ``viên chức``, ``chuyên viên``) are people who hold posts: a
  group of them is a mention only when it is anchored to a level or a unit (``Cán bộ,
  công chức cấp huyện, cấp xã``, ``cán bộ, công chức Phòng Giáo dục``) or to a field
  (``Cán bộ phụ trách lĩnh vực ...``); the bare staff at large is not. ``đảng viên``
  (party members) only joins such a group.
- ``người dân, doanh nghiệp``, ``tổ chức, cá nhân`` (the public) are never units;
  ``cá nhân`` only joins a group that already started (``các cơ quan, đơn vị và tổ chức,
  cá nhân có liên quan``).
- An office holder is kept with its unit (``Chủ tịch UBND huyện``); on its own it is a
  mention only for the few titles in ``holders_alone`` (``Bộ trưởng``).
- A head glued to a document symbol (``4457/UBND-TTHC``) is not a mention.
- Every mention is returned, including headers, signature titles (``BỘ TRƯỞNG``) and
  the issuers of cited documents; callers choose by context (the task sentence, the
  ``Kính gửi`` list).

Known gaps
----------
- A heading that joins a body and a group with a comma (``Ủy ban MTTQVN huyện, các tổ
  chức chính trị - xã hội huyện``) gives two mentions; ``trên địa bàn huyện`` after a
  list of levels stays in the mention. (These are the two corpus gold units missed.)
- A capitalised name syllable takes at most one lowercase syllable; longer lowercase
  names must be in ``names`` (``Phục vụ hành chính công``), otherwise they are cut.
- In all-caps text a one-syllable head (``SỞ``, ``BỘ``, ``PHÒNG``) needs a name from
  ``names``: capitals give no word boundaries there.
- Adjacent heads with no punctuation chain as complements (``Văn phòng UBND tỉnh`` is
  right; ``Sở Tài chính Sở Nội vụ`` in a table cell becomes one mention).
- Coordinated holders keep only those with a unit: ``Bí thư, Phó Bí thư TT Huyện ủy``
  gives ``Phó Bí thư TT Huyện ủy``.
- Bodies inside titles of laws (``Luật Mặt trận Tổ quốc Việt Nam``) are found.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..normalize import fold
from ..resources import load_patterns

__all__ = ["UnitSpan", "find_units", "split_units", "unit_key"]


@dataclass(frozen=True)
class UnitSpan:
    """A unit or office-holder mention: ``text`` as written (``text == source[start:end]``,
    no trailing punctuation) and its grouping ``key`` (:func:`unit_key`)."""

    text: str
    start: int
    end: int
    key: str


# --------------------------------------------------------------------------- tokens
@dataclass
class _Tok:
    text: str
    start: int
    end: int
    f: str  # folded (lowercase, new-style tones)
    kind: str  # "w" word, "n" number, "p" punctuation
    cap: bool  # first character is a capital
    upper: bool  # all letters are capitals (two or more letters)
    nl: bool  # a line break between the previous token and this one


_RAW = regex.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")
_TONES = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}  # huyền sắc ngã hỏi nặng
_SYL = regex.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?")


@lru_cache(maxsize=None)
def _base_char(c: str) -> tuple[str, int]:
    """Lowercase letter without its tone mark (keeps ă â ê ô ơ ư đ), and the tone."""
    d = unicodedata.normalize("NFD", c.lower())
    tone = 0
    keep = []
    for x in d:
        if x in _TONES:
            tone = _TONES[x]
        else:
            keep.append(x)
    b = unicodedata.normalize("NFC", "".join(keep))
    return (b if len(b) == 1 else c.lower()), tone


def _syllable(base: str, tones: list[int]) -> int:
    """-1 when ``base`` (tones apart) is not one Vietnamese syllable, else its onset length."""
    m = _SYL.fullmatch(base)
    if not m:
        return -1
    marked = [t for t in tones if t]
    if len(marked) > 1:
        return -1
    coda = m.group(3) or ""
    if coda in ("c", "ch", "p", "t") and (not marked or marked[0] not in (2, 5)):
        return -1
    return len(m.group(1) or "")


def _split_syllables(word: str) -> list[tuple[int, str]]:
    """A glued lowercase run (``uỷtrực``) as the fewest valid syllables, or itself."""
    chars = [_base_char(c) for c in word]
    base = "".join(b for b, _ in chars)
    tones = [t for _, t in chars]
    if _syllable(base, tones) >= 0:
        return [(0, word)]
    n = len(word)
    best: list[Optional[tuple[int, int, int]]] = [None] * (n + 1)
    best[0] = (0, 0, -1)
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + 7) + 1):
            onset = _syllable(base[i:j], tones[i:j])
            if onset < 0:
                continue
            cand = (best[i][0] + 1, best[i][1] - onset, i)
            if best[j] is None or cand[:2] < best[j][:2]:
                best[j] = cand
    return _cuts(word, best, 2)


def _cuts(word: str, best: list, back: int) -> list[tuple[int, str]]:
    """Pieces of ``word`` from a best-split table whose entries hold (count, …) with the
    previous cut at index ``back``; the word itself unless it splits into 2+ pieces."""
    n = len(word)
    if best[n] is None or best[n][0] < 2:
        return [(0, word)]
    cuts = []
    j = n
    while j > 0:
        i = best[j][back]
        cuts.append((i, word[i:j]))
        j = i
    return cuts[::-1]


def _split_abbrev(word: str, known: frozenset) -> list[tuple[int, str]]:
    """A glued all-caps run (``VPHĐND``) as known abbreviations, or itself."""
    if word in known:
        return [(0, word)]
    n = len(word)
    best: list[Optional[tuple[int, int]]] = [None] * (n + 1)
    best[0] = (0, -1)
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 2, n + 1):
            if word[i:j] in known and (best[j] is None or best[i][0] + 1 < best[j][0]):
                best[j] = (best[i][0] + 1, i)
    return _cuts(word, best, 1)


@lru_cache(maxsize=65536)
def _pieces(word: str, known: frozenset) -> list[tuple[int, str]]:
    parts = []
    s = 0
    for k in range(1, len(word)):
        if word[k - 1].islower() and word[k].isupper():
            parts.append((s, word[s:k]))
            s = k
    parts.append((s, word[s:]))
    out = []
    for off, p in parts:
        if any(ch.isdigit() for ch in p):
            out.append((off, p))
        elif len(p) >= 2 and p.isupper():
            out.extend((off + o, t) for o, t in _split_abbrev(p, known))
        else:
            out.extend((off + o, t) for o, t in _split_syllables(p))
    return out


def _tokenize(text: str, known: Optional[frozenset] = None) -> list[_Tok]:
    if known is None:
        known = _lex().known_abbrev
    toks: list[_Tok] = []
    prev_end = 0
    for m in _RAW.finditer(text):
        w = m.group(0)
        nl = "\n" in text[prev_end:m.start()]
        prev_end = m.end()
        if not (w[0].isalnum() or unicodedata.category(w[0]).startswith("M")):
            toks.append(_Tok(w, m.start(), m.end(), fold(w), "p", False, False, nl))
            continue
        nfc = unicodedata.normalize("NFC", w)
        if nfc != w:  # decomposed input: match on the composed form, keep the offsets
            toks.append(_Tok(w, m.start(), m.end(), fold(nfc), "w", w[0].isupper(),
                             w.isupper() and len(w) > 1, nl))
            continue
        for off, p in _pieces(w, known):
            st = m.start() + off
            letters = [c for c in p if c.isalpha()]
            kind = "n" if p.isdigit() else "w"
            toks.append(_Tok(p, st, st + len(p), fold(p), kind, p[0].isupper(),
                             len(letters) >= 2 and all(c.isupper() for c in letters), nl))
            nl = False
    return toks


# --------------------------------------------------------------------------- lexicon
_CLASSES = ("standalone", "named", "capital_only", "names", "holders", "holders_alone",
            "holder_mods", "honorifics", "quantifiers", "levels", "not_levels", "generic",
            "person_heads", "person_nouns", "generic_places", "not_generic", "coordinated_bodies", "strong_q", "weak_q", "of_unit", "of_unit_group",
            "upper_levels", "advisory", "area", "field", "branch", "stop_caps", "stop_words")


class _Lexicon:
    def __init__(self, data: dict):
        self.known_abbrev = frozenset(data.get("abbreviations", {}))
        self.expand = {fold(k): v for k, v in data.get("abbreviations", {}).items()}
        self.trie: dict = {}
        lists = {k: data.get(k) or [] for k in _CLASSES}
        lists["strong_q"] = data.get("qualifiers", {}).get("strong", [])
        lists["weak_q"] = data.get("qualifiers", {}).get("weak", [])
        for k in ("of_unit", "of_unit_group", "upper_levels", "advisory", "area", "field", "branch"):
            lists[k] = data.get("linkers", {}).get(k, [])
        holders = list(lists["holders"])
        holders += [f"Phó {h}" for h in holders if not fold(h).startswith("phó")]
        lists["holders"] = holders
        self.capital_only: set[tuple] = set()
        for cls, phrases in lists.items():
            for p in phrases:
                key = tuple(t.f for t in _tokenize(str(p), self.known_abbrev))
                if not key:
                    continue
                if cls == "capital_only":
                    self.capital_only.add(key)
                    continue
                node = self.trie
                for f in key:
                    node = node.setdefault(f, {})
                node.setdefault("\0", set()).add(cls)

    def ends(self, toks: list[_Tok], i: int, cls: str) -> list[int]:
        """Token indices where a phrase of ``cls`` starting at ``i`` ends (ascending)."""
        out = []
        node = self.trie
        j = i
        while j < len(toks):
            node = node.get(toks[j].f)
            if node is None:
                break
            j += 1
            if cls in node.get("\0", ()):
                out.append(j)
        return out


@lru_cache(maxsize=1)
def _lex() -> _Lexicon:
    return _Lexicon(load_patterns("units"))


# --------------------------------------------------------------------------- grammar
_SEPS = (",", "và", "&", "/")


def _memo(fn):
    """Cache a parser method on its arguments (the grammar is a pure function of the
    position and flags), and stop very deep nesting (a page of heads with no punctuation)."""
    name = fn.__name__

    def wrapper(self, *args):
        key = (name, *args)
        hit = self._cache.get(key, _MISS)
        if hit is not _MISS:
            return hit
        if self._depth > _MAX_DEPTH:
            return (args[0], False) if name == "mods" else None
        self._depth += 1
        try:
            r = fn(self, *args)
        finally:
            self._depth -= 1
        self._cache[key] = r
        return r

    wrapper.__name__ = name
    wrapper.__doc__ = fn.__doc__
    return wrapper


_MISS = object()
_MAX_DEPTH = 60


class _Parser:
    def __init__(self, toks: list[_Tok], lex: _Lexicon):
        self.t = toks
        self.n = len(toks)
        self.lex = lex
        self._ends: dict = {}
        self._cache: dict = {}
        self._depth = 0

    # ---- helpers
    def tok(self, k: int) -> Optional[_Tok]:
        return self.t[k] if 0 <= k < self.n else None

    def ends(self, k: int, cls: str) -> list[int]:
        key = (k, cls)
        if key not in self._ends:
            self._ends[key] = self.lex.ends(self.t, k, cls) if k < self.n else []
        return self._ends[key]

    def longest(self, k: int, cls: str) -> Optional[int]:
        e = self.ends(k, cls)
        return e[-1] if e else None

    def word(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and t.kind in ("w", "n")

    def lowercase_word(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and t.kind == "w" and not t.cap

    def is_level(self, k: int) -> Optional[int]:
        e = self.longest(k, "levels")
        if e is None or self.longest(k, "not_levels"):
            return None
        for cls in ("standalone", "named", "holders"):
            h = self.longest(k, cls)
            if h is not None and h > e:
                return None
        return e

    def head_start(self, k: int) -> bool:
        """A head, holder, honorific or level starts at ``k`` (ends a name or a place).
        A one-syllable head followed by a lowercase syllable is a word (``Tổ chức``)."""
        for cls in ("standalone", "named", "holders", "honorifics"):
            e = self.longest(k, cls)
            if e is None:
                continue
            if e == k + 1 and self.lowercase_word(k + 1) and not self.stop_at(k + 1) \
                    and self.is_level(k + 1) is None:
                continue
            return True
        return self.is_level(k) is not None

    def stop_at(self, k: int) -> bool:
        return bool(self.ends(k, "stop_words")) or bool(self.ends(k, "quantifiers"))

    def name_word_ok(self, k: int) -> bool:
        t = self.tok(k)
        if t is None or t.kind != "w" or not t.cap:
            return False
        if self.head_start(k) or self.ends(k, "stop_caps") or self.ends(k, "quantifiers"):
            return False
        if len(t.text) == 1 and not self.lowercase_word(k + 1):
            return False
        return True

    def absorbable(self, k: int) -> bool:
        """A lowercase syllable that can be the rest of a capitalised name word."""
        t = self.tok(k)
        return (t is not None and t.kind == "w" and not t.cap and not self.stop_at(k)
                and self.is_level(k) is None and not self.ends(k, "weak_q")
                and not self.ends(k, "strong_q"))

    # ---- names and places
    @_memo
    def cap_name(self, j: int) -> Optional[int]:
        """Capitalised name words joined by và & - , (``Văn hóa, Thể thao và Du lịch``)."""
        k = j
        end = None
        first = True
        after_conn = True
        prev_cap = False
        while k < self.n:
            t = self.t[k]
            if self.name_word_ok(k):
                if not first and not after_conn and t.nl:
                    break
                k += 1
                end = k
                if not t.upper and not prev_cap and self.absorbable(k):
                    k += 1
                    end = k
                    prev_cap = False
                else:
                    prev_cap = True
                while self.tok(k) is not None and self.t[k].kind == "n" and not self.t[k].nl:
                    k += 1
                    end = k
                first = after_conn = False
                continue
            if end is not None and t.f in ("và", "&", "-", ",") and not (t.f == "-" and t.nl):
                if self.name_word_ok(k + 1) and not (t.f == "," and self.t[k + 1].nl):
                    k += 1
                    after_conn = True
                    prev_cap = False
                    continue
            break
        return end

    @_memo
    def name(self, j: int) -> Optional[int]:
        best = self.longest(j, "names")
        c = self.cap_name(j)
        if c is not None and (best is None or c > best):
            best = c
        return best

    @_memo
    def place_name(self, j: int) -> Optional[int]:
        """Capitalised place words on the same line (``Bình Sơn``, ``QUẢNG NGÃI``, ``1``)."""
        k = j
        while k < self.n and not self.t[k].nl:
            t = self.t[k]
            if t.kind == "n" and k == j:
                k += 1
                break
            if not self.name_word_ok(k):
                break
            k += 1
        return k if k > j else None

    @_memo
    def level_item(self, k: int, plural: bool) -> Optional[int]:
        """``các`` level place-name(s): ``huyện Bình Sơn``, ``các tỉnh Hưng Yên, Hòa Bình``
        (a list of places only in a plural coordination)."""
        q = self.longest(k, "quantifiers")
        j = q or k
        e = self.is_level(j)
        if e is None:
            return None
        p = self.place_name(e)
        if p is None:
            return e
        while (plural or q is not None) and self.tok(p + 1) is not None \
                and self.t[p].f in (",", "và") and not self.t[p + 1].nl:
            p2 = self.place_name(p + 1)
            if p2 is None or self.is_level(p + 1) is not None:
                break
            p = p2
        return p

    @_memo
    def level_coord(self, k: int) -> Optional[int]:
        """Levels joined by , và & / into one unit: ``các xã, thị trấn``, ``cấp tỉnh, cấp xã``."""
        plural = self.longest(k, "quantifiers") is not None
        e = self.level_item(k, False)
        if e is None:
            return None
        while True:
            t = self.tok(e)
            if t is not None and t.f in _SEPS:
                e2 = self.level_item(e + 1, plural)
                if e2 is not None:
                    e = e2
                    continue
            return e

    def field(self, k: int) -> Optional[int]:
        """Free text after ``phụ trách lĩnh vực``: to the end of the line or a stop word."""
        j = k
        end = None
        count = 0
        while j < self.n and count < 10:
            t = self.t[j]
            if t.nl and j > k:
                break
            if t.kind in ("w", "n"):
                if self.stop_at(j) and t.f != "và":
                    break
                j += 1
                end = j
                count += 1
                continue
            if t.f in ("-", "&") and end is not None:
                j += 1
                continue
            if t.f == "," and end is not None and self.tok(j + 1) is not None \
                    and self.t[j + 1].cap and not self.t[j + 1].nl:
                j += 1
                continue
            break
        return end

    # ---- modifiers
    @_memo
    def mods(self, e: int, kind: str, comp: bool, bare: bool, after_head: bool,
             first_nl: bool = False) -> tuple[int, bool]:
        """Modifiers after a head, a name or a group, from token ``e``: returns the end and
        whether a *strong* one was seen (a level, place, complement unit, linker, branch,
        field or specific qualifier), which a bare group or a nameless head needs."""
        k = e
        strong = False
        placed = not after_head
        while k < self.n:
            t = self.t[k]
            if t.nl and t.cap and not (first_nl and k == e):
                break  # a new capitalised line: a header line or a new item
            if t.cap and self.ends(k, "stop_caps"):
                break
            # (ABBR)
            if t.f == "(" and self.tok(k + 2) is not None and self.t[k + 1].upper \
                    and self.t[k + 2].f == ")":
                k += 3
                continue
            lv = self.level_coord(k)
            if lv is not None:
                k, strong, placed, bare = lv, True, True, False
                continue
            if not placed:
                placed = True
                p = self.cap_name(k) if not t.nl else None
                if p is not None and self.t[k].kind == "w":
                    k, strong, bare = p, True, False
                    continue
            # "Văn phòng HĐND và UBND huyện": bare bodies coordinated inside a complement
            if comp and bare and t.f in ("và", "&", ",") and self.tok(k + 1) is not None:
                e2 = self.longest(k + 1, "coordinated_bodies")
                if e2 is not None:
                    k = e2
                    continue
            # a complement unit: "Văn phòng UBND tỉnh", "Đảng ủy UBND xã"
            if not t.nl or (first_nl and k == e):
                c = self.head_core(k, False, True)
                if c is None and first_nl and k == e:
                    c = self.holder(k, False)  # "Cơ quan Thường trực Tổ công tác ..."
                if c is not None:
                    k, strong, bare = c, True, False
                    continue
            moved = False
            for cls in ("of_unit", "of_unit_group", "advisory"):
                if cls == "of_unit_group" and kind == "head":
                    continue
                if cls == "advisory" and kind != "generic":
                    continue
                for le in reversed(self.ends(k, cls)):
                    c = self.core(le, True, True)
                    if c is None and cls == "of_unit":
                        c = self.level_coord(le) or self.longest(le, "upper_levels")
                    if c is not None:
                        k, strong, moved = c, True, True
                        break
                if moved:
                    break
            if moved:
                continue
            q = self.longest(k, "strong_q")
            if q is not None:
                k, strong = q, True
                continue
            if kind != "person":
                q = self.longest(k, "weak_q")
                if q is not None:
                    k = q
                    continue
                for le in reversed(self.ends(k, "area")):
                    lv = self.level_coord(le)
                    if lv is not None:
                        k, moved = lv, True
                        break
                if moved:
                    continue
            for le in reversed(self.ends(k, "branch")):
                nm = self.name(le) or self.level_coord(le)
                if nm is not None:
                    k, strong, moved = nm, True, True
                    break
            if moved:
                continue
            if kind == "person":
                for le in reversed(self.ends(k, "field")):
                    fe = self.field(le)
                    if fe is not None:
                        k, strong, moved = fe, True, True
                        break
                if moved:
                    continue
            break
        return k, strong

    def cap_ok(self, i: int, e: int, licensed: bool) -> bool:
        key = tuple(t.f for t in self.t[i:e])
        return licensed or self.t[i].cap or key not in self.lex.capital_only

    # ---- cores
    @_memo
    def head_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        if not self.word(i):
            return None
        if i > 0 and self.t[i - 1].end == self.t[i].start and (
                self.t[i - 1].f == "/" or (self.t[i - 1].f == "-" and self.word(i - 2))):
            return None  # a document symbol: 4457/UBND-TTHC, /QĐ-UBND
        best = None
        for e in self.ends(i, "standalone"):
            if not self.cap_ok(i, e, licensed):
                continue
            r, _ = self.mods(e, "head", comp, True, True, False)
            best = r if best is None or r > best else best
        for e in self.ends(i, "named"):
            nm = self.name(e)
            if nm is not None and e == i + 1 and self.t[i].upper and self.longest(e, "names") is None:
                nm = None  # all caps "VỤ GIẢI PHÁP", "HỘI NGHỊ": only known names
            if nm is not None and (self.cap_ok(i, e, licensed) or (
                    self.t[e].cap and not self.word(i - 1))):  # ", phòng Kinh tế"
                r, _ = self.mods(nm, "head", comp, False, False, False)
            elif self.cap_ok(i, e, licensed):
                r, strong = self.mods(e, "head", comp, False, False, True)
                if not strong:
                    continue
            else:
                continue
            if best is None or r > best:
                best = r
        return best

    def group_noun(self, k: int, places: bool) -> Optional[int]:
        if self.ends(k, "not_generic") or self.ends(k, "not_levels") or not self.word(k):
            return None
        e = self.longest(k, "generic")
        if places:
            e2 = self.longest(k, "generic_places")
            if e2 is not None and (e is None or e2 > e):
                e = e2
        return e

    @_memo
    def generic_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        e = self.group_noun(i, places=licensed)
        if e is None:
            return None
        conj = 1
        j = e
        while j < self.n and self.t[j].f in _SEPS:
            nxt = j + 1
            if self.ends(nxt, "quantifiers"):
                break
            e2 = self.group_noun(nxt, places=True)
            if e2 is not None and self.tok(nxt).cap and self.head_core(nxt, False, False):
                break  # ", Sở Nội vụ": a unit of its own
            if e2 is None:
                e2 = self.longest(nxt, "person_nouns")
            if e2 is None:
                break
            j = e2
            conj += 1
        # "các trường Mầm non, Tiểu học", "các Sở: Nội vụ, Thông tin và Truyền thông":
        # a group noun that is also a named head, with the names of its members
        if conj == 1 and licensed and self.ends(i, "named"):
            k = j + 1 if self.tok(j) is not None and self.t[j].f == ":" else j
            nm = self.cap_name(k)
            if nm is not None and not self.t[k].nl:
                j = nm
        r, strong = self.mods(j, "generic", comp, False, False, False)
        if licensed or strong or (self.t[i].cap and conj >= 2):
            return r
        return None

    @_memo
    def person_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        e = self.longest(i, "person_heads")
        if e is None:
            return None
        j = e
        while j < self.n and self.t[j].f in _SEPS:
            e2 = self.longest(j + 1, "person_nouns")
            if e2 is None:
                break
            j = e2
        r, strong = self.mods(j, "person", comp, False, False, False)
        return r if strong else None

    @_memo
    def core(self, i: int, led: bool = False, comp: bool = False) -> Optional[int]:
        q = self.longest(i, "quantifiers")
        j = q if q is not None else i
        licensed = led or q is not None
        best = None
        for fn in (self.head_core, self.generic_core, self.person_core):
            e = fn(j, licensed, comp or led)
            if e is not None and (best is None or e > best):
                best = e
        return best

    @_memo
    def holder(self, i: int, honoured: bool = False) -> Optional[int]:
        """An office holder with its unit (``Chủ tịch UBND huyện``), with a level (``Trưởng
        thôn``) or a field (``Chuyên viên phụ trách lĩnh vực ...``); alone only after an
        honorific or for the titles in ``holders_alone``."""
        if not self.t[i].cap and self.ends(i, "stop_words"):
            return None
        best = None
        for e in reversed(self.ends(i, "holders")):  # "Trưởng Ban" or "Trưởng" + "Ban ..."
            r = self._holder_from(i, e, honoured)
            if r is not None and (best is None or r > best):
                best = r
        return best

    def _holder_from(self, i: int, e: int, honoured: bool) -> Optional[int]:
        h = e
        hm = self.longest(h, "holder_mods")
        if hm is not None and self.core(hm, True, True) is not None:
            h = hm
        c = self.core(h, True, True)
        if c is not None:
            return c
        lv = self.level_coord(h)
        if lv is not None and h == e:
            return lv  # Trưởng thôn
        if self.t[i].cap:
            for le in reversed(self.ends(h, "field")):
                fe = self.field(le)
                if fe is not None:
                    return fe
        if honoured or (self.longest(i, "holders_alone") == e and self.t[i].cap):
            return h
        return None

    @_memo
    def mention(self, i: int) -> Optional[int]:
        if not self.word(i):
            return None
        starts = [i]
        h = self.longest(i, "honorifics")
        if h is not None:
            starts.append(h)
        best = None
        for s in starts:
            for e in (self.holder(s, s > i), self.core(s, False, False)):
                if e is not None and (best is None or e > best):
                    best = e
        return best


# --------------------------------------------------------------------------- API
def _spans(text: str, toks: list[_Tok], lex: _Lexicon) -> list[tuple[int, int]]:
    p = _Parser(toks, lex)
    out = []
    i = 0
    while i < p.n:
        e = p.mention(i)
        if e is not None and e > i:
            while e > i + 1 and toks[e - 1].kind == "p" and toks[e - 1].f != ")":
                e -= 1
            out.append((i, e))
            i = e
        else:
            i += 1
    return out


def find_units(text: str) -> list[UnitSpan]:
    """Every mention of a unit or office holder in ``text``, in order, not overlapping.

    >>> [u.text for u in find_units("Giao Phòng Nội vụ chủ trì, phối hợp với UBND các xã, thị trấn")]
    ['Phòng Nội vụ', 'UBND các xã, thị trấn']
    """
    if not text:
        return []
    lex = _lex()
    toks = _tokenize(text, lex.known_abbrev)
    out = []
    for i, e in _spans(text, toks, lex):
        s, t = toks[i].start, toks[e - 1].end
        out.append(UnitSpan(text[s:t], s, t, unit_key(text[s:t])))
    return out


_PIECE_SPLIT = regex.compile(r"\s*(?:[,;]|\bvà\b|&|\n\s*-)\s*", regex.IGNORECASE)
_FUNCTION_ONLY = {"và", "các", "của", "với", "cùng", "có", "liên", "quan", "giao", "đề", "nghị",
                  "yêu", "cầu", "chỉ", "đạo"}


def split_units(phrase: str) -> list[UnitSpan]:
    """Split a phrase known to name units (``Sở Tài chính, Sở Nội vụ và UBND các huyện``)
    into units. Recognised mentions come first-class; text between them that the grammar
    does not know (``VNPT Lai Châu``) is cut at commas, semicolons and ``và`` and kept as
    written. A leading office holder followed by a colon (``Giám đốc: Sở A, Sở B``) is
    dropped: each unit after it is returned on its own."""
    units = find_units(phrase)
    out: list[UnitSpan] = []
    pos = 0

    def gap(a: int, b: int) -> None:
        seg = phrase[a:b]
        for m in _split_iter(seg):
            s, t = a + m[0], a + m[1]
            piece = phrase[s:t]
            words = [w for w in regex.findall(r"\w+", fold(piece))]
            if not words or all(w in _FUNCTION_ONLY for w in words):
                continue
            if phrase[t:t + 1] == ":" and not out and all(
                    u.start >= t for u in units):
                continue  # "Giám đốc: ..." heads the list
            out.append(UnitSpan(piece, s, t, unit_key(piece)))

    for u in units:
        gap(pos, u.start)
        out.append(u)
        pos = u.end
    gap(pos, len(phrase))
    out.sort(key=lambda u: u.start)
    return out


def _split_iter(seg: str):
    pos = 0
    for m in _PIECE_SPLIT.finditer(seg):
        yield from _trimmed(seg, pos, m.start())
        pos = m.end()
    yield from _trimmed(seg, pos, len(seg))


def _trimmed(seg: str, a: int, b: int):
    while a < b and (seg[a].isspace() or seg[a] in "-–:.;,()*"):
        a += 1
    while b > a and (seg[b - 1].isspace() or seg[b - 1] in "-–:.;,()*"):
        b -= 1
    if b > a:
        yield (a, b)


@lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """Grouping form of a unit name.

    >>> unit_key("VP HĐND & UBND huyện") == unit_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện")
    True
    >>> unit_key("Uỷ ban MTTQ xã") == unit_key("Ủy ban Mặt trận Tổ quốc xã")
    True
    """
    lex = _lex()
    toks = _tokenize(unicodedata.normalize("NFC", name or ""), lex.known_abbrev)
    p = _Parser(toks, lex)
    i = p.longest(0, "honorifics") or 0
    words: list[str] = []
    while i < len(toks):
        t = toks[i]
        if t.f == "(":
            j = i + 1
            while j < len(toks) and toks[j].f != ")":
                j += 1
            if j < len(toks) and all(x.upper for x in toks[i + 1:j]):
                i = j + 1
                continue
            i += 1
            continue
        if t.kind == "p":
            if t.f == "&":
                words.append("và")
            i += 1
            continue
        exp = lex.expand.get(t.f) if (t.upper or t.text in lex.known_abbrev) else None
        if exp:
            words.extend(fold(w) for w in exp.replace(",", " ").replace("-", " ").split())
        else:
            words.append(t.f)
        i += 1
    return " ".join(words)
