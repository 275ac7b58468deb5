"""PDF words: PDFium's character stream cut into words with their geometry.

PDFium's character stream (``FPDFText_GetText``) is cut into words at spaces, line breaks
and hyphen markers. A word's geometry comes from the boxes of its first and last
characters; the baseline and font size are read once per run of text between two line
breaks PDFium inserted. That is two or three C calls per word instead of several per
character. A word whose ends are not where its run is (PDFium sometimes glues text from
two places together) is measured character by character and cut. Text turned a quarter
or upside down (some scanners' text layers) is read in its own direction, from the angle
most of the page's characters have.
"""
from __future__ import annotations

import ctypes
import math

# a gap wider than this (em) between two words with nothing between them in the stream is a space
SPACE_GAP = 0.15

_SEP = frozenset(" \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                 "\u2009\u200a\u202f\u205f\u3000" + "".join(chr(c) for c in range(32) if c != 2))
# PDFium's marker for a hyphen at a line end (U+FFFE; 0x02 in older builds) and the soft hyphen
HYPH = frozenset("\ufffe\x02\u00ad")


class Tok:
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



class Ctx:
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


def page_words(textpage, ctx: Ctx, width: float, height: float) -> list:
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
    sep, hyph = _SEP, HYPH
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
                toks.append(Tok(text[i:j], l0, r0, base, size, t0 if t0 > top else top, sp, len(toks)))
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


def _measure(tp, ctx: Ctx, text: str, i: int, j: int, sp: bool, toks: list) -> None:
    """Appends the word text[i:j] (split where its characters are not where a word's are)."""
    l0, r0, b0, t0, ox, oy, size = ctx.char(tp, i)
    k = j - i
    if k == 1:
        toks.append(Tok(text[i], l0, max(r0, l0), oy, size, max(t0, oy + 0.5 * size), sp, len(toks)))
        return
    last = ctx.box(tp, j - 1)
    if last is not None:
        l1, r1, b1, t1 = last
        if (b1 < oy + 1.1 * size and t1 > oy - 0.4 * size          # same baseline
                and r1 >= l0 - 0.2 * size and r1 - l0 <= k * 1.1 * size):  # plausible width
            toks.append(Tok(text[i:j], l0, max(r0, r1), oy, size, max(t0, t1, oy + 0.5 * size),
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
        cur = Tok(text[m], l, max(r, l), cy, s, max(t, cy + 0.5 * s), sp if m == i else False, len(toks))
        toks.append(cur)


