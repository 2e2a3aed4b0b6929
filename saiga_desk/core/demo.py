"""The demo data set: the facts of the Secretariat's report to MOS4 (shared/seed/secretariat-report-mos4.txt).

Contact points are fictitious sample data (example.org addresses), marked as such; everything else
(Signatories, organizations, meetings, documents, work programmes, projects) is as the report says.
Dates the report does not give are left empty rather than invented.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from saiga_desk.core import demo_depositary
from saiga_desk.core import models as m
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

SAMPLE = "Sample data: fictitious contact point for demonstration (example.org)."

SIGNATORY_STATES = ("KAZ", "MNG", "RUS", "TKM", "UZB")

# acronym, English name, Russian name, kind, country, technical coordination
COOPERATING = [
    ("ACBK", "Association for the Conservation of Biodiversity of Kazakhstan",
     "Ассоциация сохранения биоразнообразия Казахстана", "ngo", "KAZ", True),
    ("FFI", "Fauna & Flora International", "Фауна и Флора Интернэшнл", "ngo", "GBR", False),
    ("FZS", "Frankfurt Zoological Society", "Франкфуртское зоологическое общество", "ngo", "DEU", False),
    ("CIC", "International Council for Game & Wildlife Conservation",
     "Международный совет по охране дичи и животного мира", "ngo", "HUN", False),
    ("NABU", "Naturschutzbund Deutschland - Nature and Biodiversity Conservation Union",
     "Союз охраны природы и биоразнообразия Германии", "ngo", "DEU", False),
    ("SCA", "Saiga Conservation Alliance", "Альянс по сохранению сайгака", "ngo", "GBR", True),
    ("IUCN SSC", "Species Survival Commission of IUCN", "Комиссия МСОП по выживанию видов", "ngo", "CHE", False),
    ("WCS", "Wildlife Conservation Society", "Общество охраны дикой природы", "ngo", "USA", False),
    ("WWF", "World Wildlife Fund (WWF) International", "Всемирный фонд дикой природы (WWF) International",
     "ngo", "CHE", False),
]  # fmt: skip

OTHER_ORGANIZATIONS = [
    ("CMS", "Secretariat of the Convention on the Conservation of Migratory Species of Wild Animals",
     "Секретариат Конвенции о сохранении мигрирующих видов диких животных", "secretariat", "DEU"),
    ("CITES", "Secretariat of the Convention on International Trade in Endangered Species of Wild Fauna and Flora",
     "Секретариат Конвенции о международной торговле видами дикой фауны и флоры", "secretariat", "CHE"),
    ("BfN", "German Federal Agency for Nature Conservation", "Федеральное ведомство по охране природы Германии",
     "government", "DEU"),
    ("BMU", "German Ministry for the Environment, Nature Conservation and Nuclear Safety",
     "Министерство окружающей среды, охраны природы и ядерной безопасности Германии", "government", "DEU"),
    ("FOEN", "Federal Office for the Environment, Switzerland", "Федеральное ведомство по окружающей среде Швейцарии",
     "government", "CHE"),
    ("INA", "International Academy for Nature Conservation, Isle of Vilm",
     "Международная академия охраны природы, остров Вильм", "academic", "DEU"),
    ("Germany", "Government of Germany", "Правительство Германии", "donor", "DEU"),
    ("Switzerland", "Government of Switzerland", "Правительство Швейцарии", "donor", "CHE"),
]  # fmt: skip

# Competent authorities of the Signatory States (designations below point to them).
AUTHORITIES = {
    "KAZ": ("Committee of Forestry and Wildlife, Ministry of Ecology and Natural Resources of the Republic of "
            "Kazakhstan", "Комитет лесного хозяйства и животного мира Министерства экологии и природных ресурсов "
            "Республики Казахстан"),
    "MNG": ("Ministry of Environment and Tourism of Mongolia", "Министерство окружающей среды и туризма Монголии"),
    "RUS": ("Ministry of Natural Resources and Environment of the Russian Federation",
            "Министерство природных ресурсов и экологии Российской Федерации"),
    "TKM": ("Ministry of Environmental Protection of Turkmenistan", "Министерство охраны окружающей среды Туркменистана"),
    "UZB": ("Ministry of Ecology, Environmental Protection and Climate Change of the Republic of Uzbekistan",
            "Министерство экологии, охраны окружающей среды и изменения климата Республики Узбекистан"),
}  # fmt: skip

# Fictitious contact points, names in the State's own script.
CONTACT_POINTS = {
    "KAZ": dict(honorific="Ms.", given_name="Айгүл", family_name="Қасымова", given_name_latin="Aigul",
                family_name_latin="Kassymova", position="Бас сарапшы (Chief Expert)",
                email="aigul.kassymova@example.org", phone="+7 7172 00 00 01", city="Astana",
                address="Мәңгілік Ел даңғылы, 8, Астана 010000", preferred_language="ru"),
    "MNG": dict(honorific="Mr.", given_name="Өлзийбаяр", family_name="Батсүх", given_name_latin="Ulziibayar",
                family_name_latin="Batsukh", position="Ахлах мэргэжилтэн (Senior Officer)",
                email="ulziibayar.batsukh@example.org", phone="+976 51 00 00 02", city="Ulaanbaatar",
                address="Засгийн газрын II байр, Улаанбаатар 15160", preferred_language="ru"),
    "RUS": dict(honorific="Ms.", given_name="Алёна", family_name="Ёлкина", given_name_latin="Alyona",
                family_name_latin="Yolkina", position="Ведущий советник (Leading Adviser)",
                email="alyona.yolkina@example.org", phone="+7 495 000 00 03", city="Moscow",
                address="ул. Б. Грузинская, д. 4/6, Москва 125993", preferred_language="ru"),
    "TKM": dict(honorific="Mr.", given_name="Aýdogdy", family_name="Amanow", given_name_latin="Aydogdy",
                family_name_latin="Amanov", position="Baş hünärmen (Chief Specialist)",
                email="aydogdy.amanov@example.org", phone="+993 12 00 00 04", city="Ashgabat",
                address="Bitarap Türkmenistan şaýoly, 102, Aşgabat 744000", preferred_language="ru"),
    "UZB": dict(honorific="Ms.", given_name="Dilnoza", family_name="Oʻrinboyeva", given_name_latin="Dilnoza",
                family_name_latin="Orinboyeva", position="Bosh mutaxassis (Chief Specialist)",
                email="dilnoza.orinboyeva@example.org", phone="+998 71 000 00 05", city="Tashkent",
                address="Mustaqillik maydoni, 5, Toshkent 100017", preferred_language="ru"),
}  # fmt: skip

# An earlier contact point of Kazakhstan, superseded in 2019: the list "as at" 2018 shows him.
FORMER_KAZ = dict(honorific="Mr.", given_name="Ерлан", family_name="Жұмабеков", given_name_latin="Yerlan",
                  family_name_latin="Zhumabekov", position="Chief Expert", email="yerlan.zhumabekov@example.org",
                  phone="+7 7172 00 00 09", city="Astana", preferred_language="ru")  # fmt: skip

WORK_PROGRAMMES = [
    ("Saiga MTIWP 2016-2020", "Medium-Term International Work Programme for the Saiga Antelope (2016-2020)",
     "Saiga MOU", 2016, 2020, "superseded", "MOS3 (2015)",
     [("1", "objective"), ("1.1", "objective"), ("1.2", "objective"), ("1.4", "objective"), ("5.2", "objective"),
      ("5.3", "objective"), ("5.4", "objective"), ("6.2", "objective"), ("6.7", "objective")]),
    ("Saiga MTIWP 2021-2025", "Medium-Term International Work Programme for the Saiga Antelope (2021-2025)",
     "Saiga MOU", 2021, 2025, "draft",
     "Drafted at the CMS-CITES Technical Workshop (April 2019); for adoption by MOS4", [("3.10", "measure")]),
    ("CAMI POW 2014-2020", "Programme of Work of the Central Asian Mammals Initiative (2014-2020)", "CAMI", 2014,
     2020, "superseded", "CMS COP11 (2014)",
     [("1.1.2", "activity"), ("1.1.5", "activity"), ("1.1.6", "activity"), ("1.3", "objective"),
      ("1.3.1", "objective"), ("1.3.3", "objective")]),
    ("CAMI POW 2021-2026", "Programme of Work of the Central Asian Mammals Initiative (2021-2026)", "CAMI", 2021,
     2026, "adopted", "CMS COP13, Resolution 11.24 (Rev.COP13)", []),
]  # fmt: skip

D = dt.date


def _period(start, sp, end, ep):
    return dict(start_date=start, start_precision=sp, end_date=end, end_precision=ep)


PROJECTS = [
    dict(title="Emergency response protocol for disease outbreaks in Saiga; SCA small grant programme",
         **_period(D(2016, 6, 1), "month", D(2016, 10, 31), "month"), implementers=["SCA"],
         objectives="Preparation, translation, and distribution of the emergency response protocol in cases of "
                    "disease outbreaks in Kazakhstan’s Saiga; small grant programme of the SCA",
         mandate="Saiga MTIWP 2016 - 2020, Objectives 1.1 and 1.2",
         mandate_items=[("Saiga MTIWP 2016-2020", "1.1"), ("Saiga MTIWP 2016-2020", "1.2")],
         outcome="Standard Operating Procedures for detecting and reacting to incidents of health risks for and "
                 "die-offs in Saiga antelopes in Kazakhstan; three public outreach projects to raise awareness of "
                 "Saiga: in Kazakhstan and Russia",
         funders=["Germany", "Switzerland"], in_project_table=True),
    dict(title="Russian edition of the Guidelines on linear infrastructure and large migratory mammals",
         **_period(D(2016, 10, 1), "month", D(2016, 12, 31), "month"), implementers=["ACBK"],
         objectives="Make the publication “Guidelines for Addressing the Impact of Linear Infrastructure on Large "
                    "Migratory Mammals in Central Asia” available in Russian, disseminate and present the "
                    "publication in Kazakhstan",
         mandate="CAMI POW 2014-2020, Objective 1.3, also partially Saiga MTIWP 2016-2020, 6.2",
         mandate_items=[("CAMI POW 2014-2020", "1.3"), ("Saiga MTIWP 2016-2020", "6.2")],
         outcome="„Руководство по решению проблем, связанных с воздействием объектов линейной инфраструктуры на "
                 "состояние популяций крупных мигрирующих млекопитающих Центральной Азии“",
         funders=["Germany", "Switzerland"], in_project_table=True,
         publications=[("Руководство по решению проблем, связанных с воздействием объектов линейной "
                        "инфраструктуры на состояние популяций крупных мигрирующих млекопитающих Центральной Азии",
                        "ru", 2016)]),
    dict(title="Saiga Resource Centre website and Saiga News issue 23",
         **_period(D(2018, 4, 1), "month", D(2018, 6, 30), "month"), implementers=["SCA"],
         objectives="Saiga Resource Center Website technical maintenance; production of the 23 Issue of Saiga News",
         mandate="Saiga MTIWP 2016 - 2020 5.2-5.4; 1.4, 6.7",
         mandate_items=[("Saiga MTIWP 2016-2020", c) for c in ("5.2", "5.3", "5.4", "1.4", "6.7")],
         outcome="Saiga resource Center Website reprogrammed in Drupal 8; Saiga News Issue 23",
         funders=["Germany", "Switzerland"], in_project_table=True),
    dict(title="New patterns of illegal wildlife trade, including Saiga, in Central Asia",
         **_period(D(2018, 11, 1), "month", D(2019, 6, 30), "month"), implementers=["ACBK"],
         objectives="Investigate and describe new patterns of illegal wildlife trade, including Saiga in Central Asia",
         mandate="CAMI POW 2014 - 2020: 1.1.2, 1.1.5, 1.1.6",
         mandate_items=[("CAMI POW 2014-2020", c) for c in ("1.1.2", "1.1.5", "1.1.6")],
         outcome="Report for discussion by CMS and CITES Secretariats (final report still pending due to the "
                 "covid- disease of the author and his family)",
         funders=["Germany", "Switzerland"], in_project_table=True, status="ongoing"),
    dict(title="Central Asian Mammals Migration and Linear Infrastructure Atlas",
         **_period(D(2019, 1, 1), "year", D(2019, 12, 31), "year"), implementers=[],
         objectives="Reveal the hot spots where anthropogenic linear structures collide with populations of large "
                    "and wide-ranging animals, including Saiga; make species- and landscape-specific knowledge "
                    "available and promote the knowledge and application of technical solutions",
         mandate="CAMI POW 2014-2020, Objectives 1.3.1 and 1.3.3",
         mandate_items=[("CAMI POW 2014-2020", "1.3.1"), ("CAMI POW 2014-2020", "1.3.3")],
         outcome="Atlas published in 2019", funders=["BMU", "FOEN"],
         publications=[("Central Asian Mammals Migration and Linear Infrastructure Atlas", "en", 2019)]),
    dict(title="Mapping Transboundary Hotspots for the Central Asian Mammals Initiative",
         **_period(D(2018, 1, 1), "year", D(2021, 12, 31), "year"), implementers=[],
         objectives="i) identify key trans-boundary areas of importance for the conservation of CAMI species, "
                    "including Saiga; ii) develop recommendations for progressing transboundary cooperation and "
                    "effective conservation of those areas and their wildlife populations; iii) prepare information "
                    "on those areas and populations to guide decision-makers",
         mandate="Recommendation of the Midterm Review of the Central Asian Mammals Initiative (2018)",
         mandate_items=[], outcome="Study completed; updated in 2021", funders=["Switzerland", "BMU"]),
    dict(title="The Sustainable use of Saiga Antelopes: Perspectives and Prospects",
         start_date=None, start_precision="year", end_date=None, end_precision="year", implementers=["SCA", "ACBK"],
         objectives="Provide a foundation for exploring the potential of sustainable use of the Saiga Antelope and "
                    "define the pre-conditions to ensure that such use would be sustainable in practice",
         mandate="Draft Saiga MTIWP 2021-2025, Measure 3.10",
         mandate_items=[("Saiga MTIWP 2021-2025", "3.10")],
         outcome="Study produced by the SCA and ACBK with contributions from other experts and Signatory States",
         funders=["BfN", "BMU"]),
]  # fmt: skip


def is_empty(db) -> bool:
    with db.session() as s:
        return not s.scalar(select(func.count(m.Signatory.id))) and not s.scalar(
            select(func.count(m.Person.id))
        )


def load(db, progress=None) -> dict:
    """Load the demo data set in one transaction. Refused when the database already holds records."""
    if not is_empty(db):
        raise SaigaError(
            _("The database already holds records; the demo data is loaded only into an empty one.")
        )
    counts: dict[str, int] = {}

    def add(tx, name, values):
        counts[name] = counts.get(name, 0) + 1
        return tx.create(name, values)

    with db.transaction() as tx:
        s = tx.session
        country = {c.code: c.id for c in s.scalars(select(m.Country))}
        org: dict[str, int] = {}
        for acr, en, ru, kind, cc in OTHER_ORGANIZATIONS:
            org[acr] = add(
                tx,
                "organizations",
                dict(
                    acronym=None if acr in ("Germany", "Switzerland") else acr,
                    name_en=en,
                    name_ru=ru,
                    kind=kind,
                    country_id=country[cc],
                ),
            ).id
        for acr, en, ru, kind, cc, _tc in COOPERATING:
            org[acr] = add(
                tx,
                "organizations",
                dict(acronym=acr, name_en=en, name_ru=ru, kind=kind, country_id=country[cc]),
            ).id
        signatory: dict[str, int] = {}
        for cc in SIGNATORY_STATES:
            signatory[cc] = add(
                tx,
                "signatories",
                dict(
                    kind="state",
                    country_id=country[cc],
                    range_state=True,
                    status="signatory",
                    notes="Saiga Range State.",
                ),
            ).id
        for acr, *_rest, tc in COOPERATING:
            signatory[acr] = add(
                tx,
                "signatories",
                dict(
                    kind="organization",
                    organization_id=org[acr],
                    status="signatory",
                    technical_coordination=tc,
                    notes=(
                        "Provides technical coordination of the MOU's implementation under an agreement with the "
                        "CMS Secretariat, as agreed by MOS2 (UNEP/CMS/Saiga/MOS4/Doc.8)."
                        if tc
                        else None
                    ),
                ),
            ).id
        authority = {}
        for cc, (en, ru) in AUTHORITIES.items():
            authority[cc] = add(
                tx, "organizations", dict(name_en=en, name_ru=ru, kind="government", country_id=country[cc])
            ).id
        person = {}
        for cc, values in CONTACT_POINTS.items():
            person[cc] = add(
                tx,
                "persons",
                dict(values, country_id=country[cc], organization_id=authority[cc], notes=SAMPLE),
            ).id
        former = add(
            tx,
            "persons",
            dict(FORMER_KAZ, country_id=country["KAZ"], organization_id=authority["KAZ"], notes=SAMPLE),
        ).id
        old = add(
            tx,
            "designations",
            dict(
                signatory_id=signatory["KAZ"],
                person_id=former,
                authority_id=authority["KAZ"],
                role="primary",
                designated_on=D(2015, 3, 2),
                valid_from=D(2015, 3, 2),
                valid_to=D(2019, 6, 30),
                source_reference="Sample data (fictitious)",
                notes=SAMPLE,
            ),
        )
        for cc in SIGNATORY_STATES:
            start = D(2019, 7, 1) if cc == "KAZ" else D(2020, 2, 3)
            new = add(
                tx,
                "designations",
                dict(
                    signatory_id=signatory[cc],
                    person_id=person[cc],
                    authority_id=authority[cc],
                    role="primary",
                    designated_on=start,
                    valid_from=start,
                    last_confirmed_on=D(2021, 5, 14),
                    source_reference="Sample data (fictitious)",
                    notes=SAMPLE,
                ),
            )
            if cc == "KAZ":
                tx.update("designations", old.id, {"superseded_by_id": new.id})
        # ----------------------------------------------------------------------- work programmes
        items: dict[tuple[str, str], int] = {}
        for code, title, instrument, y0, y1, status, adopted_by, its in WORK_PROGRAMMES:
            wp = add(
                tx,
                "work-programmes",
                dict(
                    code=code,
                    title=title,
                    instrument=instrument,
                    start_year=y0,
                    end_year=y1,
                    status=status,
                    adopted_by=adopted_by,
                ),
            )
            for icode, kind in its:
                parent = items.get((code, icode.rsplit(".", 1)[0])) if "." in icode else None
                items[(code, icode)] = add(
                    tx,
                    "work-programme-items",
                    dict(programme_id=wp.id, code=icode, kind=kind, parent_id=parent),
                ).id
        # ----------------------------------------------------------------------- meetings
        meetings = _meetings(tx, add, country, org)
        # ----------------------------------------------------------------------- projects
        for p in PROJECTS:
            p = dict(p)
            impl = p.pop("implementers")
            mand = p.pop("mandate_items")
            funders = p.pop("funders")
            pubs = p.pop("publications", [])
            p.setdefault("status", "completed")
            rec = add(tx, "projects", p)
            for acr in impl:
                add(tx, "project-implementers", dict(project_id=rec.id, organization_id=org[acr]))
            for key in mand:
                add(
                    tx,
                    "project-mandates",
                    dict(
                        project_id=rec.id, item_id=items[key], partial=key == ("Saiga MTIWP 2016-2020", "6.2")
                    ),
                )
            for acr in funders:
                add(tx, "project-funders", dict(project_id=rec.id, organization_id=org[acr]))
            for title, lang, year in pubs:
                add(tx, "publications", dict(project_id=rec.id, title=title, language=lang, year=year))
        # ----------------------------------------------------------------------- MOS4 delegations (sample)
        mos4 = meetings["MOS4"]
        for cc in SIGNATORY_STATES:
            add(
                tx,
                "participants",
                dict(
                    meeting_id=mos4,
                    person_id=person[cc],
                    signatory_id=signatory[cc],
                    category="signatory_state",
                    role="head_of_delegation",
                    status="confirmed",
                    invited_on=D(2021, 6, 1),
                    registered_on=D(2021, 8, 2),
                    confirmed_on=D(2021, 8, 2),
                    credentials_received=True,
                    credentials_verified=True,
                    notes=SAMPLE,
                ),
            )
        demo_depositary.load(tx, add, country, signatory, person, meetings)  # signatures, MOS1-2, reports
        s.add(
            m.Setting(
                key="letterhead",
                value='{"organization": "Secretariat of the Convention on the '
                'Conservation of Migratory Species of Wild Animals (UNEP/CMS)", "address": '
                '"UN Campus, Platz der Vereinten Nationen 1, 53113 Bonn, Germany", '
                '"email": "cms.secretariat@cms.int"}',
            )
        )
        if progress is not None:
            progress.report(1, 1, _("Demo data loaded"))
    return counts


def _meetings(tx, add, country, org) -> dict[str, int]:
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


__all__ = ["load", "is_empty", "Decimal"]
