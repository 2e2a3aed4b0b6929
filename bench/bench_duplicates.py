"""Finding duplicates among N persons (blocking keys, names across scripts, scoring) vs a bare SQL
GROUP BY on the lower-cased name, which only finds exact same-script spellings.

``python bench/bench_duplicates.py [PERSONS] [--dir DIR]`` fills a database with N persons (names in
Cyrillic and Latin, Kazakh letters, emails, phones) of which 1% were entered twice in another way
(Latin letters, ё as е, an email in capitals, swapped names), then times both and prints how many of
the planted pairs each found.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

ROOTS = ["Қасым", "Жұмабек", "Нұрлан", "Серік", "Ахмет", "Батыр", "Ерлан", "Тоқтар", "Иван", "Петр", "Сидор",
         "Смирн", "Кузнец", "Попов", "Соколов", "Лебед", "Козл", "Новик", "Морозов", "Волков", "Ёлкин", "Алексе",
         "Бат", "Дорж", "Ганбат", "Сүх", "Өлзий", "Мөнх", "Болд", "Цэцэг", "Абдулл", "Рахим", "Юсуп", "Хасан"]  # fmt: skip
MIDDLES = ["", "ан", "ер", "ол", "ин", "ай", "ул", "ых", "ет", "ор", "аш", "ен"]
ENDS = ["ов", "ова", "ев", "ева", "ин", "ина", "бай", "улы", "қызы", "ский", "ская", "енко", "баев", "баева"]
GIVEN = ["Айгүл", "Ерлан", "Алёна", "Дмитрий", "Нұрсұлтан", "Болат", "Гүлнара", "Сергей", "Мария", "Өлзийбаяр",
         "Батсүх", "Жанна", "Юлия", "Олег", "Тимур", "Асель", "Дина", "Ильяс", "Камила", "Руслан", "Ainur",
         "Aidar", "Dilnoza", "Bakhyt", "Saule", "Marat", "Arman", "Zarina", "Madina", "Nurlan"]  # fmt: skip
GIVEN_ENDS = ["", "а", "ат", "ур", "жан", "гүл", "бек", "ай"]  # Айгүл, Ерланбек, Маратжан: ~240 given names
LAST: dict = {}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_persons(n: int, seed: int = 7) -> tuple[list[dict], set[tuple[int, int]]]:
    """N persons; 1% are second entries of another one (their pairs are returned, ids from 1)."""
    from anyascii import anyascii

    rnd = random.Random(seed)
    rows, planted = [], set()
    originals = n - n // 100
    for i in range(1, originals + 1):
        family = rnd.choice(ROOTS) + rnd.choice(MIDDLES) + rnd.choice(ENDS)
        rows.append({"given_name": rnd.choice(GIVEN) + rnd.choice(GIVEN_ENDS), "family_name": family, "email": f"p{i}@example.org",
                     "phone": f"+7 7172 {i:06d}", "search_text": ""})  # fmt: skip
    for i in range(originals + 1, n + 1):
        k = rnd.randrange(1, originals + 1)
        src = rows[k - 1]
        way = i % 4
        if way == 0:  # Latin letters, another email
            row = {"given_name": anyascii(src["given_name"]), "family_name": anyascii(src["family_name"]),
                   "email": f"other{i}@mail.kz"}  # fmt: skip
        elif way == 1:  # ё as е, the email in capitals
            row = {"given_name": src["given_name"].replace("ё", "е"), "family_name": src["family_name"].replace("Ё", "Е"),
                   "email": src["email"].upper()}  # fmt: skip
        elif way == 2:  # given and family names swapped, same phone
            row = {"given_name": src["family_name"], "family_name": src["given_name"], "phone": src["phone"]}
        else:  # the same name typed again
            row = {"given_name": src["given_name"], "family_name": src["family_name"]}
        rows.append({"email": None, "phone": None, "search_text": "", **row})
        planted.add((k, i))
    return rows, planted


def run(rows: int | None = None, tmp_dir: str | None = None) -> list[dict]:
    from sqlalchemy import insert, text

    from saiga_desk.core import models as m
    from saiga_desk.core.database import Database
    from saiga_desk.core.duplicates import find_duplicates

    n = rows or 100_000
    persons, planted = make_persons(n)
    with tempfile.TemporaryDirectory(dir=tmp_dir) as d:
        db = Database.open(Path(d) / "bench.sqlite3")
        with db.engine.begin() as con:
            # planted duplicates share addresses: a database from before the one-person-per-email index
            # (migration 0008 leaves the index out while duplicates remain)
            con.execute(text("DROP INDEX IF EXISTS uq_person_email_folded"))
            con.execute(insert(m.Person.__table__), persons)
        t = time.perf_counter()
        with db.engine.connect() as con:
            groups = con.execute(text(
                "SELECT group_concat(id), count(*) FROM person GROUP BY lower(family_name), lower(given_name) "
                "HAVING count(*) > 1")).all()  # fmt: skip
        baseline_s = time.perf_counter() - t
        t = time.perf_counter()
        found = find_duplicates(db, "persons")
        ours_s = time.perf_counter() - t
        db.close()
    base_pairs = set()
    for ids, _count in groups:
        members = sorted(int(x) for x in ids.split(","))
        base_pairs |= {(a, b) for a in members for b in members if a < b}
    ours_pairs = {c.ids for c in found}
    LAST.update(planted=len(planted), ours_found=len(planted & ours_pairs), base_found=len(planted & base_pairs),
                ours_pairs=len(ours_pairs), base_pairs=len(base_pairs))  # fmt: skip
    return [
        {"benchmark": f"find duplicates among {n} persons", "ours_s": ours_s,
         "baseline": "SQL GROUP BY folded name", "baseline_s": baseline_s, "ratio": ours_s / baseline_s,
         "peak_mb": _peak_mb()},
    ]  # fmt: skip


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("rows", nargs="?", type=int)
    ap.add_argument("--dir", help="folder for the database (e.g. /dev/shm)")
    a = ap.parse_args()
    for r in run(a.rows, a.dir):
        print(f"{r['benchmark']:<36} ours {r['ours_s']:6.2f} s  {r['baseline']:<26} {r['baseline_s']:6.3f} s"
              f"  ratio {r['ratio']:6.1f}  peak {r['peak_mb']:.0f} MB")  # fmt: skip
    print(f"planted pairs {LAST['planted']}: ours found {LAST['ours_found']} ({LAST['ours_pairs']} pairs proposed), "
          f"GROUP BY found {LAST['base_found']} ({LAST['base_pairs']} pairs in its groups)")  # fmt: skip
