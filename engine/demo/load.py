"""The demo workspace: demo.o2o built from the written files by the real importers.

Sites and sensors (with each sensor's calibrated inside threshold) are created first, then
every file is imported through engine.imports.import_file with the importer of its kind —
when that importer exists. A kind without an importer is reported as skipped, not faked.
"""
from __future__ import annotations

from pathlib import Path

from engine.demo import config as C
from engine.progress import CancelToken, ProgressFn, no_progress

# Registers before receipts (receipts are checked against them), CRM before partner data.
IMPORT_ORDER = ("capture", "airodump", "registers", "receipts", "crm", "partner_matches")


def build_workspace(out: Path, files: list[dict], *, progress: ProgressFn = no_progress,
                    cancel: CancelToken | None = None) -> dict:
    from engine.imports import IMPORTERS, import_file
    from engine.workspace import Workspace

    cancel = cancel or CancelToken()
    path = Path(out) / "demo.o2o"
    for stale in (path, Path(str(path) + ".wal")):
        stale.unlink(missing_ok=True)
    imported, skipped = [], []
    ws = Workspace.open(path, create=True, demo=True)
    try:
        with ws.transaction():
            for site in C.SITES:
                site_id, _ = ws.ensure_site(site.name, kind=site.kind, timezone_name=C.TIMEZONE)
                for sensor in site.sensors:
                    ws.ensure_sensor(site_id, sensor.name, rssi_inside=sensor.rssi_inside,
                                     rssi_outside=sensor.rssi_inside - 10)
        ordered = sorted(files, key=lambda f: (IMPORT_ORDER.index(f["kind"]), f["path"]))
        for i, entry in enumerate(ordered):
            cancel.check()
            progress(0.92 + 0.06 * i / max(1, len(ordered)), f"Importing {entry['path']}")
            if entry["kind"] not in IMPORTERS:
                skipped.append({"path": entry["path"], "kind": entry["kind"],
                                "reason": f"no importer for {entry['kind']} yet"})
                continue
            options = {}
            if entry.get("site"):
                options["site"] = entry["site"]
            if entry.get("sensor"):
                options["sensor"] = entry["sensor"]
            result = import_file(ws, Path(out) / entry["path"], kind=entry["kind"], cancel=cancel, **options)
            record = {"path": entry["path"], "kind": entry["kind"], "status": result.status,
                      "rows_in": result.rows_in, "rows_ok": result.rows_ok, "rows_rejected": result.rows_rejected,
                      "message": result.message}
            (imported if result.status == "imported" else skipped).append(record)
        derived = _derive(ws, progress, cancel)
        counts = ws.table_counts()
    finally:
        ws.close()
    return {"workspace": str(path), "imported": imported, "skipped": skipped, "derived": derived,
            "table_counts": counts}


def _derive(ws, progress: ProgressFn, cancel: CancelToken) -> dict:
    """What an analyst would build first: visits (default parameters) and resolved people,
    so the demo opens on working dashboards."""
    from engine import clusters, people, visits

    progress(0.985, "Building visits")
    built_visits = visits.rebuild(ws, cancel=cancel)
    progress(0.995, "Resolving people")
    built_people = people.build_people(ws, cancel=cancel)
    cancel.check()
    progress(0.998, "Clustering visitors")
    built_clusters = clusters.build(ws)
    return {"visits": built_visits, "people": built_people,
            "clusters": {k: built_clusters[k] for k in ("k", "devices", "criterion")}}
