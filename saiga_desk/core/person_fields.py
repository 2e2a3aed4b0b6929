"""The one declaration of a person's fields.

The import (header recognition and the columns it writes), the blank template, the review pack, the
person form and the listings all take their person fields from ``PERSON_FIELDS``. Adding a field
(say, fax) is: a column on ``models.Person``, a migration, one line here (plus its translations).

``stored`` fields are columns of ``Person``; the others are what a sheet may carry instead
(``full_name`` is split into given and family names, ``middle_name`` joins the given name,
``organization`` and ``country`` are looked up to ``organization_id`` and ``country_id``).
"""

from __future__ import annotations

from dataclasses import dataclass

from saiga_desk.i18n import N_


@dataclass(frozen=True)
class PersonField:
    key: str
    label: str  # English label, translated when shown
    kind: str = "text"  # text | multiline | email | emails | phone | choice | country | organization
    section: str = "name"  # where the form shows it: name | work | contact | notes ("" = not on the form)
    stored: bool = True  # a column of models.Person
    searchable: bool = False  # part of the person's search text
    listed: bool = False  # a column the persons listing shows by default
    template: str = ""  # the bilingual header of the import template and the review pack ("" = not there)
    form_label: str = ""  # a longer label on the form, when the short one is not enough
    variants: tuple[str, ...] = ()  # headers that a ministry's sheet may use (EN, RU, KK, MN), folded at use


def _p(
    key,
    label,
    kind="text",
    section="name",
    *,
    stored=True,
    searchable=False,
    listed=False,
    template="",
    form_label="",
    variants=(),
) -> PersonField:
    return PersonField(
        key, label, kind, section, stored, searchable, listed, template, form_label, tuple(variants)
    )


