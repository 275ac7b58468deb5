"""Word knowledge from underthesea for the unit grammar: where words end, their part of
speech, and which two syllables make a word. Asked only where a name meets lowercase
syllables (``Bộ Ngoại giao``, ``Ban Quản lý Khu kinh tế``, never ``Bộ Ngoại`` or ``Khu
kinh``) and for a few open-vocabulary decisions (see the package docstring).

Surface forms handled: the tokens of the tokeniser (glued PDF words already split:
``vụĐảng`` is two syllables here, so underthesea never sees the glue), punctuation
included, in a window around the decision.

How
---
- Only a window around a decision is segmented: up to 4 tokens before it and 8 from it,
  not across a sentence end (``.``, ``;``, ``?``, ``!``), lazily (:meth:`Segmenter.words`).
  The text is lowercased first: on capitalised text the model glues a name to the verb
  after it (``Chỉ đạo định kỳ``, ``Tôn giáo phê duyệt``), on lowercase it does not.
- Parts of speech (underthesea's ``pos_tag``, same segmentation) when a word's class
  decides: a one-syllable name word takes the next word only if it is a noun (``Khu kinh
  tế``, not ``Cục Thuế trả lời``); nouns after a role (``chủ đầu tư dự án …``) or a job
  verb (``Cục Quản lý ruộng đất``) (:meth:`noun_after`, :meth:`tag`,
  :meth:`noun_phrase_end`).
- The two-syllable words of underthesea's dictionary (Viet74K, shipped in its wheel) for
  the boundaries the tagger gets wrong right after a head (:meth:`alone`, :meth:`joined`,
  :meth:`cuts_word`).
- underthesea is imported and its models loaded once per process, on first use (~0.6 s
  CPU), then ``gc.freeze()``; a window of 12 tokens costs ~0.4 ms to segment and ~1.2 ms to
  tag. Results are cached per window (the task finder parses the same sentence many
  times, on overlapping slices: windows stop at sentence ends so that they repeat).
- Offsets: the window is given to ``word_tokenize`` as its tokens joined by single spaces,
  so each output word is a sequence of whole input tokens. underthesea rewrites old-style
  tones (``uỷ`` → ``ủy``), which keeps lengths; the alignment is checked token by token
  (lengths), and a window whose output does not align is treated as unsegmented.
- Without underthesea (not installed, or ``CHIDAO_SEGMENTER=off``) every syllable is its
  own word, there are no tags and no dictionary, and the grammar falls back to its
  one-syllable rule.
"""
from __future__ import annotations

import gc
import os
import unicodedata
from functools import lru_cache
from typing import Callable, Optional

from ...normalize import fold
from .tokens import Tok

__all__ = ["Segmenter", "segmenter_available"]

_LEFT, _RIGHT = 4, 8  # syllables of context segmented before and after a decision
_ENDS = frozenset(".;?!")  # a window stops at these


@lru_cache(maxsize=1)
def _nlp():
    """underthesea's ``(word_tokenize, pos_tag)``, or None when it is unavailable or
    switched off (``CHIDAO_SEGMENTER=off``)."""
    if os.environ.get("CHIDAO_SEGMENTER", "").lower() in ("0", "off", "no", "false"):
        return None
    try:
        from underthesea import pos_tag, word_tokenize  # noqa: PLC0415  (heavy: ~0.7 s, once)

        word_tokenize("khởi động")
        pos_tag("khởi động")  # load both models now
    except Exception:  # not installed, or a broken installation: fall back
        return None
    # The models are ~10^6 long-lived Python objects: left to the cyclic garbage collector
    # they make every later collection slow (the whole extraction ran ~30% slower). Move
    # everything alive now to the permanent generation.
    gc.freeze()
    return word_tokenize, pos_tag


