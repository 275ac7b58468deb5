"""Attributes of a numeric target: value, canonical unit, period, responsible body and
metric (the measured noun phrase)."""
from __future__ import annotations

import re
from typing import Optional

from ..normalize import fold, squash_spaces
from .target_rules import rules

def pct_value(s: str) -> float:
    return float(s.replace(",", "."))


def cnt_value(s: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s.replace(",", "."))


def unit_name(folded_unit: str) -> str:
    """The canonical unit name for a unit as matched ("hệthống" → "hệ thống", "TTHC" →
    "thủ tục hành chính")."""
    for rx, name in rules().units:
        if rx.match(folded_unit.strip()):
            return name
    return squash_spaces(folded_unit)


# --------------------------------------------------------------------------- attributes
def period(f: str, text: str, s0: int, s1: int, n0: int, leading: bool = False,
           n1: Optional[int] = None) -> Optional[str]:
    """The period named in ``f[s0:s1]`` nearest the number at ``n0`` (left side first; one
    right after the number ending at ``n1`` comes first: ``80% năm 2025, 90% năm 2026``),
    or with ``leading`` the first one: the frame of a list item (``Đến năm 2020, phấn đấu
    …; năm 2018 đạt 99%; 98% xã …`` gives the last number ``Đến năm 2020``)."""
    best = None
    for m in rules().period.finditer(f, s0, s1):
        dist = n0 - m.end() if m.end() <= n0 else (m.start() - n0) + 10_000  # prefer the left
        if n1 is not None and 0 <= m.start() - n1 <= 2:
            dist = -1
        if leading:
            dist = m.start()
        if best is None or dist < best[0]:
            best = (dist, m.start(), m.end())
    if not best:
        return None
    return re.sub(r"^(?:[Tt]rong)\s+", "", squash_spaces(text[best[1]:best[2]]))  # "trong năm 2022"


def responsible(f: str, text: str, s0: int, n0: int) -> Optional[str]:
    best = None
    for m in rules().responsible.finditer(f[s0:n0]):
        first = text[s0 + m.start("name")]
        before = f[max(0, s0 + m.start("name") - 12):s0 + m.start("name")]
        if re.search(r"(?<!\w)(?:với|cho|tại|đến|giúp|hỗ trợ|phối hợp)\s*$", before):
            continue  # the object of a preposition, not the subject
        if first.isupper():  # a body's name is capitalised ("Sở", not "cán bộ") ...
            best = m
        elif re.match(r"(?:các|mỗi|từng)(?!\w)", m.group("name")) and not re.search(r"của\s*$", before):
            best = m  # ... or "các/mỗi cơ quan, đơn vị" as the subject
    if not best:
        return None
    name = text[s0 + best.start("name"):s0 + best.end("name")]
    return squash_spaces(name).strip(" ,") or None


_TRAILING_PERIOD = re.compile(r"(?:\s*(?:,|trong|đến|hết|cuối|đầu|vào)?\s*(?:năm|quý|giai đoạn|tháng))+\s*$")
_TRAIL = re.compile(r"(?:[\s,]+|(?<!\w)(?:và|của|các|với|là|hoặc)(?!\w))+$")


def _trim_metric(f_seg: str, t_seg: str) -> Optional[str]:
    r = rules()
    cut = len(f_seg)
    m = re.search(r"[;:.()]|/\s*tổng", f_seg)
    if m:
        cut = m.start()
    m = r.metric_stop.search(f_seg, 0, cut)
    if m:
        cut = m.start()
    for i, ch in enumerate(f_seg[:cut]):  # a comma ends it once the phrase has 4+ words
        if ch == "," and (len(f_seg[:i].split()) >= 4 or not f_seg[:i].strip()):
            cut = i
            break
    seg = t_seg[:cut]
    tokens = seg.split()
    if len(tokens) > r.metric_max:
        seg = " ".join(tokens[: r.metric_max])
    seg = _TRAIL.sub("", squash_spaces(seg)).strip(" ,-")
    return seg or None


def metric(f: str, text: str, s0: int, s1: int, n0: int, n1: int, unit_text: str) -> Optional[str]:
    right = _trim_metric(f[n1:s1], text[n1:s1])
    if right and rules().period.fullmatch(fold(right)):
        right = None  # "đạt 80% năm 2025": a period, not what is measured
    if unit_text:  # a count: the unit is the head of what is measured
        return squash_spaces(f"{unit_text} {right or ''}")
    if right:
        return right
    left_f = f[s0:n0]
    m = None
    for m in re.finditer(r"(?<!\w)tỷ\s*lệ(?!\w)", left_f):
        pass
    if m:
        seg_f = left_f[m.start():]
        seg_t = text[s0 + m.start():n0]
        seg_f = re.split(r"(?<!\w)từ\s*\d|\d", seg_f)[0]  # "tỷ lệ X từ 50% lên 70%": before the baseline
        seg_f = _TRAILING_PERIOD.sub("", seg_f)  # "tỷ lệ X năm 2024 là 95%": the year is the period
        seg_f = re.sub(r"(?:\s*(?:phải|cần|đạt|là|ở mức|mức|từ|trên|dưới|tối thiểu|ít nhất|tối đa|không quá|"
                       r"bằng|lên|xuống|còn|tăng|giảm))+\s*$", "", seg_f)
        return _trim_metric(seg_f, seg_t[: len(seg_f)])
    return None



_SERIES_GAP = re.compile(r"^[\s,;:]*(?:đạt|là|ở mức|mức|:|-)?\s*$")
_SERIES_BREAK = re.compile(r"[.!?](?=\s)|\n(?=[ \t]*[-+•*])")


def series_metrics(f: str, text: str, targets: list) -> None:
    """A series of values per period (``Tỷ lệ hộ dùng nước sạch: năm 2018 đạt 99%, năm 2019
    đạt 99,5%, năm 2020 đạt 100%``, ``…100% gia đình …, năm 2018 đạt 99%``): each value
    right after its own period. Every member's metric becomes the series' metric (its
    own, else the one of the value before it in the sentence) followed by its period."""
    rx = rules().period
    prev = None
    for t in targets:
        lead = rx.match(f, t.end + 1) or rx.match(f, t.end)  # "80% năm 2025, 90% năm 2026"
        if lead is None:  # "năm 2018 đạt 99%, năm 2019 đạt 99,5%"
            for m in rx.finditer(f, max(0, t.start - 60), t.start):
                if _SERIES_GAP.match(f[m.end():t.start]):
                    lead = m
        same = prev is not None and not _SERIES_BREAK.search(f, prev.end, t.start)
        if lead is not None:
            period = squash_spaces(text[lead.start():lead.end()])
            base = t.metric
            if same and (base is None or base == prev.metric or getattr(t, "_series", None)):
                base = getattr(prev, "_series", None) or prev.metric
            if base is None:
                base = t.metric
            setattr(t, "_series", base)
            if base:
                t.metric = f"{base} ({period})" if period.casefold() not in base.casefold() else base
            t.period = period
            if same and not getattr(prev, "_series_done", False) and getattr(prev, "period", None) \
                    and prev.metric == base:
                prev.metric = f"{base} ({prev.period})"  # the head of the series carries its period too
            setattr(prev, "_series_done", True) if same else None
        prev = t
