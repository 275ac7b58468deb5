"""Tests for extractor.fields.deadlines: the example corpus, RRULE expansion, offsets and
recall over the gold corpus.

Run ``python tests/test_deadlines.py`` to print the corpus measurement (found, missed and
spurious deadline values per file).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor.fields.deadlines import (  # noqa: E402
    DeadlineMatch, find_deadlines, parse_deadline, pick_deadline)
from extractor.model import Deadline  # noqa: E402
from extractor.resources import load_examples  # noqa: E402

EXAMPLES = load_examples("deadlines")
CONTRACT_RECURRENCES = {"weekly", "monthly", "quarterly", "semiannual", "annual"}
COMPARED = ("date", "recurrence", "rrule")          # always compared (missing = null)
OPTIONAL = ("kind", "weak", "continuous", "offset_days", "offset_months", "working_days",
            "relative_to", "recurrences", "lunar", "warnings")


def _anchor(ex: dict):
    a = ex.get("anchor")
    return a if a is None or isinstance(a, int) else str(a)


def _check(found: DeadlineMatch, exp: dict, text: str) -> None:
    assert found.text == exp["text"], f"text {found.text!r} != {exp['text']!r}"
    assert text[found.start:found.end] == found.text
    for k in COMPARED:
        want = exp.get(k)
        want = str(want) if isinstance(want, dt.date) else want
        assert getattr(found, k) == want, f"{k}: {getattr(found, k)!r} != {want!r}"
    for k in OPTIONAL:
        if k in exp:
            got = getattr(found, k)
            if k == "warnings":
                assert [w for w in got if any(e in w for e in exp[k])] and len(got) == len(exp[k]), got
            else:
                assert got == exp[k], f"{k}: {got!r} != {exp[k]!r}"


def test_examples_count_and_shape():
    assert len(EXAMPLES) >= 80
    negatives = [e for e in EXAMPLES if e["expected"] is None]
    assert len(negatives) >= 15
    for e in EXAMPLES:
        assert set(e) <= {"input", "anchor", "expected", "note"}, e


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["input"][:70] for e in EXAMPLES])
def test_example(ex):
    text, exp = ex["input"], ex["expected"]
    found = find_deadlines(text, _anchor(ex))
    if exp is None:
        assert found == [], [f.text for f in found]
        return
    exps = exp if isinstance(exp, list) else [exp]
    assert len(found) == len(exps), [(f.text, f.date, f.recurrence) for f in found]
    for f, e in zip(found, exps):
        _check(f, e, text)


# --------------------------------------------------------------------------- RRULE expansion
def _expand(rule: str, start: dt.date, n: int) -> list[dt.date]:
    r = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
    out = []
    for x in r:
        out.append(x.date())
        if len(out) == n:
            break
    return out


RRULE_CASES = [
    ("định kỳ vào ngày thứ 6 hàng tuần", "2024-03-13",
     ["2024-03-15", "2024-03-22", "2024-03-29"]),
    ("họp giao ban vào sáng thứ Hai hằng tuần", "2024-03-15",
     ["2024-03-18", "2024-03-25", "2024-04-01"]),
    ("thứ 2 và thứ 5 hằng tuần", "2024-03-15",
     ["2024-03-18", "2024-03-21", "2024-03-25", "2024-03-28"]),
    ("báo cáo trước ngày 15 hằng tháng", "2024-03-20",
     ["2024-04-15", "2024-05-15", "2024-06-15"]),
    ("định kỳ vào ngày 25 của tháng cuối quý", "2024-03-15",
     ["2024-03-25", "2024-06-25", "2024-09-25", "2024-12-25", "2025-03-25"]),
    ("trước ngày 20 của tháng cuối quý", "2024-04-01",
     ["2024-06-20", "2024-09-20", "2024-12-20", "2025-03-20"]),
    ("trước ngày 10 tháng đầu quý sau", "2024-03-15",
     ["2024-04-10", "2024-07-10", "2024-10-10", "2025-01-10"]),
    ("trước ngày 15/12 hằng năm", "2024-03-15", ["2024-12-15", "2025-12-15"]),
    ("ngày 30 hằng tháng", "2024-01-15",
     ["2024-01-30", "2024-02-29", "2024-03-30", "2024-04-30"]),
    ("ngày 31 hằng tháng", "2024-01-15", ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]),
    ("vào cuối mỗi quý", "2024-01-15", ["2024-03-31", "2024-06-30", "2024-09-30"]),
    ("báo cáo hằng tháng, trước ngày 20", "2024-03-25", ["2024-04-20", "2024-05-20"]),
    ("định kỳ 6 tháng và hằng năm", "2024-01-01", ["2024-01-01", "2024-07-01", "2025-01-01"]),
    ("báo cáo hằng quý", "2024-01-01", ["2024-01-01", "2024-04-01", "2024-07-01"]),
    ("báo cáo hằng năm", "2024-03-15", ["2024-03-15", "2025-03-15"]),
    ("ngày 15/6 và 15/12 hằng năm", "2024-03-01", ["2024-06-15", "2024-12-15", "2025-06-15"]),
]


@pytest.mark.parametrize("text,anchor,dates", RRULE_CASES, ids=[c[0] for c in RRULE_CASES])
def test_rrule_expands(text, anchor, dates):
    d = parse_deadline(text, anchor)
    assert d is not None and d.rrule, d
    got = _expand(d.rrule, dt.date.fromisoformat(anchor), len(dates))
    assert [x.isoformat() for x in got] == dates


def test_every_emitted_rrule_parses():
    """Every rrule in the example corpus parses with a DTSTART and yields dates."""
    n = 0
    for ex in EXAMPLES:
        anchor = _anchor(ex)
        start = dt.date(anchor, 1, 1) if isinstance(anchor, int) else (
            dt.date.fromisoformat(anchor) if anchor else dt.date(2024, 1, 1))
        for d in find_deadlines(ex["input"], anchor):
            if d.rrule:
                assert len(_expand(d.rrule, start, 3)) == 3, d.rrule
                n += 1
    assert n >= 15


# --------------------------------------------------------------------------- API details
def test_offsets_point_into_text():
    text = "- Giao Văn phòng, định kỳ vào ngày thứ 6 hàng \n\ntuần thống kê; hoàn thành trước ngày 30/8/2023."
    ds = find_deadlines(text, "2023-08-07")
    assert [d.text for d in ds] == ["định kỳ vào ngày thứ 6 hàng \n\ntuần", "hoàn thành trước ngày 30/8/2023"]
    for d in ds:
        assert text[d.start:d.end] == d.text


def test_to_deadline_is_plain_contract():
    d = parse_deadline("trong quý I/2024", "2024-01-05")
    plain = d.to_deadline()
    assert type(plain) is Deadline
    assert (plain.text, plain.date, plain.start, plain.end) == ("trong quý I/2024", "2024-03-31", 0, 16)


def test_no_anchor_keeps_text():
    assert parse_deadline("trước ngày 15/11", None).date is None
    assert parse_deadline("trước ngày 15/11", None).text == "trước ngày 15/11"
    d = parse_deadline("trong thời hạn 05 ngày kể từ ngày nhận được văn bản", None)
    assert (d.date, d.offset_days) == (None, 5)
    assert parse_deadline("hằng quý", None).recurrence == "quarterly"


def test_year_only_anchor():
    assert parse_deadline("trước ngày 15/11", 2024).date == "2024-11-15"
    assert parse_deadline("trong vòng 10 ngày", 2024).date is None


def test_pick_deadline():
    text = "Thời gian: Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử)."
    assert pick_deadline(find_deadlines(text, "2025-11-25")).date == "2025-12-10"
    text = "Thường xuyên; hoàn thành trước ngày 31/12/2026."
    assert pick_deadline(find_deadlines(text, 2026)).date == "2026-12-31"
    assert pick_deadline(find_deadlines("Thời gian thực hiện: Thường xuyên.", 2026)).continuous
    weak = "tham gia chiến dịch diệt lăng quăng hằng tháng"
    assert pick_deadline(find_deadlines(weak, 2026)) is None
    assert pick_deadline(find_deadlines(weak, 2026), include_weak=True).recurrence == "monthly"
    # a rhythm that describes the noun before it is no deadline at all
    assert pick_deadline(find_deadlines("khen thưởng hàng năm", 2026), include_weak=True) is None


def test_working_days_skip_weekends():
    d = parse_deadline("trong vòng 3 ngày làm việc kể từ ngày ký", "2024-03-15")   # a Friday
    assert (d.date, d.offset_days, d.working_days) == ("2024-03-20", 3, True)


# --------------------------------------------------------------------------- gold corpus
def _corpus_dir() -> Path | None:
    for cand in (ROOT / "corpus", Path("/work/shared/corpus")):
        if cand.is_dir() and list(cand.glob("*.gold.json")):
            return cand
    return None


_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n(?=[ \t]*(?:[-+•*]|\d+(?:\.\d+)*\.|[a-zđ]\)|[IVX]+\.)\s)")


def sentences(text: str) -> list[str]:
    """Sentences and list items of a source text (PDF line breaks inside a sentence kept)."""
    return [s for s in _SPLIT.split(text) if s and s.strip()]


def _gold_values(gold: dict) -> tuple[set, set]:
    """(required, optional) deadline values (ISO dates and recurrences) of a gold file."""
    req, opt = set(), set()

    def walk(g: dict) -> None:
        for t in g.get("tasks", []):
            d = t.get("deadline")
            if not d:
                continue
            optional = bool(t.get("optional") or d.get("optional"))
            for v in (d.get("date"), d.get("recurrence")):
                if v:
                    (opt if optional else req).add(v)
        for a in g.get("attachments", []):
            walk(a)

    walk(gold)
    return req, opt - req


def _found_values(text: str, anchor, strong_only: bool = False) -> set:
    vals = set()
    for s in sentences(text):
        for d in find_deadlines(s, anchor):
            if strong_only and d.weak:
                continue
            if d.date:
                vals.add(d.date)
            vals.update(r for r in d.recurrences if r in CONTRACT_RECURRENCES)
    return vals


def measure_corpus(corpus: Path, strong_only: bool = False) -> dict:
    rows, tot = [], {"req": 0, "hit": 0, "found": 0, "spurious": 0}
    for gp in sorted(corpus.glob("*.gold.json")):
        name = gp.name[: -len(".gold.json")]
        src = next((corpus / f"{name}{ext}" for ext in (".txt", ".md") if (corpus / f"{name}{ext}").exists()), None)
        if src is None:
            continue
        gold = json.loads(gp.read_text(encoding="utf-8"))
        date = gold.get("date") or {}
        anchor = date.get("iso") or date.get("year")
        req, opt = _gold_values(gold)
        found = _found_values(src.read_text(encoding="utf-8"), anchor, strong_only)
        hit, missed, spurious = found & req, req - found, found - req - opt
        rows.append((name, sorted(hit), sorted(missed), sorted(spurious), sorted(found & opt)))
        tot["req"] += len(req)
        tot["hit"] += len(hit)
        tot["found"] += len(found)
        tot["spurious"] += len(spurious)
    tot["recall"] = tot["hit"] / tot["req"] if tot["req"] else 1.0
    tot["precision"] = 1 - tot["spurious"] / tot["found"] if tot["found"] else 1.0
    return {"rows": rows, **tot}


def _report(m: dict) -> str:
    lines = []
    for name, hit, missed, spurious, opt in m["rows"]:
        if hit or missed or spurious or opt:
            lines.append(f"{name}: found {hit} optional {opt} MISSED {missed} spurious {spurious}")
    lines.append(f"recall {m['hit']}/{m['req']} = {m['recall']:.2f}; precision "
                 f"{m['found'] - m['spurious']}/{m['found']} = {m['precision']:.2f}")
    return "\n".join(lines)


def test_corpus_recall():
    corpus = _corpus_dir()
    if corpus is None:
        pytest.skip("no gold corpus")
    m = measure_corpus(corpus)
    print(_report(m))
    assert m["req"] >= 15
    assert m["recall"] >= 0.9, _report(m)


if __name__ == "__main__":
    c = _corpus_dir()
    if c is not None:
        print("== all readings")
        print(_report(measure_corpus(c)))
        print("== without weak readings")
        print(_report(measure_corpus(c, strong_only=True)))
