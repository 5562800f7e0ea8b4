"""Behaviour stats over a selection of sites and a period, comparisons, chart queries.

Everything reads the derived `visits` table (engine/visits.py) in DuckDB; periods are
dates in each site's local time (`local_start`), `to` inclusive. A selection is one site
or several: a device is one device across them (distinct `device_key`), so "unique
visitors" of three malls counts a shopper seen at two of them once. Person-level figures
use non-randomized devices only; randomized MACs are counted apart and their people are
an estimate (engine/randomized.py) — never mixed into person-level counts.

Definitions (the CLI's `o2o stats` contract):
- unique_visitors: distinct non-randomized devices with at least one visit that is not
  passing-by (short or visitor) starting in the period; staff and fixed excluded;
- visits: those devices' short + visitor visits starting in the period; avg/median
  dwell over them;
- passersby: distinct non-randomized devices (not staff/fixed) present in the period and
  seen only passing by;
- staff_devices, fixed_devices, randomized_devices: distinct devices present in the
  period (a visit overlapping it: equipment that stays past midnight counts every day);
- capture_rate = unique_visitors / (unique_visitors + passersby);
- return_rate: share of unique visitors with 2+ visits in the period;
- new / returning: a visitor is returning when they had a visit at the selection
  before the period started.
Chart functions return pandas DataFrames and are meant to run off the GUI thread (give
them `ws.for_thread()`); each is one or two aggregate queries over the selection's visits.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from engine.errors import O2OError
from engine.workspace import Workspace

VISIT = "class IN ('short', 'visitor') AND NOT randomized"
# the local end of a visit, for "present in the period" (overlap, not start)
LOCAL_END = "(local_start + to_microseconds(CAST(dwell_s * 1e6 AS BIGINT)))"
PERSON_FIGURES = ("unique_visitors", "visits", "passersby", "capture_rate", "avg_dwell_s", "median_dwell_s",
                  "return_rate", "short_visits", "new_visitors", "returning_visitors", "visits_per_visitor",
                  "staff_devices", "fixed_devices", "randomized_devices")
RATE_FIGURES = ("capture_rate", "return_rate")  # compared in percentage points, not relative %
GRAINS = {"day": "day", "week": "week", "month": "month"}
# Bucket widths for traffic over time, smallest first; the first that fits max_points wins.
BUCKETS_S = (300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 28 * 86400)
DWELL_EDGES_MIN = (0, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def site_id_of(ws: Workspace, site: str | int) -> int:
    if isinstance(site, (int, np.integer)):
        return int(site)
    row = ws.con.execute("SELECT site_id FROM sites WHERE name = ?", [site]).fetchone()
    if row is None:
        names = [r[0] for r in ws.con.execute("SELECT name FROM sites ORDER BY name").fetchall()]
        raise O2OError(f"No site named {site!r}", hint="Sites: " + (", ".join(names) or "none yet"))
    return row[0]


def site_ids_of(ws: Workspace, site) -> list[int]:
    """A selection as site ids: a name, an id, or a list/tuple of either (None or [] = all)."""
    if site is None or (isinstance(site, (list, tuple)) and not site):
        return [s["site_id"] for s in ws.sites()]
    if isinstance(site, (list, tuple)):
        return sorted({site_id_of(ws, s) for s in site})
    return [site_id_of(ws, site)]


def _in(site_ids: list[int]) -> str:
    """`site_id IN (…)` with the ids inlined (ints only), so DuckDB prunes by zone maps."""
    return f"site_id IN ({', '.join(str(int(s)) for s in site_ids) or 'NULL'})"


def selection_name(ws: Workspace, site_ids: list[int]) -> str:
    names = dict((s["site_id"], s["name"]) for s in ws.sites())
    return ", ".join(names.get(s, str(s)) for s in site_ids)


def visit_days(ws: Workspace, site) -> tuple[date, date] | None:
    """First and last local day with a visit at the selection; None when it has none."""
    ids = site_ids_of(ws, site)
    lo, hi = ws.con.execute(f"SELECT min(local_start)::DATE, max(local_start)::DATE FROM visits WHERE {_in(ids)}"
                            ).fetchone()
    return None if lo is None else (lo, hi)


def _bounds(ws: Workspace, site_ids: list[int], frm: date | None, to: date | None
            ) -> tuple[datetime, datetime] | None:
    """Local [start, end) of the period; open ends take the selection's first/last visit
    day. None when an end is open and the selection has no visits at all."""
    if frm is not None and to is not None and to < frm:
        raise O2OError(f"The period ends ({to}) before it starts ({frm})")
    if frm is None or to is None:
        days = visit_days(ws, site_ids)
        if days is None:
            return None
        # an open end past the other one (from after the last visit, to before the first):
        # an empty period, not an error the analyst did not make
        if frm is None:
            frm = min(days[0], to) if to is not None else days[0]
        if to is None:
            to = max(days[1], frm)
    return datetime.combine(frm, datetime.min.time()), datetime.combine(to + timedelta(days=1), datetime.min.time())


def _empty_bounds() -> tuple[datetime, datetime]:
    """A period no visit falls in, for charts of a selection without visits."""
    return datetime(1970, 1, 1), datetime(1970, 1, 2)


def parse_date(text: str | None) -> date | None:
    if text in (None, ""):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise O2OError(f"Not a date: {text!r}", hint="Use YYYY-MM-DD") from exc


# --- figures -------------------------------------------------------------------------------

# One scan of the visits present in the period, one grouping per device for the device
# figures, and one look before the period for returning visitors.
def _figures_sql(site_ids: list[int]) -> str:
    sites = _in(site_ids)
    return f"""
