"""capture/live.py and capture/monitor.py: buffer, batches, replay socket, raw pcapng, interfaces.

Replayed frames are checked against the project's own file reader (capture.pcap), and the
raw pcapng files against tshark where it is installed.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest

from capture.dot11 import decode
from capture.live import FrameBuffer, RawPcapngWriter, Sniffer, records_to_batch
from capture.monitor import (enable_monitor, list_interfaces, monitor_mode_commands, parse_channels,
                             parse_supported_modes)
from capture.pcap import CaptureFormatError, CaptureReader

FRYZA = Path("captures/fryza-esp32-probes/sc6-61_2023-02-23_anonymized.pcap")
RAW_80211 = Path("captures/aircrack-ng-tests/n-02.cap")


def _replay_all(path: Path, capacity: int = 100_000) -> FrameBuffer:
    buffer = FrameBuffer(capacity)
    sniffer = Sniffer.replay(path, buffer, speed=0)
    sniffer.start()
    sniffer._sniffer.thread.join(60)  # a replay ends by itself at the end of the file
    sniffer.stop()
    assert sniffer.error is None
    return buffer


def test_buffer_counts_drops_when_full():
    buffer = FrameBuffer(capacity=100)
    accepted = [buffer.push(i, 127, bytes([i % 256])) for i in range(150)]
    assert sum(accepted) == 100 and accepted[:100] == [True] * 100 and not any(accepted[100:])
    assert (buffer.received, buffer.drops, len(buffer)) == (150, 50, 100)
    drained = buffer.drain()
    assert [r[0] for r in drained] == list(range(100))  # the oldest are kept, in order
    assert len(buffer) == 0 and buffer.push(1, 127, b"x")  # room again after a drain
    with pytest.raises(ValueError):
        FrameBuffer(0)


def test_records_to_batch_lays_frames_end_to_end():
    records = [(5, 127, b"abc"), (7, 105, b""), (9, 127, b"defgh")]
    batch = records_to_batch(records, first_record=10)
    assert batch.data == b"abcdefgh"
    assert batch.offset.tolist() == [0, 3, 3] and batch.caplen.tolist() == [3, 0, 5]
    assert batch.ts_ns.tolist() == [5, 7, 9] and batch.linktype.tolist() == [127, 105, 127]
    assert batch.first_record == 10 and len(records_to_batch([])) == 0


@pytest.mark.parametrize("relative", [FRYZA, RAW_80211])
def test_replay_yields_the_file_frames_byte_for_byte(shared_data, relative):
    path = shared_data / relative
    records = _replay_all(path).drain()
    reader = CaptureReader(path)
    expected = []
    for batch in reader.batches():
        for off, length, ts, lt in zip(batch.offset, batch.caplen, batch.ts_ns, batch.linktype):
            expected.append((int(ts), int(lt), batch.data[off:off + length]))
    assert len(records) == reader.stats.frames
    assert records == expected


def test_replay_of_fryza_decodes_to_the_published_counts(shared_data):
    # README: 1694 frames, 1694 probe requests, 24 probe sources (tshark)
    frames = decode(records_to_batch(_replay_all(shared_data / FRYZA).drain()))
    assert len(frames) == 1694
    assert int(frames.is_probe.sum()) == 1694
    assert len(np.unique(frames.mac[frames.is_probe])) == 24


def test_small_buffer_drops_and_counts(shared_data):
    buffer = _replay_all(shared_data / FRYZA, capacity=100)
    assert (buffer.received, buffer.drops, len(buffer)) == (1694, 1594, 100)


def test_replay_paced_by_speed_stops_on_request(shared_data):
    """At real-time speed the fryza file takes hours; a stop ends the replay at once."""
    buffer = FrameBuffer()
    stop = threading.Event()
    sniffer = Sniffer.replay(shared_data / FRYZA, buffer, speed=1.0, stop=stop)
    sniffer.start()
    assert sniffer.running
    sniffer.stop()
    assert not sniffer.running
    assert buffer.received < 1694  # the frames after the first are due only ~14 s apart


def test_replay_refuses_what_is_not_a_capture(shared_data):
    with pytest.raises(CaptureFormatError):
        Sniffer.replay(shared_data / "captures/hcxdumptool-pr483/test.pcapng", FrameBuffer())


def test_raw_pcapng_rotates_and_reads_back(shared_data, tmp_path):
    records = _replay_all(shared_data / FRYZA).drain()
    writer = RawPcapngWriter(tmp_path / "raw", rotate_bytes=100_000)
    writer.write(records[:1000])
    writer.write(records[1000:])
    writer.close()
    assert len(writer.files) == 3  # ~206 kB of frames + block overhead in 100 kB files
    back = []
    for path in writer.files:
        reader = CaptureReader(path)
        for batch in reader.batches():
            back += [(int(t), int(lt), batch.data[o:o + n])
                     for o, n, t, lt in zip(batch.offset, batch.caplen, batch.ts_ns, batch.linktype)]
        assert reader.stats.format == "pcapng" and not reader.stats.truncated
    assert back == records
    if shutil.which("tshark"):
        out = subprocess.run(["tshark", "-r", str(writer.files[0]), "-Y", "wlan.fc.type_subtype == 4"],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert len(out.stdout.splitlines()) == sum(1 for _ in _frames_in(writer.files[0]))


def _frames_in(path: Path):
    for batch in CaptureReader(path).batches():
        yield from range(len(batch))


def test_live_socket_receives_loopback_traffic():
    """The live path without a radio: listen on `lo` and send ourselves UDP datagrams
    (needs CAP_NET_RAW; skipped otherwise)."""
    buffer = FrameBuffer()
    try:
        sniffer = Sniffer.live("lo", buffer)
    except PermissionError:
        pytest.skip("no CAP_NET_RAW here")
    sniffer.start()
    marker = b"o2o-live-socket-test"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for _ in range(5):
            udp.sendto(marker, ("127.0.0.1", 9))
    deadline = threading.Event()
    for _ in range(200):  # poll the buffer (frames arrive asynchronously); bounded wait
        if sum(marker in r[2] for r in list(buffer._items)) >= 5:
            break
        deadline.wait(0.01)
    sniffer.stop()
    records = buffer.drain()
    assert sum(marker in r[2] for r in records) >= 5
    assert all(r[0] > 1_600_000_000 * 10**9 for r in records)  # kernel timestamps in ns


def test_interface_listing_on_this_machine():
    listing = list_interfaces()
    names = sorted(p.name for p in Path("/sys/class/net").iterdir())
    assert [i.name for i in listing.interfaces] == names
    wireless = {p.name for p in Path("/sys/class/net").iterdir()
                if (p / "wireless").exists() or (p / "phy80211").exists()}
    assert {i.name for i in listing.wireless} == wireless
    if not wireless:
        assert "no wireless interfaces" in listing.message
    lo = next(i for i in listing.interfaces if i.name == "lo")
    assert not lo.wireless and lo.label() == "lo (not wireless)"
    result = enable_monitor("lo")
    assert not result.ok and "not a wireless interface" in result.message
    assert not enable_monitor("o2o-no-such-if").ok


def test_interface_listing_reads_sysfs(tmp_path):
    """A sysfs tree as Linux lays it out for a USB Wi-Fi adapter (managed) and one already in
    monitor mode (ARPHRD_IEEE80211_RADIOTAP = 803)."""
    net = tmp_path / "net"
    for name, kind, phy in (("enp3s0", "1", None), ("wlan0", "1", "phy0"), ("wlan1mon", "803", "phy1")):
        entry = net / name
        entry.mkdir(parents=True)
        (entry / "type").write_text(kind + "\n")
        (entry / "operstate").write_text("up\n")
        if phy:
            (entry / "phy80211").mkdir()
            (entry / "phy80211" / "name").write_text(phy + "\n")
    listing = list_interfaces(net)
    by_name = {i.name: i for i in listing.interfaces}
    assert [i.name for i in listing.wireless] == ["wlan0", "wlan1mon"] and listing.message == ""
    assert by_name["wlan1mon"].in_monitor_mode and by_name["wlan1mon"].monitor_capable
    assert not by_name["wlan0"].in_monitor_mode and by_name["wlan0"].phy == "phy0"
    assert not by_name["enp3s0"].wireless
    assert enable_monitor("wlan1mon", net).ok
    if shutil.which("iw") is None:  # cannot switch here: the exact commands are in the message
        result = enable_monitor("wlan0", net)
        assert not result.ok and "iw dev wlan0 set type monitor" in result.message


def test_supported_modes_parsing():
    # an excerpt of real `iw list` output (Intel AX200)
    text = """Wiphy phy0
