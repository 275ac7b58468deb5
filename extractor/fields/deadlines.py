"""Deadlines and rhythms in Vietnamese administrative text (a small Duckling-style normaliser).

:func:`find_deadlines` returns every time expression of a task sentence that sets a due
date, a period to finish in, a relative term or a reporting rhythm, with ``start``/``end``
offsets into the text; :func:`parse_deadline` reads one expression; :func:`pick_deadline`
chooses the one a task tracker should show. Word lists, trigger phrases and rhythm tables
live in ``patterns/deadlines.yaml``; ``patterns/deadlines.examples.yaml`` documents and
tests every form below.

Surface forms handled (``anchor`` = the document's date; matching is case-, tone-placement-
and spacing-insensitive, so PDF text such as ``định kỳhằng năm`` or ``Từngày`` works):

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
  sau``, ``trước ngày 15/12 hằng năm``, ``cuối mỗi tháng``. A bare rhythm after a noun
  (``khen thưởng hàng năm``) is reported with ``weak=True``.
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
ngày 31/12/2023``, start dates (``từ ngày 01/01/2019``), ages and amounts; a narrative
date before the anchor led by ``đến``/``vào``/``trong`` (``đến ngày 31/12/2013, toàn quốc
mới cấp được...``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, Iterable, Optional, Union

from ..model import Deadline
from ..normalize import fold, fold_pattern
from ..resources import load_patterns

Anchor = Union[dt.date, dt.datetime, int, str, None]

__all__ = ["DeadlineMatch", "find_deadlines", "parse_deadline", "pick_deadline"]


@dataclass
class DeadlineMatch(Deadline):
    """A :class:`~extractor.model.Deadline` with what the normaliser knows beyond the schema.

    - ``kind``: ``by`` (due by the date), ``within`` (during a period: its last day),
      ``before`` (before a period starts), ``on`` (on that day), ``range`` (a span: its
      last day), ``relative`` (an offset from an event), ``recurring``, ``continuous``.
    - ``weak``: a plausible but uncertain deadline (planned date ``dự kiến``, a bare rhythm
      after a noun, ``trong 05 ngày`` without ``thời hạn``/``vòng``, an adverb
      ``thường xuyên``); :func:`pick_deadline` skips these by default.
    - ``offset_days``/``offset_months``/``working_days``/``relative_to``: a relative term;
      ``offset_days`` counts working days when ``working_days`` is true and is negative
      for "N ngày trước ...".
    - ``recurrences``: every rhythm of a list, most frequent first (``recurrence`` is the
      first one).
    - ``continuous``: ``thường xuyên``. ``lunar``: a lunar-calendar date (not converted).
    - ``warnings``: invalid or past dates, weekday mismatches, lunar dates.
    """

    kind: str = "by"
    weak: bool = False
    continuous: bool = False
    offset_days: Optional[int] = None
    offset_months: Optional[int] = None
    working_days: bool = False
    relative_to: Optional[str] = None
    recurrences: list = field(default_factory=list)
    lunar: bool = False
    warnings: list = field(default_factory=list)

    def to_deadline(self) -> Deadline:
        """The plain record-contract :class:`Deadline` (text, date, recurrence, rrule, offsets)."""
        return Deadline(**{f.name: getattr(self, f.name) for f in fields(Deadline)})


# =========================================================================== rules
def _ph(phrase: str) -> str:
    """A YAML phrase → a regex on folded text (a space = optional whitespace)."""
    return fold_pattern(phrase).replace(" ", r"\s*")


def _alt(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((_ph(p) for p in phrases), key=len, reverse=True)) + ")"


def _words(words: Iterable[str]) -> str:
    """Literal words (no regex syntax) → an alternation, longest first."""
    return "(?:" + "|".join(sorted((re.escape(fold(w)).replace(r"\ ", r"\s*") for w in words),
                                   key=len, reverse=True)) + ")"


L = r"(?<![\w])"          # left word boundary
R = r"(?![\w])"           # right word boundary
SEP = r"\s*[/.\-]\s*"     # date separator (fold turns – — into -)
YEAR = r"(?:19|20)\d{2}(?!\d)"
# after day/month: a 4-digit year, or nothing that looks like one ("08/6/20210" is no date)
YEAR_OR_END = rf"(?:{SEP}(?P<y>\d{{4}})(?!\d)|(?!\d)(?!\s*[/.\-]\s*\d))"


class _Rules:
    """Everything compiled from ``patterns/deadlines.yaml``."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.roman = {fold(k): v for k, v in data["roman"].items()}
        self.numwords = {fold(k): v for k, v in data["number_words"].items()}
        self.yearwords = {fold(k): v for k, v in data["year_words"].items()}
        self.weekday_of: dict[str, str] = {}
        for code, names in data["weekdays"].items():
            for n in names:
                self.weekday_of[re.sub(r"\s+", "", fold(n))] = code
        rh = data["rhythm"]
        self.units = {fold(k): v for k, v in rh["units"].items()}
        self.every_n = {int(k): v for k, v in rh["every_n_months"].items()}
        self.times_per_year = {int(k): v for k, v in rh["times_per_year"].items()}
        self.recurrences = rh["recurrences"]
        self.contract_recurrences = set(rh["contract"])
        self.quarter_months = {fold(k): v for k, v in rh["quarter_months"].items()}

        NUMW = _words(self.numwords)
        WD = _words(n for ns in data["weekdays"].values() for n in ns) + r"(?!\d)" + R
        QN = r"(?:iv|iii|ii|i|[1-4])" + R
        MN = r"(?:1[0-2]|0?[1-9])(?!\d)"
        YW = rf"(?:{YEAR}|{_words(self.yearwords)}{R})"
        LEAD = _words(rh["leads"])
        UNIT = _words(self.units)
        BUNIT = _words(u for u in self.units if self.units[u] != "daily")   # bare unit in a list
        PERIODIC = _alt(rh["periodic"])
        LISTSEP = r"\s*(?:,|và|hoặc|&|/|-|đến|tới)\s*"

        # ---- dates: 30/8/2023, ngày 15 tháng 11 năm 2023, thứ Hai (02/4/2012)
        self.date_num = re.compile(
            rf"(?:(?P<wd1>{WD})\s*,?\s*(?P<par>\()?\s*)?(?P<ngay>ngày\s*)?(?<![\d/.,])"
            rf"(?P<d>\d{{1,2}})(?P<sep>{SEP})(?P<m>\d{{1,2}}){YEAR_OR_END}"
            rf"(?(par)\s*\))(?:\s*\(\s*(?P<wd2>{WD})\s*\))?")
        self.date_long = re.compile(
            rf"{L}(?:(?P<wd1>{WD})\s*,?\s*)?(?P<ngay>ngày|mùng|mồng)\s*(?P<d>\d{{1,2}})\s*tháng\s*"
            rf"(?P<m>\d{{1,2}})(?:\s*(?:,\s*)?(?:năm|/)\s*(?P<y>\d{{4}}))?(?!\d)"
            rf"(?:\s*\(\s*(?P<wd2>{WD})\s*\))?")
        self.lunar = re.compile(
            rf"{L}(?:(?:ngày|mùng|mồng)\s*)?\d{{1,2}}\s*(?:tháng\s*|/\s*)\d{{1,2}}"
            rf"(?:\s*(?:năm\s*|/\s*)\w+)?\s*(?:\(\s*)?âm\s*lịch(?:\s*\))?")
        # ---- periods
        self.quarter = re.compile(
            rf"{L}qúy\s*(?P<qs>{QN}(?:{LISTSEP}(?:qúy\s*)?{QN})*)"
            rf"(?:\s*(?:/|-|,?\s*năm)\s*(?P<y>{YW}))?")
        self.month = re.compile(
            rf"{L}tháng\s*(?P<ms>{MN}(?:{LISTSEP}(?:tháng\s*)?{MN})*)"
            rf"(?:\s*(?:/|-|,?\s*năm)\s*(?P<y>{YW}))?(?!\s*(?:/|-)\s*\d)")
        self.year = re.compile(
            rf"{L}năm\s*(?P<ys>{YW}(?:\s*(?:,|và|hoặc)\s*(?:năm\s*)?{YEAR})*)(?!\s*-\s*\d)")
        self.half = re.compile(
            rf"{L}(?:(?P<n>\d{{1,2}}|{NUMW})\s*tháng|(?P<nua>nửa))\s*(?P<which>đầu|cuối)\s*"
            rf"(?:của\s*)?năm(?:\s*(?P<y>{YW}))?")
        # ---- ranges: từ ngày 10/8 đến ngày 20/8/2023, từ 10 - 20/8/2023
        self.range = re.compile(
            rf"{L}từ\s*(?:ngày\s*)?(?<![\d/.,])(?P<d1>\d{{1,2}})(?:{SEP}(?P<m1>\d{{1,2}}))?"
            rf"(?:{SEP}(?P<y1>\d{{4}}))?\s*(?:đến|tới|-)\s*(?:hết\s*)?(?:ngày\s*)?"
            rf"(?P<d2>\d{{1,2}}){SEP}(?P<m2>\d{{1,2}})"
            rf"(?:{SEP}(?P<y2>\d{{4}})(?!\d)|(?!\d)(?!\s*[/.\-]\s*\d))")
        # ---- rhythms with a fixed day
        pre = rf"(?:(?P<dk>{PERIODIC})\s*(?:vào\s*)?)?"
        self.weekly = re.compile(
            rf"{L}{pre}(?:(?:buổi\s*)?(?:sáng|chiều|tối)\s*)?(?:(?:các\s*)?ngày\s*)?"
            rf"(?P<wds>{WD}(?:\s*(?:,|và|hoặc)\s*(?:{WD}|[2-7](?!\d)))*)\s*(?:của\s*)?"
            rf"(?:{LEAD}|các)\s*tuần{R}")
        self.monthly = re.compile(
            rf"{L}{pre}(?:các\s*)?ngày\s*(?P<days>\d{{1,2}}(?:\s*(?:,|và)\s*(?:ngày\s*)?\d{{1,2}})*)"
            rf"\s*(?:của\s*)?(?:{LEAD}|các)\s*tháng{R}(?!\s*\d)")
        self.quarterly = re.compile(
            rf"{L}{pre}ngày\s*(?P<d>\d{{1,2}})\s*(?:của\s*)?(?:các\s*)?tháng\s*"
            rf"(?P<which>{_words(self.quarter_months)})\s*(?:tiên\s*)?(?:của\s*)?"
            rf"(?:(?:{LEAD}|các|từng)\s*)?qúy(?P<next>\s*(?:sau|tiếp\s*theo|kế\s*tiếp))?{R}")
        self.annual = re.compile(
            rf"{L}{pre}ngày\s*(?P<d>\d{{1,2}})(?:{SEP}|\s*tháng\s*)(?P<m>\d{{1,2}})"
            rf"(?:\s*(?:,|và)\s*(?:ngày\s*)?(?P<d2>\d{{1,2}})(?:{SEP}|\s*tháng\s*)(?P<m2>\d{{1,2}}))?"
            rf"\s*(?:của\s*)?(?:{LEAD}|các)\s*năm{R}(?!\s*\d)")
        self.period_end = re.compile(
            rf"{L}{pre}(?:vào\s*)?(?:ngày\s*)?cuối\s*(?:cùng\s*)?(?:của\s*)?(?:{LEAD})\s*"
            rf"(?P<u>tháng|qúy|năm){R}(?!\s*\d)")
        # ---- bare rhythms and lists: hằng tháng, quý, năm / định kỳ 6 tháng và hàng năm
        item_lead = rf"(?:{LEAD})\s*(?P<u>{UNIT}){R}(?!\s*\d)"
        item_n = rf"(?P<n>\d{{1,2}}|{NUMW})\s*(?P<nu>tháng|tuần|năm){R}(?!\s*(?:đầu|cuối|\d))"
        once = r"(?:\s*(?:một|1|01)\s*lần)"
        self.rhythm_heads = [
            ("lead", re.compile(rf"{L}{pre}{item_lead}")),
            ("every", re.compile(rf"{L}(?P<dk>{PERIODIC})\s*(?:vào\s*|mỗi\s*)?{item_n}{once}?")),
            ("every", re.compile(rf"{L}(?P<dk>)(?:mỗi\s*)?{item_n}{once}")),
            ("times", re.compile(rf"{L}{pre}(?P<k>\d{{1,2}}|{NUMW})\s*lần\s*/\s*(?:một\s*|1\s*)?"
                                 rf"(?P<u>{UNIT}){R}")),
        ]
        self.rhythm_tail = re.compile(
            rf"\s*(?:,|và|hoặc|/)\s*(?:(?:{LEAD})\s*(?P<u>{UNIT}){R}(?!\s*\d)|"
            rf"(?P<bu>{BUNIT}){R}(?!\s*\d)|{item_n}{once}?)")
        self.dayonly = re.compile(
            rf"{L}(?:trước|vào|chậm\s*nhất)\s*(?:là\s*)?ngày\s*(?P<d>\d{{1,2}})"
            rf"(?!\s*(?:[/.\-]\s*\d|tháng|\d|của|hằng|hàng|mỗi|các))")
        # ---- relative terms
        rel = data["relative"]
        self.rel_units = {fold(k): v for k, v in rel["units"].items()}
        self.relative = re.compile(
            rf"{L}(?:(?P<lead>{_alt(rel['leads']['strong'])})|(?P<wlead>{_alt(rel['leads']['weak'])}))?"
            rf"\s*(?<![\d/.,])(?P<n>\d{{1,3}}|{NUMW})\s*(?P<u>{_words(self.rel_units)}){R}(?!\s*\d)"
            rf"(?:\s*(?P<after>{_alt(rel['directions']['after'])})|\s*(?P<before>"
            rf"{_alt(rel['directions']['before'])}))?{R}")
        self.doc_refs = re.compile(_alt(rel["document_refs"]))
        self.not_doc_refs = re.compile(_alt(rel["not_document_refs"]))
        self.continuous = re.compile(rf"{L}{_alt(data['continuous'])}{R}")
        self.rhythm_strong = re.compile(_alt(rh["strong_before"]))

        # ---- triggers, labels, blockers
        self.triggers = []
        for t in data["triggers"]:
            rx = re.compile(rf"{L}{_alt(t['phrases'])}[\s*_]*$")
            self.triggers.append((set(t["applies"]), str(t["kind"]), t["past"], bool(t.get("weak")), rx))
        self.label = re.compile(rf"{L}{_alt(data['labels'])}\s*:[\s*_]*$")
        self.blocker = re.compile(rf"{L}{_alt(data['blockers'])}\s*$")
        self.citation = re.compile(
            rf"(?:\d+[a-zđ]*\s*[/\-]\s*[a-zđ&]+(?:\s*[/\-]\s*[a-zđ0-9&]+)*|{L}{_alt(data['citation_words'])})"
            rf"\s*,?\s*(?:ngày\s*)?$")

    def weekday(self, s: str) -> Optional[str]:
        return self.weekday_of.get(re.sub(r"\s+", "", s))

    def number(self, s: str) -> int:
        s = re.sub(r"\s+", " ", s.strip())
        return int(s) if s.isdigit() else self.numwords[s]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules(load_patterns("deadlines"))


