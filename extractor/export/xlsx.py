"""The tracking table as an Excel workbook (openpyxl).

Sheet "Theo dõi nhiệm vụ": a title row, a line saying when and from what the table was made,
then the header (frozen, with filters) and one row per task. Thời hạn is a real date cell
(``dd/mm/yyyy``) for a dated task, the rhythm in words for a recurring one. Trạng thái has a
drop-down list; a row whose date has passed and whose status is not "Đã hoàn thành" turns red
(conditional formatting against ``TODAY()``, so it stays right as days go by).
Sheet "Văn bản": the source letters, one row each.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from . import COLUMNS, DONE_STATUS, STATUSES, TITLE, Letter, TaskRow

SHEET_TASKS = "Theo dõi nhiệm vụ"
SHEET_LETTERS = "Văn bản"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROW = 3            # title, subtitle, header
FIRST_ROW = HEADER_ROW + 1
LINE_HEIGHT = 15.75       # points, one line of 12-point text

#: column widths (characters) in COLUMNS order
WIDTHS = (6, 55, 28, 24, 15, 24, 40, 16, 16, 26)

LETTER_COLUMNS = ("STT", "Loại văn bản", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành",
                  "Trích yếu", "Số nhiệm vụ", "Ghi chú", "Tệp nguồn", "Mã SHA-256")
LETTER_WIDTHS = (6, 16, 20, 14, 30, 60, 11, 18, 30, 20)


def _lines(value, width: float) -> int:
    """How many lines a wrapped cell needs (openpyxl cannot measure text; LibreOffice does
    not re-fit row heights on open, so the height is set from an estimate)."""
    if value is None or isinstance(value, (int, float, dt.date)):
        return 1
    per_line = max(1.0, width * 1.25 - 1)   # Times New Roman 12 is narrower than the width unit
    return sum(max(1, -(-len(part) // int(per_line))) for part in str(value).split("\n"))


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(i)


def write_xlsx(rows: list[TaskRow], letters: list[Letter], path: Path,
               today: Optional[dt.date] = None) -> None:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    today = today or dt.date.today()
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name="Times New Roman", bold=True, size=12)
    body_font = Font(name="Times New Roman", size=12)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap_top = Alignment(wrap_text=True, vertical="top")
    center_top = Alignment(wrap_text=True, vertical="top", horizontal="center")
    head_align = Alignment(wrap_text=True, vertical="center", horizontal="center")

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TASKS
    ncol = len(COLUMNS)
    last_col = _col(ncol)

    # title and subtitle
    ws.cell(row=1, column=1, value=TITLE).font = Font(name="Times New Roman", bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 24
    n_letters = len(letters)
    sub = (f"(Lập ngày {today:%d/%m/%Y}: {len(rows)} nhiệm vụ từ {n_letters} văn bản; "
           f"trạng thái mặc định \"{STATUSES[0]}\")")
    ws.cell(row=2, column=1, value=sub).font = Font(name="Times New Roman", italic=True, size=12)
    ws.cell(row=2, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A2:{last_col}2")

    # header
    for c, name in enumerate(COLUMNS, 1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=name)
        cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, head_align, border
    ws.row_dimensions[HEADER_ROW].height = 32
    for c, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[_col(c)].width = w

    when_col = COLUMNS.index("Thời hạn") + 1
    status_col = COLUMNS.index("Trạng thái") + 1
    centered = {1, when_col, status_col}
    for r, row in enumerate(rows, FIRST_ROW):
        values = row.cells()
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.border = body_font, border
            cell.alignment = center_top if c in centered else wrap_top
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
        ws.row_dimensions[r].height = LINE_HEIGHT * max(_lines(v, w) for v, w in zip(values, WIDTHS)) + 4

    last_row = max(FIRST_ROW, HEADER_ROW + len(rows))
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last_row}"

    # Trạng thái: a drop-down list (also on empty rows below, for tasks added by hand)
    s = _col(status_col)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showDropDown=False, showErrorMessage=True, errorTitle="Trạng thái",
                        error="Chọn một trạng thái trong danh sách: " + ", ".join(STATUSES),
                        promptTitle="Trạng thái", prompt="Chọn trạng thái thực hiện nhiệm vụ")
    dv.add(f"{s}{FIRST_ROW}:{s}{last_row + 200}")
    ws.add_data_validation(dv)

    # overdue (a date before today, not done) in red; done in green
    w = _col(when_col)
    span = f"A{FIRST_ROW}:{last_col}{last_row + 200}"
    overdue = (f'OR(${s}{FIRST_ROW}="{STATUSES[3]}",AND(ISNUMBER(${w}{FIRST_ROW}),'
               f'${w}{FIRST_ROW}<TODAY(),${s}{FIRST_ROW}<>"{DONE_STATUS}"))')
    ws.conditional_formatting.add(span, FormulaRule(
        formula=[overdue], stopIfTrue=True,
        fill=PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE"), font=Font(color="9C0006")))
    ws.conditional_formatting.add(span, FormulaRule(
        formula=[f'${s}{FIRST_ROW}="{DONE_STATUS}"'],
        fill=PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE"), font=Font(color="006100")))

    # printing: landscape A4, fit to width, header repeated on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    # the source letters
    wl = wb.create_sheet(SHEET_LETTERS)
    for c, name in enumerate(LETTER_COLUMNS, 1):
        cell = wl.cell(row=1, column=c, value=name)
        cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, head_align, border
    for c, wdt in enumerate(LETTER_WIDTHS, 1):
        wl.column_dimensions[_col(c)].width = wdt
    for r, L in enumerate(letters, 2):
        note = "; ".join(x for x in ("dự thảo" if L.is_draft else "",
                                     "văn bản kèm theo" if L.embedded else "") if x)
        values = [L.index, L.doc_type or "", L.number or "", L.date or (L.year or ""),
                  L.issuer or "", L.subject or "", L.task_count, note, L.paths, L.sha256 or ""]
        wl.row_dimensions[r].height = LINE_HEIGHT * max(_lines(v, w) for v, w in zip(values, LETTER_WIDTHS)) + 4
        for c, value in enumerate(values, 1):
            cell = wl.cell(row=r, column=c, value=value)
            cell.font, cell.border = body_font, border
            cell.alignment = center_top if c in (1, 4, 7) else wrap_top
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    wl.freeze_panes = "A2"
    wl.auto_filter.ref = f"A1:{_col(len(LETTER_COLUMNS))}{max(2, len(letters) + 1)}"

    wb.properties.title = TITLE
    wb.properties.creator = "chidao"
    wb.save(path)
