"""Read pcap and pcapng files (optionally gzip-compressed) as columnar record batches.

The file is read in windows (64 MB by default) so memory stays bounded on huge captures.
Inside a window a tight loop walks the record headers and collects only offsets; every
other header field is then gathered with numpy fancy indexing. A batch holds the window's
bytes plus per-record arrays (packet data offset, captured length, UTC time in ns, link type).

Problems are reported, not hidden: a file that is not a capture at all, or whose header is
broken, raises `CaptureFormatError` with the byte offset; a file cut short inside a record
reads every complete record and records `truncated`, `bytes_lost` and the last good time in
`ReadStats`; a record header that cannot be right (length beyond any sane snapshot length)
is counted in `corrupt_records` and ends the walk (nothing after it can be located).
"""
from __future__ import annotations

import gzip
import mmap
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

import numpy as np

from capture.record_scan import PAD, epb_offsets, gather, padded, speculative_pcapng, speculative_walk, windows

WINDOW = 64 << 20
MAX_RECORD = 262144  # libpcap/wireshark's largest sane packet for 802.11 link types

LINKTYPE_IEEE802_11 = 105
LINKTYPE_PRISM = 119
LINKTYPE_RADIOTAP = 127
LINKTYPE_AVS = 163
LINKTYPE_PPI = 192
SUPPORTED_LINKTYPES = {
    LINKTYPE_IEEE802_11: "raw 802.11",
    LINKTYPE_PRISM: "Prism",
    LINKTYPE_RADIOTAP: "radiotap",
    LINKTYPE_AVS: "AVS",
    LINKTYPE_PPI: "PPI",
}
KNOWN_OTHER_LINKTYPES = {0: "BSD loopback", 1: "Ethernet", 101: "raw IP", 113: "Linux cooked",
                         276: "Linux cooked v2"}

PCAP_MAGICS = {
    b"\xd4\xc3\xb2\xa1": ("<", 1000), b"\xa1\xb2\xc3\xd4": (">", 1000),
    b"\x4d\x3c\xb2\xa1": ("<", 1), b"\xa1\xb2\x3c\x4d": (">", 1),
}
PCAPNG_SHB = b"\x0a\x0d\x0d\x0a"
GZIP_MAGIC = b"\x1f\x8b"


class CaptureFormatError(Exception):
    """The file cannot be read as a capture; `offset` is the byte where it went wrong."""

    def __init__(self, reason: str, offset: int = 0):
        self.reason = reason
        self.offset = offset
        super().__init__(f"byte {offset}: {reason}")


def linktype_name(linktype: int) -> str:
    return SUPPORTED_LINKTYPES.get(linktype) or KNOWN_OTHER_LINKTYPES.get(linktype) or "unknown"


@dataclass
class RecordBatch:
    """Records of one window. Offsets index `data` (the window's bytes)."""
    data: bytes
    buf: np.ndarray        # uint8 view of `data`
    offset: np.ndarray     # int64 start of each packet's bytes
    caplen: np.ndarray     # int64 captured length
    ts_ns: np.ndarray      # int64 UTC nanoseconds since the epoch
    linktype: np.ndarray   # int32 per record
    first_record: int      # index of the batch's first record in the file
    progress: float        # fraction of the input consumed after this batch

    def __len__(self) -> int:
        return len(self.offset)


@dataclass
class ReadStats:
    format: str = ""
    frames: int = 0
    truncated: bool = False
    bytes_lost: int = 0
    last_ts_ns: int | None = None
    corrupt_records: int = 0
    corrupt_reason: str = ""
    corrupt_offset: int | None = None
    other_linktype_frames: int = 0
    linktypes: set = field(default_factory=set)
    interfaces: int = 0


_ZEROS = bytes(PAD)  # appended to the last window (see _PcapFeed)


