"""Visits: detections sessionized per site and device (engine/sessionize.py), classified, in DuckDB SQL.

A visit is a run of one device's detections at one site with no gap longer than `gap_s`
(lag(ts) over the device's detections > gap starts a new visit; a running sum numbers
them). Dwell = last − first seen. Each visit is then classified:

- passerby: never heard inside (its best RSSI − the inside threshold of the sensor that
  heard it is < 0), or dwell < `min_visit_s`;
- short: dwell < `short_visit_s` (the seeds' "entered but stayed < 5 minutes");
- visitor: the rest.

Devices get a role per site (stored in device_roles, and it overrides the visits' class):
- fixed equipment: seen on ≥ `fixed_min_days` days for ≥ `fixed_min_hours` a day on
  average, and either on ≥ `fixed_day_share` of the site's days with a daily span of
  presence ≥ `fixed_span_share` of the site's own daily span (always there while the
  sensor listens), or ≥ `fixed_nonprobe_share` of its frames are not probe requests
  (APs, printers, POS terminals talk, phones probe) on ≥ `fixed_nonprobe_day_share` of days;
- staff: present (first to last inside visit of a local day) more than `staff_hours` a
  day on at least `staff_days` of any `staff_window_days` consecutive days the site has data
  (days it was open: an event on two weekends a month apart has four in a row; at least on
  every day of a site with fewer days of data than `staff_days`, e.g. a one-day event).

All parameters are the analyst's (visit_settings; per-sensor RSSI on `sensors`) and a
rebuild records their fingerprint in visit_builds. Incremental rebuild: when the
fingerprint is unchanged and detections only grew (every row the last build saw is still
there and all new rows come from imports newer than the last build's newest import), only
the (site, device) pairs that have new detections are sessionized again — from all of
their detections, so a late file that fills a gap merges visits correctly — and roles are
recomputed for the sites concerned. Anything else (parameters edited, an import removed)
rebuilds everything.
"""
from __future__ import annotations

import hashlib
import json
import math
import time
from datetime import datetime, timezone

import duckdb

from engine.errors import Cancelled, O2OError
from engine.progress import CancelToken, ProgressFn, no_progress
from engine.sessionize import sessionize
from engine.workspace import Workspace

ALGORITHM = "visits-v3"  # part of the fingerprint: a changed algorithm forces a full rebuild

# Defaults in line with common Wi-Fi footfall practice (Meraki/CMX-style presence
# analytics): 2-minute session gap, a visit must be heard inside; short visit 5 minutes
# (the seeds' retargeting target); staff = more than 5 h a day on 3 of 7 days.
DEFAULTS: dict[str, float] = {
    "gap_s": 120.0,
    "min_visit_s": 0.0,
    "short_visit_s": 300.0,
    "rssi_inside": -75.0,
    "staff_hours": 5.0,
    "staff_days": 3.0,
    "staff_window_days": 7.0,
    "fixed_day_share": 0.9,
    "fixed_min_days": 2.0,
    "fixed_min_hours": 8.0,
    "fixed_span_share": 0.8,
    "fixed_nonprobe_share": 0.9,
    "fixed_nonprobe_day_share": 0.5,
}
DESCRIPTIONS: dict[str, str] = {
    "gap_s": "seconds away that end a visit",
    "min_visit_s": "visits shorter than this are passing-by",
    "short_visit_s": "visits shorter than this are short visits",
    "rssi_inside": "dBm at or above which a phone is inside (when the sensor has none)",
    "staff_hours": "staff: hours present per day (more than)",
    "staff_days": "staff: on at least this many days …",
    "staff_window_days": "… of any this many consecutive days the site has data",
    "fixed_day_share": "fixed equipment: share of the site's days present",
    "fixed_min_days": "fixed equipment: seen on at least this many days",
    "fixed_min_hours": "fixed equipment: average hours present per day (at least)",
    "fixed_span_share": "fixed equipment: daily presence / site's daily span",
    "fixed_nonprobe_share": "fixed equipment: share of frames that are not probe requests",
    "fixed_nonprobe_day_share": "… and share of the site's days present",
}
CLASSES = ("passerby", "short", "visitor", "staff", "fixed")
SCOPES = ("workspace", "site", "sensor")


# --- settings ------------------------------------------------------------------------------

