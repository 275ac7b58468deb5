"""Referenced documents: every other document the text cites by number.

``Thực hiện Kế hoạch số 67-KH/HU ngày 10/01/2022 của Ban Thường vụ Huyện ủy về triển khai
...`` becomes one :class:`~extractor.model.Reference` with ``doc_type`` "Kế hoạch",
``number`` "67-KH/HU", ``date`` "2022-01-10", ``issuer`` "Ban Thường vụ Huyện ủy",
``subject`` "triển khai ...", ``relation`` "implements", the span of that first full
citation, and ``mentions`` listing every place the document is named again (``Kế hoạch
số 67-KH/HU`` once more, ``Kế hoạch 67``, ``(gọi tắt là Kế hoạch 67)``, ``Kế hoạch nêu
trên``).

How it works (rules in ``patterns/references.yaml``):

1. *Numbers* are found first, on the text with dashes unified but case kept: a sequence
   (``67``, ``64a``), an optional year (``/2018``) and a symbol of upper-case codes
   (``KH/HU``, ``UBND-TTHC``, ``CT-TTg``), tolerating the damage PDF text does to them
   (``46 - CT/TW``, ``2449 -CV/ĐU``, ``27/CT-`` + newline + ``TTg``).
2. A number is a *citation* when a document type stands right before it (``Nghị quyết số``,
   ``Kết luận 75-KL/TW``, glued ``Nghịđịnh số``), after a law title (``Luật Mặt trận Tổ quốc
   Việt Nam số 75/2015/QH13``), or when it is an item ``số ...`` of a list that has one type
   (``các Công văn: số 4457/...; số 2955/...``). Other numbers (``Mẫu số 02/HNMT``, the
   header ``Số: 296/BHXH-CSYT``) are not citations.
3. Around each citation: the date after it (``ngày 18/10/2021``, ``ngày 18 tháng 10 năm
   2021``, ``, ngày 09/6/2015``) or, failing that, before it (``ngày 16/8/2018 Bộ ... đã có
   Công văn số ...``); the issuer after ``của`` or before it (``Bộ Y tế có Công văn số``,
   ``Theo đề nghị của X tại Tờ trình số``); the subject after ``về``/``V/v``.
4. The *relation* comes from the clause the citation stands in (``Căn cứ``, ``Thực hiện``,
   ``Theo đề nghị``; shared by a list after one cue), a cue right before it (``thay thế``,
   ``sửa đổi, bổ sung``), or is ``cites``; a citation inside another one's subject cites.
5. Citations of the same number (case, spaces and dashes aside) are one reference; short
   forms become mentions of it. The document's own number is never a reference.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..model import Reference
from ..normalize import fold, squash_spaces
from ..resources import load_patterns

__all__ = ["find_references", "normalize_number", "number_key", "parse_date"]

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
_BARE_RE = re.compile(r"(?<![0-9A-Za-z/.\-])(?P<seq>\d{1,6})/(?:19|20)\d\d(?![\w/\-])")


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


# --------------------------------------------------------------------------- rules
def _phrase(p: str, glue: bool = True) -> str:
    """Regex for a phrase in natural spelling, run on folded text: the words joined by any
    whitespace (or none, where ``glue``: PDF text loses spaces)."""
    words = fold(p).split()
    return (r"\s*" if glue else r"\s+").join(re.escape(w) for w in words)


def _alts(phrases, glue: bool = True) -> str:
    return "|".join(_phrase(p, glue) for p in sorted(phrases, key=len, reverse=True))


@dataclass
class _Rules:
    types: dict            # folded name without spaces -> canonical name
    abbr: set              # folded abbreviations (valid in capitals only)
    named: set             # canonical names that may carry a title before "số"
    type_re: re.Pattern
    type_not_after: re.Pattern
    list_head: re.Pattern
    alias_re: re.Pattern
    back_re: re.Pattern
    lead: list             # [(relation, regex)]
    near_strong: list      # replaces / amends
    near_weak: list        # implements
    near_not_after: re.Pattern
    issuer_intro: re.Pattern
    issuer_stop: re.Pattern
    pre_issuer: list
    pre_date: re.Pattern
    subject_intro: re.Pattern
    subject_verb: re.Pattern
    subject_term: re.Pattern
    subject_max: int
    implements_gap: int
    title_words: int
    qualifier_words: int
    qualifier_not: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    y = load_patterns("references")
    types, named, names = {}, set(), []
    for t in y["doc_types"]:
        for form in [t["name"], *(t.get("forms") or [])]:
            types[re.sub(r"\s+", "", fold(form))] = t["name"]
            names.append(form)
        if t.get("named"):
            named.add(t["name"])
    abbr = set()
    for a, name in (y.get("abbreviations") or {}).items():
        types[fold(a)] = name
        abbr.add(fold(a))
    type_alt = _alts(names)
    if abbr:
        type_alt += r"|(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(abbr, key=len, reverse=True)) \
            + r")(?!\w)"
    type_re = re.compile(f"(?:{type_alt})")
    not_after = re.compile(r"(?:" + _alts(y["type_not_after"]) + r")\s*$")
    list_head = re.compile(y["list_head"].replace("{type}", f"(?P<type>{type_alt})"))
    alias_re = re.compile(r"\(\s*[*_\"“”']*\s*" + y["alias_intro"]
                          + r"[*_\"“”']*\s*(?P<alias>[^()\"“”*\n]{2,80}?)\s*[*_\"“”']*\s*\)")
    back_re = re.compile(r"(?<!\w)(?P<type>" + type_alt + r")\s+(?:" + _alts(y["back_reference"], False)
                         + r"|" + _alts(y["self_reference"], False) + r")(?!\w)")
    rel = y["relations"]
    lead = [(r, re.compile(r"(?:" + _alts(ps) + r")(?!\w)")) for r, ps in rel["lead"].items()]
    gap = rel["near_gap"]
    near_strong = [(r, re.compile(r"(?:" + _alts(rel["near"][r]) + r")" + gap + r"$"))
                   for r in ("replaces", "amends") if r in rel["near"]]
    near_weak = [(r, re.compile(r"(?:" + _alts(rel["near"][r]) + r")" + gap + r"$"))
                 for r in rel["near"] if r not in ("replaces", "amends")]
    near_not_after = re.compile(r"(?:" + _alts(rel["near_not_after"], False) + r")\s*$")
    stops = []
    for w in sorted(y["issuer_stop"], key=len, reverse=True):
        fw = fold(w)
        # no left boundary: glued PDF text ("Chính phủnhằm", "Tỉnh uỷvềthực"); a stop word
        # never ends a longer Vietnamese syllable
        stops.append(_phrase(w) + ("" if fw == "về" else r"(?!\w)"))
    issuer_intro = re.compile(r"\s*,?\s*(?:" + _alts(y["issuer_intro"], False) + r")\s+")
    issuer_stop = re.compile("|".join(stops))
    pre_issuer = [re.compile(p) for p in y["pre_issuer"]]
    pre_date = re.compile(r"(?<!từ )(?<!đến )(?<!trước )(?<!sau )(?<!hạn )ngày\s*" + _DATE
                          + r"\s*,?\s*(?:(?P<who>[^;.\d]{0,100}?)\s+(?:đã\s+)?(?:" + _alts(y["pre_date_verbs"], False)
                          + r")|" + _alts(y["pre_date_at"], False) + r")\s+$")
    subject_intro = re.compile(r"\s*,?\s*(?:" + y["subject_intro"] + r")")
    subject_verb = re.compile(r"\s*,?\s*(?=(?:" + _alts(y["subject_verbs"], False) + r")(?!\w))")
    clause = _alts(y["subject_clause_after_comma"], False)
    subject_term = re.compile(r";|\.(?=\s|$|/|\.)|[()]|:(?=\s)|\?|!"
                              r"|\n\s*\n\s*(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s"
                              r"|,\s*(?:" + clause + r")(?!\w)")
    return _Rules(types, abbr, named, type_re, not_after, list_head, alias_re, back_re, lead,
                  near_strong, near_weak, near_not_after, issuer_intro, issuer_stop, pre_issuer,
                  pre_date, subject_intro, subject_verb, subject_term, int(y.get("subject_max", 400)),
                  int(y["relations"].get("implements_gap", 12)), int(y.get("title_words", 20)),
                  int(y.get("qualifier_words", 3)),
                  re.compile(r"(?<!\w)(?:" + _alts(y.get("qualifier_not") or ["số"], False) + r")(?!\w)"))


def _canon(rules: _Rules, folded_type: str) -> Optional[str]:
    return rules.types.get(re.sub(r"\s+", "", folded_type))


# --------------------------------------------------------------------------- citations
@dataclass
class _Cite:
    start: int                 # citation start: the type word (or "số" of a list item)
    end: int                   # end of the number
    num_start: int
    doc_type: Optional[str]
    number: str
    key: str
    seq: str
    list_item: bool = False
    head_start: Optional[int] = None   # start of the list head ("các Công văn:")
    date: Optional[str] = None
    date_found: bool = False
    issuer: Optional[str] = None
    subject: Optional[str] = None
    issuer_span: Optional[tuple] = None
    subject_span: Optional[tuple] = None
    ext_end: int = 0           # end of the whole citation (date, issuer, subject)
    parent: Optional[int] = None   # index of the citation whose subject contains this one
    relation: Optional[str] = None
    issuer_pre: bool = False   # the issuer was written before the citation


_SENT_END = re.compile(r"(?<![0-9])\.(?=\s)|[!?](?=\s)|\n\s*\n(?=\s*(?:[-+•]\s|\d+(?:\.\d+)*\.\s|[A-ZĐ]))")


def _sentence_start(text: str, pos: int, limit: int = 1500) -> int:
    lo = max(0, pos - limit)
    last = lo
    for m in _SENT_END.finditer(text, lo, pos):
        last = m.end()
    return last


def _is_header_number(text: str, so_start: int) -> bool:
    """``Số: 296/BHXH-CSYT`` at the start of a line: the number line of a header."""
    if not text.startswith("S", so_start):
        return False
    ls = text.rfind("\n", 0, so_start) + 1
    return re.fullmatch(r"[\s*#|_>\-]*", text[ls:so_start]) is not None


def _find_cites(text: str, cased: str, folded: str, rules: _Rules) -> list[_Cite]:
    cites: list[_Cite] = []
    for nm, bare in _numbers(cased):
        n0 = nm.start()
        w0 = max(0, n0 - 300)
        so = re.search(r"s[ốo]\s*[:.]?[\s*_]*$", folded[w0:n0])   # glued too: "Quyết địnhsố", "số* *4597/…"
        has_so = so is not None
        anchor = w0 + so.start() if so else n0 - (len(folded[w0:n0]) - len(folded[w0:n0].rstrip()))
        if has_so and _is_header_number(text, anchor):
            continue
        number = normalize_number(cased[n0:nm.end()])
        cite = _Cite(start=anchor if has_so else n0, end=nm.end(), num_start=n0, doc_type=None, number=number,
                     key=number_key(number), seq=_seq_of(number))
        # 1. a type word right before ("Nghị quyết số", "Kết luận 75-KL/TW", "Luật ... số")
        tms = [m for m in rules.type_re.finditer(folded, w0, anchor)
               if not rules.type_not_after.search(folded, max(0, m.start() - 20), m.start())
               and (m.group(0) not in rules.abbr or text[m.start():m.end()].isupper())]
        for tm in reversed(tms):
            gap = folded[tm.end():anchor]
            name = _canon(rules, tm.group(0))
            if not gap.strip():
                cite.doc_type, cite.start = name, tm.start()
                break
            if bare:
                break
            named = name in rules.named
            words = rules.title_words if named else rules.qualifier_words
            comma = ",?" if named else ""  # a law's title: "Luật Phòng, chống ma túy số"
            if has_so and re.fullmatch(r"\s+[^\s,;:.()\d/]+%s(?:\s+[^\s,;:.()\d/]+%s){0,%d}\s*"
                                       % (comma, comma, words - 1), gap) \
                    and (named or not rules.qualifier_not.search(gap)):
                cite.doc_type, cite.start = name, tm.start()
                break
            if re.search(r"[,;:.()\d/]", gap):
                break
        if cite.doc_type is None and bare or cite.doc_type is not None and bare and not has_so:
            continue
        if cite.doc_type is None:
            # 2. an item of a list with one type: "các Công văn: số 4457/...; số 2955/...",
            # "Nghị định số 63/2010/NĐ-CP, 48/2013/NĐ-CP và 92/2017/NĐ-CP"
            s0 = _sentence_start(folded, anchor)
            heads = [h for h in rules.list_head.finditer(folded, s0, anchor)
                     if has_so or h.end() == anchor]
            prev = cites[-1] if cites and cites[-1].doc_type else None
            gap = folded[prev.end:anchor] if prev else ""
            # a typed item after the head that opens its own ";" item takes over
            # ("các Nghị định: số ...; Thông tư số 2/...; số 3/...")
            if heads and prev and prev.start > heads[-1].end() and not prev.list_item \
                    and folded[:prev.start].rstrip().endswith(";"):
                heads = []
            if heads:
                h = heads[-1]
                cite.doc_type = _canon(rules, h.group("type"))
                cite.list_item, cite.head_start = True, h.start()
            elif prev and has_so and len(gap) < 250 and not _SENT_END.search(gap) \
                    and _LIST_SEP_END.search(gap):
                cite.doc_type, cite.list_item = prev.doc_type, True
            elif prev and not has_so and _LIST_NEXT.fullmatch(gap):
                cite.doc_type, cite.list_item = prev.doc_type, True
            if cite.doc_type is None:
                continue
        cites.append(cite)
    return cites


def _numbers(cased: str):
    """(match, bare) for every number shape in the text, in order: full numbers with a
    symbol, and bare ``N/YYYY`` ones where no full number covers them."""
    full = list(_NUMBER_RE.finditer(cased))
    spans = [(m.start(), m.end()) for m in full]
    bare = [m for m in _BARE_RE.finditer(cased) if not any(a <= m.start() < b for a, b in spans)]
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


def _issuer_at(text: str, folded: str, rules: _Rules, s: int, limit: int) -> Optional[tuple]:
    """(issuer, start, end) for a name starting at s, ending at punctuation or a stop word."""
    e = min(limit, s + 160)
    seg = folded[s:e]
    cut = len(seg)
    p = re.search(r"[,;.():!?\"“”]|\n[ ]*\n[ ]*\n|\n\s*\n(?=\s*(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s)", seg)
    if p:
        cut = p.start()
    st = rules.issuer_stop.search(seg, 1, cut)
    if st:
        cut = st.start()
    raw = _trim_raw(text[s:s + cut])
    name = _strip_name(raw)
    if not name or not (name[0].isupper() or name[0].isdigit()):
        return None
    return name, s, s + len(raw)


def _extend(text: str, folded: str, rules: _Rules, cites: list[_Cite], i: int) -> None:
    """Date, issuer and subject after citation i (within its clause)."""
    c = cites[i]
    n = len(folded)
    nxt = cites[i + 1].start if i + 1 < len(cites) else n
    pos = c.end
    dm = _DATE_AFTER.match(folded, pos, nxt)
    if dm:
        c.date, c.date_found, pos = _date_of(dm), True, dm.end()
    im = rules.issuer_intro.match(folded, pos, nxt)
    if im:
        got = _issuer_at(text, folded, rules, im.end(), nxt)
        if got:
            c.issuer, c.issuer_span = got[0], (got[1], got[2])
            pos = got[2]
            if not c.date_found:
                dm = _DATE_AFTER.match(folded, pos, nxt)
                if dm:
                    c.date, c.date_found, pos = _date_of(dm), True, dm.end()
    c.ext_end = pos
    # subject
    ss = None
    sm = rules.subject_intro.match(folded, pos, n)
    if sm:
        ss = sm.end()
    else:
        vm = rules.subject_verb.match(folded, pos, n)
        if vm:
            ss = vm.end()
    if ss is None or ss >= n:
        return
    limit = min(n, ss + rules.subject_max)
    tm = rules.subject_term.search(folded, ss, limit)
    se = tm.start() if tm else limit
    # a later citation inside the subject: the next item of a list ends it; one the
    # subject is about ("về triển khai thực hiện Nghị quyết số ...") is nested in it, and
    # the subject then runs on to its end
    for j in range(i + 1, len(cites)):
        cj = cites[j]
        if cj.start >= se:
            break
        if cj.start < ss:
            continue
        gap = folded[ss:cj.start]
        if not gap.strip() or _LIST_SEP_END.search(gap):
            se = cj.start
        break
    raw = _trim_raw(text[ss:se])
    subj = _strip_name(raw)
    if subj:
        c.subject = subj
        c.subject_span = (ss, ss + len(raw))
        c.ext_end = max(c.ext_end, c.subject_span[1])


def _clause_start(text: str, pos: int) -> tuple[int, str]:
    """Start of the clause holding pos, and the boundary before it (';', '.', '' for a line)."""
    lo = max(0, pos - 1500)
    best, kind = lo, ""
    for m in re.finditer(r";|(?<![0-9])\.(?=\s)|\n\s*(?=(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđA-ZĐ]\))\s)"
                         r"|\n\s*\n", text[lo:pos]):
        best, kind = lo + m.end(), m.group(0)[0]
    return best, kind


# between two numbers of one list without "số": at most a date, then a separator
_LIST_NEXT = re.compile(r"(?:\s*,?\s*(?:ngày\s*)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})?"
                        r"\s*(?:[,;]|và|hoặc)\s*")
_LIST_SEP_END = re.compile(r"(?:[,;]|(?<!\w)(?:và|hoặc|cùng))\s*$")
_BULLET = re.compile(r"[\s*#|_>]*(?:(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s+)?[\s*_]*")


def _lead_cue(text: str, folded: str, rules: _Rules, start: int, end: int) -> tuple:
    """(relation, end of the cue) of the cue opening the clause at ``start``, or of the last
    line inside the clause (before ``end``) that opens with a capitalised cue (PDF text often
    has no punctuation between a title and a "Thực hiện ..." paragraph)."""
    spots = [start] + [start + m.end() for m in re.finditer(r"\n", folded[start:end])]
    for sp in reversed(spots):
        b = _BULLET.match(folded, sp)
        p = b.end() if b else sp
        if p >= end:
            continue
        if sp != start and not text[p:p + 1].isupper():
            continue
        for rel, rx in rules.lead:
            m = rx.match(folded, p)
            if m:
                return rel, m.end()
    return None, None


def _first_in(cites: list[_Cite], lo: int, c: _Cite) -> int:
    """Start of the first top-level citation at or after lo, up to c (list head included)."""
    return min([x.head_start if x.head_start is not None else x.start
                for x in cites if lo <= x.start <= c.start and x.parent is None]
               + [c.head_start if c.head_start is not None else c.start])


def _relations(text: str, folded: str, rules: _Rules, cites: list[_Cite]) -> None:
    starts = {c.start for c in cites}
    for i, c in enumerate(cites):
        cs, kind = _clause_start(folded, c.head_start if c.head_start is not None else c.start)
        prev_end = max([x.ext_end for x in cites[:i] if x.ext_end <= c.start] + [cs])
        prefix = folded[prev_end:c.start]

        def near(table):
            for r, rx in table:
                m = rx.search(prefix)
                if m and not rules.near_not_after.search(prefix, 0, m.start()):
                    return r
            return None

        if c.parent is not None:      # inside another citation's subject
            c.relation = "cites"
            continue
        rel = near(rules.near_strong)
        if rel is None:
            rel, cue_end = _lead_cue(text, folded, rules, cs, c.start)
            # "Thực hiện Kế hoạch số ...", not "Thực hiện đúng trách nhiệm ... quy định tại ..."
            if rel == "implements" and len(folded[cue_end:_first_in(cites, cue_end, c)].split()) \
                    > rules.implements_gap:
                rel = None
            elif rel is None:
                # a list after one cue shares it: "Căn cứ A; B; C" (B and C open their clause)
                depth = 0
                while rel is None and kind == ";" and depth < 30:
                    b = _BULLET.match(folded, cs)
                    p = b.end() if b else cs
                    if p not in starts and not rules.type_re.match(folded, p):
                        break
                    e = cs - 1
                    cs, kind = _clause_start(folded, e)
                    rel, _ = _lead_cue(text, folded, rules, cs, e)
                    depth += 1
        if rel is None:
            rel = near(rules.near_weak)
        c.relation = rel or "cites"


def _pre_context(text: str, folded: str, rules: _Rules, c: _Cite, cs: int) -> None:
    """Issuer and date written before the citation, in its clause."""
    end = c.head_start if c.head_start is not None else c.start
    prefix = folded[cs:end]
    if c.issuer is None:
        for rx in rules.pre_issuer:
            m = rx.search(prefix)
            if m:
                a, b = cs + m.start("issuer"), cs + m.end("issuer")
                name = _strip_name(text[a:b])
                if name and name[0].isupper():
                    c.issuer, c.issuer_pre = name, True
                break
    if not c.date_found:
        m = rules.pre_date.search(prefix)
        if m:
            c.date, c.date_found = _date_of(m), True


# --------------------------------------------------------------------------- mentions
def _mention(text: str, s: int, e: int) -> dict:
    return {"start": s, "end": e, "text": text[s:e]}


def find_references(text: str, own_number: str | None = None,
                    context: dict | None = None) -> list[Reference]:
    """Every document ``text`` cites by number, once each, in order of first mention.

    ``own_number`` (and ``context["own_numbers"]``, e.g. the numbers of embedded
    attachments) are never references. ``context["include_unnumbered"]`` is reserved for
    citations without a number (``Luật Tổ chức chính quyền địa phương ngày 16/6/2025``),
    which are not listed yet.
    """
    if not text:
        return []
    context = context or {}
    rules = _rules()
    cased = text.translate(_CASED)
    folded = fold(text)
    own = [o for o in [own_number, *(context.get("own_numbers") or [])] if o]
    own_keys = {number_key(o) for o in own}
    own_blank_symbols = {_symbol_of(normalize_number(o)) for o in own if not _seq_of(normalize_number(o))}

    cites = _find_cites(text, cased, folded, rules)
    kept = []
    for c in cites:
        if c.key in own_keys:
            continue
        # "(Kèm theo Quyết định số 435/QĐ-UBND ...)" over an annex: the document itself
        mk = re.search(r"\(\s*[*_]*\s*(?:ban\s+hành\s+)?kèm\s+theo\s*$", folded[max(0, c.start - 40):c.start])
        if mk:
            paren = max(0, c.start - 40) + mk.start()
            line_start = text.rfind("\n", 0, paren) + 1
            header_like = text[paren + 1:paren + 2].isupper() and not text[line_start:paren].strip(" *_#|")
            if _symbol_of(c.number) in own_blank_symbols or (not own and header_like):
                continue
        kept.append(c)
    cites = kept
    for i in range(len(cites)):
        _extend(text, folded, rules, cites, i)
    # nesting: a citation that starts inside another one's subject
    for i, c in enumerate(cites):
        if c.subject_span:
            a, b = c.subject_span
            for j in range(i + 1, len(cites)):
                if a <= cites[j].start < b and cites[j].parent is None:
                    cites[j].parent = i
    # "số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025": items of one list joined by "và" or a
    # comma share the date written after the last of them
    for c, nxt in reversed(list(zip(cites, cites[1:]))):
        if not c.date_found and nxt.date_found and nxt.list_item and c.doc_type == nxt.doc_type \
                and re.fullmatch(r"\s*(?:,|và)\s*", folded[c.end:nxt.start]):
            c.date, c.date_found = nxt.date, True
    _relations(text, folded, rules, cites)
    for c in cites:
        if c.issuer is None or not c.date_found:
            cs, _ = _clause_start(folded, c.head_start if c.head_start is not None else c.start)
            _pre_context(text, folded, rules, c, cs)

    # "Bộ Y tế có Công văn số 627/BYT-BH ... và Công văn số 666/BYT-BH": one issuer for both
    for prev, c in zip(cites, cites[1:]):
        if c.issuer is None and prev.issuer and prev.issuer_pre and c.parent == prev.parent \
                and re.fullmatch(r"\s*(?:\([^()]{0,40}\))?\s*(?:[,;]|và|hoặc|cùng)?\s*", folded[max(prev.ext_end, prev.end):c.start]):
            c.issuer, c.issuer_pre = prev.issuer, True
    # group by number
    groups: dict[str, list[_Cite]] = {}
    for c in cites:
        groups.setdefault(c.key, []).append(c)
    refs: list[Reference] = []
    for cs_ in groups.values():
        full = next((c for c in cs_ if c.date_found), None) or next(
            (c for c in cs_ if c.issuer), None) or cs_[0]
        end = max(full.ext_end, full.end)
        ref = Reference(text=text[full.start:end], start=full.start, end=end,
                        doc_type=full.doc_type, number=full.number, date=full.date,
                        issuer=full.issuer, subject=full.subject, relation=full.relation)
        for c in cs_:
            if ref.date is None and c.date:
                ref.date = c.date
            if ref.issuer is None and c.issuer:
                ref.issuer = c.issuer
            if ref.subject is None and c.subject:
                ref.subject = c.subject
            if ref.doc_type is None and c.doc_type:
                ref.doc_type = c.doc_type
        ref.mentions = [_mention(text, c.start, c.end) for c in cs_]
        refs.append(ref)
    if not refs:
        return []
    _short_forms(text, folded, rules, refs, cites)
    for r in refs:
        r.mentions.sort(key=lambda m: m["start"])
    refs.sort(key=lambda r: r.mentions[0]["start"] if r.mentions else r.start)
    return refs


def _short_forms(text: str, folded: str, rules: _Rules, refs: list[Reference],
                 cites: list[_Cite]) -> None:
    """Aliases ("gọi tắt là ..."), bare "Type số N" and "Type nêu trên" → mentions."""
    taken = [(c.start, c.end) for c in cites]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(ref: Reference, s: int, e: int) -> None:
        if free(s, e):
            ref.mentions.append(_mention(text, s, e))
            taken.append((s, e))

    def by_type_seq(tname: Optional[str], seq: str) -> Optional[Reference]:
        hits = [r for r in refs if _seq_of(r.number or "") == seq.casefold()
                and (tname is None or r.doc_type == tname)]
        return hits[0] if len(hits) == 1 else None

    short_re = re.compile(r"(?<!\w)(?P<type>" + rules.type_re.pattern + r")\s*(?:s[ốo]\s*)?"
                          r"(?P<seq>\d{1,5}[a-zđ]?)(?![\w/])(?!\s*[-/]\s*[A-Za-zĐđ])"
                          r"(?!\s*(?:năm|tháng|ngày|%))")
    # aliases
    aliases: list[tuple[str, Reference]] = []
    alias_case: dict[str, bool] = {}
    for m in rules.alias_re.finditer(folded):
        alias = m.group("alias").strip()
        sm = short_re.fullmatch(alias)
        ref = by_type_seq(_canon(rules, sm.group("type")), sm.group("seq")) if sm else None
        if ref is None:   # "(sau đây gọi tắt là Kế hoạch)" right after a citation
            for c in cites:
                if 0 <= m.start() - max(c.ext_end, c.end) <= 3:
                    ref = next((r for r in refs if number_key(r.number) == c.key), None)
        if ref is None:
            continue
        aliases.append((alias, ref))
        a0 = m.start("alias")
        alias_case[alias] = text[a0].isupper()
        add(ref, a0, a0 + len(alias))
    for alias, ref in aliases:
        rx = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in alias.split())
                        + r"(?!\w)(?!\s*[-/]\s*[A-Za-zĐđ0-9])")
        for m in rx.finditer(folded):
            # an alias is a name: "Kế hoạch" (defined) is not every "kế hoạch"
            if alias_case[alias] and not text[m.start()].isupper():
                continue
            add(ref, m.start(), m.end())
    # bare "Chương trình hành động số 23", "Kế hoạch 67"
    for m in short_re.finditer(folded):
        if m.group("type") in rules.abbr and not text[m.start():m.end("type")].isupper():
            continue
        ref = by_type_seq(_canon(rules, m.group("type")), m.group("seq"))
        if ref is not None and m.start() > ref.start:
            add(ref, m.start(), m.end())
    # "Công văn nêu trên" -> the last cited document of that type; "Quyết định này" -> itself
    for m in rules.back_re.finditer(folded):
        if re.search(r"(?:các|những)\s+$", folded[max(0, m.start() - 8):m.start()]):
            continue
        if folded[m.end() - 3:m.end()] == "này":
            continue
        tname = _canon(rules, m.group("type"))
        before = [(mm["start"], r) for r in refs for mm in r.mentions
                  if mm["start"] < m.start() and (r.doc_type == tname or tname == "Văn bản")]
        if before:
            add(max(before, key=lambda x: x[0])[1], m.start(), m.end())
