"""Live 802.11 frames: a scapy sniffer (or a capture file replayed through the same path)
feeding a bounded buffer, turned into the same columnar `RecordBatch` the file reader makes.

Why the sockets below instead of scapy's defaults: scapy dissects every packet it reads
(about 300 radiotap frames/s on one core here), far too slow for a busy mall. Both sources
hand the sniffer a bare `SniffedFrame` carrying the frame bytes, its link type and its time in
ns; the 802.11 decoding is done later, vectorised, per batch (capture.dot11). The live socket
and the replay socket share the callback (`FrameBuffer.on_packet`), so what a replay tests
is what a radio capture runs.

Raw MACs stay in memory here and in the batch; the optional raw pcapng files
(`RawPcapngWriter`, written only on request) hold them in the clear and say so.
"""
from __future__ import annotations

import struct
import threading
import time
from pathlib import Path

import numpy as np

from capture.pcap import SUPPORTED_LINKTYPES, CaptureFormatError, RecordBatch
from capture.record_scan import padded

DEFAULT_CAPACITY = 200_000   # frames held between two batches (~ minutes of a busy site)
SNAPLEN = 262144
# scapy's layer classes for the radio link types (DLT numbers as pcap files use them)
_LINKTYPE_BY_LAYER = {"RadioTap": 127, "Dot11": 105, "Dot11FCS": 105, "PrismHeader": 119, "PPI": 192}


class FrameBuffer:
    """Bounded, thread-safe hand-over from the sniffer thread to the batch writer.

    `push` never blocks the sniffer: when the buffer is full the frame is dropped and
    counted, so a slow disk shows up as `drops`, not as a stalled capture.
    """

    def __init__(self, capacity: int = DEFAULT_CAPACITY):
        if capacity < 1:
            raise ValueError("buffer capacity must be at least 1 frame")
        self.capacity = capacity
        self._items: list[tuple[int, int, bytes]] = []
        self._lock = threading.Lock()
        self.received = 0   # frames offered by the source
        self.drops = 0      # frames refused because the buffer was full

    def push(self, ts_ns: int, linktype: int, data: bytes) -> bool:
        with self._lock:
            self.received += 1
            if len(self._items) >= self.capacity:
                self.drops += 1
                return False
            self._items.append((ts_ns, linktype, data))
            return True

    def on_packet(self, packet) -> None:
        """scapy `prn` callback: bytes, link type and time of one sniffed packet.
        Must not raise: scapy closes the socket of a callback that raises."""
        if type(packet) is SniffedFrame:  # our sockets: no attribute probing
            self.push(packet.ts_ns, packet.linktype, packet.data)
            return
        ts_ns = getattr(packet, "ts_ns", None)
        if ts_ns is None:
            ts_ns = int(packet.time * 1_000_000_000)
        linktype = getattr(packet, "linktype", None)
        if linktype is None:
            linktype = _linktype_of(type(packet))
        self.push(ts_ns, linktype, bytes(packet))

    def drain(self) -> list[tuple[int, int, bytes]]:
        with self._lock:
            items, self._items = self._items, []
        return items

    def __len__(self) -> int:
        return len(self._items)


def _linktype_of(layer) -> int:
    from scapy.config import conf

    return _LINKTYPE_BY_LAYER.get(layer.__name__) or conf.l2types.layer2num.get(layer, -1)


def records_to_batch(records: list[tuple[int, int, bytes]], first_record: int = 0) -> RecordBatch:
    """(ts_ns, linktype, bytes) records -> the RecordBatch that capture.dot11.decode reads."""
    data = b"".join(r[2] for r in records)
    lengths = np.fromiter((len(r[2]) for r in records), dtype=np.int64, count=len(records))
    offset = np.zeros(len(records), dtype=np.int64)
    if len(records) > 1:
        np.cumsum(lengths[:-1], out=offset[1:])
    ts_ns = np.fromiter((r[0] for r in records), dtype=np.int64, count=len(records))
    # the low 16 bits are the link type; pcap's upper bits carry FCS length flags (0x3000007F = 127)
    linktype = np.fromiter((r[1] & 0xFFFF for r in records), dtype=np.int32, count=len(records))
    # padded like the file reader's windows: fixed-width header gathers on a short last frame
    # (a 10-byte ACK) must stay in bounds
    return RecordBatch(data, padded(data), offset, lengths, ts_ns, linktype, first_record, 0.0)


