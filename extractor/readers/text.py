"""Plain text and markdown letters.

Handles what letters pasted from portals or pulled out of PDFs look like:

- encodings: UTF-8 with or without BOM, UTF-16 with BOM; legacy TCVN3 (ABC) or VNI
  text is recognised and refused with a clear message;
- markdown: emphasis marks (``**bold**``, ``*italic*``, ``__x__``), heading marks
  (``# ``), escapes (``\\*``), table pipes and rule lines are removed; bold/italic become
  line hints;
- two header columns printed side by side (``UBND TX. ĐỒNG XOÀI      CỘNG HÒA ...``):
  the left column is emitted first, then the right one;
- soft-wrapped lines (PDF text with a hard break every ~80 characters, sometimes with
  blank lines between the pieces) are re-joined into paragraphs; real paragraph breaks,
  list items (``1.``, ``2.1.``, ``a)``, ``-``, ``+``) and header lines are kept apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..errors import ReadError, UnsupportedFormat
from ..model import Document, DocumentBuilder
from ..normalize import clean_text
from .paragraphs import glue, never_continues

# characters that TCVN3 (ABC) / VNI text shows when read as Latin-1/CP1252
_TCVN3_MARKS = set("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞ¬ßãáâä«åèæçéíêëìîïóñòôõøö÷ùúûüþ¡¢§£¤¥¦")
_VNI_PAIRS = re.compile(r"[aeoAEO][ùøûõïÙØÛÕÏ]|[aA][ëìéèÉ]|[oO][äàáâÂ]|ñ")


def decode_text(data: bytes) -> str:
    """Bytes → str. Raises ReadError for binary data and UnsupportedFormat for legacy
    Vietnamese encodings (TCVN3/VNI), which would otherwise come out as mojibake."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        enc = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        latin = data.decode("cp1252", errors="replace")
        if _looks_legacy(latin):
            raise UnsupportedFormat("not supported yet: legacy TCVN3/VNI-encoded Vietnamese text "
                                    "(convert it to Unicode first)") from None
        raise ReadError("not a text file (bytes are not valid UTF-8 or UTF-16)") from None
    if "\x00" in text:
        raise ReadError("not a text file (binary data)")
    if _looks_legacy(text):
        raise UnsupportedFormat("not supported yet: legacy TCVN3/VNI-encoded Vietnamese text "
                                "(convert it to Unicode first)")
    return text


def _looks_legacy(text: str) -> bool:
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < 20:
        return False
    vietnamese = sum(1 for c in sample if "\u1ea0" <= c <= "\u1ef9" or c in "đĐơƠưƯăĂâÂêÊôÔ")
    marks = sum(1 for c in sample if c in _TCVN3_MARKS)
    vni = len(_VNI_PAIRS.findall(sample))
    return vietnamese < marks / 2 and (marks > 0.02 * letters or vni > 0.02 * letters)


# ------------------------------------------------------------------ markdown clean-up
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*(?:[|\-:=_*\s]{3,})\s*$")
_MD_ESCAPE = re.compile(r"\\([\\*_#|`\[\]()>.-])")


@dataclass
class _Raw:
    text: str
    bold: Optional[bool] = None
    italic: Optional[bool] = None
    indent: int = 0
    hard: bool = False  # a rule line (----): paragraphs never join across it
    cell: Optional[tuple] = None  # (table, row, col) of a table cell (see _Tables)


