"""Header lines as the layout reads them: lines a page or a converter glued together are cut
at the markers they hold, and lines it broke apart are read together.

Cut (one line → several segments):

- at every motto, slogan, ``Kính gửi`` and ``Nơi nhận`` (``BẢO HIỂM XÃ HỘI VIỆT NAM CỘNG HÒA
  …``), at a number line after capitals (``ỦY BAN NHÂN DÂN Số: 12/UBND``) but not at a cited
  number (``CHỈ THỊ SỐ 14-CT/TW``), at ``V/v`` after the number, at the wide gap between two
  columns, at ``-----`` rules;
- before the place of a glued place-date line (``Số: /UBND-TTHC Bình Sơn, ngày …``, ``V/v …
  đường Hồ Chí Minh Hà Nội, ngày …``: a known province name ends the run of capitalised words)
  and after its year (``… năm 2010 QUYẾT ĐỊNH BAN HÀNH …``).

Merged (several lines → one segment), in the header only:

- the motto broken anywhere (``CỘNG HÒA XÃ`` / ``HỘI CHỦ NGHĨA VIỆT NAM``);
- ``Số:`` alone and the number on the next line;
- a place-date line broken before its year (``Hà Tĩnh, ngày`` / ``01 tháng12 năm 2025``,
  ``… tháng 11 năm`` / ``2025``) or inside its place (``Thành phố Hồ`` / ``Chí Minh, ngày …``);
- a type title broken between its words (``QUYẾT`` / ``ĐỊNH``), ``Kính`` / ``gửi: …``.
"""
from __future__ import annotations

import re
from typing import Optional

from .layout_rules import Seg, dien_line, is_caps, plain, position_head, rules, upper_only
from .model import Document
from .normalize import fold

_CUT_MARKERS = ("motto_state", "motto_party", "slogan", "kinh_gui", "noi_nhan")


def cut(doc: Document, text: str, base: int, idx: int, header: bool, footer: bool = False) -> list[Seg]:
    """Cuts ``text`` (at ``base`` in ``doc.text``; line ``idx``) into segments at header
    markers (header lines) and at the wide gap between two columns that a reader kept
    inside a line (header and footer lines: ``- Lưu: VT, TTHC.        Nguyễn Tưởng Duy``)."""
    line = doc.lines[idx]
    r = rules()
    key = fold(text)
    pkey = plain(text)
    points = {0}
    if header or footer:
        for m in re.finditer(r"\S( {4,})(?=\S)", text):
            before, after = key[:m.start(1)], key[m.end(1):]
            if not re.search(r"(?:số\s*:?|ngày|tháng|/|-)$", before) and not re.match(r"(?:tháng|năm|/|-)", after):
                points.add(m.end(1))  # blanks of a draft's number or date are not column gaps
    if footer:  # a signing authority glued after Nơi nhận by OCR: "Nơi nhận: T/M BAN THƯỜNG VỤ"
        for m in r.authority_any.finditer(key):
            if m.start() > 0 and text[m.start() - 1] == " " and re.search(r"[./]", m.group(0)) \
                    and is_caps(text[m.start():m.start() + 16]) and is_caps(text[m.end():m.end() + 16]) \
                    and not text[:m.start()].rstrip().endswith(","):  # not "- Lưu: VT, KT."
                points.add(m.start())
        # the signature cell glued after the last Nơi nhận item: "… - Lưu: VT, NC (Lam) CHỦ TỊCH Nguyễn Văn A"
        tail = _SIGNATURE_TAIL.search(text)
        if tail and tail.start() > 0 and position_head(tail.group("caps")) \
                and any(c.islower() for c in text[:tail.start()]):
            points.add(tail.start("caps"))
    markers = _CUT_MARKERS if header else ("motto_state", "motto_party", "noi_nhan")
    for name in markers:
        for m in getattr(r, name).finditer(pkey):
            if m.start() == 0 or not pkey[m.start() - 1].isalpha():
                points.add(m.start())
    if header:
        for m in r.number.finditer(key):
            if m.start() == 0 or key[m.start() - 1] in " *|":
                pre = key[:m.start()]
                if re.match(r"s[ốo]\b", key[m.start():]) and not r.citing.search(pre) and (
                        m.start() == 0 or is_caps(text[:m.start()]) or r.slogan.search(pkey[:m.start()])):
                    points.add(m.start())
        for m in r.subject_cue.finditer(key):
            if m.start() > 0 and r.number.match(key):
                points.add(m.start())
        nm = _NUMBER_TOKEN.match(text)
        if nm and text[nm.end():].strip() and re.match(r"\s+[^\W\d_]", text[nm.end():]) \
                and any(c.islower() for c in text[nm.end():].split()[0][1:] + text[nm.end():].split()[-1]):
            points.add(nm.end())  # the trích yếu glued after a Party number ("Số -CV/ĐU cho ý kiến …")
        for m in r.date_line.finditer(key):
            pre = text[:m.start("place")]
            if m.start() > 0 and (r.number.match(key) or is_caps(pre) or r.slogan.search(pkey[:m.start("place")])
                                  or r.subject_cue.match(key.lstrip(" *"))):
                at = place_start(text, m.start())
                if at is not None:
                    points.add(at)
            dm = r.date_parts.match(key, m.end() - 4) or _BLANK_YEAR.match(key, m.end() - 4)
            if dm and text[dm.end():].strip(" .*_|"):
                points.add(dm.end())  # the title or the body glued after the year
        # a công điện's addressee line glued after the subject: "… xuất huyết BỘ TRƯỞNG BỘ Y TẾ điện:"
        at = dien_start(text)
        if at:
            points.add(at)
        # "------" rules glued to a header line
        for m in re.finditer(r"\s-{3,}\s*", text):
            points.add(m.start())
            points.add(m.end())
    pts = sorted(p for p in points if 0 <= p < len(text))
    segs = []
    for a, b in zip(pts, pts[1:] + [len(text)]):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if not piece or re.fullmatch(r"[-–_=*.\s]+", piece) and len(piece) > 1:
            continue
        s = base + a + lead
        segs.append(Seg(piece, s, s + len(piece), idx, line.bold, line.italic))
    return segs


