"""Running text of the reports: organizations named with their article, acronyms spelled out at first use,
dates in the case a sentence needs ("in April 2019", "в апреле 2019 г."), notes turned into sentences."""

from __future__ import annotations

import datetime as dt
import re

from saiga_desk.core import names
from saiga_desk.core.periods import format_period
from saiga_desk.core.text import join_and
from saiga_desk.io.reports.declension import inflect
from saiga_desk.io.reports.russian import city_name

# English names that take "the" in running text ("the German Federal Agency ...", "the Government of ...")
_THE = ("Secretariat", "Government", "German", "Federal", "International", "Association", "Saiga Conservation",
        "Species Survival", "World Wildlife", "Ministry", "Committee", "State Committee", "Convention", "Swiss",
        "United", "European", "Global", "Central Asian")  # fmt: skip
_MONTHS_IN_RU = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                 "ноябре", "декабре"]  # fmt: skip
_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]  # fmt: skip
#: acronyms of the MOU's world that the report spells out at first use
GLOSSARY = {
    "en": {"MTIWP": "Medium-Term International Work Programme", "CAMI": "Central Asian Mammals Initiative",
           "POW": "Programme of Work", "COP": "Conference of the Parties", "CITES": "Convention on International "
           "Trade in Endangered Species of Wild Fauna and Flora"},
    "ru": {"СМПР": "Среднесрочная международная программа работы", "ИМЦА": "Инициатива по млекопитающим "
           "Центральной Азии"},
}  # fmt: skip


def with_article(name: str) -> str:
    return f"the {name}" if name.startswith(_THE) else names.with_article(name)


def lcfirst(text: str) -> str:
    """The first letter lower-cased unless the first word is an acronym or a proper name in capitals."""
    if not text:
        return text
    first = text.split()[0]
    if len(first) > 1 and (first[1:2].isupper() or any(c.isdigit() for c in first)):
        return text
    return text[0].lower() + text[1:]


def ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip()
    return ucfirst(text if text.endswith((".", "!", "?")) else text + ".")


def when(start: dt.date | None, precision: str, end: dt.date | None, language: str) -> str:
    """ "in April 2019", "on 16-19 April 2018", "in 2021" / "в апреле 2019 г.", "16-19 апреля 2018 г."."""
    if start is None:
        return ""
    period = format_period(start, precision, end, precision, language)
    if language == "ru":
        if precision == "month" and (end is None or (end.year, end.month) == (start.year, start.month)):
            return f"в {_MONTHS_IN_RU[start.month - 1]} {start.year} г."
        if precision == "year" and (end is None or end.year == start.year):
            return f"в {start.year} г."
        return f"{period} г." if precision == "day" else period
    return ("on " if precision == "day" else "in ") + period


class Names:
    """Organizations and acronyms of one document: the full name with the acronym at first use, the acronym
    after that (the CMS Secretariat is the author and always "the CMS Secretariat")."""

    def __init__(self, language: str):
        self.language = language
        self.seen: set[str] = set()
        self.glossary = dict(GLOSSARY.get(language, {}))

    def org(self, o, article: bool = True) -> str:
        lang = self.language
        if o.acronym == "CMS":
            return (
                "Секретариат КМВ" if lang == "ru" else "the CMS Secretariat" if article else "CMS Secretariat"
            )
        name = names.organization_name(o, lang)
        acronym = o.acronym
        if acronym and (acronym in self.seen or acronym == name):
            return acronym  # acronyms stand bare after the first use, as in the seed ("funding from BMU")
        if acronym:
            self.seen.add(acronym)
            if f"({acronym})" not in name and acronym not in name.split():
                name = f"{name} ({acronym})"
        return with_article(name) if lang == "en" and article else name

    def orgs(self, orgs: list) -> str:
        return join_and([self.org(o) for o in orgs], self.language)

    def spell_out(self, text: str) -> str:
        """The first bare use of a known acronym in ``text`` becomes "Full name (ACR)"."""
        for acronym, full in self.glossary.items():
            if acronym in self.seen:
                continue
            if f"({acronym})" in text:
                self.seen.add(acronym)
                continue
            found = re.search(rf"(?<![\w(-]){re.escape(acronym)}(?![\w)-])", text)
            if found:
                self.seen.add(acronym)
                before = text[: found.start()]
                article = "" if before.rstrip().endswith(("the", "The")) or self.language == "ru" else "the "
                text = f"{before}{article}{full} ({acronym}){text[found.end() :]}"
        return text

    def meeting(self, mt) -> str:
        """ "the Fourth Meeting of the Signatories to the Saiga MOU (MOS4)" at first use, then "MOS4"."""
        code = mt.code or ""
        short = bool(code) and code.isupper() and len(code) <= 8
        if short and code in self.seen:
            return code
        title = names.pick(mt.title_en, mt.title_ru, self.language)
        if short:
            self.seen.add(code)
            title = f"{title} ({code})"
        return title if self.language == "ru" else f"the {title}"


def place(mt, language: str) -> str:
    """ "at the International Academy ... on the Isle of Vilm, Germany" / "в Улан-Баторе (Монголия)"."""
    city = city_name(mt.city, language)
    country = names.country_name(mt.country, language)
    if language == "ru":
        where = ", ".join(x for x in (city, country) if x)
        if getattr(mt, "venue_ru", None):  # "в Международной академии охраны природы (INA), остров Вильм, Германия"
            return ", ".join(x for x in (f"в {inflect(mt.venue_ru, 'prepositional')}", where) if x)
        return f"({where})" if where else ""
    where = ", ".join(x for x in (city, country) if x)
    if not where:
        return ""
    prep = "on the" if (mt.city or "").startswith("Isle") else "in"
    out = f"{prep} {where}"
    if mt.venue:
        out = f"at {with_article(mt.venue)} {out}"
    return out


def note_sentence(note: str | None, subject: str, pronoun: str = "it") -> str:
    """A note kept as a verb phrase ("Reviewed the MTIWP ...; developed ...") made a sentence with
    ``subject`` ("The participants reviewed ..."); any other note is kept as it is."""
    note = " ".join((note or "").split())
    if not note:
        return ""
    first = note.split()[0]
    note = re.sub(r"; ([a-z]+ed)\b", rf"; {pronoun} \1", note)
    if first in ("Held", "Hosted"):
        return sentence(f"{subject} was {lcfirst(note)}")
    if first.endswith("ed") and first[:1].isupper():
        return sentence(f"{subject} {lcfirst(note)}")
    return sentence(note)
