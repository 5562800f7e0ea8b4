"""The demo world: reproducible bytes, readable captures, and a truth.json that matches
what is in the files (checked against independent readers: scapy, tshark, pandas)."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

TSHARK = shutil.which("tshark")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_of(truth, kind=None):
    return [f for f in truth["files"] if kind is None or f["kind"] == kind]


def test_same_seed_same_bytes(demo_small, tmp_path):
    out, truth = demo_small
    from engine.demo import build_demo

    result = build_demo(tmp_path, seed=7, scale="small", workspace=False)
    assert result["generation_s"] < 30
    assert (tmp_path / "truth.json").read_bytes() == (out / "truth.json").read_bytes()
    for entry in truth["files"]:
        assert sha256(tmp_path / entry["path"]) == sha256(out / entry["path"]) == entry["sha256"], entry["path"]


def test_another_seed_another_world(demo_small, tmp_path):
    out, truth = demo_small
    from engine.demo import build_demo

    build_demo(tmp_path, seed=8, scale="small", workspace=False)
    other = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert [f["kind"] for f in other["files"]] == [f["kind"] for f in truth["files"]]
    assert not {f["sha256"] for f in other["files"]} & {f["sha256"] for f in truth["files"]}
    assert other["period_start_utc"] != truth["period_start_utc"]


def test_truth_lists_every_file_on_disk(demo_small):
    out, truth = demo_small
    listed = {f["path"] for f in truth["files"]}
    on_disk = {p.name for p in out.iterdir() if p.is_file()}
    extra = on_disk - listed - {"truth.json"}
    assert all(name.startswith("demo.o2o") for name in extra), extra
    kinds = {f["kind"] for f in truth["files"]}
    assert kinds == {"capture", "airodump", "crm", "receipts", "registers", "partner_matches"}
    for entry in truth["files"]:
        path = out / entry["path"]
        assert sha256(path) == entry["sha256"]
        if entry["kind"] in ("crm", "partner_matches", "registers"):
            encoding = "cp1251" if entry["kind"] == "crm" else "utf-8"
            lines = path.read_bytes().decode(encoding).splitlines()
            assert len(lines) - 1 == entry["rows"]
    formats = sorted(f["format"] for f in files_of(truth, "capture"))
    assert "pcapng" in formats and formats.count("pcap") >= 3
    assert sum(f["frames"] for f in files_of(truth, "capture")) > 150_000


def test_scapy_reads_every_capture(demo_small):
    from scapy.layers.dot11 import Dot11, Dot11Elt, Dot11ProbeReq, RadioTap
    from scapy.utils import PcapNgReader, PcapReader, RawPcapNgReader, RawPcapReader

    out, truth = demo_small
    for entry in files_of(truth, "capture"):
        path = str(out / entry["path"])
        raw_reader, reader = ((RawPcapNgReader, PcapNgReader) if entry["format"] == "pcapng"
                              else (RawPcapReader, PcapReader))
        with raw_reader(path) as packets:
            assert sum(1 for _ in packets) == entry["frames"], entry["path"]
        probes = 0
        with reader(path) as packets:
            for i, pkt in enumerate(packets):   # full dissection of the first packets
                if i == 400:
                    break
                assert pkt.haslayer(RadioTap) and pkt[RadioTap].present.dBm_AntSignal
                assert pkt[RadioTap].ChannelFrequency in (2412, 2437, 2462)
                dot11 = pkt[Dot11]
                if pkt.haslayer(Dot11ProbeReq):
                    probes += 1
                    assert dot11.addr1 == dot11.addr3 == "ff:ff:ff:ff:ff:ff"
                    assert pkt[Dot11Elt].ID == 0   # SSID first, then supported rates
                    assert pkt.getlayer(Dot11Elt, 2).ID == 1
                else:
                    assert (dot11.type, dot11.subtype) == (2, 4)   # null data of fixed equipment
        assert probes > 0


TSHARK_FIELDS = ["frame.time_epoch", "wlan.sa", "radiotap.dbm_antsignal", "wlan.fc.type_subtype", "_ws.malformed"]


def _tshark_start(path: Path) -> subprocess.Popen:
    args = [TSHARK, "-r", str(path), "-T", "fields", "-E", "separator=,"]
    for field in TSHARK_FIELDS:
        args += ["-e", field]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _tshark_frame(proc: subprocess.Popen) -> pd.DataFrame:
    text, _ = proc.communicate()
    assert proc.returncode == 0
    rows = [line.split(",", 4) for line in text.splitlines()]
    frame = pd.DataFrame(rows, columns=["t", "mac", "rssi", "subtype", "malformed"])
    frame["t_us"] = (frame["t"].astype(np.float64) * 1e6).round().astype(np.int64)
    frame["rssi"] = frame["rssi"].astype(int)
    frame["subtype"] = frame["subtype"].map(lambda s: int(s, 16))
    return frame


@pytest.fixture(scope="module")
def tshark_frames(demo_small):
    """Every capture as tshark decodes it (tshark runs in parallel, two at a time)."""
    if TSHARK is None:
        pytest.skip("tshark not installed")
    out, truth = demo_small
    entries = files_of(truth, "capture")
    frames = {}
    for i in range(0, len(entries), 2):
        running = [(e["path"], _tshark_start(out / e["path"])) for e in entries[i:i + 2]]
        frames.update({path: _tshark_frame(proc) for path, proc in running})
    return frames


def test_tshark_agrees_on_frames_and_probes(demo_small, tshark_frames):
    _, truth = demo_small
    for entry in files_of(truth, "capture"):
        frame = tshark_frames[entry["path"]]
        assert len(frame) == entry["frames"], entry["path"]
        assert (frame["malformed"] == "").all()
        probes = frame[frame["subtype"] == 4]
        assert len(probes) == entry["probe_requests"]
        assert probes["mac"].nunique() == entry["probe_sources"]
        randomized = probes["mac"].drop_duplicates().map(lambda m: int(m[:2], 16) & 2 != 0)
        assert randomized.sum() == entry["randomized_sources"]
        assert (frame["t_us"].diff().dropna() >= 0).all()   # time order


def _sessionize(frame: pd.DataFrame, gap_s: float) -> pd.DataFrame:
    frame = frame.sort_values(["mac", "t_us"])
    new = (frame["mac"] != frame["mac"].shift()) | (frame["t_us"].diff() > gap_s * 1e6)
    frame = frame.assign(visit=new.cumsum())
    return frame.groupby("visit").agg(mac=("mac", "first"), start=("t_us", "min"), end=("t_us", "max"),
                                      inside=("inside", "max"), nonprobe=("subtype", lambda s: (s != 4).any()))


def _airodump_detections(path: Path, utc_offset_s: int) -> pd.DataFrame:
    """Each station row read as two detections: first and last seen (local time), its power."""
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("Station MAC"))
    rows = []
    for line in lines[at + 1:]:
        if line:
            mac, first, last, power = [x.strip() for x in line.split(",")[:4]]
            for local in (first, last):
                t = pd.Timestamp(local) - pd.Timedelta(seconds=utc_offset_s)
                rows.append((mac.lower(), int(t.value // 1000), int(power), 4))
    return pd.DataFrame(rows, columns=["mac", "t_us", "rssi", "subtype"])


def test_visits_recomputed_from_the_captures_equal_truth(demo_small, tshark_frames):
    """An independent pandas sessionization of the written frames (pcap via tshark, airodump
    rows as first/last-seen detections); staff = present > 5 h in one visit, fixed = sends
    frames other than probe requests."""
    out, truth = demo_small
    defaults = truth["analysis_defaults"]
    for site in truth["sites"]:
        parts = []
        for entry in truth["files"]:
            if entry.get("site") != site["name"] or entry["kind"] not in ("capture", "airodump"):
                continue
            if entry["kind"] == "capture":
                frame = tshark_frames[entry["path"]]
            else:
                frame = _airodump_detections(out / entry["path"], truth["utc_offset_s"])
            threshold = defaults["rssi_inside"][entry["sensor"]]
            parts.append(frame.assign(inside=frame["rssi"] >= threshold))
        frames = pd.concat(parts)
        visits = _sessionize(frames, defaults["gap_s"])
        visits["dwell"] = (visits["end"] - visits["start"]) / 1e6
        fixed = set(visits.loc[visits["nonprobe"], "mac"])
        staff = set(visits.loc[visits["inside"] & (visits["dwell"] > 5 * 3600), "mac"]) - fixed
        randomized = visits["mac"].map(lambda m: int(m[:2], 16) & 2 != 0)
        person = ~visits["mac"].isin(fixed | staff)
        counted = visits[visits["inside"] & person & ~randomized]
        assert len(fixed) == site["fixed_devices"], site["name"]
        assert len(staff) == site["staff_devices"], site["name"]
        assert counted["mac"].nunique() == site["unique_visitors"], site["name"]
        assert len(counted) == site["visits"], site["name"]
        assert counted["dwell"].mean() == pytest.approx(site["mean_dwell_s"], abs=1e-3)
        assert (counted["dwell"] < defaults["short_visit_s"]).sum() == site["short_visits"]
        returning = (counted.groupby("mac").size() >= 2).mean()
        assert returning == pytest.approx(site["return_rate"], abs=1e-6)
        ever_inside = set(visits.loc[visits["inside"], "mac"])
        passers = set(visits.loc[person & ~randomized, "mac"]) - ever_inside
        assert len(passers) == site["passersby"], site["name"]
        assert visits.loc[randomized, "mac"].nunique() == site["randomized_devices"]
        # Passing by is short and weak; a visitor's visits at one site are far apart.
        passing = visits[~visits["inside"]]
        assert (passing["dwell"] < 120).all()
        assert site["unique_visitors"] > 0 and site["passersby"] > 0


def test_partner_matches_cover_seen_devices_as_planted(demo_small, tshark_frames):
    from engine.hashing import mac_md5

    out, truth = demo_small
    partner = pd.read_csv(out / "partner_matches.csv", sep=";", dtype=str)
    assert list(partner.columns) == ["mac_md5", "phone_sha256"]
    assert partner["mac_md5"].str.fullmatch(r"[0-9A-F]{32}").all()
    assert partner["phone_sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    macs = pd.concat(tshark_frames.values())["mac"].drop_duplicates()
    seen = {mac_md5(bytes.fromhex(m.replace(":", ""))) for m in macs}
    matched = partner["mac_md5"].isin(seen).sum()
    assert matched == truth["partner"]["rows_matching_seen_devices"]
    assert len(partner) - matched == truth["partner"]["rows_never_seen"] > 0
    assert 0.6 < truth["partner"]["match_rate"] < 0.8


def test_visits_engine_recovers_the_truth(demo_small, tmp_path):
    """The workspace's own visits engine on the demo workspace finds the planted figures."""
    visits = pytest.importorskip("engine.visits")
    from engine.imports import IMPORTERS
    from engine.workspace import Workspace

    out, truth = demo_small
    if not {"capture", "airodump"} <= set(IMPORTERS):
        pytest.skip("capture importers not there yet")
    shutil.copy(out / "demo.o2o", tmp_path / "demo.o2o")
    with Workspace.open(tmp_path / "demo.o2o") as ws:
        visits.rebuild(ws)
        found = {row[0]: row[1:] for row in ws.con.execute(
            "SELECT s.name, count(DISTINCT device_key) FILTER (WHERE class IN ('short', 'visitor') AND NOT randomized), "
            "count(*) FILTER (WHERE class IN ('short', 'visitor') AND NOT randomized), "
            "avg(dwell_s) FILTER (WHERE class IN ('short', 'visitor') AND NOT randomized), "
            "count(DISTINCT device_key) FILTER (WHERE class = 'staff'), "
            "count(DISTINCT device_key) FILTER (WHERE class = 'fixed') "
            "FROM visits JOIN sites s USING (site_id) GROUP BY 1").fetchall()}
    for site in truth["sites"]:
        uv, n, dwell, staff, fixed = found[site["name"]]
        assert (uv, n, staff, fixed) == (site["unique_visitors"], site["visits"], site["staff_devices"],
                                         site["fixed_devices"]), site["name"]
        assert dwell == pytest.approx(site["mean_dwell_s"], abs=1e-3)


