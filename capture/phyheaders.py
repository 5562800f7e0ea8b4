"""The other radio headers in front of 802.11 frames: Prism (119), AVS (163), PPI (192).

Each parser takes the window's bytes and the records of that link type and returns, per
record, where the 802.11 frame starts, whether it ends with an FCS, RSSI (dBm) and channel.
All are fixed-layout headers, so everything is numpy gathers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from capture.radiotap import freq_to_channel

AVS_MAGIC = 0x80211001
PRISM_HEADER = 144  # msgcode, msglen, devname[16], 10 items of 12 bytes
PPI_COMMON = 2      # PPI field type of the 802.11-Common field
PPI_FLAG_FCS = 0x0001
PPI_FLAG_FCS_INVALID = 0x0004


@dataclass
class PhyFields:
    ok: np.ndarray
    header_len: np.ndarray
    has_fcs: np.ndarray
    dbm: np.ndarray
    has_dbm: np.ndarray
    channel: np.ndarray


def _u(buf: np.ndarray, at: np.ndarray, width: int, big: bool) -> np.ndarray:
    value = np.zeros(len(at), dtype=np.int64)
    for i in range(width):
        shift = 8 * (width - 1 - i) if big else 8 * i
        value |= buf[at + i].astype(np.int64) << shift
    return value


def _signed32(v: np.ndarray) -> np.ndarray:
    return np.where(v >= 1 << 31, v - (1 << 32), v)


def _empty(n: int) -> PhyFields:
    return PhyFields(np.zeros(n, bool), np.zeros(n, np.int64), np.zeros(n, bool),
                     np.zeros(n, np.int16), np.zeros(n, bool), np.zeros(n, np.int16))


def avs(buf: np.ndarray, offset: np.ndarray, caplen: np.ndarray) -> PhyFields:
    n = len(offset)
    out = _empty(n)
    ok = caplen >= 56
    at = np.where(ok, offset, 0)
    version = _u(buf, at, 4, True)
    hlen = _u(buf, at + 4, 4, True)
    ok &= ((version & ~0xF) == (AVS_MAGIC & ~0xF)) & (hlen >= 56) & (hlen <= caplen)
    channel = _u(buf, at + 28, 4, True)
    ssi_type = _u(buf, at + 44, 4, True)
    signal = _signed32(_u(buf, at + 48, 4, True))
    out.ok, out.header_len = ok, hlen
    out.has_dbm = ok & (ssi_type == 2) & (signal > -128) & (signal < 0)
    out.dbm = np.where(out.has_dbm, signal, 0).astype(np.int16)
    out.channel = np.where(ok & (channel < 256), channel, 0).astype(np.int16)
    return out


def prism(buf: np.ndarray, offset: np.ndarray, caplen: np.ndarray) -> PhyFields:
    """Link type 119 carries Prism headers, or AVS headers on some drivers (told by magic)."""
    n = len(offset)
    ok = caplen >= 8
    at = np.where(ok, offset, 0)
    is_avs = ok & ((_u(buf, at, 4, True) & ~0xF) == (AVS_MAGIC & ~0xF))
    out = _empty(n)
    if is_avs.any():
        sub = avs(buf, offset[is_avs], caplen[is_avs])
        for name in ("ok", "header_len", "dbm", "has_dbm", "channel"):
            getattr(out, name)[is_avs] = getattr(sub, name)
    p = ok & ~is_avs & (caplen >= PRISM_HEADER)
    at = np.where(p, offset, 0)
    msglen = _u(buf, at + 4, 4, False)
    msglen = np.where(msglen > caplen, _u(buf, at + 4, 4, True), msglen)
    p &= (msglen >= PRISM_HEADER) & (msglen <= caplen)

    def item(index: int):  # (status ok, int32 value) of the index-th DID item
        base = at + 24 + 12 * index
        return _u(buf, base + 4, 2, False) == 0, _signed32(_u(buf, base + 8, 4, False))

    chan_ok, chan = item(2)
    rssi_ok, rssi = item(3)
    sig_ok, sig = item(5)
    use_sig = sig_ok & (sig > -128) & (sig < 0)
    use_rssi = rssi_ok & (rssi > -128) & (rssi < 0)
    dbm = np.where(use_sig, sig, np.where(use_rssi, rssi, 0))
    out.ok[p] = True
    out.header_len[p] = msglen[p]
    out.has_dbm[p] = (use_sig | use_rssi)[p]
    out.dbm[p] = dbm[p]
    out.channel[p] = np.where(chan_ok & (chan > 0) & (chan < 256), chan, 0)[p]
    return out


def ppi(buf: np.ndarray, offset: np.ndarray, caplen: np.ndarray) -> PhyFields:
    """PPI: version, flags, length (u16 LE), DLT (u32 LE), then typed fields; the
    802.11-Common field (type 2) holds flags (FCS present), frequency and dBm signal."""
    n = len(offset)
    out = _empty(n)
    ok = caplen >= 8
    at = np.where(ok, offset, 0)
    hlen = _u(buf, at + 2, 2, False)
    dlt = _u(buf, at + 4, 4, False)
    ok &= (buf[at] == 0) & (hlen >= 8) & (hlen <= caplen) & (dlt == 105)
    # walk up to 8 fields looking for 802.11-Common (usually the first)
    pos = np.full(n, 8, dtype=np.int64)
    found = np.zeros(n, dtype=bool)
    common = np.zeros(n, dtype=np.int64)
    for _ in range(8):
        live = ok & ~found & (pos + 4 <= hlen)
        if not live.any():
            break
        ftype = _u(buf, np.where(live, at + pos, 0), 2, False)
        flen = _u(buf, np.where(live, at + pos + 2, 0), 2, False)
        hit = live & (ftype == PPI_COMMON) & (flen >= 20) & (pos + 4 + 20 <= hlen)
        found |= hit
        common = np.where(hit, pos + 4, common)
        pos = np.where(live & ~hit, pos + 4 + flen, pos)
    c = np.where(found, at + common, 0)
    flags = _u(buf, c + 8, 2, False)
    freq = _u(buf, c + 12, 2, False)
    signal = buf[c + 18].view(np.int8).astype(np.int16)
    out.ok, out.header_len = ok, hlen
    out.has_fcs = ok & found & ((flags & PPI_FLAG_FCS) != 0)
    out.has_dbm = ok & found & (signal < 0)
    out.dbm = np.where(out.has_dbm, signal, 0).astype(np.int16)
    out.channel = np.where(ok & found, freq_to_channel(freq), 0).astype(np.int16)
    return out
