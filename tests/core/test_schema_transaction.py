"""core/migrate.schema_transaction: a schema change on SQLite follows SQLite's own recipe. A batch-mode copy of
a table that other rows refer to (what Alembic does to alter an SQLite table) keeps those rows, where with
foreign keys on the DROP of the old table would cascade to them; a change that leaves a reference dangling
is refused with nothing changed; foreign keys are on again afterwards."""

from __future__ import annotations

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Column, Integer, String, create_engine, event, text

from saiga_desk.core.errors import DatabaseOpenError
from saiga_desk.core.migrate import schema_transaction


@pytest.fixture
def engine(tmp_path):
    eng = create_engine(f"sqlite:///{tmp_path / 'schema.sqlite3'}")
    event.listen(eng, "connect", lambda dbapi, _rec: dbapi.execute("PRAGMA foreign_keys=ON"))  # as the app does
    with eng.begin() as con:
        con.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)")
        con.exec_driver_sql("CREATE TABLE child (id INTEGER PRIMARY KEY, "
                            "parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)")  # fmt: skip
        con.exec_driver_sql("INSERT INTO parent VALUES (1, 'a'), (2, 'b')")
        con.exec_driver_sql("INSERT INTO child VALUES (10, 1), (11, 2)")
    yield eng
    eng.dispose()


def _count(eng, table: str) -> int:
    with eng.connect() as con:
        return con.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_a_batch_copy_of_a_referred_table_keeps_the_rows_that_refer_to_it(engine):
    with schema_transaction(engine) as con:
        with Operations(MigrationContext.configure(con)).batch_alter_table("parent", recreate="always") as op:
            op.add_column(Column("code", String(10)))
    assert _count(engine, "child") == 2 and _count(engine, "parent") == 2
    with engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as con:  # enforced again
        con.exec_driver_sql("INSERT INTO child VALUES (12, 99)")


def test_a_change_that_leaves_a_reference_dangling_is_refused_with_nothing_changed(engine):
    with pytest.raises(DatabaseOpenError, match="references to missing records"):
        with schema_transaction(engine) as con:
            con.exec_driver_sql("DELETE FROM parent WHERE id = 2")
            Operations(MigrationContext.configure(con)).add_column("parent", Column("n", Integer))
    assert _count(engine, "parent") == 2 and _count(engine, "child") == 2
    with engine.connect() as con:
        assert "n" not in [r[1] for r in con.exec_driver_sql("PRAGMA table_info(parent)").all()]


def test_a_reference_the_file_held_already_does_not_block_the_upgrade(engine):
    with engine.connect() as con:
        con.exec_driver_sql("PRAGMA foreign_keys=OFF")
        con.exec_driver_sql("INSERT INTO child VALUES (13, 77)")  # written once without the checks
        con.commit()
        con.exec_driver_sql("PRAGMA foreign_keys=ON")
    with schema_transaction(engine) as con:
        Operations(MigrationContext.configure(con)).add_column("parent", Column("n", Integer))
    with engine.connect() as con:
        assert "n" in [r[1] for r in con.exec_driver_sql("PRAGMA table_info(parent)").all()]
