"""A tabular export opened for DuckDB: CSV read by read_csv where it lies, XLSX streamed to a table.

`open_source` detects the file kind and returns a source with its header; nothing is read in
bulk yet for CSV, so an importer can look at the first rows (`head`), decide its mapping and then
`create` its own table straight from the file in one pass (`create(sql_of, target)`): 10 M CRM
rows are not first copied into a table of raw text and read again. `load_table` is the plain use:
a temp table of the text columns with each row's `line`.

CSV: UTF-8 files are read by DuckDB's read_csv directly; other encodings are transcoded to a
UTF-8 temp file in 4 MB chunks first (memory stays flat however big the file). Rows the CSV
parser refuses (too many / too few fields, an over-long line) are recorded with their line and
DuckDB's reason, never lost. `line` is the physical line a record starts on (see csv_lines):
DuckDB keeps file order, so a row's line is its position + 2 + a sparse step function of
offsets, added as a view over the created table (`add_line_numbers`), never a second copy.

XLSX: see reading.load_xlsx; its table already has `line` (the sheet row).
"""
from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np

from engine.crm import csv_lines, transcode
from engine.crm.reading import (
    CHUNK_BYTES, MAX_LINE_BYTES, MAX_TITLE_LINES, SAMPLE_BYTES, TableSource, detect_delimiter,
    detect_delimiter_of_lines, is_xlsx, load_xlsx, pick_header, read_sample,
    sample_records_at,
)
from engine.errors import ImportRefused, O2OError, ReadAgain
from engine.progress import CancelToken, ProgressFn, no_progress


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _after_lines(text: bytes, lines: int, newlines: bool) -> bytes:
    """UTF-8 `text` after its first `lines` physical lines (ends: \n, or with `newlines` also \r\n
    and a lone \r, as the editor and the sample reader count them)."""
    ends = list(re.finditer(rb"\r\n|\r|\n" if newlines else rb"\n", text))
    if len(ends) < lines:
        raise O2OError(f"The header's line {lines + 1} is not within the first {CHUNK_BYTES >> 20} MB")
    return text[ends[lines - 1].end():]


def _plainly_split_by(text: str, header_line: int, delimiter: str) -> str | None:
    """The other delimiter a file read as one column plainly has, or None: the header line and most
    lines after it split into its same two or more fields, or (the header taken was a title) most
    lines after it split into the same three or more and one of them names three columns in
    words. A one-column file with commas inside its cells ('8916…, 8903…') has neither."""
    lines = [line for line in text.splitlines()[header_line - 1:header_line + 40] if line.strip()]
    looks = detect_delimiter_of_lines(lines[1:])
    if looks == delimiter or len(lines) < 2:
        return None
    rows = [next(csv.reader([line], delimiter=looks), []) for line in lines]
    counts = [len(r) for r in rows[1:]]
    fields = max(set(counts), key=counts.count)
    agreeing = counts.count(fields) >= 0.8 * len(counts)
    if agreeing and fields >= 2 and len(rows[0]) == fields:
        return looks
    named = any(len(r) >= 3 and all(re.search(r"[^\W\d_]", cell) for cell in r) for r in rows[1:])
    return looks if agreeing and fields >= 3 and named else None


def mixed_line_ends(sample: bytes) -> bool:
    """Whether a sample ends lines in more than one way (\r\n and a lone \n), or with a lone
    \r (old Mac). All \n or all \r\n is what DuckDB reads as it is."""
    crlf = sample.count(b"\r\n")
    lone_lf, lone_cr = sample.count(b"\n") - crlf, sample.count(b"\r") - crlf
    return lone_cr > 0 or (crlf > 0 and lone_lf > 0)


def _transcode(path: Path, encoding: str, cancel: CancelToken, *, newlines: bool = False,
               skip_lines: int = 0) -> tuple[Path, int]:
    """(UTF-8 copy in a temp file, physical lines of the copy: counted on the way, see csv_lines).
    With `newlines`, every line end (\r\n, a lone \r) becomes \n: DuckDB's reader takes one
    kind of line end per file, and exports edited by hand mix them. The first `skip_lines` lines
    (a title above the header) are left out: DuckDB's `skip` loses its way in a title with quotes."""
    fd, name = tempfile.mkstemp(prefix="o2o-utf8-", suffix=".csv")
    try:
        return Path(name), _transcode_into(fd, path, encoding, cancel, newlines, skip_lines)
    except BaseException:  # cancelled or unreadable: no half-written copy is left in the temp folder
        Path(name).unlink(missing_ok=True)
        raise


