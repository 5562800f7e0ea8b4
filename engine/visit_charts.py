"""What the Visits dashboard asks for, in one call per refresh (no Qt here).

engine/stats.py answers per site; the dashboard's context may name several sites (or all
of them) and an open period. This module resolves the selection to explicit local dates,
asks engine/stats.py per site and combines the answers:
- counts (visitors, visits, passers-by, new/returning, staff, fixed, randomized) are sums
  over sites — a device seen at two sites counts at each, as it is a visitor of each;
- capture rate, return rate and visits per visitor are recomputed from those sums;
- average dwell is weighted by visits; the median is one query over the sites' visits;
- charts are summed bucket by bucket (every site is asked for the same explicit range).
With one site selected the figures are exactly engine/stats.site_stats.
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

COUNTS = ("unique_visitors", "visits", "short_visits", "passersby", "new_visitors", "returning_visitors",
          "staff_devices", "fixed_devices", "randomized_devices")
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
    stale = last is not None and (last["fingerprint"] != visits.fingerprint(ws) or last["detections"] != n_det)
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
    lo, hi = ws.con.execute(
        "SELECT min(local_start)::DATE, max(local_start)::DATE FROM visits WHERE list_contains($s, site_id)",
        {"s": site_ids}).fetchone()
    if lo is None:
        return None
    return frm or lo, to or hi


def previous_period(frm: date, to: date) -> tuple[date, date]:
    """The period of equal length that ends the day before `frm`."""
    days = (to - frm).days + 1
    return frm - timedelta(days=days), frm - timedelta(days=1)


def figures(ws: Workspace, site_ids: list[int], frm: date, to: date, *, estimate: bool = True) -> dict:
    """The dashboard's figures for the sites over [frm, to] (see module doc)."""
    per_site = [stats.site_stats(ws, s, frm, to, randomized_estimate=estimate) for s in site_ids]
    return combine(ws, per_site, site_ids, frm, to)


def combine(ws: Workspace, per_site: list[dict], site_ids: list[int], frm: date, to: date) -> dict:
    if len(per_site) == 1:
        return dict(per_site[0], sites=1)
    out = {key: int(sum(s[key] for s in per_site)) for key in COUNTS}
    uv, pb, n_visits = out["unique_visitors"], out["passersby"], out["visits"]
    returned = sum(round((s["return_rate"] or 0) * s["unique_visitors"]) for s in per_site)
    dwell_total = sum((s["avg_dwell_s"] or 0) * s["visits"] for s in per_site)
    lo = datetime.combine(frm, datetime.min.time())
    hi = datetime.combine(to + timedelta(days=1), datetime.min.time())
    median = ws.con.execute(
        f"SELECT median(dwell_s) FROM visits WHERE list_contains($s, site_id) AND local_start >= $lo "
        f"AND local_start < $hi AND {stats.VISIT}", {"s": site_ids, "lo": lo, "hi": hi}).fetchone()[0]
    out.update(
        name=", ".join(s["name"] for s in per_site) if per_site else "", sites=len(per_site),
        site_id=None, **{"from": frm.isoformat(), "to": to.isoformat()},
        capture_rate=round(uv / (uv + pb), 4) if uv + pb else None,
        avg_dwell_s=round(dwell_total / n_visits, 1) if n_visits else None,
        median_dwell_s=None if median is None else round(float(median), 1),
        return_rate=round(returned / uv, 4) if uv else None,
        visits_per_visitor=round(n_visits / uv, 3) if uv else None,
    )
    estimates = [s["randomized_visitors"] for s in per_site if s.get("randomized_visitors")]
    if estimates:
        out["randomized_visitors"] = {
            **{k: int(sum(e[k] for e in estimates)) for k in ("estimate", "low", "high", "macs")},
            "method": estimates[0]["method"]}
    return out


# --- charts ----------------------------------------------------------------------------------

def traffic(ws: Workspace, site_ids: list[int], lo: datetime, hi: datetime,
            max_points: int = TRAFFIC_POINTS) -> pd.DataFrame:
    """Traffic over local [lo, hi) at ≤ max_points buckets, summed over the sites."""
    frames = [stats.traffic_series(ws, s, lo, hi, max_points=max_points) for s in site_ids]
    if not frames:
        return pd.DataFrame(columns=["bucket", "visits", "visitors", "passersby", "randomized_devices"])
    out = frames[0].copy()
    for f in frames[1:]:
        for col in ("visits", "visitors", "passersby", "randomized_devices"):
            out[col] = out[col].to_numpy() + f[col].to_numpy()
    out.attrs["bucket_seconds"] = frames[0].attrs.get("bucket_seconds")
    return out


