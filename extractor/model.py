"""Typed models shared by every stage of the pipeline.

Readers produce a :class:`Document` (plain text plus :class:`Line` objects with
offsets, page numbers and layout hints). The layout stage turns it into blocks, the
field finders into record parts, and :class:`Record` is what the user gets. Every
extracted value that comes from the text carries ``start``/``end`` offsets into
``Document.text`` (which becomes ``Record.text``), end-exclusive.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

SCHEMA_VERSION = "1.0"


# --------------------------------------------------------------------------- reading
@dataclass
class Line:
    """One line (paragraph, table-cell paragraph, PDF text line) of a document.

    ``start``/``end`` point into :attr:`Document.text`; ``text`` equals
    ``document.text[start:end]``. Layout hints are optional and depend on the reader:

    - ``page``: 1-based page number (PDF; ``None`` where the format has no pages).
    - ``bold``/``italic``: the run styling when every visible run agrees (docx, md).
    - ``align``: ``left``/``center``/``right``/``justify`` (docx).
    - ``cell``: ``(table, row, col)`` for a line inside a table (docx; PDF ruled tables,
      numbered from 1) or a header or signature column (PDF: ``(0, 0, col)``).
    - ``label``: a list label rebuilt from Word automatic numbering (``1.``, ``a)``, ``-``);
      it is also the start of ``text``.
    - ``level``: the numbering level (0-based) where the reader knows it.
    - ``x0``/``x1``/``top``: PDF coordinates in points.
    """

    text: str
    start: int
    end: int
    page: Optional[int] = None
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    align: Optional[str] = None
    cell: Optional[tuple] = None
    label: Optional[str] = None
    level: Optional[int] = None
    x0: Optional[float] = None
    x1: Optional[float] = None
    top: Optional[float] = None

    @property
    def in_table(self) -> bool:
        return self.cell is not None


@dataclass
class Document:
    """What a reader returns: the whole plain text and its lines, in reading order."""

    text: str
    lines: list[Line]
    format: str
    path: Optional[str] = None
    sha256: str = ""
    pages: Optional[int] = None
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)


class DocumentBuilder:
    """Builds a :class:`Document` line by line so offsets are always consistent.

    Lines are joined by ``\\n``; an empty string adds a blank line (a paragraph break).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.lines: list[Line] = []

    def add(self, text: str, **hints: Any) -> Optional[Line]:
        text = text.replace("\n", " ").replace("\r", " ")
        if self._parts:
            self._parts.append("\n")
            self._pos += 1
        start = self._pos
        self._parts.append(text)
        self._pos += len(text)
        if not text.strip():
            return None
        line = Line(text=text, start=start, end=self._pos, **hints)
        self.lines.append(line)
        return line

    def build(self, fmt: str, **kw: Any) -> Document:
        return Document(text="".join(self._parts), lines=self.lines, format=fmt, **kw)


# --------------------------------------------------------------------------- record parts
@dataclass
class DocType:
    code: str
    name: str
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Number:
    text: str
    seq: Optional[str]
    symbol: Optional[str]
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class DateInfo:
    text: str
    iso: Optional[str]
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    place: Optional[str]
    valid: bool = True
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Issuer:
    name: str
    parent: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Recipient:
    name: str
    role: str  # "to" | "cc"
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Signer:
    name: Optional[str]
    position: Optional[str]
    authority: Optional[str]
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass
class Reference:
    text: str
    start: int
    end: int
    doc_type: Optional[str] = None
    number: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    subject: Optional[str] = None
    relation: Optional[str] = None
    id: Optional[str] = None
    mentions: list = field(default_factory=list)


@dataclass
class Deadline:
    text: str
    date: Optional[str] = None
    recurrence: Optional[str] = None
    rrule: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    offset_days: Optional[int] = None
    relative_to: Optional[str] = None


@dataclass
class Task:
    text: str
    start: int
    end: int
    action: Optional[str] = None
    lead: list = field(default_factory=list)
    support: list = field(default_factory=list)
    deadline: Optional[Deadline] = None
    lead_keys: list = field(default_factory=list)  # unit_key() of each lead: UBND = Ủy ban nhân dân
    support_keys: list = field(default_factory=list)


@dataclass
class Target:
    text: str
    comparator: str
    value: float
    unit: str
    start: int
    end: int
    metric: Optional[str] = None
    value_max: Optional[float] = None
    period: Optional[str] = None
    unit_responsible: Optional[str] = None


@dataclass
class Source:
    path: Optional[str]
    format: str
    sha256: str
    pages: Optional[int] = None
    ocr: bool = False


def _clean(obj: Any) -> Any:
    """dataclass → plain JSON-able structure, dropping nothing (None stays null)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _clean(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


@dataclass
class Record:
    """One extracted document, in the shape of the record contract (RECORD.md)."""

    source: Source
    text: str
    regime: str = "unknown"
    is_draft: bool = False
    doc_type: Optional[DocType] = None
    number: Optional[Number] = None
    date: Optional[DateInfo] = None
    issuer: Optional[Issuer] = None
    subject: Optional[str] = None
    recipients: list[Recipient] = field(default_factory=list)
    signer: Optional[Signer] = None
    references: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    attachments: list["Record"] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    id: Optional[str] = None

    def to_dict(self) -> dict:
        d = {"schema_version": SCHEMA_VERSION}
        for name in ("id", "source", "regime", "is_draft", "doc_type", "number", "date", "issuer",
                     "subject", "recipients", "signer", "references", "tasks", "targets"):
            d[name] = _clean(getattr(self, name))
        d["attachments"] = [a.to_dict() for a in self.attachments]
        d["text"] = self.text
        d["warnings"] = list(self.warnings)
        return d

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
