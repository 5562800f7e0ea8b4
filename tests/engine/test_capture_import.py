"""Capture, airodump and Kismet imports into real workspaces."""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "capture"))
import pcapgen  # noqa: E402

from engine.hashing import device_key, mac_md5  # noqa: E402
from engine.imports import import_file  # noqa: E402
from engine.imports.captures import import_airodump, import_capture, import_kismet, ssid_id  # noqa: E402
from engine.progress import CancelToken  # noqa: E402

MAC_A = bytes.fromhex("AE123456D0A1")
MAC_B = bytes.fromhex("001122334455")


def readme_table(shared: Path) -> list[tuple[str, list[int], str]]:
    rows = []
    for line in (shared / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and "/" in cells[0] and cells[2].isdigit():
            rows.append((cells[0], [int(c) for c in cells[2:6]], cells[6]))
    return rows


def test_readme_table_counts(workspace, shared_data):
    """Every capture in shared/data agrees with tshark's counts in the README, or is refused
    exactly where tshark refuses (or the file is empty / has no 802.11 link type)."""
    table = readme_table(shared_data)
    assert len(table) >= 40
    for name, (frames, probes, sources, randomized), note in table:
        result = import_capture(workspace, shared_data / "captures" / name, site="Lab")
        if result.status == "refused":
            # tshark refuses these, or they hold no 802.11 at all: nothing to count
            assert frames == 0 or "truncated-shb" in name, (name, result.message)
            assert str(shared_data / "captures" / name) in result.message
            continue
        assert result.status == "imported", (name, result.message)
        d = result.details
        assert [d["frames"], d["probe_requests"], d["probe_sources"], d["randomized_sources"]] == \
            [frames, probes, sources, randomized], name
        if "truncated" in note:
            assert d["truncated"] and d["bytes_lost"] > 0, name
    # pcapng-truncated-shb.pcapng: tshark falls back to its MIME-file reader and shows the 16
    # bytes as one non-802.11 "frame"; it is a pcapng cut inside its section header: refused.
    imported = {r[0] for r in workspace.con.execute("SELECT file_name FROM imports").fetchall()}
    assert "pcapng-truncated-shb.pcapng" not in imported


def test_refused_files_say_why(workspace, shared_data):
    cap = shared_data / "captures"
    expect = {"hcxdumptool-pr483/test.pcapng": "not a capture file",
              "aircrack-ng-tests/wep_64_ptw_02.cap": "not a capture file",
              "libpcap-tests/pcap-empty-file.pcap": "empty file",
              "libpcap-tests/pcapng-invalid-vers-1.pcapng": "version 0.1",
              "libpcap-tests/linktype-reserved-field-not-zero.pcap": "reserved field not zero",
              "libpcap-tests/shb-option-too-long.pcapng": "option",
              "libpcap-tests/pcap-truncated-hdr-23.pcap": "truncated inside",
              "libpcap-tests/pcapng-truncated-shb.pcapng": "truncated inside"}
    before = workspace.table_counts()
    for name, reason in expect.items():
        result = import_capture(workspace, cap / name, site="Lab")
        assert result.status == "refused" and reason in result.message and "byte" in result.message, result.message
    after = workspace.table_counts()
    assert {k: v for k, v in after.items() if k not in ("sites", "sensors")} == \
        {k: v for k, v in before.items() if k not in ("sites", "sensors")}



def test_an_airodump_csv_given_as_a_capture_names_its_importer(workspace, shared_data):
    path = next((shared_data / "airodump").rglob("*.csv"))
    result = import_capture(workspace, path, site="Lab")
    assert result.status == "refused" and "o2o import airodump" in result.message, result.message

def test_anonymized_capture_imports_with_fcs_off(workspace, shared_data):
    path = shared_data / "captures" / "baccichet-probing-patterns" / "iPhoneXR-A_anonymized.pcap"
    result = import_capture(workspace, path, site="Lab")
    assert result.status == "imported"
    assert result.details["fcs_checked"] is False and result.details["bad_fcs"] == 0
    assert result.details["probe_requests"] == 136 and "FCS not checked" in result.message


def test_same_file_twice_is_skipped(workspace, shared_data):
    path = shared_data / "captures" / "fryza-esp32-probes" / "sc6-61_2023-02-23_anonymized.pcap"
    first = import_capture(workspace, path, site="Lab")
    counts = workspace.table_counts()
    second = import_capture(workspace, path, site="Lab")
    assert first.status == "imported" and second.status == "skipped"
    assert workspace.table_counts() == counts
    assert counts["detections"] == 1694 and counts["devices"] == 24
    frames = workspace.con.execute("SELECT sum(frames) FROM devices").fetchall()[0][0]
    assert frames == 1694


def test_sha256_hashed_beside_the_parse_is_the_files(workspace, shared_data, tmp_path):
    """A first file of its size is hashed while it is parsed: the stored digest must still be
    the file's, so a copy under another name is recognised as the same file."""
    import hashlib
    import shutil

    path = shared_data / "captures" / "fryza-esp32-probes" / "sc6-61_2023-02-23_anonymized.pcap"
    first = import_capture(workspace, path, site="Lab")
    stored = workspace.con.execute("SELECT sha256 FROM imports WHERE import_id = ?", [first.import_id]).fetchone()[0]
    assert stored == hashlib.sha256(path.read_bytes()).hexdigest()
    copy = tmp_path / "renamed.pcap"
    shutil.copyfile(path, copy)
    again = import_capture(workspace, copy, site="Lab")
    assert again.status == "skipped" and again.import_id == first.import_id


def test_requires_site(workspace, shared_data):
    result = import_capture(workspace, shared_data / "captures" / "aircrack-ng-tests/n-02.cap")
    assert result.status == "refused" and "--site" in result.message


def test_values_and_no_raw_mac_on_disk(workspace, tmp_path):
    path = tmp_path / "two.pcap"
    path.write_bytes(pcapgen.pcap([
        (1700000000.5, pcapgen.radiotap(-44, 2412) + pcapgen.probe_request(MAC_A, b"Home-Net", 12)),
        (1700000003.0, pcapgen.radiotap(-61, 2437) + pcapgen.probe_request(MAC_A, b"", 13)),
        (1700000004.0, pcapgen.radiotap(-70, 2437) + pcapgen.beacon(MAC_B)),
        (1700000005.0, pcapgen.radiotap(-70, 2437) + pcapgen.ack(MAC_B))]))
    result = import_capture(workspace, path, site="Lab", sensor="door")
    d = result.details
    assert (d["frames"], d["probe_requests"], d["probe_sources"], d["randomized_sources"], d["devices"]) == \
        (4, 2, 1, 1, 2)
    secret = workspace.secret
    rows = workspace.con.execute(
        "SELECT ts, device_key, frame_kind, rssi, channel, seq, ssid_id FROM detections ORDER BY ts").fetchall()
    key_a = device_key(secret, MAC_A)
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        (key_a, 0, -44, 1, 12), (key_a, 0, -61, 6, 13), (device_key(secret, MAC_B), 1, -70, 6, 0)]
    assert rows[0][6] == ssid_id(secret, b"Home-Net") and rows[1][6] is None
    dev = workspace.con.execute("SELECT randomized, mac_md5, frames, first_seen, last_seen FROM devices "
                                "WHERE device_key = ?", [key_a]).fetchall()[0]
    assert dev[0] is True and dev[1] == mac_md5(MAC_A) == "C5C32C30C07ABBB7580A0925D995FEE4" and dev[2] == 2
    assert str(dev[3]) == "2023-11-14 22:13:20.500000" and str(dev[4]) == "2023-11-14 22:13:23"
    assert workspace.con.execute("SELECT ssid FROM ssids").fetchall() == [(None,)]  # clear text not kept
    workspace.con.execute("CHECKPOINT")
    blob = workspace.path.read_bytes()
    for mac in (MAC_A, MAC_B):
        for form in (mac, mac.hex().encode(), mac.hex().upper().encode(), mac.hex(":").encode()):
            assert form not in blob
    assert b"Home-Net" not in blob


