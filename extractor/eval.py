"""Score extracted records against gold annotations: the engine of ``chidao eval``.

This is a faithful port of the project's official scorer (``shared/tools/score.py``),
which users do not have at run time. It must keep giving the same numbers: same
normalisation, same matching, same report. When score.py changes, change this module
the same way (``tests/test_eval.py`` compares the two reports when score.py is there).

Gold format (see the corpus README): every ``NAME.gold.json`` in a directory annotates
the source files ``NAME.<fmt>`` beside it (``NAME.txt``, ``NAME.docx``, ...). For each
source format present, every gold document is scored against the record extracted from
its source file:

* header fields (regime, doc_type, number, date, issuer, subject, signer, ...) as
  accuracy over documents;
* lists (recipients, references, task units and deadlines, targets) as set
  precision / recall / F1, where gold items marked ``"optional": true`` neither reward
  nor punish;
* embedded documents (``attachments``) recursively, as documents ``NAME#attN``.

Names are compared after normalisation (case, tone-mark placement, common abbreviations
such as ``UBND``, spacing and punctuation; a subject's leading ``V/v`` / ``Về việc``), so
presentation choices do not count, only content. A document without a record scores
wrong on every header field.

Public API: :func:`evaluate`, :func:`evaluate_with`, :func:`format_report`,
:func:`gold_pairs`, :func:`load_records`. Stdlib only.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Optional

__all__ = [
    "FORMATS", "evaluate", "evaluate_with", "format_report", "gold_pairs", "load_records",
    "norm", "squash", "norm_number", "similar", "name_score", "subject_ok", "greedy_match",
    "Tally", "score_list", "unit_list", "deadline_list", "unit_deadline_pairs", "tokens",
    "score_doc",
]

#: Source formats scored by default, in report order.
FORMATS: tuple[str, ...] = ("txt", "md", "docx", "pdf")

# ---------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------

OLD_TONES: dict[str, str] = {  # old-style tone placement -> new style (hoá -> hóa, uỷ -> ủy)
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
GLUED: list[tuple[str, str]] = [  # letter runs never inside a Vietnamese word: expanded even when glued
    ("ubmttqvn", "ủy ban mặt trận tổ quốc việt nam"), ("ubmttq", "ủy ban mặt trận tổ quốc"),
    ("mttqvn", "mặt trận tổ quốc việt nam"), ("mttq", "mặt trận tổ quốc"),
    ("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"),
]
ABBREV: list[tuple[str, str]] = [  # whole-word abbreviations ("&" is already " và ")
    ("vh và tt", "văn hóa và thông tin"), ("gd và đt", "giáo dục và đào tạo"),
    ("kh và đt", "kế hoạch và đầu tư"), ("tn và mt", "tài nguyên và môi trường"),
    ("lđ tb và xh", "lao động thương binh và xã hội"), ("lđtb và xh", "lao động thương binh và xã hội"),
    ("tt và tt", "thông tin và truyền thông"), ("vh tt và dl", "văn hóa thể thao và du lịch"),
    ("tthc", "thủ tục hành chính"), ("cchc", "cải cách hành chính"),
    ("btv", "ban thường vụ"), ("bch", "ban chấp hành"), ("btt", "ban thường trực"), ("tt", "thường trực"),
    ("ct", "chủ tịch"), ("pct", "phó chủ tịch"), ("vp", "văn phòng"),
    ("cvp", "chánh văn phòng"), ("pcvp", "phó chánh văn phòng"),
    ("ub", "ủy ban"), ("vn", "việt nam"), ("tw", "trung ương"), ("bhxh", "bảo hiểm xã hội"),
    ("tp", "thành phố"), ("tx", "thị xã"), ("đ c", "đồng chí"),
]
CHAR_MAP = str.maketrans(  # dash variants -> "-", Icelandic eth (OCR, legacy fonts) -> đ
    {"–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "ð": "đ"})

_PUNCT = re.compile(r"[\"'“”‘’()\[\]{}:;,.\-–—/\\*_]+")
_ABBREV_RES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?<!\w){re.escape(short)}(?!\w)"), full) for short, full in ABBREV]


def norm(s: object) -> str:
    """Comparison form of a text: NFC, casefolded, new-style tone placement, punctuation
    dropped, ``&`` read as ``và``, abbreviations (``UBND``, ``TP``, ``Đ/c``) expanded,
    whitespace collapsed. ``None`` gives ``""``."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s)).casefold().translate(CHAR_MAP)
    for old, new in OLD_TONES.items():
        s = s.replace(old, new)
    s = s.replace("&", " và ")
    s = _PUNCT.sub(" ", s)
    for short, full in GLUED:  # "Đảng uỷUBND xã", "VPHĐND", "UBMTTQVN"
        s = s.replace(short, f" {full} ")
    out = " ".join(s.split())
    for pattern, full in _ABBREV_RES:
        out = pattern.sub(full, out)
    return " ".join(out.split())


