"""English and Russian labels of the printed documents (the report language is chosen per report,
independently of the interface language, so a small table serves better than the global catalogue)."""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("en", "ru")

_LABELS: dict[str, tuple[str, str]] = {
    # framework
    "page_of": ("Page {page} of", "Страница {page} из"),
    "original": ("Original: {name}", "Язык оригинала: {name}"),
    "lang_en": ("English", "английский"),
    "lang_ru": ("Russian", "русский"),
    "continued": ("{name} (continued)", "{name} (продолжение)"),
    "cms": ("CONVENTION ON MIGRATORY SPECIES", "КОНВЕНЦИЯ ПО СОХРАНЕНИЮ МИГРИРУЮЩИХ ВИДОВ"),
    "mou": (
        "Memorandum of Understanding concerning Conservation, Restoration and Sustainable Use of the "
        "Saiga Antelope (Saiga spp.)",
        "Меморандум о взаимопонимании относительно сохранения, восстановления и устойчивого "
        "использования сайгака (Saiga spp.)",
    ),
    "secretariat": ("CMS Secretariat", "Секретариат КМВ"),
    "agenda_item": ("Agenda item {item}", "Пункт повестки дня {item}"),
    "draft": ("DRAFT", "ПРОЕКТ"),
    "as_at": ("(as at {date})", "(по состоянию на {date})"),
    "none_recorded": ("None recorded.", "Сведения отсутствуют."),
    "online": ("Online", "Онлайн"),
    # contact points
    "ncp_title": (
        "List of Designated National Contact Points",
        "Список назначенных национальных контактных лиц",
    ),
    "ncp_subject": (
        "National Contact Points of the Saiga MOU",
        "Национальные контактные лица МоВ по сайгаку",
    ),
    "authority": ("Competent authority", "Компетентный орган"),
    "person": ("Contact person", "Контактное лицо"),
    "position": ("Position", "Должность"),
    "address": ("Address", "Адрес"),
    "phone": ("Telephone", "Телефон"),
    "authority_address": ("Competent authority and address", "Компетентный орган и адрес"),
    "tel_email": ("Telephone and e-mail", "Телефон и эл. почта"),
    "tel": ("tel.", "тел."),
    "mobile": ("mobile", "моб."),
    "email": ("E-mail", "Эл. почта"),
    "role_primary": ("", ""),
    "role_alternate": ("alternate", "заместитель"),
    "role_technical": ("technical", "технический"),
    "no_designation": ("No contact point designated.", "Контактное лицо не назначено."),
    # signatories
    "sig_title": ("Signatories to the Saiga MOU", "Стороны, подписавшие МоВ по сайгаку"),
    "states": ("Signatory States", "Подписавшие государства"),
    "orgs": ("Cooperating Organizations", "Сотрудничающие организации"),
    "signatory": ("Signatory", "Сторона"),
    "signed_on": ("Date of signature", "Дата подписания"),
    "signed_at": ("Place of signature", "Место подписания"),
    "range_state": ("Range State", "Государство ареала"),
    "tech_coord": ("Technical coordination", "Техническая координация"),
    "yes": ("yes", "да"),
    # projects
    "proj_title": ("Projects commissioned by the Secretariat", "Проекты, заказанные Секретариатом"),
    "project_dates": ("Project dates", "Сроки проекта"),
    "implementer": ("Implementing organization", "Исполняющая организация"),
    "objectives": ("Objectives", "Цели"),
    "mandate": ("Mandate", "Мандат"),
    "outcome": ("Outcome", "Результат"),
    "funders": ("Funding", "Финансирование"),
    # participants
    "part_title": ("List of Participants", "Список участников"),
    "provisional": ("Provisional", "Предварительный"),
    "final": ("Final", "Окончательный"),
    "name": ("Name", "Имя"),
    "delegation": ("Delegation", "Делегация"),
    "role": ("Role", "Роль"),
    # documents
    "docs_title": ("List of Documents", "Список документов"),
    "symbol": ("Symbol", "Условное обозначение"),
    "title": ("Title", "Название"),
    "agenda": ("Agenda item", "Пункт повестки"),
    "languages": ("Languages", "Языки"),
    "issued_on": ("Issued", "Дата выпуска"),
    # secretariat report
    "sr_title": ("Report of the Secretariat", "Доклад Секретариата"),
    "background": ("Background", "Общие сведения"),
    "status_sig": ("Status of Signatures", "Статус подписания"),
    "meetings_mou": ("Meetings under the Saiga MOU", "Совещания в рамках МоВ по сайгаку"),
    "meetings_other": (
        "Other meetings of relevance to the Saiga MOU",
        "Другие совещания, имеющие отношение к МоВ",
    ),
    "projects_comm": ("Projects commissioned by the Secretariat", "Проекты, заказанные Секретариатом"),
    "ncp_section": (
        "List of Designated National Contact Points",
        "Список назначенных национальных контактных лиц",
    ),
    "action": ("Action requested:", "Требуемые действия:"),
    # letters
    "letters_title": ("Letters to National Contact Points", "Письма национальным контактным лицам"),
    "reference": ("Ref.: {ref}", "Исх. № {ref}"),
    "cms_secretariat": (
        "Secretariat of the Convention on the Conservation of Migratory Species of Wild Animals",
        "Секретариат Конвенции о сохранении мигрирующих видов диких животных",
    ),
}

_MONTHS_GENITIVE_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                       "октября", "ноября", "декабря"]  # fmt: skip
_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]  # fmt: skip


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        # deferred: loaded on first use, not at start-up (start-up speed)
        from saiga_desk.core.errors import SaigaError
        from saiga_desk.i18n import _

        raise SaigaError(_("Unknown report language {language!r}: use en or ru.").format(language=language))
    return language


def label(key: str, lang: str = "en", /, **values: object) -> str:
    en, ru = _LABELS[key]
    text = ru if lang == "ru" else en
    return text.format(**values) if values else text


def long_date(d: dt.date | None, language: str = "en") -> str:
    """ "24 November 2026" / "24 ноября 2026 г."."""
    if d is None:
        return ""
    if language == "ru":
        return f"{d.day} {_MONTHS_GENITIVE_RU[d.month - 1]} {d.year} г."
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def language_name(code: str | None, language: str = "en") -> str:
    parts = [p.strip() for p in (code or "").replace(";", ",").split(",") if p.strip()]
    names = []
    for p in parts:
        key = f"lang_{p.lower()}"
        names.append(label(key, language) if key in _LABELS else p)
    return ", ".join(names)
