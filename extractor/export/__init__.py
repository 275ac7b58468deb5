"""Exports for the office: the task-tracking table (.xlsx, .csv) and a calendar (.ics).

Everything here consumes *record dicts* (``Record.to_dict()`` or a line of ``chidao extract
--jsonl``) and never reads a letter itself. :func:`collect` flattens records, and the
documents embedded in them (``attachments``), into :class:`TaskRow` objects, one per task,
and :class:`Letter` objects, one per document; the writers turn those into files::

    from extractor.export import export
    export(records, "theo-doi.xlsx")      # or .csv, .ics: the format comes from the extension

Records are read defensively: a hand-made record, or one from an older chidao, may lack
keys; a missing value becomes an empty cell, never an error.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

__all__ = ["FORMATS", "STATUSES", "DEFAULT_STATUS", "TITLE", "COLUMNS", "Letter", "TaskRow",
           "collect", "export", "format_for", "rhythm_words", "read_records", "ExportError"]

TITLE = "Bảng theo dõi tiến độ thực hiện nhiệm vụ"
STATUSES = ("Chưa thực hiện", "Đang thực hiện", "Đã hoàn thành", "Quá hạn")
DEFAULT_STATUS = STATUSES[0]
DONE_STATUS = STATUSES[2]

#: The columns of the tracking table, in order (the .xlsx and the .csv share them).
COLUMNS = (
    "STT",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Thời hạn theo văn bản",
    "Văn bản giao",
    "Trạng thái",
    "Ghi chú",
    "Tệp nguồn",
)

#: extension → (name, writer module)
FORMATS = {".xlsx": "Excel", ".csv": "CSV", ".ics": "iCalendar"}


class ExportError(Exception):
    """A problem with what was asked (unknown format) or with a record read from JSON."""


def format_for(path: str | Path) -> str:
    """The export format (``xlsx``, ``csv``, ``ics``) for an output path, from its extension."""
    ext = Path(str(path)).suffix.lower()
    if ext not in FORMATS:
        listed = ", ".join(f"{e} ({n})" for e, n in FORMATS.items())
        raise ExportError(f"unknown export format {ext or '(no extension)'!r} for {path}: "
                          f"use one of {listed}")
    return ext[1:]


# --------------------------------------------------------------------------- values
_WS = re.compile(r"\s+")


def squash(s: Any) -> str:
    """One line of text: runs of whitespace (PDF line breaks included) become one space."""
    return _WS.sub(" ", str(s)).strip() if s else ""


def _names(units: Any) -> list[str]:
    """Unit names from ``lead``/``support``: strings, or dicts with a name (tolerated)."""
    out = []
    for u in units or []:
        if isinstance(u, dict):
            u = u.get("name") or u.get("text") or u.get("normalized")
        u = squash(u)
        if u and u not in out:
            out.append(u)
    return out


def _iso(s: Any) -> Optional[dt.date]:
    if isinstance(s, dt.datetime):
        return s.date()
    if isinstance(s, dt.date):
        return s
    if isinstance(s, str):
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            return None
    return None


def _int(v: Any) -> Optional[int]:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


# --------------------------------------------------------------------------- rhythms in words
_WEEKDAYS = {"MO": "thứ Hai", "TU": "thứ Ba", "WE": "thứ Tư", "TH": "thứ Năm", "FR": "thứ Sáu",
             "SA": "thứ Bảy", "SU": "Chủ nhật"}
_RECURRENCE_WORDS = {"daily": "Hằng ngày", "weekly": "Hằng tuần", "monthly": "Hằng tháng",
                     "quarterly": "Hằng quý", "semiannual": "Định kỳ 6 tháng", "annual": "Hằng năm"}
#: RRULEs for a recurrence named without one (hand-made records)
RECURRENCE_RRULES = {"daily": "FREQ=DAILY", "weekly": "FREQ=WEEKLY", "monthly": "FREQ=MONTHLY",
                     "quarterly": "FREQ=MONTHLY;INTERVAL=3", "semiannual": "FREQ=MONTHLY;INTERVAL=6",
                     "annual": "FREQ=YEARLY"}


def _rrule_parts(rrule: str) -> dict[str, str]:
    parts = {}
    for item in rrule.replace("RRULE:", "").split(";"):
        if "=" in item:
            k, v = item.split("=", 1)
            parts[k.strip().upper()] = v.strip().upper()
    return parts


def _join_vi(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def _day_words(days: list[int], setpos: Optional[str]) -> str:
    if setpos == "-1" and len(days) > 1:  # "ngày 30 hằng tháng": 28,29,30 with BYSETPOS=-1
        return f"ngày {max(days)} hoặc ngày cuối tháng"
    words = ["ngày cuối tháng" if d == -1 else f"ngày {d}" for d in days]
    return _join_vi(words)


def rhythm_words(deadline: Optional[dict]) -> Optional[str]:
    """A reporting rhythm as a Vietnamese office writes it in a tracking table:
    ``FREQ=WEEKLY;BYDAY=FR`` → ``Hằng tuần (thứ Sáu)``; ``FREQ=YEARLY;BYMONTH=3,6,9,12;
    BYMONTHDAY=25`` → ``Hằng quý (ngày 25 tháng cuối quý)``. None when not recurring."""
    if not deadline:
        return None
    rrule = deadline.get("rrule")
    recurrence = deadline.get("recurrence")
    if not rrule:
        return _RECURRENCE_WORDS.get(recurrence) if recurrence else None
    p = _rrule_parts(rrule)
    freq = p.get("FREQ")
    try:
        interval = int(p.get("INTERVAL", "1"))
        days = [int(d) for d in p["BYMONTHDAY"].split(",")] if "BYMONTHDAY" in p else []
        months = [int(m) for m in p["BYMONTH"].split(",")] if "BYMONTH" in p else []
    except ValueError:
        return _RECURRENCE_WORDS.get(recurrence, "Định kỳ")
    setpos = p.get("BYSETPOS")
    detail = ""
    if freq == "DAILY":
        head = "Hằng ngày" if interval == 1 else f"{interval} ngày một lần"
    elif freq == "WEEKLY":
        head = "Hằng tuần" if interval == 1 else f"{interval} tuần một lần"
        wd = [_WEEKDAYS[k] for k in (re.sub(r"^[+-]?\d+", "", d) for d in p.get("BYDAY", "").split(","))
              if k in _WEEKDAYS]
        detail = _join_vi(wd) if wd else ""
    elif freq == "MONTHLY":
        head = {1: "Hằng tháng", 3: "Hằng quý", 6: "Định kỳ 6 tháng", 12: "Hằng năm"}.get(
            interval, f"Định kỳ {interval} tháng")
        detail = _day_words(days, setpos) if days else ""
    elif freq == "YEARLY":
        if months == [3, 6, 9, 12]:
            head = "Hằng quý"
            detail = ("ngày cuối quý" if days == [-1] else
                      f"{_day_words(days, setpos)} tháng cuối quý" if days else "tháng cuối quý")
        elif months == [1, 4, 7, 10]:
            head = "Hằng quý"
            detail = f"{_day_words(days, setpos)} tháng đầu quý" if days else "tháng đầu quý"
        elif len(months) == 2 and months[1] - months[0] == 6:
            head = "Định kỳ 6 tháng"
            detail = (" và ".join(f"{d}/{m}" for m in months for d in days) if len(days) == 1 and days[0] > 0
                      else f"tháng {months[0]} và tháng {months[1]}")
            if len(days) == 1 and days[0] > 0:
                detail = "ngày " + detail
        elif len(months) == 1:
            head = "Hằng năm"
            if len(days) == 1 and days[0] > 0:
                detail = f"ngày {days[0]}/{months[0]}"
            elif days == [-1]:
                detail = f"ngày cuối tháng {months[0]}"
            else:
                detail = f"tháng {months[0]}"
        else:
            head = "Hằng năm" if interval == 1 else f"{interval} năm một lần"
            if months:
                where = "các tháng " + ", ".join(map(str, months))
                detail = f"{_day_words(days, setpos)} {where}" if days else where
    else:
        return _RECURRENCE_WORDS.get(recurrence, "Định kỳ")
    return f"{head} ({detail})" if detail else head


def rrule_of(deadline: Optional[dict]) -> Optional[str]:
    """The RRULE of a recurring deadline (from its ``rrule``, else from its ``recurrence``)."""
    if not deadline:
        return None
    r = deadline.get("rrule")
    if r:
        return r[len("RRULE:"):] if r.upper().startswith("RRULE:") else r
    return RECURRENCE_RRULES.get(deadline.get("recurrence") or "")


# --------------------------------------------------------------------------- rows
@dataclass
class Letter:
    """One source document (a record, or a document embedded in one)."""

    index: int                       # 1-based, in input order
    doc_type: Optional[str]          # "Công văn"
    number: Optional[str]            # "1307-CV/HU"
    date: Optional[dt.date]
    year: Optional[int]
    month: Optional[int]
    issuer: Optional[str]
    subject: Optional[str]
    path: Optional[str]
    sha256: Optional[str]
    is_draft: bool = False
    embedded: bool = False           # an attachment of the file before it
    task_count: int = 0
    also: list[str] = field(default_factory=list)  # other files holding the same document

    @property
    def paths(self) -> str:
        """Every file the document was read from, one per line (the one used first)."""
        return "\n".join(p for p in [self.path, *self.also] if p)

    def reference(self) -> str:
        """``Công văn số 1307-CV/HU, ngày 13/10/2022 của Huyện ủy Bình Sơn``."""
        head = self.doc_type or "Văn bản"
        if self.number:
            s = f"{head} số {self.number}"
        else:
            s = f"{head} (chưa có số)" if self.is_draft else f"{head} (không số)"
        if self.date:
            s += f", ngày {self.date:%d/%m/%Y}"
        elif self.year and self.month:
            s += f", tháng {self.month}/{self.year}"
        elif self.year:
            s += f", năm {self.year}"
        if self.issuer:
            s += f" của {self.issuer}"
        if self.is_draft:
            s += " (dự thảo)"
        return s

    def label(self) -> str:
        """The reference and, on a second line, the subject (``V/v …``)."""
        return self.reference() + (f"\nV/v {self.subject}" if self.subject else "")

    @property
    def anchor(self) -> Optional[dt.date]:
        """The letter's date, or the first day of its month (or year) when the day (and month)
        are left blank, as on a draft."""
        if self.date:
            return self.date
        if self.year:
            try:
                return dt.date(self.year, self.month or 1, 1)
            except ValueError:
                return dt.date(self.year, 1, 1)
        return None


@dataclass
class TaskRow:
    """One task of one letter, ready for a table row or a calendar event."""

    stt: int
    text: str                        # the task text (or its action when there is no text)
    action: Optional[str]
    lead: list[str]
    support: list[str]
    deadline: Optional[dict]
    due: Optional[dt.date]           # a dated deadline
    rhythm: Optional[str]            # "Hằng tuần (thứ Sáu)" for a recurring one
    rrule: Optional[str]
    deadline_text: str               # the deadline as the letter writes it
    letter: Letter
    index: int                       # the task's position among every task of its file
    status: str = DEFAULT_STATUS
    note: str = ""

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def when(self) -> Any:
        """What the Thời hạn column shows: a date, a rhythm in words, the term as written, or ''."""
        if self.recurring and self.rhythm:
            return self.rhythm
        if self.due:
            return self.due
        return _cap(self.deadline_text)

    @property
    def uid(self) -> str:
        """A stable identity: hash of the source file's sha256 and the task's index in it."""
        key = self.letter.sha256 or f"{self.letter.path}|{self.letter.number}|{self.letter.date}"
        return hashlib.sha256(f"{key}#{self.index}".encode()).hexdigest()[:32] + "@chidao"

    def summary(self, limit: int = 120) -> str:
        """``Lead: action`` for a calendar title."""
        what = squash(self.action) or self.text
        if len(what) > limit:
            what = what[: limit - 1].rstrip() + "…"
        lead = "; ".join(self.lead)
        return f"{lead}: {_cap(what)}" if lead else _cap(what)

    def cells(self, iso_dates: bool = False) -> list[Any]:
        """The row's values in :data:`COLUMNS` order."""
        when = self.when
        if iso_dates and isinstance(when, dt.date):
            when = when.isoformat()
        return [self.stt, self.text, "; ".join(self.lead), "; ".join(self.support), when,
                self.deadline_text, self.letter.label(), self.status, self.note,
                self.letter.paths]


