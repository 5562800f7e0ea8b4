"""Writes 802.11 frames with radiotap headers as pcap or pcapng, vectorised.

Each packet: radiotap (version 0, present = Flags | Channel | dBm antenna signal; Channel
is 2-byte aligned, so one pad byte follows Flags; 15 bytes; no FCS, Flags = 0), then the
802.11 MAC header and body:
- probe request (type 0 subtype 4): addr1 = addr3 = broadcast, addr2 = the phone; SSID IE
  (empty = wildcard), supported rates IE (1, 2, 5.5, 11, 6, 9, 12, 18 Mb/s), extended
  supported rates IE (24, 36, 48, 54 Mb/s);
- null data (type 2 subtype 4, ToDS): addr1 = addr3 = the access point, addr2 = the device.
pcap: classic little-endian header, µs timestamps, link type 127. pcapng: SHB + IDB (link
type 127, default µs resolution) + one EPB per packet. Records are built as rows of a byte
matrix and cut to length with one mask (no per-frame Python).
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


def _le(values, width: int) -> np.ndarray:
    """(n, width) little-endian bytes of integer values."""
    values = np.asarray(values, dtype=np.uint64)
    shifts = (8 * np.arange(width)).astype(np.uint64)
    return ((values[:, None] >> shifts[None, :]) & np.uint64(0xFF)).astype(np.uint8)


def packet_lengths(kind: np.ndarray, ssid: np.ndarray, ssid_len: np.ndarray) -> np.ndarray:
    body = np.where(kind == 0, PROBE_FIXED_BODY + np.where(ssid >= 0, ssid_len[np.maximum(ssid, 0)], 0), 0)
    return RADIOTAP_LEN + MAC_HEADER_LEN + body


def encode_records(fmt: str, t_us, macs, seq, kind, ssid, rssi, *, channel: int, bssid: bytes,
                   ssid_table: list[bytes]) -> bytes:
    """pcap records or pcapng EPBs of the frames, concatenated.

    Every record is laid out as one row of a (frames × widest record) byte matrix — fixed
    fields are column writes, the SSID-dependent tail is written per SSID of the vocabulary
    — and the rows are then cut to their own lengths by one boolean mask.
    """
    n = len(t_us)
    ssid_len = np.array([len(x) for x in ssid_table], dtype=np.int64)
    plen = packet_lengths(kind, ssid, ssid_len)
    hdr = 16 if fmt == "pcap" else 28
    rec = hdr + plen if fmt == "pcap" else 32 + ((plen + 3) & ~3)
    width = int(rec.max())
    rows = np.zeros((n, width), dtype=np.uint8)
    t_us = np.asarray(t_us, dtype=np.int64)
    if fmt == "pcap":
        rows[:, 0:4] = _le(t_us // 1_000_000, 4)
        rows[:, 4:8] = _le(t_us % 1_000_000, 4)
        rows[:, 8:12] = _le(plen, 4)
        rows[:, 12:16] = _le(plen, 4)
    else:
        rows[:, 0] = 6                                    # Enhanced Packet Block, interface 0
        rows[:, 4:8] = _le(rec, 4)
        rows[:, 12:16] = _le(t_us >> 32, 4)
        rows[:, 16:20] = _le(t_us & 0xFFFFFFFF, 4)
        rows[:, 20:24] = _le(plen, 4)
        rows[:, 24:28] = _le(plen, 4)
    r = hdr
    rows[:, r:r + 14] = np.frombuffer(
        bytes([0, 0, RADIOTAP_LEN, 0]) + RADIOTAP_PRESENT.to_bytes(4, "little") + bytes([0, 0])
        + channel_freq(channel).to_bytes(2, "little") + CHANNEL_FLAGS_2GHZ_CCK.to_bytes(2, "little"),
        dtype=np.uint8)
    rows[:, r + 14] = np.asarray(rssi, dtype=np.int8).view(np.uint8)
    h = r + RADIOTAP_LEN
    probe = kind == 0
    rows[:, h] = np.where(probe, 0x40, 0x48)              # probe request / null data
    rows[:, h + 1] = np.where(probe, 0x00, 0x01)          # ToDS for the null frame
    addr13 = np.where(probe[:, None], np.uint8(0xFF), np.frombuffer(bssid, dtype=np.uint8)[None, :])
    rows[:, h + 4:h + 10] = addr13
    rows[:, h + 10:h + 16] = macs
    rows[:, h + 16:h + 22] = addr13
    rows[:, h + 22:h + 24] = _le(np.asarray(seq, dtype=np.uint64) << np.uint64(4), 2)
    b = h + MAC_HEADER_LEN
    tail = RATES_IE + EXT_RATES_IE
    for code in [-1, *range(len(ssid_table))]:   # a loop over the SSID vocabulary, not frames
        at = np.flatnonzero(probe & (ssid == code))
        if len(at) == 0:
            continue
        name = b"" if code < 0 else ssid_table[code]
        rows[at, b + 1] = len(name)
        body = np.frombuffer(name + tail, dtype=np.uint8)
        rows[at, b + 2:b + 2 + len(body)] = body
    if fmt == "pcapng":   # the block's trailing total length sits at each record's end
        for length in np.unique(rec).tolist():
            at = np.flatnonzero(rec == length)
            rows[at, length - 4:length] = _le(np.full(len(at), length), 4)
    keep = np.arange(width)[None, :] < rec[:, None]
    return rows[keep].tobytes()


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
        self._fh.write(encode_records(self.fmt, t_us, macs, seq, kind, ssid, rssi, channel=self.channel,
                                      bssid=self.bssid, ssid_table=self.ssid_table))
        self.frames += n
        self.probes += int((kind == 0).sum())

    def close(self) -> None:
        self._fh.close()