def set_setting(ws: Workspace, key: str, value: float, *, site_id: int | None = None) -> None:
    """Store one parameter for the whole workspace or one site (the site's wins)."""
    if key not in DEFAULTS:
        raise O2OError(f"Unknown visit parameter {key!r}", hint="Known: " + ", ".join(DEFAULTS))
    value = float(value)
    if not math.isfinite(value):
        raise O2OError(f"{key} must be a finite number (got {value})")
    if key != "rssi_inside" and value < 0:
        raise O2OError(f"{key} must not be negative (got {value})")
    if key == "gap_s" and not 1 <= value <= 86400:
        raise O2OError(f"gap_s must be between 1 s and one day (got {value:g})",
                       hint="A new visit starts after this many seconds without a detection; 120 is usual")
    ws.require_writable()
    scope, scope_id = ("site", int(site_id)) if site_id is not None else ("workspace", 0)
    ws.con.execute("INSERT OR REPLACE INTO visit_settings (scope, scope_id, key, value, updated_at) "
                   "VALUES (?, ?, ?, ?, now()::TIMESTAMP)", [scope, scope_id, key, value])


def clear_setting(ws: Workspace, key: str, *, site_id: int | None = None) -> None:
    scope, scope_id = ("site", int(site_id)) if site_id is not None else ("workspace", 0)
    ws.con.execute("DELETE FROM visit_settings WHERE scope = ? AND scope_id = ? AND key = ?",
                   [scope, scope_id, key])


def site_settings(ws: Workspace) -> dict[int, dict[str, float]]:
    """Effective parameters per site_id: site setting, else workspace setting, else default."""
    rows = ws.con.execute("SELECT scope, scope_id, key, value FROM visit_settings").fetchall()
    workspace = {k: v for s, _, k, v in rows if s == "workspace"}
    out = {}
    for (site_id,) in ws.con.execute("SELECT site_id FROM sites ORDER BY site_id").fetchall():
        eff = dict(DEFAULTS)
        eff.update(workspace)
        eff.update({k: v for s, i, k, v in rows if s == "site" and i == site_id})
        out[site_id] = eff
    return out


def settings_warnings(ws: Workspace) -> list[str]:
    """Parameter combinations that are allowed but probably not meant."""
    names = {s["site_id"]: s["name"] for s in ws.sites()}
    out = []
    for site_id, p in site_settings(ws).items():
        if p["min_visit_s"] >= p["short_visit_s"] > 0:
            out.append(f"{names.get(site_id, site_id)}: min_visit_s {p['min_visit_s']:g} ≥ short_visit_s "
                       f"{p['short_visit_s']:g}, so no visit can be a short visit")
    return out


def settings_report(ws: Workspace) -> dict:
    """What `o2o visits settings` shows: the workspace-wide values and, per site, every
    effective parameter with where it comes from (site, workspace or default)."""
    rows = ws.con.execute("SELECT scope, scope_id, key, value FROM visit_settings").fetchall()
    workspace = {k: v for s, _, k, v in rows if s == "workspace"}
    names = {s["site_id"]: s["name"] for s in ws.sites()}
    sites = []
    for site_id, effective in site_settings(ws).items():
        own = {k: v for s, i, k, v in rows if s == "site" and i == site_id}
        sites.append({"name": names.get(site_id, str(site_id)), "site_id": site_id, "overrides": own,
                      "parameters": {k: {"value": v, "from": "site" if k in own else
                                          "workspace" if k in workspace else "default"}
                                     for k, v in effective.items()}})
    for entry in sites:  # the sensors' own inside thresholds win over rssi_inside
        entry["sensors"] = [{"name": x["name"], "rssi_inside": x["rssi_inside"], "rssi_outside": x["rssi_outside"]}
                            for x in ws.sensors() if x["site_id"] == entry["site_id"]]
    last = last_build(ws)
    return {"defaults": dict(DEFAULTS), "workspace": workspace, "sites": sites, "warnings": settings_warnings(ws),
            "visits_stale": settings_changed_since(ws, last)}


def fingerprint(ws: Workspace, up_to_import: int | None = None) -> str:
    """What the visits depend on besides detections: parameters, thresholds, time zones — of the
    sites and sensors that have detections (from imports up to `up_to_import` when given). A site
    or sensor added since a build, with no data or only new data, leaves the build's fingerprint
    as it was: its detections are new pairs, which an incremental rebuild covers."""
    where = "" if up_to_import is None else f"WHERE import_id <= {int(up_to_import)}"
    seen = ws.con.execute(f"SELECT DISTINCT site_id, sensor_id FROM detections {where}").fetchall()
    sites, sensors = {site for site, _ in seen}, {sensor for _, sensor in seen}
    state = {
        "algorithm": ALGORITHM,
        "sites": [r for r in ws.con.execute("SELECT site_id, timezone FROM sites ORDER BY 1").fetchall()
                  if r[0] in sites],
        "sensors": [r for r in ws.con.execute("SELECT sensor_id, site_id, rssi_inside FROM sensors ORDER BY 1")
                    .fetchall() if r[0] in sensors],
        "settings": {str(k): v for k, v in site_settings(ws).items() if k in sites},
        "defaults": DEFAULTS,
    }
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:16]