class _Source:
    """Sequential bytes of a plain or gzip file, with the absolute offset of each read."""

    def __init__(self, path: Path):
        self.path = path
        self.size = path.stat().st_size
        with open(path, "rb") as fh:
            magic = fh.read(2)
        self.gzipped = magic == GZIP_MAGIC
        self.fh: BinaryIO = gzip.open(path, "rb") if self.gzipped else open(path, "rb")
        self.raw_fh = self.fh.fileobj if self.gzipped else self.fh  # type: ignore[attr-defined]
        self.gzip_error = ""
        self.mm: mmap.mmap | None = None

    def map(self) -> memoryview | None:
        """The whole plain file as read-only memory (None for gzip or an empty file)."""
        if self.gzipped or self.size == 0:
            return None
        if self.mm is None:
            self.mm = mmap.mmap(self.fh.fileno(), 0, access=mmap.ACCESS_READ)
        return memoryview(self.mm)

    def read(self, n: int) -> bytes:
        try:
            return self.fh.read(n)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            # a cut gzip stream: what was decompressed so far is all there is
            self.gzip_error = str(exc) or type(exc).__name__
            return b""

    def fraction(self) -> float:
        try:
            return min(1.0, self.raw_fh.tell() / max(1, self.size))
        except (OSError, ValueError):
            return 0.0

    def close(self) -> None:
        if self.mm is not None:
            try:
                self.mm.close()
            except BufferError:
                pass  # a batch still views the mapping: it goes when the last view does
        self.fh.close()


