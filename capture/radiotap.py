"""Vectorised radiotap header parsing (https://www.radiotap.org).

A radiotap header is version (u8, 0), pad, length (u16 LE), then a chain of 32-bit
"present" bitmaps (bit 31 = another bitmap follows), then the fields in bit order, each
aligned to its natural size relative to the start of the header. Frames of one capture
share very few distinct bitmap chains, so the field offsets are computed once per distinct
chain (in Python) and applied to all frames with that chain (numpy).

Bitmaps after the first belong to the radiotap namespace again when the previous one had
bit 29 set (fields repeat, e.g. per antenna), to a vendor namespace after bit 30 (sizes
unknown: parsing stops there), and otherwise extend the current namespace with bits 32+
(undefined: parsing stops there too). Fields found before a stop are still good.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from capture.record_scan import column, windows

# bit -> (alignment, size) for the defined radiotap fields 0..27
FIELDS = {
    0: (8, 8), 1: (1, 1), 2: (1, 1), 3: (2, 4), 4: (1, 2), 5: (1, 1), 6: (1, 1), 7: (2, 2),
    8: (2, 2), 9: (2, 2), 10: (1, 1), 11: (1, 1), 12: (1, 1), 13: (1, 1), 14: (2, 2), 15: (2, 2),
    16: (1, 1), 17: (1, 1), 18: (4, 8), 19: (1, 3), 20: (4, 8), 21: (2, 12), 22: (8, 12),
    23: (2, 12), 24: (2, 12), 25: (2, 6), 26: (1, 1), 27: (2, 4),
}
BIT_FLAGS, BIT_CHANNEL, BIT_DBM_ANTSIGNAL, BIT_XCHANNEL, BIT_TLV = 1, 3, 5, 18, 28
BIT_RADIOTAP_NS, BIT_VENDOR_NS, BIT_EXT = 29, 30, 31
MAX_BITMAPS = 16
HEAD = 32  # bytes gathered from every header at once

FLAG_FCS_AT_END = 0x10
FLAG_BAD_FCS = 0x40


@dataclass
class RadiotapFields:
    """Per-frame results; `ok` False = the header is corrupt (frame unusable)."""
    ok: np.ndarray          # bool
    header_len: np.ndarray  # int64
    flags: np.ndarray       # uint8 (0 when absent)
    has_flags: np.ndarray   # bool
    dbm: np.ndarray         # int16
    has_dbm: np.ndarray     # bool
    freq: np.ndarray        # int32 MHz (0 when absent)
    channel: np.ndarray     # int16 channel number (0 when absent)


def _align(offset: int, alignment: int) -> int:
    return (offset + alignment - 1) & ~(alignment - 1)


def field_offsets(words: tuple[int, ...]) -> tuple[dict[str, int], int]:
    """Offsets (from the header start) of the fields we use, and the end of the last field
    parsed, for one chain of present bitmaps."""
    found: dict[str, int] = {}
    cur = 4 + 4 * len(words)
    radiotap_ns = True
    for index, word in enumerate(words):
        if not radiotap_ns:
            break
        for bit in range(28):
            if word & (1 << bit):
                alignment, size = FIELDS[bit]
                cur = _align(cur, alignment)
                name = {BIT_FLAGS: "flags", BIT_CHANNEL: "channel", BIT_DBM_ANTSIGNAL: "dbm",
                        BIT_XCHANNEL: "xchannel"}.get(bit)
                if name and name not in found:
                    found[name] = cur
                cur += size
        if word & (1 << BIT_TLV) or not word & (1 << BIT_EXT):
            break
        # the next bitmap is radiotap again only after bit 29; bit 30 or neither: stop
        radiotap_ns = bool(word & (1 << BIT_RADIOTAP_NS)) and not word & (1 << BIT_VENDOR_NS)
    return found, cur


def _channel_table() -> np.ndarray:
    f = np.arange(1 << 16, dtype=np.int32)  # every u16 frequency, so a lookup needs no bounds check
    ch = np.zeros(len(f), dtype=np.int16)
    g24 = (f >= 2412) & (f <= 2472)
    ch[g24] = (f[g24] - 2407) // 5
    ch[2484] = 14
    g49 = (f >= 4910) & (f < 5000)
    ch[g49] = (f[g49] - 4000) // 5
    g5 = (f >= 5000) & (f < 5925)
    ch[g5] = (f[g5] - 5000) // 5
    g6 = (f >= 5955) & (f <= 7115)
    ch[g6] = (f[g6] - 5950) // 5
    return ch


CHANNEL_OF_MHZ = _channel_table()


def freq_to_channel(freq: np.ndarray) -> np.ndarray:
    """MHz -> channel number (0 = unknown) by table lookup."""
    f = np.asarray(freq).astype(np.int64)
    return np.where((f > 0) & (f < len(CHANNEL_OF_MHZ)), CHANNEL_OF_MHZ[np.clip(f, 0, len(CHANNEL_OF_MHZ) - 1)], 0) \
        .astype(np.int16)


def parse(buf: np.ndarray, offset: np.ndarray, caplen: np.ndarray) -> RadiotapFields:
    n = len(offset)
    # one gather of the first 8 bytes: version, pad, length (u16 LE), first present bitmap
    # the first HEAD bytes hold the fields of the usual layouts too: one gather serves both
    first_bytes = windows(buf, HEAD)[offset]
    head = column(first_bytes, 0, "<u8")
    version = head & np.uint64(0xFF)
    hlen = ((head >> np.uint64(16)) & np.uint64(0xFFFF)).astype(np.int64)
    first_word = (head >> np.uint64(32)).astype(np.uint32)
    ok = (caplen >= 8) & (version == 0) & (hlen >= 8) & (hlen <= caplen)
    # the chain of present bitmaps: one column per bitmap position, zero where the chain ended
    columns = [np.where(ok, first_word, 0).astype(np.uint32)]
    more = ok & ((first_word >> np.uint32(31)) != 0)
    windows4 = windows(buf, 4)
    for k in range(1, MAX_BITMAPS):
        idx = np.flatnonzero(more)
        if not len(idx):
            break
        pos = 4 + 4 * k
        inside = pos + 4 <= hlen[idx]
        ok[idx[~inside]] = False  # the chain runs past the header
        w = windows4[offset[idx] + pos].view("<u4").ravel() * inside
        bitmap = np.zeros(n, np.uint32)
        bitmap[idx] = w
        columns.append(bitmap)
        more = ok & ((bitmap >> np.uint32(31)) != 0)
    ok &= ~more  # longer chains than MAX_BITMAPS are not radiotap anyone wrote

    flags = np.zeros(n, dtype=np.uint8)
    has_flags = np.zeros(n, dtype=bool)
    dbm = np.zeros(n, dtype=np.int16)
    has_dbm = np.zeros(n, dtype=bool)
    freq = np.zeros(n, dtype=np.int32)
    xchan = np.zeros(n, dtype=np.int16)

    if len(columns) == 1 and ok.all() and (columns[0] == columns[0][0]).all():
        groups = [((int(columns[0][0]),), slice(None))]  # the usual case: one layout for all
    else:
        good = np.flatnonzero(ok)
        keys = np.stack(columns, axis=1)[good]
        uniq, inverse = np.unique(keys, axis=0, return_inverse=True)
        inverse = inverse.ravel()
        order = np.argsort(inverse, kind="stable")
        bounds = np.searchsorted(inverse[order], np.arange(len(uniq) + 1))
        groups = [(tuple(int(x) for x in uniq[g]), good[order[bounds[g]:bounds[g + 1]]])
                  for g in range(len(uniq))]
    for chain, rows in groups:
        chain = chain[:max(1, _chain_length(chain))]
        found, end = field_offsets(chain)
        fits = hlen[rows] >= end
        if not fits.all():
            rows = np.arange(n)[rows] if isinstance(rows, slice) else rows
            ok[rows[~fits]] = False  # fields run past the header's own length
            rows = rows[fits]
        last = max(found.values(), default=0) + 8
        if not found:
            span = None
        elif last <= HEAD:
            span = first_bytes if isinstance(rows, slice) else first_bytes[rows]
        else:
            span = windows(buf, last)[offset[rows]]  # one gather of the fields we use
        if "flags" in found:
            flags[rows] = column(span, found["flags"], "u1")
            has_flags[rows] = True
        if "dbm" in found:
            dbm[rows] = column(span, found["dbm"], "i1")
            has_dbm[rows] = True
        if "channel" in found:
            freq[rows] = column(span, found["channel"], "<u2")
        if "xchannel" in found:
            o = found["xchannel"]
            xf = column(span, o + 4, "<u2").astype(np.int32)
            freq[rows] = np.where(freq[rows] == 0, xf, freq[rows])
            xchan[rows] = column(span, o + 6, "u1")
    channel = CHANNEL_OF_MHZ[freq]  # freq is a u16 value: the table covers every one
    if xchan.any():
        channel = np.where(channel == 0, xchan, channel)
    return RadiotapFields(ok, hlen, flags, has_flags & ok, dbm, has_dbm & ok, freq, channel)


def _chain_length(chain: tuple[int, ...]) -> int:
    for i, word in enumerate(chain):
        if not word & (1 << BIT_EXT):
            return i + 1
    return len(chain)
