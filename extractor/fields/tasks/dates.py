"""Deadline attachment: the due dates and rhythms of a clause, and how a further one
makes another task with the same units."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..deadlines import DeadlineMatch, find_deadlines, parse_deadline, pick_deadline
from .drafts import Draft, Part
from .rules import CONTRACT, RHYTHM_WORDS, label_len


class Dates(Part):
    def deadlines(self, a: int, b: int, weak: bool = False) -> list[DeadlineMatch]:
        """The due dates and rhythms of text[a:b]: the chosen one first, then every other
        dated due expression; offsets made absolute."""
        ds = find_deadlines(self.text[a:b], self.anchor)
        for d in ds:
            d.start = (d.start or 0) + a
            d.end = (d.end or 0) + a
        best = pick_deadline(ds, include_weak=weak)
        if best is None:
            # a rhythm the normaliser calls weak ("chiến dịch … hằng tháng", "mỗi quý tổ chức …")
            best = next((d for d in ds if d.kind == "recurring" and d.recurrence), None)
        if best is None:
            return []
        out = [best]
        for d in ds:
            if d is best or d.weak or d.kind not in ("by", "within", "range") or not d.date:
                continue
            if all(d.date != o.date for o in out):
                out.append(d)
        return sorted(out, key=lambda d: d.start or 0)

    def add_deadline(self, cur: Draft, d: DeadlineMatch, made: list[Draft],
                     clause_start: Optional[int] = None) -> Draft:
        """Dates the task, or makes a new task with the same units for a second due date;
        a list of rhythms (``định kỳ 6 tháng và hằng năm``) makes one task per rhythm."""
        value = d.date or d.recurrence
        have = (cur.deadline.date or cur.deadline.recurrence) if cur.deadline else None
        if have is None:
            cur.deadline = d
        elif value and value != have:
            start = clause_start if clause_start is not None and clause_start > cur.start else cur.start
            cur = Draft(start, max(cur.end, d.end or cur.end), list(cur.lead), list(cur.support), d,
                         cur.action_from if start == cur.start else start, cur.root)
            made.append(cur)
        for extra in [x for x in (d.recurrences or []) if x in CONTRACT][1:]:
            dm = parse_deadline(RHYTHM_WORDS[extra], self.anchor)
            if dm is not None:
                dm = replace(dm, text=d.text, start=d.start, end=d.end)
                made.append(Draft(cur.start, cur.end, list(cur.lead), list(cur.support), dm,
                                   cur.action_from, cur.root))
        return cur

    def pick(self, a: int, b: int) -> Optional[DeadlineMatch]:
        """The time a heading states when it is mostly that time (``3. Năm 2028``, ``1. Quý
        IV, năm 2025``, ``Tháng 12/2025``): its due date or rhythm, else None."""
        head = self.flat[a:b]
        body = head[label_len(head):].strip()
        best = pick_deadline(find_deadlines(self.text[a:b], self.anchor))
        if best is None or not (best.date or best.recurrence) or best.kind == "relative":
            return None  # a term counted from an event belongs to its own sentence
        colon = head.find(":")
        topic = 0 <= colon and (best.start or 0) < colon and len(head[:colon].split()) <= 16
        if len(best.text) < 0.4 * len(body) and not topic:
            return None  # "Tại Hội nghị tháng 12 hằng năm: …" is a time too
        return replace(best, start=(best.start or 0) + a, end=(best.end or 0) + a)
