"""Roles on an SQLite file: none — the file's own permissions stand (whoever may write it is an admin)."""

from __future__ import annotations

import pytest

from saiga_desk.core import roles
from saiga_desk.core.errors import SaigaError

ON_A_FILE = (
    "Roles are for a shared PostgreSQL database; on an SQLite file its own permissions decide who may read "
    "and write it."
)


def test_whoever_may_write_the_file_is_its_admin(db):
    assert roles.current_role(db) == "admin" and roles.can_write(db) and roles.read_only_reason(db) == ""
    roles.require_admin(db)  # undoing an import, settings: allowed


@pytest.mark.parametrize(
    "call",
    [lambda db: roles.grant(db, "anna", "editor"), lambda db: roles.revoke(db, "anna"), roles.list_roles],
)
def test_roles_are_refused_on_a_file_in_one_sentence(db, call):
    with pytest.raises(SaigaError) as refused:
        call(db)
    assert str(refused.value) == ON_A_FILE
