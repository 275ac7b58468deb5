"""Cores of the unit grammar: a head with its name (``Sở Nội vụ``, ``Đài truyền thanh
xã``), a group (``các cơ quan, đơn vị``), people (``cán bộ, công chức cấp xã``) and
parties named by their role (``chủ đầu tư dự án …``). See the package docstring."""
from __future__ import annotations

from typing import Optional

from .base import SEPS, ParserBase, memo


class Cores(ParserBase):
    def caps_head(self, i: int, e: int, licensed: bool) -> bool:
        """An all-caps one-syllable head (``SỞ``, ``BAN``) before a name the lexicon does
        not know: a head when the segmenter makes it a word of its own (``BAN | CHÍNH
        SÁCH``, not ``HỘI NGHỊ``), the name is on the same line, and it opens a line or
        follows an office holder (``TRƯỞNG BAN BAN CHÍNH SÁCH``); mid-sentence in a title,
        ``CÔNG BỐ BỘ THỦ TỤC`` is no unit."""
        line_start = i == 0 or self.t[i].nl or (self.t[i - 1].kind == "p" and self.t[i - 1].f in ".-:")
        return (licensed or line_start) and not self.t[e].nl and self.seg.alone(i)

    def linked_unit(self, k: int, inside: bool) -> Optional[int]:
        """The unit after a linker (``thuộc``, ``của``, ``tham mưu, giúp việc``): a unit,
        a group, a level or a body named alone (``Trung ương``, ``Đảng``). After ``trong``
        (``inside``) only a unit or a level: ``các thành viên trong tiểu ban``, ``các cơ
        quan trong tỉnh``, not ``cơ sở trong tổ chức``."""
        if inside:
            c = self.head_core(k, True, True)
        else:
            c = self.core(k, True, True)
        ends = [x for x in (c, self.level_coord(k), self.longest(k, "upper_levels")) if x is not None]
        return max(ends) if ends else None  # "… của thành phố Đà Nẵng": the level with its place

    def group_after(self, k: int) -> Optional[int]:
        """A quantified group with a modifier of its own at ``k`` (``các cơ quan Đảng``,
        ``các tổ chức chính trị - xã hội tỉnh``), as the complement of a bare body."""
        q = self.longest(k, "quantifiers")
        if q is None or self.group_noun(q, places=False) is None:
            return None
        c = self.generic_core(q, True, True)
        return c if c is not None and c > self.group_noun(q, places=False) else None

    def ends_with_level(self, a: int, c: int) -> bool:
        return any(self.level_coord(p) == c for p in range(a, c))

    def cap_ok(self, i: int, e: int, licensed: bool) -> bool:
        key = tuple(t.f for t in self.t[i:e])
        return licensed or self.t[i].cap or key not in self.lex.capital_only

    # ---- cores
    @memo
    def head_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        if not self.word(i):
            return None
        if i > 0 and self.t[i - 1].end == self.t[i].start and (
                self.t[i - 1].f == "/" or (self.t[i - 1].f == "-" and self.word(i - 2))):
            return None  # a document symbol: 4457/UBND-TTHC, /QĐ-UBND
        best = None
        for e in self.ends(i, "standalone"):
            if not self.cap_ok(i, e, licensed):
                continue
            if not self.t[i].cap and self.seg.cuts_word(e):
                continue  # "UBND tỉnh | ủy quyền": a lowercase body that ends inside a word
            r, _ = self.mods(e, "head", comp, True, True, False)
            best = r if best is None or r > best else best
        late = self.ends(i, "named_late")
        for e in sorted({*self.ends(i, "named"), *late}):
            only_late = e in late and e not in self.ends(i, "named")
            if only_late:
                # "Thuế tỉnh Phú Thọ", "Thuế cơ sở 3 …": a level or a number, never a name
                # ("Thuế GTGT", "THUẾ QUỐC TẾ" are taxes)
                nm = e + 1 if self.tok(e) is not None and self.t[e].kind == "n" and not self.t[e].nl \
                    and not self.is_label(e) else None
                if nm is None and self.level_coord(e) is None:
                    continue
            else:
                nm = self.name(e)
                if nm is None and self.tok(e + 1) is not None and self.t[e].f == ":" and not self.t[e + 1].nl \
                        and not self.ends(e + 1, "stop_words"):
                    # "Các Cục: Đường bộ Việt Nam, Đường sắt Việt Nam", "Sở: Nội vụ, Y tế": a
                    # head shared by a list of two or more names
                    first = self.list_item(e + 1)
                    if first is not None:
                        last = self.name_list(first)
                        nm = last if any(self.t[x].f in (",", ";", "và") for x in range(e + 1, last)) else None
            if nm is None and not only_late and self.tok(e) is not None and self.t[e].f == "các" \
                    and self.tok(e + 1) is not None and not self.t[e + 1].nl:
                nm = self.cap_name(e + 1)  # "Ban Quản lý các Khu công nghiệp"
            if not only_late and self.cap_ok(i, e, licensed) and (nm is None or self.lowercase_word(nm)):
                ln = self.lower_name(i, e)  # "Đài truyền thanh xã", "Trung tâm y tế dự phòng huyện"
                if ln is not None and (nm is None or ln > nm):
                    nm = ln
            if nm is not None and e == i + 1 and self.t[i].upper and self.longest(e, "names") is None \
                    and not self.caps_head(i, e, licensed):
                nm = None  # all caps "HỘI NGHỊ", "BỘ THỦ TỤC": a known name or a head word
            if nm is not None and (self.cap_ok(i, e, licensed) or (
                    self.t[e].cap and not self.word(i - 1))):  # ", phòng Kinh tế"
                r, _ = self.mods(nm, "head", comp, False, False, False)
            elif self.cap_ok(i, e, licensed):
                # a complement on the next line ("Cơ quan" / "Thường trực Tổ công tác"), not in
                # all-caps blocks, where every line is a unit or a title of its own
                r, strong = self.mods(e, "head", comp, False, False, not self.t[i].upper)
                if not strong:
                    continue
            else:
                continue
            if self.longest(i, "central_heads") == e:
                r = self.no_level(e, r)
            if best is None or r > best:
                best = r
        return best

    def no_level(self, e: int, r: int) -> int:
        """A central body's mention without a plural level at its end: ``Bộ Quốc phòng |
        các tỉnh Ninh Bình, …``, ``Bộ Công an | các tỉnh …`` (a comma is missing)."""
        for p in range(e, r):
            if self.longest(p, "quantifiers") is not None and self.level_coord(p) == r:
                return p
        return r

    def lower_name(self, i: int, e: int) -> Optional[int]:
        """A lowercase name between a head and a level (``Đài truyền thanh | xã``, ``Trung
        tâm y tế | huyện``, ``Phòng tài nguyên và môi trường | huyện``): up to eight
        syllables that are no stop word, quantifier or level, when the head is a word of
        its own (not ``Ban hành``, ``Hội nghị``, ``Phòng chống``); or one lowercase word
        before a capitalised name (``Ban Quản lý khu Kinh tế``, ``Đài truyền hình Việt
        Nam``)."""
        if e == i + 1 and not self.seg.alone(i):
            return None
        k, words = e, 0
        while words < 8 and self.lowercase_word(k) and not self.stop_at(k) \
                and self.is_level(k) is None and not self.ends(k, "weak_q") and not self.ends(k, "strong_q"):
            k += 1
            words += 1
            if self.tok(k) is not None and self.t[k].f == "và" and self.lowercase_word(k + 1):
                k += 1
        if not words or self.t[k - 1].f == "và" or any(t.nl or t.soft for t in self.t[e:k]):
            return None
        if self.is_level(k) is not None or (self.longest(k, "quantifiers") == k + 1 and (
                self.is_level(k + 1) is not None or self.ends(k + 1, "generic_places"))):
            return k  # "Đài truyền thanh | xã", "Ban Chỉ đạo phát triển du lịch | các tỉnh"
        if words <= 2 and self.word(k) and self.t[k].cap and self.seg.word_end(e) == k:
            # "Ban Quản lý khu Kinh tế", "Đài truyền hình Việt Nam": one lowercase word, then
            # a name (also "Bộ thẻ Welcome": the tagger cannot tell "bộ" the set from "Bộ")
            return self.cap_name(k)
        return None

    def definite_head(self, k: int) -> Optional[int]:
        """A capitalised head named by itself, the one the letter is about (``Văn phòng
        Sở``, ``Lãnh đạo Bộ``): a named head followed by no name of its own."""
        e = self.longest(k, "named")
        if e is None or e != k + 1 or self.name(e) is not None or not self.seg.alone(k):
            return None
        nxt = self.tok(e)
        return e if nxt is None or nxt.kind == "p" or not nxt.cap else None

    def juxtaposed(self, k: int) -> bool:
        """A group noun right after another, no separator (``các cơ quan đơn vị``, ``các
        phòng ban``); not a capitalised unit of its own (``các cơ quan Đảng``), a verb
        (``tổ chức``) or the start of a longer word (``ban hành``)."""
        t = self.tok(k)
        if t is None or t.kind != "w" or t.cap or t.nl or self.stop_at(k):
            return False  # "các đơn vị | tổ chức tuyên truyền": a verb
        e = self.group_noun(k, places=False)
        return e is not None and self.seg.word_end(k) <= e  # not "các bộ, ngành | ban hành"

    def group_noun(self, k: int, places: bool) -> Optional[int]:
        if self.ends(k, "not_generic") or self.ends(k, "not_levels") or not self.word(k):
            return None
        e = self.longest(k, "generic")
        if places:
            e2 = self.longest(k, "generic_places")
            if e2 is not None and (e is None or e2 > e):
                e = e2
        return e

    @memo
    def generic_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        e = self.group_noun(i, places=licensed)
        if e is None:
            return None
        conj = 1
        j = e
        if licensed and self.lowercase_word(j) and not self.t[j].nl and not self.juxtaposed(j) \
                and not self.anchor_ahead(j):
            j = self.group_modifiers(j)  # "cơ quan báo chí | và hệ thống truyền thông"
        while j < self.n and (self.t[j].f in SEPS or (licensed and self.juxtaposed(j))):
            nxt = j + 1 if self.t[j].f in SEPS else j
            if self.ends(nxt, "quantifiers"):
                break
            e2 = self.group_noun(nxt, places=True)
            if e2 is not None and self.tok(nxt).cap and self.head_core(nxt, False, False):
                break  # ", Sở Nội vụ": a unit of its own
            person = False
            if e2 is None:
                e2 = self.longest(nxt, "person_nouns")
                person = True
            if e2 is None:
                break
            j = e2
            conj += 1
            if licensed and not person and self.t[nxt - 1].f == "," and self.lowercase_word(j) and not self.t[j].nl:
                j = self.group_modifiers(j)  # "…, cơ sở giáo dục, doanh nghiệp" (not "và tổ chức hội thảo")
        # "các trường Mầm non, Tiểu học", "các Sở: Nội vụ, Thông tin và Truyền thông":
        # a group noun that is also a named head, with the names of its members
        if conj == 1 and licensed and self.ends(i, "named"):
            colon = self.tok(j) is not None and self.t[j].f == ":"
            k = j + 1 if colon else j
            nm = None if self.ends(k, "stop_words") else (  # not "…: Chủ động"
                self.name(k) if colon else self.cap_name(k))
            if nm is not None and not self.t[k].nl:
                j = self.name_list(nm) if colon else nm
        j0 = j
        if conj == 1 and licensed and self.lowercase_word(j) and not self.np_stop(j) \
                and self.anchor_ahead(j):
            # "các cơ sở giáo dục nghề nghiệp | trong và ngoài tỉnh", "các cơ quan truyền
            # thông | trên địa bàn tỉnh": nouns (tagger) that an anchor closes
            np = self.seg.noun_phrase_end(j, 4, self.np_stop, after_noun=True)
            if np > j and not any(t.nl for t in self.t[j:np]) and (self.is_level(np) is not None or any(
                    self.ends(np, c) for c in ("area", "of_unit", "of_unit_group"))):
                j = np
        if j == j0 and conj == 1 and licensed and self.lowercase_word(j) and not self.t[j].nl:
            j = self.group_modifiers(j)
        r, strong = self.mods(j, "generic", comp, False, False, False)
        if licensed or strong or (self.t[i].cap and conj >= 2):
            return r
        return None

    def modifier_word(self, k: int, first: bool) -> Optional[int]:
        """End of the word at ``k`` when it can say which group a group noun means: a noun
        for the tagger (``địa phương`` too), or a field of work of ``field_nouns`` (the
        tagger calls ``truyền thông``, ``tư vấn`` verbs); never a stop word, a level, a
        qualifier, a group noun or a person noun (those coordinate)."""
        if not self.lowercase_word(k) or self.t[k].nl or self.np_stop(k) or self.ends(k, "weak_q") \
                or self.ends(k, "strong_q") or self.group_noun(k, places=False) is not None \
                or self.ends(k, "person_nouns") or self.ends(k, "not_generic") or self.ends(k, "not_modifiers"):
            return None
        f = self.longest(k, "field_nouns")
        if f is not None:
            return f
        tag = self.seg.tag(k)
        e = self.seg.word_end(k)
        if tag is None or e <= k or tag not in ("N", "Nc"):
            return None
        return e if all(self.absorbable(x) for x in range(k, e)) else None

    def group_modifiers(self, j: int) -> int:
        """After a quantified group noun, the words that say which (``các doanh nghiệp |
        viễn thông``, ``các ngân hàng | thương mại``, ``các cơ quan | truyền thông, báo
        chí``): up to two modifier words, and after a comma one more field word that the
        next word does not continue (``báo chí | tuyên truyền``)."""
        k, words = j, 0
        while words < 2:
            e = self.modifier_word(k, words == 0)
            if e is None:
                break
            k, words = e, words + 1
        if words and self.tok(k + 1) is not None and self.t[k].f == "," and self.longest(k + 1, "field_nouns"):
            e = self.longest(k + 1, "field_nouns")
            if self.modifier_word(e, False) is None and not (self.lowercase_word(e) and self.seg.tag(e) in ("N", "Nc")):
                k = e
        return k

    def name_list(self, e: int) -> int:
        """After ``các Sở:`` and a first name ending at ``e``, the other names, separated by
        ``,`` ``;`` or ``và`` (``Giáo dục và Đào tạo, Kế hoạch và Đầu tư, Tài chính``;
        ``Văn hóa, Thể thao và Du lịch; Nội vụ``), known names too (``Kế hoạch``, a stop
        word at the head of a sentence, is a name here)."""
        while self.tok(e + 1) is not None and self.t[e].f in (",", ";", "và") and not self.t[e + 1].nl:
            nm = self.list_item(e + 1)
            if nm is None:
                break
            e = nm
        return e

    def list_item(self, k: int) -> Optional[int]:
        """A name in a list after a shared head: a name that is no head of its own, or a
        body's name alone before a separator (``Các bộ: Công an, Nội vụ``)."""
        if not self.head_start(k):
            return self.name(k)
        s = self.longest(k, "standalone")
        if s is not None and self.t[k].cap and (self.tok(s) is None or self.t[s].f in (",", ";", "và", ".")):
            return s
        return None

    def anchor_ahead(self, j: int) -> bool:
        """A level or a linker within eight lowercase syllables after ``j``, before any stop
        word: only then is it worth asking the tagger for the nouns in between."""
        for k in range(j + 1, min(self.n, j + 9)):
            if not self.lowercase_word(k):
                return False
            if self.is_level(k) is not None or any(
                    self.ends(k, c) for c in ("area", "of_unit", "of_unit_group")):
                return True
            if self.stop_at(k):
                return False
        return False

    def np_stop(self, k: int) -> bool:
        return self.stop_at(k) or self.is_level(k) is not None or any(
            self.ends(k, c) for c in ("area", "of_unit", "of_unit_group", "advisory", "field"))

    @memo
    def actor_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        """Parties named by their role, with the nouns that say which (``Chủ đầu tư dự án
        hạ tầng kỹ thuật khu, cụm công nghiệp``, ``nhà đầu tư thứ cấp``): the nouns come
        from the tagger (up to six words), coordinated by a comma when the next noun phrase
        is no unit of its own (``các chủ đầu tư, nhà thầu``; not ``… và ý kiến``)."""
        e = self.longest(i, "actors")
        if e is None:
            return None
        j = e
        k = self.seg.noun_phrase_end(j, 6, self.np_stop)
        while self.tok(k + 1) is not None and self.t[k].f == "," and not self.t[k + 1].nl \
                and self.lowercase_word(k + 1) and not self.stop_at(k + 1) \
                and self.core(k + 1, False, True) is None and not self.ends(k + 1, "actors"):
            k2 = self.seg.noun_phrase_end(k + 1, 2, self.np_stop)
            if k2 == k + 1:
                break
            k = k2
        return self.mods(k, "generic", comp, False, False, False)[0]

    @memo
    def person_core(self, i: int, licensed: bool, comp: bool) -> Optional[int]:
        e = self.longest(i, "person_heads")
        if e is None:
            return None
        j = e
        while j < self.n and self.t[j].f in SEPS:
            e2 = self.longest(j + 1, "person_nouns")
            if e2 is None:
                break
            j = e2
        r, strong = self.mods(j, "person", comp, False, False, False)
        return r if strong else None

    @memo
    def core(self, i: int, led: bool = False, comp: bool = False) -> Optional[int]:
        q = self.longest(i, "quantifiers")
        j = q if q is not None else i
        licensed = led or q is not None
        best = None
        u = self.longest(j, "upper_levels") if self.word(j) and self.t[j].cap else None
        if u is not None and self.is_level(j) is not None:
            best = self.head_core(u, False, True)  # "Trung ương Hội Nông dân Việt Nam"
        lv = self.is_level(j)
        if lv is not None and (q is not None or self.place_name(lv) is not None) \
                and not self.t[j].upper and self.longest(j, "named_levels") is None:
            # "các tỉnh Nghệ An, Quảng Ngãi", "các tỉnh: A, B"; a place by its name acting
            # as a body: "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy nhanh …"
            lc = self.level_coord(i)
            if lc is not None and lc > lv and (best is None or lc > best):
                best = lc
        for fn in (self.head_core, self.generic_core, self.person_core, self.actor_core):
            e = fn(j, licensed, comp or led)
            if e is not None and (best is None or e > best):
                best = e
        return best