def settings_changed_since(ws: Workspace, last: dict | None) -> bool:
    """Whether the parameters the last build's visits depend on have changed since (or there is
    no build): its own sites and sensors, as they are now."""
    if last is None:
        return True
    up_to = last["max_import_id"] if last["max_import_id"] is not None else -2**31
    return last["fingerprint"] != fingerprint(ws, up_to)


def _params_tables(con, settings: dict[int, dict[str, float]]) -> None:
    """Temp table of per-site parameters that classification and roles join (a few rows)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _site_params (site_id INTEGER, gap_us BIGINT, "
                "min_visit_s DOUBLE, short_visit_s DOUBLE, rssi_inside SMALLINT, staff_hours DOUBLE, "
                "staff_days INTEGER, staff_window_days INTEGER, fixed_day_share DOUBLE, "
                "fixed_span_share DOUBLE, fixed_nonprobe_share DOUBLE, fixed_nonprobe_day_share DOUBLE, "
                "fixed_min_days INTEGER, fixed_min_hours DOUBLE)")
    rows = [(sid, int(p["gap_s"] * 1e6), p["min_visit_s"], p["short_visit_s"], int(round(p["rssi_inside"])),
             p["staff_hours"], int(p["staff_days"]), int(p["staff_window_days"]), p["fixed_day_share"],
             p["fixed_span_share"], p["fixed_nonprobe_share"], p["fixed_nonprobe_day_share"],
             int(p["fixed_min_days"]), p["fixed_min_hours"])
            for sid, p in settings.items()]
    if rows:
        con.executemany("INSERT INTO _site_params VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


CLASSIFY = """
INSERT INTO visits
SELECT r.site_id, r.device_key, make_timestamp(r.t0) AS start_ts, make_timestamp(r.t1) AS end_ts,
       timezone(s.timezone, timezone('UTC', make_timestamp(r.t0))) AS local_start,
       (r.t1 - r.t0) / 1e6 AS dwell_s,
       r.detections, r.probes, r.max_rssi, r.mean_rssi, r.margin, bit_count(r.sensor_bits)::INTEGER AS sensors,
       r.best_sensor,
       coalesce(dv.randomized, false) AS randomized,
       CASE WHEN r.margin IS NULL OR r.margin < 0
                 OR (r.t1 - r.t0) / 1e6 < p.min_visit_s THEN 'passerby'
            WHEN (r.t1 - r.t0) / 1e6 < p.short_visit_s THEN 'short'
            ELSE 'visitor' END AS base_class,
       base_class AS class
