"""Import: pick or drop files (several at once), assign site/sensor, watch, read results."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem)

from app.formatting import count_text, thin
from app.import_wizard import ImportWizard
from app.views.base import View
from app.widgets import EmptyState
from engine.imports.batch import SITE_KINDS, import_files
from engine.imports.sniff import sniff

COLUMNS = [
    ("file", QT_TRANSLATE_NOOP("ImportView", "File")),
    ("kind", QT_TRANSLATE_NOOP("ImportView", "Kind")),
    ("site", QT_TRANSLATE_NOOP("ImportView", "Site")),
    ("status", QT_TRANSLATE_NOOP("ImportView", "Status")),
    ("frames", QT_TRANSLATE_NOOP("ImportView", "Frames / rows")),
    ("probe_requests", QT_TRANSLATE_NOOP("ImportView", "Probe requests")),
    ("devices", QT_TRANSLATE_NOOP("ImportView", "Devices")),
    ("randomized", QT_TRANSLATE_NOOP("ImportView", "Randomized")),
    ("truncated", QT_TRANSLATE_NOOP("ImportView", "Truncated")),
    ("rejected", QT_TRANSLATE_NOOP("ImportView", "Rejected")),
    ("message", QT_TRANSLATE_NOOP("ImportView", "Message")),
]
COL = {key: i for i, (key, _) in enumerate(COLUMNS)}
FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportView", "All supported (*.pcap *.pcapng *.cap *.dump *.gz *.csv *.txt *.kismet *.kismetdb *.json *.xlsx);;All files (*)")


def _blank_or_count(value) -> str:
    return thin(value, empty="")


class ImportView(View):
    NAME = "import"
    TITLE = QT_TRANSLATE_NOOP("Views", "Import")
    WATCHES = frozenset({"sites", "sensors"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.paths: list[Path] = []
        controls = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add files…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.site_combo = QComboBox()
        self.site_combo.setEditable(True)
        self.site_combo.setMinimumWidth(200)
        self.site_combo.lineEdit().setPlaceholderText(self.tr("site (new name creates it)"))
        self.sensor_edit = QLineEdit()
        self.sensor_edit.setPlaceholderText(self.tr("sensor (default)"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        controls.addWidget(self.add_button)
        controls.addWidget(self.remove_button)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("Site for captures:")))
        controls.addWidget(self.site_combo)
        controls.addWidget(QLabel(self.tr("Sensor:")))
        controls.addWidget(self.sensor_edit)
        controls.addStretch(1)
        controls.addWidget(self.import_button)
        controls.addWidget(self.cancel_button)
        self.body.addLayout(controls)
        self.empty = EmptyState(self.tr(
            "No files chosen — drop .pcap/.pcapng captures, airodump-ng CSV, Kismet logs, CRM exports "
            "or receipts here, or click “Add files…”."))
        self.body.addWidget(self.empty)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(title) for _, title in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.body.addWidget(self.table, 1)
        self.summary = QLabel()
        self.body.addWidget(self.summary)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.runner.busy_changed.connect(self._busy)
        self._update_empty()

    # --- files ------------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.context.workspace
        current = self.site_combo.currentText()
        self.site_combo.clear()
        if ws is not None:
            self.site_combo.addItems([s["name"] for s in ws.sites()])
        if current:
            self.site_combo.setCurrentText(current)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"), "", self.tr(FILE_FILTER))
        self.add_files([Path(f) for f in files])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            path = Path(path)
            if path in self.paths or not path.is_file():
                continue
            self.paths.append(path)
            row = self.table.rowCount()
            self.table.insertRow(row)
            self._set(row, "file", path.name, tooltip=str(path))
            self._set(row, "kind", sniff(path))
            self._set(row, "status", self.tr("ready"))
        self._update_empty()

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
            del self.paths[row]
        self._update_empty()

    def _update_empty(self) -> None:
        self.empty.setVisible(not self.paths)
        self.table.setVisible(bool(self.paths))

    def _set(self, row: int, key: str, text, tooltip: str | None = None) -> None:
        item = QTableWidgetItem("" if text is None else str(text))
        if key not in ("file", "kind", "site", "status", "message"):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if tooltip or key == "message":
            item.setToolTip(tooltip or str(text))
        self.table.setItem(row, COL[key], item)

    # --- importing ----------------------------------------------------------------------
    def start_import(self) -> None:
        ws = self.context.workspace
        pending = [i for i in range(len(self.paths))
                   if self.table.item(i, COL["status"]).text() not in ("imported", "skipped")]
        pending = self.wizard_takes_tables(pending)  # CRM/receipt tables: mapping wizard (app/import_wizard.py)
        if ws is None or not pending:
            return
        site = self.site_combo.currentText().strip() or None
        kinds = [self.table.item(i, COL["kind"]).text() for i in pending]
        if site is None and any(k in SITE_KINDS for k in kinds):
            self.summary.setText(self.tr("Choose or type the site these captures come from."))
            self.site_combo.setFocus()
            return
        sensor = self.sensor_edit.text().strip() or None
        jobs = [(self.paths[i], {"kind": kinds[n], "site": site, "sensor": sensor}) for n, i in enumerate(pending)]
        for n, i in enumerate(pending):
            self._set(i, "status", self.tr("waiting"))
            if kinds[n] in SITE_KINDS:
                self._set(i, "site", site)
        self._pending = pending

        def on_progress(fraction: float, message: str) -> None:
            index = min(int(fraction * len(pending)), len(pending) - 1)
            self._set(pending[index], "status", f"{fraction * len(pending) - index:.0%}")

        self.runner.run(self.tr("Importing %n file(s)", "", len(jobs)),
                        lambda w, progress, cancel: import_files(w, jobs, progress=progress, cancel=cancel),
                        workspace=ws, on_done=self.show_results, on_progress=on_progress,
                        done_message=lambda results: self._summary_text(results))

    def _summary_text(self, results) -> str:
        counts: dict[str, int] = {}
        for r in results:
            counts[r.status] = counts.get(r.status, 0) + 1
        return self.tr("Import finished: ") + ", ".join(f"{n} {status}" for status, n in counts.items())

    def show_results(self, results) -> None:
        for row, result in zip(self._pending, results):
            d = result.details
            self._set(row, "status", result.status)
            self._set(row, "frames", _blank_or_count(d.get("frames", result.rows_in)))
            self._set(row, "probe_requests", _blank_or_count(d.get("probe_requests")))
            self._set(row, "devices", _blank_or_count(d.get("devices")))
            sources = d.get("probe_sources") or 0
            share = f"{d.get('randomized_sources', 0) / sources:.0%}" if sources else ""
            self._set(row, "randomized", share)
            truncated = d.get("truncated")
            self._set(row, "truncated", (self.tr("yes, %1 bytes lost").replace("%1", str(d.get("bytes_lost", 0)))
                                         if truncated else ""))
            # for captures, frames without a transmitter (ACK/CTS) are not rejects: show corrupt + bad FCS
            rejected = (d.get("corrupt_records", 0) + d.get("bad_fcs", 0)) if "frames" in d else result.rows_rejected
            self._set(row, "rejected", _blank_or_count(rejected))
            self._set(row, "message", result.message)
        self.summary.setText(self._summary_text(results))
        self.context.notify_changed({"imports", "sites", "sensors", "detections", "devices",
                                     "contacts", "receipts", "people"})

    def _busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self.import_button.setEnabled(not busy)
        self.add_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy)

    def wizard_takes_tables(self, pending: list[int]) -> list[int]:
        """The Import screen's hook: of its `pending` rows, CRM exports and receipt tables (sniffed
        kind 'crm': CSV/XLSX) go through the wizard, one after another; the other rows are
        returned for the screen's own batch import."""
        if self.context.workspace is None:
            return pending
        tables = [i for i in pending if self.table.item(i, COL["kind"]).text() == "crm"]
        in_wizard = self.tr("mapping…")
        queue = [self.paths[i] for i in tables if self.table.item(i, COL["status"]).text() != in_wizard]

        for path in queue:
            self._set(self.paths.index(path), "status", in_wizard)

        def row_of(path: Path) -> int | None:
            return self.paths.index(path) if path in self.paths else None  # rows may be removed meanwhile

        def show_result(path: Path, result) -> None:
            row = row_of(path)
            if row is None:
                return
            if result is None:
                self._set(row, "status", self.tr("ready"))
                return
            self._set(row, "kind", result.kind)
            self._set(row, "status", result.status)
            self._set(row, "frames", count_text(result.rows_in))
            self._set(row, "rejected", count_text(result.rows_rejected))
            self._set(row, "message", result.message)

        def next_wizard() -> None:
            while queue and row_of(queue[0]) is None:
                queue.pop(0)
            if not queue:
                return
            path = queue.pop(0)
            wizard = ImportWizard(self.context, self.monitor, path, self)
            wizard.import_done.connect(lambda result: show_result(path, result))
            wizard.finished.connect(lambda _code: next_wizard())
            self.import_wizard = wizard  # the one on screen (tests and the window reach it here)
            wizard.open()

        next_wizard()
        return [i for i in pending if i not in tables]


if __name__ == "__main__":  # preview: python -m app.views.import_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(ImportView))
