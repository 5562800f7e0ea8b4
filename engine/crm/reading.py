"""Reading tabular exports: encoding and delimiter detection, samples, XLSX sheets.

CSV: the encoding is detected (UTF-8 with or without BOM, Windows-1251, KOI8-R) or taken
as declared and checked; the delimiter is detected among `;` `,` tab `|` from the header
line. Reading a CSV file in bulk is engine/crm/sources.py.

XLSX: openpyxl in read-only mode, the first sheet or a chosen one, streamed to DuckDB
through Arrow in chunks into a temp table with `line` (the sheet row) and c0..cN. Numbers that
are whole are written without '.0' (phones stored as numbers), dates as ISO text. Sheets are
chosen by name or by number counted from 1 (sheet 1 = the first).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from engine.errors import ImportRefused, O2OError
from engine.progress import CancelToken, ProgressFn, no_progress

SAMPLE_BYTES = 1 << 20
SCORE_CHARS = 64 << 10  # enough text to tell the 8-bit encodings apart (scored in Python)
CHUNK_BYTES = 4 << 20
MAX_LINE_BYTES = 64 << 20  # a single cell up to ~64 MB is read; longer lines are rejected
XLSX_CHUNK_ROWS = 50_000
DELIMITERS = (";", ",", "\t", "|")
MAX_TITLE_LINES = 20  # lines above the header an export may have (a report title, its date, filters)
ENCODINGS = ("utf-8", "utf-8-sig", "cp1251", "koi8-r")
# how often each Russian letter occurs in text (%): the right decoding of Russian text scores high
_RU_FREQ = dict(zip("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
                    (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81, 2.62,
                     2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48, 0.36, 0.32,
                     0.26, 0.04, 0.04)))
# a lowercase letter followed by an uppercase one inside a word ("иВАНОВ"): what a Capitalised
# word becomes in the wrong one of cp1251 / koi8-r, which swap the cases of their letters
_ILL_CASED = re.compile(r"[а-яё][А-ЯЁ]")
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")  # letters only, three or more
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
# the 8-bit encodings detection chooses among (Windows, Unix, DOS), and all Cyrillic ones
CYRILLIC_8BIT = ("cp1251", "koi8-r", "cp866")
CYRILLIC_CODECS = {"cp1251", "koi8-r", "koi8-u", "cp866", "iso8859-5", "mac-cyrillic"}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class TableSource:
    path: Path
    header: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_line: int = 1  # the line (sheet row) the header is on: below a title when the export has one
    rows: int = 0
    parse_rejects: list[tuple[int, str, str]] = field(default_factory=list)  # (line, value, reason)

    @property
    def columns(self) -> list[str]:
        return [f"c{i}" for i in range(len(self.header))]


def is_xlsx(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"PK"


def _russian_score(text: str) -> float:
    """Letter frequencies (case-insensitive, so ALL-CAPS text counts too), less a penalty for
    each ill-cased word: even a two-line export with one name in it is told apart."""
    first = _NON_ASCII.search(text)  # a window of text from the first letter that is not ASCII
    text = text[max(0, first.start() - 64):first.start() + SCORE_CHARS] if first else ""
    letters = sum(_RU_FREQ.get(ch, 0.0) for ch in text.lower())
    return letters - 20.0 * len(_ILL_CASED.findall(text))


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig / utf-8 when the bytes are valid UTF-8, else the 8-bit Cyrillic encoding
    whose decoding reads most like Russian (cp1251 vs koi8-r swap upper and lower case)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # the sample cut a multi-byte character in half
            return "utf-8"
    scores = {enc: _russian_score(sample.decode(enc, errors="replace")) for enc in CYRILLIC_8BIT}
    return max(scores, key=scores.get)


def _reads_as_cyrillic(text: str) -> bool:
    """Whether the words with letters beyond ASCII are Cyrillic words, not Latin ones with a
    letter or two of another alphabet in them (Western accents read in a Cyrillic encoding)."""
    words = [w for w in _LONG_WORD.findall(text) if not w.isascii()]
    cyrillic = sum(1 for w in words if _CYRILLIC_WORD.fullmatch(w))
    return bool(words) and cyrillic >= 0.8 * len(words)


def _check_declared(sample: bytes, declared: str, path: Path) -> str:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        raise O2OError(f"Unknown encoding '{declared}'", where=str(path),
                       hint="Use utf-8, cp1251 or koi8-r, or leave the encoding out to detect it") from None
    detected = detect_encoding(sample)
    try:  # an 8-bit codec's undefined byte (0x98 in cp1251) is replaced, as in the import
        text = sample.decode(codec, errors="strict" if codec.startswith("utf") else "replace")
    except UnicodeDecodeError as exc:
        if not (codec.startswith("utf") and exc.start >= len(sample) - 3):
            raise O2OError(f"Not valid {declared} text at byte {exc.start}; it looks like {detected}",
                           where=str(path),
                           hint=f"Import with encoding {detected}, or leave the encoding out to detect it") from None
        text = ""
    # an 8-bit codec decodes anything: refuse when the bytes are clearly something else
    if not codec.startswith("utf") and detected.startswith("utf") and any(b > 127 for b in sample):
        raise O2OError(f"Declared {declared}, but the file is UTF-8 text", where=str(path),
                       hint="Import with encoding utf-8, or leave the encoding out to detect it")
    # another Cyrillic encoding that reads clearly better; a Western one (latin-1, cp1252…) is
    # taken as declared unless the text is plainly Russian in the detected encoding
    as_detected = sample.decode(detected, errors="replace") if not detected.startswith("utf") else ""
    if as_detected and codecs.lookup(detected).name != codec and (
            max(_russian_score(text), 0.0) * 2 < _russian_score(as_detected) if codec in CYRILLIC_CODECS
            else _reads_as_cyrillic(as_detected)):
        raise O2OError(f"Declared {declared}, but the text reads as {detected}", where=str(path),
                       hint=f"Import with encoding {detected}, or leave the encoding out to detect it")
    return "utf-8-sig" if codec == "utf-8" and sample.startswith(codecs.BOM_UTF8) else codec


def detect_delimiter(first_line: str) -> str:
    counts = {d: 0 for d in DELIMITERS}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def detect_delimiter_of_lines(lines: list[str]) -> str:
    """The delimiter of a file from its first lines: the one that splits the most lines into the
    same number of fields (a table's rows agree; a title above them — "Выгрузка клиентов,
    магазин Тверская" — is one line that does not). The first line's delimiter wins a tie."""
    lines = [line for line in lines[:2 * MAX_TITLE_LINES + 1] if line.strip()]
    if not lines:
        return ";"

    def agreeing(d: str) -> int:
        counts = [_count_outside_quotes(line, d) for line in lines]
        used = [c for c in counts if c]
        return max((used.count(c) for c in set(used)), default=0)

    first = detect_delimiter(lines[0])
    best = max(DELIMITERS, key=lambda d: (agreeing(d), d == first))
    return best if agreeing(best) else first


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delimiter and not quoted:
            count += 1
    return count


def header_position(records: list[list]) -> int:
    """Index of the header among the first non-blank records of a table: the first that is not a
    title line, within the first MAX_TITLE_LINES + 1. A title line is what exports put above a
    table: one text ("Выгрузка клиентов", "Дата формирования: 01.03.2024", a merged cell) or a
    filter ("Магазин:;Тверская", "Период:;01.03.2024;31.03.2024": a first cell ending in ':' that
    not every cell ends in; "Магазин: Тверская;Период: март": every cell a label and its value).
    Deliberately plain: a file whose first line names two or more columns
    is read with it as the header, as always; a one-column table too; anything else is the
    analyst's to say with --header-line / the wizard's "Header on line"."""
    def named(record) -> list[str]:
        return [str(v).strip() for v in record if v is not None and str(v).strip()]

    def is_title(record) -> bool:
        cells = named(record)
        return (len(cells) <= 1 or (cells[0].endswith(":") and not all(c.endswith(":") for c in cells))
                or all(_LABEL_VALUE.match(c) for c in cells))

    if max((len(named(r)) for r in records), default=0) < 2:
        return 0
    return next((i for i, record in enumerate(records[:MAX_TITLE_LINES + 1]) if not is_title(record)), 0)


_LABEL_VALUE = re.compile(r"[^:]{1,40}:\s+\S")  # "Магазин: Тверская" — a filter in one cell


def pick_header(numbered: list[tuple[int, list]], header_line: int | None, path: Path) -> int:
    """Index of the header among (line, record) pairs: the record on `header_line` when the
    analyst names it (--header-line), else the detected one (header_position)."""
    if header_line is None:
        return header_position([r for _, r in numbered])
    for i, (line, _) in enumerate(numbered):
        if line == header_line:
            return i
    raise O2OError(f"No header on line {header_line}: it is blank, inside a record, or past the first "
                   f"{len(numbered)} records", where=str(path),
                   hint="Give the line an editor shows for the header (the sheet row for XLSX)")


def read_sample(path: Path, encoding: str | None = None, nbytes: int = SAMPLE_BYTES) -> tuple[str, str]:
    """(decoded text of the first bytes, encoding) of a CSV file."""
    with open(path, "rb") as fh:
        sample = fh.read(nbytes)
    if not sample.strip(b"\xef\xbb\xbf \r\n\t"):
        raise ImportRefused("Empty file: no header and no rows", where=str(path))
    enc = _check_declared(sample, encoding, path) if encoding else detect_encoding(sample)
    if enc == "utf-8" and not any(b > 127 for b in sample):
        enc = _later_encoding(path, nbytes) or enc
    return sample.decode(enc, errors="ignore"), enc


def _later_encoding(path: Path, nbytes: int) -> str | None:
    """An all-ASCII head says nothing about the encoding: look at the middle and the end too."""
    size = path.stat().st_size
    if size <= nbytes:
        return None
    with open(path, "rb") as fh:
        for fraction in (0.25, 0.5, 0.75, 1.0):
            fh.seek(max(int(size * fraction) - (64 << 10), nbytes))
            chunk = fh.read(64 << 10)
            if any(b > 127 for b in chunk):
                first = next(i for i, b in enumerate(chunk) if b > 127)
                # start at a line break so a cut multi-byte character does not look like 8-bit text
                cut = chunk.rfind(b"\n", 0, first) + 1
                return detect_encoding(chunk[cut:].rsplit(b"\n", 1)[0] or chunk[cut:])
    return None


def sample_records_at(text: str, delimiter: str, limit: int) -> list[tuple[int, list[str]]]:
    """(line it starts on, record) of the first `limit` non-blank records of a decoded sample, the
    first line being 1: lines as an editor counts them (a quoted line break and a blank line each
    count), the numbers the import's rejects report gives."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    out, before = [], 0
    try:
        for record in reader:
            start, before = before + 1, reader.line_num
            if not record:
                continue  # a blank line: no record
            if len(out) > limit:
                break
            out.append((start, record))
    except csv.Error:
        pass
    return out[:limit]


def _cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _open_workbook(path: Path):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRefused(f"Not a readable XLSX workbook ({exc})", where=str(path)) from exc


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets in their order (sheet 1 first)."""
    book = _open_workbook(Path(path))
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def pick_sheet(names: list[str], sheet: str | int | None, path: Path) -> str:
    """The sheet named `sheet`, or numbered `sheet` counting from 1; the first when None.
    A name wins over a number (a sheet may be called "2024")."""
    if sheet is None or sheet == "":
        return names[0]
    if str(sheet) in names:
        return str(sheet)
    listing = ", ".join(f"{i} “{n}”" for i, n in enumerate(names, start=1))
    if isinstance(sheet, int) or str(sheet).strip().isdigit():
        number = int(sheet)
        if 1 <= number <= len(names):
            return names[number - 1]
        raise O2OError(f"No sheet number {number}: the workbook has {len(names)} "
                       f"sheet{'s' if len(names) != 1 else ''}, numbered from 1",
                       where=str(path), hint=f"Sheets: {listing}")
    raise O2OError(f"No sheet named “{sheet}” in the workbook", where=str(path), hint=f"Sheets: {listing}")


def sheet_identity(path, sheet: str | int | None) -> tuple[str | int | None, str | None]:
    """For an XLSX file: (the chosen sheet's name, the import identity suffix `sheet=NAME`),
    so each sheet of a workbook is its own import; (sheet, None) for other files.
    Raises O2OError for a sheet the workbook does not have."""
    path = Path(path)
    if not (path.is_file() and path.stat().st_size and is_xlsx(path)):
        return sheet, None
    name = pick_sheet(sheet_names(path), sheet, path)
    return name, f"sheet={name}"


def xlsx_rows(path: Path, sheet: str | int | None = None):
    """(sheet name, iterator of (row number, [cell text])) of a workbook, read-only.
    `sheet`: a name, or a number counting from 1; the first sheet when None."""
    book = _open_workbook(path)
    try:
        name = pick_sheet(book.sheetnames, sheet, path)
    except O2OError:
        book.close()
        raise

    def rows():
        try:
            for number, values in enumerate(book[name].iter_rows(values_only=True), start=1):
                yield number, [_cell(v) for v in values]
        finally:
            book.close()

    return name, rows()


def sheet_row_problem(values: list, width: int) -> str | None:
    """Why a sheet row is rejected whole: values beyond the header's columns (formatted empty
    cells do not count)."""
    filled = len(_trimmed(values))
    return f"too many fields: expected {width}, found {filled}" if filled > width else None


def _row_text(values: list) -> str:
    """A rejected sheet row as the rejects report shows it: its cells joined with ';'."""
    return ";".join("" if v is None else str(v) for v in _trimmed(values))[:200]


def _trimmed(values: list) -> list:
    """A header row without the empty cells at its end (formatting, not columns)."""
    values = list(values)
    while values and values[-1] in (None, ""):
        values.pop()
    return values


def _with_header_first(rows, head: list, header_line: int | None, path: Path):
    """The sheet's rows from its header on: the first non-blank rows are held in `head` until
    the header among them is known; title rows above it are left out."""
    for number, values in rows:
        if any(v not in (None, "") for v in values):
            head.append((number, values))
        if len(head) > max(2 * MAX_TITLE_LINES, header_line or 0):
            break
    yield from head[pick_header(head, header_line, path):]
    yield from rows


def load_xlsx(con, path: Path, table: str, *, sheet: str | int | None = None, header_line: int | None = None,
              cancel: CancelToken | None = None, progress: ProgressFn = no_progress) -> TableSource:
    import pyarrow as pa

    cancel = cancel or CancelToken()
    name, rows = xlsx_rows(path, sheet)
    header: list[str] | None = None
    source = None
    chunk: list[tuple[int, list]] = []

    def flush() -> None:
        n = len(source.header)
        data = {"line": pa.array([r[0] for r in chunk], pa.int64())}
        for i in range(n):
            data[f"c{i}"] = pa.array([r[1][i] if i < len(r[1]) else None for r in chunk], pa.string())
        con.register("_xlsx_chunk", pa.table(data))
        con.execute(f"INSERT INTO {table}_data SELECT * FROM _xlsx_chunk")
        con.unregister("_xlsx_chunk")
        chunk.clear()

    head: list[tuple[int, list]] = []  # the first non-blank rows: where the header is (see header_position)
    for number, values in _with_header_first(rows, head, header_line, path):
        if header is None:
            # columns the header leaves unnamed but most of the first rows fill are columns, as a CSV's
            # empty header fields are; a stray value in one row is still a row with too many fields
            named = _trimmed(values)
            widths = sorted((len(_trimmed(v)) for n, v in head if n > number), reverse=True)
            width = max(len(named), widths[(len(widths) - 1) // 2] if widths else 0)
            header = [(v or "").strip() for v in named] + [""] * (width - len(named))
            source = TableSource(path, header, sheet=name, header_line=number)
            cols = ", ".join(f"c{i} VARCHAR" for i in range(len(header)))
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table}_data (line BIGINT, {cols})")
            con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM {table}_data")
            continue
        if not any(v not in (None, "") for v in values):
            continue  # blank sheet rows are formatting, not data
        problem = sheet_row_problem(values, len(header))
        if problem:
            source.parse_rejects.append((number, _row_text(values), problem))
            continue
        chunk.append((number, values))
        if len(chunk) >= XLSX_CHUNK_ROWS:
            cancel.check()
            flush()
            progress(0.3, f"read {number:,} sheet rows")
    if source is None:
        raise ImportRefused(f"Empty sheet '{name}': no header and no rows", where=str(path))
    if chunk:
        flush()
    source.rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return source


def head_records(path: Path, limit: int = 20, *, encoding: str | None = None, delimiter: str | None = None,
                 sheet: str | int | None = None,
                 header_line: int | None = None) -> tuple[list[str], list[list[str | None]], dict]:
    """(header, first data records, reading facts) without reading the whole file (previews)."""
    path = Path(path)
    if path.stat().st_size == 0:
        raise ImportRefused("Empty file (0 bytes): no header and no rows", where=str(path))
    if is_xlsx(path):
        name, rows = xlsx_rows(path, sheet)
        records = []
        for number, values in rows:
            if values and any(v not in (None, "") for v in values):
                records.append((number, values))
            if len(records) > limit + max(MAX_TITLE_LINES, header_line or 0):
                break
        rows.close()
        if not records:
            raise ImportRefused(f"Empty sheet '{name}': no header and no rows", where=str(path))
        records = records[pick_header(records, header_line, path):]
        return ([(h or "").strip() for h in _trimmed(records[0][1])], [r for _, r in records[1:]],
                {"sheet": name, "sheets": sheet_names(path), "lines": [n for n, _ in records[1:]],
                 "header_line": records[0][0]})
    text, enc = read_sample(path, encoding, nbytes=256 << 10)
    if delimiter is None:
        delimiter = detect_delimiter_of_lines(text.lstrip("\ufeff").splitlines()[(header_line or 1) - 1:])
    records = sample_records_at(text.lstrip("\ufeff"), delimiter, limit + 1 + max(MAX_TITLE_LINES, header_line or 0))
    if not records:
        raise ImportRefused("No header line", where=str(path))
    records = records[pick_header(records, header_line, path):][:limit + 1]
    # `lines`: where each record starts (the rejects report's numbers); `fields_checked`: a
    # record with another number of fields than the header is rejected whole by the import
    return ([h.strip() for h in records[0][1]], [r for _, r in records[1:]],
            {"encoding": enc, "delimiter": delimiter, "lines": [n for n, _ in records[1:]], "fields_checked": True,
             "header_line": records[0][0]})
