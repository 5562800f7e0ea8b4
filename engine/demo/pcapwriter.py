"""Writes 802.11 frames with radiotap headers as pcap or pcapng, vectorised.

Each packet: radiotap (version 0, present = Flags | Channel | dBm antenna signal; Channel
is 2-byte aligned, so one pad byte follows Flags; 15 bytes; no FCS, Flags = 0), then the
802.11 MAC header and body:
- probe request (type 0 subtype 4): addr1 = addr3 = broadcast, addr2 = the phone; SSID IE
  (empty = wildcard), supported rates IE (1, 2, 5.5, 11, 6, 9, 12, 18 Mb/s), extended
  supported rates IE (24, 36, 48, 54 Mb/s);
- null data (type 2 subtype 4, ToDS): addr1 = addr3 = the access point, addr2 = the device.
pcap: classic little-endian header, µs timestamps, link type 127. pcapng: SHB + IDB (link
type 127, default µs resolution) + one EPB per packet. Records are laid out in one numpy
buffer: offsets from the cumulative lengths, fields written as byte lanes.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

LINKTYPE_RADIOTAP = 127
SNAPLEN = 65535
RADIOTAP_LEN = 15
RADIOTAP_PRESENT = (1 << 1) | (1 << 3) | (1 << 5)  # Flags, Channel, dBm antenna signal
CHANNEL_FLAGS_2GHZ_CCK = 0x0020 | 0x0080
MAC_HEADER_LEN = 24
RATES_IE = bytes([1, 8, 0x02, 0x04, 0x0B, 0x16, 0x0C, 0x12, 0x18, 0x24])
EXT_RATES_IE = bytes([50, 4, 0x30, 0x48, 0x60, 0x6C])
PROBE_FIXED_BODY = 2 + len(RATES_IE) + len(EXT_RATES_IE)   # + SSID length


def channel_freq(channel: int) -> int:
    return 2484 if channel == 14 else 2407 + 5 * channel


def _put(buf: np.ndarray, pos: np.ndarray, values, width: int, big: bool = False) -> None:
    values = np.asarray(values, dtype=np.uint64)
    for k in range(width):
        shift = 8 * (width - 1 - k) if big else 8 * k
        buf[pos + k] = ((values >> np.uint64(shift)) & np.uint64(0xFF)).astype(np.uint8)


def _put_bytes(buf: np.ndarray, pos: np.ndarray, data: bytes | np.ndarray) -> None:
    """The same bytes (1-D) or per-row bytes (2-D, one row per position) at each position."""
    data = np.frombuffer(data, dtype=np.uint8) if isinstance(data, (bytes, bytearray)) else data
    width = data.shape[-1]
    buf[pos[:, None] + np.arange(width)[None, :]] = data


def packet_lengths(kind: np.ndarray, ssid: np.ndarray, ssid_len: np.ndarray) -> np.ndarray:
    body = np.where(kind == 0, PROBE_FIXED_BODY + np.where(ssid >= 0, ssid_len[np.maximum(ssid, 0)], 0), 0)
    return RADIOTAP_LEN + MAC_HEADER_LEN + body


def write_packets(buf: np.ndarray, pos: np.ndarray, *, kind, macs, seq, ssid, rssi, channel: int,
                  bssid: bytes, ssid_table: list[bytes]) -> None:
    """Packet bytes (radiotap + 802.11) at each position of buf."""
    n = len(pos)
    if n == 0:
        return
    _put_bytes(buf, pos, bytes([0, 0, RADIOTAP_LEN, 0]) + RADIOTAP_PRESENT.to_bytes(4, "little")
               + bytes([0, 0]) + channel_freq(channel).to_bytes(2, "little")
               + CHANNEL_FLAGS_2GHZ_CCK.to_bytes(2, "little"))
    buf[pos + 14] = rssi.astype(np.int8).view(np.uint8)
    h = pos + RADIOTAP_LEN
    probe = kind == 0
    fc = np.where(probe, 0x0040, 0x0148)      # probe req / null data with ToDS (LE u16)
    _put(buf, h, fc, 2)
    _put(buf, h + 2, np.zeros(n), 2)          # duration
    addr13 = np.empty((n, 6), dtype=np.uint8)
    addr13[probe] = 0xFF
    addr13[~probe] = np.frombuffer(bssid, dtype=np.uint8)
    _put_bytes(buf, h + 4, addr13)
    _put_bytes(buf, h + 10, macs)
    _put_bytes(buf, h + 16, addr13)
    _put(buf, h + 22, seq.astype(np.uint64) << np.uint64(4), 2)  # fragment 0
    b = h + MAC_HEADER_LEN
    pb, pssid = b[probe], ssid[probe]
    lens = np.array([len(s) for s in ssid_table], dtype=np.int64)
    slen = np.where(pssid >= 0, lens[np.maximum(pssid, 0)], 0)
    buf[pb] = 0
    buf[pb + 1] = slen.astype(np.uint8)
    for i, name in enumerate(ssid_table):   # a loop over the SSID vocabulary, not frames
        at = pb[pssid == i]
        if len(at):
            _put_bytes(buf, at + 2, name)
    after = pb + 2 + slen
    _put_bytes(buf, after, RATES_IE)
    _put_bytes(buf, after + len(RATES_IE), EXT_RATES_IE)


class CaptureWriter:
    """Appends chunks of frames to one capture file (pcap or pcapng)."""

    def __init__(self, path: Path, fmt: str, *, channel: int, bssid: str, ssid_table: list[bytes]):
        self.path, self.fmt, self.channel = Path(path), fmt, channel
        self.bssid = bytes.fromhex(bssid.replace(":", ""))
        self.ssid_table = ssid_table
        self.ssid_len = np.array([len(s) for s in ssid_table], dtype=np.int64)
        self.frames = 0
        self.probes = 0
        self._fh = open(self.path, "wb")
        if fmt == "pcap":
            self._fh.write(np.array([0xA1B2C3D4], "<u4").tobytes() + np.array([2, 4], "<u2").tobytes()
                           + np.array([0, 0, SNAPLEN, LINKTYPE_RADIOTAP], "<u4").tobytes())
        elif fmt == "pcapng":
            shb = np.array([0x0A0D0D0A, 28, 0x1A2B3C4D], "<u4").tobytes() + np.array([1, 0], "<u2").tobytes() \
                + np.array([-1], "<i8").tobytes() + np.array([28], "<u4").tobytes()
            idb = np.array([1, 20], "<u4").tobytes() + np.array([LINKTYPE_RADIOTAP, 0], "<u2").tobytes() \
                + np.array([SNAPLEN, 20], "<u4").tobytes()
            self._fh.write(shb + idb)
        else:
            raise ValueError(f"unknown capture format {fmt!r}")

    def append(self, t_us: np.ndarray, macs: np.ndarray, seq: np.ndarray, kind: np.ndarray,
               ssid: np.ndarray, rssi: np.ndarray) -> None:
        n = len(t_us)
        if n == 0:
            return
        plen = packet_lengths(kind, ssid, self.ssid_len)
        if self.fmt == "pcap":
            rec = 16 + plen
        else:
            rec = 32 + ((plen + 3) & ~3)
        start = np.cumsum(rec) - rec
        buf = np.zeros(int(rec.sum()), dtype=np.uint8)
        t_us = t_us.astype(np.int64)
        if self.fmt == "pcap":
            _put(buf, start, t_us // 1_000_000, 4)
            _put(buf, start + 4, t_us % 1_000_000, 4)
            _put(buf, start + 8, plen, 4)
            _put(buf, start + 12, plen, 4)
            data = start + 16
        else:
            _put(buf, start, np.full(n, 6), 4)                 # Enhanced Packet Block
            _put(buf, start + 4, rec, 4)
            _put(buf, start + 8, np.zeros(n), 4)               # interface 0
            _put(buf, start + 12, t_us >> 32, 4)
            _put(buf, start + 16, t_us & 0xFFFFFFFF, 4)
            _put(buf, start + 20, plen, 4)
            _put(buf, start + 24, plen, 4)
            _put(buf, start + rec - 4, rec, 4)
            data = start + 28
        write_packets(buf, data, kind=kind, macs=macs, seq=seq, ssid=ssid, rssi=rssi, channel=self.channel,
                      bssid=self.bssid, ssid_table=self.ssid_table)
        self._fh.write(buf.tobytes())
        self.frames += n
        self.probes += int((kind == 0).sum())

    def close(self) -> None:
        self._fh.close()