def test_keep_ssid_clear(workspace, tmp_path):
    path = tmp_path / "s.pcap"
    path.write_bytes(pcapgen.pcap([(1.0, pcapgen.radiotap() + pcapgen.probe_request(MAC_A, "Кафе".encode()))]))
    import_capture(workspace, path, site="Lab", keep_ssid_clear=True)
    assert workspace.con.execute("SELECT ssid FROM ssids").fetchall() == [("Кафе",)]


def test_bad_fcs_frames_skipped_when_others_are_good(workspace, tmp_path):
    good = pcapgen.radiotap(fcs=True) + pcapgen.with_fcs(pcapgen.probe_request(MAC_A))
    bad = pcapgen.radiotap(fcs=True) + pcapgen.with_fcs(pcapgen.probe_request(MAC_B), good=False)
    path = tmp_path / "fcs.pcap"
    path.write_bytes(pcapgen.pcap([(1.0, good), (2.0, bad), (3.0, good)]))
    result = import_capture(workspace, path, site="Lab")
    d = result.details
    assert d["fcs_checked"] and d["bad_fcs"] == 1 and d["probe_requests"] == 2 and d["devices"] == 1
    rejects = workspace.con.execute("SELECT line, reason FROM import_rejects").fetchall()
    assert rejects == [(2, "FCS (CRC-32) does not match: frame skipped")]


