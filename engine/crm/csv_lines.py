"""Physical line numbers of CSV records, for the rejects report and the `line` of each row.

An analyst opens the file in an editor at the reported line, so a record's number is the
physical line it starts on (the header's first line = 1), counting line breaks inside quoted
fields and blank lines, which DuckDB's own record numbers do not.

Most exports have one record per line, proved cheaply: the file's physical lines
(`count_lines`, or counted while transcoding) equal the records + the header. Only otherwise
`record_lines` scans the file (numpy, 4 MB chunks, flat memory besides two small numbers per
record): a line break or delimiter is outside quotes when the count of `"` before it is even,
which holds for RFC 4180 quoting (a quote inside a quoted field is doubled, so it toggles
twice).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.progress import CancelToken

CHUNK_BYTES = 4 << 20
_NL, _CR, _QUOTE = 10, 13, 34


def count_lines(path: Path, cancel: CancelToken) -> int:
    """Physical lines of a file: its line breaks, plus one for a last line without one."""
    breaks, last = 0, b"\n"
    with open(path, "rb") as fh:
        while block := fh.read(CHUNK_BYTES * 4):
            cancel.check()
            breaks += block.count(b"\n")
            last = block[-1:]
    return breaks + (last != b"\n")


def record_lines(path: Path, delimiter: str, cancel: CancelToken) -> tuple[np.ndarray, np.ndarray] | None:
    """(first physical line, number of fields) of every non-blank record after the header, in
    file order; None when the delimiter is not a single ASCII byte (the scan works on bytes)."""
    if len(delimiter.encode("utf-8")) != 1:
        return None
    delim = ord(delimiter)
    starts: list[np.ndarray] = []
    fields: list[np.ndarray] = []
    parity = 0          # quotes seen before this chunk, mod 2
    breaks_before = 0   # b"\n" before this chunk
    # the record still open at the end of the previous chunk
    open_start, open_delims, open_content = 1, 0, 0
    with open(path, "rb") as fh:
        while block := fh.read(CHUNK_BYTES):
            cancel.check()
            a = np.frombuffer(block, np.uint8)
            inside = ((np.cumsum(a == _QUOTE, dtype=np.int32) + parity) & 1).astype(bool)
            nl = np.flatnonzero(a == _NL)
            ends = nl[~inside[nl]]
            dl = np.flatnonzero(a == delim)
            dl = dl[~inside[dl]]
            cr = np.flatnonzero(a == _CR)
            # per record of this chunk (the last one is the open tail): delimiters, CR bytes, bytes
            delims = np.bincount(np.searchsorted(ends, dl), minlength=len(ends) + 1)
            crs = np.bincount(np.searchsorted(ends, cr), minlength=len(ends) + 1)
            bounds = np.concatenate(([-1], ends, [len(a)]))
            content = np.diff(bounds) - 1 - crs  # bytes that are neither the line break nor a CR
            delims[0] += open_delims
            content[0] += open_content
            if len(ends):
                line_of_end = breaks_before + np.searchsorted(nl, ends) + 1
                rec_start = np.concatenate(([open_start], line_of_end + 1))
                keep = content[:-1] > 0
                starts.append(rec_start[:-1][keep])
                fields.append(delims[:-1][keep] + 1)
                open_start = int(rec_start[-1])
                open_delims, open_content = int(delims[-1]), int(content[-1])
            else:
                open_delims, open_content = int(delims[0]), int(content[0])
            parity = (parity + int(np.count_nonzero(a == _QUOTE))) & 1
            breaks_before += len(nl)
    if open_content > 0:
        starts.append(np.array([open_start]))
        fields.append(np.array([open_delims + 1]))
    all_starts = np.concatenate(starts) if starts else np.zeros(0, np.int64)
    all_fields = np.concatenate(fields) if fields else np.zeros(0, np.int64)
    return all_starts[1:].astype(np.int64), all_fields[1:].astype(np.int64)  # the header is not a data record


def change_points(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The accepted rows' line numbers as a step function of their position k: (positions where
    line - (k + 2) changes, the new offset). Sparse: one entry per multi-line record or gap."""
    offset = lines - (np.arange(len(lines), dtype=np.int64) + 2)
    changed = np.flatnonzero(np.diff(offset, prepend=0) != 0)
    return changed.astype(np.int64), offset[changed]
