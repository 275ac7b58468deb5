"""The footer of a letter: ``Nơi nhận`` (cc recipients) and the signature block, which sit
side by side on paper and so may come in any order, or interleaved, in the text.

Surface forms: ``Nơi nhận:`` with its items on the same line or below; the signature
before Nơi nhận (text order of some exports); authority lines broken by a page (``TL. CỤC``
/ ``TRƯỞNG`` / ``KT.`` / ``TRƯỞNG BAN …`` / ``PHÓ`` / ``TRƯỞNG BAN``); the digital-signature
stamp under the name; an annex after the signature, which goes back to the body.
"""
from __future__ import annotations

import re

from .layout_rules import LIST_LABEL, Seg, is_caps, is_position, looks_name, plain, rules, starts_body
from .normalize import fold
from .model import Document
from .layout_lines import split_inline_items

_STAMP = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\s+\d{1,2}:\d{2}")  # digital signature time


def is_noi_nhan(text: str) -> bool:
    return bool(rules().noi_nhan.match(plain(text).lstrip(" -*_|")))


def _authority_line(text: str) -> bool:
    r = rules()
    key = plain(text)
    return bool(r.authority.match(key.lstrip(" *")))


def footer_start(doc: Document, first: int, last: int) -> int:
    """Index of the first line of Nơi nhận / signature in lines [first, last)."""
    r = rules()
    lo = first + 3
    for i in range(lo, last):
        if is_noi_nhan(doc.lines[i].text):
            # Nơi nhận may come after the signature block (text order of some exports)
            j = i
            k = i - 1
            while k > lo and i - k <= 6 and (is_caps(doc.lines[k].text) or looks_name(doc.lines[k].text)):
                if _authority_line(doc.lines[k].text) or is_position(doc.lines[k].text):
                    j = k
                k -= 1
            return j
    # no Nơi nhận: an authority line with a name under it (an annex may follow the signature),
    # else the last authority or position line near the end
    for i in range(lo + 4, last):
        t = doc.lines[i].text
        if r.authority.match(plain(t).lstrip(" *")) and re.search(r"[./]", t[:5]) \
                and is_caps(t.split(" ", 1)[-1][:20] or "X") \
                and any(looks_name(doc.lines[k].text.strip(" *")) for k in range(i + 1, min(last, i + 4))):
            return i
    for i in range(max(lo, last - 8), last):
        t = doc.lines[i].text
        if r.authority.match(plain(t).lstrip(" *")) and is_caps(t.split(" ", 1)[-1][:20] or "X"):
            return i
        if is_position(t) and len(t) < 60 and not any(
                starts_body(fold(doc.lines[k].text)) for k in range(i + 1, min(last, i + 3))):
            return i  # not the enacting authority of a decision, above its Căn cứ lines
    return last


def file_footer(doc: Document, lay, seg: Seg, foot: dict) -> str:
    """Files one footer segment under Nơi nhận or the signature; returns ``annex`` when the
    footer is over and what follows belongs to the body again (an annex of the document).

    Nơi nhận and the signature are side by side on paper, so their lines may come
    interleaved (a PDF page break inside the table): each line goes where its shape says."""
    t = seg.text
    if is_noi_nhan(t):
        foot["noi_nhan"] = "open"
        m = re.match(r"[\s\-*_|]*\S+\s+\S+\s*:?\s*", t)
        rest = t[m.end():]
        if rest.strip():
            off = seg.start + m.end()
            _add_cc(doc, lay, Seg(rest.strip(), off, off + len(rest.strip()), seg.line), foot)
        return "footer"
    auth = _authority_line(t)
    item = bool(LIST_LABEL.match(t)) and not auth
    open_item = foot["noi_nhan"] == "open" and lay.noi_nhan and not re.search(r"[.;]$", lay.noi_nhan[-1].text)
    signature_like = auth or is_position(t) or (is_caps(t) and not item) or looks_name(t)
    if foot["noi_nhan"] == "open" and (item or open_item and not (auth or is_position(t) or looks_name(t))
                                       or not signature_like):
        _add_cc(doc, lay, seg, foot)
        return "footer"
    if not foot["named"]:
        lay.signature.append(seg)
        last_word = t.split()[-1] if t.split() else ""
        if looks_name(t) or (sum(c.islower() for c in last_word) >= 2 and not is_caps(t)
                             and not any(c.isupper() for c in last_word[1:])):
            foot["named"] = True
        return "footer"
    words = t.split()
    if lay.signature and len(lay.signature[-1].text.split()) == 1 and 1 <= len(words) <= 4 \
            and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words):
        lay.signature.append(seg)  # a name the page broke: "Ngô" / "Văn Tuấn"
        return "footer"
    if auth and is_caps(t):
        lay.signature.append(seg)  # an authority line read after the name (TM. ỦY BAN NHÂN DÂN)
        return "footer"
    if is_caps(t) and len(t) < 60 or _STAMP.match(t):
        return "footer"  # the digital signature's stamp under the name
    if foot["noi_nhan"] == "open":
        _add_cc(doc, lay, seg, foot)
        return "footer"
    return "annex"


def _add_cc(doc: Document, lay, seg: Seg, foot: dict) -> None:
    for piece in split_inline_items(seg):
        if lay.noi_nhan and not LIST_LABEL.match(piece.text) and not re.search(r"[.;]$", lay.noi_nhan[-1].text):
            prev = lay.noi_nhan[-1]
            lay.noi_nhan[-1] = Seg(doc.text[prev.start:piece.end], prev.start, piece.end, piece.line)
        else:
            lay.noi_nhan.append(piece)
        last = plain(lay.noi_nhan[-1].text).strip()
        if re.match(r"[-–•+]?\s*luu\b", last) and not last.endswith(":"):
            foot["noi_nhan"] = "closed"  # "- Lưu:" alone: its units are on the next line