def test_truncated_and_gzip_and_pcapng_import(workspace, tmp_path):
    frames = [(1700000000 + i, pcapgen.radiotap() + pcapgen.probe_request(MAC_A, seq=i)) for i in range(20)]
    cut = tmp_path / "cut.pcap"
    cut.write_bytes(pcapgen.pcap(frames)[:-10])
    r = import_capture(workspace, cut, site="Lab")
    assert r.details["truncated"] and r.details["frames"] == 19 and r.details["bytes_lost"] > 0
    assert workspace.con.execute("SELECT count(*) FROM detections").fetchall()[0][0] == 19
    gz = tmp_path / "z.pcapng.gz"
    gz.write_bytes(pcapgen.gzipped(pcapgen.pcapng([(127, 6), (105, 9)], [
        (0, 1700000100_000000, pcapgen.radiotap() + pcapgen.probe_request(MAC_B)),
        (1, 1700000101_000000000, pcapgen.probe_request(MAC_B))])))
    r = import_file(workspace, gz, site="Lab")  # routed by sniffing
    assert r.status == "imported" and r.details["frames"] == 2 and r.details["linktypes"] == [105, 127]


def test_cancel_leaves_nothing(workspace, shared_data):
    token = CancelToken()
    token.cancel()
    before = workspace.table_counts()
    r = import_capture(workspace, shared_data / "captures" / "aircrack-ng-tests/n-02.cap", site="Lab", cancel=token)
    assert r.status == "cancelled"
    after = workspace.table_counts()
    assert after["detections"] == before["detections"] and after["imports"] == before["imports"]


# --- airodump-ng and Kismet ------------------------------------------------------------------

def test_airodump_csv(workspace, shared_data):
    r = import_airodump(workspace, shared_data / "airodump" / "wifite2-tests" / "airodump.csv", site="Lab",
                        keep_ssid_clear=True)
    assert r.status == "imported", r.message
    assert r.details["stations"] == 7 and r.details["access_points"] == 30 and r.details["devices"] == 7
    assert ("HOME-1102",) in workspace.con.execute("SELECT ssid FROM ssids").fetchall()
    key = device_key(workspace.secret, bytes.fromhex("543530 23628E".replace(" ", "")))
    row = workspace.con.execute("SELECT frames, first_seen, last_seen FROM devices WHERE device_key = ?",
                                [key]).fetchall()[0]
    # 11:28:43 Moscow time (UTC+3) is 08:28:43 UTC
    assert row[0] == 7 and str(row[1]) == "2015-05-30 08:28:43" and str(row[2]) == "2015-05-30 08:28:50"