def _strip_markdown(line: str) -> _Raw:
    indent = len(line) - len(line.lstrip(" "))
    s = _MD_HEADING.sub("", line)
    bold = italic = None
    core = s.strip()
    if re.fullmatch(r"\*\*[^*].*\*\*", core) or re.fullmatch(r"__[^_].*__", core):
        bold = True
    elif re.fullmatch(r"\*[^*].*\*", core):
        italic = True
    # pipes of flattened markdown tables are cell separators
    if core.startswith("|") or core.endswith("|"):
        s = re.sub(r"\s*\|\s*", "  ", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"(?<![\w*\\])\*(?=\S)([^*\n]*?\S)\*(?![\w*])", r"\1", s)  # *italic*
    s = re.sub(r"(?<![\w\\])\*(?=[A-Za-zÀ-ỹĐđ(])", "", s)  # a dangling opening *
    s = re.sub(r"(?<=[\w.;:,)])\*(?![\w*])", "", s)  # a dangling closing *
    s = _MD_ESCAPE.sub(r"\1", s)
    return _Raw(s.rstrip(), bold, italic, indent)


# ------------------------------------------------------------------ header columns
_GAP = re.compile(r"\S( {4,})(?=\S)")
# what the right-hand column of a header or footer starts with: the motto (or its first
# words, the rest on the next lines), the date line, a signing authority
_COLUMN_MARK = re.compile(r"(?i)^\W*(?:c[ộo]ng(?:\s+h[òoóà]a|\s*$)|đ[ộo]c\s+l[ậa]p|đ[ảa]ng(?:\s+c[ộo]ng|\s*$)|"
                          r"[\w .]{2,40},\s*ngày|ngày\s+\S+\s+tháng|t/?m\b|k/?t\b|t/?l\b|tuq\b)")


def _split_columns(raws: list[_Raw], limit: int = 18) -> list[_Raw]:
    """Reorders a header (and a Nơi nhận / signature footer) printed as two side-by-side
    columns: left column first, then the right one."""
    raws = _split_region(raws, 0, limit, tail=False)
    for i, r in enumerate(raws):
        if re.match(r"\s*\W*N[ơo]i\s+nh[ậa]n", r.text, re.IGNORECASE) and i > 5:
            raws = raws[:i] + _split_region(raws[i:], 0, limit, tail=True)
            break
    return raws


