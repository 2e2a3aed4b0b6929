"""A reviewed import plan handed to core, and the error report.

``commit_import`` turns what the officer accepted in an ``ImportPlan`` into a plain ``core.imports.BatchPlan``
(new persons, field-by-field updates, organizations to create, designations, participants) and
``core.imports.commit_batch`` writes it in one transaction as one ImportBatch; ``undo_batch`` and
``list_batches`` are ``core/import_undo.py``'s. Audit trail of an import: every created record gets one
entry (who, when, create, id, batch, its name as summary; the values are in the record itself, which
carries import_batch_id), every update its fields old -> new (history and undo need them).
``saiga-desk import batches`` lists imports, ``import undo N`` undoes one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from saiga_desk.core import import_undo
from saiga_desk.core.errors import InputError, Problem, Progress
from saiga_desk.core.import_undo import list_batches
from saiga_desk.core.imports import (
    BatchPlan,
    DesignationWrite,
    ParticipantWrite,
    PersonRef,
    PersonUpdate,
    commit_batch,
)
from saiga_desk.i18n import _
from saiga_desk.io import headers as hd
from saiga_desk.io import values as vl
from saiga_desk.io.import_plan import PERSON_FIELDS, column_letter, fold
from saiga_desk.io.import_planning import plan_import
from saiga_desk.io.workbook import paused_gc

_PERSON = frozenset(PERSON_FIELDS)


@dataclass
class ImportResult:
    batch_id: int | None
    status: str  # imported | rejected | dry-run
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    designations_created: int = 0
    designations_superseded: int = 0
    possible_matches: list[dict] = field(default_factory=list)  # {"row", "person" | "of_row", "updated"}
    errors_file: str | None = None  # the error workbook written (--skip-invalid)

    def as_json(self, plan=None) -> dict:
        return {
            "file": plan.file_name if plan else "",
            "sheet": plan.sheet if plan else "",
            "header_row": plan.header_row if plan else None,
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "possible_matches": self.possible_matches,
            "errors": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
            "batch": self.batch_id,
            "rejected_rows": rows_left_out(plan) if plan else [],
            "errors_file": self.errors_file,
        }


def refused(problems: list[Problem]) -> InputError:
    first = problems[0]
    more = len(problems) - 1
    text = str(first) + (_(" ({n} more problems.)").format(n=more) if more > 0 else "")
    return InputError(text, problems)


def counts_of(plan, errors: list[Problem] | None = None) -> ImportResult:
    res = ImportResult(None, "dry-run", errors=plan.blocking() if errors is None else errors,
                       warnings=plan.warnings())  # fmt: skip
    for rp in plan.rows:
        st = rp.effective
        if rp.possible_person is not None or rp.possible_row is not None:
            res.possible_matches.append({"row": rp.row, "person": rp.possible_person, "of_row": rp.possible_row,
                                         "updated": rp.possible_person is not None and
                                         rp.person_id == rp.possible_person})  # fmt: skip
        if not rp.accepted or st in ("duplicate", "error"):
            res.skipped += 1
        elif st == "new":
            res.created += 1
        elif st == "changed":
            res.updated += 1
        else:
            res.unchanged += 1
    return res


# ---------------------------------------------------------------------------- commit
def commit_import(db, plan, progress: Progress | None = None, actor: str | None = None) -> ImportResult:
    """Write the accepted rows in one transaction as one ImportBatch; InputError while errors remain.
    A failure or a cancel (``progress``) rolls everything back."""
    blocking = plan.blocking()
    if blocking:
        raise refused(blocking)
    res = counts_of(plan, errors=[])
    res.status = "imported"
    with paused_gc():
        batch, new_rows = batch_plan(plan, res)
        outcome = commit_batch(db, batch, progress=progress, actor=actor)
    for rp, pid in zip(new_rows, outcome.new_person_ids, strict=True):
        rp.person_id = pid
    res.batch_id = outcome.batch_id
    res.designations_created = outcome.designations_created
    res.designations_superseded = outcome.designations_superseded
    return res


def undo_batch(db, batch_id: int, actor: str | None = None) -> dict:
    """Undo a whole import (core/import_undo.py); refused, with nothing changed, when a record was edited
    since or something else now refers to what it created."""
    with paused_gc():
        return import_undo.undo_batch(db, batch_id, actor=actor)


def batch_plan(plan, res: ImportResult) -> tuple[BatchPlan, list]:
    """The core plan of what ``plan``'s accepted rows write, and the rows of its new persons (in order)."""
    batch = BatchPlan(
        plan.kind, plan.file_name, plan.file_hash, plan.sheet, plan.header_row,
        {column_letter(i): f for i, f in enumerate(plan.mapping) if f},
        {"designate": plan.designate, "meeting_id": plan.meeting_id}, meeting_id=plan.meeting_id,
        remember=(hd.mapping_key(plan.headers, plan.kind),
                  json.dumps({"mapping": plan.mapping, "header_row": plan.header_row}, ensure_ascii=False)),
        counts={"created": res.created, "updated": res.updated, "unchanged": res.unchanged, "skipped": res.skipped},
    )  # fmt: skip
    rows, new_rows, refs = [], [], []
    batch.organizations, batch.organization_fields, keys = _new_organizations(
        rp for rp in plan.rows if rp.accepted and rp.effective in ("new", "changed")
    )
    linked = (
        plan.kind == "participants" or plan.designate
    )  # rows that also write a designation or participant
    for rp in plan.rows:
        if not rp.accepted:
            continue
        st = rp.effective
        if st == "new":
            if linked:
                refs.append(PersonRef(new_index=len(new_rows)))
            new_rows.append(rp)
            values = rp.values
            if rp.rejected_fields:
                values = {k: v for k, v in values.items() if k not in rp.rejected_fields}
            org = values.get("organization_id")
            if org.__class__ is tuple and _keyed(org, rp, keys) is not org:
                values = {**values, "organization_id": _keyed(org, rp, keys)}
            batch.new_persons.append(values)
        elif st == "changed":
            changes = {
                k: pair for k, pair in rp.changes.items() if k in _PERSON and k not in rp.rejected_fields
            }
            if "organization_id" in changes:
                old, new = changes["organization_id"]
                changes["organization_id"] = (old, _keyed(new, rp, keys))
            if changes:
                batch.updates.append(PersonUpdate(rp.row, rp.person_id, rp.person_version, changes,
                                                  rp.values.get("family_name") or ""))  # fmt: skip
            if linked:
                refs.append(PersonRef(person_id=rp.person_id))
        elif st == "unchanged":
            if linked:
                refs.append(PersonRef(person_id=rp.person_id))
        else:
            continue
        rows.append(rp)
    if linked:
        for rp, ref in zip(rows, refs, strict=True):
            if plan.kind == "participants":
                _participant(batch, rp, ref)
            else:
                _designation(batch, rp, ref, keys)
    return batch, new_rows


