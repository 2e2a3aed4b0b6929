"""Thin launcher: the Saiga Desk GUI (``python main.py [--database PATH|URL]``)."""

import sys

from saiga_desk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
