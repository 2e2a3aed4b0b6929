"""PDF reports in the style of the CMS meeting documents (reportlab; no Qt).

``generate(db, name, path, ...)`` writes one report of the catalogue (``catalogue.py``: names, titles, which
need a meeting or read "as at" a date; ``REPORT_NAMES`` lists them). Data come as plain records from
``core.report_data`` (the reports only lay them out); user text is escaped before it reaches reportlab markup; fonts are embedded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from saiga_desk.core.errors import SaigaError
from saiga_desk.core.output_files import cannot_write, discard, output_folder, put_in_place, temporary_beside
from saiga_desk.i18n import _
from saiga_desk.io.reports.catalogue import (  # noqa: F401 (REPORT_TITLES, USES_AS_AT: the package's names)
    NEEDS_MEETING,
    REPORT_NAMES,
    REPORT_TITLES,
    REPORTS,
    USES_AS_AT,
)


def _as_date(value) -> dt.date:
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SaigaError(_("{value!r} is not a date: write it as YYYY-MM-DD.").format(value=value)) from None


def generate(db, name: str, path, *, meeting_code: str | None = None, as_at=None, language: str = "en",
             final: bool = False, template: str | Path | None = None, per_letter_dir=None, progress=None) -> Path:  # fmt: skip
    """Write report ``name`` to ``path`` (a PDF) and return the path.

    ``template`` (letters only) is the template text, or a Path to a UTF-8 text file. For letters,
    ``per_letter_dir`` also writes one PDF per letter there (``path`` may then be None). The file appears
    whole or not at all: it is written beside the target and renamed at the end.
    """
    # deferred for start-up speed: the CLI and the GUI read the catalogue above without loading reportlab
    from saiga_desk.core import report_data
    from saiga_desk.io.reports import letters, lists, national_reports, projects, secretariat
    from saiga_desk.io.reports.labels import check_language

    if name not in REPORT_NAMES:
        raise SaigaError(_("Unknown report {name!r}; reports are: {names}.").format(name=name,
                                                                                  names=", ".join(REPORT_NAMES)))  # fmt: skip
    language = check_language(language)
    day = _as_date(as_at)
    if isinstance(template, Path) and str(template) not in letters.TEMPLATES:  # or a built-in's name
        try:
            template = template.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise SaigaError(_("Cannot read the letter template {file}: {error}.").format(file=template,
                                                                                        error=e)) from None  # fmt: skip
    if path is None and not (name == "letters" and per_letter_dir):
        raise SaigaError(_("Give the PDF file to write."))
    target = Path(path) if path is not None else None
    tmp = None
    if target is not None:
        output_folder(target.parent)
        tmp = temporary_beside(target, ".pdf.part")
    if per_letter_dir is not None:
        output_folder(per_letter_dir)
    if progress is not None:
        progress.report(0, None, _("Preparing the report…"))
    try:
        meeting = report_data.meeting_by_code(db, meeting_code) if meeting_code else None
        if name in NEEDS_MEETING and meeting is None:
            meeting = report_data.require_meeting(db, meeting_code, name)
        if meeting is None and REPORTS[name].latest_mos:
            meeting = report_data.latest_mos(db)
        if name == "contact-points":
            lists.contact_points(db, tmp, meeting=meeting, as_at=day, language=language, progress=progress)
        elif name == "signatories":
            lists.signatories(db, tmp, meeting=meeting, language=language, progress=progress)
        elif name == "projects":
            projects.report(db, tmp, meeting=meeting, language=language, progress=progress)
        elif name == "participants":
            lists.participants(db, tmp, meeting=meeting, language=language, final=final, progress=progress)
        elif name == "documents":
            lists.documents(db, tmp, meeting=meeting, language=language, progress=progress)
        elif name == "secretariat-report":
            secretariat.report(db, tmp, meeting=meeting, as_at=day, language=language, progress=progress)
        elif name == "national-reports":
            national_reports.report(db, tmp, meeting=meeting, as_at=day, language=language, progress=progress)
        elif name == "national-report-reminders":
            national_reports.reminder_letters(db, tmp, meeting=meeting, as_at=day, language=language,
                                              per_letter_dir=per_letter_dir, progress=progress)  # fmt: skip
        else:
            letters.report(db, tmp, meeting=meeting, as_at=day, language=language,
                           template=str(template) if isinstance(template, Path) else template,
                           per_letter_dir=per_letter_dir, progress=progress)  # fmt: skip
        if tmp is not None:
            put_in_place(tmp, target)  # the permissions of any new file (umask), never mkstemp's 0600
            tmp = None
    except OSError as e:  # a full disk half way: one sentence naming the file, nothing left behind
        raise cannot_write(target or per_letter_dir, e) from e
    finally:
        discard(tmp)
    if progress is not None:
        progress.report(1, 1, _("Report written"))
    return target if target is not None else Path(per_letter_dir)
