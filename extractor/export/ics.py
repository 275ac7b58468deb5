"""The tasks as a calendar (iCalendar, RFC 5545, written with the icalendar library).

- A task with a due date → one all-day event on that date.
- A task with a rhythm → one recurring all-day event: its RRULE is the deadline's ``rrule``
  (or the rule of its ``recurrence``), its DTSTART the first occurrence on or after the
  letter's date (the first day of its month or year when the day is left blank; the day of
  the export when the letter has no date), so DTSTART is itself an occurrence, as RFC 5545
  asks.
- A task with neither (no deadline, "thường xuyên", a term counted from an unknown event)
  has no place in a calendar and is left out; the caller is told how many.

Every event says who leads (SUMMARY = lead + action), and carries the task text, the units
that support it, the deadline as written and the source letter (number, date, subject, file)
in its DESCRIPTION. UIDs hash the source file's sha256 with the task's index in it, so
importing a new export of the same letters updates the events instead of duplicating them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from . import TaskRow

PRODID = "-//chidao//Theo doi nhiem vu//VI"


def first_occurrence(rrule: str, anchor: dt.date) -> Optional[dt.date]:
    """The first date of ``rrule`` on or after ``anchor`` (None when the rule yields none or
    does not parse)."""
    from dateutil.rrule import rrulestr
    start = dt.datetime.combine(anchor, dt.time())
    try:
        nxt = rrulestr(rrule, dtstart=start).after(start, inc=True)
    except (ValueError, TypeError):
        return None
    return nxt.date() if nxt else None


def description(row: TaskRow) -> str:
    lines = [row.text]
    if row.lead:
        lines.append("Đơn vị chủ trì: " + "; ".join(row.lead))
    if row.support:
        lines.append("Đơn vị phối hợp: " + "; ".join(row.support))
    if row.deadline_text:
        lines.append("Thời hạn theo văn bản: " + row.deadline_text)
    if row.rhythm:
        lines.append("Định kỳ: " + row.rhythm)
    lines.append("Văn bản giao: " + row.letter.reference())
    if row.letter.subject:
        lines.append("Trích yếu: " + row.letter.subject)
    if row.letter.path:
        lines.append("Tệp: " + row.letter.paths.replace("\n", "; "))
    return "\n".join(lines)


def write_ics(rows: list[TaskRow], path: Path,
              today: Optional[dt.date] = None) -> tuple[int, list[TaskRow]]:
    """Writes the calendar; returns (events written, tasks left out)."""
    from icalendar import Calendar, Event, vRecur

    today = today or dt.date.today()
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Nhiệm vụ được giao (chidao)")
    events, skipped = 0, []
    seen: set[str] = set()
    for row in rows:
        start: Optional[dt.date] = None
        rule = None
        if row.rrule:
            start = first_occurrence(row.rrule, row.letter.anchor or today)
            rule = row.rrule
        if start is None and row.due:
            start, rule = row.due, None
        recur = None
        if rule:
            try:
                recur = vRecur.from_ical(rule)
            except ValueError:  # dateutil read it, icalendar does not: leave it out
                start = None
        if start is None or row.uid in seen:
            skipped.append(row)
            continue
        seen.add(row.uid)
        ev = Event()
        ev.add("uid", row.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(days=1))
        if recur is not None:
            ev.add("rrule", recur)
        ev.add("summary", row.summary())
        ev.add("description", description(row))
        ev.add("categories", ["Nhiệm vụ"])
        ev.add("transp", "TRANSPARENT")
        ev.add("status", "CONFIRMED")
        cal.add_component(ev)
        events += 1
    path.write_bytes(cal.to_ical())
    return events, skipped
