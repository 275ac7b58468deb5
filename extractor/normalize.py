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
_OLD_TONE_RE = re.compile("|".join(_OLD_TONES), re.IGNORECASE)
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "ð": "đ",
                         "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ",
                         "“": '"', "”": '"', "‘": "'", "’": "'"})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\ufffe\u00ad]")
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")


def clean_text(s: str) -> str:
    """NFC, plain spaces, no zero-width characters or soft hyphens. Not length-preserving:
    readers call it *before* offsets are assigned."""
    s = unicodedata.normalize("NFC", s)
    s = _ZERO_WIDTH.sub("", s)
    s = _ODD_SPACE.sub(" ", s)
    return s


@lru_cache(maxsize=4096)
def _fold_char(c: str, accents: bool) -> str:
    low = c.lower()
    if len(low) != 1:
        low = c
    if not accents:
        if low == "đ":
            return "d"
        base = unicodedata.normalize("NFD", low)[0]
        return base
    return low


def fold(s: str, accents: bool = True) -> str:
    """Length-preserving matching key: ``len(fold(s)) == len(s)`` for any NFC string.

    >>> fold("Hoà Bình – UỶ BAN")
    'hòa bình - ủy ban'
    >>> fold("Quyết định", accents=False)
    'quyet dinh'
    """
    s = s.translate(_DASHES)
    out = "".join(_fold_char(c, accents) for c in s)
    if accents:
        out = _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group(0).lower()], out)
    assert len(out) == len(s)
    return out


def fold_pattern(p: str) -> str:
    """Fold the literal letters of a regex pattern written in natural spelling, so rule
    authors can write ``Hoà`` or ``Uỷ ban`` and still match ``hòa``/``ủy`` in folded text.
    Escapes such as ``\\S`` or ``\\D`` are left alone."""
    parts = re.split(r"(\\.|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux]+\))", p)
    return "".join(part if i % 2 else fold(part) for i, part in enumerate(parts))


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
    from .resources import name_casing  # local import: resources imports this module
    return name_casing().apply(s)
