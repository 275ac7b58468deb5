"""A head shared by a list of names, given out to each: ``Giám đốc các sở: Tài chính, Nội
vụ`` names ``Giám đốc Sở Tài chính`` and ``Giám đốc Sở Nội vụ``.

Surface forms handled (a mention of :func:`find_units`, or any unit name):

- ``[holder] các <head>: A, B, C`` and ``[holder] <Head>: A, B`` (``Giám đốc các Sở: …``,
  ``các Sở: …``, ``Giám đốc Sở: …``);
- names separated by ``;`` when there is one (``Văn hóa, Thể thao và Du lịch; Nội vụ``),
  else by ``,``; comma pieces that together make a name of the lexicon stay together
  (``Văn hóa, Thể thao và Du lịch``); ``và`` stays inside a name (``Kế hoạch và Đầu tư``).

Anything else comes back unchanged, as a one-item list.
"""
from __future__ import annotations

import unicodedata

from .lexicon import Lexicon, lexicon
from .tokens import tokenize

__all__ = ["distribute"]


def distribute(name: str) -> list[str]:
    """The names a shared head gives out, or ``[name]``.

    >>> distribute("Giám đốc các sở: Kế hoạch và Đầu tư, Tài chính")
    ['Giám đốc Sở Kế hoạch và Đầu tư', 'Giám đốc Sở Tài chính']
    """
    lex = lexicon()
    text = unicodedata.normalize("NFC", name or "")
    toks = tokenize(text, lex.known_abbrev)
    colon = next((i for i, t in enumerate(toks) if t.f == ":"), None)
    if colon is None or colon == 0:
        return [name]
    head = next((i for i in range(colon) if colon in lex.ends(toks, i, "named")), None)
    if head is None:
        return [name]
    start = head - 1 if head > 0 and toks[head - 1].f == "các" else head
    prefix = text[:toks[start].start].strip()
    head_text = text[toks[head].start:toks[colon - 1].end]
    head_text = head_text[0].upper() + head_text[1:]
    items = _items(text[toks[colon].end:], lex)
    if len(items) < 2:
        return [name]
    return [" ".join(x for x in (prefix, head_text, item) if x) for item in items]


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