FROM _raw_visits r
JOIN sites s ON s.site_id = r.site_id
JOIN _site_params p ON p.site_id = r.site_id
LEFT JOIN devices dv ON dv.device_key = r.device_key
ORDER BY r.site_id, local_start
"""  # stored in the order a site's chart queries read them: they skip the other row groups

# Roles from visits of the given sites (_role_sites). Fixed first: it wins over staff.
ROLES = """
INSERT INTO device_roles
WITH vv AS (
    SELECT v.site_id, v.device_key, v.base_class, v.detections, v.probes, v.local_start,
           v.local_start + to_microseconds((v.dwell_s * 1e6)::BIGINT) AS local_end
    FROM visits v JOIN _role_sites USING (site_id)
), v AS (
    -- a visit that runs past local midnight (fixed equipment does) counts on every day it
    -- covers, with the part of it that falls on that day; the others (nearly all) are not
    -- put through generate_series (−15 % of this statement)
    SELECT site_id, device_key, base_class, detections, probes, local_start::DATE AS day,
           local_start AS s, local_end AS e
    FROM vv WHERE local_end::DATE = local_start::DATE
    UNION ALL
    SELECT site_id, device_key, base_class, detections, probes, day::DATE AS day,
           greatest(local_start, day) AS s, least(local_end, day + INTERVAL 1 DAY) AS e
    FROM (SELECT vv.*, unnest(generate_series(local_start::DATE::TIMESTAMP, local_end::DATE::TIMESTAMP,
                                              INTERVAL 1 DAY)) AS day
          FROM vv WHERE local_end::DATE > local_start::DATE)
), site_days AS (
    -- day_no counts the site's days with data: staff windows are of days the site was open
    -- (an event on two weekends a month apart, a store closed on Sundays)
    SELECT site_id, day, greatest(epoch(max(e)) - epoch(min(s)), 1) AS site_span,
           row_number() OVER (PARTITION BY site_id ORDER BY day) AS day_no
    FROM v GROUP BY site_id, day
), n_site_days AS (
    SELECT site_id, count(*) AS n_days FROM site_days GROUP BY ALL
), dev_days AS (
    SELECT site_id, device_key, day,
           epoch(max(e)) - epoch(min(s)) AS span,
           epoch(max(e) FILTER (WHERE base_class <> 'passerby'))
             - epoch(min(s) FILTER (WHERE base_class <> 'passerby')) AS inside_span,
           sum(detections) AS detections, sum(probes) AS probes
    FROM v GROUP BY ALL
), dev AS (
    SELECT dd.site_id, dd.device_key, count(*) AS days, avg(dd.span) / 3600 AS hours,
           avg(least(dd.span / sd.site_span, 1)) AS span_share,
           1 - sum(dd.probes) / sum(dd.detections) AS nonprobe_share
    FROM dev_days dd JOIN site_days sd USING (site_id, day)
    GROUP BY ALL
), fixed AS (
    SELECT dev.site_id, dev.device_key, 'fixed' AS role,
           CASE WHEN dev.days >= p.fixed_day_share * n.n_days AND dev.span_share >= p.fixed_span_share
                THEN printf('present on %d of %d days, %.0f%% of the site''s daily span',
                            dev.days, n.n_days, 100 * dev.span_share)
                ELSE printf('%.0f%% of frames are not probe requests, present on %d of %d days',
                            100 * dev.nonprobe_share, dev.days, n.n_days) END AS reason
    FROM dev JOIN n_site_days n USING (site_id) JOIN _site_params p USING (site_id)
    WHERE dev.days >= p.fixed_min_days AND dev.hours >= p.fixed_min_hours
      AND ((dev.days >= p.fixed_day_share * n.n_days AND dev.span_share >= p.fixed_span_share)
           OR (dev.nonprobe_share >= p.fixed_nonprobe_share AND dev.days >= p.fixed_nonprobe_day_share * n.n_days))
), long_days AS (
    SELECT dd.site_id, dd.device_key, sd.day_no, p.staff_window_days AS z,
           least(p.staff_days, n.n_days) AS y, p.staff_hours AS x
    FROM dev_days dd JOIN site_days sd USING (site_id, day) JOIN _site_params p USING (site_id)
    JOIN n_site_days n USING (site_id)
    WHERE dd.inside_span > p.staff_hours * 3600
), staff AS (
    SELECT a.site_id, a.device_key, 'staff' AS role,
           printf('present more than %g h a day on %d of %d consecutive days the site had data',
                  any_value(a.x), max(n), any_value(a.z)) AS reason
    FROM (SELECT a.site_id, a.device_key, a.day_no, any_value(a.x) AS x, any_value(a.y) AS y,
                 any_value(a.z) AS z, count(*) AS n
          FROM long_days a JOIN long_days b
            ON a.site_id = b.site_id AND a.device_key = b.device_key
           AND b.day_no BETWEEN a.day_no - (a.z - 1) AND a.day_no
          GROUP BY a.site_id, a.device_key, a.day_no) a
    WHERE n >= y
    GROUP BY a.site_id, a.device_key
)
SELECT * FROM fixed
UNION ALL
SELECT s.* FROM staff s ANTI JOIN fixed f USING (site_id, device_key)
"""

# Only visits of role devices change: first every staff/fixed visit of the sites concerned
# goes back to its own class, then the current roles are applied.
RESET_ROLES = """
UPDATE visits SET class = base_class
WHERE class IN ('staff', 'fixed') AND site_id IN (SELECT site_id FROM _role_sites)
"""
APPLY_ROLES = """
UPDATE visits SET class = r.role
FROM device_roles r
WHERE r.site_id = visits.site_id AND r.device_key = visits.device_key
  AND r.site_id IN (SELECT site_id FROM _role_sites)