def test_airodump_weird_and_empty(workspace, shared_data):
    folder = shared_data / "airodump"
    weird = import_airodump(workspace, folder / "wifite2-tests" / "airodump-weird-ssids.csv", site="Lab")
    assert weird.status == "imported" and weird.details["access_points"] == 5 and weird.details["devices"] == 0
    empty = import_airodump(workspace, folder / "alkaperl" / "dump-03_empty.csv", site="Lab")
    assert empty.status == "refused" and "empty" in empty.message


def test_kismet_real_logs_have_no_wifi(workspace, shared_data):
    before = workspace.table_counts()
    for path in sorted((shared_data / "kismet").glob("*.kismet")):
        r = import_kismet(workspace, path, site="Lab")
        assert r.status == "refused" and "no Wi-Fi data" in r.message, r.message
    assert workspace.table_counts()["devices"] == before["devices"] == 0


KISMET_SCHEMA = """
CREATE TABLE KISMET (kismet_version TEXT, db_version INT, db_module TEXT);
CREATE TABLE devices (first_time INT, last_time INT, devkey TEXT, phyname TEXT, devmac TEXT, strongest_signal INT,
 min_lat INT, min_lon INT, max_lat INT, max_lon INT, avg_lat INT, avg_lon INT, bytes_data INT, type TEXT, device BLOB,
 UNIQUE(phyname, devmac) ON CONFLICT REPLACE);
CREATE TABLE packets (ts_sec INT, ts_usec INT, phyname TEXT, sourcemac TEXT, destmac TEXT, transmac TEXT,
 frequency REAL, devkey TEXT, lat INT, lon INT, packet_len INT, signal INT, datasource TEXT, dlt INT, packet BLOB,
 error INT);
INSERT INTO KISMET VALUES ('2022.02.R1', 8, 'kismetlog');
"""


def _kismet_db(path: Path, packets: bool) -> None:
    con = sqlite3.connect(path)
    con.executescript(KISMET_SCHEMA)
    probed = {"dot11.device": {"dot11.device.probed_ssid_map": [{"dot11.probedssid.ssid": "Guest"}]}}
    con.execute("INSERT INTO devices VALUES (1700000000, 1700000300, 'k1', 'IEEE802.11', 'AE:12:34:56:D0:A1', -55,"
                " 0,0,0,0,0,0, 100, 'Wi-Fi Client', ?)", [json.dumps(probed).encode()])
    con.execute("INSERT INTO devices VALUES (1700000000, 1700000000, 'k2', 'RTLADSB', '11:22:33:44:55:66', 0,"
                " 0,0,0,0,0,0, 0, 'Airplane', NULL)")
    if packets:
        frame = pcapgen.radiotap(-48, 2412) + pcapgen.probe_request(MAC_A, b"Guest", 5)
        for i in range(3):
            con.execute("INSERT INTO packets VALUES (?, 0, 'IEEE802.11', 'AE:12:34:56:D0:A1', 'FF:FF:FF:FF:FF:FF', "
                        "'00:00:00:00:00:00', 2412000, 'k1', 0, 0, ?, -48, 'uuid', 127, ?, 0)",
                        [1700000000 + i, len(frame), frame])
    con.commit()
    con.close()


