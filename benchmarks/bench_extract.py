#!/usr/bin/env python3
"""Speed and memory of chidao, by hand (never in CI): prints figures and ratios.

    python benchmarks/bench_extract.py [FILES...]     (default: corpus/*)

- start-up: ``import extractor`` time and which heavy modules it pulls in (none should load);
- one ``chidao extract`` of a two-page text PDF, wall time from process start;
- per-format extraction time per document and per page, in one warm process;
- reader comparison: pypdfium2 (what chidao uses) vs pdfplumber, ms per page;
- ruled tables: the cost of probing every page for rules, of the table finder on the
  pages that have them (the ruled-table fixtures, plus the files given), and what
  pdfplumber's own page parse would cost on those pages instead;
- peak memory (tracemalloc) of extracting the whole corpus.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HEAVY = ("underthesea", "spacy", "torch", "pdfplumber", "pdfminer", "docx", "jsonschema", "pypdfium2")


def startup() -> None:
    code = ("import time,sys;t=time.perf_counter();import extractor;"
            "print(round((time.perf_counter()-t)*1000,1));"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.split("\n")
    print(f"import extractor: {out[0]} ms; heavy modules loaded: {out[1] or 'none'}")


def cli_once(pdf: Path) -> None:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "extractor", "extract", "--jsonl", str(pdf)],
                           capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
        assert p.returncode == 0, p.stderr
    print(f"chidao extract {pdf.name} ({_pages(pdf)} pages), whole process: "
          f"best {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms")


def _pages(pdf: Path) -> int:
    import pypdfium2
    return len(pypdfium2.PdfDocument(str(pdf)))


def per_format(files: list[Path]) -> None:
    from extractor import extract
    for f in files[:1]:
        extract(f)  # warm up imports and rule compilation
    by_fmt: dict[str, list[float]] = {}
    pages = 0
    for f in files:
        t = time.perf_counter()
        rec = extract(f)
        dt = time.perf_counter() - t
        by_fmt.setdefault(f.suffix.lstrip("."), []).append(dt)
        if f.suffix == ".pdf":
            pages += rec.source.pages or 0
    for fmt, ts in sorted(by_fmt.items()):
        print(f"  {fmt:5s} {len(ts):3d} docs  mean {statistics.mean(ts) * 1000:7.1f} ms  "
              f"max {max(ts) * 1000:7.1f} ms")
    if pages:
        print(f"  pdf: {sum(by_fmt['pdf']) / pages * 1000:.1f} ms per page ({pages} pages)")


def readers(pdfs: list[Path]) -> None:
    import pdfplumber
    import pypdfium2
    n = 0
    t = time.perf_counter()
    for f in pdfs:
        doc = pypdfium2.PdfDocument(str(f))
        for page in doc:
            page.get_textpage().get_text_range()
            n += 1
    a = (time.perf_counter() - t) / n
    t = time.perf_counter()
    for f in pdfs:
        with pdfplumber.open(str(f)) as doc:
            for page in doc.pages:
                page.extract_words()
    b = (time.perf_counter() - t) / n
    from extractor.readers.pdf import read_pdf
    t = time.perf_counter()
    for f in pdfs:
        read_pdf(f.read_bytes(), str(f))
    c = (time.perf_counter() - t) / n
    print(f"  per page: pypdfium2 text {a * 1000:.1f} ms, chidao PDF reader {c * 1000:.1f} ms, "
          f"pdfplumber words {b * 1000:.1f} ms (pdfplumber/chidao = {b / c:.0f}x)")


def tables(pdfs: list[Path]) -> None:
    import pypdfium2
    import pypdfium2.raw as raw
    from extractor.readers import pdf_tables
    from extractor.readers.pdf import read_pdf
    from extractor.readers.pdf_rules import Rules
    rules = Rules(raw)
    n = ruled = 0
    dt = 0.0
    for f in pdfs:
        doc = pypdfium2.PdfDocument(str(f))
        loaded = list(doc)  # read_pdf probes a page it has loaded already
        t = time.perf_counter()
        for page in loaded:
            ruled += rules.drawn(page)
            n += 1
        dt += time.perf_counter() - t
        doc.close()
    print(f"  probe for rules: {dt / max(n, 1) * 1000:.3f} ms per page ({n} pages, {ruled} with rules)")
    fixtures = sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*tables*.pdf")) + \
        sorted((ROOT / "tests" / "fixtures" / "pdf").glob("tasks*.pdf"))
    ruled_files = fixtures + [f for f in pdfs if f not in fixtures]
    with_t = without_t = 0.0
    pages = 0
    real = pdf_tables.Finder.tables
    for f in ruled_files:
        data = f.read_bytes()
        doc = pypdfium2.PdfDocument(data)
        count = sum(rules.drawn(page) for page in doc)
        doc.close()
        if not count:
            continue
        pages += count
        read_pdf(data)
        with_t += min(_timed(read_pdf, data) for _ in range(3))
        pdf_tables.Finder.tables = lambda self, page, height: []
        try:
            without_t += min(_timed(read_pdf, data) for _ in range(3))
        finally:
            pdf_tables.Finder.tables = real
    plumber_t = 0.0
    import io

    import pdfplumber
    for f in ruled_files:
        data = f.read_bytes()
        doc = pypdfium2.PdfDocument(data)
        marks = [rules.drawn(page) for page in doc]
        doc.close()
        with pdfplumber.open(io.BytesIO(data)) as pl:
            for page, ruled_page in zip(pl.pages, marks):
                if ruled_page:
                    plumber_t += _timed(page.find_tables)
    if pages:
        print(f"  pdfplumber's find_tables() parsing the same pages itself: "
              f"{plumber_t / pages * 1000:.0f} ms per page")
    if pages:
        print(f"  tables (PDFium rules + pdfplumber's table finder): "
              f"+{(with_t - without_t) / pages * 1000:.1f} ms per ruled page "
              f"({pages} pages; reading them without it: {without_t / pages * 1000:.1f} ms a page)")


def _timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


def memory(files: list[Path]) -> None:
    from extractor import extract
    tracemalloc.start()
    for f in files:
        extract(f)
    cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak traced memory over {len(files)} documents: {peak / 2**20:.1f} MiB")


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted(
        f for f in (ROOT / "corpus").iterdir() if f.suffix in (".txt", ".md", ".docx", ".pdf")
        and not f.name.startswith("README"))
    startup()
    pdfs = [f for f in files if f.suffix == ".pdf"]
    two = [f for f in pdfs if _pages(f) == 2]
    if two:
        cli_once(two[0])
    print("extraction, warm process:")
    per_format(files)
    if pdfs:
        print("PDF readers:")
        readers(pdfs)
        print("ruled tables:")
        tables(pdfs)
    print("memory:")
    memory(files)


if __name__ == "__main__":
    main()
