"""Behaviour stats per site and period, comparisons, and the dashboard's chart queries.

Everything reads the derived `visits` table (engine/visits.py) in DuckDB; periods are
dates in the site's local time (`local_start`), `to` inclusive. Person-level figures use
non-randomized devices only; randomized MACs are counted apart and their people are an
estimate (engine/randomized.py) — never mixed into person-level counts.

Definitions (the CLI's `o2o stats` contract):
- unique_visitors: distinct non-randomized devices with at least one visit that is not
  passing-by (short or visitor) in the period; staff and fixed equipment excluded;
- visits: those devices' short + visitor visits; avg/median dwell over them;
- passersby: distinct non-randomized devices (not staff/fixed) seen only passing by;
- capture_rate = unique_visitors / (unique_visitors + passersby);
- return_rate: share of unique visitors with 2+ visits in the period;
- new / returning: a visitor is returning when they had a visit at the site before the
  period started.
Chart functions return pandas DataFrames and are meant to run off the GUI thread (give
them `ws.for_thread()`); each is one or two aggregate queries over one site's visits.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from engine.errors import O2OError
from engine.workspace import Workspace

VISIT = "class IN ('short', 'visitor') AND NOT randomized"
PERSON_FIGURES = ("unique_visitors", "visits", "passersby", "capture_rate", "avg_dwell_s", "median_dwell_s",
                  "return_rate", "short_visits", "new_visitors", "returning_visitors", "visits_per_visitor",
                  "staff_devices", "fixed_devices", "randomized_devices")
GRAINS = {"day": "day", "week": "week", "month": "month"}
# Bucket widths for traffic over time, smallest first; the first that fits max_points wins.
BUCKETS_S = (300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 28 * 86400)
DWELL_EDGES_MIN = (0, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def site_id_of(ws: Workspace, site: str | int) -> int:
    if isinstance(site, int):
        return site
    row = ws.con.execute("SELECT site_id FROM sites WHERE name = ?", [site]).fetchone()
    if row is None:
        names = [r[0] for r in ws.con.execute("SELECT name FROM sites ORDER BY name").fetchall()]
        raise O2OError(f"No site named {site!r}", hint="Sites: " + (", ".join(names) or "none yet"))
    return row[0]


def _bounds(ws: Workspace, site_id: int, frm: date | None, to: date | None) -> tuple[datetime, datetime]:
    """Local [start, end) of the period; open ends take the site's first/last visit day."""
    if frm is None or to is None:
        lo, hi = ws.con.execute("SELECT min(local_start), max(local_start) FROM visits WHERE site_id = ?",
                                [site_id]).fetchone()
        lo, hi = lo or datetime(2000, 1, 1), hi or datetime(2000, 1, 1)
        frm = frm or lo.date()
        to = to or hi.date()
    if to < frm:
        raise O2OError(f"The period ends ({to}) before it starts ({frm})")
    return datetime.combine(frm, datetime.min.time()), datetime.combine(to + timedelta(days=1), datetime.min.time())


def parse_date(text: str | None) -> date | None:
    if text in (None, ""):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise O2OError(f"Not a date: {text!r}", hint="Use YYYY-MM-DD") from exc


# --- figures -------------------------------------------------------------------------------

