"""The base of every screen: context, a task runner of its own, refresh on change."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.context import AppContext
from app.worker import TaskMonitor, TaskRunner


class View(QWidget):
    NAME = ""
    TITLE = ""
    # tables whose change makes this screen refresh (empty = any change)
    WATCHES: frozenset[str] = frozenset()

    def __init__(self, context: AppContext, monitor: TaskMonitor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"view_{self.NAME}")
        self.context = context
        self.monitor = monitor
        self.runner = TaskRunner(monitor, self)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(12, 8, 12, 8)
        self._stale = True
        context.workspace_changed.connect(lambda _ws: self.mark_stale())
        context.filters_changed.connect(self.mark_stale)
        context.data_changed.connect(self._on_data_changed)

    @classmethod
    def title(cls) -> str:
        """TITLE is marked with QT_TRANSLATE_NOOP("Views", …) so lupdate collects it."""
        return QCoreApplication.translate("Views", cls.TITLE)

    def _on_data_changed(self, tables: set[str]) -> None:
        if not self.WATCHES or tables & self.WATCHES:
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_if_stale()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        """Ask the engine (through self.runner) for what this screen shows."""

    def export_current(self) -> None:
        """Ctrl+E: export what this screen shows (screens that can, override)."""

    def focus_filter(self) -> None:
        """Ctrl+F: focus the filter of this screen's table (screens with one override)."""
