"""Mentions over a tokenised text: the left-to-right scan of :func:`find_units` (where a
mention may start, what follows one: a bracketed sub-unit, a list of bare groups, a cue).

Surface forms handled here: ``Các Sở, ban, ngành; cơ quan, đơn vị`` (a bare coordinated
group after a unit and ``,``/``;``), ``Đảng ủy UBND tỉnh | lãnh đạo`` (a lowercase title
after a unit is a verb), ``Hội | trường UBND xã`` (no mention starts inside a word),
``Phối hợp chính quyền địa phương`` (a bare group after a cue), ``Sở Nội vụ (Ban Thi đua -
Khen thưởng)`` (a bracketed sub-unit is skipped), ``Nhà đầu tư (Tập đoàn Đèo Cả)`` (a
bracket after a group or role stays in)."""
from __future__ import annotations

from typing import Optional

from .grammar import Parser
from .lexicon import Lexicon
from .tokens import Tok

__all__ = ["spans"]


def spans(toks: list[Tok], lex: Lexicon) -> list[tuple[int, int]]:
    p = Parser(toks, lex)
    out = []
    i = 0
    while i < p.n:
        if out and out[-1][1] == i and not toks[i].cap and p.ends(i, "holders"):
            # a lowercase title right after a unit is a verb: "Đảng ủy UBND tỉnh | lãnh đạo
            # | Ủy ban nhân dân tỉnh ban hành …"
            i = p.longest(i, "holders")
            continue
        if i > 0 and toks[i].kind == "w" and not toks[i].cap and toks[i - 1].kind == "w" \
                and not toks[i].nl and p.seg.joined(i - 1) and not p.seg.joined(i):
            i += 1  # no mention starts inside a word: "Hội | trường UBND xã", "dự | phòng"
            continue
        e = p.mention(i)
        if toks[i].kind == "w" and not toks[i].cap and not p.stop_at(i) and _after_cue(p, toks, i):
            # "Phối hợp chính quyền địa phương, …": a bare group after a cue is an addressee
            g = p.group_noun(i, places=True)
            e2 = p.core(i, True, False) if g is None or p.seg.word_end(g - 1) <= g else None
            if e2 is not None and (e is None or e2 > e):  # not "yêu cầu | phòng ngừa"
                e = e2
        if e is None and out and i >= 2 and out[-1][1] == i - 1 and toks[i - 1].f in (",", ";") \
                and not toks[i].nl:
            # "Các Sở, ban, ngành; cơ quan, đơn vị": a bare coordinated group continues a list
            # of units (not one word: "…, tổ chức"; not places: "…, phường Hội An Tây")
            e = p.generic_core(i, True, False) if p.group_noun(i, places=False) else None
            if e is not None and not any(t.f in (",", "và") for t in toks[i:e]):
                e = None
        if e is not None and e > i:
            while e > i + 1 and toks[e - 1].kind == "p" and toks[e - 1].f != ")":
                e -= 1
            close = _bracketed_unit(p, toks, e)
            if close is not None and not any(t.cap for t in toks[i + 1:e]) and _generic(p, i):
                e = close  # "Nhà đầu tư (Tập đoàn Đèo Cả)": the bracket says which
                close = None
            out.append((i, e))
            i = close if close is not None else e  # "Sở Nội vụ (Ban Thi đua - Khen thưởng)"
        else:
            i += 1
    return out


def _bracketed_unit(p: Parser, toks: list[Tok], e: int) -> Optional[int]:
    """When a bracket that holds exactly one mention follows token ``e`` on the same line,
    the index after its ``)``."""
    if e >= len(toks) or toks[e].f != "(" or e + 1 >= len(toks) or toks[e + 1].nl:
        return None
    m = p.mention(e + 1)
    if m is None or m >= len(toks) or toks[m].f != ")" or any(t.nl for t in toks[e + 1:m + 1]):
        return None
    return m + 1


def _after_cue(p: Parser, toks: list[Tok], i: int) -> bool:
    """A verb that takes units as its object (``unit_cues``) ends right before token ``i``."""
    for k in range(max(0, i - 5), i):
        if i in p.ends(k, "unit_cues") and not any(t.nl for t in toks[k + 1:i + 1]):
            return True
    return False


def _generic(p: Parser, i: int) -> bool:
    """The mention at ``i`` is headed by a group noun or a party named by its role."""
    k = p.longest(i, "honorifics") or i
    k = p.longest(k, "quantifiers") or k
    return bool(p.ends(k, "actors") or p.ends(k, "generic"))
