"""Live capture into a real workspace (engine/live_capture.py, `o2o capture`), driven by
replaying real capture files through the live path; checked against the file importer."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from capture.live import FrameBuffer, RawPcapngWriter, Sniffer
from capture.pcap import CaptureReader
from engine.imports.captures import import_capture
from engine.live_capture import LIVE_KIND, run_live_capture
from engine.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
O2O = str(Path(sys.executable).with_name("o2o"))
FRYZA = Path("captures/fryza-esp32-probes/sc6-61_2023-02-23_anonymized.pcap")
BACCICHET = Path("captures/baccichet-probing-patterns/iPhone11-C_anonymized.pcap")
DETECTION_COLUMNS = "ts, site_id, sensor_id, device_key, frame_kind, rssi, channel, seq, ssid_id"


def _detections(ws, import_id):
    return sorted(ws.con.execute(f"SELECT {DETECTION_COLUMNS} FROM detections WHERE import_id = ?",
                                 [import_id]).fetchall(), key=repr)


# speeds that replay each file in about 0.6 s, so it is stored in several batches
@pytest.mark.parametrize("relative, published, speed", [(FRYZA, (1694, 1694, 24), 40000),
                                                        (BACCICHET, (531, 531, 334), 3000)])
def test_replay_stores_what_the_file_importer_stores(workspace, shared_data, relative, published, speed):
    path = shared_data / relative
    filed = import_capture(workspace, path, site="Lab", sensor="esp32")
    assert filed.status == "imported", filed.message
    summary = run_live_capture(workspace, Sniffer.replay(path, FrameBuffer(), speed=speed), site="Lab",
                               sensor="esp32", batch_seconds=0.05)
    d = filed.details
    assert (summary.frames, summary.probe_requests, summary.probe_sources) == published  # README (tshark)
    assert (summary.frames, summary.probe_requests, summary.probe_sources, summary.devices, summary.detections) == \
        (d["frames"], d["probe_requests"], d["probe_sources"], d["devices"], d["detections"])
    assert summary.batches >= 2 and summary.drops == 0 and summary.status == "imported"
    # the very same rows, column for column, under the two imports
    assert _detections(workspace, summary.import_id) == _detections(workspace, filed.import_id)
    # devices were merged, not duplicated: each frame counted once per import
    devices, frames = workspace.con.execute("SELECT count(*), sum(frames) FROM devices").fetchone()
    assert (devices, frames) == (d["devices"], 2 * d["detections"])
    row = workspace.con.execute("SELECT kind, status, rows_in, rows_ok, site_id FROM imports WHERE import_id = ?",
                                [summary.import_id]).fetchone()
    assert row[:4] == (LIVE_KIND, "imported", summary.frames, summary.detections)


def test_full_buffer_drops_are_counted_not_stored(workspace, shared_data):
    buffer = FrameBuffer(capacity=100)
    # one batch only at the end: the replay outruns the (never draining) writer
    summary = run_live_capture(workspace, Sniffer.replay(shared_data / FRYZA, buffer, speed=0), site="Lab",
                               batch_seconds=3600, batch_frames=10**9)
    assert (summary.frames, summary.drops) == (100, 1594)
    assert workspace.con.execute("SELECT count(*) FROM detections").fetchone()[0] == 100
    assert "1,594 frames dropped" in summary.message


def test_stop_mid_way_stores_every_buffered_frame(workspace, shared_data):
    """Stopped mid-way (a stop event, as Ctrl-C or the Stop button set it): the frames
    received before the stop are all stored, none half-written."""
    stop = threading.Event()
    buffer = FrameBuffer()
    ticks = []

    def on_tick(tick):
        ticks.append(tick)
        if tick.frames:
            stop.set()

    # 6.6 h of frames at 5000x: ~5 s for the whole file; we stop after the first stored batch
    summary = run_live_capture(workspace, Sniffer.replay(shared_data / FRYZA, buffer, speed=5000, stop=stop),
                               site="Lab", batch_seconds=0.2, stop=stop, on_tick=on_tick)
    assert 0 < summary.frames < 1694
    assert summary.frames == buffer.received and summary.drops == 0  # nothing lost in the buffer
    stored = workspace.con.execute("SELECT count(*) FROM detections WHERE import_id = ?",
                                   [summary.import_id]).fetchone()[0]
    assert stored == summary.frames == ticks[-1].frames
    assert workspace.con.execute("SELECT status, rows_in FROM imports WHERE import_id = ?",
                                 [summary.import_id]).fetchone() == ("imported", summary.frames)


def test_duration_ends_the_capture_and_flushes(workspace, shared_data):
    buffer = FrameBuffer()
    summary = run_live_capture(workspace, Sniffer.replay(shared_data / FRYZA, buffer, speed=5000), site="Lab",
                               duration=0.5, batch_seconds=10)
    assert 0 < summary.frames < 1694 and summary.batches == 1  # the one batch is the final flush
    assert summary.frames == buffer.received
    assert workspace.con.execute("SELECT count(*) FROM detections").fetchone()[0] == summary.frames


def test_a_capture_left_running_is_marked_interrupted(workspace, shared_data):
    """A process that died leaves its row 'running' with the batches it committed; the next
    capture marks it interrupted (and keeps its rows)."""
    with workspace.transaction():
        site_id, _ = workspace.ensure_site("Lab")
        workspace.con.execute("INSERT INTO imports (kind, file_name, sha256, site_id, status, started_at) "
                              "VALUES ('live', 'interface wlan1', 'live:dead', ?, 'running', now()::TIMESTAMP)",
                              [site_id])
    run_live_capture(workspace, Sniffer.replay(shared_data / BACCICHET, FrameBuffer(), speed=0), site="Lab")
    assert workspace.con.execute("SELECT status FROM imports WHERE sha256 = 'live:dead'").fetchone() == ("interrupted",)


def test_keep_raw_writes_readable_pcapng(workspace, shared_data, tmp_path):
    out = tmp_path / "raw"
    summary = run_live_capture(workspace, Sniffer.replay(shared_data / FRYZA, FrameBuffer(), speed=0), site="Lab",
                               raw_writer=RawPcapngWriter(out, rotate_bytes=1 << 20))
    assert [Path(p).parent for p in summary.raw_files] == [out]
    reader = CaptureReader(summary.raw_files[0])
    assert sum(len(b) for b in reader.batches()) == 1694
    assert "raw MAC addresses" in summary.message


def _cli(args, **kw):
    env = dict(os.environ)
    return subprocess.run([O2O, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


def test_cli_replay_json_summary_and_no_raw_files_by_default(shared_data, tmp_path):
    ws_path = tmp_path / "cli.o2o"
    out = _cli(["capture", "-w", str(ws_path), "--replay", str(shared_data / FRYZA), "--speed", "0",
                "--site", "Lab", "--sensor", "door", "--out", str(tmp_path / "raw"), "--json"])
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert {k: summary[k] for k in ("frames", "probe_requests", "probe_sources", "devices", "drops")} == \
        {"frames": 1694, "probe_requests": 1694, "probe_sources": 24, "devices": 24, "drops": 0}
    assert summary["batches"] >= 1 and summary["seconds"] > 0 and summary["raw_files"] == []
    assert "probe requests" in out.stderr  # the live counters line
    # without --keep-raw nothing but the workspace was written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cli.o2o"]
    with Workspace.open(ws_path) as ws:
        assert ws.con.execute("SELECT count(*) FROM detections").fetchone()[0] == 1694
        assert ws.sensors()[0]["name"] == "door"


def test_cli_keep_raw_warns_about_raw_macs(shared_data, tmp_path):
    out = _cli(["capture", "-w", str(tmp_path / "k.o2o"), "--replay", str(shared_data / BACCICHET), "--speed", "0",
                "--site", "Lab", "--keep-raw", "--out", str(tmp_path / "raw"), "--rotate-mb", "0.05"])
    assert out.returncode == 0, out.stderr
    files = sorted((tmp_path / "raw").glob("*.pcapng"))
    assert len(files) >= 2  # 78 kB of frames rotated at 64 kB (the smallest rotation size)
    assert "raw MAC addresses" in out.stderr and "RAW MAC addresses" in out.stdout
    assert sum(sum(len(b) for b in CaptureReader(f).batches()) for f in files) == 531


def test_cli_ctrl_c_stops_cleanly_and_stores_buffered_frames(shared_data, tmp_path):
    ws_path = tmp_path / "int.o2o"
    proc = subprocess.Popen([O2O, "capture", "-w", str(ws_path), "--replay",
                             str(shared_data / FRYZA), "--speed", "2000", "--site", "Lab", "--json",
                             "--batch-seconds", "0.2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    first = proc.stderr.readline()  # the first counters line: the capture is running
    assert "frames/s" in first, first + proc.stderr.read()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    summary = json.loads(stdout)
    assert 0 < summary["frames"] < 1694 and summary["status"] == "imported"
    with Workspace.open(ws_path) as ws:
        assert ws.con.execute("SELECT count(*) FROM detections").fetchone()[0] == summary["frames"]


def test_cli_refuses_a_wired_interface_and_lists_interfaces(tmp_path):
    out = _cli(["capture", "-w", str(tmp_path / "x.o2o"), "--iface", "lo", "--site", "Lab"])
    assert out.returncode == 2 and "not a wireless interface" in out.stderr
    assert not (tmp_path / "x.o2o").exists()  # refused before anything was created
    listing = _cli(["interfaces", "--json"])
    assert listing.returncode == 0
    names = [i["name"] for i in json.loads(listing.stdout)["interfaces"]]
    assert "lo" in names
