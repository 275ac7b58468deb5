"""Cue sentences: what one clause says about who does the work.

:meth:`Clauses.analyze` reads one clause (a sentence, or a part of it cut at a semicolon
that does not separate units) and finds its lead: an assignment cue followed by units
(``Giao …``, ``Đề nghị …``), units before a colon, units standing alone (a heading), or
units at the start followed by a verb (the subject), also after a topic (``Đối với …,``),
a time (``Trong thời hạn 05 ngày …,``) or a short label (``Chế độ báo cáo:``). It marks
statements, the issuer speaking, and accountability clauses, and collects support units
(``phối hợp với …``). The word lists are in ``patterns/tasks.yaml``.
"""
from __future__ import annotations

import re

from ...normalize import fold, is_caps
from ..units import UnitSpan, unit_key
from .drafts import Clause, Node, Part, Unit
from .rules import ABBR_END, SENT_END, label_len


class Clauses(Part):
    def analyze(self, a: int, b: int, ms: list[UnitSpan]) -> Clause:
        r = self.r
        f = self.f
        body = a
        body = a + label_len(self.flat[a:b])
        while True:
            c = r.connector.match(f, body, b)
            if not c or c.end() == body:
                break
            body = c.end()
        ms = [u for u in ms if u.start >= a and u.end <= b]
        topic = re.match(r"[^:;.!?]{2,70}?:\s*(?=\S)", self.flat[body:b])
        if topic and len(topic.group(0).split()) <= 10 and self.d.mentions.first_unit(ms, body) is None \
                and not self.r.assign.match(self.f, body) and not self.r.holder_colon.match(self.f, body) \
                and not any(body <= u.start < body + topic.end() for u in ms):
            body += topic.end()  # "Về nhiệm vụ 6 tháng cuối năm: Các cấp ủy …", "Chế độ báo cáo: …"
        cl = Clause(a, b, body)
        # --- support: units right after "phối hợp (với)"
        for s in r.support.finditer(f, body, b):
            if self.directed(ms, body, s.start()):
                continue  # "X chỉ đạo Y … phối hợp với Z": Z works with Y, not with the lead
            i = self.d.mentions.first_unit(ms, s.end(), names=True)
            if i is not None:
                units, _ = self.d.mentions.unit_list(ms, i, b, names=True)
                cl.support.extend(units)
        for p in re.finditer(r"\(", self.flat[body:b]):
            i = self.d.mentions.first_unit(ms, body + p.end())
            if i is not None:
                units, end = self.d.mentions.unit_list(ms, i, b)
                if r.markers.match(f, end) or r.accountable.match(f, end):
                    cl.support.extend(units)
        # --- an assignment cue followed by units
        for c in r.assign.finditer(f, body, b):
            if any(u.start < c.start() < u.end for u in ms):
                continue  # "Bộ Ngoại giao": the cue word inside a name
            pre = f[body:c.start()]
            if pre.strip() and (r.blockers.search(pre) or r.past.search(re.split(r"[,;]", pre)[-1])
                                or r.reported.match(pre)):
                continue  # "theo đề nghị của", "về việc giao", "Bộ đã … và đề nghị", "Tại Công văn số …"
            pos = c.end()
            holder = r.holder_colon.match(f, pos, b)
            if holder:
                pos = holder.end()
            quy = r.addressee.match(f, pos, b)
            i = None if quy else self.d.mentions.first_unit(ms, pos, names=True)
            listed = None if (quy or i is not None) else self.d.mentions.listed_first(ms, pos, b)
            if listed is not None:
                units, end = listed
                cl.lead, cl.kind, cl.units_end = units, "cue", end
                cl.support = [u for u in cl.support if u.key not in {x.key for x in units}]
                return cl
            if i is None:
                if quy and self.d.mentions.recipients():
                    # "đề nghị Quý cơ quan …": the addressees of Kính gửi
                    cl.lead, cl.kind, cl.units_end = list(self.d.mentions.recipients()), "cue", quy.end()
                    return cl
                cl.cue_only = True
                continue
            units, end = self.d.mentions.unit_list(ms, i, b, names=True)
            if holder:
                h = self.flat[c.end():holder.end()].strip(" :")
                units = [Unit(f"{h} {u.text}", unit_key(f"{h} {u.text}")) for u in units]
            cl.lead, cl.kind, cl.units_end = units, "cue", end
            cl.support = [u for u in cl.support if u.key not in {x.key for x in units}]
            return cl
        # --- units at the start: a heading, "X: …", or the subject
        cl.statement = bool(r.statement.match(f, body, b))
        dv = r.topic_subject.match(f, body, b)
        i = self.d.mentions.first_unit(ms, dv.end() if dv else body)
        if i is not None:
            units, end = self.d.mentions.unit_list(ms, i, b)
            rest = f[end:b]
            if re.match(r"\s*[.;:,]?\s*$", rest) or not re.search(r"[a-zđà-ỹ]", self.flat[end:b]):
                # "1. UBND huyện", "5.1. Đối với Ban …:", "- Các Đảng ủy trực thuộc Tỉnh ủy,"
                cl.lead, cl.kind, cl.units_only, cl.units_end = units, "heading", True, end
                return cl
            if re.match(r"\s*:", rest):  # "Thủ trưởng …, Chủ tịch …: Nghiêm túc thực hiện …"
                cl.lead, cl.kind, cl.units_end = units, "colon", end
                return cl
            if not dv:
                return self.subject(cl, units, ms[i].start, end, b)
        temporal = bool(r.temporal.match(f, body))
        if dv or temporal or r.topic.match(f, body):
            # "Đối với …, X có trách nhiệm …", "Trường hợp … thì X phải …", "Trong quá trình …,
            # X chủ động …": the first unit after a comma (or "thì") is the subject
            for cm in r.then.finditer(f, body, b):
                k = self.d.mentions.first_unit(ms, cm.end())
                if k is not None:
                    units, end = self.d.mentions.unit_list(ms, k, b)
                    if temporal or r.markers.match(f, end) or \
                            not (dv or r.condition.match(f, body) or "," not in cm.group(0)):
                        # after a time or a topic the units lead (in a list item: outside the
                        # lists a lead marker is needed); after a condition ("Trường hợp …,
                        # nếu …,") only with a lead marker
                        self.subject(cl, units, ms[k].start, end, b)
                        cl.marker = cl.marker or temporal
                        return cl
                    break
        return self.inner_subject(cl, ms, body, b)

    def directed(self, ms: list, body: int, p: int) -> bool:
        """A directing verb with units of its own (``chỉ đạo BHXH các tỉnh …``,
        ``định hướng các cơ quan thông tin …``) stands between the clause start and ``p``."""
        for v in self.r.directing.finditer(self.f, body, p):
            if any(v.end() <= u.start <= v.end() + 2 and u.start < p for u in ms):
                return True
        return False

    def inner_subject(self, cl: Clause, ms: list, body: int, b: int) -> Clause:
        """Units inside the clause followed by a lead marker: ``2.2. Nghị quyết về … giai
        đoạn 2026 - 2030 Đảng uỷ UBND xã chủ trì, phối hợp …`` (a title and its owner run
        together), ``… do đồng chí Bí thư cấp uỷ và Thủ trưởng các cơ quan trực tiếp chỉ
        đạo, chủ trì``. Not after a preposition or a verb that makes the units an object
        or a partner (``phối hợp với X chủ trì``, ``của X``: ``not_before_subject``)."""
        r, f = self.r, self.f
        k = 0
        while k < len(ms):
            m = ms[k]
            if m.start <= body or m.end > b:
                k += 1
                continue
            before = f[body:m.start]
            units, end = self.d.mentions.unit_list(ms, k, b)
            k += max(1, len(units))
            if r.not_before_subject.search(before) or re.search(r"[(]\s*$", before):
                continue
            agent = r.agent.search(before)
            if m.text[:1].islower() and re.search(r"[^\W\d_]\s*$", before) and not agent:
                continue  # "Ban Chỉ đạo phát triển du lịch các địa phương": the noun phrase goes on
            if cl.statement and not agent:
                continue  # "Trường hợp các cơ quan phối hợp có ý kiến khác nhau, …"
            gap = re.match(r"(?:\s*[^\W\d_]+){0,4}\s*,?", f[end:b]) if agent else None
            for stop in ([end] + ([gap.end() + end] if gap else [])):
                mk = r.inner_markers.match(f, stop)
                last = self.flat[body:m.start].split()[-1:] or [""]
                if not mk and not agent and (last[0][:1].isupper() or not last[0][-1:].isalpha()):
                    mk = r.inner_weak.match(f, stop)  # after a capitalised word, a number or a mark
                if not mk or r.accountable.match(f, stop) or any(end <= u.start < stop for u in ms):
                    continue
                if agent and not re.match(r"[\s.;,]*$", f[mk.end():b]):
                    continue  # "các dự án do Bộ Công an chủ trì theo …": a relative clause
                head = [] if agent else self.listed_before(body, m.start)
                self.subject(cl, head + units, m.start, end, b)
                if cl.lead:
                    cl.marker = True
                    return cl
        return cl

    def listed_before(self, body: int, start: int) -> list[Unit]:
        """``Chánh Văn phòng Bộ, Vụ trưởng Vụ Tổ chức - Biên chế, Thủ trưởng …``: names the
        grammar missed, listed before the units of an inner subject (comma or semicolon
        pieces from the clause start, each capitalised and short)."""
        before = self.flat[body:start]
        if not re.search(r"[,;]\s*$", before):
            return []
        pieces = [p.strip(" ,;") for p in re.split(r"[,;]", before)]
        pieces = [p for p in pieces if p]
        if not pieces or not all(p[:1].isupper() and len(p.split()) <= 12 for p in pieces):
            return []
        r = self.r
        if any(r.statement.match(fold(p)) or r.topic.match(fold(p)) or r.temporal.match(fold(p))
               or r.support.match(fold(p)) or r.assign.match(fold(p)) or re.search(r"\d", p) for p in pieces):
            return []  # "Trong quý I …, Sở Nội vụ chủ trì …", "Phối hợp với Bộ X, …": no name
        return [Unit(p, unit_key(p)) for p in pieces]

    def subject(self, cl: Clause, units: list, start: int, end: int, b: int) -> Clause:
        """Units at the start of a clause (``end`` = where they stop): the lead, unless what
        follows makes them a statement, the issuer speaking or an accountability clause."""
        r, f = self.r, self.f
        rel = r.participle.match(f, end, b)
        if rel and len(units) == 1:
            # "Các cơ quan, địa phương được giao chỉ tiêu tại Điều 1 có trách nhiệm:"
            t = self.flat[start:rel.end()]
            units = [Unit(t, unit_key(t))]
            end = rel.end()
        tail = r.list_tail.match(f, end, b)
        if tail:  # "…, Thủ trưởng các sở và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành"
            end = tail.end()
        if all(is_caps(u.text) for u in units) and len(" ".join(u.text for u in units).split()) >= 3:
            cl.statement = True  # "TỈNH UỶ KHÁNH HOÀ * HỘI NGHỊ …": a header or a title in capitals
        elif r.accountable.match(f, end):
            cl.accountable = True
        elif r.fact.match(f, end) or r.not_verb.match(f, end):
            cl.statement = True
        elif self.d.mentions.is_speaker(units):
            cl.speaker = True
            cl.own = units  # the issuer's own work: a task only where the list item dates it
        else:
            cl.lead, cl.kind, cl.units_end = units, "subject", end
            cl.marker = bool(r.markers.match(f, end))
            cl.generic = all(r.generic_quantifier.match(fold(u.text)) for u in units)
            keys = {x.key for x in units}
            cl.support = [u for u in cl.support if u.key not in keys]
        return cl

    def clauses(self, a: int, b: int) -> list[tuple[int, int]]:
        """Sentences of text[a:b], cut again at semicolons that do not separate units."""
        out = []
        pos = a
        cuts = []
        lab = a + label_len(self.flat[a:b])  # "1.5. Tổ chức …": the label opens the clause
        for m in SENT_END.finditer(self.flat, lab, b):
            if ABBR_END.search(self.flat[max(a, m.start() - 8):m.start()].rstrip()):
                continue  # "TP. Đà Lạt", "VP. Tỉnh ủy", "mục 1. …"
            cuts.append((m.start(), m.end()))
        ms = self.d.mentions.units(a, b)
        for sc in re.finditer(r";", self.flat[a:b]):
            p = a + sc.start()
            after = any(u.start > p and not self.f[p + 1:u.start].strip() for u in ms)
            if after and (any(u.end <= p and not self.f[u.end:p].strip() for u in ms)
                          or self.units_up_to(ms, max([lab] + [e for s, e in cuts if e <= p]), p)):
                continue  # "Giám đốc các sở: Tài chính, Nội vụ; Chủ tịch UBND …": one list
            cuts.append((p + 1, p + 1))
        for s, e in sorted(cuts):
            if s > pos:
                out.append((pos, s))
            pos = max(pos, e)
        if pos < b:
            out.append((pos, b))
        return [(s, e) for s, e in out if self.flat[s:e].strip(" .;,:-–")]

    def units_up_to(self, ms: list, start: int, p: int) -> bool:
        """The text from ``start`` to ``p`` is nothing but a list of units."""
        i = self.d.mentions.first_unit(ms, start)
        if i is None:
            return False
        _, stop = self.d.mentions.unit_list(ms, i, p)
        return not self.f[stop:p].strip(" ,")

    def last_clause(self, nd: Node) -> Clause:
        a, b = nd.spans[-1]
        cls = self.clauses(a, b)
        if not cls:
            return Clause(a, b, a)
        s, e = cls[-1]
        return self.analyze(s, e, self.d.mentions.units(a, b))

    def is_lead_in(self, head: str) -> bool:
        """A sentence that announces the items under it (``… các nội dung sau:``)."""
        return bool(self.r.lead_in.search(fold(head.strip())))

    def is_enumeration(self, head: str) -> bool:
        """A lead-in that lists members or parts (``… gồm:``), not tasks."""
        return bool(self.r.enumeration.search(fold(head.strip())))

    def non_task_heading(self, head: str, has_children: bool) -> bool:
        words = len(head.split())
        return bool(self.r.non_task.match(fold(head))) and words <= 14 and (has_children or words <= 6)