def _utf8_blocks(src, encoding: str, cancel: CancelToken):
    """The file's blocks as UTF-8 bytes, in order: a single-byte encoding converted on every core
    (engine/crm/transcode.py), any other by Python's incremental decoder."""
    def blocks():
        while block := src.read(CHUNK_BYTES):
            cancel.check()
            yield block
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    fast = transcode.converter(encoding) if cores > 1 else None  # on one core the threads only cost
    if fast:
        yield from transcode.convert_in_order(blocks(), fast, cores)
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    for block in blocks():
        yield decoder.decode(block).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


def _transcode_into(fd: int, path: Path, encoding: str, cancel: CancelToken, newlines: bool, skip_lines: int) -> int:
    """Write the UTF-8 copy to `fd`; returns its physical lines (see _transcode)."""
    breaks, last, held = 0, b"\n", b""
    with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
        for text in _utf8_blocks(src, encoding, cancel):
            if skip_lines and text:
                text, skip_lines = _after_lines(text, skip_lines, newlines), 0
            if newlines:
                text = held + text
                held = b"\r" if text.endswith(b"\r") else b""  # its \n may start the next block
                text = (text[:-1] if held else text).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            breaks += text.count(b"\n")
            last = text[-1:] or last
            out.write(text)
        out.write(held.replace(b"\r", b"\n"))
        breaks += len(held)
        last = held and b"\n" or last
    return breaks + (last != b"\n")


# files whose line ends were found to mix past the sample (see CsvSource.create)
_MIXED_LATER: set[tuple] = set()


def _file_key(path: Path) -> tuple:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


class _NotThisDialect(O2OError):
    """DuckDB's reader lost its way: not this delimiter and quoting, or line ends that change
    after the sample (read again with every line end made \n)."""


