"""The parser's helpers and the small phrases it is built from: names, places, levels.
See the package docstring for the grammar."""
from __future__ import annotations

from typing import Optional

from .lexicon import Lexicon
from .segment import Segmenter
from .tokens import Tok

SEPS = (",", "và", "&", "/")
_CONNECTORS = frozenset(("và", "&", "hoặc", "của", "với", "cho", "tại", "trên"))


def memo(fn):
    """Cache a parser method on its arguments (the grammar is a pure function of the
    position and flags), stop very deep nesting (a page of heads with no punctuation) and
    answer "nothing here" for a position at the end of the tokens (every method's first
    argument is a token index)."""
    name = fn.__name__

    def wrapper(self, *args):
        key = (name, *args)
        hit = self._cache.get(key, _MISS)
        if hit is not _MISS:
            return hit
        if self._depth > _MAX_DEPTH or args[0] >= self.n:
            # too deep, or nothing left to parse: a prefix (an honorific, a holder, a
            # quantifier, a linker) ended the text ("... Đồng chí")
            return (args[0], False) if name == "mods" else None
        self._depth += 1
        try:
            r = fn(self, *args)
        finally:
            self._depth -= 1
        self._cache[key] = r
        return r

    wrapper.__name__ = name
    wrapper.__doc__ = fn.__doc__
    return wrapper


_MISS = object()
_NONE: list = []
_MAX_DEPTH = 60


