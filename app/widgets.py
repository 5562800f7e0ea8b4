"""Small widgets every screen shares: context bar, KPI tile, empty state, error dialog."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFrame,
                               QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from app.context import AppContext, Period


class ContextBar(QFrame):
    """Workspace · site · period, the same on every analytical screen."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("contextBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.workspace_label = QLabel()
        self.workspace_label.setObjectName("workspaceLabel")
        self.site_combo = QComboBox()
        self.site_combo.setMinimumWidth(180)
        self.all_time = QCheckBox(self.tr("All time"))
        self.all_time.setChecked(True)
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        today = QDate.currentDate()
        self.start_edit.setDate(today.addDays(-29))
        self.end_edit.setDate(today)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        layout.addWidget(self.workspace_label, 1)
        layout.addWidget(QLabel(self.tr("Site:")))
        layout.addWidget(self.site_combo)
        layout.addSpacing(12)
        layout.addWidget(QLabel(self.tr("Period:")))
        layout.addWidget(self.all_time)
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end_edit)
        self.site_combo.currentIndexChanged.connect(self._apply)
        self.all_time.toggled.connect(self._toggle_all_time)
        self.start_edit.dateChanged.connect(self._apply)
        self.end_edit.dateChanged.connect(self._apply)
        context.workspace_changed.connect(self.reload)
        context.data_changed.connect(lambda tables: "sites" in tables and self.reload(context.workspace))
        self.reload(context.workspace)

    def reload(self, ws) -> None:
        """Fill the site list from the workspace (a tiny query, fine on the GUI thread)."""
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        self.site_combo.addItem(self.tr("All sites"), ())
        if ws is None:
            self.workspace_label.setText(self.tr("No workspace open"))
        else:
            mode = self.tr(" (read-only)") if ws.read_only else ""
            self.workspace_label.setText(f"<b>{ws.path.name}</b>{mode}")
            self.workspace_label.setToolTip(str(ws.path))
            for site in ws.sites():
                self.site_combo.addItem(site["name"], (site["site_id"],))
            self.site_combo.setCurrentIndex(self.index_of_sites(self.context.site_ids))
        self.site_combo.blockSignals(False)

    def index_of_sites(self, site_ids: tuple[int, ...]) -> int:
        """Combo index of a site selection (findData compares Python objects by identity)."""
        for i in range(self.site_combo.count()):
            if tuple(self.site_combo.itemData(i) or ()) == tuple(site_ids):
                return i
        return 0

    def _toggle_all_time(self, checked: bool) -> None:
        self.start_edit.setEnabled(not checked)
        self.end_edit.setEnabled(not checked)
        self._apply()

    def _apply(self) -> None:
        if self.all_time.isChecked():
            period = Period()
        else:
            start, end = self.start_edit.date(), self.end_edit.date()
            if start > end:  # the other end follows the one moved: never a period that ends first
                moved_end = self.sender() is self.end_edit
                follower = self.start_edit if moved_end else self.end_edit
                follower.blockSignals(True)
                follower.setDate(end if moved_end else start)
                follower.blockSignals(False)
                start, end = (end, end) if moved_end else (start, start)
            period = Period(start.toPython(), end.toPython())
        self.context.set_filters(tuple(self.site_combo.currentData() or ()), period)

    def set_dates(self, start: date, end: date) -> None:
        """Fill the date pickers without leaving "All time"."""
        for edit, value in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value))
            edit.blockSignals(False)

    def set_period(self, start: date, end: date) -> None:
        self.start_edit.setDate(QDate(start))
        self.end_edit.setDate(QDate(end))
        self.all_time.setChecked(False)


class KpiTile(QFrame):
    """A big number with its definition on hover."""

    def __init__(self, title: str, definition: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(definition)
        layout = QVBoxLayout(self)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("kpiTitle")
        self.title_label.setWordWrap(True)
        self.value_label = QLabel("—")
        self.value_label.setObjectName("kpiValue")
        self.note_label = QLabel("")
        self.note_label.setObjectName("kpiNote")
        for label in (self.title_label, self.value_label, self.note_label):
            layout.addWidget(label)

    def set_value(self, value: str, note: str = "") -> None:
        self.value_label.setText(value)
        self.note_label.setText(note)


class EmptyState(QLabel):
    """What to do next when there is nothing to show."""

    def __init__(self, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setObjectName("emptyState")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)


class ErrorDialog(QDialog):
    """The message up front; details expandable and copyable."""

    def __init__(self, title: str, message: str, details: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(message)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        self.details = QPlainTextEdit(details or message)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        toggle = QPushButton(self.tr("Details…"))
        toggle.setCheckable(True)
        toggle.toggled.connect(self.details.setVisible)
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{message}\n\n{details}"))
        buttons.addButton(toggle, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Destructive actions ask once, clearly."""
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


class Signalling(QWidget):
    """Base for screens: `status` messages go to the window's notification area."""
    status = Signal(str, str)  # level, message


def data_table(model=None) -> QTableView:
    """A read-only table of a small, already fetched frame: columns fit their contents."""
    view = QTableView()
    if model is not None:
        view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return view


def debounce(parent: QWidget, signal, slot, msecs: int = 250) -> QTimer:
    """Call `slot` once `signal` has been quiet for `msecs` (as-you-type filters, zoom)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(msecs)
    timer.timeout.connect(slot)
    signal.connect(lambda *_: timer.start())
    return timer
