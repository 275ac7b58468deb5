"""The signature block: authority (``TM.``, ``KT.``, ``TL.``, ``TUQ.``, ``Q.``, Party
``T/M``, ``K/T``, ``T/L``), position and the signer's name.

Surface forms:

- one part per line (``T/M BAN THƯỜNG VỤ`` / ``BÍ THƯ`` / ``Lương Kim Sơn``);
- all on one line (``KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn``, ``TL. BỘ TRƯỞNG VỤ
  TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH``: the authority's body is the known title the line opens
  with, the position the title after it, the name the capitalised words after the capitals);
- two authority lines, kept together as the record writes them (``TM. ỦY BAN NHÂN DÂN`` /
  ``KT. CHỦ TỊCH`` → ``TM. Ủy ban nhân dân KT. Chủ tịch``; ``TL. CỤC TRƯỞNG`` / ``KT. TRƯỞNG
  BAN …``);
- lines broken by a page anywhere (``TL. BỘ`` / ``TRƯỞNG``; ``KT.`` / ``TRƯỞNG BAN NGHIỆP VỤ``;
  ``KT. TRƯỞNG BAN BAN CHÍNH SÁCH,`` / ``THUẾ QUỐC TẾ`` / ``PHÓ TRƯỞNG BAN``; ``T/M BỘ CHÍNH`` /
  ``TRỊ``; ``PHÓ`` / ``TRƯỞNG BAN``): after the last authority prefix, the position starts at
  the first line from which the rest opens with a title (``PHÓ …`` included) and that does
  not finish a line ending in a comma or ``VÀ``; after ``KT.``, at the deputy's ``PHÓ …`` line
  when there is one (``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN THƯỜNG TRỰC`` / ``PHÓ THỦ TƯỚNG``);
  lines before it finish the authority;
- no authority (``CHỦ TỊCH`` / ``Phạm Văn Thu``), also with two titles (``TRƯỞNG BAN`` /
  ``PHÓ THỦ TƯỚNG``: the first, the capacity he signs in); a block cut off after the position.
"""
from __future__ import annotations

import re
from typing import Optional

from ..layout import Layout, is_caps, rules
from ..layout_rules import position_head
from ..model import Signer
from ..normalize import fold, sentence_case_name, squash_spaces



def _cap(s: str) -> str:
    s = squash_spaces(s)
    return sentence_case_name(s) if is_caps(s) else s


def _prefix_len(part: str) -> int:
    m = rules().authority.match(fold(part))
    return m.end() if m else 0


def _split_position(caps: str) -> tuple[str, str]:
    """``TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC`` → (``TỔNG GIÁM ĐỐC``, ``PHÓ TỔNG GIÁM ĐỐC``). The
    split preferred: a known title on both sides; else a deputy's title on the right (``BỘ
    TRƯỞNG, CHỦ NHIỆM`` | ``PHÓ CHỦ NHIỆM``); else a known title on the left (``BỘ TRƯỞNG`` |
    ``VỤ TRƯỞNG VỤ …``); else before the first title (``ỦY BAN NHÂN DÂN`` | ``CHỦ TỊCH``)."""
    words = caps.split()
    positions = rules().positions
    cands = [i for i in range(1, len(words)) if position_head(" ".join(words[i:]))]
    left_ok = lambda i: fold(" ".join(words[:i])).strip(" ,") in positions
    right = lambda i: fold(" ".join(words[i:])).strip(" ,.")
    right_ok = lambda i: right(i) in positions or right(i).startswith("phó ")
    for test in (lambda i: left_ok(i) and right_ok(i), lambda i: right(i).startswith("phó ") and right_ok(i),
                 left_ok):
        for i in cands:
            if test(i):
                return " ".join(words[:i]), " ".join(words[i:])
    if cands:
        return " ".join(words[:cands[0]]), " ".join(words[cands[0]:])
    return caps, ""


def _name_after_caps(t: str) -> Optional[tuple[str, str]]:
    """``KT. BỘ TRƯỞNG THỨ TRƯỞNG Đinh Trung Tụng KẾ HOẠCH …`` → (the capitals, the name): the
    first run of 2–6 capitalised words after capitals; what follows the name is dropped."""
    toks = list(re.finditer(r"\S+", t))
    is_name_word = lambda w: w[:1].isupper() and w[1:].isalpha() and w[1:].islower() and len(w) > 1
    for i, tok in enumerate(toks):
        if i == 0 or not is_name_word(tok.group(0)):
            continue
        j = i
        while j < len(toks) and j - i < 6 and is_name_word(toks[j].group(0)):
            j += 1
        head = t[:tok.start()].strip()
        if j - i >= 2 and is_caps(head):
            return head, " ".join(x.group(0) for x in toks[i:j])
        return None
    return None


def _split_prefixes(part: str) -> list[str]:
    """``TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH`` → two parts, one per authority prefix."""
    key = fold(part)
    cuts = [m.start() for m in rules().authority_any.finditer(key) if m.start() > 0]
    out, pos = [], 0
    for c in cuts + [len(part)]:
        if part[pos:c].strip():
            out.append(part[pos:c].strip())
        pos = c
    return out


def _authority_text(parts: list[str]) -> Optional[str]:
    """Authority parts → ``TM. Ủy ban nhân dân KT. Chủ tịch``: each prefix with its body (the
    lines without a prefix that follow it)."""
    items: list[list[str]] = []
    for p in parts:
        n = _prefix_len(p)
        if n or not items:
            items.append([p[:n].strip(), p[n:].strip()])
        else:
            items[-1][1] = (items[-1][1] + " " + p).strip()
    text = " ".join(f"{pre} {_cap(body)}".strip() if body else pre for pre, body in items).strip()
    return text or None


