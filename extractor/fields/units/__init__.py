"""Administrative units and office holders in Vietnamese official text.

General NER models do not know ``UBND huyện``, ``Phòng Nội vụ`` or ``Văn phòng HĐND và
UBND huyện``; this package recognises them with a small noun-phrase grammar whose words
all live in ``patterns/units.yaml`` (heads, names, office holders, levels, qualifiers,
linkers, stop words), and asks underthesea where words end when a name meets open
vocabulary.

API
---
- :func:`find_units` -- every mention of a unit or office holder in a text (a sentence, a
  list item or a whole document), left to right, longest match first.
- :func:`split_units` -- a phrase known to name units (the text after ``Giao`` up to the
  verb, a ``Cơ quan chủ trì`` cell) split into its units; pieces the grammar does not
  know are kept as written.
- :func:`distribute` -- a head shared by a colon list given out to each name
  (``Giám đốc các sở: Tài chính, Nội vụ`` → ``Giám đốc Sở Tài chính``, ``Giám đốc Sở Nội
  vụ``).
- :func:`unit_key` -- a grouping form: case, tone placement, spacing, punctuation,
  ``&``/``và`` and abbreviations (``UBND`` ↔ ``Ủy ban nhân dân``, ``HĐND``, ``MTTQ``,
  ``VP``, ``TT`` ...) no longer count; honorifics (``Đồng chí``) are dropped.

Approach
--------
The package: :mod:`.tokens` (tokeniser), :mod:`.lexicon` (the YAML in a trie),
:mod:`.segment` (underthesea: word boundaries, parts of speech, dictionary), :mod:`.base`
(parser helpers, names, places, levels), :mod:`.cores` (heads, groups, people, parties),
:mod:`.grammar` (modifiers, office holders, mentions), :mod:`.spans` (the scan over a
text: where mentions start, brackets, cues), :mod:`.distribute`.

1. **Tokens.** Syllables and single punctuation marks, with offsets into the input and a
   folded form (:func:`extractor.normalize.fold`). PDF text glues words (``Ban Thường
   vụĐảng uỷ``, ``Uỷban``, ``Tỉnh uỷvà``, ``VPHĐND``); a word is split where a lowercase
   letter meets a capital, an all-caps run that is not a known abbreviation is split
   into known ones, and a lowercase run that is not one Vietnamese syllable is split
   into the fewest valid syllables (onset + vowel cluster + coda, one tone mark, stop
   codas only with the sắc/nặng tone; ties go to the longer onset: ``uỷ|trực``); a
   capitalised ASCII word is a foreign name, not glued syllables (``Minebea``). A number
   glued to a lowercase word is a footnote mark and is dropped (``Sở Nội vụ1``). A single
   line break inside a long prose line that ends no clause is *soft* (wrapped PDF or web
   text: ``Sở Công`` / ``Thương``, ``UBND tỉnh`` / ``Đồng Nai``) and reads as a space
   (:func:`.tokens.soft_break`); after one, a word in sentence case (``Công chức``) or a
   stop word ends a name.
2. **Lexicon.** Every YAML phrase is tokenised the same way and put in a trie of folded
   tokens, so a phrase matches whatever its case, tone placement or spacing; one walk down
   the trie per position serves every class.
3. **Grammar.** A recursive-descent parser over tokens::

     mention := honorific? quantifier? (holder ((,|và) deputy)* holder_mod* core?
                ((-|kiêm) holder)* holder_field? | core | level place (sep level place)*)
              ("(" unit ")")?
     core    := quantifier? (head name? | head ":" name (sep name)+
                | generic modifier* (sep? generic modifier*)* | person (sep person)*
                | actor noun*) mod*
     name    := capitalised words | known name capitalised words? | lowercase words
                + (quantifier)? level | các + name | number (after a late head)
     mod     := level (sep level)* | place | (ABBR) | complement-unit | qualifier
              | thuộc/trực thuộc unit | của/trong unit | tham mưu, giúp việc (của) unit
              | trên địa bàn level | - Chi nhánh name | phụ trách lĩnh vực field
              | (và|,) quantified group ending in a level, after a bare body

   It only continues through things it knows, so verbs and function words end a
   mention by themselves (``Phòng Nội vụ | sử dụng``). The decisions that matter are
   about separators: a comma or ``và`` continues the mention when what follows is a
   level (``UBND các xã, thị trấn``), a bare group noun (``các cơ quan, đơn vị``), a
   capitalised name word (``Sở Văn hóa, Thể thao và Du lịch``), inside a complement a
   bare body (``Văn phòng HĐND và UBND huyện``), or after a bare body a group that shares
   its level (``Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh``); it ends the
   mention when a head with a name of its own, an office holder or a new quantified group
   follows (``Sở Tài chính, Sở Nội vụ và UBND các huyện`` → 3).

   Round 2 (open vocabulary, measured on /work/devwild, letters no rule was written from):

   - a plural head or plural levels share a colon list on one line (``Các Cục: Đường bộ
     Việt Nam, Đường sắt Việt Nam``, ``UBND các tỉnh: Ninh Bình, Phú Thọ``, ``Các bộ:
     Công an, Nội vụ``); it ends where a name cannot go on (a verb, ``và các …``, a word
     in sentence case: ``UBND các xã: Chủ động …`` is no list); :func:`distribute` gives
     the names out;
   - a level with a place name is a mention (``Thành phố Hồ Chí Minh, tỉnh Lâm Đồng đẩy
     nhanh …``, ``các tỉnh Nghệ An, Quảng Ngãi``); ``khu vực`` needs a name or number
     (``named_levels``); a one-syllable head with no name after it inside a place is a
     syllable (``Hải Phòng``);
   - a quantified group noun takes the nouns that say which (``các doanh nghiệp viễn
     thông``, ``các ngân hàng thương mại``, ``…, cơ sở giáo dục``; fields the tagger reads
     as verbs are in ``field_nouns``: ``các cơ quan truyền thông, báo chí``);
   - a deputy's title shares the unit (``Chủ tịch, Phó Chủ tịch UBND các xã``, ``CVP,
     PCVP``, ``Trưởng, phó các cơ quan``) and ``kiêm`` joins posts; two holders with units
     of their own stay apart (``Bộ trưởng, Thủ trưởng cơ quan ngang bộ``);
   - central heads (``central_heads``: Bộ, Tổng cục, Vụ) take no plural level (``Bộ Quốc
     phòng | các tỉnh …``); ``named_late`` heads (``Thuế``, ``Hải quan``: the 2025 tax
     and customs offices) only open a mention, with a level or a number (``Thuế tỉnh Phú
     Thọ``, ``Thuế cơ sở 3``; not ``Thuế GTGT`` nor ``Cục Thuế`` cut at its name);
     ``sector_names`` (``Viễn thông``, ``Điện lực``) are name words after the first
     (``Tập đoàn Công nghiệp - Viễn thông Quân đội``);
   - a bracket holding one mention after a unit is its sub-unit or alias and no mention of
     its own (``Sở Nội vụ (Ban Thi đua - Khen thưởng)``); after a group or a role it says
     which and stays in (``Nhà đầu tư (Tập đoàn Đèo Cả)``);
   - no mention starts inside a dictionary word (``Hội | trường UBND xã``); right after a
     verb whose object does the work (``unit_cues``: phối hợp, giao, đề nghị, yêu cầu) a
     bare group is an addressee (``Phối hợp chính quyền địa phương, …``).
4. **Word boundaries (underthesea).** Names after ``Sở``/``Phòng``/``Ban`` ... are
   capitalised words, and in Vietnamese only the first syllable of a word in a name is
   capitalised (``Nội vụ``, ``Khoa học và Công nghệ``, ``Khu kinh tế``, ``Chính sách xã
   hội``): how many lowercase syllables belong to the name is a question about words. It
   is asked only there (a capitalised syllable followed by a lowercase one, and a few
   open-vocabulary cases), on a window of 4 + 8 tokens, lowercased (on capitalised text
   the model glues the name to the verb after it):

   - the segmenter's word that starts with the capitalised syllable is the name word
     (``Bộ Ngoại giao``, not ``Bộ Ngoại``; ``Ngân hàng Chính sách xã hội``);
   - a one-syllable name word takes the next word when the tagger calls it a noun (``Khu
     kinh tế``), not a verb (``Cục Thuế | trả lời``), or when the dictionary makes them one
     word the segmenter split (``Đường thủy``); a verb of ``function_verbs`` takes its
     object nouns (``Cục Kiểm soát thủ tục hành chính``); any other noun word takes up to
     two noun words after it (``Vụ Tổ chức cán bộ``, ``Cục Bản quyền tác giả``), unless it
     is a verb of the stop list (``Ban Chỉ đạo | định kỳ``) or a body (``Đảng``); verbs and
     adjuncts the tagger calls nouns are stop words (``Bộ Tài chính | sửa đổi``, ``Sở Y tế
     | nơi …``); a known name goes on with capitalised words (``Chuyển đổi số Văn hóa,
     Thể thao và Du lịch``, ``Kế hoạch, Tài chính``);
   - a capitalised syllable that makes a dictionary word with the lowercase one after it
     (``Chỉ đạo``, ``Thành lập``) is a word in sentence case and ends a place;
   - in all-caps text the name words are the segmenter's words (``BAN NGHIỆP VỤ THUẾ``);
   - parties named by their role take the nouns the tagger finds (``Chủ đầu tư dự án hạ
     tầng kỹ thuật khu, cụm công nghiệp``, ``nhà đầu tư thứ cấp``);
   - the two-syllable words of underthesea's dictionary (Viet74K) decide whether a
     one-syllable head is a word of its own (``Đài | truyền thanh xã``; not ``Ban hành``,
     ``Hội nghị``, ``Tổ chức``) and stop a body written in lowercase inside a word
     (``UBND tỉnh | ủy quyền``): the tagger's segmentation is fickle right after a head.

   Measured on the corpus (46 letters with gold): exact gold atoms found 0.896 with the
   one-syllable rule (``CHIDAO_SEGMENTER=off``) → 0.915 with underthesea; score.py txt
   lead 0.895 → 0.911, support 0.826 → 0.854. On the wild folder, mentions that end inside a
   dictionary word: 1.3 % → 0.4 % (benchmarks/bench_units.py prints the speed; the models
   load once per process, ~0.6 s CPU; a window of 12 tokens costs ~0.4 ms to segment, ~1.2 ms
   to tag, and is cached).

   Round 2, measured with benchmarks/units_gold.py (gold lead/support atoms found among
   the atoms of the mentions, equal after ``norm``; boundary errors: mentions that
   overlap a gold name located in the text and are longer or shorter): on /work/devwild
   (24 wild letters) strict 0.672 → 0.801 (0.860 with :func:`distribute`), boundary
   errors 120 → 85; on the corpus (45 letters) strict 0.915 → 0.921, errors 60 → 61.
   find_units costs the same (~45 ms per wild document, ~150 µs per sentence).

spaCy is not used: ``spacy.blank("vi")`` needs pyvi (not installed); ``spacy.blank("xx")``
only splits on spaces, and a ``SpanRuler`` could hold the head lists, not the separator
decisions above nor glued words.

Parser methods are memoised per text, with a depth guard, so a page of heads without
punctuation stays linear; every method answers "nothing" at the end of the tokens, so a
text that ends in a prefix (``… Đồng chí``) is fine.

Choices
-------
- ``cán bộ, công chức`` (and ``viên chức``, ``chuyên viên``) are people who hold posts: a
  group of them is a mention only when it is anchored to a level or a unit (``Cán bộ,
  công chức cấp huyện, cấp xã``, ``cán bộ, công chức Phòng Giáo dục``) or to a field
  (``Cán bộ phụ trách lĩnh vực ...``); the bare staff at large is not. ``đảng viên``
  (party members) only joins such a group.
- ``người dân, doanh nghiệp``, ``tổ chức, cá nhân`` (the public) are never units on their
  own; ``cá nhân``, ``doanh nghiệp``, ``cộng đồng`` only join a group that already started
  (``các cơ quan, đơn vị và tổ chức, cá nhân có liên quan``).
- An office holder is kept with its unit (``Chủ tịch UBND huyện``); on its own it is a
  mention only for the few titles in ``holders_alone`` (``Bộ trưởng``).
- A head glued to a document symbol (``4457/UBND-TTHC``) is not a mention.
- Every mention is returned, including headers, signature titles (``BỘ TRƯỞNG``) and
  the issuers of cited documents; callers choose by context (the task sentence, the
  ``Kính gửi`` list).

Known gaps
----------
- ``trên địa bàn huyện`` after a list of levels stays in the mention.
- Lowercase names are found before a level (``Đài truyền thanh xã``) or a capitalised
  name (``Ban Quản lý khu Kinh tế``), or from ``names``; elsewhere (``Trung tâm phục vụ …``
  before a verb) they are cut at the head.
- The tagger is a statistical model: a few names stop early or run on (``Hội đồng Quản lý
  Quỹ Bảo vệ môi trường quyết định``); ``Bộ thẻ Welcome`` (a set of cards) reads as a
  ministry.
- In all-caps text a one-syllable head with a name the lexicon does not know is a head
  only at a line start or after an office holder; all-caps place names after a level run
  to the end of the line (``TỈNH CÔNG BỐ THỦ TỤC …``).
- Adjacent heads with no punctuation chain as complements (``Văn phòng UBND tỉnh`` is
  right; ``Sở Tài chính Sở Nội vụ`` in a table cell becomes one mention).
- Coordinated holders join only a deputy's title (``Bí thư, Phó Bí thư TT Huyện ủy``);
  ``Phó Bí thư, Bí thư Tỉnh ủy`` gives ``Bí thư Tỉnh ủy``.
- Bodies inside titles of laws (``Luật Mặt trận Tổ quốc Việt Nam``) are found.
- Lowercase name words the tagger calls verbs are cut: ``Cục Kết cấu hạ tầng | xây
  dựng``, ``Cục Kinh tế - Quản lý | đầu tư xây dựng``; relative clauses after a group
  stay out (``các đơn vị | được giao thực hiện TTHC``, ``các tổ chức | cung cấp dịch vụ
  chi trả``) except ``được giao nhiệm vụ``; ``các cấp`` alone is no group.
- A person's name after a holder's unit stays in the mention (``Phó Thủ tướng Chính phủ
  Trần Hồng Hà``), also after a soft line break.
- The soft line break is a heuristic (a line of 45+ characters of prose that ends no
  clause): a title line with no stop that runs on into a capitalised word that is no
  sentence case word joins it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from ...normalize import fold
from .distribute import distribute
from .grammar import Parser
from .lexicon import lexicon
from .spans import spans
from .tokens import tokenize

__all__ = ["UnitSpan", "distribute", "find_units", "split_units", "unit_key"]


@dataclass(frozen=True)
class UnitSpan:
    """A unit or office-holder mention: ``text`` as written (``text == source[start:end]``,
    no trailing punctuation) and its grouping ``key`` (:func:`unit_key`)."""

    text: str
    start: int
    end: int
    key: str


# --------------------------------------------------------------------------- API
def find_units(text: str) -> list[UnitSpan]:
    """Every mention of a unit or office holder in ``text``, in order, not overlapping.

    >>> [u.text for u in find_units("Giao Phòng Nội vụ chủ trì, phối hợp với UBND các xã, thị trấn")]
    ['Phòng Nội vụ', 'UBND các xã, thị trấn']
    """
    if not text:
        return []
    lex = lexicon()
    toks = tokenize(text, lex.known_abbrev)
    out = []
    for i, e in spans(toks, lex):
        s, t = toks[i].start, toks[e - 1].end
        out.append(UnitSpan(text[s:t], s, t, unit_key(text[s:t])))
    return out


_PIECE_SPLIT = regex.compile(r"\s*(?:[,;]|\bvà\b|&|\n\s*-)\s*", regex.IGNORECASE)
_FUNCTION_ONLY = {"và", "các", "của", "với", "cùng", "có", "liên", "quan", "giao", "đề", "nghị",
                  "yêu", "cầu", "chỉ", "đạo"}


def split_units(phrase: str) -> list[UnitSpan]:
    """Split a phrase known to name units (``Sở Tài chính, Sở Nội vụ và UBND các huyện``)
    into units. Recognised mentions come first-class; text between them that the grammar
    does not know (``VNPT Lai Châu``) is cut at commas, semicolons and ``và`` and kept as
    written. A leading office holder followed by a colon (``Giám đốc: Sở A, Sở B``) is
    dropped: each unit after it is returned on its own."""
    units = find_units(phrase)
    out: list[UnitSpan] = []
    pos = 0

    def gap(a: int, b: int) -> None:
        seg = phrase[a:b]
        for m in _split_iter(seg):
            s, t = a + m[0], a + m[1]
            piece = phrase[s:t]
            words = [w for w in regex.findall(r"\w+", fold(piece))]
            if not words or all(w in _FUNCTION_ONLY for w in words):
                continue
            if phrase[t:t + 1] == ":" and not out and all(
                    u.start >= t for u in units):
                continue  # "Giám đốc: ..." heads the list
            out.append(UnitSpan(piece, s, t, unit_key(piece)))

    for u in units:
        gap(pos, u.start)
        out.append(u)
        pos = u.end
    gap(pos, len(phrase))
    out.sort(key=lambda u: u.start)
    return out


def _split_iter(seg: str):
    pos = 0
    for m in _PIECE_SPLIT.finditer(seg):
        yield from _trimmed(seg, pos, m.start())
        pos = m.end()
    yield from _trimmed(seg, pos, len(seg))


def _trimmed(seg: str, a: int, b: int):
    while a < b and (seg[a].isspace() or seg[a] in "-–:.;,()*"):
        a += 1
    while b > a and (seg[b - 1].isspace() or seg[b - 1] in "-–:.;,()*"):
        b -= 1
    if b > a:
        yield (a, b)


@lru_cache(maxsize=8192)
def unit_key(name: str) -> str:
    """Grouping form of a unit name.

    >>> unit_key("VP HĐND & UBND huyện") == unit_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện")
    True
    >>> unit_key("Uỷ ban MTTQ xã") == unit_key("Ủy ban Mặt trận Tổ quốc xã")
    True
    """
    lex = lexicon()
    toks = tokenize(unicodedata.normalize("NFC", name or ""), lex.known_abbrev)
    p = Parser(toks, lex)
    i = p.longest(0, "honorifics") or 0
    words: list[str] = []
    while i < len(toks):
        t = toks[i]
        if t.f == "(":
            j = i + 1
            while j < len(toks) and toks[j].f != ")":
                j += 1
            if j < len(toks) and all(x.upper for x in toks[i + 1:j]):
                i = j + 1
                continue
            i += 1
            continue
        if t.kind == "p":
            if t.f == "&":
                words.append("và")
            i += 1
            continue
        exp = lex.expand.get(t.f) if (t.upper or t.text in lex.known_abbrev) else None
        if exp:
            words.extend(fold(w) for w in exp.replace(",", " ").replace("-", " ").split())
        else:
            words.append(t.f)
        i += 1
    return " ".join(words)