# =========================================================================== anchors, dates
def _anchor(anchor: Anchor) -> tuple[Optional[dt.date], Optional[int]]:
    """(anchor date or None, anchor year or None) from a date, a year or an ISO string."""
    if anchor is None:
        return None, None
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if isinstance(anchor, dt.date):
        return anchor, anchor.year
    if isinstance(anchor, int):
        return None, anchor
    if isinstance(anchor, str):
        s = anchor.strip()
        if re.fullmatch(r"\d{4}", s):
            return None, int(s)
        return dt.date.fromisoformat(s[:10]), int(s[:4])
    raise TypeError(f"anchor must be a date, a year or an ISO string, not {type(anchor).__name__}")


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_working_days(start: dt.date, n: int) -> dt.date:
    step = 1 if n >= 0 else -1
    d, left = start, abs(n)
    while left:
        d += dt.timedelta(days=step)
        if d.weekday() < 5:
            left -= 1
    return d


def _add_months(d: dt.date, n: int) -> dt.date:
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


# =========================================================================== internals
@dataclass
class _Atom:
    start: int
    end: int
    cls: str                    # date | period | range | recur | dayonly | relative | continuous | lunar
    data: dict
    prio: int = 0               # tie-break between atoms of equal span


@dataclass
class _Cand:
    start: int
    end: int
    atom: _Atom
    kind: str
    weak: bool = False
    past: str = "keep"
    framed: bool = False        # the whole text or the value of a "Thời gian:" label


