"""What the Visits dashboard asks for, in one call per refresh (no Qt here).

The dashboard's context names a selection (one site, several, or all) and a period that
may be open. This module resolves the period to explicit local dates and asks
engine/stats.py, which answers for the whole selection at once: a device seen at two of
the selected sites is one unique visitor, charts count each device once per bucket, and
the randomized-MAC estimate is the sum of the sites' estimates (MACs cannot be followed
between sites). The per-site table beside the tiles asks each site alone.
The comparison period is the previous period of equal length (no comparison for
"all time"). Every function here runs off the GUI thread (give it `ws.for_thread()`).
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from engine import stats
from engine.progress import CancelToken, ProgressFn, no_progress
from engine.workspace import Workspace

TRAFFIC_POINTS = 400


@contextmanager
def _interruptible(ws: Workspace, cancel: CancelToken | None):
    """A superseded refresh stops its running DuckDB query instead of finishing it."""
    if cancel is None:
        yield
        return
    cancel.watch(ws.con)
    try:
        yield
    finally:
        cancel.unwatch(ws.con)


def state(ws: Workspace) -> dict:
    """Whether there is anything to show: detections, a visits build, whether it is stale."""
    from engine import visits

    n_det = ws.con.execute("SELECT count(*) FROM detections").fetchone()[0]
    last = visits.last_build(ws)
    stale = last is not None and (visits.settings_changed_since(ws, last) or last["detections"] != n_det)
    return {"detections": int(n_det), "built": last is not None, "stale": bool(stale),
            "built_at": last["built_at"] if last else None}


def selected_sites(ws: Workspace, site_ids) -> list[int]:
    """The sites of the selection (empty = all), in site_id order."""
    known = [s["site_id"] for s in ws.sites()]
    return [s for s in known if not site_ids or s in set(site_ids)]


def resolve_period(ws: Workspace, site_ids: list[int], frm: date | None, to: date | None) -> tuple[date, date] | None:
    """Explicit local dates of the period; open ends take the selection's first/last visit day.
    None when the selected sites have no visits at all."""
    if frm is not None and to is not None:
        return frm, to
    if not site_ids:
        return None
    days = stats.visit_days(ws, site_ids)
    if days is None:
        return None
    return frm or days[0], to or days[1]


def previous_period(frm: date, to: date) -> tuple[date, date]:
    """The period of equal length that ends the day before `frm`."""
    days = (to - frm).days + 1
    return frm - timedelta(days=days), frm - timedelta(days=1)


def figures(ws: Workspace, site_ids: list[int], frm: date, to: date, *, estimate: bool = True) -> dict:
    """The dashboard's figures for the selection over [frm, to] (engine/stats.site_stats)."""
    return stats.site_stats(ws, site_ids, frm, to, randomized_estimate=estimate)


# --- charts ----------------------------------------------------------------------------------

def traffic(ws: Workspace, site_ids: list[int], lo: datetime, hi: datetime,
            max_points: int = TRAFFIC_POINTS) -> pd.DataFrame:
    """Traffic over local [lo, hi) at ≤ max_points buckets for the selection."""
    return stats.traffic_series(ws, site_ids, lo, hi, max_points=max_points)


def grain_for(frm: date, to: date) -> str:
    days = (to - frm).days + 1
    return "day" if days <= 92 else "week" if days <= 730 else "month"


CHART_PARTS = ("main", "periods")


def charts(ws: Workspace, site_ids: list[int], frm: date, to: date, parts=CHART_PARTS) -> dict:
    """The dashboard's charts for the sites over [frm, to], as DataFrames. `parts` lets the
    screen fetch the two halves side by side: "main" (traffic, dwell, hour × weekday,
    returns) and "periods" (new vs returning per day/week/month)."""
    out = {}
    if "main" in parts:
        lo = datetime.combine(frm, datetime.min.time())
        hi = datetime.combine(to + timedelta(days=1), datetime.min.time())
        out.update(traffic=traffic(ws, site_ids, lo, hi), dwell=stats.dwell_histogram(ws, site_ids, frm, to),
                   heatmap=stats.hour_weekday(ws, site_ids, frm, to),
                   returns=stats.returns(ws, site_ids, frm, to)[["visits", "label", "visitors", "share"]])
    if "periods" in parts:
        grain = grain_for(frm, to)
        cols = ["unique_visitors", "visits", "passersby", "new_visitors", "returning_visitors"]
        out["periods"] = stats.period_table(ws, site_ids, grain, frm, to)[["period", *cols]]
        out["grain"] = grain
    return out