_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_SIGNATURE_TAIL = re.compile(rf"(?<=[\w).;,])\s+(?P<caps>(?:[{_UP}]+[.,]?\s+)+)"
                             rf"(?:[{_UP}][a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+\s*){{2,6}}$")
# a number line's number: "Số -CV/ĐU", "Số: 296/BHXH-CSYT", "Số 34 -NQ/TU", "Số: 01/2024/QĐ-UBND"
_NUMBER_TOKEN = re.compile(r"[\s*_|]*S[ốỐoO]\s*:?\s*[\d\s.…_]*(?:/\s*(?:19|20)\d\d\s*)?[-–/]?\s*"
                           r"[A-ZĐ][A-Za-zĐđ0-9&.]*(?:\s*[-–/]\s*[A-ZĐ][A-Za-zĐđ0-9&.]*)*")
_BLANK_YEAR = re.compile(r"ngày[\s.…_]*(?:\d{1,2})?[\s.…_]*tháng[\s.…_]*(?:\d{1,2})?[\s.…_]*năm[\s.…_]*(?=[^\d\s.…_])")
_PLACE_WORD = re.compile(r"[^\W\d_][\w.]*\.?")
_UNIT_BEFORE = re.compile(r"(?:thành\s+phố|tp\.?|thị\s+xã|tx\.?|thị\s+trấn|huyện|tỉnh|xã|phường|quận)\s+$")


def dien_start(text: str) -> Optional[int]:
    """Where a công điện's addressee line glued after other text begins: the run of words in
    capitals before ``điện:`` (``… xuất huyết BỘ TRƯỞNG BỘ Y TẾ điện:`` → at ``BỘ``), or None."""
    m = re.search(r"[\s*_]điện[\s*_]*:", text)
    if not m:
        return None
    at = None
    for w in reversed(list(re.finditer(r"\S+", text[:m.start()]))):
        if not upper_only(w.group(0)) and w.group(0).strip("*_|"):
            break
        at = w.start()
    if not at or dien_line(text[at:]) is None:
        return None
    return at


def place_start(text: str, start: int) -> Optional[int]:
    """Where the place name of a glued date line begins: the run of capitalised words
    before ``, ngày`` (``Số: /UBND-TTHC Bình Sơn, ngày`` → at ``Bình``). All-caps words
    such as a symbol's ``TTHC`` are not part of a place; ``TP.`` is. After running text (a
    subject: ``… đường Hồ Chí Minh Hà Nội, ngày``) the place is the longest known province
    name that ends the run, with its ``Thành phố`` / ``Tỉnh`` word."""
    sub = re.search(r"(?:[^\W\d_][\w.]*\.?\s+){0,5}[^\W\d_][\w.]*\s*,\s*ngày", fold(text[start:]))
    if not sub:
        return None
    first = None
    words = []
    for w in re.finditer(r"\S+", text[start:start + sub.end()]):
        word = w.group(0)
        if word[0].isupper() and not (len(word) > 1 and word.isupper() and not word.endswith(".")):
            first = first if first is not None else w.start()
            words.append(w)
        elif not word.startswith("ngày"):
            first = None
            words = []
    if first is None:
        return None
    run = [w for w in words if w.start() >= first]
    provinces = rules().provinces
    if len(run) > 2:
        for k in range(len(run)):
            name = fold(" ".join(w.group(0).strip(",") for w in run[k:])).strip(" ,")
            if name in provinces:
                first = run[k].start()
                break
    lead = fold(text[start:start + first])
    unit = _UNIT_BEFORE.search(lead)
    if unit and text[start + unit.start()].isupper():
        first = unit.start()
    return start + first


