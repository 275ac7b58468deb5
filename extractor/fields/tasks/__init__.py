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
    name), ``Đề nghị Đài truyền thanh xã, các đồng chí Trưởng thôn …`` (a name the grammar
    misses, listed before units it knows); ``Điều 2. Giao Giám đốc Sở X`` with nothing
    after the units heads the items after it; not ``theo đề nghị của …``, ``chuyển giao``, ``về việc giao …``, ``nhiệm vụ được giao``, ``có văn
    bản đề nghị …``, a narrated past request (``Bộ đã có Công văn … và đề nghị …``) nor a
    reported one (``Tại Công văn số …, Bộ Y tế đề nghị …``);
  - units at the start of a clause followed by a verb: ``Phòng Nội vụ chủ trì, phối hợp
    với …``, ``Sở X có trách nhiệm:``, ``Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh chủ động
    …``, ``Các cơ quan, địa phương được giao chỉ tiêu tại Điều 1 có trách nhiệm:``, also
    after a condition with a lead marker (``Trường hợp …, cơ sở KCB có trách nhiệm …``),
    after another topic in a list item (``Trong quá trình …, nếu …, Thủ trưởng các cơ quan
    chủ động gửi …``), after a time (``Trong thời hạn 05 ngày …, UBND các xã báo cáo …``)
    or a short label (``Chế độ báo cáo: Các cơ quan, đơn vị báo cáo …``); not the issuer
    speaking (``UBND huyện cam kết …``, ``Ban Thường vụ Đảng uỷ nhất trí …``; in a list
    item that a date or rhythm dates, the issuer's own body leads: ``- Ban Thường vụ Đảng
    uỷ chỉ đạo … trong tháng 9/2025``), not a statement (``… đã …``, ``… được nghỉ``, ``…
    trả lời để … biết``, ``Ông X, Phó Chủ tịch UBND tỉnh - Tổ trưởng``), not an
    accountability clause (``… chịu trách nhiệm trước Chủ tịch UBND tỉnh …``);
  - units inside a clause right before ``chủ trì`` / ``có trách nhiệm`` (``2.2. Nghị quyết
    về … giai đoạn 2026 - 2030 Đảng uỷ UBND xã chủ trì …``; ``Việc … do đồng chí Bí thư và
    Thủ trưởng các cơ quan trực tiếp chỉ đạo, chủ trì.``), with capitalised names listed
    before them (``Chánh Văn phòng Bộ, Vụ trưởng Vụ X, Thủ trưởng … chịu trách nhiệm``);
    not after a preposition or a verb that makes them an object, nor a relative clause
    (``các dự án do Sở X chủ trì theo …``);
  - units before a colon: ``1. Thủ trưởng các phòng, ban …, Chủ tịch UBND các xã, thị
    trấn: Nghiêm túc thực hiện …``; ``Điều 3. Chánh Văn phòng …; Giám đốc các Sở: Nội vụ,
    Thông tin và Truyền thông; … chịu trách nhiệm thi hành …`` (the shared head
    distributed: ``Giám đốc Sở Nội vụ``, ``Giám đốc Sở Thông tin và Truyền thông``);
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
  - rows of task tables (:mod:`.tables`): ``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối
    hợp | Thời gian hoàn thành`` and the like, in Word, PDF ruled, markdown and flattened
    tables (cell hints) or one cell per line (STT numbers); section rows, merged lead
    cells, deadline columns; not catalogues of administrative procedures;
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
  before it; a heading that is a time (``3. Năm 2028``, ``Tại Hội nghị tháng 12 hằng
  năm:``), a time an item states before naming its lead, or the ``Thời gian`` line of an
  item whose tasks are its sub-items dates the tasks that name no time of their own. An
  item number (``1.5.``) is never a deadline.
