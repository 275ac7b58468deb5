"""Header fields: regime, draft flag, type, number, date and place, issuer, subject.

Each function is pure: it reads a :class:`~extractor.layout.Layout` (and the text) and
returns record parts carrying their spans. Surface forms handled:

- number: ``Số: 4457/UBND-TTHC``, ``Số 1307-CV/HU``, ``Số:    /KH-MTTQ-BTT`` (blank
  sequence in drafts), ``Số : 4144 /GDĐT – VP`` (spaces, en dash), ``Số 2449 -CV/ĐU``,
  ``Số: 01/2024/QĐ-UBND`` (year inside);
- date: ``Bình Sơn, ngày 13 tháng 10 năm 2022``, ``ngày 05 tháng 01 năm 2024`` (leading
  zeros), ``ngày   tháng 10 năm 2022`` (blank parts in drafts), ``ngày 31 tháng 4 …``
  (flagged invalid), a date wrapped over two lines;
- issuer: the last body of the issuer block, its parent the line(s) above
  (``ĐẢNG BỘ TỈNH QUẢNG NGÃI`` / ``HUYỆN ỦY BÌNH SƠN``), continuation lines that start
  with a place word joined (``ỦY BAN NHÂN DÂN`` / ``HUYỆN BÌNH SƠN``);
- subject: ``V/v …``, ``Về việc …``, the line(s) under a type title (from ``về``), a
  Party công văn's trích yếu under the number.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from ..layout import Layout, Seg, continues_issuer_line, is_caps, rules
from ..layout_rules import position_head
from ..model import DateInfo, DocType, Issuer, Number
from ..normalize import fold, sentence_case_name, squash_spaces
from ..resources import load_patterns

_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# a symbol code; a letter-spaced one ("U B ND" of a page that spaced its letters) is read whole
_CODE = r"[A-ZĐ](?:[A-Za-zĐđ0-9&.]|\s(?=[A-ZĐ]{1,2}(?:\s|$|[-–])))*"
_NUMBER = re.compile(
    rf"^(?P<seq>\d+[a-zA-Z]?)?\s*(?:/\s*(?P<year>(?:19|20)\d\d)(?=\s*/))?\s*"
    rf"(?P<rest>[{_DASH}/]?\s*{_CODE}(?:\s*[{_DASH}/]\s*{_CODE})*)")


@lru_cache(maxsize=1)
def _doc_types() -> dict:
    return load_patterns("doc_types")


def parse_number(seg: Seg) -> Optional[Number]:
    """``Số: 4457/UBND-TTHC`` → Number(text='4457/UBND-TTHC', seq='4457', symbol='UBND-TTHC')."""
    r = rules()
    m = r.number.match(seg.key)
    if not m:
        return None
    body_start = m.end()
    raw = seg.text[body_start:]
    lead = len(raw) - len(raw.lstrip(" :"))
    raw = raw[lead:]
    nm = _NUMBER.match(raw)
    if not nm:
        blank = re.match(rf"^[\s.…_]*[{_DASH}/]\s*({_CODE}(?:\s*[{_DASH}/]\s*{_CODE})*)", raw)
        if not blank:
            return None
        nm_text = raw[:blank.end()]
        seq = None
    else:
        nm_text = raw[:nm.end()]
        seq = nm.group("seq")
    text = re.sub(r"\s+", "", nm_text).strip(".,;:")
    text = re.sub(r"^[._…]+", "", text)
    symbol = re.sub(r"^\d+[a-zA-Z]?", "", text).lstrip(f"{_DASH}/")
    symbol = re.sub(r"^(?:19|20)\d\d/", "", symbol)
    if text.startswith(("/", "-")) or re.match(rf"^[{_DASH}]", text):
        seq = None
    start = seg.start + body_start + lead
    return Number(text=text, seq=seq, symbol=symbol or None, start=start, end=start + len(nm_text.rstrip()))


def regime(lay: Layout, number: Optional[Number]) -> str:
    """``state`` for CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, ``party`` for ĐẢNG CỘNG SẢN VIỆT NAM;
    without a motto, the shape of the number (``1307-CV/HU`` is Party), the issuer block (a
    Party committee: ``HUYỆN ỦY``, ``ĐẢNG ỦY``; any other body is a State one) or the signing
    prefix (``T/M`` is Party, ``TM.`` state) decides; for a letter printed without its
    letterhead, the signer's title (``BÍ THƯ`` is Party, ``BỘ TRƯỞNG`` state) or its own
    number as its annex prints it (``Kèm theo Công văn số 6225/BVHTTDL-VP``)."""
    if lay.regime != "unknown":
        return lay.regime
    if number and number.seq and re.match(r"^\d+[a-z]?-", number.text):
        return "party"
    if number and "/" in number.text:
        head = number.text.split("/")[0]
        if re.search(r"-[A-ZĐ]", head):
            return "party"
        return "state"
    r = rules()
    block = [fold(s.text).strip(" *") for s in lay.issuer_block if not r.ornament.match(s.text)]
    if any(k == h or k.startswith(h + " ") for k in block for h in r.party_heads):
        return "party"
    if any(k == h or k.startswith(h + " ") for k in block for h in r.issuer_heads):
        return "state"
    sig = " ".join(s.key for s in lay.signature[:2])
    if re.search(r"\b(?:t/m|k/t|t/l)\b", sig):
        return "party"
    if re.search(r"\b(?:tm|kt|tl|tuq)\.", sig):
        return "state"
    for kind in ("party", "state"):  # a title only one regime signs with: BÍ THƯ, BỘ TRƯỞNG
        if any(position_head(s.text) in r.regime_positions[kind] for s in lay.signature if is_caps(s.text)):
            return kind
    own = _own_number_in_annex(lay)
    if own:  # "(Kèm theo Công văn số 6225/BVHTTDL-VP …)": the letter's number has a shape
        return "party" if re.match(r"\d+[a-z]?-", own) else "state"
    return "unknown"


_ANNEX_OF = re.compile(r"kèm\s+theo\s+(?:công\s+văn|văn\s+bản|quyết\s+định|kế\s+hoạch|thông\s+báo|chỉ\s+thị|"
                       r"công\s+điện|hướng\s+dẫn|nghị\s+quyết|chương\s+trình|kết\s+luận)\s+số\s*:?\s*"
                       r"(\d+[a-z]?(?:/(?:19|20)\d\d)?[-/][a-zđ])")


def _own_number_in_annex(lay: Layout) -> Optional[str]:
    """The letter's own number as its annex prints it (``(Kèm theo Công văn số 6225/BVHTTDL-VP
    ngày 18/11/2025 …)``, ``(Ban hành kèm theo Quyết định số 35-QĐ/TU …)``), for a letter whose
    header was lost: the annex title line after the signature."""
    for seg in lay.body[-400:]:
        m = _ANNEX_OF.search(seg.key.lstrip(" *_(|"), 0, 80)
        if m:
            return m.group(1)
    return None


def doc_type(lay: Layout, number: Optional[Number], reg: str) -> Optional[DocType]:
    """The type from the type title, else from the number symbol's code (``CV`` in
    ``1307-CV/HU``, ``KH`` in ``/KH-MTTQ-BTT``), else Công văn when there is a ``V/v`` or a
    ``Kính gửi``. A State letter with a ``V/v`` line is a công văn whatever its symbol
    starts with (``5615/CT-CS``: ``CT`` is the issuer Cục Thuế, not Chỉ thị)."""
    types = _doc_types()
    names = {fold(v): k for k, v in {**types["party"], **types["state"]}.items()}
    if lay.title is not None:
        title_key = fold(squash_spaces(lay.title.text)).strip(" :*")
        for name_key, code in sorted(names.items(), key=lambda kv: -len(kv[0])):
            if title_key.startswith(name_key):
                code = _code_for(name_key, reg, types)
                return DocType(code=code, name=_name(code, reg, types), start=lay.title.start, end=lay.title.end)
    vv = bool(lay.subject and re.match(r"(?:v/v|v\.v|về\s+việc)", lay.subject[0].key.strip(" *")))
    cv = types["cong_van"]
    if number and number.symbol:
        sym = number.symbol
        if reg == "party" or re.match(r"^\d*[a-z]?-", number.text or ""):
            m = re.match(rf"^(?:\d+[a-z]?)?[{_DASH}]?([A-ZĐ][A-Za-zĐđ]*)/", number.text)
            if m and m.group(1) in types["party"]:
                return DocType(code=m.group(1), name=types["party"][m.group(1)],
                               start=number.start, end=number.end)
        first = re.split(rf"[{_DASH}/]", sym)[0]
        if first in types["state"] and len(re.split(rf"[{_DASH}]", sym)) >= 2 and not vv:
            return DocType(code=first, name=types["state"][first], start=number.start, end=number.end)
    if vv or lay.kinh_gui:
        return DocType(code=cv["code"], name=cv["name"])
    return None


def _code_for(name_key: str, reg: str, types: dict) -> str:
    for table in (("party", "state") if reg == "party" else ("state", "party")):
        for code, name in types[table].items():
            if fold(name) == name_key:
                return code
    return name_key.upper()


def _name(code: str, reg: str, types: dict) -> str:
    return types["party" if reg == "party" and code in types["party"] else "state"].get(code) \
        or types["party"].get(code, code)


def parse_date(seg: Seg) -> DateInfo:
    """The place-date line → DateInfo (blank parts kept as None, ``valid`` False for a
    date that does not exist)."""
    r = rules()
    key = seg.key
    lead = len(key) - len(key.lstrip(" *_|"))
    m = r.date_line.match(key, lead) or r.date_line_bare.match(key, lead)
    place = None
    if m:
        place = squash_spaces(seg.text[m.start("place"):m.end("place")]).strip(" *_|,")
        if fold(place) in ("ngày",) or not place:
            place = None
    else:  # a longer place, alone before ", ngày" ("T hành phố Hồ Chí M inh, ngày …")
        lm = re.match(r"[\s*_|]*([^\W\d_][^,\d]{0,60}?)\s*,\s*ngày\b", key)
        place = squash_spaces(seg.text[lm.start(1):lm.end(1)]) if lm else None
    dm = r.date_parts.search(key)
    day = month = year = None
    text = seg.text
    start = seg.start
    if dm:
        num = lambda g: int(re.sub(r"\s+", "", dm.group(g))) if dm.group(g) else None
        day, month = num("d"), num("m")
        year = int(dm.group("y"))
        text = squash_spaces(seg.text[dm.start():dm.end()])
        start = seg.start + dm.start()
    else:
        ym = re.search(r"năm\s*(\d{4})", key)
        year = int(ym.group(1)) if ym else None
    iso, valid = None, True
    if day and month and year:
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            valid = False
    elif (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        valid = False
    end = start + len(seg.text[dm.start():dm.end()]) if dm else seg.end
    return DateInfo(text=text, iso=iso, year=year, month=month, day=day, place=place,
                    valid=valid, start=start, end=end)


def _repair_head(caps: str) -> str:
    """An issuer line whose head OCR printed with a wrong tone mark (``TÍNH ỦY LÀO CAI``) gets
    the head's spelling back when it equals a known head without tone marks."""
    r = rules()
    words = caps.split()
    for n in (3, 2):
        if len(words) < n:
            continue
        got = fold(" ".join(words[:n]), accents=False)
        for head in r.issuer_heads + r.place_bodies:
            if len(head.split()) == n and fold(head, accents=False) == got and fold(" ".join(words[:n])) != head:
                return " ".join([head.upper()] + words[n:])
    return caps


