"""Word .docx letters, read straight from the XML parts with lxml.

What comes out (one :class:`~extractor.model.Line` per visual line):

- the body in document order: paragraphs and tables (nested tables too), text-box
  content right after the paragraph that anchors it; section headers/footers, footnotes,
  comments, deleted (tracked) text and hidden text are left out;
- tables cell by cell, row by row, left to right, with ``cell = (table, row, grid col)``
  and a blank line between cells; merged cells (``gridSpan``, ``vMerge`` continuation)
  are read once;
- soft line breaks (``w:br``, ``w:cr``) split a paragraph into several lines; page and
  column breaks split it too but never make a blank line; tabs become spaces; an empty
  paragraph becomes one blank line (runs of blank lines are collapsed to one);
- Word automatic numbering rebuilt from ``numbering.xml`` (see :class:`_Numbering`):
  the label and a space are prepended to the text and kept in ``Line.label`` /
  ``Line.level``;
- hints: ``bold``/``italic`` (every visible run of the line agrees, styles included),
  ``align`` (paragraph ``jc``, style-inherited; ``left`` when nothing says otherwise);
  ``w:caps`` runs are upper-cased as Word shows them;
- ``Document.pages`` from ``docProps/app.xml`` when the statistics there look real.

python-docx is not used here: walking the XML ourselves is several times faster and
lets us see text boxes, tracked changes and ``mc:AlternateContent``.
"""
from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from lxml import etree

from ..errors import ReadError, UnsupportedFormat
from ..model import Document, DocumentBuilder
from ..normalize import clean_text

__all__ = ["read_docx"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_MAX_PART = 256 * 1024 * 1024  # uncompressed bytes; guards against zip bombs

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_comments=True, remove_pis=True)

# elements whose children are inline content of the same paragraph
_INLINE_WRAPPERS = frozenset(W + t for t in (
    "hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "dir", "bdo",
    "sdt", "sdtContent"))
# elements whose children are block content (paragraphs, tables)
_BLOCK_WRAPPERS = frozenset(W + t for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo"))
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "zapf", "dingbats", "marlett")
_DASHES = frozenset("-–—−‐‑‒")
_PUA = re.compile("[\ue000-\uf8ff]")


