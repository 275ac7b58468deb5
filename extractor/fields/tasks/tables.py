"""Table sources: task tables (``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời
gian hoàn thành`` and the like) read row by row, one task per row."""
from __future__ import annotations

import re
from typing import Optional

from ...layout import Seg, _LIST_LABEL
from ...normalize import fold
from .drafts import Draft, Part


class Tables(Part):
    def column_role(self, text: str) -> Optional[str]:
        """The role of a table column named ``text`` (``Cơ quan chủ trì`` → lead)."""
        t = text.strip(" :*")
        if not t or len(t.split()) > self.r.field_words or re.search(r"\d", t):
            return None
        squashed = re.sub(r"\s+", "", fold(t))
        for role, names in self.r.field_roles:
            if role in ("content", "other", "deadline"):
                if any(squashed.startswith(n) for n in names):
                    return role
            elif any(n in squashed for n in names):
                return role
        return None

    def tables(self) -> list[Seg]:
        """Task tables (``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
        hoàn thành``): one task per row. Returns the body without the tables read."""
        body = list(self.lay.body)
        used: set = set()
        cell = (lambda seg: self.lines[seg.line].cell
                if self.lines is not None and 0 <= seg.line < len(self.lines) else None)
        i = 0
        while i < len(body):
            # a header: consecutive short cells that name columns, one of them the lead's
            j = i
            roles = []
            while j < len(body) and (role := self.column_role(body[j].text)) is not None \
                    and not _LIST_LABEL.match(body[j].text):
                roles.append(role)
                j += 1
            if len(roles) < 3 or not ({"lead", "implement"} & set(roles)):
                i = max(j, i + 1)
                continue
            head_cell = cell(body[i])
            rows = self.table_rows(body, i, j, roles, head_cell, cell)
            for row, segs in rows:
                used.update(id(s) for s in segs)
                self.table_task(row, segs)
            used.update(id(s) for s in body[i:j])
            i = j + sum(len(segs) for _, segs in rows)
        return [s for s in body if id(s) not in used]

    def table_rows(self, body: list[Seg], i: int, j: int, roles: list, head_cell, cell) -> list:
        """The rows after the header ``body[i:j]``: ``[(cells by role, segments)]``. Word
        cells carry (table, row, column); a table that reached the text one cell per line
        is cut at its STT numbers, its cells taken in column order (a cell without units
        but with a date in a unit column is the deadline: an empty cell was dropped)."""
        rows = []
        n = len(roles)
        k = j
        if head_cell is not None:
            cols = [cell(s)[2] if cell(s) else None for s in body[i:j]]
            by_col = dict(zip(cols, roles))
            current: dict = {}
            segs: list = []
            last_row = None
            while k < len(body) and cell(body[k]) is not None and cell(body[k])[0] == head_cell[0]:
                t, r, c = cell(body[k])
                if r != last_row and segs:
                    rows.append((current, segs))
                    current, segs = {}, []
                last_row = r
                role = by_col.get(c, "content")
                current.setdefault(role, []).append(body[k])
                segs.append(body[k])
                k += 1
            if segs:
                rows.append((current, segs))
            return rows
        if roles[0] != "other":
            return rows  # without cell hints, rows are found by their STT numbers only
        current, segs = {}, []
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
            role = roles[col] if col < n else "content"
            if role in ("lead", "support", "implement") and not self.d.mentions.units(body[k].start, body[k].end) \
                    and self.d.dates.deadlines(body[k].start, body[k].end, weak=True):
                role = "deadline"  # an empty unit cell was dropped
            current.setdefault(role, []).append(body[k])
            segs.append(body[k])
            col += 1
            k += 1
        if segs:
            rows.append((current, segs))
        return rows

    def table_task(self, row: dict, segs: list[Seg]) -> None:
        """One row of a task table as a task."""
        lead = [u for s in row.get("lead", []) for u in self.d.mentions.value_units(s.start, s.end)]
        impl = [u for s in row.get("implement", []) for u in self.d.mentions.value_units(s.start, s.end)]
        support = [u for s in row.get("support", []) for u in self.d.mentions.value_units(s.start, s.end)]
        if not (lead or impl):
            return
        content = row.get("content") or segs
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
