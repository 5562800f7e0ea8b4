"""A small deterministic world of detections for the Visits and Clusters screens' tests.

Inserted straight into a real workspace with DuckDB SQL (hash-based pseudo-random numbers,
so every run builds the same rows): two sites in different time zones, 60 days, a few
hundred phones (10 % randomized), some weak-signal passers-by and three staff phones that
stay 9 hours on weekdays at the first site.
"""
from __future__ import annotations

from engine.workspace import Workspace

START = "2024-05-01"
DAYS = 60


def _u(expr: str, salt: int) -> str:
    """A deterministic uniform [0, 1) number from an integer expression."""
    return f"((hash({expr}, {salt}) % 1000003)::DOUBLE / 1000003)"


def build(ws: Workspace, *, visits_per_site: int = 3000, devices: int = 800) -> dict:
    con = ws.con
    site_a, _ = ws.ensure_site("Mall A")
    site_b, _ = ws.ensure_site("Store B", timezone_name="Asia/Yekaterinburg")
    a1, _ = ws.ensure_sensor(site_a, "entrance", rssi_inside=-72)
    a2, _ = ws.ensure_sensor(site_a, "food court")
    b1, _ = ws.ensure_sensor(site_b, "till")
    con.execute(f"""
        INSERT INTO devices
        SELECT i AS device_key, i % 10 = 0 AS randomized, upper(md5(i::VARCHAR)) AS mac_md5, NULL, NULL, 0
        FROM range(1, {devices} + 4) t(i)""")
    con.execute("""INSERT INTO imports (import_id, kind, file_name, sha256, status, started_at)
                   VALUES (1, 'test', 'world', 'x', 'ok', now()::TIMESTAMP)""")
    for site, sensors, salt in ((site_a, (a1, a2), 1), (site_b, (b1, b1), 2)):
        # A visit: device, start (between 07:00 and 17:00 UTC), n detections ~30 s apart, signal level.
        con.execute(f"""
            INSERT INTO detections
            WITH v AS (
                SELECT i, 1 + (hash(i, {salt}) % {devices})::BIGINT AS device_key,
                       TIMESTAMP '{START}' + to_microseconds(((({_u('i', salt + 10)} * {DAYS})::INTEGER) * 86400
                           + 7 * 3600 + {_u('i', salt + 20)} * 10 * 3600)::BIGINT * 1000000) AS start_ts,
                       (1 + {_u('i', salt + 30)} * {_u('i', salt + 40)} * 80)::INTEGER AS n,
                       (-92 + {_u('i', salt + 50)} * 45)::INTEGER AS base_rssi
                FROM range({visits_per_site}) t(i)
            )
            SELECT start_ts + to_microseconds((k * 30e6 + {_u('i * 100 + k', salt + 60)} * 5e6)::BIGINT) AS ts,
                   {site} AS site_id, CASE WHEN k % 2 = 0 THEN {sensors[0]} ELSE {sensors[1]} END AS sensor_id,
                   device_key, 0 AS frame_kind, (base_rssi + {_u('i * 100 + k', salt + 70)} * 6)::SMALLINT AS rssi,
                   6 AS channel, (k % 4096)::USMALLINT AS seq, NULL AS ssid_id, 1 AS import_id
            FROM v, range(n) r(k)""")
    # Staff: three phones, 09:00–18:00 local at Mall A on 5 days of 7 (so not fixed equipment),
    # a detection a minute, strong signal.
    con.execute(f"""
        INSERT INTO detections
        SELECT TIMESTAMP '{START}' + to_microseconds((d * 86400 + 6 * 3600 + m * 60)::BIGINT * 1000000),
               {site_a}, {a1}, {devices} + s, 0, -50, 6, (m % 4096)::USMALLINT, NULL, 1
        FROM range({DAYS}) a(d), range(1, 4) b(s), range(540) c(m) WHERE d % 7 < 5""")
    n = con.execute("SELECT count(*) FROM detections").fetchone()[0]
    return {"sites": (site_a, site_b), "detections": n, "staff": [devices + s for s in (1, 2, 3)]}
