"""Rows of a sheet -> planned rows: cells converted column by column (no Qt; used by
import_planning.plan_import; import_matching.py then tells which person each row is)."""

from __future__ import annotations

import re

from saiga_desk.core import models as m
from saiga_desk.core import validation as _validation
from saiga_desk.core.errors import Problem
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io import values as vl
from saiga_desk.io.import_plan import (
    LANGUAGE_NAMES,
    ROLE_NAMES,
    ImportPlan,
    Lookups,
    RowLayout,
    RowPlan,
    column_letter,
    fold,
)
from saiga_desk.io.workbook import Sheet

STEP = 2000  # rows converted column by column at once (progress and Cancel between steps)
_PLAIN_EMAIL = _validation.PLAIN_EMAIL  # core.validation's one-match test of everyday addresses
_DIGIT = re.compile(r"\d")
_CACHED = {"country", "organization", "preferred_language", "role"}  # few distinct values: converted once


class RowConverter:
    """Cells -> field values, column by column (one loop per column, repeated values converted once), with
    problems located by file, sheet, row and column."""

    def __init__(self, plan: ImportPlan, sheet: Sheet, lookups: Lookups, date1904: bool):
        self.plan, self.sheet, self.lk, self.date1904 = plan, sheet, lookups, date1904
        self.cols = [(c, f) for c, f in enumerate(plan.mapping) if f]
        self.letters = {c: column_letter(c) for c, _f in self.cols}
        self.layout = RowLayout(plan.file_name, plan.sheet, self.cols, self.letters)
        self.columns = self.layout.columns
        hdr = plan.headers
        self.ru_order = any(f == "full_name" and hd.is_ru_order(hdr[c]) for c, f in self.cols)
        self.kinds = {c: hd.FIELDS[f].kind for c, f in self.cols}
        self.text_limits = {
            c.key: c.type.length for c in m.Person.__table__.columns if getattr(c.type, "length", None)
        }
        mapped = {f for _c, f in self.cols}
        self.needs_names = bool({"full_name", "middle_name"} & mapped)
        self.family_col = next(
            (self.letters[c] for c, f in self.cols if f in ("family_name", "full_name")), ""
        )
        self.caches: dict[int, dict] = {c: {} for c, f in self.cols if f in _CACHED}

    def convert_rows(self, r0: int, rows: list[list]) -> list[RowPlan]:
        """Rows ``r0``.. (0-based sheet index of the first) -> RowPlans; rows with no mapped value are left out."""
        n = len(rows)
        need = self.cols[-1][0] + 1
        if any(len(cells) < need for cells in rows):  # rows are read equally wide; pad any that is not
            rows = [
                cells if len(cells) >= need else [*cells, *[None] * (need - len(cells))] for cells in rows
            ]
        vals: list[dict] = [{} for _i in range(n)]
        probs: list[list | None] = [None] * n
        fwv = self.sheet.formulas_without_value
        for c, f in self.cols:
            letter = self.letters[c]
            kind = self.kinds[c]
            limit = self.text_limits.get(f)
            plain = kind == "text" and f not in _CACHED or kind == "choice" and f != "role"
            cache = self.caches.get(c)
            edge = vl.SPACES
            column = [cells[c] for cells in rows]
            if plain and not fwv and _all_text(column):
                self._text_column(vals, probs, column, f, limit, r0, letter)
                continue
            if kind == "phone" and not fwv and _all_text(column):
                self._phone_column(vals, probs, column, f, limit, r0, letter)
                continue
            if f == "email" and not fwv and _all_text(column):
                column = self._plain_emails(vals, column, limit or 320)
            for i, raw in enumerate(column):
                if raw.__class__ is str:
                    text = raw.strip(edge) if plain else raw
                    if text and plain:
                        vals[i][f] = text
                        if limit is not None and len(text) > limit:
                            self._too_long(probs, i, text, limit, r0, letter)
                        continue
                    empty = not text
                else:
                    empty = raw is None
                if empty:
                    if fwv and (r0 + i, c) in fwv:
                        self._problem(probs, i, _("The formula has no saved value; the cell is read as empty."),
                                      r0, letter, "warning")  # fmt: skip
                    continue
                if cache is not None:
                    key = raw if raw.__class__ is str else (raw.__class__, raw)  # True == 1 == 1.0
                    got = cache.get(key)
                    if got is None:
                        got = cache[key] = self._convert(f, kind, raw)
                else:
                    got = self._convert(f, kind, raw)
                if got is _SKIP:
                    continue
                target, value, problem, severity = got
                v = vals[i]
                if target == "email":
                    first, more = value
                    v["email"] = first
                    if limit is not None and len(first) > limit:
                        self._too_long(probs, i, first, limit, r0, letter)
                    if more:
                        v["other_emails"] = "\n".join(
                            [*([v["other_emails"]] if v.get("other_emails") else []), *more]
                        )
                elif target == "other_emails":
                    v["other_emails"] = "\n".join(
                        [*([v["other_emails"]] if v.get("other_emails") else []), *value]
                    )
                else:
                    v[target] = value
                    if limit is not None and value.__class__ is str and len(value) > limit:
                        self._too_long(probs, i, value, limit, r0, letter)
                if problem:
                    self._problem(probs, i, problem, r0, letter, severity)
        out = []
        hidden = self.sheet.hidden_rows
        layout = self.layout
        for i in range(n):
            v = vals[i]
            if not v:
                continue
            r = r0 + i
            org = v.get("organization_id")
            if org.__class__ is tuple:  # not named exactly: a shorter name of one of the row's country?
                found = self.lk.org_within(org[1], v.get("country_id"))
                if found is not None:
                    v["organization_id"] = found
            if self.needs_names:
                self._names(v, probs, i, r0)
            elif not v.get("family_name"):
                self._problem(probs, i, _("The family name is missing."), r0, self.family_col, "error")
            if hidden and r in hidden:
                self._problem(probs, i, _("This row is hidden in the workbook; it is left out (tick it in the review "
                                          "to import it)."), r0, "", "warning")  # fmt: skip
                out.append(RowPlan(r + 1, "new", v, rows[i], layout, problems=probs[i], hidden=True))
                continue
            out.append(RowPlan(r + 1, "new", v, rows[i], layout, problems=probs[i] or ()))
        return out

    def _text_column(self, vals, probs, column, f, limit, r0, letter) -> None:
        """A text column whose cells are all text (the usual case): stripped and stored in one pass."""
        texts = [x.strip(vl.SPACES) for x in column]  # as written: a leading BOM stays
        for v, text in zip(vals, texts, strict=True):
            if text:
                v[f] = text
        if limit is not None and max(map(len, texts), default=0) > limit:
            for i, text in enumerate(texts):
                if len(text) > limit:
                    self._too_long(probs, i, text, limit, r0, letter)

    def _phone_column(self, vals, probs, column, f, limit, r0, letter) -> None:
        """A phone column whose cells are all text: kept as written; a phone without digits is warned."""
        self._text_column(vals, probs, column, f, limit, r0, letter)
        search = _DIGIT.search
        for i, raw in enumerate(column):
            if raw and search(raw) is None and raw.strip(vl._EDGE):
                self._problem(probs, i, _("The phone number has no digits."), r0, letter, "warning")

    @staticmethod
    def _plain_emails(vals, column, limit) -> list:
        """Store the everyday addresses of an all-text email column at once (the same test as the first one
        of core.validation.email_problem); returns the column with those cells emptied for the full check."""
        plain = _PLAIN_EMAIL
        if plain is None:
            return column
        edge = vl._EDGE
        out = []
        for v, raw in zip(vals, column, strict=True):
            if raw and raw[0] not in edge and raw[-1] not in edge and len(raw) <= limit and plain.match(raw):
                v["email"] = raw
                out.append(None)
            else:
                out.append(raw)
        return out

    def _problem(self, probs, i, message, r0, column, severity) -> None:
        p = Problem(message, self.plan.file_name, self.plan.sheet, r0 + i + 1, column, severity)
        if probs[i] is None:
            probs[i] = [p]
        else:
            probs[i].append(p)

    def _too_long(self, probs, i, text, limit, r0, column) -> None:
        msg = _("The text is too long ({n} characters; at most {limit}).").format(n=len(text), limit=limit)
        p = Problem(msg, self.plan.file_name, self.plan.sheet, r0 + i + 1, column, "error")
        if probs[i] is None:
            probs[i] = [p]
        else:
            probs[i].append(p)

    def _convert(self, f: str, kind: str, raw):
        """One cell -> (target field, value, problem, severity), or _SKIP for an empty cell."""
        text = vl.cell_text(raw)
        if text is None:
            return _SKIP
        problem, severity = None, "ok"
        if kind == "email":
            first, more, problem = vl.email_value(raw)
            severity = "error" if problem else "ok"
            if not problem and raw.__class__ is str and raw.strip(vl.SPACES) != raw.strip(vl._EDGE):
                problem, severity = _("An invisible character (byte-order mark or zero-width space) was removed "
                                      "from the edge of the address."), "warning"  # fmt: skip
            if f == "email":
                return "email", (first, more), problem, severity
            return "other_emails", [x for x in (first, *more) if x], problem, severity
        if kind == "phone":
            if raw.__class__ is str:
                return (
                    f,
                    text,
                    (None if _DIGIT.search(text) else _("The phone number has no digits.")),
                    "warning",
                )
            value, problem, severity = vl.phone_value(raw)
            return f, value, problem, severity
        if kind == "date":
            value, problem, severity = vl.date_value(raw, self.date1904)
            return f, value, problem, severity
        if kind == "bool":
            value, problem, severity = vl.bool_value(raw)
            return f, value, problem, severity
        if kind == "country":
            cid = self.lk.country(text)
            if cid is None:
                problem = _("Country {name!r} is not recognized (use its English or Russian name, or ISO code).").format(name=text)  # fmt: skip
                severity = "error"
            return "country_id", cid, problem, severity
        if f == "organization":
            oid = self.lk.org(text)
            if oid is None:  # a new organization's name as written (an invisible character left for matching)
                name = raw.strip(vl.SPACES) if raw.__class__ is str else text
                return "organization_id", ("new", name), None, "ok"
            return "organization_id", oid, None, "ok"
        if f == "preferred_language":
            code = text.lower() if text.lower() in m.LANGUAGES else LANGUAGE_NAMES.get(fold(text))
            if code is None:
                return f, None, _("Language {name!r} is not recognized.").format(name=text), "error"
            return f, code, None, "ok"
        if f == "role":
            role = ROLE_NAMES.get(fold(text), text if text in m.DESIGNATION_ROLES else None)
            if role is None:
                msg = _("Role {name!r} is not primary, alternate or technical.").format(name=text)
                return f, None, msg, "error"
            return f, role, None, "ok"
        return f, text, None, "ok"

    def _names(self, v: dict, probs: list, i: int, r0: int) -> None:
        full = v.pop("full_name", None)
        if full and not v.get("family_name"):
            parts = full.split()
            if len(parts) == 1:
                v["family_name"] = parts[0]
            elif self.ru_order:
                v["family_name"], given = parts[0], " ".join(parts[1:])
                v.setdefault("given_name", given)
            else:
                v["family_name"], given = parts[-1], " ".join(parts[:-1])
                v.setdefault("given_name", given)
        middle = v.pop("middle_name", None)
        if middle:
            v["given_name"] = f"{v['given_name']} {middle}" if v.get("given_name") else middle
        if not v.get("family_name"):
            self._problem(probs, i, _("The family name is missing."), r0, self.family_col, "error")
            return
        for k in ("family_name", "given_name"):
            limit = self.text_limits.get(k)
            if limit and len(v.get(k) or "") > limit:
                col = next(
                    (self.letters[c] for c, f in self.cols if f in (k, "full_name", "middle_name")), ""
                )
                self._too_long(probs, i, v[k], limit, r0, col)


_SKIP = object()
_STR_ONLY = {str}


def _all_text(column: list) -> bool:
    return set(map(type, column)) <= _STR_ONLY
