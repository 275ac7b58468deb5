"""Document identity: a stable ``id`` for every document a record is or cites.

A document number is not unique (every district has a ``67-KH/HU``), so the id is built from
the three things that identify a document: its issuer's *jurisdiction*, its *year* and its
normalised *number*::

    quang-ngai:2021:4-nq/tu                     Nghị quyết 04-NQ/TU of Tỉnh ủy Quảng Ngãi (2021)
    quang-ngai/binh-son:2022:67-kh/hu           Kế hoạch 67-KH/HU of Huyện ủy Bình Sơn (2022)
    vn:2018:1/2018/tt-vpcp                      Thông tư 01/2018/TT-VPCP (national)
    khanh-hoa/xa-cong-hai:?:-kh/du#1a2b3c4d     a draft with no sequence number and no date

- *number*: the number as written, without spaces, dash variants made ``-``, case-folded,
  tone marks removed (``QĐ`` and ``QD`` are the same), leading zeros of the sequence
  dropped (``04-NQ/TU`` = ``4-NQ/TU``). A number with no sequence (a draft, ``/UBND-NV``)
  gets ``#`` and a short hash of the subject and date, so two drafts of one body differ.
- *year*: the year printed inside the number (``01/2018/TT-VPCP``), else the year of the
  date; ``?`` when neither is known.
- *jurisdiction*: ``vn`` for national bodies, else ``PROVINCE``, ``PROVINCE/DISTRICT`` or
  ``PROVINCE/xa-COMMUNE`` (slugs), ``?`` for an unknown part. For the record it comes from its
  issuer and parent (``Huyện ủy Bình Sơn`` under ``Đảng bộ tỉnh Quảng Ngãi`` →
  ``quang-ngai/binh-son``); for a reference from its ``issuer`` read in the context of the
  citing record (``Ban Thường vụ Huyện ủy`` cited by Huyện ủy Bình Sơn → the same district;
  ``Tỉnh ủy`` → the citing letter's province), else from the symbol's issuer code. The rules
  are data: ``patterns/jurisdiction.yaml`` (examples in ``jurisdiction.examples.yaml``).

:func:`assign_ids` sets ``id`` on a record and on each of its references, recursing into
attachments (an attachment's context is its own header). It works on a record dict and on a
:class:`~extractor.model.Record`. The graph (:mod:`extractor.graph`) completes ids whose
province is unknown with what the other records of an archive say (``places``).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable, Optional

from .normalize import fold
from .resources import load_patterns

__all__ = ["Place", "assign_ids", "document_id", "document_year", "number_key", "parse_id", "record_place",
           "resolve_place", "slug", "learn_places"]

PROVINCE, DISTRICT, COMMUNE = 1, 2, 3
_CITY = 9  # a "thành phố": province or district, decided by its name


# --------------------------------------------------------------------------- helpers
def _plain(s: str) -> str:
    """Lower case without tone marks, đ → d; length-preserving (offsets stay valid)."""
    return fold(unicodedata.normalize("NFC", s), accents=False)


def slug(name: str) -> str:
    """``Quảng Ngãi`` → ``quang-ngai``; ``Bà Rịa - Vũng Tàu`` → ``ba-ria-vung-tau``."""
    return re.sub(r"[^a-z0-9]+", "-", _plain(name)).strip("-")


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _set(obj: Any, name: str, value: Any) -> None:
    if isinstance(obj, dict):
        obj[name] = value
    else:
        setattr(obj, name, value)


def number_key(number: Optional[str]) -> str:
    """The number part of an id: the number as references output it (no ``Số``, spaces or
    line breaks, dashes unified), lower case, no tone marks, no leading zeros in the sequence.

    >>> number_key("Số: 04 – NQ/TU")
    '4-nq/tu'
    >>> number_key("422/QĐ-TTG")
    '422/qd-ttg'
    """
    from .fields.references import normalize_number
    s = normalize_number(unicodedata.normalize("NFC", number or ""))
    return re.sub(r"^0+(?=\d)", "", _plain(s))


_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")


def document_year(number: Optional[str], date_year: Optional[int]) -> Optional[int]:
    """The year printed inside the number (``01/2018/TT-VPCP`` → 2018), else ``date_year``:
    the number is what the document is known by, a citation's date may be mistyped."""
    if number:
        m = _YEAR_IN_NUMBER.search(number.replace(" ", ""))
        if m:
            return int(m.group(1))
    return date_year