def squash(s: object) -> str:
    """:func:`norm` without any spaces: texts that differ only in spacing ("vụĐảng",
    "B ộ") compare equal."""
    return norm(s).replace(" ", "")


SUBJECT_PREFIX = re.compile(r"^(?:v v|về việc|về)\s+")


def norm_number(s: object) -> str:
    """Comparison form of a document number: casefolded, without a leading ``Số:`` and
    without any whitespace or surrounding punctuation."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s)).casefold()
    s = re.sub(r"^\s*(số|so)\s*:?\s*", "", s)
    s = re.sub(r"\s+", "", s).translate(CHAR_MAP)
    return s.strip(".,;:()")


def similar(a: object, b: object) -> float:
    """Similarity ratio in [0, 1] of the normalised texts (1.0 when both are empty or
    they differ only in spacing, 0.0 when exactly one is empty)."""
    a, b = norm(a), norm(b)
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    if a.replace(" ", "") == b.replace(" ", ""):
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


FUNCTION_WORDS = {"các", "và", "của", "có", "liên", "quan", "trên", "địa", "bàn", "những", "tất", "cả",
                  "toàn", "thể", "được"}
NUMLIKE = re.compile(r"^(\d+|[ivxlc]+)$")
NEGATION = {"không", "chưa", "chấm", "dừng", "hủy", "bãi", "bỏ"}


# ---------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------

def name_score(g: object, p: object, threshold: float) -> float:
    """Similarity of two names (bodies, units, positions), or 0 when they name different
    things: above ``threshold``, the words they do not share may only be function words
    ("các", "liên quan"), so "UBND huyện Bình Sơn" never matches "UBND tỉnh Bình Sơn"."""
    if squash(g) == squash(p):
        return 1.0
    sc = similar(g, p)
    if sc < threshold:
        return 0.0
    gt, pt = Counter(norm(g).split()), Counter(norm(p).split())
    return sc if all(t in FUNCTION_WORDS for t in (gt - pt) + (pt - gt)) else 0.0


def _marked(c: Counter[str]) -> Counter[str]:
    """The numbers, roman numerals and negation words of a word count."""
    return Counter({t: n for t, n in c.items() if NUMLIKE.match(t) or t in NEGATION})


def subject_ok(g: object, p: object, threshold: float = 0.85) -> bool:
    """Subjects match when similar, sharing >= 90% of words both ways, with the same
    numbers, roman numerals and negations (so "quý II" is not "quý III"). A leading
    ``V/v`` / ``Về việc`` / ``về`` is ignored."""
    a, b = SUBJECT_PREFIX.sub("", norm(g)), SUBJECT_PREFIX.sub("", norm(p))
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    if similar(a, b) < threshold:
        return False
    gt, pt = Counter(a.split()), Counter(b.split())
    inter = sum((gt & pt).values())
    prec, rec = inter / max(1, sum(pt.values())), inter / max(1, sum(gt.values()))
    return prec >= 0.9 and rec >= 0.9 and _marked(gt) == _marked(pt)


MatchFn = Callable[[Any, Any], float]


def greedy_match(gold: Sequence[Any], pred: Sequence[Any], ok: MatchFn) -> list[tuple[int, int]]:
    """Pairs ``(gi, pi)`` matched one-to-one, best first, where ``ok(g, p)`` gives a score
    or 0 (a bool counts as 1 or 0). Ties go to the higher indices, as in score.py."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            sc = ok(g, p)
            if sc > 0:
                cands.append((sc, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _sc, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


# ---------------------------------------------------------------------------------------
# Tallying
# ---------------------------------------------------------------------------------------

class Tally:
    """Accumulates accuracy fields and set-F1 fields over documents, with the misses."""

    def __init__(self) -> None:
        self.acc: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])  # field -> [right, total]
        self.prf: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0])  # [tp, pred, gold]
        self.misses: defaultdict[str, list[str]] = defaultdict(list)

    def check(self, field: str, right: object, doc: str, gold: object = None, pred: object = None) -> None:
        """Counts one accuracy check of ``field``; a wrong one is noted as a miss."""
        self.acc[field][0] += int(bool(right))
        self.acc[field][1] += 1
        if not right:
            self.misses[field].append(f"{doc}: gold={gold!r} got={pred!r}")

    def sets(self, field: str, tp: float, n_pred: int, n_gold: int, doc: str, detail: str = "") -> None:
        """Adds one document's true positives and set sizes to the set field ``field``."""
        t = self.prf[field]
        t[0] += tp
        t[1] += n_pred
        t[2] += n_gold
        if tp < max(n_pred, n_gold) and detail:
            self.misses[field].append(f"{doc}: {detail}")

    def summary(self) -> dict[str, dict[str, Any]]:
        """Report rows: accuracy fields (sorted), then set fields (sorted). An empty set
        field scores 1.0 on both precision and recall."""
        rows: dict[str, dict[str, Any]] = {}
        for f, (r, n) in sorted(self.acc.items()):
            rows[f] = {"kind": "accuracy", "score": r / n if n else 1.0, "n": n}
        for f, (tp, npred, ngold) in sorted(self.prf.items()):
            p = tp / npred if npred else (1.0 if not ngold else 0.0)
            r = tp / ngold if ngold else (1.0 if not npred else 0.0)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            rows[f] = {"kind": "f1", "score": f1, "precision": p, "recall": r,
                       "gold": ngold, "pred": npred}
        return rows


