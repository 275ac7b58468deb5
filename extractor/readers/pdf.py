"""PDF reader: the text layer of a PDF, read with pypdfium2, in reading order.

How a page is read:

1. **Words** (:mod:`.pdf_words`): PDFium's character stream cut into words, with the
   geometry of each word measured from its first and last characters; text turned a
   quarter or upside down is read in its own direction.
2. **Lines and columns** (:mod:`.pdf_lines`): words grouped into visual lines; two-column
   regions (header: issuer | motto and date; Nơi nhận | signature) found at the empty
   band between them and read one column after the other (``cell=(0, 0, col)``); other
   blocks top to bottom; running page numbers dropped.
3. **Ruled tables** (:mod:`.pdf_tables`): on a page that draws table rules (PDFium's
   path objects, :mod:`.pdf_rules`), pdfplumber's table finder runs on those rules and
   gives the cells; the page's words are read cell by cell, row by row, with
   ``cell=(table, row, col)`` hints as the .docx reader gives for Word tables (tables
   numbered from 1), a blank line around each cell. A table that goes on over a page
   keeps its number and row count; its repeated header row is dropped and a row broken
   at the page end is read whole. Documents without rules never load pdfplumber.
4. **Clean-up.** Words broken at a line end with a hyphen (PDFium marks such hyphens
   with U+FFFE, sometimes U+00AD) are re-joined on the first line; text is normalised
   with :func:`~extractor.normalize.clean_text`.

Lines carry ``page`` (1-based), ``x0``/``x1`` (points from the left edge) and ``top``
(points from the top edge of the page, as in pdfplumber). Pages are separated by a blank
line.

pypdfium2 is imported lazily, so ``import extractor`` stays light. PDFium is not
thread-safe: do not read PDFs from several threads at once.
"""
from __future__ import annotations

import hashlib
from typing import Optional

from ..errors import ReadError, UnsupportedFormat
from ..model import Document, DocumentBuilder
from ..normalize import clean_text
from .pdf_lines import Carry, page_lines, repair_hyphens
from .pdf_tables import Chain, Finder, merge_broken_rows, table_page_items
from .pdf_words import Ctx, page_words


def in_ruled_table(cell: Optional[tuple]) -> bool:
    """A cell hint of a ruled table (numbered from 1; 0 is a header or signature column)."""
    return cell is not None and cell[0] >= 1


def read_pdf(data: bytes, path: Optional[str] = None) -> Document:
    """Reads the text layer of a PDF into a :class:`Document` (format ``pdf``).

    Raises :class:`ReadError` for empty, damaged, truncated or password-protected files and
    :class:`UnsupportedFormat` for a PDF without any text (a scan: OCR comes later).
    """
    if not data:
        raise ReadError("PDF is damaged or truncated (empty file, 0 bytes)")
    if b"%PDF-" not in data[:1024]:
        raise ReadError("PDF is damaged or truncated (no %PDF header: not a PDF file)")

    import pypdfium2 as pdfium  # lazy: heavy native library
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise ReadError("PDF is encrypted (password required)") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ReadError("PDF is encrypted (unsupported security handler)") from None
        if b"%%EOF" not in data[-2048:]:
            reason = "the end of the file is missing"
        else:
            reason = {raw.FPDF_ERR_FORMAT: "PDFium cannot parse its structure",
                      raw.FPDF_ERR_FILE: "PDFium cannot open it"}.get(code, "unknown PDFium error")
        raise ReadError(f"PDF is damaged or truncated ({reason})") from None
    except Exception as e:  # anything else pypdfium2 may raise on odd input
        raise ReadError(f"PDF is damaged or truncated ({type(e).__name__})") from None

    warnings: list[str] = []
    try:
        npages = len(pdf)
        if npages == 0:
            raise ReadError("PDF is damaged or truncated (no pages)")
        ctx = Ctx(raw)
        finder, chain, carry = Finder(raw), Chain(), Carry()
        pages: list[list] = []
        textless: list[str] = []
        for i in range(npages):
            try:
                page = pdf[i]
            except Exception:
                raise ReadError(f"PDF is damaged or truncated (page {i + 1} cannot be loaded)") from None
            try:
                try:
                    width, height = page.get_size()
                    tp = page.get_textpage()
                    try:
                        toks = page_words(tp, ctx, width, height)
                    finally:
                        tp.close()
                    if ctx.rot % 2:  # text turned a quarter: the page is read sideways
                        height = width
                except ReadError:
                    raise
                except Exception:
                    raise ReadError(f"PDF is damaged or truncated (page {i + 1} cannot be read)") from None
                try:
                    tables = finder.tables(page, height) if toks and not ctx.rot else []
                except Exception:  # looking for tables never makes a page unreadable
                    tables = []
            finally:
                page.close()
            if not toks:
                textless.append(str(i + 1))
                carry.band = None
            if tables:
                pages.append(table_page_items(toks, height, tables, chain, carry))
            else:
                chain.open = None
                pages.append(page_lines(toks, height, carry) if toks else [])
    finally:
        pdf.close()

    if len(textless) == npages:
        raise UnsupportedFormat("not supported yet: scanned PDF without a text layer (OCR comes later)")
    if textless:
        many = len(textless) > 1
        warnings.append(f"page{'s' if many else ''} {', '.join(textless)} of the PDF "
                        f"ha{'ve' if many else 's'} no text layer (scanned?): not read")
    if b"%%EOF" not in data[-2048:]:
        warnings.append("the PDF has no end-of-file marker: it may be truncated")

    merge_broken_rows(pages)
    repair_hyphens(pages)
    b = DocumentBuilder()
    first = True
    for pno, items in enumerate(pages, 1):
        if not items:
            continue
        if not first:
            b.add("")
        first = False
        last: object = ()  # nothing yet on the page
        for text, x0, x1, top, cell in items:
            text = clean_text(text).strip()
            if not text:
                continue
            if last != () and cell != last and (in_ruled_table(cell) or in_ruled_table(last)):
                b.add("")  # a blank line around each table cell, as the .docx reader has
            b.add(text, page=pno, x0=round(x0, 2), x1=round(x1, 2), top=round(top, 2), cell=cell)
            last = cell
    return b.build("pdf", path=path, sha256=hashlib.sha256(data).hexdigest(), pages=npages,
                   warnings=warnings)


