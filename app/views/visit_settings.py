"""Thresholds of the Visits screen: the analyst's visit, staff and fixed-device parameters per
site (or for the whole workspace), the sensors' inside/outside RSSI with the calibration
chart (RSSI histogram per sensor and the engine's suggested threshold, a draggable line the
analyst accepts or moves). Saving stores them in the workspace and rebuilds visits in the
background with progress and Cancel."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QPushButton, QSpinBox, QTableWidget, QVBoxLayout, QWidget)

from app.charts import PALETTE, ChartCard
from app.worker import TaskRunner
from engine import visit_charts

# key -> (minimum, maximum, decimals, step, unit); the engine's DEFAULTS give the keys.
RANGES = {
    "gap_s": (1, 86400, 0, 10, " s"), "min_visit_s": (0, 86400, 0, 10, " s"),
    "short_visit_s": (0, 86400, 0, 30, " s"), "rssi_inside": (-120, 0, 0, 1, " dBm"),
    "staff_hours": (0, 24, 1, 0.5, " h"), "staff_days": (1, 366, 0, 1, ""), "staff_window_days": (1, 366, 0, 1, ""),
    "fixed_day_share": (0, 1, 2, 0.05, ""), "fixed_min_days": (1, 366, 0, 1, ""),
    "fixed_min_hours": (0, 24, 1, 0.5, " h"), "fixed_span_share": (0, 1, 2, 0.05, ""),
    "fixed_nonprobe_share": (0, 1, 2, 0.05, ""), "fixed_nonprobe_day_share": (0, 1, 2, 0.05, ""),
}


class VisitSettingsPanel(QWidget):
    def __init__(self, context, monitor, parent=None):
        super().__init__(parent)
        self.context = context
        self.runner = TaskRunner(monitor, self)
        self.save_runner = TaskRunner(monitor, self)
        self.snapshot: dict = {}
        self.lines: dict[int, pg.InfiniteLine] = {}   # the sensors' inside thresholds (draggable)
        self.marks: list[pg.InfiniteLine] = []        # the engine's suggestions (fixed)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Thresholds for:")))
        self.scope = QComboBox()
        self.scope.setMinimumWidth(220)
        self.scope.activated.connect(lambda _i: self.load(self.scope.currentData()))
        top.addWidget(self.scope)
        self.scope_note = QLabel()
        top.addWidget(self.scope_note, 1)
        layout.addLayout(top)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)
        left = QVBoxLayout()
        columns.addLayout(left)
        self.spins: dict[str, QDoubleSpinBox] = {}
        labels = self._labels()
        for title, keys in ((self.tr("Visits"), ("gap_s", "min_visit_s", "short_visit_s", "rssi_inside")),
                            (self.tr("Staff: more than X h a day on Y of Z days"),
                             ("staff_hours", "staff_days", "staff_window_days")),
                            (self.tr("Fixed equipment (always there)"),
                             ("fixed_min_days", "fixed_min_hours", "fixed_day_share", "fixed_span_share",
                              "fixed_nonprobe_share", "fixed_nonprobe_day_share"))):
            box = QGroupBox(title)
            form = QFormLayout(box)
            for key in keys:
                lo, hi, decimals, step, unit = RANGES[key]
                spin = QDoubleSpinBox()
                spin.setRange(lo, hi)
                spin.setDecimals(decimals)
                spin.setSingleStep(step)
                spin.setSuffix(unit)
                spin.setObjectName(key)
                self.spins[key] = spin
                form.addRow(labels[key], spin)
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        columns.addLayout(right, 1)
        self.sensor_table = QTableWidget(0, 4)
        self.sensor_table.setHorizontalHeaderLabels(
            [self.tr("Sensor"), self.tr("Inside from, dBm"), self.tr("Outside below, dBm"), self.tr("Suggested")])
        self.sensor_table.verticalHeader().setVisible(False)
        self.sensor_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.sensor_table.setMaximumHeight(150)
        right.addWidget(self.sensor_table)
        self.calibration_card = ChartCard(self.tr("RSSI calibration"), self.tr(
            "Devices per strongest daily signal level, for each sensor of the site (what the suggestion is "
            "fitted to). The line is the inside threshold: drag it, or accept the suggestion, then save."))
        self.calibration_card.plot.setLabel("bottom", self.tr("RSSI, dBm"))
        self.calibration_card.plot.setLabel("left", self.tr("device-days"))
        self.calibration_card.setMinimumHeight(300)
        right.addWidget(self.calibration_card, 1)
        self.accept_button = QPushButton(self.tr("Accept suggested thresholds"))
        self.accept_button.clicked.connect(self.accept_suggestions)
        right.addWidget(self.accept_button)
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.save_runner.cancel)
        self.save_button = QPushButton(self.tr("Save and rebuild visits"))
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.status, 1)
        for w in (self.progress, self.cancel_button, self.save_button):
            bottom.addWidget(w)
        layout.addLayout(bottom)
        self._set_saving(False)

    def _labels(self) -> dict[str, str]:
        return {
            "gap_s": self.tr("Gap that ends a visit"), "min_visit_s": self.tr("Minimum visit (shorter = passing by)"),
            "short_visit_s": self.tr("Short visit below"),
            "rssi_inside": self.tr("Inside from (sensors without their own)"),
            "staff_hours": self.tr("X: hours a day, more than"), "staff_days": self.tr("Y: days, at least"),
            "staff_window_days": self.tr("Z: of consecutive days"),
            "fixed_min_days": self.tr("Seen on at least, days"), "fixed_min_hours": self.tr("Hours a day, at least"),
            "fixed_day_share": self.tr("Share of the site's days"),
            "fixed_span_share": self.tr("Share of the site's daily span"),
            "fixed_nonprobe_share": self.tr("or: share of non-probe frames"),
            "fixed_nonprobe_day_share": self.tr("… on this share of days"),
        }

    def _set_saving(self, saving: bool) -> None:
        self.progress.setVisible(saving)
        self.cancel_button.setVisible(saving)
        self.save_button.setEnabled(not saving)

    # --- loading ------------------------------------------------------------------------------
    def default_scope(self) -> int | None:
        ids = self.context.site_ids
        if len(ids) == 1:
            return ids[0]
        sites = self.snapshot.get("sites") or []
        return self.scope.currentData() if self.scope.count() else (sites[0][0] if sites else None)

    def load(self, site_id: int | None | bool = False) -> None:
        """Read the scope's thresholds (False = the context's site, else the current scope)."""
        ws = self.context.workspace
        if ws is None:
            return
        if site_id is False:
            site_id = self.context.site_ids[0] if len(self.context.site_ids) == 1 else (
                self.scope.currentData() if self.scope.count() else "first")
        self.runner.run(self.tr("Loading thresholds"), lambda w, _p, _c: visit_charts.settings_snapshot(
            w, _first_site(w) if site_id == "first" else site_id), workspace=ws, quiet=True, on_done=self.show)

    def show(self, snap: dict) -> None:  # noqa: A003 - QWidget.show is not used on this child
        self.snapshot = snap
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("All sites (workspace defaults)"), None)
        for site_id, name in snap["sites"]:
            self.scope.addItem(name, site_id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(snap["site_id"])) if snap["site_id"] is not None else 0)
        self.scope.blockSignals(False)
        own = snap["own"]
        self.scope_note.setText(self.tr("%1 of %2 values set here; the rest inherited").replace(
            "%1", str(len(own))).replace("%2", str(len(self.spins))))
        for key, spin in self.spins.items():
            spin.setValue(snap["effective"][key])
            spin.setToolTip(self.tr("Inherited: %1").replace("%1", f"{snap['inherited'][key]:g}"))
            spin.setStyleSheet("font-weight: bold" if key in own else "")
        self._show_sensors(snap)

    def _show_sensors(self, snap: dict) -> None:
        sensors, hist = snap["sensors"], snap["histogram"]
        plot = self.calibration_card.plot
        for line in [*self.lines.values(), *self.marks]:
            plot.removeItem(line)
        self.lines.clear()
        self.marks.clear()
        for curve in self.calibration_card.curves.values():
            curve.setData([], [])
        self.sensor_table.setRowCount(len(sensors))
        self.suggested: dict[int, int] = {}
        default_inside = int(snap["effective"]["rssi_inside"])
        frames = []
        for row, s in enumerate(sensors.itertuples()):
            color = PALETTE[row % len(PALETTE)]
            h = hist[hist["sensor_id"] == s.sensor_id]
            levels, counts = h["rssi"].to_numpy(dtype=float), h["device_days"].to_numpy(dtype=float)
            advice = snap["suggestions"].get(int(s.sensor_id), {})
            suggestion = advice.get("rssi_inside")
            self.suggested[int(s.sensor_id)] = (suggestion, advice.get("rssi_outside"))
            inside = default_inside if pd.isna(s.rssi_inside) else int(s.rssi_inside)
            outside = inside - 10 if pd.isna(s.rssi_outside) else int(s.rssi_outside)
            self.sensor_table.setCellWidget(row, 0, QLabel(str(s.name)))
            spins = []
            for col, value in ((1, inside), (2, outside)):
                spin = QSpinBox()
                spin.setRange(-120, 0)
                spin.setValue(value)
                spin.setProperty("sensor_id", int(s.sensor_id))
                self.sensor_table.setCellWidget(row, col, spin)
                spins.append(spin)
            hint = QLabel("—" if suggestion is None else f"{suggestion} / {advice.get('rssi_outside')} dBm")
            hint.setToolTip(advice.get("reason", ""))
            self.sensor_table.setCellWidget(row, 3, hint)
            if len(levels):
                # every dBm between the weakest and strongest reading, empty ones at 0: a step
                # plot of only the levels present would draw a gap as a plateau
                full = np.arange(levels.min(), levels.max() + 1)
                filled = np.zeros(len(full))
                filled[(levels - full[0]).astype(int)] = counts
                edges = np.append(full - 0.5, full[-1] + 0.5)
                self.calibration_card.curve(str(s.name)).setData(edges, filled, stepMode="center",
                                                                 fillLevel=0, brush=pg.mkBrush(color + "40"))
                frames.append(h.assign(sensor=str(s.name), suggested=suggestion, inside=inside))
            line = pg.InfiniteLine(pos=inside, angle=90, movable=True, pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine),
                                   label=f"{s.name}: {{value:.0f}}", labelOpts={"position": 0.95 - 0.07 * (row % 8), "color": color})
            line.sigPositionChanged.connect(lambda ln, sp=spins[0]: sp.setValue(int(round(ln.value()))))
            spins[0].valueChanged.connect(lambda v, ln=line: abs(ln.value() - v) >= 0.5 and ln.setValue(v))
            plot.addItem(line)
            self.lines[int(s.sensor_id)] = line
            if suggestion is not None:
                mark = pg.InfiniteLine(pos=suggestion, angle=90, movable=False,
                                       pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DotLine),
                                       label=self.tr("suggested %1").replace("%1", str(suggestion)),
                                       labelOpts={"position": 0.6 - 0.07 * (row % 6), "color": color})
                plot.addItem(mark)
                self.marks.append(mark)
        self.calibration_card.set_frame(pd.concat(frames, ignore_index=True) if frames else hist)
        self.calibration_card.setVisible(len(sensors) > 0)
        self.accept_button.setVisible(len(sensors) > 0)
        self.sensor_table.setVisible(len(sensors) > 0)
        if len(sensors):
            plot.autoRange()

    def sensor_spins(self) -> dict[int, tuple[QSpinBox, QSpinBox]]:
        out = {}
        for row in range(self.sensor_table.rowCount()):
            inside, outside = self.sensor_table.cellWidget(row, 1), self.sensor_table.cellWidget(row, 2)
            out[int(inside.property("sensor_id"))] = (inside, outside)
        return out

    def accept_suggestions(self) -> None:
        for sensor_id, (inside, outside) in self.sensor_spins().items():
            suggested_inside, suggested_outside = self.suggested.get(sensor_id, (None, None))
            if suggested_inside is not None:
                inside.setValue(suggested_inside)
                outside.setValue(suggested_outside)

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> None:
        from engine import visits

        ws = self.context.workspace
        if ws is None or not self.snapshot:
            return
        site_id, inherited = self.snapshot["site_id"], dict(self.snapshot["inherited"])
        values = {key: spin.value() for key, spin in self.spins.items()}
        sensors = {sid: (ins.value(), out.value()) for sid, (ins, out) in self.sensor_spins().items()}

        def run(w, progress, cancel):
            visit_charts.save_settings(w, site_id, values, inherited, sensors)
            progress(0.02, "thresholds saved")
            return visits.rebuild(w, progress=progress, cancel=cancel)

        self._set_saving(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Saving and rebuilding visits…"))
        self.save_runner.run(self.tr("Rebuilding visits with new thresholds"), run, workspace=ws,
                             on_progress=lambda f, _m: self.progress.setValue(int(f * 1000)),
                             on_done=self._saved, on_error=self._failed,
                             done_message=lambda r: self.tr("Visits rebuilt: %1 visits").replace(
                                 "%1", f"{r['visits_total']:,}"))

    def _saved(self, result: dict) -> None:
        self._set_saving(False)
        self.last_result = result
        self.status.setText(self.tr("Saved. Visits rebuilt in %1 s: %2 visitors' visits, %3 staff devices.")
                            .replace("%1", f"{result.get('seconds', 0):.1f}")
                            .replace("%2", f"{result['visits']['short'] + result['visits']['visitor']:,}")
                            .replace("%3", str(result["staff_devices"])))
        self.context.notify_changed({"visit_settings", "sensors", "visits", "device_roles", "visit_builds"})
        self.load(self.snapshot["site_id"])

    def _failed(self, error) -> None:
        self._set_saving(False)
        self.status.setText(("" if error.cancelled else "⚠ ") + error.message
                            + (self.tr(" — thresholds are saved; visits are out of date") if error.cancelled else ""))
        self.context.notify_changed({"visit_settings", "sensors"})


def _first_site(ws) -> int | None:
    sites = ws.sites()
    return sites[0]["site_id"] if sites else None
