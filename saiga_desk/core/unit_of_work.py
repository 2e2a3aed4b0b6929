"""The unit of work: ``with db.transaction() as tx:`` — every write validated, versioned and audited.

One session, one transaction. It validates (``core/record_checks.py``), checks the row version (a stale
edit is refused, never applied), refuses deletes of referenced records with a message naming what
references them, keeps the search column and records an AuditEntry (who, when, old -> new) — the search
text, versions and audit entries through ``core/derived.py``, the same functions as the import's bulk
writes — and collects the ``Changes`` the database publishes after the commit. Callers get plain
``Record`` objects, never live ORM objects.
"""

from __future__ import annotations

from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from saiga_desk.core import models as m
from saiga_desk.core.changes import ChangeCollector, Changes
from saiga_desk.core.derived import audit_entry, kind_of_table, owned_parts, search_text
from saiga_desk.core.designations import PERIOD_FIELDS, check_one_primary
from saiga_desk.core.entities import Entity, entity
from saiga_desk.core.errors import (
    DuplicateError,
    NotFoundError,
    ReferencedError,
    SaigaError,
    StaleEditError,
    ValidationError,
)
from saiga_desk.core.person_email import email_key, held_by
from saiga_desk.core.record_checks import coerce, integrity_message, references_to, unique_checks, validate
from saiga_desk.i18n import _

SKIP_FIELDS = {"id", "version", "created_at", "updated_at", "search_text"}
# PostgreSQL's answers when two transactions write the same rows at once: serialization failure,
# deadlock, lock not available (SQLSTATE); they mean the same to the officer as a stale edit
CONFLICT_STATES = frozenset({"40001", "40P01", "55P03"})


def stale_message() -> str:
    return _("Someone else changed this record meanwhile; reload it.")


def concurrent_write(exc: BaseException | None) -> bool:
    """True for an error that says another officer's write got there first (a stale row version, or
    PostgreSQL refusing one of two interleaved transactions)."""
    if isinstance(exc, StaleDataError):
        return True
    if isinstance(exc, DBAPIError) and not isinstance(exc, IntegrityError):
        state = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        return state in CONFLICT_STATES
    return False


class Record(dict):
    """A plain, detached copy of a row: ``r.family_name`` or ``r["family_name"]``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict:
        return dict(self)


def to_record(obj) -> Record:
    return Record({c.key: getattr(obj, c.key) for c in inspect(obj).mapper.column_attrs})


def _search_text(session: Session, ent: Entity, obj) -> str | None:
    if ent.model is m.Signatory:
        parts = []
        if obj.country_id:
            c = session.get(m.Country, obj.country_id)
            parts += [c.code, c.name_en, c.name_ru] if c else []
        if obj.organization_id:
            o = session.get(m.Organization, obj.organization_id)
            parts += [o.acronym, o.name_en, o.name_ru] if o else []
        return search_text([*parts, obj.signed_at])
    if not ent.search_fields or not hasattr(obj, "search_text"):
        return None
    return search_text([getattr(obj, f) for f in ent.search_fields])


def _email_free(session: Session, ent: Entity, obj) -> None:
    """One person per email (core/person_email.py): a friendly refusal before the unique index's."""
    key = email_key(obj.email)
    if not key:
        return
    other = held_by(session, m.Person.__table__, key, obj.id)
    if other is not None:
        raise DuplicateError(
            _("Another {what} already has {values} (#{id}).").format(
                what=_(ent.singular), values=obj.email, id=other
            )
        )


