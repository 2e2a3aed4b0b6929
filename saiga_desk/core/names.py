"""The one place that names a person, an organization, a country, a signatory and a delegation.

Every name exists in English and Russian (``language`` "en" or "ru": the Russian form when there is one,
else the English one, and the other way round). The Python functions take anything that carries the fields:
an ORM object, a ``Record``, a listing row (a dict) or a small dataclass. The ``*_sql`` twins build the same
text as SQL expressions over (aliased) model classes, for the listings that sort and search in SQL; where the
Python function gives "" the SQL expression gives NULL.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import String, and_, case, func, literal, or_, type_coerce

# what a Secretariat participant represents
SECRETARIAT = {"en": "Secretariat", "ru": "Секретариат"}


def _v(obj, key: str):
    """A field of a mapping (a listing row, a Record) or an attribute of an object; None when absent."""
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _join(*parts) -> str:
    return " ".join(str(p) for p in parts if p)


def pick(en: str | None, ru: str | None, language: str = "en") -> str:
    """The Russian form for "ru" (English when there is none), else the English one (Russian when none)."""
    return (ru or en or "") if language == "ru" else (en or ru or "")


def pick_sql(en, ru, language: str = "en"):
    first, second = (ru, en) if language == "ru" else (en, ru)
    return func.coalesce(func.nullif(type_coerce(first, String), ""), second, type_=String)


# ------------------------------------------------------------------------------------------------ persons
def person_name(p, *, honorific: bool = False, latin: bool = False) -> str:
    """ "Айгүл Қасымова"; with ``honorific`` "Ms. Айгүл Қасымова"; with ``latin`` the Latin spelling follows
    in brackets when it differs: "Ms. Айгүл Қасымова (Aigul Kassymova)"."""
    own = _join(_v(p, "given_name"), _v(p, "family_name"))
    name = _join(_v(p, "honorific"), own) if honorific else own
    lat = person_latin(p)
    if latin and lat and lat != own:
        name = f"{name} ({lat})"
    return name


def person_latin(p) -> str:
    """The Latin transliteration, "Aigul Kassymova" ("" when none is recorded)."""
    return _join(_v(p, "given_name_latin"), _v(p, "family_name_latin"))


def person_label(p, organization: str | None = None) -> str:
    """How a picker lists a person: "Қасымова Айгүл (MEGNR)", family name first."""
    name = _join(_v(p, "family_name"), _v(p, "given_name"))
    return f"{name} ({organization})" if organization else name


# ------------------------------------------------------------------------------------------------ countries
def country_name(c, language: str = "en") -> str:
    return pick(_v(c, "name_en"), _v(c, "name_ru"), language) if c is not None else ""


def country_name_sql(c, language: str = "en"):
    return pick_sql(c.name_en, c.name_ru, language)


# ------------------------------------------------------------------------------------------------ organizations
def organization_name(o, language: str = "en", with_acronym: bool = False) -> str:
    """ "Association for the Conservation of Biodiversity of Kazakhstan"; ``with_acronym`` adds " (ACBK)"
    unless the name already holds it."""
    if o is None:
        return ""
    name = pick(_v(o, "name_en"), _v(o, "name_ru"), language)
    acronym = _v(o, "acronym")
    if with_acronym and acronym and f"({acronym})" not in name and acronym != name:
        name = f"{name} ({acronym})"
    return name


def organization_name_sql(o, language: str = "en", with_acronym: bool = False):
    name = pick_sql(o.name_en, o.name_ru, language)
    if not with_acronym:
        return name
    acronym = o.acronym
    add = and_(
        acronym.is_not(None),
        acronym != "",
        acronym != name,
        ~name.like(literal("%(", String) + acronym + literal(")%", String)),
    )
    return case((add, name + literal(" (", String) + acronym + literal(")", String)), else_=name)


def organization_short(o, language: str = "en") -> str:
    """The acronym ("ACBK"), else the name."""
    if o is None:
        return ""
    return _v(o, "acronym") or organization_name(o, language)


def organization_short_sql(o, language: str = "en"):
    return func.coalesce(func.nullif(o.acronym, ""), pick_sql(o.name_en, o.name_ru, language), type_=String)


def organization_label(o) -> str:
    """How a picker lists an organization: "ACBK — Association for the Conservation …"."""
    acronym, name = _v(o, "acronym"), _v(o, "name_en") or _v(o, "name_ru")  # a Russian name only: that one
    return f"{acronym} — {name}" if acronym else name or ""


# ------------------------------------------------------------------------------------------------ signatories
# A Signatory is a State (its country) or a Cooperating Organization (its organization): the functions take
# the two, one of which is None.
def signatory_name(country, organization, language: str = "en") -> str:
    """The State's name, else the organization's name: the name column of the Signatories listing."""
    if country is not None:
        return country_name(country, language)
    return organization_name(organization, language)


def signatory_name_sql(country, organization, language: str = "en"):
    return case(
        (country.id.is_not(None), country_name_sql(country, language)),
        else_=organization_name_sql(organization, language),
    )


def signatory_short(country, organization, language: str = "en") -> str:
    """The State's name, else the organization's acronym ("ACBK"): titles, the contact points listing."""
    if country is not None:
        return country_name(country, language)
    return organization_short(organization, language)


def signatory_short_sql(country, organization, language: str = "en"):
    return case(
        (country.id.is_not(None), country_name_sql(country, language)),
        else_=organization_short_sql(organization, language),
    )


def signatory_full_name(country, organization, language: str = "en") -> str:
    """The State's name, else "Organization name (ACRONYM)": printed documents and delegations."""
    if country is not None:
        return country_name(country, language)
    return organization_name(organization, language, with_acronym=True)


