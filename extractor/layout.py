"""Document → Layout: the parts of an official letter, found by what each line says.

A Vietnamese letter (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW) has, in order: the issuer
block (parent body, issuing body, ``*``), the national motto (``CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM`` / ``Độc lập - Tự do - Hạnh phúc``, or ``ĐẢNG CỘNG SẢN VIỆT NAM``), the
number line (``Số: …``), the place-date line, the type title and trích yếu (or ``V/v``
for a công văn), ``Kính gửi``, the body (căn cứ lines, numbered items), ``Nơi nhận`` and
the signature block. Readers give lines in reading order (header columns one after the
other); headers flattened by a web page (``Số: 296/BHXH-CSYT V/v …``, ``Hà Nội, ngày …
Kính gửi:``) are first cut into segments at every marker, so each segment holds one part.

A second header later in the file (an issuer block or motto followed by a number line)
starts an attachment: :func:`segment` returns one Layout per document in the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .layout_footer import file_footer, footer_start
from .layout_header import HeaderReader
from .layout_lines import cut, header_merges
from .layout_rules import (LIST_LABEL, Seg, continues_issuer_line, is_caps, is_position, looks_name,
                           motto_kind, plain, rules)
from .model import Document
from .normalize import fold

_LIST_LABEL = LIST_LABEL  # the name the tasks module imports
__all__ = ["Seg", "Item", "Layout", "segment", "parts", "layout_part", "item_tree", "rules", "is_caps",
           "continues_issuer_line"]


@dataclass
class Item:
    """A numbered or bulleted item of the body, with its children."""

    label: Optional[str]
    kind: str  # roman, decimal, letter, dash, plus, para
    depth: int
    seg: Seg
    children: list["Item"] = field(default_factory=list)


@dataclass
class Layout:
    start: int
    end: int
    issuer_block: list[Seg] = field(default_factory=list)
    motto: list[Seg] = field(default_factory=list)
    regime: str = "unknown"
    number: Optional[Seg] = None
    date: Optional[Seg] = None
    title: Optional[Seg] = None
    subject: list[Seg] = field(default_factory=list)
    author: list[Seg] = field(default_factory=list)
    draft_marks: list[Seg] = field(default_factory=list)
    kinh_gui: list[Seg] = field(default_factory=list)
    body: list[Seg] = field(default_factory=list)
    noi_nhan: list[Seg] = field(default_factory=list)
    signature: list[Seg] = field(default_factory=list)

    def items(self) -> list[Item]:
        """The body as a tree of items (``I.`` > ``1.`` > ``1.1.`` > ``a)`` > ``-`` > ``+``)."""
        return item_tree(self.body)


# ------------------------------------------------------------------ main entry
def segment(doc: Document) -> list[Layout]:
    """Splits the document into one Layout per embedded document (main first)."""
    return [layout_part(doc, first, last) for first, last in parts(doc)]


def parts(doc: Document) -> list[tuple[int, int]]:
    """Line ranges ``[first, last)`` of the documents in the file: the main one, then each
    document embedded after it (see :func:`_document_starts`). A web page's summary printed
    before the letter's header is left out (see :func:`_preamble_end`)."""
    starts = _document_starts(doc)
    return list(zip(starts, starts[1:] + [len(doc.lines)]))


def _is_number_line(text: str) -> bool:
    r = rules()
    return bool(r.number.match(fold(text).lstrip(" *_|")) and re.search(r"[-/][A-ZĐ]", text) and len(text) < 60)


def _header_above(doc: Document, i: int, floor: int) -> int:
    """The first line of the header whose motto or number line is line ``i``: the caps
    issuer lines (and ornaments) just above it."""
    r = rules()
    j = i
    while j - 1 > floor:
        prev = doc.lines[j - 1].text
        if r.authority.match(fold(prev)) or looks_name(prev) or is_position(prev) and (
                fold(prev).strip(" .*") in r.positions or fold(prev).startswith("phó ")):
            break  # the signature of the document before ("THỦ TƯỚNG", not "THỦ TƯỚNG CHÍNH PHỦ")
        if not (is_caps(prev) or r.ornament.match(prev) or motto_kind(prev)):
            break
        j -= 1
    return j


def _preamble_end(doc: Document) -> int:
    """0, or where the letter starts when a web page printed a summary of it first (``##
    Title`` / ``Ngày 3/12/2025, Thủ tướng Chính phủ ban hành Quyết định …`` / ``Xem chi tiết
    …``): the first motto with a number line close by, or a ``Kính gửi`` line when the page
    kept no header, when nothing before it is a header line (no number line, V/v, place-date
    line, type title, signature or Nơi nhận; no line in capitals before a Kính gửi)."""
    r = rules()
    n = len(doc.lines)
    for i, line in enumerate(doc.lines[:80]):
        t = line.text
        key = fold(t).lstrip(" *_|")
        if r.kinh_gui.match(plain(t).lstrip(" *_|")):
            # a letter printed without its header, after the page's summary of it
            return i if i >= 4 and not any(is_caps(doc.lines[j].text) for j in range(i)) else 0
        if _is_number_line(t) or r.authority.match(key) or r.noi_nhan.match(plain(t).lstrip(" -*_|")) \
                or r.subject_cue.match(key) or r.date_line.match(key) and r.date_parts.search(key) \
                or r.title_re.match(key):
            return 0
        joined = " ".join(doc.lines[j].text for j in range(i, min(n, i + 3)))
        if motto_kind(t) in ("state", "party") or motto_kind(joined) in ("state", "party") \
                and len(t.split()) <= 4 and is_caps(t):
            if i < 4:
                return 0
            window = doc.lines[i + 1:min(n, i + 8)]
            if not any(_is_number_line(w.text) or re.fullmatch(r"\W*s[ốo]\s*:?\W*", fold(w.text))
                       for w in window):
                return 0
            return _header_above(doc, i, -1)
    return 0