def get(d: object, *path: str) -> Any:
    """``d[path[0]][path[1]]...``, or None where a step is missing or not a dict."""
    for k in path:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def _has(d: object, path: Sequence[str]) -> bool:
    """Whether the gold dict ``d`` has the key path (a value may be null)."""
    for k in path[:-1]:
        d = d.get(k) if isinstance(d, dict) else None
        if not isinstance(d, dict):
            return False
    return isinstance(d, dict) and path[-1] in d


# ---------------------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------------------

def score_list(tally: Tally, field: str, doc: str, gold_items: list[dict], pred_items: list,
               ok: MatchFn, label: Callable[[Any], Any]) -> tuple[list[tuple[int, int]], list[dict]]:
    """Set F1 of ``field`` where gold items marked optional neither reward nor punish.

    Required gold items are matched first; predictions left over may then match optional
    gold items, which removes them from the prediction count. Returns the matched pairs
    (indices into the required gold items and ``pred_items``) and the required items."""
    required = [g for g in gold_items if not g.get("optional")]
    optional = [g for g in gold_items if g.get("optional")]
    pairs = greedy_match(required, pred_items, ok)
    matched_p = {pi for _, pi in pairs}
    rest = [p for i, p in enumerate(pred_items) if i not in matched_p]
    opt_pairs = greedy_match(optional, rest, ok)
    n_pred = len(pred_items) - len(opt_pairs)
    matched_g = {g for g, _ in pairs}
    missing = [label(required[i]) for i in range(len(required)) if i not in matched_g]
    matched_opt = {pi for _, pi in opt_pairs}
    extra = [label(p) for i, p in enumerate(rest) if i not in matched_opt]
    detail = ""
    if missing or extra:
        detail = f"missing={missing} extra={extra}"
    tally.sets(field, len(pairs), n_pred, len(required), doc, detail)
    return pairs, required


