"""A workspace at a glance: what the Overview screen and `o2o info` show."""
from __future__ import annotations

import pandas as pd

from engine.workspace import Workspace


def imports_log(ws: Workspace, limit: int = 500) -> pd.DataFrame:
    return ws.con.execute(
        "SELECT i.import_id AS id, i.kind, i.file_name AS file, s.name AS site, i.status, "
        "i.rows_in, i.rows_ok, i.rows_rejected, i.message, i.finished_at AS finished_utc "
        "FROM imports i LEFT JOIN sites s USING (site_id) ORDER BY i.import_id DESC LIMIT ?",
        [limit]).df()


def summary(ws: Workspace) -> dict:
    counts = ws.table_counts()
    sensors = pd.DataFrame(ws.sensors(), columns=["sensor_id", "site_id", "site", "name",
                                                  "rssi_inside", "rssi_outside"])
    return {
        "info": {k: v for k, v in ws.info().items() if k != "tables"},
        "counts": counts,
        "sites": pd.DataFrame(ws.sites(), columns=["site_id", "name", "kind", "timezone"]),
        "sensors": sensors,
        "imports": imports_log(ws),
    }


def data_period(ws: Workspace) -> tuple | None:
    """(first, last) date with data (detections or receipts, Moscow-local dates), or None."""
    parts = []
    tables = set(ws.tables())
    if "detections" in tables:
        parts.append("SELECT min(ts) AS a, max(ts) AS b FROM detections")
    if "receipts" in tables:
        parts.append("SELECT min(ts), max(ts) FROM receipts")
    if not parts:
        return None
    row = ws.con.execute(
        "SELECT (min(a) + INTERVAL 3 HOUR)::DATE, (max(b) + INTERVAL 3 HOUR)::DATE FROM ("
        + " UNION ALL ".join(parts) + ")").fetchone()
    return None if row[0] is None else (row[0], row[1])