def _sum_frames(frames: list[pd.DataFrame], key, value_cols) -> pd.DataFrame:
    if len(frames) == 1:
        return frames[0]
    stacked = pd.concat(frames, ignore_index=True)
    return stacked.groupby(key, as_index=False, sort=True)[list(value_cols)].sum()


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
        dwell = [stats.dwell_histogram(ws, s, frm, to) for s in site_ids]
        dwell_df = dwell[0].copy()
        dwell_df["visits"] = np.sum([d["visits"].to_numpy() for d in dwell], axis=0)
        heat = sum(stats.hour_weekday(ws, s, frm, to) for s in site_ids)
        returns = _sum_frames([stats.returns(ws, s, frm, to) for s in site_ids], ["visits", "label"], ["visitors"])
        total = returns["visitors"].sum()
        returns["share"] = returns["visitors"] / total if total else 0.0
        out.update(traffic=traffic(ws, site_ids, lo, hi), dwell=dwell_df, heatmap=heat,
                   returns=returns[["visits", "label", "visitors", "share"]])
    if "periods" in parts:
        grain = grain_for(frm, to)
        cols = ["unique_visitors", "visits", "passersby", "new_visitors", "returning_visitors"]
        out["periods"] = _sum_frames([stats.period_table(ws, s, grain, frm, to)[["period", *cols]]
                                      for s in site_ids], "period", cols)
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
    per_site = [stats.site_stats(ws, s, frm, to, randomized_estimate=False) for s in sites]
    out["figures"] = combine(ws, per_site, sites, frm, to)
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
    """People behind randomized MACs at the sites (engine/randomized.py), summed over sites."""
    from engine.randomized import estimate_visitors

    lo = datetime.combine(frm, datetime.min.time())
    hi = datetime.combine(to + timedelta(days=1), datetime.min.time())
    parts = [estimate_visitors(ws, s, lo, hi) for s in selected_sites(ws, site_ids)]
    if not parts:
        return {"estimate": 0, "low": 0, "high": 0, "macs": 0, "method": ""}
    return {**{k: int(sum(p[k] for p in parts)) for k in ("estimate", "low", "high", "macs")},
            "method": parts[0]["method"]}


def compare(ws: Workspace, a: tuple[list[int], date, date], b: tuple[list[int], date, date]) -> dict:
    """Two selections (sites + period) side by side: figures with change in %, and daily
    visitors of each by day number so two periods line up."""
    fig_a = figures(ws, *a, estimate=False)
    fig_b = figures(ws, *b, estimate=False)
    rows = pd.DataFrame(stats.compare(fig_a, fig_b))

    def daily(sites, frm, to):
        frames = [stats.period_table(ws, s, "day", frm, to)[["period", "unique_visitors"]] for s in sites]
        df = _sum_frames(frames, "period", ["unique_visitors"]) if frames else pd.DataFrame()
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
    RSSI thresholds, the RSSI histogram per sensor (1 dBm bins) and the suggested
    thresholds of engine/calibration.py."""
    from engine import visits

    rows = ws.con.execute("SELECT scope, scope_id, key, value FROM visit_settings").fetchall()
    workspace_level = {k: v for s, _, k, v in rows if s == "workspace"}
    inherited = {**visits.DEFAULTS, **workspace_level} if site_id is not None else dict(visits.DEFAULTS)
    own = ({k: v for s, i, k, v in rows if s == "site" and i == site_id} if site_id is not None
           else workspace_level)
    out = {"site_id": site_id, "sites": [(s["site_id"], s["name"]) for s in ws.sites()],
           "inherited": inherited, "own": own, "effective": {**inherited, **own},
           "sensors": pd.DataFrame(), "histogram": pd.DataFrame(columns=["sensor_id", "rssi", "detections"]),
           "suggestions": {}}
    if site_id is not None:
        out["sensors"] = ws.con.execute(
            "SELECT sensor_id, name, rssi_inside, rssi_outside FROM sensors WHERE site_id = ? ORDER BY sensor_id",
            [site_id]).df()
        from engine import calibration

        ids = [int(i) for i in out["sensors"]["sensor_id"]]
        out["histogram"] = pd.DataFrame(
            [(sid, rssi, n) for sid in ids for rssi, n in calibration.rssi_histogram(ws, sid)],
            columns=["sensor_id", "rssi", "detections"])
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
    return {**run, "clusters": sizes, "silhouette": summary.get("silhouette", {}),
            "points": clusters.scatter(ws, limit)}
