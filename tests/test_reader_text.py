"""The text/markdown reader: encodings, markdown marks, header columns, unwrapping."""
from __future__ import annotations

import pytest

from extractor.errors import ReadError, UnsupportedFormat
from extractor.readers import read, sniff
from extractor.readers.text import read_text

from conftest import CORPUS

LETTER = "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN\nSố: 12/UBND\nKính gửi: Các phòng, ban.\n"


def _consistent(doc):
    for ln in doc.lines:
        assert doc.text[ln.start:ln.end] == ln.text


@pytest.mark.parametrize("data", [
    LETTER.encode("utf-8"),
    b"\xef\xbb\xbf" + LETTER.encode("utf-8"),
    LETTER.encode("utf-16"),  # with BOM
])
def test_encodings(data):
    doc = read_text(data)
    assert doc.lines[0].text == "ỦY BAN NHÂN DÂN"
    assert doc.lines[2].text == "Số: 12/UBND"
    _consistent(doc)


def test_nfd_input_becomes_nfc():
    import unicodedata
    doc = read_text(unicodedata.normalize("NFD", LETTER).encode("utf-8"))
    assert doc.text == unicodedata.normalize("NFC", doc.text)
    assert "HUYỆN BÌNH SƠN" in doc.text


def test_tcvn3_is_refused():
    # "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM ... Độc lập - Tự do - Hạnh phúc" typed in TCVN3 (ABC)
    tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÝnh göi: Së Tµi chÝnh\n"
    with pytest.raises(UnsupportedFormat, match="TCVN3"):
        read_text(tcvn3.encode("cp1252", errors="replace"))
    with pytest.raises(UnsupportedFormat, match="TCVN3"):
        read_text(tcvn3.encode("utf-8"))


def test_binary_and_empty_are_refused():
    with pytest.raises(ReadError):
        read_text(b"")
    with pytest.raises(ReadError):
        read(bytes(range(256)) * 4, "junk.txt")


def test_markdown_marks_removed():
    doc = read_text("**ĐẢNG BỘ TỈNH QUẢNG NGÃI**  \n*Bình Sơn, ngày 13 tháng 10 năm 2022*\n\n\\*\n\n"
                    "**Số 1307-CV/HU**\n\n(*có Công văn kèm theo*)\n".encode(), fmt="md")
    texts = [ln.text for ln in doc.lines]
    assert texts[0] == "ĐẢNG BỘ TỈNH QUẢNG NGÃI" and doc.lines[0].bold
    assert texts[1] == "Bình Sơn, ngày 13 tháng 10 năm 2022" and doc.lines[1].italic
    assert "*" in texts and "Số 1307-CV/HU" in texts and "(có Công văn kèm theo)" in texts


def test_markdown_table_read_cell_by_cell():
    doc = read_text("| BỘ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| Số: 1/BYT | Hà Nội, ngày 1 tháng 2 năm 2020 |\n".encode())
    assert [ln.text for ln in doc.lines] == ["BỘ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 1/BYT",
                                              "Hà Nội, ngày 1 tháng 2 năm 2020"]


def test_two_header_columns_left_first():
    doc = read_text((CORPUS / "pgd-dongxoai-151-tb-2012.txt").read_bytes())
    texts = [ln.text for ln in doc.lines]
    assert texts[:3] == ["UBND TX. ĐỒNG XOÀI", "PHÒNG GIÁO DỤC-ĐÀO TẠO", "Số : 151/TB-PGDĐT"]
    assert texts[3:6] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                          "Đồng Xoài, ngày 20 tháng 3 năm 2012."]


def test_soft_wraps_rejoined_but_items_kept():
    doc = read_text((CORPUS / "ubnd-binhson-tthc-2024.txt").read_bytes())
    _consistent(doc)
    texts = [ln.text for ln in doc.lines]
    # a paragraph wrapped over 5 lines with blank lines between the pieces is one line
    para = [t for t in texts if t.startswith("Nhằm thực hiện đảm bảo hoàn thành")]
    assert para and para[0].endswith("có ý kiến chỉ đạo như sau:")
    # the subject wrapped over 4 lines is one line; list items stay separate lines
    assert "V/v đẩy mạnh thực hiện các biện pháp nâng cao công tác cải cách thủ tục hành chính trên địa bàn huyện" in texts
    assert any(t.startswith("1. Thủ trưởng các phòng, ban") for t in texts)
    assert any(t.startswith("2. Ngoài thực hiện") for t in texts)
    assert "- Bộ phận Một cửa huyện;" in texts
    # a symbol broken at its dash is glued back without a space
    assert "Chỉ thị số 27/CT-TTg" in doc.text


