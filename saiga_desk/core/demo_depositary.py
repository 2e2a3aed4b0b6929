"""Demo data where the seed report is silent: the depositary record, MOS1 and MOS2, a national-report cycle.

Every fact below is public, with its source in a comment. Where no public source gives a fact it is left
empty and said so. The national-report cycle for MOS4 is sample data (marked so in its notes).
Called by ``core/demo.py`` inside the demo's one unit of work.
"""

from __future__ import annotations

import datetime as dt

from saiga_desk.core import preferences
from saiga_desk.core.depositary import record_event

D = dt.date
SAMPLE = "Sample data: fictitious national-report status for demonstration."

# Sources:
#   [SIG]  CMS Saiga MOU, "Signatories and Range States" (year of signature of each State):
#          https://www.cms.int/saiga/en/signatories-range-states
#   [WIKI] "Saiga Antelope Memorandum of Understanding", Wikipedia (date effective 24 September 2006; the day
#          of signature of each State and Cooperating Organization; Ministry of Nature and Environment of
#          Mongolia, 23 November 2005): https://en.wikipedia.org/wiki/Saiga_Antelope_Memorandum_of_Understanding
#   [COP8] "Boost for Central Asian Saiga Antelope Conservation", 26 November 2005 (signed at CMS COP8 in
#          Nairobi by Turkmenistan's Minister of Nature Protection and Mongolia's Minister of Environment):
#          http://tahrcountry.blogspot.com/2005/11/boost-for-central-asian-saiga-antelope.html
#   [AMEND] The MOU text "contains the amendments drawn up in the Amending Protocol to the MoU adopted on
#          10 September 2010 at the Second Meeting of the Signatories in Ulaanbaatar, Mongolia":
#          https://www.cms.int/saiga/es/node/4134
# The dates of signature of ACBK, SCA and NABU are not given by these sources: they are left empty (no event
# is recorded) and the "Status of signatures" paragraph says so. Who accepted the Amending Protocol is not
# given either: no acceptance event is recorded.
EFFECTIVE = D(2006, 9, 24)  # [WIKI] the MOU came into effect on 24 September 2006

# signatory (country code or acronym), date, place, signing authority / occasion, source, notes
SIGNATURES = [
    ("TKM", D(2005, 11, 23), "Nairobi", "Minister of Nature Protection, at the Eighth Meeting of the Conference of the Parties to CMS (COP8)",
     "[SIG], [WIKI], [COP8]", None),
    ("UZB", D(2006, 5, 23), None, None, "[WIKI]", "Place of signature not recorded."),
    ("KAZ", D(2006, 9, 24), "Almaty", "On the eve of MOS1; the MOU came into effect with this signature",
     "[SIG], [WIKI]", None),
    ("RUS", D(2009, 6, 24), None, None, "[WIKI]", "Place of signature not recorded."),
    ("MNG", D(2010, 9, 10), "Ulaanbaatar", "At the Second Meeting of the Signatories (MOS2)",
     "[SIG], [WIKI]",
     "The Ministry of Nature and Environment of Mongolia had signed on 23 November 2005 [WIKI], [COP8]."),
    ("CIC", D(2005, 11, 23), None, None, "[WIKI]", None),
    ("IUCN SSC", D(2005, 11, 23), None, None, "[WIKI]", None),
    ("WWF", D(2005, 11, 23), None, None, "[WIKI]", None),
    ("FFI", D(2006, 9, 24), None, None, "[WIKI]", None),
    ("FZS", D(2006, 9, 24), None, None, "[WIKI]", None),
    ("WCS", D(2006, 9, 24), None, None, "[WIKI]", None),
    # ACBK, SCA, NABU: date of signature unknown (not in the sources above) — left empty on purpose.
]  # fmt: skip

MEETINGS = [
    # MOS1 and MOS2: places and dates as given in issue 16 (CMS Saiga MOU meetings); [AMEND] for MOS2.
    # [MOS1] Almaty, Kazakhstan, 25-26 September 2006; a National Report Format was circulated there.
    dict(code="MOS1", title_en="First Meeting of the Signatories to the Saiga MOU",
         title_ru="Первое совещание Сторон, подписавших Меморандум о сайгаке", kind="mos",
         start_date=D(2006, 9, 25), end_date=D(2006, 9, 26), city="Almaty", country="KAZ", mode="in_person",
         status="held", symbol_prefix="UNEP/CMS/Saiga/MOS1",
         notes="The National Report Format was circulated at the meeting."),
    # [MOS2] Ulaanbaatar, Mongolia, 9-10 September 2010; the Amending Protocol was adopted there.
    dict(code="MOS2", title_en="Second Meeting of the Signatories to the Saiga MOU",
         title_ru="Второе совещание Сторон, подписавших Меморандум о сайгаке", kind="mos",
         start_date=D(2010, 9, 9), end_date=D(2010, 9, 10), city="Ulaanbaatar", country="MNG", mode="in_person",
         status="held", symbol_prefix="UNEP/CMS/Saiga/MOS2",
         notes="Adopted the Amending Protocol to the MOU; Mongolia signed the MOU at the meeting."),
]  # fmt: skip

# The MOS4 national-report cycle: SAMPLE DATA (fictitious statuses, plausible mix), no files attached.
CYCLE = dict(
    format_name="National Report Format of the Saiga MOU",
    format_version="MOS4",
    due_on=D(2021, 6, 30),
    include_organizations=False,
    notes=SAMPLE,
)
# signatory, status, requested, reminded, received, language
REPORTS = [
    ("KAZ", "submitted", D(2021, 3, 1), None, D(2021, 6, 14), "ru"),
    ("RUS", "late", D(2021, 3, 1), D(2021, 7, 5), D(2021, 7, 19), "ru"),
    ("MNG", "in_preparation", D(2021, 3, 1), D(2021, 7, 5), None, None),
    ("TKM", "requested", D(2021, 3, 1), D(2021, 7, 5), None, None),
    ("UZB", "not_started", None, None, None, None),
]


def load(tx, add, country: dict, signatory: dict, person: dict, meetings: dict) -> None:
    """Add the depositary record, MOS1/MOS2 and the sample MOS4 national-report cycle (inside the demo's tx)."""
    for code, on, place, authority, source, notes in SIGNATURES:
        record_event(
            None,
            signatory[code],
            "signed",
            on,
            place=place,
            authority=authority,
            source=source,
            notes=notes,
            tx=tx,
        )
    preferences.MOU_EFFECTIVE_ON.write(tx.session, EFFECTIVE.isoformat())
    for values in MEETINGS:
        values = dict(values)
        cc = values.pop("country")
        meetings[values["code"]] = add(
            tx, "meetings", dict(values, country_id=country[cc], host_country_id=country[cc])
        ).id
    cycle = add(tx, "reporting-cycles", dict(CYCLE, meeting_id=meetings["MOS4"]))
    for code, status, requested, reminded, received, language in REPORTS:
        add(
            tx,
            "national-reports",
            dict(
                cycle_id=cycle.id,
                signatory_id=signatory[code],
                status=status,
                requested_on=requested,
                reminded_on=reminded,
                received_on=received,
                language=language,
                submitted_by_id=person[code] if received else None,
                notes=SAMPLE,
            ),
        )


__all__ = ["load", "SIGNATURES", "MEETINGS", "REPORTS", "EFFECTIVE"]
