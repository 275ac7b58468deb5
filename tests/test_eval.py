"""extractor.eval must give the numbers of the official scorer (shared/tools/score.py).

The comparison tests copy a few gold files of the shared corpus into a temporary
directory with empty placeholder sources, score hand-made records with both score.py
(as a subprocess) and extractor.eval, and compare the reports field by field. They are
skipped where ../shared is absent; the unit tests below them are not.
"""
from __future__ import annotations

import copy
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package may not be installed
    sys.path.insert(0, str(ROOT))

from extractor import eval as ev  # noqa: E402
from extractor.eval import (  # noqa: E402
    Tally, evaluate, evaluate_with, format_report, load_records, name_score, norm, norm_number,
    score_doc, score_list, squash, subject_ok, tokens,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORE_PY = SHARED / "tools" / "score.py"
CORPUS = SHARED / "corpus"

PERFECT = "byt-384-cv-2014"          # single recipient, one dated reference
IMPERFECT = "ubnd-binhson-tthc-2024"  # optional target, deadlines, ten references
ATTACHED = "ubnd-batieu-2023"         # a cover letter with an attachment
ABSENT = "ldtbxh-5115-cv-2018"        # gets no record at all
STEMS = (PERFECT, IMPERFECT, ATTACHED, ABSENT)


def needs_shared():
    if not SCORE_PY.is_file() or not CORPUS.is_dir():
        pytest.skip("../shared (score.py and the corpus) is not available")


def gold(stem: str) -> dict:
    return json.loads((CORPUS / f"{stem}.gold.json").read_text(encoding="utf-8"))


def record_from_gold(g: dict, path: str | None = None) -> dict:
    """A record that says exactly what the gold says (optional items included)."""
    rec = copy.deepcopy(g)
    for key in [k for k in rec if k.startswith("_")]:
        del rec[key]
    rec["attachments"] = [record_from_gold(a) for a in rec.get("attachments", [])]
    if path is not None:
        rec["source"] = {"path": path, "format": Path(path).suffix[1:]}
    return rec


def make_records(fmt: str = "txt") -> dict[str, dict]:
    recs = {}
    perfect = record_from_gold(gold(PERFECT), f"/somewhere/{PERFECT}.{fmt}")
    recs[f"{PERFECT}.{fmt}"] = perfect

    bad = record_from_gold(gold(IMPERFECT), f"/somewhere/{IMPERFECT}.{fmt}")
    bad["issuer"]["name"] = "Ủy ban nhân dân tỉnh Quảng Ngãi"                  # wrong issuer
    to = [r for r in bad["recipients"] if r["role"] == "to"]
    bad["recipients"].remove(to[-1])                                          # a missing recipient
    bad["targets"].append({"comparator": ">=", "value": 95, "value_max": None,  # an extra target
                           "unit": "%"})
    bad["references"][0]["date"] = "2023-11-29"                               # a wrong reference date
    bad["targets"] = [t for t in bad["targets"] if not t.get("optional")]      # optional not found
    recs[f"{IMPERFECT}.{fmt}"] = bad

    att = record_from_gold(gold(ATTACHED), f"/somewhere/{ATTACHED}.{fmt}")
    inner = att["attachments"][0]
    inner["issuer"]["name"] = "Huyện ủy Ba Vì"                                 # wrong attached issuer
    inner["tasks"] = inner["tasks"][:5]                                       # too few attached tasks
    inner["subject"] = "V/v " + inner["subject"].upper()                      # same subject, other form
    recs[f"{ATTACHED}.{fmt}"] = att
    return recs                                                               # ABSENT: no record


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    needs_shared()
    d = tmp_path / "gold"
    d.mkdir()
    for stem in STEMS:
        shutil.copy(CORPUS / f"{stem}.gold.json", d / f"{stem}.gold.json")
        (d / f"{stem}.txt").write_text("", encoding="utf-8")
    for stem in (PERFECT, ATTACHED):  # a second format, on two documents only
        (d / f"{stem}.docx").write_bytes(b"")
    return d


def write_jsonl(path: Path, records: dict[str, dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()),
                    encoding="utf-8")
    return path


def run_score_py(gold_dir: Path, records_file: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(SCORE_PY), str(gold_dir), "--records", str(records_file),
                           *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def assert_reports_equal(ours: dict, theirs: dict) -> None:
    assert list(ours) == list(theirs)
    for fmt in theirs:
        a, b = ours[fmt], theirs[fmt]
        assert a["documents"] == b["documents"], fmt
        assert a["no_record"] == b["no_record"], fmt
        assert list(a["fields"]) == list(b["fields"]), fmt
        for field, row in b["fields"].items():
            mine = a["fields"][field]
            assert set(mine) == set(row), (fmt, field)
            for key, value in row.items():
                if isinstance(value, float):
                    assert math.isclose(mine[key], value, rel_tol=0, abs_tol=1e-9), (fmt, field, key)
                else:
                    assert mine[key] == value, (fmt, field, key)
        assert math.isclose(a["mean"], b["mean"], rel_tol=0, abs_tol=1e-9), fmt
        assert a["misses"] == b["misses"], fmt
    assert set(ours) == set(theirs)


# ----------------------------------------------------------------------------------------
# agreement with score.py
# ----------------------------------------------------------------------------------------

def test_report_agrees_with_score_py(gold_dir: Path, tmp_path: Path):
    records = {**make_records("txt"), **make_records("docx")}
    jsonl = write_jsonl(tmp_path / "records.jsonl", records)
    theirs = json.loads(run_score_py(gold_dir, jsonl, "--json").stdout)
    ours = evaluate(gold_dir, load_records(jsonl))
    assert_reports_equal(ours, theirs)
    # the JSON round trip changes nothing either
    assert_reports_equal(json.loads(json.dumps(ours)), theirs)

    txt = ours["txt"]
    assert txt["documents"] == 4 and txt["no_record"] == 1
    assert ours["docx"]["documents"] == 2 and ours["docx"]["no_record"] == 0
    # the deliberate mistakes are visible, and nothing is perfect by accident
    assert txt["fields"]["issuer"]["score"] < 1.0
    assert txt["fields"]["recipients_to"]["recall"] < 1.0
    assert txt["fields"]["targets"]["precision"] < 1.0
    assert txt["fields"]["reference_date"]["score"] < 1.0


def test_report_agrees_with_score_py_on_misses_and_text(gold_dir: Path, tmp_path: Path):
    records = make_records("txt")
    jsonl = write_jsonl(tmp_path / "records.jsonl", records)
    theirs = json.loads(run_score_py(gold_dir, jsonl, "--json", "--misses", "3").stdout)
    ours = evaluate(gold_dir, records, misses=3)
    assert_reports_equal(ours, theirs)
    assert ours["txt"]["misses"]["issuer"]  # the wrong issuer is named

    printed = run_score_py(gold_dir, jsonl, "--misses", "3").stdout
    assert format_report(ours, misses=3) + "\n" == printed
    printed = run_score_py(gold_dir, jsonl).stdout
    assert format_report(evaluate(gold_dir, records)) + "\n" == printed


def test_formats_subset_agrees(gold_dir: Path, tmp_path: Path):
    records = make_records("docx")
    jsonl = write_jsonl(tmp_path / "records.jsonl", records)
    theirs = json.loads(run_score_py(gold_dir, jsonl, "--json", "--formats", "docx,pdf").stdout)
    ours = evaluate(gold_dir, records, formats=("docx", "pdf"))
    assert list(ours) == ["docx"]
    assert_reports_equal(ours, theirs)


def test_perfect_records_score_one_everywhere(gold_dir: Path):
    records = {f"{s}.txt": record_from_gold(gold(s)) for s in STEMS}
    report = evaluate(gold_dir, records, formats=("txt",))
    for field, row in report["txt"]["fields"].items():
        assert row["score"] == 1.0, field
    assert report["txt"]["mean"] == 1.0


def test_evaluate_with_matches_evaluate(gold_dir: Path):
    records = make_records("txt")
    seen = []

    def extract(path: Path):
        if path.name == f"{ATTACHED}.txt":
            raise RuntimeError("reader crashed")
        if path.suffix == ".docx":
            return ValueError("not a docx")
        return records.get(path.name, ValueError("no record"))

    report = evaluate_with(gold_dir, extract, progress=lambda *a: seen.append(a))
    expected_records = {k: v for k, v in records.items() if k != f"{ATTACHED}.txt"}
    assert_reports_equal(report, evaluate(gold_dir, expected_records))
    assert report["txt"]["no_record"] == 2 and report["docx"]["no_record"] == 2
    assert [s[:2] for s in seen] == [(i, 6) for i in range(1, 7)]
    assert isinstance(seen[-1][3], Exception)


def test_no_gold_files(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path, {})


def test_formats_without_sources_are_left_out(tmp_path: Path):
    (tmp_path / "a.gold.json").write_text(json.dumps({"regime": "state"}), encoding="utf-8")
    assert evaluate(tmp_path, {}) == {}
    (tmp_path / "a.md").write_text("", encoding="utf-8")
    report = evaluate(tmp_path, {"a.md": {"regime": "state"}})
    assert list(report) == ["md"]
    assert report["md"]["fields"]["regime"] == {"kind": "accuracy", "score": 1.0, "n": 1}


# ----------------------------------------------------------------------------------------
# normalisation and matching
# ----------------------------------------------------------------------------------------

def test_tone_placement():
    assert norm("Văn hoá") == norm("Văn hóa") == "văn hóa"
    assert norm("Uỷ ban") == norm("Ủy ban")
    assert squash("HUYỆN UỶ") == squash("Huyện ủy")
    # decomposed input (NFD) is the same text
    import unicodedata
    assert norm(unicodedata.normalize("NFD", "Huyện uỷ")) == "huyện ủy"


def test_ubnd_and_abbreviations_expand():
    assert norm("UBND xã") == "ủy ban nhân dân xã"
    assert norm("Đảng uỷUBND xã") == "đảng ủy ủy ban nhân dân xã"   # glued
    assert norm("VPHĐND&UBND") == "văn phòng hội đồng nhân dân và ủy ban nhân dân"
    assert norm("Sở GD&ĐT") == "sở giáo dục và đào tạo"
    assert norm("TT. Huyện ủy") == "thường trực huyện ủy"
    assert norm("Đ/c Chủ tịch") == "đồng chí chủ tịch"
    assert norm("UBMTTQVN") == "ủy ban mặt trận tổ quốc việt nam"
    assert name_score("UBND huyện Bình Sơn", "Ủy ban nhân dân huyện Bình Sơn", 0.9) == 1.0
    assert norm(None) == "" and squash(None) == ""


def test_dashes_and_eth():
    assert norm("Chính trị – xã hội") == norm("Chính trị - xã hội")
    assert norm("ðảng") == "đảng"
    assert norm_number("Số: 1307 – CV/HU") == norm_number("1307-CV/HU") == "1307-cv/hu"
    assert norm_number("số 384/BYT-KCB.") == "384/byt-kcb"
    assert norm_number(None) == ""


def test_subject_prefix_and_numbers():
    assert subject_ok("triển khai Chỉ thị 27", "V/v triển khai Chỉ thị 27")
    assert subject_ok("V/v triển khai Chỉ thị 27", "Về việc triển khai Chỉ thị 27")
    assert subject_ok("triển khai kế hoạch", "về triển khai kế hoạch")
    assert not subject_ok("báo cáo quý II năm 2024", "báo cáo quý III năm 2024")
    assert not subject_ok("thực hiện tuyển dụng công chức", "không thực hiện tuyển dụng công chức")
    assert not subject_ok("đẩy mạnh cải cách hành chính", "tổ chức hội nghị tổng kết")


def test_name_score_rejects_other_bodies():
    assert name_score("UBND huyện Bình Sơn", "UBND tỉnh Bình Sơn", 0.85) == 0.0
    assert name_score("Sở Y tế", "Sở Tư pháp", 0.5) == 0.0
    # only function words differ: still a match, scored below 1
    sc = name_score("UBND các xã, thị trấn", "UBND xã, thị trấn", 0.85)
    assert 0.85 <= sc < 1.0
    # ... but not when they are too far apart
    assert name_score("các cơ quan, đơn vị liên quan", "cơ quan, đơn vị", 0.85) == 0.0
    assert name_score("Bộ Y tế", "BỘ Y TẾ", 0.9) == 1.0
    assert name_score(None, None, 0.9) == 1.0


def test_tokens_drop_purpose_notes():
    assert tokens(["Bộ trưởng (để báo cáo)", "TT Tỉnh ủy (b/cáo)"]) == tokens(["Bộ trưởng", "thường trực tỉnh ủy"])


def test_target_key():
    assert ev._tkey({"value": 70, "unit": "%"}) == ev._tkey({"value": "70", "unit": "phần trăm"})
    assert ev._tkey({"value": 70, "unit": None}) == (70.0, None, "%")
    assert ev._tkey({"value": 360, "unit": "hồ sơ"}) == ev._tkey({"value": 360, "unit": "hồ sơ trực tuyến"})
    assert ev._tkey({"value": "nhiều", "unit": "%"}) is None


def test_greedy_match_is_one_to_one_best_first():
    pairs = ev.greedy_match(["a", "b"], ["b", "a", "a"], lambda g, p: 1.0 if g == p else 0.0)
    assert sorted(pairs) == [(0, 2), (1, 0)]  # ties go to the higher index, as in score.py


# ----------------------------------------------------------------------------------------
# document scoring
# ----------------------------------------------------------------------------------------

def _tally_rows(gold_doc: dict, pred: dict, missing: bool = False) -> tuple[dict, Tally]:
    t = Tally()
    score_doc(t, "doc", gold_doc, pred, missing=missing)
    return t.summary(), t


def test_optional_items_neither_reward_nor_punish():
    gold_items = [{"number": "1/A"}, {"number": "2/B", "optional": True}]
    ok = lambda g, p: norm_number(g["number"]) == norm_number(p["number"])  # noqa: E731
    label = lambda r: r["number"]  # noqa: E731
    rows = []
    for pred in ([{"number": "1/A"}], [{"number": "1/A"}, {"number": "2/B"}]):
        t = Tally()
        score_list(t, "references", "doc", gold_items, pred, ok, label)
        rows.append(t.summary()["references"])
    assert rows[0] == rows[1]
    assert rows[0]["score"] == 1.0 and rows[0]["gold"] == 1 and rows[0]["pred"] == 1
    # a wrong prediction is still an extra
    t = Tally()
    score_list(t, "references", "doc", gold_items, [{"number": "1/A"}, {"number": "3/C"}], ok, label)
    assert t.summary()["references"]["precision"] == 0.5
    assert t.misses["references"] == ["doc: missing=[] extra=['3/C']"]


def test_optional_task_units_and_deadlines():
    g = {"tasks": [{"lead": ["Sở Y tế"], "deadline": {"date": "2024-03-31"}},
                   {"lead": ["Sở Tư pháp"], "deadline": {"recurrence": "weekly"}, "optional": True}]}
    base = {"tasks": [{"lead": ["Sở Y tế"], "deadline": {"date": "2024-03-31"}}]}
    more = {"tasks": base["tasks"] + [{"lead": ["Sở Tư pháp"], "deadline": {"recurrence": "weekly"}}]}
    a, _ = _tally_rows(g, base)
    b, _ = _tally_rows(g, more)
    for field in ("task_units_lead", "task_deadlines", "task_unit_deadline_pairs"):
        assert a[field] == b[field] and a[field]["score"] == 1.0, field
    assert a["task_count_within_30pct"]["score"] == b["task_count_within_30pct"]["score"] == 1.0


def test_attachments_are_scored_recursively():
    inner = {"issuer": {"name": "Huyện ủy Ba Tơ", "parent": None}, "targets": [{"comparator": ">=", "value": 70, "unit": "%"}]}
    g = {"issuer": {"name": "UBND xã Ba Tiêu", "parent": None}, "attachments": [inner]}
    pred = {"issuer": {"name": "Ủy ban nhân dân xã Ba Tiêu"},
            "attachments": [{"issuer": {"name": "Huyện ủy Ba Vì"},
                             "targets": [{"comparator": ">", "value": 70, "unit": "%"}]}]}
    rows, t = _tally_rows(g, pred)
    assert rows["issuer"]["n"] == 2 and rows["issuer"]["score"] == 0.5
    assert t.misses["issuer"][0].startswith("doc#att1: ")
    assert rows["targets"]["score"] == 1.0 and rows["target_comparator"]["score"] == 0.0
    assert rows["attachments_count"]["n"] == 2  # the main document and the attachment
    # a record without the attachment scores it as an empty document
    rows, t = _tally_rows(g, {"issuer": {"name": "UBND xã Ba Tiêu"}})
    assert rows["attachments_count"]["score"] == 0.5
    assert rows["issuer"]["score"] == 0.5 and rows["targets"]["recall"] == 0.0


def test_missing_record_scores_every_header_field_wrong():
    g = gold(PERFECT) if CORPUS.is_dir() else {
        "regime": "state", "is_draft": False, "doc_type": {"code": "CV"}, "number": {"text": "1/X"},
        "date": {"year": 2020, "month": 1, "day": 2, "place": "Hà Nội"},
        "issuer": {"name": "Bộ Y tế", "parent": None}, "subject": "x",
        "signer": {"name": "A", "position": "B", "authority": None}}
    rows, _ = _tally_rows(g, {}, missing=True)
    headers = ["regime", "is_draft", "doc_type", "number", "date", "place", "issuer", "issuer_parent",
               "subject", "signer_name", "signer_position", "signer_authority", "attachments_count"]
    for field in headers:
        assert rows[field]["score"] == 0.0, field
    # even the fields whose gold is null, which an empty record would otherwise get right
    rows, _ = _tally_rows(g, {}, missing=False)
    assert rows["issuer_parent"]["score"] == 1.0


def test_null_gold_wants_null_and_skip_leaves_out():
    g = {"issuer": {"name": "Bộ Y tế", "parent": None}, "subject": "x", "_skip": ["subject"]}
    rows, _ = _tally_rows(g, {"issuer": {"name": "Bộ Y tế", "parent": ""}})
    assert rows["issuer_parent"]["score"] == 1.0 and "subject" not in rows
    rows, _ = _tally_rows(g, {"issuer": {"name": "Bộ Y tế", "parent": "Chính phủ"}})
    assert rows["issuer_parent"]["score"] == 0.0


def test_is_draft_needs_a_bool():
    rows, _ = _tally_rows({"is_draft": False}, {"is_draft": None})
    assert rows["is_draft"]["score"] == 0.0
    rows, _ = _tally_rows({"is_draft": True}, {"is_draft": True})
    assert rows["is_draft"]["score"] == 1.0


def test_cc_skips_nhu_tren_and_luu():
    g = {"recipients": [{"name": "Như trên", "role": "cc"}, {"name": "Lưu: VT", "role": "cc"},
                        {"name": "Sở Y tế", "role": "cc"}]}
    rows, _ = _tally_rows(g, {"recipients": [{"name": "Sở Y tế", "role": "cc"}]})
    assert rows["recipients_cc_tokens"] == {"kind": "f1", "score": 1.0, "precision": 1.0, "recall": 1.0,
                                            "gold": 3, "pred": 3}


def test_empty_sets_score_one():
    rows, _ = _tally_rows({}, {})
    assert rows["references"]["score"] == 1.0 and rows["references"]["gold"] == 0
    rows, _ = _tally_rows({}, {"references": [{"number": "1/A"}]})
    assert rows["references"]["precision"] == 0.0 and rows["references"]["score"] == 0.0


def test_format_report_layout():
    report = {"txt": {"documents": 2, "no_record": 1, "mean": 0.5,
                      "fields": {"issuer": {"kind": "accuracy", "score": 0.5, "n": 2},
                                 "targets": {"kind": "f1", "score": 0.5, "precision": 1.0, "recall": 1 / 3,
                                             "gold": 3, "pred": 1}},
                      "misses": {"issuer": ["a: gold='X' got='Y'", "b: gold='Z' got=None"]}}}
    assert format_report(report).splitlines() == [
        "== txt: 2 documents, 1 without a record, mean 0.500",
        "  issuer                     0.500  n=2",
        "  targets                    0.500  P=1.00 R=0.33 gold=3 pred=1",
    ]
    assert format_report(report, misses=1).splitlines()[-1] == "    miss issuer: a: gold='X' got='Y'"