\tmax # scan SSIDs: 20
\tSupported interface modes:
\t\t * IBSS
\t\t * managed
\t\t * AP
\t\t * AP/VLAN
\t\t * monitor
\t\t * P2P-client
\tBand 1:
\t\tCapabilities: 0x1062
"""
    assert parse_supported_modes(text) == {"ibss", "managed", "ap", "ap/vlan", "monitor", "p2p-client"}
    assert "monitor" not in parse_supported_modes(text.replace("monitor", "mesh point"))
    assert parse_supported_modes("") == set()


def test_monitor_commands_and_channels():
    assert monitor_mode_commands("wlan1")[1] == ["iw", "dev", "wlan1", "set", "type", "monitor"]
    assert parse_channels("1,6,11") == [1, 6, 11]
    assert parse_channels("1-3, 6 1") == [1, 2, 3, 6]
    for bad in ("x", "0", "5-2", "300"):
        with pytest.raises(ValueError):
            parse_channels(bad)


def test_replay_of_files_ending_batches_with_short_frames_matches_the_file_import(tmp_path, shared_data):
    """ACK/CTS frames (10 bytes) at a batch end and link types with FCS flag bits (0x3000007F)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    o2o = str(Path(sys.executable).with_name("o2o"))
    for name in ("aircrack-ng-tests/wpa-Induction.pcap", "aircrack-ng-tests/wpa3-psk.pcap",
                 "tcpdump-tests/ieee802.11_rates_oobr.pcap"):
        path = shared_data / "captures" / name
        if not path.exists():
            path = next((shared_data / "captures").rglob(Path(name).name), None)
        if path is None:
            continue
        ws = tmp_path / f"{path.stem}.o2o"
        out = subprocess.run([o2o, "capture", "--replay", str(path), "--speed", "0", "-w", str(ws),
                              "--site", "Replay", "--json"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        live = json.loads(out.stdout)
        imported = subprocess.run([o2o, "import", "capture", str(path), "-w", str(tmp_path / "f.o2o"),
                                   "--site", path.stem, "--json"], capture_output=True, text=True, timeout=120)
        expected = json.loads(imported.stdout)[0]
        assert (live["frames"], live["probe_requests"]) == (expected["frames"], expected["probe_requests"])
