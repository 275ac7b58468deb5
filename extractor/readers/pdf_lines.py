"""PDF lines: words of a page → visual lines, two-column regions, reading order.

1. **Visual lines.** Words are grouped by baseline (tolerance ``SAME_LINE`` em) and
   sorted by x.
2. **Columns.** A gap between two words of one line much wider than word spacing
   (``COL_GAP`` em) is a candidate column gap. From such a line the empty vertical band
   is grown up and down over the neighbouring lines for as long as no word spans it (the
   band narrows to the free space, never below ``MIN_BAND`` em or ``MIN_BAND_PT`` points,
   whichever is less: the text of two table cells side by side is at least their two
   inner margins apart, 2 × 5.4 pt in Word and LibreOffice). One-sided lines at the
   top of a block that sits under other text (the short last line of a paragraph) and a
   one-sided line centred on the text block rather than on its column (a title such as
   ``KẾ HOẠCH`` under the header) are left out. The block is a two-column region
   (header: issuer | motto and date; Nơi nhận | signature) when both sides hold at least
   two lines: its left column is emitted first (``cell=(0, 0, 0)``), then its right one
   (``cell=(0, 0, 1)``). A block where most lines hold both cells (a two-column table
   in the body, four rows or more) or where a column splits again (three or more
   columns) is a table without rules and is read row by row. Everything else is emitted
   top to bottom.
   No coordinate or size is fixed in advance: thresholds are multiples of the font size.
3. **Clean-up.** Running page numbers alone on the first or last line of a page are
   dropped; words broken at a line end with a hyphen are re-joined on the first line
   (:func:`repair_hyphens`); a mark inside a line is a plain ``-`` again. Spaces inside
   a line are single, except at a wide gap that is not a column region (``Kính gửi:
   - UBND huyện``), which keeps a run of spaces proportional to its width.

An item is ``[text, x0, x1, top, cell]``: ``top`` in points from the top edge of the page.
"""
from __future__ import annotations

import re
from typing import Optional

from .pdf_words import HYPH, SPACE_GAP

# a gap of more than COL_GAP em between two words of a line is a possible column gap
COL_GAP = 1.5
# a column band must stay at least this wide (em) over the whole region
MIN_BAND = 1.0
MIN_BAND_PT = 10.0
# words whose baselines differ by less than this (em) are on the same visual line
SAME_LINE = 0.4

_HYPH = HYPH
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?\s*$"
                          r"|^\s*(?:Trang|Page)\s+\d{1,4}(?:\s*/\s*\d{1,4})?\s*$", re.IGNORECASE)


class VLine:
    """One visual line: words sorted by x."""

    __slots__ = ("toks", "base", "size")

    def __init__(self, toks: list, base: float, size: float) -> None:
        self.toks = toks
        self.base = base
        self.size = size


class Carry:
    """The band of a two-column region that ends its page (a Nơi nhận | signature table
    broken by the page end), for the top of the next page."""

    def __init__(self) -> None:
        self.band: Optional[tuple] = None  # (a, b, min width, centre of the page's text)


def page_lines(toks: list, height: float, carry: Optional[Carry] = None) -> list:
    """Words of one page → ``[text, x0, x1, top, cell]`` items in reading order."""
    vlines = visual_lines(toks)
    strip_page_numbers(vlines)
    head, n = continued_region(vlines, height, carry)
    return head + block_items(vlines[n:], height, carry)


def continued_region(vlines: list, height: float, carry: Optional[Carry]) -> tuple:
    """The lines at the top of a page that go on with the two-column region ending the
    page before (``carry``): every line until one spans its band, read left column then
    right, whatever the number of lines on each side (the signer's name alone at the top
    of the page, beside the rest of the Nơi nhận list), until a line spans the band or a
    one-sided line is centred on the page (the title of an annex). Returns (items, lines
    used)."""
    if carry is None or carry.band is None:
        return [], 0
    a, b, min_w, centre = carry.band
    carry.band = None
    band = (a, b)
    n = 0
    while n < len(vlines):
        nb = _fit(vlines[n], band, min_w)
        vl = vlines[n]
        if nb is None or (not all(_sides(vl, nb))
                          and abs((vl.toks[0].x0 + vl.toks[-1].x1) / 2 - centre) <= 1.5 * vl.size):
            break  # a line across the band, or a title centred on the page (an annex)
        band, n = nb, n + 1
    if not n:
        return [], 0
    if n == len(vlines):
        carry.band = (band[0], band[1], min_w, centre)  # the whole page: it may go on again
    cut = (band[0] + band[1]) / 2
    cols: tuple = ([], [])
    for vl in vlines[:n]:
        for col, toks in enumerate(([t for t in vl.toks if t.x1 <= cut], [t for t in vl.toks if t.x1 > cut])):
            if toks:
                cols[col].append(line_item(toks, height, (0, 0, col)))
    return cols[0] + cols[1], n


