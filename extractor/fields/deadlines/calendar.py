"""Anchors (the document's date) and date arithmetic."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

from .model import Anchor


def read_anchor(anchor: Anchor) -> tuple[Optional[dt.date], Optional[int]]:
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


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def add_working_days(start: dt.date, n: int) -> dt.date:
    step = 1 if n >= 0 else -1
    d, left = start, abs(n)
    while left:
        d += dt.timedelta(days=step)
        if d.weekday() < 5:
            left -= 1
    return d


def add_months(d: dt.date, n: int) -> dt.date:
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


WD_NUM = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
