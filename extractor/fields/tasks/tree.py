"""Item sources: the body's item tree (``I.`` > ``1.`` > ``1.1.`` > ``a)`` > ``-`` > ``+``) as
nodes, with the paragraphs that continue an item joined to it (wrapped lines, a list of
units cut after a semicolon, the value of a field line) and plan field lines (``Cơ quan
chủ trì: …``, ``Thời gian thực hiện: …``) recognised by their labels."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

from ...layout import Item, Seg, _LIST_LABEL, item_tree
from ...normalize import fold
from .drafts import Node, Part
from .rules import ARTICLE, label_len


class Tree(Part):
    def roots(self, body: list[Seg]) -> list[Node]:
        """The body's item tree, cut at ``Điều N.`` paragraphs (articles of a decision are
        sections: the items after one do not belong to the item before it), where an annex
        after the signature starts, and at every table cell (a cell is not a paragraph of
        the item before the table, nor of the cell before it)."""
        foot = [s.start for s in self.lay.noi_nhan + self.lay.signature]
        annex_from = min(foot) if foot else None
        chunks: list[list[Seg]] = [[]]
        zone = None
        for seg in body:
            cell = self.lines[seg.line].cell if self.lines is not None and 0 <= seg.line < len(self.lines) else None
            here = (annex_from is not None and seg.start > annex_from, cell)  # each cell a tree of its own
            if chunks[-1] and (ARTICLE.match(seg.text) or here != zone):
                chunks.append([])
            zone = here
            chunks[-1].append(seg)
        out: list[Node] = []
        for chunk in chunks:
            fresh = True
            for it in item_tree(chunk):
                prev = out[-1] if out else None
                if it.kind == "para" and not it.children and prev is not None and prev.item.kind == "para" \
                        and not prev.children and not prev.role and not fresh and self.joins(prev.spans[-1], it.seg):
                    prev.spans[-1] = (prev.spans[-1][0], it.seg.end)
                    continue
                out.append(self.node(it))
                out[-1].fresh, fresh = fresh, False
        return out

    def apart(self, span: tuple, seg: Seg) -> bool:
        """``span`` ends in a table cell other than ``seg``'s: the two never join."""
        if self.lines is None:
            return False
        if not hasattr(self, "_starts"):
            self._starts = [ln.start for ln in self.lines]
        i = bisect_right(self._starts, span[1] - 1) - 1
        here = self.lines[i].cell if 0 <= i < len(self.lines) else None
        there = self.lines[seg.line].cell if 0 <= seg.line < len(self.lines) else None
        return here != there and (here is not None or there is not None)

    def joins(self, span: tuple, seg: Seg) -> bool:
        """Paragraph ``seg`` goes on with ``span``: a wrapped line, or a list of units cut
        after a semicolon (``Điều 3. Chánh Văn phòng …, Giám đốc Sở Tài chính;`` / ``Chủ
        tịch UBND các xã, phường; … chịu trách nhiệm thi hành …``); never across table cells."""
        if self.apart(span, seg):
            return False
        if self.continues(self.span_text(span), seg.text):
            return True
        if not re.search(r"[;,]$", self.span_text(span).rstrip()) or ARTICLE.match(seg.text):
            return False
        a, b = span
        return self.d.clauses.analyze(a, b, self.d.mentions.units(a, b)).units_only and \
            self.d.mentions.first_unit(self.d.mentions.units(seg.start, seg.end), seg.start) is not None

    def node(self, it: Item) -> Node:
        """An item with its continuation paragraphs joined; a field line keeps every
        paragraph under it as part of its value."""
        seg = it.seg
        spans = [(seg.start, seg.end)]
        role, value = self.field_role(seg.start, seg.end)
        if role in ("content", "other") and it.children and not self.flat[value[0]:value[1]].strip(" .;:"):
            role, value = None, (0, 0)  # "2. Hình thức và thời gian:" heads items: not a field line
        children: list[Node] = []
        heading_like = self.heading_like(it)
        for ch in it.children:
            if ch.kind == "para" and not ch.children:
                prev = children[-1] if children else None
                ch_role = self.field_role(ch.seg.start, ch.seg.end)[0]
                if ch_role is None and prev is not None and prev.role and not prev.children and \
                        (re.search(r"[;,]$", prev.item.seg.text.rstrip()) or ch.seg.text[:1].islower()):
                    prev.spans[-1] = (prev.spans[-1][0], ch.seg.end)  # a field value goes on
                    prev.value = (prev.value[0], ch.seg.end)
                    continue
                if ch_role is None and not children and not self.apart(spans[-1], ch.seg) and \
                        (role or self.continues(self.span_text(spans[-1]), ch.seg.text)):
                    spans[-1] = (spans[-1][0], ch.seg.end)
                    if role:
                        value = (value[0], ch.seg.end)
                    continue
                if ch_role is None and not heading_like and not children and not role:
                    spans.append((ch.seg.start, ch.seg.end))  # a paragraph of the item itself
                    continue
                if ch_role is None and prev is not None and prev.item.kind == "para" and not prev.children \
                        and not prev.role and self.joins(prev.spans[-1], ch.seg):
                    prev.spans[-1] = (prev.spans[-1][0], ch.seg.end)
                    continue
            children.append(self.node(ch))
        return Node(it, spans, children, role, value)

    def span_text(self, span: tuple) -> str:
        return self.flat[span[0]:span[1]]

    def continues(self, prev: str, nxt: str) -> bool:
        """A paragraph that goes on with the one before it (a wrapped line)."""
        p = prev.rstrip()
        n = nxt.lstrip()
        if not n:
            return True
        if ARTICLE.match(n) or _LIST_LABEL.match(n):
            return False
        if n[0].islower() and not re.search(r"[.!?]$", p):
            return True
        if re.search(r"[.:;!?]$", p):
            return False
        body = p[label_len(p):]
        return (len(body.split()) <= 3 and len(n.split()) <= 6) or len(n.split()) <= 3 or bool(
            self.r.open_end.search(fold(p)))

    def heading_like(self, it: Item) -> bool:
        """An item that heads others: labelled children, or a short unpunctuated line or a
        lead-in (colon) followed by paragraphs."""
        if any(ch.kind != "para" for ch in it.children):
            return True
        if not it.children:
            return False
        t = it.seg.text[label_len(it.seg.text):].strip()
        if self.d.clauses.is_lead_in(t):
            return True
        if re.search(r"[.;!?]$", t):
            return False
        return len(t.split()) <= 15 or self.d.clauses.analyze(it.seg.start, it.seg.end,
                                                    self.d.mentions.units(it.seg.start, it.seg.end)).units_only

    def field_role(self, a: int, b: int) -> tuple[Optional[str], tuple]:
        """A plan field line (``Cơ quan chủ trì: …``): its role and value span."""
        s = a + label_len(self.flat[a:b])
        colon = self.flat.find(":", s, b)
        if colon < 0:
            return None, (0, 0)
        label = self.f[s:colon]
        if len(label.split()) > self.r.field_words or not label.strip():
            return None, (0, 0)
        role = self.r.label_role(label)
        if role is None:
            return None, (0, 0)
        return ("other" if role == "procedure" else role), (colon + 1, b)