@lru_cache(maxsize=1)
def _words() -> frozenset:
    """Two-syllable words of underthesea's dictionary (Viet74K, in its wheel), as pairs of
    folded syllables; empty without underthesea. ~0.1 s, once."""
    if _nlp() is None:
        return frozenset()
    try:
        import underthesea  # noqa: PLC0415

        path = os.path.join(os.path.dirname(underthesea.__file__), "corpus", "data", "Viet74K.txt")
        with open(path, encoding="utf-8") as fh:
            text = fold(unicodedata.normalize("NFC", fh.read()))
    except Exception:
        return frozenset()
    return frozenset(tuple(w) for w in (line.split() for line in text.splitlines()) if len(w) == 2)


def segmenter_available() -> bool:
    return _nlp() is not None


def _align(words: list[str], syllables: tuple[str, ...]) -> Optional[tuple[int, ...]]:
    """Word lengths in syllables, when ``words`` cover ``syllables`` exactly (lengths
    compared: the tone rewrite keeps them), else None."""
    out = []
    i = 0
    for w in words:
        parts = w.split(" ")
        for p in parts:
            if i >= len(syllables) or len(p) != len(syllables[i]):
                return None
            i += 1
        out.append(len(parts))
    return tuple(out) if i == len(syllables) else None


@lru_cache(maxsize=16384)
def _lengths(syllables: tuple[str, ...]) -> Optional[tuple[int, ...]]:
    """Word lengths (in syllables) of a lowercased run, or None."""
    nlp = _nlp()
    if nlp is None or not syllables:
        return None
    try:
        return _align(nlp[0](" ".join(syllables)), syllables)
    except Exception:  # the segmenter must never break extraction
        return None


@lru_cache(maxsize=4096)
def _tags(syllables: tuple[str, ...]) -> Optional[tuple[tuple[int, str], ...]]:
    """(word length, part-of-speech tag) of each word of a lowercased run, or None."""
    nlp = _nlp()
    if nlp is None or not syllables:
        return None
    try:
        tagged = nlp[1](" ".join(syllables))
    except Exception:
        return None
    lens = _align([w for w, _ in tagged], syllables)
    return None if lens is None else tuple(zip(lens, (t for _, t in tagged)))