class ParserBase:
    def __init__(self, toks: list[Tok], lex: Lexicon):
        self.t = toks
        self.n = len(toks)
        self.lex = lex
        self._ends: dict = {}
        self._cache: dict = {}
        self._depth = 0
        self.seg = Segmenter(toks)

    # ---- helpers
    def tok(self, k: int) -> Optional[Tok]:
        return self.t[k] if 0 <= k < self.n else None

    def ends(self, k: int, cls: str) -> list[int]:
        at = self._ends.get(k)
        if at is None:
            at = self._ends[k] = self.lex.all_ends(self.t, k) if 0 <= k < self.n else {}
        return at.get(cls, _NONE)

    def longest(self, k: int, cls: str) -> Optional[int]:
        e = self.ends(k, cls)
        return e[-1] if e else None

    def word(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and t.kind in ("w", "n")

    def lowercase_word(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and t.kind == "w" and not t.cap

    def is_level(self, k: int) -> Optional[int]:
        e = self.longest(k, "levels")
        if e is None or self.longest(k, "not_levels"):
            return None
        if any(x > k for x in self.ends(k - 1, "not_levels")) if k > 0 else False:
            return None  # the end of another word: "văn bản", "nông thôn"
        for cls in ("standalone", "named", "holders"):
            h = self.longest(k, cls)
            if h is not None and h > e and (self.t[k].cap or not self.seg.cuts_word(h)):
                return None  # "tỉnh ủy" is a head, unless "ủy" starts a word ("tỉnh | ủy quyền")
        return e

    def head_start(self, k: int) -> bool:
        """A head, holder, honorific or level starts at ``k`` (ends a name or a place).
        A one-syllable head followed by a lowercase syllable that makes a word with it is
        that word (``Tổ chức``, ``Phòng chống``; without the dictionary, any lowercase
        syllable); ``Trường tiểu học`` is a head."""
        for cls in ("standalone", "named", "holders", "honorifics"):
            e = self.longest(k, cls)
            if e is None:
                continue
            if e == k + 1 and self.lowercase_word(k + 1) and not self.stop_at(k + 1) \
                    and self.is_level(k + 1) is None and self.seg.joined_or_unknown(k):
                continue
            return True
        return self.is_level(k) is not None

    def stop_at(self, k: int) -> bool:
        return bool(self.ends(k, "stop_words")) or bool(self.ends(k, "quantifiers"))

    def name_word_ok(self, k: int) -> bool:
        t = self.tok(k)
        if t is None or t.kind != "w" or not t.cap:
            return False
        if self.head_start(k) or self.ends(k, "stop_caps") or self.ends(k, "quantifiers"):
            return False
        if len(t.text) == 1 and not self.lowercase_word(k + 1):
            return False
        return True

    def absorbable(self, k: int) -> bool:
        """A lowercase syllable that can be the rest of a capitalised name word."""
        t = self.tok(k)
        return (t is not None and t.kind == "w" and not t.cap and not self.stop_at(k)
                and self.is_level(k) is None and not self.ends(k, "weak_q")
                and not self.ends(k, "strong_q") and not self.is_label(k))

    def inner_ok(self, k: int) -> bool:
        """A lowercase syllable the segmenter put in a name word that may stay in it: not
        ``và``, ``các``, a level or the start of a stop phrase of two syllables or more
        (the segmenter's ``Khoa học và`` and ``A nhiệm kỳ`` are two words each; ``giao``
        in ``Ngoại giao`` stays)."""
        t = self.tok(k)
        return (t is not None and t.kind == "w" and not t.cap and t.f not in _CONNECTORS
                and not self.ends(k, "quantifiers") and self.is_level(k) is None
                and not any(e > k + 1 for e in self.ends(k, "stop_words"))
                and not self.is_label(k))

    def opens_sentence(self, k: int) -> bool:
        """A capitalised syllable that makes a dictionary word with the lowercase one after
        it (``Chỉ đạo``, ``Thành lập``, ``Công chức``), in the dictionary and for the
        segmenter (not ``Công Hải | báo cáo``): a word in sentence case, which no place or
        person name is (each of their syllables is capitalised)."""
        return self.t[k].cap and not self.t[k].upper and self.lowercase_word(k + 1) \
            and not self.t[k + 1].nl and self.seg.joined(k) and self.seg.word_end(k) == k + 2

    def soft_stop(self, k: int) -> bool:
        """After a soft line break (wrapped text), a word that opens a sentence (``Công
        chức``, ``Sau``, ``Hiện``) ends a name: the line before was a title with no stop."""
        return self.t[k].soft and (self.opens_sentence(k) or self.stop_at(k))

    def is_label(self, k: int) -> bool:
        """A list label: a letter, roman numeral or number glued to ``)`` or ``.`` (``a)``,
        ``2.``, ``IV.``), which no word goes on into."""
        t, nxt = self.tok(k), self.tok(k + 1)
        return (t is not None and nxt is not None and nxt.f in (")", ".") and nxt.start == t.end
                and (t.kind == "n" or len(t.text) == 1 or (t.upper and set(t.text) <= set("IVXL"))))

    def name_word_end(self, c: int, prev_cap: bool) -> int:
        """End of the name word that starts with the capitalised syllable ``c``.

        With the segmenter (run on the lowercased text): the lowercase syllables it puts in
        the same word (``Ngoại giao``, ``Quản lý``, ``Chính sách xã hội``); a one-syllable
        word takes the next lowercase word whole when the tagger calls it a noun (``Khu
        kinh tế``, ``Chi cục Thuế doanh nghiệp``), not a verb (``Cục Thuế | trả lời``); a
        verb of ``function_verbs`` takes the nouns after it (``Cục Quản lý ruộng đất``).
        Without it: one following lowercase syllable (``Khu kinh``)."""
        e = c + 1
        if self.t[c].upper:  # all caps: the segmenter's word ("NGHIỆP VỤ", not "NGHIỆP" + head "VỤ")
            we = self.seg.word_end(c)
            while e < we and self.t[e].kind == "w" and self.t[e].upper and not self.t[e].nl:
                e += 1
            return e
        if not self.inner_ok(e):
            return e
        we = self.seg.word_end(c)
        if we > e:
            while e < we and self.inner_ok(e):
                e += 1
            if e == we and self.absorbable(e) and self.longest(c, "function_verbs") == e:
                # a verb that names the unit's job takes its object: "Cục Quản lý | ruộng
                # đất", "Cục Kiểm soát | thủ tục hành chính" (nouns by the tagger, up to
                # three words, no verb among them: "Vụ Hợp tác quốc tế | xác minh")
                e = self.seg.noun_phrase_end(e, 3, lambda k: not self.absorbable(k), verbs=False)
            elif e == we and self.absorbable(e) and not self.ends(c, "upper_levels") \
                    and we not in self.ends(c, "stop_words") and (self.seg.tag(e) or "").startswith("N"):
                # a noun word takes the nouns after it: "Vụ Tổ chức | cán bộ", "Cục Kết cấu
                # | hạ tầng xây dựng", "Chi cục Thuế doanh nghiệp | lớn" (tagger: nouns and
                # adjectives, up to two words, no verb: "Sở Tài chính | thẩm định"; not after
                # a verb of the stop list: "Ban Chỉ đạo | định kỳ", nor a body: "Đảng")
                e = self.seg.noun_phrase_end(e, 2, lambda k: not self.absorbable(k), verbs=False)
            return e
        if prev_cap or not self.absorbable(e):
            return e
        if self.seg.joined(c) and self.inner_ok(e):
            return e + 1  # a dictionary word the segmenter split: "Đường | thủy" → "Đường thủy"
        noun_end = self.seg.noun_after(c)
        if noun_end is None:
            return e + 1
        while e < noun_end and self.inner_ok(e):
            e += 1
        return e

    # ---- names and places
    @memo
    def cap_name(self, j: int, known: Optional[int] = None) -> Optional[int]:
        """Capitalised name words joined by và & - , (``Văn hóa, Thể thao và Du lịch``);
        with ``known``, the words that continue a known name ending there (``Chuyển đổi số
        | Văn hóa, Thể thao và Du lịch``, ``Kế hoạch | , Tài chính``)."""
        k = j
        end = None
        first = True
        after_conn = True
        prev_cap = False
        if known is not None:
            k = end = known
            first = after_conn = False
        while k < self.n:
            t = self.t[k]
            sector = self.longest(k, "sector_names") if not first and t.cap and not t.nl else None
            if sector is not None:
                # "Tập đoàn Công nghiệp - Viễn thông Quân đội", "Tập đoàn Bưu chính Viễn
                # thông Việt Nam": a sector that heads units of its own, inside a name
                k = end = sector
                after_conn = prev_cap = False
                continue
            if self.name_word_ok(k):
                if not first and not after_conn and (t.nl or self.soft_stop(k)):
                    break  # "Tổng cục Hải quan" / "Công chức được phân công …": a new sentence
                e = self.name_word_end(k, prev_cap)
                kn = self.longest(k, "names")
                if kn is not None and kn > e and not self.ends(k, "not_generic"):
                    e = kn  # a known name written as one: "Chuyển đổi số" ("số" is a stop word)
                prev_cap = e == k + 1  # a capitalised syllable alone ("Hồ Chí Minh")
                k = end = e
                while self.tok(k) is not None and self.t[k].kind == "n" and not self.t[k].nl:
                    k += 1
                    end = k
                first = after_conn = False
                continue
            if end is not None and t.f in ("và", "&", "-", ",") and not (t.f == "-" and t.nl):
                if (self.name_word_ok(k + 1) or (t.f == "-" and self.longest(k + 1, "sector_names"))) \
                        and not (t.f == "," and self.t[k + 1].nl):
                    k += 1
                    after_conn = True
                    prev_cap = False
                    continue
            break
        return end

    @memo
    def name(self, j: int) -> Optional[int]:
        best = self.longest(j, "names")
        if best is not None and any(e > best for e in self.ends(j, "not_generic")):
            best = None  # "các cơ quan | tổ chức thực hiện", not the name "tổ chức"
        if best is not None and not self.t[j].cap and best in self.ends(j, "stop_words") \
                and self.lowercase_word(best) and not self.t[best].nl:
            best = None  # a verb of the sentence: "Trung tâm | tổ chức lấy ý kiến"
        c = self.cap_name(j)
        if best is not None and self.t[j].cap and not any(t.upper for t in self.t[j:best]):
            best = self.cap_name(j, best) or best  # "Chuyển đổi số Văn hóa, …", "Kế hoạch, Tài chính"
        if c is not None and (best is None or c > best):
            best = c
        return best

    @memo
    def place_name(self, j: int) -> Optional[int]:
        """Capitalised place words on the same line (``Bình Sơn``, ``QUẢNG NGÃI``, ``1``)."""
        k = j
        while k < self.n and not self.t[k].nl:
            t = self.t[k]
            if t.kind == "n" and k == j:
                k += 1
                break
            if k > j and self.t[k].cap and not self.t[k].upper and k + 1 in self.ends(k, "named") \
                    and not (self.word(k + 1) and self.t[k + 1].cap) and not self.seg.joined(k):
                k += 1  # "thành phố Hải Phòng | chủ trì": a head word with no name is a syllable
                continue
            if not self.name_word_ok(k) or self.opens_sentence(k) or self.soft_stop(k):
                break  # "xã | Chỉ đạo", "tỉnh Bình Phước | Thành lập": each syllable of a place is capitalised
            k += 1
        return k if k > j else None

    @memo
    def level_item(self, k: int, plural: bool) -> Optional[int]:
        """``các`` level place-name(s): ``huyện Bình Sơn``, ``các tỉnh Hưng Yên, Hòa Bình``
        (a list of places only in a plural coordination)."""
        q = self.longest(k, "quantifiers")
        j = q or k
        e = self.is_level(j)
        if e is None:
            return None
        p = self.place_name(e)
        if p is None:
            if self.longest(j, "named_levels") == e and self.lowercase_word(e) and not self.stop_at(e):
                return None  # "các địa phương | khu vực miền núi"; not "các Chi cục Hải quan khu vực,"
            return e
        while (plural or q is not None) and self.tok(p + 1) is not None \
                and self.t[p].f in (",", "và") and not self.t[p + 1].nl:
            p2 = self.place_name(p + 1)
            if p2 is None or self.is_level(p + 1) is not None:
                break
            p = p2
        return p

    @memo
    def level_coord(self, k: int) -> Optional[int]:
        """Levels joined by , và & / into one unit: ``các xã, thị trấn``, ``cấp tỉnh, cấp xã``;
        after plural levels, the places they name, after a colon on the same line (``các
        tỉnh: Ninh Bình, Bắc Ninh và Phú Thọ``, ``các tỉnh, thành phố: Gia Lai, Đắk Lắk``)."""
        plural = self.longest(k, "quantifiers") is not None
        e = self.level_item(k, False)
        if e is None:
            return None
        while True:
            t = self.tok(e)
            if t is not None and t.f in SEPS:
                e2 = self.level_item(e + 1, plural)
                if e2 is not None:
                    e = e2
                    continue
            if plural and t is not None and t.f == ":" and self.place_name(e) is None:
                return self.place_list(e + 1) or e
            return e

    def place_list(self, k: int) -> Optional[int]:
        """Two or more place names joined by , và on one line (``Ninh Bình, Bắc Ninh và Phú
        Thọ``), none a head or a stop (``: Chủ động …`` is no list)."""
        e = self.place_name(k) if self.word(k) and not self.t[k].nl and not self.head_start(k) else None
        n = 1
        while e is not None and self.tok(e + 1) is not None and self.t[e].f in (",", "và") \
                and not self.t[e + 1].nl and not self.head_start(e + 1) and not self.stop_at(e + 1):
            e2 = self.place_name(e + 1)
            if e2 is None or self.is_level(e + 1) is not None:
                break
            e, n = e2, n + 1
        return e if e is not None and n >= 2 else None

    def field(self, k: int) -> Optional[int]:
        """Free text after ``phụ trách lĩnh vực``: to the end of the line or a stop word."""
        j = k
        end = None
        count = 0
        while j < self.n and count < 10:
            t = self.t[j]
            if t.nl and j > k:
                break
            if t.kind in ("w", "n"):
                if self.stop_at(j) and t.f != "và":
                    break
                j += 1
                end = j
                count += 1
                continue
            if t.f in ("-", "&") and end is not None:
                j += 1
                continue
            if t.f == "," and end is not None and self.tok(j + 1) is not None \
                    and self.t[j + 1].cap and not self.t[j + 1].nl:
                j += 1
                continue
            break
        return end

    # ---- modifiers
