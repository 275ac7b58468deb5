"""Text normalisation for matching, with offsets that stay valid.

Two kinds of normalisation live here:

- :func:`clean_text` is applied once by readers: Unicode NFC, odd spaces (NBSP,
  zero-width) made plain, the PDF hyphenation marker U+FFFE removed. Its output *is*
  the record's ``text``; every offset points into it.
- :func:`fold` builds a *matching key* of exactly the same length as its input, so a
  regex match on the folded string has the same ``start``/``end`` in the original.
  It removes case, tone-mark placement (``hoà``/``hòa``, ``uỷ``/``ủy``), dash variants
  and, optionally, all diacritics (``accents=False``) for text that lost them.

Spacing differences (``Số : 4144 /GDĐT – VP``) are absorbed by the patterns (``\\s*``),
never by deleting characters, so the map stays the identity on offsets.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# old-style tone placement → new style; both sides are 2 characters, so the map keeps length
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_RE = re.compile("|".join(_OLD_TONES))
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad]")
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")


_TEX = re.compile(r"\$([^$\n]{1,120}?\\[a-zA-Z]+[^$\n]{0,120}?)\$")


def _untex(m: "re.Match") -> str:
    inner = re.sub(r"\\[a-zA-Z]+", "", m.group(1))
    return re.sub(r"[{}\s]", "", inner)


def clean_text(s: str) -> str:
    """NFC, plain spaces, no zero-width characters or soft hyphens. Not length-preserving:
    readers call it *before* offsets are assigned."""
    s = unicodedata.normalize("NFC", s)
    if "$" in s and "\\" in s:
        s = _TEX.sub(_untex, s)  # OCR output: "$( \\mathsf { b } / \\mathsf { c } )$" → "(b/c)"
    s = _ZERO_WIDTH.sub("", s)
    s = _ODD_SPACE.sub(" ", s)
    return s


def _tables() -> tuple[dict, dict]:
    """str.translate tables: lower case (length-preserving) and, for ``accents=False``,
    the base letter of every Latin/Vietnamese letter."""
    lower, plain = {}, {}
    for cp in list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(cp)
        low = c.lower()
        low = low if len(low) == 1 else c
        if low != c:
            lower[cp] = low
        base = "d" if low == "đ" else unicodedata.normalize("NFD", low)[0]
        if base != c:
            plain[cp] = base
    for k, v in _DASH_MAP.items():
        lower[ord(k)] = v
        plain[ord(k)] = "d" if v == "đ" else v
    return lower, plain


_DASH_MAP = {"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "ð": "đ", "\u00a0": " ", "\u2007": " ",
             "\u202f": " ", "\t": " ", "“": '"', "”": '"', "‘": "'", "’": "'"}
_LOWER, _PLAIN = _tables()


def fold(s: str, accents: bool = True) -> str:
    """Length-preserving matching key: ``len(fold(s)) == len(s)`` for any NFC string.

    >>> fold("Hoà Bình – UỶ BAN")
    'hòa bình - ủy ban'
    >>> fold("Quyết định", accents=False)
    'quyet dinh'
    """
    if not accents:
        return s.translate(_PLAIN)
    out = s.translate(_LOWER)
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(0)], out)


def fold_pattern(p: str) -> str:
    """Fold the literal letters of a regex pattern written in natural spelling, so rule
    authors can write ``Hoà`` or ``Uỷ ban`` and still match ``hòa``/``ủy`` in folded text.
    Escapes such as ``\\S`` or ``\\D`` are left alone."""
    parts = re.split(r"(\\.|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux]+\))", p)
    return "".join(part if i % 2 else fold(part) for i, part in enumerate(parts))


def is_caps(s: str) -> bool:
    """A line printed in capitals (at least two letters, none lower case): header lines,
    signature positions."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def squash_spaces(s: str) -> str:
    """Collapse runs of whitespace to one space and strip: for output values, not offsets."""
    return " ".join(s.split())


