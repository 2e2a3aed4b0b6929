"""The facts of the demo data set, as the Secretariat's report to MOS4 gives them
(shared/seed/secretariat-report-mos4.txt): Signatories, organizations, competent authorities, sample contact
points, work programmes and projects. ``core/demo.py`` loads them."""

from __future__ import annotations

import datetime as dt

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