# ============================================================================ entry point
def read_docx(data: bytes, path: Optional[str] = None) -> Document:
    """Read a .docx (also .docm/.dotx) given as bytes. Raises :class:`ReadError` for
    input that is not a readable Word document and :class:`UnsupportedFormat` for a
    legacy .doc (OLE2), an encrypted .docx, RTF, ODT and similar look-alikes."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError("read_docx() expects the file content as bytes")
    _sniff(data)
    pkg = _Package(data)
    doc_part = pkg.main_part()
    body_root = pkg.xml(doc_part)
    if body_root is None:
        raise ReadError(f"not a valid .docx (no {doc_part} part)")
    rels = pkg.rels(doc_part)
    styles = _Styles(pkg.xml(rels.get("styles") or "word/styles.xml"))
    numbering = _Numbering(pkg.xml(rels.get("numbering") or "word/numbering.xml"), styles)

    body = body_root.find(W + "body")
    reader = _BodyReader(styles, numbering)
    if body is not None:
        reader.blocks(body, None)
    warnings: list[str] = []
    if not any(t for t, _ in reader.items):
        warnings.append("no text in the document body (only images or empty?)")
    b = DocumentBuilder()
    blank = False
    for text, hints in reader.items:
        if not text:
            blank = True
            continue
        if blank and b.lines:
            b.add("")
        blank = False
        b.add(text, **hints)
    pages = _pages(pkg.xml("docProps/app.xml"), bool(b.lines))
    return b.build("docx", path=path, sha256=hashlib.sha256(data).hexdigest(), pages=pages,
                   warnings=warnings)


def _sniff(data: bytes) -> None:
    """Refuse what is obviously not a .docx, with a message that says what it is."""
    if not data:
        raise ReadError("empty file (0 bytes)")
    if data.startswith(_OLE_MAGIC) or data.startswith(b"\xd0\xcf\x11\xe0"):
        if _ENCRYPTED_MARK in data:
            raise UnsupportedFormat("not supported: password-protected (encrypted) .docx; "
                                    "remove the password in Word first")
        raise UnsupportedFormat("not supported yet: legacy Word .doc (OLE2) file")
    if data.startswith(b"PK"):
        return
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormat("not supported yet: RTF file (saved with a .doc/.docx name)")
    if head.startswith(b"%pdf"):
        raise ReadError("not a .docx: the file is a PDF (read it as .pdf)")
    if b"<w:worddocument" in head or b"schemas.microsoft.com/office/word/2003" in head:
        raise UnsupportedFormat("not supported yet: Word 2003 XML document")
    if b"<pkg:package" in head:
        raise UnsupportedFormat("not supported yet: Word flat XML (Flat OPC) document")
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        raise UnsupportedFormat("not supported yet: HTML file saved with a .doc/.docx name")
    raise ReadError("not a valid .docx (not a zip archive)")


# ============================================================================ the package
class _Package:
    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except zipfile.BadZipFile:
            raise ReadError("not a valid .docx (zip archive is corrupt)") from None
        except Exception as e:  # noqa: BLE001 - zipfile raises a zoo of errors on junk
            raise ReadError(f"not a valid .docx (zip archive is corrupt: {type(e).__name__})") from None
        # OPC part names are case-insensitive; some tools write backslashes
        self.names = {i.filename.replace("\\", "/").lstrip("/").lower(): i for i in infos}

    def read(self, name: str) -> Optional[bytes]:
        info = self.names.get(name.lstrip("/").lower())
        if info is None:
            return None
        if info.file_size > _MAX_PART:
            raise ReadError(f"not a valid .docx ({name} is implausibly large: "
                            f"{info.file_size // (1024 * 1024)} MiB uncompressed)")
        try:
            return self.zip.read(info)
        except RuntimeError as e:
            if "encrypt" in str(e).lower():
                raise ReadError("not a valid .docx (zip entries are password-encrypted)") from None
            raise ReadError(f"not a valid .docx (cannot read {name}: {e})") from None
        except Exception:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, ...
            raise ReadError(f"not a valid .docx (zip archive is corrupt: cannot read {name})") from None

    def xml(self, name: str) -> Optional[etree._Element]:
        raw = self.read(name)
        if raw is None:
            return None
        if _STRICT_W in raw:  # ISO strict: same vocabulary, other namespace
            raw = raw.replace(_STRICT_W, W_NS.encode())
        try:
            return etree.fromstring(raw, _PARSER)
        except etree.XMLSyntaxError as e:
            msg = str(e).splitlines()[0] if str(e) else "syntax error"
            raise ReadError(f"not a valid .docx ({name} is not well-formed XML: {msg})") from None

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type (last path segment, e.g. ``styles``) → absolute part name."""
        d, base = posixpath.split(part)
        root = self.xml(posixpath.join(d, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iter(_REL_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = (rel.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]
            target = (rel.get("Target") or "").replace("\\", "/")
            if not target:
                continue
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(d, target))
            out.setdefault(kind, name)
        return out

    def main_part(self) -> str:
        target = self.rels("").get("officeDocument")
        if target and target.lower() in self.names:
            low = target.lower()
            if low.startswith("xl/"):
                raise ReadError("not a .docx: the file is an Excel workbook (.xlsx)")
            if low.startswith("ppt/"):
                raise ReadError("not a .docx: the file is a PowerPoint presentation (.pptx)")
            return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        if "content.xml" in self.names and "mimetype" in self.names:
            mime = (self.read("mimetype") or b"").decode("ascii", "replace").strip()
            if "opendocument" in mime:
                raise UnsupportedFormat("not supported yet: OpenDocument (.odt) file "
                                        "saved with a .docx name")
        if "xl/workbook.xml" in self.names:
            raise ReadError("not a .docx: the file is an Excel workbook (.xlsx)")
        if "ppt/presentation.xml" in self.names:
            raise ReadError("not a .docx: the file is a PowerPoint presentation (.pptx)")
        raise ReadError("not a valid .docx (zip archive has no word/document.xml)")


def _pages(app: Optional[etree._Element], has_text: bool) -> Optional[int]:
    """``<Pages>`` from docProps/app.xml, unless the statistics were never computed
    (files written by libraries keep a template's ``Pages=1, Words=0``)."""
    if app is None:
        return None
    vals = {}
    for el in app:
        if isinstance(el.tag, str):
            vals[etree.QName(el).localname] = (el.text or "").strip()
    try:
        pages = int(vals.get("Pages", ""))
    except ValueError:
        return None
    if pages <= 0:
        return None
    if has_text and vals.get("Words", "0") in ("", "0") and vals.get("Characters", "0") in ("", "0"):
        return None  # stale template statistics
    return pages


def _onoff(el: Optional[etree._Element]) -> Optional[bool]:
    if el is None:
        return None
    v = el.get(W + "val")
    return v is None or v.lower() not in ("0", "false", "off", "none")


def _val(el: Optional[etree._Element], child: str) -> Optional[str]:
    if el is None:
        return None
    c = el.find(W + child)
    return None if c is None else c.get(W + "val")


def _int(s: Optional[str], default: Optional[int] = None) -> Optional[int]:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


# ============================================================================ styles
_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "justify", "distribute": "justify", "lowKashida": "justify",
          "mediumKashida": "justify", "highKashida": "justify", "thaiDistribute": "justify"}
_RPROPS = ("b", "i", "caps", "vanish")


@dataclass
class _Style:
    based_on: Optional[str] = None
    kind: str = "paragraph"
    jc: Optional[str] = None
    rpr: dict = field(default_factory=dict)  # "b"/"i"/"caps"/"vanish" → bool
    num_id: Optional[str] = None
    ilvl: Optional[str] = None


def _rprops(rpr: Optional[etree._Element]) -> dict:
    out = {}
    if rpr is None:
        return out
    for name in _RPROPS:
        v = _onoff(rpr.find(W + name))
        if v is not None:
            out[name] = v
    return out


class _Styles:
    """Paragraph/character styles, parsed lazily (library templates carry hundreds)."""

    def __init__(self, root: Optional[etree._Element]) -> None:
        self.elements: dict[str, etree._Element] = {}
        self.default_para: Optional[str] = None
        self.doc_rpr: dict = {}
        self.doc_jc: Optional[str] = None
        self._parsed: dict[str, _Style] = {}
        self._eff: dict[str, _Style] = {}
        if root is None:
            return
        dd = root.find(W + "docDefaults")
        if dd is not None:
            self.doc_rpr = _rprops(dd.find(f"{W}rPrDefault/{W}rPr"))
            self.doc_jc = _val(dd.find(f"{W}pPrDefault/{W}pPr"), "jc")
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if sid is None:
                continue
            self.elements.setdefault(sid, st)
            if self.default_para is None and st.get(W + "default") in ("1", "true", "on") \
                    and st.get(W + "type", "paragraph") == "paragraph":
                self.default_para = sid

    def _style(self, sid: str) -> Optional[_Style]:
        hit = self._parsed.get(sid)
        if hit is None:
            st = self.elements.get(sid)
            if st is None:
                return None
            ppr = st.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            hit = _Style(based_on=_val(st, "basedOn"), kind=st.get(W + "type") or "paragraph",
                         jc=_val(ppr, "jc"), rpr=_rprops(st.find(W + "rPr")),
                         num_id=_val(numpr, "numId"), ilvl=_val(numpr, "ilvl"))
            self._parsed[sid] = hit
        return hit

    def effective(self, sid: Optional[str]) -> _Style:
        """The style with its basedOn chain folded in (child wins)."""
        if sid is None:
            return _Style()
        hit = self._eff.get(sid)
        if hit is not None:
            return hit
        chain, seen, cur = [], set(), sid
        while cur is not None and cur not in seen:
            st = self._style(cur)
            if st is None:
                break
            seen.add(cur)
            chain.append(st)
            cur = st.based_on
        eff = _Style(kind=chain[0].kind if chain else "paragraph")
        for st in reversed(chain):  # ancestors first, the style itself last
            eff.jc = st.jc or eff.jc
            eff.rpr = {**eff.rpr, **st.rpr}
            if st.num_id is not None:
                eff.num_id = st.num_id
            if st.ilvl is not None:
                eff.ilvl = st.ilvl
        self._eff[sid] = eff
        return eff


# ============================================================================ numbering
@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: Optional[str] = None
    restart: Optional[int] = None  # lvlRestart: 1-based level that restarts this one; 0 = never
    legal: bool = False
    font: str = ""
    pstyle: Optional[str] = None
    picture: bool = False


def _parse_level(lvl: etree._Element) -> _Level:
    fmt_el = lvl.find(W + "numFmt")
    if fmt_el is None:  # Word 2010 custom formats hide numFmt in mc:AlternateContent
        fmt_el = lvl.find(f"{MC}AlternateContent/{MC}Fallback/{W}numFmt")
    lt = lvl.find(W + "lvlText")
    text = None
    if lt is not None:
        text = "" if lt.get(W + "null") in ("1", "true", "on") else (lt.get(W + "val") or "")
    fonts = lvl.find(f"{W}rPr/{W}rFonts")
    font = ""
    if fonts is not None:
        font = " ".join(v for k, v in fonts.attrib.items()
                        if k.endswith(("ascii", "hAnsi", "cs", "eastAsia")))
    fmt = fmt_el.get(W + "val") if fmt_el is not None else None
    return _Level(start=_int(_val(lvl, "start"), 1), fmt=fmt or "decimal", text=text,
                  restart=_int(_val(lvl, "lvlRestart")), legal=bool(_onoff(lvl.find(W + "isLgl"))),
                  font=font.lower(), pstyle=_val(lvl, "pStyle"),
                  picture=lvl.find(W + "lvlPicBulletId") is not None)


@dataclass
class _Num:
    abstract: str
    start_override: dict = field(default_factory=dict)  # ilvl → start
    levels: dict = field(default_factory=dict)  # ilvl → _Level (lvlOverride/lvl)


class _Numbering:
    """Rebuilds the labels Word draws for automatically numbered paragraphs.

    Counting follows Word: ``w:num`` instances that point at the same ``w:abstractNum``
    share one set of counters (a list "continues" across them) unless the instance has a
    ``lvlOverride/startOverride``, which restarts that level the first time the instance
    is used. When a level advances, deeper levels restart (``lvlRestart`` respected). A
    level skipped over shows its start value in ``%n``.
    """

    def __init__(self, root: Optional[etree._Element], styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId → numStyleLink style
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list] = {}
        self.used: set = set()
        if root is None:
            return
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            if aid is None:
                continue
            self.abstract[aid] = {_int(lv.get(W + "ilvl"), 0): _parse_level(lv)
                                  for lv in an.iter(W + "lvl")}
            link = _val(an, "numStyleLink")
            if link:
                self.style_link[aid] = link
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            n = _Num(aid)
            for ov in num.iter(W + "lvlOverride"):
                il = _int(ov.get(W + "ilvl"), 0)
                so = _int(_val(ov, "startOverride"))
                if so is not None:
                    n.start_override[il] = so
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    n.levels[il] = _parse_level(lvl)
            self.nums[nid] = n

    def _abstract_of(self, num: _Num) -> str:
        aid, seen = num.abstract, set()
        while aid in self.style_link and aid not in seen:  # numStyleLink → style → num → abstract
            seen.add(aid)
            st = self.styles.effective(self.style_link[aid])
            target = self.nums.get(st.num_id or "")
            if target is None:
                break
            aid = target.abstract
        return aid

    def _levels(self, num: _Num) -> dict[int, _Level]:
        base = self.abstract.get(self._abstract_of(num), {})
        if num.levels:
            base = {**base, **num.levels}
        return base

    def ilvl_for_style(self, num_id: str, style_id: Optional[str]) -> int:
        num = self.nums.get(num_id)
        if num is not None and style_id:
            for il, lvl in self._levels(num).items():
                if lvl.pstyle == style_id:
                    return il
        return 0

    def label(self, num_id: str, ilvl: int) -> Optional[str]:
        num = self.nums.get(num_id)
        if num is None:
            return None
        levels = self._levels(num)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        key = self._abstract_of(num)
        counters = self.counters.setdefault(key, [None] * 10)
        if ilvl >= len(counters):
            counters.extend([None] * (ilvl + 1 - len(counters)))
        if num_id not in self.used:
            self.used.add(num_id)
            for il in num.start_override:
                if il < len(counters):
                    counters[il] = None

        def start(il: int) -> int:
            if il in num.start_override:
                return num.start_override[il]
            lv = levels.get(il)
            return lv.start if lv is not None else 1

        counters[ilvl] = start(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, len(counters)):
            lv = levels.get(deeper)
            restart = lv.restart if lv is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if lvl.fmt == "bullet" or lvl.picture:
            return _bullet(lvl.text or "", lvl.font) if (lvl.text or lvl.picture) else None
        if not lvl.text:
            return None

        def sub(m: re.Match) -> str:
            il = int(m.group(1)) - 1
            lv = levels.get(il, _Level())
            val = counters[il] if il < len(counters) and counters[il] is not None else start(il)
            fmt = "decimal" if lvl.legal and lv.fmt not in ("none", "bullet") else lv.fmt
            return _format_number(val, fmt)

        out = re.sub(r"%([1-9])", sub, lvl.text)
        out = "".join(_map_symbol(c, lvl.font) for c in out).strip()
        return out or None


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        r = _roman(n)
        return r if fmt == "lowerRoman" else r.upper()
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        c = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: y, z, aa, bb, ...
        return c if fmt == "lowerLetter" else c.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suf}"
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    return str(n)  # decimal and everything exotic


