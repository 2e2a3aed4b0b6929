"""The catalogue of reports, declared once: what the command line offers (``saiga-desk report NAME``), what the
Reports dialog lists and what ``generate()`` accepts all come from ``CATALOGUE``.

Imports no reportlab, so the command line reads it at start-up. A new report: a row here, its writer in a
module of this package, and one branch in ``generate()`` (``io/reports/__init__.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from saiga_desk.i18n import N_


@dataclass(frozen=True)
class Report:
    name: str  # the name on the command line
    title: str  # the title shown in the GUI and the help (an N_ msgid; translate with _())
    needs_meeting: bool = False  # refused without --meeting / a meeting chosen in the dialog
    uses_as_at: bool = False  # reads "as at" a date (--as-at; the dialog's date field)
    latest_mos: bool = False  # without a meeting, the title block names the latest Meeting of the Signatories
    landscape: bool = False  # the page is A4 landscape (else portrait)
    final_list: bool = False  # has a final version (--final: participants who attended)
    letters: bool = False  # takes a letter template and can write one PDF per letter


CATALOGUE: tuple[Report, ...] = (
    Report(
        "contact-points", N_("List of Designated National Contact Points"), uses_as_at=True, latest_mos=True
    ),
    Report("signatories", N_("Signatories")),
    Report("projects", N_("Projects commissioned by the Secretariat"), landscape=True),
    Report("participants", N_("List of participants of a meeting"), needs_meeting=True, final_list=True),
    Report("documents", N_("List of documents of a meeting"), needs_meeting=True),
    Report("secretariat-report", N_("Report of the Secretariat (draft)"), uses_as_at=True, latest_mos=True),
    Report(
        "letters", N_("Letters to National Contact Points"), uses_as_at=True, latest_mos=True, letters=True
    ),
    Report("national-reports", N_("Status of national reports"), needs_meeting=True, uses_as_at=True),
    Report(
        "national-report-reminders",
        N_("Reminders: national reports still owed"),
        needs_meeting=True,
        uses_as_at=True,
    ),
)

REPORTS: dict[str, Report] = {r.name: r for r in CATALOGUE}
REPORT_NAMES: tuple[str, ...] = tuple(REPORTS)
#: report name -> title shown in the GUI and the CLI help (an N_ msgid)
REPORT_TITLES: dict[str, str] = {r.name: r.title for r in CATALOGUE}
NEEDS_MEETING: tuple[str, ...] = tuple(r.name for r in CATALOGUE if r.needs_meeting)
USES_AS_AT: tuple[str, ...] = tuple(r.name for r in CATALOGUE if r.uses_as_at)
