"""Referenced documents (extractor/fields/references.py).

- the examples of patterns/references.examples.yaml, one test each;
- unit tests of the helpers and of the offsets/mentions contract;
- a corpus test: find_references over every source of ../shared/corpus, scored the way
  ../shared/tools/score.py scores references (matched by normalised number; the date of
  matched ones; optional gold items neither reward nor punish). Skipped where ../shared
  is absent.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package may not be installed
    sys.path.insert(0, str(ROOT))

from extractor.fields.references import (  # noqa: E402
    find_references, normalize_number, number_key, parse_date,
)
from extractor.eval import norm_number  # noqa: E402  (score.py's number comparison)
from extractor.resources import load_examples  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXAMPLES = load_examples("references")


# --------------------------------------------------------------------------- examples
def _ex_id(ex: dict) -> str:
    return re.sub(r"\s+", " ", ex["input"])[:60]


def test_enough_examples():
    assert len(EXAMPLES) >= 40
    assert sum(1 for ex in EXAMPLES if not ex["expected"]) >= 5  # negative examples


@pytest.mark.parametrize("ex", EXAMPLES, ids=[_ex_id(e) for e in EXAMPLES])
def test_example(ex):
    text = ex["input"]
    refs = find_references(text, own_number=ex.get("own_number"))
    got = [(r.doc_type, r.number, r.date) for r in refs]
    want = [(e["doc_type"], e["number"], e.get("date")) for e in ex["expected"]]
    assert got == want
    for r, e in zip(refs, ex["expected"]):
        for key in ("issuer", "subject", "relation"):
            if key in e:
                assert getattr(r, key) == e[key], f"{r.number} {key}"
        if "mentions" in e:
            assert len(r.mentions) == e["mentions"], [m["text"] for m in r.mentions]
        _check_offsets(text, r)


def _check_offsets(text, r):
    assert text[r.start:r.end] == r.text
    assert r.start <= r.end
    assert r.mentions, "the citation itself is a mention"
    for m in r.mentions:
        assert text[m["start"]:m["end"]] == m["text"]
    starts = [m["start"] for m in r.mentions]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


# --------------------------------------------------------------------------- helpers
def test_normalize_number():
    assert normalize_number("Số: 46 – CT/TW") == "46-CT/TW"
    assert normalize_number("27/CT-\n\nTTg") == "27/CT-TTg"
    assert normalize_number("2449 -CV/ĐU") == "2449-CV/ĐU"
    assert normalize_number("số 422/QĐ-TTG,") == "422/QĐ-TTG"
    assert number_key("422/QĐ-TTG") == number_key("422/QĐ-TTg")
    assert number_key("46 - CT/TW") == number_key("46-CT/TW")


def test_parse_date():
    assert parse_date("ngày 18 tháng 10 năm 2021") == "2021-10-18"
    assert parse_date("18-10-2021") == "2021-10-18"
    assert parse_date("ngày 04/4/2022") == "2022-04-04"
    assert parse_date("ngày 08/6/20210") is None
    assert parse_date("ngày 31/02/2021") is None


def test_empty_and_no_citation():
    assert find_references("") == []
    assert find_references("Kính gửi: UBND các xã, thị trấn.") == []


def test_reference_fields_are_json_ready():
    refs = find_references("Căn cứ Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ;")
    (r,) = refs
    assert r.text == "Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ"
    assert r.mentions == [{"start": r.start, "end": r.start + len("Nghị quyết số 01/NQ-CP"),
                           "text": "Nghị quyết số 01/NQ-CP"}]
    json.dumps(r.__dict__, ensure_ascii=False)


def test_duplicate_citations_are_one_reference():
    text = ("Thực hiện Công văn số 5064/UBND-TTHC ngày 07/10/2022 của Chủ tịch UBND tỉnh. "
            "Các xã thực hiện theo Công văn số 5064/UBND-TTHC ngày 07/10/2022 của Chủ tịch UBND tỉnh.")
    (r,) = find_references(text)
    assert len(r.mentions) == 2 and r.start == text.index("Công văn")


def test_own_number_from_context():
    text = "Thực hiện Công văn số 12-CV/HU ngày 01/8/2023 của Huyện ủy."
    assert find_references(text, context={"own_numbers": ["12-CV/HU"]}) == []


# --------------------------------------------------------------------------- corpus
def _corpus_items():
    if not CORPUS.is_dir():
        return []
    items = []
    for g in sorted(CORPUS.glob("*.gold.json")):
        stem = g.name[: -len(".gold.json")]
        src = next((CORPUS / f"{stem}.{ext}" for ext in ("txt", "md")
                    if (CORPUS / f"{stem}.{ext}").exists()), None)
        if src is not None:
            items.append((stem, src, json.loads(g.read_text(encoding="utf-8"))))
    return items


def _strip_markdown(text: str) -> str:
    return re.sub(r"\*\*|\*|#", "", text)


def test_corpus_references():
    items = _corpus_items()
    if not items:
        pytest.skip("../shared/corpus is not available")
    tp = n_pred = n_gold = 0
    date_ok = date_n = 0
    misses = []
    for stem, src, gold in items:
        text = _strip_markdown(src.read_text(encoding="utf-8"))
        docs = [gold, *gold.get("attachments", [])]
        owns = [(d.get("number") or {}).get("text") for d in docs]
        owns = [o for o in owns if o]
        refs = find_references(text, own_number=owns[0] if owns else None,
                               context={"own_numbers": owns[1:]})
        own_keys = {norm_number(o) for o in owns}
        gold_refs = [r for d in docs for r in d.get("references", [])
                     if norm_number(r.get("number")) not in own_keys]
        required = [r for r in gold_refs if not r.get("optional")]
        optional = {norm_number(r["number"]) for r in gold_refs if r.get("optional")}
        pred = {}
        for r in refs:
            if r.number:
                pred.setdefault(norm_number(r.number), r)
        gold_by = {norm_number(r["number"]): r for r in required}
        hit = set(gold_by) & set(pred)
        extra = [k for k in pred if k not in gold_by and k not in optional]
        tp += len(hit)
        n_gold += len(gold_by)
        n_pred += len(hit) + len(extra)
        for k in gold_by:
            if k not in pred:
                misses.append(f"{stem}: missing {gold_by[k]['number']}")
        misses += [f"{stem}: extra {pred[k].number} ({pred[k].text[:60]!r})" for k in extra]
        for k in hit:
            if "date" in gold_by[k]:
                date_n += 1
                if gold_by[k]["date"] == pred[k].date:
                    date_ok += 1
                else:
                    misses.append(f"{stem}: date of {k}: gold {gold_by[k]['date']} got {pred[k].date}")
        for r in refs:
            _check_offsets(text, r)
    p = tp / n_pred if n_pred else 1.0
    rec = tp / n_gold if n_gold else 1.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    date_acc = date_ok / date_n if date_n else 1.0
    print(f"\nreferences: P={p:.3f} R={rec:.3f} F1={f1:.3f} (tp={tp} pred={n_pred} gold={n_gold}); "
          f"reference_date {date_ok}/{date_n} = {date_acc:.3f}")
    for m in misses:
        print("  miss", m)
    assert f1 >= 0.97, misses
    assert date_acc >= 0.95, misses