def _new_organizations(rows) -> tuple[dict[str, str], dict[str, dict], dict[tuple, str]]:
    """Organizations named in the file but not held yet, one per folded name and country (a row without a
    country joins the one country its name has): each key -> the key it is created under (its first spelling
    in sorted order), that key -> its fields (the text in the language it is written in, the country, a kind
    guessed from the name), and (spelling, row's country) -> key. A key is the spelling itself unless rows of
    several countries name it ("Ministry of Environment" of two States: two organizations)."""
    seen: dict[tuple, None] = {}
    for rp in rows:
        val = rp.values.get("organization_id")
        if val.__class__ is tuple and "organization_id" not in rp.rejected_fields:
            seen.setdefault((val[1], rp.values.get("country_id")), None)
    countries: dict[str, set] = {}
    for text, cid in seen:
        countries.setdefault(fold(text), set()).add(cid)

    def group(text: str, cid) -> tuple:
        known = countries[fold(text)] - {None}
        return (fold(text), next(iter(known)) if cid is None and len(known) == 1 else cid)

    def key(text: str, cid) -> str:
        return text if len(countries[fold(text)] - {None}) <= 1 else f"{text}\x1f{cid}"

    first: dict[tuple, tuple] = {}
    for text, cid in sorted(seen, key=lambda tc: (tc[0], tc[1] or 0)):
        g = group(text, cid)
        first.setdefault(g, (text, g[1]))
    keys = {(text, cid): key(text, cid) for text, cid in seen}
    organizations = {keys[tc]: key(*first[group(*tc)]) for tc in seen}
    fields = {key(text, cid): new_organization(text, cid) for text, cid in first.values()}
    return organizations, fields, keys


