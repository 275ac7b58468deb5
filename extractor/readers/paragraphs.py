"""Re-joining of soft-wrapped lines into paragraphs, shared by the readers.

A PDF (or text pulled out of one) has a hard line break at every visual line end. A line
continues the one above when the one above has no closing punctuation and either is full
(it reaches the right margin, or, in ragged-right text, the first word of the new line
would not have fitted after it) or the new line starts in lower case; a list item
(``1.``, ``2.1.``, ``a)``, ``-``, ``+``, ``II.``, ``III`` in capitals: ``v.v.`` or a lower-case ``c``
or ``v`` followed by a space is text), a header marker (``Kính gửi``, ``Nơi nhận``,
``Số:``, ``V/v``), a signing prefix or a line in capitals never continues anything, and
neither does a line indented further than the text above it (a first-line indent).

In a cell of a ruled table (PDF ``cell=(table, row, col)`` with ``table >= 1``) a line
continues the one above when the first word of the new line would not have fitted after
it within the cell (the width of the cell's widest line): the writer wrapped there, whatever
the alignment (centred unit names: ``Văn phòng`` / ``HĐND và`` / ``UBND huyện``); a header
cell in capitals broken over lines (``CƠ QUAN`` / ``CHỦ TRÌ``) is one line too.
"""
from __future__ import annotations

import re

from ..model import Document, DocumentBuilder, Line
from ..normalize import clean_text, is_caps

LIST_ITEM = re.compile(
    r"^\s*(?:(?:\d{1,2}\.)+\d{0,2}\s|\d{1,2}\)|[a-zđ]\)\s|[IVXLC]{1,5}\.(?!\w)|(?-i:[IVXLC]{1,5})\s|[-+•–]\s|"
    r"(?:Điều|Bước|Phần|Chương|Mục)\s+\d|Nơi nhận|Kính gửi|(?-i:Căn cứ)|Số\s*:|V/v\s)", re.IGNORECASE)
TERMINAL = re.compile(r"[.;:!?…]\s*$|\./\.$")
AUTHORITY = re.compile(r"^\s*(?:KT|TM|TL|TUQ|Q|T/M|K/T|T/L)\.?\s")


def never_continues(prev: str, cur: str) -> bool:
    """Shapes that always start a new line, whatever the geometry."""
    p = prev.strip()
    return (not p or bool(TERMINAL.search(p)) or is_caps(p) or is_caps(cur) or bool(LIST_ITEM.match(cur))
            or bool(AUTHORITY.match(cur))
            or bool(re.match(r"(?i)số\b", p) and re.match(r"(?i)(?:về|v/v)\b", cur)))


def glue(prev: str) -> str:
    """No space when the line ended inside a symbol broken at its dash (``27/CT-`` / ``TTg``)."""
    return "" if re.search(r"[\w/]-$", prev.rstrip()) else " "


def join_pdf_lines(doc: Document) -> Document:
    """Rebuilds a PDF Document with wrapped lines joined (see the module docstring); a
    joined line keeps the page, cell and left coordinate of its first piece."""
    right: dict[tuple, float] = {}
    left: dict[tuple, float] = {}
    widest: dict[tuple, float] = {}
    for ln in doc.lines:
        k = (ln.page, ln.cell)
        if ln.x1 is not None:
            right[k] = max(right.get(k, 0.0), ln.x1)
        if ln.x0 is not None:
            left[k] = min(left.get(k, 1e9), ln.x0)
        if _ruled(ln.cell) and ln.x0 is not None and ln.x1 is not None:
            widest[ln.cell] = max(widest.get(ln.cell, 0.0), ln.x1 - ln.x0)
    groups: list[list[Line]] = []
    for ln in doc.lines:
        prev = groups[-1][-1] if groups else None
        if prev is not None and _ruled(ln.cell):
            joined = prev.cell == ln.cell and _cell_continues(prev, ln, widest[ln.cell])
        else:
            joined = prev is not None and _pdf_continues(prev, ln, right, left)
        if joined:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    b = DocumentBuilder()
    last_page = None
    last_cell = None
    for g in groups:
        if last_page is not None and g[0].page != last_page:
            b.add("")
        elif last_page is not None and g[0].cell != last_cell and (_ruled(g[0].cell) or _ruled(last_cell)):
            b.add("")  # a blank line around each table cell, as the .docx reader has
        last_cell = g[0].cell
        text = g[0].text
        for ln in g[1:]:
            text = text.rstrip() + glue(text) + ln.text.strip()
        f = g[0]
        b.add(clean_text(text), page=f.page, bold=f.bold, italic=f.italic, cell=f.cell, x0=f.x0, x1=g[-1].x1, top=f.top)
        last_page = g[-1].page
    out = b.build(doc.format, path=doc.path, sha256=doc.sha256, pages=doc.pages, ocr=doc.ocr)
    out.warnings = list(doc.warnings)
    return out


def _ruled(cell) -> bool:
    return cell is not None and cell[0] >= 1


def _cell_continues(prev: Line, cur: Line, widest: float) -> bool:
    """Within one cell of a ruled table: the first word of ``cur`` did not fit after ``prev``."""
    p, c = prev.text.strip(), cur.text.strip()
    if not p or TERMINAL.search(p) or LIST_ITEM.match(c) or AUTHORITY.match(c):
        return False
    if is_caps(p) and is_caps(c):
        return True
    if c[:1].islower():
        return True
    if None in (prev.x0, prev.x1, cur.x0, cur.x1) or not c:
        return False
    return (prev.x1 - prev.x0) + _next_word(cur) >= 0.97 * widest


def _next_word(cur: Line) -> float:
    """The width a line's first word would take at the end of the line above (with its
    space), estimated from the line's mean character width."""
    c = cur.text.strip()
    per_char = (cur.x1 - cur.x0) / max(len(c), 1)
    return per_char * (1 + len(c.split()[0]))


def _pdf_continues(prev: Line, cur: Line, right: dict, left: dict) -> bool:
    if prev.cell != cur.cell or never_continues(prev.text, cur.text):
        return False
    if cur.page != prev.page and (cur.page or 0) - (prev.page or 0) != 1:
        return False
    same_page = cur.page == prev.page
    if same_page and prev.top is not None and cur.top is not None and cur.top - prev.top > 40:
        return False  # a gap of more than two lines: a new block
    k = (cur.page, cur.cell)
    first = cur.text.lstrip()[:1]
    indent = cur.x0 is not None and cur.x0 > left.get(k, 0.0) + 12 and \
        (prev.x0 is None or cur.x0 > prev.x0 + 6)
    if indent and not first.islower():
        return False  # a first-line indent starts a paragraph; a hanging indent continues one
    rk = (prev.page, prev.cell)
    margin = right.get(rk, 0.0)
    # a full line reaches the right margin, or stops where the next word would not fit
    # (ragged-right text)
    full = prev.x1 is not None and (prev.x1 >= margin - 25 or (
        cur.x0 is not None and cur.x1 is not None and cur.text.strip()
        and prev.x1 + _next_word(cur) >= margin - 2))
    if cur.cell is not None:
        return first.islower()  # header and signature cells: short lines, join only plain wraps
    return full or first.islower()
