"""802.11 frame fields of a record batch, as columns.

For every record: the radio header of its link type is parsed (radiotap, Prism, AVS, PPI,
or none for raw 802.11), then the 802.11 header: frame control (type/subtype), the
transmitter address addr2 (packed into a uint64; it never leaves memory), sequence number,
and for probe requests the SSID element. Frames that end with an FCS have it checked
(CRC-32 over the frame without the FCS); whether bad-FCS frames are dropped is the caller's
choice (a capture whose FCS all fail was rewritten afterwards, e.g. anonymized).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from capture import phyheaders, radiotap
from capture.pcap import (LINKTYPE_AVS, LINKTYPE_IEEE802_11, LINKTYPE_PPI, LINKTYPE_PRISM,
                          LINKTYPE_RADIOTAP, RecordBatch)
from capture.record_scan import column, windows

KIND_PROBE_REQUEST, KIND_MANAGEMENT, KIND_DATA, KIND_OTHER = 0, 1, 2, 3
SSID_MAX = 32
# control subtypes that carry a transmitter address (addr2): beamforming report poll, VHT/HE
# NDP announcement, BlockAckReq, BlockAck, PS-Poll, RTS, CF-End, CF-End+CF-Ack
CONTROL_WITH_TA = (4, 5, 8, 9, 10, 11, 14, 15)
_SHIFTS = np.array([40, 32, 24, 16, 8, 0], dtype=np.uint64)
# per SSID length 0..32: the masks of its four little-endian u64 words that keep its bytes
_SSID_MASKS = np.array([[(1 << (8 * min(max(length - 8 * k, 0), 8))) - 1 for k in range(SSID_MAX // 8)]
                        for length in range(SSID_MAX + 1)], dtype=np.uint64)


@dataclass
class Frames:
    """Columns for every record of a batch (n rows); masks say which values exist."""
    ts_ns: np.ndarray
    dot11_ok: np.ndarray      # an 802.11 frame could be located (radio header sane)
    kind: np.ndarray          # uint8 frame kind (0 probe request, 1 mgmt, 2 data, 3 other)
    is_probe: np.ndarray      # bool: type 0 subtype 4
    has_addr2: np.ndarray     # bool
    mac: np.ndarray           # uint64 addr2 packed big-endian (0 when absent)
    rssi: np.ndarray          # int16
    has_rssi: np.ndarray
    channel: np.ndarray       # int16, 0 = unknown
    seq: np.ndarray           # int32, -1 = none
    fcs_present: np.ndarray   # bool: the frame ends with an FCS
    fcs_bad: np.ndarray       # bool: FCS present and wrong
    ssid: np.ndarray          # (k, 32) uint8 SSID bytes, zero padded, of probe requests with an SSID
    ssid_len: np.ndarray      # (k,) uint8 length of each (1..32)
    ssid_rows: np.ndarray     # (k,) int64 indices (into the batch) of the rows of `ssid`

    def __len__(self) -> int:
        return len(self.ts_ns)


def macs_to_bytes(packed: np.ndarray) -> np.ndarray:
    """(n,) uint64 packed MACs -> (n, 6) uint8 raw bytes."""
    packed = np.asarray(packed, dtype=np.uint64)
    return ((packed[:, None] >> _SHIFTS) & np.uint64(0xFF)).astype(np.uint8)


def _locate(batch: RecordBatch):
    """Per record: start and length of the 802.11 frame, FCS flag, RSSI and channel."""
    n = len(batch)
    buf, offset, caplen = batch.buf, batch.offset, batch.caplen
    start = offset.copy()
    length = caplen.copy()
    ok = np.zeros(n, dtype=bool)
    fcs = np.zeros(n, dtype=bool)
    rssi = np.zeros(n, dtype=np.int16)
    has_rssi = np.zeros(n, dtype=bool)
    channel = np.zeros(n, dtype=np.int16)
    single = n and batch.linktype[0] == batch.linktype[-1] and (batch.linktype == batch.linktype[0]).all()
    linktypes = [int(batch.linktype[0])] if single else (np.unique(batch.linktype).tolist() if n else [])
    for lt in linktypes:
        rows = slice(None) if single else np.flatnonzero(batch.linktype == lt)
        if lt == LINKTYPE_IEEE802_11:
            ok[rows] = True
            continue
        if lt == LINKTYPE_RADIOTAP:
            rt = radiotap.parse(buf, offset[rows], caplen[rows])
            hlen, good, has_fcs = rt.header_len, rt.ok, rt.has_flags & ((rt.flags & radiotap.FLAG_FCS_AT_END) != 0)
            dbm, has_dbm, chan = rt.dbm, rt.has_dbm, rt.channel
        elif lt in (LINKTYPE_PRISM, LINKTYPE_AVS, LINKTYPE_PPI):
            parse = {LINKTYPE_PRISM: phyheaders.prism, LINKTYPE_AVS: phyheaders.avs,
                     LINKTYPE_PPI: phyheaders.ppi}[int(lt)]
            ph = parse(buf, offset[rows], caplen[rows])
            hlen, good, has_fcs, dbm, has_dbm, chan = (ph.header_len, ph.ok, ph.has_fcs, ph.dbm,
                                                      ph.has_dbm, ph.channel)
        else:
            continue  # another link type (pcapng interface that is not 802.11): no frame
        start[rows] = offset[rows] + np.where(good, hlen, 0)
        length[rows] = np.where(good, caplen[rows] - hlen, 0)
        ok[rows] = good
        fcs[rows] = good & has_fcs
        rssi[rows] = dbm
        has_rssi[rows] = has_dbm & good
        channel[rows] = np.where(good, chan, 0)
    return start, length, ok, fcs, rssi, has_rssi, channel


def _check_fcs(data: bytes, start: np.ndarray, length: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """True where the trailing CRC-32 does not match. One zlib call per frame (C speed)."""
    view = memoryview(data)
    crc32 = zlib.crc32
    bad = np.zeros(len(rows), dtype=bool)
    starts = start[rows].tolist()
    ends = (start[rows] + length[rows] - 4).tolist()
    for i, (a, b) in enumerate(zip(starts, ends)):
        bad[i] = b < a or crc32(view[a:b]) != int.from_bytes(view[b:b + 4], "little")
    return bad


def decode(batch: RecordBatch) -> Frames:
    n = len(batch)
    buf = batch.buf
    start, length, ok, fcs_present, rssi, has_rssi, channel = _locate(batch)
    body_len = length - np.where(fcs_present, 4, 0)
    ok &= body_len >= 2  # not even a frame control field: nothing to say about this frame
    fcs_present &= ok
    fcs_bad = np.zeros(n, dtype=bool)
    checked = np.flatnonzero(fcs_present)
    if len(checked):
        fcs_bad[checked] = _check_fcs(batch.data, start, length, checked)

    # one gather of the 24-byte 802.11 header of every frame (the window is zero padded);
    # fields are read through strided views of it (no byte-slice copies)
    at = np.where(ok, start, 0)
    hdr = windows(buf, 24)[at]
    fc0, fc1 = column(hdr, 0, "u1"), column(hdr, 1, "u1")
    ftype = (fc0 >> 2) & 3
    subtype = fc0 >> 4
    mgmt, control, data_frame = ok & (ftype == 0), ok & (ftype == 1), ok & (ftype == 2)
    is_probe = mgmt & (subtype == 4)
    kind = np.full(n, KIND_OTHER, dtype=np.uint8)
    kind[mgmt] = KIND_MANAGEMENT
    kind[is_probe] = KIND_PROBE_REQUEST
    kind[data_frame] = KIND_DATA

    has_addr2 = (mgmt | data_frame | (control & np.isin(subtype, CONTROL_WITH_TA))) & (body_len >= 16)
    # bytes 8..15 end with addr2: read big-endian, keep the low 48 bits
    mac = column(hdr, 8, ">u8") & np.uint64(0xFFFFFFFFFFFF)
    mac[~has_addr2] = 0
    has_seq = (mgmt | data_frame) & (body_len >= 24)
    seq = (column(hdr, 22, "<u2") >> 4).astype(np.int32)
    seq[~has_seq] = -1

    # SSID element of probe requests: right after the 24-byte header (+4 with HT Control)
    probe_rows = np.flatnonzero(is_probe)
    ssid_rows = np.empty(0, np.int64)
    ssid = np.zeros((0, SSID_MAX), dtype=np.uint8)
    lens = np.zeros(0, dtype=np.uint8)
    if len(probe_rows):
        begin = start[probe_rows]
        body = begin + 24 + ((fc1[probe_rows] & 0x80) >> 5)
        end = begin + body_len[probe_rows]
        room = body + 2 <= end
        element = windows(buf, 2)[np.where(room, body, 0)]  # element id, length
        ssid_len = column(element, 1, "u1")
        has_ssid = room & (column(element, 0, "u1") == 0) & (ssid_len > 0) & (ssid_len <= SSID_MAX) \
            & (body + 2 + ssid_len <= end)
        with_ssid = np.flatnonzero(has_ssid)
        ssid_rows = probe_rows[with_ssid]
        lens = ssid_len[with_ssid]
        ssid = windows(buf, SSID_MAX)[body[with_ssid] + 2]
        # zero the bytes past each SSID's length, a u64 word at a time
        ssid.view("<u8")[:] &= _SSID_MASKS[lens]
    return Frames(batch.ts_ns, ok, kind, is_probe, has_addr2, mac, rssi, has_rssi, channel, seq,
                  fcs_present, fcs_bad, ssid, lens, ssid_rows)