def _document_starts(doc: Document) -> list[int]:
    """Line indexes where a document begins: the main one's (0, or after a web page's
    summary), and each later header (a number line or a motto with a number line close by)
    that comes after a signature or Nơi nhận. The new document starts at the caps issuer
    lines just above it."""
    r = rules()
    starts = [_preamble_end(doc)]
    seen_footer = False
    n = len(doc.lines)
    for i, line in enumerate(doc.lines):
        if i < starts[0]:
            continue
        key = fold(line.text)
        if r.noi_nhan.match(plain(line.text).lstrip(" -*")) or r.authority.match(key):
            seen_footer = True
            continue
        if not seen_footer or i - starts[-1] < 8:
            continue
        is_motto = motto_kind(line.text) in ("state", "party")
        is_number = _is_number_line(line.text)
        if not (is_motto or is_number):
            continue
        window = [fold(doc.lines[j].text) for j in range(max(0, i - 6), min(n, i + 8))]
        if is_motto and not any(r.number.match(w) for w in window):
            continue
        starts.append(_header_above(doc, i, starts[-1]))
        seen_footer = False
    return starts


def layout_part(doc: Document, first: int, last: int) -> Layout:
    """The Layout of lines ``[first, last)``: one document of the file."""
    lay = Layout(start=doc.lines[first].start if first < len(doc.lines) else 0,
                 end=doc.lines[last - 1].end if 0 < last <= len(doc.lines) and last > first else 0)
    fstart = footer_start(doc, first, last)
    merges = header_merges(doc, first, min(last, fstart))
    state = "header"
    foot = {"noi_nhan": "none", "named": False}  # footer state: none/open/closed, signer named
    idx = first
    pos = {"next": first}

    def peek(k: int) -> Optional[str]:
        """The k-th non-blank line after the current one."""
        j, seen = pos["next"], 0
        while j < last:
            if doc.lines[j].text.strip():
                seen += 1
                if seen == k:
                    return doc.lines[j].text
            j += 1
        return None

    reader = HeaderReader(doc, lay, first, peek)
    while idx < last:
        line_idx = idx
        in_header = state == "header" and idx < fstart
        if in_header and idx in merges:
            end_idx = merges[idx]
            st, en = doc.lines[idx].start, doc.lines[end_idx].end
            segs = cut(doc, doc.text[st:en], st, idx, header=True)
            idx = end_idx + 1
        else:
            segs = cut(doc, doc.lines[idx].text, doc.lines[idx].start, idx, header=in_header,
                       footer=idx >= fstart)
            idx += 1
        pos["next"] = idx
        for seg in segs:
            # ---------------------------------------------------------- footer
            if line_idx >= fstart and state != "annex":
                state = file_footer(doc, lay, seg, foot)
                if state != "annex":
                    continue
            if state == "header":
                if reader.feed(seg, line_idx):
                    if reader.state == "body":
                        state = "body"
                    continue
                state = "body"
            lay.body.append(seg)
    return lay


# ------------------------------------------------------------------ item tree
_RANK = {"roman": 0, "decimal": 1, "letter": 3, "dash": 4, "plus": 5}


def item_tree(body: list[Seg]) -> list[Item]:
    """Nests body segments by their labels. ``1.1.`` sits under ``1.``; ``a)`` under the
    last decimal item; ``-`` under the last labelled item; unlabelled paragraphs are leaves
    of the current item (kind ``para``)."""
    roots: list[Item] = []
    stack: list[tuple[float, Item]] = []
    for seg in body:
        m = _LIST_LABEL.match(seg.text)
        if m:
            kind = m.lastgroup
            label = m.group(0).strip()
            rank = float(_RANK[kind])
            if kind == "decimal":
                rank += 0.1 * m.group("decimal").count(".")
        else:
            kind, label, rank = "para", None, 9.0
        item = Item(label=label, kind=kind, depth=0, seg=seg)
        if kind == "para":
            parent = stack[-1][1] if stack else None
            if parent is None:
                roots.append(item)
            else:
                item.depth = parent.depth + 1
                parent.children.append(item)
            continue
        while stack and stack[-1][0] >= rank:
            stack.pop()
        if stack:
            item.depth = stack[-1][1].depth + 1
            stack[-1][1].children.append(item)
        else:
            roots.append(item)
        stack.append((rank, item))
    return roots
