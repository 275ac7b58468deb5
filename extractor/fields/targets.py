"""Numeric targets (chỉ tiêu): the quantitative goals a document sets.

``find_targets(text)`` scans the whole body text and returns :class:`~extractor.model.Target`
items ordered by position, with offsets into ``text``. The rules (units, comparator
phrases, goal / not-a-goal cues) live in ``patterns/targets.yaml``; this module is the
small engine that applies them, on the folded text (:func:`extractor.normalize.fold`,
same length as ``text``, so offsets carry over).

Surface forms handled
---------------------
Numbers: ``70%``, ``70 %``, ``70 phần trăm``, decimal comma ``99,5%`` (→ 99.5), counts
with a unit ``360 hồ sơ``, ``01 hệ thống``, ``1.500 lượt`` (→ 1500), ``2,5 tỷ đồng``;
ranges ``60 - 70% thời gian``, ``từ 30% đến 50%``, ``từ30% đến 50%`` (glued PDF text),
``từ 3 đến 5 lớp`` → ``range`` with ``value_max``.

Comparators (words right before the number, fillers ``là``/``bằng``/``mức``/``đạt`` allowed
in between, or right after it):

- ``>=``: ``từ 70% trở lên``, ``70% trở lên``, ``ít nhất (là)``, ``tối thiểu (bằng)``,
  ``không thấp hơn``, ``không dưới``, ``tăng … lên 20%``; a bare percentage (``Đạt 100%``,
  ``100% cơ quan … ban hành``, ``đạt tỷ lệ 99,5%``) and a count after ``đạt``/``vượt``;
- ``>``: ``trên 50%``, ``hơn``, ``vượt``, ``cao hơn``;
- ``<=``: ``tối đa``, ``không quá``, ``không vượt quá``, ``xuống còn``, ``… trở xuống``;
- ``<``: ``dưới 5%``, ``giảm … xuống dưới``, ``thấp hơn``;
- ``=``: ``khoảng``; a count with a goal word but no comparator (``phấn đấu có 5 xã``).

Where a number sits (:class:`~extractor.fields.target_text.Sections`): under a goal
heading (``Mục tiêu``, ``Chỉ tiêu``, ``Phương hướng``, ``PHỤ LỤC … CÁC CHỈ TIÊU …``) a
number is a goal even without a goal word (``Kinh tế số chiếm 30% GRDP``, ``trên 500 ha``,
``- 05 cụm công nghiệp …``); under the other parts of a plan (``Nhiệm vụ``, ``Giải pháp``,
the ``KẾ HOẠCH`` title) a count after ``trên``/``khoảng`` or at the start of an item is one;
under a heading of results (``Kết quả``, ``Tình hình``) or in a footnote (``[5] …``) a
number is a fact unless a goal word says otherwise; under a regulation (``QUY CHẾ``,
``QUY ĐỊNH``, ``Điều 5. Điều kiện …``, ``Tiêu chí …``) or a list introduced by ``… các
tiêu chí sau:`` a number is a rule, a target only with ``phấn đấu``/``mục tiêu``/``chỉ
tiêu`` in its sentence.

Not targets (rejected by cue lists in the YAML):

- fee, benefit, pay and interest rates: ``mức hưởng 80%``, ``15% mức lương cơ sở``,
  ``chi trả 100% chi phí``, ``thanh toán theo tỷ lệ 60%``, ``lệ phí``, ``0,55%/tháng``,
  ``Lãi suất … giảm từ 9%/năm``;
- legal thresholds, votes and quorums: ``trên 50% tổng số cử tri``, ``tín nhiệm``,
  ``biểu quyết``, ``ít nhất là 55 cử tri tham dự hội nghị``;
- conditions and entitlements: ``Đối với thôn có dưới 100 cử tri:``, ``Trường hợp … từ 5%
  trở lên … thì …``, ``từ 61% đến 80% được hỗ trợ …``, ``từ 90% … trở lên được xếp loại``,
  ``dự án có tổng mức đầu tư từ 70 tỷ đồng trở lên``;
- scoring scales and formulas: ``từ 88 - 90% cộng 02 điểm``, ``Tỷ lệ = b/a x 100%``,
  ``(0,5% x phần chi phí …)``; measures of a product: ``Thành phần: …``, ``± 7,5%``;
- the past and statistics: ``đã``, ``mới cấp được``, ``năm qua``, ``hiện nay``, ``ước
  đạt``, ``Kết quả:``, ``so với cùng kỳ``, ``so dự toán``, ``đạt 93,5% so với Nghị quyết``,
  ``152% chỉ tiêu tỉnh giao``, ``tỷ lệ … là 69,87%``, ``(đạt 32,5%)``, ``(87,73%)``,
  ``12/60 ngày, tỷ lệ 20%``, a figure alone in a table cell after another figure, a
  sentence whose years are all before the document's year; unless a goal word
  (``phấn đấu``, ``chỉ tiêu``, ``phải``, ``đảm bảo``…) is nearer, the comparator is explicit
  (``tối thiểu``, ``ít nhất``, ``trở lên``…) or the number is under a goal heading;
- rankings (``xếp thứ 13``, ``13/13``), examples in guidance (``ví dụ``, and the list a
  ``Ví dụ: …:`` line introduces), counts of things inspected (``kiểm tra tại 21 xã``),
  citations (``Quyết định … về việc phê duyệt 100% …``), and bare counts with no goal word
  (``tại 07 địa phương``); numbers in dates, document symbols, article numbers, ages
  (``tuổi``), years (``giai đoạn 2026 - 2028 tỉnh …``) and ``lần thứ 5`` never become
  candidates.

A decrease is a target like any other: ``giảm 10%`` (the cut, at least: ``>=``, as
``cắt giảm tối thiểu 30%``), ``giảm xuống còn 2%`` (``<=``), ``giảm xuống dưới 3%`` (``<``).

Besides the contract fields, each result carries ``period`` (``năm 2022``, ``quý I/2024``,
``giai đoạn 2021 - 2025``: the nearest period named in the same sentence, else the one
that frames the list item) and ``unit_responsible`` (a body named before the number in the
same sentence and followed by ``phấn đấu``/``phải``/``chủ trì``…), both ``None`` when the
sentence does not say. They are dataclass fields when :class:`Target` has them, else plain
attributes. In a series per period (``năm 2018 đạt 99%, năm 2019 đạt 99,5%``, ``80% năm
2025, 90% năm 2026``) each value's metric names its period: ``Tỷ lệ … (năm 2019)``.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from typing import Optional

from ..model import Target
from ..normalize import fold, squash_spaces
from . import target_attrs as A
from . import target_text as S
from .target_rules import rules

__all__ = ["find_targets", "explain"]


# --------------------------------------------------------------------------- engine
def _comparator(left: str, right: str) -> tuple[Optional[str], bool, int]:
    """(operator, strong, length of the phrase in ``left``) from the words around a number."""
    r = rules()
    best = None
    for rx, op, strong in r.before:
        m = rx.search(left)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), op, strong)
    for rx, op in r.after:
        if rx.search(right):
            if best and best[1] == ">=" and op == ">=":
                return ">=", True, len(left) - best[0]
            if best is None or not best[2]:
                return op, True, len(left) - best[0] if best else 0
    if best:
        return best[1], best[2], len(left) - best[0]
    return None, False, 0


def _make(**kw) -> Target:
    names = {f.name for f in dataclasses.fields(Target)}
    extra = {k: kw.pop(k) for k in list(kw) if k not in names}
    t = Target(**kw)
    for k, v in extra.items():
        setattr(t, k, v)
    return t


def find_targets(text: str) -> list[Target]:
    """Quantitative goals in ``text`` (the whole body of a document), ordered by position."""
    found = [t for t, why in _scan(text) if why is None]
    A.series_metrics(fold(text), text, found)
    return found


def explain(text: str) -> list[tuple[str, Optional[str]]]:
    """Every candidate number with the reason it was rejected (``None``: a target). For
    rule authors: ``python -m extractor.fields.targets FILE``."""
    return [(t.text if isinstance(t, Target) else t, why) for t, why in _scan(text)]


_LEFT_MAX = 400  # characters of the sentence looked at before a number ...
_RIGHT_MAX = 240  # ... and after it: bounded work per number, linear time overall
_TAIL = 80  # phrases that end right before the number


_MONEY = re.compile(r"đồng|usd")
_ASIDE = re.compile(r"\(\s*(?:đạt|bằng|chiếm|tỷ lệ|tương đương)?\s*$")  # "(87,73%)", "(đạt 32,5%)"
_YEARLIKE = re.compile(r"(?:19|20)\d{2}")
_YEAR_BEFORE = re.compile(r"(?:năm|tháng\s*\d{1,2}\s*[/-]?)\s*$")


def _candidates(f: str) -> list:
    """Numbers with a % or a count unit: ranges first, a single number inside a range is
    dropped. ``[(kind, match)]`` in text order."""
    r = rules()
    cands = []
    taken = bytearray(len(f) + 1)
    for kind, rx in r.candidates:
        for m in rx.finditer(f):
            if any(taken[m.start("a"):m.end()]):
                continue
            if kind.endswith("range"):
                conv = A.pct_value if kind == "pct_range" else A.cnt_value
                if not conv(m.group("a")) < conv(m.group("b")):
                    continue
            if kind.startswith("cnt") and _YEARLIKE.fullmatch(m.group("a")) and (
                    kind == "cnt_range" or _YEAR_BEFORE.search(f, max(0, m.start() - 12), m.start())):
                continue  # "giai đoạn 2026 - 2028 tỉnh ...", "năm 2025 tỉnh ...": years
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            cands.append((kind, m))
    cands.sort(key=lambda c: c[1].start())
    return cands


def _never(f, m, kind, left, right, clause, tail, clen, sec) -> Optional[str]:
    """The reason a number is never a target, whatever the words of goal around it."""
    r = rules()
    is_pct, is_range = kind.startswith("pct"), kind.endswith("range")
    if r.legal_after.search(right) or r.legal_sentence.search(left):
        return "legal"
    money = is_pct or _MONEY.search(m.group("unit") or "")  # "hỗ trợ 1.000 hộ" counts people
    if ((money and r.fee_before.search(tail)) or r.fee_clause.search(clause)
            or r.fee_after.search(right) or r.fee_sentence.search(left)):
        return "fee"
    if sec == "example" or r.example.search(left):
        return "example"
    if r.condition.search(clause[: len(clause) - clen] if clen <= len(clause) else ""):
        return "condition"
    opener = r.condition_open.search(left)
    if opener and (r.condition_then.search(left, opener.end()) or r.condition_then.search(right)):
        return "condition"  # "Nếu/Trường hợp … 5% … thì …", "nếu … thì … nhỏ hơn 30m2"
    if r.citation_clause.search(clause):
        return "citation"
    if r.threshold_clause.search(clause) and not r.strong_goal.search(left):
        return "threshold"
    if r.entitlement_after.search(right):
        return "entitlement"
    if r.rubric_after.search(right):
        return "rubric"
    if r.formula_before.search(tail) or r.formula_after.search(right):
        return "formula"
    if sec == "measure" or r.measure_clause.search(clause) or r.measure_sentence.search(left):
        return "measure"
    if r.ranking_before.search(tail) or r.ranking_after.search(right):
        return "ranking"
    if not is_pct and not clen and r.inspected_before.search(tail):
        return "inspected"
    if not is_range and r.baseline_after.search(right):
        return "baseline"
    return None


def _scan(text: str):
    """Yields ``(Target, None)`` for each target and ``(number text, reason)`` for each
    candidate rejected, in text order. The steps follow ``patterns/targets.yaml``."""
    r = rules()
    f = fold(text)
    bounds = S.bounds(f, S.SENT_BREAK)  # sentences: cues are looked for here
    items = S.bounds(f, S.ITEM_BREAK)  # ... and list items (";" does not end one): attributes
    secs = S.Sections(f, text)
    doc_year = S.doc_year(f)

    for kind, m in _candidates(f):
        is_pct = kind.startswith("pct")
        is_range = kind.endswith("range")
        n0, n1 = m.start("a"), m.end()
        if is_range and m.group("from"):
            n0 = m.start("from")
        # sentence and clause around the number (a window of it: long runs stay linear)
        s0 = max(bounds[bisect.bisect_right(bounds, n0) - 1], n0 - _LEFT_MAX)
        s1 = min(bounds[bisect.bisect_left(bounds, n1)], n1 + _RIGHT_MAX)
        left = f[s0:n0]
        right = f[n1:s1]
        clause0 = s0 + max((c.end() for c in S.CLAUSE_BREAK.finditer(left)), default=0)
        clause = f[clause0:n0]
        sec = secs.at(n0)
        num = text[m.start():m.end()]

        # 1. comparator
        if is_range:
            op, strong, clen = "range", True, 0
        else:
            op, strong, clen = _comparator(left[-_TAIL:], right[:_TAIL])
        after_m = next((am for am in (rx.search(right) for rx, _ in r.after) if am), None)
        n1_span = n1 + after_m.end() if after_m and not is_range else n1
        bare = left[: len(left) - clen] if clen else left  # left context before the comparator
        tail = bare[-_TAIL:]

        # 2. never targets
        why = _never(f, m, kind, left, right, clause, tail, clen, sec)
        if why:
            yield num, why
            continue

        # 3. goal or fact
        goal_end = S.last_end(r.goal, left)
        past_end = S.last_end(r.past, left)
        if sec == "rule" and not r.strong_goal.search(left):
            yield num, "rule"
            continue
        if not strong:
            if past_end > goal_end:
                yield num, "past"
                continue
            if goal_end < 0 and sec != "goal":  # a goal heading outweighs signs of a statistic
                weak_past = bool(r.past_after.search(right) or r.past_weak.search(left)
                                 or r.fact_before.search(tail) or sec == "past"
                                 or (is_pct and A.pct_value(m.group("a")) > 100
                                     and r.over_plan_after.search(right))
                                 or (_ASIDE.search(tail) and right.lstrip().startswith(")"))
                                 or S.table_figure(f, m.start(), n1)
                                 or _past_years(f, s0, s1, doc_year))
                if weak_past:
                    yield num, "past (weak)"
                    continue
        planned = sec in ("goal", "plan")
        if not is_pct and not clen and not is_range:
            at_start = not left.strip(" \t\n-+•*")
            if not (r.count_goal.search(left) or (planned and at_start)):
                yield num, "bare count"
                continue
        if (not is_pct and (clen and not strong or is_range) and goal_end < 0 and not planned
                and not r.count_goal.search(left) and not r.quota.search(left)):
            yield num, "preposition"
            continue  # "trên 21 xã", "từ 100 người", "(3-5 người)": not a bound to reach

        # 4. the target
        if op is None:
            if is_pct:
                op = r.default["percent"]
            else:
                op = ">=" if r.count_at_least.search(tail) else r.default["count"]
        conv = A.pct_value if is_pct else A.cnt_value
        unit_text = ""
        if is_pct:
            unit = "%"
        else:
            unit = A.unit_name(m.group("unit"))
            unit_text = text[m.start("unit"):m.end("unit")]
        start = n0 - clen if clen else n0
        end = n1_span
        i0 = max(items[bisect.bisect_right(items, n0) - 1], n0 - _LEFT_MAX)
        yield _make(
            text=text[start:end], comparator=op, value=conv(m.group("a")), unit=unit,
            start=start, end=end,
            metric=A.metric(f, text, s0, s1, n0, n1_span, unit_text),
            value_max=conv(m.group("b")) if is_range else None,
            period=(A.period(f, text, s0, s1, n0, n1=n1_span)
                    or A.period(f, text, i0, s0, n0, leading=True)),
            unit_responsible=(A.responsible(f, text, s0, start) or A.responsible(f, text, i0, s0)),
        ), None


def _past_years(f: str, s0: int, s1: int, doc_year: Optional[int]) -> bool:
    """True when every year the sentence names (not a month's, not a baseline's ``so với
    năm 2020``) is before the document's year."""
    if not doc_year:
        return False
    years = []
    for y in S.YEAR.finditer(f, s0, s1):
        if y.group("m") or re.search(r"so\s*với\s*$", f[max(s0, y.start() - 12):y.start()]):
            continue
        years.append(int(y.group("y") or y.group("y2") or y.group("y3")))
    return bool(years) and max(years) < doc_year


if __name__ == "__main__":  # pragma: no cover - a rule author's tool
    import sys

    for path in sys.argv[1:]:
        src = open(path, encoding="utf-8").read().replace("**", "").replace("*", "")
        print(f"== {path}")
        for t, why in _scan(src):
            if why is None:
                print(f"  TARGET {t.comparator} {t.value:g}{'-%g' % t.value_max if t.value_max else ''}"
                      f" {t.unit} | {squash_spaces(t.text)} | metric={t.metric!r}")
            else:
                print(f"  no     {squash_spaces(t)!r}: {why}")
