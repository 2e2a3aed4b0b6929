"""Login roles on the real PostgreSQL server for the roles tests: a fresh schema owned by the test's
user, and database users made (and dropped afterwards) with a Saiga Desk role, each connecting as itself."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from saiga_desk.core import roles
from saiga_desk.core.database import Database

PG_URL = os.environ.get("SAIGA_DESK_TEST_DATABASE_URL")
needs_postgres = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="SAIGA_DESK_TEST_DATABASE_URL is not set"),
]


def url_as(user: str) -> str:
    """The test database's URL for another user (the test server trusts 127.0.0.1)."""
    return make_url(PG_URL).set(username=user, password=None).render_as_string(hide_password=False)


@pytest.fixture(name="server")
def server_fixture():
    """(the owner's Database on a fresh schema, ``login(role=None) -> (user, Database | None)``)."""
    engine = create_engine(PG_URL)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    owner = Database.open(PG_URL)
    made: list[str] = []
    opened: list[Database] = []

    def login(role: str | None = None) -> tuple[str, Database | None]:
        name = f"saiga_t_{role or 'none'}_{uuid.uuid4().hex[:8]}"
        with engine.begin() as con:
            con.execute(text(f'CREATE ROLE "{name}" LOGIN'))
        made.append(name)
        if not role:
            return name, None
        roles.grant(owner, name, role)
        db = Database.open(url_as(name))
        opened.append(db)
        return name, db

    yield owner, login
    for db in opened:
        db.close()
    owner.close()
    with engine.begin() as con:
        for name in made:
            con.execute(text(f'DROP OWNED BY "{name}"'))
            con.execute(text(f'DROP ROLE "{name}"'))
    engine.dispose()
