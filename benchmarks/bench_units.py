#!/usr/bin/env python3
"""Speed of the unit recogniser (extractor/fields/units), by hand (never in CI).

    python benchmarks/bench_units.py [DIR_OR_FILES...]   (default: corpus/ and ../shared/wild)

Prints, for the segmenter on and off (``CHIDAO_SEGMENTER=off``: the one-syllable rule):

- the one-off costs: importing underthesea and loading its segmenter, tagger and dictionary;
- ``find_units`` per document (whole text) and per sentence (lines and ``.``/``;`` pieces),
  mean and the slowest, with how many windows the segmenter and the tagger saw;
- ``extract`` per document first, with cold caches (the whole record: the task finder calls
  ``find_units`` on many slices of each sentence), mean and the slowest.

Figures are CPU time of this process (``time.process_time``), so other processes on the
machine count less; run it twice and read the second run.
"""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _texts(args: list[str]) -> list[Path]:
    if not args:
        args = [str(ROOT / "corpus"), str(ROOT.parent / "shared" / "wild")]
    out: list[Path] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            out += sorted(x for x in p.glob("*") if x.suffix in (".txt", ".md") and x.stem != "README")
        elif p.exists():
            out.append(p)
    return out


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"\n|(?<=[.;:])\s", text) if len(s.strip()) > 3]


def _clock() -> float:
    return time.process_time()


def loading() -> None:
    from extractor.fields.units import segment
    t = _clock()
    import underthesea  # noqa: F401
    t1 = _clock()
    segment._nlp()  # loads word_tokenize and pos_tag (a first call of each)
    t2 = _clock()
    segment._words()
    t3 = _clock()
    print(f"underthesea: import {t1 - t:.2f} s, models (segmenter + tagger) {t2 - t1:.2f} s, "
          f"dictionary {t3 - t2:.2f} s")


def run(files: list[Path], label: str) -> None:
    from extractor import extract
    from extractor.fields.units import find_units, segment
    texts = [(f, f.read_text(encoding="utf-8")) for f in files]
    find_units("Sở Tài chính chủ trì")  # lexicon
    ext = []
    for f, _ in texts:
        t = _clock()
        try:
            extract(f)
        except Exception as e:  # a benchmark, not a test: report and go on
            print(f"  {f.name}: {type(e).__name__}: {e}")
            continue
        ext.append((_clock() - t, f.name))
    if ext:
        print(f"[{label}] extract: {sum(d for d, _ in ext) / len(ext) * 1000:.0f} ms a document, "
              f"slowest {max(ext)[0] * 1000:.0f} ms ({max(ext)[1]})")
    segment._lengths.cache_clear()
    segment._tags.cache_clear()
    seg0 = segment._lengths.cache_info().misses
    tag0 = segment._tags.cache_info().misses
    doc_t = []
    for f, text in texts:
        t = _clock()
        find_units(text)
        doc_t.append((_clock() - t, f.name, len(text)))
    seg1 = segment._lengths.cache_info().misses
    tag1 = segment._tags.cache_info().misses
    sents = [s for _, text in texts for s in _sentences(text)]
    t = _clock()
    slow = (0.0, "")
    for s in sents:
        t0 = _clock()
        find_units(s)
        dt = _clock() - t0
        if dt > slow[0]:
            slow = (dt, s[:60])
    sent_total = _clock() - t
    chars = sum(n for _, _, n in doc_t)
    total = sum(d for d, _, _ in doc_t)
    worst = max(doc_t)
    print(f"[{label}] find_units on {len(doc_t)} documents ({chars / 1000:.0f} K chars): "
          f"{total / len(doc_t) * 1000:.1f} ms a document, {total / chars * 25000 * 1000:.0f} ms per 25 KB, "
          f"slowest {worst[0] * 1000:.0f} ms ({worst[1]}, {worst[2] // 1000} K chars); "
          f"windows segmented {seg1 - seg0}, tagged {tag1 - tag0}")
    print(f"[{label}] find_units on {len(sents)} sentences: {sent_total / len(sents) * 1000:.3f} ms a sentence, "
          f"slowest {slow[0] * 1000:.1f} ms ({slow[1]!r})")


def main() -> None:
    files = _texts(sys.argv[1:])
    if not files:
        sys.exit("no .txt/.md files")
    if os.environ.get("CHIDAO_SEGMENTER", "").lower() not in ("0", "off", "no", "false"):
        loading()
        run(files, "segmenter on")
    else:
        run(files, "segmenter off")
    if "--both" not in sys.argv and os.environ.get("CHIDAO_SEGMENTER") is None:
        print("(run with CHIDAO_SEGMENTER=off for the one-syllable rule)")


if __name__ == "__main__":
    main()
