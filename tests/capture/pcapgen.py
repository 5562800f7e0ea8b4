"""Write small real pcap/pcapng files for tests (bytes built by hand, per the formats' specs)."""
from __future__ import annotations

import gzip
import struct
import zlib

PROBE_BODY = bytes([1, 4, 2, 4, 11, 22])  # supported rates element


def radiotap(dbm: int = -60, freq: int = 2437, fcs: bool = False) -> bytes:
    """version 0, length 15: flags, rate, channel (u16 freq + u16 flags), dBm antenna signal."""
    present = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5)
    flags = 0x10 if fcs else 0
    return struct.pack("<BBHI", 0, 0, 15, present) + bytes([flags, 2]) + struct.pack("<HH", freq, 0xA0) \
        + struct.pack("<b", dbm)


def probe_request(mac: bytes, ssid: bytes = b"", seq: int = 0) -> bytes:
    header = bytes([0x40, 0]) + bytes(2) + b"\xff" * 6 + mac + b"\xff" * 6 + struct.pack("<H", seq << 4)
    return header + bytes([0, len(ssid)]) + ssid + PROBE_BODY


def beacon(bssid: bytes) -> bytes:
    return bytes([0x80, 0]) + bytes(2) + b"\xff" * 6 + bssid + bssid + bytes(2) + bytes(12) + bytes([0, 0])


def ack(receiver: bytes) -> bytes:
    return bytes([0xD4, 0]) + bytes(2) + receiver


def with_fcs(frame: bytes, good: bool = True) -> bytes:
    crc = zlib.crc32(frame) ^ (0 if good else 0xFFFFFFFF)
    return frame + struct.pack("<I", crc)


def pcap(records: list[tuple[float, bytes]], *, linktype: int = 127, big_endian: bool = False,
         nanoseconds: bool = False) -> bytes:
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nanoseconds else 0xA1B2C3D4
    out = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, 65535, linktype)]
    scale = 1_000_000_000 if nanoseconds else 1_000_000
    for ts, data in records:
        sec = int(ts)
        frac = round((ts - sec) * scale)
        out.append(struct.pack(e + "IIII", sec, frac, len(data), len(data)) + data)
    return b"".join(out)


def _block(btype: int, body: bytes) -> bytes:
    body += bytes(-len(body) % 4)
    return struct.pack("<II", btype, len(body) + 12) + body + struct.pack("<I", len(body) + 12)


def pcapng(interfaces: list[tuple[int, int | None]], packets: list[tuple[int, int, bytes]]) -> bytes:
    """interfaces: (linktype, if_tsresol byte or None); packets: (interface, ticks, data)."""
    out = [_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))]
    for linktype, tsresol in interfaces:
        options = b""
        if tsresol is not None:
            options = struct.pack("<HHB3x", 9, 1, tsresol) + struct.pack("<HH", 0, 0)
        out.append(_block(1, struct.pack("<HHI", linktype, 0, 65535) + options))
    for ifid, ticks, data in packets:
        out.append(_block(6, struct.pack("<IIIII", ifid, ticks >> 32, ticks & 0xFFFFFFFF, len(data), len(data))
                          + data))
    return b"".join(out)


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)
