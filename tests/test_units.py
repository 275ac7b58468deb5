"""Tests for extractor/fields/units.py: the examples of patterns/units.examples.yaml, the
API contracts (offsets, keys, splitting) and recall of the gold units of the corpus."""
from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from pathlib import Path

import pytest

from extractor.fields.units import UnitSpan, distribute, find_units, split_units, unit_key
from extractor.eval import name_score as eval_name_score
from extractor.eval import norm, unit_atoms
from extractor.resources import load_examples

EXAMPLES = load_examples("units")


def _id(ex: dict) -> str:
    return ex["input"][:60]


def test_enough_examples():
    assert len(EXAMPLES) >= 60
    assert sum(1 for ex in EXAMPLES if not ex["expected"]) >= 8  # negatives


@pytest.mark.parametrize("ex", EXAMPLES, ids=[_id(e) for e in EXAMPLES])
def test_example(ex):
    got = find_units(ex["input"])
    assert [u.text for u in got] == ex["expected"]
    for u in got:  # offsets point at the text as written, keys are unit_key
        assert ex["input"][u.start:u.end] == u.text
        assert u.text == u.text.strip() and u.text[-1] not in ",;:.-"
        assert u.key == unit_key(u.text)


def test_offsets_inside_a_larger_text():
    text = "Nơi nhận:\n- Như trên;\n- UBND các xã, thị trấn;\n- Lưu: VT.\n\nGiao Phòng Nội vụ chủ trì."
    units = find_units(text)
    assert [(u.text, text[u.start:u.end]) for u in units] == [
        ("UBND các xã, thị trấn", "UBND các xã, thị trấn"), ("Phòng Nội vụ", "Phòng Nội vụ")]
    assert all(isinstance(u, UnitSpan) for u in units)


def test_mention_across_pdf_line_breaks():
    text = "1. Thủ trưởng các phòng, ban thuộc huyện, Giám đốc Văn phòng \n\nđăng ký đất đai tỉnh - " \
           "Chi nhánh Bình Sơn, Chánh Văn phòng HĐND và \n\nUBND huyện: Nghiêm túc"
    assert [u.key for u in find_units(text)] == [
        unit_key("Thủ trưởng các phòng, ban thuộc huyện"),
        unit_key("Giám đốc Văn phòng đăng ký đất đai tỉnh - Chi nhánh Bình Sơn"),
        unit_key("Chánh Văn phòng HĐND và UBND huyện")]


def test_header_lines_stay_apart():
    text = "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM"
    assert [u.text for u in find_units(text)] == ["ĐẢNG BỘ TỈNH KHÁNH HOÀ", "ĐẢNG UỶ XÃ CÔNG HẢI"]


@pytest.mark.parametrize("text", [
    "UBND " * 400, "Sở Tài chính " * 300, "các cơ quan, " * 500, "Đảng ủy " * 2000,
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI SỞ TÀI CHÍNH " * 100, "Văn phòng UBND tỉnh Sở Tài chính " * 200,
])
def test_pathological_input_is_fast(text):
    t0 = time.perf_counter()
    units = find_units(text)
    assert units and time.perf_counter() - t0 < 5
    assert all(text[u.start:u.end] == u.text for u in units)


def test_decomposed_unicode():
    text = unicodedata.normalize("NFD", "Giao Phòng Nội vụ phối hợp với Ủy ban nhân dân các xã")
    units = find_units(text)
    assert [unicodedata.normalize("NFC", u.text) for u in units] == ["Phòng Nội vụ",
                                                                     "Ủy ban nhân dân các xã"]
    assert all(text[u.start:u.end] == u.text for u in units)


def test_empty():
    assert find_units("") == []
    assert split_units("") == []