# ---------------------------------------------------------------------------- unit of work
class UnitOfWork:
    """``with db.transaction() as tx:`` — all writes commit together or not at all."""

    def __init__(self, db, actor: str, batch_id: int | None = None):
        self.db = db
        self.actor = actor
        self.batch_id = batch_id
        self.session: Session | None = None
        self._collector = ChangeCollector()
        self.committed = False
        self._designations: list = []  # created or re-dated: checked for a second primary at the end

    @property
    def changes(self) -> Changes:
        """What this unit of work wrote so far (after the commit: what it changed)."""
        return self._collector.result()

    def noted(self, action: str, kind: str) -> None:
        """Record a write that is audited elsewhere (bulk paths) in this unit's ``changes``."""
        self._collector.note(action, kind)

    def __enter__(self) -> UnitOfWork:
        """Opens the transaction holding the database's write lock (``core.database.begin_writing``), so
        that everything the unit reads to decide what it writes (does this email, this organization
        exist?) stays true until it commits, whoever else writes. The command line first waits for a
        running window that has the file open (``Database.before_writing``)."""
        self.session = self.db._sessions()
        self.session.info["actor"] = self.actor  # for writes audited below the unit (core/preferences.py)
        try:
            self.db.begin_writing(self.session)
        except BaseException:
            self.session.close()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                try:
                    if self._designations:
                        self.session.flush()
                        check_one_primary(self.session, self._designations, lambda k, o: entity(k).title(o))
                    self.session.commit()
                except ValidationError:
                    self.session.rollback()
                    raise
                except IntegrityError as e:
                    self.session.rollback()
                    raise integrity_message(e) from e
                except DBAPIError as e:
                    self.session.rollback()
                    if concurrent_write(e):
                        raise StaleEditError(stale_message()) from e
                    raise
                except StaleDataError as e:
                    self.session.rollback()
                    raise StaleEditError(stale_message()) from e
            else:
                self.session.rollback()
                if concurrent_write(exc):  # an autoflush inside a verb met another officer's write
                    raise StaleEditError(stale_message()) from exc
        finally:
            self.session.close()
        if exc_type is None:
            self.committed = True
            changes = self.changes
            if changes:
                self.db.publish(changes)

    # ------------------------------------------------------------------ audit
    def audit(
        self, action: str, ent_or_table, entity_id: int, changes: dict | None = None, summary: str = ""
    ) -> None:
        table = ent_or_table if isinstance(ent_or_table, str) else ent_or_table.model.__tablename__
        self._collector.note(action, kind_of_table(table))
        self.session.add(
            m.AuditEntry(
                **audit_entry(self.actor, action, table, entity_id, changes or {}, summary, self.batch_id)
            )
        )

    def audit_many(self, entries: list[dict]) -> None:
        """Bulk writes: their audit entries (``core.derived.audit_entry`` rows) in one executemany, each
        noted in this unit's ``changes``."""
        if not entries:
            return
        for e in entries:
            self._collector.note(e["action"], kind_of_table(e["entity"]))
        self.session.execute(insert(m.AuditEntry.__table__), entries)

    # ------------------------------------------------------------------ writes
    def create(self, name: str, values: dict) -> Record:
        ent = entity(name)
        if ent.readonly:
            raise SaigaError(_("{what} cannot be edited.").format(what=_(ent.plural)))
        wanted_id = values.get("id")
        clean, problems = coerce(ent, {k: v for k, v in values.items() if k != "id"})
        if problems:
            raise ValidationError(problems)
        obj = ent.model(**clean)
        if wanted_id is not None:  # re-creating a deleted record (undo)
            obj.id = int(wanted_id)
        self._apply_defaults(obj)
        validate(self.session, ent, obj)
        unique_checks(self.session, ent, obj)
        if ent.model is m.Person:
            _email_free(self.session, ent, obj)
        st = _search_text(self.session, ent, obj)
        if st is not None:
            obj.search_text = st
        self.session.add(obj)
        self._flush()
        if ent.model is m.Designation:
            self._designations.append(obj)
        rec = to_record(obj)
        self.audit(
            "create",
            ent,
            obj.id,
            {k: (None, v) for k, v in rec.items() if k not in SKIP_FIELDS and v is not None},
            ent.title(obj),
        )
        return rec

    def update(self, name: str, obj_id: int, values: dict, version: int | None = None) -> Record:
        ent = entity(name)
        obj = self._load(ent, obj_id)
        if version is not None and obj.version != version:
            raise StaleEditError(
                _(
                    "This {what} was changed by someone else since you opened it (version {old} -> {new}). "
                    "Reload it; your typed values are kept."
                ).format(what=_(ent.singular), old=version, new=obj.version),
                current_version=obj.version,
            )
        clean, problems = coerce(ent, {k: v for k, v in values.items() if k not in ("id", "version")})
        if problems:
            raise ValidationError(problems)
        changes = {}
        for k, v in clean.items():
            old = getattr(obj, k)
            if old != v:
                changes[k] = (old, v)
                setattr(obj, k, v)
        if not changes:
            return to_record(obj)
        validate(self.session, ent, obj)
        unique_checks(self.session, ent, obj)
        if ent.model is m.Person:
            _email_free(self.session, ent, obj)
        st = _search_text(self.session, ent, obj)
        if st is not None:
            obj.search_text = st
        self._flush()
        if ent.model is m.Designation and not PERIOD_FIELDS.isdisjoint(changes):
            self._designations.append(obj)
        self.audit("update", ent, obj.id, changes, ent.title(obj))
        return to_record(obj)

    def delete(self, name: str, obj_id: int, version: int | None = None) -> Record:
        ent = entity(name)
        obj = self._load(ent, obj_id)
        if version is not None and obj.version != version:
            raise StaleEditError(
                _(
                    "This {what} was changed by someone else since you opened it; reload it before deleting."
                ).format(what=_(ent.singular)),
                current_version=obj.version,
            )
        refs = references_to(self.session, ent, obj_id)
        if refs:
            listed = ", ".join(f"{n} {_(label)}" for label, n in sorted(refs.items()))
            raise ReferencedError(
                _(
                    "{what} “{title}” cannot be deleted: {refs} refer to it. Remove or reassign them first."
                ).format(what=_(ent.singular).capitalize(), title=ent.title(obj), refs=listed),
                refs,
            )
        rec = to_record(obj)
        title = ent.title(obj)
        self._audit_parts(ent, obj_id)
        self.session.delete(obj)
        self._flush()
        self.audit(
            "delete",
            ent,
            obj_id,
            {k: (v, None) for k, v in rec.items() if k not in SKIP_FIELDS and v is not None},
            title,
        )
        return rec

    def _audit_parts(self, ent: Entity, obj_id: int) -> None:
        """The parts the database deletes with the record (ON DELETE CASCADE), each with its values."""
        for part, key in owned_parts(ent.name):
            part_ent = entity(part)
            model = part_ent.model
            for row in self.session.scalars(select(model).where(getattr(model, key) == obj_id)):
                values = {
                    k: (v, None) for k, v in to_record(row).items() if k not in SKIP_FIELDS and v is not None
                }
                self.audit("delete", part_ent, row.id, values, part_ent.title(row))

    # ------------------------------------------------------------------ helpers
    def get(self, name: str, obj_id: int) -> Record:
        return to_record(self._load(entity(name), obj_id))

    def _load(self, ent: Entity, obj_id: int):
        obj = self.session.get(ent.model, obj_id)
        if obj is None:
            raise NotFoundError(
                _("No {what} #{id}: it may have been deleted meanwhile.").format(
                    what=_(ent.singular), id=obj_id
                )
            )
        return obj

    @staticmethod
    def _apply_defaults(obj) -> None:
        for col in obj.__table__.columns:
            if getattr(obj, col.key, None) is None and col.default is not None and col.default.is_scalar:
                setattr(obj, col.key, col.default.arg)

    def _flush(self) -> None:
        try:
            self.session.flush()
        except IntegrityError as e:
            raise integrity_message(e) from e
        except StaleDataError as e:
            raise StaleEditError(stale_message()) from e
        except DBAPIError as e:
            if concurrent_write(e):
                raise StaleEditError(stale_message()) from e
            raise
