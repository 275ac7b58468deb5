#!/usr/bin/env python3
"""Lay out every annotated letter of corpus/ the way offices print it.

For each NAME.gold.json beside a NAME.txt / NAME.md source this writes

* NAME.docx: A4, Times New Roman 14 pt, a borderless two-column header table (issuer,
  number and the "V/v" subject on the left; national motto or ĐẢNG CỘNG SẢN VIỆT NAM and
  the italic place-date line on the right), the centred type title and subject, the
  "Kính gửi:" block, the body with real Word automatic numbering (numbering.xml) for the
  "1." items and the "-" / "+" bullets of the source, and a borderless two-column closing
  table (Nơi nhận on the left, the signature block on the right);
* NAME.pdf: that .docx printed by LibreOffice (soffice --headless --convert-to pdf).

    python3 corpus/make_renderings.py                 # every letter
    python3 corpus/make_renderings.py NAME [NAME...]   # some (NAME, NAME.txt or a path)
    python3 corpus/make_renderings.py --no-pdf         # .docx only (no LibreOffice needed)

The gold file says which source text is which header part: the script looks up the gold
number, date place, subject, issuer/parent, Kính gửi items, Nơi nhận items and signer in
the source and lays out *the source's own text* (caps, spelling and punctuation as
written). Everything else between the header and the closing is the body; nothing is
invented and no body text is dropped (the script checks that every word of the source
appears in the rendering and reports any difference). Decorations of the source that are
not content are not copied as text: markdown marks (**, *, #, table pipes), rules made of
dashes ("-----"), and image links of the OCR output.

A file holding a cover letter and the document it circulates (gold "attachments") is
rendered as two documents, the second after a page break with its own header table.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

try:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt
except ImportError:  # pragma: no cover
    sys.exit("error: python-docx is required (pip install python-docx)")

CORPUS = Path(__file__).resolve().parent
SOURCE_EXTS = (".txt", ".md")
FONT = "Times New Roman"
TEXT_W = 9354                # A4 less 30 mm + 15 mm margins, in twips
LEFT_W, RIGHT_W = 3969, 5385  # header columns (issuer | motto)
PARTY_LEFT_W = 4536           # Party header: the right column only holds ĐẢNG CỘNG SẢN VIỆT NAM

# ---------------------------------------------------------------------------------------
# Source text: cleaning, emphasis, folding
# ---------------------------------------------------------------------------------------

IMAGE_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
DASH_RULE = re.compile(r"-{3,}")


def clean_lines(raw: str) -> str:
    """Source text without layout marks that are not content (see the module doc)."""
    raw = unicodedata.normalize("NFC", raw).replace("\ufeff", "")
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for line in raw.split("\n"):
        line = line.rstrip()
        st = line.strip()
        if IMAGE_LINK.fullmatch(st) or TABLE_RULE.fullmatch(st):
            out.append("")
            continue
        line = IMAGE_LINK.sub("", line)
        line = re.sub(r"^(\s*)#{1,6}\s+", r"\1", line)  # markdown heading marks
        if st.startswith("|"):  # a markdown table row: one cell per line
            out.append("")
            for cell in st.strip("|").split("|"):
                cell = DASH_RULE.sub("", cell).strip()
                if cell:
                    out.extend([cell, ""])
            continue
        out.append(DASH_RULE.sub("", line).rstrip())
    return "\n".join(out)


def parse_emphasis(text: str, md: bool) -> tuple[str, list[tuple[bool, bool]]]:
    """Drops markdown emphasis marks, returning the text and (bold, italic) per character.
    A lone '*' (the Party mark under the issuer) is text; so is an escaped '\\*'."""
    out: list[str] = []
    flags: list[tuple[bool, bool]] = []
    bold = italic = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if md and c == "\\" and i + 1 < n and text[i + 1] in "*_#-.()[]+!":
            out.append(text[i + 1])
            flags.append((bold, italic))
            i += 2
            continue
        if c == "*":
            j = i
            while j < n and text[j] == "*":
                j += 1
            run = j - i
            prev = text[i - 1] if i else "\n"
            nxt = text[j] if j < n else "\n"
            if run == 1 and prev.isspace() and nxt.isspace():
                out.append("*")
                flags.append((False, False))
            elif run == 1:
                italic = not italic
            elif run == 2:
                bold = not bold
            else:
                bold, italic = not bold, not italic
            i = j
            continue
        if c == "\n" and re.match(r"\n[ \t]*\n", text[i:i + 200]):
            bold = italic = False  # emphasis never crosses a blank line
        out.append(c)
        flags.append((bold, italic))
        i += 1
    return "".join(out), flags


def fold_char(c: str) -> str:
    """One character, compared without case, tone marks or dash variants (length kept)."""
    if c in "–—‑‒−":
        return "-"
    if c == "\n":
        return "\n"
    if c.isspace():
        return " "
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
    base = base.replace("đ", "d").replace("Đ", "d").lower()
    return base[0] if base else c


def fold(s: str) -> str:
    return "".join(fold_char(c) for c in s)


def words(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(s or ""))


def name_pattern(s: str) -> str:
    """Regex (on folded text) for a name written with any spacing/punctuation between words."""
    ws = words(s)
    return r"[^a-z0-9]*?".join(re.escape(w) for w in ws) if ws else r"(?!x)x"


def number_pattern(s: str) -> str:
    chars = [c for c in fold(s) if not c.isspace()]
    return r"\s*".join(re.escape(c) for c in chars)


def comp(s: str) -> str:
    return "".join(words(s))


def has_lower(s: str) -> bool:
    return any(c.islower() for c in s)


def is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and not has_lower(s)


# ---------------------------------------------------------------------------------------
# Finding the parts of a letter
# ---------------------------------------------------------------------------------------

TYPE_TITLES = {
    "QĐ": "quyết định", "KH": "kế hoạch", "TB": "thông báo", "CT": "chỉ thị", "BC": "báo cáo",
    "TTr": "tờ trình", "NQ": "nghị quyết", "HD": "hướng dẫn", "CTr": "chương trình",
    "KL": "kết luận", "QC": "quy chế", "QyĐ": "quy định", "QĐi": "quy định", "ĐA": "đề án",
    "PA": "phương án", "BB": "biên bản", "GM": "giấy mời", "CĐ": "công điện",
}
LIST_MARK = re.compile(r"^(?:[-+•]\s+|-(?=[A-ZĐÂĂÊÔƠƯ])|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|[IVXLC]{1,5}[.\-]\s|Điều\s+\d+\.)")


@dataclass
class Span:
    start: int
    end: int

    def text(self, t: str) -> str:
        return " ".join(t[self.start:self.end].split())


@dataclass
class Part:
    """The parts of one document (a file may hold a cover letter and an attachment)."""
    gold: dict
    start: int
    end: int
    regime: str = "state"
    motto: list[Span] = field(default_factory=list)
    date: Span | None = None
    number: Span | None = None
    subject: Span | None = None
    title: list[Span] = field(default_factory=list)
    parent: list[Span] = field(default_factory=list)
    issuer: list[Span] = field(default_factory=list)
    star: bool = False
    extra_left: list[Span] = field(default_factory=list)
    kg_label: Span | None = None
    to_items: list[tuple[Span, str]] = field(default_factory=list)   # (span, rendered text)
    body: Span | None = None
    nn_label: Span | None = None
    cc_items: list[list] = field(default_factory=list)               # [span, rendered text]
    authority: Span | None = None
    position: Span | None = None
    name: Span | None = None
    sig_extra: list[Span] = field(default_factory=list)
    trailing: Span | None = None
    warnings: list[str] = field(default_factory=list)


class Source:
    def __init__(self, path: Path, gold: dict):
        self.path = path
        self.gold = gold
        md = path.suffix == ".md"
        self.text, self.flags = parse_emphasis(clean_lines(path.read_text(encoding="utf-8")), md)
        self.fold = fold(self.text)
        self.used = bytearray(len(self.text))
        lines = [ln for ln in self.text.split("\n") if ln.strip()]
        lens = [len(ln.strip()) for ln in lines] or [80]
        self.median = statistics.median(lens)
        self.full_line = sorted(lens)[int(0.75 * (len(lens) - 1))]  # a full line of wrapped text
        self.blocks_mode = max(lens) > 160  # one paragraph per line (web page, Word, markdown)
        n_lines = self.text.split("\n")
        blank_after = sum(1 for i, ln in enumerate(n_lines[:-1]) if ln.strip() and not n_lines[i + 1].strip())
        self.ignore_blanks = not self.blocks_mode and blank_after / max(1, len(lines)) > 0.8

    # -- searching -------------------------------------------------------------------
    def find(self, pattern: str, start: int, end: int, last=False, accept=None) -> re.Match | None:
        rx = re.compile(pattern)
        found = None
        for m in rx.finditer(self.fold, start, end):
            if m.end() == m.start():
                continue
            if self.used[m.start()] or self.used[m.end() - 1]:
                continue
            if accept and not accept(m):
                continue
            found = m
            if not last:
                break
        return found

    def take(self, m_or_span, extend_bullet=False, extend_punct=False) -> Span:
        if isinstance(m_or_span, Span):
            s, e = m_or_span.start, m_or_span.end
        else:
            s, e = m_or_span.start(), m_or_span.end()
        t = self.text
        if extend_bullet:
            k = s
            while k > 0 and t[k - 1] in " \t":
                k -= 1
            if k > 0 and t[k - 1] in "-+•–":
                s = k - 1
        if extend_punct:  # closing brackets, quotes and the item's final ; , . of the line
            k = e
            while k < len(t) and not self.used[k] and t[k] in " \t)]}”\"’;,.:!?":
                k += 1
                if not t[k - 1].isspace():
                    e = k
        for i in range(s, e):
            self.used[i] = 1
        return Span(s, e)

    def caps_at(self, m) -> bool:
        return is_caps(self.text[m.start():m.end()])

    def line_start(self, i: int) -> int:
        return self.text.rfind("\n", 0, i) + 1

    def leftovers(self, start: int, end: int) -> list[Span]:
        """Unused text fragments (split at line ends and at runs of 3+ spaces)."""
        frags = []
        i = start
        while i < end:
            if self.used[i] or self.text[i].isspace():
                i += 1
                continue
            j = i
            while j < end and not self.used[j] and self.text[j] != "\n" and not (
                    self.text[j:j + 3] == "   " or self.text[j] == "\t"):
                j += 1
            frag = self.text[i:j].strip()
            if frag:
                frags.append(Span(i, i + len(self.text[i:j].rstrip())))
            i = j
        return frags


def find_loose(src: Source, name: str, start: int, end: int):
    """A recipient whose gold text tidied the source (a bracketed note the OCR garbled):
    match the words before the bracket and run to the end of that line."""
    core = re.sub(r"\([^)]*\)", " ", name).strip()
    if not core or core == name:
        return None
    m = src.find(name_pattern(core), start, end)
    if not m:
        return None
    stop = src.text.find("\n", m.end(), end)
    stop = end if stop < 0 else stop
    while stop > m.end() and (src.used[stop - 1] or src.text[stop - 1].isspace()):
        stop -= 1
    return Span(m.start(), stop)


def analyse(src: Source) -> list[Part]:
    gold = src.gold
    golds = [gold] + list(gold.get("attachments") or [])
    bounds = [0]
    for att in golds[1:]:
        nn = src.find(r"(?m)^[ \t]*noi nhan", bounds[-1], len(src.text))
        after = nn.end() if nn else bounds[-1]
        iss = att.get("issuer") or {}
        m = None
        for key in ("parent", "name"):
            if iss.get(key):
                m = src.find(name_pattern(iss[key]), after, len(src.text), accept=src.caps_at)
                if m:
                    break
        if not m:
            sys.exit(f"{src.path.name}: cannot find where attachment {len(bounds)} starts")
        bounds.append(src.line_start(m.start()))
    bounds.append(len(src.text))
    return [analyse_part(src, g, bounds[i], bounds[i + 1]) for i, g in enumerate(golds)]


def analyse_part(src: Source, g: dict, start: int, end: int) -> Part:
    p = Part(gold=g, start=start, end=end, regime=g.get("regime") or "state")
    t = src.text
    warn = p.warnings.append

    # --- closing: Nơi nhận and the signature ------------------------------------------
    nn = src.find(r"(?m)^[ \t]*noi nhan\b[ \t]*:?", start, end)
    signer = g.get("signer") or {}
    name_m = None
    if signer.get("name"):
        name_m = src.find(name_pattern(signer["name"]), nn.end() if nn else start, end, last=True)
        if not name_m:
            warn(f"signer name {signer['name']!r} not found")
    sig_floor = max(start, (nn.start() if nn else end) - 400)
    sig_ceiling = name_m.start() if name_m else end
    auth_m = pos_m = None
    if signer.get("authority"):
        pat = name_pattern(signer["authority"]).replace(r"[^a-z0-9]*?", r"[ \t./]*?", 1)
        auth_m = src.find(r"(?<![a-z0-9])" + pat + r"(?![a-z0-9])", sig_floor, sig_ceiling, last=True,
                          accept=src.caps_at)
        if not auth_m:
            warn(f"signer authority {signer['authority']!r} not found")
    if signer.get("position"):
        pos_floor = auth_m.end() if auth_m else sig_floor
        pos_m = src.find(r"(?<![a-z0-9])" + name_pattern(signer["position"]) + r"(?![a-z0-9])",
                         pos_floor, sig_ceiling, last=True, accept=src.caps_at)
        if not pos_m:
            warn(f"signer position {signer['position']!r} not found")
    starts = [m.start() for m in (nn, auth_m, pos_m, name_m) if m]
    closing = src.line_start(min(starts)) if starts else end
    # a closing element found far above the Nơi nhận would swallow the body: keep the later
    if nn and closing < src.line_start(nn.start()) - 200:
        closing = src.line_start(nn.start())
    if auth_m:
        p.authority = src.take(auth_m)
    if pos_m:
        p.position = src.take(pos_m)
    if name_m:
        p.name = src.take(name_m)
    if nn:
        p.nn_label = src.take(nn)
        pos = nn.end()
        for r in g.get("recipients") or []:
            if r.get("role") != "cc":
                continue
            m = src.find(name_pattern(r["name"]), pos, end)
            if not m:
                m = find_loose(src, r["name"], pos, end)
            if not m:
                warn(f"Nơi nhận item {r['name']!r} not found")
                continue
            sp = src.take(m, extend_bullet=True, extend_punct=True)
            p.cc_items.append([sp, sp.text(t)])
            pos = sp.end
    # leftovers of the closing region
    last_elem = max([sp.end for sp, _ in p.cc_items] + [s.end for s in (p.authority, p.position, p.name) if s]
                    + [closing])
    for frag in src.leftovers(closing, end):
        ftext = frag.text(t)
        if ftext == "*":
            continue
        if frag.start < last_elem:
            before = [it for it in p.cc_items if it[0].start < frag.start]
            if before and not (p.name and frag.start > p.name.start):
                before[-1][1] += " " + ftext  # artifact line inside Nơi nhận: kept with the item above
            else:
                p.sig_extra.append(frag)
        else:
            rest = t[frag.start:end].strip()
            if len(rest) < 200:
                p.sig_extra.append(frag)
            else:
                p.trailing = Span(frag.start, end)
                break
        src.take(frag)

    # --- header ------------------------------------------------------------------------
    to_names = [r["name"] for r in g.get("recipients") or [] if r.get("role") == "to"]
    kg = src.find(r"kinh gui\s*:?", start, closing)
    head_end = None
    if kg and to_names:
        p.kg_label = src.take(kg)
        pos = kg.end()
        for nm in to_names:
            m = src.find(name_pattern(nm), pos, closing)
            if not m:
                m = find_loose(src, nm, pos, closing)
            if not m:
                warn(f"Kính gửi item {nm!r} not found")
                continue
            sp = src.take(m, extend_bullet=True, extend_punct=True)
            p.to_items.append((sp, sp.text(t)))
            pos = sp.end
        head_end = pos
    elif kg:
        warn("Kính gửi without gold 'to' recipients")
    region_end = head_end if head_end is not None else closing

    if p.regime == "party":
        m = src.find(r"dang\s+cong\s+san\s+viet\s+nam", start, region_end)
        if m:
            p.motto.append(src.take(m))
    else:
        for pat in (r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam",
                    r"doc\s*lap\s*[-,]?\s*tu\s*do\s*[-,]?\s*hanh\s*phuc"):
            m = src.find(pat, start, region_end)
            if m:
                p.motto.append(src.take(m))
    if not p.motto:
        warn("no national motto / Party title in the header")

    date = g.get("date") or {}
    dpat = r"[\s,]*ngay[\s\d]*thang[\s\d]*nam\s*\d{4}\.?"
    m = None
    if date.get("place"):
        m = src.find(name_pattern(date["place"]) + dpat, start, region_end)
    if not m:
        m = src.find(r"(?m)[^\s,][^\n,]{1,40}?" + dpat, start, region_end)
    if m:
        p.date = src.take(m)
    else:
        warn("date line not found")

    num = (g.get("number") or {}).get("text")
    m = src.find(r"(?<![a-z0-9])so\s*:?\s*" + number_pattern(num), start, region_end) if num else None
    if not m and "number" in g and (g.get("number") or {}).get("text") is None and g.get("number") is not None:
        pass  # the gold says the letter prints no number: a "số …" in the text is a citation
    elif not m:
        m = src.find(r"(?m)(?<![a-z0-9])so\s*:?[^\n]{0,40}?/[^\s]+", start, region_end)
    if m:
        p.number = src.take(m)
    elif num:
        warn("number line not found")

    subj = g.get("subject")
    if subj:
        m = src.find(r"(?:(?<![a-z0-9])(?:v\s*/\s*v|ve\s+viec|ve)(?![a-z0-9])[\s:.]*)?" + name_pattern(subj),
                     start, region_end)
        if m:
            p.subject = src.take(m)
            if head_end is None:
                region_end = p.subject.end
        else:
            warn("subject not found")
    code = (g.get("doc_type") or {}).get("code") or ""
    title_name = TYPE_TITLES.get(code) or (None if code else (g.get("doc_type") or {}).get("name"))
    if code != "CV" and title_name and p.subject:  # a type without a code ("Thư ngỏ") by its name
        floor = max([s.end for s in p.motto + [p.date, p.number] if s] + [start])
        m = src.find(name_pattern(title_name.lower()), floor, p.subject.start, last=True, accept=src.caps_at)
        if m:
            for frag in [Span(m.start(), p.subject.start)]:
                for piece in re.finditer(r"[^\n]+", t[frag.start:frag.end]):
                    s = frag.start + piece.start()
                    e = frag.start + piece.end()
                    if t[s:e].strip():
                        p.title.append(src.take(Span(s, e)))
    if head_end is None and not p.subject:
        region_end = max([s.end for s in p.motto + [p.date, p.number] if s] + [start])

    iss = g.get("issuer") or {}
    frags = [f for f in src.leftovers(start, region_end)]
    rest = []
    for f in frags:
        if f.text(t) == "*":
            p.star = True
            src.take(f)
        else:
            rest.append(f)

    def grab(target: str | None) -> list[Span]:
        if not target or not rest:
            return []
        want = comp(target)
        for i0 in range(len(rest)):
            acc = ""
            for j in range(i0, len(rest)):
                acc += comp(rest[j].text(t))
                if not want.startswith(acc):
                    break
                if acc == want:
                    got = rest[i0:j + 1]
                    del rest[i0:j + 1]
                    return got
        return []

    p.parent = grab(iss.get("parent"))
    p.issuer = grab(iss.get("name"))
    if iss.get("name") and not p.issuer:
        # the header may spell the issuer differently from the gold: take the caps lines
        # above the number as the issuer column
        limit = p.number.start if p.number else region_end
        cand = [f for f in rest if f.start < limit and is_caps(f.text(t))]
        p.issuer = cand
        rest = [f for f in rest if f not in cand]
        if not cand:
            warn(f"issuer {iss.get('name')!r} not found")
    if iss.get("parent") and not p.parent:
        warn(f"issuer parent {iss.get('parent')!r} not found")
    for f in p.parent + p.issuer:
        src.take(f)
    for f in rest:
        src.take(f)
        p.extra_left.append(f)

    body_start = region_end
    body_end = closing
    if body_start < body_end:
        p.body = Span(body_start, body_end)
    return p


# ---------------------------------------------------------------------------------------
# Body paragraphs
# ---------------------------------------------------------------------------------------

@dataclass
class Para:
    chars: list  # [(char, (bold, italic))]

    @property
    def text(self) -> str:
        return "".join(c for c, _ in self.chars)


HEAD_MARK = re.compile(r"^(?:[IVXLC]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.)\s+")


def glue_without_space(prev: str, nxt: str) -> bool:
    """'... số 31-' + 'CTr/TW ...': a document symbol broken at its hyphen."""
    if not re.search(r"[\w/]-$", prev):
        return False
    m = re.match(r"([A-ZĐ][A-Za-zĐđ]*)(?=[/\-\s,.;]|$)", nxt)
    return bool(m) and sum(c.isupper() for c in m.group(1)) >= 2


def split_paragraphs(src: Source, span: Span) -> list[Para]:
    t = src.text
    raw_lines = []  # (start, end, indent) or None for a blank line
    pos = span.start
    for ln in t[span.start:span.end].split("\n"):
        s, e = pos, pos + len(ln)
        pos = e + 1
        seg = [i for i in range(s, e) if not src.used[i]]
        if not seg or not "".join(t[i] for i in seg).strip():
            raw_lines.append(None)
            continue
        a, b = seg[0], seg[-1] + 1
        while a < b and t[a].isspace():
            a += 1
        while b > a and t[b - 1].isspace():
            b -= 1
        indent = len(t[s:e]) - len(t[s:e].lstrip())
        raw_lines.append((a, b, indent))
    paras: list[list[tuple[int, int]]] = []
    prev = None
    blank_before = True
    for item in raw_lines:
        if item is None:
            if not src.ignore_blanks:
                blank_before = True
            continue
        a, b, ind = item
        line = t[a:b]
        if not paras:
            paras.append([(a, b)])
        else:
            pa, pb, pind = prev
            pline = t[pa:pb]
            if glue_without_space(pline, line):
                new = False
            elif src.blocks_mode:
                # one paragraph per line; a line that starts in lower case after one that
                # does not end a sentence continues it (even across a blank line)
                new = bool(LIST_MARK.match(line)) or not (
                    line[:1].islower() and not re.search(r"[.:;!?]$", pline))
            else:
                ends = bool(re.search(r"[.:;!?]$|\./\.$", pline))
                short = len(pline) < 0.85 * src.full_line
                upper = line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"“("
                head = HEAD_MARK.match(line)
                new = (blank_before
                       or (head and line[head.end():][:1].isupper()
                           and not re.search(r"(?:số|khoản|Điều|điểm|mục|ngày|tháng|năm|và|,)$", pline))
                       or (LIST_MARK.match(line) and (ends or short or is_caps(pline)))
                       or (ind > pind + 1 and ind >= 2)
                       or (upper and short and ends)
                       or (upper and short and HEAD_MARK.match(pline))
                       or (upper and len(pline) < 0.7 * src.full_line and LIST_MARK.match(pline))
                       or (is_caps(pline) and not is_caps(line)))
            if new:
                paras.append([(a, b)])
            else:
                paras[-1].append((a, b))
        prev = (a, b, ind)
        blank_before = False
    out = []
    for p in paras:
        chars = []
        for k, (a, b) in enumerate(p):
            if k:
                prev_text = t[p[k - 1][0]:p[k - 1][1]]
                if not glue_without_space(prev_text, t[a:b]):
                    chars.append((" ", chars[-1][1] if chars else (False, False)))
            chars.extend((t[i], src.flags[i]) for i in range(a, b) if not src.used[i])
        # collapse white space
        col = []
        for c, f in chars:
            if c.isspace():
                if col and col[-1][0] == " ":
                    continue
                c = " "
            col.append((c, f))
        while col and col[0][0] == " ":
            col.pop(0)
        while col and col[-1][0] == " ":
            col.pop()
        if col:
            out.append(Para(col))
    return out


# ---------------------------------------------------------------------------------------
# Word output
# ---------------------------------------------------------------------------------------

def set_cell_borders_none(table):
    tbl = table._tbl
    tblPr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "57")
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblPr.append(mar)


def keep_rows_whole(table):
    """A row is never split across pages (the signature block stays with Nơi nhận)."""
    for row in table.rows:
        trPr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:cantSplit")
        trPr.append(el)


def set_col_widths(table, widths_twips):
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_twips):
        gc.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_twips):
            tcPr = cell._tc.get_or_add_tcPr()
            tcW = tcPr.find(qn("w:tcW"))
            if tcW is None:
                tcW = OxmlElement("w:tcW")
                tcPr.append(tcW)
            tcW.set(qn("w:w"), str(w))
            tcW.set(qn("w:type"), "dxa")


def fmt(par, align=None, before=0, after=0, line=1.0, first=None, left=None, keep=False):
    pf = par.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    if first is not None:
        pf.first_line_indent = first
    if left is not None:
        pf.left_indent = left
    if keep:
        pf.keep_with_next = True
    return par


def add_run(par, text, size=14, bold=False, italic=False, underline=False):
    r = par.add_run(text)
    r.font.name = FONT
    r._element.get_or_add_rPr()
    rfonts = r._element.rPr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        r._element.rPr.insert(0, rfonts)
    for k in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(k), FONT)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    if underline:
        r.font.underline = True
    return r


def rule_paragraph(container, length: int, avail: int):
    """An empty paragraph drawn as a centred solid line of `length` twips (the rule under the
    motto, the issuer and the subject) in a container `avail` twips wide."""
    par = container.add_paragraph()
    fmt(par, WD_ALIGN_PARAGRAPH.CENTER, 0, 3)
    pPr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    pPr.insert(0, bdr)
    ind = max(0, (avail - length) // 2)
    par.paragraph_format.left_indent = Pt(ind / 20)
    par.paragraph_format.right_indent = Pt(ind / 20)
    r = par.add_run("")
    r.font.size = Pt(2)
    return par


def text_twips(s: str, size: float, bold=False) -> int:
    """Rough printed width of a line of Times New Roman (for the length of the rules)."""
    w = 0.0
    for c in s:
        if c.isspace():
            w += 0.25
        elif c.isupper():
            w += 0.72 if bold else 0.68
        else:
            w += 0.5
    return int(w * size * 20)


class Numbering:
    """Real Word lists: a decimal '1.' list and '-' / '+' bullets in numbering.xml."""
    DEC, DASH, PLUS = 900, 901, 902

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.next_num = 900
        for aid, fmt_, text in ((self.DEC, "decimal", "%1."), (self.DASH, "bullet", "-"), (self.PLUS, "bullet", "+")):
            self._abstract(aid, fmt_, text)
        self.bullet_ids = {"-": self._num(self.DASH), "+": self._num(self.PLUS), "•": self._num(self.DASH)}
        self.cur_id = None
        self.cur_val = None

    def _abstract(self, aid, numfmt, text):
        a = OxmlElement("w:abstractNum")
        a.set(qn("w:abstractNumId"), str(aid))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "singleLevel")
        a.append(mlt)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", numfmt), ("w:suff", "space"),
                         ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:firstLine"), "720")
        ppr.append(ind)
        lvl.append(ppr)
        rpr = OxmlElement("w:rPr")
        rf = OxmlElement("w:rFonts")
        for k in ("w:ascii", "w:hAnsi", "w:cs"):
            rf.set(qn(k), FONT)
        rf.set(qn("w:hint"), "default")
        rpr.append(rf)
        lvl.append(rpr)
        a.append(lvl)
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(a)
        else:
            self.root.append(a)

    def _num(self, aid, start=None):
        self.next_num += 1
        n = OxmlElement("w:num")
        n.set(qn("w:numId"), str(self.next_num))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(aid))
        n.append(ref)
        if start is not None:
            ov = OxmlElement("w:lvlOverride")
            ov.set(qn("w:ilvl"), "0")
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), str(start))
            ov.append(so)
            n.append(ov)
        self.root.append(n)
        return self.next_num

    def decimal(self, value: int) -> int:
        if self.cur_id is None or value != self.cur_val + 1:
            self.cur_id = self._num(self.DEC, start=value)
        self.cur_val = value
        return self.cur_id

    def reset(self):
        self.cur_id = None
        self.cur_val = None

    @staticmethod
    def apply(par, num_id, bold=False):
        pPr = par._p.get_or_add_pPr()
        numPr = OxmlElement("w:numPr")
        il = OxmlElement("w:ilvl")
        il.set(qn("w:val"), "0")
        ni = OxmlElement("w:numId")
        ni.set(qn("w:val"), str(num_id))
        numPr.append(il)
        numPr.append(ni)
        pPr.insert(0, numPr)
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:firstLine"), "720")
        pPr.append(ind)
        # the paragraph mark's run properties style the number
        rpr = OxmlElement("w:rPr")
        rf = OxmlElement("w:rFonts")
        for k in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(k), FONT)
        rpr.append(rf)
        if bold:
            rpr.append(OxmlElement("w:b"))
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "28")
        rpr.append(sz)
        pPr.append(rpr)


class Renderer:
    def __init__(self, src: Source, parts: list[Part]):
        self.src = src
        self.parts = parts
        self.doc = docx.Document()
        self.num = Numbering(self.doc)
        self.written: list[str] = []  # every text put into the document, for the content check
        self._setup()

    def _setup(self):
        d = self.doc
        st = d.styles["Normal"]
        st.font.name = FONT
        st.font.size = Pt(14)
        rpr = st.element.get_or_add_rPr()
        rf = rpr.find(qn("w:rFonts"))
        if rf is None:
            rf = OxmlElement("w:rFonts")
            rpr.insert(0, rf)
        for k in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(k), FONT)
        sec = d.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
        sec.left_margin, sec.right_margin = Mm(30), Mm(15)
        sec.header_distance = Mm(10)
        # page number centred in the top margin, not on page 1 (NĐ 30, HD 36)
        sec.different_first_page_header_footer = True
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        hp._p.append(fld)
        cp = d.core_properties
        cp.author = "chidao corpus"
        cp.last_modified_by = "chidao corpus"
        cp.title = self.src.path.stem
        cp.comments = "rendered by corpus/make_renderings.py from " + self.src.path.name
        cp.created = cp.modified = _dt.datetime(2024, 1, 1, 0, 0, 0)
        cp.revision = 1
        # python-docx's template starts with one empty paragraph: drop it
        body = d.element.body
        for p in list(body.findall(qn("w:p"))):
            body.remove(p)

    def txt(self, span: Span | None) -> str:
        return span.text(self.src.text) if span else ""

    def cell_line(self, cell, text, size=13, bold=False, italic=False, before=0, first=False, underline=False,
                  align=WD_ALIGN_PARAGRAPH.CENTER):
        par = cell.paragraphs[0] if first and not cell.paragraphs[0].text and not cell.paragraphs[0].runs else cell.add_paragraph()
        fmt(par, align, before, 0)
        add_run(par, text, size, bold, italic, underline)
        self.written.append(text)
        return par

    # -- header ------------------------------------------------------------------------
    def header(self, p: Part):
        d = self.doc
        t = self.src.text
        party = p.regime == "party"
        tbl = d.add_table(rows=2, cols=2)
        tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
        set_cell_borders_none(tbl)
        lw, rw = (PARTY_LEFT_W, TEXT_W - PARTY_LEFT_W) if party else (LEFT_W, RIGHT_W)
        set_col_widths(tbl, [lw, rw])
        keep_rows_whole(tbl)
        left, right = tbl.cell(0, 0), tbl.cell(0, 1)
        first = True
        size_org = 14 if party else 13
        for sp in p.parent:
            self.cell_line(left, sp.text(t), size_org, first=first)
            first = False
        issuer_lines = [sp.text(t) for sp in p.issuer]
        merged = []
        for ln in issuer_lines:  # "ỦY BAN NHÂN" / "DÂN": a one-word line is a wrapping accident
            if merged and len(ln.split()) == 1 and len(merged[-1]) < 30:
                merged[-1] += " " + ln
            else:
                merged.append(ln)
        for ln in merged:
            self.cell_line(left, ln, size_org, bold=True, first=first)
            first = False
        if p.star:
            self.cell_line(left, "*", 14, first=first)
        elif merged:
            rule_paragraph(left, text_twips(merged[-1], size_org, True) * 2 // 5, lw - 114)
        mottos = [sp.text(t) for sp in p.motto]
        firstr = True
        for i, m in enumerate(mottos):
            size = 15 if party else (12 if i == 0 else 13)
            self.cell_line(right, m, size, bold=True, first=firstr)
            firstr = False
        if mottos:
            rule_paragraph(right, text_twips(mottos[-1], 15 if party else 13, True), rw - 114)
        # second row: number (+ V/v) | date
        l2, r2 = tbl.cell(1, 0), tbl.cell(1, 1)
        firstl = True
        if p.number:
            self.cell_line(l2, self.txt(p.number), 13 if not party else 14, before=4, first=True)
            firstl = False
        if p.subject and not p.title:
            self.cell_line(l2, self.txt(p.subject), 12 if party else 13, italic=party, before=6, first=firstl)
            firstl = False
        for sp in p.extra_left:
            self.cell_line(l2, sp.text(t), 13, italic=True, before=4, first=firstl)
            firstl = False
        if p.date:
            self.cell_line(r2, self.txt(p.date), 14, italic=True, before=4, first=True)
        # title block
        if p.title:
            for i, sp in enumerate(p.title):
                par = d.add_paragraph()
                fmt(par, WD_ALIGN_PARAGRAPH.CENTER, 18 if i == 0 else 0, 0, keep=True)
                add_run(par, sp.text(t), 15 if party and i == 0 else 14, bold=True)
                self.written.append(sp.text(t))
            if p.subject:
                par = d.add_paragraph()
                fmt(par, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, keep=True)
                add_run(par, self.txt(p.subject), 14, bold=True)
                self.written.append(self.txt(p.subject))
            rule_paragraph(d, 2600, TEXT_W)
        # Kính gửi
        if p.kg_label and p.to_items:
            label_out = label = self.txt(p.kg_label)
            items = [txt for _, txt in p.to_items]
            self.written.append(label)
            self.written.extend(items)
            if len(items) == 1 and len(items[0]) < 70 and not items[0].startswith("-"):
                par = d.add_paragraph()
                fmt(par, WD_ALIGN_PARAGRAPH.CENTER, 12, 12)
                add_run(par, f"{label_out} {items[0]}", 14)
            else:
                for i, it in enumerate(items):
                    par = d.add_paragraph()
                    pf = par.paragraph_format
                    fmt(par, WD_ALIGN_PARAGRAPH.LEFT, 12 if i == 0 else 0, 12 if i == len(items) - 1 else 0)
                    pf.left_indent = Mm(50)
                    if i == 0:
                        pf.first_line_indent = -Mm(27)
                        pf.tab_stops.add_tab_stop(Mm(50))
                        add_run(par, label_out + "\t" + it, 14)
                    else:
                        add_run(par, it, 14)

    # -- body --------------------------------------------------------------------------
    def body(self, span: Span | None, p: Part):
        if not span:
            return
        code = (p.gold.get("doc_type") or {}).get("code")
        self.num.reset()
        for para in split_paragraphs(self.src, span):
            text = para.text
            if "<table" in text.lower():
                self.html_chunks(para)
                continue
            self.paragraph(para, code)

    def html_chunks(self, para: Para):
        text = para.text
        pos = 0
        for m in re.finditer(r"(?is)<table.*?</table>", text):
            before = Para(para.chars[pos:m.start()])
            if before.text.strip():
                self.paragraph(before, None)
            self.html_table(m.group(0))
            pos = m.end()
        after = Para(para.chars[pos:])
        if after.text.strip():
            self.paragraph(Para([c for c in after.chars]), None)

    def html_table(self, markup: str):
        rows = []
        for tr in re.findall(r"(?is)<tr[^>]*>(.*?)</tr>", markup):
            cells = [html.unescape(re.sub(r"<[^>]+>", " ", c)).strip()
                     for c in re.findall(r"(?is)<t[dh][^>]*>(.*?)</t[dh]>", tr)]
            if cells:
                rows.append(cells)
        if not rows:
            return
        ncol = max(len(r) for r in rows)
        tbl = self.doc.add_table(rows=len(rows), cols=ncol)
        tbl.style = self.doc.styles["Table Grid"]
        for i, r in enumerate(rows):
            for j, c in enumerate(r):
                cell = tbl.cell(i, j)
                par = cell.paragraphs[0]
                fmt(par, WD_ALIGN_PARAGRAPH.LEFT, 0, 0)
                add_run(par, " ".join(c.split()), 11)
                self.written.append(c)
        self.doc.add_paragraph()

    def paragraph(self, para: Para, code: str | None):
        d = self.doc
        chars = list(para.chars)
        text = para.text
        par = d.add_paragraph()
        align = WD_ALIGN_PARAGRAPH.JUSTIFY
        first = Mm(12.7)
        num_id = None
        whole_bold = False
        m_dec = re.match(r"^(\d{1,2})\.\s+(?=\S)", text)
        m_bul = re.match(r"^([-+•])\s+(?=\S)|^(-)(?=[A-ZĐÂĂÊÔƠƯ])", text)
        if m_dec and not re.match(r"^\d+\.\d", text):
            num_id = self.num.decimal(int(m_dec.group(1)))
            chars = chars[m_dec.end():]
            self.written.append(m_dec.group(1) + ".")
        elif m_bul:
            mark = m_bul.group(1) or m_bul.group(2)
            num_id = self.num.bullet_ids[mark]
            chars = chars[m_bul.end():]
            self.written.append(mark)
        body_text = "".join(c for c, _ in chars)
        if is_caps(body_text) and len(body_text) < 200:
            whole_bold = True
            if not (num_id or re.match(r"^[IVXLC]{1,5}[.\-]\s|^\d", body_text)):
                align = WD_ALIGN_PARAGRAPH.CENTER
                first = Mm(0)
        m_art = re.match(r"^Điều\s+\d+\.", body_text)
        italic_all = code == "QĐ" and re.match(r"^(Căn cứ|Theo đề nghị)", body_text)
        if num_id:
            Numbering.apply(par, num_id, bold=whole_bold or (chars and chars[0][1][0]))
            fmt(par, align, 0, 6, 1.05)
        else:
            fmt(par, align, 0, 6, 1.05, first=first)
        # runs: group characters with the same emphasis
        out = []
        for k, (c, (b, it)) in enumerate(chars):
            b = b or whole_bold or bool(m_art and k < m_art.end())
            it = it or bool(italic_all)
            if out and out[-1][1] == (b, it):
                out[-1][0] += c
            else:
                out.append([c, (b, it)])
        for s, (b, it) in out:
            add_run(par, s, 14, b, it)
        self.written.append(body_text)

    # -- closing -----------------------------------------------------------------------
    def closing(self, p: Part):
        d = self.doc
        t = self.src.text
        party = p.regime == "party"
        if not (p.nn_label or p.cc_items or p.authority or p.position or p.name or p.sig_extra):
            return
        tbl = d.add_table(rows=1, cols=2)
        set_cell_borders_none(tbl)
        set_col_widths(tbl, [4535, 4819])
        keep_rows_whole(tbl)
        left, right = tbl.cell(0, 0), tbl.cell(0, 1)
        first = True
        if p.nn_label:
            label = self.txt(p.nn_label)
            if party:
                self.cell_line(left, label, 14, underline=True, first=True, before=8, align=WD_ALIGN_PARAGRAPH.LEFT)
            else:
                self.cell_line(left, label, 12, bold=True, italic=True, first=True, before=8, align=WD_ALIGN_PARAGRAPH.LEFT)
            first = False
        for _, item in p.cc_items:
            self.cell_line(left, item, 12 if party else 11, first=first, align=WD_ALIGN_PARAGRAPH.LEFT)
            first = False
        firstr = True
        if p.authority:
            self.cell_line(right, self.txt(p.authority), 14, bold=True, first=True, before=8)
            firstr = False
        if p.position:
            self.cell_line(right, self.txt(p.position), 14, bold=not party, first=firstr)
            firstr = False
        if p.name:
            for _ in range(3):
                fmt(right.add_paragraph(), None, 0, 0)
            self.cell_line(right, self.txt(p.name), 14, bold=True, first=firstr)
        for sp in p.sig_extra:
            self.cell_line(right, sp.text(t), 10, italic=True)

    def render(self) -> docx.Document:
        for i, p in enumerate(self.parts):
            if i:
                brk = self.doc.add_paragraph()
                brk.add_run().add_break(WD_BREAK.PAGE)
            self.header(p)
            self.body(p.body, p)
            self.closing(p)
            if p.trailing:
                brk = self.doc.add_paragraph()
                brk.add_run().add_break(WD_BREAK.PAGE)
                self.body(p.trailing, p)
        return self.doc


# ---------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------

def source_for(stem: str) -> Path | None:
    for ext in SOURCE_EXTS:
        f = CORPUS / f"{stem}{ext}"
        if f.exists():
            return f
    return None


def content_check(src: Source, written: list[str]) -> list[str]:
    """Words of the source missing from (or added to) the rendering."""
    want = Counter(words(html.unescape(re.sub(r"<[^>]+>", " ", src.text))))
    got = Counter(words(" ".join(written)))
    problems = []
    missing = want - got
    extra = got - want
    if missing:
        problems.append("words missing from the rendering: " + " ".join(sorted(missing.elements())[:30]))
    if extra:
        problems.append("words added by the rendering: " + " ".join(sorted(extra.elements())[:30]))
    return problems


def render_one(stem: str) -> Path:
    gold_path = CORPUS / f"{stem}.gold.json"
    path = source_for(stem)
    if path is None:
        raise SystemExit(f"{stem}: no {'/'.join(SOURCE_EXTS)} source beside {gold_path.name}")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    src = Source(path, gold)
    parts = analyse(src)
    r = Renderer(src, parts)
    document = r.render()
    out = CORPUS / f"{stem}.docx"
    document.save(out)
    for i, p in enumerate(parts):
        for w in p.warnings:
            print(f"  warning: {stem}{'#att' + str(i) if i else ''}: {w}")
    for w in content_check(src, r.written):
        print(f"  warning: {stem}: {w}")
    return out


def find_soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("error: LibreOffice is needed for the PDF renderings but 'soffice' is not on PATH.\n"
                         "Install it (e.g. apt-get install libreoffice-writer fonts-liberation2) "
                         "or run with --no-pdf to write the .docx files only.")
    return exe


def to_pdf(soffice: str, files: list[Path]):
    with tempfile.TemporaryDirectory(prefix="chidao-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(CORPUS)] + [str(f) for f in files]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise SystemExit(f"error: soffice failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    for f in files:
        pdf = f.with_suffix(".pdf")
        if not pdf.exists():
            raise SystemExit(f"error: soffice wrote no {pdf.name}")
        print(f"  wrote {pdf.relative_to(CORPUS.parent)}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="letters to render (NAME, NAME.txt, NAME.gold.json or a path)")
    ap.add_argument("--no-pdf", action="store_true", help="write the .docx files only")
    args = ap.parse_args(argv)
    soffice = None if args.no_pdf else find_soffice()
    if args.names:
        stems = []
        for n in args.names:
            base = Path(n).name
            for suf in (".gold.json", ".docx", ".pdf") + SOURCE_EXTS:
                if base.endswith(suf):
                    base = base[: -len(suf)]
                    break
            if not (CORPUS / f"{base}.gold.json").exists():
                raise SystemExit(f"error: no corpus/{base}.gold.json")
            stems.append(base)
    else:
        stems = sorted(g.name[: -len(".gold.json")] for g in CORPUS.glob("*.gold.json"))
    written = []
    for i, stem in enumerate(stems, 1):
        print(f"[{i}/{len(stems)}] {stem}")
        out = render_one(stem)
        print(f"  wrote {out.relative_to(CORPUS.parent)}")
        written.append(out)
    if soffice and written:
        print(f"printing {len(written)} file(s) to PDF with LibreOffice ...")
        to_pdf(soffice, written)
    print("done")


if __name__ == "__main__":
    main()