def test_sniff_by_content_not_extension(tmp_path):
    assert sniff(b"%PDF-1.7\n...", "letter.txt") == "pdf"
    with pytest.raises(UnsupportedFormat, match="doc"):
        sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "letter.docx")
    with pytest.raises(ReadError, match="zip"):
        sniff(b"PK\x03\x04garbage", "letter.docx")
    assert sniff("Số: 1/UBND".encode(), "x.md") == "md"


@pytest.mark.parametrize("prev,cur,starts", [
    ("a) Xây dựng kế hoạch", "b) Tổ chức thực hiện", True),
    ("nội dung thứ nhất", "II. NHIỆM VỤ", True),
    ("nội dung thứ nhất", "III Tổ chức thực hiện", True),
    ("nội dung thứ nhất", "iv. rà soát", True),
    # lower-case letters that only look like roman numerals continue the line
    ("các nội dung về chuyển đổi số,", "v.v... theo kế hoạch", False),
    ("Chủ tịch UBND tỉnh $( \\mathsf { b } / \\mathsf {", "c } )$ ;", False),
])
def test_list_labels_never_continue_a_line(prev, cur, starts):
    from extractor.readers.paragraphs import never_continues
    assert never_continues(prev, cur) is starts


def test_lower_case_can_cu_inside_a_sentence_is_not_a_legal_basis_line():
    from extractor.readers.paragraphs import never_continues
    assert never_continues("Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Nghị định số 30/2020/NĐ-CP;")
    assert not never_continues("hướng dẫn doanh nghiệp kinh doanh kho", "căn cứ trên số lượng container")


def _pdf_doc(rows):
    """A PDF-like Document: (text, x0, x1, top) per visual line, one page."""
    from extractor.model import DocumentBuilder
    b = DocumentBuilder()
    for text, x0, x1, top in rows:
        b.add(text, page=1, x0=x0, x1=x1, top=top)
    return b.build("pdf")


def test_ragged_right_pdf_lines_rejoin_where_the_next_word_did_not_fit():
    from extractor.readers.paragraphs import join_pdf_lines
    doc = join_pdf_lines(_pdf_doc([
        # left-aligned text, right margin at 510: the writer wrapped before "VNACCS," (too long)
        ("- Sau khi người khai báo tờ khai lên Hệ thống V5, công chức kiểm tra Hệ thống", 85, 470, 100),
        ("VNACCS, nếu thông tin phù hợp thì cập nhật số niêm phong và phê duyệt tờ khai", 85, 505, 115),
        ("trên hệ thống.", 85, 160, 130),
        # a short line with room for the next word: a paragraph ends there
        ("Đề nghị các đơn vị thực hiện", 85, 250, 150),
        ("Trung tâm tổng hợp kết quả báo cáo Bộ Tài chính trước ngày 15/12/2025 để theo dõi", 85, 510, 165),
    ]))
    assert [ln.text for ln in doc.lines] == [
        "- Sau khi người khai báo tờ khai lên Hệ thống V5, công chức kiểm tra Hệ thống VNACCS, nếu "
        "thông tin phù hợp thì cập nhật số niêm phong và phê duyệt tờ khai trên hệ thống.",
        "Đề nghị các đơn vị thực hiện",
        "Trung tâm tổng hợp kết quả báo cáo Bộ Tài chính trước ngày 15/12/2025 để theo dõi"]


