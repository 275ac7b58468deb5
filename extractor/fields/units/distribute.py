"""A head shared by a list of names, given out to each: ``Giám đốc các sở: Tài chính, Nội
vụ`` names ``Giám đốc Sở Tài chính`` and ``Giám đốc Sở Nội vụ``.

Surface forms handled (a mention of :func:`find_units`, or any unit name):

- ``[holder] các <head>: A, B, C`` and ``[holder] <Head>: A, B`` (``Giám đốc các Sở: …``,
  ``các Sở: …``, ``Giám đốc Sở: …``, ``Các Cục: …``);
- ``[unit] các <level>: A, B`` (``Ủy ban nhân dân các tỉnh: Ninh Bình, Phú Thọ`` →
  ``Ủy ban nhân dân tỉnh Ninh Bình`` …); with two levels (``các tỉnh, thành phố: Gia Lai,
  Hà Nội``) a centrally governed city (``cities`` in patterns/units.yaml) gets ``thành
  phố``, any other place the first level;
- without a colon, ``các <Head> A, B`` (``các Bộ Tài nguyên và Môi trường, Tư pháp``) and
  ``[unit] các <level> A, B và C`` (``các tỉnh Nghệ An, Quảng Ngãi và Cao Bằng``);
- names separated by ``;`` when there is one (``Văn hóa, Thể thao và Du lịch; Nội vụ``),
  else by ``,``; comma pieces that together make a name of the lexicon stay together
  (``Văn hóa, Thể thao và Du lịch``); ``và`` stays inside a name (``Kế hoạch và Đầu tư``),
  not inside a list of places.

Anything else comes back unchanged, as a one-item list.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

import regex

from ...normalize import fold
from .lexicon import Lexicon, lexicon
from .tokens import Tok, tokenize

__all__ = ["distribute"]


def distribute(name: str) -> list[str]:
    """The names a shared head gives out, or ``[name]``.

    >>> distribute("Giám đốc các sở: Kế hoạch và Đầu tư, Tài chính")
    ['Giám đốc Sở Kế hoạch và Đầu tư', 'Giám đốc Sở Tài chính']
    >>> distribute("Ủy ban nhân dân các tỉnh: Ninh Bình, Phú Thọ")
    ['Ủy ban nhân dân tỉnh Ninh Bình', 'Ủy ban nhân dân tỉnh Phú Thọ']
    """
    lex = lexicon()
    text = unicodedata.normalize("NFC", name or "")
    toks = tokenize(text, lex.known_abbrev)
    colon = next((i for i, t in enumerate(toks) if t.f == ":"), None)
    if colon == 0:
        return [name]
    out = _levels(text, toks, lex, colon) or _heads(text, toks, lex, colon)
    return out if out and len(out) >= 2 else [name]


def _heads(text: str, toks: list[Tok], lex: Lexicon, colon: Optional[int]) -> Optional[list[str]]:
    """``Giám đốc các Sở: A, B``, ``Các Cục: A, B``, ``các Bộ A, B`` (no colon)."""
    if colon is not None:
        head = next((i for i in range(colon) if colon in lex.ends(toks, i, "named")), None)
        if head is None:
            return None
        end, rest = colon, text[toks[colon].end:]
    else:
        # "các Bộ Tài nguyên và Môi trường, Tư pháp": a plural head before its first name
        head = next((i for i in range(1, len(toks) - 1) if toks[i - 1].f == "các" and toks[i].cap
                     and lex.ends(toks, i, "named") and toks[lex.ends(toks, i, "named")[-1]].cap
                     and any(t.f == "," for t in toks[i:])), None)
        if head is None:
            return None
        end = lex.ends(toks, head, "named")[-1]
        if toks[end].kind != "w" or toks[end].nl:
            return None
        rest = text[toks[end].start:]
    start = head - 1 if head > 0 and toks[head - 1].f == "các" else head
    prefix = text[:toks[start].start].strip()
    head_text = text[toks[head].start:toks[end - 1].end]
    head_text = head_text[0].upper() + head_text[1:]
    items = [" ".join(x.split()) for x in _items(rest, lex)]
    return [" ".join(x for x in (prefix, head_text, item) if x) for item in items]


def _levels(text: str, toks: list[Tok], lex: Lexicon, colon: Optional[int]) -> Optional[list[str]]:
    """``UBND các tỉnh: A, B``, ``các tỉnh, thành phố: A, B``, ``các tỉnh A, B và C``."""
    q = next((i for i in range(len(toks) - 1) if toks[i].f == "các" and _level(toks, lex, i + 1)), None)
    if q is None or (colon is not None and colon < q):
        return None
    levels: list[str] = []
    k = q + 1
    while True:
        e = _level(toks, lex, k)
        if e is None:
            return None
        levels.append(text[toks[k].start:toks[e - 1].end])
        if e < len(toks) and toks[e].f in (",", "/", "và") and _level(toks, lex, e + 1):
            k = e + 1
            continue
        break
    if colon is not None:
        if e != colon:
            return None
        rest = text[toks[colon].end:]
    else:
        if len(levels) > 1 or e >= len(toks) or toks[e].kind != "w" or not toks[e].cap:
            return None
        rest = text[toks[e].start:]
    items = [" ".join(p.split()).strip(" .") for p in regex.split(r"\s*(?:[,;]|\bvà\b)\s*", rest)
             if p.strip(" .")]
    if len(items) < 2 or not all(p[:1].isupper() for p in items):
        return None
    prefix = text[:toks[q].start].strip()
    cities = {fold(c) for c in lex.cities}
    out = []
    for item in items:
        lvl = levels[0]
        if len(levels) > 1:
            city = next((lv for lv in levels if fold(lv) in ("thành phố", "tp")), None)
            other = next((lv for lv in levels if fold(lv) not in ("thành phố", "tp")), levels[0])
            lvl = city if city is not None and fold(item) in cities else other
        out.append(" ".join(x for x in (prefix, lvl, item) if x))
    return out


def _level(toks: list[Tok], lex: Lexicon, k: int) -> Optional[int]:
    if k >= len(toks):
        return None
    e = lex.ends(toks, k, "levels")
    return e[-1] if e else None


def _items(rest: str, lex: Lexicon) -> list[str]:
    if ";" in rest:
        return [p.strip(" .") for p in rest.split(";") if p.strip(" .")]
    pieces = [p.strip(" .") for p in rest.split(",") if p.strip(" .")]
    names = {tuple(t.f for t in tokenize(", ".join(pieces[a:b]), lex.known_abbrev))
             for a in range(len(pieces)) for b in range(a + 2, min(len(pieces), a + 4) + 1)}
    known = {key for key in names if "names" in _classes(lex, key)}
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for b in range(min(len(pieces), i + 4), i + 1, -1):
            key = tuple(t.f for t in tokenize(", ".join(pieces[i:b]), lex.known_abbrev))
            if key in known:
                out.append(", ".join(pieces[i:b]))
                i = b
                break
        else:
            out.append(pieces[i])
            i += 1
    return out


def _classes(lex: Lexicon, key: tuple) -> set:
    node = lex.trie
    for f in key:
        node = node.get(f)
        if node is None:
            return set()
    return node.get("\0", set())