def signatory_full_name_sql(country, organization, language: str = "en"):
    return case(
        (country.id.is_not(None), country_name_sql(country, language)),
        else_=organization_name_sql(organization, language, with_acronym=True),
    )


def signatory_of(sig, language: str = "en") -> str:
    """A Signatory record or object (with ``country`` and ``organization``) by its short name."""
    return signatory_short(_v(sig, "country"), _v(sig, "organization"), language) or f"#{_v(sig, 'id')}"


# States whose English name takes "the" in a sentence ("the Russian Federation")
_THE = ("Russian Federation", "United ", "Netherlands", "Philippines", "Republic of", "Czech Republic",
        "Dominican Republic", "Central African Republic", "Gambia", "Bahamas", "Holy See", "Niger", "Sudan",
        "Kyrgyz Republic", "Lao People", "Democratic Republic", "Islamic Republic", "Democratic")  # fmt: skip


def with_article(name: str, language: str = "en") -> str:
    """A State's name as it stands in an English sentence: "the Russian Federation", "Kazakhstan"."""
    return f"the {name}" if language == "en" and name.startswith(_THE) else name


# ------------------------------------------------------------------------------------------------ delegations
def is_secretariat(participant) -> bool:
    return bool(_v(participant, "secretariat")) or _v(participant, "category") == "secretariat"


def delegation_name(
    participant,
    *,
    signatory_country=None,
    signatory_organization=None,
    organization=None,
    person_organization=None,
    person_country=None,
    language: str = "en",
) -> str:
    """What a participant represents, the same in the listing, the printed list and the badges.

    The Secretariat; else the Signatory (State, or "Organization (ACRONYM)"); else the organization the
    participant represents; else the person's own organization; else the person's country; else "".
    """
    if is_secretariat(participant):
        return SECRETARIAT["ru" if language == "ru" else "en"]
    if signatory_country is not None or signatory_organization is not None:
        return signatory_full_name(signatory_country, signatory_organization, language)
    for org in (organization, person_organization):
        if org is not None:
            return organization_name(org, language, with_acronym=True)
    return country_name(person_country, language)


def delegation_name_sql(
    participant, signatory, signatory_country, signatory_organization, organization, person_organization,
    person_country, language: str = "en",
):  # fmt: skip
    """The SQL twin of ``delegation_name`` over the model (or aliases) of each part."""
    return case(
        (
            or_(participant.secretariat.is_(True), participant.category == "secretariat"),
            literal(SECRETARIAT["ru" if language == "ru" else "en"], String),
        ),
        (
            signatory.id.is_not(None),
            signatory_full_name_sql(signatory_country, signatory_organization, language),
        ),
        (organization.id.is_not(None), organization_name_sql(organization, language, with_acronym=True)),
        (
            person_organization.id.is_not(None),
            organization_name_sql(person_organization, language, with_acronym=True),
        ),
        else_=country_name_sql(person_country, language),
    )


# ------------------------------------------------------------------------------------------------ others
def meeting_label(meeting) -> str:
    """How a picker lists a meeting: "MOS4 — Fourth Meeting of the Signatories …"."""
    code, title = _v(meeting, "code"), _v(meeting, "title_en")
    return f"{code} — {title}" if title else code or ""


def person_address(p, language: str = "en") -> str:
    """The postal lines of a person: address, city (unless the address holds it), country."""
    address = _v(p, "address") or ""
    parts = [address]
    city = _v(p, "city")
    if city and city.casefold() not in address.casefold():
        parts.append(city)
    country = country_name(_v(p, "country"), language)
    if country:
        parts.append(country)
    return "\n".join(x for x in parts if x)


__all__ = [
    "SECRETARIAT",
    "pick",
    "pick_sql",
    "person_name",
    "person_latin",
    "person_label",
    "person_address",
    "country_name",
    "country_name_sql",
    "organization_name",
    "organization_name_sql",
    "organization_short",
    "organization_short_sql",
    "organization_label",
    "signatory_name",
    "signatory_name_sql",
    "signatory_short",
    "signatory_short_sql",
    "signatory_full_name",
    "signatory_full_name_sql",
    "is_secretariat",
    "delegation_name",
    "delegation_name_sql",
    "meeting_label",
]