def dashboard(ws: Workspace, site_ids, frm: date | None, to: date | None, *,
              progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> dict:
    """The tiles and the per-site table of one refresh (or why there is nothing to show).
    The randomized-MAC estimate (slower) and the charts are separate calls, so the screen
    can run them side by side: `randomized_estimate`, `dashboard_charts`."""
    cancel = cancel or CancelToken()
    with _interruptible(ws, cancel):
        return _dashboard(ws, site_ids, frm, to, progress, cancel)


def _dashboard(ws, site_ids, frm, to, progress, cancel) -> dict:
    out = {"state": state(ws)}
    if not out["state"]["built"]:
        return out
    sites = selected_sites(ws, site_ids)
    out["all_sites"] = [(s["site_id"], s["name"]) for s in ws.sites()]
    period = resolve_period(ws, sites, frm, to)
    out.update(sites=sites, period=period, all_time=frm is None and to is None)
    if period is None:
        return out
    frm, to = period
    progress(0.1, "figures")
    out["figures"] = figures(ws, sites, frm, to, estimate=False)
    # each site over its own days when the period is open (an event's one day, not the span of all sites)
    per_site = [out["figures"]] if len(sites) == 1 else [
        stats.site_stats(ws, s, None if out["all_time"] else frm, None if out["all_time"] else to,
                         randomized_estimate=False) for s in sites]
    out["per_site"] = pd.DataFrame(per_site)
    cancel.check()
    if not out["all_time"]:
        progress(0.6, "comparison period")
        prev = previous_period(frm, to)
        out["previous_period"] = prev
        out["previous"] = figures(ws, sites, *prev, estimate=False)
    return out


def dashboard_charts(ws: Workspace, site_ids, frm: date | None, to: date | None, *,
                     parts=CHART_PARTS, cancel: CancelToken | None = None) -> dict | None:
    """The charts (or some `parts` of them) of one refresh; None when there are no visits."""
    with _interruptible(ws, cancel):
        sites = selected_sites(ws, site_ids)
        period = resolve_period(ws, sites, frm, to) if sites else None
        if period is None:
            return None
        return {"sites": sites, "period": period, "charts": charts(ws, sites, *period, parts)}


def randomized_estimate(ws: Workspace, site_ids, frm: date, to: date) -> dict:
    """People behind randomized MACs at the selection (engine/stats.randomized_people), and
    each site's own estimate under `per_site` (site_id -> estimate) for the figures export."""
    lo = datetime.combine(frm, datetime.min.time())
    hi = datetime.combine(to + timedelta(days=1), datetime.min.time())
    sites = selected_sites(ws, site_ids)
    out = stats.randomized_people(ws, sites, lo, hi)
    out["per_site"] = {s: stats.randomized_people(ws, [s], lo, hi) for s in sites}
    return out


def compare(ws: Workspace, a: tuple[list[int], date, date], b: tuple[list[int], date, date]) -> dict:
    """Two selections (sites + period) side by side: figures with change in %, and daily
    visitors of each by day number so two periods line up."""
    fig_a = figures(ws, *a, estimate=False)
    fig_b = figures(ws, *b, estimate=False)
    rows = pd.DataFrame(stats.compare(fig_a, fig_b))

    def daily(sites, frm, to):
        df = stats.period_table(ws, sites, "day", frm, to)[["period", "unique_visitors"]]
        days = pd.date_range(frm, to, freq="D")
        df = df.set_index(pd.to_datetime(df["period"]))["unique_visitors"].reindex(days, fill_value=0)
        return df.to_numpy()

    va, vb = daily(*a), daily(*b)
    n = max(len(va), len(vb))
    by_day = pd.DataFrame({"day": np.arange(1, n + 1),
                           "a_visitors": np.pad(va, (0, n - len(va)), constant_values=-1),
                           "b_visitors": np.pad(vb, (0, n - len(vb)), constant_values=-1)})
    by_day = by_day.replace(-1, pd.NA)
    return {"rows": rows, "a": fig_a, "b": fig_b, "by_day": by_day}


# --- thresholds and calibration ---------------------------------------------------------------

def settings_snapshot(ws: Workspace, site_id: int | None) -> dict:
    """What the thresholds tab edits for one scope (None = the workspace defaults): the
    effective values, the values the scope would inherit, the site's sensors with their
    RSSI thresholds, the histogram per sensor of each device's strongest reading of a day (1 dBm bins, the
    calibration's own sample) and the suggested
    thresholds of engine/calibration.py."""
    from engine import visits

    rows = ws.con.execute("SELECT scope, scope_id, key, value FROM visit_settings").fetchall()
    workspace_level = {k: v for s, _, k, v in rows if s == "workspace"}
    inherited = {**visits.DEFAULTS, **workspace_level} if site_id is not None else dict(visits.DEFAULTS)
    own = ({k: v for s, i, k, v in rows if s == "site" and i == site_id} if site_id is not None
           else workspace_level)
    out = {"site_id": site_id, "sites": [(s["site_id"], s["name"]) for s in ws.sites()],
           "inherited": inherited, "own": own, "effective": {**inherited, **own},
           "sensors": pd.DataFrame(), "histogram": pd.DataFrame(columns=["sensor_id", "rssi", "device_days"]),
           "suggestions": {}}
    if site_id is not None:
        out["sensors"] = ws.con.execute(
            "SELECT sensor_id, name, rssi_inside, rssi_outside FROM sensors WHERE site_id = ? ORDER BY sensor_id",
            [site_id]).df()
        from engine import calibration

        ids = [int(i) for i in out["sensors"]["sensor_id"]]
        out["histogram"] = pd.DataFrame(
            [(sid, rssi, n) for sid in ids for rssi, n in calibration.rssi_histogram(ws, sid)],
            columns=["sensor_id", "rssi", "device_days"])
        out["suggestions"] = {sid: calibration.suggest(ws, sid) for sid in ids}
    return out


def save_settings(ws: Workspace, site_id: int | None, values: dict[str, float], inherited: dict[str, float],
                  sensors: dict[int, tuple[int | None, int | None]]) -> None:
    """Store the scope's parameters (a value equal to what it would inherit is cleared, so
    later changes of the defaults reach it) and the sensors' RSSI thresholds, atomically."""
    from engine import visits

    with ws.transaction():
        for key, value in values.items():
            if abs(float(value) - float(inherited[key])) < 1e-9:
                visits.clear_setting(ws, key, site_id=site_id)
            else:
                visits.set_setting(ws, key, value, site_id=site_id)
        for sensor_id, (inside, outside) in sensors.items():
            ws.update_sensor(sensor_id, rssi_inside=inside, rssi_outside=outside)



# --- clusters -----------------------------------------------------------------------------------

def latest_clusters(ws: Workspace, limit: int = 20_000) -> dict | None:
    """The newest clustering run (k, criterion, sizes and words) and its 2-D projection
    (at most `limit` points, engine/clusters.scatter's fixed sample); None before any run."""
    import json

    from engine import clusters

    cur = ws.con.execute("SELECT run_id, built_at, k, criterion, devices, summary FROM cluster_runs "
                         "ORDER BY run_id DESC LIMIT 1")
    row = cur.fetchone()
    if row is None:
        return None
    run = dict(zip([d[0] for d in cur.description], row))
    summary = json.loads(run.pop("summary") or "{}")
    sizes = pd.DataFrame(summary.get("clusters", []))
    from engine.visits import last_build

    build = last_build(ws)
    stale = build is not None and build["built_at"] > run["built_at"]  # visits rebuilt after this run
    return {**run, "clusters": sizes, "silhouette": summary.get("silhouette", {}),
            "points": clusters.scatter(ws, limit), "stale": bool(stale)}