class CsvSource:
    """A CSV export ready for read_csv: header, encoding and delimiter known, a UTF-8 copy made
    when the file is not UTF-8. `create` reads it once into the caller's table; `close` removes
    the copy. `table` names the parser's reject tables (`<table>_parse_errors`)."""

    has_line = False  # rows get their line from add_line_numbers

    def __init__(self, con, path: Path, table: str, source: TableSource, cancel: CancelToken):
        self.con, self.path, self.table, self.source, self.cancel = con, path, table, source, cancel
        with open(path, "rb") as fh:
            self.newlines = mixed_line_ends(fh.read(SAMPLE_BYTES)) or _file_key(path) in _MIXED_LATER
        self.read_path, self.physical_lines = path, None
        self._points = None
        self._prepare()

    @property
    def header(self) -> list[str]:
        return self.source.header

    def _prepare(self) -> None:
        self.close()
        self.shift = 0  # physical lines of the export left out of the file read (its title)
        title = self.source.header_line - 1
        if self.source.encoding not in ("utf-8", "utf-8-sig") or self.newlines or title:
            self.read_path, self.physical_lines = _transcode(self.path, self.source.encoding, self.cancel,
                                                             newlines=self.newlines, skip_lines=title)
            self.shift = title

    def relation(self, store_rejects: bool = True) -> str:
        """read_csv(...) of the file: rows the parser refuses are skipped, and recorded in
        `<table>_parse_errors` when `store_rejects`."""
        columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in self.source.columns) + "}"
        errors = (f"store_rejects=true, rejects_table='{self.table}_parse_errors', "
                  f"rejects_scan='{self.table}_parse_errors_scan', " if store_rejects else "") + "ignore_errors=true, "
        return (f"read_csv({_sql_str(str(self.read_path))}, columns={columns}, header=true, "

                f"delim={_sql_str(self.source.delimiter)}, quote='\"', escape='\"', auto_detect=false, "
                f"strict_mode=true, {errors}max_line_size={MAX_LINE_BYTES}, buffer_size={2 * MAX_LINE_BYTES})")

    def head(self, limit: int) -> list[list]:
        """The first `limit` rows the parser accepts (for mapping proposals)."""
        cols = ", ".join(self.source.columns)
        try:
            return [list(r) for r in self.con.execute(
                f"SELECT {cols} FROM {self.relation(store_rejects=False)} LIMIT {int(limit)}").fetchall()]
        except Exception:  # the full read in create() says what is wrong, with the file and place
            return []

    def create(self, sql_of: Callable[[str], str], target: str) -> TableSource:
        """Run `sql_of(relation)`, which must create table `target` from the file's rows in file
        order; then collect the parser's rejects and each row's line. Returns the TableSource
        (rows, parse_rejects filled)."""
        try:
            self._create(sql_of, target)
        except _NotThisDialect as exc:
            if self.newlines:
                raise
            # perhaps a mix of line ends past the sample: the next reading makes every line end \n
            # (the failed read aborted the import's transaction, so run_import starts it again)
            _MIXED_LATER.add(_file_key(self.path))
            raise ReadAgain(f"{exc.message}; reading it again with every line end made \\n",
                            where=str(self.path)) from exc
        return self.source

    def _create(self, sql_of: Callable[[str], str], target: str) -> None:
        con, rejects = self.con, f"{self.table}_parse_errors"
        for name in (target, rejects, f"{rejects}_scan"):
            con.execute(f"DROP TABLE IF EXISTS {name}")
        try:
            con.execute(sql_of(self.relation()))
            parse_rejects = con.execute(
                # DuckDB records one error per missing/extra column: one reject per line, its first error
                f"SELECT line, any_value(left(coalesce(csv_line, ''), 200)), "
                f"arg_min(error_type || ': ' || error_message, coalesce(column_idx, 0)) "
                f"FROM {rejects} GROUP BY line ORDER BY line").fetchall()
        except Exception as exc:
            # the importer's own query runs here too: only the CSV reader's errors are the file's
            if self.cancel.cancelled or "csv" not in str(exc).lower():
                raise
            detail = str(exc).splitlines()[0]
            error = O2OError
            if "invalid state" in detail or "state machine" in detail:  # DuckDB's words for "not this dialect"
                error = _NotThisDialect
                delimiter = self.source.delimiter
                looks = detect_delimiter(self.header and delimiter.join(self.header) or "")
                detail = f"it does not read as {delimiter!r}-separated text with \"-quoted fields"
                hint = (f"The first line looks {looks!r}-separated: try --delimiter {looks!r}" if looks != delimiter
                        else "Check the delimiter, the quotes and the encoding")
            else:
                hint = "Check the delimiter and encoding"
            raise error(f"Cannot read as CSV: {detail}", where=str(self.path), hint=hint) from exc
        source = self.source
        # DuckDB may quote a blank line before the record with it
        source.parse_rejects = [(int(line), value.lstrip("\r\n"), _reason(reason))
                                for line, value, reason in parse_rejects]
        source.rows = con.execute(f"SELECT count(*) FROM {target}").fetchall()[0][0]
        if not source.rows and not source.parse_rejects and _text_after(self.read_path, 1):  # header on line 1
            raise ImportRefused("No row could be read: a quote opened on the header line or above it never "
                                "closes, so the rest of the file reads as one field", where=str(self.path),
                                hint="Check the quotes of the first lines (or name the header with --header-line)")
        # the copy when there is one: its line ends are the ones an editor counts (lone \r made \n)
        self._points = _physical_lines(self.read_path, source, source.rows, self.physical_lines, self.cancel,
                                       self.shift)

    def add_line_numbers(self, view: str, data: str) -> None:
        """View `view` = table `data` (made by create) with each row's `line` in front."""
        _add_line_numbers(self.con, view, data, self._points)

    def close(self) -> None:
        """Remove the UTF-8 copy (the tables stay: drop_source drops them)."""
        if self.read_path != self.path:
            self.read_path.unlink(missing_ok=True)
            self.read_path = self.path