def test_demo_workspace_shows_the_people_and_receipts_of_truth(demo_small, tmp_path):
    """demo.o2o as built: every people and receipts figure of truth.json, exactly."""
    from engine import people
    from engine.people_queries import receipts_summary
    from engine.workspace import Workspace

    out, truth = demo_small
    shutil.copy(out / "demo.o2o", tmp_path / "demo.o2o")
    with Workspace.open(tmp_path / "demo.o2o") as ws:
        summary = people.people_summary(ws)
        shown = receipts_summary(ws)
        sales, returns, net, with_card, documents = ws.con.execute(
            "SELECT count(*) FILTER (WHERE operation_type = 1), count(*) FILTER (WHERE operation_type = 2), "
            "sum(CASE WHEN operation_type = 2 THEN -total_kop ELSE total_kop END), count(card), "
            "(SELECT sum(rows_in) FROM imports WHERE kind = 'receipts') FROM receipts").fetchone()
    pt, rt = truth["people"], truth["receipts"]
    for key in ("people", "with_phone", "with_email", "with_card", "with_device", "with_receipts", "revenue_kop"):
        assert summary[key] == pt[key], key
    assert (shown["receipts"], sales, returns, shown["items"], net, with_card, documents) == (
        rt["receipts_documents"], rt["receipts_sales"], rt["returns"], rt["items"], rt["net_sales_kop"],
        rt["with_card"], rt["documents"])
    assert (shown["unregistered_receipts"], shown["other_taxpayer_receipts"], shown["unregistered_registers"],
            shown["flagged"]) == (rt["unregistered_receipts"], rt["other_taxpayer_receipts"],
                                  rt["unregistered_registers"], rt["flagged_receipts"])
