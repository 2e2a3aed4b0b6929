"""The command line: ``saiga-desk [--database PATH|URL] COMMAND ...`` (the contract of DESIGN.md).

Importing this module never imports PySide6 (tests/cli/test_cli_no_qt.py proves it); the GUI is
loaded only when no command is given.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys

import saiga_desk
from saiga_desk.cli.argparse_messages import use_catalogue
from saiga_desk.cli.which_database import database_target, open_database  # noqa: F401 (database_target: scripts)
from saiga_desk.core.errors import SaigaError
from saiga_desk.i18n import _

# Command groups, each a module with register(subparsers); handlers are func(args) -> int.
COMMAND_MODULES = ("basic", "import_cmd", "export_cmd", "report_cmd", "meeting_cmd", "app_cmd", "mail_cmd",
                   "duplicates_cmd", "national_reports_cmd", "contact_points_cmd", "roles_cmd")  # fmt: skip


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit status 2, one plain sentence
        self.print_usage(sys.stderr)
        print(_("{prog}: {message}").format(prog=self.prog, message=message), file=sys.stderr)
        sys.exit(2)


class _Version(argparse.Action):
    """``--version``: the installed version is looked up only when asked (it costs start-up time)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"saiga-desk {saiga_desk.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    import importlib

    use_catalogue()  # argparse's own words ("usage:", "invalid choice"...) in the interface language
    parser = Parser(prog="saiga-desk", description=_("Saiga Desk: records of the Saiga MOU Secretariat."))
    parser.add_argument("--version", action=_Version, nargs=0, help=_("show the version and exit"))
    parser.add_argument(
        "--database",
        metavar="PATH|URL",
        help=_("database file or SQLAlchemy URL (default: $SAIGA_DESK_DATABASE or the user data folder)"),
    )
    parser.add_argument("--self-test", action="store_true", help=_("run the built-in smoke check and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"saiga_desk.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.logs import setup_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command and not args.self_test:
        # deferred: the GUI entry point, only here (it applies the data folder chosen in Settings, then logs)
        from saiga_desk.ui.app import main as gui_main

        return gui_main(database=args.database)
    _settled(argv)  # the command line's parser
    setup_logging()
    if args.self_test:
        from saiga_desk.selftest import run as self_test  # deferred: only for --self-test

        return self_test()
    db = None
    try:
        if getattr(args, "needs_db", True):
            db = open_database(args)
        _settled(argv)  # SQLAlchemy and the database layer
        args.db = db
        return int(args.func(args) or 0)
    except SaigaError as e:
        print(str(e), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Interrupted; nothing was changed."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # never a traceback on the console: a cause that can be named, else the log
        # deferred: the error sentences load only when something failed
        from saiga_desk.cli.failures import explain

        sentence = explain(e, args)
        logging.getLogger("saiga_desk").log(
            logging.INFO if sentence else logging.ERROR, "error in %s", args.command, exc_info=True
        )
        print(sentence or _unexpected(e), file=sys.stderr)
        return 1
    finally:
        if db is not None:
            db.close()


def _settled(argv: list[str] | None) -> None:
    """What the program has loaded so far lives as long as the process: the garbage collector leaves it out
    of its passes from here on (gc.freeze; start-up speed). Only for the program itself (saiga-desk,
    python -m), not for a caller of main(argv) such as a test."""
    if argv is None:
        gc.freeze()


def _unexpected(error: Exception) -> str:
    # deferred: a command loads what it needs only when it runs (start-up speed)
    from saiga_desk.logs import log_file

    try:
        log = log_file()
    except OSError:  # no writable log folder: the sentence says so instead of failing again
        return _("Unexpected error: {error}. No log could be written.").format(error=error)
    return _("Unexpected error: {error}. Details are in {log}.").format(error=error, log=log)


if __name__ == "__main__":
    sys.exit(main())
