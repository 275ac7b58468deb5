"""Shapes of document numbers and dates in running text, for :mod:`references`.

- numbers, case kept, damage of PDF text tolerated: ``67-KH/HU``, ``64a``, ``46 - CT/TW``,
  ``2449 -CV/ĐU``, ``27/CT-`` + newline + ``TTg``; a Government series ``66.7/2025/NQ-CP``;
  a sender's own numbering ``2025-005/SAV-CHQ``, ``20251022/CV-HD``, ``128.2025/OL.WMCLV``;
  dotted office codes ``838/CCTKV.XII-NVDTPC``; a closing year ``1025/PLYK/2025``; a bare
  ``107/2025`` (:data:`BARE_RE`, accepted by the finder only right after ``<type> số``);
- dates ``ngày 18/10/2021``, ``18-10-2021``, ``ngày 18 tháng 10 năm 2021``.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from ..normalize import fold, squash_spaces

# --------------------------------------------------------------------------- numbers
# case-preserving, length-preserving: dash variants -> "-", odd spaces -> " ", eth -> đ
_CASED = str.maketrans({"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "‐": "-",
                        "Ð": "Đ", "ð": "đ", "\u00a0": " ", "\u2007": " ", "\u202f": " ",
                        "\t": " "})

_PART_ANY = r"[A-ZĐ][A-Za-zĐđ0-9]*(?:\.[A-ZĐ][A-Za-zĐđ0-9]*)*(?!\w)"  # KH, TTg, CTr, QH12, CCTKV.XII
_PART_CAPS = r"[A-ZĐ][A-ZĐ0-9]*[A-ZĐ0-9a-z](?!\w)"  # after a spaced separator: codes only
_SEP_PART = (r"(?:{sep}(?:[ ]*\n\s*)?" + _PART_ANY        # "-NQ", "-\n\nNQ"
             + r"|[ ]+{sep}[ ]*" + _PART_CAPS               # " - CT", " -CV"
             + r"|{sep}[ ]+" + _PART_CAPS + r")")           # "/ GDĐT"
# the sequence: "67", "64a", a Government series "66.7" (of "66.7/2025/NQ-CP"), a sender's own
# numbering "2025-005", "01-10", "20251022", "128.2025"; a year may close the number
# ("1025/PLYK/2025")
_SEQ = r"(?P<seq>\d{1,8}(?:[.\-]\d{1,4}(?=/))?[a-zđ]?)"
_NUMBER_RE = re.compile(
    r"(?<![0-9A-Za-z/.\-])" + _SEQ + r"(?:/(?:19|20)\d\d)?"
    + _SEP_PART.format(sep="[-/]") + r"(?:" + _SEP_PART.format(sep="[-/&]") + r")*"
    + r"(?:/(?:19|20)\d\d(?![\d/]))?")
# a number without a symbol ("công văn số 107/2025" of a company): only right after "<type> số"
BARE_RE = re.compile(r"(?<![0-9A-Za-z/.\-])(?P<seq>\d{1,6})/(?:19|20)\d\d(?![\w/\-])")


def normalize_number(s: Optional[str]) -> str:
    """A document number as it should be output: no ``Số``/``số:`` prefix, no spaces or line
    breaks inside, dash variants made ``-``; the letters keep the case they were written in.

    >>> normalize_number("Số: 46 – CT/TW")
    '46-CT/TW'
    >>> normalize_number("27/CT-\\nTTg")
    '27/CT-TTg'
    """
    if not s:
        return ""
    s = s.translate(_CASED)
    s = re.sub(r"^\s*(?:[Ss][ốoỐO]|SỐ)\s*:?\s*", "", s)
    s = re.sub(r"\s+", "", s)
    return s.strip(".,;:()")


def number_key(s: Optional[str]) -> str:
    """The identity key of a number: :func:`normalize_number`, case-folded."""
    return normalize_number(s).casefold()


def _seq_of(number: str) -> str:
    m = re.match(r"\d+[a-zđ]?", number)
    return m.group(0).casefold() if m else ""


def _symbol_of(number: str) -> str:
    m = re.match(r"\d*[a-zđ]?(?:/(?:19|20)\d\d)?[-/]?(.*)$", number)
    return m.group(1).casefold() if m else number.casefold()


# --------------------------------------------------------------------------- dates
_DATE = (r"(?P<d>\d{1,2})\s*(?:(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{2,5})"
         r"|tháng\s*(?P<m2>\d{1,2})\s*(?:năm\s*)?(?P<y2>\d{2,5}))(?!\d)")
_DATE_AFTER = re.compile(r"\s*,?\s*(?:(?:(?:ban\s*hành|ký)\s+)?(?:ngày|ng\.)\s*"
                         r"|(?=\d{1,2}\s*[/\-]\s*\d{1,2}\s*[/\-]\s*\d{4}))" + _DATE)
_DATE_ANY = re.compile(r"(?:ngày\s*)?" + _DATE)


def _iso(d: str, m: str, y: str) -> Optional[str]:
    if not (d and m and y) or len(y) != 4:
        return None
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _date_of(m: re.Match) -> Optional[str]:
    if m.group("m2"):
        return _iso(m.group("d"), m.group("m2"), m.group("y2"))
    return _iso(m.group("d"), m.group("m"), m.group("y"))


def parse_date(s: str) -> Optional[str]:
    """ISO date of ``ngày 18/10/2021``, ``18-10-2021``, ``ngày 18 tháng 10 năm 2021`` (None
    for a garbled one such as ``08/6/20210``).

    >>> parse_date("ngày 18 tháng 10 năm 2021")
    '2021-10-18'
    """
    m = _DATE_ANY.search(fold(s))
    return _date_of(m) if m else None


def _numbers(cased: str):
    """(match, bare) for every number shape in the text, in order: full numbers with a
    symbol, and bare ``N/YYYY`` ones where no full number covers them."""
    full = list(_NUMBER_RE.finditer(cased))
    spans = [(m.start(), m.end()) for m in full]
    bare = [m for m in BARE_RE.finditer(cased) if not any(a <= m.start() < b for a, b in spans)]
    return sorted([(m, False) for m in full] + [(m, True) for m in bare], key=lambda x: x[0].start())


def _tidy_numbers(s: str) -> str:
    """Numbers inside a value written as numbers: "04-\\nNQ/TU" -> "04-NQ/TU"."""
    cased = s.translate(_CASED)
    out, last = [], 0
    for m in _NUMBER_RE.finditer(cased):
        out.append(s[last:m.start()])
        out.append(re.sub(r"\s+", "", s[m.start():m.end()]))
        last = m.end()
    out.append(s[last:])
    return "".join(out)


_TRAILING = re.compile(r"(?:\s*[,\-:]|\s+(?:và|các|cùng|hoặc|của))\s*$", re.IGNORECASE)


def _trim_raw(s: str) -> str:
    """s without trailing spaces, commas and dangling connectors ("... khóa XIV và")."""
    s = s.rstrip()
    while True:
        t = _TRAILING.sub("", s).rstrip()
        if t == s:
            return s
        s = t


def _strip_name(s: str) -> str:
    return squash_spaces(_tidy_numbers(_trim_raw(s)))


# between two numbers of one list without "số": at most a date, then a separator
_LIST_NEXT = re.compile(r"(?:\s*,?\s*(?:ngày\s*)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})?"
                        r"\s*(?:[,;]|và|hoặc)\s*")
_LIST_SEP_END = re.compile(r"(?:[,;]|(?<!\w)(?:và|hoặc|cùng))\s*$")