def test_kismet_with_wifi_packets_and_devices(workspace, tmp_path):
    with_packets = tmp_path / "p.kismet"
    _kismet_db(with_packets, packets=True)
    r = import_kismet(workspace, with_packets, site="Lab")
    assert r.status == "imported", r.message
    assert (r.details["frames"], r.details["probe_requests"], r.details["devices"], r.details["randomized_sources"]) \
        == (3, 3, 1, 1)
    only_devices = tmp_path / "d.kismetdb"
    _kismet_db(only_devices, packets=False)
    r = import_kismet(workspace, only_devices, site="Lab")
    assert r.status == "imported" and r.details["devices"] == 1 and r.details["probe_sources"] == 1
    assert workspace.con.execute("SELECT count(*) FROM devices").fetchall()[0][0] == 1  # the same phone


def test_cli_contract(tmp_path, shared_data):
    cap = shared_data / "captures"
    ws = tmp_path / "cli.o2o"
    cmd = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", "import", "capture",
           str(cap / "aircrack-ng-tests/n-02.cap"), str(cap / "hcxdumptool-pr483/test.pcapng"),
           str(cap / "aircrack-ng-tests/n-02.cap"), "-w", str(ws), "--site", "Mall", "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 1, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["status"] for r in rows] == ["imported", "refused", "skipped"]
    first = rows[0]
    for key in ("file", "message", "frames", "probe_requests", "probe_sources", "randomized_sources", "devices",
                "bad_fcs", "fcs_checked", "truncated", "bytes_lost", "seconds"):
        assert key in first
    assert (first["frames"], first["probe_requests"], first["probe_sources"], first["randomized_sources"]) == \
        (218, 9, 5, 3)
    assert any(re.search("site 'Mall' created", c) for c in first["created"])
    assert "not a capture file" in rows[1]["message"]


def test_airodump_station_ssids_with_commas_and_bad_rows(workspace, tmp_path):
    path = tmp_path / "dump-01.csv"
    path.write_text(
        "\r\nBSSID, First time seen, Last time seen, channel, Speed, Privacy, Cipher, Authentication, Power, "
        "# beacons, # IV, LAN IP, ID-length, ESSID, Key\r\n"
        "00:11:22:33:44:55, 2024-03-01 10:00:00, 2024-03-01 10:05:00,  6,  54, WPA2, CCMP, PSK, -40, 10, 0, "
        "  0.  0.  0.  0,   4, Shop, \r\n\r\n"
        "Station MAC, First time seen, Last time seen, Power, # packets, BSSID, Probed ESSIDs\r\n"
        "AE:12:34:56:D0:A1, 2024-03-01 10:01:00, 2024-03-01 10:09:00, -61,       12, (not associated) ,"
        "Cafe\\, Bar,Home\r\n"
        "not-a-mac, 2024-03-01 10:01:00, 2024-03-01 10:09:00, -61, 3, (not associated) ,\r\n"
        "00:11:22:33:44:66, yesterday, 2024-03-01 10:09:00, -1, 3, 00:11:22:33:44:55,\r\n", encoding="utf-8")
    r = import_airodump(workspace, path, site="Lab", keep_ssid_clear=True)
    assert r.status == "imported", r.message
    assert r.details["stations"] == 2 and r.details["devices"] == 1 and r.details["probe_sources"] == 1
    assert r.details["randomized_sources"] == 1 and r.details["frames"] == 12
    ssids = sorted(s for (s,) in workspace.con.execute("SELECT ssid FROM ssids").fetchall())
    assert ssids == ["Cafe, Bar", "Home"]
    rejects = workspace.con.execute("SELECT line, column_name, reason FROM import_rejects ORDER BY line").fetchall()
    assert [(line, reason) for line, _, reason in rejects] == [(7, "not a MAC address"), (8, "not a date and time")]


