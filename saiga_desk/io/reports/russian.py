"""Russian in the printed documents: honorifics and the cities of the MOU's world in Russian, where the data
keep them in English or in the local Latin spelling."""

from __future__ import annotations

import re

#: English (or local Latin) city names -> Russian
CITIES_RU = {
    "astana": "Астана", "nur-sultan": "Нур-Султан", "almaty": "Алматы", "ulaanbaatar": "Улан-Батор",
    "ulan bator": "Улан-Батор", "улаанбаатар": "Улан-Батор", "moscow": "Москва", "elista": "Элиста", "tashkent": "Ташкент",
    "toshkent": "Ташкент", "nukus": "Нукус", "ashgabat": "Ашхабад", "aşgabat": "Ашхабад", "bonn": "Бонн",
    "geneva": "Женева", "isle of vilm": "остров Вильм", "vilm": "остров Вильм", "berlin": "Берлин",
    "gandhinagar": "Гандинагар", "manila": "Манила", "quito": "Кито", "samarkand": "Самарканд",
    "nairobi": "Найроби", "online": "онлайн",
}  # fmt: skip
#: honorifics as written in the data -> (Russian form, grammatical gender)
HONORIFICS_RU = {
    "ms": ("г-жа", "f"), "mrs": ("г-жа", "f"), "miss": ("г-жа", "f"), "mr": ("г-н", "m"), "dr": ("д-р", ""),
    "prof": ("проф.", ""), "г-жа": ("г-жа", "f"), "госпожа": ("г-жа", "f"), "г-н": ("г-н", "m"),
    "господин": ("г-н", "m"), "д-р": ("д-р", ""),
}  # fmt: skip
_HONORIFIC = re.compile(r"^(Ms|Mrs|Miss|Mr|Dr|Prof)\.?(?=\s)")


def city_name(city: str | None, language: str) -> str:
    """The city as the document's language writes it (a city not in the table stays as entered)."""
    city = (city or "").strip()
    if language != "ru" or not city:
        return city
    return CITIES_RU.get(city.casefold(), city)


def honorific(value: str | None, language: str) -> str:
    value = (value or "").strip()
    if language != "ru":
        return value
    return HONORIFICS_RU.get(value.casefold().rstrip("."), (value, ""))[0]


def gender(value: str | None) -> str:
    """ "f", "m" or "" from an honorific."""
    return HONORIFICS_RU.get((value or "").strip().casefold().rstrip("."), ("", ""))[1]


def russian_name(name: str, language: str) -> str:
    """A printed name ("Ms. Айгүл Қасымова") with its English honorific in Russian ("г-жа Айгүл Қасымова")."""
    if language != "ru":
        return name
    return _HONORIFIC.sub(lambda m: honorific(m.group(1), "ru"), name, count=1)


def replace_city(text: str, language: str) -> str:
    """Cities inside an address line written in Russian ("Astana 010000" -> "Астана 010000")."""
    if language != "ru" or not text:
        return text
    out = []
    for part in text.split(", "):
        words = part.split(" ")
        for n in (3, 2, 1):
            head = " ".join(words[:n])
            if head.casefold() in CITIES_RU:
                part = " ".join([CITIES_RU[head.casefold()], *words[n:]])
                break
        out.append(part)
    return ", ".join(out)


_CITY_WORDS = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(c) for c in sorted(CITIES_RU, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)


def russian_places(text: str, language: str) -> str:
    """The cities named in running Russian text written elsewhere (the depositary record's "Nairobi" stays,
    "Almaty" becomes "Алматы")."""
    if language != "ru" or not text:
        return text
    return _CITY_WORDS.sub(lambda m: CITIES_RU[m.group(1).casefold()], text)


def address_lines(text: str, language: str) -> str:
    """A printed address with its cities in Russian, and a city line dropped when an earlier line of the
    address already names it ("Мәңгілік Ел даңғылы, 8, Астана 010000" then "Astana")."""
    if language != "ru" or not text:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        line = replace_city(line, language)
        if out and line.strip() and line.strip().casefold() in " ".join(out).casefold():
            continue
        out.append(line)
    return "\n".join(out)


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form after the number ``n`` (1 лицо, 2 лица, 5 лиц, 21 лицо, 12 лиц)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many