class _PcapFeed:
    """The bytes the record walk reads next; each window starts where the last walk stopped.

    A plain file is memory-mapped and a window is a view of it: no copy, and no fresh pages
    to fault in (reading 64 MB into new bytes and joining the carried tail cost about a third
    of an import). The walk may read PAD bytes past a window's end, which there are the next
    records; only the file's last bytes (at most TAIL plus one window's leftover) are copied,
    followed by PAD zero bytes. Windows already walked are dropped from the mapping, so the
    resident memory stays about one window. A gzip stream is read and joined to the carry."""

    TAIL = 1 << 20

    def __init__(self, src: _Source, start: int, window: int):
        self.src, self.window = src, window
        self.base = start          # absolute file offset of data[0]
        self.data: bytes | memoryview = b""
        self.n = 0
        self.final = False
        self.mapped = src.map()
        self.released = 0

    def next(self, consumed: int) -> tuple[bytes | memoryview, int, bool]:
        """Moves past `consumed` bytes of the last window; returns (data, n, eof): the walk
        reads data[:n], data holds at least PAD more bytes, eof = nothing follows data[:n]."""
        if self.mapped is None:
            more = self.src.read(self.window)
            self.base += consumed
            self.data = b"".join((self.data[consumed:self.n], more, _ZEROS))
            self.n = len(self.data) - PAD
            return self.data, self.n, not more
        stalled = consumed == 0 and self.n > 0  # a record longer than the window: read the rest whole
        self.base += consumed
        self._release()
        avail = self.src.size - self.base
        if not stalled and avail > self.TAIL:
            self.n = min(self.window, avail - self.TAIL)
            self.data = self.mapped[self.base:self.base + self.n + PAD]
            return self.data, self.n, False
        self.final = True
        self.data = b"".join((self.mapped[self.base:], _ZEROS))
        self.n = avail
        return self.data, self.n, True

    def fraction(self) -> float:
        if self.mapped is None:
            return self.src.fraction()
        return min(1.0, (self.base + self.n) / max(1, self.src.size))

    def lost_after(self, pos: int) -> int:
        """Bytes from data[pos] to the end of the input."""
        if self.mapped is None:
            return (self.n - pos) + _drain(self.src)
        return self.src.size - self.base - pos

    def _release(self) -> None:
        page = mmap.PAGESIZE
        upto = (self.base // page) * page
        if upto - self.released >= self.window and hasattr(self.src.mm, "madvise"):
            self.src.mm.madvise(mmap.MADV_DONTNEED, self.released, upto - self.released)
            self.released = upto


class CaptureReader:
    """`for batch in CaptureReader(path).batches(): ...`; `stats` fills as it reads."""

    def __init__(self, path: str | Path, *, window: int = WINDOW):
        self.path = Path(path)
        self.window = window
        self.stats = ReadStats()
        if self.path.stat().st_size == 0:
            raise CaptureFormatError("empty file (0 bytes): nothing to import", 0)

    # --- shared window machinery ------------------------------------------------------
    def batches(self) -> Iterator[RecordBatch]:
        src = _Source(self.path)
        try:
            head = src.read(4)
            if head in PCAP_MAGICS:
                yield from self._pcap(src, head)
            elif head == PCAPNG_SHB:
                yield from self._pcapng(src, head)
            else:
                raise CaptureFormatError(_not_a_capture(head + src.read(60), src.gzipped), 0)
        finally:
            src.close()

    def _finish(self, src: _Source, leftover: int) -> None:
        if leftover > 0 or src.gzip_error:
            self.stats.truncated = True
            self.stats.bytes_lost = leftover

    def _note_last_ts(self, ts: np.ndarray) -> None:
        if len(ts):
            self.stats.last_ts_ns = int(ts[-1])

    # --- classic pcap -------------------------------------------------------------------
    def _pcap(self, src: _Source, magic: bytes) -> Iterator[RecordBatch]:
        endian, ns_per_tick = PCAP_MAGICS[magic]
        header = magic + src.read(20)
        if len(header) < 24:
            raise CaptureFormatError(f"truncated inside the 24-byte pcap file header ({len(header)} bytes)",
                                     len(header))
        major, minor, _zone, _sigfigs, snaplen, network = struct.unpack(endian + "HHiIII", header[4:24])
        if major != 2:
            raise CaptureFormatError(f"unknown pcap version {major}.{minor}", 4)
        if network & 0x03FF0000:
            raise CaptureFormatError(f"network type reserved field not zero (0x{network & 0x03FF0000:08x})", 20)
        linktype = network & 0xFFFF
        if linktype not in SUPPORTED_LINKTYPES:
            raise CaptureFormatError(
                f"link type {linktype} ({linktype_name(linktype)}) is not 802.11; supported: "
                + ", ".join(f"{k} {v}" for k, v in SUPPORTED_LINKTYPES.items()), 20)
        self.stats.format = "pcap" + ("-ns" if ns_per_tick == 1 else "")
        self.stats.linktypes.add(linktype)
        self.stats.interfaces = 1
        max_caplen = max(MAX_RECORD, snaplen if snaplen < (1 << 24) else 0)
        unpack_caplen = struct.Struct(endian + "I").unpack_from
        feed = _PcapFeed(src, 24, self.window)
        pos = 0
        eof = False
        while not eof:
            data, n, eof = feed.next(pos)
            fast, pos = speculative_walk(data, n, endian, max_caplen)
            offsets = []
            append = offsets.append
            corrupt = False
            # the tight walk (after the vectorised part, or where it could not vouch for the
            # chain): only the caplen of each record is read here
            while pos + 16 <= n:
                caplen = unpack_caplen(data, pos + 8)[0]
                if caplen > max_caplen:
                    if not self.stats.frames and not offsets and not len(fast):
                        raise CaptureFormatError(f"first record claims {caplen} captured bytes (more than "
                                                 f"{max_caplen}): not a readable pcap", feed.base + pos + 8)
                    corrupt = True
                    break
                end = pos + 16 + caplen
                if end > n:
                    break
                append(pos)
                pos = end
            if offsets or len(fast):
                all_offsets = np.concatenate([fast, np.asarray(offsets, dtype=np.int64)]) if offsets else fast
                yield self._pcap_batch(data, all_offsets, endian, ns_per_tick, linktype, feed)
            if corrupt:
                self.stats.corrupt_records += 1
                self.stats.corrupt_reason = (f"record header claims {caplen} captured bytes "
                                             f"(more than {max_caplen}); the rest cannot be located")
                self.stats.corrupt_offset = feed.base + pos
                self.stats.truncated = True
                self.stats.bytes_lost = feed.lost_after(pos)
                return
        self._finish(src, n - pos)

    def _pcap_batch(self, data: bytes | memoryview, offsets: np.ndarray, endian: str, ns_per_tick: int,
                    linktype: int, feed: _PcapFeed) -> RecordBatch:
        buf = np.frombuffer(data, dtype=np.uint8)  # PAD bytes follow the last record (see _PcapFeed)
        offs = offsets
        head = windows(buf, 16)[offs].view(endian + "u4")  # (n, 4): sec, frac, caplen, origlen
        ts_ns = head[:, 0].astype(np.int64) * 1_000_000_000 + head[:, 1].astype(np.int64) * ns_per_tick
        batch = RecordBatch(data, buf, offs + 16, head[:, 2].astype(np.int64), ts_ns,
                            np.full(len(offs), linktype, dtype=np.int32), self.stats.frames, feed.fraction())
        self.stats.frames += len(offs)
        self._note_last_ts(ts_ns)
        return batch

    # --- pcapng ---------------------------------------------------------------------------
    def _pcapng(self, src: _Source, magic: bytes) -> Iterator[RecordBatch]:
        self.stats.format = "pcapng"
        more = src.read(self.window)
        eof = len(more) < self.window
        data = magic + more
        base = 0
        endian = "<"
        interfaces: list[tuple[int, int, float, int]] = []  # (linktype, snaplen, ns_per_tick, offset_s)
        first = True
        while True:
            n = len(data)
            pos = 0
            epb: list[int] = []       # offsets of enhanced packet blocks (per-block walk)
            epb_runs: list[np.ndarray] = []  # earlier offsets, in file order (vectorised walk)
            speculate = True
            simple: list[tuple] = []  # (data offset, caplen, interface, ts) of simple/obsolete blocks
            yield_now = False
            while pos + 12 <= n:
                btype_raw = data[pos:pos + 4]
                if btype_raw == PCAPNG_SHB:
                    if epb or epb_runs or simple:
                        yield_now = True  # flush: the next section may change byte order
                        break
                    endian, interfaces = self._section_header(data, pos, base, n, eof)
                    if endian is None:
                        break  # need more bytes
                    first = False
                    blen = struct.unpack_from(endian + "I", data, pos + 4)[0]
                    pos += blen
                    continue
                if first:
                    raise CaptureFormatError("pcapng file does not start with a section header block", base + pos)
                btype, blen = struct.unpack_from(endian + "II", data, pos)
                if blen < 12 or blen % 4:
                    if not self.stats.frames and not epb and not epb_runs and not simple:
                        raise CaptureFormatError(f"block length {blen} is not a multiple of 4 of at least 12 "
                                                 "(broken before the first packet)", base + pos + 4)
                    self._corrupt(f"block length {blen} is not a multiple of 4 of at least 12", base + pos)
                    self.stats.truncated = True
                    self.stats.bytes_lost = (n - pos) + _drain(src)
                    yield from self._pcapng_batch(data, epb_offsets(epb_runs, epb), simple, endian, interfaces, src)
                    return
                if pos + blen > n:
                    break
                if btype == 6:
                    if speculate:
                        fast, end = speculative_pcapng(data, n, endian, pos)
                        # try again at a later EPB only while it pays off
                        speculate = len(fast) >= 64
                        if len(fast):
                            epb_runs.append(np.asarray(epb, dtype=np.int64))
                            epb_runs.append(fast)
                            epb = []
                            pos = end
                            continue
                    epb.append(pos)
                elif btype == 1:
                    interfaces.append(self._interface(data, pos, blen, endian, base))
                    self.stats.interfaces += 1
                elif btype == 3 and interfaces:
                    origlen = struct.unpack_from(endian + "I", data, pos + 8)[0]
                    caplen = min(origlen, blen - 16, interfaces[0][1] or origlen)
                    simple.append((pos + 12, caplen, 0, None))
                elif btype == 2:
                    ifid, _drops, hi, lo, caplen = struct.unpack_from(endian + "HHIII", data, pos + 8)
                    simple.append((pos + 28, min(caplen, blen - 32), ifid, (hi << 32) | lo))
                pos += blen
            if first and eof:
                raise CaptureFormatError(f"truncated inside the section header block ({n} bytes)", n)
            yield from self._pcapng_batch(data, epb_offsets(epb_runs, epb), simple, endian, interfaces, src)
            if not yield_now and eof:
                self._finish(src, n - pos)
                if self.stats.linktypes and not self.stats.linktypes & set(SUPPORTED_LINKTYPES):
                    names = ", ".join(f"{lt} ({linktype_name(lt)})" for lt in sorted(self.stats.linktypes))
                    raise CaptureFormatError(f"no 802.11 interface in this pcapng file (link types {names})", 0)
                return
            base += pos
            data = data[pos:]
            if not yield_now:
                more = src.read(self.window)
                eof = len(more) < self.window
                data = data + more

    def _section_header(self, data: bytes, pos: int, base: int, n: int, eof: bool):
        if pos + 28 > n:
            if eof:
                raise CaptureFormatError(f"truncated inside the section header block ({n - pos} bytes)", base + n)
            return None, []
        bom = data[pos + 8:pos + 12]
        if bom == b"\x4d\x3c\x2b\x1a":
            endian = "<"
        elif bom == b"\x1a\x2b\x3c\x4d":
            endian = ">"
        else:
            raise CaptureFormatError(f"section header has no byte-order magic (found {bom.hex()})", base + pos + 8)
        blen, _, major, minor = struct.unpack_from(endian + "IIHH", data, pos + 4)
        if blen < 28 or blen % 4:
            raise CaptureFormatError(f"section header block length {blen} is invalid "
                                     "(must be a multiple of 4, at least 28)", base + pos + 4)
        if (major, minor) != (1, 0):
            raise CaptureFormatError(f"unknown pcapng section header version {major}.{minor}", base + pos + 12)
        if pos + blen > n:
            if eof:
                raise CaptureFormatError(f"truncated inside the section header block ({n - pos} of {blen} bytes)",
                                         base + n)
            return None, []
        _options(data, pos + 24, pos + blen - 4, endian, base, "section header")
        return endian, []

    def _interface(self, data: bytes, pos: int, blen: int, endian: str, base: int):
        linktype, _reserved, snaplen = struct.unpack_from(endian + "HHI", data, pos + 8)
        ns_per_tick, offset_s = 1000.0, 0
        for code, value in _options(data, pos + 16, pos + blen - 4, endian, base, "interface description"):
            if code == 9 and value:  # if_tsresol
                v = value[0]
                ns_per_tick = 1e9 / (2 ** (v & 0x7F)) if v & 0x80 else 10.0 ** (9 - v)
            elif code == 14 and len(value) >= 8:  # if_tsoffset, seconds
                offset_s = struct.unpack(endian + "q", value[:8])[0]
        self.stats.linktypes.add(linktype)
        return linktype, snaplen, ns_per_tick, offset_s

    def _corrupt(self, reason: str, offset: int) -> None:
        self.stats.corrupt_records += 1
        self.stats.corrupt_reason = reason
        self.stats.corrupt_offset = offset

    def _pcapng_batch(self, data, epb, simple, endian, interfaces, src) -> Iterator[RecordBatch]:
        if not len(epb) and not simple:
            return
        buf = padded(data)
        offs = np.asarray(epb, dtype=np.int64)
        head = gather(buf, offs, 28).view(endian + "u4") if len(offs) else np.zeros((0, 7), np.uint32)
        ifid = head[:, 2].astype(np.int64)
        ticks = (head[:, 3].astype(np.uint64) << np.uint64(32)) | head[:, 4].astype(np.uint64)
        caplen = np.minimum(head[:, 5].astype(np.int64), gather(buf, offs, 8).view(endian + "u4")[:, 1] - 32)
        data_off = offs + 28
        if simple:
            s = np.array([(o, c, i, -1 if t is None else t) for o, c, i, t in simple], dtype=np.int64)
            data_off = np.concatenate([data_off, s[:, 0]])
            caplen = np.concatenate([caplen, s[:, 1]])
            ifid = np.concatenate([ifid, s[:, 2]])
            ticks = np.concatenate([ticks, np.maximum(s[:, 3], 0).astype(np.uint64)])
            order = np.argsort(data_off, kind="stable")
            data_off, caplen, ifid, ticks = data_off[order], caplen[order], ifid[order], ticks[order]
        count = len(data_off)
        known = ifid < len(interfaces)
        if not known.all():
            bad = int(np.argmin(known))
            self._corrupt(f"packet refers to interface {int(ifid[bad])}, but only {len(interfaces)} "
                          "interface(s) are described", int(data_off[bad]))
            self.stats.corrupt_records += int((~known).sum()) - 1
        table = np.array([(lt, tick, off) for lt, _s, tick, off in interfaces] or [(0, 1000.0, 0)],
                         dtype=np.float64)
        safe_if = np.where(known, ifid, 0)
        linktype = np.where(known, table[safe_if, 0], -1).astype(np.int32)
        per_tick = table[safe_if, 1]
        # exact integer math for the usual decimal resolutions, float for binary ones
        ts_ns = np.empty(count, dtype=np.int64)
        whole = per_tick >= 1
        ts_ns[whole] = ticks[whole].astype(np.int64) * per_tick[whole].astype(np.int64)
        if (~whole).any():
            ts_ns[~whole] = (ticks[~whole].astype(np.float64) * per_tick[~whole]).astype(np.int64)
        ts_ns += table[safe_if, 2].astype(np.int64) * 1_000_000_000
        caplen = np.maximum(caplen, 0)
        supported = np.isin(linktype, list(SUPPORTED_LINKTYPES))
        self.stats.other_linktype_frames += int((~supported & known).sum())
        batch = RecordBatch(data, buf, data_off, caplen, ts_ns, linktype, self.stats.frames, src.fraction())
        self.stats.frames += count
        self._note_last_ts(ts_ns)
        yield batch


def _options(data: bytes, pos: int, end: int, endian: str, base: int, block: str):
    """(code, value) pairs of a block's options; a length running past the block is refused."""
    out = []
    while pos + 4 <= end:
        code, length = struct.unpack_from(endian + "HH", data, pos)
        if code == 0:
            break
        if pos + 4 + length > end:
            raise CaptureFormatError(f"{block} option {code} claims {length} bytes, past the end of its block",
                                     base + pos)
        out.append((code, data[pos + 4:pos + 4 + length]))
        pos += 4 + ((length + 3) & ~3)
    return out


def _drain(src: _Source) -> int:
    lost = 0
    while chunk := src.read(1 << 20):
        lost += len(chunk)
    return lost


def _not_a_capture(head: bytes, gzipped: bool) -> str:
    what = "gzip-compressed data" if gzipped else "data"
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
    if head and printable == len(head):
        sample = head[:40].decode("ascii", "replace").split("\n")[0]
        return f"not a capture file: {what} begins with text {sample!r}, not a pcap or pcapng header"
    return f"not a capture file: {what} begins with bytes {head[:8].hex(' ')}, not a pcap or pcapng magic number"