def issuer(lay: Layout) -> Optional[Issuer]:
    """Issuer (last body of the issuer block) and its parent (the lines above)."""
    lines = [s for s in lay.issuer_block if not rules().ornament.match(s.text)]
    if not lines:
        return None
    groups: list[list[Seg]] = []
    for s in lines:
        if groups and continues_issuer_line(s.text, groups[-1][-1].text):
            groups[-1].append(s)
        else:
            groups.append([s])
    last = groups[-1]
    texts = [_repair_head(" ".join(squash_spaces(s.text) for s in g)) for g in groups]
    start = last[0].start
    if len(groups) == 1:
        at = _second_body(texts[0])
        if at:  # "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN" on one line
            start += len(" ".join(squash_spaces(s.text) for s in last)[:at]) if len(last) == 1 else 0
            texts = [texts[0][:at].strip(), texts[0][at:].strip()]
    name = sentence_case_name(texts[-1])
    parent = sentence_case_name(" ".join(texts[:-1])) if len(texts) > 1 else None
    return Issuer(name=name, parent=parent, start=start, end=last[-1].end)


def _second_body(caps: str) -> Optional[int]:
    """Where the issuer begins in a one-line block that also names its parent (``BỘ TÀI
    CHÍNH TỔNG CỤC HẢI QUAN``, ``UBND TỈNH QUẢNG NAM SỞ Y TẾ``): a head of a subordinate body
    (``header.yaml`` ``sub_heads``) after a complete body name, not inside a longer head."""
    r = rules()
    words = list(re.finditer(r"\S+", caps))
    key = fold(caps)
    if len(words) < 5 or not any(key.startswith(h + " ") for h in r.issuer_heads):
        return None
    for i in range(2, len(words) - 1):
        prev = fold(words[i - 1].group(0))
        rest = key[words[i].start():]
        if prev in ("văn", "chi", "tổng", "và", "-", "–", "của") or not any(
                rest.startswith(h + " ") for h in r.sub_heads):
            continue
        return words[i].start()
    return None


