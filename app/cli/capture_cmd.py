"""o2o capture: live monitor-mode capture (or a replayed file) streamed into a workspace;
o2o interfaces: which network interfaces could capture."""
from __future__ import annotations

import signal
import sys
import threading
import time
from pathlib import Path

from app.cli._common import add_json_arg, add_workspace_arg, open_workspace
from capture.live import DEFAULT_CAPACITY, FrameBuffer, RawPcapngWriter, Sniffer
from capture.monitor import ChannelHopper, enable_monitor, list_interfaces, parse_channels
from capture.pcap import CaptureFormatError
from engine.errors import O2OError
from engine.live_capture import LiveTick, run_live_capture

RAW_WARNING = "raw capture files hold raw MAC addresses (personal data): keep them safe, delete them when done"


def register(sub) -> None:
    p = sub.add_parser("capture", help="capture Wi-Fi frames live (monitor mode) into a workspace",
                       description="Capture 802.11 frames from a monitor-mode adapter (or replay a capture "
                                   "file through the same path) and store them in the workspace as they "
                                   "arrive, one transaction per batch. Ctrl-C stops cleanly.")
    add_workspace_arg(p)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--iface", metavar="IFACE", help="wireless interface to capture on (needs root)")
    source.add_argument("--replay", type=Path, metavar="FILE",
                        help="feed a pcap/pcapng file through the live path (demos, tests)")
    p.add_argument("--speed", type=float, default=1.0, metavar="X",
                   help="replay speed: 1 = real time, 10 = ten times faster, 0 = as fast as possible")
    p.add_argument("--site", required=True, metavar="NAME", help="site where the sensor stands (created if new)")
    p.add_argument("--sensor", metavar="NAME", help="sensor name (default: 'default')")
    p.add_argument("--channels", metavar="LIST", help="channels to hop, e.g. 1,6,11 or 1-13 (live only)")
    p.add_argument("--hop-interval", type=float, default=0.5, metavar="S", help="seconds per channel (default 0.5)")
    p.add_argument("--duration", type=float, metavar="D", help="stop after D seconds")
    p.add_argument("--batch-seconds", type=float, default=1.0, metavar="S",
                   help="store a batch every S seconds (default 1)")
    p.add_argument("--buffer", type=int, default=DEFAULT_CAPACITY, metavar="N",
                   help=f"frames held between batches; more are dropped and counted (default {DEFAULT_CAPACITY})")
    p.add_argument("--keep-raw", action="store_true",
                   help="also write the raw frames to rotating pcapng files (they hold RAW MAC addresses)")
    p.add_argument("--out", type=Path, default=Path("captures"), metavar="DIR",
                   help="folder for --keep-raw files (default ./captures)")
    p.add_argument("--rotate-mb", type=float, default=100.0, metavar="N", help="start a new raw file every N MB")
    p.add_argument("--no-monitor-setup", action="store_true",
                   help="do not try to switch the interface to monitor mode (it already is)")
    add_json_arg(p)
    p.set_defaults(func=cmd_capture)

    q = sub.add_parser("interfaces", help="list network interfaces: wireless? monitor mode?")
    add_json_arg(q)
    q.set_defaults(func=cmd_interfaces)


def cmd_interfaces(args):
    listing = list_interfaces()
    rows = [{"name": i.name, "wireless": i.wireless, "phy": i.phy, "monitor_capable": i.monitor_capable,
             "in_monitor_mode": i.in_monitor_mode, "state": i.operstate, "driver": i.driver, "note": i.note}
            for i in listing.interfaces]
    if args.json:
        return 0, {"interfaces": rows, "message": listing.message}
    lines = [i.label() + (f" — {i.note}" if i.note else "") for i in listing.interfaces]
    if listing.message:
        lines.append(listing.message)
    return 0, "\n".join(lines)


