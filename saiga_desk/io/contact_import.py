"""Importing contact lists: read, map, convert, classify against the database — reviewed before commit.

    plan = plan_import(db, "list.xlsx", designate=True)      # reads only; the database is untouched
    plan.rows[i].possible_person  # a stored person of the same name and country (another or no email)
    plan.rows[i].status  # new | changed | unchanged | duplicate | error (field-by-field changes)
    plan.rows[i].accepted = False; plan.rows[i].reject("phone")
    result = commit_import(db, plan)                          # one transaction, one ImportBatch
    undo_batch(db, result.batch_id)

This module is the import's front door; the rooms behind it, each importing only the ones before it:

- import_plan.py: the plan the review sees (ImportPlan, RowPlan), the reference data rows are matched
  against (Lookups), the words a sheet may use for languages, roles and countries;
- import_rows.py: cells become field values, column by column;
- import_matching.py: which person each row is (email first; a possible match by name and country is the
  officer's choice, ``choose_match``; only true repeats of a row are duplicates);
- import_footers.py: totals, "compiled by", signatures and notes below the data, left out with a warning;
- import_designations.py / participant_import.py: what "these are national contact points" and a
  meeting's registration list add to a row;
- import_planning.py: reading the file and planning every row (``plan_import``);
- import_review.py: the field-by-field review;
- import_errors.py: the rows left out, with their reasons, and the error workbook that lists them;
- import_commit.py: the reviewed plan handed to core (``core/imports.py`` writes it, ``core/import_undo.py``
  undoes it).

The same engine serves participants (``kind="participants"``).
"""

from __future__ import annotations

from saiga_desk.io.import_commit import (
    ImportResult,
    commit_import,
    import_file,
    list_batches,
    undo_batch,
    write_error_report,
)
from saiga_desk.io.import_plan import (
    COUNTRY_ALIASES,
    DESIGNATION_FIELDS,
    LANGUAGE_NAMES,
    PERSON_FIELDS,
    ROLE_NAMES,
    STORED_AS,
    ImportPlan,
    Lookups,
    RowLayout,
    RowPlan,
    column_letter,
    fold,
    name_key,
    same_text,
    search_key,
)
from saiga_desk.io.import_planning import choose_sheet, file_sha256, plan_import, remembered_mapping

__all__ = [
    "ImportPlan", "RowPlan", "RowLayout", "Lookups", "ImportResult", "plan_import", "commit_import", "undo_batch",
    "write_error_report", "import_file", "list_batches", "choose_sheet", "column_letter", "remembered_mapping",
    "file_sha256", "fold", "search_key", "name_key", "same_text", "PERSON_FIELDS", "DESIGNATION_FIELDS",
    "STORED_AS", "LANGUAGE_NAMES", "ROLE_NAMES", "COUNTRY_ALIASES",
]  # fmt: skip