_SUBJECT_PREFIX = re.compile(r"^\s*(?:v/v|v\.v|về\s+việc|về)\s*:?\s*", re.IGNORECASE)


def subject(lay: Layout) -> tuple[Optional[str], Optional[int], Optional[int]]:
    """The trích yếu without ``V/v``/``Về việc``/``về``, lines joined by single spaces."""
    segs = lay.subject
    if not segs:
        return None, None, None
    text = squash_spaces(" ".join(s.text for s in segs))
    key = fold(text)
    m = _SUBJECT_PREFIX.match(key)
    if m:
        text = text[m.end():]
    text = text.strip(" .;:")
    if is_caps(text):  # sentence case; symbols (14-CT/TW) and roman numerals (XII) as printed
        words = text.split(" ")
        roman_after = {"khóa", "khoá", "quý", "phần", "chương", "mục", "lần", "thứ", "đợt", "kỳ", "đại"}
        text = " ".join(w if re.search(r"[\d/]", w) or re.fullmatch(r"[IVXLC]+[,.;:)]?", w)
                        and i and fold(words[i - 1]) in roman_after else w.lower()
                        for i, w in enumerate(words))
        text = text[0].upper() + text[1:]
    return (text or None), segs[0].start, segs[-1].end


def is_draft(lay: Layout, number: Optional[Number], date: Optional[DateInfo]) -> bool:
    """A draft: ``DỰ THẢO`` in the header, a blank number sequence or blank day/month."""
    if lay.draft_marks:
        return True
    if number is not None and number.seq is None:
        return True
    if date is not None and (date.day is None or date.month is None):
        return True
    return False