WITH v AS MATERIALIZED (
    SELECT device_key, randomized, class, dwell_s, local_start >= $lo AS started_in FROM visits
    WHERE {sites} AND local_start >= $scan_from AND local_start < $hi AND {LOCAL_END} >= $lo
), per_device AS (
    SELECT device_key, any_value(randomized) AS randomized,
           count(*) FILTER (WHERE started_in AND {VISIT}) AS n_visits,
           bool_and(class = 'passerby') AS only_passing,
           bool_or(class = 'staff') AS staff, bool_or(class = 'fixed') AS fixed
    FROM v GROUP BY device_key
), earlier AS (
    SELECT DISTINCT device_key FROM visits
    WHERE {sites} AND local_start < $lo AND {VISIT}
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
    FROM v WHERE started_in AND {VISIT}
)
SELECT * FROM devices, visit_figures
"""


def site_stats(ws: Workspace, site, frm: date | None = None, to: date | None = None,
               *, randomized_estimate: bool = True) -> dict:
    """All behaviour figures of a site (or a selection of sites) over a local-date period
    (see module doc). Open ends take the selection's first/last day with a visit; with
    none, `from`/`to` are null and every count is 0."""
    ids = site_ids_of(ws, site)
    bounds = _bounds(ws, ids, frm, to)
    out = {"name": selection_name(ws, ids), "site_id": ids[0] if len(ids) == 1 else None, "sites": len(ids)}
    if bounds is None:
        lo, hi = _empty_bounds()
        out.update({"from": None, "to": None})
    else:
        lo, hi = bounds
        out.update({"from": lo.date().isoformat(), "to": (hi - timedelta(days=1)).date().isoformat()})
    # a visit present in the period started at most the longest dwell before it: a bound
    # the scan can prune row groups by (local_start is sorted within each site)
    longest = ws.con.execute(f"SELECT max(dwell_s) FROM visits WHERE {_in(ids)}").fetchone()[0] or 0.0
    scan_from = lo - timedelta(seconds=float(longest) + 1)
    cur = ws.con.execute(_figures_sql(ids), {"lo": lo, "hi": hi, "scan_from": scan_from})
    row = dict(zip([d[0] for d in cur.description], cur.fetchone()))
    uv, pb = int(row["unique_visitors"]), int(row["passersby"])
    out.update({
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
    })
    if randomized_estimate:
        out["randomized_visitors"] = randomized_people(ws, ids, lo, hi)
    return out


def randomized_people(ws: Workspace, site_ids: list[int], lo: datetime, hi: datetime) -> dict:
    """People behind randomized MACs at the sites over local [lo, hi) (engine/randomized.py).

    Randomized MACs cannot be followed from one site to another, so for several sites the
    sites' estimates are added up and scaled by how much the non-randomized visitors
    overlap between those sites (distinct visitors of the selection / the sum of each
    site's visitors): people who randomize are assumed to visit several sites as often as
    people who do not. `low` is scaled the same way; `high` stays the plain sum (nobody is
    counted less than once at a site, so the sum bounds the people from above)."""
    from engine.randomized import estimate_visitors

    parts = [estimate_visitors(ws, s, lo, hi) for s in site_ids]
    if not parts:
        return {"estimate": 0, "low": 0, "high": 0, "macs": 0, "method": ""}
    total = {k: int(sum(p[k] for p in parts)) for k in ("estimate", "low", "high", "macs")}
    if len(parts) == 1:
        return {**total, "method": parts[0]["method"]}
    distinct, summed = ws.con.execute(f"""
        SELECT count(DISTINCT device_key), (SELECT count(*) FROM (SELECT DISTINCT site_id, device_key FROM visits
               WHERE {_in(site_ids)} AND local_start >= $lo AND local_start < $hi AND {VISIT}))
        FROM visits WHERE {_in(site_ids)} AND local_start >= $lo AND local_start < $hi AND {VISIT}""",
                                       {"lo": lo, "hi": hi}).fetchone()
    overlap = distinct / summed if summed else 1.0
    return {"estimate": round(total["estimate"] * overlap), "low": round(total["low"] * overlap),
            "high": total["high"], "macs": total["macs"],
            "method": parts[0]["method"] + f"; per-site estimates added and scaled by the non-randomized visitors' "
                                           f"overlap between the sites ({distinct:,} distinct of {summed:,} = "
                                           f"{overlap:.3f})"}


def _round(value, digits: int = 1):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else round(float(value), digits)


def all_site_stats(ws: Workspace, site: str | None = None, frm: date | None = None,
                   to: date | None = None) -> list[dict]:
    """One entry per site (each over its own days when the period is open)."""
    sites = [site_id_of(ws, site)] if site else [s["site_id"] for s in ws.sites()]
    return [site_stats(ws, s, frm, to) for s in sites]


def compare(a: dict, b: dict, figures=PERSON_FIGURES) -> list[dict]:
    """A beside B: each figure of both and how A differs from B — `change_pct` relative to
    B for counts and durations, `change_pp` in percentage points for rates (a capture rate
    going from 20 % to 25 % is +5 pp, not +25 %)."""
    rows = []
    for key in figures:
        va, vb = a.get(key), b.get(key)
        change_pct = change_pp = None
        numbers = isinstance(va, (int, float)) and isinstance(vb, (int, float))
        if numbers and key in RATE_FIGURES:
            change_pp = round(100.0 * (va - vb), 1)
        elif numbers and vb:
            change_pct = round(100.0 * (va - vb) / abs(vb), 1)
        rows.append({"figure": key, "a": va, "b": vb, "change_pct": change_pct, "change_pp": change_pp})
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
    rates, dwell, new vs returning (returning = visited the selection before that period)."""
    if grain not in GRAINS:
        raise O2OError(f"Unknown period {grain!r}", hint="day, week or month")
    ids = site_ids_of(ws, site)
    lo, hi = _bounds(ws, ids, frm, to) or _empty_bounds()
    # new visitors of a period = devices whose first visit in the range falls in it and who
    # had none before the range; returning = the rest (no join of every (period, device))
    return ws.con.execute(f"""
        WITH v AS (
            SELECT device_key, randomized, class, dwell_s, date_trunc('{grain}', local_start)::DATE AS period
            FROM visits WHERE {_in(ids)} AND local_start >= $lo AND local_start < $hi
        ), per AS (
            SELECT period, device_key, any_value(randomized) AS randomized,
                   count(*) FILTER (WHERE {VISIT}) AS n, bool_and(class = 'passerby') AS passing
            FROM v GROUP BY ALL
        ), dev AS (
            SELECT period, count(*) FILTER (WHERE n > 0) AS unique_visitors,
                   count(*) FILTER (WHERE passing AND NOT randomized) AS passersby,
                   count(*) FILTER (WHERE n >= 2) AS returned_in_period
            FROM per GROUP BY period
        ), firsts AS (
            SELECT device_key, min(period) AS period FROM v WHERE {VISIT} GROUP BY device_key
        ), new AS (
            SELECT period, count(*) AS new_visitors FROM firsts
            WHERE device_key NOT IN (SELECT device_key FROM visits
                                     WHERE {_in(ids)} AND local_start < $lo AND {VISIT})
            GROUP BY period
        ), vis AS (
            SELECT period, count(*) AS visits, avg(dwell_s) AS avg_dwell_s, median(dwell_s) AS median_dwell_s
            FROM v WHERE {VISIT} GROUP BY period
        )
        SELECT period, unique_visitors, coalesce(visits, 0) AS visits, passersby,
               unique_visitors / nullif(unique_visitors + passersby, 0) AS capture_rate,
               avg_dwell_s, median_dwell_s,
               returned_in_period / nullif(unique_visitors, 0) AS return_rate,
               coalesce(new_visitors, 0) AS new_visitors, unique_visitors - coalesce(new_visitors, 0) AS returning_visitors
        FROM dev LEFT JOIN vis USING (period) LEFT JOIN new USING (period) ORDER BY period
    """, {"lo": lo, "hi": hi}).df()


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
    ids = site_ids_of(ws, site)
    if isinstance(frm, datetime) and isinstance(to, datetime):
        lo, hi = frm, to
    else:
        lo, hi = _bounds(ws, ids, frm, to) or _empty_bounds()
    width = bucket_seconds(lo, hi, max_points)
    df = ws.con.execute(f"""
        -- distinct devices per bucket in two plain groupings (one row per bucket and
        -- device first), cheaper than three DISTINCT aggregates over every visit
        WITH per AS (
            SELECT time_bucket(to_seconds($w), local_start, $lo::TIMESTAMP) AS bucket, device_key,
                   count(*) FILTER (WHERE {VISIT}) AS n_visits,
                   bool_or(class = 'passerby' AND NOT randomized) AS passing,
                   bool_or(randomized) AS randomized
            FROM visits WHERE {_in(ids)} AND local_start >= $lo AND local_start < $hi
            GROUP BY ALL
        )
        SELECT bucket, sum(n_visits)::BIGINT AS visits, count(*) FILTER (WHERE n_visits > 0) AS visitors,
               count(*) FILTER (WHERE passing) AS passersby, count(*) FILTER (WHERE randomized) AS randomized_devices
        FROM per GROUP BY bucket ORDER BY bucket
    """, {"w": width, "lo": lo, "hi": hi}).df()
    index = pd.date_range(lo, hi, freq=pd.Timedelta(seconds=width), inclusive="left", name="bucket")
    df = df.set_index("bucket").reindex(index, fill_value=0).reset_index()
    df.attrs["bucket_seconds"] = width
    return df


def dwell_histogram(ws: Workspace, site, frm: date | None = None, to: date | None = None,
                    edges_min=DWELL_EDGES_MIN) -> pd.DataFrame:
    """Visits (short + visitor) per dwell bin in minutes; the last bin is open-ended."""
    ids = site_ids_of(ws, site)
    lo, hi = _bounds(ws, ids, frm, to) or _empty_bounds()
    # bin i (1-based) holds edges[i-1] <= dwell < edges[i]; the edges are our own numbers
    whens = " ".join(f"WHEN dwell_s < {float(e) * 60!r} THEN {i}" for i, e in enumerate(edges_min[1:], 1))
    counts = ws.con.execute(f"""
        SELECT CASE {whens} ELSE {len(edges_min)} END AS bin, count(*) AS visits
        FROM visits WHERE {_in(ids)} AND local_start >= $lo AND local_start < $hi AND {VISIT}
        GROUP BY bin
    """, {"lo": lo, "hi": hi}).fetchall()
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
    ids = site_ids_of(ws, site)
    lo, hi = _bounds(ws, ids, frm, to) or _empty_bounds()
    agg = "count(DISTINCT device_key)" if measure == "visitors" else "count(*)"
    rows = ws.con.execute(f"""
        SELECT isodow(local_start) - 1 AS dow, hour(local_start) AS hour, {agg} AS n
        FROM visits WHERE {_in(ids)} AND local_start >= $lo AND local_start < $hi AND {VISIT}
        GROUP BY ALL
    """, {"lo": lo, "hi": hi}).fetchnumpy()
    matrix = np.zeros((7, 24), dtype=np.int64)
    matrix[rows["dow"].astype(int), rows["hour"].astype(int)] = rows["n"]
    return pd.DataFrame(matrix, index=list(WEEKDAYS), columns=list(range(24)))


def returns(ws: Workspace, site, frm: date | None = None, to: date | None = None,
            *, cap: int = 10) -> pd.DataFrame:
    """How many visitors came 1, 2, … cap+ times in the period, with their share."""
    ids = site_ids_of(ws, site)
    lo, hi = _bounds(ws, ids, frm, to) or _empty_bounds()
    df = ws.con.execute(f"""
        SELECT least(n, $cap) AS visits, count(*) AS visitors FROM (
            SELECT device_key, count(*) AS n FROM visits
            WHERE {_in(ids)} AND local_start >= $lo AND local_start < $hi AND {VISIT}
            GROUP BY device_key)
        GROUP BY ALL ORDER BY visits
    """, {"cap": cap, "lo": lo, "hi": hi}).df()
    total = df["visitors"].sum()
    df["share"] = df["visitors"] / total if total else 0.0
    df["label"] = [f"{v}+" if v == cap else str(v) for v in df["visits"]]
    return df
