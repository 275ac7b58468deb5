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
from functools import lru_cache
from typing import Optional

from .model import Document
from .normalize import fold, fold_pattern, is_caps
from .resources import load_patterns


@dataclass
class Seg:
    """A piece of a line: ``text == doc.text[start:end]``."""

    text: str
    start: int
    end: int
    line: int  # index in Document.lines
    bold: Optional[bool] = None
    italic: Optional[bool] = None

    @property
    def key(self) -> str:
        return fold(self.text)


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


# ------------------------------------------------------------------ compiled rules
class _Rules:
    def __init__(self) -> None:
        p = load_patterns("header")
        c = lambda s: re.compile(fold_pattern(s))
        self.motto_state = c(p["motto"]["state"])
        self.motto_party = c(p["motto"]["party"])
        self.slogan = c(p["motto"]["slogan"])
        self.number = c(p["number_line"])
        self.date_line = c(p["date_line"])
        self.date_parts = c(p["date_parts"])
        self.subject_cue = c(p["subject_cue"])
        self.kinh_gui = c(p["kinh_gui"])
        self.noi_nhan = c(p["noi_nhan"])
        self.draft = c(p["draft"])
        self.ornament = c(p["ornament"])
        self.authority = c("^" + p["authority_prefix"])
        self.positions = sorted((fold(x) for x in p["positions"]), key=len, reverse=True)
        self.place_words = [fold(x) for x in p["place_words"]]
        self.place_bodies = [fold(x) for x in p["place_bodies"]]
        self.issuer_heads = sorted((fold(x) for x in p["issuer_heads"]), key=len, reverse=True)
        types = load_patterns("doc_types")
        titles = {fold(n) for table in ("state", "party") for n in types[table].values()}
        titles |= {fold(t) for t in p["extra_titles"]}
        self.titles = sorted(titles, key=len, reverse=True)
        self.title_re = re.compile(r"^\s*(?:" + "|".join(re.escape(t) for t in self.titles)
                                   + r")\s*(?::)?\s*$")
        self.title_start = re.compile(r"^\s*(?:" + "|".join(re.escape(t) for t in self.titles)
                                      + r")\b")


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


# markers at which a flattened line is cut (each starts a new segment)
_CUT_MARKERS = ("motto_state", "motto_party", "slogan", "kinh_gui", "noi_nhan")
_LIST_LABEL = re.compile(
    r"^\s*(?:(?P<roman>[IVXLC]{1,6})[.)]\s|(?P<decimal>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)])\s|"
    r"(?P<letter>[a-zđ])[)/.]\s|(?P<dash>[-–•])\s*|(?P<plus>\+)\s*)")


# ------------------------------------------------------------------ segmenting lines
def _cuts(doc: Document, idx: int, header: bool, footer: bool = False) -> list[Seg]:
    """Cuts line ``idx`` into segments at header markers (header lines) and at the wide
    gap between two columns that a reader kept inside a line (header and footer lines:
    ``- Lưu: VT, TTHC.            Nguyễn Tưởng Duy``)."""
    line = doc.lines[idx]
    r = rules()
    key = fold(line.text)
    points = {0}
    if header or footer:
        for m in re.finditer(r"\S( {4,})(?=\S)", line.text):
            before, after = key[:m.start(1)], key[m.end(1):]
            if not re.search(r"(?:số\s*:?|ngày|tháng|/|-)$", before) and not re.match(r"(?:tháng|năm|/|-)", after):
                points.add(m.end(1))  # blanks of a draft's number or date are not column gaps
    markers = _CUT_MARKERS if header else ("motto_state", "motto_party", "noi_nhan")
    for name in markers:
        for m in getattr(r, name).finditer(key):
            points.add(m.start())
    if header:
        for m in r.number.finditer(key):
            if m.start() == 0 or key[m.start() - 1] == " ":
                if re.match(r"s[ốo]\b", key[m.start():]) and (m.start() == 0 or is_caps(line.text[:m.start()])
                                                           or r.slogan.search(key[:m.start()])):
                    points.add(m.start())
        for m in r.subject_cue.finditer(key):
            if m.start() > 0 and r.number.match(key):
                points.add(m.start())
        for m in r.date_line.finditer(key):
            pre = key[:m.start("place")]
            if m.start() > 0 and (r.number.match(key) or is_caps(line.text[:m.start("place")])
                                  or r.slogan.search(pre)):
                cut = _place_start(line.text, m.start())
                if cut is not None:
                    points.add(cut)
        # "------" rules glued to a header line
        for m in re.finditer(r"\s-{3,}\s*", line.text):
            points.add(m.start())
            points.add(m.end())
    pts = sorted(p for p in points if 0 <= p < len(line.text))
    segs = []
    for a, b in zip(pts, pts[1:] + [len(line.text)]):
        piece = line.text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if not piece or re.fullmatch(r"[-–_=*.\s]+", piece) and len(piece) > 1:
            continue
        s = line.start + a + lead
        segs.append(Seg(piece, s, s + len(piece), idx, line.bold, line.italic))
    return segs