def _has_seq(key: str) -> bool:
    return bool(re.match(r"\d", key))


def document_id(jurisdiction: str, year: Optional[int], number: Optional[str],
                draft_key: Optional[str] = None) -> Optional[str]:
    """``JURISDICTION:YEAR:NUMBER`` (``?`` for an unknown year). A number with no sequence
    (or no number at all) gets ``#`` + a hash of ``draft_key`` (subject and date) so drafts
    of one body differ; a reference (no ``draft_key``) with no number has no id."""
    key = number_key(number)
    if not key and not draft_key:
        return None
    if not _has_seq(key) and draft_key:
        key += "#" + hashlib.sha1(draft_key.encode("utf-8")).hexdigest()[:8]
    return f"{jurisdiction}:{year if year else '?'}:{key}"


def parse_id(doc_id: str) -> tuple[str, Optional[int], str]:
    """``quang-ngai:2021:4-nq/tu`` → (``quang-ngai``, 2021, ``4-nq/tu``)."""
    jur, year, key = doc_id.split(":", 2)
    return jur, (int(year) if year.isdigit() else None), key


# --------------------------------------------------------------------------- places
@dataclass(frozen=True)
class Place:
    """A jurisdiction: ``level`` 0 national, 1 province, 2 district, 3 commune, None unknown;
    the names (slugs) of each level that are known."""

    level: Optional[int] = None
    province: Optional[str] = None
    district: Optional[str] = None
    commune: Optional[str] = None   # with its kind: "xa-ba-tieu", "phuong-3"

    def name_at(self, level: int) -> Optional[str]:
        return {PROVINCE: self.province, DISTRICT: self.district, COMMUNE: self.commune}[level]

    def __str__(self) -> str:
        if self.level == 0:
            return "vn"
        if self.level is None:
            return "?"
        parts = [self.province or "?"]
        if self.level == DISTRICT:
            parts.append(self.district or "?")
        elif self.level == COMMUNE:
            parts.append(self.commune or "?")
        s = "/".join(parts)
        return "?" if set(parts) == {"?"} else s


NATIONAL = Place(level=0)
UNKNOWN = Place()


@dataclass
class _Rules:
    unit_re: re.Pattern
    unit_info: dict        # plain phrase without spaces -> (level, kind, not_before)
    provinces: dict        # slug -> canonical slug
    province_re: re.Pattern
    provincial_cities: set
    national: list
    offices: list          # [(regex, level)]
    codes: list            # [(level, regex)]
    type_codes: set


def _words_re(words: list[str]) -> str:
    alts = []
    for w in sorted(words, key=len, reverse=True):
        p = _plain(w).strip()
        body = r"\s*".join(re.escape(x) for x in p.split())
        # "tp." / "tx." end in a dot: no word boundary needed after it
        alts.append(body + ("" if p.endswith(".") else r"(?![a-z0-9])"))
    return "(?<![a-z0-9])(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_patterns("jurisdiction")
    levels = {"province": PROVINCE, "district": DISTRICT, "commune": COMMUNE, "city": _CITY}
    info = {}
    words = []
    for u in data["units"]:
        for w in u["words"]:
            info[re.sub(r"\s+", "", _plain(w))] = (levels[u["level"]], u.get("kind"), [_plain(x) for x in u.get("not_before", [])])
            words.append(w)
    unit_re = re.compile(_words_re(words))
    provinces = {}
    names = []
    for p in data["provinces"]:
        canon = slug(p["name"])
        for n in [p["name"], *p.get("aliases", [])]:
            provinces[slug(n)] = canon
            names.append(n)
    province_re = re.compile(_words_re(names))
    offices = []
    for o in data["offices"]:
        rx = _words_re(o["words"])
        for na in o.get("not_after", []):
            rx = r"(?<!" + re.escape(_plain(na)) + r" )" + rx
        offices.append((re.compile(rx), levels[o["level"]]))
    codes = []
    lv = {"national": 0, "province": PROVINCE, "district": DISTRICT, "issuer": None}
    for c in data["symbol_codes"]:
        for code in c["codes"]:
            codes.append((lv[c["level"]], re.compile(code + r"\Z")))
    dt = load_patterns("doc_types")
    type_codes = {_plain(k) for reg in ("state", "party") for k in (dt.get(reg) or {})}
    return _Rules(unit_re=unit_re, unit_info=info, provinces=provinces,
                  province_re=province_re,
                  provincial_cities={slug(c) for c in data["provincial_cities"]},
                  national=[re.compile(x) for x in data["national_issuers"]],
                  offices=offices, codes=codes, type_codes=type_codes)


