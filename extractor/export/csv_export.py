"""The tracking table as CSV: UTF-8 with a byte-order mark (so Excel shows Vietnamese
correctly when the file is double-clicked), the columns of the .xlsx, dates in ISO 8601
(``2024-03-31``); a recurring deadline shows its rhythm in words, as in the .xlsx.

Excel set to Vietnamese regional settings splits CSV on ``;``: ``delimiter=";"``
(``chidao tasks … --csv-sep ";"``) writes a file it opens in columns.
"""
from __future__ import annotations

import csv
from pathlib import Path

from . import COLUMNS, TaskRow


def write_csv(rows: list[TaskRow], path: Path, delimiter: str = ",") -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(COLUMNS)
        for row in rows:
            w.writerow(row.cells(iso_dates=True))
