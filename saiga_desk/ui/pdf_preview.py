"""A readable PDF preview: the pages fit the width by default, zoom in and out, fit the whole page, and go
from page to page (buttons, the page box, PgUp/PgDn in the view)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

from saiga_desk.i18n import _
from saiga_desk.ui.icons import icon

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class PdfPreview(QWidget):
    """``PdfPreview(parent)``: ``document`` (a QPdfDocument) shown in ``view`` under a small tool row."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self, objectName="pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        def button(name: str, text: str, tip: str, slot, icon_name: str, shortcut=None) -> QToolButton:
            b = QToolButton(self, objectName=name)
            b.setText(text)
            b.setIcon(icon(icon_name))
            b.setToolTip(tip if shortcut is None else f"{tip} ({QKeySequence(shortcut).toString()})")
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            b.setAutoRaise(True)
            b.clicked.connect(lambda _checked=False: slot())
            if shortcut is not None:
                QShortcut(QKeySequence(shortcut), self, activated=slot)
            return b

        self.fit_width_button = button("fitWidth", _("Fit width"), _("Fit the page width"), self.fit_width,
                                       "fit-width")  # fmt: skip
        self.fit_page_button = button("fitPage", _("Whole page"), _("Show whole pages"), self.fit_page,
                                      "fit-page")  # fmt: skip
        self.zoom_out_button = button("zoomOut", _("Zoom out"), _("Zoom out"), self.zoom_out, "zoom-out",
                                      QKeySequence.StandardKey.ZoomOut)  # fmt: skip
        self.zoom_in_button = button("zoomIn", _("Zoom in"), _("Zoom in"), self.zoom_in, "zoom-in",
                                     QKeySequence.StandardKey.ZoomIn)  # fmt: skip
        self.zoom_label = QLabel("", self, objectName="zoomLabel")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("0000 %"))
        self.prev_button = button("previousPage", _("Previous page"), _("Previous page"), self.previous_page,
                                  "page-up")  # fmt: skip
        self.next_button = button("nextPage", _("Next page"), _("Next page"), self.next_page, "page-down")
        self.page_box = QSpinBox(self, objectName="pageBox")
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda n: self.go_to(n - 1))
        self.of_label = QLabel("", self, objectName="pageCountLabel")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.fit_width_button, self.fit_page_button, self.zoom_out_button, self.zoom_label,
                  self.zoom_in_button):  # fmt: skip
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(QLabel(_("Page"), self))
        for w in (self.prev_button, self.page_box, self.of_label, self.next_button):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)

        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        # QPdfDocument emits statusChanged while it holds its lock: read it only once the event is over
        self.document.statusChanged.connect(lambda *_a: QTimer.singleShot(0, self._document_changed))
        self._document_changed()

    def load(self, path) -> QPdfDocument:
        """Show the PDF at ``path`` in place of the shown one."""
        self.document.close()
        self.document.load(str(path))
        return self.document

    # ------------------------------------------------------------------ zoom
    def zoom(self) -> float:
        return self.view.zoomFactor()

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor)))

    def zoom_in(self) -> None:
        now = self._effective_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self._effective_zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    def _effective_zoom(self) -> float:
        """The factor shown now (while the view fits the width or the page, the one it last used)."""
        return self.view.zoomFactor()

    def _show_zoom(self, *_args) -> None:
        mode = self.view.zoomMode()
        self.zoom_label.setText(f"{round(self._effective_zoom() * 100)} %")
        self.fit_width_button.setDown(mode == QPdfView.ZoomMode.FitToWidth)
        self.fit_page_button.setDown(mode == QPdfView.ZoomMode.FitInView)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_zoom()

    # ------------------------------------------------------------------ pages
    def page_count(self) -> int:
        return max(0, self.document.pageCount())

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, index: int) -> None:
        if 0 <= index < self.page_count() and index != self.current_page():
            self.view.pageNavigator().jump(index, QPointF(), self.view.pageNavigator().currentZoom())

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def _show_page(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < self.page_count())

    def _document_changed(self, *_args) -> None:
        if self.document.status() not in (QPdfDocument.Status.Ready, QPdfDocument.Status.Null):
            return
        count = self.page_count()
        self.page_box.setMaximum(max(1, count))
        self.page_box.setEnabled(count > 1)
        self.of_label.setText(_("of {pages}").format(pages=count) if count else "")
        self._show_page(max(0, self.current_page()))
        self._show_zoom()


def print_pages(document, printer) -> int | None:
    """Render the pages of ``document`` (a QPdfDocument) in the printer's page range onto ``printer``;
    the number printed, or None when the printer could not be started."""
    count = document.pageCount()
    if count <= 0:
        return 0
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        first, last = 1, count
    last = min(last or count, count)
    painter = QPainter()
    if not painter.begin(printer):
        return None
    printed = 0
    try:
        dpi = printer.resolution()
        for index in range(first - 1, last):
            if printed:
                printer.newPage()
            size_pt = document.pagePointSize(index)
            rect = printer.pageRect(QPrinter.Unit.DevicePixel)
            scale = min(rect.width() / size_pt.width(), rect.height() / size_pt.height())
            w, h = int(size_pt.width() * scale), int(size_pt.height() * scale)
            # render at the printer resolution, capped so a huge page never needs gigabytes
            px = min(dpi / 72.0, 4.0)
            image = document.render(index, QSize(int(size_pt.width() * px), int(size_pt.height() * px)))
            painter.drawImage(QRectF(QPointF(0, 0), QRectF(0, 0, w, h).size()), image)
            printed += 1
    finally:
        painter.end()
    return printed

