"""Capture: live Wi-Fi capture from a monitor-mode adapter (or a replayed file, for demos)
streamed into the workspace, with live counters and a chart.

The capture runs as one task of this screen's runner (engine.live_capture.run_live_capture
on a pool thread). That thread only appends counter snapshots to a bounded deque; ONE
QTimer drains it and repaints (Friture's analyzer idea), so a fast capture never floods the
GUI thread. Stop sets an event: the sniffer stops, every buffered frame is stored, and the
task ends with the summary. Closing the window cancels the task, which stops it the same way.
"""
from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget)

from app.charts import ChartCard
from app.formatting import thin
from app.views.base import View
from app.widgets import EmptyState, KpiTile
from capture.live import FrameBuffer, RawPcapngWriter, Sniffer
from capture.monitor import (ChannelHopper, commands_text, enable_monitor, list_interfaces,
                             monitor_mode_commands, parse_channels)
from capture.pcap import CaptureFormatError
from engine.errors import O2OError
from engine.live_capture import LiveSummary, LiveTick, live_captures, run_live_capture

REPLAY = "__replay__"
CAPTURE_SUFFIXES = {".pcap", ".pcapng", ".cap", ".dump", ".gz"}
TICK_QUEUE = 1000       # counter snapshots waiting for the GUI timer (one per batch, ~1/s)
HISTORY = 600           # chart points kept (10 minutes at one batch per second)
REPAINT_MS = 250