# One scan of the period's visits for the visit-level figures, one grouping per device for
# the device-level ones, and one look before the period for returning visitors.
_FIGURES_SQL = f"""
WITH v AS MATERIALIZED (
    SELECT device_key, randomized, class, dwell_s FROM visits
    WHERE site_id = $site AND local_start >= $lo AND local_start < $hi
), per_device AS (
    SELECT device_key, any_value(randomized) AS randomized,
           count(*) FILTER (WHERE {VISIT}) AS n_visits,
           bool_and(class = 'passerby') AS only_passing,
           bool_or(class = 'staff') AS staff, bool_or(class = 'fixed') AS fixed
    FROM v GROUP BY device_key
), earlier AS (
    SELECT DISTINCT device_key FROM visits
    WHERE site_id = $site AND local_start < $lo AND {VISIT}
), devices AS (
    SELECT count(*) FILTER (WHERE n_visits > 0) AS unique_visitors,
           count(*) FILTER (WHERE only_passing AND NOT randomized) AS passersby,
           count(*) FILTER (WHERE n_visits >= 2) AS returning_in_period,
           count(*) FILTER (WHERE staff) AS staff_devices,
           count(*) FILTER (WHERE fixed) AS fixed_devices,
           count(*) FILTER (WHERE randomized) AS randomized_devices,
           count(*) FILTER (WHERE n_visits > 0 AND device_key IN (SELECT device_key FROM earlier))
               AS returning_visitors
    FROM per_device
), visit_figures AS (
    SELECT count(*) AS visits, count(*) FILTER (WHERE class = 'short') AS short_visits,
           avg(dwell_s) AS avg_dwell_s, median(dwell_s) AS median_dwell_s
    FROM v WHERE {VISIT}
)
SELECT * FROM devices, visit_figures
"""


def site_stats(ws: Workspace, site: str | int, frm: date | None = None, to: date | None = None,
               *, randomized_estimate: bool = True) -> dict:
    """All behaviour figures of one site over a local-date period (see module doc)."""
    site_id = site_id_of(ws, site)
    lo, hi = _bounds(ws, site_id, frm, to)
    cur = ws.con.execute(_FIGURES_SQL, {"site": site_id, "lo": lo, "hi": hi})
    row = dict(zip([d[0] for d in cur.description], cur.fetchone()))
    uv, pb = int(row["unique_visitors"]), int(row["passersby"])
    name = ws.con.execute("SELECT name FROM sites WHERE site_id = ?", [site_id]).fetchone()[0]
    out = {
        "name": name, "site_id": site_id,
        "from": lo.date().isoformat(), "to": (hi - timedelta(days=1)).date().isoformat(),
        "unique_visitors": uv, "visits": int(row["visits"]), "short_visits": int(row["short_visits"]),
        "passersby": pb,
        "capture_rate": round(uv / (uv + pb), 4) if uv + pb else None,
        "avg_dwell_s": _round(row["avg_dwell_s"]), "median_dwell_s": _round(row["median_dwell_s"]),
        "return_rate": round(row["returning_in_period"] / uv, 4) if uv else None,
        "new_visitors": uv - int(row["returning_visitors"]),
        "returning_visitors": int(row["returning_visitors"]),
        "visits_per_visitor": round(row["visits"] / uv, 3) if uv else None,
        "staff_devices": int(row["staff_devices"]), "fixed_devices": int(row["fixed_devices"]),
        "randomized_devices": int(row["randomized_devices"]),
    }
    if randomized_estimate:
        from engine.randomized import estimate_visitors

        out["randomized_visitors"] = estimate_visitors(ws, site_id, lo, hi)
    return out


def _round(value, digits: int = 1):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else round(float(value), digits)


def all_site_stats(ws: Workspace, site: str | None = None, frm: date | None = None,
                   to: date | None = None) -> list[dict]:
    sites = [site_id_of(ws, site)] if site else [s["site_id"] for s in ws.sites()]
    return [site_stats(ws, s, frm, to) for s in sites]


def compare(a: dict, b: dict, figures=PERSON_FIGURES) -> list[dict]:
    """Side by side: each figure of a and b and the change from a to b in %."""
    rows = []
    for key in figures:
        va, vb = a.get(key), b.get(key)
        change = None
        if isinstance(va, (int, float)) and isinstance(vb, (int, float)) and va:
            change = round(100.0 * (vb - va) / abs(va), 1)
        rows.append({"figure": key, "a": va, "b": vb, "change_pct": change})
    return rows


def compare_sites(ws: Workspace, site_a, site_b, frm: date | None = None, to: date | None = None) -> list[dict]:
    return compare(site_stats(ws, site_a, frm, to, randomized_estimate=False),
                   site_stats(ws, site_b, frm, to, randomized_estimate=False))


def compare_periods(ws: Workspace, site, period_a: tuple[date, date], period_b: tuple[date, date]) -> list[dict]:
    return compare(site_stats(ws, site, *period_a, randomized_estimate=False),
                   site_stats(ws, site, *period_b, randomized_estimate=False))


