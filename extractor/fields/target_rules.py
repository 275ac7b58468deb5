"""Rule loading for numeric targets: ``patterns/targets.yaml`` compiled into regexes.

Every entry of the YAML lists is either a plain phrase (matched as whole words on the
folded text, a space inside it matching any whitespace or none: ``ít\nnhất``,
``hệthống``) or ``re: ...``, a raw regular expression folded the same way.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..normalize import fold, fold_pattern
from ..resources import load_patterns

__all__ = ["rules", "phrase_rx", "alt", "NUM_PCT", "NUM_CNT", "PCT_SIGN"]

_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"


def phrase_rx(entry: str) -> str:
    """A YAML list entry as a regex source: ``re: ...`` raw (folded), else a whole-word
    phrase whose spaces match any whitespace or none."""
    if entry.startswith("re:"):
        return "(?:" + fold_pattern(entry[3:].strip()) + ")"
    words = [re.escape(fold(w)) for w in entry.split()]
    # boundaries are letters only (a digit may be glued on: "từ30%"); a phrase of two or
    # more words may also be glued to the word before it ("trang bịtối thiểu")
    left = "" if len(words) > 1 else _NOT_AFTER_LETTER
    return left + r"\s*".join(words) + _NOT_BEFORE_LETTER


def alt(entries) -> str:
    srcs = sorted((phrase_rx(e) for e in entries or []), key=len, reverse=True)
    return "(?:" + "|".join(srcs) + ")" if srcs else "(?!x)x"


def _rx(entries, prefix: str = "", suffix: str = "") -> re.Pattern:
    return re.compile(prefix + alt(entries) + suffix)


def _literal_len(form: str) -> int:
    """The length of the words a unit form spells (of a ``re:`` form: up to its first
    regex syntax)."""
    if form.startswith("re:"):
        return len(re.split(r"[\\(\[?*+{|]", form[3:].strip(), maxsplit=1)[0])
    return len(form)


NUM_PCT = r"\d+(?:[.,]\d+)?"
NUM_CNT = r"\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:,\d+)?"
PCT_SIGN = r"(?:%|phần\s*trăm(?!\w))"
_LEFT_OK = r"(?<![\d.,/])"
_UNIT_GAP = r"[ \t]*\n?[ \t]*"  # a count's unit follows on the same line or the next, not a paragraph later


class Rules:
    def __init__(self, data: dict) -> None:
        # units
        # longer forms first ("hộ nghèo" before "hộ"), by the length of the written form
        forms = sorted(((form, u["name"]) for u in data["units"]
                        for form in [u["name"], *(u.get("forms") or [])]),
                       key=lambda fn: _literal_len(fn[0]), reverse=True)
        self.units: list[tuple[re.Pattern, str]] = [
            (re.compile(phrase_rx(form) + r"$"), name) for form, name in forms]
        unit_alt = "(?P<unit>" + "|".join(phrase_rx(form) for form, _ in forms) + r")(?!\w)"

        cmp = data["comparators"]
        # a dash joins on its own line or breaks the line after it ("60 -\n70%"), never
        # before it: "năm 2026\n- 100% cơ quan" is a bullet, not a range
        joins = [j for j in cmp["range_joiners"] if not any(c.isalpha() for c in j)]
        words = [j for j in cmp["range_joiners"] if any(c.isalpha() for c in j)]
        joiner = "(?:" + "|".join(
            [rf"[ \t]*{re.escape(fold(j))}[ \t]*\n?[ \t]*" for j in joins]
            + ([rf"\s*{alt(words)}\s*"] if words else [])) + ")"
        self.candidates = [  # (kind, regex), tried in this order; later ones skip overlaps
            ("pct_range", re.compile(
                rf"(?:(?<!\w)(?P<from>từ)\s*)?{_LEFT_OK}(?P<a>{NUM_PCT})(?:[ \t]*{PCT_SIGN})?"
                rf"{joiner}(?P<b>{NUM_PCT})\s*{PCT_SIGN}")),
            ("cnt_range", re.compile(
                rf"(?:(?<!\w)(?P<from>từ)\s*)?{_LEFT_OK}(?P<a>{NUM_CNT}){joiner}"
                rf"(?P<b>{NUM_CNT}){_UNIT_GAP}{unit_alt}")),
            ("pct", re.compile(rf"{_LEFT_OK}(?P<a>{NUM_PCT})\s*{PCT_SIGN}")),
            ("cnt", re.compile(rf"{_LEFT_OK}(?P<a>{NUM_CNT})(?![\d/]){_UNIT_GAP}{unit_alt}")),
        ]
        fillers = alt(cmp.get("fillers"))
        self.before: list[tuple[re.Pattern, str, bool]] = []
        for op, groups in cmp["before"].items():
            for strength in ("strong", "weak"):
                for p in groups.get(strength) or []:
                    self.before.append((re.compile(
                        phrase_rx(p) + rf"\s*(?:{fillers}\s*)*$"), op, strength == "strong"))
        self.after = [(re.compile(r"^\s*" + alt(v)), op) for op, v in cmp["after"].items()]
        self.default = cmp["default"]
        self.count_at_least = _rx(cmp.get("count_at_least"), suffix=r"\s*$")

        cues = data["cues"]
        self.goal = _rx(cues["goal"])
        self.strong_goal = _rx(cues["strong_goal"])
        self.count_goal = _rx(cues["count_goal"])
        self.quota = _rx(cues["quota"])
        self.past = _rx(cues["past"])
        self.past_after = _rx(cues["past_after"], prefix=r"^\s*")
        self.past_weak = _rx(cues["past_weak"])
        self.fact_before = _rx(cues["fact_before"])
        self.over_plan_after = _rx(cues["over_plan_after"], prefix=r"^\s*")
        self.baseline_after = _rx(cues["baseline_after"], prefix=r"^\s*")
        self.section_past = _rx(cues["section_past"], prefix="^")
        self.section_goal = _rx(cues["section_goal"], prefix="^")
        self.section_plan = _rx(cues["section_plan"], prefix="^")
        self.doc_title = _rx(cues["doc_title"])
        self.title_goal = _rx(cues["title_goal"])
        self.section_rule = _rx(cues["section_rule"], prefix="^")
        self.intro_rule = _rx(cues["intro_rule"])
        self.intro_past = _rx(cues["intro_past"])
        self.intro_goal = _rx(cues["intro_goal"])
        rej = cues["reject"]
        self.fee_before = _rx(rej["fee_before"], suffix=r"\s*$")
        self.fee_clause = _rx(rej["fee_clause"])
        self.fee_after = _rx(rej["fee_after"], prefix=r"^\s*(?:của\s*)?")
        self.legal_after = _rx(rej["legal_after"], prefix=r"^\s*")
        self.legal_sentence = _rx(rej["legal_sentence"])
        self.condition = _rx(rej["condition_clause"])
        self.example = _rx(rej["example_sentence"])
        self.condition_open = _rx(rej["condition_open"])
        self.condition_then = _rx(rej["condition_then"])
        self.entitlement_after = _rx(rej["entitlement_after"], prefix=r"^\s*")
        self.rubric_after = _rx(rej["rubric_after"])
        self.formula_before = _rx(rej["formula_before"])
        self.formula_after = _rx(rej["formula_after"], prefix=r"^\s*")
        self.measure_clause = _rx(rej["measure_clause"])
        self.measure_intro = _rx(rej["measure_intro"])
        self.measure_sentence = _rx(rej["measure_sentence"])
        self.threshold_clause = _rx(rej["threshold_clause"])
        self.citation_clause = _rx(rej["citation_clause"])
        self.fee_sentence = _rx(rej["fee_sentence"])
        self.ranking_before = _rx(rej["ranking_before"], suffix=r"\s*$")
        self.ranking_after = _rx(rej["ranking_after"], prefix=r"^\s*")
        self.inspected_before = _rx(rej["inspected_before"], suffix=r"\s*$")

        self.period = _rx(data["period"])
        resp = data["responsible"]
        self.responsible = re.compile(
            rf"(?<!\w)(?P<name>{alt(resp['heads'])}(?:[ \t\n,]+[^\s.;:()]+)"
            rf"{{0,{int(resp.get('max_words', 14))}}}?)\s+{alt(resp['verbs'])}")
        met = data["metric"]
        self.metric_stop = _rx(met["stop"])
        self.metric_max = int(met.get("max_words", 16))



@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules(load_patterns("targets"))
