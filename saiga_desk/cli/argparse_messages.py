"""argparse's own messages in the interface language.

argparse looks its words up with gettext (``_`` and ``ngettext`` at its module level), which knows
nothing of the project's catalogue, so "usage:", "invalid choice" or "the following arguments are
required" stayed English in a Russian interface. ``use_catalogue()`` (called by cli/main.py before the
parser is built) makes argparse ask the project's catalogue; the messages below (those of Python 3.11's
argparse an officer can meet) are listed with N_ so that xgettext puts them in the catalogue.
"""

from __future__ import annotations

import argparse

from saiga_desk import i18n
from saiga_desk.i18n import N_, ngettext


def use_catalogue() -> None:
    """argparse translates through the project's catalogue (cheap: two names rebound)."""
    argparse._ = i18n._
    argparse.ngettext = i18n.ngettext


MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_messages(n: int) -> tuple[str, ...]:
    """Never called: it shows xgettext argparse's plural messages."""
    return (
        ngettext("expected %s argument", "expected %s arguments", n),
        ngettext("conflicting option string: %s", "conflicting option strings: %s", n),
    )
