"""What a listing is (columns over a SQL select, search, filters, sort) and how it is queried.

Sorting and filtering happen in SQL; filtering matches the folded search columns (case and accents
ignored in every script, on SQLite and PostgreSQL alike), every typed word must match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import Select, String, func, or_, select, union_all
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Join

from saiga_desk.core import models as m
from saiga_desk.core import search_index
from saiga_desk.core.errors import CancelledError
from saiga_desk.core.tables.registry import (  # noqa: F401 (listing.Column, .Table, .TABLES: the listings' names)
    TABLE_NAMES,
    TABLES,
    Column,
    Table,
    register,
    table,
)
from saiga_desk.core.text import fold, like_pattern
from saiga_desk.i18n import _, current_language


def eq(expr):
    """A filter: rows whose ``expr`` equals the value (no filtering for None or "")."""
    return lambda q, v: q.where(expr == v) if v not in (None, "") else q


# Sorting by these columns uses several expressions (documents: Doc.8 before Doc.10, revisions after
# their original); the listing that defines them adds them here.
SORT_TIES: dict[tuple[str, str], tuple] = {}


class _Folded(FunctionElement):
    """Text kept as written, folded in the query: SQLite asks ``core.text.fold`` (registered as
    ``saiga_fold``: case in every script, accents, ё/е); PostgreSQL's lower() knows every script's case, and
    the accented letters names and places use most are put beside their base letters."""

    inherit_cache = True
    type = String()


_ACCENTED, _PLAIN = "ёйáàâäãåāéèêëēíìîïīóòôöõōúùûüūýÿçñšžčřğş", "еиaaaaaaaeeeeeiiiiioooooouuuuuyycnszcrgs"


@compiles(_Folded)
def _folded_default(element, compiler, **kw):
    return f"translate(lower({compiler.process(element.clauses, **kw)}), '{_ACCENTED}', '{_PLAIN}')"


@compiles(_Folded, "sqlite")
def _folded_sqlite(element, compiler, **kw):
    return f"saiga_fold({compiler.process(element.clauses, **kw)})"


def _folded(e, word: str):
    """An ASCII word needs only ASCII case folding (SQLite's lower(), fast); any other word the full fold."""
    return func.lower(e) if word.isascii() else _Folded(e)


def _index_hits(e, word: str, indexed: bool):
    """The ids of the rows whose column ``e`` holds ``word``, straight from the full-text index
    (core.search_index), or None where the index cannot answer (no index, a word shorter than three letters,
    a column it does not cover). The trigram index of the folded text answers a phrase of three or more
    letters exactly (a substring match, as the LIKE): the rows are not read again
    (tests/core/test_search_index.py compares with the LIKE and a brute-force scan)."""
    if not indexed or len(fold(word)) < search_index.MIN_LETTERS:
        return None
    col = getattr(e, "expression", e)
    source = getattr(col, "table", None)
    name = getattr(getattr(source, "element", source), "name", None)
    if getattr(col, "name", None) != "search_text" or name not in search_index.SEARCHED:
        return None
    fts = sa_table(search_index.fts_table(name), sa_column("rowid"), sa_column("search_text"))
    phrase = '"' + fold(word).replace('"', '""') + '"'
    return select(fts.c.rowid).where(fts.c.search_text.op("MATCH")(phrase))


def _word_matches(e, word: str, pattern: str, indexed: bool):
    """One search column matching one typed word: its index's hits, else the LIKE on the folded text."""
    if e is m.AuditEntry.summary or e is m.AuditEntry.changes:  # as written, not folded: folded here
        return _folded(e, word).like(pattern, escape="\\")
    hits = _index_hits(e, word, indexed)
    if hits is None:
        return e.like(pattern, escape="\\")
    return getattr(e, "expression", e).table.c.id.in_(hits)


def _word_condition(t: Table, word: str, pattern: str, indexed: bool):
    """Rows where one typed word matches any search column. With the index and columns from several
    tables (a person's own text, her organization's, her country's), the columns are asked one by one
    and their ids united: each branch then starts from its own index hits instead of one scan of every
    row through the joins (``person12345@example.org`` at 100,000 persons: 27 ms -> 0.8 ms)."""
    ids = _word_ids(t, word, pattern, indexed)
    if ids is None:
        return or_(*(_word_matches(e, word, pattern, indexed) for e in t.search))
    return t.id_expr.in_(ids)


def _word_ids(t: Table, word: str, pattern: str, indexed: bool):
    """The ids of the rows one typed word matches, as a union of one branch per search column (the
    listing's own column straight from its index), or None where the columns are better asked together
    (one column, no index, a word too short for it)."""
    if len(t.search) < 2 or not indexed or len(fold(word)) < search_index.MIN_LETTERS:
        return None
    own = getattr(getattr(t.id_expr, "expression", t.id_expr), "table", None)
    branches = []
    for e in t.search:
        source = getattr(getattr(e, "expression", e), "table", None)
        hits = _index_hits(e, word, indexed) if source is own else None
        if hits is not None:  # the rowids of the listing's own index are its ids
            branches.append(hits)
            continue
        condition = _word_matches(e, word, pattern, indexed)
        branches.append(select(t.id_expr).select_from(*_branch_froms(t, source)).where(condition))
    return union_all(*branches)  # IN (…) ignores repeats: no temporary table to make them unique


_FROMS: dict[tuple[str, int], list] = {}


def _branch_froms(t: Table, source) -> list:
    """The listing's joins with the one to ``source`` made inner (worked out once per listing and source:
    finding a select's froms compiles it)."""
    key = (t.name, id(source))
    if key not in _FROMS:
        _FROMS[key] = [_inner(f, source) for f in t.base().add_columns(t.id_expr).get_final_froms()]
    return _FROMS[key]


def _inner(f, source):
    """``f`` with its outer join to ``source`` made inner: a branch that asks ``source``'s text only wants
    rows that have one, and the inner join lets the database start from ``source``'s index hits."""
    if not isinstance(f, Join):
        return f
    left = _inner(f.left, source)
    isouter = f.isouter and not (source is not None and f.right._deannotate() is source._deannotate())
    if left is f.left and isouter == f.isouter:
        return f
    return Join(left, f.right, f.onclause, isouter=isouter, full=f.full)


def _filtered(t: Table, search: str, filters: dict | None, indexed: bool = False) -> Select:
    q = t.base()
    for word in (search or "").split():
        pattern = like_pattern(word)
        if pattern == "%%":
            continue
        q = q.where(_word_condition(t, word, pattern, indexed))
    filters = dict(filters or {})
    if "as_at" in t.filters and "as_at" not in filters:
        filters["as_at"] = None
    for key, value in filters.items():
        fn = t.filters.get(key)
        if fn is None:
            raise KeyError(f"table {t.name} has no filter {key!r}")
        q = fn(q, value)
    return q


def _sort_expr(expr, col: Column, dialect: str | None):
    """Text sorts as people expect (case-blind, accented letters beside their base), in SQL."""
    if col.kind != "text" or col.choices:
        return expr
    if dialect == "sqlite":
        return func.saiga_sort_key(expr)
    return func.lower(expr)


def _order(t: Table, sort: str | None, descending: bool, dialect: str | None = None) -> list:
    key = sort or t.default_sort
    order = []
    if key:
        col = t.column(key)
        if col.expr is not None and col.sortable:
            for expr in SORT_TIES.get((t.name, key), (col.expr,)):
                expr = _sort_expr(expr, col, dialect) if expr is col.expr else expr
                order.append(expr.desc().nulls_last() if descending else expr.asc().nulls_last())
    order.append(t.id_expr.desc() if descending else t.id_expr.asc())
    return order


def query_ids(
    db,
    name: str,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[int]:
    """The ids of a listing, filtered and sorted. ``cancelled`` (asked every few thousand steps of the
    SQLite engine while the query runs) stops a query nobody waits for any more: CancelledError."""
    t = table(name)
    q = _through_order_table(db, t, search, filters, sort, descending)
    if q is None:
        q = (
            _filtered(t, search, filters, search_index.available(db))
            .add_columns(t.id_expr)
            .order_by(*_order(t, sort, descending, db.engine.dialect.name))
        )
    with db.engine.connect() as con:
        if cancelled is None or con.dialect.name != "sqlite":
            return list(con.execute(q).scalars())
        raw = con.connection.driver_connection
        raw.set_progress_handler(lambda: 1 if cancelled() else 0, 2000)
        try:
            return list(con.execute(q).scalars())
        except OperationalError as e:
            if cancelled():
                raise CancelledError(_("The search was replaced by a newer one.")) from e
            raise
        finally:
            raw.set_progress_handler(None, 0)


def _through_order_table(db, t: Table, search: str, filters: dict | None, sort: str | None, descending: bool):
    """The ids sorted through the column's narrow order table (``Table.sorted_by``), or None without one."""
    key = sort or t.default_sort or ""
    found = t.sorted_by.get(key)
    if found is None or (t.name, key) in SORT_TIES or not found[1](db):
        return None
    o = found[0]
    q = select(o.c.id)
    indexed = search_index.available(db)
    words = [(w, like_pattern(w)) for w in (search or "").split() if like_pattern(w) != "%%"]
    ids = [_word_ids(t, w, p, indexed) for w, p in words]
    if not filters and "as_at" not in t.filters and all(i is not None for i in ids):
        for i in ids:  # each word's ids straight from the indexes: no row of the listing read
            q = q.where(o.c.id.in_(i))
    elif words or filters or "as_at" in t.filters:
        q = q.where(o.c.id.in_(_filtered(t, search, filters, indexed).add_columns(t.id_expr)))
    if descending:
        return q.order_by(o.c.k.desc().nulls_last(), o.c.id.desc())
    return q.order_by(o.c.k.asc().nulls_last(), o.c.id.asc())


def count(db, name: str, search: str = "", filters: dict | None = None) -> int:
    t = table(name)
    q = _filtered(t, search, filters, search_index.available(db)).add_columns(func.count(t.id_expr))
    with db.engine.connect() as con:
        return con.execute(q).scalar_one()


def _row_select(t: Table) -> Select:
    cols = [c.expr.label(c.key) for c in t.columns if c.expr is not None]
    return t.base().add_columns(t.id_expr.label("id"), *cols)


def _finish(db, t: Table, rows: list[dict]) -> list[dict]:
    if t.computed is not None:
        t.computed(db, rows)
    russian_of = [c.key for c in t.columns if c.key.startswith("_ru_")]
    if russian_of:
        russian = current_language() == "ru"
        for r in rows:
            for key in russian_of:
                value = r.pop(key, None)
                if russian and value:
                    r[key[4:]] = value
    return rows


def fetch_rows(db, name: str, ids: list[int]) -> list[dict]:
    """Rows for ``ids``, in that order (missing ids — deleted meanwhile — are left out)."""
    t = table(name)
    if not ids:
        return []
    found: dict[int, dict] = {}
    base = _row_select(t)
    with db.engine.connect() as con:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for row in con.execute(base.where(t.id_expr.in_(chunk))).mappings():
                found[row["id"]] = dict(row)
    rows = [found[i] for i in ids if i in found]
    return _finish(db, t, rows)


def iter_rows(
    db,
    name: str,
    search: str = "",
    sort: str | None = None,
    descending: bool = False,
    filters: dict | None = None,
    batch: int = 2000,
) -> Iterator[dict]:
    """All rows of a listing, filtered and sorted, streamed in batches (exports, reports, the CLI)."""
    t = table(name)
    q = _filtered(t, search, filters, search_index.available(db))
    q = q.add_columns(t.id_expr.label("id"), *[c.expr.label(c.key) for c in t.columns if c.expr is not None])
    q = q.order_by(*_order(t, sort, descending, db.engine.dialect.name))
    with db.engine.connect() as con:
        result = con.execution_options(stream_results=True, yield_per=batch).execute(q).mappings()
        while True:
            chunk = [dict(r) for r in result.fetchmany(batch)]
            if not chunk:
                break
            yield from _finish(db, t, chunk)


def visible_columns(name: str) -> list[Column]:
    return [c for c in table(name).columns if c.visible and not c.key.startswith("_")]


def public_columns(name: str) -> list[Column]:
    return [c for c in table(name).columns if not c.key.startswith("_")]