def _letter(rec: dict, index: int, embedded: bool, parent_source: Optional[dict]) -> Letter:
    src = rec.get("source") or parent_source or {}
    num = rec.get("number") or {}
    date = rec.get("date") or {}
    doc_type = rec.get("doc_type") or {}
    issuer = rec.get("issuer") or {}
    number = squash(num.get("text")) if isinstance(num, dict) else squash(num)
    return Letter(
        index=index,
        doc_type=(doc_type.get("name") or doc_type.get("code")) if isinstance(doc_type, dict) else None,
        number=number or None,
        date=_iso(date.get("iso")) if isinstance(date, dict) else _iso(date),
        year=_int(date.get("year")) if isinstance(date, dict) else None,
        month=_int(date.get("month")) if isinstance(date, dict) else None,
        issuer=squash(issuer.get("name")) or None if isinstance(issuer, dict) else None,
        subject=squash(rec.get("subject")) or None,
        path=src.get("path"),
        sha256=src.get("sha256"),
        is_draft=bool(rec.get("is_draft")),
        embedded=embedded,
    )


def _row(task: dict, letter: Letter, index: int) -> TaskRow:
    dl = task.get("deadline") if isinstance(task.get("deadline"), dict) else None
    rrule = rrule_of(dl)
    text = squash(task.get("text")) or squash(task.get("action"))
    status = task.get("status") if task.get("status") in STATUSES else DEFAULT_STATUS
    return TaskRow(
        stt=0, text=text, action=squash(task.get("action")) or None,
        lead=_names(task.get("lead")), support=_names(task.get("support")),
        deadline=dl, due=_iso(dl.get("date")) if dl else None,
        rhythm=rhythm_words(dl) if rrule else None, rrule=rrule,
        deadline_text=squash(dl.get("text")) if dl else "",
        letter=letter, index=index, status=status, note=squash(task.get("note")),
    )


