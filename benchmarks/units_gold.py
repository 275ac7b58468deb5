#!/usr/bin/env python3
"""How well ``find_units`` gets the gold unit names of annotated letters, by hand (never in CI).

    python benchmarks/units_gold.py DIR [DIR ...] [--misses] [--errors] [--doc NAME]
    (default: /work/devwild)

For every ``NAME.gold.json`` with a ``NAME.txt`` (or ``.md``) beside it, ``find_units`` runs
over the whole text, and the script prints, per folder:

- **strict recall**: gold lead/support names of every task (optional ones too, attachments
  too), cut into atoms at ``,`` ``;`` ``và`` as score.py cuts them
  (:func:`extractor.eval.unit_atoms`), found among the atoms of the mentions, equal after
  :func:`extractor.eval.norm` (the figure of tests/test_units.py
  ``test_corpus_exact_atoms_of_gold_units``); with ``distribute``: the same, when each
  mention is also given out by :func:`distribute` (``Giám đốc các Sở: A, B``);
- **loose recall**: found by score.py's ``name_score`` (>= 0.85 similar, only function
  words differ), the figure of ``test_corpus_recall_of_gold_units``;
- **boundary errors**: each gold name is located in the text (word sequence after
  ``norm``, so ``UBND`` finds ``Ủy ban nhân dân``) and cut into atoms there; a found atom
  that overlaps a located gold atom without having its span, and that is no gold atom
  itself (``Chủ tịch UBND tỉnh`` over a gold ``UBND tỉnh`` is fine when both are gold),
  is an error: ``long`` (runs on into a verb, swallows a neighbour), ``short`` (cuts a
  word, stops inside the name) or ``cross`` (both). Each distinct (document, found atom)
  counts once; a mention that :func:`distribute` gives out is judged by the names it gives
  (``Các bộ: Công an, Nội vụ`` over a gold ``Bộ Công an``). ``untouched`` counts located gold
  atoms no mention touches.

``--misses`` lists the strict misses, ``--errors`` the boundary errors (with the gold atom
and its context).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.eval import ATOM_SPLIT, name_score, norm, unit_atoms  # noqa: E402
from extractor.fields.units import distribute, find_units  # noqa: E402


def strip_markdown(s: str) -> str:
    """As tests/test_units.py does (same length is not needed: offsets stay in this text)."""
    s = re.sub(r"\\([*_\\#])", r"\1", s)
    s = re.sub(r"\*+", "", s)
    return re.sub(r"(?m)^#+\s*", "", s)


def gold_names(gold: dict) -> list[str]:
    out: list[str] = []
    for doc in [gold, *gold.get("attachments", [])]:
        for t in doc.get("tasks", []):
            for key in ("lead", "support"):
                for u in t.get(key) or []:
                    u = u.get("name") if isinstance(u, dict) else u
                    if u and u not in out:
                        out.append(u)
    return out


def atom_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Char spans of the atoms of ``text[s:e]`` (cut as :func:`unit_atoms` cuts)."""
    seg = text[s:e]
    out = []
    pos = 0
    for m in list(ATOM_SPLIT.finditer(seg)) + [None]:
        a, b = pos, (m.start() if m else len(seg))
        while a < b and not seg[a].isalnum():
            a += 1
        while b > a and not seg[b - 1].isalnum() and seg[b - 1] != ")":
            b -= 1
        if b > a and norm(seg[a:b]):
            out.append((s + a, s + b))
        if m:
            pos = m.end()
    return out


_WORD = re.compile(r"\w+")


def word_stream(text: str) -> list[tuple[str, int, int]]:
    """Normalised words of ``text`` with the char span of the source word each comes from
    (an abbreviation gives several words with one span)."""
    out = []
    for m in _WORD.finditer(text):
        for w in norm(m.group(0)).split():
            out.append((w, m.start(), m.end()))
    return out


def locate(stream: list[tuple[str, int, int]], name: str) -> list[tuple[int, int]]:
    words = norm(name).split()
    if not words:
        return []
    n = len(words)
    seq = [w for w, _, _ in stream]
    out = []
    for i in range(len(seq) - n + 1):
        if seq[i:i + n] == words:
            out.append((stream[i][1], stream[i + n - 1][2]))
    return out


