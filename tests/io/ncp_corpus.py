"""300 generated contact points on top of the demo database (Kazakh and Mongolian letters, long positions and
addresses, several telephone numbers), written through one core unit of work."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from saiga_desk.core import models as m

GIVEN = ["Айгүл", "Нұрлан", "Әлия", "Ғалымжан", "Өлзийбаяр", "Түмэнжаргал", "Батсүх", "Алёна", "Aýdogdy",
         "Dilnoza", "Ерлан", "Saule", "Gantulga", "Мөнхбат", "Şemşat", "Oʻktam"]  # fmt: skip
FAMILY = ["Қасымова", "Жұмабеков", "Сәрсенбаева", "Батсүх", "Өлзийбат", "Ёлкина", "Amanow", "Oʻrinboyeva",
          "Тұрсынқұлов", "Дашдорж", "Kassymova", "Baimukhanov", "Нургалиева", "Ганбаатар"]  # fmt: skip
LATIN = {"Айгүл": "Aigul", "Нұрлан": "Nurlan", "Әлия": "Aliya", "Ерлан": "Yerlan", "Өлзийбаяр": "Oljibayar"}
POSITIONS = [
    "Chief Specialist of the Department of Biodiversity Conservation and Specially Protected Natural Areas",
    "Главный специалист Управления охраны животного мира и особо охраняемых природных территорий",
    "Head of Division",
    "Senior Officer, International Cooperation and Multilateral Environmental Agreements Unit",
    "Директор департамента",
]
ADDRESSES = [
    ("Office 512, Building 8\nMangilik El Avenue", "Astana 010000"),
    ("Правительственный дом, ул. Юлиуса Цеденбала, 1", "Улаанбаатар 15160"),
    ("ул. Большая Грузинская, д. 4/6\nстроение 2, подъезд 3", "Москва 125993"),
    ("Bitarap Türkmenistan şaýoly, 102", "Aşgabat"),
    ("Chilonzor tumani, Bunyodkor shoh ko'chasi, 7A\n3rd floor, room 305", "Tashkent 100097"),
]
PHONES = ["+7 7172 74 08 52", "+7 7172 74 08 52; +7 7172 74 08 53", "+976 51 26 34 71, +976 11 32 18 93",
          "+7 499 254 48 00", "+993 12 92 42 35", "+998 71 207 11 04 (ext. 215)"]  # fmt: skip
MOBILES = ["+7 701 123 45 67", "", "+976 9911 2233", "+7 916 555 01 23", ""]
DOMAINS = ["ecogeo.gov.kz", "mne.gov.mn", "mnr.gov.ru", "ministry-kazakhstan-environment.example.org",
           "uznature.gov.uz"]  # fmt: skip
LOCAL = ["aigul.kassymova", "olziibayar_batsukh", "a-yolkina", "aydogdy.amanow", "dilnoza.orinboyeva"]
AUTHORITIES = [
    ("Committee of Forestry and Wildlife of the Ministry of Ecology and Natural Resources of the Republic of "
     "Kazakhstan", "Комитет лесного хозяйства и животного мира Министерства экологии и природных ресурсов "
     "Республики Казахстан"),
    ("Ministry of Environment and Tourism of Mongolia", "Министерство окружающей среды и туризма Монголии"),
    ("Ministry of Natural Resources and Environment of the Russian Federation",
     "Министерство природных ресурсов и экологии Российской Федерации"),
    ("Ministry of Environmental Protection of Turkmenistan", "Министерство охраны окружающей среды Туркменистана"),
    ("State Committee of the Republic of Uzbekistan for Ecology and Environmental Protection",
     "Государственный комитет Республики Узбекистан по экологии и охране окружающей среды"),
]  # fmt: skip
ROLES = ["primary", "alternate", "technical", "technical"]


def add_contacts(db, n: int = 300) -> int:
    """``n`` current designations spread over the Signatories of the demo database; returns n."""
    with db.session() as s:
        signatories = list(s.scalars(select(m.Signatory.id).order_by(m.Signatory.id)))
        codes = ("KAZ", "MNG", "RUS", "TKM", "UZB")
        found = dict(s.execute(select(m.Country.code, m.Country.id).where(m.Country.code.in_(codes))).all())
        countries = [found[c] for c in codes]
        with_primary = set(s.scalars(select(m.Designation.signatory_id).where(
            m.Designation.role == "primary", m.Designation.valid_to.is_(None))))  # fmt: skip
    with db.transaction() as tx:
        authorities = [tx.create("organizations", {"name_en": en, "name_ru": ru, "kind": "government"}).id
                       for en, ru in AUTHORITIES]  # fmt: skip
        counter = itertools.count()
        for i in range(n):
            k = next(counter)
            given, family = GIVEN[k % len(GIVEN)], FAMILY[(k * 7) % len(FAMILY)]
            address, city = ADDRESSES[k % len(ADDRESSES)]
            person = tx.create("persons", {
                "honorific": ("Ms.", "Mr.", "Dr.")[k % 3], "given_name": given, "family_name": f"{family}{i}",
                "given_name_latin": LATIN.get(given), "position": POSITIONS[k % len(POSITIONS)],
                "department": "Department of Wildlife" if k % 4 == 0 else None,
                "email": f"{LOCAL[k % len(LOCAL)]}.{i}@{DOMAINS[k % len(DOMAINS)]}",
                "phone": PHONES[k % len(PHONES)], "mobile": MOBILES[k % len(MOBILES)] or None,
                "address": address, "city": city, "country_id": countries[k % len(countries)],
            })  # fmt: skip
            tx.create("designations", {
                "signatory_id": signatories[k % len(signatories)], "person_id": person.id,
                "authority_id": authorities[k % len(authorities)],
                # one primary contact point per Signatory at a time: for those without one, then other roles
                "role": _role(signatories[k % len(signatories)], k, with_primary),
                "valid_from": dt.date(2020, 1, 1),
            })  # fmt: skip
    return n


def _role(signatory: int, k: int, with_primary: set) -> str:
    if signatory not in with_primary:
        with_primary.add(signatory)
        return "primary"
    return ROLES[1 + k % (len(ROLES) - 1)]
