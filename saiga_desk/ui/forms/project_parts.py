"""The parts of a project: implementing organizations, funders, mandate items and publications.

``ProjectParts(db, project_id, undo_stack=None)`` is the "Parts" tab of the project form: four compact
lists, each with a type-ahead picker (the reference pickers of the form), Add and Remove; funders' amount
and currency are edited in place. Every change is an undo command on the form's undo stack (run directly
when there is none) and tells the hub about "projects" too, so the Projects table shows the new
implementers and funders. The services' refusals (a duplicate implementer or mandate item) are shown
under the list concerned.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.text import fold
from saiga_desk.i18n import _
from saiga_desk.ui.forms.fields import ReferencePicker
from saiga_desk.ui.forms.references import Options, options
from saiga_desk.ui.signals import hub
from saiga_desk.ui.undo import CreateCommand, DeleteCommand, UpdateCommand, push

PART_KINDS = ("project-implementers", "project-funders", "project-mandates", "publications")
CURRENCY = re.compile(r"^[A-Za-z]{3}$")
ERROR_STYLE = "QLabel { color: #b00020; }"


class _AlsoProjects:
    """A part changed: the Projects listing (implementers, funders columns) changed too."""

    def _run(self, fn) -> None:
        super()._run(fn)
        hub.notify("projects")


class PartCreate(_AlsoProjects, CreateCommand):
    pass


class PartUpdate(_AlsoProjects, UpdateCommand):
    pass


class PartDelete(_AlsoProjects, DeleteCommand):
    pass


def resolve(opts: Options, text: str) -> int | None:
    """The id a typed text means: the listed name itself, else the one name that begins with it as a
    word ("acbk" -> "ACBK — Association ..."), else the one name containing it."""
    text = text.strip()
    if not text:
        return None
    found = opts.find(text)
    if found is not None:
        return found
    key = fold(text)
    folded = [fold(label) for label in opts.labels]
    for test in (
        lambda f: f == key or f.startswith(key + " "),
        lambda f: key in f,
    ):
        rows = [n for n, f in enumerate(folded) if test(f)]
        if len(rows) == 1:
            return opts.ids[rows[0]]
    return None


def parse_amount(text: str):
    """A Decimal, None when empty; raises ValueError when the text is not a number."""
    text = "".join(text.split()).replace("\u202f", "").replace("'", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def format_amount(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):,.2f}".replace(",", "\u202f")


def item_label(db, item_id: int) -> tuple[str, str]:
    """("Saiga MTIWP 2016-2020 · 1.1", title) of a work-programme item."""
    try:
        item = sv.get(db, "work-programme-items", item_id)
        programme = sv.get(db, "work-programmes", item["programme_id"])
    except SaigaError:
        return f"#{item_id}", ""
    return f"{programme['code']} · {item['code']}", item.get("title") or ""


class _PartBox(QGroupBox):
    """A titled list with an "add" row, a Remove button and a line for messages."""

    def __init__(self, title: str, name: str, parent=None):
        super().__init__(title, parent)
        self.setObjectName(f"parts_{name}")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(8, 6, 8, 6)
        self.box.setSpacing(4)
        self.add_row = QHBoxLayout()
        self.add_button = QPushButton(_("Add"), self)
        self.add_button.setObjectName(f"add_{name}")
        self.remove_button = QPushButton(_("Remove"), self)
        self.remove_button.setObjectName(f"remove_{name}")
        self.remove_button.setEnabled(False)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{name}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

    def finish(self, view: QWidget, second_row: list[QWidget] | None = None) -> None:
        """The list, then the "add" row (a second one when given), Add and Remove at the end."""
        self.view = view
        view.setObjectName(f"list_{self.objectName()[6:]}")
        view.setMinimumHeight(view.fontMetrics().height() * 5 + 16)
        self.box.addWidget(view, 1)
        self.box.addLayout(self.add_row)
        if second_row:
            self.add_row = QHBoxLayout()
            for widget in second_row:
                self.add_row.addWidget(widget)
            self.add_row.addStretch(1)
        self.add_row.addWidget(self.add_button)
        self.add_row.addWidget(self.remove_button)
        if second_row:
            self.box.addLayout(self.add_row)
        self.box.addWidget(self.error)
        self.box.addStretch(0)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


def _picker(opts: Options, parent, name: str) -> ReferencePicker:
    picker = ReferencePicker(opts, parent)
    picker.setObjectName(f"picker_{name}")
    picker.setMinimumContentsLength(10)
    return picker


class ProjectParts(QWidget):
    """The "Parts" tab of an existing project's form."""

    def __init__(self, db, project_id: int, undo_stack=None, parent=None):
        super().__init__(parent)
        self.setObjectName("projectParts")
        self.db = db
        self.project_id = project_id
        self.undo_stack = undo_stack
        self.last_command = None
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setSpacing(8)

        # implementing organizations
        self.implementers = _PartBox(_("Implementing organizations"), "implementers", self)
        self.implementer_picker = _picker(options(db, "organizations"), self.implementers, "implementers")
        self.implementers.add_row.addWidget(self.implementer_picker, 1)
        self.implementers.finish(self._list())
        self.implementers.add_button.clicked.connect(self.add_implementer)

        # funders
        self.funders = _PartBox(_("Funders"), "funders", self)
        self.funder_picker = _picker(options(db, "organizations"), self.funders, "funders")
        self.amount_edit = QLineEdit(self.funders)
        self.amount_edit.setObjectName("amount_funders")
        self.amount_edit.setPlaceholderText("12500.50")
        self.amount_edit.setMinimumWidth(
            self.amount_edit.fontMetrics().horizontalAdvance("000000000.00") + 12
        )
        self.currency_edit = QLineEdit(self.funders)
        self.currency_edit.setObjectName("currency_funders")
        self.currency_edit.setPlaceholderText("EUR")
        self.currency_edit.setMaxLength(3)
        self.currency_edit.setMinimumWidth(self.currency_edit.fontMetrics().horizontalAdvance("WWW") + 14)
        self.currency_edit.setMaximumWidth(self.currency_edit.minimumWidth() + 8)
        self.funders.add_row.addWidget(self.funder_picker, 1)
        amount_label = QLabel(_("Amount"), self.funders)
        amount_label.setBuddy(self.amount_edit)
        currency_label = QLabel(_("Currency"), self.funders)
        currency_label.setBuddy(self.currency_edit)
        table = QTableWidget(0, 3, self.funders)
        table.setHorizontalHeaderLabels([_("Organization"), _("Amount"), _("Currency")])
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setToolTip(_("Double-click an amount or currency to change it."))
        self.funder_table = table
        self.funders.finish(table, [amount_label, self.amount_edit, currency_label, self.currency_edit])
        self.funders.add_button.clicked.connect(self.add_funder)
        table.itemChanged.connect(self._funder_edited)

        # mandate
        self.mandates = _PartBox(_("Mandate (work-programme items)"), "mandates", self)
        self.mandate_picker = _picker(options(db, "work-programme-items"), self.mandates, "mandates")
        self.mandates.add_row.addWidget(self.mandate_picker, 1)
        self.mandates.finish(self._list())
        self.mandates.add_button.clicked.connect(self.add_mandate)

        # publications
        self.publications = _PartBox(_("Publications"), "publications", self)
        self.publication_title = QLineEdit(self.publications)
        self.publication_title.setObjectName("title_publications")
        self.publication_title.setPlaceholderText(_("Title of the publication"))
        self.publication_language = QComboBox(self.publications)
        self.publication_language.setObjectName("language_publications")
        self.publication_language.addItem("", None)
        for code in m.LANGUAGES:
            self.publication_language.addItem(code, code)
        self.publication_year = QLineEdit(self.publications)
        self.publication_year.setObjectName("year_publications")
        self.publication_year.setPlaceholderText("2019")
        self.publication_year.setMaxLength(4)
        self.publication_year.setMinimumWidth(
            self.publication_year.fontMetrics().horizontalAdvance("00000") + 14
        )
        self.publication_year.setMaximumWidth(self.publication_year.minimumWidth() + 8)
        self.publications.add_row.addWidget(self.publication_title, 1)
        language_label = QLabel(_("Language"), self.publications)
        language_label.setBuddy(self.publication_language)
        year_label = QLabel(_("Year"), self.publications)
        year_label.setBuddy(self.publication_year)
        self.publications.finish(
            self._list(), [language_label, self.publication_language, year_label, self.publication_year]
        )
        self.publications.add_button.clicked.connect(self.add_publication)

        self.boxes = {
            "project-implementers": self.implementers,
            "project-funders": self.funders,
            "project-mandates": self.mandates,
            "publications": self.publications,
        }
        for kind, box in self.boxes.items():
            box.remove_button.clicked.connect(lambda _c=False, k=kind: self.remove_selected(k))
            selection = box.view.selectionModel()
            selection.selectionChanged.connect(
                lambda *_a, b=box: b.remove_button.setEnabled(b.view.selectionModel().hasSelection())
            )
        grid.addWidget(self.implementers, 0, 0)
        grid.addWidget(self.funders, 0, 1)
        grid.addWidget(self.mandates, 1, 0)
        grid.addWidget(self.publications, 1, 1)
        for n in range(2):
            grid.setColumnStretch(n, 1)
            grid.setRowStretch(n, 1)
        self.records: dict[str, list[dict]] = {}
        self.reload()
        hub.changed.connect(self._data_changed)

    def _list(self) -> QListWidget:
        view = QListWidget(self)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        return view

    # ------------------------------------------------------------------ reading
    def _data_changed(self, name: str) -> None:
        if name in ("*", "organizations", "work-programmes", "work-programme-items", *PART_KINDS):
            try:
                self.reload()
            except RuntimeError:  # the form was closed
                pass
        if name in ("*", "organizations"):
            self.implementer_picker.set_options(options(self.db, "organizations"))
            self.funder_picker.set_options(options(self.db, "organizations"))
        if name in ("*", "work-programmes", "work-programme-items"):
            self.mandate_picker.set_options(options(self.db, "work-programme-items"))

    def reload(self) -> None:
        for kind in PART_KINDS:
            self.records[kind] = [dict(r) for r in sv.find(self.db, kind, project_id=self.project_id)]
        orgs = options(self.db, "organizations")

        def org(i: int) -> str:
            return orgs.label(i)

        self._fill_list(
            self.implementers.view,
            [(org(r["organization_id"]), "") for r in self.records["project-implementers"]],
        )
        mandates = []
        for r in self.records["project-mandates"]:
            text, title = item_label(self.db, r["item_id"])
            if r.get("partial"):
                text += " " + _("(partly)")
            mandates.append((text, title))
        self._fill_list(self.mandates.view, mandates)
        publications = []
        for r in self.records["publications"]:
            extra = ", ".join(str(x) for x in (r.get("language"), r.get("year")) if x)
            publications.append((r["title"] + (f" ({extra})" if extra else ""), r.get("url") or r["title"]))
        self._fill_list(self.publications.view, publications)

        table = self.funder_table
        table.blockSignals(True)
        table.setRowCount(len(self.records["project-funders"]))
        for row, r in enumerate(self.records["project-funders"]):
            name = QTableWidgetItem(org(r["organization_id"]))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name.setToolTip(name.text())
            amount = QTableWidgetItem(format_amount(r.get("amount")))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            currency = QTableWidgetItem(r.get("currency") or "")
            for col, item in enumerate((name, amount, currency)):
                table.setItem(row, col, item)
        table.blockSignals(False)
        for box in self.boxes.values():
            box.remove_button.setEnabled(box.view.selectionModel().hasSelection())

    @staticmethod
    def _fill_list(view: QListWidget, rows: list[tuple[str, str]]) -> None:
        current = view.currentRow()
        view.clear()
        for text, tip in rows:
            item = QListWidgetItem(text)
            item.setToolTip(tip or text)
            view.addItem(item)
        if 0 <= current < view.count():
            view.setCurrentRow(current)

    # ------------------------------------------------------------------ writing
    def _push(self, kind: str, command) -> bool:
        box = self.boxes[kind]
        try:
            self.last_command = push(self.undo_stack, command)
        except SaigaError as e:
            box.show_error(str(e))
            return False
        box.show_error(None)
        return True

    def _picked(self, picker: ReferencePicker, box: _PartBox) -> int | None:
        obj_id = resolve(picker.options, picker.currentText())
        if obj_id is None:
            box.show_error(_("Pick a name from the list (type part of it to search)."))
            picker.setFocus()
        return obj_id

    def add_implementer(self) -> bool:
        org_id = self._picked(self.implementer_picker, self.implementers)
        if org_id is None:
            return False
        values = dict(project_id=self.project_id, organization_id=org_id)
        text = _("Add implementing organization {name}").format(name=self._org_name(org_id))
        if self._push("project-implementers", PartCreate(self.db, "project-implementers", values, text)):
            self.implementer_picker.setEditText("")
            return True
        return False

    def add_mandate(self) -> bool:
        item_id = self._picked(self.mandate_picker, self.mandates)
        if item_id is None:
            return False
        values = dict(project_id=self.project_id, item_id=item_id)
        text = _("Add mandate item {item}").format(item=item_label(self.db, item_id)[0])
        if self._push("project-mandates", PartCreate(self.db, "project-mandates", values, text)):
            self.mandate_picker.setEditText("")
            return True
        return False

    def _money(self, amount_text: str, currency_text: str, box: _PartBox):
        """(amount, currency) checked, or None after showing what is wrong."""
        try:
            amount = parse_amount(amount_text)
        except ValueError:
            box.show_error(_("The amount must be a number, e.g. 12500.50."))
            return None
        currency = currency_text.strip().upper() or None
        if currency is not None and not CURRENCY.match(currency):
            box.show_error(_("The currency must be three letters, e.g. EUR."))
            return None
        return amount, currency

    def add_funder(self) -> bool:
        money = self._money(self.amount_edit.text(), self.currency_edit.text(), self.funders)
        if money is None:
            return False
        org_id = self._picked(self.funder_picker, self.funders)
        if org_id is None:
            return False
        values = dict(project_id=self.project_id, organization_id=org_id, amount=money[0], currency=money[1])
        text = _("Add funder {name}").format(name=self._org_name(org_id))
        if self._push("project-funders", PartCreate(self.db, "project-funders", values, text)):
            self.funder_picker.setEditText("")
            self.amount_edit.clear()
            self.currency_edit.clear()
            return True
        return False

    def _funder_edited(self, item: QTableWidgetItem) -> None:
        row = item.row()
        records = self.records["project-funders"]
        if not 0 <= row < len(records) or item.column() not in (1, 2):
            return
        self.set_funder_money(
            row, self.funder_table.item(row, 1).text(), self.funder_table.item(row, 2).text()
        )

    def set_funder_money(self, row: int, amount_text: str, currency_text: str) -> bool:
        """Write a funder's amount and currency (the table's cells call this)."""
        record = self.records["project-funders"][row]
        money = self._money(amount_text, currency_text, self.funders)
        if money is None:
            self.reload()  # the cells show the stored values again
            return False
        before = {"amount": record.get("amount"), "currency": record.get("currency")}
        after = {"amount": money[0], "currency": money[1]}
        if before == after:
            self.reload()
            return True
        text = _("Change funding by {name}").format(name=self._org_name(record["organization_id"]))
        command = PartUpdate(
            self.db, "project-funders", record["id"], before, after, record.get("version"), text
        )
        ok = self._push("project-funders", command)
        self.reload()
        return ok

    def add_publication(self) -> bool:
        title = self.publication_title.text().strip()
        if not title:
            self.publications.show_error(_("Type the title of the publication."))
            self.publication_title.setFocus()
            return False
        year_text = self.publication_year.text().strip()
        if year_text and not (year_text.isdigit() and 1900 <= int(year_text) <= 2100):
            self.publications.show_error(_("The year must be a number like 2019."))
            return False
        values = dict(
            project_id=self.project_id,
            title=title,
            language=self.publication_language.currentData(),
            year=int(year_text) if year_text else None,
        )
        text = _("Add publication “{title}”").format(title=title[:60])
        if self._push("publications", PartCreate(self.db, "publications", values, text)):
            self.publication_title.clear()
            self.publication_year.clear()
            self.publication_language.setCurrentIndex(0)
            return True
        return False

    def remove_selected(self, kind: str) -> bool:
        box = self.boxes[kind]
        rows = box.view.selectionModel().selectedRows() or box.view.selectionModel().selectedIndexes()
        if not rows:
            return False
        return self.remove(kind, rows[0].row())

    def remove(self, kind: str, row: int) -> bool:
        record = self.records[kind][row]
        names = {
            "project-implementers": lambda r: _("Remove implementing organization {name}").format(
                name=self._org_name(r["organization_id"])
            ),
            "project-funders": lambda r: _("Remove funder {name}").format(
                name=self._org_name(r["organization_id"])
            ),
            "project-mandates": lambda r: _("Remove mandate item {item}").format(
                item=item_label(self.db, r["item_id"])[0]
            ),
            "publications": lambda r: _("Remove publication “{title}”").format(title=r["title"][:60]),
        }
        command = PartDelete(self.db, kind, record["id"], record.get("version"), names[kind](record))
        return self._push(kind, command)

    def _org_name(self, org_id: int) -> str:
        return options(self.db, "organizations").label(org_id).split(" — ")[0]


def new_project_hint(parent=None) -> QLabel:
    """What a new project's form says instead of the parts."""
    label = QLabel(_("Save the project first to add its parts."), parent)
    label.setObjectName("partsHint")
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #5f6368; font-style: italic; }")
    return label
