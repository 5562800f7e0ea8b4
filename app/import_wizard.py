"""The import wizard for CRM exports and receipt tables (CSV/XLSX).

file (detected encoding, delimiter, kind; the sheet of a workbook with several) → mapping
with two previews (the first rows with a role per column; what normalisation will make of
them, invalid values highlighted) → progress → summary with rejects. The mapping can be
saved to / loaded from a file and is remembered in the workspace per file shape by the
engine. Every file read and every query runs through a TaskRunner; Cancel at any step before
the import commits leaves the workspace as it was (the engine import is one transaction and
the cancel token interrupts it); after the commit Cancel is disabled and a late one is
reported on the summary as too late. The summary page itself is app/import_summary.py.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QPlainTextEdit, QProgressBar, QPushButton, QSpinBox, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.import_summary import ImportSummary
from app.worker import TaskError, TaskRunner
from engine.crm import mapping as mp
from engine.crm.crm_import import NO_KEY
from engine.crm.preview import KEY_ROLES, row_problem
from engine.people_queries import normalised_preview, preview_table

ROLE_LABELS = {
    "phone": QT_TRANSLATE_NOOP("ImportWizard", "phone"),
    "email": QT_TRANSLATE_NOOP("ImportWizard", "e-mail"),
    "name": QT_TRANSLATE_NOOP("ImportWizard", "name"),
    "birth_date": QT_TRANSLATE_NOOP("ImportWizard", "birth date"),
    "gender": QT_TRANSLATE_NOOP("ImportWizard", "gender"),
    "card": QT_TRANSLATE_NOOP("ImportWizard", "loyalty card"),
    "consent": QT_TRANSLATE_NOOP("ImportWizard", "consent"),
    "crm_id": QT_TRANSLATE_NOOP("ImportWizard", "id"),
    "fn": QT_TRANSLATE_NOOP("ImportWizard", "FN (fiscal drive)"),
    "fd": QT_TRANSLATE_NOOP("ImportWizard", "FD (document no.)"),
    "fp": QT_TRANSLATE_NOOP("ImportWizard", "FP (fiscal sign)"),
    "datetime": QT_TRANSLATE_NOOP("ImportWizard", "date and time"),
    "total": QT_TRANSLATE_NOOP("ImportWizard", "total"),
    "operation_type": QT_TRANSLATE_NOOP("ImportWizard", "operation type"),
    "kkt_reg_id": QT_TRANSLATE_NOOP("ImportWizard", "register (KKT) no."),
    "inn": QT_TRANSLATE_NOOP("ImportWizard", "INN"),
    "promo_code": QT_TRANSLATE_NOOP("ImportWizard", "promo code"),
    "buyer_phone": QT_TRANSLATE_NOOP("ImportWizard", "buyer phone"),
    "buyer_email": QT_TRANSLATE_NOOP("ImportWizard", "buyer e-mail"),
    mp.IGNORE: QT_TRANSLATE_NOOP("ImportWizard", "ignore"),
}
KINDS = [("crm", QT_TRANSLATE_NOOP("ImportWizard", "CRM export (customers)")),
         ("receipts", QT_TRANSLATE_NOOP("ImportWizard", "Receipts table"))]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1251", "koi8-r", "cp866"]
DELIMITERS = [(";", ";"), (",", ","), ("\t", "Tab"), ("|", "|")]
INVALID = QColor("#fecaca")
WARNED = QColor("#fef3c7")  # kept, with a warning
IGNORED = QColor("#f3f4f6")
FILE, MAPPING, PROGRESS, SUMMARY = range(4)


def import_table_task(path: Path, options: dict, on_saved=None):
    """The engine work of the wizard: one transactional import (a cancel before the commit rolls
    it back), then the rejects report. The report is written here, not by the importer, so
    that `on_saved()` (called on the worker thread) can say the moment the import is committed:
    from then on a cancel cannot undo it. People are re-resolved by the People screen when it
    next shows (engine.people.ensure_people)."""
    def run(ws, progress, cancel):
        from engine.crm.crm_import import export_rejects
        from engine.imports import import_file
        from engine.imports.registry import IMPORTED

        result = import_file(ws, path, progress=progress, cancel=cancel, write_rejects=False, **options)
        if result.status != IMPORTED:
            return result
        if on_saved is not None:
            on_saved()
        result.details["rejects_file"] = None
        if result.details.get("reject_entries") or result.rows_rejected:
            progress(0.95, "import saved; writing the rejects report")
            try:
                result.details["rejects_file"] = str(export_rejects(ws, result.import_id).resolve())
            except (OSError, duckdb.Error) as exc:  # the import stays; the report can be exported again
                result.message += f"; the rejects report could not be written ({type(exc).__name__}: {exc})"
        return result
    return run


class ImportWizard(QDialog):
    """One file at a time. `result` holds the engine's ImportResult once the import ran."""
    preview_loaded = Signal()
    normalised = Signal()
    import_done = Signal(object)   # ImportResult, or None when cancelled before importing
    import_saved = Signal()        # the import is committed: a cancel can no longer undo it

    def __init__(self, context, monitor, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.path = context, Path(path)
        self.setWindowTitle(self.tr("Import %1").replace("%1", self.path.name))
        self.runner = TaskRunner(monitor, self)        # preview and import
        self.norm_runner = TaskRunner(monitor, self)   # normalised preview, redone on each role change
        self.preview = None
        self.kind_picked = False  # the analyst chose what the file holds (else: guessed from the header)
        self.result = None
        self.importing = False         # an import task runs (its outcome is still to come)
        self.saved = False             # … and it has committed: Cancel cannot undo it any more
        self.cancel_requested = False  # Cancel was pressed while the import ran
        self.role_combos: list[QComboBox] = []
        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page())
        self.stack.addWidget(self._mapping_page())
        self.stack.addWidget(self._progress_page())
        self.stack.addWidget(self._summary_page())
        layout = QVBoxLayout(self)
        self.step_label = QLabel()
        self.step_label.setObjectName("heading")
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        self.error_label = QLabel()
        self.error_label.setObjectName("warningNote")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("< Back"))
        self.next_button = QPushButton(self.tr("Next >"))
        self.import_button = QPushButton(self.tr("Import"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(lambda: self.go(FILE))
        self.next_button.clicked.connect(lambda: self.go(MAPPING))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.import_saved.connect(self._import_saved)
        self.resize(1000, 640)
        self.go(FILE)
        self.load_preview()

    # --- pages ----------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.file_label = QLabel(str(self.path))
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_combo = QComboBox()
        for key, label in KINDS:
            self.kind_combo.addItem(self.tr(label), key)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItems(ENCODINGS)
        self.delimiter_combo = QComboBox()
        for value, label in DELIMITERS:
            self.delimiter_combo.addItem(label, value)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip(self.tr("The sheet of the workbook to import; each sheet is its own import"))
        self.header_spin = QSpinBox()  # 0: the header line detection finds (below a title, if any)
        self.header_spin.setRange(0, 100000)
        self.header_spin.setMaximumWidth(160)
        self.header_spin.setSpecialValueText(self.tr("detected"))
        self.header_spin.setToolTip(self.tr("The line (sheet row) the column names are on, when the one detected "
                                            "below a title is not it"))
        self.facts_label = QLabel(self.tr("Reading the first rows…"))
        self.facts_label.setWordWrap(True)
        form.addRow(self.tr("File:"), self.file_label)
        form.addRow(self.tr("What it holds:"), self.kind_combo)
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        form.addRow(self.tr("Delimiter:"), self.delimiter_combo)
        form.addRow(self.tr("Sheet:"), self.sheet_combo)
        form.addRow(self.tr("Header on line:"), self.header_spin)
        form.addRow("", self.facts_label)
        self.file_form = form
        self.first_lines = QPlainTextEdit()
        self.first_lines.setReadOnly(True)
        self.first_lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.first_lines.setToolTip(self.tr("The first records as decoded with this encoding and split by this "
                                            "delimiter: garbled letters mean the wrong encoding"))
        form.addRow(self.tr("First records:"), self.first_lines)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.encoding_combo.activated.connect(lambda _i: self.load_preview(keep_reading=True))
        self.delimiter_combo.activated.connect(lambda _i: self.load_preview(keep_reading=True))
        self.sheet_combo.activated.connect(lambda _i: self.load_preview(keep_reading=True))
        self.header_spin.editingFinished.connect(lambda: self.load_preview(keep_reading=True))
        self._show_sheet_row(False)
        return page

    def _show_sheet_row(self, visible: bool) -> None:
        """The sheet picker is there only for workbooks with more than one sheet."""
        self.file_form.setRowVisible(self.sheet_combo, visible)

    def _table(self) -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setDefaultSectionSize(150)
        table.setAlternatingRowColors(True)
        return table

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        self.load_mapping_button = QPushButton(self.tr("Load mapping…"))
        self.save_mapping_button = QPushButton(self.tr("Save mapping…"))
        top.addWidget(self.mapping_note, 1)
        top.addWidget(self.load_mapping_button)
        top.addWidget(self.save_mapping_button)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("<b>The file</b> — choose what each column holds:")))
        self.raw_table = self._table()
        layout.addWidget(self.raw_table, 3)
        layout.addWidget(QLabel(self.tr("<b>What the import will store</b> — red cells are dropped, amber ones "
                                        "kept with a warning (hover for the reason):")))
        self.norm_table = self._table()
        layout.addWidget(self.norm_table, 2)
        # both previews scroll and size their columns together
        self.raw_table.horizontalScrollBar().valueChanged.connect(self.norm_table.horizontalScrollBar().setValue)
        self.norm_table.horizontalScrollBar().valueChanged.connect(self.raw_table.horizontalScrollBar().setValue)
        self.raw_table.horizontalHeader().sectionResized.connect(
            lambda i, _old, new: self.norm_table.setColumnWidth(i, new))
        self.load_mapping_button.clicked.connect(self.choose_mapping_file)
        self.save_mapping_button.clicked.connect(self.choose_save_mapping)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.progress_label = QLabel(self.tr("Starting…"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addStretch(2)
        return page

    def _summary_page(self) -> QWidget:
        self.summary = ImportSummary(self.context, runner=self.runner, rejects_runner=self.norm_runner,
                                     source=self.path, show_error=self.show_error)
        return self.summary

    def go(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        titles = {FILE: self.tr("1 · File"), MAPPING: self.tr("2 · Columns"), PROGRESS: self.tr("3 · Importing"),
                  SUMMARY: self.tr("4 · Summary")}
        self.step_label.setText(f"<h3>{titles[page]}</h3>")
        self.back_button.setVisible(page == MAPPING)
        self.next_button.setVisible(page == FILE)
        self.next_button.setEnabled(self.preview is not None)
        self.import_button.setVisible(page == MAPPING)
        self.cancel_button.setVisible(page != SUMMARY)
        self.close_button.setVisible(page == SUMMARY)
        if page == MAPPING:
            self._validate()

    # --- preview --------------------------------------------------------------------------
    def _kind_chosen(self, _index: int) -> None:
        self.kind_picked = True
        self.load_preview(keep_reading=True)

    def load_preview(self, keep_reading: bool = False) -> None:
        """Read the head of the file off the GUI thread; the user's encoding/delimiter/kind if chosen."""
        options = {}
        if keep_reading and self.preview is not None:
            if self.kind_picked:  # else guessed again: another header line may tell another kind
                options["kind"] = self.kind_combo.currentData()
            if "encoding" in self.preview.facts:
                options["encoding"] = self.encoding_combo.currentText()
                options["delimiter"] = self.delimiter_combo.currentData()
            elif self.sheet_combo.count():
                options["sheet"] = self.sheet_combo.currentData()
            if self.header_spin.value():
                options["header_line"] = self.header_spin.value()
        self.next_button.setEnabled(False)
        self.facts_label.setText(self.tr("Reading the first rows…"))
        path = self.path
        self.runner.run(self.tr("Reading %1").replace("%1", path.name),
                        lambda w, progress, cancel: preview_table(w, path, **options),
                        workspace=self.context.workspace, on_done=self._show_preview,
                        on_error=self._preview_failed, quiet=True)

    def _preview_failed(self, error) -> None:
        if not error.cancelled:
            self.facts_label.setText(self.tr("Cannot read this file: %1").replace("%1", error.message))
            self.show_error(error.message)

    def _show_preview(self, preview) -> None:
        self.preview = preview
        self.error_label.hide()
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(preview.kind)))
        facts = preview.facts
        csv_file = "encoding" in facts
        self.encoding_combo.setEnabled(csv_file)
        self.delimiter_combo.setEnabled(csv_file)
        for combo in (self.encoding_combo, self.delimiter_combo):  # a workbook has neither
            self.file_form.setRowVisible(combo, csv_file)
        if csv_file:
            self.encoding_combo.setCurrentText(facts["encoding"])
            self.delimiter_combo.setCurrentIndex(max(0, self.delimiter_combo.findData(facts["delimiter"])))
            text = self.tr("Detected: %1 columns, encoding %2, delimiter %3. Change them if the preview "
                           "looks wrong.").replace("%1", str(len(preview.columns))).replace(
                "%2", facts["encoding"]).replace("%3", self.delimiter_combo.currentText())
        else:
            text = self.tr("Workbook sheet “%1”, %2 columns.").replace("%1", str(facts.get("sheet"))).replace(
                "%2", str(len(preview.columns)))
        if facts.get("header_line", 1) > 1:  # an export with a title above its table
            text += " " + self.tr("The header is on line %1; the title above it is skipped.").replace(
                "%1", str(facts["header_line"]))
        sheets = facts.get("sheets") or []
        self.sheet_combo.clear()
        for number, name in enumerate(sheets, start=1):
            self.sheet_combo.addItem(f"{number} · {name}", name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(facts.get("sheet"))))
        self._show_sheet_row(len(sheets) > 1)
        self.facts_label.setText(text)
        cells = [preview.columns] + [[c or "" for c in r] for r in preview.records[:12]]
        self.first_lines.setPlainText("\n".join("  │  ".join(r) for r in cells))
        self.mapping_note.setText(self.tr("This mapping was remembered from the last file of the same shape.")
                                  if preview.mapping_source == "remembered" else
                                  self.tr("Mapping proposed from the column names and contents; check it."))
        self._fill_raw_table()
        self.next_button.setEnabled(True)
        self.preview_loaded.emit()
        self.update_normalised()

    def _fill_raw_table(self) -> None:
        preview = self.preview
        roles = list(mp.roles_for(preview.kind)) + [mp.IGNORE]
        table = self.raw_table
        table.clear()
        table.setColumnCount(len(preview.columns))
        table.setRowCount(len(preview.records) + 1)
        table.setHorizontalHeaderLabels(preview.columns)
        # the lines an editor (and the rejects report) gives these records
        lines = [str(n) for n in preview.facts.get("lines") or range(2, len(preview.records) + 2)]
        table.setVerticalHeaderLabels([self.tr("role")] + lines)
        self.role_combos = []
        for col, column in enumerate(preview.columns):
            combo = QComboBox()
            for role in roles:
                combo.addItem(self.tr(ROLE_LABELS.get(role, role)), role)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(column, mp.IGNORE))))
            combo.currentIndexChanged.connect(lambda _i: self.update_normalised())
            table.setCellWidget(0, col, combo)
            self.role_combos.append(combo)
            for row, record in enumerate(preview.records, start=1):
                value = record[col] if col < len(record) else None
                item = QTableWidgetItem("" if value is None else str(value))
                item.setToolTip(item.text())
                table.setItem(row, col, item)
        self.norm_table.clear()
        self.norm_table.setColumnCount(len(preview.columns))
        self.norm_table.setRowCount(len(preview.records))
        self.norm_table.setVerticalHeaderLabels(lines)
        for col in range(len(preview.columns)):
            self.norm_table.setColumnWidth(col, table.columnWidth(col))

    def mapping(self) -> dict[str, str]:
        """The mapping as the combos show it now."""
        if self.preview is None:
            return {}
        return {column: combo.currentData() for column, combo in zip(self.preview.columns, self.role_combos)}

    def set_role(self, column: str, role: str) -> None:
        combo = self.role_combos[self.preview.columns.index(column)]
        index = combo.findData(role)
        if index < 0:
            raise ValueError(f"no role {role!r} for {self.preview.kind}")
        combo.setCurrentIndex(index)

    def apply_mapping(self, mapping: dict[str, str]) -> None:
        for column, combo in zip(self.preview.columns, self.role_combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(column, mp.IGNORE))))
            combo.blockSignals(False)
        self.update_normalised()

    def update_normalised(self) -> None:
        """Recompute the second preview off the GUI thread (normalisers run DuckDB macros)."""
        if self.preview is None:
            return
        mapping, records, columns = self.mapping(), self.preview.records, self.preview.columns
        self._validate()
        self.norm_runner.run(self.tr("Preview of normalised values"),
                             lambda _w, _p, _c: normalised_preview(records, columns, mapping),
                             workspace=None, on_done=lambda cells: self._show_normalised(cells, mapping),
                             quiet=True)

    def _show_normalised(self, cells, mapping) -> None:
        if mapping != self.mapping():
            return  # a newer role change is on its way
        labels, seen = [], {}
        for column in self.preview.columns:  # a second phone column is "phone 2": its valid value is an extra phone
            role = mapping[column]
            seen[role] = seen.get(role, 0) + 1
            number = f" {seen[role]}" if role in mp.MULTI_ROLES - mp.JOINED_ROLES and seen[role] > 1 else ""
            labels.append(self.tr(ROLE_LABELS.get(role, role)) + number)
        self.norm_table.setHorizontalHeaderLabels(labels)
        self.invalid_cells = 0
        sheet = "sheet" in self.preview.facts
        checked = self.preview.facts.get("fields_checked", False) or sheet
        crm = self.kind_combo.currentData() == "crm"
        roles = [mapping[c] for c in self.preview.columns]
        for row, record in enumerate(cells):
            problem = checked and row_problem(self.preview.records[row], len(self.preview.columns), sheet=sheet)
            if problem:  # the import rejects this record whole: say so in every cell of the row
                record = [("", problem)] * len(record)
            elif crm and not any(text and role in KEY_ROLES for (text, _), role in zip(record, roles)):
                # no usable phone, e-mail or card: the row is rejected; cells with a reason keep theirs
                record = [(text, reason or NO_KEY) if role != mp.IGNORE else (text, reason)
                          for (text, reason), role in zip(record, roles)]
            for col, (text, reason) in enumerate(record):
                item = QTableWidgetItem(text)
                ignored = mapping[self.preview.columns[col]] == mp.IGNORE
                # a kept value with a warning (a second phone in the cell dropped): the value, in amber
                kept = bool(text) and not problem and reason not in (None, NO_KEY)
                if reason:
                    item.setBackground(WARNED if kept else INVALID)
                    item.setText(f"⚠ {text}" if kept else f"⚠ {reason}")
                    item.setToolTip(reason)
                    self.invalid_cells += not kept
                elif ignored:
                    item.setBackground(IGNORED)
                self.norm_table.setItem(row, col, item)
        self.normalised.emit()

    def _validate(self) -> bool:
        """Mapping problems are shown before the import is tried (pure Python, no I/O)."""
        if self.preview is None:
            self.import_button.setEnabled(False)
            return False
        problem = ""
        try:
            full = mp.validate_mapping(self.mapping(), self.preview.header, self.preview.kind)
            if self.preview.kind == "crm" and not any(r in ("phone", "email", "card") for r in full.values()):
                problem = self.tr("Map at least one column to phone, e-mail or loyalty card.")
            if self.preview.kind == "receipts" and not {"fn", "fd", "fp"} <= set(full.values()):
                problem = self.tr("A receipts table needs the FN, FD and FP columns.")
        except Exception as exc:  # O2OError from validate_mapping: shown, import disabled
            problem = getattr(exc, "message", str(exc))
        self.import_button.setEnabled(not problem and not self.runner.busy)
        if problem:
            self.show_error(problem)
        else:
            self.error_label.hide()
        return not problem

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # --- mapping files --------------------------------------------------------------------
    def choose_save_mapping(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save mapping"), f"{self.path.stem}-mapping.json",
                                              self.tr("Mapping (*.json)"))
        if path:
            self.save_mapping(Path(path))

    def save_mapping(self, path: Path) -> None:
        mapping = self.mapping()
        self.runner.run(self.tr("Saving mapping"), lambda _w, _p, _c: mp.save_mapping(path, mapping),
                        workspace=None, on_error=lambda e: self.show_error(e.message))

    def choose_mapping_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load mapping"), "", self.tr("Mapping (*.json)"))
        if path:
            self.load_mapping(Path(path))

    def load_mapping(self, path: Path) -> None:
        header, kind = self.preview.header, self.preview.kind

        def load(_w, _p, _c):
            return mp.validate_mapping(mp.load_mapping(path), header, kind, where=str(path))

        self.runner.run(self.tr("Loading mapping"), load, workspace=None, on_done=self.apply_mapping,
                        on_error=lambda e: self.show_error(e.message), quiet=True)

    # --- import ---------------------------------------------------------------------------
    def start_import(self) -> None:
        if not self._validate() or self.context.workspace is None:
            return
        options = {"kind": self.preview.kind, "mapping": self.mapping()}
        if "encoding" in self.preview.facts:
            options["encoding"] = self.encoding_combo.currentText()
            options["delimiter"] = self.delimiter_combo.currentData()
        elif self.preview.facts.get("sheet"):
            options["sheet"] = self.preview.facts["sheet"]
        if self.header_spin.value():
            options["header_line"] = self.header_spin.value()
        self.go(PROGRESS)
        self.progress_bar.setValue(0)
        self.importing, self.saved, self.cancel_requested = True, False, False
        self.cancel_button.setEnabled(True)
        self.runner.run(self.tr("Importing %1").replace("%1", self.path.name),
                        import_table_task(self.path, options, self.import_saved.emit),
                        workspace=self.context.workspace,
                        on_done=self._imported, on_error=self._import_failed,
                        on_progress=self._progressed, done_message=lambda r: r.message)

    def _progressed(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        if not self.cancel_requested:
            self.progress_label.setText(message)

    def _import_saved(self) -> None:
        """The import is in the workspace: Cancel would be a lie now."""
        self.saved = True
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(self.tr("The import is saved; it can no longer be cancelled"))
        if not self.cancel_requested:
            self.progress_label.setText(self.tr("Import saved; writing the rejects report…"))

    def _import_failed(self, error) -> None:
        self.importing = False
        self.cancel_button.setEnabled(True)
        if self.cancel_requested and error.cancelled:  # rolled back as asked: the wizard closes
            self.import_done.emit(None)
            return super().reject()
        self.go(SUMMARY)
        self.summary.show_failure(error.message)
        self.import_done.emit(None)

    def _imported(self, result) -> None:
        if result.status == "cancelled":  # the engine rolled it back
            return self._import_failed(TaskError(self.tr("Import"), result.message, cancelled=True))
        self.importing = False
        self.cancel_button.setEnabled(True)
        self.result = result
        self.go(SUMMARY)
        self.summary.show_result(result, cancel_came_too_late=self.cancel_requested and result.status == "imported")
        if result.status == "imported":
            self.context.notify_changed({"imports", "contacts", "people", "identities", "receipts",
                                         "receipt_items", "crm_mappings"})
        self.import_done.emit(result)

    # --- leaving --------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel at any step. A running import is asked to cancel and the wizard waits for its
        outcome: rolled back -> it closes; already committed -> the summary says Cancel came
        too late (never a closed wizard "as if cancelled" over an import that stayed)."""
        if self.importing:
            self.cancel_requested = True
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Import saved; finishing the rejects report…") if self.saved
                                        else self.tr("Cancelling…"))
            return
        self.runner.cancel()
        self.norm_runner.cancel()
        if self.result is None:
            self.import_done.emit(None)
        super().reject()
