"""Referenced documents: every other document the text cites by number.

``Thực hiện Kế hoạch số 67-KH/HU ngày 10/01/2022 của Ban Thường vụ Huyện ủy về triển khai
...`` becomes one :class:`~extractor.model.Reference` with ``doc_type`` "Kế hoạch",
``number`` "67-KH/HU", ``date`` "2022-01-10", ``issuer`` "Ban Thường vụ Huyện ủy",
``subject`` "triển khai ...", ``relation`` "implements", the span of that first full
citation, and ``mentions`` listing every place the document is named again (``Kế hoạch
số 67-KH/HU`` once more, ``Kế hoạch 67``, ``(gọi tắt là Kế hoạch 67)``, ``Kế hoạch nêu
trên``).

How it works (rules in ``patterns/references.yaml``):

1. *Numbers* are found first, on the text with dashes unified but case kept: a sequence
   (``67``, ``64a``), an optional year (``/2018``) and a symbol of upper-case codes
   (``KH/HU``, ``UBND-TTHC``, ``CT-TTg``), tolerating the damage PDF text does to them
   (``46 - CT/TW``, ``2449 -CV/ĐU``, ``27/CT-`` + newline + ``TTg``).
2. A number is a *citation* when a document type stands right before it (``Nghị quyết số``,
   ``Kết luận 75-KL/TW``, glued ``Nghịđịnh số``), after a law title (``Luật Mặt trận Tổ quốc
   Việt Nam số 75/2015/QH13``), or when it is an item ``số ...`` of a list that has one type
   (``các Công văn: số 4457/...; số 2955/...``). Other numbers (``Mẫu số 02/HNMT``, the
   header ``Số: 296/BHXH-CSYT``) are not citations.
3. Around each citation: the date after it (``ngày 18/10/2021``, ``ngày 18 tháng 10 năm
   2021``, ``, ngày 09/6/2015``) or, failing that, before it (``ngày 16/8/2018 Bộ ... đã có
   Công văn số ...``); the issuer after ``của`` or before it (``Bộ Y tế có Công văn số``,
   ``Theo đề nghị của X tại Tờ trình số``); the subject after ``về``/``V/v``.
4. The *relation* comes from the clause the citation stands in (``Căn cứ``, ``Thực hiện``,
   ``Theo đề nghị``; shared by a list after one cue), a cue right before it (``thay thế``,
   ``sửa đổi, bổ sung``), or is ``cites``; a citation inside another one's subject cites.
5. Citations of the same number (case, spaces and dashes aside) are one reference; short
   forms become mentions of it. The document's own number is never a reference.

Number and date shapes live in :mod:`.ref_shapes`, the compiled rules in :mod:`.ref_rules`,
relations and what is written before a citation in :mod:`.ref_relations`.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Reference
from ..normalize import fold
from .ref_relations import _clause_start, _pre_context, _relations
from .ref_rules import _canon, _Cite, _Rules, _rules
from .ref_shapes import (_CASED, _DATE_AFTER, _LIST_NEXT, _LIST_SEP_END, _date_of, _numbers, _seq_of,
                         _strip_name, _symbol_of, _trim_raw, normalize_number, number_key, parse_date)

__all__ = ["find_references", "normalize_number", "number_key", "parse_date"]

# --------------------------------------------------------------------------- citations
_SENT_END = re.compile(r"(?<![0-9])\.(?=\s)|[!?](?=\s)|\n\s*\n(?=\s*(?:[-+•]\s|\d+(?:\.\d+)*\.\s|[A-ZĐ]))")


def _sentence_start(text: str, pos: int, limit: int = 1500) -> int:
    lo = max(0, pos - limit)
    last = lo
    for m in _SENT_END.finditer(text, lo, pos):
        last = m.end()
    return last


def _is_header_number(text: str, so_start: int) -> bool:
    """``Số: 296/BHXH-CSYT`` at the start of a line: the number line of a header."""
    if not text.startswith("S", so_start):
        return False
    ls = text.rfind("\n", 0, so_start) + 1
    return re.fullmatch(r"[\s*#|_>\-]*", text[ls:so_start]) is not None


def _find_cites(text: str, cased: str, folded: str, rules: _Rules) -> list[_Cite]:
    cites: list[_Cite] = []
    for nm, bare in _numbers(cased):
        n0 = nm.start()
        w0 = max(0, n0 - 300)
        so = re.search(r"s[ốo]\s*[:.]?[\s*_]*$", folded[w0:n0])   # glued too: "Quyết địnhsố", "số* *4597/…"
        has_so = so is not None
        anchor = w0 + so.start() if so else n0 - (len(folded[w0:n0]) - len(folded[w0:n0].rstrip()))
        if has_so and _is_header_number(text, anchor):
            continue
        number = normalize_number(cased[n0:nm.end()])
        cite = _Cite(start=anchor if has_so else n0, end=nm.end(), num_start=n0, doc_type=None, number=number,
                     key=number_key(number), seq=_seq_of(number))
        # 1. a type word right before ("Nghị quyết số", "Kết luận 75-KL/TW", "Luật ... số")
        tms = [m for m in rules.type_re.finditer(folded, w0, anchor)
               if not rules.type_not_after.search(folded, max(0, m.start() - 20), m.start())
               and (m.group(0) not in rules.abbr or text[m.start():m.end()].isupper())]
        for tm in reversed(tms):
            gap = folded[tm.end():anchor]
            name = _canon(rules, tm.group(0))
            if not gap.strip():
                cite.doc_type, cite.start = name, tm.start()
                break
            if bare:
                break
            named = name in rules.named
            words = rules.title_words if named else rules.qualifier_words
            comma = ",?" if named else ""  # a law's title: "Luật Phòng, chống ma túy số"
            if has_so and re.fullmatch(r"\s+[^\s,;:.()\d/]+%s(?:\s+[^\s,;:.()\d/]+%s){0,%d}\s*"
                                       % (comma, comma, words - 1), gap) \
                    and (named or not rules.qualifier_not.search(gap)):
                cite.doc_type, cite.start = name, tm.start()
                break
            if re.search(r"[,;:.()\d/]", gap):
                break
        if cite.doc_type is None and bare or cite.doc_type is not None and bare and not has_so:
            continue
        if cite.doc_type is None:
            # 2. an item of a list with one type: "các Công văn: số 4457/...; số 2955/...",
            # "Nghị định số 63/2010/NĐ-CP, 48/2013/NĐ-CP và 92/2017/NĐ-CP"
            s0 = _sentence_start(folded, anchor)
            heads = [h for h in rules.list_head.finditer(folded, s0, anchor)
                     if has_so or h.end() == anchor]
            prev = cites[-1] if cites and cites[-1].doc_type else None
            gap = folded[prev.end:anchor] if prev else ""
            # a typed item after the head that opens its own ";" item takes over
            # ("các Nghị định: số ...; Thông tư số 2/...; số 3/...")
            if heads and prev and prev.start > heads[-1].end() and not prev.list_item \
                    and folded[:prev.start].rstrip().endswith(";"):
                heads = []
            if heads:
                h = heads[-1]
                cite.doc_type = _canon(rules, h.group("type"))
                cite.list_item, cite.head_start = True, h.start()
            elif prev and has_so and len(gap) < 250 and not _SENT_END.search(gap) \
                    and _LIST_SEP_END.search(gap):
                cite.doc_type, cite.list_item = prev.doc_type, True
            elif prev and not has_so and _LIST_NEXT.fullmatch(gap):
                cite.doc_type, cite.list_item = prev.doc_type, True
            if cite.doc_type is None:
                continue
        cites.append(cite)
    return cites


def _issuer_at(text: str, folded: str, rules: _Rules, s: int, limit: int) -> Optional[tuple]:
    """(issuer, start, end) for a name starting at s, ending at punctuation or a stop word."""
    e = min(limit, s + 160)
    seg = folded[s:e]
    cut = len(seg)
    p = re.search(r"[,;.():!?\"“”]|\n[ ]*\n[ ]*\n|\n\s*\n(?=\s*(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s)", seg)
    if p:
        cut = p.start()
    st = rules.issuer_stop.search(seg, 1, cut)
    if st:
        cut = st.start()
    raw = _trim_raw(text[s:s + cut])
    name = _strip_name(raw)
    if not name or not (name[0].isupper() or name[0].isdigit()):
        return None
    return name, s, s + len(raw)


def _extend(text: str, folded: str, rules: _Rules, cites: list[_Cite], i: int) -> None:
    """Date, issuer and subject after citation i (within its clause)."""
    c = cites[i]
    n = len(folded)
    nxt = cites[i + 1].start if i + 1 < len(cites) else n
    pos = c.end
    dm = _DATE_AFTER.match(folded, pos, nxt)
    if dm:
        c.date, c.date_found, pos = _date_of(dm), True, dm.end()
    im = rules.issuer_intro.match(folded, pos, nxt)
    if im:
        got = _issuer_at(text, folded, rules, im.end(), nxt)
        if got:
            c.issuer, c.issuer_span = got[0], (got[1], got[2])
            pos = got[2]
            if not c.date_found:
                dm = _DATE_AFTER.match(folded, pos, nxt)
                if dm:
                    c.date, c.date_found, pos = _date_of(dm), True, dm.end()
    c.ext_end = pos
    # subject
    ss = None
    sm = rules.subject_intro.match(folded, pos, n)
    if sm:
        ss = sm.end()
    else:
        vm = rules.subject_verb.match(folded, pos, n)
        if vm:
            ss = vm.end()
    if ss is None or ss >= n:
        return
    limit = min(n, ss + rules.subject_max)
    tm = rules.subject_term.search(folded, ss, limit)
    se = tm.start() if tm else limit
    # a later citation inside the subject: the next item of a list ends it; one the
    # subject is about ("về triển khai thực hiện Nghị quyết số ...") is nested in it, and
    # the subject then runs on to its end
    for j in range(i + 1, len(cites)):
        cj = cites[j]
        if cj.start >= se:
            break
        if cj.start < ss:
            continue
        gap = folded[ss:cj.start]
        if not gap.strip() or _LIST_SEP_END.search(gap):
            se = cj.start
        break
    raw = _trim_raw(text[ss:se])
    subj = _strip_name(raw)
    if subj:
        c.subject = subj
        c.subject_span = (ss, ss + len(raw))
        c.ext_end = max(c.ext_end, c.subject_span[1])


# --------------------------------------------------------------------------- mentions
def _mention(text: str, s: int, e: int) -> dict:
    return {"start": s, "end": e, "text": text[s:e]}


def find_references(text: str, own_number: str | None = None,
                    context: dict | None = None) -> list[Reference]:
    """Every document ``text`` cites by number, once each, in order of first mention.

    ``own_number`` (and ``context["own_numbers"]``, e.g. the numbers of embedded
    attachments) are never references. ``context["include_unnumbered"]`` is reserved for
    citations without a number (``Luật Tổ chức chính quyền địa phương ngày 16/6/2025``),
    which are not listed yet.
    """
    if not text:
        return []
    context = context or {}
    rules = _rules()
    cased = text.translate(_CASED)
    folded = fold(text)
    own = [o for o in [own_number, *(context.get("own_numbers") or [])] if o]
    own_keys = {number_key(o) for o in own}
    own_blank_symbols = {_symbol_of(normalize_number(o)) for o in own if not _seq_of(normalize_number(o))}

    cites = _find_cites(text, cased, folded, rules)
    kept = []
    for c in cites:
        if c.key in own_keys:
            continue
        # "(Kèm theo Quyết định số 435/QĐ-UBND ...)" over an annex: the document itself
        mk = re.search(r"\(\s*[*_]*\s*(?:ban\s+hành\s+)?kèm\s+theo\s*$", folded[max(0, c.start - 40):c.start])
        if mk:
            paren = max(0, c.start - 40) + mk.start()
            line_start = text.rfind("\n", 0, paren) + 1
            header_like = text[paren + 1:paren + 2].isupper() and not text[line_start:paren].strip(" *_#|")
            if _symbol_of(c.number) in own_blank_symbols or (not own and header_like):
                continue
        kept.append(c)
    cites = kept
    for i in range(len(cites)):
        _extend(text, folded, rules, cites, i)
    # nesting: a citation that starts inside another one's subject
    for i, c in enumerate(cites):
        if c.subject_span:
            a, b = c.subject_span
            for j in range(i + 1, len(cites)):
                if a <= cites[j].start < b and cites[j].parent is None:
                    cites[j].parent = i
    # "số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025": items of one list joined by "và" or a
    # comma share the date written after the last of them
    for c, nxt in reversed(list(zip(cites, cites[1:]))):
        if not c.date_found and nxt.date_found and nxt.list_item and c.doc_type == nxt.doc_type \
                and re.fullmatch(r"\s*(?:,|và)\s*", folded[c.end:nxt.start]):
            c.date, c.date_found = nxt.date, True
    _relations(text, folded, rules, cites)
    for c in cites:
        if c.issuer is None or not c.date_found:
            cs, _ = _clause_start(folded, c.head_start if c.head_start is not None else c.start)
            _pre_context(text, folded, rules, c, cs)

    # "Bộ Y tế có Công văn số 627/BYT-BH ... và Công văn số 666/BYT-BH": one issuer for both
    for prev, c in zip(cites, cites[1:]):
        if c.issuer is None and prev.issuer and prev.issuer_pre and c.parent == prev.parent \
                and re.fullmatch(r"\s*(?:\([^()]{0,40}\))?\s*(?:[,;]|và|hoặc|cùng)?\s*", folded[max(prev.ext_end, prev.end):c.start]):
            c.issuer, c.issuer_pre = prev.issuer, True
    # group by number
    groups: dict[str, list[_Cite]] = {}
    for c in cites:
        groups.setdefault(c.key, []).append(c)
    refs: list[Reference] = []
    for cs_ in groups.values():
        full = next((c for c in cs_ if c.date_found), None) or next(
            (c for c in cs_ if c.issuer), None) or cs_[0]
        end = max(full.ext_end, full.end)
        ref = Reference(text=text[full.start:end], start=full.start, end=end,
                        doc_type=full.doc_type, number=full.number, date=full.date,
                        issuer=full.issuer, subject=full.subject, relation=full.relation)
        for c in cs_:
            if ref.date is None and c.date:
                ref.date = c.date
            if ref.issuer is None and c.issuer:
                ref.issuer = c.issuer
            if ref.subject is None and c.subject:
                ref.subject = c.subject
            if ref.doc_type is None and c.doc_type:
                ref.doc_type = c.doc_type
        ref.mentions = [_mention(text, c.start, c.end) for c in cs_]
        refs.append(ref)
    if not refs:
        return []
    _short_forms(text, folded, rules, refs, cites)
    for r in refs:
        r.mentions.sort(key=lambda m: m["start"])
    refs.sort(key=lambda r: r.mentions[0]["start"] if r.mentions else r.start)
    return refs


def _short_forms(text: str, folded: str, rules: _Rules, refs: list[Reference],
                 cites: list[_Cite]) -> None:
    """Aliases ("gọi tắt là ..."), bare "Type số N" and "Type nêu trên" → mentions."""
    taken = [(c.start, c.end) for c in cites]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(ref: Reference, s: int, e: int) -> None:
        if free(s, e):
            ref.mentions.append(_mention(text, s, e))
            taken.append((s, e))

    def by_type_seq(tname: Optional[str], seq: str) -> Optional[Reference]:
        hits = [r for r in refs if _seq_of(r.number or "") == seq.casefold()
                and (tname is None or r.doc_type == tname)]
        return hits[0] if len(hits) == 1 else None

    short_re = re.compile(r"(?<!\w)(?P<type>" + rules.type_re.pattern + r")\s*(?:s[ốo]\s*)?"
                          r"(?P<seq>\d{1,5}[a-zđ]?)(?![\w/])(?!\s*[-/]\s*[A-Za-zĐđ])"
                          r"(?!\s*(?:năm|tháng|ngày|%))")
    # aliases
    aliases: list[tuple[str, Reference]] = []
    alias_case: dict[str, bool] = {}
    for m in rules.alias_re.finditer(folded):
        alias = m.group("alias").strip()
        sm = short_re.fullmatch(alias)
        ref = by_type_seq(_canon(rules, sm.group("type")), sm.group("seq")) if sm else None
        if ref is None:   # "(sau đây gọi tắt là Kế hoạch)" right after a citation
            for c in cites:
                if 0 <= m.start() - max(c.ext_end, c.end) <= 3:
                    ref = next((r for r in refs if number_key(r.number) == c.key), None)
        if ref is None:
            continue
        aliases.append((alias, ref))
        a0 = m.start("alias")
        alias_case[alias] = text[a0].isupper()
        add(ref, a0, a0 + len(alias))
    for alias, ref in aliases:
        rx = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in alias.split())
                        + r"(?!\w)(?!\s*[-/]\s*[A-Za-zĐđ0-9])")
        for m in rx.finditer(folded):
            # an alias is a name: "Kế hoạch" (defined) is not every "kế hoạch"
            if alias_case[alias] and not text[m.start()].isupper():
                continue
            add(ref, m.start(), m.end())
    # bare "Chương trình hành động số 23", "Kế hoạch 67"
    for m in short_re.finditer(folded):
        if m.group("type") in rules.abbr and not text[m.start():m.end("type")].isupper():
            continue
        ref = by_type_seq(_canon(rules, m.group("type")), m.group("seq"))
        if ref is not None and m.start() > ref.start:
            add(ref, m.start(), m.end())
    # "Công văn nêu trên" -> the last cited document of that type; "Quyết định này" -> itself
    for m in rules.back_re.finditer(folded):
        if re.search(r"(?:các|những)\s+$", folded[max(0, m.start() - 8):m.start()]):
            continue
        if folded[m.end() - 3:m.end()] == "này":
            continue
        tname = _canon(rules, m.group("type"))
        before = [(mm["start"], r) for r in refs for mm in r.mentions
                  if mm["start"] < m.start() and (r.doc_type == tname or tname == "Văn bản")]
        if before:
            add(max(before, key=lambda x: x[0])[1], m.start(), m.end())
