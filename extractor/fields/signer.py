"""The signature block: authority (``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``, Party
``T/M``, ``K/T``, ``T/L``), position and the signer's name.

Surface forms: one part per line (``T/M BAN THƯỜNG VỤ`` / ``BÍ THƯ`` / ``Lương Kim Sơn``);
all on one line (``KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn``: the position is
the known title that ends the capitals, the name the capitalised words after them); nested
``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` (the inner authority is
kept); no authority (``CHỦ TỊCH`` / ``Phạm Văn Thu``); a block cut off after the position.
"""
from __future__ import annotations

import re
from typing import Optional

from ..layout import Layout, is_caps, rules
from ..model import Signer
from ..normalize import fold, sentence_case_name, squash_spaces


def _cap(s: str) -> str:
    s = squash_spaces(s)
    return sentence_case_name(s) if is_caps(s) else s


def _split_position(caps: str) -> tuple[str, str]:
    """``TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC`` → (``TỔNG GIÁM ĐỐC``, ``PHÓ TỔNG GIÁM ĐỐC``)."""
    words = caps.split()
    positions = rules().positions
    for exact in (True, False):
        for i in range(1, len(words)):
            rest = fold(" ".join(words[i:]))
            if exact and rest in positions or not exact and any(rest.startswith(p + " ") for p in positions):
                return " ".join(words[:i]), " ".join(words[i:])
    return caps, ""


def signer(lay: Layout) -> Optional[Signer]:
    segs = [s for s in lay.signature if not rules().ornament.match(s.text)]
    if not segs:
        return None
    r = rules()
    authority = position = name = None
    caps_parts: list[str] = []
    start, end = segs[0].start, segs[-1].end
    for s in segs:
        t = squash_spaces(s.text)
        # a trailing person's name after capitals on the same line
        m = re.match(r"^(.*?[A-ZĐÀ-Ỹ\s./]{2,}?)\s+((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s*){2,6})$", t)
        if m and is_caps(m.group(1)) and name is None:
            caps_parts.append(m.group(1))
            name = m.group(2).strip()
            continue
        if is_caps(t) or r.authority.match(fold(t)):
            if name is None:
                caps_parts.append(t)
            continue
        words = t.split()
        if name is None and 1 <= len(words) <= 6 and all(w[:1].isupper() for w in words if w.isalpha()):
            name = t
    # authority lines start with a prefix; the last one applies (TM. … / KT. …)
    auth_idx = [i for i, p in enumerate(caps_parts) if r.authority.match(fold(p))]
    if auth_idx:
        i = auth_idx[-1]
        line = caps_parts[i]
        rest_lines = caps_parts[i + 1:]
        if rest_lines:
            authority = line
            position = " ".join(rest_lines)
        else:
            pm = r.authority.match(fold(line))
            prefix, body = line[:pm.end()], line[pm.end():]
            auth_body, pos = _split_position(body)
            authority = (prefix + auth_body).strip()
            position = pos or None
    elif caps_parts:
        position = " ".join(caps_parts)
    if authority:
        pm = r.authority.match(fold(authority))
        prefix = authority[:pm.end()].strip()
        authority = f"{prefix} {_cap(authority[pm.end():])}".strip()
    return Signer(name=name, position=_cap(position) if position else None,
                  authority=authority, start=start, end=end)
