"""PDF reports in the style of the CMS meeting documents (reportlab; no Qt).

``generate(db, name, path, ...)`` writes one report; ``REPORT_NAMES`` lists them. Data are read through
a read-only session; user text is escaped before it reaches reportlab markup; fonts are embedded.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import N_, _

REPORT_NAMES = ("contact-points", "signatories", "projects", "participants", "documents", "secretariat-report",
                "letters")  # fmt: skip

#: report name -> title shown in the GUI and the CLI help
REPORT_TITLES = {
    "contact-points": N_("List of Designated National Contact Points"),
    "signatories": N_("Signatories"),
    "projects": N_("Projects commissioned by the Secretariat"),
    "participants": N_("List of participants of a meeting"),
    "documents": N_("List of documents of a meeting"),
    "secretariat-report": N_("Report of the Secretariat (draft)"),
    "letters": N_("Letters to National Contact Points"),
}
NEEDS_MEETING = ("participants", "documents")


def _umask() -> int:
    """The process umask (reading it means setting it: put straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
    from saiga_desk.io.reports import data, letters, lists, projects, secretariat
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
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".saiga-report-", suffix=".pdf", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is as readable as any other output
    if progress is not None:
        progress.report(0, None, _("Preparing the report…"))
    try:
        with db.session() as s:
            meeting = data.meeting_by_code(s, meeting_code) if meeting_code else None
            if name in NEEDS_MEETING and meeting is None:
                meeting = data.require_meeting(s, meeting_code, name)
            if meeting is None and name in ("contact-points", "secretariat-report", "letters", "signatories",
                                            "projects"):  # fmt: skip
                meeting = (
                    data.latest_mos(s)
                    if name in ("contact-points", "secretariat-report", "letters")
                    else None
                )
            if name == "contact-points":
                lists.contact_points(s, tmp, meeting=meeting, as_at=day, language=language, progress=progress)
            elif name == "signatories":
                lists.signatories(s, tmp, meeting=meeting, language=language, progress=progress)
            elif name == "projects":
                projects.report(s, tmp, meeting=meeting, language=language, progress=progress)
            elif name == "participants":
                lists.participants(s, tmp, meeting=meeting, language=language, final=final, progress=progress)
            elif name == "documents":
                lists.documents(s, tmp, meeting=meeting, language=language, progress=progress)
            elif name == "secretariat-report":
                secretariat.report(s, tmp, meeting=meeting, as_at=day, language=language, progress=progress)
            else:
                letters.report(s, tmp, meeting=meeting, as_at=day, language=language,
                               template=str(template) if isinstance(template, Path) else template,
                               per_letter_dir=per_letter_dir, progress=progress)  # fmt: skip
            s.rollback()  # read-only: nothing to commit
        if tmp is not None:
            os.replace(tmp, target)
            tmp = None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    if progress is not None:
        progress.report(1, 1, _("Report written"))
    return target if target is not None else Path(per_letter_dir)
