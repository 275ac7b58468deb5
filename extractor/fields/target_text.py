"""Text structure for numeric targets: sentences, list items, clauses, headings and the
class of the section a number sits in (facts, goals), the document's year.

All functions work on the folded text (same length as the original, so offsets carry).
"""
from __future__ import annotations

import re
from typing import Optional

from .target_rules import rules

ITEM_BREAK = r"[.!?]+(?=\s|$)|\||\n(?=[ \t]*(?:[-+•*]|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[ivx]+\.\s))"
SENT_BREAK = re.compile(ITEM_BREAK + "|;")
ITEM_BREAK = re.compile(ITEM_BREAK)
CLAUSE_BREAK = re.compile(r"[,;:(]|(?<!\w)thì(?!\w)")
HEADING = re.compile(r"^[ \t#*>]*(?:(?P<roman>[ivx]+)\.|(?P<num>\d+(?:\.\d+)*)[.)]|(?P<let>[a-zđ])\))"
                      r"[ \t*]*(?P<t>\S.*)$")
YEAR = re.compile(r"(?P<m>tháng\s*\d{1,2}\s*)?năm\s*(?P<y>(?:19|20)\d{2})(?!\d)"
                   r"|(?P<to>đến|tính đến|tới)\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?P<y2>(?:19|20)\d{2})"
                   r"|(?:19|20)\d{2}\s*-\s*(?P<y3>(?:19|20)\d{2})")
DOC_DATE = re.compile(r"ngày[\s\d]*tháng[\s\d]*năm\s*((?:19|20)\d{2})")


def bounds(f: str, rx: re.Pattern) -> list[int]:
    """Start offsets of the sentences (or list items) of ``f``, plus ``len(f)``."""
    return sorted({0, len(f), *(m.end() for m in rx.finditer(f))})


def sections(f: str, text: str) -> list[tuple[int, Optional[str]]]:
    """(position, 'past'|'goal'|None) at each heading: the class of the deepest classified
    heading in force from that position on."""
    r = rules()
    out: list[tuple[int, Optional[str]]] = []
    stack: dict[int, Optional[str]] = {}
    pos = 0
    for line in f.split("\n"):
        start = pos
        pos += len(line) + 1
        m = HEADING.match(line)
        orig = text[start:start + len(line)].strip(" \t#*")
        letters = [c for c in orig if c.isalpha()]
        caps = len(letters) >= 4 and not any(c.islower() for c in letters) and len(orig) <= 120
        if m:
            depth = 0 if m.group("roman") else (m.group("num").count(".") + 1 if m.group("num") else 9)
            body = m.group("t").strip(" *")
        elif caps:
            depth, body = 0, line.strip(" \t#*")
        else:
            continue
        kind = "past" if r.section_past.search(body) else "goal" if r.section_goal.search(body) else None
        stack = {d: k for d, k in stack.items() if d < depth}
        stack[depth] = kind
        state = next((stack[d] for d in sorted(stack, reverse=True) if stack[d]), None)
        out.append((start, state))
    return out


def doc_year(f: str) -> Optional[int]:
    m = DOC_DATE.search(f[:3000])
    return int(m.group(1)) if m else None


def last_end(rx: re.Pattern, s: str) -> int:
    end = -1
    for m in rx.finditer(s):
        end = m.end()
    return end