def _province_slug(name: str) -> str:
    """Canonical province slug of a captured name: the longest known province name it starts
    with (``Lào Cai Lào Cai`` → ``lao-cai``), else its own slug."""
    words = slug(name).split("-")
    r = _rules()
    for n in range(len(words), 0, -1):
        cand = "-".join(words[:n])
        if cand in r.provinces:
            return r.provinces[cand]
    return "-".join(words)


def _name_slug(name: str) -> str:
    words = slug(name).split("-")
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        words = words[:half]  # "Bình Sơn Bình Sơn" (a header read twice)
    return "-".join(words)


_TOKEN = re.compile(r"[^\s,;:()\[\]\"“”]+")


def _unglue(s: str) -> str:
    """``Ban Thường vụĐảng uỷxã`` → ``Ban Thường vụ Đảng uỷ xã`` (words glued by PDF/Word
    text extraction)."""
    s = "".join(c + " " if c.islower() and i + 1 < len(s) and s[i + 1].isupper() else c
                for i, c in enumerate(s))
    return re.sub(r"(?i)(ủy|uỷ|uy)(?=(?:xã|phường|huyện|tỉnh)(?!\w))", r"\1 ", s)


def _mentions(text: str) -> list[tuple[int, Optional[str], Optional[str]]]:
    """Territory mentions in ``text``: (level, name or None for a bare word, commune kind).
    The city level is returned as is (decided by the caller)."""
    if not text:
        return []
    r = _rules()
    text = unicodedata.normalize("NFC", text)
    text = " ".join((_unglue(text) if len(text) < 400 else text).split())  # issuer lines, not bodies
    plain = _plain(text)
    found = list(r.unit_re.finditer(plain))
    out = []
    taken = []   # spans of the names read after a territory word
    for i, m in enumerate(found):
        level, kind, not_before = r.unit_info[re.sub(r"\s+", "", m.group(0))]
        stop = found[i + 1].start() if i + 1 < len(found) else len(text)
        after = text[m.end():stop]
        name_words = []
        pos = first = 0
        for t in _TOKEN.finditer(after):
            gap = after[pos:t.start()]
            if any(c in gap for c in ",;:()[]\"“”") or "\n" in gap:
                break
            w = t.group(0)
            if w in ("-", "–") and name_words:
                pos = t.end()
                continue
            if not (w[0].isupper() or w[0].isdigit()) or len(name_words) >= 5:
                break
            if not name_words:
                first = t.start()
            name_words.append(w.strip(".,"))
            pos = t.end()
        nxt = _plain(after).split()[:1]
        if not name_words and nxt and nxt[0] in not_before:
            continue  # "xã hội"
        name = " ".join(name_words) or None
        if name:
            taken.append((m.end() + first, m.end() + pos))
        out.append((level, name, kind))
    # province names written without a territory word ("Sở Giáo dục và Đào tạo Bình Phước"),
    # not inside a name already read ("xã Hòa Bình" is a commune, not the province)
    for m in r.province_re.finditer(plain):
        orig = text[m.start():m.end()]
        if orig[:1].isupper() and not any(a <= m.start() < b for a, b in taken):
            out.append((PROVINCE, orig, None))
    return out


def _city_level(name: Optional[str], ctx: Place) -> int:
    r = _rules()
    if name:
        return PROVINCE if _province_slug(name) in r.provincial_cities else DISTRICT
    return PROVINCE if ctx.province in r.provincial_cities else DISTRICT


def _from_mentions(mentions, ctx: Place) -> Optional[Place]:
    """The territory named by ``mentions`` (its most specific level); the levels not named are
    taken from ``ctx`` as long as the named ones agree with it."""
    named: dict[int, str] = {}
    levels = set()
    for level, name, kind in mentions:
        if level == _CITY:
            level = _city_level(name, ctx)
        levels.add(level)
        if not name:
            continue
        if level == PROVINCE:
            value = _province_slug(name)
        elif level == COMMUNE:
            value = f"{kind or 'xa'}-{_name_slug(name)}"
        else:
            value = _name_slug(name)
            if value.isdigit():
                value = f"{slug(kind or 'quan')}-{value}"
        named.setdefault(level, value)
    if not levels:
        return None
    lowest = max(levels)
    agree = ctx.level not in (None, 0)
    vals: dict[int, Optional[str]] = {}
    for lv in (PROVINCE, DISTRICT, COMMUNE)[:lowest]:
        if lv in named:
            vals[lv] = named[lv]
            agree = agree and ctx.name_at(lv) == named[lv]
        elif agree and ctx.level >= lv:
            vals[lv] = ctx.name_at(lv)
        else:
            vals[lv] = None
    return Place(level=lowest, province=vals.get(PROVINCE), district=vals.get(DISTRICT),
                 commune=vals.get(COMMUNE))


