"""Length-preserving matching keys and header capitalisation."""
from __future__ import annotations

import unicodedata

import pytest

from extractor.normalize import clean_text, fold, fold_pattern, sentence_case_name

from conftest import CORPUS


@pytest.mark.parametrize("a,b", [("hoà", "hòa"), ("Uỷ ban", "ủy ban"), ("THỦY", "thủy"),
                                 ("Số : 4144 /GDĐT – VP", "số : 4144 /gdđt - vp"), ("khoẻ", "khỏe")])
def test_fold_ignores_case_tone_placement_dashes(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_length_on_every_corpus_text():
    for f in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        text = clean_text(f.read_text(encoding="utf-8"))
        assert len(fold(text)) == len(text), f
        assert len(fold(text, accents=False)) == len(text), f


def test_fold_without_accents():
    assert fold("Quyết định Đảng ủy", accents=False) == "quyet dinh dang uy"


def test_fold_pattern_keeps_escapes_and_group_names():
    assert fold_pattern(r"(?P<Place>\S+)\s*Hoà\D") == r"(?P<Place>\S+)\s*hòa\D"


def test_clean_text():
    s = clean_text(unicodedata.normalize("NFD", "Hà\u00a0Nội\u200b ") + "x\ufffey")
    assert s == "Hà Nội xy"
    assert clean_text(r"Chủ tịch $( \mathsf { b } / \mathsf { c } )$") == "Chủ tịch (b/c)"


@pytest.mark.parametrize("caps,want", [
    ("HUYỆN ỦY BÌNH SƠN", "Huyện ủy Bình Sơn"),
    ("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", "Ủy ban nhân dân huyện Bình Sơn"),
    ("ĐẢNG BỘ TỈNH QUẢNG NGÃI", "Đảng bộ tỉnh Quảng Ngãi"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("BẢO HIỂM XÃ HỘI VIỆT NAM", "Bảo hiểm xã hội Việt Nam"),
    ("ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH", "Đảng ủy Ủy ban nhân dân tỉnh"),
    ("Phòng Nội vụ", "Phòng Nội vụ"),
])
def test_sentence_case_name(caps, want):
    assert sentence_case_name(caps) == want
