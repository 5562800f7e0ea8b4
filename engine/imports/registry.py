"""Transactional, registered imports.

Every importer is a *loader* run by `run_import`: the file's sha256 is checked against the
`imports` table (a file imported before is reported and skipped), then the loader writes
inside one transaction together with its `imports` row and its rejects. Any error or a
cancel rolls everything back: a failed import leaves the workspace exactly as before.

The identity of an import is the file's sha256, or `<sha256>#<identity_suffix>` when only a
part of the file is imported (an XLSX sheet: `…#sheet=Клиенты`): the same part of the same
file again is skipped, another part of it is a new import. It is stored in `imports.sha256`.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from engine.errors import Cancelled, O2OError, ReadAgain
from engine.progress import CancelToken, ProgressFn, no_progress
from engine.workspace import Workspace

IMPORTED, SKIPPED, REFUSED, CANCELLED = "imported", "skipped", "refused", "cancelled"


@dataclass
class LoadOutcome:
    """What a loader reports back; `details` is kind-specific (frames, receipts, …)."""
    rows_in: int = 0
    rows_ok: int = 0
    rows_rejected: int = 0
    message: str = ""
    details: dict = field(default_factory=dict)


@dataclass
class ImportContext:
    ws: Workspace
    path: Path
    import_id: int
    site_id: int | None
    sensor_id: int | None
    progress: ProgressFn
    cancel: CancelToken

    def reject_rows(self, rows: Iterable[tuple]) -> int:
        """Store (line, column, value, reason) rows in the rejects report; returns how many."""
        rows = [(self.import_id, *r) for r in rows]
        if rows:
            self.ws.con.executemany("INSERT INTO import_rejects VALUES (?, ?, ?, ?, ?)", rows)
        return len(rows)


Loader = Callable[[ImportContext], LoadOutcome]


@dataclass
class ImportResult:
    file: str
    kind: str
    status: str
    message: str
    import_id: int | None = None
    rows_in: int = 0
    rows_ok: int = 0
    rows_rejected: int = 0
    seconds: float = 0.0
    details: dict = field(default_factory=dict)
    created: list[str] = field(default_factory=list)  # e.g. "site 'Mall A' created"

    def to_json(self) -> dict:
        data = asdict(self)
        details = data.pop("details")
        data.update(details)
        return data


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class _BackgroundSha256(threading.Thread):
    """sha256 of a file computed beside the loader (hashlib and file reads release the GIL)."""

    def __init__(self, path: Path):
        super().__init__(name="o2o-import-sha256", daemon=True)
        self.path, self.digest, self.error = path, "", None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            digest = hashlib.sha256()
            with open(self.path, "rb") as fh:
                while not self.stop.is_set() and (block := fh.read(1 << 20)):
                    digest.update(block)
            self.digest = digest.hexdigest()
        except OSError as exc:
            self.error = exc

    def result(self) -> str:
        self.join()
        if self.error is not None:
            raise self.error
        return self.digest


def import_identity(sha: str, identity_suffix: str | None = None) -> str:
    return f"{sha}#{identity_suffix}" if identity_suffix else sha


def already_imported(ws: Workspace, sha: str) -> tuple[int, datetime, str] | None:
    """The earlier import with this identity (a file's sha256, or see `import_identity`)."""
    return ws.con.execute(
        "SELECT import_id, finished_at, file_name FROM imports WHERE sha256 = ? AND status = 'imported' "
        "ORDER BY import_id LIMIT 1", [sha]).fetchone()


def run_import(ws: Workspace, path: str | Path, kind: str, loader: Loader, *,
               site: str | None = None, sensor: str | None = None,
               progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
               hash_in_background: bool = False, identity_suffix: str | None = None) -> ImportResult:
    """`identity_suffix` names the part of the file this import takes (see the module doc).
    `hash_in_background`: when no file of the same size was imported before (so this
    one cannot be a duplicate), its sha256 is computed while the loader runs instead of
    before it (big captures: the hash is ~10 % of the import)."""
    path = Path(path)
    cancel = cancel or CancelToken()
    started = time.perf_counter()
    if not path.is_file():
        return ImportResult(str(path), kind, REFUSED, f"{path}: no such file")
    hasher = None
    if hash_in_background and not ws.con.execute(
            "SELECT count(*) FROM imports WHERE bytes = ? AND status = 'imported'", [path.stat().st_size]).fetchone()[0]:
        hasher = _BackgroundSha256(path)
        hasher.start()
        sha = ""  # filled in before the commit
    else:
        sha = import_identity(sha256_file(path), identity_suffix)
        previous = already_imported(ws, sha)
        if previous:
            import_id, when, name = previous
            return ImportResult(str(path), kind, SKIPPED,
                                f"{path.name}: already imported as #{import_id} ({name}, {when:%Y-%m-%d %H:%M} UTC); "
                                "skipped", import_id=import_id, seconds=time.perf_counter() - started)
    try:
        try:
            return _run_loader(ws, path, kind, loader, sha, hasher, site, sensor, progress, cancel, started,
                               identity_suffix, may_read_again=True)
        except ReadAgain:  # rolled back; the loader's second reading knows what the first one found
            return _run_loader(ws, path, kind, loader, sha, hasher, site, sensor, progress, cancel, started,
                               identity_suffix)
    finally:
        if hasher is not None:
            hasher.stop.set()


def _run_loader(ws, path, kind, loader, sha, hasher, site, sensor, progress, cancel, started,
                identity_suffix=None, may_read_again: bool = False) -> ImportResult:
    ws.require_writable()
    created: list[str] = []
    cancel.watch(ws.con)
    try:
        with ws.transaction():
            site_id = sensor_id = None
            if site:
                site_id, new = ws.ensure_site(site)
                if new:
                    created.append(f"site '{site}' created")
                sensor_id, new = ws.ensure_sensor(site_id, sensor or "default")
                if new:
                    created.append(f"sensor '{sensor or 'default'}' created at site '{site}'")
            import_id = ws.con.execute(
                "INSERT INTO imports (kind, file_name, file_path, sha256, bytes, site_id, sensor_id, status, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?) RETURNING import_id",
                [kind, path.name, str(path.resolve()), sha, path.stat().st_size, site_id, sensor_id,
                 datetime.now(timezone.utc).replace(tzinfo=None)]).fetchone()[0]
            outcome = loader(ImportContext(ws, path, import_id, site_id, sensor_id, progress, cancel))
            cancel.check()
            if hasher is not None:
                sha = import_identity(hasher.result(), identity_suffix)
            ws.con.execute(
                "UPDATE imports SET rows_in = ?, rows_ok = ?, rows_rejected = ?, status = 'imported', "
                "message = ?, details = ?, finished_at = ?, sha256 = ? WHERE import_id = ?",
                [outcome.rows_in, outcome.rows_ok, outcome.rows_rejected, outcome.message,
                 json.dumps(outcome.details, default=str),
                 datetime.now(timezone.utc).replace(tzinfo=None), sha, import_id])
    except Cancelled:
        return ImportResult(str(path), kind, CANCELLED, f"{path.name}: cancelled; nothing was imported",
                            seconds=time.perf_counter() - started)
    except ReadAgain:
        if may_read_again:
            raise
        return ImportResult(str(path), kind, REFUSED, f"{path}: could not be read in two attempts",
                            seconds=time.perf_counter() - started)
    except O2OError as exc:
        if exc.where is None:
            exc.where = str(path)
        return ImportResult(str(path), kind, REFUSED, exc.one_line(), seconds=time.perf_counter() - started)
    except Exception as exc:  # a DuckDB or parser error: report it with the file, never half-write
        if cancel.cancelled:
            return ImportResult(str(path), kind, CANCELLED, f"{path.name}: cancelled; nothing was imported",
                                seconds=time.perf_counter() - started)
        return ImportResult(str(path), kind, REFUSED, f"{path}: import failed ({type(exc).__name__}: {exc})",
                            seconds=time.perf_counter() - started)
    finally:
        cancel.unwatch(ws.con)
    return ImportResult(str(path), kind, IMPORTED, outcome.message or f"{path.name}: imported",
                        import_id=import_id, rows_in=outcome.rows_in, rows_ok=outcome.rows_ok,
                        rows_rejected=outcome.rows_rejected, seconds=time.perf_counter() - started,
                        details=outcome.details, created=created)


def rejects(ws: Workspace, import_id: int | None = None):
    """The rejects report as a DataFrame (file, line, column, value, reason)."""
    where = "WHERE r.import_id = ?" if import_id is not None else ""
    return ws.con.execute(
        f"SELECT i.file_name AS file, r.line, r.column_name AS column, r.value, r.reason "
        f"FROM import_rejects r JOIN imports i USING (import_id) {where} ORDER BY r.import_id, r.line",
        [import_id] if import_id is not None else []).df()
