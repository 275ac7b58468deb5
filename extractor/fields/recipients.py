"""Recipients: every item of ``Kính gửi`` (role ``to``) and of ``Nơi nhận`` (role ``cc``).

Surface forms: one recipient on the ``Kính gửi:`` line itself; ``- A;`` items one per line;
items flattened onto one line (``- A; - B; - C.``); items wrapped over two lines; ``Như
trên``, ``Như Điều 3``, ``Lưu: VT, TCCB`` kept as written. The list marker and the trailing
``;`` / ``,`` / ``.`` are not part of the name; the span covers the name only.
"""
from __future__ import annotations

import re

from ..layout import Layout, Seg
from ..model import Recipient

_MARK = re.compile(r"^[\s\-–•+*]+")
_TRAIL = re.compile(r"[\s;,.:/`*_|]+$")


def _item(seg: Seg, role: str) -> Recipient | None:
    text = seg.text
    lead = _MARK.match(text)
    a = lead.end() if lead else 0
    t = _TRAIL.search(text)
    b = t.start() if t else len(text)
    if text[b:b + 2] == "./" or text.endswith("./."):
        b = min(b, len(text))
    name = " ".join(text[a:b].split())
    if not name or not re.search(r"\w", name):
        return None
    return Recipient(name=name, role=role, start=seg.start + a, end=seg.start + b)


def recipients(lay: Layout) -> list[Recipient]:
    out = []
    for seg in lay.kinh_gui:
        r = _item(seg, "to")
        if r:
            out.append(r)
    for seg in lay.noi_nhan:
        r = _item(seg, "cc")
        if r:
            out.append(r)
    return out