def measure(folder: Path, show_misses: bool, show_errors: bool, only: str | None) -> dict:
    totals = dict(gold=0, strict=0, dist=0, loose=0, long=0, short=0, cross=0, missed=0,
                  located=0, mentions=0, chars=0)
    misses, errors = [], []
    t0 = time.process_time()
    for g in sorted(folder.glob("*.gold.json")):
        stem = g.name[: -len(".gold.json")]
        if only and stem != only:
            continue
        src = next((p for p in (g.with_name(f"{stem}.txt"), g.with_name(f"{stem}.md")) if p.exists()), None)
        if src is None:
            continue
        text = unicodedata.normalize("NFC", strip_markdown(src.read_text(encoding="utf-8")))
        gold = gold_names(json.loads(g.read_text(encoding="utf-8")))
        units = find_units(text)
        totals["mentions"] += len(units)
        totals["chars"] += len(text)
        found = {norm(a) for u in units for a in unit_atoms([u.text])}
        dist = found | {norm(a) for u in units for d in distribute(u.text) for a in unit_atoms([d])}
        found_raw = list(dict.fromkeys(a for u in units for a in unit_atoms([u.text])))
        gold_atoms = list(dict.fromkeys(norm(a) for a in unit_atoms(gold)))
        gold_set = set(gold_atoms)
        for a in gold_atoms:
            totals["gold"] += 1
            totals["strict"] += a in found
            totals["dist"] += a in dist
            totals["loose"] += any(name_score(a, f, 0.85) > 0 for f in found_raw)
            if a not in found:
                misses.append(f"{stem}: {a!r}")
        # boundaries
        stream = word_stream(text)
        gold_spans: set[tuple[int, int]] = set()
        for name in gold:
            for s, e in locate(stream, name):
                gold_spans.update(atom_spans(text, s, e))
        # a mention that distribute() gives out (Các Bộ: Công an, Nội vụ) names what it gives
        found_spans, given = [], {}
        for u in units:
            names = {norm(a) for d in distribute(u.text) for a in unit_atoms([d])}
            for sp in atom_spans(text, u.start, u.end):
                found_spans.append(sp)
                given[sp] = names
        seen = set()
        for gs, ge in sorted(gold_spans):
            totals["located"] += 1
            touching = [(s, e) for s, e in found_spans if s < ge and e > gs]
            if not touching:
                totals["missed"] += 1
            for s, e in touching:
                if (s, e) == (gs, ge) or norm(text[s:e]) in gold_set or given[(s, e)] & gold_set:
                    continue
                key = (s, e)
                if key in seen:
                    continue
                seen.add(key)
                kind = "long" if s <= gs and e >= ge else "short" if s >= gs and e <= ge else "cross"
                totals[kind] += 1
                ctx = text[max(0, min(s, gs) - 30):max(e, ge) + 30].replace("\n", " ⏎ ")
                errors.append(f"{stem} {kind:5} found={text[s:e]!r} gold={text[gs:ge]!r}\n      …{ctx}…")
    totals["secs"] = time.process_time() - t0
    n = totals["gold"] or 1
    print(f"== {folder}: {totals['gold']} gold atoms; strict {totals['strict'] / n:.3f} "
          f"({totals['strict']}), with distribute {totals['dist'] / n:.3f}, loose {totals['loose'] / n:.3f}; "
          f"located {totals['located']} gold atoms: boundary errors {totals['long'] + totals['short'] + totals['cross']} "
          f"(long {totals['long']}, short {totals['short']}, cross {totals['cross']}), untouched {totals['missed']}; "
          f"{totals['mentions']} mentions, {totals['chars'] / 1000:.0f}k chars, {totals['secs']:.1f} s CPU")
    if show_misses:
        for m in misses:
            print("  miss", m)
    if show_errors:
        for e in errors:
            print("  err ", e)
    return totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", default=["/work/devwild"])
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--doc")
    a = ap.parse_args()
    for d in a.dirs:
        measure(Path(d), a.misses, a.errors, a.doc)


if __name__ == "__main__":
    main()