_LOWER_WORDS = {"và", "của", "các", "về", "trên", "tại", "thuộc", "với", "cho", "trong"}
# words that stay in capitals inside a proper name
_KEEP_UPPER = {"UBND", "HĐND", "MTTQ", "UBMTTQ", "BHXH", "BHYT", "CP", "TW", "VN", "TP", "TX",
               "TT", "BCH", "BTV", "VH", "KH", "ĐT", "GD", "THCS", "THPT", "CNTT", "XHCN", "TNHH",
               "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XX"}
# words that start a proper name (place or person): the following words are capitalised
_NAME_MARKERS = {"tỉnh", "huyện", "xã", "thị", "thành", "phường", "quận", "trấn", "phố"}


def sentence_case_name(caps: str) -> str:
    """Normal Vietnamese capitalisation for an all-caps header line.

    ``HUYỆN ỦY BÌNH SƠN`` → ``Huyện ủy Bình Sơn``; ``ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI`` →
    ``Ủy ban nhân dân tỉnh Quảng Ngãi``; ``SỞ GIÁO DỤC VÀ ĐÀO TẠO`` → ``Sở Giáo dục và Đào tạo``.
    Lines that are not all caps are returned unchanged (whitespace collapsed).
    """
    s = squash_spaces(caps)
    letters = [c for c in s if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return s
    return _casing().apply(s)


class _Casing:
    """Rules of patterns/header.yaml ``casing``: everything lower case but the first word,
    proper phrases (sector names, Việt Nam) and the place name after a place marker."""

    def __init__(self, rules: dict) -> None:
        self.proper = sorted(rules["proper_phrases"], key=len, reverse=True)
        self.lower = sorted((p.lower() for p in rules["lower_phrases"]), key=len, reverse=True)
        self.markers = sorted((m.lower() for m in rules["place_markers"]), key=len, reverse=True)

    def apply(self, caps: str) -> str:
        words = caps.lower().split(" ")
        out = []
        i = 0
        place = False
        while i < len(words):
            w = words[i]
            rest = " ".join(words[i:])
            marker = next((m for m in self.markers if rest == m or rest.startswith(m + " ")), None)
            if marker and not place and i > 0 and not re.match(r"(?:ủy|uỷ|đoàn)\b", " ".join(words[i + len(marker.split()):])):
                n = len(marker.split())
                out.extend(words[i:i + n])
                i += n
                place = True
                continue
            if marker and i == 0:
                n = len(marker.split())
                out.extend(words[i:i + n])
                i += n
                if re.match(r"(?:ủy|uỷ|đoàn)\b", " ".join(words[i:])):
                    out.append(words[i])  # "huyện ủy" + place name
                    i += 1
                place = True
                continue
            lower = next((p for p in self.lower if rest == p or rest.startswith(p + " ")), None)
            if lower and not place and len(lower.split()) > 1:
                n = len(lower.split())
                chunk = words[i:i + n]
                if out and out[-1] in ("ủy", "uỷ") and chunk[0] in ("ủy", "uỷ"):
                    chunk[0] = chunk[0].capitalize()  # "Đảng ủy Ủy ban nhân dân"
                out.extend(chunk)
                i += n
                continue
            proper = next((p for p in self.proper if fold(rest).startswith(fold(p).lower())
                           and (len(rest) == len(p) or rest[len(p)] in " -,")), None)
            if proper and not place:
                n = len(proper.split())
                out.extend(proper.split())
                i += n
                continue
            out.append(w[:1].upper() + w[1:] if place and w not in _LOWER_WORDS else w)
            i += 1
        res = " ".join(out)
        res = re.sub(r"\b(ubnd|hđnd|mttq|ubmttq|bhxh|tw|tx\.|tp\.)", lambda m: m.group(1).upper(), res)
        return res[:1].upper() + res[1:]


@lru_cache(maxsize=1)
def _casing() -> _Casing:
    from .resources import load_patterns  # local import: resources is a leaf module
    return _Casing(load_patterns("header")["casing"])