def _split_region(raws: list[_Raw], first: int, limit: int, tail: bool) -> list[_Raw]:
    head = [i for i, r in enumerate(raws[:limit * 2]) if r.text.strip()][:limit]
    splits = {}
    for i in head:
        full = " " * raws[i].indent + raws[i].text.lstrip(" ")
        m = None
        for m in _GAP.finditer(full):
            pass  # the last wide gap separates the columns
        if m and m.start(1) > 8 and not re.search(r"(?i)(?:số\s*:?|ngày|tháng|/)$", full[:m.start(1) + 1]) \
                and not re.match(r"(?i)(?:tháng|năm|/)", full[m.end(1):]):
            splits[i] = m.end(1)
    if not splits:
        return raws
    cols = sorted(splits.values())
    boundary = cols[len(cols) // 2]
    # a column starts at the same place on every line it is on: gaps elsewhere are the
    # spaces of a justified or web-copied line ("“Hội chợ Xuân          Hậu Giang”")
    aligned = {i: c for i, c in splits.items() if abs(c - boundary) <= 10}
    marked = {i: c for i, c in splits.items()
              if _COLUMN_MARK.search((" " * raws[i].indent + raws[i].text.lstrip(" "))[c:])}
    splits = {**aligned, **marked} if len(aligned) >= 2 else marked
    if not splits:
        return raws
    last = max(splits)
    for i in (range(last + 1, len(raws)) if tail else head):
        # right-column lines printed alone (the place-date line, the signer's name)
        if i > last and (tail or i <= last + 3) and raws[i].indent >= boundary - 12:
            last = i
    left, right = [], []
    for i in range(0, last + 1):
        r = raws[i]
        full = " " * r.indent + r.text.lstrip(" ")
        if i in splits:
            cut = splits[i]
            left.append(_Raw(full[:cut].strip(), r.bold, r.italic, r.indent))
            right.append(_Raw(full[cut:].strip(), r.bold, r.italic, cut))
        elif r.text.strip() and r.indent >= boundary - 12:
            right.append(_Raw(r.text.strip(), r.bold, r.italic, r.indent))
        else:
            left.append(r)
    return left + [_Raw("")] + right + [_Raw("")] + raws[last + 1:]


# ------------------------------------------------------------------ unwrapping
def _unwrap(raws: list[_Raw]) -> list[_Raw]:
    """Joins soft-wrapped lines into paragraphs (see module docstring)."""
    lengths = sorted(len(r.text.strip()) for r in raws if r.text.strip())
    if not lengths:
        return raws
    full_width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 10 else max(lengths)
    out: list[_Raw] = []
    pending_blank = False
    last_indent = 0
    for r in raws:
        s = r.text.strip()
        if not s:
            pending_blank = True
            if r.hard and out:
                out.append(_Raw("", hard=True))
            continue
        prev = out[-1] if out and not out[-1].hard else None
        indented = r.indent >= last_indent + 4 and r.indent >= 4  # a first-line indent
        last_indent = r.indent
        if prev is not None and prev.cell != r.cell:
            joins = False  # never across table cells
        elif prev is not None and r.cell is not None:
            joins = not never_continues(prev.text, s)  # a cell's text wrapped by the converter
        else:
            joins = prev is not None and not indented and _continues(prev.text, s, full_width, pending_blank)
        if joins:
            prev.text = prev.text.rstrip() + glue(prev.text) + s
            prev.bold = prev.bold and r.bold
            prev.italic = prev.italic and r.italic
        else:
            if (pending_blank or (prev is not None and prev.cell != r.cell)) and out and not out[-1].hard:
                out.append(_Raw(""))
            out.append(_Raw(s, r.bold, r.italic, r.indent, cell=r.cell))
        pending_blank = False
    return out


def _continues(prev: str, cur: str, full_width: int, blank_between: bool) -> bool:
    p = prev.strip()
    if never_continues(prev, cur):
        return False
    first = cur[0]
    long_prev = len(p) >= 0.7 * full_width and full_width >= 40
    if first.islower():
        # markdown paragraphs are separated by blank lines; PDF text wraps across them too
        return not blank_between or long_prev or not p.endswith(",")
    if long_prev and not blank_between:
        return True
    if long_prev and blank_between and (first.isupper() or first.isdigit()) and not p.endswith(","):
        # PDF text: a full-width line followed (after a blank) by a capitalised word
        return len(p) >= 0.8 * full_width
    return False


def _table_cells(lines: list[str]) -> dict[int, tuple]:
    """``(table, row, col)`` hints for the lines of tables a web page flattened one cell
    per line, each cell set off by a line holding only ``|`` (tables numbered from 1, as
    the .docx reader numbers Word tables from its own count):

    - a ``|`` line separates cells; two in a row end a row (``|`` / ``STT`` / ``|`` /
      ``Nội dung`` / … / ``|`` / ``|`` / ``1`` / …);
    - text right before the first ``|`` (no blank line between) is the first cell;
    - once a row has as many cells as the first one, the next ``|`` closes the row: unless
      another ``|`` follows, the table is over and what follows is body text. In the first
      row, text after a ``|`` is a cell when another ``|`` comes within six lines without a
      blank line (25 for one of the first two cells: a Nơi nhận list), or when it is a short
      last cell (six lines at most) before a blank line;
    - an empty cell (``** **``) gives no line.
    """
    out: dict[int, tuple] = {}
    pipe = [ln.strip() == "|" for ln in lines]
    n = len(lines)

    def run_is_cell(i: int, before: int) -> bool:
        """Lines after the ``|`` at ``i`` up to the next ``|`` form a cell of a first row
        that has ``before`` cells so far."""
        count = 0
        for j in range(i + 1, n):
            if pipe[j]:
                return count <= 6 or count <= 25 and before < 2
            if not lines[j].strip():
                return count <= 6 and count > 0
            count += 1
        return 0 < count <= 6

    table = 0
    i = 0
    while i < n:
        if not pipe[i]:
            i += 1
            continue
        # a table starts at this "|"
        table += 1
        row, col, width, cells = 0, 0, None, 0
        k = i - 1
        first = []
        while k >= 0 and lines[k].strip() and not pipe[k]:
            first.append(k)
            k -= 1
        if first and len(first) <= 8:
            for k in first:
                out[k] = (table, 0, 0)
            cells = 1
        else:
            col = -1
        j = i
        while j < n:
            if pipe[j]:
                if j > i and pipe[j - 1]:
                    width = max(width or 0, cells) if row == 0 else width
                    row, col, cells = row + 1, 0, 0
                elif width is not None and cells >= width or width is None and not run_is_cell(j, cells):
                    if j + 1 < n and pipe[j + 1]:
                        j += 2  # "|" "|": the row is closed and the next one opened
                        width = width if width is not None else cells
                        row, col, cells = row + 1, 0, 0
                        continue
                    break  # the table is over
                else:
                    col += 1
                j += 1
                continue
            if not lines[j].strip():
                following = next((x for x in range(j + 1, n) if lines[x].strip()), None)
                if following is None or not pipe[following]:
                    break
                j += 1
                continue
            if re.sub(r"[*_\s]", "", lines[j]):
                if not out.get(j - 1) == (table, row, col):
                    cells += 1
                out[j] = (table, row, col)
            j += 1
        i = j + 1
    return out


def read_text(data: bytes, path: Optional[str] = None, fmt: str = "txt") -> Document:
    """Reads a .txt or .md letter (see the module docstring for what is handled)."""
    if not data.strip():
        raise ReadError("empty file (0 bytes of text)")
    text = clean_text(decode_text(data)).replace("\r\n", "\n").replace("\r", "\n")
    raws = []
    lines = text.split("\n")
    flat_cells = _table_cells(lines)
    md_table, md_row = 1000, -1  # markdown tables numbered apart from the flattened ones
    for n, line in enumerate(lines):
        core = line.strip()
        if core.startswith("|") and core.count("|") >= 2 and len(core) > 2:
            # a markdown table row: one line per cell, cell by cell, left to right
            cells = [c.strip() for c in core.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
                continue
            prev = lines[n - 1].strip() if n else ""
            if not (prev.startswith("|") and prev.count("|") >= 2):
                md_table, md_row = md_table + 1, -1
            md_row += 1
            raws.append(_Raw("", hard=True))  # a row is never joined to the line above it
            for col, c in enumerate(cells):
                if c:  # a cell is whole on its line: never joined to the next cell
                    raws.append(_strip_markdown(c))
                    raws[-1].cell = (md_table, md_row, col)
                    raws.append(_Raw("", hard=True))
            continue
        if re.fullmatch(r"[|\s]+", line) and core:
            raws.append(_Raw("", hard=True))  # a lone "|": a cell or row of a broken table ends
            continue
        r = _strip_markdown(line)
        if n in flat_cells:
            if not r.text.strip():
                continue  # an empty cell ("** **")
            r.cell = flat_cells[n]
        if _MD_RULE.match(r.text) and r.text.strip():
            r = _Raw("", hard=True)
        if re.fullmatch(r"\s*(?:[a-zA-Z]:)?\\[\w\\. -]+\.(?:docx?|pdf)\s*", r.text):
            r = _Raw("")  # a file path left by the portal ("d:\2011\CV\x.doc")
        raws.append(r)
    raws = _split_columns(raws)
    raws = _unwrap(raws)
    b = DocumentBuilder()
    for r in raws:
        hints = {"cell": r.cell} if r.cell is not None and r.text.strip() else {}
        b.add(" ".join(r.text.split()) if r.text.strip() else "", bold=r.bold, italic=r.italic, **hints)
    return b.build(fmt, path=path)
