"""Print the URL of a scratch PostgreSQL database for the tests when a server answers on 127.0.0.1:5432
(creating the database saiga_desk_test once); print nothing otherwise."""

import sys

NAME = "saiga_desk_test"


def main() -> int:
    try:
        import psycopg
    except ImportError:
        return 0
    for user in ("postgres", "root"):
        try:
            with psycopg.connect(f"host=127.0.0.1 port=5432 user={user} dbname=test connect_timeout=3",
                                 autocommit=True) as con:
                if not con.execute("SELECT 1 FROM pg_database WHERE datname = %s", (NAME,)).fetchone():
                    con.execute(f"CREATE DATABASE {NAME}")
            print(f"postgresql+psycopg://{user}@127.0.0.1:5432/{NAME}")
            return 0
        except Exception:
            continue
    return 0


if __name__ == "__main__":
    sys.exit(main())