def period_table(ws: Workspace, site, grain: str = "day", frm: date | None = None,
                 to: date | None = None) -> pd.DataFrame:
    """One row per local day/week/month: visitors, visits, passers-by, capture and return
    rates, dwell, new vs returning (returning = visited the site before that period)."""
    if grain not in GRAINS:
        raise O2OError(f"Unknown period {grain!r}", hint="day, week or month")
    site_id = site_id_of(ws, site)
    lo, hi = _bounds(ws, site_id, frm, to)
    return ws.con.execute(f"""
        WITH v AS MATERIALIZED (
            SELECT device_key, randomized, class, dwell_s, local_start,
                   date_trunc('{grain}', local_start)::DATE AS period FROM visits
            WHERE site_id = $site AND local_start < $hi
        ), first_visit AS (
            SELECT device_key, min(period) AS first_period FROM v WHERE {VISIT} GROUP BY ALL
        ), per AS (
            SELECT period, device_key, any_value(randomized) AS randomized,
                   count(*) FILTER (WHERE {VISIT}) AS n, bool_and(class = 'passerby') AS passing
            FROM v WHERE local_start >= $lo GROUP BY ALL
        ), dev AS (
            SELECT period, count(*) FILTER (WHERE n > 0) AS unique_visitors,
                   count(*) FILTER (WHERE passing AND NOT randomized) AS passersby,
                   count(*) FILTER (WHERE n >= 2) AS returned_in_period,
                   count(*) FILTER (WHERE n > 0 AND f.first_period < per.period) AS returning_visitors
            FROM per LEFT JOIN first_visit f USING (device_key) GROUP BY period
        ), vis AS (
            SELECT period, count(*) AS visits, avg(dwell_s) AS avg_dwell_s, median(dwell_s) AS median_dwell_s
            FROM v WHERE local_start >= $lo AND {VISIT} GROUP BY period
        )
        SELECT period, unique_visitors, coalesce(visits, 0) AS visits, passersby,
               unique_visitors / nullif(unique_visitors + passersby, 0) AS capture_rate,
               avg_dwell_s, median_dwell_s,
               returned_in_period / nullif(unique_visitors, 0) AS return_rate,
               unique_visitors - returning_visitors AS new_visitors, returning_visitors
        FROM dev LEFT JOIN vis USING (period) ORDER BY period
    """, {"site": site_id, "lo": lo, "hi": hi}).df()


# --- charts --------------------------------------------------------------------------------

def bucket_seconds(lo: datetime, hi: datetime, max_points: int) -> int:
    span = (hi - lo).total_seconds()
    for width in BUCKETS_S:
        if span / width <= max_points:
            return width
    return int(np.ceil(span / max_points / 86400)) * 86400


def traffic_series(ws: Workspace, site, frm: date | datetime | None = None, to: date | datetime | None = None,
                   *, max_points: int = 500) -> pd.DataFrame:
    """Traffic over time at ≤ max_points buckets: visits and visitors (started in the
    bucket) and passers-by, zeros where nothing happened. Accepts dates (whole local days)
    or datetimes (an exact local range, e.g. a zoomed chart)."""
    site_id = site_id_of(ws, site)
    if isinstance(frm, datetime) and isinstance(to, datetime):
        lo, hi = frm, to
    else:
        lo, hi = _bounds(ws, site_id, frm, to)
    width = bucket_seconds(lo, hi, max_points)
    df = ws.con.execute(f"""
        -- distinct devices per bucket in two plain groupings (one row per bucket and
        -- device first), cheaper than three DISTINCT aggregates over every visit
        WITH per AS (
            SELECT time_bucket(to_seconds($w), local_start, $lo::TIMESTAMP) AS bucket, device_key,
                   count(*) FILTER (WHERE {VISIT}) AS n_visits,
                   bool_or(class = 'passerby' AND NOT randomized) AS passing,
                   bool_or(randomized) AS randomized
            FROM visits WHERE site_id = $site AND local_start >= $lo AND local_start < $hi
            GROUP BY ALL
        )
        SELECT bucket, sum(n_visits)::BIGINT AS visits, count(*) FILTER (WHERE n_visits > 0) AS visitors,
               count(*) FILTER (WHERE passing) AS passersby, count(*) FILTER (WHERE randomized) AS randomized_devices
        FROM per GROUP BY bucket ORDER BY bucket
    """, {"w": width, "lo": lo, "hi": hi, "site": site_id}).df()
    index = pd.date_range(lo, hi, freq=pd.Timedelta(seconds=width), inclusive="left", name="bucket")
    df = df.set_index("bucket").reindex(index, fill_value=0).reset_index()
    df.attrs["bucket_seconds"] = width
    return df


