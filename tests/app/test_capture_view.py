"""The Capture screen: a replayed capture run from the screen lands in the workspace, the
counters show it, Stop and closing the screen end the capture thread cleanly."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.context import AppContext
from app.views.capture_view import REPLAY, CaptureView
from app.worker import TaskMonitor
from engine.workspace import Workspace

FRYZA = Path("captures/fryza-esp32-probes/sc6-61_2023-02-23_anonymized.pcap")


@pytest.fixture
def screen(qtbot, tmp_path):
    context, monitor = AppContext(), TaskMonitor()
    context.set_workspace(Workspace.open(tmp_path / "cap.o2o", create=True))
    view = CaptureView(context, monitor)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    changed = []
    context.data_changed.connect(changed.append)
    yield view, context, changed
    view.close()
    assert monitor.wait(20000)
    assert not view.runner.busy or not monitor.running
    context.set_workspace(None)


def _tile(view, key) -> int:
    return int(view.tiles[key].value_label.text().replace("\u2009", ""))


def test_empty_state_and_interface_listing(screen):
    view, _context, _changed = screen
    assert view.empty.isVisible() and not view.chart.isVisible()
    assert view.empty.text().startswith("No live captures yet — pick the Wi-Fi adapter")
    names = [view.iface_combo.itemData(i) for i in range(view.iface_combo.count())]
    assert names[-1] == REPLAY and "lo" in names
    assert not view.raw_warning.isVisible()
    view.keep_raw_check.setChecked(True)
    assert view.raw_warning.isVisible() and "raw MAC addresses" in view.raw_warning.text()


def test_replay_from_the_screen_fills_counters_and_workspace(qtbot, screen, shared_data):
    view, context, changed = screen
    view.set_replay_file(shared_data / FRYZA)
    view.speed_spin.setValue(0)
    view.site_combo.setCurrentText("Lab")
    view.start_capture()
    assert view.runner.busy and view.stop_button.isEnabled() and not view.start_button.isEnabled()
    assert not view.out_edit.isEnabled() and not view.site_combo.isEnabled()  # settings fixed while running
    qtbot.waitUntil(lambda: view.summary is not None, timeout=60000)  # the replay ends by itself
    view.stop_capture()  # after the end: harmless
    assert (_tile(view, "frames"), _tile(view, "probe_requests"), _tile(view, "devices"), _tile(view, "drops")) \
        == (1694, 1694, 24, 0)
    ws = context.workspace
    assert ws.con.execute("SELECT count(*), count(DISTINCT device_key) FROM detections").fetchone() == (1694, 24)
    assert ws.con.execute("SELECT kind, status, rows_in FROM imports").fetchall() == [("live", "imported", 1694)]
    assert {"detections", "devices", "imports"} <= changed[-1]
    assert view.chart.isVisible() and not view.empty.isVisible()
    assert view.start_button.isEnabled() and not view.stop_button.isEnabled()


def test_stop_mid_way_keeps_every_received_frame(qtbot, screen, shared_data):
    view, context, _changed = screen
    view.set_replay_file(shared_data / FRYZA)
    view.speed_spin.setValue(3000)  # 6.6 h of frames in ~8 s
    view.site_combo.setCurrentText("Lab")
    view.sensor_combo.setCurrentText("door")
    view.start_capture()
    qtbot.waitUntil(lambda: view.last_tick is not None and view.last_tick.frames > 0, timeout=30000)
    assert len(view.frames_curve.xData) >= 1  # the timer drew the chart from the drained snapshots
    view.stop_capture()
    qtbot.waitUntil(lambda: not view.runner.busy, timeout=30000)
    frames = _tile(view, "frames")
    assert 0 < frames < 1694 and view.summary.frames == frames
    stored = context.workspace.con.execute("SELECT count(*) FROM detections").fetchone()[0]
    assert stored == frames
    assert [s["name"] for s in context.workspace.sensors()] == ["door"]


def test_closing_the_screen_stops_the_capture(qtbot, screen, shared_data):
    view, context, _changed = screen
    view.set_replay_file(shared_data / FRYZA)
    view.speed_spin.setValue(1)  # real time: hours, unless stopped
    view.site_combo.setCurrentText("Lab")
    view.start_capture()
    qtbot.waitUntil(lambda: view.last_tick is not None, timeout=30000)
    assert view.shutdown(timeout=20)  # what closeEvent does: the thread ends, buffered frames stored
    qtbot.waitUntil(lambda: not view.runner.busy, timeout=30000)
    status = context.workspace.con.execute("SELECT status FROM imports").fetchone()[0]
    assert status == "imported"


def test_start_needs_a_site_and_a_file(screen, shared_data):
    view, _context, _changed = screen
    view.iface_combo.setCurrentIndex(view.iface_combo.findData(REPLAY))
    view.site_combo.setCurrentText("")
    view.start_capture()
    assert not view.runner.busy and "site" in view.status.text()
    view.site_combo.setCurrentText("Lab")
    view.start_capture()
    assert not view.runner.busy and "file" in view.status.text()