ATOM_SPLIT = re.compile(r"\s*(?:[,;]|(?<!\w)và(?=\s))\s*")


def unit_atoms(units: Optional[Iterable[object]]) -> list[str]:
    """The unit names of a lead/support list, each cut at commas, semicolons and "và", so
    that "Thường trực HĐND, UBND xã" as one item and as two items name the same units."""
    out: list[str] = []
    for u in units or []:
        if isinstance(u, dict):
            u = u.get("name")
        s = unicodedata.normalize("NFC", str(u or "")).casefold().replace("&", " và ")
        s = " ".join(s.split())
        for short, full in ABBREV:  # "KH&ĐT" is cut like "Kế hoạch và Đầu tư", on both sides alike
            if " và " in short:
                s = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, s)
        out += [a for a in ATOM_SPLIT.split(s) if norm(a)]
    return out


def unit_list(tasks: Optional[Iterable[dict]], key: str) -> list[dict]:
    """Distinct units (``lead`` or ``support``) of all tasks, as atoms; a unit named only by
    optional tasks is optional."""
    seen: dict[str, dict] = {}
    for t in tasks or []:
        for u in unit_atoms(t.get(key)):
            item = seen.setdefault(norm(u), {"name": u, "optional": True})
            item["optional"] = item["optional"] and bool(t.get("optional"))
    return list(seen.values())


def deadline_list(tasks: Optional[Iterable[dict]]) -> list[dict]:
    """Distinct deadline values (dates and rhythms); optional unless some required task
    has it."""
    seen: dict[tuple, dict] = {}
    for t in tasks or []:
        d = t.get("deadline") or {}
        for key in ("date", "recurrence"):
            v = d.get(key)
            if v:
                item = seen.setdefault((key, v), {"key": key, "value": v, "optional": True})
                item["optional"] = item["optional"] and bool(d.get("optional") or t.get("optional"))
    return list(seen.values())


def unit_deadline_pairs(tasks: Optional[Iterable[dict]]) -> list[dict]:
    """Distinct (lead unit, deadline value) pairs: a right date on the wrong task does not
    count."""
    seen: dict[tuple, dict] = {}
    for t in tasks or []:
        d = t.get("deadline") or {}
        for key in ("date", "recurrence"):
            v = d.get(key)
            for u in unit_atoms(t.get("lead")):
                if not v or not u:
                    continue
                item = seen.setdefault((norm(u), v), {"name": u, "value": v, "optional": True})
                item["optional"] = item["optional"] and bool(d.get("optional") or t.get("optional"))
    return list(seen.values())


def tokens(items: Iterable[object]) -> Counter[str]:
    """Word tokens of cc items, without parenthesised purpose notes ("(b/c)", "(để t/h)")."""
    c: Counter[str] = Counter()
    for it in items:
        c.update(norm(re.sub(r"\([^)]*\)", " ", str(it or ""))).split())
    return c


def _tkey(t: dict) -> Optional[tuple]:
    """Matching key of a target: (value, value_max, unit), where the unit is "%" for
    percentages (or no unit) and otherwise the head noun of a count's unit; None when the
    value is not a number."""
    try:
        v = float(t.get("value"))  # type: ignore[arg-type]
        vm = t.get("value_max")
        vm = float(vm) if vm is not None else None
    except (TypeError, ValueError):
        return None
    unit = norm(t.get("unit"))
    percent = unit in ("%", "phần trăm", "")
    return (v, vm, "%" if percent else unit.split()[0])


def _target_ok(g: dict, p: dict) -> float:
    """Targets match on :func:`_tkey`; among same-value pairs, prefer the one that also
    agrees on comparator and unit."""
    return _tkey(g) is not None and _tkey(g) == _tkey(p) and (
        1 + (g.get("comparator") == p.get("comparator"))
        + 0.5 * (norm(g.get("unit")) == norm(p.get("unit"))))


