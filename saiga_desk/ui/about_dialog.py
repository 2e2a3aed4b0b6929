"""Help > About: version, where the data and logs are, and the licences of the bundled fonts and libraries."""

from __future__ import annotations

import html
import platform
import sqlite3
import sys
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from saiga_desk import APP_NAME, __version__
from saiga_desk.i18n import N_, _
from saiga_desk.paths import data_dir, log_dir, resource_path

# (distribution, shown name, licence, home page)
LIBRARIES = (
    ("PySide6-Essentials", "Qt for Python (PySide6) and Qt", "LGPL-3.0", "https://www.qt.io/qt-for-python"),
    ("shiboken6", "Shiboken", "LGPL-3.0", "https://www.qt.io/qt-for-python"),
    ("SQLAlchemy", "SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    ("alembic", "Alembic", "MIT", "https://alembic.sqlalchemy.org"),
    ("Mako", "Mako", "MIT", "https://www.makotemplates.org"),
    ("MarkupSafe", "MarkupSafe", "BSD-3-Clause", "https://palletsprojects.com/p/markupsafe/"),
    ("openpyxl", "openpyxl", "MIT", "https://openpyxl.readthedocs.io"),
    ("et_xmlfile", "et_xmlfile", "MIT", "https://foss.heptapod.net/openpyxl/et_xmlfile"),
    ("XlsxWriter", "XlsxWriter", "BSD-2-Clause", "https://github.com/jmcnamara/XlsxWriter"),
    ("python-calamine", "python-calamine (calamine)", "MIT", "https://github.com/dimastbk/python-calamine"),
    ("defusedxml", "defusedxml", "PSF-2.0", "https://github.com/tiran/defusedxml"),
    ("reportlab", "ReportLab Toolkit", "BSD-3-Clause", "https://www.reportlab.com"),
    ("pillow", "Pillow", "MIT-CMU (HPND)", "https://python-pillow.org"),
    ("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    ("psycopg", "psycopg 3", "LGPL-3.0", "https://www.psycopg.org"),
    (
        "psycopg-binary",
        "psycopg binary (with libpq, PostgreSQL licence)",
        "LGPL-3.0",
        "https://www.psycopg.org",
    ),
    ("typing_extensions", "typing_extensions", "PSF-2.0", "https://github.com/python/typing_extensions"),
    (None, "Python", "PSF-2.0", "https://www.python.org"),
    (None, "SQLite", N_("public domain"), "https://sqlite.org"),
)


def library_version(dist: str | None) -> str:
    if dist is None:
        return platform.python_version()
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        module = {"PySide6-Essentials": "PySide6", "python-calamine": "python_calamine"}.get(dist, dist)
        mod = sys.modules.get(module)
        return str(getattr(mod, "__version__", "")) if mod else ""


def licences_html() -> str:
    rows = []
    for dist, name, licence, url in LIBRARIES:
        licence = _(licence)  # "public domain" is translated; licence identifiers stay as they are
        version = library_version(dist)
        if dist == "shiboken6" and not version:
            continue
        if name == "SQLite":
            version = sqlite3.sqlite_version
        rows.append(
            f"<tr><td><a href='{html.escape(url)}'>{html.escape(name)}</a></td>"
            f"<td>{html.escape(version)}</td><td>{html.escape(licence)}</td></tr>"
        )
    intro = html.escape(
        _(
            "Saiga Desk is free software (MIT licence). It is built on these libraries; Qt and PySide6 are "
            "used under the GNU Lesser General Public License v3 and may be replaced by other compatible versions."
        )
    )
    head = "".join(
        f"<th align='left'>{html.escape(h)}</th>" for h in (_("Library"), _("Version"), _("Licence"))
    )
    return f"<p>{intro}</p><table cellspacing='4'><tr>{head}</tr>{''.join(rows)}</table>"


def font_licence_text() -> str:
    path = resource_path("fonts", "LICENSE-DejaVu.txt")
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _("The licence file {path} is missing.").format(path=path)


class AboutDialog(QDialog):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("about_dialog")
        self.setWindowTitle(_("About Saiga Desk"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        icon = QLabel()
        pixmap = QPixmap(str(resource_path("icons", "saiga-desk-64.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap)
        top.addWidget(icon)
        self.summary = QLabel(self.summary_html())
        self.summary.setObjectName("about_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)

        tabs = QTabWidget()
        self.libraries = QTextBrowser()
        self.libraries.setObjectName("about_libraries")
        self.libraries.setOpenExternalLinks(True)
        self.libraries.setHtml(licences_html())
        tabs.addTab(self.libraries, _("Libraries"))
        self.fonts = QTextBrowser()
        self.fonts.setObjectName("about_fonts")
        self.fonts.setPlainText(
            _("Reports embed the DejaVu Sans fonts (Bitstream Vera licence with DejaVu changes):") + "\n\n"
            + font_licence_text()
        )  # fmt: skip
        tabs.addTab(self.fonts, _("Fonts"))
        layout.addWidget(tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        logs = QPushButton(_("Open the log folder"))
        logs.setObjectName("open_log_folder")
        logs.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir()))))
        buttons.addButton(logs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def summary_html(self) -> str:
        e = html.escape
        build = _("application bundle") if getattr(sys, "frozen", False) else _("Python package")
        return _(
            "<h3>{app} {version}</h3>"
            "<p>Records of the Secretariat of the Memorandum of Understanding concerning Conservation, "
            "Restoration and Sustainable Use of the Saiga Antelope (CMS).</p>"
            "<p><b>Database:</b> {database}<br><b>Data folder:</b> {data}<br><b>Log folder:</b> {logs}</p>"
            "<p><small>{build}; Python {python}, Qt {qt}, PySide6 {pyside}, {system}</small></p>"
        ).format(
            app=e(APP_NAME),
            version=e(__version__),
            database=e(self.db.display_name),
            data=e(str(data_dir())),
            logs=e(str(log_dir())),
            build=e(build),
            python=e(platform.python_version()),
            qt=e(qVersion()),
            pyside=e(pyside_version),
            system=e(platform.platform(terse=True)),
        )
