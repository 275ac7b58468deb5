"""The data the parts of the task finder pass each other: unit mentions, what a clause
says, draft tasks, what an item inherits, item nodes, and :class:`Part`, the base of every
part (it holds the document's text in the three forms the parts read)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ...layout import Item
from ..deadlines import DeadlineMatch

if TYPE_CHECKING:  # pragma: no cover
    from . import _Doc


@dataclass
class Unit:
    text: str
    key: str


@dataclass
class Clause:
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
    own: list = field(default_factory=list)  # the issuer as subject (speaker): its units


@dataclass
class Draft:
    start: int
    end: int
    lead: list
    support: list = field(default_factory=list)
    deadline: Optional[DeadlineMatch] = None
    action_from: Optional[int] = None
    root: bool = False  # from a paragraph outside any list


@dataclass
class Ctx:
    """What an item inherits: the units of its heading or lead-in, and whether its section
    holds tasks at all."""

    lead: list = field(default_factory=list)
    source: Optional[str] = None  # heading / topic (Đối với …) / leadin / field
    skip: bool = False
    root: bool = True
    host: Optional[Draft] = None  # the lead-in task that items without units continue
    report: bool = False  # a report: only sections of tasks hold tasks
    intro: Optional[Draft] = None  # the task of the lead-in paragraph that set ``lead``
    deadline: Optional[DeadlineMatch] = None  # the time a heading states ("3. Năm 2028")
    enum: bool = False  # after a lead-in that lists parts ("… gồm:") until a plain paragraph


@dataclass
class Node:
    item: Item
    spans: list  # (start, end) of its own paragraphs (continuations joined)
    children: list
    role: Optional[str] = None  # a plan field line: lead/support/implement/deadline/…
    value: tuple = (0, 0)  # the field's value span
    fresh: bool = False  # first node of an article, a table or an annex: lead-ins stop here

    @property
    def labelled(self) -> bool:
        return self.item.kind != "para"


class Part:
    """One job of the finder, reading the document through the shared ``_Doc``: ``text``
    (offsets of the result), ``flat`` (newlines as spaces) and ``f`` (``fold(flat)``, the
    matching key, same offsets)."""

    def __init__(self, doc: "_Doc") -> None:
        self.d = doc
        self.lay = doc.lay
        self.lines = doc.lines
        self.text = doc.text
        self.flat = doc.flat
        self.f = doc.f
        self.anchor = doc.anchor
        self.r = doc.r
        self.issuer_key = doc.issuer_key
        self.drafts = doc.drafts
