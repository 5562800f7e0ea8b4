"""Settings: language, where the hashing secret lives, sites and sensors."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout)

from app.settings import Settings
from app.views.base import View
from engine import secrets

LANGUAGES = [("en", "English"), ("ru", "Русский")]
SITE_KINDS = ["store", "mall", "dealer centre", "event", "competitor"]


class SettingsView(View):
    NAME = "settings"
    TITLE = QT_TRANSLATE_NOOP("Views", "Settings")
    WATCHES = frozenset({"sites", "sensors"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.settings = Settings()
        general = QGroupBox(self.tr("Interface"))
        form = QFormLayout(general)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.language_note)
        self.body.addWidget(general)

        security = QGroupBox(self.tr("Hashing secret and privacy"))
        sec = QVBoxLayout(security)
        self.secret_label = QLabel()
        self.secret_label.setWordWrap(True)
        sec.addWidget(self.secret_label)
        buttons = QHBoxLayout()
        self.export_secret_button = QPushButton(self.tr("Export secret…"))
        self.import_secret_button = QPushButton(self.tr("Import secret…"))
        self.unlock_button = QPushButton(self.tr("Unlock with passphrase…"))
        for b in (self.export_secret_button, self.import_secret_button, self.unlock_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        sec.addLayout(buttons)
        self.export_secret_button.clicked.connect(self.export_secret)
        self.import_secret_button.clicked.connect(self.import_secret)
        self.unlock_button.clicked.connect(self.unlock)
        self.body.addWidget(security)

        sites_box = QGroupBox(self.tr("Sites and sensors"))
        sites_layout = QVBoxLayout(sites_box)
        self.sites_table = QTableWidget(0, 3)
        self.sites_table.setHorizontalHeaderLabels([self.tr("Site"), self.tr("Kind"), self.tr("Time zone")])
        self.sensors_table = QTableWidget(0, 4)
        self.sensors_table.setHorizontalHeaderLabels(
            [self.tr("Site"), self.tr("Sensor"), self.tr("Inside RSSI ≥ (dBm)"), self.tr("Outside RSSI < (dBm)")])
        for table in (self.sites_table, self.sensors_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
        row = QHBoxLayout()
        self.new_site_name = QLineEdit()
        self.new_site_name.setPlaceholderText(self.tr("new site name"))
        self.new_site_kind = QComboBox()
        self.new_site_kind.addItems(SITE_KINDS)
        add_site = QPushButton(self.tr("Add site"))
        add_site.clicked.connect(self.add_site)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(self.save_sites)
        self.new_site_timezone = QLineEdit("Europe/Moscow")
        self.new_site_timezone.setToolTip(self.tr("IANA time zone, e.g. Europe/Moscow"))
        self.sensor_site = QComboBox()
        self.new_sensor_name = QLineEdit()
        self.new_sensor_name.setPlaceholderText(self.tr("new sensor name"))
        add_sensor = QPushButton(self.tr("Add sensor"))
        add_sensor.clicked.connect(self.add_sensor)
        for w in (self.new_site_name, self.new_site_kind, self.new_site_timezone, add_site,
                  self.sensor_site, self.new_sensor_name, add_sensor):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.save_button)
        sites_layout.addWidget(self.sites_table)
        sites_layout.addWidget(self.sensors_table)
        sites_layout.addLayout(row)
        self.body.addWidget(sites_box, 1)

    # --- language ----------------------------------------------------------------------
    def _language_changed(self) -> None:
        self.settings.language = self.language.currentData()
        self.language_note.setText(self.tr("Applies when O2O Workstation starts next time."))

    # --- secret -----------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.secret_label.setText(self.tr("No workspace open."))
            return
        backend = type(__import__("keyring").get_keyring()).__name__
        modes = {
            "keyring": self.tr("kept in this computer's keyring (%1)").replace("%1", backend),
            "passphrase": self.tr("protected by a passphrase (no usable keyring on this computer)"),
            "demo": self.tr("stored in the workspace in the clear — demo workspace, synthetic data only"),
        }
        text = self.tr("Device hashing secret: ") + modes.get(ws.secret_mode, ws.secret_mode)
        if ws.read_only_reason:
            text += "\n" + ws.read_only_reason
        if not secrets.keyring_usable():
            text += "\n" + secrets.KEYRING_HINT
        self.secret_label.setText(text)
        self.unlock_button.setVisible(ws.secret_mode == "passphrase" and ws.read_only)
        self.export_secret_button.setEnabled(not ws.read_only)
        self.import_secret_button.setEnabled(ws.read_only and ws.secret_mode == "keyring")
        self._fill_sites(ws)

    def _passphrase(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("Passphrase:"), QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def export_secret(self) -> None:
        ws = self.context.workspace
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export secret"), f"{ws.path.stem}.o2o-secret",
                                              self.tr("O2O secret (*.o2o-secret)"))
        passphrase = path and self._passphrase(self.tr("Protect the exported secret"))
        if passphrase:
            self.runner.run(self.tr("Exporting secret"), lambda w, p, c: w.export_secret(path, passphrase),
                            workspace=ws, done_message=lambda _r: self.tr("Secret exported to ") + path)

    def import_secret(self) -> None:
        ws = self.context.workspace
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import secret"), "", self.tr("O2O secret (*.o2o-secret)"))
        passphrase = path and self._passphrase(self.tr("Passphrase of the secret file"))
        if passphrase:
            try:  # scrypt takes ~0.1 s: acceptable on a user's explicit click
                ws.import_secret(path, passphrase)
            except Exception as exc:
                QMessageBox.warning(self, self.tr("Import secret"), str(exc))
            self.context.set_workspace(ws)

    def unlock(self) -> None:
        ws = self.context.workspace
        passphrase = self._passphrase(self.tr("Unlock workspace"))
        if passphrase:
            try:
                ws.unlock(passphrase)
            except Exception as exc:
                QMessageBox.warning(self, self.tr("Unlock workspace"), str(exc))
            self.context.set_workspace(ws)

    # --- sites and sensors --------------------------------------------------------------
    def _fill_sites(self, ws) -> None:
        self._sites, self._sensors = ws.sites(), ws.sensors()
        self.sensor_site.clear()
        for site in self._sites:
            self.sensor_site.addItem(site["name"], site["site_id"])
        self.sites_table.setRowCount(len(self._sites))
        for r, site in enumerate(self._sites):
            self.sites_table.setItem(r, 0, QTableWidgetItem(site["name"]))
            kind = QComboBox()
            kind.addItems(sorted(set(SITE_KINDS) | {site["kind"]}))
            kind.setCurrentText(site["kind"])
            self.sites_table.setCellWidget(r, 1, kind)
            self.sites_table.setItem(r, 2, QTableWidgetItem(site["timezone"]))
        self.sensors_table.setRowCount(len(self._sensors))
        for r, sensor in enumerate(self._sensors):
            site_item = QTableWidgetItem(sensor["site"])
            site_item.setFlags(site_item.flags() & ~site_item.flags().ItemIsEditable)
            self.sensors_table.setItem(r, 0, site_item)
            self.sensors_table.setItem(r, 1, QTableWidgetItem(sensor["name"]))
            for col, key, default in ((2, "rssi_inside", -70), (3, "rssi_outside", -85)):
                spin = QSpinBox()
                spin.setRange(-120, 0)
                spin.setSpecialValueText(self.tr("default"))
                spin.setMinimum(-121)
                spin.setValue(sensor[key] if sensor[key] is not None else -121)
                self.sensors_table.setCellWidget(r, col, spin)

    def add_site(self) -> None:
        ws, name = self.context.workspace, self.new_site_name.text().strip()
        if ws is None or not name:
            return
        kind, tz = self.new_site_kind.currentText(), self.new_site_timezone.text().strip() or "Europe/Moscow"
        self.runner.run(self.tr("Adding site"), lambda w, p, c: w.ensure_site(name, kind=kind, timezone_name=tz),
                        workspace=ws, on_error=self._failed,
                        on_done=lambda _r: (self.new_site_name.clear(), self.context.notify_changed({"sites"})))

    def add_sensor(self) -> None:
        ws, name, site_id = self.context.workspace, self.new_sensor_name.text().strip(), self.sensor_site.currentData()
        if ws is None or not name or site_id is None:
            return
        self.runner.run(self.tr("Adding sensor"), lambda w, p, c: w.ensure_sensor(site_id, name), workspace=ws,
                        on_error=self._failed,
                        on_done=lambda _r: (self.new_sensor_name.clear(), self.context.notify_changed({"sensors"})))

    def _failed(self, error) -> None:
        if not error.cancelled:
            QMessageBox.warning(self, self.tr("Sites and sensors"), error.message)

    def save_sites(self) -> None:
        ws = self.context.workspace
        if ws is None:
            return
        site_edits = [(s["site_id"], self.sites_table.item(r, 0).text().strip(),
                       self.sites_table.cellWidget(r, 1).currentText(), self.sites_table.item(r, 2).text().strip())
                      for r, s in enumerate(self._sites)]
        sensor_edits = []
        for r, s in enumerate(self._sensors):
            inside, outside = (self.sensors_table.cellWidget(r, c).value() for c in (2, 3))
            sensor_edits.append((s["sensor_id"], self.sensors_table.item(r, 1).text().strip(),
                                 None if inside < -120 else inside, None if outside < -120 else outside))

        def save(w, progress, cancel):
            with w.transaction():
                for site_id, name, kind, tz in site_edits:
                    w.update_site(site_id, name=name or None, kind=kind, timezone_name=tz or None)
                for sensor_id, name, inside, outside in sensor_edits:
                    w.update_sensor(sensor_id, name=name or None, rssi_inside=inside, rssi_outside=outside)

        self.runner.run(self.tr("Saving sites and sensors"), save, workspace=ws, on_error=self._failed,
                        on_done=lambda _r: self.context.notify_changed({"sites", "sensors"}),
                        done_message=lambda _r: self.tr("Sites and sensors saved"))


if __name__ == "__main__":  # preview: python -m app.views.settings_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(SettingsView))