def _place_start(text: str, start: int) -> Optional[int]:
    """Where the place name of a glued date line begins: the run of capitalised words
    before ``, ngày`` (``Số: /UBND-TTHC Bình Sơn, ngày`` → at ``Bình``). All-caps words
    such as a symbol's ``TTHC`` are not part of a place; ``TP.`` is."""
    sub = re.search(r"(?:[^\W\d_][\w.]*\.?\s+){0,3}[^\W\d_][\w.]*\s*,\s*ngày", fold(text[start:]))
    if not sub:
        return None
    first = None
    for w in re.finditer(r"\S+", text[start:start + sub.end()]):
        word = w.group(0)
        if word[0].isupper() and not (len(word) > 1 and word.isupper() and not word.endswith(".")):
            first = first if first is not None else w.start()
        elif not word.startswith("ngày"):
            first = None
    return None if first is None else start + first


# ------------------------------------------------------------------ main entry
def segment(doc: Document) -> list[Layout]:
    """Splits the document into one Layout per embedded document (main first)."""
    return [layout_part(doc, first, last) for first, last in parts(doc)]


def parts(doc: Document) -> list[tuple[int, int]]:
    """Line ranges ``[first, last)`` of the documents in the file: the main one, then each
    document embedded after it (see :func:`_document_starts`)."""
    starts = _document_starts(doc)
    return list(zip(starts, starts[1:] + [len(doc.lines)]))


def _document_starts(doc: Document) -> list[int]:
    """Line indexes where a document begins: 0, and each later header (a number line or a
    motto with a number line close by) that comes after a signature or Nơi nhận. The new
    document starts at the caps issuer lines just above it."""
    r = rules()
    starts = [0]
    seen_footer = False
    n = len(doc.lines)
    for i, line in enumerate(doc.lines):
        key = fold(line.text)
        if r.noi_nhan.match(key.lstrip(" -*")) or r.authority.match(key):
            seen_footer = True
            continue
        if not seen_footer or i - starts[-1] < 8:
            continue
        is_motto = r.motto_state.match(key) or r.motto_party.match(key)
        is_number = r.number.match(key) and re.search(r"[-/][A-ZĐ]", line.text) and len(line.text) < 60
        if not (is_motto or is_number):
            continue
        window = [fold(doc.lines[j].text) for j in range(max(0, i - 6), min(n, i + 8))]
        if is_motto and not any(r.number.match(w) for w in window):
            continue
        j = i
        while j - 1 > starts[-1]:
            prev = doc.lines[j - 1].text
            pk = fold(prev)
            if r.authority.match(pk) or _is_position(prev) or _looks_name(prev):
                break
            if not (is_caps(prev) or r.ornament.match(prev) or r.motto_party.match(pk)
                    or r.motto_state.match(pk) or r.slogan.match(pk)):
                break
            j -= 1
        starts.append(j)
        seen_footer = False
    return starts


