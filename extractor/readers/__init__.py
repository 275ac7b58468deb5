"""Readers: bytes → :class:`~extractor.model.Document`, the format chosen by content.

``sniff`` looks at magic bytes first (``%PDF``, a zip with ``word/document.xml``, an
OLE2 container) and only then at the extension, so a .doc renamed .docx or a PDF saved
as .txt is recognised for what it is.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Optional, Union

from ..errors import ReadError, UnsupportedFormat
from ..model import Document

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, name: Optional[str] = None) -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``md`` or ``txt``; raises for what
    chidao cannot read."""
    ext = Path(name).suffix.lower().lstrip(".") if name else ""
    if not data:
        raise ReadError("empty file (0 bytes)")
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0 and ext == "pdf":
        return "pdf"
    if data.startswith(OLE_MAGIC):
        raise UnsupportedFormat("not supported yet: legacy Word .doc (OLE2) file"
                                + (" renamed .docx" if ext == "docx" else ""))
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            raise ReadError("not a valid .docx (the zip archive is damaged or truncated)") from None
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            raise UnsupportedFormat("not supported yet: OpenDocument (.odt) file")
        raise ReadError("zip archive that is not a Word document")
    if ext == "pdf":
        raise ReadError("not a PDF (no %PDF header): damaged or mislabelled file")
    if ext == "docx":
        raise ReadError("not a valid .docx (not a zip archive)")
    if head.startswith((b"{\\rtf",)):
        raise UnsupportedFormat("not supported yet: RTF document")
    return "md" if ext in ("md", "markdown") else "txt"


def read(data: bytes, path: Optional[str] = None, format: Optional[str] = None) -> Document:
    """Reads ``data`` (the bytes of ``path``) into a Document."""
    fmt = format or sniff(data, path)
    if fmt == "pdf":
        from .paragraphs import join_pdf_lines
        from .pdf import read_pdf
        doc = join_pdf_lines(read_pdf(data, path))
    elif fmt == "docx":
        from .docx import read_docx
        doc = read_docx(data, path)
    elif fmt in ("txt", "md"):
        from .text import read_text
        doc = read_text(data, path, fmt)
    else:
        raise UnsupportedFormat(f"unknown format {fmt!r}")
    doc.path = path
    doc.format = fmt
    doc.sha256 = hashlib.sha256(data).hexdigest()
    if not doc.text.strip():
        raise ReadError("the document has no text")
    return doc


def read_path(path: Union[str, Path], format: Optional[str] = None) -> Document:
    p = Path(path)
    if p.is_dir():
        raise ReadError("is a directory, not a document")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as e:
        raise ReadError(f"cannot read file ({e.strerror or e})") from None
    return read(data, str(path), format)