def dwell_histogram(ws: Workspace, site, frm: date | None = None, to: date | None = None,
                    edges_min=DWELL_EDGES_MIN) -> pd.DataFrame:
    """Visits (short + visitor) per dwell bin in minutes; the last bin is open-ended."""
    site_id = site_id_of(ws, site)
    lo, hi = _bounds(ws, site_id, frm, to)
    # bin i (1-based) holds edges[i-1] <= dwell < edges[i]; the edges are our own numbers
    whens = " ".join(f"WHEN dwell_s < {float(e) * 60!r} THEN {i}" for i, e in enumerate(edges_min[1:], 1))
    counts = ws.con.execute(f"""
        SELECT CASE {whens} ELSE {len(edges_min)} END AS bin, count(*) AS visits
        FROM visits WHERE site_id = $site AND local_start >= $lo AND local_start < $hi AND {VISIT}
        GROUP BY bin
    """, {"site": site_id, "lo": lo, "hi": hi}).fetchall()
    by_bin = dict(counts)
    rows = []
    for i, e in enumerate(edges_min):
        upper = edges_min[i + 1] if i + 1 < len(edges_min) else None
        label = f"{e}–{upper} min" if upper is not None else f"{e}+ min"
        rows.append({"from_min": e, "to_min": upper, "label": label, "visits": int(by_bin.get(i + 1, 0))})
    return pd.DataFrame(rows)


def hour_weekday(ws: Workspace, site, frm: date | None = None, to: date | None = None,
                 *, measure: str = "visits") -> pd.DataFrame:
    """7 × 24 matrix (rows Mon..Sun, columns hours 0..23, site local time) of visits
    started, or of distinct visitors when measure='visitors'."""
    site_id = site_id_of(ws, site)
    lo, hi = _bounds(ws, site_id, frm, to)
    agg = "count(DISTINCT device_key)" if measure == "visitors" else "count(*)"
    rows = ws.con.execute(f"""
        SELECT isodow(local_start) - 1 AS dow, hour(local_start) AS hour, {agg} AS n
        FROM visits WHERE site_id = $site AND local_start >= $lo AND local_start < $hi AND {VISIT}
        GROUP BY ALL
    """, {"site": site_id, "lo": lo, "hi": hi}).fetchnumpy()
    matrix = np.zeros((7, 24), dtype=np.int64)
    matrix[rows["dow"].astype(int), rows["hour"].astype(int)] = rows["n"]
    return pd.DataFrame(matrix, index=list(WEEKDAYS), columns=list(range(24)))


def returns(ws: Workspace, site, frm: date | None = None, to: date | None = None,
            *, cap: int = 10) -> pd.DataFrame:
    """How many visitors came 1, 2, … cap+ times in the period, with their share."""
    site_id = site_id_of(ws, site)
    lo, hi = _bounds(ws, site_id, frm, to)
    df = ws.con.execute(f"""
        SELECT least(n, $cap) AS visits, count(*) AS visitors FROM (
            SELECT device_key, count(*) AS n FROM visits
            WHERE site_id = $site AND local_start >= $lo AND local_start < $hi AND {VISIT}
            GROUP BY device_key)
        GROUP BY ALL ORDER BY visits
    """, {"cap": cap, "site": site_id, "lo": lo, "hi": hi}).df()
    total = df["visitors"].sum()
    df["share"] = df["visitors"] / total if total else 0.0
    df["label"] = [f"{v}+" if v == cap else str(v) for v in df["visits"]]
    return df
