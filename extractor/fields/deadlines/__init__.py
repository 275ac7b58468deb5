"""Deadlines and rhythms in Vietnamese administrative text (a small Duckling-style normaliser).

:func:`find_deadlines` returns every time expression of a task sentence that sets a due
date, a period to finish in, a relative term or a reporting rhythm, with ``start``/``end``
offsets into the text; :func:`parse_deadline` reads one expression; :func:`pick_deadline`
chooses the one a task tracker should show. Word lists, trigger phrases and rhythm tables
live in ``patterns/deadlines.yaml``; ``patterns/deadlines.examples.yaml`` documents and
tests every form below.

Surface forms handled (``anchor`` = the document's date; matching is case-, tone-placement-
and spacing-insensitive, so PDF text such as ``định kỳhằng năm`` or ``Từngày`` works; a
trigger no syllable ends with may be glued to the word before it: ``Đảng uỷtrước ngày``):

Dates (kind ``by``/``on``) — a date counts only after a trigger:
  ``trước ngày 30/8/2023``, ``chậm nhất ngày 09/8/2023``, ``hoàn thành trước 06/3/2026``,
  ``hạn chót nộp ngày 15/11/2023``, ``đến hết ngày 31/12/2024``, ``không quá ngày 5/9``,
  ``vào ngày 15 tháng 11 năm 2023``, ``tức ngày 31/3/2012``, ``vào thứ Hai (02/4/2012)``,
  ``dự kiến ngày 05/12/2025`` (weak); separators ``/ . - –``, leading zeros, spaces
  (``30 / 8 / 2023``). Without a year (``trước ngày 15/11``) the year comes from the anchor,
  the next one if the date would lie more than 31 days before the anchor.
Periods (kind ``within``/``by``/``before``) — the last day of the period:
  ``trong quý I/2024``, ``Quý III, IV năm 2026`` (the later one), ``quý 2/2025``,
  ``trong tháng 10/2022``, ``tháng 6 và tháng 7/2024``, ``trong năm 2022``, ``đến hết năm
  2026``, ``cuối năm 2026``, ``6 tháng đầu năm 2024`` (06-30), ``nửa cuối năm``, ``trong
  năm nay``; ``trước quý II/2024`` / ``trước năm 2025`` → the day before the period starts.
  A year or a span of years standing alone as the whole value (a ``Thời gian`` line, a
  table's deadline column): ``2026``, ``2026-2030``, ``Năm 2025 - 2026`` → the end.
Ranges (kind ``range``): ``từ ngày 10/8 đến ngày 20/8/2023``, ``từ 10 - 20/8/2023``,
  ``từ tháng 6 đến tháng 9/2024`` → the last day.
Relative terms (kind ``relative``): ``trong thời hạn 05 ngày kể từ ngày nhận được văn bản``,
  ``trong vòng 10 ngày làm việc`` (weekends skipped), ``chậm nhất 03 ngày trước khi ...``,
  ``sau 02 tuần``, ``trong thời hạn 03 tháng kể từ ngày ký``, ``95 ngày trước bầu cử``;
  ``offset_days``/``offset_months``/``working_days``/``relative_to`` keep the term; ``date``
  is anchor + offset when the reference is the document itself (or a written date).
Rhythms (kind ``recurring``): ``hằng/hàng/mỗi tuần|tháng|quý|năm`` (``hằng ngày`` →
  ``daily``), ``định kỳ 6 tháng và hằng năm`` (the most frequent wins: ``semiannual``;
  ``recurrences`` lists all), ``hằng tháng, quý, năm``, ``định kỳ 03 tháng``, ``6 tháng một
  lần``, ``01 lần/tháng``, ``2 lần/năm``; with a fixed day: ``vào ngày thứ 6 hàng tuần``
  (``FREQ=WEEKLY;BYDAY=FR``), ``thứ 2 và thứ 5 hằng tuần``, ``trước ngày 15 hằng tháng``
  (``FREQ=MONTHLY;BYMONTHDAY=15``), ``hằng tháng, trước ngày 20``, ``vào ngày 25 của tháng
  cuối quý`` (``FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=25``), ``ngày 20 tháng đầu quý
  sau``, ``trước ngày 15/12 hằng năm``, ``cuối mỗi tháng``, ``tháng 12 hằng năm``,
  ``tháng 3, 6, 9 và 12 hằng năm`` (the count of months a year: ``quarterly``,
  ``FREQ=YEARLY;BYMONTH=3,6,9,12``). A bare rhythm after a noun (``chiến dịch … hằng
  tháng``) is reported with ``weak=True``; after a noun it describes (``kế hoạch hằng
  năm``, ``khen thưởng hàng năm``: ``describes_before``) it is no deadline at all.
Continuous work: ``Thường xuyên`` → ``continuous=True``, no date (weak unless it is the
  whole value of a ``Thời gian:`` line or of the text).

Recurrence values are those of the record contract (weekly, monthly, quarterly, semiannual,
annual). ``hằng ngày`` (not in the contract) and intervals without a name (``định kỳ 2
tháng``) keep ``recurrence=None`` with their RRULE (``FREQ=DAILY``) and ``recurrences``
(``["daily"]``).
Lunar dates (``10 tháng 3 âm lịch``) and impossible dates (``31/4/2023``) keep
  ``date=None`` with a warning.

Not deadlines: dates in citations (``Kế hoạch số 67-KH/HU ngày 10/01/2022``) or any date
or year without a trigger (``kế hoạch năm 2022``, ``Ngày 30/9/2025, Ban Thường vụ họp``),
``nhiệm kỳ 2026 - 2031``, ``giai đoạn 2021-2025``, ``tầm nhìn đến năm 2045``, ``tính đến
ngày 31/12/2023``, ``định hướng đến năm 2035``, start dates (``từ ngày 01/01/2019``),
ages and amounts, item numbers (``1.5``, ``3.1``: a bare d.m with a dot); a narrative
date before the anchor led by ``đến``/``vào``/``trong`` (``đến ngày 31/12/2013, toàn quốc
mới cấp được...``).

Module map: :mod:`.model` (DeadlineMatch, the atoms and candidates passed between
stages), :mod:`.rules` (regexes compiled from ``patterns/deadlines.yaml``),
:mod:`.calendar` (anchors and date arithmetic), :mod:`.finder` (expressions, triggers,
the choice between overlapping readings), :mod:`.values` (the date, rhythm or term an
expression states).
"""

