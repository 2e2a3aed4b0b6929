"""The report catalogue is the one list of reports: the command line and generate() take theirs from it."""

from __future__ import annotations

import pytest

from saiga_desk.cli.main import build_parser
from saiga_desk.core.errors import SaigaError
from saiga_desk.io import reports
from saiga_desk.io.reports.catalogue import CATALOGUE, NEEDS_MEETING, REPORT_NAMES, REPORTS, USES_AS_AT


def test_the_catalogue_names_each_report_once_with_a_title():
    assert len(REPORT_NAMES) == len(set(REPORT_NAMES)) == len(CATALOGUE)
    assert all(r.title and REPORTS[r.name] is r for r in CATALOGUE)
    assert set(NEEDS_MEETING) == {
        "participants",
        "documents",
        "national-reports",
        "national-report-reminders",
    }
    assert set(USES_AS_AT) == {
        "contact-points",
        "secretariat-report",
        "letters",
        "national-reports",
        "national-report-reminders",
    }
    assert REPORTS["projects"].landscape and not REPORTS["contact-points"].landscape


def test_the_command_line_and_generate_offer_exactly_the_catalogue(db, tmp_path):
    parser = build_parser()
    for name in REPORT_NAMES:
        assert parser.parse_args(["report", name, "-o", "x.pdf"]).name == name
    with pytest.raises(SystemExit):
        parser.parse_args(["report", "no-such-report", "-o", "x.pdf"])
    assert reports.REPORT_NAMES == REPORT_NAMES and reports.NEEDS_MEETING == NEEDS_MEETING
    with pytest.raises(SaigaError, match="Unknown report"):
        reports.generate(db, "no-such-report", tmp_path / "x.pdf")
