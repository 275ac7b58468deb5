"""Ruled tables in PDFs: pdfplumber's table finder on the rules the page draws.

Which pages: a page whose objects show table rules (:meth:`.pdf_rules.Rules.drawn`, a
few microseconds an object) has its horizontal and vertical segments read from PDFium
(:meth:`.pdf_rules.Rules.edges`) and handed to pdfplumber's ``TableFinder`` as explicit
edges: pdfplumber's algorithm (snapping and joining edges, intersections, cells, tables)
with its default tolerances, on the same edges it would build itself, without
pdfminer's parse of the page (50-100 ms a page; this costs 1-3 ms).

What the table finder gives is the cells of each table as boxes (a merged cell is one
box). The grid columns are the distinct left edges of the cells and the grid rows their
distinct tops, so a cell's hint is ``(table, row, col)`` of its top-left grid position,
as the .docx reader gives for Word tables (a merged cell is read once, at its first row
and column). Tables are numbered from 1 through the document; 0 is the two-column
header and signature regions of :mod:`.pdf_lines`.

The text stays PDFium's: each word of the page goes to the cell that holds its centre
(or the nearest cell of the table whose box holds it). Cells are read row by row, left
to right; a cell's lines top to bottom, with single spaces. Text above, between and
below the tables is read as on any page (:func:`~.pdf_lines.block_items`).

A table across pages: a table that starts a page (nothing above it but a running page
number) with the column edges of the table that ended the previous page (nothing below
it) continues that table: same number, rows numbered on. Its first row is dropped when
it repeats the table's first row (a header row repeated on every page); it keeps the
number of the last row when its first column is empty while the table's first column is
filled on the other rows (an STT column): the rest of a row broken at the page end.

Not tables: a grid of one column (a framed paragraph or the page border).
"""
from __future__ import annotations

import re
from typing import Optional

from .pdf_lines import Carry, block_items, continued_region, line_item, strip_page_numbers, visual_lines
from .pdf_words import HYPH

# edges closer than this (points) are one grid line
_SNAP = 2.0
# pdfplumber's table finder on explicit edges only: no text strategy, no page parse
_SETTINGS = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit"}


class Table:
    """One ruled table of a page: its box and cells (top-down coordinates, as pdfplumber)."""

    __slots__ = ("x0", "top", "x1", "bottom", "cells", "edges", "id", "row0", "words")

    def __init__(self, boxes: list) -> None:
        self.x0 = min(c[0] for c in boxes)
        self.top = min(c[1] for c in boxes)
        self.x1 = max(c[2] for c in boxes)
        self.bottom = max(c[3] for c in boxes)
        cols = _snap([c[0] for c in boxes])
        rows = _snap([c[1] for c in boxes])
        # [row, col, x0, top, x1, bottom]
        self.cells = sorted([_index(rows, c[1]), _index(cols, c[0]), *c] for c in boxes)
        self.edges = _snap([c[0] for c in boxes] + [c[2] for c in boxes])
        self.id = 0
        self.row0 = 0  # number of the table's first row in the whole table
        self.words: dict = {}  # (row, col) → words

    @property
    def ncols(self) -> int:
        return len({c[1] for c in self.cells})

    def holds(self, x: float, y: float) -> bool:
        return self.x0 - 1 <= x <= self.x1 + 1 and self.top - 1 <= y <= self.bottom + 1

    def cell_of(self, x: float, y: float) -> tuple:
        best, dist = None, None
        for row, col, x0, top, x1, bottom in self.cells:
            if x0 <= x <= x1 and top <= y <= bottom:
                return row, col
            d = max(x0 - x, 0, x - x1) + max(top - y, 0, y - bottom)
            if dist is None or d < dist:
                best, dist = (row, col), d
        return best

    def texts(self, row: int) -> dict:
        """Column → squashed text of the cells of a local row."""
        return {c: _squash(" ".join(t.text for t in sorted(ws, key=lambda t: (-t.base, t.x0))))
                for (r, c), ws in self.words.items() if r == row}


def _snap(values: list) -> list:
    out: list = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(grid: list, v: float) -> int:
    return min(range(len(grid)), key=lambda k: abs(grid[k] - v))


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s).lower()


