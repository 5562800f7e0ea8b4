"""Import Wi-Fi sensor data: pcap/pcapng captures, airodump-ng CSV, Kismet logs.

All three end in the same tables (engine/schema/m002_captures.py): one `detections` row per
kept frame (or observation), `devices` updated with first/last seen and frame counts,
probed SSIDs in `ssids` by keyed id. A raw MAC exists only in memory: each distinct MAC of
a file is hashed once (engine.hashing.device_keys) and only its key and partner MD5 form
are written. Captures are read in windows and each window is inserted through Arrow, so
memory stays bounded; everything runs inside run_import's one transaction.

FCS policy: frames whose FCS fails are counted (`bad_fcs`) and skipped, except when every
checked FCS of the file's first window fails: such a capture was rewritten after capture
(e.g. anonymized MACs/SSIDs) and is imported with the check off (`fcs_checked` false).
A header-only capture (valid header, no packets) imports with 0 frames; a 0-byte file is
refused as empty.
"""
from __future__ import annotations

import hashlib
import hmac
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from capture.dot11 import decode, macs_to_bytes
from capture.pcap import SUPPORTED_LINKTYPES, CaptureFormatError, CaptureReader
from engine.errors import ImportRefused
from engine.hashing import device_keys
from engine.imports.registry import REFUSED, ImportContext, ImportResult, LoadOutcome, run_import
from engine.progress import no_progress

MAX_REJECT_ROWS = 1000
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                dtype=np.uint64)


