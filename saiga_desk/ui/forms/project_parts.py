"""The parts of a project: implementing organizations, funders, mandate items and publications.

``ProjectParts(db, project_id, undo_stack=None)`` is the "Parts" tab of the project form: four compact
lists, each with a type-ahead picker (the reference pickers of the form), Add and Remove; funders' amount
and currency are edited in place. Every change is an undo command on the form's undo stack (run directly
when there is none); the Projects table shows the new implementers and funders because its listing
shows the parts a project owns (``core.listing_kinds``). The services' refusals (a duplicate implementer or mandate item) are shown
under the list concerned.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from saiga_desk.core import models as m
from saiga_desk.core import services as sv
from saiga_desk.core.changes import Changes
from saiga_desk.core.errors import SaigaError
from saiga_desk.core.listing_kinds import owned_parts
from saiga_desk.i18n import _
from saiga_desk.ui.forms.fields import ReferencePicker
from saiga_desk.ui.forms.project_part_boxes import (
    CURRENCY,
    PartBox,
    format_amount,
    item_label,
    parse_amount,
    part_picker,
    resolve,
)
from saiga_desk.ui.forms.references import options, touched_sources
from saiga_desk.ui.signals import hub
from saiga_desk.ui.undo import CreateCommand, DeleteCommand, UpdateCommand, push

# the parts deleted with their project (from the model's ON DELETE CASCADE keys)
PART_KINDS = tuple(kind for kind, _key in owned_parts("projects"))


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
        self.implementers = PartBox(_("Implementing organizations"), "implementers", self)
        self.implementer_picker = part_picker(options(db, "organizations"), self.implementers, "implementers")
        self.implementers.add_row.addWidget(self.implementer_picker, 1)
        self.implementers.finish(self._list())
        self.implementers.add_button.clicked.connect(self.add_implementer)

        # funders
        self.funders = PartBox(_("Funders"), "funders", self)
        self.funder_picker = part_picker(options(db, "organizations"), self.funders, "funders")
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
        self.mandates = PartBox(_("Mandate (work-programme items)"), "mandates", self)
        self.mandate_picker = part_picker(options(db, "work-programme-items"), self.mandates, "mandates")
        self.mandates.add_row.addWidget(self.mandate_picker, 1)
        self.mandates.finish(self._list())
        self.mandates.add_button.clicked.connect(self.add_mandate)

        # publications
        self.publications = PartBox(_("Publications"), "publications", self)
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
        hub.watch(db)
        hub.changed.connect(self._data_changed)

    def _list(self) -> QListWidget:
        view = QListWidget(self)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        return view

    # ------------------------------------------------------------------ reading
    def _data_changed(self, changes: Changes) -> None:
        if changes.touches({*PART_KINDS, "organizations", "work-programmes", "work-programme-items"}):
            try:
                self.reload()
            except RuntimeError:  # the form was closed
                pass
        touched = touched_sources(changes)
        if "organizations" in touched:
            self.implementer_picker.set_options(options(self.db, "organizations"))
            self.funder_picker.set_options(options(self.db, "organizations"))
        if "work-programme-items" in touched:
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

    def _picked(self, picker: ReferencePicker, box: PartBox) -> int | None:
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
        if self._push("project-implementers", CreateCommand(self.db, "project-implementers", values, text)):
            self.implementer_picker.setEditText("")
            return True
        return False

    def add_mandate(self) -> bool:
        item_id = self._picked(self.mandate_picker, self.mandates)
        if item_id is None:
            return False
        values = dict(project_id=self.project_id, item_id=item_id)
        text = _("Add mandate item {item}").format(item=item_label(self.db, item_id)[0])
        if self._push("project-mandates", CreateCommand(self.db, "project-mandates", values, text)):
            self.mandate_picker.setEditText("")
            return True
        return False

    def _money(self, amount_text: str, currency_text: str, box: PartBox):
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
        if self._push("project-funders", CreateCommand(self.db, "project-funders", values, text)):
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
        command = UpdateCommand(
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
        if self._push("publications", CreateCommand(self.db, "publications", values, text)):
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
        command = DeleteCommand(self.db, kind, record["id"], record.get("version"), names[kind](record))
        return self._push(kind, command)

    def _org_name(self, org_id: int) -> str:
        return options(self.db, "organizations").label(org_id).split(" — ")[0]
