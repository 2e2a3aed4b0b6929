"""Saiga Desk: records manager of the Saiga Antelope MOU Secretariat."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("saiga-desk")
except PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"

APP_NAME = "Saiga Desk"
APP_ID = "saiga-desk"