def _bare(level: int, ctx: Place) -> Place:
    """The context's territory of ``level`` (``Sở …`` → the citing letter's province)."""
    known = ctx.level not in (None, 0)
    vals = {lv: (ctx.name_at(lv) if known and ctx.level >= lv else None)
            for lv in (PROVINCE, DISTRICT, COMMUNE)[:level]}
    return Place(level=level, province=vals.get(PROVINCE), district=vals.get(DISTRICT),
                 commune=vals.get(COMMUNE))


def _symbol_codes(number: Optional[str]) -> list[str]:
    """Issuer codes of a number's symbol, the document type code removed:
    ``04-NQ/TU`` → [tu]; ``4457/UBND-TTHC`` → [ubnd, tthc]; ``01/2018/TT-VPCP`` → [vpcp]."""
    if not number:
        return []
    s = re.sub(r"^\d*[a-z]?", "", number_key(number))
    s = re.sub(r"^[-/]?(?:19|20)\d\d(?=[-/])", "", s)
    parts = [p for p in re.split(r"[-/&.]", s) if p]
    if parts and parts[0] in _rules().type_codes:
        parts = parts[1:]
    return parts


def _code_level(number: Optional[str]) -> tuple[bool, Optional[int]]:
    """(found, level) of the first symbol code a rule knows; level 0 national, None: the
    code needs the issuer."""
    for part in _symbol_codes(number):
        for level, rx in _rules().codes:
            if rx.match(part):
                return True, level
    return False, None


def resolve_place(issuer: Optional[str], parent: Optional[str] = None,
                  number: Optional[str] = None, context: Optional[Place] = None) -> Place:
    """The jurisdiction of a document from its issuer text (and the line above it), its
    number, and the place of the document that cites it (``context``).

    >>> str(resolve_place("Tỉnh ủy", number="04-NQ/TU", context=resolve_place("Huyện ủy Bình Sơn", "Đảng bộ tỉnh Quảng Ngãi")))
    'quang-ngai'
    """
    ctx = context or UNKNOWN
    r = _rules()
    found, code_level = _code_level(number)
    if found and code_level == 0:
        return NATIONAL
    text = " ; ".join(x for x in (issuer, parent) if x)
    place = _from_mentions(_mentions(issuer or "") + _mentions(parent or ""), ctx)
    if place is not None:
        return place
    plain = " ".join(_plain(_unglue(text)).split())
    if plain and any(rx.search(plain) for rx in r.national):
        return NATIONAL
    for rx, level in r.offices:
        if plain and rx.search(plain):
            return _bare(level, ctx)
    if found and code_level:
        return _bare(code_level, ctx)
    return UNKNOWN


# --------------------------------------------------------------------------- records
def _own_text(record: Any) -> str:
    """The record's own part of its text (an attachment's text is cut off)."""
    text = _get(record, "text") or ""
    cut = len(text)
    for att in _get(record, "attachments") or []:
        t = _get(att, "text") or ""
        if t:
            i = text.find(t[:200])
            if 0 < i < cut:
                cut = i
    return text[:cut]


def _hints(record: Any) -> tuple[Optional[str], Optional[str]]:
    """What a record says about where it is besides its issuer: (province, local name). The
    place of the date line is a province name, or the name of the district or commune that
    issued it; failing a province there, the province named most often in its own text."""
    r = _rules()
    province = local = None
    place = _get(_get(record, "date"), "place")
    if place:
        s = slug(place)
        if s in r.provinces:
            province = r.provinces[s]
        else:
            local = _name_slug(place)
    if province is None:
        counts = Counter(_province_slug(n) for lv, n, _ in _mentions(_own_text(record)[:20000])
                         if n and (lv == PROVINCE or (lv == _CITY and _province_slug(n) in r.provincial_cities)))
        counts = Counter({k: v for k, v in counts.items() if k in r.provinces.values()})
        if counts:
            province = counts.most_common(1)[0][0]
    return province, local


