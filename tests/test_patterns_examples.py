"""The examples beside the header rule files (patterns/*.examples.yaml), run through the
whole pipeline: they are the documentation of the rules, and their tests."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.resources import load_examples


def _get(d, dotted):
    for part in dotted.split("."):
        if isinstance(d, list):
            d = d[int(part)] if int(part) < len(d) else None
        elif isinstance(d, dict):
            d = d.get(part)
        else:
            return None
    return d


HEADER = load_examples("header")


@pytest.mark.parametrize("ex", HEADER, ids=[e["input"][:40].replace("\n", "|") for e in HEADER])
def test_header_example(ex):
    rec = extract(ex["input"].encode("utf-8"), format="txt").to_dict()
    for path, want in ex["expected"].items():
        got = _get(rec, path)
        if isinstance(want, str) and isinstance(got, str):
            assert " ".join(got.split()) == want, f"{path}: {got!r} != {want!r}"
        else:
            assert got == want, f"{path}: {got!r} != {want!r}"


DOC_TYPES = load_examples("doc_types")


@pytest.mark.parametrize("ex", DOC_TYPES, ids=[e["input"].replace("\n", "|")[:50] for e in DOC_TYPES])
def test_doc_type_example(ex):
    rec = extract(ex["input"].encode("utf-8"), format="txt").to_dict()
    assert (rec["doc_type"] or {}).get("code") == ex["expected"]
