#!/usr/bin/env python3
"""How the extractor does on a folder of real, unannotated documents, by hand (never in CI).

    python benchmarks/wild.py ../shared/wild                   # the table
    python benchmarks/wild.py ../shared/wild --json            # machine output
    python benchmarks/wild.py ../shared/wild --list-misses subject
    python benchmarks/wild.py ../shared/wild --list-misses number_agree

The folder holds documents and a ``MANIFEST.tsv`` (columns ``file``, ``source``, ``kind``,
``silver_number``, ``silver_date``, ``silver_year``, ``chars``). Every file is extracted in
this process; a file that raises is counted under its error class and a message class (the
message with numbers and quoted parts blanked), and the run goes on.

Printed:

- files, failures by kind, time per document;
- the share of documents where each header field was found (number, date, place, doc_type,
  issuer, subject, signer name/position/authority, recipients to/cc) and where at least one
  task was found;
- agreement with the manifest (silver, not gold): of the documents that print a ``Số``
  line in their first 2,500 characters and have a manifest number, the share that get a
  number and the share that get the manifest's (a blank sequence ``-CV/ĐU`` agrees with
  ``150-CV/ĐU``; numbers are compared without diacritics, case, spaces and dash variants,
  as the manifest spells ``LĐTBXH`` as ``LDTBXH``); of those that print a ``ngày … tháng …
  năm …`` date line there and have a manifest date, the share with a date and the share
  whose date equals the manifest's;
- of the documents that print an addressee line (``Kính gửi:``, ``Đồng kính gửi:``, or a
  công điện's ``THỦ TƯỚNG CHÍNH PHỦ điện:``) in their first 5,000 characters, the share with
  at least one ``to`` recipient (``to_found``).

``--list-misses FIELD`` prints the files that miss FIELD (one of the fields above, ``tasks``,
``regime``, ``number_found``, ``number_agree``, ``date_found``, ``date_agree``, ``to_found``)
with the first lines of their header, and for the manifest checks the printed line, the
manifest value and what was extracted: the manifest is silver, so read the text before
calling a disagreement a miss.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEAD_CHARS = 2500
FIELDS = ("number", "date", "place", "doc_type", "regime", "issuer", "subject", "signer_name", "signer_position",
          "signer_authority", "recipients_to", "recipients_cc", "tasks")
AGREEMENT = ("number_found", "number_agree", "date_found", "date_agree", "to_found")
# A printed addressee line, searched in the first KG_CHARS characters (a web page's summary
# may come first): "Kính gửi:" (also "Đồng kính gửi:", "**Kính\ngửi:**") at a line start, or
# a công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:" / "BỘ XÂY DỰNG điện:" (capitals before "điện:",
# not "Các Công điện:" or "bưu điện:").
KG_CHARS = 5000
_KG_LINE = re.compile(r"^[\s*_|#>-]*(?:[Đđ]ồng\s+)?[Kk][íi]nh\s*g[ửu]i\b"
                      r"|[A-ZĐÀ-Ỹ]{2,}[\s*_]+điện[\s*_]*:", re.M)

# A printed number line: "Số: 2634/QĐ-TTg", "Số 150-CV/ĐU", "Số: 773 /QĐ-TTg", "Số -CV/ĐU",
# "SỐ: /UBND-VX", after a line start, a table pipe, bold marks or a column gap.
_SO_LINE = re.compile(r"(?<![\w/])(?:Số|SỐ|Sô)\s*:?\s*(?:\d+[a-zA-Z]?\s*[/\-–]|[ ._…]*[/\-–]\s*[A-ZĐ])")
# A printed place-date line: "Hà Nội, ngày 02\ntháng 12 năm 2025", "Công Hải, ngày tháng 10 năm
# 2025", "*Hà Nội ngày 01\ntháng 12 năm 2025*" (no comma: the place opens the line and the date
# ends it), "Hà Nội, ng**ày\n01 tháng …" (bold marks inside the word), or a line holding only
# "ngày … tháng … năm …".
_GAP = r"[\s*_|]*"
_DATE_CORE = (rf"ng[*_]*ày{_GAP}(?:\d[\d ]?)?{_GAP}tháng{_GAP}[\d ]{{1,4}}{_GAP}năm{_GAP}\d{{4}}")
_DATE_LINE = re.compile(rf"(?:[^\W\d_][\w.]*{_GAP},{_GAP}{_DATE_CORE}"
                        rf"|^[\s*_|#>]*(?:[A-ZÀ-ỸĐ][\w.]*[ ]+){{0,4}}[A-ZÀ-ỸĐ][\w.]*{_GAP}{_DATE_CORE}[\s*_.|]*$"
                        rf"|^[\s*_|#>]*{_DATE_CORE}[\s*_.|]*$)", re.M)


def fold_number(s: str) -> str:
    """``Số: 2864/LĐTBXH – NCC`` → ``2864/ldtbxh-ncc``: no diacritics, case, spaces, dash variants."""
    s = unicodedata.normalize("NFD", s or "").replace("\u0111", "d").replace("\u0110", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").casefold()
    s = re.sub(r"^\s*so\s*:?", "", s)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return re.sub(r"\s+", "", s).strip(".,;:()*_")


def number_agrees(got: str | None, silver: str) -> bool:
    """``-CV/ĐU`` (blank sequence, a draft or a PDF layer without the stamp) agrees with
    ``150-CV/ĐU``; otherwise the folded numbers are equal."""
    if not got:
        return False
    g, s = fold_number(got), fold_number(silver)
    if g == s:
        return True
    if re.match(r"^[/\-]", g):
        return re.sub(r"^\d+[a-z]?", "", s) == g
    return False


def message_class(msg: str) -> str:
    """An error message with its particulars blanked, so the same failure groups together."""
    msg = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", str(msg).splitlines()[0] if str(msg) else "")
    return re.sub(r"\d+", "N", msg)[:120]


def found(rec: dict) -> dict[str, bool]:
    signer = rec.get("signer") or {}
    recips = rec.get("recipients") or []
    date = rec.get("date") or {}
    return {
        "number": bool((rec.get("number") or {}).get("text")),
        "date": bool(date.get("year")),
        "place": bool(date.get("place")),
        "doc_type": bool((rec.get("doc_type") or {}).get("code")),
        "regime": rec.get("regime") in ("state", "party"),
        "issuer": bool((rec.get("issuer") or {}).get("name")),
        "subject": bool(rec.get("subject")),
        "signer_name": bool(signer.get("name")),
        "signer_position": bool(signer.get("position")),
        "signer_authority": bool(signer.get("authority")),
        "recipients_to": any(r.get("role") == "to" for r in recips),
        "recipients_cc": any(r.get("role") == "cc" for r in recips),
        "tasks": bool(rec.get("tasks")),
    }


def read_manifest(folder: Path) -> list[dict]:
    path = folder / "MANIFEST.tsv"
    if not path.exists():
        return [{"file": p.name} for p in sorted(folder.iterdir())
                if p.is_file() and p.suffix.lower() in (".txt", ".md", ".docx", ".pdf")
                and not p.name.startswith((".", "MANIFEST", "README"))]
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def run(folder: Path) -> dict:
    from extractor import ChidaoError, extract
    rows = read_manifest(folder)
    docs, failures, times = [], Counter(), []
    for row in rows:
        path = folder / row["file"]
        text = path.read_text(encoding="utf-8", errors="replace") if path.suffix in (".txt", ".md") else ""
        head = text[:HEAD_CHARS]
        so = _SO_LINE.search(head)
        dl = _DATE_LINE.search(head)
        d = {"file": row["file"], "kind": row.get("kind"), "silver_number": row.get("silver_number") or None,
             "silver_date": row.get("silver_date") or None,
             "printed_number": " ".join(head[so.start():so.start() + 40].split()) if so else None,
             "printed_date": " ".join(dl.group(0).split()) if dl else None}
        t = time.perf_counter()
        try:
            rec = extract(path).to_dict()
        except ChidaoError as e:
            failures[(type(e).__name__, message_class(e))] += 1
            d["error"] = f"{type(e).__name__}: {e}"
            rec = None
        except Exception as e:  # a crash is a bug: counted apart, the run goes on
            failures[("CRASH " + type(e).__name__, message_class(e))] += 1
            d["error"] = f"CRASH {type(e).__name__}: {e}"
            rec = None
        times.append(time.perf_counter() - t)
        d["seconds"] = times[-1]
        d["found"] = found(rec) if rec else {f: False for f in FIELDS}
        d["number"] = ((rec or {}).get("number") or {}).get("text")
        d["date"] = ((rec or {}).get("date") or {}).get("iso")
        d["date_text"] = ((rec or {}).get("date") or {}).get("text")
        if so and d["silver_number"]:
            d["number_found"] = bool(d["number"])
            d["number_agree"] = number_agrees(d["number"], d["silver_number"])
        if dl and d["silver_date"]:
            d["date_found"] = d["found"]["date"]
            d["date_agree"] = d["date"] == d["silver_date"]
        kg = _KG_LINE.search(text[:KG_CHARS])
        d["printed_to"] = " ".join(kg.group(0).split()) if kg else None
        if kg:
            d["to_found"] = d["found"]["recipients_to"]
        docs.append(d)
    n = len(docs)
    share = {f: sum(d["found"][f] for d in docs) / n if n else 0.0 for f in FIELDS}
    agreement = {}
    for key in AGREEMENT:
        vals = [d[key] for d in docs if key in d]
        agreement[key] = {"share": sum(vals) / len(vals) if vals else None, "n": len(vals), "hits": sum(vals)}
    return {
        "folder": str(folder), "files": n,
        "failures": [{"error": k[0], "message": k[1], "count": c} for k, c in failures.most_common()],
        "found": share, "agreement": agreement,
        "seconds": {"mean": statistics.mean(times) if times else 0.0,
                    "median": statistics.median(times) if times else 0.0,
                    "max": max(times) if times else 0.0, "total": sum(times)},
        "documents": docs,
    }


def print_table(res: dict) -> None:
    print(f"folder {res['folder']}: {res['files']} files, "
          f"{sum(f['count'] for f in res['failures'])} failures")
    for f in res["failures"]:
        print(f"  {f['count']:4d}  {f['error']}: {f['message']}")
    s = res["seconds"]
    print(f"time per document: mean {s['mean'] * 1000:.0f} ms, median {s['median'] * 1000:.0f} ms, "
          f"max {s['max'] * 1000:.0f} ms (total {s['total']:.1f} s)")
    print("\nfound on all documents")
    for f, v in res["found"].items():
        print(f"  {f:<20} {v * 100:5.1f}%")
    print(f"\nagreement with the manifest (printed in the first {HEAD_CHARS} characters and in the manifest)")
    labels = {"number_found": "Số line: got a number", "number_agree": "Số line: manifest's number",
              "date_found": "date line: got a date", "date_agree": "date line: manifest's date",
              "to_found": "Kính gửi/điện: got `to`"}
    for k, v in res["agreement"].items():
        if k == "to_found":
            print(f"\nprinted in the first {KG_CHARS} characters")
        share = "-" if v["share"] is None else f"{v['share'] * 100:5.1f}%"
        print(f"  {labels[k]:<30} {share}  ({v['hits']}/{v['n']})")


def list_misses(res: dict, folder: Path, field: str, lines: int) -> None:
    for d in res["documents"]:
        if field in AGREEMENT:
            if field not in d or d[field]:
                continue
        elif d["found"].get(field, True):
            continue
        print(f"=== {d['file']} ({d.get('kind')})" + (f"  {d['error']}" if d.get("error") else ""))
        if field.startswith("number"):
            print(f"    printed: {d['printed_number']!r}  manifest: {d['silver_number']!r}  got: {d['number']!r}")
        if field.startswith("date"):
            print(f"    printed: {d['printed_date']!r}  manifest: {d['silver_date']!r}  got: {d['date']!r}")
        if field == "to_found":
            print(f"    printed: {d['printed_to']!r}")
        path = folder / d["file"]
        text = path.read_text(encoding="utf-8", errors="replace") if path.suffix in (".txt", ".md") else ""
        shown = [ln for ln in text.splitlines() if ln.strip(" |*-_")][:lines]
        for ln in shown:
            print("    | " + ln[:150])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", action="store_true", help="print the figures (and per-document rows) as JSON")
    ap.add_argument("--list-misses", metavar="FIELD", choices=FIELDS + AGREEMENT,
                    help="print the files that miss FIELD, with the first lines of their header")
    ap.add_argument("--lines", type=int, default=14, help="header lines shown per miss (default 14)")
    args = ap.parse_args(argv)
    res = run(args.folder)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    elif args.list_misses:
        list_misses(res, args.folder, args.list_misses, args.lines)
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
