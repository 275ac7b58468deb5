"""Rule data of the task finder, compiled once from ``patterns/tasks.yaml``, and the small
text helpers every part of the finder shares (list labels, clause-level regexes)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from ...layout import _LIST_LABEL
from ...normalize import fold
from ...resources import load_patterns


def phrase(p: str) -> str:
    """A YAML phrase → a regex on folded text: a space matches any whitespace or none;
    ``re: …`` is a raw expression."""
    if p.startswith("re: "):
        return p[4:]
    return r"\s*".join(re.escape(w) for w in fold(p).split())


def alt(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((phrase(p) for p in phrases), key=len, reverse=True)) + ")"


L = r"(?<![^\W\d_])"  # no letter before
R = r"(?![^\W\d_])"   # no letter after


class Rules:
    """Everything compiled from ``patterns/tasks.yaml``."""

    def __init__(self, d: dict) -> None:
        self.assign = re.compile(L + alt(d["assign"]))
        self.blockers = re.compile(r"(?:^|\s)" + alt(d["cue_blockers"]) + r"\s*$")
        self.past = re.compile(L + alt(d["past_markers"]) + R)
        self.topic_subject = re.compile(r"\s*" + alt(d["topic_subject_openers"]) + R + r"\s*")
        self.then = re.compile(r",\s*|\s" + alt(d["then_words"]) + R + r"\s*")
        self.participle = re.compile(r"\s*" + alt(d["participles"]) + R + r"[^,;:.]{3,80}?(?=\s*"
                                     + alt(d["lead_markers"]) + R + ")")
        self.list_tail = re.compile(r"\s*(?:,|và)\s[^.;:]{0,60}?(?=\s*" + alt(d["execution_markers"]) + R + ")")
        self.relay_to = re.compile(L + alt(d["relay"]["to"]) + R + r"\s*")
        self.relay_collect = re.compile(r"(?:\s*\([^)]*\))?[^.;:()]{0,60}?" + L + alt(d["relay"]["collect"]) + R)
        self.generic_quantifier = re.compile(alt(d["generic_quantifiers"]) + R)
        self.speaker_heads = [fold(h) + " " for h in d["speaker_heads"]]
        self.body_names = [(fold(a), fold(b)) for a, b in d["same_body_names"]]
        self.open_end = re.compile(r"(?:" + L + alt(d["open_line_endings"]) + r"|,)$")
        self.markers = re.compile(r"\s*[,;]?\s*" + alt(d["lead_markers"]) + R)
        self.accountable = re.compile(r"\s*,?\s*" + alt(d["accountable"]) + R)
        # "phối hợp" may be glued to the word before it in PDF text ("Đảng uỷphối hợp")
        self.support = re.compile(alt(d["support"]) + r"\s*")
        self.directing = re.compile(L + alt(d["directing_verbs"]) + R + r"\s*")
        self.fact = re.compile(r"\s*,?\s*" + alt(d["fact_after_subject"]) + R)
        self.not_verb = re.compile(r"\s*(?:" + alt(d["not_verbs"]) + R + r"|[(\d.;–-])")
        self.topic = re.compile(r"\s*" + alt(d["topic_openers"]) + R)
        self.temporal = re.compile(r"\s*" + alt(d["temporal_openers"]) + R)
        self.condition = re.compile(r"\s*" + alt(d["condition_openers"]) + R)
        self.lead_in = re.compile(alt(d["lead_in_endings"]) + r"\s*$")
        self.enumeration = re.compile(L + alt(d["enumeration_endings"]) + r"\s*:\s*$")
        self.report_tasks = re.compile(r"\s*" + alt(d["report_task_headings"]) + R)
        self.reported = re.compile(r"\s*" + alt(d["reported_openers"]) + r"(?!\s*đó)" + R + r".*?\ssố\s")
        self.person = re.compile(r"(?<![^\W\d_])(?i:" + "|".join(
            sorted((re.escape(t).replace(r"\ ", r"\s+") for t in d["person_titles"]), key=len, reverse=True))
            + r")\s+(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*(?![^\W\d_])")
        self.addressee = re.compile(r"\s*" + alt(d["addressee_words"]) + R)
        self.stop_name = re.compile(r"\s*" + alt(d["not_names"]) + R)
        self.connector = re.compile(r"\s*" + alt(d["connectors"]) + R + r"\s*,?\s*")
        self.statement = re.compile(r"\s*[-–•+*]?\s*" + alt(d["statement_openers"]) + R)
        self.non_task = re.compile(r"\s*" + alt(d["non_task_headings"]) + R)
        f = d["fields"]
        self.field_roles = [(role, [re.sub(r"\s+", "", fold(p)) for p in f[role]])
                            for role in ("procedure", "lead", "support", "implement", "deadline", "content", "other")]
        self.field_words = int(d.get("field_label_words", 8))
        tails = "|".join(re.escape(re.sub(r"\s+", "", fold(t))) for t in f["unit_label_tails"])
        self.unit_tail = re.compile(rf"[,.()\-]*(?:{tails})?[,.()\-]*$")
        units = load_patterns("units")
        holders = list(units.get("holders") or [])
        holders += [f"Phó {h}" for h in holders if not fold(h).startswith("phó")]
        self.holder_colon = re.compile(r"\s*" + alt(holders) + r"\s*:\s*")
        self.not_before_subject = re.compile(L + alt(d["not_before_subject"]) + r"\s*$")
        self.inner_markers = re.compile(r"\s*[,;]?\s*" + alt(d["inner_lead_markers"]) + R)
        self.inner_weak = re.compile(r"\s*[,;]?\s*" + alt(d["inner_weak_markers"]) + R)
        self.agent = re.compile(L + alt(d["agent_words"]) + r"\s*$")
        self.shared_head = re.compile(r"(?:[^:;,]*?\s)?(?P<plural>" + alt(d["shared_head_plurals"]) + r")\s+"
                                      r"(?P<head>[^\W\d_]+)\s*:\s*")


    def same_body(self, key: str) -> str:
        """A unit key with the names of one body made alike (``đảng bộ`` → ``đảng ủy``), so
        that ``Ban Chấp hành Đảng bộ xã`` is the issuer ``Đảng ủy xã X`` speaking."""
        for a, b in self.body_names:
            key = re.sub(rf"(?<!\w){re.escape(a)}(?!\w)", b, key)
        return key

    def label_role(self, label: str) -> Optional[str]:
        """The role a field label or a column name plays (``Cơ quan chủ trì`` → lead,
        ``Thời gian hoàn thành`` → deadline, ``Tên thủ tục`` → procedure), or None. A unit
        role's phrase must end the label (``Chủ trì thảo luận, …`` names no unit column)."""
        squashed = re.sub(r"\s+", "", fold(label))
        for role, names in self.field_roles:
            if role in ("content", "other", "deadline", "procedure"):
                if any(squashed.startswith(n) for n in names):
                    return role
                continue
            for n in names:
                k = squashed.find(n)
                if k >= 0 and self.unit_tail.match(squashed, k + len(n)):
                    return role
        return None


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules(load_patterns("tasks"))


