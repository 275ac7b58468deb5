"""The annotated corpus (corpus/): gold files, sources and renderings are complete and sound.

These tests read the committed files only; they never run LibreOffice
(corpus/make_renderings.py makes the .docx and .pdf renderings).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLDS = sorted(CORPUS.glob("*.gold.json"))
STEMS = [g.name[: -len(".gold.json")] for g in GOLDS]

REQUIRED = ("regime", "is_draft", "doc_type", "number", "date", "issuer", "subject",
            "recipients", "signer", "references", "tasks", "targets")
RECURRENCES = {None, "weekly", "monthly", "quarterly", "semiannual", "annual"}
COMPARATORS = {">=", ">", "=", "<=", "<", "range"}
DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-"})


def squash(s: str) -> str:
    """Text compared without spaces, case or dash variants."""
    s = unicodedata.normalize("NFC", s).translate(DASHES).casefold()
    return re.sub(r"\s+", "", s)


def load(stem: str) -> dict:
    return json.loads((CORPUS / f"{stem}.gold.json").read_text(encoding="utf-8"))


def documents(gold: dict):
    """The gold of the main document and of each attachment."""
    yield gold
    for att in gold.get("attachments") or []:
        yield from documents(att)


def iso(value, where: str):
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), f"{where}: {value!r} is not YYYY-MM-DD"
    return dt.date.fromisoformat(value)  # raises on 2023-02-30


def test_corpus_is_there():
    assert len(GOLDS) >= 20, "the corpus should hold the 16 shared letters and the written ones"


@pytest.mark.parametrize("stem", STEMS)
def test_gold_parses_with_required_keys(stem):
    gold = load(stem)
    for n, doc in enumerate(documents(gold)):
        where = f"{stem}{'#att' + str(n) if n else ''}"
        missing = [k for k in REQUIRED if k not in doc]
        assert not missing, f"{where}: missing keys {missing}"
        assert doc["regime"] in ("state", "party", "unknown"), where
        assert isinstance(doc["is_draft"], bool), where
        assert doc["doc_type"] is None or isinstance(doc["doc_type"].get("code"), str) \
            or isinstance(doc["doc_type"].get("name"), str), where  # a type without a code ("Thư ngỏ")
        assert doc["number"] is None or doc["number"].get("text") is None \
            or isinstance(doc["number"].get("text"), str), where  # {"text": null}: no number printed
        for key in ("issuer", "signer"):
            assert doc[key] is None or isinstance(doc[key], dict), where
        assert doc["subject"] is None or isinstance(doc["subject"], str), where
        for r in doc["recipients"]:
            assert r.get("role") in ("to", "cc") and isinstance(r.get("name"), str) and r["name"].strip(), \
                f"{where}: bad recipient {r}"
        for ref in doc["references"]:
            assert isinstance(ref.get("number"), str) and ref["number"], f"{where}: reference without number {ref}"
        for t in doc["tasks"]:
            assert isinstance(t.get("lead"), list) and isinstance(t.get("support"), list), f"{where}: {t}"
            assert "deadline" in t, f"{where}: task without a deadline key {t}"
            d = t["deadline"]
            assert d is None or (isinstance(d, dict) and d.get("recurrence") in RECURRENCES), f"{where}: {t}"
        for tg in doc["targets"]:
            assert tg.get("comparator") in COMPARATORS, f"{where}: {tg}"
            assert isinstance(tg.get("value"), (int, float)), f"{where}: {tg}"
            if tg["comparator"] == "range":
                assert isinstance(tg.get("value_max"), (int, float)), f"{where}: {tg}"
            assert isinstance(tg.get("unit"), str), f"{where}: {tg}"
        for field in doc.get("_skip", []):
            assert isinstance(field, str), where


@pytest.mark.parametrize("stem", STEMS)
def test_gold_dates_are_valid_iso(stem):
    gold = load(stem)
    for n, doc in enumerate(documents(gold)):
        where = f"{stem}{'#att' + str(n) if n else ''}"
        date = doc["date"]
        if date:
            if date.get("iso") is not None:
                d = iso(date["iso"], f"{where} date")
                assert (d.year, d.month, d.day) == (date.get("year"), date.get("month"), date.get("day")), \
                    f"{where}: date.iso disagrees with year/month/day"
            for k, lo, hi in (("year", 1945, 2100), ("month", 1, 12), ("day", 1, 31)):
                v = date.get(k)
                assert v is None or (isinstance(v, int) and lo <= v <= hi), f"{where}: date.{k}={v!r}"
        for ref in doc["references"]:
            if ref.get("date") is not None:
                iso(ref["date"], f"{where} reference {ref['number']}")
        for t in doc["tasks"]:
            if t["deadline"] and t["deadline"].get("date") is not None:
                iso(t["deadline"]["date"], f"{where} task deadline")


@pytest.mark.parametrize("stem", STEMS)
def test_every_gold_has_its_source_and_renderings(stem):
    sources = [CORPUS / f"{stem}{ext}" for ext in (".txt", ".md")]
    assert any(p.exists() and p.stat().st_size > 0 for p in sources), f"no .txt/.md source for {stem}"
    for ext in (".docx", ".pdf"):
        p = CORPUS / f"{stem}{ext}"
        assert p.exists() and p.stat().st_size > 0, f"missing rendering {p.name} (run corpus/make_renderings.py)"


def test_sources_tsv_lists_every_letter():
    rows = (CORPUS / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    assert header[:2] == ["file", "source"]
    listed = {r.split("\t")[0] for r in rows[1:] if r.strip()}
    for stem in STEMS:
        src = next((f"{stem}{ext}" for ext in (".txt", ".md") if (CORPUS / f"{stem}{ext}").exists()), None)
        assert src in listed, f"{src} has no row in corpus/SOURCES.tsv"
    for r in rows[1:]:
        assert len(r.split("\t")) == len(header), f"bad SOURCES.tsv row: {r[:60]}"


def docx_text(path: Path) -> str:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(path))
    parts: list[str] = []

    def walk(container):
        for p in container.paragraphs:
            parts.append(p.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    return "\n".join(parts)


@pytest.mark.parametrize("stem", STEMS)
def test_docx_opens_and_holds_number_and_signer(stem):
    text = squash(docx_text(CORPUS / f"{stem}.docx"))
    for n, doc in enumerate(documents(load(stem))):
        where = f"{stem}{'#att' + str(n) if n else ''}"
        skip = doc.get("_skip", [])
        if (doc["number"] or {}).get("text") and "number" not in skip:
            assert squash(doc["number"]["text"]) in text, f"{where}: number {doc['number']['text']!r} not in the .docx"
        signer = doc["signer"] or {}
        if signer.get("name") and "signer_name" not in skip:
            assert squash(signer["name"]) in text, f"{where}: signer {signer['name']!r} not in the .docx"


@pytest.mark.parametrize("stem", STEMS)
def test_docx_uses_word_lists_for_numbered_items(stem):
    """Items the source numbers '1.' or starts with '-' are automatic Word lists."""
    src = next(CORPUS / f"{stem}{ext}" for ext in (".txt", ".md") if (CORPUS / f"{stem}{ext}").exists())
    with zipfile.ZipFile(CORPUS / f"{stem}.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        numbering = z.read("word/numbering.xml").decode("utf-8") if "word/numbering.xml" in z.namelist() else ""
    source = src.read_text(encoding="utf-8")
    if re.search(r"(?m)^\s*\d{1,2}\.\s+\S", source):
        assert "<w:numPr>" in body, f"{stem}: no automatic numbering in the .docx"
        assert 'w:val="decimal"' in numbering, f"{stem}: no decimal list in numbering.xml"


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_has_a_text_layer_with_the_number(stem):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(CORPUS / f"{stem}.pdf"))
    try:
        assert len(pdf) >= 1
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        pdf.close()
    text = squash("\n".join(pages))
    assert len(text) > 200, f"{stem}.pdf has no text layer"
    gold = load(stem)
    if (gold["number"] or {}).get("text") and "number" not in gold.get("_skip", []):
        assert squash(gold["number"]["text"]) in text, f"{stem}.pdf: number {gold['number']['text']!r} not in the text layer"
