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
import threading
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from capture import airodump, kismet
from capture.dot11 import decode, macs_to_bytes
from capture.pcap import SUPPORTED_LINKTYPES, WINDOW, CaptureFormatError, CaptureReader
from engine.errors import ImportRefused
from engine.hashing import device_keys
from engine.imports.registry import REFUSED, ImportContext, ImportResult, LoadOutcome, run_import
from engine.progress import no_progress

MAX_REJECT_ROWS = 1000
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                dtype=np.uint64)
_NO_MAC = np.uint64(0xFFFFFFFFFFFFFFFF)  # no packed 48-bit MAC has this value: an empty cache slot


def _slots(mac: np.ndarray, bits: int) -> np.ndarray:
    """Cache slot of each packed MAC: Fibonacci hashing (multiply, keep the top bits)."""
    return ((mac * _MIX[0]) >> np.uint64(64 - bits)).astype(np.intp)


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
    """Collects detections chunk by chunk into the workspace and the device summary.

    Each distinct MAC is hashed once per writer (device key, partner MD5); the per-device
    first/last seen and frame counts cover a *period*: the whole file for an import, one
    committed batch for a live capture (`flush_devices` upserts the period's devices and
    starts the next one without forgetting the MACs already hashed)."""

    def __init__(self, ctx: ImportContext, *, keep_ssid_clear: bool):
        self.ctx = ctx
        self.con = ctx.ws.con
        self.secret = ctx.ws.secret
        self.keep_ssid_clear = keep_ssid_clear
        self.keep_mac_md5 = "mac_md5" in ctx.ws.partner_forms  # a partner form only when enabled
        # packed MACs seen so far (memory only, sorted) and their row in the arrays below
        self.sorted_macs = np.empty(0, np.uint64)
        self.sorted_rows = np.empty(0, np.int64)
        # a direct-mapped cache MAC -> row in front of the sorted arrays: one multiply-shift
        # and two gathers per frame instead of a hash-table factorize (see _lookup)
        self.slot_bits = 16
        self.slot_mac = np.full(1 << self.slot_bits, _NO_MAC, np.uint64)
        self.slot_row = np.zeros(1 << self.slot_bits, np.int64)
        self.keys = np.empty(0, np.int64)
        self.md5: list[str] = []
        self.randomized = np.empty(0, bool)
        self.ever_seen = np.empty(0, bool)     # seen in any flushed period
        self.ever_probed = np.empty(0, bool)
        self.first = np.empty(0, np.int64)     # the current period's summary, per row
        self.last = np.empty(0, np.int64)
        self.frames = np.empty(0, np.int64)
        self.probed = np.empty(0, bool)
        self.ssids: dict[bytes, int] = {}
        self.ssids_flushed = 0
        self.detections = 0
        self._pending: threading.Thread | None = None
        self._error: BaseException | None = None

    # --- hashing, each distinct value once ------------------------------------------------
    def _lookup(self, mac: np.ndarray) -> np.ndarray:
        """Row in the device arrays of every packed MAC (n,), hashing the new ones."""
        slot = _slots(mac, self.slot_bits)
        rows = self.slot_row[slot]
        miss = self.slot_mac[slot] != mac
        if miss.any():
            at = np.flatnonzero(miss)
            uniques, inverse = np.unique(mac[at], return_inverse=True)
            found = self._rows_for(uniques)
            rows[at] = found[inverse.ravel()]
            self._cache(uniques, found)
        return rows

    def _cache(self, macs: np.ndarray, rows: np.ndarray) -> None:
        """Put MACs in their free cache slots (a taken slot keeps its MAC: the other one is
        found through the sorted arrays); the cache doubles while it is over 1/4 full."""
        if len(self.keys) * 4 > len(self.slot_mac):
            while len(self.keys) * 4 > (1 << self.slot_bits):
                self.slot_bits += 1
            self.slot_mac = np.full(1 << self.slot_bits, _NO_MAC, np.uint64)
            self.slot_row = np.zeros(1 << self.slot_bits, np.int64)
            macs, rows = self.sorted_macs, self.sorted_rows
        slot = _slots(macs, self.slot_bits)
        free = self.slot_mac[slot] == _NO_MAC
        slot, first = np.unique(slot[free], return_index=True)
        self.slot_mac[slot] = macs[free][first]
        self.slot_row[slot] = rows[free][first]

    def _rows_for(self, uniques: np.ndarray) -> np.ndarray:
        """Row in the device arrays of each distinct packed MAC, hashing the new ones."""
        pos = np.searchsorted(self.sorted_macs, uniques)
        pos_c = np.minimum(pos, max(len(self.sorted_macs) - 1, 0))
        known = (len(self.sorted_macs) > 0) & (self.sorted_macs[pos_c] == uniques) if len(self.sorted_macs) \
            else np.zeros(len(uniques), bool)
        rows = np.where(known, self.sorted_rows[pos_c] if len(self.sorted_rows) else 0, -1)
        new = ~known
        if new.any():
            macs = uniques[new]
            raw = macs_to_bytes(macs)
            start = len(self.keys)
            fresh = np.arange(start, start + len(macs))
            rows[new] = fresh
            merged = np.concatenate([self.sorted_macs, macs])
            order = np.argsort(merged, kind="stable")
            self.sorted_macs = merged[order]
            self.sorted_rows = np.concatenate([self.sorted_rows, fresh])[order]
            self.keys = np.concatenate([self.keys, device_keys(self.secret, raw)])
            blob = raw.tobytes()
            if self.keep_mac_md5:
                self.md5.extend(hashlib.md5(blob[6 * i:6 * i + 6]).hexdigest().upper() for i in range(len(macs)))
            else:
                self.md5.extend([None] * len(macs))
            self.randomized = np.concatenate([self.randomized, (raw[:, 0] & 2) != 0])
            grow = len(macs)
            self.ever_seen = np.concatenate([self.ever_seen, np.zeros(grow, bool)])
            self.ever_probed = np.concatenate([self.ever_probed, np.zeros(grow, bool)])
            self.first = np.concatenate([self.first, np.full(grow, np.iinfo(np.int64).max)])
            self.last = np.concatenate([self.last, np.full(grow, np.iinfo(np.int64).min)])
            self.frames = np.concatenate([self.frames, np.zeros(grow, np.int64)])
            self.probed = np.concatenate([self.probed, np.zeros(grow, bool)])
        return rows

    def ssid_ids_from_rows(self, ssid: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """int64 ids for (m, 32) zero-padded SSID bytes and their (m,) lengths (distinct ones
        hashed once)."""
        if not len(ssid):
            return np.empty(0, np.int64)
        words = np.ascontiguousarray(ssid).view("<u8")  # (m, 4)
        lens = np.asarray(lens)
        finger = (words * _MIX).sum(axis=1, dtype=np.uint64) ^ lens.astype(np.uint64)
        codes, uniques = pd.factorize(finger)
        reps = np.zeros(len(uniques), np.int64)
        reps[codes] = np.arange(len(codes))
        if not ((words == words[reps][codes]).all() and (lens == lens[reps][codes]).all()):
            # a fingerprint collision: exact grouping instead
            key = np.concatenate([words, lens.astype(np.uint64)[:, None]], axis=1)
            _, reps, codes = np.unique(key, axis=0, return_index=True, return_inverse=True)
            codes = codes.ravel()
        ids = np.array([self._ssid(ssid[r, :lens[r]].tobytes()) for r in reps.tolist()], dtype=np.int64)
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
        rows = self._lookup(np.asarray(mac, dtype=np.uint64))
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
        # DuckDB releases the GIL while it inserts: the insert of this chunk runs in a thread
        # while the caller parses the next one (on 2 cores: parse and insert overlap)
        self.wait()
        self._pending = threading.Thread(target=self._insert, args=(table,), name="o2o-capture-insert")
        self._pending.start()
        self.detections += n

    def _insert(self, table: pa.Table) -> None:
        try:
            self.con.register("o2o_capture_chunk", table)
            try:
                self.con.execute(
                    "INSERT INTO detections SELECT ts, ?, ?, device_key, frame_kind, rssi, channel, seq, ssid_id, ? "
                    "FROM o2o_capture_chunk", [self.ctx.site_id, self.ctx.sensor_id, self.ctx.import_id])
            finally:
                self.con.unregister("o2o_capture_chunk")
        except BaseException as exc:  # handed to the importing thread by wait()
            self._error = exc

    def wait(self) -> None:
        """Let the running chunk insert finish (before any other use of the connection);
        an error it met is raised here, so run_import rolls everything back."""
        if self._pending is not None:
            self._pending.join()
            self._pending = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def flush_devices(self) -> int:
        """Upsert the devices seen in this period and the SSIDs not yet stored, then start a
        new period (first/last seen and frame counts from zero; the MACs stay hashed).
        Returns how many devices were seen for the first time by this writer."""
        self.wait()
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
        fresh = list(self.ssids.items())[self.ssids_flushed:]
        if fresh:
            ssids = pd.DataFrame({"ssid_id": np.array([i for _, i in fresh], dtype=np.int64),
                                  "ssid": [(_ssid_text(s) if self.keep_ssid_clear else None) for s, _ in fresh]})
            self.con.register("o2o_capture_ssids", ssids)
            try:
                self.con.execute(
                    "INSERT INTO ssids SELECT ssid_id, ssid FROM o2o_capture_ssids ON CONFLICT (ssid_id) "
                    "DO UPDATE SET ssid = coalesce(excluded.ssid, ssid)")
            finally:
                self.con.unregister("o2o_capture_ssids")
            self.ssids_flushed = len(self.ssids)
        new = int((seen & ~self.ever_seen).sum())
        self.ever_seen |= seen
        self.ever_probed |= self.probed
        self.first[:] = np.iinfo(np.int64).max
        self.last[:] = np.iinfo(np.int64).min
        self.frames[:] = 0
        self.probed[:] = False
        return new

    def counts(self) -> dict:
        """Device counts over every flushed period, for the report."""
        seen, probed = self.ever_seen, self.ever_probed
        return {"devices": int(seen.sum()), "probe_sources": int(probed.sum()),
                "randomized_sources": int((probed & self.randomized).sum()),
                "randomized_devices": int((seen & self.randomized).sum()), "ssids": len(self.ssids)}

    def finish(self) -> dict:
        """Upsert devices and SSIDs; returns the device counts for the report."""
        self.flush_devices()
        return self.counts()


def _reject_capped(ctx: ImportContext, rows: list[tuple], stored: list[int],
                   writer: "DetectionWriter | None" = None) -> None:
    room = MAX_REJECT_ROWS - stored[0]
    if room > 0 and rows:
        if writer is not None:
            writer.wait()  # the connection is the insert thread's until it is done
        stored[0] += ctx.reject_rows(rows[:room])


# --- pcap / pcapng ----------------------------------------------------------------------------

class FrameIngest:
    """Decoded record batches -> detections, with the counters of the capture report."""

    def __init__(self, ctx: ImportContext, writer: DetectionWriter):
        self.ctx, self.writer = ctx, writer
        self.fcs_mode: str | None = None  # None undecided, "on", "off" (rewritten capture)
        self.probes = self.bad_fcs = self.fcs_frames = self.corrupt = 0
        self.stored = [0]

    def ingest(self, batch, fallback_rssi: np.ndarray | None = None) -> None:
        ctx, writer = self.ctx, self.writer
        frames = decode(batch)
        if self.fcs_mode is None and frames.fcs_present.any():
            self.fcs_mode = "off" if frames.fcs_bad[frames.fcs_present].all() else "on"
        self.fcs_frames += int(frames.fcs_present.sum())
        drop = frames.fcs_bad if self.fcs_mode == "on" else np.zeros(len(frames), bool)
        self.bad_fcs += int(drop.sum())
        broken = ~frames.dot11_ok
        if broken.any():
            broken &= np.isin(batch.linktype, list(SUPPORTED_LINKTYPES))
        self.corrupt += int(broken.sum())
        first = batch.first_record + 1
        if broken.any():
            _reject_capped(ctx, [(first + int(i), "frame", None, "radio header or 802.11 header unreadable")
                                 for i in np.flatnonzero(broken)[:MAX_REJECT_ROWS]], self.stored, writer)
        if drop.any():
            _reject_capped(ctx, [(first + int(i), "fcs", None, "FCS (CRC-32) does not match: frame skipped")
                                 for i in np.flatnonzero(drop)[:MAX_REJECT_ROWS]], self.stored, writer)
        keep = frames.has_addr2 & ~drop
        self.probes += int((frames.is_probe & ~drop).sum())
        ssid_ids = np.zeros(len(frames), np.int64)
        has_ssid = np.zeros(len(frames), bool)
        ssid_ids[frames.ssid_rows] = writer.ssid_ids_from_rows(frames.ssid, frames.ssid_len)
        has_ssid[frames.ssid_rows] = True
        rssi, has_rssi = frames.rssi, frames.has_rssi
        if fallback_rssi is not None:
            use = ~has_rssi & (fallback_rssi != 0)
            rssi = np.where(use, fallback_rssi, rssi)
            has_rssi = has_rssi | use
        k = slice(None) if keep.all() else np.flatnonzero(keep)  # all kept (the usual case): no copies
        writer.write(frames.ts_ns[k], frames.mac[k], frames.kind[k], rssi=rssi[k], has_rssi=has_rssi[k],
                     channel=frames.channel[k], seq=frames.seq[k], ssid_ids=ssid_ids[k], has_ssid=has_ssid[k])

    def details(self, summary: dict, frames: int) -> dict:
        return {"frames": frames, "probe_requests": self.probes, "probe_sources": summary["probe_sources"],
                "randomized_sources": summary["randomized_sources"], "devices": summary["devices"],
                "detections": self.writer.detections, "ssids": summary["ssids"], "bad_fcs": self.bad_fcs,
                "fcs_frames": self.fcs_frames, "fcs_checked": self.fcs_mode == "on",
                "corrupt_records": self.corrupt, "truncated": False, "bytes_lost": 0}


def _load_capture(ctx: ImportContext, *, keep_ssid_clear: bool = False, window: int = WINDOW) -> LoadOutcome:
    try:
        reader = CaptureReader(ctx.path, window=window)
        writer = DetectionWriter(ctx, keep_ssid_clear=keep_ssid_clear)
        ingest = FrameIngest(ctx, writer)
        try:
            for batch in reader.batches():
                ctx.cancel.check()
                ingest.ingest(batch)
                ctx.progress(min(0.99, batch.progress), f"{ctx.path.name}: {reader.stats.frames:,} frames")
            ctx.cancel.check()
        finally:
            writer.wait()
    except CaptureFormatError as exc:
        from engine.imports.sniff import sniff

        kind = sniff(ctx.path)  # a text export of another tool: say which importer reads it
        what = {"airodump": "an airodump-ng CSV", "kismet": "a Kismet export"}.get(kind)
        hint = (f"This looks like {what}: import it with `o2o import {kind}`" if what
                else "Import pcap or pcapng files of an 802.11 monitor-mode capture")
        raise ImportRefused(exc.reason, where=f"{ctx.path} (byte {exc.offset})", hint=hint) from exc
    stats = reader.stats
    ingest.corrupt += stats.corrupt_records
    if stats.corrupt_reason:
        _reject_capped(ctx, [(None, "record", str(stats.corrupt_offset), stats.corrupt_reason)], ingest.stored)
    details = ingest.details(writer.finish(), stats.frames)
    details.update({
        "format": stats.format, "linktypes": sorted(stats.linktypes), "truncated": stats.truncated,
        "bytes_lost": stats.bytes_lost,
        "last_good_ts": (pd.Timestamp(stats.last_ts_ns).isoformat() if stats.last_ts_ns is not None else None),
        "other_linktype_frames": stats.other_linktype_frames,
    })
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
                   keep_ssid_clear: bool = False, window: int = WINDOW, **options) -> ImportResult:
    """`window`: bytes read (and inserted) at a time; bounds memory on huge files."""
    if not site:
        return _needs_site(path, "capture")
    return run_import(ws, path, "capture", partial(_load_capture, keep_ssid_clear=keep_ssid_clear, window=window),
                      site=site, sensor=sensor, progress=progress, cancel=cancel, hash_in_background=True)