def test_cancel_between_chunks_rolls_back(workspace, tmp_path):
    frames = [(1700000000 + i, pcapgen.radiotap() + pcapgen.probe_request(bytes([2, 0, 0, 0, i >> 8, i & 255]), seq=i))
              for i in range(3000)]
    path = tmp_path / "long.pcap"
    path.write_bytes(pcapgen.pcap(frames))
    token = CancelToken()
    seen = []

    def progress(fraction, message):
        seen.append(fraction)
        if len(seen) == 2:
            token.cancel()  # the user presses Cancel while chunks are being inserted

    before = workspace.table_counts()
    r = import_capture(workspace, path, site="Lab", progress=progress, cancel=token, window=8192)
    assert r.status == "cancelled" and len(seen) == 2
    after = workspace.table_counts()
    assert {k: after[k] for k in ("detections", "devices", "imports", "ssids")} == \
        {k: before[k] for k in ("detections", "devices", "imports", "ssids")}
    again = import_capture(workspace, path, site="Lab", window=8192)  # not marked as imported
    assert again.status == "imported" and again.details["frames"] == 3000 and again.details["devices"] == 3000


def test_writer_periods_hash_each_mac_once_and_merge_devices(workspace, monkeypatch):
    """The live path's use of DetectionWriter: flush_devices() between batches stores each
    batch's devices (merged), and a MAC seen again is not hashed again."""
    import numpy as np

    import engine.imports.captures as captures
    from engine.imports.registry import ImportContext
    from engine.progress import no_progress

    hashed = []
    real = captures.device_keys
    monkeypatch.setattr(captures, "device_keys", lambda secret, raw: (hashed.extend(map(bytes, raw)),
                                                                      real(secret, raw))[1])
    site_id, _ = workspace.ensure_site("Lab")
    sensor_id, _ = workspace.ensure_sensor(site_id, "default")
    ctx = ImportContext(workspace, Path("live"), 7, site_id, sensor_id, no_progress, CancelToken())
    writer = captures.DetectionWriter(ctx, keep_ssid_clear=False)
    a, b, c = (int.from_bytes(m, "big") for m in (MAC_A, MAC_B, bytes.fromhex("020000000001")))
    s = 1_000_000_000
    periods = [([a, b, a], [1 * s, 2 * s, 3 * s], [0, 1, 0]), ([b, c, b, c], [4 * s, 5 * s, 6 * s, 7 * s], [2, 0, 2, 0])]
    new = []
    for macs, ts, kind in periods:
        with workspace.transaction():
            writer.write(np.array(ts, np.int64), np.array(macs, np.uint64), np.array(kind, np.uint8))
            new.append(writer.flush_devices())
    assert new == [2, 1] and sorted(hashed) == sorted([MAC_A, MAC_B, bytes.fromhex("020000000001")])
    rows = workspace.con.execute("SELECT device_key, epoch(first_seen), epoch(last_seen), frames FROM devices "
                                 "ORDER BY frames").fetchall()
    key = {m: device_key(workspace.secret, m) for m in (MAC_A, MAC_B, bytes.fromhex("020000000001"))}
    assert sorted(rows) == sorted([(key[MAC_A], 1, 3, 2), (key[MAC_B], 2, 6, 3),
                                   (key[bytes.fromhex("020000000001")], 5, 7, 2)])
    assert writer.counts() == {"devices": 3, "probe_sources": 2, "randomized_sources": 2, "randomized_devices": 2,
                               "ssids": 0}
    assert workspace.con.execute("SELECT count(*) FROM detections WHERE import_id = 7").fetchone()[0] == 7


def test_partner_md5_of_macs_is_stored_only_while_enabled(workspace, shared_data):
    from engine.imports import import_file

    assert workspace.partner_forms == {"mac_md5"}  # on by default: partner matching needs it
    workspace.set_partner_forms(set())
    path = shared_data / "captures" / "fryza-esp32-probes" / "sc6-61_2023-02-23_anonymized.pcap"
    result = import_file(workspace, path, kind="capture", site="Lab")
    assert result.status == "imported"
    assert workspace.con.execute("SELECT count(*), count(mac_md5) FROM devices").fetchone() == (24, 0)
