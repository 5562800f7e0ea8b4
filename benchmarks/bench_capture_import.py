"""Capture import speed: our importer vs scapy's PcapReader vs tshark, same radiotap file.

    .venv/bin/python benchmarks/bench_capture_import.py [--frames 3000000] [--pcap FILE]

Without --pcap a deterministic radiotap probe-request pcap is written with numpy (seeded):
realistic frame sizes (SSID, rates, HT capabilities, extended capabilities elements), 60,000
distinct MACs (half of them randomized), 40 SSIDs plus wildcard probes, RSSI and channel in
radiotap. Our figure is end to end: parse, hash, insert into a fresh workspace, commit.
scapy and tshark are far slower, so they run over the first `--scapy-subset` / `--subset`
frames (written as files of their own) and their rates are extrapolated; that is printed with
the figures. Ours runs `--repeat` times into fresh workspaces; the best wall time is reported,
with the machine's load average beside it (other work on the 2 cores slows every figure).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RADIOTAP = bytes([0, 0, 15, 0]) + (0b101110).to_bytes(4, "little")  # flags, rate, channel, dBm signal
RATES_IE = bytes([1, 8, 0x02, 0x04, 0x0B, 0x16, 0x0C, 0x12, 0x18, 0x24])
HT_CAP_IE = bytes([45, 26]) + bytes(range(26))
EXT_CAP_IE = bytes([127, 8, 0, 0, 8, 0, 0, 0, 0, 0x40])


def write_probe_pcap(path: Path, frames: int, *, seed: int = 42, macs: int = 60_000) -> None:
    rng = np.random.default_rng(seed)
    pool = rng.integers(0, 256, size=(macs, 6), dtype=np.uint8)
    pool[: macs // 2, 0] |= 0x02          # randomized (locally administered)
    pool[macs // 2:, 0] &= 0xFC           # globally unique, unicast
    pool[:, 0] &= 0xFE
    ssids = [b""] + [f"Store-WiFi-{i:02d}".encode() * (1 + i % 2) for i in range(40)]
    ssid_len = np.array([len(s) for s in ssids])
    ssid_pad = np.zeros((len(ssids), 32), dtype=np.uint8)
    for i, s in enumerate(ssids):
        ssid_pad[i, :len(s)] = np.frombuffer(s[:32], dtype=np.uint8)
        ssid_len[i] = min(len(s), 32)
    with open(path, "wb") as fh:
        fh.write(bytes.fromhex("d4c3b2a1") + (2).to_bytes(2, "little") + (4).to_bytes(2, "little")
                 + bytes(8) + (65535).to_bytes(4, "little") + (127).to_bytes(4, "little"))
        t0 = 1_700_000_000_000_000
        step = 500_000
        for lo in range(0, frames, step):
            n = min(step, frames - lo)
            who = rng.integers(0, macs, n)
            which = rng.integers(0, len(ssids), n)
            which[rng.random(n) < 0.5] = 0  # half of the probes are wildcard
            slen = ssid_len[which]
            tail = RATES_IE + HT_CAP_IE + EXT_CAP_IE
            fixed = 15 + 24 + 2
            width = fixed + 32 + len(tail)
            rec = np.zeros((n, 16 + width), dtype=np.uint8)
            ts = t0 + (lo + np.arange(n)) * 1000 + rng.integers(0, 900, n)
            caplen = fixed + slen + len(tail)
            head = np.stack([ts // 1_000_000, ts % 1_000_000, caplen, caplen], axis=1).astype("<u4")
            rec[:, :16] = head.view(np.uint8).reshape(n, 16)
            body = rec[:, 16:]
            body[:, :8] = np.frombuffer(RADIOTAP, np.uint8)
            body[:, 8] = 0                                   # flags: no FCS
            body[:, 9] = 2                                   # 1 Mb/s
            chan = rng.choice([1, 6, 11], n)
            freq = (2407 + 5 * chan).astype("<u2")
            body[:, 10:12] = freq.view(np.uint8).reshape(n, 2)
            body[:, 12:14] = [0xA0, 0x00]
            body[:, 14] = (-(rng.integers(30, 95, n))).astype(np.int8).view(np.uint8)
            d = 15
            body[:, d] = 0x40                                # probe request
            body[:, d + 4:d + 10] = 0xFF
            body[:, d + 10:d + 16] = pool[who]
            body[:, d + 16:d + 22] = 0xFF
            seq = ((lo + np.arange(n)) % 4096 << 4).astype("<u2")
            body[:, d + 22:d + 24] = seq.view(np.uint8).reshape(n, 2)
            body[:, d + 24] = 0
            body[:, d + 25] = slen
            cols = np.arange(32)
            body[:, d + 26:d + 58] = np.where(cols < slen[:, None], ssid_pad[which], 0)
            # the tail goes right after the SSID: shift by building each row's used length
            tail_arr = np.frombuffer(tail, np.uint8)
            tail_cols = (d + 26 + slen)[:, None] + np.arange(len(tail))
            body[np.arange(n)[:, None], tail_cols] = tail_arr
            used = np.arange(16 + width)[None, :] < (16 + caplen)[:, None]
            fh.write(rec[used].tobytes())


def pcap_prefix(src: Path, dst: Path, frames: int) -> int:
    """Copy the header and the first `frames` records of a pcap; returns how many copied."""
    import struct

    with open(src, "rb") as fin, open(dst, "wb") as fout:
        fout.write(fin.read(24))
        count = 0
        while count < frames:
            head = fin.read(16)
            if len(head) < 16:
                break
            caplen = struct.unpack("<I", head[8:12])[0]
            fout.write(head + fin.read(caplen))
            count += 1
    return count


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


def bench_ours(path: Path, frames: int) -> float:
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="o2o-bench-keyring-"))
    from engine.imports.captures import import_capture
    from engine.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="o2o-bench-"))
    try:
        ws = Workspace.open(folder / "bench.o2o", create=True)
        before = load()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = import_capture(ws, path, site="Bench")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        ws.close()
        assert result.status == "imported", result.message
        assert result.details["frames"] == frames, result.details
        print(f"  ours: {result.details['frames']:,} frames, {result.details['devices']:,} devices, "
              f"{seconds:.2f} s wall = {frames / seconds:,.0f} frames/s (sha256 of the file, parse, hash, insert, "
              f"commit); {cpu:.2f} s CPU over all threads; {before}")
        return seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_scapy(path: Path) -> tuple[float, int]:
    from scapy.layers.dot11 import Dot11
    from scapy.utils import PcapReader

    started = time.perf_counter()
    count = 0
    with PcapReader(str(path)) as reader:
        for pkt in reader:
            d = pkt.getlayer(Dot11)
            _ = (pkt.time, d.addr2 if d is not None else None, getattr(pkt, "dBm_AntSignal", None),
                 getattr(pkt, "ChannelFrequency", None), d.SC if d is not None else None)
            count += 1
    return time.perf_counter() - started, count


def bench_tshark(path: Path) -> tuple[float, int] | None:
    if not shutil.which("tshark"):
        return None
    started = time.perf_counter()
    out = subprocess.run(["tshark", "-r", str(path), "-T", "fields", "-e", "frame.time_epoch", "-e", "wlan.sa",
                          "-e", "radiotap.dbm_antsignal", "-e", "wlan_radio.channel", "-e", "wlan.seq"],
                         capture_output=True, check=True)
    return time.perf_counter() - started, out.stdout.count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=3_000_000)
    parser.add_argument("--subset", type=int, default=100_000, help="frames given to scapy and tshark")
    parser.add_argument("--scapy-subset", type=int, default=20_000, help="frames given to scapy")
    parser.add_argument("--pcap", type=Path, help="use this radiotap pcap instead of generating one")
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs of ours (the best is reported)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="o2o-bench-data-"))
    try:
        path = args.pcap
        if path is None:
            path = folder / "probes.pcap"
            started = time.perf_counter()
            write_probe_pcap(path, args.frames)
            print(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB, {args.frames:,} frames) "
                  f"in {time.perf_counter() - started:.1f} s")
        from capture.pcap import CaptureReader

        frames = sum(len(b) for b in CaptureReader(path).batches())
        print(f"file: {path.stat().st_size / 1e6:.0f} MB, {frames:,} frames; {load()}")
        ours = min(bench_ours(path, frames) for _ in range(args.repeat))
        rate = frames / ours
        print(f"ours:   {rate:12,.0f} frames/s  (best of {args.repeat} runs into fresh workspaces, whole file, "
              f"end to end)")
        if args.skip_baselines:
            return
        subset = folder / "subset.pcap"
        n = pcap_prefix(path, subset, args.subset)
        scapy_subset = folder / "scapy-subset.pcap"
        n_scapy = pcap_prefix(path, scapy_subset, args.scapy_subset)
        s_seconds, s_count = bench_scapy(scapy_subset)
        s_rate = s_count / s_seconds
        print(f"scapy:  {s_rate:12,.0f} frames/s  (PcapReader + Dot11 fields, parse only, run on the first "
              f"{n_scapy:,} frames only, {s_seconds:.1f} s; extrapolated to the whole file: {frames / s_rate:.0f} s)  "
              f"ours/scapy = {rate / s_rate:.0f}x")
        t = bench_tshark(subset)
        if t:
            t_rate = t[1] / t[0]
            print(f"tshark: {t_rate:12,.0f} frames/s  (-T fields, parse only, run on the first {n:,} frames only, "
                  f"{t[0]:.1f} s; extrapolated to the whole file: {frames / t_rate:.0f} s)  "
                  f"ours/tshark = {rate / t_rate:.1f}x")
        else:
            print("tshark: not installed")
        print(f"after the baselines: {load()}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
