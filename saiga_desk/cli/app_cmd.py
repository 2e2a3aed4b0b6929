"""Application upkeep: ``backups list | restore FILE | prune`` and ``settings get | set KEY [VALUE]``."""

from __future__ import annotations

import json
import sys

from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _


def register(sub) -> None:
    p = sub.add_parser("backups", help=_("automatic backups of the database file"))
    bsub = p.add_subparsers(dest="backups_command", metavar="ACTION", required=True)
    b = bsub.add_parser("list", help=_("list the backups, newest first"))
    b.add_argument("--format", choices=("table", "json"), default="table")
    b.set_defaults(func=cmd_list)
    b = bsub.add_parser("make", help=_("write a backup now"))
    b.set_defaults(func=cmd_make)
    b = bsub.add_parser("restore", help=_("replace the database with a backup (the current file is kept)"))
    b.add_argument("file", metavar="FILE", help=_("the backup file (see 'backups list')"))
    b.add_argument("--force", action="store_true", help=_("restore even if Saiga Desk seems to have it open"))
    b.set_defaults(func=cmd_restore, needs_db=False)
    b = bsub.add_parser("prune", help=_("delete backups older than the policy's number of days"))
    b.add_argument("--keep-days", type=int, help=_("keep this many days instead of the stored policy"))
    b.set_defaults(func=cmd_prune)

    p = sub.add_parser("settings", help=_("data preferences stored in the database"))
    ssub = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    s = ssub.add_parser("get", help=_("print one setting (or all) as JSON"))
    s.add_argument("key", nargs="?", metavar="KEY")
    s.set_defaults(func=cmd_settings_get)
    s = ssub.add_parser("set", help=_("store a setting (VALUE is JSON, or plain text)"))
    s.add_argument("key", metavar="KEY")
    s.add_argument("value", metavar="VALUE")
    s.set_defaults(func=cmd_settings_set)


def _need_sqlite(db) -> None:
    if db.path is None:
        raise SaigaError(
            _("Backups of a shared server database are made by its administrator (for PostgreSQL: pg_dump).")
        )


def cmd_list(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import backups

    _need_sqlite(args.db)
    found = backups.list_backups(args.db)
    if args.format == "json":
        rows = [
            {"file": str(b.path), "created": b.created.isoformat(), "size": b.size, "reason": b.reason}
            for b in found
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not found:
        print(_("No backups of {db} yet.").format(db=args.db.display_name))
        return 0
    for b in found:
        print(f"{b.created:%Y-%m-%d %H:%M:%S}  {_size(b.size):>9}  {b.reason:<15}  {b.path}")
    print(_("{n} backups in {folder}").format(n=len(found), folder=backups.folder_for(args.db.path)))
    return 0


def cmd_make(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import backups

    _need_sqlite(args.db)
    dest = backups.make_backup(args.db, "manual")
    print(_("Backup written to {path}").format(path=dest))
    return 0


def cmd_restore(args) -> int:
    from pathlib import Path

    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.cli.which_database import database_target
    from saiga_desk.core import backup_checksum, backups, instance_lock

    target = database_target(args)
    if "://" in target:
        raise SaigaError(_("Only a database file can be restored from a backup."))
    path = Path(target).expanduser().resolve()
    lock = instance_lock.acquire(path, force=args.force)  # refuses while the app has the file open
    try:
        kept = backups.restore(path, args.file)
    finally:
        if lock is not None:
            lock.release()
    print(_("Restored {db} from {backup}.").format(db=path, backup=args.file))
    if backup_checksum.read_checksum(args.file) is None:
        print(
            _(
                "The backup has no checksum (it was made by an older version): it was verified by its content only."
            )
        )
    print(_("The file it replaced was kept as {kept}.").format(kept=kept))
    return 0


def cmd_prune(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import backups, preferences

    _need_sqlite(args.db)
    if args.keep_days is not None and args.keep_days < 1:
        raise SaigaError(_("--keep-days must be at least 1."))
    days = args.keep_days if args.keep_days is not None else preferences.backup_policy(args.db)["keep_days"]
    removed = backups.prune(args.db, days)
    print(_("{n} old backups deleted (keeping {days} days).").format(n=len(removed), days=days))
    return 0


def cmd_settings_get(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import preferences

    if args.key:
        value = preferences.get(args.db, args.key)
        if value is None and args.key not in preferences.keys(args.db):
            raise SaigaError(_("No setting named {key}.").format(key=args.key))
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    else:
        json.dump(
            {k: preferences.get(args.db, k) for k in preferences.keys(args.db)},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
    sys.stdout.write("\n")
    return 0


def cmd_settings_set(args) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.core import preferences

    declared = preferences.PREFERENCES.get(args.key)
    try:
        value = json.loads(args.value)
    except ValueError:
        value = args.value  # plain text
    if declared is not None and declared.type is str and not isinstance(value, str):
        value = args.value  # a text setting: 2024 or true is the text as typed
    if args.key == preferences.REPORT_LANGUAGE.key:
        preferences.set_report_language(args.db, value)
    elif args.key == preferences.BACKUP_POLICY.key:
        if not isinstance(value, dict):
            raise SaigaError(_('backup_policy is JSON, e.g. {"enabled": true, "keep_days": 30}.'))
        preferences.set_backup_policy(args.db, enabled=value.get("enabled"), keep_days=value.get("keep_days"))
    elif args.key == preferences.LETTERHEAD.key:
        if not isinstance(value, dict):
            raise SaigaError(
                _('letterhead is JSON, e.g. {"organization": "...", "address": "...", "email": "..."}.')
            )
        preferences.set_letterhead(args.db, value)
    elif args.key == preferences.MAIL.key:  # validated, and never a password (core/mail_settings.py)
        from saiga_desk.core.mail_settings import set_mail_settings  # deferred: start-up speed

        if not isinstance(value, dict):
            raise SaigaError(_('mail is JSON, e.g. {"method": "smtp", "host": "...", "port": 587}.'))
        set_mail_settings(args.db, **value)
    else:
        preferences.put(args.db, args.key, value)
    print(_("{key} saved.").format(key=args.key))
    return 0


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
