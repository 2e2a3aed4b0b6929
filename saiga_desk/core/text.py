"""Text helpers: folding for matching and search (never for storage)."""

from __future__ import annotations

import unicodedata

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def fold(text: str | None) -> str:
    """Case-, accent- and width-insensitive key: "Қасымова" and "қасым" share a prefix,
    "Ёлкин" matches "елкин", "José" matches "jose". Used for search columns and matching only."""
    if not text:
        return ""
    if isinstance(text, str) and text.isascii():  # fast path (bulk imports): nothing to decompose
        t = text.casefold()
        return t if t.isalnum() else " ".join(t.split())  # str.split: the whitespace of \s, 4x the speed
    s = unicodedata.normalize("NFKD", str(text).translate(INVISIBLE))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


def search_key(*parts: object) -> str:
    """The normalized search column of a record: its folded fields joined by a space."""
    return " ".join(p for p in (fold(str(x)) for x in parts if x not in (None, "")) if p)


def like_pattern(term: str) -> str:
    """A LIKE pattern that matches ``term`` folded anywhere; LIKE wildcards in the term are escaped."""
    t = fold(term).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{t}%"


def sort_key(text: str | None) -> str | None:
    """Order of names for people, not code points: case-blind, accented letters beside their base
    ("Ёлкина" among the Е-names, not before "А"). Registered in SQLite as ``saiga_sort_key``."""
    if not text:
        return text
    return unicodedata.normalize("NFD", text).casefold()


def sort_key_bytes(data: bytes | None) -> str | None:
    """``sort_key`` of text given as its bytes (SQLite ``CAST(x AS BLOB)``): never fails, even on text that
    is not valid UTF-8 (the triggers of core/person_order.py must never refuse a write)."""
    if data is None:
        return None
    return sort_key(data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data))


def join_and(items: list[str], language: str = "en") -> str:
    """ "A, B and C" / "A, B и C": a list in a sentence."""
    conj = " и " if language == "ru" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conj + items[-1]
