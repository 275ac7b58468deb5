"""Loading of rule data from ``patterns/`` (YAML), cached once per process.

Rule files are plain YAML written in the document's natural spelling; helpers here fold
them into matching keys (see :mod:`extractor.normalize`). Each ``patterns/NAME.yaml``
may have a ``patterns/NAME.examples.yaml`` beside it: a list of ``{input, expected}``
items that are both documentation and tests (``tests/test_patterns_examples.py``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).resolve().parent
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


def patterns_dir() -> Path:
    """The rule-data folder: ``patterns/`` beside the package in a checkout or editable
    install, else the copy shipped inside the package (``extractor/data/patterns``)."""
    for cand in (_HERE.parent / "patterns", _HERE / "data" / "patterns"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("chidao: rule data folder 'patterns/' not found")


def schemas_dir() -> Path:
    for cand in (_HERE.parent / "schemas", _HERE / "data" / "schemas"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("chidao: folder 'schemas/' not found")


@lru_cache(maxsize=None)
def load_patterns(name: str) -> Any:
    """Parsed ``patterns/NAME.yaml`` (cached)."""
    path = patterns_dir() / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)


def load_examples(name: str) -> list[dict]:
    """Parsed ``patterns/NAME.examples.yaml``: the examples that document and test a rule file."""
    path = patterns_dir() / f"{name}.examples.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader) or []