def _is_position(text: str) -> bool:
    key = fold(text).strip(" .:")
    r = rules()
    return any(key == p or key.startswith(p + " ") for p in r.positions) and is_caps(text)


def _merged_header_lines(doc: Document, first: int, last: int) -> dict[int, int]:
    """Header lines broken in the middle of the motto (``CỘNG HÒA XÃ`` / ``HỘI CHỦ NGHĨA
    VIỆT NAM``) or of the date (``Đắk Lắk, ngày`` / ``26 tháng 11 năm 2025``): line index →
    index of the last line it must be read with."""
    r = rules()
    merges = {}
    for i in range(first, min(last - 1, first + 30)):
        a, b = fold(doc.lines[i].text), fold(doc.lines[i + 1].text)
        both = a + " " + b
        for rx in (r.motto_state, r.motto_party, r.slogan):
            if not rx.search(a) and not rx.search(b) and rx.search(both):
                merges[i] = i + 1
        if re.search(r",\s*ngày\s*$", a) and re.match(r"\d{0,2}\s*tháng", b):
            merges[i] = i + 1
    return merges


def _split_inline_items(seg: Seg) -> list[Seg]:
    """``- A; - B; - C.`` printed on one line (a table cell flattened) → three segments."""
    out, pos = [], 0
    cuts = [m.start() + 1 for m in re.finditer(r"[;,.:]\s+(?=[-–•+]\s)", seg.text)]
    for c in cuts + [len(seg.text)]:
        piece = seg.text[pos:c]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            st = seg.start + pos + lead
            out.append(Seg(piece, st, st + len(piece), seg.line, seg.bold, seg.italic))
        pos = c
    return out