Not tasks: background, statistics and statements (``Trường hợp … thì …``, ``Việc thanh
  toán …``, ``Đạt 100% …``, ``Sửa chữa 02 điểm trường: 1.500 triệu đồng``), items of
  sections on aims, targets, results or rules (``MỤC ĐÍCH, YÊU CẦU``, ``CHỈ TIÊU``, ``Kết
  quả đạt được``, ``Quy định về …``; in a BÁO CÁO every section but those on tasks,
  directions and requests; a ``Giao …`` sentence there still counts), sections of an
  administrative procedure (``Trình tự thực hiện``, ``Thành phần hồ sơ`` …), items under a
  lead-in that lists parts (``… gồm:``), paragraphs outside the lists without a cue, cells
  of tables that are not task tables without a cue, and items nobody is named for. A
  lead-in does not reach across an article, a table or an annex after the signature.
Text: a task's ``text`` and ``start`` leave out its list label (``1.1.``, ``-``, ``Điều 3.``).

Units keep the document's spelling; within a document, spellings that differ only by
word breaks (PDF text: ``Uỷban``) are given the one with the most breaks.

Module map (each part reads the document through :class:`_Doc`):
  - :mod:`.rules` — rule data compiled from ``patterns/tasks.yaml``, shared regexes;
  - :mod:`.drafts` — the data passed between parts (units, clauses, draft tasks, nodes);
  - :mod:`.mentions` — unit attachment (grammar mentions, people, proper names, lists);
  - :mod:`.clauses` — cue sentences: who a clause names as lead and support;
  - :mod:`.dates` — deadline attachment;
  - :mod:`.tree` — item sources: the item tree as nodes, field lines;
  - :mod:`.tables` — table sources: task tables, one task per row;
  - :mod:`.items` — the walk over the item tree (headings, lead-ins, inheritance).
"""
from __future__ import annotations

import re
from typing import Optional

from ...layout import Layout, Seg
from ...model import Task
from ...normalize import fold
from ..units import unit_key
from .clauses import Clauses
from .dates import Dates
from .drafts import Draft, Unit
from .items import Items
from .mentions import Mentions
from .rules import label_len, rules
from .tables import Tables
from .tree import Tree

__all__ = ["find_tasks", "tasks_in_text"]


class _Doc:
    """One body being read: its text in three forms and the parts of the finder."""

    def __init__(self, lay: Layout, text: str, anchor, issuer: Optional[str],
                 lines: Optional[list] = None) -> None:
        self.lay = lay
        self.lines = lines
        self.text = text
        self.flat = text.replace("\n", " ")
        self.f = fold(self.flat)
        self.anchor = anchor
        self.r = rules()
        self.issuer_key = unit_key(issuer) if issuer else ""
        self.drafts: list[Draft] = []
        self.mentions = Mentions(self)
        self.clauses = Clauses(self)
        self.dates = Dates(self)
        self.tree = Tree(self)
        self.tables = Tables(self)
        self.items = Items(self)

    def run(self) -> list[Draft]:
        return self.items.run()


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
    drafts = _merge_root(_Doc(lay, text, anchor, issuer, lines).run())
    spelling = _spellings(drafts)
    out: list[Task] = []
    for d in drafts:
        lead = _dedupe(d.lead, spelling)
        keys = {u.key for u in lead}
        support = [u for u in _dedupe(d.support, spelling) if u.key not in keys]
        start = d.start + label_len(text[d.start:d.end])  # "1.1. ", "- ", "a) ", "Điều 3. ": no part of the text
        if start >= d.end:
            start = d.start
        body = text[start:d.end]
        t_text = " ".join(body.split())
        action = None
        if d.action_from is not None and start <= d.action_from < d.end:
            action = " ".join(text[d.action_from:d.end].split()).strip(" .;,:/") or None
        dl = None
        if d.deadline is not None:
            dl = d.deadline.to_deadline()
        out.append(Task(text=t_text, start=start, end=d.end, action=action,
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


def _spellings(drafts: list[Draft]) -> dict:
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


def _dedupe(units: list[Unit], spelling: dict) -> list[Unit]:
    seen = set()
    out = []
    for u in units:
        if u.key and u.key not in seen:
            seen.add(u.key)
            out.append(Unit(spelling.get(_squashed(u.text), u.text), u.key))
    return out


def _merge_root(drafts: list[Draft]) -> list[Draft]:
    """A request restated in the next paragraph outside the lists (same units) is one task."""
    out: list[Draft] = []
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