_WD_NUM = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_BULLET_ONLY = re.compile(r"^[\s*_#>|]*(?:(?:[-+•]|(?:\d+|[a-zđ]|[ivx]+)(?:\.\d+)*[.)])[\s*_]*)?\(?$")
_END_ONLY = re.compile(r"^[\s*_).;:]*$")
_LABEL_END = re.compile(r"^[\s*_)]*(?:[.;,(]|$)")


class _Engine:
    def __init__(self, text: str, anchor: Anchor) -> None:
        self.r = _rules()
        self.text = text
        self.F = fold(text)
        self.anchor, self.year = _anchor(anchor)

    # ------------------------------------------------------------------ atoms
    def atoms(self) -> list[_Atom]:
        r, F = self.r, self.F
        out: list[_Atom] = []

        def add(rx: re.Pattern, cls: str, prio: int = 0, **extra: Any) -> None:
            for m in rx.finditer(F):
                out.append(_Atom(m.start(), m.end(), cls, {"m": m, **extra}, prio))

        add(r.date_num, "date", 2, form="num")
        add(r.date_long, "date", 2, form="long")
        add(r.lunar, "lunar", 3)
        add(r.quarter, "period", 1, form="quarter")
        add(r.month, "period", 1, form="month")
        add(r.year, "period", 1, form="year")
        add(r.half, "period", 1, form="half")
        add(r.range, "range", 3)
        add(r.weekly, "recur", 4, form="weekly")
        add(r.monthly, "recur", 4, form="monthly")
        add(r.quarterly, "recur", 5, form="quarterly")
        add(r.annual, "recur", 5, form="annual")
        add(r.period_end, "recur", 4, form="period_end")
        add(r.dayonly, "dayonly", 0)
        add(r.continuous, "continuous", 0)
        for form, rx in r.rhythm_heads:
            for m in rx.finditer(F):
                end, tails = m.end(), []
                while True:
                    t = r.rhythm_tail.match(F, end)
                    if not t:
                        break
                    tails.append(t)
                    end = t.end()
                out.append(_Atom(m.start(), end, "recur", {"m": m, "form": form, "tails": tails}, 3))
        for m in r.relative.finditer(F):
            if not (m.group("lead") or m.group("wlead") or m.group("after") or m.group("before")):
                continue
            out.append(_Atom(m.start(), m.end(), "relative", {"m": m}, 2))
        return out

    # ------------------------------------------------------------------ triggers
    def candidates(self, atoms: list[_Atom]) -> list[_Cand]:
        """Attach triggers; drop dates and periods that have none and are not framed."""
        cands: list[_Cand] = []
        untriggered: list[_Atom] = []
        for a in atoms:
            if a.cls == "relative":
                cands.append(_Cand(a.start, a.end, a, "relative"))
            elif a.cls == "dayonly":
                cands.append(_Cand(a.start, a.end, a, "dayonly"))
            elif a.cls == "continuous":
                framed = self._framed(a.start, a.end)
                cands.append(_Cand(a.start, a.end, a, "continuous", weak=not framed, framed=framed))
            elif a.cls == "recur":
                cands.append(self._recur_cand(a))
            elif a.cls == "range":
                cands.append(_Cand(a.start, a.end, a, "range", past="drop"))
            else:
                c = self._triggered(a)
                if c is not None:
                    cands.append(c)
                else:
                    untriggered.append(a)
        # a trigger word inside a longer untriggered expression is no trigger:
        # "3 tháng cuối năm 2025" is not "cuối năm 2025"
        return [c for c in cands
                if not any(u.start < c.start < u.end and c.atom.end <= u.end for u in untriggered)]

    def _triggered(self, a: _Atom) -> Optional[_Cand]:
        """A date, lunar date or period with the trigger right before it (the longest
        one), or framed as the whole value; ``None`` when it is no deadline."""
        r, F = self.r, self.F
        m0 = a.data["m"]
        # a bare "2/3" (no "ngày", no year) may be a fraction: only a due-date trigger
        # (trước, chậm nhất, ...) makes it a date
        bare = a.cls == "date" and a.data["form"] == "num" and not m0.group("ngay") and not m0.group("y")
        best = None
        for applies, kind, past, weak, rx in r.triggers:
            if a.cls not in applies or (bare and not (kind == "by" and past == "keep")):
                continue
            m = rx.search(F, max(0, a.start - 80), a.start)
            if m and (best is None or m.start() < best[0].start()):
                if kind == "range" and not self._is_list_span(a):
                    continue
                best = (m, kind, past, weak)
        if best is not None:
            m, kind, past, weak = best
            if r.blocker.search(F, max(0, m.start() - 30), m.start()):
                return None
            return _Cand(m.start(), a.end, a, kind, weak=weak, past=past)
        if self._framed(a.start, a.end) and not self._cited(a.start):
            return _Cand(a.start, a.end, a, "within" if a.cls == "period" else "by", framed=True)
        return None

    @staticmethod
    def _is_list_span(a: _Atom) -> bool:
        """A period list written as a span (tháng 6 đến tháng 9): what "từ" may lead."""
        m = a.data["m"]
        items = next((m.group(g) for g in ("qs", "ms", "ys") if g in m.re.groupindex), "")
        return bool(items and re.search(r"đến|tới|-", items))

    def _framed(self, start: int, end: int) -> bool:
        """The expression is the whole text (bar bullets and punctuation) or the value of a
        ``Thời gian thực hiện:`` label."""
        F = self.F
        line_start = F.rfind("\n", 0, start) + 1
        if _BULLET_ONLY.match(F[:start]) and _END_ONLY.match(F[end:]):
            return True
        if self.r.label.search(F, max(line_start, start - 60), start) and _LABEL_END.match(F[end:]):
            return True
        return False

    def _cited(self, start: int) -> bool:
        return bool(self.r.citation.search(self.F, max(0, start - 60), start))

    def _recur_cand(self, a: _Atom) -> _Cand:
        r, F = self.r, self.F
        m = a.data["m"]
        start = a.start
        # a fixed day or an explicit frequency (6 tháng một lần, 2 lần/năm) is a stated rhythm
        fixed = a.data["form"] in ("weekly", "monthly", "quarterly", "annual", "period_end", "times") or (
            a.data["form"] == "every")
        for kinds, kind, past, weak, rx in r.triggers:
            if "recur" in kinds:
                t = rx.search(F, max(0, a.start - 40), a.start)
                if t and t.start() < start:
                    start = t.start()
        if start == a.start and not m.groupdict().get("dk"):
            lo = max(0, a.start - 20)
            p = re.search(r"(?:định\s*kỳ|theo\s*định\s*kỳ)\s*(?:vào\s*)?$", F[lo:a.start])
            if p:
                start = lo + p.start()
        strong = fixed or bool(m.groupdict().get("dk")) or start < a.start
        if not strong:
            # a stated rhythm: "định kỳ", "báo cáo" ... shortly before, in the same clause
            lo = max(0, a.start - 60)
            clause = re.split(r"[.;:()]", F[lo:a.start])[-1]
            strong = bool(r.rhythm_strong.search(clause))
        return _Cand(start, a.end, a, "recurring", weak=not strong)

    # ------------------------------------------------------------------ selection
    def select(self, cands: list[_Cand]) -> list[_Cand]:
        chosen: list[_Cand] = []
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.atom.prio, c.start)):
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        # dayonly ("trước ngày 20") only qualifies a neighbouring monthly rhythm
        merged: list[_Cand] = []
        for c in chosen:
            prev = merged[-1] if merged else None
            gap = self.F[prev.end:c.start] if prev else ""
            close = prev is not None and re.fullmatch(r"[\s,(\-]*(?:và|hoặc)?[\s,(]*", gap) is not None
            if close and prev.kind == "recurring" and c.kind == "recurring":
                prev.end = c.end
                prev.atom = _Atom(prev.start, c.end, "recur", {"parts": [prev.atom, c.atom]})
                prev.weak = prev.weak and c.weak
                continue
            if close and prev.kind == "recurring" and c.kind == "dayonly":
                prev.end = c.end
                prev.atom = _Atom(prev.start, c.end, "recur", {"parts": [prev.atom], "day": c.atom})
                prev.weak = False
                continue
            if close and prev.kind == "dayonly" and c.kind == "recurring":
                c.atom = _Atom(prev.start, c.end, "recur", {"parts": [c.atom], "day": prev.atom})
                c.start, c.weak = prev.start, False
                merged[-1] = c
                continue
            merged.append(c)
        return [c for c in merged if c.kind != "dayonly"]

    # ------------------------------------------------------------------ values
    def resolve(self, c: _Cand, nxt: Optional[int]) -> Optional[DeadlineMatch]:
        a = c.atom
        res = DeadlineMatch(text="", kind=c.kind, weak=c.weak)
        if a.cls in ("date", "lunar"):
            if a.cls == "lunar" or re.search(r"âm\s*lịch", self.F[a.end:a.end + 12]):
                res.lunar = True
                res.warnings.append("lunar date: not converted")
            else:
                res.date = self._date_value(a, res)
        elif a.cls == "period":
            s, e = self._period(a, res)
            if c.kind == "before":
                res.date = (s - dt.timedelta(days=1)) if s else None
                res.kind = "by"
            else:
                res.date = e
        elif a.cls == "range":
            res.date = self._range(a, res)
        elif a.cls == "recur":
            self._rhythm(a, res)
        elif a.cls == "relative":
            end = self._relative(a, res, nxt)
            c.end = max(c.end, end)
        elif a.cls == "continuous":
            res.continuous = True
        # past dates: a status ("đến ngày 31/12/2013 ...") unless a due-date trigger
        if isinstance(res.date, dt.date) and self._is_past(res.date):
            if c.past == "drop" and c.kind != "relative":
                return None
            res.warnings.append("date before the document date")
        res.date = res.date.isoformat() if isinstance(res.date, dt.date) else None
        s, e = c.start, c.end
        while s < e and self.text[s] in " \t\n*_":
            s += 1
        while e > s and self.text[e - 1] in " \t\n*_,;:(":
            e -= 1
        res.start, res.end, res.text = s, e, self.text[s:e]
        return res

    def _is_past(self, d: dt.date) -> bool:
        if self.anchor is not None:
            return d < self.anchor
        if self.year is not None:
            return d.year < self.year
        return False

    def _year_for(self, m: int, d: int) -> Optional[int]:
        """The year of a year-less day/month: the anchor's, or the next one when the date
        would lie more than a month before the anchor."""
        if self.anchor is not None:
            cand = _safe_date(self.anchor.year, m, d)
            if cand is not None and cand < self.anchor - dt.timedelta(days=31):
                return self.anchor.year + 1
            return self.anchor.year
        return self.year

    def _year_word(self, y: Optional[str]) -> Optional[int]:
        if y is None:
            return None
        y = y.strip()
        if y.isdigit():
            return int(y)
        if self.year is None:
            return None
        return self.year + self.r.yearwords[y]

    def _date_value(self, a: _Atom, res: DeadlineMatch) -> Optional[dt.date]:
        m = a.data["m"]
        d, mo = int(m.group("d")), int(m.group("m"))
        y = m.group("y")
        if a.data.get("form") == "num" and y is None and not m.group("ngay") and "/" not in m.group("sep"):
            return None
        year = int(y) if y else self._year_for(mo, d)
        if year is None:
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                res.warnings.append(f"invalid date {d}/{mo}")
            return None
        value = _safe_date(year, mo, d)
        if value is None:
            res.warnings.append(f"invalid date {d}/{mo}/{year}")
            return None
        for g in ("wd1", "wd2"):
            wd = m.groupdict().get(g)
            if wd:
                code = self.r.weekday(wd)
                if code and _WD_NUM[code] != value.weekday():
                    res.warnings.append(f"weekday mismatch: {value.isoformat()} is not {wd}")
        return value

    def _period(self, a: _Atom, res: DeadlineMatch) -> tuple[Optional[dt.date], Optional[dt.date]]:
        m, form = a.data["m"], a.data["form"]
        if form == "year":
            ys = [self._year_word(y) for y in re.findall(rf"{YEAR}|\w+", m.group("ys"))]
            ys = [y for y in ys if y is not None]
            if not ys:
                return None, None
            return dt.date(min(ys), 1, 1), dt.date(max(ys), 12, 31)
        y = self._year_word(m.group("y"))
        if form == "quarter":
            qs = [self.r.roman.get(q) or int(q) for q in re.findall(r"iv|iii|ii|i|[1-4]", m.group("qs"))]
            first, last = (min(qs) - 1) * 3 + 1, max(qs) * 3
        elif form == "month":
            ms = [int(x) for x in re.findall(r"\d+", m.group("ms"))]
            first, last = min(ms), max(ms)
        else:  # half: 6 tháng đầu năm, 3 tháng cuối năm, nửa đầu năm
            n = 6 if m.group("nua") else self.r.number(m.group("n"))
            if not 1 <= n <= 12:
                return None, None
            first, last = (1, n) if m.group("which") == "đầu" else (13 - n, 12)
        if y is None and self.anchor is not None and form != "half":
            y = self._year_for(last, calendar.monthrange(self.anchor.year, last)[1])
        elif y is None:
            y = self.year
        if y is None:
            return None, None
        return dt.date(y, first, 1), _month_end(y, last)

    def _range(self, a: _Atom, res: DeadlineMatch) -> Optional[dt.date]:
        m = a.data["m"]
        d2, m2 = int(m.group("d2")), int(m.group("m2"))
        y = int(m.group("y2")) if m.group("y2") else self._year_for(m2, d2)
        if y is None:
            return None
        value = _safe_date(y, m2, d2)
        if value is None:
            res.warnings.append(f"invalid date {d2}/{m2}/{y}")
        return value

    def _rhythm(self, a: _Atom, res: DeadlineMatch) -> None:
        """Fill recurrence/rrule/recurrences from one rhythm atom or a merged list of them."""
        items: list[tuple[Optional[str], float, Optional[str]]] = []   # (recurrence, per_year, rrule)
        parts = a.data.get("parts", [a])
        for p in parts:
            if "parts" in p.data:
                for q in p.data["parts"]:
                    items.extend(self._rhythm_items(q))
            else:
                items.extend(self._rhythm_items(p))
        day = a.data.get("day")
        if not items:
            return
        items.sort(key=lambda t: -t[1])
        rec, _, rrule = items[0]
        if rec not in self.r.contract_recurrences:      # hằng ngày: an RRULE, no contract value
            rec = None
        if day is not None:
            if rec == "monthly" and rrule == self.r.recurrences["monthly"]["rrule"]:
                rrule = "FREQ=MONTHLY;" + self._bymonthday([int(day.data["m"].group("d"))])
            else:
                res.warnings.append("the day after the rhythm is not encoded in the rrule")
        res.recurrence, res.rrule = rec, rrule
        seen: list[str] = []
        for r_, _, _ in items:
            if r_ and r_ not in seen:
                seen.append(r_)
        res.recurrences = seen
        res.kind = "recurring"

    @staticmethod
    def _bymonthday(days: list[int]) -> str:
        """BYMONTHDAY for 'ngày D hằng tháng': D ≥ 29 means that day or the month's last."""
        if len(days) == 1 and days[0] == 31:
            return "BYMONTHDAY=-1"
        if len(days) == 1 and days[0] in (29, 30):
            return "BYMONTHDAY=" + ",".join(str(x) for x in range(28, days[0] + 1)) + ";BYSETPOS=-1"
        return "BYMONTHDAY=" + ",".join(str(x) for x in sorted(set(days)))

    def _rhythm_items(self, a: _Atom) -> list[tuple[Optional[str], float, Optional[str]]]:
        r = self.r
        recs = r.recurrences
        m, form = a.data["m"], a.data["form"]

        def std(rec: str) -> tuple[str, float, str]:
            return rec, recs[rec]["per_year"], recs[rec]["rrule"]

        def months(n: int) -> tuple[Optional[str], float, Optional[str]]:
            if n in r.every_n:
                return std(r.every_n[n])
            return None, 12 / n, f"FREQ=MONTHLY;INTERVAL={n}"

        if form == "weekly":
            codes = []
            for w in re.findall(r"thứ\s*\w+|chủ\s*nhật|[2-7]", m.group("wds")):
                code = r.weekday(w if not w.isdigit() else "thứ" + w)
                if code and code not in codes:
                    codes.append(code)
            codes.sort(key=_WD_NUM.get)
            return [("weekly", 52, "FREQ=WEEKLY;BYDAY=" + ",".join(codes))]
        if form == "monthly":
            days = [int(x) for x in re.findall(r"\d+", m.group("days"))]
            if not all(1 <= x <= 31 for x in days):
                return []
            return [("monthly", 12, "FREQ=MONTHLY;" + self._bymonthday(days))]
        if form == "quarterly":
            # "tháng đầu quý sau" names the same months as "tháng đầu quý": 1, 4, 7, 10
            months_ = sorted(r.quarter_months[m.group("which")])
            d = int(m.group("d"))
            return [("quarterly", 4, f"FREQ=YEARLY;BYMONTH={','.join(map(str, months_))};BYMONTHDAY={d}")]
        if form == "annual":
            d, mo = int(m.group("d")), int(m.group("m"))
            if m.group("d2"):
                d2, mo2 = int(m.group("d2")), int(m.group("m2"))
                if d2 == d:
                    ms = ",".join(map(str, sorted({mo, mo2})))
                    return [("semiannual", 2, f"FREQ=YEARLY;BYMONTH={ms};BYMONTHDAY={d}")]
                return [("semiannual", 2, None)]
            return [("annual", 1, f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY={d}")]
        if form == "period_end":
            u = r.units[m.group("u")]
            rule = {"monthly": "FREQ=MONTHLY;BYMONTHDAY=-1",
                    "quarterly": "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
                    "annual": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"}[u]
            return [(u, recs[u]["per_year"], rule)]
        items: list[tuple[Optional[str], float, Optional[str]]] = []
        if form == "lead":
            items.append(std(r.units[m.group("u")]))
        elif form == "every":
            n, unit = r.number(m.group("n")), m.group("nu")
            if n <= 0:
                return []
            items.append(months(n) if unit == "tháng" else months(12 * n) if unit == "năm"
                         else ("weekly", 52, "FREQ=WEEKLY") if n == 1
                         else (None, 52 / n, f"FREQ=WEEKLY;INTERVAL={n}"))
        elif form == "times":
            k, u = r.number(m.group("k")), r.units[m.group("u")]
            per_year = k * recs[u]["per_year"]
            rec = r.times_per_year.get(int(per_year)) if per_year == int(per_year) else None
            items.append(std(rec) if rec else (None, per_year, None))
        for t in a.data.get("tails", []):
            u = t.group("u") or t.group("bu")
            if u:
                items.append(std(r.units[u]))
            else:
                n, unit = r.number(t.group("n")), t.group("nu")
                items.append(months(n) if unit == "tháng" else months(12 * n) if unit == "năm"
                             else (None, 52 / n, f"FREQ=WEEKLY;INTERVAL={n}"))
        return items

    def _relative(self, a: _Atom, res: DeadlineMatch, nxt: Optional[int]) -> int:
        """Offsets, reference point and (where the reference is the document) the date.
        Returns the end of the expression including its reference words."""
        r, F = self.r, self.F
        m = a.data["m"]
        n, unit = r.number(m.group("n")), r.rel_units[re.sub(r"\s+", " ", m.group("u"))]
        lead = (m.group("lead") or "").strip()
        sign = -1 if (m.group("before") or lead.startswith("trước")) else 1
        res.kind = "relative"
        res.weak = bool(m.group("wlead")) and not (m.group("after") or m.group("before"))
        if unit == "month":
            res.offset_months = sign * n
        else:
            res.offset_days = sign * n * (7 if unit == "week" else 1)
            res.working_days = unit == "working_day"
        end = m.end()
        has_dir = bool(m.group("after") or m.group("before") or lead.startswith("trước"))
        ref_date = None
        if has_dir:
            stop = len(F) if nxt is None else nxt
            tail = re.match(r"[^,.;:()\"]{0,80}", F[end:stop]).group(0)
            words = list(re.finditer(r"\S+", tail))[:10]
            if words:
                ref_end = end + words[-1].end()
                res.relative_to = " ".join(self.text[end:ref_end].split())
                ref_f = F[end:ref_end]
                dm = self.r.date_num.search(ref_f) or self.r.date_long.search(ref_f)
                if dm and dm.group("y"):
                    ref_date = _safe_date(int(dm.group("y")), int(dm.group("m")), int(dm.group("d")))
                end = ref_end
        doc_ref = res.relative_to is None or (
            bool(r.doc_refs.search(fold(res.relative_to))) and not r.not_doc_refs.search(fold(res.relative_to)))
        base = ref_date or (self.anchor if doc_ref else None)
        if base is not None:
            if res.offset_months is not None:
                res.date = _add_months(base, res.offset_months)
            elif res.working_days:
                res.date = _add_working_days(base, res.offset_days)
            else:
                res.date = base + dt.timedelta(days=res.offset_days)
        return end

    # ------------------------------------------------------------------ driver
    def run(self) -> list[DeadlineMatch]:
        atoms = self.atoms()
        chosen = self.select(self.candidates(atoms))
        out: list[DeadlineMatch] = []
        for i, c in enumerate(chosen):
            nxt = chosen[i + 1].start if i + 1 < len(chosen) else None
            res = self.resolve(c, nxt)
            if res is not None and res.text:
                out.append(res)
        return out


# =========================================================================== API
def find_deadlines(text: str, anchor: Anchor = None) -> list[DeadlineMatch]:
    """Every deadline, period, relative term or rhythm expression in ``text`` (a task
    sentence), ordered by position, with ``start``/``end`` offsets into ``text``.

    ``anchor`` is the document's date (a :class:`datetime.date`, an ISO string, or a bare
    year when only the year is known). Without it, expressions without a year and
    relative terms keep ``date=None``; with a year only, relative terms keep ``date=None``.
    """
    if not text:
        return []
    return _Engine(text, anchor).run()


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
