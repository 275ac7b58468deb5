"""The walk over the item tree: which items are tasks, and what they inherit from their
heading, their lead-in sentence or their plan fields."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ...normalize import fold
from ..deadlines import mentions_time
from .drafts import Clause, Ctx, Draft, Node, Part
from .rules import FIELD_ROLES, MARKER_ONLY, label_len


class Items(Part):
    def run(self) -> list[Draft]:
        body = self.d.tables.tables()
        report = bool(self.lay.title and re.match(r"\s*báo\s*cáo\b", fold(self.lay.title.text)))
        self.walk(self.d.tree.roots(body), Ctx(skip=report, report=report))
        self.drafts.sort(key=lambda d: d.start)
        return self.drafts

    def walk(self, nodes: list[Node], ctx: Ctx) -> int:
        """Tasks of a list of sibling items; a lead-in paragraph or a unit named by field
        lines passes its units on to the siblings after it."""
        before = len(self.drafts)
        default = ctx
        grouped: list[Node] = []
        for nd in nodes:
            if nd.role in FIELD_ROLES and grouped and grouped[-1].role not in FIELD_ROLES:
                grouped[-1].children.append(nd)  # "Cơ quan chủ trì: …" lines after an item
            else:
                grouped.append(nd)
        intro: Optional[tuple] = None  # (a lead-in's own task, tasks made before the items)
        for nd in grouped:
            if nd.role in FIELD_ROLES:
                continue  # read with the item it belongs to
            if nd.fresh and default is not ctx or default.enum and not nd.labelled:
                self.drop_intro(intro)
                default, intro = ctx, None  # a lead-in does not reach into an article, table or annex
            sibling = self.process(nd, default)
            if sibling is not None:
                self.drop_intro(intro)
                default = sibling
                intro = (sibling.intro, len(self.drafts)) if sibling.intro is not None else None
        self.drop_intro(intro)
        return len(self.drafts) - before

    def drop_intro(self, intro: Optional[tuple]) -> None:
        """A lead-in (``… đề nghị X thực hiện các nội dung sau:``) whose items became tasks
        only names who does them: it is not a task of its own."""
        if intro is not None and len(self.drafts) > intro[1] and intro[0] in self.drafts:
            self.drafts.remove(intro[0])

    def fields(self, nd: Node) -> dict:
        """The plan fields under an item: units by role, the deadline line, and where the
        last field ends."""
        out: dict = {"lead": [], "support": [], "implement": [], "deadline": [], "end": None}
        for ch in nd.children:
            if ch.role in ("lead", "support", "implement"):
                a, b = ch.value
                out[ch.role].extend(self.d.mentions.value_units(a, b))
            elif ch.role == "deadline":
                out["deadline"] = self.d.dates.deadlines(*ch.value, weak=True)
            else:
                continue
            out["end"] = max(out["end"] or 0, ch.spans[-1][1])
        return out

    def process(self, nd: Node, ctx: Ctx) -> Optional[Ctx]:
        """Tasks of one item and its children; returns the context the items after it
        inherit (a lead-in paragraph, a unit from field lines) or None."""
        a, b = nd.spans[0]
        head = self.flat[a:b][label_len(self.flat[a:b]):].strip()
        first = self.d.clauses.analyze(a, b, self.d.mentions.units(a, b))
        skip = ctx.skip or (not first.lead and self.d.clauses.non_task_heading(head, bool(nd.children)))
        if nd.children and self.d.clauses.is_enumeration(self.flat[slice(*nd.spans[-1])]):
            skip = True  # "Các phòng chuyên môn gồm:" lists parts, not tasks
        if ctx.report and nd.children and self.r.report_tasks.match(fold(head)) and len(head.split()) <= 14:
            skip = False  # "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM" of a report
        fl = self.fields(nd)
        blocks = [ch for ch in nd.children if ch.role not in FIELD_ROLES]
        has_fields = bool(fl["lead"] or fl["implement"] or fl["support"] or fl["deadline"])
        if has_fields and blocks and all(ch.item.kind == "para" and not ch.children for ch in blocks):
            # "2. Về thể chế, chính sách" / its text in paragraphs / its field lines: one task
            nd.spans = nd.spans + [sp for ch in blocks for sp in ch.spans]
            blocks = []
        if nd.item.kind == "para" and not blocks and not has_fields:
            # a paragraph (outside the lists only cues assign); a lead-in (colon) passes its
            # units on to the items after it
            before = len(self.drafts)
            self.tasks_of(nd, ctx, fl, skip, root=ctx.root)
            last = self.d.clauses.last_clause(nd)
            # "Điều 2. Giao Giám đốc Sở X" (the cue and its units, nothing after them) heads
            # the items after it like a lead-in
            bare_cue = last.kind == "cue" and last.units_end is not None and \
                bool(MARKER_ONLY.match(self.f, last.units_end, last.end))
            if not (self.d.clauses.is_lead_in(head) or bare_cue):
                return None
            if self.d.clauses.is_enumeration(head):
                return replace(ctx, skip=True, host=None, enum=True)  # "… gồm:": the items list parts
            if not last.lead and last.cue_only and self.d.mentions.recipients() \
                    and re.search(r"yêu\s*cầu\s*(?:như\s*sau\s*)?:?\s*$", fold(head)):
                # "UBND huyện yêu cầu:" names nobody: the addressees of Kính gửi do the items
                return replace(ctx, lead=list(self.d.mentions.recipients()), source="leadin", host=None)
            if last.lead and not last.speaker and (last.kind in ("cue", "colon") or last.marker) \
                    and not (skip and last.kind != "cue"):
                own = self.drafts[before:]
                intro = own[-1] if own and not own[-1].support and own[-1].deadline is None else None
                return replace(ctx, lead=last.lead, source="leadin", host=None, intro=intro)
            return None
        if blocks and not has_fields:
            self.heading(nd, ctx, first, head, skip, fl, blocks)
            return None
        before = len(self.drafts)
        self.tasks_of(nd, ctx, fl, skip)
        sibling = None
        if fl["lead"] and (not ctx.lead or ctx.source == "field"):
            sibling = replace(ctx, lead=fl["lead"], source="field", host=None)
        if blocks:
            child = replace(ctx, skip=skip, root=False, host=None)
            if fl["lead"]:
                child.lead, child.source = fl["lead"], "field"
            elif first.kind == "heading" and first.lead and not first.speaker:
                child.lead, child.source = first.lead, "heading"  # "1. Phòng Nội vụ" with a Thời gian line
            dated = [d for d in fl["deadline"] if d.date or d.recurrence]
            if dated and len(self.drafts) == before:
                child.deadline = dated[0]  # "- Thời gian thực hiện: …" of an item whose tasks are below it
            self.walk(blocks, child)
        return sibling

    def heading(self, nd: Node, ctx: Ctx, first: Clause, head: str, skip: bool, fl: dict,
                blocks: list[Node]) -> None:
        """An item with items (or paragraphs) under it. A heading of units (``1. UBND
        huyện``, ``Sở X có trách nhiệm:``) gives them its units; a lead-in sentence
        (``1. Chủ tịch UBND các xã tổ chức thực hiện các nội dung sau:``) is one task that
        the items under it without units of their own continue; a topic heading gives
        nothing of its own."""
        lead_in = self.d.clauses.is_lead_in(head)
        cl = self.d.clauses.last_clause(nd) if lead_in else first
        child = replace(ctx, skip=skip, root=False)
        if not cl.lead:
            # "3. Năm 2028", "1. Tại Hội nghị tháng 3, 6, 9 và 12 hằng năm:": the time of a
            # heading that names nobody dates the tasks under it that name no time
            child.deadline = self.d.dates.pick(*nd.spans[0]) or ctx.deadline
        host = False
        if cl.lead and not cl.speaker and not (skip and cl.kind != "cue"):
            child.host = None
            if cl.kind == "heading" and self.r.topic_subject.match(self.f, cl.body, cl.end):
                # "1. Đối với các chi, đảng bộ …:" names the topic of one task
                child.lead, child.source = cl.lead, "topic"
                host = True
            elif cl.kind == "heading" or (cl.kind in ("subject", "colon", "cue") and cl.units_end is not None
                                          and MARKER_ONLY.match(self.f, cl.units_end, cl.end)):
                child.lead, child.source = cl.lead, "heading"
            elif lead_in and nd.labelled:
                child.lead, child.source = cl.lead, "leadin"
                host = True
            elif lead_in or cl.kind in ("cue", "colon"):
                child.lead, child.source = cl.lead, "leadin"
        if host:
            a, b = nd.spans[0]
            child.host = Draft(a, b, list(cl.lead), list(cl.support), action_from=cl.units_end)
            self.drafts.append(child.host)
            for d in self.d.dates.deadlines(a, b):
                self.d.dates.add_deadline(child.host, d, self.drafts, a)
        made = self.walk(blocks, child)
        if host or skip or child.source == "heading":
            return
        if lead_in and (made == 0 or cl.support or self.d.dates.deadlines(*nd.spans[-1])):
            before = len(self.drafts)
            self.tasks_of(nd, ctx, fl, skip)
            if made == 0 and len(self.drafts) > before:
                # "Đề nghị X:" whose items name no task of their own: they are its text
                last = self.last_end(blocks)
                for t in self.drafts[before:]:
                    t.end = max(t.end, last)

    @staticmethod
    def last_end(nodes: list[Node]) -> int:
        """Where the last of ``nodes`` (and everything under it) ends."""
        end = 0
        stack = list(nodes)
        while stack:
            nd = stack.pop()
            end = max([end] + [b for _, b in nd.spans])
            stack.extend(nd.children)
        return end

    def tasks_of(self, nd: Node, ctx: Ctx, fl: dict, skip: bool, root: bool = False) -> None:
        """Drafts from the clauses of an item (its own paragraphs), with its fields."""
        cur: Optional[Draft] = None
        made: list[Draft] = []
        pending: list = []  # times stated before the item names its lead
        field_lead = fl["lead"] or fl["implement"]
        for a, b in nd.spans:
            ms = self.d.mentions.units(a, b)
            for s, e in self.d.clauses.clauses(a, b):
                cl = self.d.clauses.analyze(s, e, ms)
                lead = None
                if cl.lead and cl.kind in ("cue", "colon", "subject"):
                    if root and cl.kind == "subject" and not cl.marker:
                        lead = None  # outside the lists only cues and lead markers assign
                    elif skip and cl.kind != "cue":
                        lead = None
                    elif cl.kind == "subject" and ctx.source in ("heading", "topic") and cl.generic:
                        lead = ctx.lead  # "Các cấp ủy, tổ chức đảng …" under a heading of units
                    else:
                        lead = cl.lead
                if cl.speaker and cl.own and not root and not skip and \
                        any(d.kind != "relative" for d in self.d.dates.deadlines(s, e)):
                    lead = cl.own  # "- Ban Thường vụ Đảng uỷ chỉ đạo … trong tháng 9/2025" in a plan
                if field_lead and cl.kind != "cue":
                    lead = None if (cur is not None or made) else field_lead
                if lead:
                    act = cl.units_end if lead is cl.lead and cl.units_end else cl.body
                    cl.speaker = False
                    cur = Draft(s, e, list(lead), list(cl.support), root=root, action_from=act)
                    made.append(cur)
                elif (cl.speaker or cl.accountable or cl.statement) and \
                        not (cl.statement and cur in made and a <= cur.start < b):
                    continue  # a statement starts no task; in the task's own paragraph it goes on
                elif cur is not None:
                    cur.end = e
                    cur.support.extend(cl.support)
                elif ctx.host is not None and not skip:
                    cur = ctx.host
                    cur.end = max(cur.end, e)
                    cur.support.extend(cl.support)
                elif not skip and not root and (field_lead or ctx.lead):
                    cur = Draft(s, e, list(field_lead or ctx.lead), list(cl.support), action_from=cl.body)
                    made.append(cur)
                else:
                    if not made and not (cl.statement or cl.speaker):
                        pending.extend(self.opening_times(a, s, e))
                    continue
                for d in self.d.dates.deadlines(s, e):
                    cur = self.d.dates.add_deadline(cur, d, made, s)
                relay = self.relay(ms, s, e, cur)
                if relay is not None:
                    made.append(relay)
        if field_lead or (made and (fl["deadline"] or fl["support"])):
            self.apply_fields(nd, fl, made)
        for t in made:
            if t.deadline is None and not mentions_time(self.text[t.start:t.end]):
                t.deadline = (pending or [ctx.deadline])[0]
        self.drafts.extend(made)

    def opening_times(self, a: int, s: int, e: int) -> list:
        """Times an item states before it names its lead, in a short clause or in its
        topic before a colon (``1. Tại Hội nghị tháng 3, 6, 9 và 12 hằng năm: Đánh giá …``):
        they date the task the item makes later."""
        colon = self.flat.find(":", a, e)
        short = len(self.flat[s:e].split()) <= 12
        topic = 0 <= colon and len(self.flat[a:colon].split()) <= 16
        return [d for d in self.d.dates.deadlines(s, e)
                if short or (topic and (d.start or 0) < colon)]

    def relay(self, ms: list, s: int, e: int, cur: Optional[Draft]) -> Optional[Draft]:
        """``… báo cáo kết quả về Sở Công Thương trước ngày 20 hằng tháng để tổng hợp, báo
        cáo UBND tỉnh``: the unit a dated or regular report goes to collects it, a task of
        its own with the same time (not when it is the issuer)."""
        if cur is None or not (cur.start <= s < cur.end or s < cur.end <= e):
            return None
        if cur.deadline is None or not (cur.deadline.date or cur.deadline.recurrence):
            return None  # a report due at a time or a rhythm, not feedback "khi có vướng mắc"
        for m in self.r.relay_to.finditer(self.f, s, e):
            k = self.d.mentions.first_unit(ms, m.end())
            if k is None:
                continue
            units, end = self.d.mentions.unit_list(ms, k, e)
            if not self.r.relay_collect.match(self.f, end, e) or self.d.mentions.is_speaker(units):
                continue
            if {u.key for u in units} & {u.key for u in cur.lead}:
                continue
            return Draft(s, e, units, [], cur.deadline, action_from=ms[k].start)
        return None

    def apply_fields(self, nd: Node, fl: dict, made: list[Draft]) -> None:
        """The item's field lines: lead and support of its first task (made when the item's
        text named nobody), its deadline, and the implementers' task beside a chủ trì."""
        if not made:
            a, b = nd.spans[0]
            made.append(Draft(a, b, list(fl["lead"] or fl["implement"]), [],
                               action_from=a + label_len(self.flat[a:b])))
        t = made[0]
        t.support.extend(fl["support"])
        if fl["end"]:
            t.end = max(t.end, fl["end"])
        dated = [d for d in fl["deadline"] if d.date or d.recurrence]
        if dated:
            t.deadline = dated[0]
        elif fl["deadline"] and t.deadline is None:
            t.deadline = fl["deadline"][0]
        if fl["lead"] and fl["implement"]:
            made.append(Draft(t.start, t.end, list(fl["implement"]), [], t.deadline, t.action_from))