# formats a document is best read from, when one letter comes as several files
_FORMAT_RANK = {"docx": 0, "md": 1, "txt": 2, "pdf": 3}


def _doc_id(rec: dict) -> Optional[str]:
    """The document identity of a record (``JURISDICTION:YEAR:NUMBER``, as in the citation
    graph): its ``id``, or the one :func:`~extractor.resolve.assign_ids` gives it."""
    if rec.get("id"):
        return rec["id"]
    if not (rec.get("number") or rec.get("issuer") or rec.get("date")):
        return None  # no header: nothing to tell it by but its content
    from ..resolve import assign_ids
    probe = {k: v for k, v in rec.items() if k not in ("attachments", "references", "tasks", "targets")}
    return assign_ids(probe).get("id")


def same_documents(records: Iterable[dict]) -> tuple[list[dict], list[tuple[dict, dict]]]:
    """One record per document: a letter given as its .docx, .pdf and .txt (or the same
    file twice) is the same document (same identity, as the citation graph says, or same
    content hash). Keeps the record read from the best format (.docx, .md, .txt, then .pdf),
    in the order documents first appear; returns it and the ``(dropped, kept)`` pairs."""
    from ..resolve import canonical_ids
    recs = [r for r in records if isinstance(r, dict)]
    ids = [_doc_id(r) for r in recs]
    canon = canonical_ids(i for i in ids if i)
    groups: dict[Any, list[int]] = {}
    for n, (r, i) in enumerate(zip(recs, ids)):
        sha = (r.get("source") or {}).get("sha256")
        key = ("id", canon.get(i, i)) if i else ("sha", sha) if sha else ("n", n)
        groups.setdefault(key, []).append(n)
    if len(groups) == len(recs):
        return recs, []
    kept, dropped = [], []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        best = min(members, key=lambda n: (_FORMAT_RANK.get((recs[n].get("source") or {}).get("format"), 9), n))
        kept.append(recs[best])
        dropped += [(recs[n], recs[best]) for n in members if n != best]
    return kept, dropped


