"""Regular expressions of the deadline normaliser, compiled once from ``patterns/deadlines.yaml``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from ...normalize import fold, fold_pattern
from ...resources import load_patterns


def _ph(phrase: str) -> str:
    """A YAML phrase → a regex on folded text (a space = optional whitespace)."""
    return fold_pattern(phrase).replace(" ", r"\s*")


def _alt(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((_ph(p) for p in phrases), key=len, reverse=True)) + ")"


def _words(words: Iterable[str]) -> str:
    """Literal words (no regex syntax) → an alternation, longest first."""
    return "(?:" + "|".join(sorted((re.escape(fold(w)).replace(r"\ ", r"\s*") for w in words),
                                   key=len, reverse=True)) + ")"


L = r"(?<![\w])"          # left word boundary
R = r"(?![\w])"           # right word boundary
SEP = r"\s*[/.\-]\s*"     # date separator (fold turns – — into -)
YEAR = r"(?:19|20)\d{2}(?!\d)"
# after day/month: a 4-digit year, or nothing that looks like one ("08/6/20210" is no date)
YEAR_OR_END = rf"(?:{SEP}(?P<y>\d{{4}})(?!\d)|(?!\d)(?!\s*[/.\-]\s*\d))"


class Rules:
    """Everything compiled from ``patterns/deadlines.yaml``."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.roman = {fold(k): v for k, v in data["roman"].items()}
        self.numwords = {fold(k): v for k, v in data["number_words"].items()}
        self.yearwords = {fold(k): v for k, v in data["year_words"].items()}
        self.weekday_of: dict[str, str] = {}
        for code, names in data["weekdays"].items():
            for n in names:
                self.weekday_of[re.sub(r"\s+", "", fold(n))] = code
        rh = data["rhythm"]
        self.units = {fold(k): v for k, v in rh["units"].items()}
        self.every_n = {int(k): v for k, v in rh["every_n_months"].items()}
        self.times_per_year = {int(k): v for k, v in rh["times_per_year"].items()}
        self.recurrences = rh["recurrences"]
        self.contract_recurrences = set(rh["contract"])
        self.quarter_months = {fold(k): v for k, v in rh["quarter_months"].items()}

        NUMW = _words(self.numwords)
        WD = _words(n for ns in data["weekdays"].values() for n in ns) + r"(?!\d)" + R
        QN = r"(?:iv|iii|ii|i|[1-4])" + R
        MN = r"(?:1[0-2]|0?[1-9])(?!\d)"
        YW = rf"(?:{YEAR}|{_words(self.yearwords)}{R})"
        LEAD = _words(rh["leads"])
        UNIT = _words(self.units)
        BUNIT = _words(u for u in self.units if self.units[u] != "daily")   # bare unit in a list
        PERIODIC = _alt(rh["periodic"])
        LISTSEP = r"\s*(?:,|và|hoặc|&|/|-|đến|tới)\s*"

        # ---- dates: 30/8/2023, ngày 15 tháng 11 năm 2023, thứ Hai (02/4/2012)
        self.date_num = re.compile(
            rf"(?:(?P<wd1>{WD})\s*,?\s*(?P<par>\()?\s*)?(?P<ngay>ngày\s*)?(?<![\d/.,])"
            rf"(?P<d>\d{{1,2}})(?P<sep>{SEP})(?P<m>\d{{1,2}}){YEAR_OR_END}"
            rf"(?(par)\s*\))(?:\s*\(\s*(?P<wd2>{WD})\s*\))?")
        self.date_long = re.compile(
            rf"{L}(?:(?P<wd1>{WD})\s*,?\s*)?(?P<ngay>ngày|mùng|mồng)\s*(?P<d>\d{{1,2}})\s*tháng\s*"
            rf"(?P<m>\d{{1,2}})(?:\s*(?:,\s*)?(?:năm|/)\s*(?P<y>\d{{4}}))?(?!\d)"
            rf"(?:\s*\(\s*(?P<wd2>{WD})\s*\))?")
        self.lunar = re.compile(
            rf"{L}(?:(?:ngày|mùng|mồng)\s*)?\d{{1,2}}\s*(?:tháng\s*|/\s*)\d{{1,2}}"
            rf"(?:\s*(?:năm\s*|/\s*)\w+)?\s*(?:\(\s*)?âm\s*lịch(?:\s*\))?")
        # ---- periods
        self.quarter = re.compile(
            rf"{L}qúy\s*(?P<qs>{QN}(?:{LISTSEP}(?:qúy\s*)?{QN})*)"
            rf"(?:\s*(?:/|-|,?\s*năm)\s*(?P<y>{YW}))?")
        self.month = re.compile(
            rf"{L}tháng\s*(?P<ms>{MN}(?:{LISTSEP}(?:tháng\s*)?{MN})*)"
            rf"(?:\s*(?:/|-|,?\s*năm)\s*(?P<y>{YW}))?(?!\s*(?:/|-)\s*\d)")
        self.year = re.compile(
            rf"{L}năm\s*(?P<ys>{YW}(?:\s*(?:,|và|hoặc)\s*(?:năm\s*)?{YEAR})*)(?!\s*-\s*\d)")
        # a year or a span of years standing alone: the value of a "Thời gian" line or of a
        # table's deadline column ("2026", "2026-2030", "Năm 2025 - 2026")
        self.bare_year = re.compile(
            rf"(?<![\d/.\-])(?:năm\s*)?(?P<ys>{YEAR}(?:\s*-\s*(?:năm\s*)?{YEAR})?)(?![\d/\-]|\.\d)")
        self.half = re.compile(
            rf"{L}(?:(?P<n>\d{{1,2}}|{NUMW})\s*tháng|(?P<nua>nửa))\s*(?P<which>đầu|cuối)\s*"
            rf"(?:của\s*)?năm(?:\s*(?P<y>{YW}))?")
        # ---- ranges: từ ngày 10/8 đến ngày 20/8/2023, từ 10 - 20/8/2023
        self.range = re.compile(
            rf"{L}từ\s*(?:ngày\s*)?(?<![\d/.,])(?P<d1>\d{{1,2}})(?:{SEP}(?P<m1>\d{{1,2}}))?"
            rf"(?:{SEP}(?P<y1>\d{{4}}))?\s*(?:đến|tới|-)\s*(?:hết\s*)?(?:ngày\s*)?"
            rf"(?P<d2>\d{{1,2}}){SEP}(?P<m2>\d{{1,2}})"
            rf"(?:{SEP}(?P<y2>\d{{4}})(?!\d)|(?!\d)(?!\s*[/.\-]\s*\d))")
        # ---- rhythms with a fixed day
        pre = rf"(?:(?P<dk>{PERIODIC})\s*(?:vào\s*)?)?"
        self.weekly = re.compile(
            rf"{L}{pre}(?:(?:buổi\s*)?(?:sáng|chiều|tối)\s*)?(?:(?:các\s*)?ngày\s*)?"
            rf"(?P<wds>{WD}(?:\s*(?:,|và|hoặc)\s*(?:{WD}|[2-7](?!\d)))*)\s*(?:của\s*)?"
            rf"(?:{LEAD}|các)\s*tuần{R}")
        self.monthly = re.compile(
            rf"{L}{pre}(?:các\s*)?ngày\s*(?P<days>\d{{1,2}}(?:\s*(?:,|và)\s*(?:ngày\s*)?\d{{1,2}})*)"
            rf"\s*(?:của\s*)?(?:{LEAD}|các)\s*tháng{R}(?!\s*\d)")
        self.quarterly = re.compile(
            rf"{L}{pre}ngày\s*(?P<d>\d{{1,2}})\s*(?:của\s*)?(?:các\s*)?tháng\s*"
            rf"(?P<which>{_words(self.quarter_months)})\s*(?:tiên\s*)?(?:của\s*)?"
            rf"(?:(?:{LEAD}|các|từng)\s*)?qúy(?P<next>\s*(?:sau|tiếp\s*theo|kế\s*tiếp))?{R}")
        self.annual = re.compile(
            rf"{L}{pre}ngày\s*(?P<d>\d{{1,2}})(?:{SEP}|\s*tháng\s*)(?P<m>\d{{1,2}})"
            rf"(?:\s*(?:,|và)\s*(?:ngày\s*)?(?P<d2>\d{{1,2}})(?:{SEP}|\s*tháng\s*)(?P<m2>\d{{1,2}}))?"
            rf"\s*(?:của\s*)?(?:{LEAD}|các)\s*năm{R}(?!\s*\d)")
        # "tháng 12 hằng năm", "tháng 3, tháng 6, tháng 9 và tháng 12 hằng năm": months of every year
        # (PDF text may glue "tháng" to the word before: "Hội nghịtháng 3")
        self.months_yearly = re.compile(
            rf"(?<![\d/]){pre}(?:vào\s*)?tháng\s*(?P<ms>{MN}(?:\s*(?:,|và|hoặc)\s*(?:tháng\s*)?{MN})*)"
            rf"\s*(?:của\s*)?(?:{LEAD}|các)\s*năm{R}(?!\s*\d)")
        self.period_end = re.compile(
            rf"{L}{pre}(?:vào\s*)?(?:ngày\s*)?cuối\s*(?:cùng\s*)?(?:của\s*)?(?:{LEAD})\s*"
            rf"(?P<u>tháng|qúy|năm){R}(?!\s*\d)")
        # ---- bare rhythms and lists: hằng tháng, quý, năm / định kỳ 6 tháng và hàng năm
        item_lead = rf"(?:{LEAD})\s*(?P<u>{UNIT}){R}(?!\s*\d)"
        item_n = rf"(?P<n>\d{{1,2}}|{NUMW})\s*(?P<nu>tháng|tuần|năm){R}(?!\s*(?:đầu|cuối|\d))"
        once = r"(?:\s*(?:một|1|01)\s*lần)"
        self.rhythm_heads = [
            ("lead", re.compile(rf"{L}{pre}{item_lead}")),
            ("every", re.compile(rf"{L}(?P<dk>{PERIODIC})\s*(?:vào\s*|mỗi\s*)?{item_n}{once}?")),
            ("every", re.compile(rf"{L}(?P<dk>)(?:mỗi\s*)?{item_n}{once}")),
            ("times", re.compile(rf"{L}{pre}(?P<k>\d{{1,2}}|{NUMW})\s*lần\s*/\s*(?:một\s*|1\s*)?"
                                 rf"(?P<u>{UNIT}){R}")),
        ]
        self.rhythm_tail = re.compile(
            rf"\s*(?:,|và|hoặc|/)\s*(?:(?:{LEAD})\s*(?P<u>{UNIT}){R}(?!\s*\d)|"
            rf"(?P<bu>{BUNIT}){R}(?!\s*\d)|{item_n}{once}?)")
        self.dayonly = re.compile(
            rf"{L}(?:trước|vào|chậm\s*nhất)\s*(?:là\s*)?ngày\s*(?P<d>\d{{1,2}})"
            rf"(?!\s*(?:[/.\-]\s*\d|tháng|\d|của|hằng|hàng|mỗi|các))")
        # ---- relative terms
        rel = data["relative"]
        self.rel_units = {fold(k): v for k, v in rel["units"].items()}
        self.relative = re.compile(
            rf"{L}(?:(?P<lead>{_alt(rel['leads']['strong'])})|(?P<wlead>{_alt(rel['leads']['weak'])}))?"
            rf"\s*(?<![\d/.,])(?P<n>\d{{1,3}}|{NUMW})\s*(?P<u>{_words(self.rel_units)}){R}(?!\s*\d)"
            rf"(?:\s*(?P<after>{_alt(rel['directions']['after'])})|\s*(?P<before>"
            rf"{_alt(rel['directions']['before'])}))?{R}")
        self.doc_refs = re.compile(_alt(rel["document_refs"]))
        self.not_doc_refs = re.compile(_alt(rel["not_document_refs"]))
        self.continuous = re.compile(rf"{L}{_alt(data['continuous'])}{R}")
        self.rhythm_strong = re.compile(_alt(rh["strong_before"]))
        self.rhythm_describes = re.compile(rf"{L}{_alt(rh['describes_before'])}\s*$")

        # ---- triggers, labels, blockers
        self.triggers = []
        # a trigger word that no Vietnamese syllable ends with may be glued to the word
        # before it in PDF text ("trình Ban Thường vụ Đảng uỷtrước ngày 25/9/2025")
        glued = rf"(?:{L}|(?<=[^\W\d_])(?={_alt(data['glued_triggers'])}))"
        for t in data["triggers"]:
            rx = re.compile(rf"{glued}{_alt(t['phrases'])}[\s*_]*$")
            self.triggers.append((set(t["applies"]), str(t["kind"]), t["past"], bool(t.get("weak")), rx))
        self.label = re.compile(rf"{L}{_alt(data['labels'])}\s*:[\s*_]*$")
        self.blocker = re.compile(rf"{L}{_alt(data['blockers'])}\s*$")
        self.citation = re.compile(
            rf"(?:\d+[a-zđ]*\s*[/\-]\s*[a-zđ&]+(?:\s*[/\-]\s*[a-zđ0-9&]+)*|{L}{_alt(data['citation_words'])})"
            rf"\s*,?\s*(?:ngày\s*)?$")

    def weekday(self, s: str) -> Optional[str]:
        return self.weekday_of.get(re.sub(r"\s+", "", s))

    def number(self, s: str) -> int:
        s = re.sub(r"\s+", " ", s.strip())
        return int(s) if s.isdigit() else self.numwords[s]


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules(load_patterns("deadlines"))