def ssid_id(secret: bytes, ssid: bytes) -> int:
    """int64 keyed id of an SSID: HMAC-SHA256(secret, b'ssid\\0' + bytes), first 8 bytes.
    The prefix keeps SSID ids apart from device keys of the same bytes."""
    digest = hmac.new(secret, b"ssid\x00" + ssid, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _ssid_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


class DetectionWriter:
    """Collects detections chunk by chunk into the workspace and the device summary."""

    def __init__(self, ctx: ImportContext, *, keep_ssid_clear: bool):
        self.ctx = ctx
        self.con = ctx.ws.con
        self.secret = ctx.ws.secret
        self.keep_ssid_clear = keep_ssid_clear
        self.index: dict[int, int] = {}  # packed MAC -> row of the arrays below (memory only)
        self.keys = np.empty(0, np.int64)
        self.md5: list[str] = []
        self.randomized = np.empty(0, bool)
        self.first = np.empty(0, np.int64)
        self.last = np.empty(0, np.int64)
        self.frames = np.empty(0, np.int64)
        self.probed = np.empty(0, bool)
        self.ssids: dict[bytes, int] = {}
        self.detections = 0

    # --- hashing, each distinct value once ------------------------------------------------
    def _rows_for(self, uniques: np.ndarray) -> np.ndarray:
        rows = np.fromiter((self.index.get(m, -1) for m in uniques.tolist()), np.int64, len(uniques))
        new = rows < 0
        if new.any():
            macs = uniques[new]
            raw = macs_to_bytes(macs)
            start = len(self.keys)
            rows[new] = np.arange(start, start + len(macs))
            self.index.update(zip(macs.tolist(), range(start, start + len(macs))))
            self.keys = np.concatenate([self.keys, device_keys(self.secret, raw)])
            blob = raw.tobytes()
            self.md5.extend(hashlib.md5(blob[6 * i:6 * i + 6]).hexdigest().upper() for i in range(len(macs)))
            self.randomized = np.concatenate([self.randomized, (raw[:, 0] & 2) != 0])
            grow = len(macs)
            self.first = np.concatenate([self.first, np.full(grow, np.iinfo(np.int64).max)])
            self.last = np.concatenate([self.last, np.full(grow, np.iinfo(np.int64).min)])
            self.frames = np.concatenate([self.frames, np.zeros(grow, np.int64)])
            self.probed = np.concatenate([self.probed, np.zeros(grow, bool)])
        return rows

    def ssid_ids_from_rows(self, ssid: np.ndarray) -> np.ndarray:
        """int64 ids for an (m, 33) array of length-prefixed SSIDs (distinct ones hashed once)."""
        if not len(ssid):
            return np.empty(0, np.int64)
        words = np.ascontiguousarray(ssid[:, 1:]).view(np.uint64)  # (m, 4)
        finger = (words * _MIX).sum(axis=1, dtype=np.uint64) ^ ssid[:, 0].astype(np.uint64)
        codes, uniques = pd.factorize(finger)
        reps = np.zeros(len(uniques), np.int64)
        reps[codes] = np.arange(len(codes))
        if not (ssid == ssid[reps][codes]).all():  # a fingerprint collision: exact grouping instead
            _, reps, codes = np.unique(ssid, axis=0, return_index=True, return_inverse=True)
            codes = codes.ravel()
        ids = np.array([self._ssid(bytes(ssid[r, 1:1 + ssid[r, 0]])) for r in reps], dtype=np.int64)
        return ids[codes]

    def ssid_ids_from_list(self, values: list[bytes | None]) -> tuple[np.ndarray, np.ndarray]:
        ids = np.array([self._ssid(v) if v else 0 for v in values], dtype=np.int64)
        return ids, np.array([bool(v) for v in values], dtype=bool)

    def _ssid(self, raw: bytes) -> int:
        got = self.ssids.get(raw)
        if got is None:
            got = self.ssids[raw] = ssid_id(self.secret, raw)
        return got

    # --- writing ------------------------------------------------------------------------------
    def write(self, ts_ns: np.ndarray, mac: np.ndarray, kind: np.ndarray, *, rssi=None, has_rssi=None,
              channel=None, seq=None, ssid_ids=None, has_ssid=None, frames=None) -> None:
        """Insert one chunk of detections (one per row) and fold it into the device summary.
        `frames` (optional) = how many frames each row stands for (airodump: # packets)."""
        n = len(ts_ns)
        if not n:
            return
        codes, uniques = pd.factorize(mac)
        rows = self._rows_for(np.asarray(uniques, dtype=np.uint64))[codes]
        weight = np.ones(n, np.int64) if frames is None else np.asarray(frames, np.int64)
        np.minimum.at(self.first, rows, ts_ns)
        np.maximum.at(self.last, rows, ts_ns)
        np.add.at(self.frames, rows, weight)
        self.probed[rows[kind == 0]] = True
        none = np.zeros(n, bool)
        table = pa.table({
            "ts": pa.array(ts_ns, type=pa.timestamp("ns")),
            "device_key": pa.array(self.keys[rows]),
            "frame_kind": pa.array(kind.astype(np.uint8)),
            "rssi": pa.array(np.zeros(n, np.int16) if rssi is None else rssi.astype(np.int16),
                             mask=~(none if has_rssi is None else has_rssi) if rssi is not None else ~none),
            "channel": pa.array(np.zeros(n, np.int16) if channel is None else channel.astype(np.int16),
                                mask=(np.ones(n, bool) if channel is None else channel <= 0)),
            "seq": pa.array(np.zeros(n, np.uint16) if seq is None else np.maximum(seq, 0).astype(np.uint16),
                            mask=(np.ones(n, bool) if seq is None else seq < 0)),
            "ssid_id": pa.array(np.zeros(n, np.int64) if ssid_ids is None else ssid_ids,
                                mask=(np.ones(n, bool) if has_ssid is None else ~has_ssid)),
        })
        self.con.register("o2o_capture_chunk", table)
        try:
            self.con.execute(
                "INSERT INTO detections SELECT ts, ?, ?, device_key, frame_kind, rssi, channel, seq, ssid_id, ? "
                "FROM o2o_capture_chunk", [self.ctx.site_id, self.ctx.sensor_id, self.ctx.import_id])
        finally:
            self.con.unregister("o2o_capture_chunk")
        self.detections += n

    def finish(self) -> dict:
        """Upsert devices and SSIDs; returns the device counts for the report."""
        seen = self.frames > 0
        if seen.any():
            devices = pd.DataFrame({
                "device_key": self.keys[seen], "randomized": self.randomized[seen],
                "mac_md5": np.array(self.md5, dtype=object)[seen],
                "first_seen": self.first[seen].astype("datetime64[ns]"),
                "last_seen": self.last[seen].astype("datetime64[ns]"), "frames": self.frames[seen]})
            self.con.register("o2o_capture_devices", devices)
            try:
                self.con.execute(
                    "INSERT INTO devices SELECT device_key, randomized, mac_md5, first_seen, last_seen, frames "
                    "FROM o2o_capture_devices ON CONFLICT (device_key) DO UPDATE SET "
                    "first_seen = least(first_seen, excluded.first_seen), "
                    "last_seen = greatest(last_seen, excluded.last_seen), frames = frames + excluded.frames")
            finally:
                self.con.unregister("o2o_capture_devices")
        if self.ssids:
            ssids = pd.DataFrame({"ssid_id": np.array(list(self.ssids.values()), dtype=np.int64),
                                  "ssid": [(_ssid_text(s) if self.keep_ssid_clear else None) for s in self.ssids]})
            self.con.register("o2o_capture_ssids", ssids)
            try:
                self.con.execute(
                    "INSERT INTO ssids SELECT ssid_id, ssid FROM o2o_capture_ssids ON CONFLICT (ssid_id) "
                    "DO UPDATE SET ssid = coalesce(excluded.ssid, ssid)")
            finally:
                self.con.unregister("o2o_capture_ssids")
        return {"devices": int(seen.sum()), "probe_sources": int(self.probed.sum()),
                "randomized_sources": int((self.probed & self.randomized).sum()),
                "randomized_devices": int((seen & self.randomized).sum()), "ssids": len(self.ssids)}


def _reject_capped(ctx: ImportContext, rows: list[tuple], stored: list[int]) -> None:
    room = MAX_REJECT_ROWS - stored[0]
    if room > 0 and rows:
        stored[0] += ctx.reject_rows(rows[:room])


# --- pcap / pcapng ----------------------------------------------------------------------------

def _load_capture(ctx: ImportContext, *, keep_ssid_clear: bool = False) -> LoadOutcome:
    try:
        reader = CaptureReader(ctx.path)
        batches = reader.batches()
        writer = DetectionWriter(ctx, keep_ssid_clear=keep_ssid_clear)
        fcs_mode: str | None = None  # None undecided, "on", "off" (rewritten capture)
        probes = bad_fcs = fcs_frames = corrupt = 0
        stored = [0]
        for batch in batches:
            ctx.cancel.check()
            frames = decode(batch)
            if fcs_mode is None and frames.fcs_present.any():
                fcs_mode = "off" if frames.fcs_bad[frames.fcs_present].all() else "on"
            fcs_frames += int(frames.fcs_present.sum())
            drop = frames.fcs_bad if fcs_mode == "on" else np.zeros(len(frames), bool)
            bad_fcs += int(drop.sum())
            supported = np.isin(batch.linktype, list(SUPPORTED_LINKTYPES))
            broken = supported & ~frames.dot11_ok
            corrupt += int(broken.sum())
            first = batch.first_record + 1
            _reject_capped(ctx, [(first + int(i), "frame", None, "radio header or 802.11 header unreadable")
                                 for i in np.flatnonzero(broken)[:MAX_REJECT_ROWS]], stored)
            _reject_capped(ctx, [(first + int(i), "fcs", None, "FCS (CRC-32) does not match: frame skipped")
                                 for i in np.flatnonzero(drop)[:MAX_REJECT_ROWS]], stored)
            keep = frames.has_addr2 & ~drop
            probes += int((frames.is_probe & ~drop).sum())
            ssid_ids = np.zeros(len(frames), np.int64)
            has_ssid = np.zeros(len(frames), bool)
            if len(frames.ssid_rows):
                probe_ids = np.zeros(len(frames.ssid_rows), np.int64)
                probe_ids[frames.has_ssid] = writer.ssid_ids_from_rows(frames.ssid[frames.has_ssid])
                ssid_ids[frames.ssid_rows] = probe_ids
                has_ssid[frames.ssid_rows] = frames.has_ssid
            k = np.flatnonzero(keep)
            writer.write(frames.ts_ns[k], frames.mac[k], frames.kind[k], rssi=frames.rssi[k],
                         has_rssi=frames.has_rssi[k], channel=frames.channel[k], seq=frames.seq[k],
                         ssid_ids=ssid_ids[k], has_ssid=has_ssid[k])
            ctx.progress(min(0.99, batch.progress), f"{ctx.path.name}: {reader.stats.frames:,} frames")
        ctx.cancel.check()
    except CaptureFormatError as exc:
        raise ImportRefused(exc.reason, where=f"{ctx.path} (byte {exc.offset})",
                            hint="Import pcap or pcapng files of an 802.11 monitor-mode capture") from exc
    stats = reader.stats
    corrupt += stats.corrupt_records
    if stats.corrupt_reason:
        _reject_capped(ctx, [(None, "record", str(stats.corrupt_offset), stats.corrupt_reason)], stored)
    summary = writer.finish()
    details = {
        "format": stats.format, "linktypes": sorted(stats.linktypes), "frames": stats.frames,
        "probe_requests": probes, "probe_sources": summary["probe_sources"],
        "randomized_sources": summary["randomized_sources"], "devices": summary["devices"],
        "detections": writer.detections, "ssids": summary["ssids"], "bad_fcs": bad_fcs,
        "fcs_frames": fcs_frames, "fcs_checked": fcs_mode == "on", "truncated": stats.truncated,
        "bytes_lost": stats.bytes_lost, "corrupt_records": corrupt,
        "last_good_ts": (pd.Timestamp(stats.last_ts_ns).isoformat() if stats.last_ts_ns is not None else None),
        "other_linktype_frames": stats.other_linktype_frames,
    }
    ctx.progress(1.0, f"{ctx.path.name}: {stats.frames:,} frames")
    return LoadOutcome(rows_in=stats.frames, rows_ok=writer.detections,
                       rows_rejected=stats.frames - writer.detections, message=_capture_message(ctx.path, details),
                       details=details)


def _capture_message(path: Path, d: dict) -> str:
    parts = [f"{path.name}: {d['frames']:,} frames, {d['probe_requests']:,} probe requests from "
             f"{d['probe_sources']:,} MACs ({d['randomized_sources']:,} randomized), {d['devices']:,} devices"]
    if d["frames"] == 0:
        parts.append("no frames in this file (header only)")
    if d["fcs_frames"] and not d["fcs_checked"]:
        parts.append("FCS not checked: every frame's checksum fails, so the capture was rewritten "
                     "after capture (e.g. anonymized); imported as is")
    if d["bad_fcs"]:
        parts.append(f"{d['bad_fcs']:,} frames with a bad FCS skipped")
    if d["corrupt_records"]:
        parts.append(f"{d['corrupt_records']:,} corrupt records skipped")
    if d["truncated"]:
        parts.append(f"file truncated: {d['bytes_lost']:,} bytes after the last complete frame "
                     f"({d['last_good_ts']}) lost")
    return "; ".join(parts)


def _needs_site(path, kind: str) -> ImportResult:
    return ImportResult(str(path), kind, REFUSED,
                        f"{path}: a {kind} import needs a site: pass --site NAME (the site where the sensor stands)")


def import_capture(ws, path, *, site=None, sensor=None, progress=no_progress, cancel=None,
                   keep_ssid_clear: bool = False, **options) -> ImportResult:
    if not site:
        return _needs_site(path, "capture")
    return run_import(ws, path, "capture", partial(_load_capture, keep_ssid_clear=keep_ssid_clear),
                      site=site, sensor=sensor, progress=progress, cancel=cancel)