def test_wide_gaps_that_do_not_line_up_are_not_columns():
    """A web page's justified line keeps runs of spaces inside a sentence; they are no
    column gap unless they line up with another line's or start a header column."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n\nSố: 74/UBND-KT Hậu Giang, ngày 12 tháng 1 năm 2018\n\n"
            "V/v tổ chức “Hội chợ Xuân                   Hậu Giang - 2018”\n\n"
            "Kính gửi: Sở Công Thương.\n\n"
            "Xét Tờ trình số 124/TTr-SCT của Sở                     Công Thương về việc xin chủ trương tổ chức hội chợ.\n")
    lines = [ln.text for ln in read_text(text.encode()).lines if ln.text]
    assert "V/v tổ chức “Hội chợ Xuân Hậu Giang - 2018”" in lines
    assert any(ln.startswith("Xét Tờ trình số 124/TTr-SCT của Sở Công Thương về việc") for ln in lines)


def test_one_line_header_split_where_the_right_column_is_the_motto():
    text = ("UBND HUYỆN BÌNH SƠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "PHÒNG NỘI VỤ\n\nSố: 12/PNV\n\nKính gửi: Các phòng, ban.\n")
    lines = [ln.text for ln in read_text(text.encode()).lines if ln.text]
    assert lines[:2] == ["UBND HUYỆN BÌNH SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def test_table_cells_and_lone_bars_are_hard_breaks():
    """Cells of a markdown row, and the text on either side of a lone ``|`` line (a table a
    web page broke), are never joined into one paragraph."""
    text = ("Mở đầu của văn bản gồm nhiều chữ để dòng đủ dài cho việc nối dòng mềm ở đây\n"
            "| Sở Tài chính chủ trì | Quý II năm 2025 |\n"
            "tiếp tục nội dung sau bảng\n|\nphần tiếp theo của bảng\n")
    lines = [ln.text for ln in read_text(text.encode()).lines if ln.text]
    assert lines[:3] == ["Mở đầu của văn bản gồm nhiều chữ để dòng đủ dài cho việc nối dòng mềm ở đây",
                         "Sở Tài chính chủ trì", "Quý II năm 2025"]
    assert "tiếp tục nội dung sau bảng" in lines and "phần tiếp theo của bảng" in lines


FLAT_TABLE = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG NAI
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
|
Số: 12/KH-UBND
|
Đồng Nai, ngày 20 tháng 11 năm 2025
|
Kính gửi: Các sở, ban, ngành.
Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:

|
**STT**
|
**Nội dung**
|
**Cơ quan chủ trì**
|
|
1
|
Rà soát danh mục dữ liệu,
cập nhật lên hệ thống
|
Sở Tài chính
|
|
2
|
Đào tạo cán bộ
|
** **
"""


def test_flattened_table_cells_get_hints():
    """A table a web page flattened one cell per line between '|' lines: (table, row, col)
    hints as for Word tables; a cell's wrapped lines are one line; the text after a header
    table's last cell is body text, not a cell."""
    doc = read_text(FLAT_TABLE.encode("utf-8"))
    _consistent(doc)
    cells = {ln.text: ln.cell for ln in doc.lines if ln.text}
    assert cells["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == (1, 0, 1)
    assert cells["Số: 12/KH-UBND"] == (1, 1, 0)
    assert cells["Đồng Nai, ngày 20 tháng 11 năm 2025"] == (1, 1, 1)
    assert cells["Kính gửi: Các sở, ban, ngành."] is None
    assert cells["Ủy ban nhân dân tỉnh ban hành kế hoạch như sau:"] is None
    assert cells["STT"] == (2, 0, 0) and cells["Cơ quan chủ trì"] == (2, 0, 2)
    assert cells["Rà soát danh mục dữ liệu, cập nhật lên hệ thống"] == (2, 1, 1)
    assert cells["Sở Tài chính"] == (2, 1, 2)
    assert cells["Đào tạo cán bộ"] == (2, 2, 1)


def test_markdown_table_rows_get_hints():
    doc = read_text("| STT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n| 1 | Rà soát | Sở Tư pháp |\n\nHết.\n".encode())
    cells = {ln.text: ln.cell for ln in doc.lines if ln.text}
    assert cells["STT"][1:] == (0, 0) and cells["Sở Tư pháp"][1:] == (1, 2)
    assert cells["STT"][0] == cells["Sở Tư pháp"][0]
    assert cells["Hết."] is None