"""


# --- rebuild ----------------------------------------------------------------------------------

def last_build(ws: Workspace) -> dict | None:
    cur = ws.con.execute("SELECT * FROM visit_builds ORDER BY build_id DESC LIMIT 1")
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def _counts(con) -> dict:
    by_class = dict(con.execute("SELECT class, count(*) FROM visits GROUP BY class").fetchall())
    roles = dict(con.execute("SELECT role, count(*) FROM device_roles GROUP BY role").fetchall())
    return {"visits": {c: int(by_class.get(c, 0)) for c in CLASSES},
            "visits_total": int(sum(by_class.values())),
            "staff_devices": int(roles.get("staff", 0)), "fixed_devices": int(roles.get("fixed", 0))}


def rebuild(ws: Workspace, *, full: bool = False, progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None) -> dict:
    """Rebuild visits and device roles (incrementally when allowed, see module doc).

    Returns counts of visits by class, staff and fixed devices, the mode used, how many
    (site, device) pairs were sessionized, detections covered and seconds taken."""
    ws.require_writable()
    cancel = cancel or CancelToken()
    started = time.perf_counter()
    con = ws.con
    cancel.watch(con)
    try:
        with ws.transaction():
            result = _rebuild(ws, full, progress, cancel)
    except duckdb.InterruptException as exc:
        raise Cancelled("Rebuilding visits cancelled; the previous visits are kept") from exc
    finally:
        cancel.unwatch(con)
    result["seconds"] = round(time.perf_counter() - started, 3)
    ws.con.execute("UPDATE visit_builds SET seconds = ? WHERE build_id = (SELECT max(build_id) FROM visit_builds)",
                   [result["seconds"]])
    progress(1.0, "visits rebuilt")
    return result


def _rebuild(ws: Workspace, full: bool, progress: ProgressFn, cancel: CancelToken) -> dict:
    con = ws.con
    settings = site_settings(ws)
    fp = fingerprint(ws)
    n_det, max_import = con.execute("SELECT count(*), max(import_id) FROM detections").fetchone()
    last = None if full else last_build(ws)
    mode = "full"
    if last and not settings_changed_since(ws, last):
        seen_before = last["max_import_id"] if last["max_import_id"] is not None else -2**31
        old_rows, new_rows = con.execute(
            "SELECT count(*) FILTER (WHERE import_id <= ?), count(*) FILTER (WHERE import_id > ?) "
            "FROM detections", [seen_before, seen_before]).fetchone()
        if old_rows == last["detections"]:
            mode = "unchanged" if new_rows == 0 else "incremental"
    _params_tables(con, settings)
    cancel.check()
    progress(0.05, f"{mode} rebuild of visits from {n_det:,} detections")
    pairs = None
    if mode == "full":
        con.execute("DELETE FROM visits")
        pairs = sessionize(con, settings, cancel=cancel)
        con.execute("CREATE OR REPLACE TEMP TABLE _role_sites AS SELECT site_id FROM sites")
    elif mode == "incremental":
        con.execute("CREATE OR REPLACE TEMP TABLE _pairs AS SELECT DISTINCT site_id, device_key "
                    "FROM detections WHERE import_id > ?", [last["max_import_id"] if last["max_import_id"]
                                                            is not None else -2**31])
        pairs = con.execute("SELECT count(*) FROM _pairs").fetchone()[0]
        con.execute("DELETE FROM visits USING _pairs p WHERE visits.site_id = p.site_id "
                    "AND visits.device_key = p.device_key")
        sessionize(con, settings, "SEMI JOIN _pairs pr ON pr.site_id = d.site_id AND pr.device_key = d.device_key",
                   cancel=cancel)
        con.execute("CREATE OR REPLACE TEMP TABLE _role_sites AS SELECT DISTINCT site_id FROM _pairs")
    if mode != "unchanged":
        cancel.check()
        progress(0.6, "classifying visits")
        con.execute(CLASSIFY)
        con.execute("DROP TABLE _raw_visits")
        cancel.check()
        progress(0.8, "finding staff and fixed equipment")
        con.execute("DELETE FROM device_roles USING _role_sites rs WHERE device_roles.site_id = rs.site_id")
        con.execute(ROLES)
        con.execute(RESET_ROLES)
        con.execute(APPLY_ROLES)
    counts = _counts(con)
    con.execute("INSERT INTO visit_builds (built_at, fingerprint, max_import_id, detections, incremental, "
                "rebuilt_pairs, counts) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [datetime.now(timezone.utc).replace(tzinfo=None), fp, max_import, n_det,
                 mode != "full", pairs or 0, json.dumps(counts)])
    return {**counts, "mode": mode, "rebuilt_pairs": int(pairs or 0), "detections": int(n_det)}


def ensure_built(ws: Workspace) -> None:
    """Rebuild when visits are stale (new detections or edited parameters); cheap otherwise."""
    last = last_build(ws)
    if ws.read_only:
        return
    if settings_changed_since(ws, last):
        rebuild(ws)
        return
    n_det = ws.con.execute("SELECT count(*) FROM detections").fetchone()[0]
    if n_det != last["detections"]:
        rebuild(ws)