def _keyed(value, rp, keys: dict):
    """A new organization's value as the batch names it (``_new_organizations``'s key), else ``value``."""
    if value.__class__ is not tuple:
        return value
    k = keys.get((value[1], rp.values.get("country_id")))
    return ("new", k) if k is not None and k != value[1] else value


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_KINDS = (  # folded word beginnings -> kind, the first that matches
    ("government", r"ministr|министерств|committee|комитет|agency|агентств|department|департамент|управлени|"
                   r"office|ведомств|government|правительств|inspectorate|инспекц|service|служб|akimat|акимат|"
                   r"administration|администрац|directorate|дирекц"),
    ("secretariat", r"secretariat|секретариат"),
    ("academic", r"universit|университет|academy|академи|institute|институт|college|колледж|laborator|лаборатор"),
    ("ngo", r"association|ассоциац|society|общество|foundation|фонд|union|союз|ngo|нпо|ооо|alliance|альянс"),
)  # fmt: skip
_KIND_RES = [(kind, re.compile(rf"(^|\W)({words})")) for kind, words in _KINDS]


def new_organization(name: str, country_id: int | None) -> dict:
    """The fields of an organization a row names: its name in the language it is written in (Cyrillic:
    name_ru), the row's country, a kind guessed from its name (ministry, committee, agency...: government)."""
    cyrillic = len(_CYRILLIC.findall(name)) > len(_LATIN.findall(name))
    folded = fold(name)
    kind = next((k for k, rx in _KIND_RES if rx.search(folded)), "other")
    out = {"name_en": "", "name_ru": name} if cyrillic else {"name_en": name}
    out["kind"] = kind
    if country_id is not None:
        out["country_id"] = country_id
    return out


def _designation(batch: BatchPlan, rp, ref: PersonRef, keys: dict) -> None:
    d = rp.extra.get("designation")
    if not d or any(k.startswith("designation") for k in rp.rejected_fields):
        return
    replaces = [{"id": o["id"], "version": o["version"], "valid_from": o["valid_from"]} for o in d["close"]]
    new = dict(d["new"])
    new["authority_id"] = _keyed(new.get("authority_id"), rp, keys)
    batch.designations.append(DesignationWrite(rp.row, ref, d["action"], new, replaces, d["existing"]))


def _participant(batch: BatchPlan, rp, ref: PersonRef) -> None:
    p = rp.extra.get("participant")
    rejected = {k.split(".", 1)[1] for k in rp.rejected_fields if k.startswith("participant.")}
    if not p or (p["action"] == "create" and rejected):
        return
    new = {k: v for k, v in p["new"].items() if k not in rejected}
    if p["action"] == "create":
        batch.participants.append(ParticipantWrite(ref, "create", new))
        return
    old = p["old"]
    if rejected and not any(old[k] != v for k, v in new.items()):
        return
    batch.participants.append(ParticipantWrite(ref, "update", new, old["id"], old["version"]))


# ---------------------------------------------------------------------------- error report
def _left_out_status(rp) -> str | None:
    if rp.errors:
        return "error"
    if rp.status == "duplicate":
        return "duplicate"
    if not rp.accepted:
        return "hidden" if rp.hidden else "rejected"
    return None


def _reasons(rp) -> list[str]:
    errors = [(f"{p.column}: {p.message}" if p.column else p.message) for p in rp.errors]
    return errors or [p.message for p in rp.problems] or [_("Left out in the review.")]


def rows_left_out(plan) -> list[dict]:
    """Every row that does not go in (errors, duplicates, hidden rows, rows the officer left out), with its
    reasons: {"row", "status", "reasons", "of" (the earlier row a duplicate repeats, else None)}."""
    out = []
    for rp in plan.rows:
        status = _left_out_status(rp)
        if status is not None:
            out.append({"row": rp.row, "status": status, "reasons": _reasons(rp), "of": rp.duplicate_of})
    return out