class Finder:
    """pdfplumber's table finder on the rules of a page (read with :class:`.pdf_rules.Rules`)."""

    def __init__(self, raw) -> None:
        from .pdf_rules import Rules
        self.rules = Rules(raw)

    def tables(self, page, height: float) -> list:
        """The ruled tables of a pypdfium2 page, top to bottom."""
        if not self.rules.drawn(page):
            return []
        edges = self.rules.edges(page, height)
        v = [e for e in edges if e["orientation"] == "v"]
        h = [e for e in edges if e["orientation"] == "h"]
        if len(v) < 2 or len(h) < 2:
            return []
        from pdfplumber.table import TableFinder  # lazy: pdfplumber imports pdfminer
        settings = dict(_SETTINGS, explicit_vertical_lines=v, explicit_horizontal_lines=h)
        found = [t.cells for t in TableFinder(_Plane(page, height), settings).tables]
        tables = [Table([tuple(map(float, c)) for c in cells]) for cells in found if cells]
        tables = [t for t in tables if t.ncols >= 2]
        tables.sort(key=lambda t: (t.top, t.x0))
        return tables


class _Plane:
    """What pdfplumber's TableFinder asks of a page when every edge is explicit: its box."""

    def __init__(self, page, height: float) -> None:
        self.bbox = (0.0, 0.0, float(page.get_size()[0]), float(height))


class Chain:
    """Table numbers through the document, and the table that may go on over the next
    page (the last thing on its page)."""

    def __init__(self) -> None:
        self.next_id = 1
        self.open: Optional[Table] = None
        self.first: dict = {}  # table id → squashed texts of its first row
        self.filled: dict = {}  # table id → [rows with a first column, rows]
        self.last_row: dict = {}  # table id → (number of its last row, first column filled)

    def number(self, t: Table, starts_page: bool) -> set:
        """Gives ``t`` its number and first row; returns the local rows to drop."""
        prev = self.open
        drop: set = set()
        rows = sorted({c[0] for c in t.cells})
        if (starts_page and prev is not None and t.ncols == prev.ncols
                and len(t.edges) == len(prev.edges)
                and all(abs(a - b) <= 3 * _SNAP for a, b in zip(t.edges, prev.edges))):
            t.id = prev.id
            last, last_filled = self.last_row[t.id]
            if rows and t.texts(rows[0]) and t.texts(rows[0]) == self.first.get(t.id):
                drop.add(rows[0])  # the header row, repeated on the new page
            rest = [r for r in rows if r not in drop]
            if rest and self._broken_row(t, rest[0], last_filled):
                t.row0 = last - rest[0]  # the rest of the row broken at the page end
            elif rest:
                t.row0 = last + 1 - rest[0]
        else:
            t.id = self.next_id
            self.next_id += 1
            t.row0 = 0
            self.first[t.id] = t.texts(rows[0]) if rows else {}
            self.filled[t.id] = [0, 0]
        filled = self.filled[t.id]
        last_filled = False
        for r in rows:
            if r in drop:
                continue
            texts = t.texts(r)
            if not any(texts.values()):
                continue
            last_filled = bool(texts.get(0))
            filled[0] += last_filled
            filled[1] += 1
        if rows:
            self.last_row[t.id] = (t.row0 + rows[-1], last_filled)
        return drop

    def _broken_row(self, t: Table, row: int, last_filled: bool) -> bool:
        texts = t.texts(row)
        done, total = self.filled[t.id]
        return (last_filled and not texts.get(0) and any(texts.values())
                and total >= 2 and done >= 0.75 * total)


