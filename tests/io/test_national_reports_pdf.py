"""“Status of national reports” and the Secretariat report, read back from the PDFs."""

from __future__ import annotations

import datetime as dt

from reports_pdf import flat, text

from saiga_desk.core import national_reports as nr
from saiga_desk.core import services as sv
from saiga_desk.io.reports import generate

TODAY = dt.date(2021, 9, 1)


def test_the_pdf_and_the_overdue_list_agree(demo_db, tmp_path):
    for cycle in sv.find(demo_db, "reporting-cycles"):
        sv.delete(demo_db, "reporting-cycles", cycle.id)
    nr.open_cycle(demo_db, "MOS4", "2021-06-30")
    nr.receive(demo_db, "MOS4", "KAZ", on="2021-06-14", language="ru")
    nr.receive(demo_db, "MOS4", "RUS", on="2021-07-19", language="en")
    nr.set_status(demo_db, "MOS4", "MNG", "waived")
    overdue = [r.signatory for r in nr.overview(demo_db, "MOS4", today=TODAY).overdue]
    assert overdue == ["Turkmenistan", "Uzbekistan"]

    body = flat(
        text(generate(demo_db, "national-reports", tmp_path / "nr.pdf", meeting_code="MOS4", as_at=TODAY))
    )
    assert "STATUS OF NATIONAL REPORTS" in body and "(as at 1 September 2021)" in body
    assert "National reports to MOS4 were due on 30 June 2021." in body
    assert "2 of the 5 Signatories required to report had submitted their national reports" in body
    assert "The report of the Russian Federation arrived after the due date." in body
    assert "Reporting was waived for Mongolia." in body
    assert "The reports of Turkmenistan and Uzbekistan are still outstanding." in body
    owed = body.split("Reports still owed", 1)[1]
    assert [
        n for n in ("Kazakhstan", "Mongolia", "Russian", "Turkmenistan", "Uzbekistan") if n in owed
    ] == overdue
    assert body.count("overdue") == 2 * len(overdue)  # marked in the table and in the list of reports owed
    assert "Submitted late" in body and "Waived" in body and "aydogdy.amanov@example.org" in body

    ru = flat(text(generate(demo_db, "national-reports", tmp_path / "ru.pdf", meeting_code="MOS4", as_at=TODAY,
                            language="ru")))  # fmt: skip
    assert "ПОЛОЖЕНИЕ С ПРЕДСТАВЛЕНИЕМ НАЦИОНАЛЬНЫХ ДОКЛАДОВ" in ru and "Ещё не представлены доклады" in ru


def test_reminder_letters_go_to_the_contact_points_of_reports_owed(demo_db, tmp_path):
    body = flat(text(generate(demo_db, "national-report-reminders", tmp_path / "r.pdf", meeting_code="MOS4")))
    # the demo cycle: Mongolia, Turkmenistan and Uzbekistan still owe their reports
    assert "Dear Mr. Amanow," in body and "Dear Ms. Oʻrinboyeva," in body and "Батсүх" in body
    assert "Қасымова" not in body and "Ёлкина" not in body
    assert "was due on 30 June 2021" in body


def test_secretariat_report_names_the_signature_dates_and_the_reports(demo_db, tmp_path):
    body = flat(text(generate(demo_db, "secretariat-report", tmp_path / "sr.pdf", meeting_code="MOS4",
                              as_at=TODAY)))  # fmt: skip
    assert "Turkmenistan signed the MOU on 23 November 2005 in Nairobi, Uzbekistan on 23 May 2006, Kazakhstan on " \
           "24 September 2006 in Almaty, the Russian Federation on 24 June 2009 and Mongolia on 10 September 2010 " \
           "in Ulaanbaatar." in body  # fmt: skip
    assert "The MOU came into effect on 24 September 2006." in body
    assert "National reports to MOS4 were due on 30 June 2021." in body
    assert "1-4 April 2019" in body