PERSON_FIELDS: tuple[PersonField, ...] = (
    _p("honorific", N_("Honorific"), searchable=True, listed=True, template="Title / Обращение",
       form_label=N_("Title (Mr., Ms., Dr.)"),
       variants=("honorific", "title", "salutation", "mr/ms", "mr./ms.", "prefix", "обращение", "титул",
                 "г-н/г-жа", "господин/госпожа", "құрмет", "хүндэтгэл")),
    _p("given_name", N_("Given name"), searchable=True, listed=True, template="Given name / Имя",
       variants=("given name", "first name", "firstname", "forename", "given names", "имя", "аты", "есімі",
                 "нэр", "өөрийн нэр")),
    _p("middle_name", N_("Patronymic"), section="", stored=False,
       variants=("patronymic", "middle name", "отчество", "әкесінің аты", "эцгийн нэр")),
    _p("family_name", N_("Family name"), searchable=True, listed=True, template="Family name / Фамилия",
       variants=("family name", "surname", "last name", "lastname", "фамилия", "тегі", "тегi", "овог",
                 "эцэг/эхийн нэр", "эцэг эхийн нэр")),
    _p("full_name", N_("Full name"), section="", stored=False,
       variants=("full name", "name", "name and surname", "name, surname", "contact person", "person", "фио",
                 "ф.и.о.", "фамилия, имя, отчество", "фамилия имя отчество", "фамилия, имя", "имя и фамилия",
                 "контактное лицо", "аты-жөні", "аты жөні", "тегі, аты", "овог нэр", "овог, нэр")),
    _p("given_name_latin", N_("Given name (Latin)"), searchable=True,
       template="Given name (Latin) / Имя (латиницей)",
       variants=("given name (latin)", "first name (latin)", "first name in english", "given name in english",
                 "имя (латиницей)", "имя латиницей", "имя (лат.)")),
    _p("family_name_latin", N_("Family name (Latin)"), searchable=True,
       template="Family name (Latin) / Фамилия (латиницей)",
       variants=("family name (latin)", "surname (latin)", "last name (latin)", "surname in english",
                 "фамилия (латиницей)", "фамилия латиницей", "фамилия (лат.)")),
    _p("preferred_language", N_("Language"), "choice", template="Language / Язык",
       form_label=N_("Preferred language"),
       variants=("language", "preferred language", "working language", "язык", "рабочий язык", "тіл", "хэл")),
    _p("position", N_("Position"), "multiline", "work", searchable=True, listed=True,
       template="Position / Должность",
       variants=("position", "job title", "post", "function", "designation title", "должность", "позиция",
                 "лауазымы", "лауазым", "албан тушаал", "албан тушаал нь")),
    _p("organization", N_("Organization"), "organization", "work", stored=False, listed=True,
       template="Organization / Организация",
       variants=("organization", "organisation", "institution", "agency", "ministry", "affiliation",
                 "competent authority", "authority", "organization name", "организация", "учреждение",
                 "ведомство", "министерство", "компетентный орган", "место работы", "ұйым", "мекеме", "ұйымы",
                 "байгууллага", "байгууллагын нэр", "яам")),
    _p("department", N_("Department"), "text", "work", searchable=True, template="Department / Отдел",
       variants=("department", "division", "unit", "section", "отдел", "департамент", "подразделение",
                 "управление", "бөлім", "департаменті", "хэлтэс", "газар")),
    _p("email", N_("Email"), "email", "contact", searchable=True, listed=True, template="Email / Эл. почта",
       variants=("email", "e-mail", "e mail", "email address", "e-mail address", "mail", "электронная почта",
                 "эл. почта", "эл.почта", "e-mail адрес", "адрес электронной почты", "эл. адрес",
                 "электрондық пошта", "эл. пошта", "электронды пошта", "и-мэйл", "имэйл", "цахим шуудан",
                 "э-шуудан", "цахим хаяг")),
    _p("other_emails", N_("Other emails"), "emails", "contact", template="Other emails / Другой e-mail",
       form_label=N_("Other emails (one a line)"),
       variants=("other emails", "other e-mail", "alternative email", "secondary email", "email 2", "e-mail 2",
                 "доп. e-mail", "другой e-mail", "дополнительная почта")),
    _p("phone", N_("Phone"), "phone", "contact", listed=True, template="Phone / Телефон",
       variants=("telephone", "phone", "tel", "tel.", "phone number", "telephone number", "office phone",
                 "work phone", "tel./fax", "tel/fax", "телефон", "тел.", "тел", "рабочий телефон",
                 "номер телефона", "телефон нөмірі", "телефоны", "утас", "утасны дугаар", "ажлын утас")),
    _p("mobile", N_("Mobile"), "phone", "contact", template="Mobile / Мобильный",
       variants=("mobile", "mobile phone", "cell", "cell phone", "mob.", "mobile number", "мобильный",
                 "мобильный телефон", "моб.", "моб. тел.", "сотовый", "сотовый телефон", "ұялы телефон",
                 "ұялы", "гар утас", "гар утасны дугаар")),
    _p("address", N_("Address"), "multiline", "contact", template="Address / Адрес",
       form_label=N_("Postal address"),
       variants=("address", "postal address", "mailing address", "office address", "адрес", "почтовый адрес",
                 "юридический адрес", "мекенжай", "мекенжайы", "хаяг", "шуудангийн хаяг")),
    _p("city", N_("City"), "text", "contact", searchable=True, template="City / Город",
       variants=("city", "town", "город", "қала", "хот")),
    _p("country", N_("Country"), "country", "contact", stored=False, listed=True, template="Country / Страна",
       variants=("country", "state", "range state", "signatory", "country code", "страна", "государство",
                 "государство ареала", "ел", "мемлекет", "елі", "улс", "улсын нэр")),
    _p("notes", N_("Notes"), "multiline", "notes", template="Notes / Примечание",
       variants=("notes", "note", "remarks", "comments", "comment", "примечание", "примечания", "комментарий",
                 "комментарии", "ескерту", "тайлбар")),
)  # fmt: skip

BY_KEY: dict[str, PersonField] = {f.key: f for f in PERSON_FIELDS}

# the columns of models.Person that a sheet, a form or a merge writes directly
STORED: tuple[str, ...] = tuple(f.key for f in PERSON_FIELDS if f.stored)
# the references a sheet names in words: field -> the Person column it resolves to
REFERENCES: dict[str, str] = {"organization": "organization_id", "country": "country_id"}
# the person's search text is made of these, in this order
SEARCHABLE: tuple[str, ...] = tuple(f.key for f in PERSON_FIELDS if f.searchable)


def field(key: str) -> PersonField:
    return BY_KEY[key]
