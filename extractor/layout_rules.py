"""Rules of the layout stage (``patterns/header.yaml``, ``doc_types.yaml``) compiled once, the
:class:`Seg` type and the small predicates every part of the layout shares: what a line
*says* (a motto, a position, a person's name, the start of the body).

Surface forms handled by the predicates:

- motto and slogan matched without tone marks (``CỘNG HOÀ … VIẾT NAM``, ``ĐÁNG CỘNG SẢN``
  from OCR), so are ``Kính gửi`` and ``Nơi nhận`` (``Nơi nhân``);
- positions: a known title (``CHỦ TỊCH``, ``VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH``) or any caps
  line opening with ``PHÓ`` (``PHÓ TRƯỞNG THUẾ TỈNH``);
- issuer lines: a new body (``CỤC THUẾ`` under ``BỘ TÀI CHÍNH``) or the rest of the line above
  (``HUYỆN BÌNH SƠN``, ``VÀ XÃ HỘI``, ``DÂN`` under ``ỦY BAN NHÂN``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .normalize import fold, fold_pattern, is_caps
from .resources import load_patterns

__all__ = ["Seg", "rules", "is_caps", "LIST_LABEL", "is_position", "looks_name", "starts_body",
           "BODY_INLINE", "continues_issuer", "continues_issuer_line", "motto_kind", "plain"]


def plain(s: str) -> str:
    """Length-preserving key without case or tone marks (``Nơi nhân`` → ``noi nhan``)."""
    return fold(s, accents=False)


@dataclass
class Seg:
    """A piece of a line (or of lines merged): ``text == doc.text[start:end]``."""

    text: str
    start: int
    end: int
    line: int  # index in Document.lines (the first line of a merged piece)
    bold: Optional[bool] = None
    italic: Optional[bool] = None

    @property
    def key(self) -> str:
        return fold(self.text)

    @property
    def plain(self) -> str:
        return plain(self.text)


class _Rules:
    def __init__(self) -> None:
        p = load_patterns("header")
        c = lambda s: re.compile(fold_pattern(s))
        self.motto_state = re.compile(p["motto"]["state"])  # plain patterns: run on plain()
        self.motto_party = re.compile(p["motto"]["party"])
        self.slogan = re.compile(p["motto"]["slogan"])
        self.kinh_gui = re.compile(p["kinh_gui"])
        self.dien_line = re.compile(p["dien_line"])
        self.recipient_detail = c(p["recipient_detail"])
        self.recipient_detail_line = re.compile(r"^[\s*_|]*(?:\(|" + self.recipient_detail.pattern + ")")
        self.recipient_heads = [fold(x) for x in p["recipient_heads"]]
        self.recipient_not = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(fold(w)).replace(r"\ ", r"\s+") for w in p["recipient_not"]) + r")(?!\w)"
            r"|\bngày\s*\d|\bsố\s*:?\s*\d|\d{1,2}/\d{1,2}/\d{4}")
        self.noi_nhan = re.compile(p["noi_nhan"])
        self.number = c(p["number_line"])
        self.citing = re.compile(r"(?:" + "|".join(re.escape(fold(w)) for w in p["citing_words"])
                                 + r")\s*$")
        self.date_line = c(p["date_line"])
        self.date_line_bare = c(p["date_line_bare"])
        self.date_parts = c(p["date_parts"])
        self.subject_cue = c(p["subject_cue"])
        self.draft = c(p["draft"])
        self.ornament = c(p["ornament"])
        self.authority = c("^" + p["authority_prefix"])
        self.authority_any = c(r"(?<![\w/.])" + p["authority_prefix"])
        self.positions = sorted((fold(x) for x in p["positions"]), key=len, reverse=True)
        self.place_words = [fold(x) for x in p["place_words"]]
        self.place_bodies = [fold(x) for x in p["place_bodies"]]
        self.issuer_heads = sorted((fold(x) for x in p["issuer_heads"]), key=len, reverse=True)
        self.bare_heads = {fold(x) for x in p["bare_heads"]}
        self.sub_heads = sorted((fold(x) for x in p["sub_heads"]), key=len, reverse=True)
        self.party_heads = sorted((fold(x) for x in p["party_heads"]), key=len, reverse=True)
        self.regime_positions = {k: {fold(x) for x in v} for k, v in p["regime_positions"].items()}
        types = load_patterns("doc_types")
        titles = {fold(n) for table in ("state", "party") for n in types[table].values()}
        titles |= {fold(t) for t in p["extra_titles"]}
        self.titles = sorted(titles, key=len, reverse=True)
        alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in self.titles)
        self.title_re = re.compile(r"^\s*(?:" + alt + r")\s*(?::)?\s*$")
        self.title_start = re.compile(r"^\s*(?:" + alt + r")\b")
        j = load_patterns("jurisdiction")
        names = set()
        for prov in j.get("provinces", []):
            names.add(fold(prov["name"]))
            names.update(fold(a) for a in prov.get("aliases", []) or [])
        self.provinces = names


@lru_cache(maxsize=1)
def rules() -> _Rules:
    return _Rules()


LIST_LABEL = re.compile(
    r"^\s*(?:(?P<roman>[IVXLC]{1,6})[.)]\s|(?P<decimal>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)])\s|"
    r"(?P<letter>[a-zđ])[)/.]\s|(?P<dash>[-–•])\s*|(?P<plus>\+)\s*)")


def motto_kind(text: str) -> Optional[str]:
    """``state`` / ``party`` / ``slogan`` when the segment opens with the motto or the slogan."""
    r = rules()
    k = plain(text).lstrip(" *_|")
    if r.motto_state.match(k):
        return "state"
    if r.motto_party.match(k):
        return "party"
    if r.slogan.match(k):
        return "slogan"
    return None


def _starts_with(key: str, heads) -> Optional[str]:
    return next((h for h in heads if key == h or key.startswith(h + " ")
                 or (h.endswith(".") and key.startswith(h))), None)


def position_head(text: str) -> Optional[str]:
    """The position a caps text opens with (``PHÓ TRƯỞNG THUẾ TỈNH`` → ``phó trưởng``)."""
    key = fold(text).strip(" .:,")
    head = _starts_with(key, rules().positions)
    if head is None and re.match(r"phó\s+\w", key):
        return "phó"
    return head


def is_position(text: str) -> bool:
    """A caps line that names a signer's position."""
    return is_caps(text) and position_head(text) is not None


