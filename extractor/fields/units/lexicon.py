"""The lexicon of the unit grammar: every phrase of patterns/units.yaml, tokenised like the
text, in a trie of folded tokens (so case, tone placement and spacing do not count)."""
from __future__ import annotations

from functools import lru_cache

from ...normalize import fold
from ...resources import load_patterns
from .tokens import Tok, tokenize

_CLASSES = ("standalone", "named", "named_late", "central_heads", "sector_names", "capital_only", "names", "holders", "holders_alone",
            "holder_mods", "honorifics", "quantifiers", "unit_cues", "levels", "named_levels", "not_levels", "generic",
            "person_heads", "person_nouns", "field_nouns", "not_modifiers", "actors", "function_verbs", "generic_places", "not_generic", "coordinated_bodies", "strong_q", "weak_q", "of_unit", "of_unit_group",
            "upper_levels", "advisory", "area", "field", "holder_field", "branch", "stop_caps", "stop_words")


class Lexicon:
    def __init__(self, data: dict):
        self.known_abbrev = frozenset(data.get("abbreviations", {}))
        self.cities = tuple(data.get("cities") or ())
        self.expand = {fold(k): v for k, v in data.get("abbreviations", {}).items()}
        self.trie: dict = {}
        lists = {k: data.get(k) or [] for k in _CLASSES}
        lists["strong_q"] = data.get("qualifiers", {}).get("strong", [])
        lists["weak_q"] = data.get("qualifiers", {}).get("weak", [])
        for k in ("of_unit", "of_unit_group", "upper_levels", "advisory", "area", "field", "holder_field", "branch"):
            lists[k] = data.get("linkers", {}).get(k, [])
        holders = list(lists["holders"])
        holders += [f"Phó {h}" for h in holders if not fold(h).startswith("phó")]
        lists["holders"] = holders
        self.capital_only: set[tuple] = set()
        for cls, phrases in lists.items():
            for p in phrases:
                key = tuple(t.f for t in tokenize(str(p), self.known_abbrev))
                if not key:
                    continue
                if cls == "capital_only":
                    self.capital_only.add(key)
                    continue
                node = self.trie
                for f in key:
                    node = node.setdefault(f, {})
                node.setdefault("\0", set()).add(cls)

    def ends(self, toks: list[Tok], i: int, cls: str) -> list[int]:
        """Token indices where a phrase of ``cls`` starting at ``i`` ends (ascending)."""
        return self.all_ends(toks, i).get(cls, [])

    def all_ends(self, toks: list[Tok], i: int) -> dict[str, list[int]]:
        """For every class, the token indices where one of its phrases starting at ``i``
        ends (ascending): one walk down the trie for all classes."""
        out: dict[str, list[int]] = {}
        node = self.trie
        j = i
        while j < len(toks):
            node = node.get(toks[j].f)
            if node is None:
                break
            j += 1
            for cls in node.get("\0", ()):
                out.setdefault(cls, []).append(j)
        return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(load_patterns("units"))

