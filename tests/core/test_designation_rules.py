"""One definition each: "valid on a date" (Python and SQL agree), role order, folding."""

from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy import select

from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.choices import rank
from saiga_desk.core.designations import as_date, is_valid_on, role_rank, valid_on
from saiga_desk.core.text import fold


def test_valid_on_python_and_sql_agree(demo_db):
    kaz = next(r["id"] for r in sv.iter_rows(demo_db, "signatories") if r["acronym"] == "KAZ")
    person = sv.create(demo_db, "persons", dict(family_name="Former"))
    sv.create(demo_db, "designations", dict(signatory_id=kaz, person_id=person.id, role="alternate",
                                            valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2018, 12, 31)))  # fmt: skip
    with demo_db.session() as s:
        everyone = list(s.scalars(select(m.Designation)))
        assert len(everyone) > 5
        for day in (dt.date(2014, 6, 1), dt.date(2015, 1, 1), dt.date(2018, 12, 31), dt.date(2019, 1, 1),
                    dt.date.today()):  # fmt: skip
            in_sql = set(s.scalars(select(m.Designation.id).where(valid_on(day))))
            assert in_sql == {d.id for d in everyone if is_valid_on(d, day)}, day
    listed = sv.query_ids(demo_db, "contact-points", filters={"as_at": "2016-06-01", "signatory_id": kaz})
    with demo_db.session() as s:
        assert person.id in set(
            s.scalars(select(m.Designation.person_id).where(m.Designation.id.in_(listed)))
        )
    assert as_date(None) == dt.date.today() and as_date("all") is None and as_date("2020-02-03").day == 3


def test_role_order_is_the_models_order(demo_db):
    assert sorted(["technical", "primary", "nonsense", "alternate"], key=role_rank) == [
        "primary", "alternate", "technical", "nonsense"]  # fmt: skip
    assert rank(m.PARTICIPANT_ROLES, "head_of_delegation") < rank(m.PARTICIPANT_ROLES, "delegate")
    ids = sv.query_ids(demo_db, "contact-points", sort="role", filters={"as_at": "all"})
    roles = [r["role"] for r in sv.fetch_rows(demo_db, "contact-points", ids)]
    assert roles == sorted(roles, key=role_rank)


def _slow_fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    return " ".join(s.split())


def test_fold_fast_path_gives_the_same_key():
    for text in ("Kassymova", "  John\tO'Neil  ", "MEGNR-1", "a\x1fb", "ÉLKIN", "Ёлкина", "Straße", "x  y\n"):
        assert fold(text) == _slow_fold(text), text


def test_one_primary_contact_point_per_signatory_at_a_time(demo_db):
    """Issue 19, item 6: a second primary designation side by side with the current one is refused with a
    sentence naming the Signatory and its current primary; a hand-over (supersede) and a primary that
    starts after the other ended are fine; nothing is written when refused."""
    import pytest

    from saiga_desk.core import contact_points as cp
    from saiga_desk.core.errors import ValidationError

    current = next(c for c in cp.valid_on(demo_db) if c.role == "primary")
    person = sv.create(demo_db, "persons", dict(given_name="Second", family_name="Primary"))
    def count():
        with demo_db.session() as s:
            return len(list(s.scalars(select(m.Designation.id))))

    before = count()
    with pytest.raises(ValidationError) as refused:
        sv.create(demo_db, "designations", dict(signatory_id=current.signatory_id, person_id=person.id,
                                                role="primary", valid_from=dt.date.today()))  # fmt: skip
    text = str(refused.value)
    assert current.signatory in text and current.person in text and "primary" in text
    assert refused.value.fields.keys() == {"role"}
    assert count() == before
    # an alternate is fine; turning it into a primary is refused as well
    alt = sv.create(demo_db, "designations", dict(signatory_id=current.signatory_id, person_id=person.id,
                                                  role="alternate", valid_from=dt.date.today()))  # fmt: skip
    with pytest.raises(ValidationError):
        sv.update(demo_db, "designations", alt.id, {"role": "primary"}, version=alt.version)
    # a primary that ended before the current one started does not clash
    if current.valid_from is not None:
        sv.create(demo_db, "designations", dict(signatory_id=current.signatory_id, person_id=person.id,
                                                role="primary", valid_from=dt.date(1990, 1, 1),
                                                valid_to=dt.date(1990, 12, 31)))  # fmt: skip
    # the hand-over closes the old one: no clash
    cp.supersede(demo_db, current.id, person.id, dt.date.today() + dt.timedelta(days=1))
