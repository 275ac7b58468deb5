"""Assembly of a :class:`~extractor.model.Record` from a Document, JSON Schema validation
with one reused validator, and serialisation."""
from __future__ import annotations

import json
from functools import lru_cache

from .errors import SchemaError
from .layout import Layout, layout_part, parts
from .model import Document, Line, Record, Source
from .resources import schemas_dir


@lru_cache(maxsize=1)
def schema() -> dict:
    with (schemas_dir() / "record.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def validator():
    """The one Draft 2020-12 validator, built once per process."""
    from jsonschema import Draft202012Validator
    s = schema()
    Draft202012Validator.check_schema(s)
    return Draft202012Validator(s)


def validate(d: dict) -> None:
    """Raises SchemaError naming the first problem when ``d`` breaks the schema."""
    errors = sorted(validator().iter_errors(d), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        raise SchemaError(f"record does not match the schema at {where}: {e.message}")


def _sub_document(doc: Document, first: int, last: int) -> Document:
    """Lines ``[first, last)`` of ``doc`` as a Document of its own (offsets rebased)."""
    a, b = doc.lines[first].start, doc.lines[last - 1].end
    lines = [Line(**{**l.__dict__, "start": l.start - a, "end": l.end - a}) for l in doc.lines[first:last]]
    return Document(text=doc.text[a:b], lines=lines, format=doc.format, path=doc.path,
                    sha256=doc.sha256, pages=doc.pages, ocr=doc.ocr)


def build(doc: Document) -> Record:
    """Document → Record (main document, with later embedded documents as attachments,
    each laid out once, on its own text)."""
    spans = parts(doc)
    main = _record(doc, layout_part(doc, *spans[0]))
    for first, last in spans[1:]:
        sub = _sub_document(doc, first, last)
        main.attachments.append(_record(sub, layout_part(sub, 0, len(sub.lines))))
    main.warnings.extend(doc.warnings)
    from .resolve import assign_ids  # document ids (issue 3): number, jurisdiction, year
    return assign_ids(main)


def _record(doc: Document, lay: Layout) -> Record:
    from .fields import header, recipients, signer
    rec = Record(source=Source(path=doc.path, format=doc.format, sha256=doc.sha256,
                               pages=doc.pages, ocr=doc.ocr), text=doc.text)
    number = header.parse_number(lay.number) if lay.number else None
    date = header.parse_date(lay.date) if lay.date else None
    reg = header.regime(lay, number)
    rec.regime = reg
    rec.number = number
    rec.date = date
    rec.doc_type = header.doc_type(lay, number, reg)
    rec.issuer = header.issuer(lay)
    rec.subject, _, _ = header.subject(lay)
    rec.recipients = recipients.recipients(lay)
    rec.signer = signer.signer(lay)
    rec.is_draft = header.is_draft(lay, number, date)
    if date is not None and not date.valid:
        rec.warnings.append(f"invalid date in the header: {date.text!r}")
    if lay.number is None:
        rec.warnings.append("no number line (Số …) found in the header")
    if lay.date is None:
        rec.warnings.append("no place-date line found in the header")
    _body_fields(rec, lay, doc)
    return rec


def _body_fields(rec: Record, lay: Layout, doc: Document) -> None:
    """References and targets over the document's own part of the text (an attachment's
    part is its own record's), offsets shifted back into ``doc.text``."""
    from .fields.references import find_references
    from .fields.targets import find_targets
    a = lay.start
    part = doc.text[a:lay.end] if lay.end > a else doc.text[a:]
    own = rec.number.text if rec.number else None
    rec.references = [_shift(r, a) for r in find_references(part, own_number=own)]
    rec.targets = [_shift(t, a) for t in find_targets(part)]
    from .fields.tasks import find_tasks  # offsets already into doc.text: no shift
    anchor = (rec.date.iso or rec.date.year) if rec.date else None
    rec.tasks = find_tasks(lay, doc.text, anchor, rec.issuer.name if rec.issuer else None, doc.lines)
    from .fields.units import unit_key
    for t in rec.tasks:  # a normalised form of each unit, for grouping across letters
        t.lead_keys = [unit_key(u) for u in t.lead]
        t.support_keys = [unit_key(u) for u in t.support]


def _shift(obj, delta: int):
    """Moves a found value's offsets (and its mentions') by ``delta``."""
    if not delta:
        return obj
    obj.start += delta
    obj.end += delta
    for m in getattr(obj, "mentions", None) or []:
        m["start"] += delta
        m["end"] += delta
    return obj