from __future__ import annotations

from typing import Optional

from ...normalize import fold
from .finder import Finder
from .model import Anchor, DeadlineMatch
from .rules import rules

__all__ = ["DeadlineMatch", "find_deadlines", "mentions_time", "parse_deadline", "pick_deadline"]


def find_deadlines(text: str, anchor: Anchor = None) -> list[DeadlineMatch]:
    """Every deadline, period, relative term or rhythm expression in ``text`` (a task
    sentence), ordered by position, with ``start``/``end`` offsets into ``text``.

    ``anchor`` is the document's date (a :class:`datetime.date`, an ISO string, or a bare
    year when only the year is known). Without it, expressions without a year and
    relative terms keep ``date=None``; with a year only, relative terms keep ``date=None``.
    """
    if not text:
        return []
    return Finder(text, anchor).run()


def parse_deadline(expr: str, anchor: Anchor = None) -> Optional[DeadlineMatch]:
    """The deadline an expression such as ``trước ngày 15/11`` or ``hằng quý`` states
    (weak readings included), or ``None``."""
    return pick_deadline(find_deadlines(expr, anchor), include_weak=True)


_PRIORITY = {"by": 0, "within": 0, "range": 0, "relative": 0, "recurring": 1, "on": 2, "continuous": 3}


def pick_deadline(deadlines: list[DeadlineMatch], include_weak: bool = False) -> Optional[DeadlineMatch]:
    """The deadline of a task from everything :func:`find_deadlines` found in it.

    Dated due expressions (by/within/range/relative) come first, the latest of them (``Quý
    III, IV`` → IV; ``Thường xuyên; hoàn thành trước ngày 31/12/2026`` → the date), then
    rhythms, then planned or event dates (``on``), then ``thường xuyên``. Weak readings are
    skipped unless ``include_weak``.
    """
    pool = [d for d in deadlines if include_weak or not d.weak]
    if not pool:
        return None

    def key(d: DeadlineMatch) -> tuple:
        dated = d.date is not None or d.recurrence is not None or d.continuous
        return (_PRIORITY.get(d.kind, 4) + (0 if dated else 5), d.weak)

    best = min(key(d) for d in pool)
    top = [d for d in pool if key(d) == best]
    dated = [d for d in top if d.date]
    return max(dated, key=lambda d: d.date) if dated else top[0]


def mentions_time(text: str) -> bool:
    """Whether ``text`` names a date, a month, a quarter or a year of its own, due date or
    not (``từ quý IV/2025 đến khi kết thúc bầu cử``): such a task keeps its own time and
    takes none from its heading."""
    F = fold(text)
    r = rules()
    if any(rx.search(F) for rx in (r.date_long, r.quarter, r.month, r.year, r.range, r.half)):
        return True
    return any(m.group("y") for m in r.date_num.finditer(F))
