"""Ruled tables in PDFs (extractor.readers.pdf_tables), on real PDFs printed by LibreOffice.

tests/fixtures/pdf/tasks.docx and tasks-norepeat.docx hold a task table (STT | Nội dung |
Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành) with merged cells and cells of
several paragraphs; the .pdf beside each is that .docx printed (make_fixtures.py). The
PDF reader must give the cells the .docx reader gives, with the same hints.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor import extract  # noqa: E402
from extractor.readers import read_path  # noqa: E402
from extractor.readers.pdf import read_pdf  # noqa: E402
from test_reader_pdf import check_document  # noqa: E402

FIX = Path(__file__).resolve().parent / "fixtures" / "pdf"
NAMES = ["tasks", "tasks-norepeat"]
HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def cells(doc, table: int) -> dict:
    """(row, col) → the cell's text without spaces."""
    out: dict = {}
    for ln in doc.lines:
        if ln.cell is not None and ln.cell[0] == table:
            out.setdefault(ln.cell[1:], []).append(ln.text)
    return {k: re.sub(r"\s+", "", " ".join(v)) for k, v in out.items()}


@pytest.mark.parametrize("name", NAMES)
def test_cells_are_those_of_the_docx(name):
    pdf = read_path(FIX / f"{name}.pdf")
    docx = read_path(FIX / f"{name}.docx")
    got, want = cells(pdf, 1), cells(docx, 1)
    assert len(want) >= 60
    assert got == want
    table_pages = {ln.page for ln in pdf.lines if ln.cell and ln.cell[0] == 1}
    assert len(table_pages) >= 2  # the table runs over a page break
    # the other ruled tables: none (header and signature tables have no borders)
    assert {ln.cell[0] for ln in pdf.lines if ln.cell} == {0, 1}


@pytest.mark.parametrize("name", NAMES)
def test_header_row_once_and_wrapped_header_cells_joined(name):
    doc = read_path(FIX / f"{name}.pdf")
    head = [ln for ln in doc.lines if ln.cell and ln.cell[:2] == (1, 0)]
    assert [ln.text for ln in head] == HEADER
    assert [ln.cell[2] for ln in head] == [0, 1, 2, 3, 4]
    assert sum(ln.text == "STT" for ln in doc.lines) == 1  # repeated on page 2, read once


def test_row_broken_at_a_page_end_is_read_whole():
    doc = read_path(FIX / "tasks.pdf")
    five = next(ln.cell[1] for ln in doc.lines if ln.cell and ln.cell[2] == 0 and ln.text == "5")
    row = [ln for ln in doc.lines if ln.cell and ln.cell[:2] == (1, five)]
    content = " ".join(ln.text for ln in row if ln.cell[2] == 1)
    assert content.startswith("Triển khai hệ thống quản lý văn bản")
    assert content.endswith("có thành tích tiêu biểu.")
    support = [ln.text for ln in row if ln.cell[2] == 3]
    assert support == ["Ban Quản lý Khu kinh tế tỉnh; Liên đoàn Lao động tỉnh"]
    # the row's cells are consecutive, in column order, on the page where the row starts
    i = doc.lines.index(row[0])
    assert doc.lines[i:i + len(row)] == row
    assert [ln.cell[2] for ln in row] == sorted(ln.cell[2] for ln in row)
    assert {ln.page for ln in row} == {1}
    nxt = doc.lines[i + len(row)]
    assert nxt.cell == (1, five + 1, 0) and nxt.text == "6" and nxt.page == 2


def test_merged_cells_are_read_once_at_their_first_grid_position():
    doc = read_path(FIX / "tasks.pdf")
    section = next(ln for ln in doc.lines if ln.text == "HOÀN THIỆN THỂ CHẾ VÀ HẠ TẦNG SỐ")
    assert section.cell[2] == 1
    assert [ln.cell[2] for ln in doc.lines if ln.cell and ln.cell[:2] == section.cell[:2]] == [0, 1]
    seven = next(ln.cell[1] for ln in doc.lines if ln.cell and ln.cell[2] == 0 and ln.text == "7")
    lead = [ln.text for ln in doc.lines if ln.cell == (1, seven, 2)]
    assert lead == ["Sở Giáo dục và Đào tạo"]
    assert not [ln for ln in doc.lines if ln.cell == (1, seven + 1, 2)]  # merged into row 7


def test_paragraphs_of_a_cell_stay_apart_and_wrapped_lines_are_joined():
    doc = read_path(FIX / "tasks.pdf")
    two = next(ln.cell[1] for ln in doc.lines if ln.cell and ln.cell[2] == 0 and ln.text == "2")
    assert [ln.text for ln in doc.lines if ln.cell == (1, two, 3)] == \
        ["- Sở Tài chính;", "- UBND các xã, phường."]
    assert [ln.text for ln in doc.lines if ln.cell == (1, two, 1)] == [
        "Nâng cấp mạng truyền số liệu chuyên dùng đến cấp xã, bảo đảm kết nối thông suốt "
        "giữa các cơ quan nhà nước.",
        "Định kỳ báo cáo kết quả về Sở Khoa học và Công nghệ để theo dõi."]
    assert [ln.text for ln in doc.lines if ln.cell == (1, two, 4)] == ["Quý IV/2025"]
    # a date longer than its column, broken by the layout, is one word again
    assert any(ln.text == "Trước ngày 31/10/2025" for ln in doc.lines)


