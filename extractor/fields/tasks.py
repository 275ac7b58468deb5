"""Tasks: each assignment of work in the body of a letter, with its lead and support units
and its deadline (RECORD.md ``tasks``).

:func:`find_tasks` reads the body of a :class:`~extractor.layout.Layout` as its item tree
(``I.`` > ``1.`` > ``1.1.`` > ``a)`` > ``-`` > ``+``) and returns one
:class:`~extractor.model.Task` per assignment. Units are recognised by
:mod:`extractor.fields.units`, deadlines by :mod:`extractor.fields.deadlines`; the cue
words, section headings and plan field names live in ``patterns/tasks.yaml`` and
``patterns/tasks.examples.yaml`` documents (and tests) the forms below.

Surface forms handled (matching is case-, tone-placement- and spacing-insensitive):

Who leads (``lead``):
  - an assignment cue followed by units: ``Giao Phòng Nội vụ …``, ``Yêu cầu Thủ trưởng
    các cơ quan, đơn vị …``, ``Đề nghị BHXH các tỉnh …``, ``UBND xã đề nghị Trưởng các ban
    ngành …``, ``…, kính đề nghị Sở Tài chính …``, ``Giao Giám đốc: Sở A, Sở B …`` (the
    office holder distributed: ``Giám đốc Sở A``), ``đề nghị Quý Sở …`` (the units of
    Kính gửi), ``Giao VNPT Lai Châu …`` (a proper name the unit grammar does not know),
    ``Giao đồng chí Lê Văn C, Phó Chủ tịch UBND huyện …`` (a person and the post after the
    name); not ``theo đề nghị của …``, ``về việc giao …``, ``nhiệm vụ được giao``, ``có văn
    bản đề nghị …``, a narrated past request (``Bộ đã có Công văn … và đề nghị …``) nor a
    reported one (``Tại Công văn số …, Bộ Y tế đề nghị …``);
  - units at the start of a clause followed by a verb: ``Phòng Nội vụ chủ trì, phối hợp
    với …``, ``Sở X có trách nhiệm:``, ``Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh chủ động
    …``, ``Các cơ quan, địa phương được giao chỉ tiêu tại Điều 1 có trách nhiệm:``, also
    after a topic with a lead marker (``Trường hợp …, cơ sở KCB có trách nhiệm …``), after
    a time (``Trong thời hạn 05 ngày …, UBND các xã báo cáo …``) or a short label (``Chế độ
    báo cáo: Các cơ quan, đơn vị báo cáo …``); not the issuer speaking (``UBND huyện cam
    kết …``, ``Ban Thường vụ Đảng uỷ nhất trí …``), not a statement (``… đã …``, ``… được
    nghỉ``, ``Ông X, Phó Chủ tịch UBND tỉnh - Tổ trưởng``), not an accountability clause
    (``… chịu trách nhiệm trước Chủ tịch UBND tỉnh …``);
  - units before a colon: ``1. Thủ trưởng các phòng, ban …, Chủ tịch UBND các xã, thị
    trấn: Nghiêm túc thực hiện …``; ``Điều 3. Chánh Văn phòng …; Giám đốc các Sở: Nội vụ,
    Thông tin và Truyền thông; … chịu trách nhiệm thi hành …``;
  - a heading that names units (``1. UBND huyện``, ``2. Các cơ quan …; các chi bộ, đảng bộ
    cơ sở``, ``1. Giao Phòng X:``, ``Sở X có trách nhiệm:``): every item under it; a generic
    subject repeated in an item (``Các cấp ủy, tổ chức đảng chủ động …``) keeps the
    heading's units, a specific one (``Đồng chí Chủ tịch Ủy ban MTTQ xã …``) leads. Under
    ``5.1. Đối với Ban Tuyên giáo Huyện ủy`` (a topic) the items are one task;
  - a lead-in ending with a colon (``Bộ Y tế đề nghị Đ/c Chủ tịch UBND tỉnh, thành phố
    thực hiện một số nội dung sau:``, ``Giám đốc Sở … có trách nhiệm:``): the items after
    it, unless they name their own; the lead-in itself is a task only when its items are
    not (or when it names support or a deadline). ``UBND huyện yêu cầu:`` alone hands the
    items to the units of Kính gửi. A numbered lead-in sentence (``1. Chủ tịch UBND các
    xã tổ chức thực hiện các nội dung sau:``, ``1. Sở NN&PTNT chỉ đạo Chi cục Kiểm lâm:``)
    is one task that its items without units of their own continue;
  - plan field lines ``Cơ quan chủ trì: …`` / ``Đơn vị chủ trì: …`` / ``Cơ quan chủ trì,
    thực hiện: …`` (lead), ``Cơ quan phối hợp (thực hiện): …`` (support), ``Cơ quan thực
    hiện: …`` (the lead when alone; beside a chủ trì, a task of its own), ``Thời gian
    (thực hiện|hoàn thành): …`` (deadline), as list items or plain lines; a unit found in
    one item's fields also leads the items after it that name none (``1.1. … Đơn vị chủ
    trì: X`` then ``1.2. …``);
  - rows of task tables: ``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời
    gian hoàn thành`` and the like, columns found by their header names (Word tables by
    their cells, tables flattened one cell per line by their STT numbers);
  - a clause without units of its own continues the task before it in the same item
    (``…; chỉ đạo Ủy ban nhân dân cấp xã …``); outside the lists only cues and lead
    markers assign.
Who supports (``support``): units right after ``phối hợp (chặt chẽ) (với|cùng)``; units
  in ``(X chịu trách nhiệm cung cấp)``; the ``Cơ quan phối hợp`` field or column. Units a
  lead directs (``X chỉ đạo Y …``) and objects (``báo cáo UBND tỉnh``) are not listed.
Deadline: the one :func:`~extractor.fields.deadlines.pick_deadline` chooses in the clause
  (or in the item's ``Thời gian`` line); a rhythm the normaliser calls weak when nothing
  else dates the clause (``mỗi quý tổ chức …``); every further due date of the clause
  (``báo cáo 6 tháng (trước ngày 10/6) và cả năm (trước ngày 10/11)``) and every further
  rhythm of a list (``định kỳ 6 tháng và hằng năm``) makes another task with the same
  units; a sentence holding only a date (``Hoàn thành trước 06/3/2026.``) dates the task
  before it.
Not tasks: background, statistics and statements (``Trường hợp … thì …``, ``Việc thanh
  toán …``, ``Đạt 100% …``, ``Sửa chữa 02 điểm trường: 1.500 triệu đồng``), items of
  sections on aims, targets, results or rules (``MỤC ĐÍCH, YÊU CẦU``, ``CHỈ TIÊU``, ``Kết
  quả đạt được``, ``Quy định về …``; in a BÁO CÁO every section but those on tasks,
  directions and requests; a ``Giao …`` sentence there still counts), paragraphs outside
  the lists without a cue, and items nobody is named for.

Units keep the document's spelling; within a document, spellings that differ only by
word breaks (PDF text: ``Uỷban``) are given the one with the most breaks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Optional

from ..layout import Item, Layout, Seg, _LIST_LABEL, item_tree
from ..model import Task
from ..normalize import fold
from ..resources import load_patterns
from .deadlines import DeadlineMatch, find_deadlines, parse_deadline, pick_deadline
from .units import UnitSpan, find_units, unit_key

__all__ = ["find_tasks", "tasks_in_text"]


# =========================================================================== rules
def _phrase(p: str) -> str:
    """A YAML phrase → a regex on folded text: a space matches any whitespace or none;
    ``re: …`` is a raw expression."""
    if p.startswith("re: "):
        return p[4:]
    return r"\s*".join(re.escape(w) for w in fold(p).split())


def _alt(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((_phrase(p) for p in phrases), key=len, reverse=True)) + ")"


_L = r"(?<![^\W\d_])"  # no letter before
_R = r"(?![^\W\d_])"   # no letter after


class _Rules:
    """Everything compiled from ``patterns/tasks.yaml``."""

    def __init__(self, d: dict) -> None:
        self.assign = re.compile(_L + _alt(d["assign"]))
        self.blockers = re.compile(r"(?:^|\s)" + _alt(d["cue_blockers"]) + r"\s*$")
        self.past = re.compile(_L + r"(?:đã|đang|vừa)" + _R)
        self.markers = re.compile(r"\s*[,;]?\s*" + _alt(d["lead_markers"]) + _R)
        self.accountable = re.compile(r"\s*,?\s*" + _alt(d["accountable"]) + _R)
        self.support = re.compile(_L + _alt(d["support"]) + r"\s*")
        self.fact = re.compile(r"\s*,?\s*" + _alt(d["fact_after_subject"]) + _R)
        self.not_verb = re.compile(r"\s*(?:" + _alt(d["not_verbs"]) + _R + r"|[(\d.;–-])")
        self.topic = re.compile(r"\s*" + _alt(d["topic_openers"]) + _R)
        self.temporal = re.compile(r"\s*" + _alt(d["temporal_openers"]) + _R)
        self.lead_in = re.compile(_alt(d["lead_in_endings"]) + r"\s*$")
        self.report_tasks = re.compile(r"\s*" + _alt(d["report_task_headings"]) + _R)
        self.reported = re.compile(r"\s*" + _alt(d["reported_openers"]) + r"(?!\s*đó)" + _R + r".*?\ssố\s")
        self.person = re.compile(r"(?<![^\W\d_])(?i:" + "|".join(
            sorted((re.escape(t).replace(r"\ ", r"\s+") for t in d["person_titles"]), key=len, reverse=True))
            + r")\s+(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*(?![^\W\d_])")
        self.addressee = re.compile(r"\s*" + _alt(d["addressee_words"]) + _R)
        self.stop_name = re.compile(r"\s*" + _alt(d["not_names"]) + _R)
        self.connector = re.compile(r"\s*" + _alt(d["connectors"]) + _R + r"\s*,?\s*")
        self.statement = re.compile(r"\s*[-–•+*]?\s*" + _alt(d["statement_openers"]) + _R)
        self.non_task = re.compile(r"\s*" + _alt(d["non_task_headings"]) + _R)
        f = d["fields"]
        self.field_roles = [(role, [re.sub(r"\s+", "", fold(p)) for p in f[role]])
                            for role in ("lead", "support", "implement", "deadline", "content", "other")]
        self.field_words = int(d.get("field_label_words", 8))
        units = load_patterns("units")
        holders = list(units.get("holders") or [])
        holders += [f"Phó {h}" for h in holders if not fold(h).startswith("phó")]
        self.holder_colon = re.compile(r"\s*" + _alt(holders) + r"\s*:\s*")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules(load_patterns("tasks"))


_SENT_END = re.compile(r"(?<=[.!?…])[\s\"”’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")
_ABBR_END = re.compile(r"(?:\b(?:TP|Tp|TX|Tx|VP|TT|Th|ThS|TS|PGS|GS|Đ/c|đ/c|St)|\b[A-ZĐ]|(?<![\d/.])\d{1,2})\.$")
# a proper name: capitalised words, one lowercase syllable allowed between two of them
# ("Viễn thông Quảng Nam"), acronyms and hyphens ("VNPT Lai Châu", "Điện lực - Chi nhánh X")
_CAP = r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ&]*)"
_PROPER_NAME = re.compile(rf"{_CAP}(?:(?:\s+|\s*-\s*){_CAP}|\s+[a-zđà-ỹ]+(?=\s+[A-ZĐÀ-Ỹ]))*")
_GAP_SEP = re.compile(r"\s*(?:[,;/&]|\bvà\b|\bcùng\b|\bhoặc\b)?\s*(?:các\s+đồng\s+chí\s+)?$")
_ARTICLE = re.compile(r"\s*Điều\s+\d+\s*[.:]", re.IGNORECASE)
_FIELD_ROLES = ("lead", "support", "implement", "deadline", "other")
_MARKER_ONLY = re.compile(r"\s*,?\s*(?:(?:có|chịu)\s*trách\s*nhiệm(?:\s*thực\s*hiện)?)?\s*[:.]?\s*$")
_CONTRACT = ("weekly", "monthly", "quarterly", "semiannual", "annual")
_RHYTHM_WORDS = {"weekly": "hằng tuần", "monthly": "hằng tháng", "quarterly": "hằng quý",
                 "semiannual": "định kỳ 6 tháng", "annual": "hằng năm"}


# =========================================================================== data
@dataclass
class _Unit:
    text: str
    key: str


@dataclass
class _Clause:
    """What one clause says about who does the work."""

    start: int
    end: int
    body: int  # after the list label and connectives
    lead: list = field(default_factory=list)
    kind: Optional[str] = None  # cue / subject / colon / heading
    marker: bool = False  # a lead marker follows the subject (chủ trì, có trách nhiệm …)
    generic: bool = False  # the subject is a generic group (các cơ quan, đơn vị …)
    speaker: bool = False  # the subject is the issuer itself
    statement: bool = False
    accountable: bool = False
    support: list = field(default_factory=list)
    units_only: bool = False  # the clause is nothing but units (a heading)
    units_end: Optional[int] = None  # where the lead units end
    cue_only: bool = False  # an assignment cue that names nobody ("UBND huyện yêu cầu:")


@dataclass
class _Draft:
    start: int
    end: int
    lead: list
    support: list = field(default_factory=list)
    deadline: Optional[DeadlineMatch] = None
    action_from: Optional[int] = None
    root: bool = False  # from a paragraph outside any list


@dataclass
class _Ctx:
    """What an item inherits: the units of its heading or lead-in, and whether its section
    holds tasks at all."""

    lead: list = field(default_factory=list)
    source: Optional[str] = None  # heading / topic (Đối với …) / leadin / field
    skip: bool = False
    root: bool = True
    host: Optional["_Draft"] = None  # the lead-in task that items without units continue
    report: bool = False  # a report: only sections of tasks hold tasks
    intro: Optional["_Draft"] = None  # the task of the lead-in paragraph that set ``lead``


@dataclass
class _Node:
    item: Item
    spans: list  # (start, end) of its own paragraphs (continuations joined)
    children: list
    role: Optional[str] = None  # a plan field line: lead/support/implement/deadline/…
    value: tuple = (0, 0)  # the field's value span

    @property
    def labelled(self) -> bool:
        return self.item.kind != "para"


# =========================================================================== engine
class _Engine:
    def __init__(self, lay: Layout, text: str, anchor, issuer: Optional[str],
                 lines: Optional[list] = None) -> None:
        self.lay = lay
        self.lines = lines
        self.text = text
        self.flat = text.replace("\n", " ")
        self.f = fold(self.flat)
        self.anchor = anchor
        self.r = _rules()
        self.issuer_key = unit_key(issuer) if issuer else ""
        self.drafts: list[_Draft] = []
        self._units: dict = {}

    # ------------------------------------------------------------------ units
    def units(self, a: int, b: int) -> list[UnitSpan]:
        """Unit mentions in text[a:b] with absolute offsets (cached per span)."""
        key = (a, b)
        if key not in self._units:
            ms = [UnitSpan(u.text, u.start + a, u.end + a, u.key) for u in find_units(self.flat[a:b])]
            self._units[key] = self.persons(ms, a, b)
        return self._units[key]

    def persons(self, ms: list[UnitSpan], a: int, b: int) -> list[UnitSpan]:
        """Mentions of people by name (``đồng chí Nguyễn Văn A, Chủ tịch UBND xã``) added to
        the unit mentions: the post right after the name belongs to the person."""
        for p in self.r.person.finditer(self.flat, a, b):
            s, e = p.start(), p.end()
            if any(m.start <= s < m.end for m in ms):
                continue  # "đồng chí Phó Chủ tịch UBND huyện Nguyễn Văn B": already a mention
            post = re.match(r"\s*[,–-]\s*", self.flat[e:b])
            if post:
                nxt = next((m for m in ms if m.start == e + post.end()), None)
                if nxt is not None:
                    e = nxt.end
            t = self.flat[s:e]
            ms = [m for m in ms if m.end <= s or m.start >= e]
            ms.append(UnitSpan(t, s, e, unit_key(t)))
        return sorted(ms, key=lambda m: m.start)

    def unit_list(self, ms: list[UnitSpan], i: int, end: int, names: bool = False) -> tuple[list[_Unit], int]:
        """The units of mention ``i`` and those coordinated with it (``A, B và C``, ``A; B``),
        with ``Giám đốc các Sở: Nội vụ, Tư pháp`` kept whole; returns them and where the
        list ends. With ``names``, proper names the grammar does not know join the list."""
        out: list[_Unit] = []
        j = i
        stop = ms[i].start
        while j < len(ms) and ms[j].end <= end:
            if j > i and names:
                sep = re.match(r"\s*(?:[,;&]|và)\s*", self.f[stop:end])
                if sep and ms[j].start != stop + sep.end():
                    k = self.first_unit(ms, stop + sep.end(), names=True)
                    if k is not None:
                        j = k
            m = ms[j]
            if j > i and not _GAP_SEP.match(self.f[stop:m.start]):
                break
            u_end = m.end
            names = re.match(r"\s*:\s*((?:[A-ZĐÀ-Ỹ][^;:.()]*?))(?=\s*(?:;|$|\.\s|\s(?:chịu|có trách|chủ trì)))",
                             self.flat[m.end:end])
            if names and all(w[:1].isupper() for w in re.split(r"\s*,\s*|\s+và\s+", names.group(1).strip()) if w):
                if fold(m.text).split()[-2:-1] == ["các"] or fold(m.text).endswith(" các"):
                    u_end = m.end + names.end(1)
            t = self.flat[m.start:u_end]
            out.append(_Unit(t, unit_key(t)))
            stop = u_end
            j += 1
        return out, stop

    def first_unit(self, ms: list[UnitSpan], pos: int, names: bool = False) -> Optional[int]:
        """Index of the mention starting at ``pos`` (spaces skipped), or None. With
        ``names``, a proper name the unit grammar does not know (``VNPT Lai Châu``,
        ``Viễn thông Quảng Nam``) is added to ``ms`` as a mention."""
        while pos < len(self.f) and self.f[pos] in " \t":
            pos += 1
        for i, m in enumerate(ms):
            if m.start == pos:
                return i
            if m.start > pos:
                break
        if names:
            n = _PROPER_NAME.match(self.flat, pos)
            if n and (re.search(r"[A-ZĐ]{2}", n.group(0)) or len(n.group(0).split()) >= 2) \
                    and not self.r.stop_name.match(self.f, pos):
                t = n.group(0).rstrip(" ,-")
                ms.append(UnitSpan(t, pos, pos + len(t), unit_key(t)))
                ms.sort(key=lambda m: m.start)
                return next(i for i, m in enumerate(ms) if m.start == pos)
        return None

    def recipients(self) -> list[_Unit]:
        """The units of Kính gửi."""
        if not hasattr(self, "_recipients"):
            self._recipients = [u for seg in self.lay.kinh_gui for u in self.value_units(seg.start, seg.end)]
        return self._recipients

    def is_speaker(self, units: list[_Unit]) -> bool:
        """The issuer speaking of itself (``UBND huyện`` in a letter of UBND huyện X,
        ``Ban Thường vụ Đảng ủy``, ``Chủ tịch UBND huyện``)."""
        if not self.issuer_key or len(units) != 1:
            return False
        k = units[0].key
        for head in ("ban thường vụ ", "thường trực ", "chủ tịch ", "lãnh đạo ", "ban chấp hành "):
            if k.startswith(head) and len(k) > len(head):
                k2 = k[len(head):]
                if self.issuer_key.startswith(k2) or k2.startswith(self.issuer_key):
                    return True
        return self.issuer_key.startswith(k) or k == self.issuer_key

    # ------------------------------------------------------------------ clauses
    def analyze(self, a: int, b: int, ms: list[UnitSpan]) -> _Clause:
        r = self.r
        f = self.f
        body = a
        body = a + _label_len(self.flat[a:b])
        while True:
            c = r.connector.match(f, body, b)
            if not c or c.end() == body:
                break
            body = c.end()
        ms = [u for u in ms if u.start >= a and u.end <= b]
        topic = re.match(r"[^:;.!?]{2,70}?:\s*(?=\S)", self.flat[body:b])
        if topic and len(topic.group(0).split()) <= 10 and self.first_unit(ms, body) is None \
                and not self.r.assign.match(self.f, body) and not self.r.holder_colon.match(self.f, body) \
                and not any(body <= u.start < body + topic.end() for u in ms):
            body += topic.end()  # "Về nhiệm vụ 6 tháng cuối năm: Các cấp ủy …", "Chế độ báo cáo: …"
        cl = _Clause(a, b, body)
        # --- support: units right after "phối hợp (với)"
        for s in r.support.finditer(f, body, b):
            i = self.first_unit(ms, s.end(), names=True)
            if i is not None:
                units, _ = self.unit_list(ms, i, b, names=True)
                cl.support.extend(units)
        for p in re.finditer(r"\(", self.flat[body:b]):
            i = self.first_unit(ms, body + p.end())
            if i is not None:
                units, end = self.unit_list(ms, i, b)
                if r.markers.match(f, end) or r.accountable.match(f, end):
                    cl.support.extend(units)
        # --- an assignment cue followed by units
        for c in r.assign.finditer(f, body, b):
            pre = f[body:c.start()]
            if pre.strip() and (r.blockers.search(pre) or r.past.search(re.split(r"[,;]", pre)[-1])
                                or r.reported.match(pre)):
                continue  # "theo đề nghị của", "về việc giao", "Bộ đã … và đề nghị", "Tại Công văn số …"
            pos = c.end()
            holder = r.holder_colon.match(f, pos, b)
            if holder:
                pos = holder.end()
            quy = r.addressee.match(f, pos, b)
            i = None if quy else self.first_unit(ms, pos, names=True)
            if i is None:
                if quy and self.recipients():
                    # "đề nghị Quý cơ quan …": the addressees of Kính gửi
                    cl.lead, cl.kind, cl.units_end = list(self.recipients()), "cue", quy.end()
                    return cl
                cl.cue_only = True
                continue
            units, end = self.unit_list(ms, i, b, names=True)
            if holder:
                h = self.flat[c.end():holder.end()].strip(" :")
                units = [_Unit(f"{h} {u.text}", unit_key(f"{h} {u.text}")) for u in units]
            cl.lead, cl.kind, cl.units_end = units, "cue", end
            cl.support = [u for u in cl.support if u.key not in {x.key for x in units}]
            return cl
        # --- units at the start: a heading, "X: …", or the subject
        cl.statement = bool(r.statement.match(f, body, b))
        dv = re.match(r"\s*đối\s*với\s+", f[body:b])
        i = self.first_unit(ms, body + dv.end() if dv else body)
        if i is not None:
            units, end = self.unit_list(ms, i, b)
            rest = f[end:b]
            if re.match(r"\s*[.;:]?\s*$", rest):  # "1. UBND huyện", "5.1. Đối với Ban …:"
                cl.lead, cl.kind, cl.units_only, cl.units_end = units, "heading", True, end
                return cl
            if re.match(r"\s*:", rest):  # "Thủ trưởng …, Chủ tịch …: Nghiêm túc thực hiện …"
                cl.lead, cl.kind, cl.units_end = units, "colon", end
                return cl
            if not dv:
                return self.subject(cl, units, ms[i].start, end, b)
        temporal = bool(r.temporal.match(f, body))
        if dv or temporal or r.topic.match(f, body):
            # "Đối với …, X có trách nhiệm …", "Trường hợp … thì X phải …": the first unit after
            # a comma (or "thì") is the subject, when a lead marker follows it (or the clause
            # opened with a time: "Trong thời hạn 05 ngày …, UBND các xã báo cáo …")
            for cm in re.finditer(r",\s*|\sthì\s+", f[body:b]):
                k = self.first_unit(ms, body + cm.end())
                if k is not None:
                    units, end = self.unit_list(ms, k, b)
                    if temporal or r.markers.match(f, end):
                        self.subject(cl, units, ms[k].start, end, b)
                        cl.marker = cl.marker or temporal
                        return cl
                    break
        return cl

    def subject(self, cl: _Clause, units: list, start: int, end: int, b: int) -> _Clause:
        """Units at the start of a clause (``end`` = where they stop): the lead, unless what
        follows makes them a statement, the issuer speaking or an accountability clause."""
        r, f = self.r, self.f
        rel = re.match(r"\s*(?:đã\s*)?được\s[^,;:.]{3,80}?(?=\s(?:có|chịu)\s*trách\s*nhiệm|\schủ\s*trì)", f[end:b])
        if rel and len(units) == 1:
            # "Các cơ quan, địa phương được giao chỉ tiêu tại Điều 1 có trách nhiệm:"
            t = self.flat[start:end + rel.end()]
            units = [_Unit(t, unit_key(t))]
            end += rel.end()
        tail = re.match(r"\s*(?:,|và)\s[^.;:]{0,60}?(?=\s(?:chịu|có)\s*trách\s*nhiệm\s*(?:thi\s*hành|thực\s*hiện))",
                        f[end:b])
        if tail:  # "…, Thủ trưởng các sở và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành"
            end += tail.end()
        if r.accountable.match(f, end):
            cl.accountable = True
        elif r.fact.match(f, end) or r.not_verb.match(f, end):
            cl.statement = True
        elif self.is_speaker(units):
            cl.speaker = True
        else:
            cl.lead, cl.kind, cl.units_end = units, "subject", end
            cl.marker = bool(r.markers.match(f, end))
            cl.generic = all(re.match(r"(?:các|tất cả|toàn thể|mỗi)\b", fold(u.text)) for u in units)
            keys = {x.key for x in units}
            cl.support = [u for u in cl.support if u.key not in keys]
        return cl

    def clauses(self, a: int, b: int) -> list[tuple[int, int]]:
        """Sentences of text[a:b], cut again at semicolons that do not separate units."""
        out = []
        pos = a
        cuts = []
        for m in _SENT_END.finditer(self.flat, a, b):
            if _ABBR_END.search(self.flat[max(a, m.start() - 8):m.start()].rstrip()):
                continue  # "TP. Đà Lạt", "VP. Tỉnh ủy", "mục 1. …"
            cuts.append((m.start(), m.end()))
        ms = self.units(a, b)
        for sc in re.finditer(r";", self.flat[a:b]):
            p = a + sc.start()
            before = any(u.end <= p and not self.f[u.end:p].strip() for u in ms)
            after = any(u.start > p and not self.f[p + 1:u.start].strip() for u in ms)
            if before and after:
                continue
            cuts.append((p + 1, p + 1))
        for s, e in sorted(cuts):
            if s > pos:
                out.append((pos, s))
            pos = max(pos, e)
        if pos < b:
            out.append((pos, b))
        return [(s, e) for s, e in out if self.flat[s:e].strip(" .;,:-–")]

    # ------------------------------------------------------------------ deadlines
    def deadlines(self, a: int, b: int, weak: bool = False) -> list[DeadlineMatch]:
        """The due dates and rhythms of text[a:b]: the chosen one first, then every other
        dated due expression; offsets made absolute."""
        ds = find_deadlines(self.text[a:b], self.anchor)
        for d in ds:
            d.start = (d.start or 0) + a
            d.end = (d.end or 0) + a
        best = pick_deadline(ds, include_weak=weak)
        if best is None:
            # a rhythm the normaliser calls weak ("chiến dịch … hằng tháng", "mỗi quý tổ chức …")
            best = next((d for d in ds if d.kind == "recurring" and d.recurrence), None)
        if best is None:
            return []
        out = [best]
        for d in ds:
            if d is best or d.weak or d.kind not in ("by", "within", "range") or not d.date:
                continue
            if all(d.date != o.date for o in out):
                out.append(d)
        return sorted(out, key=lambda d: d.start or 0)

    # ------------------------------------------------------------------ tree
    def roots(self, body: list[Seg]) -> list[_Node]:
        """The body's item tree, cut at ``Điều N.`` paragraphs (articles of a decision are
        sections: the items after one do not belong to the item before it)."""
        chunks: list[list[Seg]] = [[]]
        for seg in body:
            if _ARTICLE.match(seg.text) and chunks[-1]:
                chunks.append([])
            chunks[-1].append(seg)
        out: list[_Node] = []
        for chunk in chunks:
            for it in item_tree(chunk):
                prev = out[-1] if out else None
                if it.kind == "para" and not it.children and prev is not None and prev.item.kind == "para" \
                        and not prev.children and not prev.role and self.joins(prev.spans[-1], it.seg):
                    prev.spans[-1] = (prev.spans[-1][0], it.seg.end)
                    continue
                out.append(self.node(it))
        return out

    def joins(self, span: tuple, seg: Seg) -> bool:
        """Paragraph ``seg`` goes on with ``span``: a wrapped line, or a list of units cut
        after a semicolon (``Điều 3. Chánh Văn phòng …, Giám đốc Sở Tài chính;`` / ``Chủ
        tịch UBND các xã, phường; … chịu trách nhiệm thi hành …``)."""
        if self.continues(self.span_text(span), seg.text):
            return True
        if not re.search(r"[;,]$", self.span_text(span).rstrip()) or _ARTICLE.match(seg.text):
            return False
        a, b = span
        return self.analyze(a, b, self.units(a, b)).units_only and \
            self.first_unit(self.units(seg.start, seg.end), seg.start) is not None

    def node(self, it: Item) -> _Node:
        """An item with its continuation paragraphs joined; a field line keeps every
        paragraph under it as part of its value."""
        seg = it.seg
        spans = [(seg.start, seg.end)]
        role, value = self.field_role(seg.start, seg.end)
        children: list[_Node] = []
        heading_like = self.heading_like(it)
        for ch in it.children:
            if ch.kind == "para" and not ch.children:
                prev = children[-1] if children else None
                ch_role = self.field_role(ch.seg.start, ch.seg.end)[0]
                if ch_role is None and prev is not None and prev.role and not prev.children and \
                        (re.search(r"[;,]$", prev.item.seg.text.rstrip()) or ch.seg.text[:1].islower()):
                    prev.spans[-1] = (prev.spans[-1][0], ch.seg.end)  # a field value goes on
                    prev.value = (prev.value[0], ch.seg.end)
                    continue
                if ch_role is None and not children and \
                        (role or self.continues(self.span_text(spans[-1]), ch.seg.text)):
                    spans[-1] = (spans[-1][0], ch.seg.end)
                    if role:
                        value = (value[0], ch.seg.end)
                    continue
                if ch_role is None and not heading_like and not children and not role:
                    spans.append((ch.seg.start, ch.seg.end))  # a paragraph of the item itself
                    continue
                if ch_role is None and prev is not None and prev.item.kind == "para" and not prev.children \
                        and not prev.role and self.joins(prev.spans[-1], ch.seg):
                    prev.spans[-1] = (prev.spans[-1][0], ch.seg.end)
                    continue
            children.append(self.node(ch))
        return _Node(it, spans, children, role, value)

    def span_text(self, span: tuple) -> str:
        return self.flat[span[0]:span[1]]

    def continues(self, prev: str, nxt: str) -> bool:
        """A paragraph that goes on with the one before it (a wrapped line)."""
        p = prev.rstrip()
        n = nxt.lstrip()
        if not n:
            return True
        if _ARTICLE.match(n) or _LIST_LABEL.match(n):
            return False
        if n[0].islower() and not re.search(r"[.!?]$", p):
            return True
        if re.search(r"[.:;!?]$", p):
            return False
        body = p[_label_len(p):]
        return (len(body.split()) <= 3 and len(n.split()) <= 6) or len(n.split()) <= 3 or bool(
            re.search(r"(?:yêu\s*cầu|đề\s*nghị|giao|và|của|,)$", fold(p)))

    def heading_like(self, it: Item) -> bool:
        """An item that heads others: labelled children, or a short unpunctuated line or a
        lead-in (colon) followed by paragraphs."""
        if any(ch.kind != "para" for ch in it.children):
            return True
        if not it.children:
            return False
        t = it.seg.text[_label_len(it.seg.text):].strip()
        if self.is_lead_in(t):
            return True
        if re.search(r"[.;!?]$", t):
            return False
        return len(t.split()) <= 15 or self.analyze(it.seg.start, it.seg.end,
                                                    self.units(it.seg.start, it.seg.end)).units_only

    def field_role(self, a: int, b: int) -> tuple[Optional[str], tuple]:
        """A plan field line (``Cơ quan chủ trì: …``): its role and value span."""
        s = a + _label_len(self.flat[a:b])
        colon = self.flat.find(":", s, b)
        if colon < 0:
            return None, (0, 0)
        label = self.f[s:colon]
        if len(label.split()) > self.r.field_words or not label.strip():
            return None, (0, 0)
        squashed = re.sub(r"\s+", "", label)
        for role, names in self.r.field_roles:
            if role in ("content", "other", "deadline"):
                if any(squashed.startswith(n) for n in names):
                    return role, (colon + 1, b)
            elif any(n in squashed for n in names):
                return role, (colon + 1, b)
        return None, (0, 0)

    # ------------------------------------------------------------------ walk
    def run(self) -> list[_Draft]:
        body = self.tables()
        report = bool(self.lay.title and re.match(r"\s*báo\s*cáo\b", fold(self.lay.title.text)))
        self.walk(self.roots(body), _Ctx(skip=report, report=report))
        self.drafts.sort(key=lambda d: d.start)
        return self.drafts

    # ------------------------------------------------------------------ tables
    def column_role(self, text: str) -> Optional[str]:
        """The role of a table column named ``text`` (``Cơ quan chủ trì`` → lead)."""
        t = text.strip(" :*")
        if not t or len(t.split()) > self.r.field_words or re.search(r"\d", t):
            return None
        squashed = re.sub(r"\s+", "", fold(t))
        for role, names in self.r.field_roles:
            if role in ("content", "other", "deadline"):
                if any(squashed.startswith(n) for n in names):
                    return role
            elif any(n in squashed for n in names):
                return role
        return None

    def tables(self) -> list[Seg]:
        """Task tables (``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
        hoàn thành``): one task per row. Returns the body without the tables read."""
        body = list(self.lay.body)
        used: set = set()
        cell = (lambda seg: self.lines[seg.line].cell
                if self.lines is not None and 0 <= seg.line < len(self.lines) else None)
        i = 0
        while i < len(body):
            # a header: consecutive short cells that name columns, one of them the lead's
            j = i
            roles = []
            while j < len(body) and (role := self.column_role(body[j].text)) is not None \
                    and not _LIST_LABEL.match(body[j].text):
                roles.append(role)
                j += 1
            if len(roles) < 3 or not ({"lead", "implement"} & set(roles)):
                i = max(j, i + 1)
                continue
            head_cell = cell(body[i])
            rows = self.table_rows(body, i, j, roles, head_cell, cell)
            for row, segs in rows:
                used.update(id(s) for s in segs)
                self.table_task(row, segs)
            used.update(id(s) for s in body[i:j])
            i = j + sum(len(segs) for _, segs in rows)
        return [s for s in body if id(s) not in used]

    def table_rows(self, body: list[Seg], i: int, j: int, roles: list, head_cell, cell) -> list:
        """The rows after the header ``body[i:j]``: ``[(cells by role, segments)]``. Word
        cells carry (table, row, column); a table that reached the text one cell per line
        is cut at its STT numbers, its cells taken in column order (a cell without units
        but with a date in a unit column is the deadline: an empty cell was dropped)."""
        rows = []
        n = len(roles)
        k = j
        if head_cell is not None:
            cols = [cell(s)[2] if cell(s) else None for s in body[i:j]]
            by_col = dict(zip(cols, roles))
            current: dict = {}
            segs: list = []
            last_row = None
            while k < len(body) and cell(body[k]) is not None and cell(body[k])[0] == head_cell[0]:
                t, r, c = cell(body[k])
                if r != last_row and segs:
                    rows.append((current, segs))
                    current, segs = {}, []
                last_row = r
                role = by_col.get(c, "content")
                current.setdefault(role, []).append(body[k])
                segs.append(body[k])
                k += 1
            if segs:
                rows.append((current, segs))
            return rows
        if roles[0] != "other":
            return rows  # without cell hints, rows are found by their STT numbers only
        current, segs = {}, []
        col = 0
        number = re.compile(r"\d{1,3}\.?")
        while k < len(body) and not _LIST_LABEL.match(body[k].text):
            t = body[k].text.strip()
            if number.fullmatch(t):
                if segs:
                    rows.append((current, segs))
                current, segs, col = {}, [], 0
            elif not segs:
                break  # the table is over
            role = roles[col] if col < n else "content"
            if role in ("lead", "support", "implement") and not self.units(body[k].start, body[k].end) \
                    and self.deadlines(body[k].start, body[k].end, weak=True):
                role = "deadline"  # an empty unit cell was dropped
            current.setdefault(role, []).append(body[k])
            segs.append(body[k])
            col += 1
            k += 1
        if segs:
            rows.append((current, segs))
        return rows

    def table_task(self, row: dict, segs: list[Seg]) -> None:
        """One row of a task table as a task."""
        lead = [u for s in row.get("lead", []) for u in self.value_units(s.start, s.end)]
        impl = [u for s in row.get("implement", []) for u in self.value_units(s.start, s.end)]
        support = [u for s in row.get("support", []) for u in self.value_units(s.start, s.end)]
        if not (lead or impl):
            return
        content = row.get("content") or segs
        start, end = content[0].start, content[-1].end
        t = _Draft(start, end, list(lead or impl), support, action_from=start)
        dls = [d for s in row.get("deadline", []) for d in self.deadlines(s.start, s.end, weak=True)]
        if not [d for d in dls if d.date or d.recurrence]:
            dls = [d for s in content for d in self.deadlines(s.start, s.end)] or dls
        dated = [d for d in dls if d.date or d.recurrence]
        t.deadline = (dated or dls or [None])[0]
        self.drafts.append(t)
        if lead and impl:
            self.drafts.append(_Draft(start, end, list(impl), [], t.deadline, start))

    def walk(self, nodes: list[_Node], ctx: _Ctx) -> int:
        """Tasks of a list of sibling items; a lead-in paragraph or a unit named by field
        lines passes its units on to the siblings after it."""
        before = len(self.drafts)
        default = ctx
        grouped: list[_Node] = []
        for nd in nodes:
            if nd.role in _FIELD_ROLES and grouped and grouped[-1].role not in _FIELD_ROLES:
                grouped[-1].children.append(nd)  # "Cơ quan chủ trì: …" lines after an item
            else:
                grouped.append(nd)
        intro: Optional[tuple] = None  # (a lead-in's own task, tasks made before the items)
        for nd in grouped:
            if nd.role in _FIELD_ROLES:
                continue  # read with the item it belongs to
            sibling = self.process(nd, default)
            if sibling is not None:
                self.drop_intro(intro)
                default = sibling
                intro = (sibling.intro, len(self.drafts)) if sibling.intro is not None else None
        self.drop_intro(intro)
        return len(self.drafts) - before

    def drop_intro(self, intro: Optional[tuple]) -> None:
        """A lead-in (``… đề nghị X thực hiện các nội dung sau:``) whose items became tasks
        only names who does them: it is not a task of its own."""
        if intro is not None and len(self.drafts) > intro[1] and intro[0] in self.drafts:
            self.drafts.remove(intro[0])

    def fields(self, nd: _Node) -> dict:
        """The plan fields under an item: units by role, the deadline line, and where the
        last field ends."""
        out: dict = {"lead": [], "support": [], "implement": [], "deadline": [], "end": None}
        for ch in nd.children:
            if ch.role in ("lead", "support", "implement"):
                a, b = ch.value
                out[ch.role].extend(self.value_units(a, b))
            elif ch.role == "deadline":
                out["deadline"] = self.deadlines(*ch.value, weak=True)
            else:
                continue
            out["end"] = max(out["end"] or 0, ch.spans[-1][1])
        return out

    def value_units(self, a: int, b: int) -> list[_Unit]:
        """Units of a field value or table cell; what the grammar does not know is cut at
        semicolons."""
        ms = self.units(a, b)
        units: list[_Unit] = []
        i = 0
        while i < len(ms):
            us, _ = self.unit_list(ms, i, b)
            units.extend(us)
            i += max(1, len(us))
        if not units:
            units = [_Unit(t, unit_key(t)) for t in _split_plain(self.flat[a:b])]
        return units

    def process(self, nd: _Node, ctx: _Ctx) -> Optional[_Ctx]:
        """Tasks of one item and its children; returns the context the items after it
        inherit (a lead-in paragraph, a unit from field lines) or None."""
        a, b = nd.spans[0]
        head = self.flat[a:b][_label_len(self.flat[a:b]):].strip()
        first = self.analyze(a, b, self.units(a, b))
        skip = ctx.skip or (not first.lead and self.non_task_heading(head, bool(nd.children)))
        if ctx.report and nd.children and self.r.report_tasks.match(fold(head)) and len(head.split()) <= 14:
            skip = False  # "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM" of a report
        fl = self.fields(nd)
        blocks = [ch for ch in nd.children if ch.role not in _FIELD_ROLES]
        has_fields = bool(fl["lead"] or fl["implement"] or fl["support"] or fl["deadline"])
        if nd.item.kind == "para" and not blocks and not has_fields:
            # a paragraph (outside the lists only cues assign); a lead-in (colon) passes its
            # units on to the items after it
            before = len(self.drafts)
            self.tasks_of(nd, ctx, fl, skip, root=ctx.root)
            if not self.is_lead_in(head):
                return None
            last = self.last_clause(nd)
            if not last.lead and last.cue_only and self.recipients() \
                    and re.search(r"yêu\s*cầu\s*(?:như\s*sau\s*)?:?\s*$", fold(head)):
                # "UBND huyện yêu cầu:" names nobody: the addressees of Kính gửi do the items
                return replace(ctx, lead=list(self.recipients()), source="leadin", host=None)
            if last.lead and not last.speaker and (last.kind in ("cue", "colon") or last.marker) \
                    and not (skip and last.kind != "cue"):
                own = self.drafts[before:]
                intro = own[-1] if own and not own[-1].support and own[-1].deadline is None else None
                return replace(ctx, lead=last.lead, source="leadin", host=None, intro=intro)
            return None
        if blocks and not has_fields:
            self.heading(nd, ctx, first, head, skip, fl, blocks)
            return None
        self.tasks_of(nd, ctx, fl, skip)
        sibling = None
        if fl["lead"] and (not ctx.lead or ctx.source == "field"):
            sibling = replace(ctx, lead=fl["lead"], source="field", host=None)
        if blocks:
            child = replace(ctx, skip=skip, root=False, host=None)
            if fl["lead"]:
                child.lead, child.source = fl["lead"], "field"
            self.walk(blocks, child)
        return sibling

    def heading(self, nd: _Node, ctx: _Ctx, first: _Clause, head: str, skip: bool, fl: dict,
                blocks: list[_Node]) -> None:
        """An item with items (or paragraphs) under it. A heading of units (``1. UBND
        huyện``, ``Sở X có trách nhiệm:``) gives them its units; a lead-in sentence
        (``1. Chủ tịch UBND các xã tổ chức thực hiện các nội dung sau:``) is one task that
        the items under it without units of their own continue; a topic heading gives
        nothing of its own."""
        lead_in = self.is_lead_in(head)
        cl = self.last_clause(nd) if lead_in else first
        child = replace(ctx, skip=skip, root=False)
        host = False
        if cl.lead and not cl.speaker and not (skip and cl.kind != "cue"):
            child.host = None
            if cl.kind == "heading" and re.match(r"\s*đối\s*với\b", self.f[cl.body:cl.end]):
                # "1. Đối với các chi, đảng bộ …:" names the topic of one task
                child.lead, child.source = cl.lead, "topic"
                host = True
            elif cl.kind == "heading" or (cl.kind in ("subject", "colon", "cue") and cl.units_end is not None
                                          and _MARKER_ONLY.match(self.f, cl.units_end, cl.end)):
                child.lead, child.source = cl.lead, "heading"
            elif lead_in and nd.labelled:
                child.lead, child.source = cl.lead, "leadin"
                host = True
            elif lead_in or cl.kind in ("cue", "colon"):
                child.lead, child.source = cl.lead, "leadin"
        if host:
            a, b = nd.spans[0]
            child.host = _Draft(a, b, list(cl.lead), list(cl.support), action_from=cl.units_end)
            self.drafts.append(child.host)
            for d in self.deadlines(a, b):
                self.add_deadline(child.host, d, self.drafts, a)
        made = self.walk(blocks, child)
        if host or skip or child.source == "heading":
            return
        if lead_in and (made == 0 or cl.support or self.deadlines(*nd.spans[-1])):
            self.tasks_of(nd, ctx, fl, skip)

    def is_lead_in(self, head: str) -> bool:
        """A sentence that announces the items under it (``… các nội dung sau:``)."""
        return bool(self.r.lead_in.search(fold(head.strip())))

    def non_task_heading(self, head: str, has_children: bool) -> bool:
        words = len(head.split())
        return bool(self.r.non_task.match(fold(head))) and words <= 14 and (has_children or words <= 6)

    def last_clause(self, nd: _Node) -> _Clause:
        a, b = nd.spans[-1]
        cls = self.clauses(a, b)
        if not cls:
            return _Clause(a, b, a)
        s, e = cls[-1]
        return self.analyze(s, e, self.units(a, b))

    def tasks_of(self, nd: _Node, ctx: _Ctx, fl: dict, skip: bool, root: bool = False) -> None:
        """Drafts from the clauses of an item (its own paragraphs), with its fields."""
        cur: Optional[_Draft] = None
        made: list[_Draft] = []
        field_lead = fl["lead"] or fl["implement"]
        for a, b in nd.spans:
            ms = self.units(a, b)
            for s, e in self.clauses(a, b):
                cl = self.analyze(s, e, ms)
                lead = None
                if cl.lead and cl.kind in ("cue", "colon", "subject"):
                    if root and cl.kind == "subject" and not cl.marker:
                        lead = None  # outside the lists only cues and lead markers assign
                    elif skip and cl.kind != "cue":
                        lead = None
                    elif cl.kind == "subject" and ctx.source in ("heading", "topic") and cl.generic:
                        lead = ctx.lead  # "Các cấp ủy, tổ chức đảng …" under a heading of units
                    else:
                        lead = cl.lead
                if field_lead and cl.kind != "cue":
                    lead = None if (cur is not None or made) else field_lead
                if lead:
                    act = cl.units_end if lead is cl.lead and cl.units_end else cl.body
                    cur = _Draft(s, e, list(lead), list(cl.support), root=root, action_from=act)
                    made.append(cur)
                elif cl.statement or cl.speaker or cl.accountable:
                    continue  # a statement does not continue a task, nor date it
                elif cur is not None:
                    cur.end = e
                    cur.support.extend(cl.support)
                elif ctx.host is not None and not skip:
                    cur = ctx.host
                    cur.end = max(cur.end, e)
                    cur.support.extend(cl.support)
                elif not skip and not root and (field_lead or ctx.lead):
                    cur = _Draft(s, e, list(field_lead or ctx.lead), list(cl.support), action_from=cl.body)
                    made.append(cur)
                else:
                    continue
                for d in self.deadlines(s, e):
                    cur = self.add_deadline(cur, d, made, s)
        if field_lead:
            self.apply_fields(nd, fl, made)
        self.drafts.extend(made)

    def apply_fields(self, nd: _Node, fl: dict, made: list[_Draft]) -> None:
        """The item's field lines: lead and support of its first task (made when the item's
        text named nobody), its deadline, and the implementers' task beside a chủ trì."""
        if not made:
            a, b = nd.spans[0]
            made.append(_Draft(a, b, list(fl["lead"] or fl["implement"]), [],
                               action_from=a + _label_len(self.flat[a:b])))
        t = made[0]
        t.support.extend(fl["support"])
        if fl["end"]:
            t.end = max(t.end, fl["end"])
        dated = [d for d in fl["deadline"] if d.date or d.recurrence]
        if dated:
            t.deadline = dated[0]
        elif fl["deadline"] and t.deadline is None:
            t.deadline = fl["deadline"][0]
        if fl["lead"] and fl["implement"]:
            made.append(_Draft(t.start, t.end, list(fl["implement"]), [], t.deadline, t.action_from))

    def add_deadline(self, cur: _Draft, d: DeadlineMatch, made: list[_Draft],
                     clause_start: Optional[int] = None) -> _Draft:
        """Dates the task, or makes a new task with the same units for a second due date;
        a list of rhythms (``định kỳ 6 tháng và hằng năm``) makes one task per rhythm."""
        value = d.date or d.recurrence
        have = (cur.deadline.date or cur.deadline.recurrence) if cur.deadline else None
        if have is None:
            cur.deadline = d
        elif value and value != have:
            start = clause_start if clause_start is not None and clause_start > cur.start else cur.start
            cur = _Draft(start, max(cur.end, d.end or cur.end), list(cur.lead), list(cur.support), d,
                         cur.action_from if start == cur.start else start, cur.root)
            made.append(cur)
        for extra in [x for x in (d.recurrences or []) if x in _CONTRACT][1:]:
            dm = parse_deadline(_RHYTHM_WORDS[extra], self.anchor)
            if dm is not None:
                dm = replace(dm, text=d.text, start=d.start, end=d.end)
                made.append(_Draft(cur.start, cur.end, list(cur.lead), list(cur.support), dm,
                                   cur.action_from, cur.root))
        return cur


