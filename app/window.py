"""The main window: navigation by task, the shared context bar, screens, status bar."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QProgressBar, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.context import AppContext
from app.settings import Settings
from app.views import view_classes
from app.widgets import ContextBar, ErrorDialog
from app.worker import TaskMonitor, TaskRunner
from engine.errors import O2OError, SecretUnavailable
from engine.workspace import SUFFIX, Workspace


class NotificationArea(QPushButton):
    """Finished tasks and warnings; they stay readable after they happen."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFlat(True)
        self.entries: list[tuple[str, str]] = []
        self.clicked.connect(self.show_list)
        self._update()

    def add(self, level: str, message: str) -> None:
        self.entries.append((level, message))
        self._update()

    def _update(self) -> None:
        errors = sum(1 for level, _ in self.entries if level == "error")
        self.setText(self.tr("Notifications: %1").replace("%1", str(len(self.entries)))
                     + (f" (⚠ {errors})" if errors else ""))
        if self.entries:
            self.setToolTip(self.entries[-1][1])

    def show_list(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Notifications"))
        layout = QVBoxLayout(dialog)
        listing = QListWidget()
        for level, message in reversed(self.entries):
            icon = {"error": "⛔", "warning": "⚠"}.get(level, "✓")
            listing.addItem(f"{icon} {message}")
        layout.addWidget(listing)
        dialog.resize(640, 360)
        dialog.exec()


class TaskStatus(QWidget):
    """The running task with its progress and a Cancel button (Esc)."""

    def __init__(self, monitor: TaskMonitor, parent=None):
        super().__init__(parent)
        self.monitor = monitor
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(180)
        self.bar.setRange(0, 1000)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(monitor.cancel_latest)
        for w in (self.label, self.bar, self.cancel):
            layout.addWidget(w)
        monitor.started.connect(lambda _t: self.update_view())
        monitor.progressed.connect(lambda _t: self.update_view())
        monitor.ended.connect(lambda *_: self.update_view())
        self.update_view()

    def update_view(self) -> None:
        task = self.monitor.running[-1] if self.monitor.running else None
        for w in (self.label, self.bar, self.cancel):
            w.setVisible(task is not None)
        if task:
            more = f" (+{len(self.monitor.running) - 1})" if len(self.monitor.running) > 1 else ""
            self.label.setText(f"{task.title}{more}: {task.message}"[:120])
            self.bar.setValue(int(task.fraction * 1000))


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext | None = None, monitor: TaskMonitor | None = None):
        super().__init__()
        self.setWindowTitle("O2O Workstation")
        self.setAcceptDrops(True)
        self.settings = Settings()
        self.context = context or AppContext()
        self.monitor = monitor or TaskMonitor()
        self.runner = TaskRunner(self.monitor, self)
        self.period_runner = TaskRunner(self.monitor, self)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.views = {}
        for name, cls in view_classes():
            view = cls(self.context, self.monitor)
            self.views[name] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(cls.title())
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.context_bar = ContextBar(self.context)
        right_layout.addWidget(self.context_bar)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.task_status = TaskStatus(self.monitor)
        self.notifications = NotificationArea()
        self.statusBar().addPermanentWidget(self.task_status)
        self.statusBar().addPermanentWidget(self.notifications)
        self.monitor.ended.connect(self._task_ended)
        self.context.filters_changed.connect(self._remember_filters)
        self._build_menus()
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)
        if geometry := self.settings.geometry():
            self.restoreGeometry(geometry)

    # --- menus and shortcuts ------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New workspace…"), self.new_workspace, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open workspace…"), self.open_workspace_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Import files…"), self.import_files_dialog, "Ctrl+I")
        self._action(file_menu, self.tr("&Export current view…"), self._export_current, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("&Refresh"), self.refresh_current, "F5")
        self._action(view_menu, self.tr("&Filter table"), self._focus_filter, QKeySequence.StandardKey.Find)
        self._action(view_menu, self.tr("&Cancel running task"), self.monitor.cancel_latest, "Esc")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_workspaces():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_workspace(Path(p)))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def current_view(self):
        return self.stack.currentWidget()

    def show_view(self, name: str) -> None:
        names = list(self.views)
        if name not in names:
            raise O2OError(f"No screen named {name!r}", hint="Screens: " + ", ".join(names))
        self.nav.setCurrentRow(names.index(name))

    def refresh_current(self) -> None:
        self.current_view().refresh()

    def _export_current(self) -> None:
        self.current_view().export_current()

    def _focus_filter(self) -> None:
        self.current_view().focus_filter()

    # --- workspaces ---------------------------------------------------------------------
    def new_workspace(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New workspace"), "", self.tr("O2O workspace (*.o2o)"))
        if path:
            path = Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)
            self.open_workspace(path, create=True)

    def open_workspace_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), "", self.tr("O2O workspace (*.o2o)"))
        if path:
            self.open_workspace(Path(path))

    def open_workspace(self, path: Path, *, create: bool = False) -> bool:
        # Opening is fast (a file open + at most a migration); a slow upgrade shows progress via the
        # status bar once it moves to a task. Errors are shown, never swallowed.
        try:
            try:
                ws = Workspace.open(path, create=create)
            except SecretUnavailable as exc:
                passphrase = create and self.ask_new_passphrase(exc.one_line())
                if not passphrase:
                    raise
                ws = Workspace.open(path, create=True, passphrase=passphrase)
        except O2OError as exc:
            self.show_error(self.tr("Cannot open workspace"), exc.one_line())
            return False
        if ws.secret_mode == "passphrase" and ws.read_only:
            self.unlock_with_passphrase(ws)
        self.set_workspace(ws)
        return True

    def ask_new_passphrase(self, reason: str) -> str | None:
        """No usable keyring: protect the new workspace's secret with a passphrase instead."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        label = reason + "\n\n" + self.tr("Type a passphrase to protect this workspace's hashing secret:")
        first, ok = QInputDialog.getText(self, self.tr("Protect the workspace"), label, QLineEdit.EchoMode.Password)
        if not ok or not first:
            return None
        second, ok = QInputDialog.getText(self, self.tr("Protect the workspace"), self.tr("Type it again:"),
                                          QLineEdit.EchoMode.Password)
        if not ok or second != first:
            self.show_error(self.tr("Protect the workspace"), self.tr("The passphrases differ; nothing was created."))
            return None
        return first

    def unlock_with_passphrase(self, ws: Workspace) -> None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        passphrase, ok = QInputDialog.getText(self, self.tr("Unlock workspace"), ws.read_only_reason,
                                              QLineEdit.EchoMode.Password)
        if ok and passphrase:
            try:
                ws.unlock(passphrase)
            except O2OError as exc:
                self.notifications.add("warning", exc.one_line())

    def set_workspace(self, ws: Workspace) -> None:
        self.settings.remember_workspace(ws.path)
        self.context.set_workspace(ws)
        self._restore_filters(ws)
        self.setWindowTitle(f"{ws.path.name} — O2O Workstation")
        if ws.read_only_reason:
            self.notifications.add("warning", ws.read_only_reason)

    def _filters_key(self) -> str | None:
        ws = self.context.workspace
        return f"filters/{ws.id}" if ws else None

    def _remember_filters(self) -> None:
        """Last site and period are remembered per workspace."""
        if key := self._filters_key():
            period = self.context.period
            self.settings.set(key, {"sites": list(self.context.site_ids),
                                    "start": period.start.isoformat() if period.start else "",
                                    "end": period.end.isoformat() if period.end else ""})

    def _restore_filters(self, ws: Workspace) -> None:
        from datetime import date

        saved = self.settings.get(f"filters/{ws.id}")
        if not isinstance(saved, dict):
            self._default_period(ws)
            return
        known = {s["site_id"] for s in ws.sites()}
        sites = [int(s) for s in (saved.get("sites") or []) if int(s) in known]
        self.context_bar.site_combo.setCurrentIndex(self.context_bar.index_of_sites(tuple(sites)))
        if saved.get("start") and saved.get("end"):
            self.context_bar.set_period(date.fromisoformat(saved["start"]), date.fromisoformat(saved["end"]))

    def _default_period(self, ws: Workspace) -> None:
        """Before the analyst picks a period, the date pickers show the data's own range."""
        from engine.overview import data_period

        def apply(period) -> None:
            if period and self.context.workspace is ws and self.context.period.start is None:
                self.context_bar.set_dates(*period)

        self.period_runner.run(self.tr("Reading the data period"), lambda w, p, c: data_period(w), workspace=ws,
                        on_done=apply, quiet=True)

    # --- importing by drop --------------------------------------------------------------
    def import_files_dialog(self) -> None:
        self.show_view("import")
        self.views["import"].choose_files()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.drop_files(paths)
        event.acceptProposedAction()

    def drop_files(self, paths: list[Path]) -> None:
        """A dropped workspace opens; any other file goes to the Import screen (routed by content)."""
        workspaces = [p for p in paths if p.suffix == SUFFIX]
        others = [p for p in paths if p.suffix != SUFFIX]
        if workspaces:
            self.open_workspace(workspaces[0])
        if others:
            self.show_view("import")
            self.views["import"].add_files(others)

    # --- status -------------------------------------------------------------------------
    def _task_ended(self, task, level: str, message: str) -> None:
        if message:
            self.notifications.add(level, message)
            self.statusBar().showMessage(message, 8000)

    def show_error(self, title: str, message: str, details: str = "") -> None:
        self.notifications.add("error", f"{title}: {message}")
        ErrorDialog(title, message, details, self).open()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.save_geometry(self.saveGeometry(), self.saveState())
        self.monitor.cancel_all()
        self.monitor.wait(10000)
        self.context.set_workspace(None)  # closes the DuckDB connection
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self._retitle)

    def _retitle(self) -> None:
        for i, (name, cls) in enumerate(view_classes()):
            self.nav.item(i).setText(cls.title())