def collect(records: Iterable[dict]) -> tuple[list[TaskRow], list[Letter]]:
    """Records (with their attachments) → task rows numbered 1..N and the source letters.
    A document given in several files is counted once (:func:`same_documents`)."""
    rows: list[TaskRow] = []
    letters: list[Letter] = []
    records, dropped = same_documents(records)
    also: dict[int, list[str]] = {}
    for d, k in dropped:
        path = (d.get("source") or {}).get("path")
        if path:
            also.setdefault(id(k), []).append(path)
    for rec in records:
        k = 0  # task index within the file: main document first, then each attachment
        stack = [(rec, False, None)]
        while stack:
            r, embedded, parent_src = stack.pop(0)
            letter = _letter(r, len(letters) + 1, embedded, parent_src)
            if r is rec:
                letter.also = also.get(id(rec), [])
            letters.append(letter)
            for t in r.get("tasks") or []:
                if not isinstance(t, dict):
                    continue
                rows.append(_row(t, letter, k))
                letter.task_count += 1
                k += 1
            src = r.get("source") or parent_src
            stack[0:0] = [(a, True, src) for a in r.get("attachments") or [] if isinstance(a, dict)]
    for i, row in enumerate(rows, 1):
        row.stt = i
    return rows, letters


# --------------------------------------------------------------------------- reading JSON records
def read_records(path: str | Path, text: Optional[str] = None) -> Iterator[tuple[Optional[dict], str]]:
    """Records from a ``.jsonl`` (one per line) or ``.json`` (one record or a list) file, as
    they are. Yields ``(record, where)``; a line that is no record yields ``(None, message)``."""
    if text is None:
        text = Path(path).read_text(encoding="utf-8-sig")
    if str(path).lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            yield None, f"not valid JSON: {e}"
            return
        items = data if isinstance(data, list) else [data]
        for i, d in enumerate(items, 1):
            where = f"record {i}" if isinstance(data, list) else ""
            yield (d, where) if _is_record(d) else (None, f"{where + ': ' if where else ''}not a chidao record")
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            yield None, f"line {n}: not valid JSON: {e.msg}"
            continue
        yield (d, f"line {n}") if _is_record(d) else (None, f"line {n}: not a chidao record")


