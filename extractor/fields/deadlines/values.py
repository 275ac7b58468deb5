"""The value an expression states: a date, the end of a period or range, a rhythm with its
RRULE, or a relative term."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

from ...normalize import fold
from .calendar import WD_NUM, add_months, add_working_days, read_anchor, month_end, safe_date
from .model import Anchor, DeadlineMatch, Atom, Cand
from .rules import YEAR, rules


class Resolver:
    def __init__(self, text: str, anchor: Anchor) -> None:
        self.r = rules()
        self.text = text
        self.F = fold(text)
        self.anchor, self.year = read_anchor(anchor)

    def resolve(self, c: Cand, nxt: Optional[int]) -> Optional[DeadlineMatch]:
        a = c.atom
        res = DeadlineMatch(text="", kind=c.kind, weak=c.weak)
        if a.cls in ("date", "lunar"):
            if a.cls == "lunar" or re.search(r"âm\s*lịch", self.F[a.end:a.end + 12]):
                res.lunar = True
                res.warnings.append("lunar date: not converted")
            else:
                res.date = self._date_value(a, res)
        elif a.cls == "period":
            s, e = self._period(a, res)
            if c.kind == "before":
                res.date = (s - dt.timedelta(days=1)) if s else None
                res.kind = "by"
            else:
                res.date = e
        elif a.cls == "range":
            res.date = self._range(a, res)
        elif a.cls == "recur":
            self._rhythm(a, res)
        elif a.cls == "relative":
            end = self._relative(a, res, nxt)
            c.end = max(c.end, end)
        elif a.cls == "continuous":
            res.continuous = True
        # past dates: a status ("đến ngày 31/12/2013 ...") unless a due-date trigger
        if isinstance(res.date, dt.date) and self._is_past(res.date):
            if c.past == "drop" and c.kind != "relative":
                return None
            res.warnings.append("date before the document date")
        res.date = res.date.isoformat() if isinstance(res.date, dt.date) else None
        s, e = c.start, c.end
        while s < e and self.text[s] in " \t\n*_":
            s += 1
        while e > s and self.text[e - 1] in " \t\n*_,;:(":
            e -= 1
        res.start, res.end, res.text = s, e, self.text[s:e]
        return res

    def _is_past(self, d: dt.date) -> bool:
        if self.anchor is not None:
            return d < self.anchor
        if self.year is not None:
            return d.year < self.year
        return False

    def _year_for(self, m: int, d: int) -> Optional[int]:
        """The year of a year-less day/month: the anchor's, or the next one when the date
        would lie more than a month before the anchor."""
        if self.anchor is not None:
            cand = safe_date(self.anchor.year, m, d)
            if cand is not None and cand < self.anchor - dt.timedelta(days=31):
                return self.anchor.year + 1
            return self.anchor.year
        return self.year

    def _year_word(self, y: Optional[str]) -> Optional[int]:
        if y is None:
            return None
        y = y.strip()
        if y.isdigit():
            return int(y)
        if self.year is None:
            return None
        return self.year + self.r.yearwords[y]

    def _date_value(self, a: Atom, res: DeadlineMatch) -> Optional[dt.date]:
        m = a.data["m"]
        d, mo = int(m.group("d")), int(m.group("m"))
        y = m.group("y")
        if a.data.get("form") == "num" and y is None and not m.group("ngay") and "/" not in m.group("sep"):
            return None
        year = int(y) if y else self._year_for(mo, d)
        if year is None:
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                res.warnings.append(f"invalid date {d}/{mo}")
            return None
        value = safe_date(year, mo, d)
        if value is None:
            res.warnings.append(f"invalid date {d}/{mo}/{year}")
            return None
        for g in ("wd1", "wd2"):
            wd = m.groupdict().get(g)
            if wd:
                code = self.r.weekday(wd)
                if code and WD_NUM[code] != value.weekday():
                    res.warnings.append(f"weekday mismatch: {value.isoformat()} is not {wd}")
        return value

    def _period(self, a: Atom, res: DeadlineMatch) -> tuple[Optional[dt.date], Optional[dt.date]]:
        m, form = a.data["m"], a.data["form"]
        if form == "year":
            ys = [self._year_word(y) for y in re.findall(rf"{YEAR}|\w+", m.group("ys"))
                  if y.isdigit() or y in self.r.yearwords]  # "năm 2025, năm 2026"
            ys = [y for y in ys if y is not None]
            if not ys:
                return None, None
            return dt.date(min(ys), 1, 1), dt.date(max(ys), 12, 31)
        y = self._year_word(m.group("y"))
        if form == "quarter":
            qs = [self.r.roman.get(q) or int(q) for q in re.findall(r"iv|iii|ii|i|[1-4]", m.group("qs"))]
            first, last = (min(qs) - 1) * 3 + 1, max(qs) * 3
        elif form == "month":
            ms = [int(x) for x in re.findall(r"\d+", m.group("ms"))]
            first, last = min(ms), max(ms)
        else:  # half: 6 tháng đầu năm, 3 tháng cuối năm, nửa đầu năm
            n = 6 if m.group("nua") else self.r.number(m.group("n"))
            if not 1 <= n <= 12:
                return None, None
            first, last = (1, n) if m.group("which") == "đầu" else (13 - n, 12)
        if y is None and self.anchor is not None and form != "half":
            y = self._year_for(last, calendar.monthrange(self.anchor.year, last)[1])
        elif y is None:
            y = self.year
        if y is None:
            return None, None
        return dt.date(y, first, 1), month_end(y, last)

    def _range(self, a: Atom, res: DeadlineMatch) -> Optional[dt.date]:
        m = a.data["m"]
        d2, m2 = int(m.group("d2")), int(m.group("m2"))
        y = int(m.group("y2")) if m.group("y2") else self._year_for(m2, d2)
        if y is None:
            return None
        value = safe_date(y, m2, d2)
        if value is None:
            res.warnings.append(f"invalid date {d2}/{m2}/{y}")
        return value

    def _rhythm(self, a: Atom, res: DeadlineMatch) -> None:
        """Fill recurrence/rrule/recurrences from one rhythm atom or a merged list of them."""
        items: list[tuple[Optional[str], float, Optional[str]]] = []   # (recurrence, per_year, rrule)
        parts = a.data.get("parts", [a])
        for p in parts:
            if "parts" in p.data:
                for q in p.data["parts"]:
                    items.extend(self._rhythm_items(q))
            else:
                items.extend(self._rhythm_items(p))
        day = a.data.get("day")
        if not items:
            return
        items.sort(key=lambda t: -t[1])
        rec, _, rrule = items[0]
        if rec not in self.r.contract_recurrences:      # hằng ngày: an RRULE, no contract value
            rec = None
        if day is not None:
            if rec == "monthly" and rrule == self.r.recurrences["monthly"]["rrule"]:
                rrule = "FREQ=MONTHLY;" + self._bymonthday([int(day.data["m"].group("d"))])
            else:
                res.warnings.append("the day after the rhythm is not encoded in the rrule")
        res.recurrence, res.rrule = rec, rrule
        seen: list[str] = []
        for r_, _, _ in items:
            if r_ and r_ not in seen:
                seen.append(r_)
        res.recurrences = seen
        res.kind = "recurring"

    @staticmethod
    def _bymonthday(days: list[int]) -> str:
        """BYMONTHDAY for 'ngày D hằng tháng': D ≥ 29 means that day or the month's last."""
        if len(days) == 1 and days[0] == 31:
            return "BYMONTHDAY=-1"
        if len(days) == 1 and days[0] in (29, 30):
            return "BYMONTHDAY=" + ",".join(str(x) for x in range(28, days[0] + 1)) + ";BYSETPOS=-1"
        return "BYMONTHDAY=" + ",".join(str(x) for x in sorted(set(days)))

    def _rhythm_items(self, a: Atom) -> list[tuple[Optional[str], float, Optional[str]]]:
        r = self.r
        recs = r.recurrences
        m, form = a.data["m"], a.data["form"]

        def std(rec: str) -> tuple[str, float, str]:
            return rec, recs[rec]["per_year"], recs[rec]["rrule"]

        def months(n: int) -> tuple[Optional[str], float, Optional[str]]:
            if n in r.every_n:
                return std(r.every_n[n])
            return None, 12 / n, f"FREQ=MONTHLY;INTERVAL={n}"

        if form == "weekly":
            codes = []
            for w in re.findall(r"thứ\s*\w+|chủ\s*nhật|[2-7]", m.group("wds")):
                code = r.weekday(w if not w.isdigit() else "thứ" + w)
                if code and code not in codes:
                    codes.append(code)
            codes.sort(key=WD_NUM.get)
            return [("weekly", 52, "FREQ=WEEKLY;BYDAY=" + ",".join(codes))]
        if form == "monthly":
            days = [int(x) for x in re.findall(r"\d+", m.group("days"))]
            if not all(1 <= x <= 31 for x in days):
                return []
            return [("monthly", 12, "FREQ=MONTHLY;" + self._bymonthday(days))]
        if form == "quarterly":
            # "tháng đầu quý sau" names the same months as "tháng đầu quý": 1, 4, 7, 10
            months_ = sorted(r.quarter_months[m.group("which")])
            d = int(m.group("d"))
            return [("quarterly", 4, f"FREQ=YEARLY;BYMONTH={','.join(map(str, months_))};BYMONTHDAY={d}")]
        if form == "annual":
            d, mo = int(m.group("d")), int(m.group("m"))
            if m.group("d2"):
                d2, mo2 = int(m.group("d2")), int(m.group("m2"))
                if d2 == d:
                    ms = ",".join(map(str, sorted({mo, mo2})))
                    return [("semiannual", 2, f"FREQ=YEARLY;BYMONTH={ms};BYMONTHDAY={d}")]
                return [("semiannual", 2, None)]
            return [("annual", 1, f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY={d}")]
        if form == "months_yearly":
            ms = sorted({int(x) for x in re.findall(r"\d+", m.group("ms"))})
            rec = r.times_per_year.get(len(ms))
            rule = f"FREQ=YEARLY;BYMONTH={','.join(map(str, ms))}"
            return [(rec, float(len(ms)), rule)]
        if form == "period_end":
            u = r.units[m.group("u")]
            rule = {"monthly": "FREQ=MONTHLY;BYMONTHDAY=-1",
                    "quarterly": "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
                    "annual": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"}[u]
            return [(u, recs[u]["per_year"], rule)]
        items: list[tuple[Optional[str], float, Optional[str]]] = []
        if form == "lead":
            items.append(std(r.units[m.group("u")]))
        elif form == "every":
            n, unit = r.number(m.group("n")), m.group("nu")
            if n <= 0:
                return []
            items.append(months(n) if unit == "tháng" else months(12 * n) if unit == "năm"
                         else ("weekly", 52, "FREQ=WEEKLY") if n == 1
                         else (None, 52 / n, f"FREQ=WEEKLY;INTERVAL={n}"))
        elif form == "times":
            k, u = r.number(m.group("k")), r.units[m.group("u")]
            per_year = k * recs[u]["per_year"]
            rec = r.times_per_year.get(int(per_year)) if per_year == int(per_year) else None
            items.append(std(rec) if rec else (None, per_year, None))
        for t in a.data.get("tails", []):
            u = t.group("u") or t.group("bu")
            if u:
                items.append(std(r.units[u]))
            else:
                n, unit = r.number(t.group("n")), t.group("nu")
                items.append(months(n) if unit == "tháng" else months(12 * n) if unit == "năm"
                             else (None, 52 / n, f"FREQ=WEEKLY;INTERVAL={n}"))
        return items

    def _relative(self, a: Atom, res: DeadlineMatch, nxt: Optional[int]) -> int:
        """Offsets, reference point and (where the reference is the document) the date.
        Returns the end of the expression including its reference words."""
        r, F = self.r, self.F
        m = a.data["m"]
        n, unit = r.number(m.group("n")), r.rel_units[re.sub(r"\s+", " ", m.group("u"))]
        lead = (m.group("lead") or "").strip()
        sign = -1 if (m.group("before") or lead.startswith("trước")) else 1
        res.kind = "relative"
        res.weak = bool(m.group("wlead")) and not (m.group("after") or m.group("before"))
        if unit == "month":
            res.offset_months = sign * n
        else:
            res.offset_days = sign * n * (7 if unit == "week" else 1)
            res.working_days = unit == "working_day"
        end = m.end()
        has_dir = bool(m.group("after") or m.group("before") or lead.startswith("trước"))
        ref_date = None
        if has_dir:
            stop = len(F) if nxt is None else nxt
            tail = re.match(r"[^,.;:()\"]{0,80}", F[end:stop]).group(0)
            words = list(re.finditer(r"\S+", tail))[:10]
            if words:
                ref_end = end + words[-1].end()
                res.relative_to = " ".join(self.text[end:ref_end].split())
                ref_f = F[end:ref_end]
                dm = self.r.date_num.search(ref_f) or self.r.date_long.search(ref_f)
                if dm and dm.group("y"):
                    ref_date = safe_date(int(dm.group("y")), int(dm.group("m")), int(dm.group("d")))
                end = ref_end
        doc_ref = res.relative_to is None or (
            bool(r.doc_refs.search(fold(res.relative_to))) and not r.not_doc_refs.search(fold(res.relative_to)))
        base = ref_date or (self.anchor if doc_ref else None)
        if base is not None:
            if res.offset_months is not None:
                res.date = add_months(base, res.offset_months)
            elif res.working_days:
                res.date = add_working_days(base, res.offset_days)
            else:
                res.date = base + dt.timedelta(days=res.offset_days)
        return end

    # ------------------------------------------------------------------ driver