def looks_name(t: str) -> bool:
    """A person's name: 2–6 capitalised words (``Hoàng Giang``, not ``THƯỜNG TRưÊ``), no digits
    or punctuation."""
    words = t.strip().split()
    return 2 <= len(words) <= 6 and all(w[0].isupper() and w.isalpha() and (w[1:].islower() or len(w) == 1)
                                        for w in words)


_BODY_CUES = re.compile(r"^(?:(?:căn\s+cứ|thực\s+hiện|theo\s+đề\s+nghị|xét\s+đề\s+nghị|"
                        r"nhằm|để|trong\s+thời\s+gian|thời\s+gian\s+qua|tiếp\s+theo|vừa\s+qua|"
                        r"hiện\s+nay|qua|sau\s+khi|trả\s+lời|điều\s+\d)\b|(?:từ\s+)?ngày\s+\d)")

BODY_INLINE = re.compile(r"(?<=[^\W\d])\s+(?=(?:Trong thời gian|Thực hiện|Căn cứ|Theo đề nghị|Nhằm|Để|"
                         r"Ngày \d{1,2}|Thời gian qua|Hiện nay|Vừa qua|Tiếp theo|Triển khai|Xét|Trả lời|"
                         r"Tiếp nhận|Phúc đáp|Sau khi|Trước tình hình)\b)")


def starts_body(key: str) -> bool:
    """A folded line that opens the body (``Căn cứ …``, ``Thực hiện …``, ``Ngày 13/11 …``)."""
    return bool(_BODY_CUES.match(key.strip(" *_")))


def continues_issuer(t: str) -> bool:
    """A caps line that continues the issuer line above it with a place (``HUYỆN BÌNH SƠN``
    under ``ỦY BAN NHÂN DÂN``), not a new body (``HUYỆN ỦY BÌNH SƠN``)."""
    key = fold(t).strip()
    r = rules()
    if any(key.startswith(b) for b in r.place_bodies):
        return False
    return any(key == w or key.startswith(w + " ") or (w.endswith(".") and key.startswith(w))
               for w in r.place_words)


def continues_issuer_line(t: str, prev: Optional[str] = None) -> bool:
    """Inside the issuer block: does caps line ``t`` continue the line above (a place, ``VÀ
    XÃ HỘI`` of a wrapped name, the rest of a head the page cut: ``BỘ`` / ``TÀI CHÍNH``)
    rather than name a new body (``HUYỆN ỦY …``, a line opening with an issuer head such as
    ``BAN``, ``SỞ``, ``CỤC``, ``THUẾ``)?"""
    r = rules()
    key = fold(t).strip(" *")
    if prev is not None:
        pk = fold(prev).strip(" *")
        if pk in r.bare_heads or len(pk.split()) == 1 or len(key.split()) == 1 \
                or re.search(r"(?:\bvà|[-–&,])$", pk) or re.match(r"(?:và\b|[-–&])", key):
            return True  # "VĂN" / "PHÒNG CHÍNH PHỦ", "… VÀ MÔI" / "TRƯỜNG": a one-word line names no body
    if continues_issuer(t):
        return True
    if any(key.startswith(b) for b in r.place_bodies):
        return False
    return _starts_with(key, r.issuer_heads) is None