class SheetSource:
    """An XLSX sheet already in temp table `<table>_data` (with `line`) and view `<table>`."""

    has_line = True

    def __init__(self, con, table: str, source: TableSource):
        self.con, self.table, self.source = con, table, source

    @property
    def header(self) -> list[str]:
        return self.source.header

    def head(self, limit: int) -> list[list]:
        cols = ", ".join(self.source.columns)
        return [list(r) for r in self.con.execute(f"SELECT {cols} FROM {self.table} LIMIT {int(limit)}").fetchall()]

    def create(self, sql_of: Callable[[str], str], target: str) -> TableSource:
        self.con.execute(f"DROP TABLE IF EXISTS {target}")
        self.con.execute(sql_of(self.table))
        return self.source

    def add_line_numbers(self, view: str, data: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {data}")

    def close(self) -> None:
        pass


def open_source(con, path, table: str, *, encoding: str | None = None, delimiter: str | None = None,
                sheet: str | int | None = None, cancel: CancelToken | None = None,
                progress: ProgressFn = no_progress, header_line: int | None = None) -> CsvSource | SheetSource:
    """The export at `path` ready to read (see the module docstring). Refuses empty files and
    files without a header line."""
    path, cancel = Path(path), cancel or CancelToken()
    if path.stat().st_size == 0:
        raise ImportRefused("Empty file (0 bytes): no header and no rows", where=str(path))
    drop_source(con, table)
    if is_xlsx(path):
        return SheetSource(con, table, load_xlsx(con, path, table, sheet=sheet, cancel=cancel, progress=progress,
                                                 header_line=header_line))
    text, enc = read_sample(path, encoding)
    text = text.lstrip("\ufeff")
    given_delimiter = delimiter is not None
    if delimiter is None:
        # from the named header on when there is one (a long title must not decide it)
        delimiter = detect_delimiter_of_lines(text.splitlines()[(header_line or 1) - 1:])
    if len(delimiter) != 1:
        raise O2OError(f"A delimiter is one character, not {delimiter!r}", where=str(path))
    # the header may sit below a title ("Выгрузка клиентов", the export's date): read_csv skips those lines
    first = sample_records_at(text, delimiter, max(2 * MAX_TITLE_LINES, header_line or 0) + 1)
    header_line, header = first[pick_header(first, header_line, path)] if first else (1, [])
    header = [h.strip() for h in header]
    if not header or not any(header):
        raise ImportRefused("No header line: the first line must name the columns", where=str(path))
    if given_delimiter and len(header) == 1 and (looks := _plainly_split_by(text, header_line, delimiter)):
        raise ImportRefused(f"With the delimiter {delimiter!r} every line is one column, but the file reads "
                            f"as {looks!r}-separated", where=str(path), hint=f"Try --delimiter {looks!r}")
    progress(0.05, f"reading ({enc}, delimiter {delimiter!r})")
    source = TableSource(path, header, encoding=enc, delimiter=delimiter, header_line=header_line)
    return CsvSource(con, path, table, source, cancel)


def load_table(con, path: Path, table: str, *, encoding: str | None = None, delimiter: str | None = None,
               sheet: str | int | None = None, cancel: CancelToken | None = None,
               progress: ProgressFn = no_progress, header_line: int | None = None) -> TableSource:
    """The export as view `table` (line, c0..cN as text) over temp table `<table>_data`."""
    source = open_source(con, path, table, encoding=encoding, delimiter=delimiter, sheet=sheet,
                         cancel=cancel, progress=progress, header_line=header_line)
    if isinstance(source, SheetSource):
        return source.source
    try:
        source.create(lambda rel: f"CREATE TEMP TABLE {table}_data AS SELECT * FROM {rel}", f"{table}_data")
        source.add_line_numbers(table, f"{table}_data")
    finally:
        source.close()
    return source.source


def _text_after(path: Path, line: int) -> bool:
    """Whether a non-blank line follows line `line` of a file (reads only up to the first one)."""
    with open(path, "rb") as fh:
        for number, text in enumerate(fh, start=1):
            if number > line and text.strip():
                return True
    return False


def _reason(duckdb_reason: str) -> str:
    text = duckdb_reason.replace("TOO MANY COLUMNS", "too many fields").replace("MISSING COLUMNS", "too few fields")
    text = text.replace("Expected Number of Columns", "expected").replace("Found", "found")
    return text.splitlines()[0][:300]


def _physical_lines(path: Path, source: TableSource, accepted: int, lines: int | None, cancel: CancelToken,
                    shift: int = 0):
    """(positions, offsets) of the accepted rows' line numbers (see csv_lines.change_points);
    the parse rejects' lines are set to physical lines on the way. `path` is the file read, its
    header on line 1 (a title is left out of the copy); `lines`: its physical lines when already
    counted (while transcoding); `shift`: the export's lines left out before it, added at the end."""
    rejected = [line for line, _, _ in source.parse_rejects]
    if lines is None:
        lines = csv_lines.count_lines(path, cancel)
    points = None
    if lines == 1 + accepted + len(rejected):  # one record per line: record numbers are lines
        points = _record_number_points(rejected)
    else:
        scanned = csv_lines.record_lines(path, source.delimiter, cancel)
        if scanned is not None:
            starts, fields = scanned
            ok = fields == len(source.header)
            # the scan and DuckDB must agree on which records are rows; quoting the scan cannot
            # follow (a stray quote inside an unquoted field) falls back to record numbers
            if int(ok.sum()) == accepted and int((~ok).sum()) == len(rejected):
                source.parse_rejects = [(int(line), value, reason) for line, (_, value, reason)
                                        in zip(starts[~ok], source.parse_rejects)]
                points = csv_lines.change_points(starts[ok])
        if points is None:
            points = _record_number_points(rejected)
    if not shift:
        return points
    source.parse_rejects = [(line + shift, value, reason) for line, value, reason in source.parse_rejects]
    positions, offsets = points
    if not len(positions) or positions.min() > 0:  # the shift holds from the first row on
        positions, offsets = np.concatenate(([0], positions)), np.concatenate(([0], offsets))
    return positions.astype(np.int64), (offsets + shift).astype(np.int64)


def _record_number_points(rejected_lines: list[int]):
    """Record numbers (DuckDB's count: header = 1): the accepted row at position k is record
    k + 2 + the rejected records before it; the j-th rejected record (1-based) sits before
    position line_j - 2 - (j - 1)."""
    points: dict[int, int] = {}
    for j, line in enumerate(sorted(set(rejected_lines))):
        points[line - 2 - j] = j + 1
    return np.array(list(points), np.int64), np.array(list(points.values()), np.int64)


def _add_line_numbers(con, view: str, data: str, points) -> None:
    """View `view` = `data` with each row's line: its position k + 2 + the offset of the last
    change point at or before k. A view, not a copy: 10 M rows are not duplicated. Positions
    come from rowid less the first rowid (inside a transaction rowids start high)."""
    import pyarrow as pa

    positions, offsets = points
    con.execute(f"DROP VIEW IF EXISTS {view}")
    if not len(positions):
        con.execute(f"CREATE TEMP VIEW {view} AS SELECT rowid - (SELECT min(rowid) FROM {data}) + 2 AS line, * "
                    f"FROM {data}")
        return
    con.register("_line_points", pa.table({"a": pa.array(positions, pa.int64()), "j": pa.array(offsets, pa.int64())}))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {view}_rej AS SELECT a, j FROM _line_points")
    finally:
        con.unregister("_line_points")
    con.execute(
        f"CREATE TEMP VIEW {view} AS "
        f"WITH t AS (SELECT rowid - (SELECT min(rowid) FROM {data}) AS k, * FROM {data}) "
        f"SELECT (t.k + 2 + coalesce(r.j, 0)) AS line, t.* EXCLUDE (k) FROM t ASOF LEFT JOIN {view}_rej r "
        f"ON t.k >= r.a")


def drop_source(con, table: str) -> None:
    """Drop what open_source / load_table made for `table` (the view, its data and the parser's
    reject tables)."""
    con.execute(f"DROP VIEW IF EXISTS {table}")
    for name in (f"{table}_data", f"{table}_rej", f"{table}_parse_errors", f"{table}_parse_errors_scan"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
