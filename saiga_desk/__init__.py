"""Saiga Desk: records manager of the Saiga Antelope MOU Secretariat."""

APP_NAME = "Saiga Desk"
APP_ID = "saiga-desk"


def __getattr__(name: str):
    # __version__ is read from the installed metadata on first use: importlib.metadata costs a tenth of a
    # second, which the window's first instant does not need (deferred)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # deferred: see above

        try:
            value = version("saiga-desk")
        except PackageNotFoundError:  # running from a source tree or a frozen bundle
            value = "0.1.0"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