# --- airodump-ng CSV --------------------------------------------------------------------------

def _site_timezone(ctx: ImportContext) -> str:
    return ctx.ws.con.execute("SELECT timezone FROM sites WHERE site_id = ?", [ctx.site_id]).fetchall()[0][0]


def _local_to_utc_ns(texts: list[str], tz: str) -> tuple[np.ndarray, np.ndarray]:
    """Local wall-clock strings of the site -> UTC ns, and which parsed."""
    local = pd.to_datetime(pd.Series(texts, dtype=object), errors="coerce", format="%Y-%m-%d %H:%M:%S")
    ok = local.notna().to_numpy().copy()
    utc = local.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward").dt.tz_convert("UTC")
    ok &= utc.notna().to_numpy()
    return np.where(ok, utc.dt.tz_localize(None).astype("datetime64[ns]").to_numpy().astype(np.int64), 0), ok


def _load_airodump(ctx: ImportContext, *, keep_ssid_clear: bool = False) -> LoadOutcome:
    try:
        data = airodump.parse(ctx.path)
    except CaptureFormatError as exc:
        raise ImportRefused(exc.reason, where=str(ctx.path), hint="Import the .csv written by airodump-ng -w") from exc
    ctx.cancel.check()
    writer = DetectionWriter(ctx, keep_ssid_clear=keep_ssid_clear)
    stored = [0]
    _reject_capped(ctx, data.rejects, stored)
    tz = _site_timezone(ctx)
    first, ok_first = _local_to_utc_ns(data.first_seen, tz)
    last, ok_last = _local_to_utc_ns(data.last_seen, tz)
    bad = ~(ok_first & ok_last)
    _reject_capped(ctx, [(data.lines[i], "First time seen", data.first_seen[i], "not a date and time")
                         for i in np.flatnonzero(bad)], stored)
    good = np.flatnonzero(~bad)
    mac = data.mac_array()
    # each station: one detection when first seen (one per probed SSID), one when last seen;
    # the device's frame count is airodump's '# packets'
    ts, macs, kinds, rssi, has_rssi, ssid_raw, weight = [], [], [], [], [], [], []
    for i in good.tolist():
        probed = data.probed[i] or [None]
        kind = 0 if data.probed[i] else 3
        power = data.power[i]
        for j, ssid in enumerate(probed):
            ts.append(first[i]); macs.append(mac[i]); kinds.append(kind); ssid_raw.append(ssid)
            rssi.append(power or 0); has_rssi.append(power is not None)
            weight.append(data.packets[i] if j == 0 else 0)
        if last[i] != first[i]:
            ts.append(last[i]); macs.append(mac[i]); kinds.append(kind); ssid_raw.append(None)
            rssi.append(power or 0); has_rssi.append(power is not None); weight.append(0)
    ssid_ids, has_ssid = writer.ssid_ids_from_list(ssid_raw)
    writer.write(np.asarray(ts, np.int64), np.asarray(macs, np.uint64), np.asarray(kinds, np.uint8),
                 rssi=np.asarray(rssi, np.int16), has_rssi=np.asarray(has_rssi, bool),
                 ssid_ids=ssid_ids, has_ssid=has_ssid, frames=np.asarray(weight, np.int64))
    summary = writer.finish()
    details = {"stations": len(data.mac), "access_points": data.access_points,
               "frames": int(sum(data.packets[i] for i in good.tolist())),
               "probe_requests": int(sum(len(data.probed[i]) for i in good.tolist())),
               "probe_sources": summary["probe_sources"], "randomized_sources": summary["randomized_sources"],
               "devices": summary["devices"], "detections": writer.detections, "ssids": summary["ssids"],
               "bad_fcs": 0, "fcs_checked": False, "truncated": False, "bytes_lost": 0,
               "rejected_rows": stored[0], "timezone": tz}
    message = (f"{ctx.path.name}: {len(good):,} stations ({summary['randomized_devices']:,} randomized), "
               f"{summary['probe_sources']:,} probing; {data.access_points:,} access points not imported as devices")
    if not data.has_station_section:
        message += "; no station section in this file"
    if stored[0]:
        message += f"; {stored[0]:,} rows rejected (see the rejects report)"
    message += f"; times read as local time of the site ({tz})"
    return LoadOutcome(rows_in=len(data.mac) + len(data.rejects), rows_ok=len(good),
                       rows_rejected=len(data.rejects) + int(bad.sum()), message=message, details=details)


