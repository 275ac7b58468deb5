#!/usr/bin/env python3
"""Does spaCy find unit names as well as chidao's unit grammar? (run by hand, never in CI)

    pip install spacy            # the optional extra: pip install -e ".[nlp]"
    python benchmarks/spacy_units.py [CORPUS_DIR]

The design card lists spaCy; this script is the evidence behind the README's choice. It
builds what a spaCy user would build from the same rule data (``patterns/units.yaml``):
a blank pipeline (``spacy.blank("xx")``: ``spacy.blank("vi")`` needs pyvi, which is not
installed) and a ``SpanRuler`` with

* phrase patterns for every multi-word head, office holder and known name;
* token patterns ``HEAD + capitalised words`` (``Sở`` ``Nội`` ``vụ``: a capitalised word
  and the lowercase syllables after it, as Vietnamese writes names), ``HEAD + level +
  capitalised words`` (``UBND huyện Bình Sơn``), ``quantifier + group noun`` (``các cơ
  quan``), ``holder + any of the above`` (``Chủ tịch UBND xã``);

then measures, over the annotated corpus, the strict recall of the gold lead/support
names (each cut at commas, semicolons and ``và`` as score.py cuts them, equal after
``extractor.eval.norm``), the number of spans found and the time per document, against
``extractor.fields.units.find_units`` on the same texts.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.eval import norm, unit_atoms  # noqa: E402
from extractor.fields.units import find_units  # noqa: E402
from extractor.resources import load_patterns  # noqa: E402


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


def corpus(folder: Path) -> list[tuple[str, str, list[str]]]:
    docs = []
    for g in sorted(folder.glob("*.gold.json")):
        stem = g.name[: -len(".gold.json")]
        src = next((p for p in (g.with_name(f"{stem}.txt"), g.with_name(f"{stem}.md")) if p.exists()), None)
        if src is None:
            continue
        gold = list(dict.fromkeys(norm(a) for a in unit_atoms(_gold_units(json.loads(g.read_text("utf-8"))))))
        docs.append((stem, _strip_markdown(src.read_text(encoding="utf-8")), gold))
    return docs


def spacy_pipeline():
    import spacy

    data = load_patterns("units")
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "units", "phrase_matcher_attr": "LOWER"})
    words = lambda p: str(p).lower().split()  # noqa: E731
    heads = [words(p) for p in (data.get("standalone") or []) + (data.get("named") or [])]
    levels = [words(p) for p in data.get("levels") or []]
    holders = [words(p) for p in data.get("holders") or []]
    generic = [words(p) for p in data.get("generic") or []]
    quants = [words(p) for p in data.get("quantifiers") or []]
    abbrevs = list((data.get("abbreviations") or {}).keys())
    phrases = [" ".join(w) for w in heads + holders] + [str(n) for n in data.get("names") or []] + abbrevs

    def seq(ws: list[str]) -> list[dict]:
        return [{"LOWER": w} for w in ws]

    name = [{"IS_TITLE": True}, {"IS_LOWER": True, "OP": "?"}]  # "Nội vụ", "Tài chính"
    patterns = [{"label": "UNIT", "pattern": p} for p in phrases]
    for h in heads + [[a.lower()] for a in abbrevs]:
        patterns.append({"label": "UNIT", "pattern": seq(h) + name + [{"IS_TITLE": True, "OP": "*"}]})
        for lv in levels:
            patterns.append({"label": "UNIT", "pattern": seq(h) + seq(lv) + [{"IS_TITLE": True, "OP": "*"}]})
    for q in quants:
        for g in generic:
            patterns.append({"label": "UNIT", "pattern": seq(q) + seq(g)})
    for ho in holders:
        for h in heads[:40] + [[a.lower()] for a in abbrevs]:
            patterns.append({"label": "UNIT", "pattern": seq(ho) + seq(h) + [{"IS_TITLE": True, "OP": "*"}]})
    ruler.add_patterns(patterns)
    return nlp, len(patterns)


def spacy_names(nlp, text: str) -> list[str]:
    """The ruler's spans, longest first and not overlapping (``spacy.util.filter_spans``)."""
    from spacy.util import filter_spans

    doc = nlp(text)
    return [s.text for s in filter_spans(list(doc.spans["units"]))]


def score(found: list[list[str]], docs) -> tuple[float, int, int]:
    total = hit = 0
    for names, (_, _, gold) in zip(found, docs):
        atoms = {norm(a) for n in names for a in unit_atoms([n])}
        total += len(gold)
        hit += sum(1 for a in gold if a in atoms)
    return hit / max(1, total), hit, total


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "corpus"
    docs = corpus(folder)
    if not docs:
        print(f"no annotated letters in {folder}")
        return 1
    try:
        t0 = time.perf_counter()
        nlp, n_patterns = spacy_pipeline()
        build = time.perf_counter() - t0
    except ImportError:
        print("spaCy is not installed: pip install spacy (or pip install -e '.[nlp]')")
        return 1

    find_units("Sở Nội vụ")  # load chidao's lexicon and segmenter outside the timing
    rows = {}
    for label, run in (("chidao find_units", lambda t: [u.text for u in find_units(t)]),
                       ("spaCy span_ruler", lambda t: spacy_names(nlp, t))):
        found, times = [], []
        for _, text, _ in docs:
            t = time.perf_counter()
            found.append(run(text))
            times.append(time.perf_counter() - t)
        recall, hit, total = score(found, docs)
        rows[label] = (recall, hit, total, sum(len(f) for f in found), statistics.median(times) * 1000)

    print(f"{len(docs)} annotated letters in {folder}; spaCy {__import__('spacy').__version__}, "
          f"{n_patterns} span-ruler patterns built in {build:.2f} s")
    print(f"{'':22} {'gold names found (strict)':>28} {'spans':>7} {'ms/letter (median)':>20}")
    for label, (recall, hit, total, spans, ms) in rows.items():
        print(f"{label:22} {recall:>10.3f} ({hit:>3}/{total})            {spans:>7} {ms:>20.1f}")
    a, b = rows["chidao find_units"][0], rows["spaCy span_ruler"][0]
    print(f"ratio of recall chidao / spaCy: {a / max(b, 1e-9):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
