"""The unit grammar: modifiers after a core, office holders and mentions (see the
package docstring); the cores are in :mod:`.cores`."""
from __future__ import annotations

from typing import Optional

from ...normalize import fold
from .base import memo
from .cores import Cores


class Parser(Cores):
    @memo
    def mods(self, e: int, kind: str, comp: bool, bare: bool, after_head: bool,
             first_nl: bool = False) -> tuple[int, bool]:
        """Modifiers after a head, a name or a group, from token ``e``: returns the end and
        whether a *strong* one was seen (a level, place, complement unit, linker, branch,
        field or specific qualifier), which a bare group or a nameless head needs."""
        k = e
        strong = False
        placed = not after_head
        while k < self.n:
            t = self.t[k]
            if t.nl and t.cap and not (first_nl and k == e):
                break  # a new capitalised line: a header line or a new item
            if t.cap and self.ends(k, "stop_caps"):
                break
            # (ABBR)
            if t.f == "(" and self.tok(k + 2) is not None and self.t[k + 1].upper \
                    and self.t[k + 2].f == ")":
                k += 3
                continue
            lv = self.level_coord(k)
            if lv is not None:
                k, strong, placed, bare = lv, True, True, False
                continue
            if not placed:
                placed = True
                p = self.cap_name(k) if not t.nl else None
                if p is not None and self.t[k].kind == "w":
                    k, strong, bare = p, True, False
                    continue
            # "Văn phòng HĐND và UBND huyện": bare bodies coordinated inside a complement
            if comp and bare and t.f in ("và", "&", ",") and self.tok(k + 1) is not None:
                e2 = self.longest(k + 1, "coordinated_bodies")
                if e2 is not None:
                    k = e2
                    continue
            if bare and kind == "head" and not t.nl:
                # "Đảng ủy các cơ quan Đảng (tỉnh)": a body over a qualified group
                g = self.group_after(k)
                if g is not None:
                    k, strong, bare = g, True, False
                    continue
                # "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh": a shared level
                if t.f in ("và", "&", ",") and self.tok(k + 1) is not None and not self.t[k + 1].nl:
                    g = self.group_after(k + 1)
                    if g is not None and self.ends_with_level(k + 1, g):
                        k, strong, bare = g, True, False
                        continue
            # a complement unit: "Văn phòng UBND tỉnh", "Đảng ủy UBND xã"
            if not t.nl or (first_nl and k == e):
                c = self.head_core(k, False, True)
                if c is None and first_nl and k == e:
                    c = self.holder(k, False)  # "Cơ quan Thường trực Tổ công tác ..."
                if c is None and kind == "head" and t.cap and not t.upper:
                    c = self.definite_head(k)  # "Văn phòng Sở", "Thanh tra Bộ"
                if c is not None:
                    k, strong, bare = c, True, False
                    continue
            moved = False
            for cls in ("of_unit", "of_unit_group", "advisory"):
                if cls == "advisory" and kind != "generic":
                    continue
                for le in reversed(self.ends(k, cls)):
                    if cls == "advisory" and self.tok(le) is not None and self.t[le].f in ("của", "cho"):
                        le += 1  # "tham mưu, giúp việc của Đảng"
                    if cls == "of_unit_group" and kind == "head":
                        c = self.level_coord(le)  # "UBND các xã, phường của tỉnh"
                    else:
                        c = self.linked_unit(le, self.t[le - 1].f == "trong")
                    if c is not None:
                        k, strong, moved = c, True, True
                        break
                if moved:
                    break
            if moved:
                continue
            q = self.longest(k, "strong_q")
            if q is not None:
                k, strong = q, True
                continue
            q = self.longest(k, "weak_q")
            if q is not None:  # "(cơ quan) liên quan" anchors a group by itself
                strong = strong or (kind == "generic" and self.t[q - 1].f == "quan")
                k = q
                continue
            if kind != "person":
                for le in reversed(self.ends(k, "area")):
                    lv = self.level_coord(le)
                    if lv is not None:
                        k, moved = lv, True
                        break
                if moved:
                    continue
            for le in reversed(self.ends(k, "branch")):
                nm = self.name(le) or self.level_coord(le)
                if nm is not None:
                    k, strong, moved = nm, True, True
                    break
            if moved:
                continue
            if kind == "person":
                for le in reversed(self.ends(k, "field")):
                    fe = self.field(le)
                    if fe is not None:
                        k, strong, moved = fe, True, True
                        break
                if moved:
                    continue
            break
        return k, strong

    @memo
    def holder(self, i: int, honoured: bool = False) -> Optional[int]:
        """An office holder with its unit (``Chủ tịch UBND huyện``), with a level (``Trưởng
        thôn``) or a field (``Chuyên viên phụ trách lĩnh vực ...``); alone only after an
        honorific or for the titles in ``holders_alone``."""
        if not self.t[i].cap and self.ends(i, "stop_words"):
            return None
        best = None
        for e in reversed(self.ends(i, "holders")):  # "Trưởng Ban" or "Trưởng" + "Ban ..."
            r = self._holder_from(i, e, honoured)
            if r is not None and (best is None or r > best):
                best = r
        return best

    def _holder_from(self, i: int, e: int, honoured: bool) -> Optional[int]:
        r = self._holder_unit(i, e, honoured)
        if r is not None:  # "Ủy viên Ban Thường vụ Đảng ủy phụ trách địa bàn"
            r = self.longest(r, "holder_field") or r
        return r

    def coordinated_posts(self, s: int, e: int) -> int:
        """The deputy's title after a title, sharing its unit (``Chủ tịch, Phó Chủ tịch |
        UBND các xã``, ``Trưởng, phó | các cơ quan``, ``CVP, PCVP | UBND tỉnh``), or a post
        held with it (``Ủy viên kiêm Chánh Văn phòng | Ban Chỉ đạo``); not two holders with
        units of their own (``Bộ trưởng, Thủ trưởng cơ quan ngang bộ``)."""
        while self.tok(e + 1) is not None and self.t[e].f in (",", "và", "kiêm") and not self.t[e + 1].nl:
            nxt = self.longest(e + 1, "holders")
            if self.t[e].f != "kiêm":
                title = " ".join(t.f for t in self.t[s:e])
                deputy = " ".join(t.f for t in self.t[e + 1:nxt]) if nxt is not None else ""
                exp = self.lex.expand
                long = lambda w: " ".join(fold(x) for x in exp.get(w, w).split()) if w in exp else w  # noqa: E731
                if self.t[e + 1].f == "phó" and (nxt is None or deputy == "phó"):
                    nxt = e + 2
                elif nxt is None or long(deputy) != "phó " + long(title):
                    break
            if nxt is None:
                break
            s, e = e + 1, nxt
        return e

    def _holder_unit(self, i: int, e: int, honoured: bool) -> Optional[int]:
        r = self._holder_unit1(i, e, honoured)
        c = self.coordinated_posts(i, e)
        if c > e:
            r2 = self._holder_unit1(i, c, False)
            if r2 is not None and r2 > c and (r is None or r2 > r):
                return r2
        return r

    def _holder_unit1(self, i: int, e: int, honoured: bool) -> Optional[int]:
        h = e
        hm = self.longest(h, "holder_mods")
        if hm is not None and self.core(hm, True, True) is not None:
            h = hm
        c = self.core(h, True, True)
        if c is None and self.tok(h) is not None and self.t[h].cap:
            c = self.definite_head(h)  # "Chánh Thanh tra Bộ", "Giám đốc Sở"
        if c is not None:
            return c
        lv = self.level_coord(h)
        if lv is not None and h == e:
            return lv  # Trưởng thôn
        if self.t[i].cap:
            for le in reversed(self.ends(h, "field")):
                fe = self.field(le)
                if fe is not None:
                    return fe
        if honoured or (self.longest(i, "holders_alone") == e and self.t[i].cap):
            return hm or h  # "đồng chí Phó Chủ tịch Thường trực"
        return None

    def second_posts(self, e: int) -> int:
        """A holder's further posts after `` - `` or ``kiêm`` (``Trưởng Ban Xây dựng Đảng -
        Trưởng Tiểu ban``, ``… - Ủy viên``, ``Giám đốc Sở Tài chính kiêm …``): one person."""
        while self.tok(e + 1) is not None and self.t[e].f in ("-", "–", "kiêm") and self.ends(e + 1, "holders"):
            r = self.holder(e + 1, True)
            if r is None:
                break
            e = r
        return e

    @memo
    def mention(self, i: int) -> Optional[int]:
        if not self.word(i):
            return None
        starts = [(i, False)]
        h = self.longest(i, "honorifics")
        if h is not None:
            starts.append((h, True))
        q = self.longest(i, "quantifiers")
        if q is not None and self.ends(q, "holders"):
            starts.append((q, False))  # "Các Bộ trưởng", "các Chủ tịch UBND xã"
        best = None
        for s, honoured in starts:
            e = self.holder(s, honoured)
            if e is not None:
                e = self.second_posts(e)
            for e in (e, self.core(s, False, False) if s == i or honoured else None):
                if e is not None and (best is None or e > best):
                    best = e
        return best