def layout_part(doc: Document, first: int, last: int) -> Layout:
    """The Layout of lines ``[first, last)``: one document of the file."""
    r = rules()
    lay = Layout(start=doc.lines[first].start if first < len(doc.lines) else 0,
                 end=doc.lines[last - 1].end if 0 < last <= len(doc.lines) and last > first else 0)
    footer_start = _footer_start(doc, first, last)
    merges = _merged_header_lines(doc, first, min(last, footer_start))
    state = "header"
    seen_marker = False  # motto, number or date seen
    subject_open = False
    title_seen = False
    foot = {"noi_nhan": "none", "named": False}  # footer state: none/open/closed, signer named
    idx = first
    while idx < last:
        line_idx = idx
        if idx in merges:
            end_idx = merges[idx]
            st, en = doc.lines[idx].start, doc.lines[end_idx].end
            segs = [Seg(doc.text[st:en], st, en, idx, doc.lines[idx].bold, doc.lines[idx].italic)]
            idx = end_idx + 1
        else:
            in_header = state in ("header", "kinh_gui") and idx < footer_start
            segs = _cuts(doc, idx, header=in_header, footer=idx >= footer_start)
            idx += 1
        for seg in segs:
            key = seg.key
            t = seg.text
            # ---------------------------------------------------------- footer
            if line_idx >= footer_start and state != "annex":
                state = _footer(doc, lay, seg, foot)
                if state != "annex":
                    continue
            if state == "annex":
                lay.body.append(seg)
                continue
            # ---------------------------------------------------------- header
            if state in ("header", "kinh_gui"):
                if r.motto_state.match(key) or r.motto_party.match(key) or r.slogan.match(key):
                    lay.motto.append(seg)
                    if lay.regime == "unknown":
                        lay.regime = "party" if r.motto_party.match(key) else (
                            "state" if r.motto_state.match(key) else "unknown")
                    seen_marker = True
                    subject_open = False
                    continue
                if lay.number is None and r.number.match(key) and not title_seen and len(t) < 80:
                    lay.number = seg
                    seen_marker = True
                    subject_open = state == "header" and not lay.subject
                    continue
                if lay.date is None and r.date_line.match(key) and (r.date_parts.search(key)
                                                                   or re.search(r",\s*ngày\s*$", key)):
                    lay.date = seg
                    seen_marker = True
                    subject_open = bool(lay.subject) and not re.search(r"[.;]$", lay.subject[-1].text)
                    continue
                if r.draft.match(key) and len(key) < 40:
                    lay.draft_marks.append(seg)
                    continue
                if r.ornament.match(key):
                    continue
                if r.kinh_gui.match(key):
                    state = "kinh_gui"
                    subject_open = False
                    m = re.match(r"\S+\s+\S+\s*:?\s*", t)
                    rest = t[m.end():] if m else ""
                    if rest.strip():
                        off = seg.start + m.end()
                        rest_seg = Seg(rest.strip(), off, off + len(rest.strip()), seg.line)
                        cut = _BODY_INLINE.search(rest_seg.text, 20)
                        if cut:  # the first body sentence glued to the recipient line
                            head = rest_seg.text[:cut.start()].rstrip()
                            lay.kinh_gui.extend(_split_inline_items(Seg(head, off, off + len(head), seg.line)))
                            lay.body.append(Seg(rest_seg.text[cut.end():], off + cut.end(), rest_seg.end, seg.line))
                            state = "body"
                            continue
                        lay.kinh_gui.extend(_split_inline_items(rest_seg))
                    continue
                if state == "header":
                    caps = is_caps(t)
                    if caps and lay.issuer_block and not title_seen and not lay.subject \
                            and _continues_issuer(t) and line_idx - first < 12:
                        lay.issuer_block.append(seg)
                        continue
                    if r.subject_cue.match(key) and not lay.subject and not title_seen:
                        lay.subject.append(seg)
                        subject_open = True
                        continue
                    if caps and not title_seen and not lay.kinh_gui and (
                            r.title_re.match(key) or seen_marker and r.title_start.match(key)):
                        lay.title = seg
                        title_seen = True
                        subject_open = True
                        continue
                    if title_seen and subject_open:
                        if caps and (re.match(r"(?:về|v/v)\b", key) and not lay.subject
                                     or lay.subject and is_caps(lay.subject[-1].text)):
                            lay.subject.append(seg)  # a subject printed in capitals
                            continue
                        if not lay.subject and caps:
                            lay.author.append(seg)  # "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY": part of the title
                            continue
                        if lay.subject and caps and not is_caps(lay.subject[-1].text):
                            subject_open = False
                            lay.author.append(seg)  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..."
                            continue
                        if lay.subject and (_starts_body(key) or len(t) > 220 or _LIST_LABEL.match(t)
                                            or (t[0].isupper() and not caps
                                                and re.search(r"[.;:]$", lay.subject[-1].text))):
                            subject_open = False
                            state = "body"
                        else:
                            lay.subject.append(seg)
                            continue
                    elif subject_open and not title_seen and lay.subject and caps and len(t.split()) <= 3 \
                            and not re.search(r"[.;:]$", lay.subject[-1].text) and \
                            doc.lines[seg.line].cell == doc.lines[lay.subject[-1].line].cell:
                        lay.subject.append(seg)  # "… theo quy định của Luật" / "KBCB"
                        continue
                    elif subject_open and not title_seen and not caps and not _starts_body(key) \
                            and not _LIST_LABEL.match(t) and len(lay.subject) < 6 and len(t) < 200 \
                            and (not lay.subject or t[0].islower()
                                 or not re.search(r"[.;:]$", lay.subject[-1].text)):
                        lay.subject.append(seg)
                        continue
                    elif not seen_marker and not lay.subject and not title_seen and caps and len(t) < 90:
                        lay.issuer_block.append(seg)
                        continue
                    elif seen_marker and not title_seen and not lay.subject and not lay.kinh_gui \
                            and caps and len(t) < 60 and not lay.issuer_block and line_idx - first < 8:
                        lay.issuer_block.append(seg)
                        continue
                    if not seen_marker and not title_seen and not lay.subject and line_idx - first < 3 \
                            and not _starts_body(key):
                        continue  # an unknown line before any marker (logo text, a page title)
                    state = "body"
                elif state == "kinh_gui":
                    if not lay.kinh_gui or _LIST_LABEL.match(t) and re.match(r"^\s*[-–•+]", t):
                        cut = _BODY_INLINE.search(t, 20)
                        if cut:  # the first body sentence glued to the recipient line
                            head = Seg(t[:cut.start()].rstrip(), seg.start, seg.start + len(t[:cut.start()].rstrip()), seg.line)
                            lay.kinh_gui.extend(_split_inline_items(head))
                            st = seg.start + cut.end()
                            lay.body.append(Seg(t[cut.end():], st, seg.end, seg.line))
                            state = "body"
                            continue
                        lay.kinh_gui.extend(_split_inline_items(seg))
                        continue
                    prev = lay.kinh_gui[-1].text.rstrip()
                    if not re.search(r"[.;]$", prev) and not _starts_body(key) and len(t) < 120:
                        if _wraps(prev, t):
                            first_seg = lay.kinh_gui[-1]
                            lay.kinh_gui[-1] = Seg(doc.text[first_seg.start:seg.end], first_seg.start, seg.end, seg.line)
                        else:
                            lay.kinh_gui.append(seg)  # one recipient per line, without dashes
                        continue
                    state = "body"
            if state == "body":
                lay.body.append(seg)
    return lay


