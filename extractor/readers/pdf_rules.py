"""The rules a PDF page draws (table borders), read from PDFium's path objects.

:meth:`Rules.drawn` is the cheap probe: a pass over the page's objects, a few
microseconds each, that says whether the page draws at least two thin horizontal and two
thin vertical paths, or two rectangles. Only such a page goes on to :meth:`Rules.edges`:
every straight horizontal or vertical segment of a filled or stroked path (form
XObjects included, their matrices applied) as a pdfplumber edge, in pdfplumber's
coordinates (points from the left and from the top of the page). A path drawn neither
filled nor stroked is not a rule; curves are not rules.

These are the edges pdfplumber builds from pdfminer's lines, rectangles and curves
(pdfplumber's ``obj_to_edges``); reading them here spares pdfminer's parse of the whole
page, which costs 50-100 ms a page, 10 times this reader's.
"""
from __future__ import annotations

import ctypes

# a path at most this thick (points) and at least _LONG long is a rule
_THIN, _LONG = 3.0, 6.0
# pages with more objects, or more edges, than this are not read for tables (drawings, maps)
MAX_OBJECTS = 20000
MAX_EDGES = 4000


class Rules:
    """PDFium calls and buffers, made once per document."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.v = [ctypes.c_float() for _ in range(4)]
        self.args = tuple(ctypes.byref(x) for x in self.v)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.m = raw.FS_MATRIX()

    def drawn(self, page) -> bool:
        """Whether the page draws the rules of a table: two thin horizontal and two thin
        vertical paths, or two rectangles."""
        raw = self.raw
        pr = page.raw
        n = min(raw.FPDFPage_CountObjects(pr), MAX_OBJECTS)
        get, kind, bounds, path, form = (raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType,
                                         raw.FPDFPageObj_GetBounds, raw.FPDF_PAGEOBJ_PATH,
                                         raw.FPDF_PAGEOBJ_FORM)
        l, b, r, t = self.v
        h = v = box = 0
        for i in range(n):
            obj = get(pr, i)
            k = kind(obj)
            if k == form:
                return True  # drawn inside a form XObject: let the edges tell
            if k != path or not bounds(obj, *self.args):
                continue
            w, ht = r.value - l.value, t.value - b.value
            if ht <= _THIN and w >= _LONG:
                h += 1
            elif w <= _THIN and ht >= _LONG:
                v += 1
            elif w > _LONG and ht > _LONG and raw.FPDFPath_CountSegments(obj) <= 6:
                box += 1
            if (h >= 2 and v >= 2) or box >= 2:
                return True
        return False

    def edges(self, page, height: float) -> list:
        """The horizontal and vertical segments the page draws, as pdfplumber edges."""
        out: list = []
        raw = self.raw
        self._walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, None, height,
                   out, [0])
        return out

    def _walk(self, count, get, parent, outer, height: float, out: list, seen: list) -> None:
        raw = self.raw
        m = self.m
        for i in range(count(parent)):
            seen[0] += 1
            if seen[0] > MAX_OBJECTS or len(out) > MAX_EDGES:
                return
            obj = get(parent, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                continue
            mat = (m.a, m.b, m.c, m.d, m.e, m.f)
            if outer is not None:  # an object inside a form: its matrix, then the form's
                a, b, c, d, e, f = mat
                A, B, C, D, E, F = outer
                mat = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                       e * A + f * C + E, e * B + f * D + F)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                self._walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, mat,
                           height, out, seen)
                continue
            raw.FPDFPath_GetDrawMode(obj, ctypes.byref(self.fill), ctypes.byref(self.stroke))
            if not self.fill.value and not self.stroke.value:
                continue
            self._path(obj, mat, height, out)

    def _path(self, obj, mat: tuple, height: float, out: list) -> None:
        raw = self.raw
        a, b, c, d, e, f = mat
        x, y = self.x, self.y
        start = prev = None
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = pt
            elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                _edge(out, prev, pt, height)
            prev = pt
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _edge(out, pt, start, height)
                prev = start


def _edge(out: list, p: tuple, q: tuple, height: float) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.01 and x0 != x1:
        a, b = (x0, x1) if x0 < x1 else (x1, x0)
        top = height - y0
        out.append({"object_type": "line_edge", "orientation": "h", "x0": a, "x1": b,
                    "top": top, "bottom": top, "width": b - a, "height": 0.0})
    elif abs(x0 - x1) < 0.01 and y0 != y1:
        a, b = sorted((height - y0, height - y1))
        out.append({"object_type": "line_edge", "orientation": "v", "x0": x0, "x1": x0,
                    "top": a, "bottom": b, "width": 0.0, "height": b - a})
