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