class Segmenter:
    """Word boundaries and tags around a decision point, computed on demand and cached."""

    def __init__(self, toks: list[Tok]):
        self.t = toks
        self._words: dict[tuple[int, bool], list[tuple[int, int, str]]] = {}

    def _window(self, c: int) -> tuple[int, int]:
        """The tokens around ``c``, up to ``_LEFT`` before and ``_RIGHT`` after, whatever
        they are (the model needs context: alone, ``văn hóa`` is two words; after ``các
        sở :`` it is one; a line break is no word boundary in PDF text), but not across the
        end of a sentence (``.``, ``;``, ``?``, ``!``): the task finder parses slices of a
        text that start at such marks, and the same window then hits the cache."""
        t = self.t
        a = c
        while a > 0 and a > c - _LEFT and t[a - 1].f not in _ENDS:
            a -= 1
        b = c + 1
        while b < len(t) and b < c + _RIGHT and t[b].f not in _ENDS:
            b += 1
        return a, b

    def words(self, c: int, tagged: bool = False) -> list[tuple[int, int, str]]:
        """The words around token ``c`` as (start, end, tag) token indices (tag ``""``
        unless ``tagged``); ``[]`` when the segmenter is unavailable or fails."""
        key = (c, tagged)
        if key not in self._words:
            out: list[tuple[int, int, str]] = []
            if self.t[c].kind == "w" and _nlp() is not None:
                a, b = self._window(c)
                sylls = tuple(x.text.lower() for x in self.t[a:b])
                res = _tags(sylls) if tagged else _lengths(sylls)
                i = a
                for item in res or ():
                    n, tag = item if tagged else (item, "")
                    out.append((i, i + n, tag))
                    i += n
            self._words[key] = out
        return self._words[key]

    def word_end(self, c: int) -> int:
        """End (exclusive token index) of the word that holds token ``c``; ``c + 1`` when
        the segmenter is unavailable or ``c`` is a word of one syllable."""
        for s, e, _ in self.words(c):
            if s <= c < e:
                return e
        return c + 1

    def noun_after(self, c: int) -> Optional[int]:
        """When the word right after token ``c``'s word is a noun (tags ``N``, ``Nc``,
        ``Np`` ...), its end; 0 when it is something else; None without the tagger."""
        ws = self.words(c, tagged=True)
        for i, (s, e, _) in enumerate(ws):
            if s <= c < e:
                if i + 1 < len(ws):
                    return ws[i + 1][1] if ws[i + 1][2].startswith("N") else 0
                return 0
        return None

    def tag(self, k: int) -> Optional[str]:
        """The tag of the word that starts at token ``k`` (None when the tagger is
        unavailable or a word starts before ``k``)."""
        for s, e, tag in self.words(k, tagged=True):
            if s == k:
                return tag
        return None

    def joined(self, a: int) -> bool:
        """Tokens ``a`` and ``a + 1`` make a two-syllable word of the dictionary (``văn
        bản``, ``nông thôn``, ``xã hội``); False without underthesea."""
        t = self.t
        return (0 <= a and a + 1 < len(t) and t[a].kind == "w" and t[a + 1].kind == "w"
                and (t[a].f, t[a + 1].f) in _words())

    def cuts_word(self, e: int) -> bool:
        """A boundary before token ``e`` would cut a dictionary word: ``e - 1`` and ``e``
        make one and ``e`` (lowercase) starts none with the token after it (``tỉnh ủy |
        quyền cho``; not ``Chính phủ | quyết định``, ``Công an | thành phố``)."""
        t = self.t
        return (0 < e < len(t) and t[e].kind == "w" and not t[e].cap
                and self.joined(e - 1) and not self.joined(e))

    def joined_or_unknown(self, a: int) -> bool:
        """:meth:`joined`, or True when there is no dictionary (the old rule: any two
        syllables may be a word)."""
        return self.joined(a) if _words() else True

    def alone(self, c: int) -> bool:
        """Token ``c`` is no syllable of a two-syllable word in underthesea's dictionary
        with its neighbour (``BAN | CHÍNH SÁCH``, ``Đài | truyền thanh``; not ``NHIỆM
        VỤ``, ``XÃ HỘI``, ``Hội nghị``, ``Ban hành``); True without underthesea. The
        dictionary, not the tagger's segmentation, which is fickle around a capitalised
        head (``đài truyền | thanh xã``)."""
        return not (self.joined(c - 1) or self.joined(c))

    def noun_phrase_end(self, k: int, limit: int, stop: Callable[[int], bool],
                        after_noun: bool = False, verbs: bool = True) -> int:
        """End of the run of nouns and adjectives that starts at token ``k`` (``dự án hạ
        tầng kỹ thuật khu``, ``thứ cấp``), at most ``limit`` words; ``k`` when there is
        none or the tagger is unavailable; never past a token where ``stop`` holds (the
        grammar's stop words). A verb between two nouns counts as a noun (the tagger's
        ``dự án | hạ tầng/V | khu``) unless ``verbs`` is off; with ``after_noun`` the word
        before ``k`` is one.
        Each word is tagged in a window around it."""
        n = 0
        while n < limit and k < len(self.t) and self.t[k].kind == "w" and not self.t[k].cap \
                and not stop(k):
            tag = self.tag(k)
            e = self.word_end(k)
            if tag is None or e <= k:
                break
            if not (tag.startswith("N") or tag == "A"):
                # a verb between two nouns is a noun the tagger missed: "dự án | hạ tầng | khu"
                nxt = self.tag(e) if e < len(self.t) and self.t[e].kind == "w" else None
                if not (verbs and (n or after_noun) and tag == "V" and nxt is not None
                        and nxt.startswith("N")):
                    break
            if self.joined(e - 1) and not self.joined(e):
                e += 1  # "thứ | cấp" for the tagger, "thứ cấp" for the dictionary (not "đô thị | thành phố")
            k = e
            n += 1
        return k