def record_place(record: Any, places: Optional[dict] = None) -> Place:
    """The jurisdiction of a record's issuer (its name and parent, read with the province of
    :func:`_hints` as context). ``places`` maps a district or commune slug to its province
    where an archive knows it (see :func:`learn_places`)."""
    issuer = _get(record, "issuer")
    name, parent = _get(issuer, "name"), _get(issuer, "parent")
    number = _get(_get(record, "number"), "text")
    province, local = _hints(record)
    ctx = Place(level=PROVINCE, province=province) if province else UNKNOWN
    place = resolve_place(name, parent, number, ctx)
    if place.level == DISTRICT and place.district is None and local:
        place = replace(place, district=local)       # "UBND huyện" dated "Bình Sơn, ngày …"
    if place.level is None and province and not name:
        place = Place(level=PROVINCE, province=province)   # no issuer line: the date's province
    if place.level and place.level > PROVINCE and place.province is None and places:
        prov = places.get(place.district if place.level == DISTRICT else place.commune)
        if prov:
            place = replace(place, province=prov)
    return place


def learn_places(records) -> dict:
    """District/commune slug → province slug, from records whose own jurisdiction names both
    (and only where every such record agrees)."""
    seen: dict[str, set] = {}

    def walk(rec):
        p = record_place(rec)
        if p.level and p.level > PROVINCE and p.province:
            local = p.district if p.level == DISTRICT else p.commune
            if local:
                seen.setdefault(local, set()).add(p.province)
        for a in _get(rec, "attachments") or []:
            walk(a)

    for rec in records:
        walk(rec)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _draft_key(record: Any) -> str:
    date = _get(record, "date")
    parts = [" ".join(_plain(_get(record, "subject") or "").split()),
             _get(date, "iso") or " ".join(_plain(_get(date, "text") or "").split())]
    if not any(parts):
        parts.append(_get(_get(record, "source"), "sha256") or "")
    return "|".join(parts)


def assign_ids(record: Any, places: Optional[dict] = None) -> Any:
    """Sets ``id`` on ``record`` (a dict or a :class:`~extractor.model.Record`) and on each of
    its references, then on its attachments (each in the context of its own header).
    Returns ``record``."""
    place = record_place(record, places)
    number = _get(_get(record, "number"), "text")
    date = _get(record, "date")
    year = document_year(number, _get(date, "year"))
    _set(record, "id", document_id(str(place), year, number, _draft_key(record)))
    for ref in _get(record, "references") or []:
        ref_number = _get(ref, "number")
        ref_date = _get(ref, "date")
        date_year = int(ref_date[:4]) if isinstance(ref_date, str) and ref_date[:4].isdigit() else None
        ref_place = resolve_place(_get(ref, "issuer"), None, ref_number, place)
        _set(ref, "id", document_id(str(ref_place), document_year(ref_number, date_year), ref_number,
                                    None))
    for att in _get(record, "attachments") or []:
        assign_ids(att, places)
    return record


# --------------------------------------------------------------------------- one document, many ids
def _jur_match(pattern: str, jur: str) -> bool:
    if pattern == "?":
        return True
    p, j = pattern.split("/"), jur.split("/")
    return len(p) == len(j) and all(a in ("?", b) for a, b in zip(p, j))


def _known(doc_id: str) -> bool:
    jur, year, key = parse_id(doc_id)
    return year is not None and "?" not in jur.split("/") and "#" not in key


def canonical_ids(ids: Iterable[str]) -> dict:
    """Ids with an unknown part (``lao-cai:?:3320/snnmt-ccmt``) → the one fully known id of
    the same number that fits it (``lao-cai:2026:3320/snnmt-ccmt``); ids with no such partner
    are not in the result."""
    by_key: dict[str, list] = {}
    for i in ids:
        by_key.setdefault(parse_id(i)[2], []).append(i)
    out = {}
    for key, group in by_key.items():
        if "#" in key or len(group) < 2:
            continue
        known = [g for g in group if _known(g)]
        for g in group:
            if _known(g):
                continue
            jur, year, _ = parse_id(g)
            fits = [k for k in known if _jur_match(jur, parse_id(k)[0])
                    and (year is None or parse_id(k)[1] == year)]
            if len(fits) == 1:
                out[g] = fits[0]
    return out