# ---------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------

_HEADER_CHECKS: list[tuple[str, tuple[str, ...], Callable[[Any, Any], Any]]] = [
    ("regime", ("regime",), lambda g, p: g == p),
    ("doc_type", ("doc_type", "code"), lambda g, p: squash(g) == squash(p)),
    ("number", ("number", "text"), lambda g, p: norm_number(g) == norm_number(p)),
    ("issuer", ("issuer", "name"), lambda g, p: name_score(g, p, 0.9) > 0),
    ("issuer_parent", ("issuer", "parent"), lambda g, p: name_score(g, p, 0.9) > 0),
    ("subject", ("subject",), subject_ok),
    ("signer_name", ("signer", "name"), lambda g, p: squash(g) == squash(p)),
    ("signer_position", ("signer", "position"), lambda g, p: name_score(g, p, 0.85) > 0),
    ("signer_authority", ("signer", "authority"), lambda g, p: squash(g) == squash(p)),
    ("place", ("date", "place"), lambda g, p: squash(g) == squash(p)),
    ("is_draft", ("is_draft",), lambda g, p: isinstance(p, bool) and p == bool(g)),
]
_CC_SKIP = re.compile(r"^(như|lưu)\b")


def score_doc(tally: Tally, doc: str, gold: dict, pred: dict, missing: bool = False) -> None:
    """Scores one document (and its attachments, recursively) into ``tally``.

    ``missing=True`` (no record at all; pass ``pred={}``) makes every header check wrong.
    A header field is scored only where the gold has it and does not ``_skip`` it; a gold
    null asks for a null or empty prediction."""
    skipped = gold.get("_skip", [])
    for field, path, cmp in _HEADER_CHECKS:
        if field not in skipped and _has(gold, path):
            g, p = get(gold, *path), get(pred, *path)
            right = cmp(g, p) if g is not None else p in (None, "")
            tally.check(field, right and not missing, doc, g, p)
    if "date" not in skipped and _has(gold, ("date",)):
        gd, pd = gold.get("date") or {}, pred.get("date") or {}
        ok = all(gd.get(k) == pd.get(k) for k in ("year", "month", "day")) and not missing
        tally.check("date", ok, doc, {k: gd.get(k) for k in ("year", "month", "day")},
                    {k: pd.get(k) for k in ("year", "month", "day")})

    # recipients: "to" items matched by name, "cc" items as a bag of words
    recips = pred.get("recipients") or []
    gold_to = [r for r in gold.get("recipients", []) if r.get("role") == "to"]
    pred_to = [r for r in recips if isinstance(r, dict) and r.get("role") == "to"]
    score_list(tally, "recipients_to", doc, gold_to, pred_to,
               lambda g, p: name_score(g.get("name"), p.get("name"), 0.85),
               lambda r: r.get("name"))
    gcc = [r["name"] for r in gold.get("recipients", []) if r.get("role") == "cc"
           and not _CC_SKIP.match(norm(r["name"]))]
    pcc = [r.get("name") for r in recips if isinstance(r, dict) and r.get("role") == "cc"
           and not _CC_SKIP.match(norm(r.get("name")))]
    gt, pt = tokens(gcc), tokens(pcc)
    tally.sets("recipients_cc_tokens", sum((gt & pt).values()), sum(pt.values()),
               sum(gt.values()), doc, f"gold={gcc} got={pcc}" if gt != pt else "")

    # references by number, then the date of each matched one
    refs = [r for r in (pred.get("references") or []) if isinstance(r, dict) and r.get("number")]
    pairs, req = score_list(tally, "references", doc, gold.get("references", []), refs,
                            lambda g, p: norm_number(g.get("number")) == norm_number(p.get("number")),
                            lambda r: r.get("number"))
    for gi, pi in pairs:
        g, p = req[gi], refs[pi]
        if "date" in g:
            tally.check("reference_date", g.get("date") == p.get("date"), doc,
                        g.get("date"), p.get("date"))

    # tasks through their units and deadlines
    ptasks = [t for t in (pred.get("tasks") or []) if isinstance(t, dict)]
    gtasks = gold.get("tasks", [])
    for key in ("lead", "support"):
        score_list(tally, f"task_units_{key}", doc, unit_list(gtasks, key), unit_list(ptasks, key),
                   lambda g, p: name_score(g["name"], p["name"], 0.85),
                   lambda u: u["name"])
    score_list(tally, "task_unit_deadline_pairs", doc, unit_deadline_pairs(gtasks),
               unit_deadline_pairs(ptasks),
               lambda g, p: g["value"] == p["value"] and name_score(g["name"], p["name"], 0.85),
               lambda d: f"{d['name']}@{d['value']}")
    score_list(tally, "task_deadlines", doc, deadline_list(gtasks), deadline_list(ptasks),
               lambda g, p: g["key"] == p["key"] and g["value"] == p["value"],
               lambda d: d["value"])
    if gtasks:
        n_req = sum(1 for t in gtasks if not t.get("optional"))
        n_all, n_p = len(gtasks), len(ptasks)
        ok = 0.7 * n_req <= n_p <= 1.3 * n_all and not missing
        tally.check("task_count_within_30pct", ok, doc, f"{n_req}..{n_all}", n_p)

    # targets by value (and unit), then the comparator of each matched one
    ptgts = [t for t in (pred.get("targets") or []) if isinstance(t, dict) and t.get("value") is not None]
    pairs, req = score_list(tally, "targets", doc, gold.get("targets", []), ptgts, _target_ok,
                            lambda t: f"{t.get('comparator')}{t.get('value')}{t.get('unit')}")
    for gi, pi in pairs:
        tally.check("target_comparator", req[gi].get("comparator") == ptgts[pi].get("comparator"),
                    doc, req[gi].get("comparator"), ptgts[pi].get("comparator"))

    # attachments: their count, then each one as a document of its own
    gatt, patt = gold.get("attachments", []), pred.get("attachments") or []
    tally.check("attachments_count", len(patt) == len(gatt) and not missing, doc, len(gatt), len(patt))
    if gatt:
        for i, ga in enumerate(gatt):
            score_doc(tally, f"{doc}#att{i + 1}", ga, patt[i] if i < len(patt) else {}, missing)