OPEN_END = re.compile(r"(?:\b(?:của|và|về|thuộc|trực thuộc|giúp việc|tham mưu|các|cho|với|tại|trên|"
                       r"phố|tỉnh|huyện|xã)|[-–&])$")


def upper_only(s: str) -> bool:
    """Capitals only (one letter is enough: ``Ý`` / ``KIẾN CHỈ ĐẠO …`` broken by a page)."""
    return any(c.isalpha() for c in s) and not any(c.islower() for c in s)


def issuer_like(key: str) -> bool:
    """A caps line that names a body (``ĐẢNG UỶ XÃ CÔNG HẢI``), not a verb (``BAN HÀNH …``)."""
    r = rules()
    k = key.strip(" *")
    if re.match(r"ban\s+hành\b", k):
        return False
    return any(k == h or k.startswith(h + " ") for h in r.issuer_heads + r.place_bodies)


def joins_issuer(prev: str, cur: str) -> bool:
    """Does caps line ``cur`` finish the issuer line ``prev`` (``TIỂU BAN THÔNG TIN,`` /
    ``TUYÊN TRUYỀN, KHÁNH TIẾT``; ``SỞ NÔNG NGHIỆP`` / ``VÀ MÔI TRƯỜNG``; ``ỦY BAN NHÂN`` / ``DÂN``)?"""
    p, c = fold(prev).strip(" *"), fold(cur).strip(" *")
    return bool(re.search(r"(?:\bvà|[-–&,])$", p) or re.match(r"(?:và\b|[-–&])", c)
                or p in rules().bare_heads)


def recipient_head(text: str) -> bool:
    """Does a line open like an addressee: a body's head (``Sở``, ``Ủy ban``, ``Công ty``), an
    office holder (``Chủ tịch``, ``Giám đốc``), ``Các …``, ``Đồng chí …``, ``Ông``/``Bà``?"""
    key = fold(text).strip(" *_|-–•+")
    r = rules()
    return any(key == h or key.startswith(h + " ") or h.endswith((".", "/")) and key.startswith(h)
               for h in r.issuer_heads + r.positions + r.recipient_heads)


def wraps_recipient(prev: str, cur: str) -> bool:
    """Is ``cur`` the rest of the recipient item ``prev`` (not a new recipient, not the body)?
    Yes when it opens in lower case (``Thuế`` / ``tỉnh Tây Ninh.``), when ``prev`` ends open
    (``… cơ quan thuộc`` / ``Chính phủ``) or is a bare title (``Bộ trưởng`` / ``Bộ Công
    Thương``); a line that opens like an addressee is a new one; any other capitalised line
    goes on an item that ended with a comma or a colon, when it ends the item itself (``Công ty
    TNHH`` / ``Bao bì Kỹ thuật cao Riches.``), is a short tail (``Thuế thành phố Hải`` /
    ``Phòng``) or reads as a name (half its words capitalised: ``Việt Nam tại TP. HCM``); else
    it is running text (``Triển khai việc phân bổ tỷ lệ``)."""
    c = cur.strip(" *_|")
    p = fold(prev).rstrip(" *_|")
    head = recipient_head(c)
    if c[:1].islower() or p.strip(" ,") in rules().positions \
            or OPEN_END.search(p) and not (head and re.search(r"\b(?:phố|tỉnh|huyện|xã)$", p)):
        return True  # "… các tỉnh, thành phố" / "Văn phòng Chính phủ": a place word ends a whole name
    if head:
        return False
    words = [w for w in c.split() if any(ch.isalpha() for ch in w)]
    named = sum(w[0].isupper() for w in words) * 2 >= len(words)
    return bool(re.search(r"[,:]$", p) or re.search(r"[.;,]$", c)) or len(words) <= 3 or named


def dien_line(text: str) -> Optional[int]:
    """A công điện's addressee line (``THỦ TƯỚNG CHÍNH PHỦ điện:``, ``**BỘ XÂY DỰNG điện:**``):
    where what follows the marker begins, or None."""
    m = rules().dien_line.match(text)
    if not m or not is_caps(m.group("sender")):
        return None
    return m.end()
