"""Alembic environment: runs on the connection the app hands over (see core/migrate.py)."""

from alembic import context
from sqlalchemy import create_engine

from saiga_desk.core import search_index
from saiga_desk.core.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line, for developers
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as con:
            _run(con)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=lambda name, _type, _parents: not search_index.is_index_object(name),
    )
    with context.begin_transaction():
        context.run_migrations()
        search_index.repair(connection)  # triggers dropped by a batch-mode table copy come back


run()
