"""What the deadline normaliser passes between its stages and returns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Optional, Union

from ...model import Deadline

Anchor = Union[dt.date, dt.datetime, int, str, None]


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


@dataclass
class Atom:
    start: int
    end: int
    cls: str                    # date | period | range | recur | dayonly | relative | continuous | lunar
    data: dict
    prio: int = 0               # tie-break between atoms of equal span


@dataclass
class Cand:
    start: int
    end: int
    atom: Atom
    kind: str
    weak: bool = False
    past: str = "keep"
    framed: bool = False        # the whole text or the value of a "Thời gian:" label