# ---------------------------------------------------------------------------------------
# Directories and reports
# ---------------------------------------------------------------------------------------

def gold_pairs(gold_dir: Path, fmt: str) -> list[tuple[str, Path, dict]]:
    """``(NAME, source path, gold)`` for every ``NAME.gold.json`` in ``gold_dir`` (sorted)
    that has a source file ``NAME.<fmt>`` beside it."""
    pairs = []
    for g in _gold_files(Path(gold_dir)):
        stem = g.name[: -len(".gold.json")]
        src = g.with_name(f"{stem}.{fmt}")
        if src.exists():
            pairs.append((stem, src, json.loads(g.read_text(encoding="utf-8"))))
    return pairs


def _gold_files(gold_dir: Path) -> list[Path]:
    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        raise FileNotFoundError(f"no *.gold.json in {gold_dir}")
    return golds


def load_records(path: Path) -> dict[str, dict]:
    """Records of a JSONL file keyed by the file name of their ``source.path`` (a later
    record for the same name wins), as score.py ``--records`` reads them."""
    recs: dict[str, dict] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            recs[Path(get(r, "source", "path") or "").name] = r
    return recs


def _score_format(pairs: list[tuple[str, Path, dict]], recs: dict[str, Any],
                  misses: Optional[int]) -> dict[str, Any]:
    tally = Tally()
    no_record = 0
    for stem, src, gold in pairs:
        pred = recs.get(src.name)
        if pred is None:
            no_record += 1
        score_doc(tally, stem, gold, pred if pred is not None else {}, missing=pred is None)
    rows = tally.summary()
    scores = [r["score"] for r in rows.values()]
    if misses is None:
        kept = {k: list(v) for k, v in tally.misses.items()}
    elif misses:
        kept = {k: v[:misses] for k, v in tally.misses.items()}
    else:
        kept = {}
    return {"documents": len(pairs), "no_record": no_record, "fields": rows,
            "mean": sum(scores) / len(scores) if scores else 0.0, "misses": kept}