def signer(lay: Layout) -> Optional[Signer]:
    segs = [s for s in lay.signature if not rules().ornament.match(s.text)]
    if not segs:
        return None
    name = None
    caps_parts: list[str] = []
    late: list[str] = []
    start, end = segs[0].start, segs[-1].end
    for s in segs:
        t = squash_spaces(s.text).strip(" *_|")
        # a trailing person's name after capitals on the same line
        m = _name_after_caps(t) if name is None else None
        if m:
            caps_parts.extend(_split_prefixes(m[0]))
            name = m[1]
            continue
        if is_caps(t) or _prefix_len(t):
            if name is None:
                caps_parts.extend(_split_prefixes(t))
            elif _prefix_len(t):
                late.extend(_split_prefixes(t))  # an authority line read after the name
            continue
        words = t.split()
        if 1 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words):
            if name is None:
                name = t
            elif len(name.split()) == 1 and len(words) <= 4:
                name = f"{name} {t}"  # "Ngô" / "Văn Tuấn"
    if late:  # the outer authority (TM.) goes first: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
        caps_parts = late + caps_parts if any(_prefix_len(p) for p in caps_parts) else caps_parts + late
    last_auth = max((i for i, p in enumerate(caps_parts) if _prefix_len(p)), default=-1)
    deputy = [p for i, p in enumerate(caps_parts[:last_auth]) if fold(p).startswith("phó ") and not _prefix_len(p)]
    if deputy:  # a deputy's title read before the authority lines: it is the last line of the block
        caps_parts = [p for p in caps_parts if p not in deputy] + deputy
    authority, position = _authority_position(caps_parts)
    return Signer(name=name, position=_cap(position) if position else None,
                  authority=authority, start=start, end=end)


def _capacity(parts: list[str]) -> Optional[str]:
    """A block without authority that prints two titles, each a whole line (``TRƯỞNG BAN`` /
    ``PHÓ THỦ TƯỚNG``): the signer signs in the capacity of the line under the issuer (the
    first); the other is his office elsewhere. When the second is the first's deputy (``CHỦ
    TỊCH`` / ``PHÓ CHỦ TỊCH``: a ``KT.`` the page lost), the deputy's title. None when the
    second finishes the first (``THƯỜNG TRỰC``) or is not a title."""
    if len(parts) != 2:
        return None
    first, second = fold(parts[0]).strip(" ,.*"), fold(parts[1]).strip(" ,.*")
    if first not in rules().positions or not position_head(parts[1]) or len(second.split()) < 2 \
            or second.startswith("thường trực") or re.search(r"(?:[,&-]|\bvà)$", first):
        return None
    return parts[1] if second == "phó " + first else parts[0]


def _authority_position(parts: list[str]) -> tuple[Optional[str], Optional[str]]:
    auth_idx = [i for i, p in enumerate(parts) if _prefix_len(p)]
    if not auth_idx:
        return None, (_capacity(parts) or " ".join(parts) or None)
    a0, a1 = auth_idx[0], auth_idx[-1]
    auth, tail = parts[a0:a1 + 1], parts[a1 + 1:]
    empty_body = not parts[a1][_prefix_len(parts[a1]):].strip()
    if not tail:
        n = _prefix_len(parts[a1])
        body, pos = _split_position(parts[a1][n:])
        auth[-1] = (parts[a1][:n] + body).strip()
        return _authority_text(auth), pos or None
    kmin = 1 if empty_body else 0
    lines = [parts[a1]] + tail
    bare = rules().bare_heads

    def opened(i: int) -> bool:
        """Line i of [authority] + tail is unfinished: a comma or VÀ at its end, or a one-word
        head that needs its name ("TL. CỤC" / "TRƯỞNG"; not "T/M ĐẢNG UỶ", "KT. THỦ TƯỚNG")."""
        body = fold(lines[i][_prefix_len(lines[i]):]).strip(" .*")
        return bool(re.search(r"(?:[,&–-]|\bVÀ)$", lines[i].rstrip())) \
            or (body in bare and len(body.split()) == 1) or body.endswith(" nhân")
    k = next((k for k in range(kmin, len(tail)) if position_head(" ".join(tail[k:])) and not opened(k)), None)
    kind = fold(parts[a1][:_prefix_len(parts[a1])]).strip(" .").replace("/", "").replace(".", "")
    if k is not None and kind != "tm" and not fold(tail[k]).startswith("phó"):
        # a deputy signs (KT., or TL. with KT. left out): his title is the line opening with PHÓ
        k = next((j for j in range(k + 1, len(tail)) if fold(tail[j]).startswith("phó")), k)
    if k is not None:
        return _authority_text(auth + tail[:k]), " ".join(tail[k:])
    # no line opens with a title: a title glued at the end of a line ("VỀ HQ PHÓ TRƯỞNG BAN",
    # "KT." / "TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG")
    body, pos = _split_position(" ".join(tail))
    if pos:
        return _authority_text(auth + [body]), pos
    if empty_body:
        return _authority_text(auth + tail[:1]), (" ".join(tail[1:]) or None)
    # KT./TL./TUQ./Q. are followed by the signer's own title, unless the authority line is
    # unfinished ("… BAN CHÍNH SÁCH," / "THUẾ QUỐC TẾ"); T/M of a collective body may stand alone
    if kind != "tm" and not re.search(r"[,&-]$|\bvà$", parts[a1].rstrip()):
        return _authority_text(auth), " ".join(tail)
    return _authority_text(auth + tail), None