def _is_record(d: Any) -> bool:
    return isinstance(d, dict) and ("tasks" in d or "source" in d or "schema_version" in d)


# --------------------------------------------------------------------------- writing
@dataclass
class ExportResult:
    path: Path
    format: str
    rows: list[TaskRow]
    letters: list[Letter]
    events: int = 0                  # .ics only
    skipped: list[TaskRow] = field(default_factory=list)  # .ics: tasks with no date or rhythm
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file left out, file used)


def export(records: Iterable[dict], path: str | Path, *, today: Optional[dt.date] = None,
           csv_delimiter: str = ",") -> ExportResult:
    """Writes the tasks of ``records`` to ``path`` (.xlsx, .csv or .ics, by its extension).

    The file is written next to its final place and moved there, so a failed export never
    leaves half a file (or truncates the one an office already keeps)."""
    fmt = format_for(path)
    records = list(records)
    rows, letters = collect(records)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.chidao-tmp")
    dupes = [((d.get("source") or {}).get("path") or "?", (k.get("source") or {}).get("path") or "?")
             for d, k in same_documents(records)[1]]
    result = ExportResult(path=path, format=fmt, rows=rows, letters=letters, duplicates=dupes)
    try:
        if fmt == "xlsx":
            from .xlsx import write_xlsx
            write_xlsx(rows, letters, tmp, today=today)
        elif fmt == "csv":
            from .csv_export import write_csv
            write_csv(rows, tmp, delimiter=csv_delimiter)
        else:
            from .ics import write_ics
            result.events, result.skipped = write_ics(rows, tmp, today=today)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return result