def evaluate(gold_dir: Path, records: dict[str, dict], formats: Iterable[str] = FORMATS,
             misses: Optional[int] = 0) -> dict[str, Any]:
    """Scores ``records`` against the gold files of ``gold_dir``.

    ``records`` maps a source file name (``"byt-384-cv-2014.txt"``) to its record; see
    :func:`load_records` for a JSONL file. For each format with at least one source file
    ``NAME.<fmt>`` beside a ``NAME.gold.json``, the report holds ``documents``,
    ``no_record`` (source files without a record: wrong on every header field),
    ``fields`` (``{name: {"kind": "accuracy", "score", "n"}`` or ``{"kind": "f1", "score",
    "precision", "recall", "gold", "pred"}}``), ``mean`` (of the field scores) and
    ``misses`` (up to ``misses`` notes per field; 0 keeps none, None keeps all). This is
    score.py's ``--json`` report, with ``misses`` as its ``--misses``.

    Raises FileNotFoundError when ``gold_dir`` holds no ``*.gold.json``."""
    _gold_files(Path(gold_dir))
    report: dict[str, Any] = {}
    for fmt in formats:
        if not fmt:
            continue
        pairs = gold_pairs(Path(gold_dir), fmt)
        if pairs:
            report[fmt] = _score_format(pairs, records, misses)
    return report


def evaluate_with(gold_dir: Path, extract_fn: Callable[[Path], Any],
                  formats: Iterable[str] = FORMATS,
                  progress: Optional[Callable[[int, int, Path, Any], None]] = None,
                  misses: Optional[int] = 0) -> dict[str, Any]:
    """Runs ``extract_fn(path)`` on every source file that has a gold file and scores the
    results as :func:`evaluate` does.

    ``extract_fn`` returns the record (a dict) or an Exception; one that raises an
    Exception counts the same. A file whose extraction fails (or gives no dict) counts as
    without a record. ``progress(done, total, path, result)`` is called after each file,
    with ``result`` the record or the Exception."""
    gold_dir = Path(gold_dir)
    _gold_files(gold_dir)
    work = [(fmt, gold_pairs(gold_dir, fmt)) for fmt in formats if fmt]
    work = [(fmt, pairs) for fmt, pairs in work if pairs]
    total = sum(len(pairs) for _, pairs in work)
    done = 0
    report: dict[str, Any] = {}
    for fmt, pairs in work:
        recs: dict[str, dict] = {}
        for _stem, src, _gold in pairs:
            try:
                result = extract_fn(src)
            except Exception as exc:  # a failing file is a file without a record
                result = exc
            if isinstance(result, dict):
                recs[src.name] = result
            done += 1
            if progress is not None:
                progress(done, total, src, result)
        report[fmt] = _score_format(pairs, recs, misses)
    return report


def format_report(report: dict[str, Any], misses: int = 0) -> str:
    """The report as score.py prints it: per format a headline, one line per field, then
    up to ``misses`` miss notes per field (from those the report kept). No trailing
    newline."""
    lines: list[str] = []
    for fmt, rep in report.items():
        lines.append(f"== {fmt}: {rep['documents']} documents, {rep['no_record']} without a record, "
                     f"mean {rep['mean']:.3f}")
        for field, r in rep["fields"].items():
            extra = (f"  P={r['precision']:.2f} R={r['recall']:.2f} gold={r['gold']} pred={r['pred']}"
                     if r["kind"] == "f1" else f"  n={r['n']}")
            lines.append(f"  {field:26s} {r['score']:.3f}{extra}")
        if misses:
            for field, ms in rep.get("misses", {}).items():
                for m in ms[:misses]:
                    lines.append(f"    miss {field}: {m}")
    return "\n".join(lines)
