"""Services: validation, audit, optimistic locking, referenced deletes, folding search — SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from saiga_desk.core import roles
from saiga_desk.core import services as sv
from saiga_desk.core.errors import DuplicateError, ReferencedError, StaleEditError, ValidationError
from saiga_desk.core.validation import is_valid_email


def _kaz(db):
    return sv.find(db, "countries", code="KAZ")[0].id


def test_create_update_records_audit_old_to_new(any_db):
    p = sv.create(any_db, "persons", {"given_name": "Айгүл", "family_name": "Қасымова", "email": "a@example.org"})
    assert p.version == 1
    p2 = sv.update(any_db, "persons", p.id, {"position": "Chief Expert"}, version=p.version)
    assert p2.version == 2 and p2.position == "Chief Expert"
    trail = sv.history(any_db, "persons", p.id)
    assert [e.action for e in trail] == ["create", "update"]
    assert trail[1].changes == {"position": [None, "Chief Expert"]}
    # the officer's name on a file; on a server, the database user (core/roles.py)
    assert trail[1].actor == ("test-officer" if any_db.is_sqlite else roles.session_user(any_db))


def test_stale_update_is_refused(any_db):
    p = sv.create(any_db, "persons", {"family_name": "Batsukh"})
    sv.update(any_db, "persons", p.id, {"position": "First edit"}, version=1)
    with pytest.raises(StaleEditError) as err:
        sv.update(any_db, "persons", p.id, {"position": "Second, stale edit"}, version=1)
    assert err.value.current_version == 2
    assert sv.get(any_db, "persons", p.id).position == "First edit"


def test_referenced_delete_is_refused_with_a_message(any_db):
    org = sv.create(any_db, "organizations", {"name_en": "Ministry of Ecology", "kind": "government"})
    sv.create(any_db, "persons", {"family_name": "Amanow", "organization_id": org.id})
    sv.create(any_db, "persons", {"family_name": "Orazowa", "organization_id": org.id})
    with pytest.raises(ReferencedError) as err:
        sv.delete(any_db, "organizations", org.id)
    assert "2 persons" in str(err.value) and "Ministry of Ecology" in str(err.value)
    assert sv.get(any_db, "organizations", org.id).name_en == "Ministry of Ecology"


def test_unreferenced_delete_is_audited(any_db):
    org = sv.create(any_db, "organizations", {"name_en": "Temporary", "kind": "ngo"})
    sv.delete(any_db, "organizations", org.id, version=1)
    assert sv.find(any_db, "organizations", id=org.id) == []
    assert sv.history(any_db, "organizations", org.id)[-1].action == "delete"


def test_validation_messages(any_db):
    with pytest.raises(ValidationError) as err:
        sv.create(any_db, "persons", {"family_name": " ", "email": "not-an-address"})
    assert set(err.value.fields) == {"family_name", "email"}
    with pytest.raises(ValidationError) as err:
        sv.create(any_db, "projects", {"title": "X", "start_date": "2020-05-01", "end_date": "2019-01-01"})
    assert "end_date" in err.value.fields
    with pytest.raises(ValidationError) as err:
        sv.create(any_db, "persons", {"family_name": "X", "organization_id": 424242})
    assert "does not exist" in err.value.fields["organization_id"]
    with pytest.raises(ValidationError) as err:
        sv.create(any_db, "meetings", {"code": "M", "title_en": "T", "status": "maybe"})
    assert "status" in err.value.fields


def test_one_signatory_per_state_and_unique_symbols(any_db):
    kaz = _kaz(any_db)
    sv.create(any_db, "signatories", {"kind": "state", "country_id": kaz})
    with pytest.raises(DuplicateError):
        sv.create(any_db, "signatories", {"kind": "state", "country_id": kaz})
    sv.create(any_db, "documents", {"symbol": "UNEP/CMS/Saiga/MOS4/Doc.8", "title_en": "Technical coordination"})
    with pytest.raises(DuplicateError):
        sv.create(any_db, "documents", {"symbol": "UNEP/CMS/Saiga/MOS4/Doc.8", "title_en": "Again"})
    sv.create(any_db, "meetings", {"code": "MOS4", "title_en": "Fourth Meeting"})
    with pytest.raises(DuplicateError):
        sv.create(any_db, "meetings", {"code": "MOS4", "title_en": "Fourth Meeting again"})


def test_search_ignores_case_and_accents_in_every_script(any_db):
    a = sv.create(any_db, "persons", {"given_name": "Айгүл", "family_name": "Қасымова"})
    b = sv.create(any_db, "persons", {"given_name": "Алёна", "family_name": "Ёлкина"})
    c = sv.create(any_db, "persons", {"given_name": "José", "family_name": "Müller"})
    assert sv.query_ids(any_db, "persons", search="қасым") == [a.id]
    assert sv.query_ids(any_db, "persons", search="ЕЛКИНА") == [b.id]
    assert sv.query_ids(any_db, "persons", search="jose muller") == [c.id]
    assert sv.query_ids(any_db, "persons", search="100%_") == []


def test_sort_in_sql(any_db):
    for name in ("Charlie", "alpha", "Bravo"):
        sv.create(any_db, "persons", {"family_name": name})
    rows = sv.fetch_rows(any_db, "persons", sv.query_ids(any_db, "persons", sort="family_name", descending=True))
    assert [r["family_name"] for r in rows][0] in ("alpha", "Charlie")  # collation is the database's
    assert len(rows) == 3


@pytest.mark.parametrize("address,ok", [
    ("officer@example.org", True), ("имя@пример.рф", True), ("a.b+c@xn--80ak6aa92e.com", True),
    ("user@münchen.de", True), ("no-at-sign", False), ("two@@example.org", False), ("space @example.org", False),
    ("a@b", False), ("a@-bad-.org", False), (" lead@example.org", False),
])
def test_email_syntax(address, ok):
    assert is_valid_email(address) is ok


def test_designations_as_at_a_past_date(demo_db):
    now = sv.fetch_rows(demo_db, "contact-points", sv.query_ids(demo_db, "contact-points"))
    assert len(now) == 5 and {r["signatory"] for r in now} >= {"Kazakhstan", "Mongolia"}
    then = sv.fetch_rows(demo_db, "contact-points",
                         sv.query_ids(demo_db, "contact-points", filters={"as_at": "2018-05-01"}))
    assert [(r["signatory"], r["family_name"]) for r in then] == [("Kazakhstan", "Жұмабеков")]
    everything = sv.query_ids(demo_db, "contact-points", filters={"as_at": "all"})
    assert len(everything) == 6