def _label_len(s: str) -> int:
    """Length of the list label (``1.``, ``a)``, ``-``, ``Điều 3.``) at the start of ``s``,
    spaces included."""
    m = _LIST_LABEL.match(s) or _ARTICLE.match(s)
    if not m:
        return 0
    n = m.end()
    while n < len(s) and s[n] == " ":
        n += 1
    return n


def _split_plain(s: str) -> list[str]:
    """A field value the unit grammar does not know, cut at ``;`` and ``,``."""
    out = []
    for piece in re.split(r"\s*[;]\s*|\s*,\s*(?=[A-ZĐ])", s):
        p = piece.strip(" .;,:-–")
        if p and len(p.split()) <= 12:
            out.append(p)
    return out


# =========================================================================== API
def find_tasks(lay: Layout, text: str, anchor=None, issuer: Optional[str] = None,
               lines: Optional[list] = None) -> list[Task]:
    """The tasks of the body of ``lay``.

    ``text`` is the text the layout's segments point into (``Document.text``); every
    offset of the result (the task's and its deadline's) points into it too. ``anchor`` is
    the document's date (ISO string, date or bare year) for deadlines without a year and
    relative terms; ``issuer`` the issuing body's name, so that the issuer speaking of
    itself (``UBND huyện cam kết …``) is not taken for an assignee; ``lines`` the document's
    :class:`~extractor.model.Line` list, whose cell hints place Word table cells in their
    rows and columns.
    """
    if not lay.body:
        return []
    eng = _Engine(lay, text, anchor, issuer, lines)
    drafts = _merge_root(eng.run())
    spelling = _spellings(drafts)
    out: list[Task] = []
    for d in drafts:
        lead = _dedupe(d.lead, spelling)
        keys = {u.key for u in lead}
        support = [u for u in _dedupe(d.support, spelling) if u.key not in keys]
        body = text[d.start:d.end]
        t_text = " ".join(body.split())
        action = None
        if d.action_from is not None and d.start <= d.action_from < d.end:
            action = " ".join(text[d.action_from:d.end].split()).strip(" .;,:/") or None
        dl = None
        if d.deadline is not None:
            dl = d.deadline.to_deadline()
        out.append(Task(text=t_text, start=d.start, end=d.end, action=action,
                        lead=[u.text for u in lead], support=[u.text for u in support], deadline=dl))
    return out