# --- sources --------------------------------------------------------------------------------

class SniffedFrame:
    """What our sockets hand scapy's sniff loop instead of a dissected Packet: the loop only
    tests it for truth, sets `sniffed_on` and passes it to `prn`, so bytes + time + link
    type are all it needs (building even a scapy Raw costs ~60 % of the replay time)."""
    __slots__ = ("data", "ts_ns", "linktype", "sniffed_on")

    def __init__(self, data: bytes, ts_ns: int, linktype: int):
        self.data, self.ts_ns, self.linktype, self.sniffed_on = data, ts_ns, linktype, None

    @property
    def time(self) -> float:
        return self.ts_ns / 1e9

    def __bytes__(self) -> bytes:
        return self.data

    def __len__(self) -> int:
        return len(self.data)

    def __bool__(self) -> bool:
        return True  # an empty frame is still a frame (the loop drops falsy packets)


def _bare_packet(data: bytes, ts_ns: int, linktype: int) -> SniffedFrame:
    return SniffedFrame(data, ts_ns, linktype)


def _replay_socket_class():
    from scapy.supersocket import SuperSocket

    class ReplaySocket(SuperSocket):
        """A capture file as a sniffer socket: frames paced by their own timestamps / speed
        (speed 0 = as fast as possible); EOF ends the sniffer."""
        desc = "capture file replayed as a live source"
        nonblocking_socket = True

        def __init__(self, path: Path, speed: float, stop: threading.Event):  # noqa: D107 - no SuperSocket init: no OS socket
            from scapy.error import Scapy_Exception
            from scapy.utils import RawPcapNgReader, RawPcapReader

            self.path, self.speed, self.stop_event = Path(path), max(0.0, float(speed)), stop
            self.closed = False
            self.reader = None
            try:
                self.reader = RawPcapReader(str(path))
            except (Scapy_Exception, OSError, EOFError) as exc:
                raise CaptureFormatError(f"cannot replay: {exc}", 0) from exc
            self.ng = isinstance(self.reader, RawPcapNgReader)
            if not self.ng and (self.reader.linktype & 0xFFFF) not in SUPPORTED_LINKTYPES:
                self.reader.close()
                raise CaptureFormatError(f"link type {self.reader.linktype} is not 802.11", 20)
            self.first_ts: int | None = None
            self.wall_start = 0.0

        @staticmethod
        def select(sockets, remain=None):
            return sockets

        def _next(self) -> tuple[bytes, int, int]:
            while True:
                got = self.reader._read_packet()   # raises EOFError at the end
                if got is None:                     # a pcapng block that is not a packet
                    continue
                data, meta = got
                if self.ng:
                    ticks = (meta.tshigh << 32) + meta.tslow
                    return data, ticks * 1_000_000_000 // int(meta.tsresol), meta.linktype
                if len(data) < meta.caplen:
                    raise EOFError  # the file ends inside this record: like the file importer, stop
                scale = 1 if self.reader.nano else 1000
                return data, meta.sec * 1_000_000_000 + meta.usec * scale, self.reader.linktype

        def recv(self, x=None, **kwargs):
            if self.stop_event.is_set():
                raise EOFError
            data, ts_ns, linktype = self._next()
            if self.speed > 0:
                if self.first_ts is None:
                    self.first_ts, self.wall_start = ts_ns, time.monotonic()
                due = self.wall_start + (ts_ns - self.first_ts) / 1e9 / self.speed
                wait = due - time.monotonic()
                if wait > 0 and self.stop_event.wait(wait):
                    raise EOFError  # stopped while waiting: this frame was never "received"
            return _bare_packet(data, ts_ns, linktype)

        def close(self):
            if not self.closed:
                self.closed = True
                if self.reader is not None:
                    self.reader.close()

    return ReplaySocket


def _live_socket_class():
    from scapy.config import conf

    class LiveSocket(conf.L2listen):
        """scapy's listening socket, minus the per-packet dissection."""

        def recv(self, x=None, **kwargs):
            from scapy.data import MTU

            layer, data, ts = self.recv_raw(x or MTU)
            if not data or layer is None:
                return None
            return _bare_packet(data, int(ts * 1_000_000_000) if ts is not None else time.time_ns(),
                                _linktype_of(layer))

    return LiveSocket


