"""Unit attachment: the units a span of the body names, as the task finder needs them.

Mentions come from :func:`extractor.fields.units.find_units` (the unit grammar), cached per
span, with three additions the grammar does not make:
  - people by name: ``đồng chí Lê Văn C, Phó Chủ tịch UBND huyện`` (title, name, and the
    post right after the name);
  - proper names the grammar does not know, after a cue or ``phối hợp với`` (``VNPT Lai
    Châu``, ``Viễn thông Quảng Nam``; not ``Nghiêm túc …``: ``not_names`` in tasks.yaml);
  - a field value or table cell the grammar finds nothing in, cut at ``;`` and ``,``.
Coordinated units (``A, B và C``, ``A; B``) are read as one list, and ``Giám đốc các Sở:
Nội vụ, Tư pháp`` is kept whole. ``is_speaker`` tells the issuer speaking of itself
(``UBND huyện`` in a letter of UBND huyện X).
"""
from __future__ import annotations

import re
from typing import Optional

from ..units import UnitSpan, find_units, unit_key
from .drafts import Part, Unit
from .rules import GAP_SEP, PROPER_NAME, split_plain


class Mentions(Part):
    def __init__(self, doc) -> None:
        super().__init__(doc)
        self._units: dict = {}
        self._recipients: Optional[list] = None

    def units(self, a: int, b: int) -> list[UnitSpan]:
        """Unit mentions in text[a:b] with absolute offsets (cached per span)."""
        key = (a, b)
        if key not in self._units:
            ms = [UnitSpan(u.text, u.start + a, u.end + a, u.key) for u in find_units(self.flat[a:b])]
            self._units[key] = self.persons(ms, a, b)
        return self._units[key]

    def persons(self, ms: list[UnitSpan], a: int, b: int) -> list[UnitSpan]:
        """Mentions of people by name (``đồng chí Nguyễn Văn A, Chủ tịch UBND xã``) added to
        the unit mentions: the post right after the name belongs to the person."""
        for p in self.r.person.finditer(self.flat, a, b):
            s, e = p.start(), p.end()
            if any(m.start <= s < m.end for m in ms):
                continue  # "đồng chí Phó Chủ tịch UBND huyện Nguyễn Văn B": already a mention
            post = re.match(r"\s*[,–-]\s*", self.flat[e:b])
            if post:
                nxt = next((m for m in ms if m.start == e + post.end()), None)
                if nxt is not None:
                    e = nxt.end
            t = self.flat[s:e]
            ms = [m for m in ms if m.end <= s or m.start >= e]
            ms.append(UnitSpan(t, s, e, unit_key(t)))
        return sorted(ms, key=lambda m: m.start)

    def unit_list(self, ms: list[UnitSpan], i: int, end: int, names: bool = False) -> tuple[list[Unit], int]:
        """The units of mention ``i`` and those coordinated with it (``A, B và C``, ``A; B``),
        with ``Giám đốc các Sở: Nội vụ, Tư pháp`` kept whole; returns them and where the
        list ends. With ``names``, proper names the grammar does not know join the list."""
        out: list[Unit] = []
        j = i
        stop = ms[i].start
        while j < len(ms) and ms[j].end <= end:
            if j > i and names:
                sep = re.match(r"\s*(?:[,;&]|và)\s*", self.f[stop:end])
                if sep and ms[j].start != stop + sep.end():
                    k = self.first_unit(ms, stop + sep.end(), names=True)
                    if k is not None:
                        j = k
            m = ms[j]
            if j > i and not GAP_SEP.match(self.f[stop:m.start]):
                break
            if j > i and not self.f[stop:m.start].strip() and m.text[:1].islower():
                break  # "Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh …": a verb, not a second unit
            shared = self.shared_head(m, end)
            if shared is not None:
                units, stop = shared
                out.extend(units)
                j += 1
                while j < len(ms) and ms[j].start < stop:
                    j += 1
                continue
            t = self.flat[m.start:m.end]
            out.append(Unit(t, unit_key(t)))
            stop = m.end
            j += 1
        return out, stop

    def shared_head(self, m: UnitSpan, end: int) -> Optional[tuple[list[Unit], int]]:
        """``Giám đốc các Sở: Nội vụ, Tư pháp`` (a holder, a plural head, a colon and the
        names it shares) → ``Giám đốc Sở Nội vụ``, ``Giám đốc Sở Tư pháp``; the names end
        at ``;``, ``.``, a bracket or a lead marker (``… Tài chính chịu trách nhiệm …``).
        Returns the units and where the names end, or None."""
        h = self.r.shared_head.match(self.f, m.start, end)
        if h is None or h.start("head") > m.end:
            return None
        stop = end
        for rx in (self.r.markers, self.r.accountable):
            x = rx.search(self.f, h.end(), end)
            if x:
                stop = min(stop, x.start())
        names = re.match(r"[^;:.()]*", self.flat[h.end():stop]).group(0)
        holder = self.flat[m.start:h.start("plural")].strip()
        head = self.flat[h.start("head"):h.end("head")]
        head = head[:1].upper() + head[1:]
        out: list[Unit] = []
        pos = h.end()
        for piece in re.finditer(r"[^,]+", names):
            name = piece.group(0).strip()
            if not name[:1].isupper():
                break
            t = f"{holder} {head} {name}"
            out.append(Unit(t, unit_key(t)))
            pos = h.end() + piece.end()
        if not out:
            return None
        while pos > h.end() and self.flat[pos - 1] == " ":
            pos -= 1
        return out, pos

    def first_unit(self, ms: list[UnitSpan], pos: int, names: bool = False) -> Optional[int]:
        """Index of the mention starting at ``pos`` (spaces skipped), or None. With
        ``names``, a proper name the unit grammar does not know (``VNPT Lai Châu``,
        ``Viễn thông Quảng Nam``) is added to ``ms`` as a mention."""
        while pos < len(self.f) and self.f[pos] in " \t":
            pos += 1
        for i, m in enumerate(ms):
            if m.start == pos:
                return i
            if m.start > pos:
                break
        if names:
            n = PROPER_NAME.match(self.flat, pos)
            if n and (re.search(r"[A-ZĐ]{2}", n.group(0)) or len(n.group(0).split()) >= 2) \
                    and not self.r.stop_name.match(self.f, pos):
                t = n.group(0).rstrip(" ,-")
                ms.append(UnitSpan(t, pos, pos + len(t), unit_key(t)))
                ms.sort(key=lambda m: m.start)
                return next(i for i, m in enumerate(ms) if m.start == pos)
        return None

    def listed_first(self, ms: list[UnitSpan], pos: int, end: int) -> Optional[tuple[list[Unit], int]]:
        """After a cue, a name the grammar does not know listed before units it knows:
        ``Đề nghị Đài truyền thanh xã, các đồng chí Trưởng thôn thông báo …`` → the
        capitalised piece up to the comma (at most eight words), then the list."""
        m = re.match(r"\s*([A-ZĐÀ-Ỹ][^,;:.()]{1,60}?)\s*(?:,|;|\svà\s)\s*", self.flat[pos:end])
        if not m or len(m.group(1).split()) > 8 or self.r.stop_name.match(self.f, pos + m.start(1)):
            return None
        k = self.first_unit(ms, pos + m.end())
        if k is None:
            return None
        units, stop = self.unit_list(ms, k, end)
        t = m.group(1).strip()
        return [Unit(t, unit_key(t))] + units, stop

    def recipients(self) -> list[Unit]:
        """The units of Kính gửi."""
        if self._recipients is None:
            self._recipients = [u for seg in self.lay.kinh_gui for u in self.value_units(seg.start, seg.end)]
        return self._recipients

    def is_speaker(self, units: list[Unit]) -> bool:
        """The issuer speaking of itself (``UBND huyện`` in a letter of UBND huyện X,
        ``Ban Thường vụ Đảng ủy``, ``Chủ tịch UBND huyện``)."""
        if not self.issuer_key or len(units) != 1:
            return False
        k = self.r.same_body(units[0].key)
        issuer = self.r.same_body(self.issuer_key)
        for head in self.r.speaker_heads:
            if k.startswith(head) and len(k) > len(head):
                k2 = k[len(head):]
                if issuer.startswith(k2) or k2.startswith(issuer):
                    return True
        return issuer.startswith(k) or k == issuer

    def grammar_units(self, a: int, b: int) -> list[Unit]:
        """The units the grammar finds in text[a:b], coordinated lists kept together."""
        ms = self.units(a, b)
        units: list[Unit] = []
        i = 0
        while i < len(ms):
            us, _ = self.unit_list(ms, i, b)
            units.extend(us)
            i += max(1, len(us))
        return units

    def value_units(self, a: int, b: int) -> list[Unit]:
        """Units of a field value or table cell; what the grammar does not know is cut at
        semicolons."""
        units = self.grammar_units(a, b)
        if not units:
            units = [Unit(t, unit_key(t)) for t in split_plain(self.flat[a:b])]
        return units
