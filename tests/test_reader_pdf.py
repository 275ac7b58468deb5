"""The PDF reader (extractor.readers.pdf) on real PDFs, no mocks.

Fixtures in tests/fixtures/pdf/ are made by make_fixtures.py there (LibreOffice, qpdf,
pdftoppm: run by hand, the files are committed). The corpus tests read the letters of
../shared/corpus and are skipped where it is absent.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package may not be installed
    sys.path.insert(0, str(ROOT))

from extractor.errors import ReadError, UnsupportedFormat  # noqa: E402
from extractor.readers.pdf import read_pdf  # noqa: E402

FIX = Path(__file__).resolve().parent / "fixtures" / "pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_PDFS = sorted(p for p in CORPUS.glob("*.pdf") if not p.name.endswith(".scan.pdf")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not CORPUS_PDFS, reason="../shared/corpus is absent")

_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-"})


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s).translate(_DASHES)


_cache: dict = {}


def read(path: Path):
    if path not in _cache:
        _cache[path] = read_pdf(path.read_bytes(), str(path))
    return _cache[path]


def gold(path: Path) -> dict:
    return json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))


def line_index(doc, text: str) -> int:
    found = [i for i, ln in enumerate(doc.lines) if ln.text.strip() == text]
    assert found, f"no line {text!r} in:\n{doc.text[:1500]}"
    return found[0]


def check_document(doc, npages: int) -> None:
    assert doc.format == "pdf"
    assert doc.pages == npages
    assert doc.lines
    last_page = 1
    for ln in doc.lines:
        assert doc.text[ln.start:ln.end] == ln.text
        assert ln.text.strip() == ln.text and ln.text
        assert ln.page is not None and 1 <= ln.page <= npages
        assert ln.page >= last_page  # pages in order
        last_page = ln.page
        assert ln.x0 is not None and ln.x1 is not None and ln.top is not None
        assert ln.x0 <= ln.x1
        # header/signature columns, or a cell of a ruled table (numbered from 1)
        assert ln.cell in (None, (0, 0, 0), (0, 0, 1)) or (len(ln.cell) == 3 and ln.cell[0] >= 1)
        assert "\n" not in ln.text
    # lines cover the text: nothing but line breaks between them
    pos = 0
    for ln in doc.lines:
        assert doc.text[pos:ln.start].strip() == ""
        pos = ln.end
    assert doc.text[pos:].strip() == ""
    for a, b in zip(doc.lines, doc.lines[1:]):
        gap = doc.text[a.end:b.start]
        ruled = a.cell != b.cell and any(c is not None and c[0] >= 1 for c in (a.cell, b.cell))
        assert gap == ("\n\n" if b.page != a.page or ruled else "\n"), (a.text, b.text)
    assert "\ufffe" not in doc.text and "\u00ad" not in doc.text


# --------------------------------------------------------------------------- corpus
@needs_corpus
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_corpus_offsets_and_pages(path):
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path.read_bytes())
    npages = len(pdf)
    pdf.close()
    doc = read(path)
    check_document(doc, npages)
    assert doc.path == str(path)
    assert {ln.page for ln in doc.lines} == set(range(1, npages + 1))


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_corpus_number_in_one_piece(path):
    number = (gold(path).get("number") or {}).get("text")
    if not number:
        pytest.skip("no number in the gold")
    doc = read(path)
    assert any(squash(number) in squash(ln.text) for ln in doc.lines), number


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_corpus_signer_on_its_own_line(path):
    name = (gold(path).get("signer") or {}).get("name")
    if not name:
        pytest.skip("no signer name in the gold")
    doc = read(path)
    i = line_index(doc, name)
    if any(ln.text.startswith("Nơi nh") for ln in doc.lines):  # "Nơi nhân" in an OCR text
        assert doc.lines[i].cell == (0, 0, 1)  # right column of the signature block
    else:  # nothing beside the signature: no column to be in
        assert doc.lines[i].cell is None


@needs_corpus
def test_header_columns_are_not_interleaved():
    doc = read(CORPUS / "huyenuy-binhson-1307.pdf")
    parent = line_index(doc, "ĐẢNG BỘ TỈNH QUẢNG NGÃI")
    issuer = line_index(doc, "HUYỆN ỦY BÌNH SƠN")
    motto = line_index(doc, "ĐẢNG CỘNG SẢN VIỆT NAM")
    number = line_index(doc, "Số 1307-CV/HU")
    date = line_index(doc, "Bình Sơn, ngày 13 tháng 10 năm 2022")
    assert parent < issuer < number < motto < date
    for i in (parent, issuer, number):
        assert doc.lines[i].cell == (0, 0, 0)
    for i in (motto, date):
        assert doc.lines[i].cell == (0, 0, 1)
    # the subject (V/v) lines belong to the left column, before the motto
    subject = line_index(doc, "người dân, doanh nghiệp")
    assert number < subject < motto
    # after the header, the body is read top to bottom, outside any column
    kinh_gui = next(i for i, ln in enumerate(doc.lines) if ln.text.startswith("Kính gửi:"))
    assert kinh_gui > date and doc.lines[kinh_gui].cell is None
    assert doc.lines[kinh_gui].page == 1 and doc.lines[parent].page == 1


@needs_corpus
def test_signature_block_columns():
    doc = read(CORPUS / "huyenuy-binhson-1307.pdf")
    noi_nhan = line_index(doc, "Nơi nhận:")
    last_cc = line_index(doc, "- Lưu VP huyện(Nga).")
    authority = line_index(doc, "T/M BAN THƯỜNG VỤ")
    position = line_index(doc, "BÍ THƯ")
    name = line_index(doc, "Lương Kim Sơn")
    assert noi_nhan < last_cc < authority < position < name
    assert {doc.lines[i].cell for i in range(noi_nhan, last_cc + 1)} == {(0, 0, 0)}
    assert {doc.lines[i].cell for i in (authority, position, name)} == {(0, 0, 1)}


@needs_corpus
def test_header_columns_a_cell_margin_apart():
    # the issuer lines come within 13 pt (one em) of the motto: two cell margins apart
    doc = read(CORPUS / "tbtt-phobang-01-kh-2025.pdf")
    left = [line_index(doc, t) for t in ("ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN,",
                                          "TUYÊN TRUYỀN, KHÁNH TIẾT", "Số: 01/KH-TBTTKT")]
    right = [line_index(doc, t) for t in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                           "Phố Bảng, ngày 10 tháng 12 năm 2025")]
    assert left + right == sorted(left + right)
    assert {doc.lines[i].cell for i in left} == {(0, 0, 0)}
    assert {doc.lines[i].cell for i in right} == {(0, 0, 1)}


@needs_corpus
def test_signature_table_broken_by_the_page_end_goes_on_in_its_columns():
    doc = read(CORPUS / "ubnd-laocai-134-kh-2026.pdf")
    name = line_index(doc, "Nguyễn Thế Phước")  # alone at the top of page 12
    last_cc = line_index(doc, "- Lưu: VT, TH (Thắng), KT (Long).")
    position = line_index(doc, "PHÓ CHỦ TỊCH")
    assert position < last_cc < name
    assert doc.lines[name].page == doc.lines[last_cc].page == 12
    assert doc.lines[name].cell == (0, 0, 1) and doc.lines[last_cc].cell == (0, 0, 0)
    # an annex title at the top of the page after a signature is not a column line
    doc = read(CORPUS / "ldtbxh-2638-cv-2019.pdf")
    assert doc.lines[line_index(doc, "THUYẾT MINH")].cell is None


@needs_corpus
def test_title_under_the_header_is_not_a_column_line():
    doc = read(CORPUS / "mttq-luongminh-kh-2025.pdf")
    title = line_index(doc, "KẾ HOẠCH")
    date = line_index(doc, "Lương Minh, ngày 25 tháng 11 năm 2025")
    assert date < title and doc.lines[title].cell is None


@needs_corpus
def test_corpus_hard_hyphen_at_line_end_keeps_the_number_whole():
    path = CORPUS / "bhxh-296-cv-2021.pdf"
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path.read_bytes())
    raw = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    assert "4210/QĐ\ufffeBYT" in raw  # PDFium marks the hyphen that ends the line
    doc = read(path)
    line = next(ln.text for ln in doc.lines if "4210/QĐ" in ln.text)
    assert "4210/QĐ-BYT" in line
    assert "627/BYT-BH" in doc.text and "25/CT-BYT" in doc.text


@needs_corpus
def test_corpus_running_page_numbers_are_dropped():
    doc = read(CORPUS / "danguy-conghai-kh-cds-2026.pdf")  # 10 pages, numbered from page 2
    assert doc.pages == 10
    assert not [ln.text for ln in doc.lines if re.fullmatch(r"\d{1,2}", ln.text)]


# --------------------------------------------------------------------------- fixtures
def test_fixture_letter_layout():
    doc = read(FIX / "letter.pdf")
    check_document(doc, 2)
    order = [line_index(doc, t) for t in (
        "ỦY BAN NHÂN DÂN", "HUYỆN THỬ NGHIỆM", "Số: 123/UBND-VP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do - Hạnh phúc",
        "Thử Nghiệm, ngày 05 tháng 3 năm 2024", "Kính gửi: Các cơ quan, đơn vị thuộc huyện.")]
    assert order == sorted(order)
    assert [doc.lines[i].cell for i in order] == [(0, 0, 0)] * 3 + [(0, 0, 1)] * 3 + [None]
    sig = [line_index(doc, t) for t in ("Nơi nhận:", "- Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN",
                                         "CHỦ TỊCH", "Nguyễn Văn An")]
    assert sig == sorted(sig)
    assert [doc.lines[i].cell[2] for i in sig] == [0, 0, 1, 1, 1]
    assert all(doc.lines[i].page == 2 for i in sig)
    # body lines: one per visual line, top to bottom, single spaces
    body = [ln for ln in doc.lines if ln.cell is None]
    assert all("  " not in ln.text for ln in body if not re.match(r"\d\. (Ông|Bà) ", ln.text))
    assert any(ln.text.startswith("ủy về triển khai") for ln in body)  # not re-joined
    page1 = [ln.top for ln in body if ln.page == 1]
    assert page1 == sorted(page1)


def test_fixture_page_number_dropped_and_pages_separated():
    doc = read(FIX / "letter.pdf")
    assert "2" not in [ln.text for ln in doc.lines]
    first2 = next(ln for ln in doc.lines if ln.page == 2)
    assert doc.text[first2.start - 2:first2.start] == "\n\n"
    assert first2.text.startswith("2. Nâng cao")  # the item "2." is text, not a page number


def test_fixture_soft_hyphens_are_repaired():
    import pypdfium2 as pdfium
    data = (FIX / "letter.pdf").read_bytes()
    pdf = pdfium.PdfDocument(data)
    raw = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    assert "com\ufffeponent" in raw  # a word hyphenated at a line end
    doc = read(FIX / "letter.pdf")
    english = [ln.text for ln in doc.lines if re.search(r"\b(the|needs|and)\b", ln.text)]
    assert len(english) >= 5
    words = re.findall(r"\w+", " ".join(english))
    assert "component" in words and "accountability" in words
    vocabulary = {"The", "the", "interoperability", "of", "internationalization", "component",
                  "needs", "administrative", "responsibility", "and", "accountability"}
    assert set(words) <= vocabulary, set(words) - vocabulary  # no "com" + "ponent" pieces


def test_fixture_hard_hyphen_at_line_end_is_kept():
    doc = read(FIX / "letter.pdf")
    line = next(ln for ln in doc.lines if "4210/" in ln.text)
    assert line.text.endswith("4210/QĐ-BYT")
    following = doc.lines[doc.lines.index(line) + 1]
    assert following.text.startswith("ngày 20/9/2017")


def test_owner_password_only_is_readable():
    doc = read_pdf((FIX / "owner-only.pdf").read_bytes())
    assert doc.text == "Công văn số 77/UBND-VP về việc thử đọc tệp PDF có mật khẩu."
    assert doc.pages == 1 and doc.lines[0].page == 1


# --------------------------------------------------------------------------- bad input
def _error(data: bytes) -> Exception:
    with pytest.raises(ReadError) as info:
        read_pdf(data, "x.pdf")
    msg = str(info.value)
    assert "\n" not in msg and msg
    return info.value


def test_encrypted():
    e = _error((FIX / "encrypted.pdf").read_bytes())
    assert type(e) is ReadError
    assert str(e) == "PDF is encrypted (password required)"


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_truncated(fraction):
    data = (FIX / "letter.pdf").read_bytes()
    e = _error(data[:int(len(data) * fraction)])
    assert type(e) is ReadError
    assert str(e).startswith("PDF is damaged or truncated (")


@pytest.mark.parametrize("data", [b"", b"\x00\x01junk" * 200, b"%PDF-1.7\n" + b"garbage " * 100,
                                  b"<html><body>not a pdf</body></html>"],
                         ids=["empty", "junk", "header-only", "html"])
def test_not_a_pdf(data):
    e = _error(data)
    assert type(e) is ReadError
    assert str(e).startswith("PDF is damaged or truncated (")


def test_image_only_pdf_is_unsupported():
    with pytest.raises(UnsupportedFormat) as info:
        read_pdf((FIX / "scanned.pdf").read_bytes())
    assert str(info.value) == "not supported yet: scanned PDF without a text layer (OCR comes later)"


# --------------------------------------------------------------------------- speed, import
def test_fast():
    data = (FIX / "letter.pdf").read_bytes()
    read_pdf(data)  # warm up: first use loads PDFium
    best = min(_timed(read_pdf, data) for _ in range(5))
    assert best < 0.05, f"{best * 1000:.1f} ms for a 2-page letter"


def _timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def test_pypdfium2_is_imported_lazily():
    code = ("import sys; import extractor.readers.pdf; "
            "print('pypdfium2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_rotated_text_is_read_in_its_own_direction():
    turned = read_pdf((FIX / "rotated.pdf").read_bytes())
    upright = read(FIX / "letter.pdf")
    assert [(ln.text, ln.cell) for ln in turned.lines] == \
        [(ln.text, ln.cell) for ln in upright.lines if ln.page == 1]
    assert [round(ln.top) for ln in turned.lines] == \
        [round(ln.top) for ln in upright.lines if ln.page == 1]


def test_two_column_table_in_the_body_is_read_row_by_row():
    doc = read(FIX / "letter.pdf")
    rows = [ln for ln in doc.lines if re.match(r"\d\. (Ông|Bà) ", ln.text)]
    assert [re.split(r"\s{2,}", ln.text) for ln in rows] == [
        ["1. Ông Nguyễn Văn Bình", "Trưởng đoàn"], ["2. Bà Trần Thị Cúc", "Phó Trưởng đoàn"],
        ["3. Ông Lê Văn Dũng", "Thành viên"], ["4. Bà Phạm Thị Hoa", "Thành viên"],
        ["5. Ông Hoàng Văn Giang", "Thư ký"]]
    assert all(ln.cell is None for ln in rows)
