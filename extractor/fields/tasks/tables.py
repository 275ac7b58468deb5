"""Table sources: task tables read row by row, one task per row.

A task table is found by its header row: at least three cells that name columns
(``patterns/tasks.yaml`` ``fields``), one of them the lead's (``Cơ quan chủ trì``,
``Đơn vị thực hiện``): ``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
hoàn thành``, ``TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm | Thời gian``
and the like. Cells come from two places:

- cell hints ``Line.cell = (table, row, col)``: Word tables, ruled tables of a PDF, and the
  markdown (``| a | b |``) and flattened (``|`` lines between cells) tables of a text
  letter. A table without a header row of its own goes on with the columns of the table
  before it when it has as many columns (a table split by a page or a heading repeated
  only once);
- tables that reached the text one cell per line without hints: the header cells in a
  row, then the rows cut at their STT numbers, cells taken in column order (a cell with
  a date but no unit in a unit column is the deadline: an empty cell was dropped).

A table with a content and a deadline column but no unit column right after a lead-in
that names units (``Giao Sở Tài chính chủ trì thực hiện các nhiệm vụ sau:``) is theirs.

In a row: the lead column gives the lead (a unit the grammar does not know is cut at
``;`` and ``,``); a row whose lead cell is empty takes the lead of the row above in the
same section (a cell merged down the rows is read once); a row that fills only one or two
cells and no unit column is a section row (``I | CƠ CHẾ, CHÍNH SÁCH``): when it names
units of its own (``II | Sở Tài chính``) the rows below take them as lead. The deadline
column is read as a whole value (``Quý IV/2025``, ``2026-2030``, ``Thường xuyên``); when
it says nothing dated, a date in the content counts. ``Cơ quan chủ trì`` beside ``Cơ quan
thực hiện`` makes a second task for the implementers.
"""
from __future__ import annotations

import re
from typing import Optional

from ...layout import Seg, _LIST_LABEL
from .drafts import Draft, Part

_UNIT_ROLES = ("lead", "implement", "support")