def visual_lines(toks: list) -> list:
    """Words → visual lines, top to bottom, each line's words sorted by x."""
    toks = sorted(toks, key=lambda t: (-t.base, t.x0))
    vlines: list[VLine] = []
    cur = None
    for t in toks:
        if cur is not None and abs(cur.base - t.base) <= SAME_LINE * max(cur.size, t.size):
            cur.toks.append(t)
            if t.size > cur.size:
                cur.size = t.size
            continue
        cur = VLine([t], t.base, t.size)
        vlines.append(cur)
    for vl in vlines:
        vl.toks.sort(key=lambda t: t.x0)
    return vlines


def strip_page_numbers(vlines: list, head: bool = True, tail: bool = True) -> None:
    """Drops running page numbers: alone on the first or the last line of the page."""
    while head and vlines and _is_page_number(vlines[0]):
        del vlines[0]
    while tail and vlines and _is_page_number(vlines[-1]):
        del vlines[-1]


def block_items(vlines: list, height: float, carry: Optional[Carry] = None) -> list:
    """Visual lines of one block of a page → items, two-column regions one column after
    the other. With ``carry``: the band of a region that ends the block is kept there."""
    out: list = []
    k = 0
    if carry is not None:
        carry.band = None
    for lo, hi, (a, b) in _find_regions(vlines):
        for vl in vlines[k:lo]:
            out.append(line_item(vl.toks, height, None))
        k = hi + 1
        cut = (a + b) / 2
        left, right = [], []
        for vl in vlines[lo:hi + 1]:
            lt = [t for t in vl.toks if t.x1 <= cut]
            rt = [t for t in vl.toks if t.x1 > cut]
            if lt:
                left.append(VLine(lt, vl.base, max(t.size for t in lt)))
            if rt:
                right.append(VLine(rt, vl.base, max(t.size for t in rt)))
        rows = [m for m in range(lo, hi + 1) if vlines[m].toks[0].x1 <= cut < vlines[m].toks[-1].x1]
        if (lo > 0 and len(rows) >= 4 and len(rows) >= 0.75 * (rows[-1] + 1 - rows[0])) \
                or _find_regions(left) or _find_regions(right):
            # most lines hold both cells (a two-column table in the body), or a column
            # splits again (three or more columns): a table without rules, read row by row
            for vl in vlines[lo:hi + 1]:
                out.append(line_item(vl.toks, height, None))
            continue
        for col, lines in enumerate((left, right)):
            for vl in lines:
                out.append(line_item(vl.toks, height, (0, 0, col)))
        if carry is not None and hi == len(vlines) - 1:
            centre = (min(vl.toks[0].x0 for vl in vlines) + max(vl.toks[-1].x1 for vl in vlines)) / 2
            carry.band = (a, b, min(MIN_BAND * vlines[hi].size, MIN_BAND_PT), centre)
    for vl in vlines[k:]:
        out.append(line_item(vl.toks, height, None))
    return out


def _is_page_number(vl: VLine) -> bool:
    return _PAGE_NUMBER.match(" ".join(t.text for t in vl.toks)) is not None


def _wide_gaps(vl: VLine) -> list:
    gaps = []
    toks = vl.toks
    for p, q in zip(toks, toks[1:]):
        g = q.x0 - p.x1
        if g >= COL_GAP * max(p.size, q.size):
            gaps.append((p.x1, q.x0))
    return gaps


def _fit(vl: VLine, band: tuple, min_w: float) -> Optional[tuple]:
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


def _sides(vl: VLine, band: tuple) -> tuple:
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
    min_w = min(MIN_BAND * vlines[s].size, MIN_BAND_PT)
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


def line_item(toks: list, height: float, cell: Optional[tuple], single: bool = False) -> list:
    """One visual line → ``[text, x0, x1, top, cell]``; a wide gap keeps a run of spaces
    unless ``single`` (a table cell)."""
    parts = [toks[0].text]
    for p, q in zip(toks, toks[1:]):
        g = q.x0 - p.x1
        em = max(p.size, q.size)
        if g >= COL_GAP * em and not single:
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
    return [text, toks[0].x0, max(t.x1 for t in toks), top, cell]


# --------------------------------------------------------------------------- hyphens
_WORD_START = re.compile(r"\S+")


def repair_hyphens(pages: list) -> None:
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

