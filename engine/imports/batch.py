"""Import several files in one go, each in its own transaction, with overall progress."""
from __future__ import annotations

from pathlib import Path

from engine.imports import import_file
from engine.imports.registry import CANCELLED, ImportResult
from engine.imports.sniff import sniff
from engine.progress import CancelToken, ProgressFn, no_progress

SITE_KINDS = {"capture", "airodump", "kismet"}


def import_files(ws, files: list[tuple[str | Path, dict]], *, progress: ProgressFn = no_progress,
                 cancel: CancelToken | None = None) -> list[ImportResult]:
    """files: (path, options) pairs; options may hold kind, site, sensor and importer options.

    Progress fraction is (i + f) / n for file i at f; a cancel stops after rolling back the
    file in progress — the files before it stay imported (each is its own transaction).
    """
    cancel = cancel or CancelToken()
    results: list[ImportResult] = []
    n = max(len(files), 1)
    for i, (path, options) in enumerate(files):
        if cancel.cancelled:
            results.append(ImportResult(str(path), options.get("kind") or "", CANCELLED,
                                        f"{Path(path).name}: not imported (cancelled)"))
            continue
        options = dict(options)
        kind = options.pop("kind", None) or sniff(path)
        if kind not in SITE_KINDS:
            options.pop("site", None)
            options.pop("sensor", None)
        name = Path(path).name

        def file_progress(fraction: float, message: str, i=i, name=name) -> None:
            progress((i + min(max(fraction, 0.0), 1.0)) / n, f"{name}: {message}")

        file_progress(0.0, "starting")
        results.append(import_file(ws, path, kind=kind, progress=file_progress, cancel=cancel, **options))
    progress(1.0, f"{len(files)} file(s) done")
    return results