_STAMP = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\s+\d{1,2}:\d{2}")  # digital signature time


def _footer(doc: Document, lay: Layout, seg: Seg, foot: dict) -> str:
    """Files one footer segment under Nơi nhận or the signature; returns ``annex`` when the
    footer is over and what follows belongs to the body again (an annex of the document).

    Nơi nhận and the signature are side by side on paper, so their lines may come
    interleaved (a PDF page break inside the table): each line goes where its shape says."""
    r = rules()
    key, t = seg.key, seg.text
    if r.noi_nhan.match(key.lstrip(" -*")):
        foot["noi_nhan"] = "open"
        m = re.match(r"[\s\-*]*\S+\s+\S+\s*:?\s*", t)
        rest = t[m.end():]
        if rest.strip():
            off = seg.start + m.end()
            _add_cc(doc, lay, Seg(rest.strip(), off, off + len(rest.strip()), seg.line), foot)
        return "footer"
    item = bool(_LIST_LABEL.match(t)) and not r.authority.match(key)
    open_item = foot["noi_nhan"] == "open" and lay.noi_nhan and not re.search(r"[.;]$", lay.noi_nhan[-1].text)
    signature_like = r.authority.match(key) or _is_position(t) or (is_caps(t) and not item) or _looks_name(t)
    if foot["noi_nhan"] == "open" and (item or open_item and not (r.authority.match(key) or _is_position(t)
                                                                   or _looks_name(t))
                                       or not signature_like):
        _add_cc(doc, lay, seg, foot)
        return "footer"
    if not foot["named"]:
        lay.signature.append(seg)
        if _looks_name(t) or (re.search(r"[a-zà-ỹđ]{2,}\s*$", t) and not is_caps(t)):
            foot["named"] = True
        return "footer"
    if is_caps(t) and len(t) < 60 or _STAMP.match(t):
        return "footer"  # the digital signature's stamp under the name
    if foot["noi_nhan"] == "open":
        _add_cc(doc, lay, seg, foot)
        return "footer"
    return "annex"


def _add_cc(doc: Document, lay: Layout, seg: Seg, foot: dict) -> None:
    for piece in _split_inline_items(seg):
        if lay.noi_nhan and not _LIST_LABEL.match(piece.text) and not re.search(r"[.;]$", lay.noi_nhan[-1].text):
            prev = lay.noi_nhan[-1]
            lay.noi_nhan[-1] = Seg(doc.text[prev.start:piece.end], prev.start, piece.end, piece.line)
        else:
            lay.noi_nhan.append(piece)
        if re.match(r"[-–•+]?\s*lưu\b", fold(lay.noi_nhan[-1].text)):
            foot["noi_nhan"] = "closed"


_OPEN_END = re.compile(r"(?:\b(?:của|và|về|thuộc|trực thuộc|giúp việc|tham mưu|các|cho|với|tại|trên|"
                       r"phố|tỉnh|huyện|xã)|[-–&])$")


