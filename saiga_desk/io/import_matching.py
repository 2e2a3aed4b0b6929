"""Which person a planned row is. An import never loses or invents a person:

- A row's email (NFC, case-insensitive) finds the stored person with that address. Two different non-empty
  emails are never the same person, in the file or against the database.
- A row is skipped as a duplicate only when it repeats an earlier row of the file: the same email, or no email
  and the same cells (as folded: case, spaces, ё/е and Unicode form aside; a leading tab or "=" is another
  row).
- The same folded family name, given name and country with another or no email is a *possible* match: the row
  is imported as a new person with a warning naming the row or the person (#ID), unless the officer chooses
  to update that person (``choose_match``: the review, or ``--match-names`` on the command line, where a row
  of the name and country of an earlier row is then that row's person and left out, listed). A row that would
  change nothing of the stored person of its name (an export read back) is that person, unchanged.
"""

from __future__ import annotations

from saiga_desk.core.errors import Problem
from saiga_desk.i18n import _
from saiga_desk.io.import_plan import NOTHING, ImportPlan, Lookups, RowPlan, email_key, fold, name_key


class Matcher:
    """The rows of one file matched in order against the database and the rows before them."""

    def __init__(self, plan: ImportPlan, lk: Lookups, rows: list[RowPlan]):
        self.plan, self.lk = plan, lk
        self.seen_email: dict[str, RowPlan] = {}
        self.seen_cells: dict[tuple, RowPlan] = {}
        self.seen_name: dict[tuple, RowPlan] = {}
        self.claimed: dict[int, RowPlan] = {}  # person id -> the row that writes it
        # a stored person whose address a row of the file names is that row's, never a name match's
        self.file_emails = {k for k in (email_key(rp.values.get("email")) for rp in rows) if k}

    def classify(self, rp: RowPlan) -> None:
        """new | changed (field by field) | unchanged | duplicate (within the file) | error."""
        v = rp.values
        ekey = email_key(v.get("email"))
        if ekey:
            first = self.seen_email.get(ekey)
            if first is not None:
                return _duplicate(rp, first, same_email=True)
            self.seen_email[ekey] = rp
        else:
            cells = rp.cells or []
            written = tuple(_written(cells[c]) if c < len(cells) else None for c, _f in rp.layout.cols)
            first = self.seen_cells.get(written)
            if first is not None:
                return _duplicate(rp, first, same_email=False)
            self.seen_cells[written] = rp
        lk, plan = self.lk, self.plan
        pid = lk.by_email.get(ekey) if ekey else None
        if pid is not None and pid in self.claimed:
            pid = None
        family = v.get("family_name")
        nkey = name_key(family, v.get("given_name"), v.get("country_id")) if family else None
        if nkey is not None:
            earlier = self.seen_name.get(nkey)
            if earlier is None:
                self.seen_name[nkey] = rp
            elif pid is None:
                rp.possible_row = earlier.row
                if plan.match_names:  # the officer said so: the same person, this row left out (listed)
                    return _duplicate(rp, earlier, same_email=False, by_name=True)
                _warn(rp, _("Possibly the same person as row {row} (same name and country, another or no "
                            "email); it is imported as a separate person.").format(row=earlier.row))  # fmt: skip
        if pid is None and nkey is not None:
            cands = [c for c in lk.named(nkey) if c not in self.claimed
                     and email_key(lk.persons[c]["email"]) not in self.file_emails]  # fmt: skip
            same = next((c for c in cands if not _differences(v, lk.persons[c])), None)
            if same is not None:  # the stored person as the row has it: nothing to write
                pid = same
            elif cands:
                cand = cands[0]
                rp.possible_person = cand
                plan.stored[cand] = lk.persons[cand]
                if plan.match_names:
                    pid = cand
                    _warn(rp, _("Same name and country as person #{id}, another or no email: that "
                                "person is updated (match names).").format(id=cand))  # fmt: skip
                else:
                    _warn(rp, _("Possibly the same person as person #{id} (same name and country, "
                                "another or no email); imported as a new person.").format(id=cand))  # fmt: skip
        if pid is None:
            _as_new(rp)
            return
        self.claimed[pid] = rp
        _as_update(rp, pid, lk.persons[pid])


    def alone(self, rp: RowPlan) -> None:
        """Classify a row that neither claims a person nor shadows a later row (a hidden row of the sheet)."""
        other = Matcher(self.plan, self.lk, [])
        other.file_emails = self.file_emails
        other.classify(rp)


def choose_match(plan: ImportPlan, rp: RowPlan, update: bool) -> bool:
    """The officer's choice for a possible match: update the stored person (``update``) or import the row as a
    new person; its designation or participant is planned again for that person. False when that person is
    already written by another row of the plan."""
    pid = rp.possible_person
    if pid is None:
        return False
    if update and any(other.person_id == pid for other in plan.rows if other is not rp):
        return False
    rp.drop_link_problems()  # what the designation/participant planning said
    rp.changes = NOTHING
    rp.take_back("organization_id")
    if update:
        _as_update(rp, pid, plan.stored[pid])
    else:
        _as_new(rp)
    if plan.relink is not None:
        plan.relink(rp)
    return True


def _written(raw):
    """A cell as compared between rows without an email: folded, but a leading tab or line break counts."""
    if raw.__class__ is not str:
        return raw
    text = raw.strip(" \u00a0")
    return (fold(text), text[:1] in "\t\r\n")


def _differences(values: dict, old: dict) -> dict:
    """Field -> (stored, row) for what the row would change (an empty cell never erases)."""
    return {
        k: (old[k], new)
        for k, new in values.items()
        if k in old and new != old[k] and new is not None and new != ""
    }


def _has_error(rp: RowPlan) -> bool:
    return any(p.severity == "error" for p in rp.problems)


def _as_new(rp: RowPlan) -> None:
    rp.person_id = rp.person_version = None
    rp.base_status = "new"
    rp.status = "error" if _has_error(rp) else "new"


def _as_update(rp: RowPlan, pid: int, old: dict) -> None:
    rp.person_id, rp.person_version = pid, old["version"]
    rp.changes = _differences(rp.values, old) or NOTHING
    org = rp.changes.get("organization_id")
    if org is not None and org[0] is not None and org[1].__class__ is tuple:
        rp.reject("organization_id")  # a new organization is never a pre-ticked move
    rp.base_status = "changed" if rp.changes else "unchanged"
    rp.status = "error" if _has_error(rp) else rp.base_status


def _warn(rp: RowPlan, message: str) -> None:
    rp.add_problem(Problem(message, rp.layout.file, rp.layout.sheet, rp.row, severity="warning"))


def _duplicate(rp: RowPlan, first: RowPlan, same_email: bool, by_name: bool = False) -> None:
    rp.status = "duplicate"
    rp.duplicate_of = first.row
    rp.accepted = False
    if by_name:
        why = _("Same name and country as row {row} (match names): the same person; it is skipped.").format(
            row=first.row)  # fmt: skip
    elif rp.texts == first.texts:
        why = _("Exact duplicate of row {row}; it is skipped.").format(row=first.row)
    elif same_email:
        why = _("Same email as row {row}; it is skipped.").format(row=first.row)
    else:
        why = _(
            "Same person as row {row} (no email; the cells differ only by case, spaces, ё/е or Unicode "
            "form); it is skipped."
        ).format(row=first.row)
    _warn(rp, why)
