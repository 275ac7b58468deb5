"""chidao: Vietnamese official documents → validated, structured records.

Public API::

    from extractor import extract
    rec = extract("1307-CV-HU.docx")      # or bytes, with format="docx"
    rec.number.text, rec.date.iso, rec.to_dict(), rec.to_json()

Heavy libraries (pdf engines, NLP models) load lazily on first use.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from .errors import ChidaoError, ReadError, SchemaError, UnsupportedFormat
from .model import Record

__all__ = ["extract", "extract_document", "Record", "ChidaoError", "ReadError", "UnsupportedFormat",
           "SchemaError", "__version__"]
__version__ = "0.1.0"


def extract(source: Union[str, Path, bytes], *, format: Optional[str] = None,
            path: Optional[str] = None, validate: bool = True) -> Record:
    """Reads a letter (a path, or its bytes) and returns its validated Record.

    ``format`` (``txt``, ``md``, ``docx``, ``pdf``) overrides detection by content.
    Raises :class:`ReadError` (or :class:`UnsupportedFormat`) for unreadable input.
    """
    from .readers import read, read_path
    if isinstance(source, (bytes, bytearray)):
        doc = read(bytes(source), path, format)
    else:
        doc = read_path(source, format)
    return extract_document(doc, validate=validate)


def extract_document(doc, *, validate: bool = True) -> Record:
    """Document (from a reader) → validated Record."""
    from .record import build, validate as _validate
    rec = build(doc)
    if validate:
        _validate(rec.to_dict())
    return rec
