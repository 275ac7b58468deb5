"""PDF reader: the text layer of a PDF, read with pypdfium2, in reading order.

How a page is read:

1. **Words.** PDFium's character stream (``FPDFText_GetText``) is cut into words at
   spaces, line breaks and hyphen markers. A word's geometry comes from the boxes of its
   first and last characters; the baseline and font size are read once per run of text
   between two line breaks PDFium inserted. That is two or three C calls per word
   instead of several per character. A word whose ends are not where its run is (PDFium
   sometimes glues text from two places together) is measured character by character
   and cut. Text turned a quarter or upside down (some scanners' text layers) is read in
   its own direction, from the angle most of the page's characters have.
2. **Visual lines.** Words are grouped by baseline (tolerance ``SAME_LINE`` em) and
   sorted by x.
3. **Columns.** A gap between two words of one line much wider than word spacing
   (``COL_GAP`` em) is a candidate column gap. From such a line the empty vertical band
   is grown up and down over the neighbouring lines for as long as no word spans it (the
   band narrows to the free space, never below ``MIN_BAND`` em). One-sided lines at the
   top of a block that sits under other text (the short last line of a paragraph) and a
   one-sided line centred on the text block rather than on its column (a title such as
   ``KẾ HOẠCH`` under the header) are left out. The block is a two-column region
   (header: issuer | motto and date; Nơi nhận | signature) when both sides hold at least
   two lines: its left column is emitted first (``cell=(0, 0, 0)``), then its right one
   (``cell=(0, 0, 1)``). A block where most lines hold both cells (a two-column table
   in the body, four rows or more) or where a column splits again (three or more
   columns) is a table and is read row by row. Everything else is emitted top to bottom.
   No coordinate or size is fixed in advance: thresholds are multiples of the font size.
4. **Clean-up.** Running page numbers alone on the first or last line of a page are
   dropped; words broken at a line end with a hyphen (PDFium marks such hyphens with
   U+FFFE, sometimes U+00AD) are re-joined on the first line; a mark inside a line is a
   plain ``-`` again. Text is normalised with :func:`~extractor.normalize.clean_text`.
   Spaces inside a line are single, except at a wide gap that is not a column region
   (``Kính gửi:      - UBND huyện``), which keeps a run of spaces proportional to its width.

Lines carry ``page`` (1-based), ``x0``/``x1`` (points from the left edge) and ``top``
(points from the top edge of the page, as in pdfplumber). Pages are separated by a blank
line.

pypdfium2 is imported lazily, so ``import extractor`` stays light. PDFium is not
thread-safe: do not read PDFs from several threads at once.
"""
from __future__ import annotations

import ctypes
import hashlib
import math
import re
from typing import Optional

from ..errors import ReadError, UnsupportedFormat
from ..model import Document, DocumentBuilder
from ..normalize import clean_text

# a gap of more than COL_GAP em between two words of a line is a possible column gap
COL_GAP = 1.5
# a column band must stay at least this wide (em) over the whole region
MIN_BAND = 1.0
# words whose baselines differ by less than this (em) are on the same visual line
SAME_LINE = 0.4
# a gap wider than this (em) between two words with nothing between them in the stream is a space
SPACE_GAP = 0.15

_SEP = frozenset(" \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                 "\u2009\u200a\u202f\u205f\u3000" + "".join(chr(c) for c in range(32) if c != 2))
# PDFium's marker for a hyphen at a line end (U+FFFE; 0x02 in older builds) and the soft hyphen
_HYPH = frozenset("\ufffe\x02\u00ad")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*$"
                          r"|^\s*(?:Trang|Page)\s+\d{1,4}(?:\s*/\s*\d{1,4})?\s*$", re.IGNORECASE)


class _Tok:
    """One word: text and geometry (PDF user space, y upwards)."""

    __slots__ = ("text", "x0", "x1", "base", "size", "top", "sp", "seq")

    def __init__(self, text: str, x0: float, x1: float, base: float, size: float, top: float,
                 sp: bool, seq: int) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.base = base
        self.size = size
        self.top = top
        self.sp = sp  # whitespace before it in PDFium's character stream
        self.seq = seq

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_Tok({self.text!r}, x={self.x0:.1f}-{self.x1:.1f}, base={self.base:.1f})"