def _wraps(prev: str, cur: str) -> bool:
    """Is ``cur`` the second line of the recipient item ``prev`` (not a new recipient)?"""
    if cur[:1].islower() or _OPEN_END.search(fold(prev)):
        return True
    key = fold(cur)
    r = rules()
    heads = r.issuer_heads + r.positions + ["các ", "đ/c", "đồng chí", "ông ", "bà ", "hiệu trưởng",
                                            "thủ trưởng", "ủy ban", "uỷ ban"]
    return not any(key.startswith(h.strip() + " ") or key.startswith(h) and h.endswith(" ") for h in heads)


def _continues_issuer(t: str) -> bool:
    """A caps line that continues the issuer line above it (``HUYỆN BÌNH SƠN`` under
    ``ỦY BAN NHÂN DÂN``), not a new body (``HUYỆN ỦY BÌNH SƠN``)."""
    key = fold(t).strip()
    r = rules()
    if any(key.startswith(b) for b in r.place_bodies):
        return False
    return any(key == w or key.startswith(w + " ") or (w.endswith(".") and key.startswith(w))
               for w in r.place_words)


def continues_issuer_line(t: str) -> bool:
    """Inside the issuer block: does caps line ``t`` continue the line above (a place,
    ``VÀ XÃ HỘI`` of a wrapped name) rather than name a new body (``HUYỆN ỦY …``, a line
    opening with an issuer head such as ``BAN``, ``SỞ``, ``PHÒNG``)?"""
    if _continues_issuer(t):
        return True
    key = fold(t).strip()
    r = rules()
    if any(key.startswith(b) for b in r.place_bodies):
        return False
    return not any(key == h or key.startswith(h + " ") for h in r.issuer_heads)


def _looks_name(t: str) -> bool:
    """A person's name: 2–6 capitalised words, no digits or punctuation."""
    words = t.strip().split()
    return 2 <= len(words) <= 6 and all(w[0].isupper() and w.isalpha() for w in words) \
        and not is_caps(t)


_BODY_CUES = re.compile(r"^(?:(?:căn\s+cứ|thực\s+hiện|theo\s+đề\s+nghị|xét\s+đề\s+nghị|"
                        r"nhằm|để|trong\s+thời\s+gian|thời\s+gian\s+qua|tiếp\s+theo|vừa\s+qua|"
                        r"hiện\s+nay|qua|sau\s+khi)\b|(?:từ\s+)?ngày\s+\d)")


_BODY_INLINE = re.compile(r"(?<=[^\W\d])\s+(?=(?:Trong thời gian|Thực hiện|Căn cứ|Theo đề nghị|Nhằm|Để|"
                          r"Ngày \d|Thời gian qua|Hiện nay|Vừa qua|Tiếp theo)\b)")


def _starts_body(key: str) -> bool:
    return bool(_BODY_CUES.match(key.strip()))


def _footer_start(doc: Document, first: int, last: int) -> int:
    """Index of the first line of Nơi nhận / signature in lines [first, last)."""
    r = rules()
    lo = first + 3
    for i in range(lo, last):
        key = fold(doc.lines[i].text).lstrip(" -*")
        if r.noi_nhan.match(key):
            # Nơi nhận may come after the signature block (text order of some exports)
            j = i
            k = i - 1
            while k > lo and i - k <= 4 and (is_caps(doc.lines[k].text) or _looks_name(doc.lines[k].text)):
                if r.authority.match(fold(doc.lines[k].text)) or _is_position(doc.lines[k].text):
                    j = k
                k -= 1
            return j
    # no Nơi nhận: the signature is the last authority or position line near the end
    for i in range(max(lo, last - 8), last):
        t = doc.lines[i].text
        key = fold(t)
        if r.authority.match(key) and is_caps(t.split(" ", 1)[-1][:20] or "X"):
            return i
        if _is_position(t) and len(t) < 60:
            return i
    return last


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