class _Counters:
    """One stderr line of live counters: rewritten in place on a terminal, every 10 s otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last_print = 0.0

    def __call__(self, tick: LiveTick) -> None:
        now = time.monotonic()
        if not self.tty and now - self.last_print < 10:
            return
        self.last_print = now
        line = (f"{tick.seconds:7.1f} s  {tick.frames_per_second:8.1f} frames/s  {tick.frames:>9,} frames  "
                f"{tick.probe_requests:>8,} probe requests  {tick.devices:>6,} devices  {tick.drops:>6,} drops")
        print(("\r" + line) if self.tty else line, end="" if self.tty else "\n", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.tty and self.last_print:
            print(file=sys.stderr)


def _stop_then_interrupt(stop: threading.Event):
    """First Ctrl-C: stop cleanly (store what is buffered). A second one: stop at once."""
    def handler(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\no2o: stopping: storing the frames still buffered (Ctrl-C again to abort)", file=sys.stderr)
    return handler


def cmd_capture(args):
    notes: list[str] = []
    stop = threading.Event()
    buffer = FrameBuffer(args.buffer)
    hopper = None
    if args.replay is not None:
        if not args.replay.is_file():
            raise O2OError("no such file", where=str(args.replay))
        try:
            sniffer = Sniffer.replay(args.replay, buffer, speed=args.speed, stop=stop)
        except CaptureFormatError as exc:
            raise O2OError(exc.reason, where=str(args.replay),
                           hint="replay a pcap or pcapng file of an 802.11 capture") from exc
        source_path = str(args.replay.resolve())
    else:
        if not args.no_monitor_setup:
            result = enable_monitor(args.iface)
            if not result.ok:
                raise O2OError(result.message, hint=("or, once it is in monitor mode, run again with "
                                                     "--no-monitor-setup") if result.commands else None)
            notes.append(result.message)
        try:
            channels = parse_channels(args.channels) if args.channels else []
        except ValueError as exc:
            raise O2OError(str(exc), where="--channels") from exc
        try:
            sniffer = Sniffer.live(args.iface, buffer, stop=stop)
        except OSError as exc:
            raise O2OError(str(exc), where=args.iface, hint="run as root (sudo), or give python CAP_NET_RAW") from exc
        hopper = ChannelHopper(args.iface, channels, args.hop_interval) if channels else None
        source_path = args.iface
    raw_writer = None
    if args.keep_raw:
        raw_writer = RawPcapngWriter(args.out, rotate_bytes=int(args.rotate_mb * (1 << 20)))
        print(f"o2o: warning: {RAW_WARNING} ({args.out}/)", file=sys.stderr)
    ws, created = open_workspace(args)
    notes.extend(created)
    counters = _Counters()
    previous = signal.getsignal(signal.SIGINT)
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        # Ctrl-C asks for a clean stop: the sniffer stops, buffered frames are stored
        signal.signal(signal.SIGINT, _stop_then_interrupt(stop))
    try:
        if hopper:
            hopper.start()
        summary = run_live_capture(ws, sniffer, site=args.site, sensor=args.sensor, duration=args.duration,
                                   batch_seconds=args.batch_seconds, stop=stop, raw_writer=raw_writer,
                                   on_tick=counters, source_path=source_path)
    finally:
        if hopper:
            hopper.stop()
        if in_main:
            signal.signal(signal.SIGINT, previous)
        counters.done()
        ws.close()
    payload = {k: v for k, v in summary.to_json().items()}
    if hopper and hopper.errors:
        payload["channel_errors"] = {str(c): e for c, e in hopper.errors.items()}
    if summary.raw_files:
        payload["raw_files_warning"] = RAW_WARNING
    if notes:
        payload["notes"] = notes
    if args.json:
        return 0, payload
    lines = [summary.message]
    lines += [f"raw file: {f}  (holds RAW MAC addresses)" for f in summary.raw_files]
    lines += notes
    return 0, "\n".join(lines)
