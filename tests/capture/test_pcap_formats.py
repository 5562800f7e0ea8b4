"""The capture reader and 802.11 decoder on hand-built files and the real captures."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import pcapgen  # noqa: E402

from capture.dot11 import decode, macs_to_bytes  # noqa: E402
from capture.pcap import CaptureFormatError, CaptureReader  # noqa: E402
from capture.radiotap import field_offsets, freq_to_channel  # noqa: E402

MAC_A = bytes.fromhex("AE123456D0A1")  # locally administered (randomized)
MAC_B = bytes.fromhex("001122334455")


def read_all(path: Path):
    reader = CaptureReader(path)
    frames = [decode(b) for b in reader.batches()]
    cat = {name: np.concatenate([getattr(f, name) for f in frames]) if frames else np.empty(0)
           for name in ("ts_ns", "kind", "is_probe", "has_addr2", "mac", "rssi", "channel", "seq", "fcs_bad")}
    return reader.stats, cat


def test_radiotap_fields_and_channel(tmp_path):
    path = tmp_path / "a.pcap"
    path.write_bytes(pcapgen.pcap([(1700000000.25, pcapgen.radiotap(-42, 2462) + pcapgen.probe_request(MAC_A, b"Cafe", 7)),
                                   (1700000001.5, pcapgen.radiotap(-70, 5180) + pcapgen.beacon(MAC_B))]))
    stats, f = read_all(path)
    assert stats.frames == 2 and not stats.truncated
    assert f["ts_ns"].tolist() == [1700000000_250000000, 1700000001_500000000]
    assert f["kind"].tolist() == [0, 1]
    assert f["rssi"].tolist() == [-42, -70]
    assert f["channel"].tolist() == [11, 36]
    assert f["seq"][0] == 7
    assert macs_to_bytes(f["mac"]).tobytes() == MAC_A + MAC_B


def test_big_endian_and_nanosecond_pcap(tmp_path):
    frame = pcapgen.radiotap() + pcapgen.probe_request(MAC_B)
    for big, ns in ((True, False), (False, True), (True, True)):
        path = tmp_path / f"x{big}{ns}.pcap"
        path.write_bytes(pcapgen.pcap([(1700000000.123456789, frame)], big_endian=big, nanoseconds=ns))
        stats, f = read_all(path)
        expected = 1700000000_123456789 if ns else 1700000000_123457000
        assert stats.frames == 1 and abs(int(f["ts_ns"][0]) - expected) < 100
        assert stats.format == ("pcap-ns" if ns else "pcap")


def test_gzip_pcap(tmp_path):
    frames = [(1700000000 + i, pcapgen.radiotap() + pcapgen.probe_request(MAC_A, seq=i)) for i in range(50)]
    path = tmp_path / "g.pcap.gz"
    path.write_bytes(pcapgen.gzipped(pcapgen.pcap(frames)))
    stats, f = read_all(path)
    assert stats.frames == 50 and f["is_probe"].all() and f["seq"].tolist() == list(range(50))


def test_pcapng_two_interfaces_linktypes_and_tsresol(tmp_path):
    data = pcapgen.pcapng(
        [(127, None), (105, 9)],  # radiotap in µs (default), raw 802.11 in ns
        [(0, 1700000000_000001, pcapgen.radiotap(-50, 2412) + pcapgen.probe_request(MAC_A)),
         (1, 1700000000_000000002, pcapgen.probe_request(MAC_B)),
         (1, 1700000000_000000003, pcapgen.ack(MAC_A))])
    path = tmp_path / "two.pcapng"
    path.write_bytes(data)
    stats, f = read_all(path)
    assert stats.frames == 3 and stats.linktypes == {127, 105} and stats.interfaces == 2
    assert f["ts_ns"].tolist() == [1700000000_000001000, 1700000000_000000002, 1700000000_000000003]
    assert f["is_probe"].tolist() == [True, True, False]
    assert f["has_addr2"].tolist() == [True, True, False]  # an ACK has no transmitter address
    assert f["rssi"][0] == -50 and f["channel"][0] == 1


def test_truncated_file_keeps_complete_frames(tmp_path):
    frames = [(1700000000 + i, pcapgen.radiotap() + pcapgen.probe_request(MAC_A, seq=i)) for i in range(10)]
    whole = pcapgen.pcap(frames)
    path = tmp_path / "cut.pcap"
    path.write_bytes(whole[:-7])
    stats, f = read_all(path)
    assert stats.frames == 9 and stats.truncated
    assert stats.bytes_lost == len(frames[-1][1]) + 16 - 7
    assert stats.last_ts_ns == 1700000008 * 10**9


def test_fcs_checked_bad_counted(tmp_path):
    good = pcapgen.radiotap(fcs=True) + pcapgen.with_fcs(pcapgen.probe_request(MAC_A))
    bad = pcapgen.radiotap(fcs=True) + pcapgen.with_fcs(pcapgen.probe_request(MAC_B), good=False)
    path = tmp_path / "fcs.pcap"
    path.write_bytes(pcapgen.pcap([(1.0, good), (2.0, bad)]))
    _, f = read_all(path)
    assert f["fcs_bad"].tolist() == [False, True]


def test_refusals_name_the_reason(tmp_path):
    cases = {"empty.pcap": (b"", "empty file"),
             "text.pcapng": (b"The MIT License\n", "not a capture file"),
             "eth.pcap": (pcapgen.pcap([], linktype=1), r"link type 1 \(Ethernet\) is not 802.11"),
             "short.pcap": (pcapgen.pcap([])[:20], "truncated inside the 24-byte pcap file header")}
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(CaptureFormatError, match=reason):
            read_all(path)


def test_radiotap_extended_bitmap_offsets():
    # TSFT + flags in bitmap 0 which continues (bit 31) into a radiotap namespace (bit 29)
    # bitmap with the dBm antenna signal: flags after 8-byte TSFT aligned to 8 from 12 -> 16
    words = ((1 << 0) | (1 << 1) | (1 << 29) | (1 << 31), 1 << 5)
    found, end = field_offsets(words)
    assert found["flags"] == 24 and found["dbm"] == 25 and end == 26
    assert freq_to_channel(np.array([2412, 2484, 5745, 5955, 999])).tolist() == [1, 14, 149, 1, 0]


def test_many_frames_across_windows(tmp_path):
    """Small windows force records to straddle window ends and the speculative walk to
    meet spurious candidates; the result must equal a plain record-by-record reading."""
    rng = np.random.default_rng(3)
    records = []
    for i in range(3000):
        mac = bytes(rng.integers(0, 256, 6, dtype=np.uint8))
        ssid = bytes(rng.integers(0, 256, int(rng.integers(0, 33)), dtype=np.uint8))
        records.append((1700000000 + i * 0.01, pcapgen.radiotap() + pcapgen.probe_request(mac, ssid, i % 4096)))
    path = tmp_path / "many.pcap"
    path.write_bytes(pcapgen.pcap(records))
    for window in (4096, 65536, 1 << 26):
        reader = CaptureReader(path, window=window)
        got = np.concatenate([decode(b).seq for b in reader.batches()])
        assert reader.stats.frames == 3000 and got.tolist() == [i % 4096 for i in range(3000)]


CAPTURES = Path(__file__).resolve().parents[3] / "shared" / "data" / "captures"


@pytest.mark.skipif(shutil.which("tshark") is None, reason="tshark is not installed")
@pytest.mark.parametrize("name", ["aircrack-ng-tests/n-02.cap", "aircrack-ng-tests/test1.pcap",
                                  "fryza-esp32-probes/sc6-61_2023-02-23_anonymized.pcap",
                                  "tcpdump-tests/ieee802.11_exthdr.pcap", "wifite2-tests/handshake_not_exists.cap",
                                  "libpcap-tests/http_PPI.pcap", "aircrack-ng-tests/wpa.cap"])
def test_against_tshark(name):
    path = CAPTURES / name
    if not path.exists():
        pytest.skip("shared captures not found")
    out = subprocess.run(["tshark", "-r", str(path), "-T", "fields", "-e", "wlan.fc.type_subtype", "-e", "wlan.sa",
                          "-e", "wlan.seq"], capture_output=True, text=True).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    _, f = read_all(path)
    assert len(rows) == len(f["kind"])
    probe = [r for r in rows if r[0] == "0x0004"]
    assert int(f["is_probe"].sum()) == len(probe)
    ours = macs_to_bytes(f["mac"][f["is_probe"]])
    assert [m.hex(":") for m in map(bytes, ours)] == [r[1] for r in probe]
    theirs_seq = [int(r[2]) for r in probe if r[2]]
    assert f["seq"][f["is_probe"]].tolist()[:len(theirs_seq)] == theirs_seq


@pytest.mark.skipif(shutil.which("tshark") is None, reason="tshark is not installed")
def test_files_tshark_refuses_are_refused():
    if not CAPTURES.is_dir():
        pytest.skip("shared captures not found")
    refused_by_tshark = []
    for path in sorted(CAPTURES.glob("*/*")):
        if path.name.startswith("LICENSE") or path.suffix == ".csv":
            continue
        proc = subprocess.run(["tshark", "-r", str(path), "-c", "1"], capture_output=True, text=True)
        if proc.returncode != 0:
            refused_by_tshark.append(path)
            with pytest.raises(CaptureFormatError) as caught:
                read_all(path)
            assert caught.value.reason and caught.value.offset >= 0
    assert len(refused_by_tshark) == 7


def test_pcapng_many_blocks_across_windows(tmp_path):
    """The vectorised EPB walk against small windows, payload words equal to 6 (spurious
    candidates) and a non-packet block in the middle: same result as block by block."""
    packets = []
    for i in range(2000):
        ssid = bytes([6, 0, 0, 0]) * (i % 5)  # aligned-looking 'type 6' words inside payloads
        packets.append((i % 2, 1700000000_000000 + i, pcapgen.radiotap() + pcapgen.probe_request(MAC_B, ssid, i % 4096)))
    data = pcapgen.pcapng([(127, None), (127, None)], packets[:1000])
    data += pcapgen._block(0x00000BAD, b"custom block in the middle")
    data += pcapgen.pcapng([(127, None), (127, None)], packets[1000:])[28:]  # the same section goes on
    path = tmp_path / "many.pcapng"
    path.write_bytes(data)
    for window in (4096, 65536, 1 << 26):
        reader = CaptureReader(path, window=window)
        got = np.concatenate([decode(b).seq for b in reader.batches()])
        assert reader.stats.frames == 2000 and got.tolist() == [i % 4096 for i in range(2000)], window
