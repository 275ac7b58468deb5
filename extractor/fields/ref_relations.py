"""How a citation relates to the citing document (``legal_basis``, ``requested_by``,
``implements``, ``replaces``, ``amends``, ``cites``), from the cue opening its clause (``Căn
cứ``, ``Theo đề nghị``, ``Thực hiện``; shared by a list after one cue) or one right before it
(``thay thế``, ``sửa đổi, bổ sung``); and the issuer or date written before it (``Bộ Y tế có
Công văn số …``, ``Ngày 10/10/2024, tại Công văn số …``)."""
from __future__ import annotations

import re

from .ref_rules import _Cite, _Rules
from .ref_shapes import _date_of, _strip_name

def _clause_start(text: str, pos: int) -> tuple[int, str]:
    """Start of the clause holding pos, and the boundary before it (';', '.', '' for a line)."""
    lo = max(0, pos - 1500)
    best, kind = lo, ""
    for m in re.finditer(r";|(?<![0-9])\.(?=\s)|\n\s*(?=(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđA-ZĐ]\))\s)"
                         r"|\n\s*\n", text[lo:pos]):
        best, kind = lo + m.end(), m.group(0)[0]
    return best, kind


_BULLET = re.compile(r"[\s*#|_>]*(?:(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s+)?[\s*_]*")


def _lead_cue(text: str, folded: str, rules: _Rules, start: int, end: int) -> tuple:
    """(relation, end of the cue) of the cue opening the clause at ``start``, or of the last
    line inside the clause (before ``end``) that opens with a capitalised cue (PDF text often
    has no punctuation between a title and a "Thực hiện ..." paragraph)."""
    spots = [start] + [start + m.end() for m in re.finditer(r"\n", folded[start:end])]
    for sp in reversed(spots):
        b = _BULLET.match(folded, sp)
        p = b.end() if b else sp
        if p >= end:
            continue
        if sp != start and not text[p:p + 1].isupper():
            continue
        for rel, rx in rules.lead:
            m = rx.match(folded, p)
            if m:
                return rel, m.end()
    return None, None


def _first_in(cites: list[_Cite], lo: int, c: _Cite) -> int:
    """Start of the first top-level citation at or after lo, up to c (list head included)."""
    return min([x.head_start if x.head_start is not None else x.start
                for x in cites if lo <= x.start <= c.start and x.parent is None]
               + [c.head_start if c.head_start is not None else c.start])


def _relations(text: str, folded: str, rules: _Rules, cites: list[_Cite]) -> None:
    starts = {c.start for c in cites}
    for i, c in enumerate(cites):
        cs, kind = _clause_start(folded, c.head_start if c.head_start is not None else c.start)
        prev_end = max([x.ext_end for x in cites[:i] if x.ext_end <= c.start] + [cs])
        prefix = folded[prev_end:c.start]

        def near(table):
            for r, rx in table:
                m = rx.search(prefix)
                if m and not rules.near_not_after.search(prefix, 0, m.start()):
                    return r
            return None

        if c.parent is not None:      # inside another citation's subject
            c.relation = "cites"
            continue
        rel = near(rules.near_strong)
        if rel is None:
            rel, cue_end = _lead_cue(text, folded, rules, cs, c.start)
            # "Thực hiện Kế hoạch số ...", not "Thực hiện đúng trách nhiệm ... quy định tại ..."
            if rel == "implements" and len(folded[cue_end:_first_in(cites, cue_end, c)].split()) \
                    > rules.implements_gap:
                rel = None
            elif rel is None:
                # a list after one cue shares it: "Căn cứ A; B; C" (B and C open their clause)
                depth = 0
                while rel is None and kind == ";" and depth < 30:
                    b = _BULLET.match(folded, cs)
                    p = b.end() if b else cs
                    if p not in starts and not rules.type_re.match(folded, p):
                        break
                    e = cs - 1
                    cs, kind = _clause_start(folded, e)
                    rel, _ = _lead_cue(text, folded, rules, cs, e)
                    depth += 1
        if rel is None:
            rel = near(rules.near_weak)
        c.relation = rel or "cites"


def _pre_context(text: str, folded: str, rules: _Rules, c: _Cite, cs: int) -> None:
    """Issuer and date written before the citation, in its clause."""
    end = c.head_start if c.head_start is not None else c.start
    prefix = folded[cs:end]
    if c.issuer is None:
        for rx in rules.pre_issuer:
            m = rx.search(prefix)
            if m:
                a, b = cs + m.start("issuer"), cs + m.end("issuer")
                name = _strip_name(text[a:b])
                if name and name[0].isupper():
                    c.issuer, c.issuer_pre = name, True
                break
    if not c.date_found:
        m = rules.pre_date.search(prefix)
        if m:
            c.date, c.date_found = _date_of(m), True
