"""Every corpus letter in every format: a valid record whose header fields match the gold.

Scored with extractor.eval (the same rules as ../shared/tools/score.py); the bar is the
one of issue 7 ("Generalise"): ≥ 0.97 on every header field and on recipients, per format."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.errors import SchemaError
from extractor.eval import evaluate
from extractor.record import validate

from conftest import CORPUS

HEADER_FIELDS = ["regime", "doc_type", "number", "date", "place", "issuer", "issuer_parent", "subject",
                 "signer_name", "signer_position", "signer_authority", "is_draft", "attachments_count",
                 "recipients_to", "recipients_cc_tokens"]


@pytest.fixture(scope="module")
def records():
    recs = {}
    for f in sorted(CORPUS.iterdir()):
        if f.suffix in (".txt", ".md", ".docx", ".pdf") and f.with_name(f.name.rsplit(".", 1)[0] + ".gold.json").exists():
            recs[f.name] = extract(f).to_dict()
    return recs


@pytest.mark.parametrize("fmt", ["txt", "md", "docx", "pdf"])
def test_header_fields_per_format(records, fmt):
    report = evaluate(CORPUS, records, formats=(fmt,), misses=5)
    rep = report[fmt]
    assert rep["no_record"] == 0
    low = {f: round(rep["fields"][f]["score"], 3) for f in HEADER_FIELDS
           if f in rep["fields"] and rep["fields"][f]["score"] < 0.97}
    assert not low, (low, {f: rep["misses"].get(f) for f in low})


def test_every_record_validates(records):
    assert records
    for name, rec in records.items():
        validate(rec)
        for att in rec["attachments"]:
            validate(att)
        for part in ("number", "date", "issuer", "signer"):
            v = rec.get(part)
            if v and v.get("start") is not None:
                assert 0 <= v["start"] <= v["end"] <= len(rec["text"]), (name, part)
        for r in rec["recipients"]:
            assert rec["text"][r["start"]:r["end"]].split() == r["name"].split() or r["name"] in " ".join(
                rec["text"][r["start"]:r["end"]].split()), (name, r)


def test_schema_rejects_a_broken_record(records):
    rec = dict(next(iter(records.values())))
    rec["regime"] = "monarchy"
    with pytest.raises(SchemaError, match="regime"):
        validate(rec)
    rec = dict(next(iter(records.values())))
    del rec["tasks"]
    with pytest.raises(SchemaError, match="tasks"):
        validate(rec)


def test_attachment_is_its_own_record(records):
    rec = records["ubnd-batieu-2023.md"]
    assert rec["issuer"]["name"] == "Ủy ban nhân dân xã Ba Tiêu"
    assert len(rec["attachments"]) == 1
    att = rec["attachments"][0]
    assert att["regime"] == "party" and att["number"]["text"] == "-CV/HU" and att["is_draft"] is True
    assert att["signer"]["name"] == "Đinh Ngọc Vỹ"
    assert att["text"] in rec["text"]


def test_spans_point_at_the_values(records):
    rec = records["huyenuy-binhson-1307.md"]
    t = rec["text"]
    assert t[rec["number"]["start"]:rec["number"]["end"]] == "1307-CV/HU"
    assert t[rec["date"]["start"]:rec["date"]["end"]] == "ngày 13 tháng 10 năm 2022"
    rec = records["huyenuy-binhson-1307.pdf"]
    assert rec["source"]["pages"] >= 1
