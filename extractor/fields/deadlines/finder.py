"""Finding time expressions: atoms (dates, periods, ranges, rhythms, terms), the triggers
that make them deadlines, and the choice between overlapping readings."""
from __future__ import annotations

import re
from typing import Any, Optional

from .model import DeadlineMatch, Atom, Cand
from .values import Resolver

_BULLET_ONLY = re.compile(r"^[\s*_#>|]*(?:(?:[-+•]|(?:\d+|[a-zđ]|[ivx]+)(?:\.\d+)*[.)])[\s*_]*)?\(?$")
_END_ONLY = re.compile(r"^[\s*_).;:]*$")
_LABEL_END = re.compile(r"^[\s*_)]*(?:[.;,(]|$)")


class Finder(Resolver):
    # ------------------------------------------------------------------ atoms
    def atoms(self) -> list[Atom]:
        r, F = self.r, self.F
        out: list[Atom] = []

        def add(rx: re.Pattern, cls: str, prio: int = 0, **extra: Any) -> None:
            for m in rx.finditer(F):
                out.append(Atom(m.start(), m.end(), cls, {"m": m, **extra}, prio))

        add(r.date_num, "date", 2, form="num")
        add(r.date_long, "date", 2, form="long")
        add(r.lunar, "lunar", 3)
        add(r.quarter, "period", 1, form="quarter")
        add(r.month, "period", 1, form="month")
        add(r.year, "period", 1, form="year")
        add(r.half, "period", 1, form="half")
        add(r.bare_year, "period", 0, form="year", bare=True)
        add(r.range, "range", 3)
        add(r.weekly, "recur", 4, form="weekly")
        add(r.monthly, "recur", 4, form="monthly")
        add(r.quarterly, "recur", 5, form="quarterly")
        add(r.annual, "recur", 5, form="annual")
        add(r.months_yearly, "recur", 5, form="months_yearly")
        add(r.period_end, "recur", 4, form="period_end")
        add(r.dayonly, "dayonly", 0)
        add(r.continuous, "continuous", 0)
        for form, rx in r.rhythm_heads:
            for m in rx.finditer(F):
                end, tails = m.end(), []
                while True:
                    t = r.rhythm_tail.match(F, end)
                    if not t:
                        break
                    tails.append(t)
                    end = t.end()
                out.append(Atom(m.start(), end, "recur", {"m": m, "form": form, "tails": tails}, 3))
        for m in r.relative.finditer(F):
            if not (m.group("lead") or m.group("wlead") or m.group("after") or m.group("before")):
                continue
            out.append(Atom(m.start(), m.end(), "relative", {"m": m}, 2))
        return out

    # ------------------------------------------------------------------ triggers
    def candidates(self, atoms: list[Atom]) -> list[Cand]:
        """Attach triggers; drop dates and periods that have none and are not framed."""
        cands: list[Cand] = []
        untriggered: list[Atom] = []
        for a in atoms:
            if a.cls == "relative":
                cands.append(Cand(a.start, a.end, a, "relative"))
            elif a.cls == "dayonly":
                cands.append(Cand(a.start, a.end, a, "dayonly"))
            elif a.cls == "continuous":
                framed = self._framed(a.start, a.end)
                cands.append(Cand(a.start, a.end, a, "continuous", weak=not framed, framed=framed))
            elif a.cls == "recur":
                c = self._recur_cand(a)
                if c is not None:
                    cands.append(c)
            elif a.cls == "range":
                cands.append(Cand(a.start, a.end, a, "range", past="drop"))
            else:
                c = self._triggered(a)
                if c is not None:
                    cands.append(c)
                else:
                    untriggered.append(a)
        # a trigger word inside a longer untriggered expression is no trigger:
        # "3 tháng cuối năm 2025" is not "cuối năm 2025"
        return [c for c in cands
                if not any(u.start < c.start < u.end and c.atom.end <= u.end for u in untriggered)]

    def _triggered(self, a: Atom) -> Optional[Cand]:
        """A date, lunar date or period with the trigger right before it (the longest
        one), or framed as the whole value; ``None`` when it is no deadline."""
        r, F = self.r, self.F
        m0 = a.data["m"]
        # a bare "2/3" (no "ngày", no year) may be a fraction: only a due-date trigger
        # (trước, chậm nhất, ...) makes it a date
        bare = a.cls == "date" and a.data["form"] == "num" and not m0.group("ngay") and not m0.group("y")
        if bare and "/" not in m0.group("sep"):
            return None  # "1.5", "3-4": an item number or a count, never a date
        best = None
        for applies, kind, past, weak, rx in r.triggers:
            if a.data.get("bare"):
                break  # a bare year counts only as a whole value (below)
            if a.cls not in applies or (bare and not (kind == "by" and past == "keep")):
                continue
            m = rx.search(F, max(0, a.start - 80), a.start)
            if m and (best is None or m.start() < best[0].start()):
                if kind == "range" and not self._is_list_span(a):
                    continue
                best = (m, kind, past, weak)
        if best is not None:
            m, kind, past, weak = best
            if r.blocker.search(F, max(0, m.start() - 30), m.start()):
                return None
            return Cand(m.start(), a.end, a, kind, weak=weak, past=past)
        if self._framed(a.start, a.end) and not self._cited(a.start):
            return Cand(a.start, a.end, a, "within" if a.cls == "period" else "by", framed=True)
        return None

    @staticmethod
    def _is_list_span(a: Atom) -> bool:
        """A period list written as a span (tháng 6 đến tháng 9): what "từ" may lead."""
        m = a.data["m"]
        items = next((m.group(g) for g in ("qs", "ms", "ys") if g in m.re.groupindex), "")
        return bool(items and re.search(r"đến|tới|-", items))

    def _framed(self, start: int, end: int) -> bool:
        """The expression is the whole text (bar bullets and punctuation) or the value of a
        ``Thời gian thực hiện:`` label."""
        F = self.F
        line_start = F.rfind("\n", 0, start) + 1
        if _BULLET_ONLY.match(F[:start]) and _END_ONLY.match(F[end:]):
            return True
        if self.r.label.search(F, max(line_start, start - 60), start) and _LABEL_END.match(F[end:]):
            return True
        return False

    def _cited(self, start: int) -> bool:
        return bool(self.r.citation.search(self.F, max(0, start - 60), start))

    def _recur_cand(self, a: Atom) -> Optional[Cand]:
        r, F = self.r, self.F
        m = a.data["m"]
        start = a.start
        # a fixed day or an explicit frequency (6 tháng một lần, 2 lần/năm) is a stated rhythm
        fixed = a.data["form"] in ("weekly", "monthly", "quarterly", "annual", "months_yearly", "period_end",
                                   "times") or (
            a.data["form"] == "every")
        for kinds, kind, past, weak, rx in r.triggers:
            if "recur" in kinds:
                t = rx.search(F, max(0, a.start - 40), a.start)
                if t and t.start() < start:
                    start = t.start()
        if start == a.start and not m.groupdict().get("dk"):
            lo = max(0, a.start - 20)
            p = re.search(r"(?:định\s*kỳ|theo\s*định\s*kỳ)\s*(?:vào\s*)?$", F[lo:a.start])
            if p:
                start = lo + p.start()
        strong = fixed or bool(m.groupdict().get("dk")) or start < a.start
        if not strong:
            # a stated rhythm: "định kỳ", "báo cáo" ... shortly before, in the same clause
            lo = max(0, a.start - 60)
            clause = re.split(r"[.;:()]", F[lo:a.start])[-1]
            strong = bool(r.rhythm_strong.search(clause))
            if not strong and r.rhythm_describes.search(F, lo, a.start):
                return None  # "kế hoạch hằng năm", "khen thưởng hàng năm": a kind of thing, no rhythm
        return Cand(start, a.end, a, "recurring", weak=not strong)

    # ------------------------------------------------------------------ selection
    def select(self, cands: list[Cand]) -> list[Cand]:
        chosen: list[Cand] = []
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.atom.prio, c.start)):
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        # dayonly ("trước ngày 20") only qualifies a neighbouring monthly rhythm
        merged: list[Cand] = []
        for c in chosen:
            prev = merged[-1] if merged else None
            gap = self.F[prev.end:c.start] if prev else ""
            close = prev is not None and re.fullmatch(r"[\s,(\-]*(?:và|hoặc)?[\s,(]*", gap) is not None
            if close and prev.kind == "recurring" and c.kind == "recurring":
                prev.end = c.end
                prev.atom = Atom(prev.start, c.end, "recur", {"parts": [prev.atom, c.atom]})
                prev.weak = prev.weak and c.weak
                continue
            if close and prev.kind == "recurring" and c.kind == "dayonly":
                prev.end = c.end
                prev.atom = Atom(prev.start, c.end, "recur", {"parts": [prev.atom], "day": c.atom})
                prev.weak = False
                continue
            if close and prev.kind == "dayonly" and c.kind == "recurring":
                c.atom = Atom(prev.start, c.end, "recur", {"parts": [c.atom], "day": prev.atom})
                c.start, c.weak = prev.start, False
                merged[-1] = c
                continue
            merged.append(c)
        return [c for c in merged if c.kind != "dayonly"]

    # ------------------------------------------------------------------ values
    def run(self) -> list[DeadlineMatch]:
        atoms = self.atoms()
        chosen = self.select(self.candidates(atoms))
        out: list[DeadlineMatch] = []
        for i, c in enumerate(chosen):
            nxt = chosen[i + 1].start if i + 1 < len(chosen) else None
            res = self.resolve(c, nxt)
            if res is not None and res.text:
                out.append(res)
        return out