class CaptureView(View):
    NAME = "capture"
    TITLE = QT_TRANSLATE_NOOP("Views", "Capture")
    WATCHES = frozenset({"sites", "sensors", "imports"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.ticks: deque[LiveTick] = deque(maxlen=TICK_QUEUE)
        self.tick_drops = 0
        self.history: deque[tuple[float, float, int]] = deque(maxlen=HISTORY)
        self.last_tick: LiveTick | None = None
        self.summary: LiveSummary | None = None
        self._stop = threading.Event()
        self._finished = threading.Event()
        self._finished.set()
        self.replay_path: Path | None = None
        self.setAcceptDrops(True)
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(REPAINT_MS)
        self.timer.timeout.connect(self.drain_ticks)
        self.runner.busy_changed.connect(self._busy)
        self._busy(False)

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        source = QGroupBox(self.tr("Capture source"))
        grid = QGridLayout(source)
        self.iface_combo = QComboBox()
        self.iface_combo.setMinimumWidth(320)
        self.rescan_button = QPushButton(self.tr("Rescan"))
        self.rescan_button.setToolTip(self.tr("List the network interfaces again (after plugging in an adapter)"))
        grid.addWidget(QLabel(self.tr("Interface:")), 0, 0)
        grid.addWidget(self.iface_combo, 0, 1, 1, 3)
        grid.addWidget(self.rescan_button, 0, 4)
        self.iface_note = QLabel()
        self.iface_note.setWordWrap(True)
        self.iface_note.setTextInteractionFlags(self.iface_note.textInteractionFlags()
                                                | self.iface_note.textInteractionFlags().TextSelectableByMouse)
        grid.addWidget(self.iface_note, 1, 1, 1, 4)

        self.replay_row = QWidget()
        replay = QHBoxLayout(self.replay_row)
        replay.setContentsMargins(0, 0, 0, 0)
        self.replay_label = QLabel(self.tr("no file chosen"))
        self.replay_button = QPushButton(self.tr("Replay file…"))
        self.speed_spin = QDoubleSpinBox()
        self.speed_spin.setRange(0, 100000)
        self.speed_spin.setDecimals(1)
        self.speed_spin.setValue(0)
        self.speed_spin.setSuffix("×")
        self.speed_spin.setSpecialValueText(self.tr("as fast as possible"))
        self.speed_spin.setToolTip(self.tr("1× = the frames' own pace; 0 = as fast as possible"))
        replay.addWidget(self.replay_button)
        replay.addWidget(self.replay_label, 1)
        replay.addWidget(QLabel(self.tr("Speed:")))
        replay.addWidget(self.speed_spin)
        grid.addWidget(self.replay_row, 2, 1, 1, 4)

        self.channels_edit = QLineEdit("1,6,11")
        self.channels_edit.setToolTip(self.tr("Channels to hop through, e.g. 1,6,11 or 1-13"))
        self.hop_spin = QDoubleSpinBox()
        self.hop_spin.setRange(0.1, 60)
        self.hop_spin.setValue(0.5)
        self.hop_spin.setSuffix(self.tr(" s"))
        grid.addWidget(QLabel(self.tr("Channels:")), 3, 0)
        grid.addWidget(self.channels_edit, 3, 1)
        grid.addWidget(QLabel(self.tr("Hop every:")), 3, 2)
        grid.addWidget(self.hop_spin, 3, 3)

        self.site_combo = QComboBox()
        self.site_combo.setEditable(True)
        self.site_combo.lineEdit().setPlaceholderText(self.tr("site (a new name creates it)"))
        self.sensor_combo = QComboBox()
        self.sensor_combo.setEditable(True)
        self.sensor_combo.lineEdit().setPlaceholderText(self.tr("sensor (default)"))
        grid.addWidget(QLabel(self.tr("Site:")), 4, 0)
        grid.addWidget(self.site_combo, 4, 1)
        grid.addWidget(QLabel(self.tr("Sensor:")), 4, 2)
        grid.addWidget(self.sensor_combo, 4, 3)

        self.keep_raw_check = QCheckBox(self.tr("Keep raw pcapng files in:"))
        self.out_edit = QLineEdit(str(Path.home() / "o2o-raw-captures"))
        self.out_button = QPushButton(self.tr("Browse…"))
        grid.addWidget(self.keep_raw_check, 5, 0)
        grid.addWidget(self.out_edit, 5, 1, 1, 3)
        grid.addWidget(self.out_button, 5, 4)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        self.body.addWidget(source)

        self.raw_warning = QLabel(self.tr(
            "⚠ Raw capture files hold raw MAC addresses of passers-by (personal data). The workspace keeps "
            "only keyed hashes; keep the raw files safe and delete them when done."))
        self.raw_warning.setObjectName("warningNote")
        self.raw_warning.setWordWrap(True)
        self.body.addWidget(self.raw_warning)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start capture"))
        self.start_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.status, 1)
        self.body.addLayout(buttons)

        tiles = QHBoxLayout()
        self.tiles = {
            "frames": KpiTile(self.tr("Frames"), self.tr("802.11 frames received and stored in the workspace")),
            "probe_requests": KpiTile(self.tr("Probe requests"), self.tr("Frames phones send while looking for networks")),
            "devices": KpiTile(self.tr("Devices"), self.tr("Distinct transmitter MACs seen in this capture (stored as keyed hashes)")),
            "drops": KpiTile(self.tr("Dropped"), self.tr("Frames lost because the computer could not keep up (buffer full)")),
        }
        for tile in self.tiles.values():
            tile.set_value("0")
            tiles.addWidget(tile)
        self.body.addLayout(tiles)

        self.empty = EmptyState(self.tr("No captures yet — drop a .pcap here or start a capture"))
        self.body.addWidget(self.empty, 1)
        self.chart = ChartCard(self.tr("Frames per second and new devices"),
                               self.tr("Per stored batch (about one per second): frames received per second, "
                                       "and devices seen for the first time in this capture"))
        self.chart.plot.setLabel("bottom", self.tr("seconds since start"))
        self.frames_curve = self.chart.curve(self.tr("frames/s"))
        self.devices_curve = self.chart.curve(self.tr("new devices"))
        self.body.addWidget(self.chart, 1)

        self.iface_combo.currentIndexChanged.connect(self._source_changed)
        self.rescan_button.clicked.connect(self.scan_interfaces)
        self.replay_button.clicked.connect(self.choose_replay_file)
        self.keep_raw_check.toggled.connect(self._raw_toggled)
        self.out_button.clicked.connect(self._choose_out_dir)
        self.site_combo.currentTextChanged.connect(self._fill_sensors)
        self.start_button.clicked.connect(self.start_capture)
        self.stop_button.clicked.connect(self.stop_capture)
        self._raw_toggled(False)
        self.scan_interfaces()

    # --- interfaces, sites ---------------------------------------------------------------
    def scan_interfaces(self) -> None:
        listing = list_interfaces()
        current = self.iface_combo.currentData()
        self.iface_combo.blockSignals(True)
        self.iface_combo.clear()
        self.interfaces = {i.name: i for i in listing.interfaces}
        for info in sorted(listing.interfaces, key=lambda i: (not i.wireless, i.name)):
            self.iface_combo.addItem(self._iface_label(info), info.name)
        self.iface_combo.addItem(self.tr("Replay a capture file (demo, no radio needed)"), REPLAY)
        self.listing_message = listing.message
        index = self.iface_combo.findData(current) if current else -1
        if index < 0:  # default: the first wireless interface, else the replay
            wireless = [i.name for i in listing.wireless]
            index = self.iface_combo.findData(wireless[0] if wireless else REPLAY)
        self.iface_combo.setCurrentIndex(index)
        self.iface_combo.blockSignals(False)
        self._source_changed()

    def _iface_label(self, info) -> str:
        if not info.wireless:
            return self.tr("%1 — not wireless").replace("%1", info.name)
        if info.in_monitor_mode:
            return self.tr("%1 — wireless, in monitor mode").replace("%1", info.name)
        state = {True: self.tr("monitor mode supported"), False: self.tr("no monitor mode"),
                 None: self.tr("monitor mode unknown")}[info.monitor_capable]
        return self.tr("%1 — wireless, %2").replace("%1", info.name).replace("%2", state)

    def _source_changed(self) -> None:
        name = self.iface_combo.currentData()
        replay = name == REPLAY
        self.replay_row.setVisible(replay)
        self.channels_edit.setEnabled(not replay)
        self.hop_spin.setEnabled(not replay)
        if replay:
            note = self.listing_message or self.tr("Frames of the file go through the same path as a live capture.")
        else:
            info = self.interfaces.get(name)
            if info is None:
                note = ""
            elif not info.wireless:
                note = self.tr("This interface is not wireless: it cannot capture Wi-Fi frames.")
            elif info.in_monitor_mode:
                note = self.tr("Ready: the interface is in monitor mode.")
            else:
                note = (self.tr("Start switches it to monitor mode (needs root). Otherwise run:") + "\n"
                        + commands_text(monitor_mode_commands(name)))
                if info.note:
                    note += "\n" + info.note
        self.iface_note.setText(note)

    def refresh(self) -> None:
        ws = self.context.workspace
        current = self.site_combo.currentText()
        self.site_combo.blockSignals(True)
        self.site_combo.clear()
        if ws is not None:
            self.site_combo.addItems([s["name"] for s in ws.sites()])
        self.site_combo.setCurrentText(current)
        self.site_combo.blockSignals(False)
        self._fill_sensors()
        previous = live_captures(ws, limit=1) if ws is not None else []
        if previous:
            self.empty.setText(self.tr("Last capture: %1\n\nStart a capture, or drop a .pcap here to replay it.")
                               .replace("%1", previous[0]["message"] or previous[0]["source"]))
        else:
            self.empty.setText(self.tr("No live captures yet — pick the Wi-Fi adapter and press Start capture, "
                                       "or replay a capture file (drop a .pcap here)"))
        self._show_chart(self.last_tick is not None or self.runner.busy)
        self.start_button.setEnabled(ws is not None and not ws.read_only and not self.runner.busy)

    def _fill_sensors(self) -> None:
        ws, site = self.context.workspace, self.site_combo.currentText().strip()
        current = self.sensor_combo.currentText()
        self.sensor_combo.clear()
        if ws is not None and site:
            self.sensor_combo.addItems([s["name"] for s in ws.sensors() if s["site"] == site])
        self.sensor_combo.setCurrentText(current)

    def _show_chart(self, show: bool) -> None:
        self.empty.setVisible(not show)
        self.chart.setVisible(show)

    def _raw_toggled(self, on: bool) -> None:
        self.raw_warning.setVisible(on)
        self.out_edit.setEnabled(on)
        self.out_button.setEnabled(on)

    def _choose_out_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for raw capture files"), self.out_edit.text())
        if folder:
            self.out_edit.setText(folder)

    def choose_replay_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Replay a capture file"), "",
                                              self.tr("Captures (*.pcap *.pcapng *.cap *.dump *.gz);;All files (*)"))
        if path:
            self.set_replay_file(Path(path))

    def set_replay_file(self, path: Path) -> None:
        self.replay_path = Path(path)
        self.replay_label.setText(self.replay_path.name)
        self.replay_label.setToolTip(str(self.replay_path))
        self.iface_combo.setCurrentIndex(self.iface_combo.findData(REPLAY))

    # --- drag and drop: a dropped capture becomes the replay source ---------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if any(Path(u.toLocalFile()).suffix.lower() in CAPTURE_SUFFIXES for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in CAPTURE_SUFFIXES and path.is_file():
                self.set_replay_file(path)
                self.status.setText(self.tr("Press “Start capture” to replay %1 into the workspace.")
                                    .replace("%1", path.name))
                event.acceptProposedAction()
                return

    # --- running ---------------------------------------------------------------------------
    def start_capture(self) -> None:
        ws = self.context.workspace
        if ws is None or self.runner.busy:
            return
        site = self.site_combo.currentText().strip()
        if not site:
            self.status.setText(self.tr("Choose or type the site where the sensor stands."))
            self.site_combo.setFocus()
            return
        sensor = self.sensor_combo.currentText().strip() or None
        name = self.iface_combo.currentData()
        replay = name == REPLAY
        if replay and (self.replay_path is None or not self.replay_path.is_file()):
            self.status.setText(self.tr("Choose the capture file to replay (or drop it here)."))
            return
        if not replay and not self.interfaces.get(name, None):
            self.status.setText(self.tr("Choose an interface."))
            return
        try:
            channels = [] if replay else parse_channels(self.channels_edit.text())
        except ValueError as exc:
            self.status.setText(self.tr("Channels: %1").replace("%1", str(exc)))
            return
        out_dir = Path(self.out_edit.text()) if self.keep_raw_check.isChecked() else None
        speed, hop = self.speed_spin.value(), self.hop_spin.value()
        replay_path = self.replay_path
        self._stop = stop = threading.Event()
        self._finished = finished = threading.Event()
        self.ticks.clear()
        self.history.clear()
        self.tick_drops = 0
        self.last_tick = self.summary = None
        for tile in self.tiles.values():
            tile.set_value("0")
        self._repaint_chart()
        self._show_chart(True)
        push = self._push_tick

        def run(w, progress, cancel):
            hopper = None
            try:
                buffer = FrameBuffer()
                if replay:
                    try:
                        sniffer = Sniffer.replay(replay_path, buffer, speed=speed, stop=stop)
                    except CaptureFormatError as exc:
                        raise O2OError(exc.reason, where=str(replay_path)) from exc
                    source_path = str(replay_path)
                else:
                    result = enable_monitor(name)
                    if not result.ok:
                        raise O2OError(result.message)
                    try:
                        sniffer = Sniffer.live(name, buffer, stop=stop)
                    except OSError as exc:
                        raise O2OError(str(exc), where=name) from exc
                    hopper = ChannelHopper(name, channels, hop) if channels else None
                    if hopper:
                        hopper.start()
                    source_path = name
                raw = RawPcapngWriter(out_dir) if out_dir is not None else None
                return run_live_capture(w, sniffer, site=site, sensor=sensor, stop=stop, cancel=cancel,
                                        raw_writer=raw, on_tick=push, progress=progress, source_path=source_path)
            finally:
                if hopper:
                    hopper.stop()
                finished.set()

        source = replay_path.name if replay else name
        self.status.setText(self.tr("Capturing from %1…").replace("%1", source))
        self.timer.start()
        self.runner.run(self.tr("Capture from %1").replace("%1", source), run, workspace=ws,
                        on_done=self._finished_capture, on_error=self._failed_capture,
                        done_message=lambda s: s.message)

    def _push_tick(self, tick: LiveTick) -> None:
        """Called on the capture thread: only a bounded append, counted when it overflows."""
        if len(self.ticks) == self.ticks.maxlen:
            self.tick_drops += 1
        self.ticks.append(tick)

    def drain_ticks(self) -> None:
        """The one timer: take every waiting snapshot, update tiles and chart once."""
        got = False
        while self.ticks:
            tick = self.ticks.popleft()
            self.history.append((tick.seconds, tick.frames_per_second, tick.new_devices))
            self.last_tick = tick
            got = True
        if got:
            self._show_tick(self.last_tick)
            self._repaint_chart()

    def _show_tick(self, tick: LiveTick) -> None:
        self.tiles["frames"].set_value(thin(tick.frames), self.tr("%1 frames/s").replace(
            "%1", f"{tick.frames_per_second:,.0f}"))
        self.tiles["probe_requests"].set_value(thin(tick.probe_requests), self.tr("from %1 MACs").replace(
            "%1", thin(tick.probe_sources)))
        self.tiles["devices"].set_value(thin(tick.devices), self.tr("+%1 in the last batch").replace(
            "%1", thin(tick.new_devices)))
        note = self.tr("%1 chart updates skipped").replace("%1", thin(self.tick_drops)) if self.tick_drops else ""
        self.tiles["drops"].set_value(thin(tick.drops), note)

    def _repaint_chart(self) -> None:
        if self.history:
            data = np.array(self.history, dtype=float)
            x, fps, new = data[:, 0], data[:, 1], data[:, 2]
        else:
            x = fps = new = np.empty(0)
        self.frames_curve.setData(x, fps)
        self.devices_curve.setData(x, new)

    def stop_capture(self) -> None:
        if self.runner.busy:
            self._stop.set()
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping: storing the frames still buffered…"))

    def _finished_capture(self, summary: LiveSummary) -> None:
        self.timer.stop()
        self.drain_ticks()
        self.summary = summary
        self.tiles["frames"].set_value(thin(summary.frames))
        self.tiles["probe_requests"].set_value(thin(summary.probe_requests), self.tr("from %1 MACs").replace(
            "%1", thin(summary.probe_sources)))
        self.tiles["devices"].set_value(thin(summary.devices))
        self.tiles["drops"].set_value(thin(summary.drops))
        text = self.tr("Capture stored in the workspace: %1 frames, %2 probe requests, %3 devices in %4 s.") \
            .replace("%1", thin(summary.frames)).replace("%2", thin(summary.probe_requests)) \
            .replace("%3", thin(summary.devices)).replace("%4", f"{summary.seconds:.1f}")
        if summary.raw_files:
            text += " " + self.tr("Raw files (raw MAC addresses!): %1").replace("%1", ", ".join(summary.raw_files))
        self.status.setText(text)
        self.context.notify_changed({"detections", "devices", "imports", "sites", "sensors", "ssids"})

    def _failed_capture(self, error) -> None:
        self.timer.stop()
        self.drain_ticks()
        self.status.setText(error.message)
        # batches stored before the failure are in the workspace
        self.context.notify_changed({"detections", "devices", "imports", "sites", "sensors", "ssids"})

    def _busy(self, busy: bool) -> None:
        ws = self.context.workspace
        self.start_button.setEnabled(not busy and ws is not None and not ws.read_only)
        self.stop_button.setEnabled(busy)
        for widget in (self.iface_combo, self.rescan_button, self.replay_button, self.speed_spin,
                       self.site_combo, self.sensor_combo, self.keep_raw_check, self.channels_edit, self.hop_spin,
                       self.out_edit, self.out_button):
            widget.setEnabled(not busy)
        if not busy:
            self._source_changed()
            self._raw_toggled(self.keep_raw_check.isChecked())

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Stop a running capture and wait for its thread to store what it buffered."""
        self._stop.set()
        self.timer.stop()
        return self._finished.wait(timeout)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)


if __name__ == "__main__":  # preview: python -m app.views.capture_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(CaptureView))