class Tables(Part):
    def column_role(self, text: str) -> Optional[str]:
        """The role of a table column named ``text`` (``Cơ quan chủ trì`` → lead)."""
        t = text.strip(" :*")
        if not t or len(t.split()) > self.r.field_words or re.search(r"\d", t):
            return None
        return self.r.label_role(t)

    def cell(self, seg: Seg) -> Optional[tuple]:
        if self.lines is None or not 0 <= seg.line < len(self.lines):
            return None
        return self.lines[seg.line].cell

    def tables(self) -> list[Seg]:
        """Reads the task tables of the body as tasks; returns the body without them."""
        body = list(self.lay.body)
        used: set = set()
        self.hinted(body, used)
        self.flattened([s for s in body if id(s) not in used], used)
        return [s for s in body if id(s) not in used]

    # ------------------------------------------------------------------ hinted tables
    def hinted(self, body: list[Seg], used: set) -> None:
        """Tables whose segments carry (table, row, col) hints."""
        grids: dict = {}  # table -> {row: {col: [segs]}}
        order: list = []
        before: dict = {}  # table -> the body segment right before it
        prev = None
        for seg in body:
            c = self.cell(seg)
            if c is None:
                prev = seg
                continue
            t, r, col = c
            if t not in grids:
                grids[t] = {}
                order.append(t)
                before[t] = prev
            grids[t].setdefault(r, {}).setdefault(col, []).append(seg)
        columns: Optional[dict] = None  # the last header read: col -> role
        width = 0
        for t in order:
            rows = [grids[t][r] for r in sorted(grids[t])]
            head = self.header_row(rows)
            if head == "procedure":
                columns = None  # a catalogue of administrative procedures
                continue
            lead_in: list = []
            if head is None:
                head, lead_in = self.led_table(rows, before.get(t))
                if head is not None:
                    used.add(id(before[t]))  # the lead-in is the table's preamble, not a task
            if head is not None:
                k, columns = head
                width = len(rows[k])
                used.update(id(s) for cell in rows[k].values() for s in cell)
                rows = rows[k + 1:]
            elif columns is None or max(len(r) for r in rows) != width:
                columns = None
                continue  # not a task table, nor the rest of one
            self.read_rows(rows, columns, used, lead_in)

    def header_row(self, rows: list[dict]):
        """The header among the first rows of a table: its index and col → role; the
        string ``procedure`` for a catalogue of administrative procedures; or None."""
        for k, row in enumerate(rows[:4]):
            roles = {col: self.column_role(" ".join(s.text for s in segs)) for col, segs in row.items()}
            named = {c: r for c, r in roles.items() if r is not None}
            if "procedure" in named.values():
                return "procedure"
            if len(named) >= 3 and {"lead", "implement"} & set(named.values()):
                return k, named
        return None

    def led_table(self, rows: list[dict], prev: Optional[Seg]) -> tuple:
        """A table with a content and a deadline column but no unit column, right after a
        lead-in that names the units (``Giao Sở Tài chính chủ trì thực hiện các nhiệm vụ
        sau:``): its header and those units, or (None, [])."""
        if prev is None or not self.d.clauses.is_lead_in(prev.text):
            return None, []
        cl = self.d.clauses.analyze(prev.start, prev.end, self.d.mentions.units(prev.start, prev.end))
        if not cl.lead or cl.speaker or cl.kind not in ("cue", "subject", "colon", "heading"):
            return None, []
        for k, row in enumerate(rows[:4]):
            roles = {col: self.column_role(" ".join(s.text for s in segs)) for col, segs in row.items()}
            named = {c: r for c, r in roles.items() if r is not None}
            if "procedure" in named.values():
                return None, []
            if {"content", "deadline"} <= set(named.values()):
                return (k, named), list(cl.lead)
        return None, []

    def read_rows(self, rows: list[dict], columns: dict, used: set, lead_in: Optional[list] = None) -> None:
        section: list = list(lead_in or [])  # units a section row (or the lead-in) names
        above: list = []  # the lead of the row above (a cell merged down)
        for row in rows:
            cells: dict = {}
            for col, segs in row.items():
                cells.setdefault(columns.get(col, "content" if "content" not in columns.values() else None),
                                 []).extend(segs)
            cells.pop(None, None)
            filled = [c for c in row.values() if any(s.text.strip() for s in c)]
            has_units = any(cells.get(r) for r in _UNIT_ROLES)
            if not has_units and len(filled) <= 2 and self.section_row(filled):
                # a section row: "I | CƠ CHẾ, CHÍNH SÁCH", "II | Sở Tài chính"
                text = [s for c in filled for s in c]
                section = [u for s in text for u in self.d.mentions.grammar_units(s.start, s.end)] or \
                    list(lead_in or [])
                above = []
                used.update(id(s) for s in text)
                continue
            lead = self.row_task(cells, [s for c in row.values() for s in c], above or section)
            used.update(id(s) for c in row.values() for s in c)
            if lead:
                above = lead

    def section_row(self, filled: list) -> bool:
        """A row of one or two cells that heads the rows below: a roman numeral or a
        letter in the first cell, or text in capitals or naming units only."""
        texts = [" ".join(s.text for s in c).strip() for c in filled]
        if not texts:
            return False
        if re.fullmatch(r"[IVXLC]{1,5}\.?|[A-ZĐ]\.?", texts[0]):
            return True
        last = texts[-1]
        return last.isupper() or (len(last.split()) <= 12 and bool(
            self.d.mentions.grammar_units(filled[-1][0].start, filled[-1][-1].end)))

    # ------------------------------------------------------------------ flattened tables
    def flattened(self, body: list[Seg], used: set) -> None:
        """Tables that reached the text one cell per line, without hints: a row of column
        names, then rows cut at their STT numbers."""
        i = 0
        while i < len(body):
            j = i
            roles = []
            while j < len(body) and (role := self.column_role(body[j].text)) is not None \
                    and not _LIST_LABEL.match(body[j].text):
                roles.append(role)
                j += 1
            if len(roles) < 3 or not ({"lead", "implement"} & set(roles)) or roles[0] != "other" \
                    or "procedure" in roles:
                i = max(j, i + 1)
                continue
            used.update(id(s) for s in body[i:j])
            k = j
            above: list = []
            for cells, segs in self.stt_rows(body, j, roles):
                lead = self.row_task(cells, segs, above)
                above = lead or above
                used.update(id(s) for s in segs)
                k += len(segs)
            i = max(k, i + 1)

    def stt_rows(self, body: list[Seg], k: int, roles: list) -> list:
        rows = []
        current: dict = {}
        segs: list = []
        col = 0
        number = re.compile(r"\d{1,3}\.?")
        while k < len(body) and not _LIST_LABEL.match(body[k].text):
            t = body[k].text.strip()
            if number.fullmatch(t):
                if segs:
                    rows.append((current, segs))
                current, segs, col = {}, [], 0
            elif not segs:
                break  # the table is over
            role = roles[col] if col < len(roles) else "content"
            if role in _UNIT_ROLES and not self.d.mentions.units(body[k].start, body[k].end) \
                    and self.d.dates.deadlines(body[k].start, body[k].end, weak=True):
                role = "deadline"  # an empty unit cell was dropped
            current.setdefault(role, []).append(body[k])
            segs.append(body[k])
            col += 1
            k += 1
        if segs:
            rows.append((current, segs))
        return rows

    # ------------------------------------------------------------------ one row
    def row_task(self, row: dict, segs: list[Seg], above: list) -> list:
        """One row of a task table as a task (two with a chủ trì and a thực hiện column);
        returns the lead it used."""
        units = self.d.mentions.value_units
        lead = [u for s in row.get("lead", []) for u in units(s.start, s.end)]
        impl = [u for s in row.get("implement", []) for u in units(s.start, s.end)]
        support = [u for s in row.get("support", []) for u in units(s.start, s.end)]
        content = [s for s in row.get("content", []) if s.text.strip()]
        if not (lead or impl):
            if not content or not above:
                return []
            lead = list(above)  # the lead cell is merged with the one above
        content = content or segs
        start, end = content[0].start, content[-1].end
        t = Draft(start, end, list(lead or impl), support, action_from=start)
        dls = [d for s in row.get("deadline", []) for d in self.d.dates.deadlines(s.start, s.end, weak=True)]
        if not [d for d in dls if d.date or d.recurrence]:
            dls = [d for s in content for d in self.d.dates.deadlines(s.start, s.end)] or dls
        dated = [d for d in dls if d.date or d.recurrence]
        t.deadline = (dated or dls or [None])[0]
        self.drafts.append(t)
        if lead and impl:
            self.drafts.append(Draft(start, end, list(impl), [], t.deadline, start))
        return lead or impl