# --------------------------------------------------------------------------- unit_key
@pytest.mark.parametrize("a,b", [
    ("UBND huyện", "Ủy ban nhân dân huyện"),
    ("Uỷ ban nhân dân  HUYỆN", "ủy ban nhân dân huyện"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("VP HĐND & UBND huyện", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("VPHĐND&UBND huyện", "Văn phòng HĐND và UBND huyện"),
    ("Ủy ban MTTQ Việt Nam xã", "Uỷ ban Mặt trận Tổ quốc Việt Nam xã"),
    ("Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam xã", "Ủy ban MTTQVN xã"),
    ("UBMTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("TT Huyện ủy", "Thường trực Huyện uỷ"),
    ("Đảng uỷUBND xã", "Đảng ủy UBND xã"),
    ("Phòng GD & ĐT", "Phòng Giáo dục và Đào tạo"),
    ("Đồng chí Chủ tịch Ủy ban MTTQ xã", "Chủ tịch UBMTTQ xã"),
    ("Phòng Văn hoá và Thông tin", "Phòng Văn hóa và Thông tin"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("BHXH các tỉnh", "Bảo hiểm xã hội các tỉnh"),
])
def test_unit_key_groups(a, b):
    assert unit_key(a) == unit_key(b)


@pytest.mark.parametrize("a,b", [
    ("UBND huyện", "UBND tỉnh"),
    ("UBND xã", "UBND các xã"),
    ("Chủ tịch UBND huyện", "UBND huyện"),
    ("Sở Tài chính", "Sở Tư pháp"),
])
def test_unit_key_separates(a, b):
    assert unit_key(a) != unit_key(b)


# --------------------------------------------------------------------------- split_units
@pytest.mark.parametrize("phrase,expected", [
    ("Sở Tài chính, Sở Nội vụ và UBND các huyện", ["Sở Tài chính", "Sở Nội vụ", "UBND các huyện"]),
    ("các phòng, ban chuyên môn huyện", ["các phòng, ban chuyên môn huyện"]),
    ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
    ("Giám đốc: Sở Văn hóa, Thể thao và Du lịch, Sở Thông tin và Truyền thông, "
     "Đài Phát thanh - Truyền hình Hậu Giang",
     ["Sở Văn hóa, Thể thao và Du lịch", "Sở Thông tin và Truyền thông",
      "Đài Phát thanh - Truyền hình Hậu Giang"]),
    ("Các cơ quan tham mưu, giúp việc Đảng uỷ; các Đảng uỷ trực thuộc; Uỷ ban Mặt trận Tổ quốc Việt Nam xã",
     ["Các cơ quan tham mưu, giúp việc Đảng uỷ", "các Đảng uỷ trực thuộc",
      "Uỷ ban Mặt trận Tổ quốc Việt Nam xã"]),
    ("Văn phòng UBND tỉnh; VNPT Lai Châu", ["Văn phòng UBND tỉnh", "VNPT Lai Châu"]),
    ("Sở Y tế và Công ty cấp nước Quảng Ngãi", ["Sở Y tế", "Công ty cấp nước Quảng Ngãi"]),
])
def test_split_units(phrase, expected):
    got = split_units(phrase)
    assert [u.text for u in got] == expected
    for u in got:
        assert phrase[u.start:u.end] == u.text


# --------------------------------------------------------------------------- corpus recall
# Units are the same when score.py's name_score says so (extractor.eval is its port, tested
# to agree): normalised names >= 0.85 similar, differing only in function words.
def name_score(g, p, threshold: float = 0.85) -> float:
    return eval_name_score(g, p, threshold)


def _corpus_dir() -> Path:
    """$CHIDAO_CORPUS, else the project's corpus/, else the shared development corpus."""
    root = Path(__file__).resolve().parents[1]
    for cand in (os.environ.get("CHIDAO_CORPUS"), root / "corpus", root.parent / "shared" / "corpus"):
        if cand and any(Path(cand).glob("*.gold.json")):
            return Path(cand)
    return root / "corpus"


CORPUS = _corpus_dir()


def _strip_markdown(s: str) -> str:
    s = re.sub(r"\\([*_\\#])", r"\1", s)
    s = re.sub(r"\*+", "", s)
    return re.sub(r"(?m)^#+\s*", "", s)


def _gold_units(gold: dict) -> list[str]:
    out: list[str] = []
    for doc in [gold, *gold.get("attachments", [])]:
        for t in doc.get("tasks", []):
            for key in ("lead", "support"):
                for u in t.get(key) or []:
                    u = u.get("name") if isinstance(u, dict) else u
                    if u and u not in out:
                        out.append(u)
    return out


def test_corpus_recall_of_gold_units():
    golds = sorted(CORPUS.glob("*.gold.json")) if CORPUS.is_dir() else []
    if not golds:
        pytest.skip(f"no corpus at {CORPUS}")
    total = found_n = 0
    misses = []
    t0 = time.perf_counter()
    for g in golds:
        stem = g.name[: -len(".gold.json")]
        src = next((p for p in (g.with_name(f"{stem}.txt"), g.with_name(f"{stem}.md")) if p.exists()), None)
        if src is None:
            continue
        text = _strip_markdown(src.read_text(encoding="utf-8"))
        units = find_units(text)
        # names as score.py compares them: cut at commas, semicolons and "và" (atoms)
        names = list(dict.fromkeys(a for u in units for a in unit_atoms([u.text])))
        gold = list(dict.fromkeys(unit_atoms(_gold_units(json.loads(g.read_text(encoding="utf-8"))))))
        missed = [n for n in gold if not any(name_score(n, f) > 0 for f in names)]
        total += len(gold)
        found_n += len(gold) - len(missed)
        misses += [f"{stem}: {m!r}" for m in missed]
        print(f"{stem}: {len(gold)} gold units, {len(missed)} missed; "
              f"{len(units)} spans, {len({u.key for u in units})} distinct units found")
    recall = found_n / total
    print(f"recall of gold units: {found_n}/{total} = {recall:.3f} "
          f"({time.perf_counter() - t0:.2f}s for {len(golds)} documents)")
    for m in misses:
        print("  miss", m)
    assert recall >= 0.9, misses


def test_corpus_exact_atoms_of_gold_units():
    """Boundary precision: every gold lead/support name, cut at commas, semicolons and
    "và" as score.py cuts it, should be an atom of some mention, equal after
    normalisation (not merely similar: ``Ban Quản lý Khu kinh`` is not ``… Khu kinh tế``)."""
    golds = sorted(CORPUS.glob("*.gold.json")) if CORPUS.is_dir() else []
    if not golds:
        pytest.skip(f"no corpus at {CORPUS}")
    total = found_n = 0
    misses = []
    for g in golds:
        stem = g.name[: -len(".gold.json")]
        src = next((p for p in (g.with_name(f"{stem}.txt"), g.with_name(f"{stem}.md")) if p.exists()), None)
        if src is None:
            continue
        text = _strip_markdown(src.read_text(encoding="utf-8"))
        atoms = {norm(a) for u in find_units(text) for a in unit_atoms([u.text])}
        gold = list(dict.fromkeys(norm(a) for a in unit_atoms(_gold_units(json.loads(g.read_text("utf-8"))))))
        missed = [a for a in gold if a not in atoms]
        total += len(gold)
        found_n += len(gold) - len(missed)
        misses += [f"{stem}: {m!r}" for m in missed]
    recall = found_n / total
    print(f"exact atoms of gold units: {found_n}/{total} = {recall:.3f}")
    for m in misses:
        print("  miss", m)
    assert recall >= 0.90, misses


# --------------------------------------------------------------------------- robustness
def _texts() -> list[str]:
    wild = CORPUS.parent / "wild" if (CORPUS.parent / "wild").is_dir() else \
        Path(__file__).resolve().parents[2] / "shared" / "wild"
    files = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")) + sorted(wild.glob("w*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


@pytest.mark.parametrize("text", ["Đồng chí", "các đồng chí", "Đ/c", "Giao", "các", "Chủ tịch",
                                  "UBND các", "Sở Nội vụ thuộc", "phụ trách lĩnh vực", "Văn phòng UBND và",
                                  "Ủy ban", "Trưởng", "Thủ trưởng các", "1.", "-", "Sở", "(", "Ban Quản lý"])
def test_prefix_at_the_end_of_the_text(text):
    """A prefix (honorific, holder, quantifier, linker) with nothing after it."""
    for u in find_units(text):
        assert text[u.start:u.end] == u.text
    split_units(text)


def test_random_slices_never_raise():
    """Random slices of real text (corpus and wild: any start, any end, mid-word too) and
    random strings of lexicon words: find_units never raises and its offsets hold."""
    import random

    import yaml

    texts = _texts()
    if not texts:
        pytest.skip("no corpus or wild text")
    rnd = random.Random(7)
    for _ in range(1500):
        t = rnd.choice(texts)
        a = rnd.randrange(len(t))
        s = t[a:a + rnd.randrange(1, 300)]
        for u in find_units(s):
            assert s[u.start:u.end] == u.text
    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "patterns" / "units.yaml").read_text("utf-8"))
    words = [w for v in data.values() if isinstance(v, list) for w in v] + \
        [w for v in data.values() if isinstance(v, dict) for x in v.values() if isinstance(x, list) for w in x]
    words += [",", ";", "và", "-", ":", "(", ")", "\n", "1", "các"]
    for _ in range(1500):
        s = " ".join(str(rnd.choice(words)) for _ in range(rnd.randrange(1, 8)))
        for u in find_units(s):
            assert s[u.start:u.end] == u.text


# --------------------------------------------------------------------------- distribute
@pytest.mark.parametrize("name,expected", [
    ("Giám đốc các sở: Giáo dục và Đào tạo, Kế hoạch và Đầu tư, Tài chính",
     ["Giám đốc Sở Giáo dục và Đào tạo", "Giám đốc Sở Kế hoạch và Đầu tư", "Giám đốc Sở Tài chính"]),
    ("Giám đốc các Sở: Văn hóa, Thể thao và Du lịch; Nội vụ",
     ["Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Giám đốc Sở Nội vụ"]),
    ("Giám đốc Sở: Nội vụ, Văn hóa, Thể thao và Du lịch, Tư pháp",
     ["Giám đốc Sở Nội vụ", "Giám đốc Sở Văn hóa, Thể thao và Du lịch", "Giám đốc Sở Tư pháp"]),
    ("các Phòng: Nội vụ, Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Sở Tài chính", ["Sở Tài chính"]),
    ("Trưởng Tiểu ban: Phụ trách chung", ["Trưởng Tiểu ban: Phụ trách chung"]),
    # round 2: levels with a colon list, plural heads and levels without a colon
    ("Ủy ban nhân dân các tỉnh: Lạng Sơn, Cao Bằng",
     ["Ủy ban nhân dân tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Cao Bằng"]),
    ("Chủ tịch UBND các tỉnh, thành phố: Quảng Trị, Đà Nẵng và Cần\nThơ",
     ["Chủ tịch UBND tỉnh Quảng Trị", "Chủ tịch UBND thành phố Đà Nẵng", "Chủ tịch UBND thành phố Cần Thơ"]),
    ("các tỉnh Lai Châu, Điện Biên và Sơn La", ["tỉnh Lai Châu", "tỉnh Điện Biên", "tỉnh Sơn La"]),
    ("các Bộ Khoa học và Công nghệ, Nông nghiệp và Môi trường, Tư pháp",
     ["Bộ Khoa học và Công nghệ", "Bộ Nông nghiệp và Môi trường", "Bộ Tư pháp"]),
    ("Các Cục: Thủy lợi, Lâm nghiệp và Kiểm lâm", ["Cục Thủy lợi", "Cục Lâm nghiệp và Kiểm lâm"]),
    ("UBND các xã, thị trấn", ["UBND các xã, thị trấn"]),
    ("các Sở, ban, ngành", ["các Sở, ban, ngành"]),
])
def test_distribute(name, expected):
    assert distribute(name) == expected


def test_distribute_a_found_mention():
    text = ("Giám đốc các sở: Giáo dục và Đào tạo, Kế hoạch và Đầu tư, Tài chính, Nội vụ; "
            "Chủ tịch Ủy ban nhân dân huyện chịu trách nhiệm thi hành")
    units = find_units(text)
    assert [u.text for u in units][1:] == ["Chủ tịch Ủy ban nhân dân huyện"]
    assert distribute(units[0].text)[-1] == "Giám đốc Sở Nội vụ"


# --------------------------------------------------------------------------- word boundaries
def test_word_boundaries_come_from_the_segmenter():
    """With underthesea a name ends at a word boundary; with CHIDAO_SEGMENTER=off the
    grammar falls back to one lowercase syllable per capitalised one (and does not crash)."""
    import subprocess
    import sys

    text = "Giao Bộ Ngoại giao và Ban Quản lý Khu kinh tế chủ trì; Cục Thuế trả lời"
    assert [u.text for u in find_units(text)] == ["Bộ Ngoại giao", "Ban Quản lý Khu kinh tế", "Cục Thuế"]
    code = ("from extractor.fields.units import find_units, segment;"
            f"print([u.text for u in find_units({text!r})], segment.segmenter_available())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "CHIDAO_SEGMENTER": "off"},
                         cwd=Path(__file__).resolve().parents[1]).stdout.strip()
    assert out == "['Bộ Ngoại', 'Ban Quản lý Khu kinh', 'Cục Thuế trả'] False"