def _is_symbol_font(font: str) -> bool:
    return any(f in font for f in _SYMBOL_FONTS)


def _map_symbol(c: str, font: str = "") -> str:
    """A private-use code point from a symbol font (U+F0xx) → a plain character."""
    o = ord(c)
    if 0xF020 <= o <= 0xF0FF:
        base = chr(o - 0xF000)
        return "-" if base in _DASHES or o in (0xF0BE, 0xF0AD) else "•"
    if 0xE000 <= o <= 0xF8FF:
        return "•"
    return c


def _bullet(text: str, font: str) -> str:
    """The character Word draws for a bullet level, as ``-``, ``+``, ``*`` or ``•``."""
    s = text.strip()
    if not s:
        return "•"
    c = s[0]
    if 0xE000 <= ord(c) <= 0xF8FF:
        return _map_symbol(c, font)
    if c in _DASHES:
        return "-"
    if _is_symbol_font(font):
        return "-" if c == "-" and "symbol" in font else "•"
    if c in "+*>":
        return c
    return "•"


# ============================================================================ the body
class _Seg:
    __slots__ = ("parts", "bold", "italic", "page")

    def __init__(self, page: bool = False) -> None:
        self.parts: list[str] = []
        self.bold: list[bool] = []
        self.italic: list[bool] = []
        self.page = page  # started by a page/column break (never a blank line)


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.items: list[tuple[str, dict]] = []
        self.tables = 0

    # ------------------------------------------------------------------ blocks
    def blocks(self, parent: etree._Element, cell: Optional[tuple]) -> None:
        for el in parent:
            tag = el.tag
            if tag == W + "p":
                self.paragraph(el, cell)
            elif tag == W + "tbl":
                self.table(el)
            elif tag in _BLOCK_WRAPPERS:
                if tag != W + "sdt" or not _placeholder(el):
                    self.blocks(el, cell)
            elif tag == MC + "AlternateContent":
                branch = _choose(el)
                if branch is not None:
                    self.blocks(branch, cell)
            # sectPr, bookmarks, w:del/moveFrom blocks, altChunk: nothing to read

    def table(self, tbl: etree._Element) -> None:
        t = self.tables
        self.tables += 1
        self.items.append(("", {}))
        for r, tr in enumerate(_rows(tbl)):
            trpr = tr.find(W + "trPr")
            col = _int(_val(trpr, "gridBefore"), 0) or 0
            for tc in _cells(tr):
                tcpr = tc.find(W + "tcPr")
                span = _int(_val(tcpr, "gridSpan"), 1) or 1
                vm = tcpr.find(W + "vMerge") if tcpr is not None else None
                hm = tcpr.find(W + "hMerge") if tcpr is not None else None
                continuation = (vm is not None and vm.get(W + "val") in (None, "continue")) or \
                               (hm is not None and hm.get(W + "val") in (None, "continue"))
                if not continuation:
                    self.items.append(("", {}))
                    self.blocks(tc, (t, r, col))
                col += span
        self.items.append(("", {}))

    # ------------------------------------------------------------------ paragraphs
    def paragraph(self, p: etree._Element, cell: Optional[tuple]) -> None:
        ppr = p.find(W + "pPr")
        sid = _val(ppr, "pStyle") or self.styles.default_para
        pst = self.styles.effective(sid)
        jc = _val(ppr, "jc") or pst.jc or self.styles.doc_jc
        align = _ALIGN.get(jc or "left", "left")
        base_rpr = {**self.styles.doc_rpr, **pst.rpr}

        segs = [_Seg()]
        boxes: list[etree._Element] = []
        hidden = self._inline(p, segs, boxes, base_rpr)

        label = level = None
        num_id, ilvl = self._numpr(ppr, pst, sid)
        if num_id is not None:
            label = self.numbering.label(num_id, ilvl)
            level = ilvl if label else None

        texts = []
        for seg in segs:
            text = clean_text("".join(seg.parts)).strip()
            texts.append((text, seg))
        # page/column breaks never leave a blank line; soft breaks at the edges neither
        texts = [(t, s) for t, s in texts if t or not s.page]
        while texts and not texts[0][0]:
            texts.pop(0)
        while texts and not texts[-1][0]:
            texts.pop()

        if not texts and label is None:
            if not hidden:
                self.items.append(("", {}))
        else:
            if not texts:
                texts = [("", _Seg())]
            for k, (text, seg) in enumerate(texts):
                hints: dict = {"align": align}
                if cell is not None:
                    hints["cell"] = cell
                if seg.bold:
                    hints["bold"] = all(seg.bold)
                    hints["italic"] = all(seg.italic)
                if k == 0 and label:
                    text = f"{label} {text}".rstrip()
                    hints["label"] = label
                    hints["level"] = level
                self.items.append((text, hints))
        for box in boxes:
            self.items.append(("", {}))
            self.blocks(box, cell)
            self.items.append(("", {}))

    def _numpr(self, ppr, pst: _Style, sid: Optional[str]) -> tuple[Optional[str], int]:
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
        if num_id is None:
            num_id = pst.num_id
            if ilvl is None:
                ilvl = pst.ilvl
        if num_id is None or num_id == "0" or num_id not in self.numbering.nums:
            return None, 0
        lv = _int(ilvl)
        if lv is None:  # numbering from the style: the level whose w:pStyle is this style
            from_style = numpr is None or _val(numpr, "numId") is None
            lv = self.numbering.ilvl_for_style(num_id, sid) if from_style else 0
        return num_id, max(0, min(lv, 8))

    def _inline(self, parent, segs: list, boxes: list, base_rpr: dict) -> bool:
        """Walks inline content; returns True when the only text met was hidden."""
        hidden = False
        for el in parent:
            tag = el.tag
            if tag == W + "r":
                hidden |= self._run(el, segs, boxes, base_rpr)
            elif tag in _INLINE_WRAPPERS:
                if tag != W + "sdt" or not _placeholder(el):
                    hidden |= self._inline(el, segs, boxes, base_rpr)
            elif tag == MC + "AlternateContent":
                branch = _choose(el)
                if branch is not None:
                    hidden |= self._inline(branch, segs, boxes, base_rpr)
            elif tag in (M + "oMath", M + "oMathPara"):
                segs[-1].parts.append("".join(t.text or "" for t in el.iter(M + "t")))
            # pPr, del, moveFrom, bookmarks, proofErr, comment ranges: nothing to read
        return hidden

    def _run(self, r, segs: list, boxes: list, base_rpr: dict) -> bool:
        rpr = r.find(W + "rPr")
        props = base_rpr
        if rpr is not None:
            cs = _val(rpr, "rStyle")
            direct = _rprops(rpr)
            if cs or direct:
                props = {**base_rpr, **(self.styles.effective(cs).rpr if cs else {}), **direct}
        font = ""
        if rpr is not None:
            f = rpr.find(W + "rFonts")
            if f is not None:
                font = (f.get(W + "ascii") or f.get(W + "hAnsi") or "").lower()
        if props.get("vanish"):
            return any(t.text for t in r.iter(W + "t"))
        bold = bool(props.get("b"))
        italic = bool(props.get("i"))
        caps = bool(props.get("caps"))
        self._run_content(r, segs, boxes, bold, italic, caps, font)
        return False

    def _run_content(self, r, segs, boxes, bold, italic, caps, font) -> None:
        for el in r:
            tag = el.tag
            if tag == W + "t":
                text = el.text or ""
                if not text:
                    continue
                if caps:
                    text = text.upper()
                if _PUA.search(text):
                    text = "".join(_map_symbol(c, font) for c in text)
                seg = segs[-1]
                seg.parts.append(text)
                if text.strip():
                    seg.bold.append(bold)
                    seg.italic.append(italic)
            elif tag in (W + "tab", W + "ptab"):
                segs[-1].parts.append(" ")
            elif tag == W + "br":
                kind = el.get(W + "type")
                segs.append(_Seg(page=kind in ("page", "column")))
            elif tag == W + "cr":
                segs.append(_Seg())
            elif tag == W + "noBreakHyphen":
                segs[-1].parts.append("-")
            elif tag == W + "sym":
                ch = _int_hex(el.get(W + "char"))
                if ch is not None:
                    sfont = (el.get(W + "font") or font).lower()
                    c = chr(ch)
                    if ch < 0x100 and _is_symbol_font(sfont):
                        c = chr(0xF000 + ch)
                    c = _map_symbol(c, sfont)
                    segs[-1].parts.append(c)
                    segs[-1].bold.append(bold)
                    segs[-1].italic.append(italic)
            elif tag in (W + "drawing", W + "pict", W + "object"):
                boxes.extend(_text_boxes(el))
            elif tag == MC + "AlternateContent":
                branch = _choose(el)
                if branch is not None:
                    self._run_content(branch, segs, boxes, bold, italic, caps, font)
            # delText, instrText, fldChar, footnote/endnote references, softHyphen,
            # lastRenderedPageBreak, annotation marks: nothing to read