def table_page_items(toks: list, height: float, tables: list, chain: Chain, carry: Carry) -> list:
    """Items of a page that holds ruled ``tables``: the text around them read as usual,
    each table cell by cell with ``cell=(table, row, col)`` hints."""
    rest = []
    for tok in toks:
        x = (tok.x0 + tok.x1) / 2
        y = height - (tok.base + tok.top) / 2
        for t in tables:
            if t.holds(x, y):
                t.words.setdefault(t.cell_of(x, y), []).append(tok)
                break
        else:
            rest.append(tok)
    vlines = visual_lines(rest)
    tops = [height - vl.base for vl in vlines]
    first, last = tables[0], tables[-1]
    head = [k for k, y in enumerate(tops) if y < first.top]
    tail = [k for k, y in enumerate(tops) if y > last.bottom]
    # running page numbers, above the first table or below the last one
    while head and _alone_number(vlines, head[0]):
        vlines[head.pop(0)] = None
    while tail and _alone_number(vlines, tail[-1]):
        vlines[tail.pop()] = None
    groups: list = [[] for _ in range(len(tables) + 1)]
    for vl in vlines:
        if vl is None:
            continue
        y = height - vl.base
        k = sum(1 for t in tables if (t.top + t.bottom) / 2 < y)
        groups[k].append(vl)
    starts_page = not groups[0]
    out, n = continued_region(groups[0], height, carry)
    groups[0] = groups[0][n:]
    for k, t in enumerate(tables):
        out.extend(block_items(groups[k], height))
        drop = chain.number(t, starts_page=k == 0 and starts_page)
        out.extend(_cell_items(t, height, drop))
        chain.open = None
    out.extend(block_items(groups[-1], height, carry))
    chain.open = tables[-1] if not groups[-1] else None
    return out


def _alone_number(vlines: list, k: int) -> bool:
    probe = [vlines[k]]
    strip_page_numbers(probe)
    return not probe


def _cell_items(t: Table, height: float, drop: set) -> list:
    boxes = {(c[0], c[1]): c[2:] for c in t.cells}
    lines = {rc: visual_lines(ws) for rc, ws in t.words.items()}
    # the width the writer could fill in each column: its widest line in the table
    usable: dict = {}
    for (row, col), vls in lines.items():
        key = (col, round(boxes[(row, col)][2] - boxes[(row, col)][0]))
        usable[key] = max([usable.get(key, 0.0)] + [vl.toks[-1].x1 - vl.toks[0].x0 for vl in vls])
    out: list = []
    for row, col in sorted(lines):
        if row in drop:
            continue
        cell = (t.id, t.row0 + row, col)
        x0, _, x1, _ = boxes[(row, col)]
        width = usable[(col, round(x1 - x0))]
        prev = None
        for vl in lines[(row, col)]:
            item = line_item(vl.toks, height, cell, single=True)
            if prev is not None and _broken_word(prev, vl, width):
                out[-1][0] += item[0]
                out[-1][2] = max(out[-1][2], item[2])
            else:
                out.append(item)
            prev = vl
    return out


def _broken_word(prev, cur, width: float) -> bool:
    """A word longer than its column, broken where the column ends (``31/10/202`` /
    ``5``): alone on its line, as wide as the widest line of the column (``width``), with
    a word going on below it."""
    if len(prev.toks) != 1 or prev.toks[0].text[-1:] in HYPH:  # hyphens: repair_hyphens
        return False
    word, nxt = prev.toks[0], cur.toks[0].text
    room = width - (word.x1 - word.x0)
    return (room < 0.4 * word.size and nxt[:1].isalnum()
            and (any(ch.isdigit() or ch == "/" for ch in word.text) or nxt[:1].islower()
                 or nxt[:1].isdigit()))


def merge_broken_rows(pages: list) -> None:
    """A row broken at a page end is read whole where it starts: the lines of each of its
    cells on the next page are moved after that cell's lines on the page before (they
    keep their coordinates; the page of a cell is the page where the row starts, as a
    paragraph re-joined across a page break keeps its first page)."""
    for p in range(1, len(pages)):
        before, items = pages[p - 1], pages[p]
        if not before or not items or not _in_table(before[-1][4]) or not _in_table(items[0][4]):
            continue
        row = before[-1][4][:2]
        n = 0
        while n < len(items) and items[n][4] is not None and items[n][4][:2] == row:
            n += 1
        if not n:
            continue
        m = len(before)
        while m > 0 and before[m - 1][4] is not None and before[m - 1][4][:2] == row:
            m -= 1
        merged = sorted(before[m:] + items[:n], key=lambda it: it[4][2])  # stable: page order kept
        before[m:] = merged
        del items[:n]


def _in_table(cell: Optional[tuple]) -> bool:
    return cell is not None and cell[0] >= 1
