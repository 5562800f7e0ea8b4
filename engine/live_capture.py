"""Live capture into the workspace: frames from a sniffer (radio or replayed file) are
decoded, hashed and stored in batches while the capture runs.

Crash safety: the capture is one `imports` row (kind "live"), committed as "running" before
the first frame. Every batch (about one second of frames) is then ONE transaction holding
its detections, the devices and SSIDs it saw (merged into the existing rows) and the
running totals on the `imports` row. A process that dies loses at most the batch in
flight; everything committed is complete and consistent. The next capture marks such a
left-over row "interrupted". A clean stop (Stop, Ctrl-C, --duration, end of a replay)
stops the sniffer first, then stores every frame still buffered, then closes the row.

A batch goes through the same per-batch body as a file import
(engine.imports.captures.FrameIngest: decoding, FCS rule, SSID ids, kept frames, rejects)
and one DetectionWriter for the whole capture, so live and file imports of the same frames
give the same rows and each MAC is hashed once per capture. Raw MACs never leave memory; raw pcapng files are
written only when the caller passes a RawPcapngWriter (the engineer's explicit choice).
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable


from capture.live import RawPcapngWriter, Sniffer, records_to_batch
from engine.errors import O2OError
from engine.imports.captures import DetectionWriter, FrameIngest
from engine.imports.registry import ImportContext
from engine.progress import CancelToken, ProgressFn, no_progress

LIVE_KIND = "live"
INTERRUPTED_MESSAGE = ("the capture process ended without closing this capture (crash or power loss); "
                       "every batch it committed is kept")


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class LiveTick:
    """Counters after one batch, for live displays (all totals since the start)."""
    seconds: float
    frames: int
    probe_requests: int
    probe_sources: int
    devices: int
    drops: int
    batches: int
    tick_frames: int
    tick_seconds: float
    new_devices: int
    buffered: int

    @property
    def frames_per_second(self) -> float:
        return self.tick_frames / self.tick_seconds if self.tick_seconds > 0 else 0.0


@dataclass
class LiveSummary:
    import_id: int
    source: str
    status: str
    frames: int = 0
    probe_requests: int = 0
    probe_sources: int = 0
    devices: int = 0
    drops: int = 0
    batches: int = 0
    seconds: float = 0.0
    detections: int = 0
    bad_fcs: int = 0
    fcs_checked: bool | None = None
    raw_files: list[str] = field(default_factory=list)
    message: str = ""

    def to_json(self) -> dict:
        return asdict(self)


class _BatchStore:
    """Stores one drained batch of records; keeps the capture's running totals.

    One FrameIngest (the file importer's per-batch body: FCS rule, probe counts, SSID ids,
    which frames to keep) and one DetectionWriter serve the whole capture, so each MAC is
    hashed once per capture; the writer's devices are flushed with every batch's commit."""

    def __init__(self, ws, import_id: int, site_id: int, sensor_id: int, *, keep_ssid_clear: bool):
        self.ws = ws
        self.ctx = ImportContext(ws, Path("live"), import_id, site_id, sensor_id, no_progress, CancelToken())
        self.writer = DetectionWriter(self.ctx, keep_ssid_clear=keep_ssid_clear)
        self.ingest = FrameIngest(self.ctx, self.writer)
        # totals of the committed batches only
        self.frames = self.probe_requests = self.detections = self.bad_fcs = self.batches = 0
        self.devices = self.probe_sources = 0
        self.fcs_mode: str | None = None

    def store(self, records: list) -> int:
        """Decode, hash and write `records` in one transaction; returns new devices."""
        batch = records_to_batch(records, first_record=self.frames)
        with self.ws.transaction():
            self.ingest.ingest(batch)
            new_devices = self.writer.flush_devices()
            frames_total = self.frames + len(records)
            detections_total = self.writer.detections
            self.ws.con.execute(
                "UPDATE imports SET rows_in = ?, rows_ok = ?, rows_rejected = ?, details = ? WHERE import_id = ?",
                [frames_total, detections_total, frames_total - detections_total,
                 json.dumps({"frames": frames_total, "batches": self.batches + 1}), self.ctx.import_id])
        # committed: only now do the totals move
        self.frames, self.detections, self.batches = frames_total, detections_total, self.batches + 1
        self.probe_requests, self.bad_fcs, self.fcs_mode = self.ingest.probes, self.ingest.bad_fcs, self.ingest.fcs_mode
        counts = self.writer.counts()
        self.devices, self.probe_sources = counts["devices"], counts["probe_sources"]
        return new_devices


def _open_capture_row(ws, source: str, source_path: str, site: str, sensor: str | None) -> tuple[int, int, int]:
    ws.require_writable()
    with ws.transaction():
        ws.con.execute("UPDATE imports SET status = 'interrupted', message = ?, finished_at = coalesce(finished_at, ?) "
                       "WHERE kind = ? AND status = 'running'", [INTERRUPTED_MESSAGE, _utcnow(), LIVE_KIND])
        site_id, _ = ws.ensure_site(site)
        sensor_id, _ = ws.ensure_sensor(site_id, sensor or "default")
        import_id = ws.con.execute(
            "INSERT INTO imports (kind, file_name, file_path, sha256, site_id, sensor_id, status, started_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'running', ?) RETURNING import_id",
            [LIVE_KIND, source, source_path, f"live:{uuid.uuid4().hex}", site_id, sensor_id, _utcnow()]).fetchone()[0]
    return import_id, site_id, sensor_id


def run_live_capture(ws, sniffer: Sniffer, *, site: str, sensor: str | None = None,
                     duration: float | None = None, batch_seconds: float = 1.0, batch_frames: int = 20_000,
                     stop: threading.Event | None = None, cancel: CancelToken | None = None,
                     raw_writer: RawPcapngWriter | None = None, on_tick: Callable[[LiveTick], None] | None = None,
                     progress: ProgressFn = no_progress, keep_ssid_clear: bool = False,
                     source_path: str = "") -> LiveSummary:
    """Capture until `stop` is set, `cancel` is cancelled, `duration` seconds pass or the
    source ends (a replay at its last frame); store batches as they come; return totals.

    A batch is stored every `batch_seconds` or as soon as `batch_frames` are buffered.
    `on_tick` is called from this thread after every batch (and on idle seconds).
    """
    if not site or not site.strip():
        raise O2OError("A live capture needs a site: the place where the sensor stands",
                       hint="pass --site NAME (a new name creates the site)")
    stop = stop or threading.Event()
    cancel = cancel or CancelToken()
    try:
        import_id, site_id, sensor_id = _open_capture_row(ws, sniffer.description, source_path, site, sensor)
    except BaseException:
        sniffer.stop()  # never started: this only releases its socket / file
        raise
    store = _BatchStore(ws, import_id, site_id, sensor_id, keep_ssid_clear=keep_ssid_clear)
    buffer = sniffer.buffer
    started = last_flush = time.monotonic()
    error: BaseException | None = None

    def flush(now: float) -> None:
        nonlocal last_flush
        records = buffer.drain()
        if raw_writer is not None and records:
            raw_writer.write(records)
        new_devices = store.store(records) if records else 0
        tick = LiveTick(now - started, store.frames, store.probe_requests, store.probe_sources,
                        store.devices, buffer.drops, store.batches, len(records),
                        now - last_flush, new_devices, len(buffer))
        last_flush = now
        if on_tick is not None:
            on_tick(tick)
        fraction = min(0.99, tick.seconds / duration) if duration else 0.0
        progress(fraction, f"{tick.frames:,} frames, {tick.devices:,} devices, {tick.drops:,} dropped")

    try:
        sniffer.start()
        while True:
            now = time.monotonic()
            if stop.is_set() or cancel.cancelled or not sniffer.running:
                break
            if duration is not None and now - started >= duration:
                break
            if now - last_flush >= batch_seconds or len(buffer) >= batch_frames:
                flush(now)
            stop.wait(min(0.05, batch_seconds))
        sniffer.stop()   # no more frames arrive after this: what is buffered is everything
        flush(time.monotonic())
    except BaseException as exc:
        error = exc
        sniffer.stop()
        raise
    finally:
        if raw_writer is not None:
            raw_writer.close()
        seconds = time.monotonic() - started
        source_error = sniffer.error
        status = "failed" if (error or source_error) else "imported"
        summary = LiveSummary(import_id, sniffer.description, status, store.frames, store.probe_requests,
                              store.probe_sources, store.devices, buffer.drops, store.batches,
                              round(seconds, 3), store.detections, store.bad_fcs,
                              None if store.fcs_mode is None else store.fcs_mode == "on",
                              [str(p) for p in raw_writer.files] if raw_writer is not None else [])
        summary.message = _message(summary, error or source_error)
        _close_capture_row(ws, summary)
    if source_error is not None:
        raise O2OError(f"the capture source stopped with an error: {source_error}", where=sniffer.description,
                       hint=f"{summary.frames:,} frames captured before it were stored")
    return summary


def _message(s: LiveSummary, error: BaseException | None) -> str:
    text = (f"{s.source}: {s.frames:,} frames, {s.probe_requests:,} probe requests from {s.probe_sources:,} MACs, "
            f"{s.devices:,} devices in {s.batches:,} batch{'' if s.batches == 1 else 'es'} over {s.seconds:.1f} s")
    if s.drops:
        text += f"; {s.drops:,} frames dropped (buffer full: the computer could not keep up)"
    if s.bad_fcs:
        text += f"; {s.bad_fcs:,} frames with a bad FCS skipped"
    if s.raw_files:
        text += f"; raw frames (with raw MAC addresses) kept in {len(s.raw_files)} pcapng file(s)"
    if error is not None:
        text += f"; stopped by an error: {type(error).__name__}: {error}"
    return text


def _close_capture_row(ws, s: LiveSummary) -> None:
    details = s.to_json()
    with ws.transaction():
        ws.con.execute(
            "UPDATE imports SET status = ?, message = ?, details = ?, finished_at = ? WHERE import_id = ?",
            [s.status, s.message, json.dumps(details, default=str), _utcnow(), s.import_id])


def live_captures(ws, limit: int = 50) -> list[dict]:
    """The workspace's live captures, newest first (for the Capture screen)."""
    cur = ws.con.execute(
        "SELECT i.import_id, i.file_name AS source, s.name AS site, i.status, i.rows_in AS frames, "
        "i.started_at, i.finished_at, i.message FROM imports i LEFT JOIN sites s USING (site_id) "
        "WHERE i.kind = ? ORDER BY i.import_id DESC LIMIT ?", [LIVE_KIND, limit])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]