class _VLine:
    """One visual line: words sorted by x."""

    __slots__ = ("toks", "base", "size")

    def __init__(self, toks: list, base: float, size: float) -> None:
        self.toks = toks
        self.base = base
        self.size = size


# --------------------------------------------------------------------------- public API
def read_pdf(data: bytes, path: Optional[str] = None) -> Document:
    """Reads the text layer of a PDF into a :class:`Document` (format ``pdf``).

    Raises :class:`ReadError` for empty, damaged, truncated or password-protected files and
    :class:`UnsupportedFormat` for a PDF without any text (a scan: OCR comes later).
    """
    if not data:
        raise ReadError("PDF is damaged or truncated (empty file, 0 bytes)")
    if b"%PDF-" not in data[:1024]:
        raise ReadError("PDF is damaged or truncated (no %PDF header: not a PDF file)")

    import pypdfium2 as pdfium  # lazy: heavy native library
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise ReadError("PDF is encrypted (password required)") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ReadError("PDF is encrypted (unsupported security handler)") from None
        if b"%%EOF" not in data[-2048:]:
            reason = "the end of the file is missing"
        else:
            reason = {raw.FPDF_ERR_FORMAT: "PDFium cannot parse its structure",
                      raw.FPDF_ERR_FILE: "PDFium cannot open it"}.get(code, "unknown PDFium error")
        raise ReadError(f"PDF is damaged or truncated ({reason})") from None
    except Exception as e:  # anything else pypdfium2 may raise on odd input
        raise ReadError(f"PDF is damaged or truncated ({type(e).__name__})") from None

    warnings: list[str] = []
    try:
        npages = len(pdf)
        if npages == 0:
            raise ReadError("PDF is damaged or truncated (no pages)")
        ctx = _Ctx(raw)
        pages: list[list] = []
        textless: list[str] = []
        for i in range(npages):
            try:
                page = pdf[i]
            except Exception:
                raise ReadError(f"PDF is damaged or truncated (page {i + 1} cannot be loaded)") from None
            try:
                width, height = page.get_size()
                tp = page.get_textpage()
                try:
                    toks = _page_words(tp, ctx, width, height)
                finally:
                    tp.close()
                if ctx.rot % 2:  # text turned a quarter: the page is read sideways
                    height = width
            except ReadError:
                raise
            except Exception:
                raise ReadError(f"PDF is damaged or truncated (page {i + 1} cannot be read)") from None
            finally:
                page.close()
            if not toks:
                textless.append(str(i + 1))
            pages.append(_page_lines(toks, height) if toks else [])
    finally:
        pdf.close()

    if len(textless) == npages:
        raise UnsupportedFormat("not supported yet: scanned PDF without a text layer (OCR comes later)")
    if textless:
        many = len(textless) > 1
        warnings.append(f"page{'s' if many else ''} {', '.join(textless)} of the PDF "
                        f"ha{'ve' if many else 's'} no text layer (scanned?): not read")
    if b"%%EOF" not in data[-2048:]:
        warnings.append("the PDF has no end-of-file marker: it may be truncated")

    _repair_hyphens(pages)
    b = DocumentBuilder()
    first = True
    for pno, items in enumerate(pages, 1):
        if not items:
            continue
        if not first:
            b.add("")
        first = False
        for text, x0, x1, top, col in items:
            text = clean_text(text).strip()
            if not text:
                continue
            b.add(text, page=pno, x0=round(x0, 2), x1=round(x1, 2), top=round(top, 2),
                  cell=(0, 0, col) if col is not None else None)
    return b.build("pdf", path=path, sha256=hashlib.sha256(data).hexdigest(), pages=npages,
                   warnings=warnings)


