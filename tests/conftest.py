"""Shared fixtures: the project's annotated corpus (corpus/) and helpers."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def gold_files() -> list[Path]:
    return sorted(CORPUS.glob("*.gold.json"))


def sources(fmt: str) -> list[tuple[Path, dict]]:
    """(source file, gold) pairs of the project corpus for one format."""
    out = []
    for g in gold_files():
        stem = g.name[: -len(".gold.json")]
        exts = ("txt", "md") if fmt == "text" else (fmt,)
        for ext in exts:
            src = g.with_name(f"{stem}.{ext}")
            if src.exists():
                out.append((src, json.loads(g.read_text(encoding="utf-8"))))
    return out


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
