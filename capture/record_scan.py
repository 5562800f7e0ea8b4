"""Finding a capture window's records and reading their fields without a Python step per record.

The byte views (`padded`, `windows`, `column`) gather fixed-width fields at many offsets with
one numpy index; the speculative walks find where the records of a pcap window, or the
enhanced packet blocks of a pcapng window, start, where that can be proven from the bytes
(capture/pcap.py walks the rest record by record). Split out of capture/pcap.py, which reads
the files, checks their headers and builds the batches.
"""
from __future__ import annotations

import bisect

import numpy as np

PAD = 64  # zero bytes after each window so fixed-width gathers near its end stay in bounds


def padded(data: bytes) -> np.ndarray:
    return np.frombuffer(data + bytes(PAD), dtype=np.uint8)


class _Windows:
    """`windows(buf, w)[offsets]` -> (n, w) uint8: the w bytes at each offset.

    The buffer is viewed (zero-copy) as overlapping w-byte void items with a 1-byte stride,
    so the gather is one fancy index of n items: about 3x faster than indexing a
    sliding-window view row by row, and far cheaper than an (n, w) index matrix."""

    def __init__(self, buf: np.ndarray, width: int):
        self.width = width
        self.items = np.ndarray((len(buf) - width + 1,), dtype=f"V{width}", buffer=buf, strides=(1,))

    def __getitem__(self, offsets) -> np.ndarray:
        return self.items[offsets].view(np.uint8).reshape(-1, self.width)


def windows(buf: np.ndarray, width: int) -> _Windows:
    return _Windows(buf, width)


def column(rows: np.ndarray, offset: int, dtype: str) -> np.ndarray:
    """Zero-copy view of one field in every row of a C-contiguous (n, w) uint8 array (as
    `windows` returns): a strided, possibly unaligned view, so reading the field is one pass
    with no byte-slice copy first."""
    if not len(rows):
        return np.empty(0, dtype=dtype)
    return np.ndarray((len(rows),), dtype=dtype, buffer=rows, offset=offset, strides=(rows.strides[0],))


def gather(buf: np.ndarray, offsets: np.ndarray, width: int) -> np.ndarray:
    """(n, width) bytes starting at each offset."""
    return windows(buf, width)[offsets]


def speculative_walk(data: bytes, n: int, endian: str, max_caplen: int) -> tuple[np.ndarray, int]:
    """Find the window's records without a Python step per record, where it can be proven.

    Candidates are the byte positions whose 16 high bits of a 'seconds' field equal those of
    the window's first record (they change once in 18 hours; past such a change the
    per-record walk finishes the window).
    Following each candidate's length gives its successor; where every successor is the next
    candidate, induction from offset 0 proves the candidates are exactly the records. Where a
    spurious candidate (payload bytes that look like a time) breaks the chain, the chain is
    followed through candidate indices; where it leaves the candidates (a time jump), the
    caller's per-record walk takes over from the returned position.
    """
    if n < 32:
        return np.empty(0, np.int64), 0
    raw = np.frombuffer(data, np.uint8, n)
    # the top byte of 'seconds' (one pass over the bytes: candidates come out sorted), then
    # the byte below it, at the candidates only
    top_at, next_at = (3, 2) if endian == "<" else (0, 1)
    cand = np.flatnonzero(raw == raw[top_at]) - top_at
    cand = cand[(cand >= 0) & (cand + 16 <= n)]
    cand = cand[raw[cand + next_at] == raw[next_at]]
    if not len(cand) or cand[0] != 0:
        return np.empty(0, np.int64), 0
    caplen = windows(raw, 4)[cand + 8].view(endian + "u4").ravel().astype(np.int64)
    nxt = cand + 16 + caplen
    ok = (caplen <= max_caplen) & (nxt <= n)
    return follow_chain(cand, nxt, ok)


def follow_chain(cand: np.ndarray, nxt: np.ndarray, ok: np.ndarray) -> tuple[np.ndarray, int]:
    """The records chained from cand[0] (a known record start): offsets, and where the
    chain stops (the position the per-record walk goes on from)."""
    # runs of candidates whose successor is the very next candidate are on the chain as a
    # whole; the Python loop below steps once per run (a spurious candidate ends a run), not
    # once per record
    k = len(cand)
    runs_on = np.zeros(k, dtype=bool)
    runs_on[:-1] = ok[:-1] & (nxt[:-1] == cand[1:])
    breaks = np.flatnonzero(~runs_on).tolist()  # always holds k - 1
    pieces = []
    i = 0
    last = -1
    while True:
        b = breaks[bisect.bisect_left(breaks, i)]
        if not ok[b]:
            if b > i:
                pieces.append((i, b))
                last = b - 1
            break
        pieces.append((i, b + 1))
        last = b
        j = int(np.searchsorted(cand, nxt[b]))  # where the chain goes on past a spurious one
        if j >= k or cand[j] != nxt[b]:
            break
        i = j
    if last < 0:
        return np.empty(0, np.int64), 0
    chain = np.concatenate([np.arange(lo, hi) for lo, hi in pieces]) if len(pieces) > 1 \
        else np.arange(pieces[0][0], pieces[0][1])
    offsets = cand[chain]
    return offsets, int(nxt[chain[-1]])


def speculative_pcapng(data: bytes, n: int, endian: str, start: int) -> tuple[np.ndarray, int]:
    """Enhanced packet blocks from `start` (an EPB) on, found like `speculative_walk`:
    blocks are 32-bit aligned, so candidates are the aligned words equal to 6 (the EPB type);
    a candidate is good when its trailing length repeats its leading one."""
    words = np.frombuffer(data, endian + "u4", n // 4)
    cand = np.flatnonzero(words[start // 4:] == 6) * 4 + start
    cand = cand[cand + 32 <= n]
    if not len(cand) or cand[0] != start:
        return np.empty(0, np.int64), start
    blen = words[cand // 4 + 1].astype(np.int64)
    nxt = cand + blen
    ok = (blen >= 32) & (blen % 4 == 0) & (nxt <= n)
    trailing = np.zeros(len(cand), dtype=np.int64)
    trailing[ok] = words[nxt[ok] // 4 - 1]
    ok &= trailing == blen
    offsets, end = follow_chain(cand, nxt, ok)
    return offsets, (end if len(offsets) else start)


def epb_offsets(runs: list[np.ndarray], tail: list[int]) -> np.ndarray:
    return np.concatenate(runs + [np.asarray(tail, dtype=np.int64)]) if runs else np.asarray(tail, dtype=np.int64)