def _int_hex(s: Optional[str]) -> Optional[int]:
    try:
        return int(s, 16) if s else None
    except ValueError:
        return None


def _placeholder(sdt: etree._Element) -> bool:
    """A content control still showing its placeholder ("Click here to enter text.")."""
    pr = sdt.find(W + "sdtPr")
    return pr is not None and bool(_onoff(pr.find(W + "showingPlcHdr")))


def _choose(ac: etree._Element) -> Optional[etree._Element]:
    """One branch of an mc:AlternateContent: the first Choice, else the Fallback."""
    for el in ac:
        if el.tag == MC + "Choice":
            return el
    return ac.find(MC + "Fallback")


def _text_boxes(el: etree._Element) -> list:
    """The outermost w:txbxContent elements under a drawing/pict, reading one branch of
    every mc:AlternateContent (Choice and Fallback hold copies of the same box)."""
    out = []
    for ch in el:
        if not isinstance(ch.tag, str):
            continue
        if ch.tag == W + "txbxContent":
            out.append(ch)
        elif ch.tag == MC + "AlternateContent":
            branch = _choose(ch)
            if branch is not None:
                out.extend(_text_boxes(branch))
        else:
            out.extend(_text_boxes(ch))
    return out


def _rows(tbl: etree._Element):
    for el in tbl:
        if el.tag == W + "tr":
            trpr = el.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a row deleted with tracked changes
            yield el
        elif el.tag in _BLOCK_WRAPPERS:
            yield from _rows(el)


def _cells(tr: etree._Element):
    for el in tr:
        if el.tag == W + "tc":
            yield el
        elif el.tag in _BLOCK_WRAPPERS:
            yield from _cells(el)
