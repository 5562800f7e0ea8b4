"""The import wizard's last page: what an import did (read, imported, rejected, duplicates),
its message, and the first rejected rows, with the full rejects report to open or export again.

Split out of app/import_wizard.py, which leads through file, mapping and progress and hands
the engine's ImportResult (or a failure) to this page. The page runs its queries on the
wizard's task runners, so the wizard's Cancel stops them too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.formatting import count_text
from app.models import DataFrameModel
from app.worker import TaskRunner

REJECTS_SHOWN = 200


class ImportSummary(QWidget):
    """`show_result(result)` after an import ran, `show_failure(message)` when it did not."""

    def __init__(self, context, *, runner: TaskRunner, rejects_runner: TaskRunner, source: Path,
                 show_error: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.runner, self.rejects_runner = context, runner, rejects_runner
        self.source, self.show_error = Path(source), show_error
        self.result = None
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for col, (key, title, tip) in enumerate((
                ("rows", self.tr("Read"), self.tr("Data rows in the file (the header not counted)")),
                ("ok", self.tr("Imported"), self.tr("Rows stored as new contacts / receipts")),
                ("rejected", self.tr("Rejected"), self.tr("Rows with no usable key or that the parser refused; "
                                                          "each is in the rejects report")),
                ("duplicates", self.tr("Duplicates"), self.tr("Rows whose phones, e-mail, card and CRM id were all "
                                                              "known before, together in one stored row; not stored "
                                                              "again")))):
            title_label = QLabel(title)
            title_label.setObjectName("kpiTitle")
            value = QLabel("—")
            value.setObjectName("kpiValue")
            value.setToolTip(tip)
            title_label.setToolTip(tip)
            grid.addWidget(title_label, 0, col)
            grid.addWidget(value, 1, col)
            self.values[key] = value
        layout.addLayout(grid)
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        self.open_rejects_button = QPushButton(self.tr("Open rejects report"))
        self.export_rejects_button = QPushButton(self.tr("Export rejects as CSV…"))
        buttons.addWidget(self.open_rejects_button)
        buttons.addWidget(self.export_rejects_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.rejects_label = QLabel()
        layout.addWidget(self.rejects_label)
        self.rejects_model = DataFrameModel()
        self.rejects_table = QTableView()
        self.rejects_table.setModel(self.rejects_model)
        self.rejects_table.verticalHeader().setVisible(False)
        self.rejects_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rejects_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.rejects_table, 1)
        self.open_rejects_button.clicked.connect(self.open_rejects)
        self.export_rejects_button.clicked.connect(self.choose_export_rejects)

    def show_failure(self, message: str) -> None:
        self.message.setText(message)
        self._set_rejects_buttons(False)

    def show_result(self, result, *, cancel_came_too_late: bool = False) -> None:
        """The counts, message and rejects of an import that ran (imported, skipped or refused)."""
        self.result = result
        d = result.details
        for key, label in self.values.items():
            default = {"rows": result.rows_in, "ok": result.rows_ok, "rejected": result.rows_rejected}.get(key, 0)
            label.setText(count_text(d.get(key, default)))
        too_late = ""
        if cancel_came_too_late:
            too_late = "<br>" + self.tr("Cancel came too late: the import had already been saved in the "
                                        "workspace. It stays imported.")
        self.message.setText(f"<b>{result.status}</b> — {result.message}{too_late}")
        extra = []
        if d.get("values_dropped"):
            extra.append(self.tr("%1 single values dropped from otherwise good rows (in the rejects report)")
                         .replace("%1", count_text(d["values_dropped"])))
        if d.get("extra_phones"):
            extra.append(self.tr("%1 further phones kept from the other phone columns (they link the same person)")
                         .replace("%1", count_text(d["extra_phones"])))
        if d.get("ignored_columns"):
            extra.append(self.tr("Ignored columns: %1").replace("%1", ", ".join(d["ignored_columns"])))
        self.details.setText("<br>".join(extra))
        has_rejects = result.status == "imported" and bool(d.get("reject_entries") or result.rows_rejected)
        self._set_rejects_buttons(has_rejects)
        self.rejects_table.setVisible(has_rejects)
        self.rejects_label.setVisible(has_rejects)
        if has_rejects:
            self._load_rejects(result.import_id)

    def _load_rejects(self, import_id: int) -> None:
        """The first rejects of this import (the full report is the CSV)."""
        def load(w, _p, _c):
            frame = w.con.execute(
                "SELECT line, column_name AS column, value, reason FROM import_rejects WHERE import_id = ? "
                "ORDER BY line, column_name NULLS FIRST LIMIT ?", [import_id, REJECTS_SHOWN + 1]).df()
            return frame

        def show(frame) -> None:
            more = len(frame) > REJECTS_SHOWN
            self.rejects_model.set_frame(frame.head(REJECTS_SHOWN).rename(columns={
                "line": self.tr("Line"), "column": self.tr("Column"), "value": self.tr("Value"),
                "reason": self.tr("Reason")}))
            where = self.result.details.get("rejects_file")
            text = self.tr("Rejected rows and dropped values") + (
                self.tr(" (the first %1)").replace("%1", str(REJECTS_SHOWN)) if more else "")
            if where:
                text += " — " + self.tr("full report: %1").replace("%1", where)
            self.rejects_label.setText(text)
            self.rejects_label.setToolTip(where or "")

        self.rejects_runner.run(self.tr("Loading the rejects"), load, workspace=self.context.workspace, on_done=show,
                                quiet=True)

    def _set_rejects_buttons(self, enabled: bool) -> None:
        self.open_rejects_button.setEnabled(enabled and bool(self.result and self.result.details.get("rejects_file")))
        self.export_rejects_button.setEnabled(enabled)

    def open_rejects(self) -> None:
        path = self.result.details.get("rejects_file") if self.result else None
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def choose_export_rejects(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export rejects"), f"{self.source.stem}-rejects.csv",
                                              self.tr("CSV (*.csv)"))
        if path:
            self.export_rejects(Path(path))

    def export_rejects(self, path: Path) -> None:
        from engine.crm.crm_import import export_rejects

        import_id = self.result.import_id
        self.runner.run(self.tr("Exporting rejects"), lambda w, _p, _c: export_rejects(w, import_id, path),
                        workspace=self.context.workspace, done_message=lambda p: self.tr("Rejects written to %1")
                        .replace("%1", str(p)), on_error=lambda e: self.show_error(e.message))