class Sniffer:
    """A scapy AsyncSniffer over a live interface or a replayed file, filling a FrameBuffer."""

    def __init__(self, socket, buffer: FrameBuffer, stop: threading.Event, description: str):
        from scapy.sendrecv import AsyncSniffer

        self.socket = socket
        self.buffer = buffer
        self.stop_event = stop
        self.description = description
        self._started = threading.Event()
        self._sniffer = AsyncSniffer(opened_socket=socket, store=False, prn=buffer.on_packet,
                                     started_callback=self._started.set)

    @classmethod
    def live(cls, iface: str, buffer: FrameBuffer, stop: threading.Event | None = None) -> "Sniffer":
        """Listen on `iface` (monitor mode for 802.11 frames). Needs root or CAP_NET_RAW."""
        try:
            socket = _live_socket_class()(iface=iface)
        except PermissionError as exc:
            raise PermissionError(f"{iface}: capturing needs root (or CAP_NET_RAW): {exc}") from exc
        except OSError as exc:
            raise OSError(f"{iface}: cannot listen on this interface: {exc}") from exc
        return cls(socket, buffer, stop or threading.Event(), f"interface {iface}")

    @classmethod
    def replay(cls, path: str | Path, buffer: FrameBuffer, *, speed: float = 0.0,
               stop: threading.Event | None = None) -> "Sniffer":
        stop = stop or threading.Event()
        socket = _replay_socket_class()(Path(path), speed, stop)
        return cls(socket, buffer, stop, f"replay of {Path(path).name}")

    def start(self) -> None:
        self._sniffer.start()
        # wait until scapy has installed its stop hook: a stop() before that would be lost
        self._started.wait(10)

    @property
    def running(self) -> bool:
        thread = self._sniffer.thread
        return thread is not None and thread.is_alive()

    def stop(self) -> None:
        """Stop sniffing and wait for the sniffer thread; frames already pushed stay buffered."""
        self.stop_event.set()
        sniffer = self._sniffer
        if sniffer.running and getattr(sniffer, "continue_sniff", False):
            sniffer.stop_cb()
        if sniffer.thread is not None:
            sniffer.thread.join(10)
        self.socket.close()

    @property
    def error(self) -> BaseException | None:
        return self._sniffer.exception


# --- raw pcapng files (only when asked: they hold raw MACs) ------------------------------

class RawPcapngWriter:
    """Rotating pcapng files of the raw frames, ns timestamps, one interface per link type.

    A new file starts when the current one reaches `rotate_bytes`; every file is complete on
    its own (section header + interfaces), so each opens in Wireshark or `o2o import capture`.
    """

    def __init__(self, out_dir: str | Path, *, rotate_bytes: int = 100 << 20, prefix: str = "o2o-raw"):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.rotate_bytes = max(1 << 16, int(rotate_bytes))
        self.prefix = f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}"
        self.files: list[Path] = []
        self._fh = None
        self._size = 0
        self._interfaces: dict[int, int] = {}

    def _open(self) -> None:
        self.close()
        path = self.out_dir / f"{self.prefix}-{len(self.files) + 1:03d}.pcapng"
        self._fh = open(path, "wb")
        self.files.append(path)
        self._interfaces = {}
        self._size = 0
        self._block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))

    def _block(self, block_type: int, body: bytes) -> None:
        body += b"\x00" * (-len(body) % 4)
        length = 12 + len(body)
        self._fh.write(struct.pack("<II", block_type, length) + body + struct.pack("<I", length))
        self._size += length

    def _interface(self, linktype: int) -> int:
        if linktype not in self._interfaces:
            # if_tsresol = 9: timestamps in nanoseconds; then end of options
            options = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)
            self._block(1, struct.pack("<HHI", linktype & 0xFFFF, 0, SNAPLEN) + options)
            self._interfaces[linktype] = len(self._interfaces)
        return self._interfaces[linktype]

    def write(self, records: list[tuple[int, int, bytes]]) -> None:
        for ts_ns, linktype, data in records:
            if self._fh is None or self._size >= self.rotate_bytes:
                self._open()
            ifid = self._interface(linktype)
            self._block(6, struct.pack("<IIIII", ifid, ts_ns >> 32, ts_ns & 0xFFFFFFFF, len(data), len(data)) + data)
        if self._fh is not None:
            self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