@pytest.mark.parametrize("name", NAMES)
def test_text_around_the_table_is_read_as_before(name):
    doc = read_path(FIX / f"{name}.pdf")
    texts = [ln.text for ln in doc.lines]
    intro = texts.index("Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2025 với các "
                        "nhiệm vụ cụ thể như sau:")
    outro = next(i for i, t in enumerate(texts) if t.startswith("Các cơ quan, đơn vị báo cáo"))
    table = [i for i, ln in enumerate(doc.lines) if ln.cell and ln.cell[0] == 1]
    assert intro < table[0] and table[-1] < outro
    assert table == list(range(table[0], table[-1] + 1))  # nothing inside the table but cells
    assert doc.lines[intro].cell is None and doc.lines[outro].cell is None
    assert doc.lines[texts.index("Số: 45/KH-UBND")].cell == (0, 0, 0)
    assert doc.lines[texts.index("Trần Văn Bảo")].cell == (0, 0, 1)


@pytest.mark.parametrize("name", NAMES)
def test_offsets_pages_and_blank_lines_around_cells(name):
    import pypdfium2 as pdfium
    data = (FIX / f"{name}.pdf").read_bytes()
    pdf = pdfium.PdfDocument(data)
    npages = len(pdf)
    pdf.close()
    check_document(read_pdf(data), npages)


def _tasks(path: Path) -> list:
    return [(t.lead, t.support, t.deadline.date if t.deadline else None,
             t.deadline.recurrence if t.deadline else None) for t in extract(path).tasks]


@pytest.mark.parametrize("name", NAMES)
def test_extract_gives_the_tasks_of_the_docx(name):
    from_pdf, from_docx = _tasks(FIX / f"{name}.pdf"), _tasks(FIX / f"{name}.docx")
    assert len(from_docx) >= 10
    assert from_pdf == from_docx
    by_lead = {t[0][0]: t for t in from_pdf}
    assert by_lead["Tỉnh đoàn"][1:] == (["Hội Liên hiệp Phụ nữ tỉnh", "UBND các xã, phường"],
                                       "2026-06-30", None)
    assert by_lead["Ngân hàng Nhà nước chi nhánh tỉnh"][2] == "2025-11-30"


def test_rules_are_probed_before_pdfplumber_is_loaded():
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from extractor.readers.pdf_rules import Rules
    rules = Rules(raw)
    for name, want in (("letter.pdf", [False, False]), ("tasks.pdf", [True, True])):
        pdf = pdfium.PdfDocument((FIX / name).read_bytes())
        assert [rules.drawn(page) for page in pdf] == want, name
        pdf.close()
    code = ("import sys; from extractor.readers.pdf import read_pdf; "
            "read_pdf(open(sys.argv[1], 'rb').read()); print('pdfplumber' in sys.modules)")
    for name, loaded in (("letter.pdf", "False"), ("tasks.pdf", "True")):
        out = subprocess.run([sys.executable, "-c", code, str(FIX / name)], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        assert out == loaded, name


@pytest.mark.parametrize("name", ["tasks.pdf", "tasks-norepeat.pdf", "odd-tables.pdf"])
def test_cells_from_pdfium_rules_are_pdfplumbers_own(name):
    """The table finder on PDFium's edges finds the cells pdfplumber finds when it parses
    the page itself (pdfminer), at a fraction of the cost."""
    import io

    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from extractor.readers.pdf_tables import Finder
    data = (FIX / name).read_bytes()
    pdf = pdfium.PdfDocument(data)
    finder = Finder(raw)
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        for page, pl in zip(pdf, plumber.pages):
            ours = [sorted((round(c[2], 1), round(c[3], 1), round(c[4], 1), round(c[5], 1))
                           for c in t.cells) for t in finder.tables(page, page.get_size()[1])]
            theirs = [sorted(tuple(round(v, 1) for v in c) for c in t.cells) for t in pl.find_tables()]
            theirs = [t for t in theirs if len({c[0] for c in t}) >= 2]  # one-column frames
            assert len(ours) == len(theirs)
            for a, b in zip(sorted(ours), sorted(theirs)):  # the same boxes, to float noise
                assert len(a) == len(b)
                assert all(abs(x - y) < 0.5 for ca, cb in zip(a, b) for x, y in zip(ca, cb))
    pdf.close()


def test_table_pages_cost():
    data = (FIX / "tasks.pdf").read_bytes()
    read_pdf(data)  # warm up: PDFium and pdfplumber loaded
    best = min(_timed(read_pdf, data) for _ in range(3))
    assert best < 0.5, f"{best * 1000:.0f} ms for two pages of a ruled table"


def _timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def test_rules_that_are_not_task_tables():
    doc = read_path(FIX / "odd-tables.pdf")
    texts = [ln.text for ln in doc.lines]
    # a one-cell frame is running text
    frame = texts.index("Nội dung trong khung: đây không phải là bảng nhiều cột.")
    assert doc.lines[frame].cell is None
    # an empty ruled form gives no line; the text after it is read in its place
    assert texts.index("Phần hai: biểu mẫu trống.") + 1 == texts.index("Phần ba: bảng lồng bảng.")
    # a table inside a cell stays inside its outer cell
    outer = {ln.text: ln.cell for ln in doc.lines if ln.cell}
    assert outer["Ô ngoài một"][1:] == (0, 0)
    assert outer["ô trong ô trong ô trong ô trong"][:2] == (outer["Ô ngoài một"][0], 1)
    # a ruled table on a landscape page: every cell at its row and column
    wide = [ln for ln in doc.lines if ln.page == 2 and ln.cell]
    assert [ln.text for ln in wide] == [f"ô {r}.{c}" for r in range(3) for c in range(6)]
    assert [ln.cell[1:] for ln in wide] == [(r, c) for r in range(3) for c in range(6)]
    import pypdfium2 as pdfium
    data = (FIX / "odd-tables.pdf").read_bytes()
    check_document(read_pdf(data), len(pdfium.PdfDocument(data)))
