"""Numeric targets (chỉ tiêu): the quantitative goals a document sets.

``find_targets(text)`` scans the whole body text and returns :class:`~extractor.model.Target`
items ordered by position, with offsets into ``text``. The rules (units, comparator
phrases, goal / not-a-goal cues) live in ``patterns/targets.yaml``; this module is the
small engine that applies them, on the folded text (:func:`extractor.normalize.fold`,
same length as ``text``, so offsets carry over).

Surface forms handled
---------------------
Numbers: ``70%``, ``70 %``, ``70 phần trăm``, decimal comma ``99,5%`` (→ 99.5), counts
with a unit ``360 hồ sơ``, ``01 hệ thống``, ``1.500 lượt`` (→ 1500), ``2,5 tỷ đồng``;
ranges ``60 - 70% thời gian``, ``từ 30% đến 50%``, ``từ30% đến 50%`` (glued PDF text),
``từ 3 đến 5 lớp`` → ``range`` with ``value_max``.

Comparators (words right before the number, fillers ``là``/``bằng``/``mức``/``đạt`` allowed
in between, or right after it):

- ``>=``: ``từ 70% trở lên``, ``70% trở lên``, ``ít nhất (là)``, ``tối thiểu (bằng)``,
  ``không thấp hơn``, ``không dưới``, ``tăng … lên 20%``; a bare percentage (``Đạt 100%``,
  ``100% cơ quan … ban hành``, ``đạt tỷ lệ 99,5%``) and a count after ``đạt``/``vượt``;
- ``>``: ``trên 50%``, ``hơn``, ``vượt``, ``cao hơn``;
- ``<=``: ``tối đa``, ``không quá``, ``không vượt quá``, ``xuống còn``, ``… trở xuống``;
- ``<``: ``dưới 5%``, ``giảm … xuống dưới``, ``thấp hơn``;
- ``=``: ``khoảng``; a count with a goal word but no comparator (``phấn đấu có 5 xã``).

Not targets (rejected by cue lists in the YAML):

- fee, benefit and pay rates: ``mức hưởng 80%``, ``15% mức lương cơ sở``, ``chi trả 100%
  chi phí``, ``lệ phí``, ``mức đóng``, ``tối đa bằng 40% mức tỷ lệ phí``;
- legal thresholds, votes and quorums: ``trên 50% tổng số cử tri``, ``tín nhiệm``,
  ``biểu quyết``, ``ít nhất là 55 cử tri tham dự hội nghị``;
- conditions: ``Đối với thôn có dưới 100 cử tri:``, ``Trường hợp … thấp hơn 15%``;
- the past and statistics: ``đã``, ``mới cấp được``, ``năm qua``, ``hiện nay``,
  ``Kết quả:``, ``so với cùng kỳ``, a sentence whose years are all before the document's
  year, a number under a ``Kết quả …`` / ``Tình hình …`` heading; unless a goal word
  (``phấn đấu``, ``chỉ tiêu``, ``phải``, ``đảm bảo``…) is nearer or the comparator is
  explicit (``tối thiểu``, ``ít nhất``, ``trở lên``…);
- rankings (``xếp thứ 13``, ``13/13``), examples in guidance (``ví dụ``), counts of things
  inspected (``kiểm tra tại 21 xã, thị trấn``), and bare counts with no goal word
  (``tại 07 địa phương``); numbers in dates, document symbols, article numbers, ages
  (``tuổi``) and ``lần thứ 5`` never become candidates (no ``%`` and no unit).

Besides the contract fields, each result carries ``period`` (``năm 2022``, ``quý I/2024``,
``giai đoạn 2021 - 2025``: the nearest period named in the same sentence) and
``unit_responsible`` (a body named before the number in the same sentence and followed by
``phấn đấu``/``phải``/``chủ trì``…), both ``None`` when the sentence does not say. They
are dataclass fields when :class:`Target` has them, else plain attributes.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache
from typing import Optional

from ..model import Target
from ..normalize import fold, fold_pattern, squash_spaces
from ..resources import load_patterns

__all__ = ["find_targets", "explain"]


# --------------------------------------------------------------------------- rule loading
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"


def _phrase_rx(entry: str) -> str:
    """A YAML list entry as a regex source: ``re: ...`` raw (folded), else a whole-word
    phrase whose spaces match any whitespace or none."""
    if entry.startswith("re:"):
        return "(?:" + fold_pattern(entry[3:].strip()) + ")"
    words = [re.escape(fold(w)) for w in entry.split()]
    # boundaries are letters only (a digit may be glued on: "từ30%"); a phrase of two or
    # more words may also be glued to the word before it ("trang bịtối thiểu")
    left = "" if len(words) > 1 else _NOT_AFTER_LETTER
    return left + r"\s*".join(words) + _NOT_BEFORE_LETTER


def _alt(entries) -> str:
    srcs = sorted((_phrase_rx(e) for e in entries or []), key=len, reverse=True)
    return "(?:" + "|".join(srcs) + ")" if srcs else "(?!x)x"


def _rx(entries, prefix: str = "", suffix: str = "") -> re.Pattern:
    return re.compile(prefix + _alt(entries) + suffix)


_NUM_PCT = r"\d+(?:[.,]\d+)?"
_NUM_CNT = r"\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:,\d+)?"
_PCT_SIGN = r"(?:%|phần\s*trăm(?!\w))"
_LEFT_OK = r"(?<![\d.,/])"


class _Rules:
    def __init__(self, data: dict) -> None:
        # units
        self.units: list[tuple[re.Pattern, str]] = []
        unit_srcs = []
        for u in data["units"]:
            for form in [u["name"], *(u.get("forms") or [])]:
                src = _phrase_rx(form)
                unit_srcs.append(src)
                self.units.append((re.compile(src + r"$"), u["name"]))
        unit_srcs.sort(key=len, reverse=True)
        self.units.sort(key=lambda t: len(t[0].pattern), reverse=True)
        unit_alt = "(?P<unit>" + "|".join(unit_srcs) + r")(?!\w)"

        cmp = data["comparators"]
        # a dash joins on its own line or breaks the line after it ("60 -\n70%"), never
        # before it: "năm 2026\n- 100% cơ quan" is a bullet, not a range
        joins = [j for j in cmp["range_joiners"] if not any(c.isalpha() for c in j)]
        words = [j for j in cmp["range_joiners"] if any(c.isalpha() for c in j)]
        joiner = "(?:" + "|".join(
            [rf"[ \t]*{re.escape(fold(j))}[ \t]*\n?[ \t]*" for j in joins]
            + ([rf"\s*{_alt(words)}\s*"] if words else [])) + ")"
        self.candidates = [  # (kind, regex), tried in this order; later ones skip overlaps
            ("pct_range", re.compile(
                rf"(?:(?<!\w)(?P<from>từ)\s*)?{_LEFT_OK}(?P<a>{_NUM_PCT})(?:[ \t]*{_PCT_SIGN})?"
                rf"{joiner}(?P<b>{_NUM_PCT})\s*{_PCT_SIGN}")),
            ("cnt_range", re.compile(
                rf"(?:(?<!\w)(?P<from>từ)\s*)?{_LEFT_OK}(?P<a>{_NUM_CNT}){joiner}"
                rf"(?P<b>{_NUM_CNT})\s*{unit_alt}")),
            ("pct", re.compile(rf"{_LEFT_OK}(?P<a>{_NUM_PCT})\s*{_PCT_SIGN}")),
            ("cnt", re.compile(rf"{_LEFT_OK}(?P<a>{_NUM_CNT})(?![\d/])\s*{unit_alt}")),
        ]
        fillers = _alt(cmp.get("fillers"))
        self.before: list[tuple[re.Pattern, str, bool]] = []
        for op, groups in cmp["before"].items():
            for strength in ("strong", "weak"):
                for p in groups.get(strength) or []:
                    self.before.append((re.compile(
                        _phrase_rx(p) + rf"\s*(?:{fillers}\s*)*$"), op, strength == "strong"))
        self.after = [(re.compile(r"^\s*" + _alt(v)), op) for op, v in cmp["after"].items()]
        self.default = cmp["default"]
        self.count_at_least = _rx(cmp.get("count_at_least"), suffix=r"\s*$")

        cues = data["cues"]
        self.goal = _rx(cues["goal"])
        self.count_goal = _rx(cues["count_goal"])
        self.past = _rx(cues["past"])
        self.past_after = _rx(cues["past_after"], prefix=r"^\s*")
        self.past_weak = _rx(cues["past_weak"])
        self.baseline_after = _rx(cues["baseline_after"], prefix=r"^\s*")
        self.section_past = _rx(cues["section_past"], prefix="^")
        self.section_goal = _rx(cues["section_goal"], prefix="^")
        rej = cues["reject"]
        self.fee_before = _rx(rej["fee_before"], suffix=r"\s*$")
        self.fee_clause = _rx(rej["fee_clause"])
        self.fee_after = _rx(rej["fee_after"], prefix=r"^\s*(?:của\s*)?")
        self.legal_after = _rx(rej["legal_after"], prefix=r"^\s*")
        self.legal_sentence = _rx(rej["legal_sentence"])
        self.condition = _rx(rej["condition_clause"])
        self.example = _rx(rej["example_sentence"])
        self.ranking_before = _rx(rej["ranking_before"], suffix=r"\s*$")
        self.ranking_after = _rx(rej["ranking_after"], prefix=r"^\s*")
        self.inspected_before = _rx(rej["inspected_before"], suffix=r"\s*$")

        self.period = _rx(data["period"])
        resp = data["responsible"]
        self.responsible = re.compile(
            rf"(?<!\w)(?P<name>{_alt(resp['heads'])}(?:[ \t\n,]+[^\s.;:()]+)"
            rf"{{0,{int(resp.get('max_words', 14))}}}?)\s+{_alt(resp['verbs'])}")
        met = data["metric"]
        self.metric_stop = _rx(met["stop"])
        self.metric_max = int(met.get("max_words", 16))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules(load_patterns("targets"))


# --------------------------------------------------------------------------- text structure
_ITEM_BREAK = r"[.!?]+(?=\s|$)|\||\n(?=[ \t]*(?:[-+•*]|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[ivx]+\.\s))"
_SENT_BREAK = re.compile(_ITEM_BREAK + "|;")
_ITEM_BREAK = re.compile(_ITEM_BREAK)
_CLAUSE_BREAK = re.compile(r"[,;:(]|(?<!\w)thì(?!\w)")
_HEADING = re.compile(r"^[ \t#*>]*(?:(?P<roman>[ivx]+)\.|(?P<num>\d+(?:\.\d+)*)[.)]|(?P<let>[a-zđ])\))"
                      r"[ \t*]*(?P<t>\S.*)$")
_YEAR = re.compile(r"(?P<m>tháng\s*\d{1,2}\s*)?năm\s*(?P<y>(?:19|20)\d{2})(?!\d)"
                   r"|(?P<to>đến|tính đến|tới)\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(?P<y2>(?:19|20)\d{2})"
                   r"|(?:19|20)\d{2}\s*-\s*(?P<y3>(?:19|20)\d{2})")
_DOC_DATE = re.compile(r"ngày[\s\d]*tháng[\s\d]*năm\s*((?:19|20)\d{2})")


def _bounds(f: str, rx: re.Pattern) -> list[int]:
    """Start offsets of the sentences (or list items) of ``f``, plus ``len(f)``."""
    return sorted({0, len(f), *(m.end() for m in rx.finditer(f))})


def _sections(f: str, text: str) -> list[tuple[int, Optional[str]]]:
    """(position, 'past'|'goal'|None) at each heading: the class of the deepest classified
    heading in force from that position on."""
    r = _rules()
    out: list[tuple[int, Optional[str]]] = []
    stack: dict[int, Optional[str]] = {}
    pos = 0
    for line in f.split("\n"):
        start = pos
        pos += len(line) + 1
        m = _HEADING.match(line)
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


def _doc_year(f: str) -> Optional[int]:
    m = _DOC_DATE.search(f[:3000])
    return int(m.group(1)) if m else None


def _last_end(rx: re.Pattern, s: str) -> int:
    end = -1
    for m in rx.finditer(s):
        end = m.end()
    return end


# --------------------------------------------------------------------------- values
def _pct_value(s: str) -> float:
    return float(s.replace(",", "."))


def _cnt_value(s: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return float(s.replace(".", ""))
    return float(s.replace(",", "."))


def _unit_name(folded_unit: str) -> str:
    """The canonical unit name for a unit as matched ("hệthống" → "hệ thống", "TTHC" →
    "thủ tục hành chính")."""
    for rx, name in _rules().units:
        if rx.match(folded_unit.strip()):
            return name
    return squash_spaces(folded_unit)


# --------------------------------------------------------------------------- attributes
def _period(f: str, text: str, s0: int, s1: int, n0: int) -> Optional[str]:
    best = None
    for m in _rules().period.finditer(f, s0, s1):
        dist = n0 - m.end() if m.end() <= n0 else (m.start() - n0) + 10_000  # prefer the left
        if best is None or dist < best[0]:
            best = (dist, m.start(), m.end())
    if not best:
        return None
    return re.sub(r"^(?:[Tt]rong)\s+", "", squash_spaces(text[best[1]:best[2]]))  # "trong năm 2022"


def _responsible(f: str, text: str, s0: int, n0: int) -> Optional[str]:
    best = None
    for m in _rules().responsible.finditer(f[s0:n0]):
        first = text[s0 + m.start("name")]
        before = f[max(0, s0 + m.start("name") - 12):s0 + m.start("name")]
        if re.search(r"(?<!\w)(?:với|cho|tại|đến|giúp|hỗ trợ|phối hợp)\s*$", before):
            continue  # the object of a preposition, not the subject
        if first.isupper():  # a body's name is capitalised ("Sở", not "cán bộ") ...
            best = m
        elif re.match(r"(?:các|mỗi|từng)(?!\w)", m.group("name")) and not re.search(r"của\s*$", before):
            best = m  # ... or "các/mỗi cơ quan, đơn vị" as the subject
    if not best:
        return None
    name = text[s0 + best.start("name"):s0 + best.end("name")]
    return squash_spaces(name).strip(" ,") or None


_TRAIL = re.compile(r"(?:[\s,]+|(?<!\w)(?:và|của|các|với|là|hoặc)(?!\w))+$")


def _trim_metric(f_seg: str, t_seg: str) -> Optional[str]:
    r = _rules()
    cut = len(f_seg)
    m = re.search(r"[;:.()]|/\s*tổng", f_seg)
    if m:
        cut = m.start()
    m = r.metric_stop.search(f_seg, 0, cut)
    if m:
        cut = m.start()
    for i, ch in enumerate(f_seg[:cut]):  # a comma ends it once the phrase has 4+ words
        if ch == "," and (len(f_seg[:i].split()) >= 4 or not f_seg[:i].strip()):
            cut = i
            break
    seg = t_seg[:cut]
    tokens = seg.split()
    if len(tokens) > r.metric_max:
        seg = " ".join(tokens[: r.metric_max])
    seg = _TRAIL.sub("", squash_spaces(seg)).strip(" ,-")
    return seg or None


def _metric(f: str, text: str, s0: int, s1: int, n0: int, n1: int, unit_text: str) -> Optional[str]:
    right = _trim_metric(f[n1:s1], text[n1:s1])
    if unit_text:  # a count: the unit is the head of what is measured
        return squash_spaces(f"{unit_text} {right or ''}")
    if right:
        return right
    left_f = f[s0:n0]
    m = None
    for m in re.finditer(r"(?<!\w)tỷ\s*lệ(?!\w)", left_f):
        pass
    if m:
        seg_f = left_f[m.start():]
        seg_t = text[s0 + m.start():n0]
        seg_f = re.split(r"(?<!\w)từ\s*\d|\d", seg_f)[0]  # "tỷ lệ X từ 50% lên 70%": before the baseline
        seg_f = re.sub(r"(?:\s*(?:phải|cần|đạt|là|ở mức|mức|từ|trên|dưới|tối thiểu|ít nhất|tối đa|không quá|"
                       r"bằng|lên|xuống|còn|tăng|giảm))+\s*$", "", seg_f)
        return _trim_metric(seg_f, seg_t[: len(seg_f)])
    return None


# --------------------------------------------------------------------------- engine
def _comparator(left: str, right: str) -> tuple[Optional[str], bool, int]:
    """(operator, strong, length of the phrase in ``left``) from the words around a number."""
    r = _rules()
    best = None
    for rx, op, strong in r.before:
        m = rx.search(left)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), op, strong)
    for rx, op in r.after:
        if rx.search(right):
            if best and best[1] == ">=" and op == ">=":
                return ">=", True, len(left) - best[0]
            if best is None or not best[2]:
                return op, True, len(left) - best[0] if best else 0
    if best:
        return best[1], best[2], len(left) - best[0]
    return None, False, 0


def _make(**kw) -> Target:
    names = {f.name for f in dataclasses.fields(Target)}
    extra = {k: kw.pop(k) for k in list(kw) if k not in names}
    t = Target(**kw)
    for k, v in extra.items():
        setattr(t, k, v)
    return t


def find_targets(text: str) -> list[Target]:
    """Quantitative goals in ``text`` (the whole body of a document), ordered by position."""
    return [t for t, why in _scan(text) if why is None]


def explain(text: str) -> list[tuple[str, Optional[str]]]:
    """Every candidate number with the reason it was rejected (``None``: a target). For
    rule authors: ``python -m extractor.fields.targets FILE``."""
    return [(t.text if isinstance(t, Target) else t, why) for t, why in _scan(text)]


def _scan(text: str):
    """Yields ``(Target, None)`` for each target and ``(number text, reason)`` for each
    candidate rejected, in text order. The steps follow ``patterns/targets.yaml``."""
    r = _rules()
    f = fold(text)
    bounds = _bounds(f, _SENT_BREAK)  # sentences: cues are looked for here
    items = _bounds(f, _ITEM_BREAK)  # ... and list items (";" does not end one): attributes
    sections = _sections(f, text)
    section_pos = [pos for pos, _ in sections]

    def section_at(pos: int) -> Optional[str]:
        i = bisect.bisect_right(section_pos, pos) - 1
        return sections[i][1] if i >= 0 else None

    doc_year = _doc_year(f)

    # 1. candidates: ranges first, singles that overlap a range are dropped
    cands = []
    taken: list[tuple[int, int]] = []
    for kind, rx in r.candidates:
        for m in rx.finditer(f):
            a0 = m.start("a")
            if any(s < m.end() and a0 < e for s, e in taken):
                continue
            if kind.endswith("range"):
                conv = _pct_value if kind == "pct_range" else _cnt_value
                lo, hi = conv(m.group("a")), conv(m.group("b"))
                if not lo < hi:
                    continue
            taken.append((m.start(), m.end()))
            cands.append((kind, m))
    cands.sort(key=lambda c: c[1].start())

    for kind, m in cands:
        is_pct = kind.startswith("pct")
        is_range = kind.endswith("range")
        n0, n1 = m.start("a"), m.end()
        if is_range and m.group("from"):
            n0 = m.start("from")
        # sentence and clause around the number
        s0 = bounds[bisect.bisect_right(bounds, n0) - 1]
        s1 = bounds[bisect.bisect_left(bounds, n1)]
        left = f[s0:n0]
        right = f[n1:s1]
        clause0 = s0 + max((c.end() for c in _CLAUSE_BREAK.finditer(left)), default=0)
        clause = f[clause0:n0]

        # 2. comparator
        if is_range:
            op, strong, clen = "range", True, 0
        else:
            op, strong, clen = _comparator(left[-80:], right)
        after_m = next((am for am, _ in ((rx.search(right), o) for rx, o in r.after) if am), None)
        if after_m and not is_range:
            n1_span = n1 + after_m.end()
        else:
            n1_span = n1
        bare = left[: len(left) - clen] if clen else left  # left context before the comparator

        # 3. never targets
        if r.legal_after.search(right) or r.legal_sentence.search(left):
            yield text[m.start():m.end()], "legal"
            continue
        if r.fee_before.search(bare) or r.fee_clause.search(clause) or r.fee_after.search(right):
            yield text[m.start():m.end()], "fee"
            continue
        if r.condition.search(clause[: len(clause) - clen] if clen <= len(clause) else "") \
                or r.example.search(left):
            yield text[m.start():m.end()], "condition/example"
            continue
        if r.ranking_before.search(bare) or r.ranking_after.search(right):
            yield text[m.start():m.end()], "ranking"
            continue
        if not is_pct and not clen and r.inspected_before.search(bare):
            yield text[m.start():m.end()], "inspected"
            continue
        if not is_range and r.baseline_after.search(right):
            yield text[m.start():m.end()], "baseline"
            continue

        # 4. goal or fact
        goal_end = _last_end(r.goal, left)
        past_end = _last_end(r.past, left)
        if not strong:
            if past_end > goal_end:
                yield text[m.start():m.end()], "past"
                continue
            if goal_end < 0:
                weak_past = bool(r.past_after.search(right) or r.past_weak.search(left))
                if doc_year:
                    years = []
                    for y in _YEAR.finditer(f, s0, s1):
                        if y.group("m") or re.search(r"so\s*với\s*$", f[max(s0, y.start() - 12):y.start()]):
                            continue
                        years.append(int(y.group("y") or y.group("y2") or y.group("y3")))
                    if years and max(years) < doc_year:
                        weak_past = True
                if section_at(n0) == "past":
                    weak_past = True
                if weak_past:
                    yield text[m.start():m.end()], "past (weak)"
                    continue
        if not is_pct and not clen and not is_range:
            at_start = not left.strip(" \t\n-+•*")
            if not (r.count_goal.search(left) or (section_at(n0) == "goal" and at_start)):
                yield text[m.start():m.end()], "bare count"
                continue
        if not is_pct and clen and not strong and goal_end < 0 and not r.count_goal.search(left):
            yield text[m.start():m.end()], "preposition"
            continue  # "trên 21 xã", "từ 100 người": a preposition, not a bound

        # 5. the target
        if op is None:
            if is_pct:
                op = r.default["percent"]
            else:
                op = ">=" if r.count_at_least.search(left) else r.default["count"]
        conv = _pct_value if is_pct else _cnt_value
        value = conv(m.group("a"))
        value_max = conv(m.group("b")) if is_range else None
        unit_text = ""
        if is_pct:
            unit = "%"
        else:
            unit = _unit_name(m.group("unit"))
            unit_text = text[m.start("unit"):m.end("unit")]
        start = n0 - clen if clen else n0
        end = n1_span
        yield _make(
            text=text[start:end], comparator=op, value=value, unit=unit, start=start, end=end,
            metric=_metric(f, text, s0, s1, n0, n1_span, unit_text),
            value_max=value_max,
            period=(_period(f, text, s0, s1, n0)
                    or _period(f, text, items[bisect.bisect_right(items, n0) - 1], s0, n0)),
            unit_responsible=(_responsible(f, text, s0, start)
                              or _responsible(f, text, items[bisect.bisect_right(items, n0) - 1], s0)),
        ), None


if __name__ == "__main__":  # pragma: no cover - a rule author's tool
    import sys

    for path in sys.argv[1:]:
        src = open(path, encoding="utf-8").read().replace("**", "").replace("*", "")
        print(f"== {path}")
        for t, why in _scan(src):
            if why is None:
                print(f"  TARGET {t.comparator} {t.value:g}{'-%g' % t.value_max if t.value_max else ''}"
                      f" {t.unit} | {squash_spaces(t.text)} | metric={t.metric!r}")
            else:
                print(f"  no     {squash_spaces(t)!r}: {why}")
