"""Kismet logs (.kismetdb / .kismet, SQLite) read with Python's sqlite3 (no DuckDB extension).

Kismet's schema (db_version 4+): `KISMET(kismet_version, db_version, db_module)`,
`devices(first_time, last_time, devkey, phyname, devmac, strongest_signal, …, type, device)`
and `packets(ts_sec, ts_usec, phyname, sourcemac, destmac, transmac, frequency, devkey, lat,
lon, packet_len, signal, datasource, dlt, packet, error)`. Wi-Fi is phyname 'IEEE802.11'.

The best source is the packets table: it keeps the raw frames with their link type, so they
go through the same 802.11 decoder as a pcap (`packet_batches`). Without logged packets the
devices table tells first/last seen and the strongest signal per MAC (`wifi_devices`).
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Iterator

import numpy as np

from capture.pcap import SUPPORTED_LINKTYPES, CaptureFormatError, RecordBatch
from capture.record_scan import padded

WIFI = "IEEE802.11"
BATCH = 200_000


def _connect(path: Path) -> sqlite3.Connection:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CaptureFormatError(f"not a Kismet log (not an SQLite database: {exc})", 0) from exc
    return con


def describe(path: str | Path) -> dict:
    """Version, device counts per phy, Wi-Fi packets usable as frames."""
    with closing(_connect(Path(path))) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"devices", "packets"} <= tables:
            raise CaptureFormatError("an SQLite database, but not a Kismet log (no devices/packets tables)", 0)
        version = None
        if "KISMET" in tables:
            row = con.execute("SELECT kismet_version, db_version FROM KISMET LIMIT 1").fetchone()
            version = {"kismet_version": row[0], "db_version": row[1]} if row else None
        phys = dict(con.execute("SELECT phyname, count(*) FROM devices GROUP BY phyname").fetchall())
        dlts = ",".join(str(d) for d in SUPPORTED_LINKTYPES)
        wifi_packets = con.execute(
            f"SELECT count(*) FROM packets WHERE phyname = ? AND dlt IN ({dlts}) AND packet IS NOT NULL",
            [WIFI]).fetchone()[0]
    return {"version": version, "devices_by_phy": phys, "wifi_packets": wifi_packets}


def packet_batches(path: str | Path, total: int, batch: int = BATCH) -> Iterator[tuple[RecordBatch, np.ndarray]]:
    """Wi-Fi packets as record batches, with Kismet's own signal (dBm, 0 = unknown) per row."""
    dlts = ",".join(str(d) for d in SUPPORTED_LINKTYPES)
    with closing(_connect(Path(path))) as con:
        cur = con.execute(
            f"SELECT ts_sec, ts_usec, dlt, signal, packet FROM packets WHERE phyname = ? AND dlt IN ({dlts}) "
            "AND packet IS NOT NULL ORDER BY ts_sec, ts_usec", [WIFI])
        done = 0
        while rows := cur.fetchmany(batch):
            blobs = [bytes(r[4]) for r in rows]
            lengths = np.fromiter((len(b) for b in blobs), np.int64, len(blobs))
            offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
            data = b"".join(blobs)
            ts = np.array([r[0] * 1_000_000_000 + (r[1] or 0) * 1000 for r in rows], dtype=np.int64)
            signal = np.array([r[3] if isinstance(r[3], int) and -120 < r[3] < 0 else 0 for r in rows],
                              dtype=np.int16)
            linktype = np.array([r[2] for r in rows], dtype=np.int32)
            done += len(rows)
            yield RecordBatch(data, padded(data), offsets, lengths, ts, linktype, done - len(rows),
                              done / max(1, total)), signal


def wifi_devices(path: str | Path) -> list[dict]:
    """Wi-Fi devices from the devices table: mac (packed), first/last (unix s), signal, type,
    probed SSIDs (bytes) when the device JSON lists them."""
    out = []
    with closing(_connect(Path(path))) as con:
        for first, last, mac, signal, kind, blob in con.execute(
                "SELECT first_time, last_time, devmac, strongest_signal, type, device FROM devices "
                "WHERE phyname = ?", [WIFI]):
            digits = str(mac or "").replace(":", "")
            try:
                packed = int(digits, 16) if len(digits) == 12 else None
            except ValueError:
                packed = None
            if packed is None:
                continue
            out.append({"mac": packed, "first": int(first or 0), "last": int(last or first or 0),
                        "signal": signal if isinstance(signal, int) and -120 < signal < 0 else None,
                        "type": kind or "", "probed": _probed_ssids(blob)})
    return out


def _probed_ssids(blob) -> list[bytes]:
    if not blob:
        return []
    try:
        doc = json.loads(bytes(blob).decode("utf-8", "replace"))
        probes = doc.get("dot11.device", {}).get("dot11.device.probed_ssid_map", {})
        items = probes.values() if isinstance(probes, dict) else probes
        return [str(p.get("dot11.probedssid.ssid", "")).encode("utf-8") for p in items
                if p.get("dot11.probedssid.ssid")]
    except (ValueError, AttributeError, TypeError):
        return []
