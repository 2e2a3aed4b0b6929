"""The meetings of the demo data set (from the Secretariat's report to MOS4), with their organizers, MOS4's
postponement and its first documents."""

from __future__ import annotations

from saiga_desk.core.demo_facts import D
from saiga_desk.core.demo_russian import MEETINGS_RU


def add_meetings(tx, add, country, org) -> dict[str, int]:
    """MOS3, the CAMI review, the CMS-CITES workshop, CAMI2 and MOS4 (planned, postponed, held online),
    with organizers and the first MOS4 documents. Returns the meeting ids by code."""
    out = {}
    mos3 = add(
        tx,
        "meetings",
        dict(
            code="MOS3",
            title_en="Third Meeting of the Signatories to the Saiga MOU",
            title_ru="Третье совещание Сторон, подписавших Меморандум о сайгаке",
            kind="mos",
            start_date=D(2015, 10, 26),
            end_date=D(2015, 10, 29),
            city="Tashkent",
            country_id=country["UZB"],
            host_country_id=country["UZB"],
            mode="in_person",
            status="held",
            symbol_prefix="UNEP/CMS/Saiga/MOS3",
        ),
    )
    out["MOS3"] = mos3.id
    vilm = add(
        tx,
        "meetings",
        dict(
            code="CAMI-MTR-2018",
            title_en="Midterm Review of the Central Asian Mammals Initiative",
            title_ru="Среднесрочный обзор Инициативы по млекопитающим Центральной Азии",
            kind="cami",
            start_date=D(2018, 4, 16),
            end_date=D(2018, 4, 19),
            venue="International Academy for Nature Conservation (INA)",
            city="Isle of Vilm",
            country_id=country["DEU"],
            mode="in_person",
            status="held",
            notes="Recommended the study of transboundary conservation priorities for CAMI species, including Saiga.",
            **MEETINGS_RU["CAMI-MTR-2018"],
        ),
    )
    out["CAMI-MTR-2018"] = vilm.id
    for o, role in (("CMS", "organizer"), ("BfN", "organizer"), ("BMU", "funder"), ("INA", "host")):
        add(tx, "meeting-organizations", dict(meeting_id=vilm.id, organization_id=org[o], role=role))
    ws = add(
        tx,
        "meetings",
        dict(
            code="CMS-CITES-SAIGA-2019",
            title_en="Joint CMS-CITES Technical Workshop under the Saiga MOU",
            title_ru="Совместный технический семинар КМВ и СИТЕС в рамках Меморандума о сайгаке",
            kind="workshop",
            start_date=D(2019, 4, 1),
            end_date=D(2019, 4, 4),
            venue="International Academy for Nature Conservation (INA)",
            city="Isle of Vilm",
            country_id=country["DEU"],
            mode="in_person",
            status="held",
            notes="Reviewed the MTIWP 2016-2020 and developed the draft MTIWP 2021-2025 for adoption by MOS4.",
            **MEETINGS_RU["CMS-CITES-SAIGA-2019"],
        ),
    )
    out["CMS-CITES-SAIGA-2019"] = ws.id
    for o, role in (
        ("CMS", "organizer"),
        ("CITES", "organizer"),
        ("BfN", "support"),
        ("BMU", "funder"),
        ("INA", "host"),
    ):
        add(tx, "meeting-organizations", dict(meeting_id=ws.id, organization_id=org[o], role=role))
    cami2 = add(
        tx,
        "meetings",
        dict(
            code="CAMI2",
            title_en="Second Meeting of Range States of the Central Asian Mammals Initiative",
            title_ru="Второе совещание государств ареала Инициативы по млекопитающим Центральной Азии",
            kind="cami",
            start_date=D(2019, 9, 25),
            end_date=D(2019, 9, 28),
            city="Ulaanbaatar",
            country_id=country["MNG"],
            host_country_id=country["MNG"],
            mode="in_person",
            status="held",
            symbol_prefix="UNEP/CMS/CAMI2",
            url="https://www.cms.int/cami/en/meeting/second-range-state-meeting-cms-central-asian-mammals-initiative",
            notes="Held as part of the Mongolian Wildlife Week; developed the CAMI Programme of Work 2021-2026.",
            **MEETINGS_RU["CAMI2"],
        ),
    )
    out["CAMI2"] = cami2.id
    add(tx, "meeting-organizations", dict(meeting_id=cami2.id, organization_id=org["CMS"], role="organizer"))
    mos4 = add(
        tx,
        "meetings",
        dict(
            code="MOS4",
            title_en="Fourth Meeting of the Signatories to the Saiga MOU",
            title_ru="Четвертое совещание Сторон, подписавших Меморандум о сайгаке",
            kind="mos",
            start_date=D(2020, 9, 1),
            end_date=D(2020, 9, 30),
            date_precision="month",
            country_id=country["RUS"],
            host_country_id=country["RUS"],
            mode="in_person",
            status="planned",
            symbol_prefix="UNEP/CMS/Saiga/MOS4",
            url="https://www.cms.int/saiga/en/meeting/fourth-meeting-signatories-saiga-mou-mos4",
        ),
    )
    out["MOS4"] = mos4.id
    add(
        tx,
        "meeting-status-changes",
        dict(
            meeting_id=mos4.id,
            status="planned",
            changed_on=None,
            reason="Originally scheduled for September 2020 in the Russian Federation",
        ),
    )
    tx.update("meetings", mos4.id, dict(status="postponed"))
    add(
        tx,
        "meeting-status-changes",
        dict(
            meeting_id=mos4.id,
            status="postponed",
            previous_status="planned",
            previous_start_date=D(2020, 9, 1),
            previous_end_date=D(2020, 9, 30),
            previous_date_precision="month",
            previous_mode="in_person",
            reason="Travel restrictions resulting from the COVID-19 pandemic",
        ),
    )
    tx.update(
        "meetings",
        mos4.id,
        dict(
            status="planned",
            mode="online",
            start_date=D(2021, 1, 1),
            end_date=D(2021, 12, 31),
            date_precision="year",
            notes="Hosted by and in cooperation with the Russian Federation; to take place online.",
            **MEETINGS_RU["MOS4"],
        ),
    )
    add(
        tx,
        "meeting-status-changes",
        dict(
            meeting_id=mos4.id,
            status="planned",
            previous_status="postponed",
            previous_start_date=D(2020, 9, 1),
            previous_end_date=D(2020, 9, 30),
            previous_date_precision="month",
            previous_mode="in_person",
            reason="Rescheduled to take place online",
        ),
    )
    add(tx, "meeting-organizations", dict(meeting_id=mos4.id, organization_id=org["CMS"], role="organizer"))
    for number, series, title, title_ru, item in (
        (
            8,
            "Doc",
            "Technical coordination of the Saiga MOU",
            "Техническая координация Меморандума о сайгаке",
            None,
        ),
        (
            7,
            "Inf",
            "List of Designated National Contact Points",
            "Список назначенных национальных контактных лиц",
            None,
        ),
    ):
        add(
            tx,
            "documents",
            dict(
                meeting_id=mos4.id,
                symbol=f"UNEP/CMS/Saiga/MOS4/{series}.{number}",
                series=series,
                number=number,
                title_en=title,
                title_ru=title_ru,
                agenda_item=item,
                languages="en,ru",
                original_language="en",
                status="issued",
            ),
        )
    return out
