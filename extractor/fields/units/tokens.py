"""Tokens for the unit grammar: syllables and single punctuation marks with offsets into
the input, a folded form and case flags; glued PDF words split (see the package docstring)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ...normalize import fold

@dataclass
class Tok:
    text: str
    start: int
    end: int
    f: str  # folded (lowercase, new-style tones)
    kind: str  # "w" word, "n" number, "p" punctuation
    cap: bool  # first character is a capital
    upper: bool  # all letters are capitals (two or more letters)
    nl: bool  # a line break between the previous token and this one (not a soft one)
    soft: bool = False  # a soft line break (wrapped running text) before this token


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


_FOOTNOTE = regex.compile(r"(\p{L}*\p{Ll})(\p{N}{1,3})")


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
        m = _FOOTNOTE.fullmatch(p)
        if m:  # "vụ1", "tỉnh²": a footnote mark glued to a word (dropped by tokenize())
            out.extend((off + o, t) for o, t in _pieces(m.group(1), known))
            out.append((off + m.start(2), m.group(2)))
        elif any(ch.isdigit() for ch in p):
            out.append((off, p))
        elif len(p) >= 2 and p.isupper():
            out.extend((off + o, t) for o, t in _split_abbrev(p, known))
        elif p[0].isupper() and p.isascii():
            out.append((off, p))  # a foreign name ("Minebea", "Hanesbrands"), not glued syllables
        else:
            out.extend((off + o, t) for o, t in _split_syllables(p))
    return out


_MARKER = regex.compile(r"[-+*•|–—>#]|(?:\p{N}{1,2}|\p{L}|[IVXL]{1,5})[.)]")
_HEADING = regex.compile(r"[IVXL]{1,5}\.\s")  # a section heading ("III. Về …") fits one line
_SOFT_MIN = 45  # a wrapped line of running text is at least this long


def soft_break(text: str, prev_end: int, start: int) -> bool:
    """The line break between ``text[:prev_end]`` and ``text[start:]`` wraps running text
    (a PDF or a web page cut at a fixed width: ``… làm việc với UBND tỉnh`` / ``Đồng Nai,
    ACV …``): one line break, the line before is prose (lowercase letters, at least
    ``_SOFT_MIN`` characters, no column gap of three spaces, no table bar) that does not
    end a sentence or a clause (``.;:!?``) and is no section heading (``III. …``), and the
    next line is not indented and opens with no list marker (``-``, ``+``, ``1.``, ``a)``,
    ``II.``, ``|``)."""
    gap = text[prev_end:start]
    if gap.count("\n") != 1 or "\x0c" in gap:
        return False
    ls = text.rfind("\n", 0, prev_end) + 1
    line = text[ls:prev_end]
    if len(line.strip()) < _SOFT_MIN or line.rstrip()[-1:] in ".;:!?|" or "   " in line.strip() \
            or "|" in line or not any(c.islower() for c in line) or _HEADING.match(line.strip()):
        return False
    return not _MARKER.match(text, start) and not text.startswith("   ", prev_end + gap.index("\n") + 1)


def tokenize(text: str, known: frozenset) -> list[Tok]:
    toks: list[Tok] = []
    prev_end = 0
    for m in _RAW.finditer(text):
        w = m.group(0)
        nl = "\n" in text[prev_end:m.start()]
        soft = nl and soft_break(text, prev_end, m.start())
        nl = nl and not soft
        prev_end = m.end()
        if not (w[0].isalnum() or unicodedata.category(w[0]).startswith("M")):
            toks.append(Tok(w, m.start(), m.end(), fold(w), "p", False, False, nl, soft))
            continue
        nfc = unicodedata.normalize("NFC", w)
        if nfc != w:  # decomposed input: match on the composed form, keep the offsets
            toks.append(Tok(w, m.start(), m.end(), fold(nfc), "w", w[0].isupper(),
                             w.isupper() and len(w) > 1, nl, soft))
            continue
        for off, p in _pieces(w, known):
            if off and p.isdigit() and w[off - 1].islower():
                continue  # a footnote mark glued to a word ("Sở Nội vụ1"): not a token
            st = m.start() + off
            letters = [c for c in p if c.isalpha()]
            kind = "n" if p.isdigit() else "w"
            toks.append(Tok(p, st, st + len(p), fold(p), kind, p[0].isupper(),
                             len(letters) >= 2 and all(c.isupper() for c in letters), nl, soft))
            nl = soft = False
    return toks