# --------------------------------------------------------------------------- words
class _Ctx:
    """ctypes buffers and bound PDFium functions, made once per document."""

    def __init__(self, raw) -> None:
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))
        self.ox, self.oy = ctypes.c_double(), ctypes.c_double()
        self.box_args = tuple(ctypes.byref(v) for v in (self.l, self.r, self.b, self.t))
        self.org_args = (ctypes.byref(self.ox), ctypes.byref(self.oy))
        self.get_box = raw.FPDFText_GetCharBox
        self.get_origin = raw.FPDFText_GetCharOrigin
        self.get_size = raw.FPDFText_GetFontSize
        self.get_unicode = raw.FPDFText_GetUnicode
        self.get_angle = raw.FPDFText_GetCharAngle
        self.rot = 0  # quarter turns of the page's text (see _page_words)
        self.w = self.h = 0.0

    def _turn(self, l: float, r: float, b: float, t: float, ox: float, oy: float) -> tuple:
        """Page coordinates → coordinates in which the text runs left to right."""
        w, h = self.w, self.h
        if self.rot == 1:    # PDFium's angles turn clockwise: the text runs downwards
            return h - t, h - b, l, r, h - oy, ox
        if self.rot == 2:    # upside down
            return w - r, w - l, h - t, h - b, w - ox, h - oy
        return b, t, w - r, w - l, oy, w - ox  # runs upwards

    def char(self, tp, i: int) -> tuple:
        """(left, right, bottom, top, origin x, baseline y, font size) of character i."""
        if self.get_box(tp, i, *self.box_args):
            l, r, b, t = self.l.value, self.r.value, self.b.value, self.t.value
        else:
            l = r = b = t = None
        if self.get_origin(tp, i, *self.org_args):
            ox, oy = self.ox.value, self.oy.value
        else:
            ox, oy = (l or 0.0), (b or 0.0)
        if l is None:
            l = r = ox
            b = t = oy
        if self.rot:
            l, r, b, t, ox, oy = self._turn(l, r, b, t, ox, oy)
        size = self.get_size(tp, i)
        h = t - oy
        if size < 2 and h > 1:  # font size 1 scaled by the text matrix
            size = h / 0.7
        if size <= 0:
            size = 10.0
        return l, r, b, t, ox, oy, size

    def box(self, tp, i: int) -> tuple:
        if self.get_box(tp, i, *self.box_args):
            if self.rot:
                return self._turn(self.l.value, self.r.value, self.b.value, self.t.value, 0, 0)[:4]
            return self.l.value, self.r.value, self.b.value, self.t.value
        return None

    def rotation(self, tp, text: str) -> int:
        """Quarter turns (0-3, clockwise) of most of the text on the page."""
        idx = [i for i in range(0, len(text), max(1, len(text) // 48)) if not text[i].isspace()][:24]
        votes = [0, 0, 0, 0]
        for i in idx:
            a = self.get_angle(tp, i)
            if a >= 0:
                votes[round(a / (math.pi / 2)) % 4] += 1
        return max(range(4), key=lambda k: (votes[k], k == 0))


def _page_words(textpage, ctx: _Ctx, width: float, height: float) -> list:
    """The words of a page, in PDFium's stream order.

    Within a *run* (the characters between two line breaks PDFium inserted) words share
    a baseline and a font size, so only the boxes of a word's first and last characters
    are read; a word that does not sit where the run is, and the first word of a run,
    are measured fully by :func:`_measure`."""
    tp = textpage.raw
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != n:  # characters outside the BMP: fall back to one call per character
        text = "".join(chr(ctx.get_unicode(tp, i) or 32) for i in range(n))
    ctx.w, ctx.h = width, height
    ctx.rot = rot = ctx.rotation(tp, text)
    toks: list = []
    sep, hyph = _SEP, _HYPH
    get_box, box_args = ctx.get_box, ctx.box_args
    vl, vr, vb, vt = ctx.l, ctx.r, ctx.b, ctx.t
    run = False
    base = size = prev_x1 = 0.0
    i = 0
    sp = True
    while i < n:
        c = text[i]
        if c in sep:
            sp = True
            if c == "\n" or c == "\r":
                run = False
            i += 1
            continue
        j = i + 1
        if c not in hyph:
            while j < n:
                c = text[j]
                if c in sep:
                    break
                j += 1
                if c in hyph:
                    break
        if run and not rot and get_box(tp, i, *box_args):
            l0, r0, b0, t0 = vl.value, vr.value, vb.value, vt.value
            ok = b0 < base + 1.1 * size and t0 > base - 0.4 * size and l0 >= prev_x1 - 0.3 * size
            if ok and j - i > 1:
                ok = get_box(tp, j - 1, *box_args)
                if ok:
                    r1, b1, t1 = vr.value, vb.value, vt.value
                    ok = (b1 < base + 1.1 * size and t1 > base - 0.4 * size
                          and r1 >= l0 - 0.2 * size and r1 - l0 <= (j - i) * 1.1 * size)
                    if r1 > r0:
                        r0 = r1
                    if t1 > t0:
                        t0 = t1
            if ok:
                if r0 < l0:
                    r0 = l0
                top = base + 0.5 * size
                toks.append(_Tok(text[i:j], l0, r0, base, size, t0 if t0 > top else top, sp, len(toks)))
                prev_x1 = r0
                sp = False
                i = j
                continue
        _measure(tp, ctx, text, i, j, sp, toks)
        last = toks[-1]
        run, base, size, prev_x1 = True, last.base, last.size, last.x1
        sp = False
        i = j
    return toks


def _measure(tp, ctx: _Ctx, text: str, i: int, j: int, sp: bool, toks: list) -> None:
    """Appends the word text[i:j] (split where its characters are not where a word's are)."""
    l0, r0, b0, t0, ox, oy, size = ctx.char(tp, i)
    k = j - i
    if k == 1:
        toks.append(_Tok(text[i], l0, max(r0, l0), oy, size, max(t0, oy + 0.5 * size), sp, len(toks)))
        return
    last = ctx.box(tp, j - 1)
    if last is not None:
        l1, r1, b1, t1 = last
        if (b1 < oy + 1.1 * size and t1 > oy - 0.4 * size          # same baseline
                and r1 >= l0 - 0.2 * size and r1 - l0 <= k * 1.1 * size):  # plausible width
            toks.append(_Tok(text[i:j], l0, max(r0, r1), oy, size, max(t0, t1, oy + 0.5 * size),
                             sp, len(toks)))
            return
    # the two ends disagree: measure every character and cut where they jump
    cur = None
    for m in range(i, j):
        l, r, b, t, cx, cy, s = ctx.char(tp, m)
        if (cur is not None and abs(cy - cur.base) <= 0.35 * max(s, cur.size)
                and l >= cur.x0 - 0.2 * s and l - cur.x1 <= SPACE_GAP * s):
            cur.text += text[m]
            cur.x1 = max(cur.x1, r)
            cur.top = max(cur.top, t)
            continue
        cur = _Tok(text[m], l, max(r, l), cy, s, max(t, cy + 0.5 * s), sp if m == i else False, len(toks))
        toks.append(cur)


# --------------------------------------------------------------------------- lines and columns
def _page_lines(toks: list, height: float) -> list:
    """Words of one page → [(text, x0, x1, top, col)] in reading order."""
    toks.sort(key=lambda t: (-t.base, t.x0))
    vlines: list[_VLine] = []
    cur = None
    for t in toks:
        if cur is not None and abs(cur.base - t.base) <= SAME_LINE * max(cur.size, t.size):
            cur.toks.append(t)
            if t.size > cur.size:
                cur.size = t.size
            continue
        cur = _VLine([t], t.base, t.size)
        vlines.append(cur)
    for vl in vlines:
        vl.toks.sort(key=lambda t: t.x0)

    # running page numbers: alone on the first or the last line of the page
    while vlines and _is_page_number(vlines[0]):
        del vlines[0]
    while vlines and _is_page_number(vlines[-1]):
        del vlines[-1]

    out: list = []
    k = 0
    for lo, hi, (a, b) in _find_regions(vlines):
        for vl in vlines[k:lo]:
            out.append(_line_item(vl.toks, height, None))
        k = hi + 1
        cut = (a + b) / 2
        left, right = [], []
        for vl in vlines[lo:hi + 1]:
            lt = [t for t in vl.toks if t.x1 <= cut]
            rt = [t for t in vl.toks if t.x1 > cut]
            if lt:
                left.append(_VLine(lt, vl.base, max(t.size for t in lt)))
            if rt:
                right.append(_VLine(rt, vl.base, max(t.size for t in rt)))
        rows = [m for m in range(lo, hi + 1) if vlines[m].toks[0].x1 <= cut < vlines[m].toks[-1].x1]
        if (lo > 0 and len(rows) >= 4 and len(rows) >= 0.75 * (rows[-1] + 1 - rows[0])) \
                or _find_regions(left) or _find_regions(right):
            # most lines hold both cells (a two-column table in the body), or a column
            # splits again (three or more columns): a table, read row by row
            for vl in vlines[lo:hi + 1]:
                out.append(_line_item(vl.toks, height, None))
            continue
        for col, lines in enumerate((left, right)):
            for vl in lines:
                out.append(_line_item(vl.toks, height, col))
    for vl in vlines[k:]:
        out.append(_line_item(vl.toks, height, None))
    return out


def _is_page_number(vl: _VLine) -> bool:
    return _PAGE_NUMBER.match(" ".join(t.text for t in vl.toks)) is not None


def _wide_gaps(vl: _VLine) -> list:
    gaps = []
    toks = vl.toks
    for p, q in zip(toks, toks[1:]):
        g = q.x0 - p.x1
        if g >= COL_GAP * max(p.size, q.size):
            gaps.append((p.x1, q.x0))
    return gaps


def _fit(vl: _VLine, band: tuple, min_w: float) -> Optional[tuple]:
    """The band narrowed to the free space of ``vl``: the widest gap left when the words of
    the line (sorted by x) are cut into a left and a right part. None when that is
    narrower than ``min_w`` (a word spans the band)."""
    a, b = band
    toks = vl.toks
    best = None
    left_end = float("-inf")
    for k in range(len(toks) + 1):
        if k:
            left_end = max(left_end, toks[k - 1].x1)
        na = max(a, left_end)
        nb = min(b, toks[k].x0) if k < len(toks) else b
        if best is None or nb - na > best[1] - best[0]:
            best = (na, nb)
    if best[1] - best[0] < min_w:
        return None
    return best


def _sides(vl: _VLine, band: tuple) -> tuple:
    mid = (band[0] + band[1]) / 2
    left = any(t.x1 <= mid for t in vl.toks)
    right = any(t.x1 > mid for t in vl.toks)
    return left, right


def _find_regions(vlines: list) -> list:
    """Two-column regions: [(first line, last line, band)] in top-to-bottom order."""
    if not vlines:
        return []
    # centre of the text block: a centred title is centred here, a column line is not
    centre = (min(vl.toks[0].x0 for vl in vlines) + max(vl.toks[-1].x1 for vl in vlines)) / 2
    regions = []
    used = [False] * len(vlines)
    for s, vl in enumerate(vlines):
        if used[s]:
            continue
        for gap in sorted(_wide_gaps(vl), key=lambda g: g[0] - g[1]):
            region = _grow(vlines, used, s, gap, centre)
            if region is not None:
                regions.append(region)
                for m in range(region[0], region[1] + 1):
                    used[m] = True
                break
    regions.sort()
    return regions


def _band(vlines: list, lo: int, hi: int, band: tuple, min_w: float) -> Optional[tuple]:
    for m in range(lo, hi + 1):
        band = _fit(vlines[m], band, min_w)
        if band is None:
            return None
    return band


def _grow(vlines: list, used: list, s: int, gap: tuple, centre: float) -> Optional[tuple]:
    """The region around seed line ``s`` whose column gap is ``gap``, or None."""
    min_w = MIN_BAND * vlines[s].size
    band = gap
    lo = s
    k = s - 1
    while k >= 0 and not used[k]:
        nb = _fit(vlines[k], band, min_w)
        if nb is None:
            break
        band, lo, k = nb, k, k - 1
    if k >= 0:
        # one-sided lines above the first two-sided one, under text that spans the
        # band, are the end of that text (a short last line of a paragraph)
        while lo < s and not all(_sides(vlines[lo], band)):
            lo += 1
        band = _band(vlines, lo, s, gap, min_w)
        if band is None:
            return None
    hi = s
    k = s + 1
    while k < len(vlines) and not used[k]:
        nb = _fit(vlines[k], band, min_w)
        if nb is None:
            break
        band, hi, k = nb, k, k + 1
    # a one-sided line at either end that is centred on the text block, not on its
    # column, is a title under (or above) the block: "KẾ HOẠCH", "CHỈ THỊ"
    trimmed = True
    while trimmed and lo < hi:
        trimmed = False
        for m in (hi, lo):
            if m != s and _centred_title(vlines, lo, hi, m, band, centre):
                if m == hi:
                    hi -= 1
                else:
                    lo += 1
                trimmed = True
                break
        if trimmed:
            band = _band(vlines, lo, hi, gap, min_w)
            if band is None:
                return None
    nleft = nright = 0
    for m in range(lo, hi + 1):
        le, ri = _sides(vlines[m], band)
        nleft += le
        nright += ri
    if nleft >= 2 and nright >= 2:
        return lo, hi, band
    return None


def _centred_title(vlines: list, lo: int, hi: int, m: int, band: tuple, centre: float) -> bool:
    le, ri = _sides(vlines[m], band)
    if le and ri:
        return False
    vl = vlines[m]
    mid = (vl.toks[0].x0 + vl.toks[-1].x1) / 2
    if abs(mid - centre) > 1.5 * vl.size:
        return False
    # the centres of the same side's segments on the two-sided lines
    cut = (band[0] + band[1]) / 2
    mids = []
    for n in range(lo, hi + 1):
        toks = [t for t in vlines[n].toks if (t.x1 <= cut) == le]
        if toks and all(_sides(vlines[n], band)):
            mids.append((toks[0].x0 + toks[-1].x1) / 2)
    if not mids:
        return True
    mids.sort()
    return abs(mid - mids[len(mids) // 2]) > abs(mid - centre)


def _line_item(toks: list, height: float, col: Optional[int]) -> list:
    parts = [toks[0].text]
    for p, q in zip(toks, toks[1:]):
        g = q.x0 - p.x1
        em = max(p.size, q.size)
        if g >= COL_GAP * em:
            parts.append(" " * max(2, min(12, round(g / (0.3 * em)))))
        elif g > SPACE_GAP * em or (q.sp and q.seq == p.seq + 1):
            parts.append(" ")
        parts.append(q.text)
    # a hyphen marker inside a line was drawn, so it is a visible hyphen: PDFium only
    # guessed a line end (U+FFFE), or the font maps its hyphen to U+00AD
    text = "".join(parts)
    if any(c in _HYPH for c in text[:-1]):
        text = "".join("-" if c in _HYPH else c for c in text[:-1]) + text[-1]
    top = height - max(t.top for t in toks)
    return [text, toks[0].x0, max(t.x1 for t in toks), top, col]


# --------------------------------------------------------------------------- hyphens
_WORD_START = re.compile(r"\S+")


def _repair_hyphens(pages: list) -> None:
    """A word broken at a line end with a hyphen is re-joined on the first line.

    PDFium marks a hyphen it takes for a line-end hyphen with U+FFFE; a soft hyphen may
    come as U+00AD; other breaks keep a plain ``-``. A marked hyphen is dropped (soft
    hyphenation: ``com-`` + ``ponent``) between two lowercase ASCII letters and kept
    otherwise (``4210/QĐ-`` + ``BYT``, ``kinh tế-`` + ``xã``): Vietnamese text is not
    hyphenated automatically, so a hyphen there is part of the text; a plain ``-`` is
    always kept. Only plain lines one above the other in the same column are joined.
    """
    flat = [item for items in pages for item in items]
    for n, item in enumerate(flat):
        text = item[0].rstrip()
        if len(text) < 2 or text[-1] not in "\ufffe\x02\u00ad-":
            continue
        mark = text[-1]
        nxt = flat[n + 1] if n + 1 < len(flat) else None
        m = None
        if (nxt is not None and nxt[4] == item[4] and "  " not in text and "  " not in nxt[0]
                and nxt[1] < item[2] and nxt[2] > item[1]):  # plain lines, one above the other
            m = _WORD_START.match(nxt[0].lstrip())
        if not text[-2].isalnum() or not m or not m.group(0)[0].isalnum():
            if mark != "-":
                item[0] = text[:-1] + "-"  # a drawn hyphen that ends a line
            continue
        word = m.group(0)
        before, after = text[-2], word[0]
        soft = (mark != "-" and before.isascii() and before.islower()
                and after.isascii() and after.islower())
        item[0] = text[:-1] + ("" if soft else "-") + word
        nxt[0] = nxt[0].lstrip()[len(word):].lstrip()