SENT_END = re.compile(r"(?<=[.!?…])[\s\"”’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])")
ABBR_END = re.compile(r"(?:\b(?:TP|Tp|TX|Tx|VP|TT|Th|ThS|TS|PGS|GS|Đ/c|đ/c|St)|\b[A-ZĐ]|(?<![\d/.])\d{1,2})\.$")
# a proper name: capitalised words, one lowercase syllable allowed between two of them
# ("Viễn thông Quảng Nam"), acronyms and hyphens ("VNPT Lai Châu", "Điện lực - Chi nhánh X")
_CAP = r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ&]*)"
PROPER_NAME = re.compile(rf"{_CAP}(?:(?:\s+|\s*-\s*){_CAP}|\s+[a-zđà-ỹ]+(?=\s+[A-ZĐÀ-Ỹ]))*")
GAP_SEP = re.compile(r"\s*(?:[,;/&]|\bvà\b|\bcùng\b|\bhoặc\b)?\s*(?:các\s+đồng\s+chí\s+)?$")
ARTICLE = re.compile(r"\s*Điều\s+\d+\s*[.:]", re.IGNORECASE)
FIELD_ROLES = ("lead", "support", "implement", "deadline", "other")
MARKER_ONLY = re.compile(r"\s*,?\s*(?:(?:có|chịu)\s*trách\s*nhiệm(?:\s*thực\s*hiện)?)?\s*[:.]?\s*$")
CONTRACT = ("weekly", "monthly", "quarterly", "semiannual", "annual")
RHYTHM_WORDS = {"weekly": "hằng tuần", "monthly": "hằng tháng", "quarterly": "hằng quý",
                "semiannual": "định kỳ 6 tháng", "annual": "hằng năm"}


def label_len(s: str) -> int:
    """Length of the list label (``1.``, ``a)``, ``-``, ``Điều 3.``) at the start of ``s``,
    spaces included."""
    m = _LIST_LABEL.match(s) or ARTICLE.match(s)
    if not m:
        return 0
    n = m.end()
    while n < len(s) and s[n] == " ":
        n += 1
    return n


def split_plain(s: str) -> list[str]:
    """A field value the unit grammar does not know, cut at ``;`` and ``,``."""
    out = []
    for piece in re.split(r"\s*[;]\s*|\s*,\s*(?=[A-ZĐ])", s):
        p = piece.strip(" .;,:-–")
        if p and len(p.split()) <= 12:
            out.append(p)
    return out
