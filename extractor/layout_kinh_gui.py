"""The ``Kính gửi`` list of a letter's header (role ``to``), read by :class:`HeaderReader`.

Surface forms:

- ``Kính gửi:`` with the first recipient (or the whole list, ``- A; - B``) on its line, or
  alone with the items under it; ``Đồng kính gửi:`` goes on with the same list; a công
  điện's ``THỦ TƯỚNG CHÍNH PHỦ điện:`` / ``BỘ XÂY DỰNG điện:`` opens one too;
- items one per dash line, wrapped over lines (``- Các Cục: Đường bộ …, Hàng`` / ``hải và
  …``; ``Thuế`` / ``tỉnh Tây Ninh.``; ``Công ty TNHH`` / ``Bao bì Kỹ thuật cao Riches.``),
  one per line without dashes, or ``;``-separated in one paragraph;
- what describes an addressee left out: the address, tax code or phone under it or after
  it in brackets (``*(Đ/c: …)*``, ``Mã số thuế: …``, ``(Số 222 Lê Trọng Tấn …)``);
- the body glued after the list (``… Trung ương Ngày 09 tháng 6 …``, ``(Địa chỉ: …) Cục
  Hải quan nhận được …``) or starting on the next line, also when that line opens with a
  body's name (``Cục Thuế nhận được công văn số …``: running-text words, a date or a
  document number mark it).
"""
from __future__ import annotations

import re

from .layout_lines import split_inline_items, split_semicolons
from .layout_rules import BODY_INLINE, LIST_LABEL, Seg, recipient_head, rules, starts_body, wraps_recipient
from .normalize import fold


class KinhGuiMixin:
    """The Kính gửi part of :class:`~extractor.layout_header.HeaderReader` (it owns ``doc``,
    ``lay``, ``state`` and ``subject_open``)."""

    detail_open = False  # inside an addressee's "(Địa chỉ: …" broken over lines
    list_start = 0  # recipients filed before the last Kính gửi / Đồng kính gửi line

    def _kinh_gui_line(self, seg: Seg, at: int) -> bool:
        """``Kính gửi:`` (or a công điện's ``… điện:``); what follows the marker from ``at``
        on the same line is the first recipient or a list of them (``- A; - B``), perhaps
        with the first body sentence glued after it."""
        self.state = "kinh_gui"
        self.subject_open = False
        self.detail_open = False
        self.list_start = len(self.lay.kinh_gui)
        rest = seg.text[at:]
        lead = len(rest) - len(rest.lstrip(" *_|"))
        rest = rest.strip(" *_|")
        if rest:
            self._add_items(Seg(rest, seg.start + at + lead, seg.start + at + lead + len(rest), seg.line))
        return True

    def _add_items(self, seg: Seg) -> None:
        """Files a recipient line (items flattened onto it cut apart: ``- A; - B``; ``A; B``
        without dashes); a body sentence glued after it (``… Trung ương Ngày 09 tháng 6 …``)
        starts the body, an address after the name (``Công ty A (Địa chỉ: …)``) is left out."""
        t = seg.text
        cut = BODY_INLINE.search(t, 20)
        if cut:
            head = t[:cut.start()].rstrip()
            self.lay.body.append(Seg(t[cut.end():], seg.start + cut.end(), seg.end, seg.line))
            self.state = "body"
            seg = Seg(head, seg.start, seg.start + len(head), seg.line)
            t = head
        detail = re.search(r"\s*[*_]*\(\s*", t)
        if detail and detail.start() > 0 and rules().recipient_detail.match(fold(t), detail.end()):
            close = t.find(")", detail.end())
            self.detail_open = close < 0
            after = t[close + 1:] if close >= 0 else ""
            body = len(after) - len(after.lstrip(" *_|.,;"))
            if after.strip(" *_|.,;"):  # the body glued after the address
                st = seg.start + close + 1 + body
                self.lay.body.append(Seg(t[close + 1 + body:], st, seg.end, seg.line))
                self.state = "body"
            t = t[:detail.start()]
            seg = Seg(t, seg.start, seg.start + len(t), seg.line)
        for item in split_inline_items(seg):
            self.lay.kinh_gui.extend(split_semicolons(item))

    @staticmethod
    def _detail_line(key: str) -> bool:
        """A line that describes the addressee above: it opens with an address word (``Mã số
        thuế: …``, ``*(Đ/c: …)*``), or is a parenthesis alone (``(Số 222 Lê Trọng Tấn …)``),
        not one followed by the body (``(Sau đây viết tắt là BHXH các tỉnh) Bộ Y tế có …``)."""
        m = rules().recipient_detail_line.match(key)
        if not m:
            return False
        if rules().recipient_detail.search(key, 0, m.end() + 40):
            return True
        close = key.find(")")
        return close < 0 or not key[close + 1:].strip(" *_|.,;")

    def _recipient(self, seg: Seg) -> bool:
        """A line after ``Kính gửi``: a new item (``- …`` or, in a list printed without dashes,
        a line that opens with a body's or an office holder's head), the rest of the item
        above (``Thuế`` / ``tỉnh Tây Ninh.``), a detail of the item above (its address,
        skipped), or the first line of the body (False)."""
        lay, t, key, r = self.lay, seg.text, seg.key, rules()
        if self.detail_open or lay.kinh_gui and self._detail_line(key):
            opened = self.detail_open
            depth = t.count("(") - t.count(")")
            self.detail_open = depth > 0 or opened and depth == 0 and ")" not in t
            close = t.rfind(")")
            after = t[close + 1:] if close >= 0 and not self.detail_open else ""
            if after.strip(" *_|.,;"):  # the body glued after the address
                lead = len(after) - len(after.lstrip(" *_|.,;"))
                lay.body.append(Seg(after[lead:], seg.start + close + 1 + lead, seg.end, seg.line))
                self.state = "body"
            return True
        dash = bool(LIST_LABEL.match(t) and re.match(r"^[\s*_|]*[-–•+]", t))
        fresh = len(lay.kinh_gui) <= self.list_start  # the first line after the marker
        prev = lay.kinh_gui[-1].text.rstrip(" *_|") if lay.kinh_gui else ""
        if fresh or dash:
            self._add_items(seg)
            return True
        if re.search(r"[.;]$", prev) or dash or starts_body(key) or len(t) >= 120 \
                or r.recipient_not.search(re.sub(r"\([^()]*\)", "", key)):  # not "(để báo cáo)"
            return False
        if wraps_recipient(prev, t):
            first = lay.kinh_gui[-1]
            if seg.end - first.start > 260:
                return False  # a paragraph, not an addressee that wraps
            lay.kinh_gui[-1] = Seg(self.doc.text[first.start:seg.end], first.start, seg.end, seg.line)
            return True
        if recipient_head(t):
            self._add_items(seg)  # one recipient per line, without dashes
            return True
        return False