def tasks_in_text(text: str, anchor=None, issuer: Optional[str] = None) -> list[Task]:
    """The tasks of a body fragment given as plain text (one paragraph or list item per
    line, no header): what ``patterns/tasks.examples.yaml`` and quick checks use.

    >>> [t.lead for t in tasks_in_text("Giao Phòng Nội vụ chủ trì, phối hợp với UBND các xã thực hiện.")]
    [['Phòng Nội vụ']]
    """
    segs = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            s = pos + line.index(stripped)
            segs.append(Seg(stripped, s, s + len(stripped), len(segs)))
        pos += len(line) + 1
    lay = Layout(start=0, end=len(text), body=segs)
    return find_tasks(lay, text, anchor, issuer)


def _spellings(drafts: list[_Draft]) -> dict:
    """One spelling per unit in a document: PDF text glues words (``Uỷban``, ``Đảng
    uỷtrực thuộc``), so the spelling with the most word breaks is kept for every mention."""
    best: dict = {}
    for d in drafts:
        for u in d.lead + d.support:
            t = " ".join(u.text.split())
            k = _squashed(t)
            if k not in best or t.count(" ") > best[k].count(" "):
                best[k] = t
    return best


def _squashed(t: str) -> str:
    return re.sub(r"\s+", "", fold(t))


def _dedupe(units: list[_Unit], spelling: dict) -> list[_Unit]:
    seen = set()
    out = []
    for u in units:
        if u.key and u.key not in seen:
            seen.add(u.key)
            out.append(_Unit(spelling.get(_squashed(u.text), u.text), u.key))
    return out


def _merge_root(drafts: list[_Draft]) -> list[_Draft]:
    """A request restated in the next paragraph outside the lists (same units) is one task."""
    out: list[_Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and d.root and prev.root and \
                {u.key for u in d.lead} == {u.key for u in prev.lead} and \
                (prev.deadline is None or d.deadline is None):
            prev.end = max(prev.end, d.end)
            prev.support.extend(d.support)
            prev.deadline = prev.deadline or d.deadline
            continue
        out.append(d)
    return out
