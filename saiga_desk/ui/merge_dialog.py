"""The merge dialog: two persons or two organizations side by side, one radio button per value.

The officer picks, field by field, which value stays (emails, phones and notes of both are kept
whatever is picked), sees what refers to the record that goes, and merges. The merge is one command
on the window's undo stack: Edit → Undo gives the removed record and its references back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from saiga_desk.core import merges
from saiga_desk.core.errors import SaigaError, StaleEditError
from saiga_desk.core.merge_plan import MULTI, MergePlan
from saiga_desk.i18n import _
from saiga_desk.ui.errors import show_error
from saiga_desk.ui.signals import hub
from saiga_desk.ui.undo import RecordCommand, push

KEPT, OTHER = 0, 1


class MergeCommand(RecordCommand):
    """Merge on redo, undo the merge on undo (``core.merges``)."""

    def __init__(self, db, kind: str, kept_id: int, other_id: int, choices: dict, versions, title: str):
        super().__init__(db, kind, title)
        self.kind, self.kept_id, self.other_id = kind, kept_id, other_id
        self.choices, self.versions = choices, versions
        self.result: merges.MergeResult | None = None

    def apply(self) -> None:
        self.result = merges.merge(self.db, self.kind, self.kept_id, self.other_id, choices=self.choices,
                                   versions=self.versions)  # fmt: skip
        self.versions = None  # a redo after an undo merges the records as they are then
        hub.notify("*")

    def revert(self) -> None:
        merges.undo_merge(self.db, self.result.merge_id)
        hub.notify("*")


class MergeDialog(QDialog):
    def __init__(
        self, db, kind: str, kept_id: int, other_id: int, parent: QWidget | None = None, undo_stack=None
    ):
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.db, self.kind, self.undo_stack = db, kind, undo_stack
        self.setWindowTitle(_("Merge {kind}").format(kind=_(kind)))
        self.resize(860, 640)
        self.plan: MergePlan | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.result: merges.MergeResult | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("merge_intro")
        layout.addWidget(self.intro)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)
        self.refs = QLabel()
        self.refs.setObjectName("merge_references")
        self.refs.setWordWrap(True)
        layout.addWidget(self.refs)
        buttons = QDialogButtonBox()
        self.swap_button = QPushButton(_("Keep the other record"))
        self.swap_button.setObjectName("merge_swap")
        self.swap_button.clicked.connect(self.swap)
        buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button = buttons.addButton(_("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("merge_ok")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load(kept_id, other_id)

    # ------------------------------------------------------------------ the two records
    def load(self, kept_id: int, other_id: int, choices: dict | None = None) -> None:
        self.plan = merges.preview(self.db, self.kind, kept_id, other_id)
        p = self.plan
        self.intro.setText(
            _("Pick the value that stays in each line. “{kept}” (#{kept_id}) is kept; “{other}” (#{other_id}) "
              "is removed and everything that refers to it will refer to the kept one. The merge can be undone "
              "(Edit → Undo, or the command line: merges undo).").format(
                kept=p.kept_title, kept_id=p.kept_id, other=p.other_title, other_id=p.other_id)
        )  # fmt: skip
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for col, text in ((1, _("Kept: #{id} {title}").format(id=p.kept_id, title=p.kept_title)),
                          (2, _("Removed: #{id} {title}").format(id=p.other_id, title=p.other_title))):  # fmt: skip
            head = QLabel(f"<b>{_escape(text)}</b>")
            grid.addWidget(head, 0, col)
        self.groups = {}
        multi = MULTI.get(self.kind, ())
        for row, f in enumerate(p.fields, start=1):
            label = QLabel(_(f.label))
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            group.setObjectName(f"choice_{f.key}")
            for side, text in ((KEPT, f.kept_text), (OTHER, f.other_text)):
                shown = text.replace("\n", " · ")
                button = QRadioButton(_elided(shown).replace("&", "&&") if text else _("(empty)"))
                button.setToolTip(shown)
                button.setObjectName(f"{f.key}_{'kept' if side == KEPT else 'other'}")
                button.setEnabled(f.differs)
                group.addButton(button, side)
                grid.addWidget(button, row, 1 + side)
            take = choices.get(f.key, f.take_other) if choices else f.take_other
            group.button(OTHER if take else KEPT).setChecked(True)
            if f.key in multi and f.differs:
                label.setToolTip(_("Both values are kept: the one not chosen is added to the record too."))
                label.setText(_(f.label) + " ⁺")
            self.groups[f.key] = group
        grid.setRowStretch(len(p.fields) + 1, 1)
        self.scroll.setWidget(grid_host)
        refs = ", ".join(f"{n} {_(label)}" for label, n in sorted(p.references.items()))
        self.refs.setText(
            _("Will refer to the kept record instead: {refs}.").format(refs=refs)
            if refs
            else _("Nothing else refers to the removed record.")
        )

    def choices(self) -> dict[str, bool]:
        return {key: group.checkedId() == OTHER for key, group in self.groups.items()}

    def choose(self, key: str, take_other: bool) -> None:
        self.groups[key].button(OTHER if take_other else KEPT).setChecked(True)

    def swap(self) -> None:
        """Keep the other record instead; every line keeps the value it had chosen."""
        chosen = {key: not other for key, other in self.choices().items()}
        self.load(self.plan.other_id, self.plan.kept_id, chosen)

    # ------------------------------------------------------------------ merging
    def merge(self) -> None:
        p = self.plan
        command = MergeCommand(self.db, self.kind, p.kept_id, p.other_id, self.choices(),
                               (p.kept_version, p.other_version),
                               _("Merge “{other}” into “{kept}”").format(other=p.other_title, kept=p.kept_title))  # fmt: skip
        try:
            push(self.undo_stack, command)
        except StaleEditError as e:
            show_error(self, e, _("Merge"))
            self.load(p.kept_id, p.other_id, self.choices())  # the records as they are now
            return
        except SaigaError as e:
            show_error(self, e, _("Merge"))
            return
        self.result = command.result
        self.accept()


def _elided(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
