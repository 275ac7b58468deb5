"""The rules of ``patterns/references.yaml`` compiled once, and the record of one citation
while the finder of :mod:`references` works on it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..normalize import fold
from ..resources import load_patterns
from .ref_shapes import _DATE

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