def import_airodump(ws, path, *, site=None, sensor=None, progress=no_progress, cancel=None,
                    keep_ssid_clear: bool = False, **options) -> ImportResult:
    if not site:
        return _needs_site(path, "airodump")
    return run_import(ws, path, "airodump", partial(_load_airodump, keep_ssid_clear=keep_ssid_clear),
                      site=site, sensor=sensor, progress=progress, cancel=cancel)


# --- Kismet ----------------------------------------------------------------------------------

def _load_kismet(ctx: ImportContext, *, keep_ssid_clear: bool = False) -> LoadOutcome:
    try:
        info = kismet.describe(ctx.path)
    except CaptureFormatError as exc:
        raise ImportRefused(exc.reason, where=str(ctx.path), hint="Import a .kismet/.kismetdb log") from exc
    phys = info["devices_by_phy"]
    wifi_devices = phys.get(kismet.WIFI, 0)
    if not info["wifi_packets"] and not wifi_devices:
        found = ", ".join(f"{n} {p}" for p, n in sorted(phys.items())) or "no devices at all"
        raise ImportRefused(f"no Wi-Fi data in this Kismet log ({found}); nothing imported",
                            where=str(ctx.path), hint="Log with a Wi-Fi (IEEE802.11) data source")
    writer = DetectionWriter(ctx, keep_ssid_clear=keep_ssid_clear)
    if info["wifi_packets"]:
        ingest = FrameIngest(ctx, writer)
        try:
            for batch, signal in kismet.packet_batches(ctx.path, info["wifi_packets"]):
                ctx.cancel.check()
                ingest.ingest(batch, fallback_rssi=signal)
                ctx.progress(min(0.99, batch.progress), f"{ctx.path.name}: packets")
        finally:
            writer.wait()
        details = ingest.details(writer.finish(), info["wifi_packets"])
        source = f"{info['wifi_packets']:,} Wi-Fi packets"
    else:
        devices = [d for d in kismet.wifi_devices(ctx.path)]
        ts, macs, kinds, rssi, has_rssi, ssid_raw = [], [], [], [], [], []
        for d in devices:
            kind = 1 if "AP" in d["type"] else (0 if d["probed"] else 3)
            stamps = [d["first"]] + ([d["last"]] if d["last"] != d["first"] else [])
            for k, t in enumerate(stamps):
                ts.append(t * 1_000_000_000); macs.append(d["mac"]); kinds.append(kind)
                rssi.append(d["signal"] or 0); has_rssi.append(d["signal"] is not None)
                ssid_raw.append(d["probed"][0] if d["probed"] and k == 0 else None)
        ssid_ids, has_ssid = writer.ssid_ids_from_list(ssid_raw)
        writer.write(np.asarray(ts, np.int64), np.asarray(macs, np.uint64), np.asarray(kinds, np.uint8),
                     rssi=np.asarray(rssi, np.int16), has_rssi=np.asarray(has_rssi, bool),
                     ssid_ids=ssid_ids, has_ssid=has_ssid)
        summary = writer.finish()
        details = {"frames": 0, "probe_requests": 0, "probe_sources": summary["probe_sources"],
                   "randomized_sources": summary["randomized_sources"], "devices": summary["devices"],
                   "detections": writer.detections, "ssids": summary["ssids"], "bad_fcs": 0,
                   "fcs_checked": False, "truncated": False, "bytes_lost": 0}
        source = f"{wifi_devices:,} Wi-Fi devices (no packets logged: first/last seen only)"
    details.update({"kismet": info["version"], "devices_by_phy": phys})
    message = (f"{ctx.path.name}: {source}; {details['devices']:,} devices, "
               f"{details['probe_sources']:,} probing ({details['randomized_sources']:,} randomized)")
    return LoadOutcome(rows_in=details["detections"], rows_ok=details["detections"], message=message,
                       details=details)


def import_kismet(ws, path, *, site=None, sensor=None, progress=no_progress, cancel=None,
                  keep_ssid_clear: bool = False, **options) -> ImportResult:
    if not site:
        return _needs_site(path, "kismet")
    return run_import(ws, path, "kismet", partial(_load_kismet, keep_ssid_clear=keep_ssid_clear),
                      site=site, sensor=sensor, progress=progress, cancel=cancel)
