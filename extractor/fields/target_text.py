"""Text structure for numeric targets: sentences, list items, clauses, headings, list
intros and table cells, and the class of the part of the document a number sits in.

All functions work on the folded text (same length as the original, so offsets carry).

Surface forms handled
---------------------
- sentence ends ``.``/``!``/``?`` (a run of them counts once: ``....`` in a table of
  contents is one end, found in linear time), table pipes, list markers at the start of a
  line (``-``, ``+``, ``•``, ``*``, ``1.``, ``1.2)``, ``a)``, ``II.``), a blank line; ``;``
  also ends a sentence but not a list item;
- headings: ``I.``/``II.`` (depth 0), ``1.``/``1.2.`` (depth 1, 2), ``a)`` (depth 9),
  ``Chương II``, ``Mục 1`` and ``Điều 5.`` (between roman and arabic numerals), and lines
  in capitals (depth 0);
- list intros: a line ending in ``:`` (``… đáp ứng một trong các tiêu chí sau:``,
  ``Phấn đấu đến năm 2030:``) whose class holds for the list items right below it;
- table cells: a cell (a ``|`` cell or a line of a table flattened one cell per line)
  that holds only a number, in a row of numbers, is a figure of a statistics table.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .target_rules import rules

_MARK = r"(?:[-+•*]|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[ivx]+\.\s)"
# "(?<![.!?])" makes a run of dots one candidate end, tried once: linear on "....."
_ITEM = r"(?<![.!?])[.!?]+(?=\s|$)|\||\n(?=[ \t]*" + _MARK + r")|\n(?=[ \t]*\n)"
ITEM_BREAK = re.compile(_ITEM)
SENT_BREAK = re.compile(_ITEM + "|;")
CLAUSE_BREAK = re.compile(r"[,;:(]|(?<!\w)thì(?!\w)")
HEADING = re.compile(
    r"^[ \t#*>]*(?:(?P<roman>[ivx]+)\.|(?P<num>\d+(?:\.\d+)*)[.)](?![\d%])|(?P<let>[a-zđ])\)"
    r"|(?P<chap>chương|phần)\s+[ivx\d]+[.:]?|(?P<sec>mục)\s+\d+[.:]|(?P<art>điều)\s+\d+[.:])"
    r"[ \t*]*(?P<t>\S.*)?$")
_ITEM_LINE = re.compile(r"^[ \t>*]*(?P<m>[-+•]|\*(?=\s)|\(?\d+(?:\.\d+)*[.)]|[a-zđ]\)|[ivx]+\.)\s")
YEAR = re.compile(r"(?P<m>tháng\s*\d{1,2}\s*)?năm\s*(?P<y>(?:19|20)\d{2})(?!\d)"
                  r"|(?P<to>đến|tính đến|tới)\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?P<y2>(?:19|20)\d{2})"
                  r"|(?:19|20)\d{2}\s*-\s*(?P<y3>(?:19|20)\d{2})")
DOC_DATE = re.compile(r"ngày[\s\d]*tháng[\s\d]*năm\s*((?:19|20)\d{2})")
_ANNEX = re.compile(r"phụ\s*lục")
_FOOTNOTE = re.compile(r"^[ \t*]*\[\d{1,3}\]")
_NUMERIC_CELL = re.compile(r"[\s*]*[-+]?\d[\d.,]*\s*%?[\s*]*")


def bounds(f: str, rx: re.Pattern) -> list[int]:
    """Start offsets of the sentences (or list items) of ``f``, plus ``len(f)``."""
    return sorted({0, len(f), *(m.end() for m in rx.finditer(f))})


_TOPIC = re.compile(r"^(?:về|đối với)\s+")
_PARTS = re.compile(r"\s*(?:[,;/]|(?<!\w)và(?!\w))\s*")


def heading_kind(body: str, anywhere: bool = True) -> Optional[str]:
    """The class of a heading's text: each part (cut at commas and ``và``: ``QUAN ĐIỂM,
    MỤC TIÊU``) is matched at its start; a heading of facts and goals at once (``KẾT QUẢ
    … VÀ PHƯƠNG HƯỚNG …``) has no class. A heading that matches nothing at the start
    but names goals (``PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU …``) is a goal heading. ``goal`` outranks ``rule`` and ``plan``; a heading of a rule and a part of a plan at
    once (``ĐỐI TƯỢNG, NỘI DUNG THI ĐUA``, ``Yêu cầu, điều kiện …``) has no class."""
    r = rules()
    kinds = set()
    for i, part in enumerate(_PARTS.split(body.strip(" *:."))):
        part = _TOPIC.sub("", part)
        for kind, rx in (("past", r.section_past), ("rule", r.section_rule),
                         ("goal", r.section_goal), ("plan", r.section_plan)):
            if (kind != "rule" or i == 0) and rx.match(part):
                kinds.add(kind)
                break
    if anywhere and not kinds and r.title_goal.search(body):
        kinds.add("goal")  # "PHỤ LỤC / PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU …", "DỰ BÁO CÁC CHỈ TIÊU"
    for strong, weak in (("goal", "plan"), ("goal", "rule")):
        if strong in kinds:
            kinds.discard(weak)
    return kinds.pop() if len(kinds) == 1 else None


def _marker_kind(m: str) -> str:
    m = m.strip()
    if m in "-+•*":
        return m
    if m[0] == "(":
        return "(1)"
    if m[0].isdigit():
        return "1." if m.endswith(".") else "1)"
    return "a)" if m.endswith(")") else "I."


class Sections:
    """The class (``past``, ``goal``, ``rule`` or None) of each position of a text: from
    the headings in force (the deepest classified one wins) and, inside a list, from the
    line that introduces it."""

    def __init__(self, f: str, text: str) -> None:
        self.starts: list[int] = []
        self.kinds: list[Optional[str]] = []
        self.intros: list[tuple[int, int, str]] = []  # (start, end, kind) of a list's scope
        stack: dict[float, Optional[str]] = {}
        pos = 0
        lines = f.split("\n")
        offsets = []
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        title = None  # the lines of a document title still being read
        annex = False
        for i, line in enumerate(lines):
            start = offsets[i]
            m = HEADING.match(line)
            orig = text[start:start + len(line)].strip(" \t#*")
            letters = [c for c in orig if c.isalpha()]
            caps = len(letters) >= 4 and not any(c.islower() for c in letters) and len(orig) <= 120
            if m:
                if m.group("roman") or m.group("chap"):
                    depth: float = 0
                elif m.group("sec"):
                    depth = 0.3
                elif m.group("art"):
                    depth = 0.5
                elif m.group("num"):
                    depth = m.group("num").count(".") + 1
                else:
                    depth = 9
                body = (m.group("t") or "").strip(" *")
                if not body:  # "Điều 5." / "Chương II" on a line of its own: the title below
                    body = next((ln.strip(" \t#*") for ln in lines[i + 1:i + 4]
                                 if ln.strip(" \t#*")), "")
            elif caps:
                body = line.strip(" \t#*:")
                # a document's title ("KẾ HOẠCH", "QUY CHẾ", "PHỤ LỤC") holds over its
                # chapters, and so do the lines in capitals right under it
                if rules().doc_title.fullmatch(body):
                    depth, title = -1, [body]
                    annex = bool(_ANNEX.match(body))
                elif title is not None:
                    depth = -1
                    title.append(body)
                    body = " ".join(title)
                else:
                    depth = 0
            else:
                body = None
            if line.strip(" \t#*|") and not (caps and not m):
                title = None
            if body is not None:
                stack = {d: k for d, k in stack.items() if d < depth}
                stack[depth] = heading_kind(body)
                if depth == 0 and not stack[0] and stack.get(-1) in ("goal", "plan") and not annex:
                    stack[-1] = None  # "I. SỰ CẦN THIẾT" under "KẾ HOẠCH": the title's class ends
                    # (a regulation's stays; so does an annex's, whose rows are "I. Kinh tế số")
                state = next((stack[d] for d in sorted(stack, reverse=True) if stack[d]), None)
                if state == "plan" and "rule" in stack.values():
                    state = "rule"  # "Nhiệm vụ và quyền hạn" in a regulation stays a rule
                self.starts.append(start)
                self.kinds.append(state)
            if line.rstrip(" *").endswith(":"):
                self._intro(lines, offsets, i)
            if _FOOTNOTE.match(line):  # "[5] Tỷ lệ … là 69,87%": a note, up to a blank line
                end = next((offsets[j] - 1 for j in range(i + 1, len(lines))
                            if not lines[j].strip() or _FOOTNOTE.match(lines[j])), len(f))
                self.intros.append((start, end, "past"))

    def _intro(self, lines: list[str], offsets: list[int], i: int) -> None:
        """A line ending in ':' classifies the list items right below it; the line is read
        with the lines of its paragraph before it (a PDF wraps ``… cho các`` /
        ``mục tiêu sau:``)."""
        r = rules()
        j = i
        while j > 0 and i - j < 4 and lines[j - 1].strip() and not _ITEM_LINE.match(lines[j]) \
                and not HEADING.match(lines[j]) and not lines[j - 1].rstrip(" *").endswith((":", ".", ";")):
            j -= 1
        line = " ".join(ln.strip() for ln in lines[j:i + 1])
        body = _ITEM_LINE.sub("", line).strip(" *")
        kind = ("example" if r.example.search(line) else "measure" if r.measure_intro.search(line)
                else "rule" if r.intro_rule.search(line) else "past" if r.intro_past.search(line)
                else "goal" if r.intro_goal.search(line) else heading_kind(body, anywhere=False))
        if not kind:
            return
        first = None
        end = offsets[i] + len(line)
        blank = False
        for j in range(i + 1, len(lines)):
            ln = lines[j]
            if not ln.strip():
                blank = True
                continue
            m = _ITEM_LINE.match(ln)
            if m:
                mk = _marker_kind(m.group("m"))
                if first is None:
                    first = mk
                elif mk != first:
                    break
            elif first is None or blank or HEADING.match(ln):
                break  # prose after the list (or no list at all)
            blank = False
            end = offsets[j] + len(ln)
        if first is not None:
            self.intros.append((offsets[i] + len(line), end, kind))

    def at(self, pos: int) -> Optional[str]:
        for a, b, kind in self.intros:
            if a <= pos <= b:
                return kind
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.kinds[i] if i >= 0 else None


def table_figure(f: str, n0: int, n1: int) -> bool:
    """True when the number at ``f[n0:n1]`` fills its table cell alone and the cell before it
    holds a number too: a figure of a statistics table, not a goal."""
    def cell(a: int, b: int) -> tuple[int, int]:
        w0, w1 = max(0, a - 60), min(len(f), b + 60)  # a figure's cell is short
        lo = max(f.rfind("\n", w0, a), f.rfind("|", w0, a), w0 - 1 if w0 else -1) + 1
        hi = min(x for x in (f.find("\n", b, w1), f.find("|", b, w1), w1) if x >= 0)
        return lo, hi

    lo, hi = cell(n0, n1)
    if not _NUMERIC_CELL.fullmatch(f[lo:hi]):
        return False
    j = lo - 1  # the previous non-empty cell
    for _ in range(8):
        if j <= 0:
            break
        plo, phi = cell(j, j)
        if f[plo:phi].strip(" \t*"):
            return bool(_NUMERIC_CELL.fullmatch(f[plo:phi]))
        j = plo - 1
    return False


def doc_year(f: str) -> Optional[int]:
    m = DOC_DATE.search(f[:3000])
    return int(m.group(1)) if m else None


def last_end(rx: re.Pattern, s: str) -> int:
    end = -1
    for m in rx.finditer(s):
        end = m.end()
    return end