def _year_missing(key: str) -> bool:
    return not re.search(r"năm\s*\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}", key)


def header_merges(doc: Document, first: int, last: int) -> dict[int, int]:
    """Header lines broken apart (see the module docstring): line index → index of the last
    line it must be read with."""
    r = rules()
    merges: dict[int, int] = {}
    lines = doc.lines
    stop = min(last, first + 40)
    i = first
    while i < stop - 1:
        a = fold(lines[i].text).strip(" *_|")
        pa = plain(lines[i].text).strip(" *_|")
        j = i
        # the motto broken anywhere
        for rx in (r.motto_state, r.motto_party, r.slogan):
            both = pa + " " + plain(lines[i + 1].text).strip(" *_|")
            if not rx.search(pa) and not rx.search(both[len(pa) + 1:]) and rx.search(both):
                j = i + 1
        # "Số:" alone, the number on the next line
        if re.fullmatch(r"s[ốo]\s*:?", a) and re.match(r"[\d/.…_ ]*[-–/]?\s*\w", fold(lines[i + 1].text)):
            j = i + 1
        # a type title broken between its words
        if is_caps(lines[i].text) and len(a) < 12 and not r.title_re.match(a):
            for k in (i + 1, i + 2):
                if k < stop and is_caps(lines[k].text):
                    joined = " ".join(fold(lines[x].text).strip(" *_|") for x in range(i, k + 1))
                    if r.title_re.match(joined):
                        j = k
                        break
        # a công điện's sender broken inside a word by bold marks: "**TH****Ủ" / "TƯỚNG CHÍNH PHỦ điện:**"
        if upper_only(lines[i].text) and dien_line(lines[i + 1].text) is not None \
                and not position_head(lines[i + 1].text.strip(" *_|")):
            glued = re.sub(r"[*_]+", "", lines[i].text + " " + lines[i + 1].text).strip()
            if position_head(glued) and len(lines[i].text.strip(" *_|")) <= 12:
                j = i + 1
        # "Kính" / "gửi: …"
        if re.fullmatch(r"kính", a) and re.match(r"gửi\b", fold(lines[i + 1].text).strip(" *")):
            j = i + 1
        # a place-date line broken inside its place or before its year
        j = max(j, _date_end(lines, i, stop))
        if j > i:
            merges[i] = j
            i = j + 1
        else:
            i += 1
    return merges


def _date_end(lines, i: int, stop: int) -> int:
    """Last line of a place-date line that starts at line ``i`` and is broken, else ``i``."""
    r = rules()
    a = fold(lines[i].text).strip(" *_|")
    starts = (r.date_line.search(a) or re.match(r"ngày\b", a)
              or re.search(r"[^\W\d_]\s*,$", a) and len(a) < 40 and lines[i].text.strip(" *_|")[:1].isupper())
    j = i
    if not starts and len(a) < 25 and a and lines[i].text.strip(" *_|")[:1].isupper() \
            and not re.search(r"\d", a) and not is_caps(lines[i].text) and i + 1 < stop:
        nxt = fold(lines[i + 1].text).strip(" *_|")
        if re.match(r"(?:[^\W\d_][\w.]*\s+){0,3}[^\W\d_][\w.]*\s*,?\s*ngày\b", nxt):
            j = i + 1  # "Thành phố Hồ" / "Chí Minh, ngày …"
            a = a + " " + nxt
            starts = True
    if not starts:
        return i
    joined = a
    while _year_missing(joined) and j + 1 < stop and j - i < 3:
        nxt = fold(lines[j + 1].text).strip(" *_|")
        if not nxt or len(nxt) > 40 or not re.match(r"(?:ngày|tháng|năm|\d|[.…_])", nxt):
            break
        joined += " " + nxt
        j += 1
    if j > i and not r.date_parts.search(joined):
        return i
    return j


def split_inline_items(seg: Seg) -> list[Seg]:
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


def split_semicolons(seg: Seg) -> list[Seg]:
    """A recipient paragraph without dashes whose items ``;`` separates (``Sở Tài chính; Sở Nội
    vụ; Kho bạc Nhà nước tỉnh.``) → one segment per item. A dash item is one item as written
    (``- Bộ trưởng; Thủ trưởng cơ quan ngang Bộ``)."""
    if re.match(r"[\s*_|]*[-–•+]", seg.text):
        return [seg]
    out, pos = [], 0
    cuts = [m.end() for m in re.finditer(r";\s+(?=[A-ZĐÀ-Ỹ])", seg.text)]
    for c in cuts + [len(seg.text)]:
        piece = seg.text[pos:c]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            st = seg.start + pos + lead
            out.append(Seg(piece, st, st + len(piece), seg.line, seg.bold, seg.italic))
        pos = c
    return out