def errors_path_for(path: str) -> str:
    """Where the error workbook goes by default: beside the file, FILE-errors.xlsx."""
    base, _ext = os.path.splitext(os.fspath(path))
    return base + "-errors.xlsx"


def write_error_report(plan, path: str) -> int:
    """The rows that do not go in (errors, duplicates, hidden, rejected) with their reasons and their cells as
    read, under the sheet's own headers, as .xlsx (correct them there and import that file). Returns rows."""
    import xlsxwriter  # deferred for start-up speed: only the error report needs it
    import xlsxwriter.exceptions  # deferred: with xlsxwriter

    wb = xlsxwriter.Workbook(os.fspath(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                               "strings_to_numbers": False})  # fmt: skip
    ws = wb.add_worksheet(_("Not imported")[:31])
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    headers = [_("Row"), _("Status"), _("Problems")] + [
        str(h) if h not in (None, "") else "" for h in plan.headers
    ]
    ws.write_row(0, 0, headers, bold)
    n = 0
    labels = {"error": _("error"), "duplicate": _("duplicate"), "rejected": _("rejected"),
              "hidden": _("hidden row")}  # fmt: skip
    for rp in plan.rows:
        status = _left_out_status(rp)
        if status is None:
            continue
        n += 1
        ws.write(n, 0, rp.row)
        ws.write_string(n, 1, labels[status])
        ws.write_string(n, 2, "\n".join(_reasons(rp)), wrap)
        cells = rp.cells or []
        for c in range(len(plan.headers)):
            text = vl.cell_text(cells[c]) if c < len(cells) else None
            if text is not None:
                ws.write_string(n, 3 + c, str(text))
    ws.set_column(2, 2, 60)
    ws.freeze_panes(1, 0)
    try:
        wb.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as e:
        reason = getattr(e.args[0], "strerror", None) if e.args else None
        msg = _("{file}: the error workbook cannot be written ({reason}).").format(
            file=os.fspath(path), reason=reason or getattr(e, "strerror", None) or e
        )
        raise InputError(msg, [Problem(msg, os.path.basename(os.fspath(path)))]) from None
    return n


# ---------------------------------------------------------------------------- one call (CLI)
def import_file(
    db,
    path: str,
    *,
    kind: str = "contacts",
    sheet: str | None = None,
    designate: bool = False,
    dry_run: bool = False,
    meeting_id: int | None = None,
    progress: Progress | None = None,
    match_names: bool = False,
    skip_invalid: bool = False,
    errors_path: str | None = None,
):
    """Plan and (unless dry_run or errors remain) commit. Returns (plan, ImportResult).
    InputError propagates when the file itself is refused. ``match_names``: see plan_import.

    Whole or nothing, unless ``skip_invalid``: then rows with errors are left out (when the sheet itself has
    no error and some row is valid), the valid rows go in, and every row left out is written with its
    reasons to the error workbook ``errors_path`` (default: beside the file, FILE-errors.xlsx)."""
    plan = plan_import(db, path, kind=kind, sheet=sheet, designate=designate, meeting_id=meeting_id,
                       progress=progress, match_names=match_names)  # fmt: skip
    res = counts_of(plan)
    if res.errors and skip_invalid:
        sheet_errors = any(p.severity == "error" for p in plan.problems)
        bad = [rp for rp in plan.rows if rp.accepted and rp.errors]
        if not sheet_errors and any(rp.accepted and not rp.errors for rp in plan.rows):
            for rp in bad:
                rp.accepted = False
            res = counts_of(plan)
    written = None
    if skip_invalid and rows_left_out(plan):  # written first: a workbook that cannot be written changes nothing
        written = os.fspath(errors_path or errors_path_for(path))
        write_error_report(plan, written)
    if res.errors:
        res.status = "rejected"
    elif not dry_run:
        res = commit_import(db, plan, progress=progress)
    res.errors_file = written
    return plan, res


__all__ = ["ImportResult", "commit_import", "undo_batch", "list_batches", "import_file", "write_error_report",
           "counts_of", "refused", "batch_plan", "rows_left_out", "errors_path_for"]  # fmt: skip
