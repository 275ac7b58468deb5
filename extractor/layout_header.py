"""The header of a letter, filed segment by segment by what each says: issuer block, motto,
number, place-date line, type title, trích yếu (subject), author line, ``Kính gửi``.

Surface forms (besides the plain Nghị định 30 layout):

- issuer lines before and after the motto (``ĐẢNG BỘ TỈNH KHÁNH HOÀ`` / ``ĐẢNG CỘNG SẢN VIỆT
  NAM`` / ``ĐẢNG UỶ XÃ CÔNG HẢI``);
- place-date lines without the comma (``Hà Nội ngày 01 tháng 12 năm 2025``) or without a
  place (``ngày 15 tháng 3 năm 2025`` alone);
- a công văn's ``V/v`` alone on its line (``V/v:`` / ``Chính sách thuế TNCN``), a Party
  công văn's trích yếu under the number without ``V/v``;
- titled documents: the line(s) under the title, in capitals or not, from ``VỀ`` on, with
  an author line before (``CỦA BAN THƯỜNG VỤ ĐẢNG ỦY``; ``KẾT LUẬN CỦA BAN THƯỜNG VỤ`` above a
  ``về …`` line in normal case) or the enacting authority after (``CHỦ TỊCH ỦY BAN NHÂN DÂN
  TỈNH …``, ``THỦ TƯỚNG CHÍNH PHỦ``, ``BỘ TRƯỞNG BỘ NỘI VỤ``: a position and/or the issuer's
  name), never a ``Căn cứ`` / ``Thực hiện`` paragraph; a title word that opens the line under
  the title and goes on in capitals makes the subject whole (``THÔNG BÁO`` / ``KẾT LUẬN CUỘC
  HỌP VỀ ĐỀ ÁN …``, ``KẾ HOẠCH TẠM DỪNG`` / ``ỨNG DỤNG TMS …``); a title glued to its subject
  (``QUYẾT ĐỊNH BAN HÀNH MỨC …``); a short unlisted title in capitals between the date and the
  subject (``THƯ NGỎ``, ``ĐỀ CƯƠNG``);
- ``Kính gửi`` (or a công điện's ``… điện:``) before or after the date line; its list is
  read by :mod:`extractor.layout_kinh_gui`.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from .layout_kinh_gui import KinhGuiMixin
from .layout_lines import place_start
from .layout_rules import (BODY_INLINE, LIST_LABEL, OPEN_END, Seg, continues_issuer, dien_line, is_caps,
                           issuer_like, joins_issuer, motto_kind, plain, position_head, rules, starts_body,
                           upper_only)
from .model import Document
from .normalize import fold

_MOTTO_PREFIX = re.compile(r"^(?:cong(?: hoa(?: xa(?: hoi(?: chu(?: nghia(?: viet)?)?)?)?)?)?"
                           r"|dang(?: cong(?: san(?: viet)?)?)?|doc(?: lap(?: -(?: tu(?: do(?: -(?: hanh)?)?)?)?)?)?)$")


# the place of a place-date line longer than date_line allows, or broken by letter spacing
_LONG_PLACE = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ ]+[^\W\d_][\w.]*){4,9}[ ]*,[ ]*")
_BLANK_DATE = re.compile(r"ngày[\s.…_]*(?:\d{1,2})?[\s.…_]*tháng[\s.…_]*(?:\d{1,2})?[\s.…_]*năm\b(?![\s.…_]*\d)")


class HeaderReader(KinhGuiMixin):
    """Files header segments into a Layout. :meth:`feed` returns False at the first segment
    of the body (the caller files it); ``state`` becomes ``body`` when a segment it took
    ended the header (a body sentence glued to a Kính gửi line)."""

    def __init__(self, doc: Document, lay, first: int, peek: Callable[[int], Optional[str]]) -> None:
        self.doc, self.lay, self.first, self.peek = doc, lay, first, peek
        self.state = "header"  # header | kinh_gui
        self.seen_marker = False  # motto, number or date seen
        self.subject_open = False
        self.title_seen = False
        self.motto_buf: list[Seg] = []

    # ------------------------------------------------------------------ helpers
    def _subject_words(self) -> str:
        """The subject so far without its cue (``V/v:`` alone is an open subject)."""
        text = " ".join(s.text for s in self.lay.subject)
        return re.sub(r"^\s*(?:v/v|v\.v|về\s+việc|về)\s*:?\s*", "", fold(text)).strip()

    def _date_line(self, seg: Seg) -> bool:
        r = rules()
        key = seg.key.strip(" *_|")
        if r.date_line.match(key) and (r.date_parts.search(key) or re.search(r",\s*ngày\s*$", key)
                                       or _BLANK_DATE.search(key)):
            return True  # a form's "Hà Nội, ngày   tháng   năm" has no year yet
        dm = r.date_parts.search(key)
        if not dm or dm.group("y") is None or len(key) - (dm.end() - dm.start()) > 45:
            return False
        if _LONG_PLACE.fullmatch(seg.text.strip(" *_|")[:dm.start()]) and not key[dm.end():].strip(" .;,*_|"):
            return True  # a cell of its own with a long or letter-spaced place: "T hành phố Hồ Chí M inh, ngày …"
        pre = seg.text.strip(" *_|")[:dm.start()].strip()
        if not pre:  # "ngày 15 tháng 3 năm 2025" alone, not "Ngày 13/11/2025, Đảng ủy …"
            return not key[dm.end():].strip(" .;,*_|") and bool(re.match(r"ngày\s*[\d.…_ ]*tháng", key))
        bare = r.date_line_bare.match(key)
        return bool(bare and bare.end() == dm.start() + 4 and not key[dm.end():].strip(" .;,*_|")
                    and all(w[:1].isupper() or w.endswith(".") for w in pre.split()))

    def _glued_date(self, seg: Seg) -> Seg:
        """A subject line with the place-date line glued after it (``Chính sách thuế TNCN Hà
        Nội, ngày 19 tháng 11 năm 2025``): the date is filed, the subject part returned."""
        r = rules()
        if self.lay.date is not None:
            return seg
        key = seg.key
        for m in r.date_line.finditer(key):
            dm = r.date_parts.match(key, m.end() - 4)
            if not dm or m.start() == 0 or key[dm.end():].strip(" .*_|"):
                continue
            at = place_start(seg.text, m.start())
            if at is None or at == 0:
                continue
            head = seg.text[:at].rstrip()
            self.lay.date = Seg(seg.text[at:], seg.start + at, seg.end, seg.line, seg.bold, seg.italic)
            self.seen_marker = True
            return Seg(head, seg.start, seg.start + len(head), seg.line, seg.bold, seg.italic)
        return seg

    def is_enacting(self, t: str) -> bool:
        """The enacting authority printed under a decision's subject: a position and/or the
        issuer's name (``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG``, ``CHÍNH PHỦ``)."""
        key = fold(t).strip(" .:*")
        if len(key.split()) > 14:
            return False
        head = position_head(t)
        rest = key[len(head):].strip() if head else key
        if head and not rest:
            return True
        squash = lambda s: re.sub(r"[\W_]+", "", s)
        issuer = squash(fold(" ".join(s.text for s in self.lay.issuer_block)))
        if rest and issuer and squash(rest) in issuer and (head or issuer_like(rest)) and not continues_issuer(t):
            return True  # not "TỈNH ĐỒNG NAI" finishing "… CỦA ỦY BAN NHÂN DÂN"
        nxt = fold(self.peek(1) or "")
        return bool(head) and (starts_body(nxt) or not nxt)

    # ------------------------------------------------------------------ main
    def feed(self, seg: Seg, line_idx: int) -> bool:
        """Files ``seg``; False when it is the first segment of the body. A motto broken over
        segments (``CỘNG`` / ``HOÀ XÃ HỘI CHỦ`` / ``NGHĨA VIỆT NAM``) is held until it is whole."""
        if self.motto_buf or _MOTTO_PREFIX.match(" ".join(seg.plain.strip(" *_|").split())):
            held = self.motto_buf + [seg]
            words = " ".join(" ".join(s.plain.strip(" *_|").split()) for s in held)
            kind = motto_kind(words)
            if kind or _MOTTO_PREFIX.match(words) and len(held) < 4:
                if kind:
                    self.motto_buf = []
                    merged = Seg(self.doc.text[held[0].start:seg.end], held[0].start, seg.end, held[0].line)
                    return self._feed(merged, line_idx)
                self.motto_buf = held
                return True
            self.motto_buf = []
            if len(held) > 1:  # not a motto after all: file the held pieces one by one
                for h in held[:-1]:
                    if not self._feed(h, line_idx):
                        self.lay.body.append(h)
                        self.state = "body"
                if self.state == "body":
                    self.lay.body.append(seg)
                    return True
        return self._feed(seg, line_idx)

    def _feed(self, seg: Seg, line_idx: int) -> bool:
        lay, r = self.lay, rules()
        key, t = seg.key.strip(" *_|"), seg.text
        kind = motto_kind(t)
        if kind:
            lay.motto.append(seg)
            if lay.regime == "unknown" and kind != "slogan":
                lay.regime = kind
            self.seen_marker = True
            self.subject_open = False
            return True
        if lay.number is None and r.number.match(key) and not self.title_seen and len(t) < 80:
            lay.number = seg
            self.seen_marker = True
            self.subject_open = self.state == "header" and not lay.subject
            return True
        if lay.date is None and self._date_line(seg):
            lay.date = seg
            self.seen_marker = True
            self.subject_open = bool(lay.subject) and not re.search(r"[.;]$", lay.subject[-1].text) \
                and not self.title_seen or self.title_seen and not lay.subject
            return True
        if r.draft.match(key) and len(key) < 40:
            lay.draft_marks.append(seg)
            return True
        if r.ornament.match(key):
            return True
        if r.kinh_gui.match(seg.plain.strip(" *_|")):
            m = re.match(r"[\s*_|]*(?:dong\s+)?kinh\s+gui\W*?\s*:?[\s*_]*", seg.plain)
            return self._kinh_gui_line(seg, m.end() if m else len(seg.text))
        dien = dien_line(t) if self.seen_marker else None
        if dien is not None:
            return self._kinh_gui_line(seg, dien)
        if self.state == "kinh_gui":
            return self._recipient(seg)
        return self._header(seg, line_idx, key, t)

    def _header(self, seg: Seg, line_idx: int, key: str, t: str) -> bool:
        lay, r = self.lay, rules()
        caps = is_caps(t)
        near = line_idx - self.first
        if caps and lay.issuer_block and not self.title_seen and not lay.subject and near < 14 \
                and (continues_issuer(t) or lay.number is None and lay.date is None and not self._title(key, t)
                     and (issuer_like(key) or joins_issuer(lay.issuer_block[-1].text, t))):
            lay.issuer_block.append(seg)  # "HUYỆN BÌNH SƠN"; "ĐẢNG UỶ XÃ …" after the motto
            return True
        if r.subject_cue.match(key) and not lay.subject and not self.title_seen:
            lay.subject.append(self._glued_date(seg))
            self.subject_open = True
            return True
        if not self.title_seen and not lay.kinh_gui and (caps or self._glued_title(key, t)) and self._title(key, t):
            return self._take_title(seg, key)
        if self.title_seen and self.subject_open:
            return self._titled_subject(seg, key, t, caps)
        if self.subject_open and not self.title_seen and lay.subject and caps and len(t.split()) <= 3 \
                and not re.search(r"[.;:]$", lay.subject[-1].text) and \
                self.doc.lines[seg.line].cell == self.doc.lines[lay.subject[-1].line].cell:
            lay.subject.append(seg)  # "… theo quy định của Luật" / "KBCB"
            return True
        if self.subject_open and not self.title_seen and not caps and not starts_body(key) \
                and not LIST_LABEL.match(t) and len(lay.subject) < 6 and len(t) < 200 \
                and (not self._subject_words() or t[0].islower()
                     or not re.search(r"[.;:]$", lay.subject[-1].text)):
            lay.subject.append(self._glued_date(seg))
            return True
        if not self.seen_marker and not lay.subject and not self.title_seen and caps and len(t) < 90:
            lay.issuer_block.append(seg)
            return True
        if self.seen_marker and not self.title_seen and not lay.subject and not lay.kinh_gui \
                and caps and len(t) < 60 and not lay.issuer_block and near < 8:
            lay.issuer_block.append(seg)
            return True
        if not self.seen_marker and not self.title_seen and not lay.subject and near < 3 \
                and not starts_body(key):
            return True  # an unknown line before any marker (logo text, a page title)
        if (lay.date is None or not lay.motto) and len(t) < 120 and not starts_body(key) and self._header_follows():
            if self.subject_open and lay.subject and not self.title_seen:
                lay.subject.append(seg)  # "Mời họp Thường trực Đảng uỷ" / "- Tuần 04/2026" / motto
            return True  # the header is not over: its motto or date comes next
        return False

    def _header_follows(self) -> bool:
        """Is one of the next three lines a motto, a place-date line or Kính gửi?"""
        r = rules()
        for k in (1, 2, 3):
            nxt = self.peek(k)
            if nxt is None:
                return False
            key = fold(nxt).strip(" *_|")
            if motto_kind(nxt) or r.kinh_gui.match(plain(nxt).strip(" *_|")) \
                    or r.date_line.match(key) and r.date_parts.search(key):
                return True
        return False

    def _title(self, key: str, t: str) -> bool:
        """A type title: a known one (``KẾ HOẠCH``, also glued to its subject after a marker),
        or a short unlisted one in capitals after the number or date, above a line that is
        not in capitals or opens with ``VỀ``."""
        r = rules()
        if r.title_re.match(key) or self.seen_marker and r.title_start.match(key):
            return True
        if not (self.seen_marker and (self.lay.date or self.lay.number)) or self.lay.subject:
            return False
        words = key.strip(" :").split()
        if not 1 <= len(words) <= 3 or len(key) > 24 or issuer_like(key) or position_head(t):
            return False
        nxt = self.peek(1) or ""
        return bool(nxt) and (not is_caps(nxt) or re.match(r"về\b", fold(nxt).strip(" *")) is not None)

    def _glued_title(self, key: str, t: str) -> bool:
        """A title in capitals with its subject in capitals and the body glued after them
        (``QUYẾT ĐỊNH BAN HÀNH MỨC TRỢ GIÚP … Căn cứ Luật …``)."""
        m = rules().title_start.match(key)
        if not m or not self.seen_marker:
            return False
        words = t[m.end():].split()
        return len(words) >= 2 and is_caps(t[:m.end()]) and (
            is_caps(" ".join(words[:2])) or re.match(r"(?:về|v/v)$", fold(words[0])) is not None)

    def _take_title(self, seg: Seg, key: str) -> bool:
        """Files the title; a subject glued to it (``QUYẾT ĐỊNH BAN HÀNH …``) is cut off."""
        lay, r = self.lay, rules()
        self.title_seen = True
        self.subject_open = True
        m = r.title_start.match(key)
        rest = seg.text[m.end():] if m and not r.title_re.match(key) else ""
        nxt = self.peek(1) or ""
        if rest.strip(" :") and len(rest.split()) <= 2 and nxt and not is_caps(nxt):
            rest = ""  # "BÁO CÁO NHANH" above its subject: a qualified title
        if rest.strip(" :"):
            lead = len(rest) - len(rest.lstrip(" :"))
            a = seg.start + m.end() + lead
            lay.title = Seg(seg.text[:m.end()].strip(), seg.start, seg.start + m.end(), seg.line, seg.bold, seg.italic)
            text = seg.text[m.end() + lead:]
            # capitals of the subject end where running text (the body) begins; a subject
            # from "Về …" runs to the end (or to the enacting authority cut off below)
            words = list(re.finditer(r"\S+", text))
            end = len(text)
            about = re.match(r"(?:về|v/v)\b\W*(\S+)", fold(text))
            about = about if about and any(c.islower() for c in text[about.start(1):about.end(1)]) else None
            for w in ([] if about else words):
                if any(c.islower() for c in w.group(0)) and w.start() > 0:
                    end = w.start()
                    break
            sub = text[:end].rstrip()
            words = list(re.finditer(r"\S+", sub))
            for w in words[max(1, len(words) - 14):]:  # the enacting authority glued after it
                tail = sub[w.start():]
                if position_head(tail) and self.is_enacting(tail) and len(fold(tail).split()) > 2:
                    lay.author.append(Seg(tail, a + w.start(), a + len(sub), seg.line))
                    sub = sub[:w.start()].rstrip()
                    break
            lay.subject.append(Seg(sub, a, a + len(sub), seg.line, seg.bold, seg.italic))
            if text[end:].strip():
                lay.body.append(Seg(text[end:].strip(), a + end, seg.end, seg.line))
                self.subject_open = False
                self.state = "body"
            return True
        lay.title = seg
        return True

    def _titled_subject(self, seg: Seg, key: str, t: str, caps: bool) -> bool:
        """The line(s) under a type title."""
        lay, r = self.lay, rules()
        first_line = not self._subject_words()
        cue = starts_body(key) and t.lstrip(" *_|")[:1].isupper() \
            and not (caps and lay.subject and is_caps(lay.subject[-1].text))
        glued = BODY_INLINE.search(t, 15) if not caps else None
        if glued and not cue and (re.search(r"[.:;]$", t.rstrip()) or len(t) - glued.end() > 60):
            # the first body sentence glued to the subject line by the page
            head = t[:glued.start()].rstrip()
            ok = self._titled_subject(Seg(head, seg.start, seg.start + len(head), seg.line, seg.bold, seg.italic),
                                      fold(head), head, False)
            lay.body.append(Seg(t[glued.end():], seg.start + glued.end(), seg.end, seg.line))
            self.subject_open = False
            self.state = "body"
            if not ok:
                lay.body.insert(len(lay.body) - 1, Seg(head, seg.start, seg.start + len(head), seg.line))
            return True
        if cue and (not first_line or re.match(r"căn\s+cứ\b", key) or re.search(r"[.:;,]$", t.rstrip())
                    or len(t) >= 250) \
                or LIST_LABEL.match(t) or re.match(r"quyết\s+định\s*:|quyết\s+nghị\s*:", key):
            return self._close_subject()  # a "Thực hiện …" line is the subject only when it reads as one
        if caps:
            if not lay.subject and lay.author and joins_issuer(lay.author[-1].text, t) \
                    and not re.match(r"về\b", key):
                lay.author.append(seg)  # "CỦA BỘ CHÍNH TRỊ," / "BAN BÍ THƯ"
                return True
            if not lay.subject and lay.author and r.title_start.match(lay.author[0].key) \
                    and not re.match(r"của\b", key):
                lay.subject, lay.author = lay.author + [seg], []  # the title's words go on in capitals
                return True
            if not lay.subject and (re.match(r"của\b", key) or r.title_start.match(key)):
                about = re.search(r"\svề\s", key)
                if about and re.match(r"của\b", key):  # "CỦA BỘ CHÍNH TRỊ VỀ …": the subject runs from VỀ
                    at = about.start() + 1
                    lay.author.append(Seg(t[:at].rstrip(), seg.start, seg.start + len(t[:at].rstrip()), seg.line))
                    lay.subject.append(Seg(t[at:], seg.start + at, seg.end, seg.line, seg.bold, seg.italic))
                    return True
                if about:  # "KẾT LUẬN CUỘC HỌP VỀ ĐỀ ÁN …" under THÔNG BÁO: the subject, whole
                    lay.subject.append(seg)
                    return True
                lay.author.append(seg)  # "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY", "KẾT LUẬN CỦA …": part of the title
                return True
            if self._subject_words() and self.is_enacting(t) \
                    and not OPEN_END.search(fold(lay.subject[-1].text).rstrip(" *,")):
                self.subject_open = False
                lay.author.append(seg)  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"
                return True
            if not lay.subject or upper_only(lay.subject[-1].text) or not self._subject_words():
                lay.subject.append(seg)  # a subject printed in capitals
                return True
            self.subject_open = False
            lay.author.append(seg)
            return True
        words = self._subject_words()
        if not lay.subject or not words:
            if len(t) < 300 and not (lay.author and re.search(r"[.:;]$", t.rstrip())):
                lay.subject.append(seg)
                return True
            return self._close_subject()
        if t[0].islower() and len(lay.subject) < 6:
            lay.subject.append(seg)
            return True
        if is_caps(lay.subject[-1].text) or re.search(r"[.;:]$", lay.subject[-1].text) \
                or len(t) >= 90 or len(lay.subject) >= 3 or re.search(r"[.:;]$", t.rstrip()):
            return self._close_subject()
        lay.subject.append(seg)
        return True

    def _close_subject(self) -> bool:
        """The body begins. A title continued in capitals with no subject under it
        (``THÔNG BÁO`` / ``KẾT LUẬN CỦA PHÓ THỦ TƯỚNG … TẠI CUỘC HỌP …``) is the subject."""
        lay, r = self.lay, rules()
        self.subject_open = False
        if not lay.subject and lay.author and r.title_start.match(lay.author[0].key):
            lay.subject, lay.author = lay.author, []
        return False
