"""Sessionizing: detections -> one row per visit (TEMP TABLE _raw_visits), before classes.

Used by engine/visits.py, which classifies the visits and finds staff and fixed equipment.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np

from engine.progress import CancelToken

# Sessionizing, in two steps:
# 1. DuckDB hash-aggregates detections into gap-wide time buckets k = ts // gap per (site,
#    device): within a bucket no two detections are more than `gap` apart, so a visit never
#    breaks inside one, and every aggregate (first, last, count, strongest reading …) is
#    exact at visit level. The bucket table is 4–5× smaller than the detections.
# 2. The buckets come back sorted by (device, site, k), a partition of devices at a time
#    (bounded memory), and numpy finds the visits: a bucket continues the previous one when
#    it is the same (site, device) and its first detection is at most `gap` after the
#    previous bucket's last; `reduceat` adds each run of buckets up into a visit.
# Measured on the large demo world (43.8 M detections, 9.8 M buckets): the same step 2 as
# SQL windows (lag, running sum, grouping) cost 3× the CPU of sort + numpy, and as one
# statement DuckDB took 5× longer again than as separate ones.
# The strongest reading and the sensor that heard it are packed into one BIGINT, so one
# max() finds both (see PACKED_READING). mean_rssi is exact (sums and counts add up);
# `sensors` counts the distinct sensors through a 64-bit mask of sensor_id % 64 (exact
# unless a site has two sensors whose ids differ by a multiple of 64).
# Thresholds and gaps are inlined as CASE constants (a few sites and sensors): cheaper
# than a join per detection; with one threshold per site the margin is taken per visit.
def _case(column: str, mapping: dict[int, int], default: int | str) -> str:
    """A constant when every key maps to the default, else CASE column WHEN key THEN value."""
    if all(v == default for v in mapping.values()):
        return str(default)
    whens = " ".join(f"WHEN {int(k)} THEN {int(v)}" for k, v in sorted(mapping.items()))
    return f"(CASE {column} {whens} ELSE {default} END)"


# (rssi + 32768) in the high 32 bits, sensor_id in the low: max() gives the strongest
# reading and (ties: the higher-numbered) sensor that heard it in one aggregate
PACKED_READING = "(((d.rssi::BIGINT + 32768) << 32) | d.sensor_id)"
PACK_SHIFT, PACK_OFFSET, PACK_MASK = 32, 32768, 0xFFFFFFFF
BUCKETS_PER_PART = 4_000_000  # buckets sorted and handed to numpy at a time (~300 MB)
SLICE_DETECTIONS, MAX_SLICES = 4_000_000, 64  # time slices of the bucket aggregation (see _time_slices)


def _thresholds(con, settings: dict[int, dict[str, float]]) -> tuple[dict, dict, bool, dict]:
    """Inside thresholds: per site, per sensor, whether each site has one, and that one."""
    site_inside = {sid: int(round(p["rssi_inside"])) for sid, p in settings.items()}
    sensors = con.execute("SELECT sensor_id, site_id, rssi_inside FROM sensors").fetchall()
    sensor_inside = {sid: int(inside) if inside is not None else site_inside.get(site, -75)
                     for sid, site, inside in sensors}
    # With one threshold per site (however the sensors got it) the margin is taken once
    # per visit from its best reading; detections of a sensor missing from `sensors` then
    # count with that site threshold too.
    per_site = {x: {sensor_inside[s] for s, site, _ in sensors if site == x} for x in settings}
    uniform = all(len(v) <= 1 for v in per_site.values())
    site_threshold = {x: (next(iter(v)) if v else site_inside[x]) for x, v in per_site.items()}
    return site_inside, sensor_inside, uniform, site_threshold


def buckets_sql(con, settings: dict[int, dict[str, float]], pairs_join: str = "", where: str = "") -> str:
    """Step 1: the bucket table (see above)."""
    gaps = {sid: int(p["gap_s"] * 1e6) for sid, p in settings.items()}
    site_inside, sensor_inside, uniform, _ = _thresholds(con, settings)
    gap_expr = _case("d.site_id", gaps, max(gaps.values(), default=120_000_000)) if gaps else "120000000"
    margin = ""
    if not uniform:  # the best (reading − that sensor's threshold), packed like the reading
        per_row = _case("d.sensor_id", sensor_inside, _case("d.site_id", site_inside, -75))
        margin = f", max((((d.rssi - {per_row})::BIGINT + 32768) << 32) | d.sensor_id) AS best_m"
    # (site_id << 40 | k) as one key and counts packed into sums: fewer, narrower hash
    # aggregate columns (−20 % of this step on the large demo world)
    return f"""
    SELECT d.device_key, (d.site_id::BIGINT << 40) | (epoch_us(d.ts) // {gap_expr}) AS site_k,
           min(epoch_us(d.ts)) AS t0, max(epoch_us(d.ts)) AS t1,
           sum((1::BIGINT << 32) | (d.frame_kind = 0)::BIGINT)::BIGINT AS counts, max({PACKED_READING}) AS best,
           sum(CASE WHEN d.rssi IS NULL THEN 0 ELSE (1::BIGINT << 40) | (d.rssi::BIGINT + 32768) END)::BIGINT AS readings,
           bit_or(1::BIGINT << (d.sensor_id % 64)) AS sensor_bits {margin}
    FROM detections d {pairs_join} {where}
    GROUP BY ALL"""


def _time_slices(con, grid_us: int) -> list[str]:
    """WHERE clauses that cut the detections into time slices of ~SLICE_DETECTIONS each, when
    the table's row groups are ordered in time (captures are written as they were heard), so
    that each slice reads only its own row groups: several small hash aggregates beat one big
    one (about a fifth less time on the large demo world: the hash tables fit the caches better).
    Borders are on the bucket grid (`grid_us`), so a bucket is never cut in two.
    [""] (one slice) when slicing would read rows more than once
    overall by more than half, or the row groups' time ranges cannot be read."""
    try:
        groups = con.execute(
            "SELECT epoch_us(min(stats.min::TIMESTAMP)), epoch_us(max(stats.max::TIMESTAMP)), sum(count) "
            "FROM pragma_storage_info('detections') WHERE column_name = 'ts' AND segment_type = 'TIMESTAMP' "
            "GROUP BY row_group_id").fetchall()
    except duckdb.Error:
        return [""]
    groups = [(int(a), int(b), int(n)) for a, b, n in groups if a is not None and b is not None]
    total = sum(n for _, _, n in groups)
    slices = min(MAX_SLICES, total // SLICE_DETECTIONS)
    if slices < 2:
        return [""]
    lo, hi = min(a for a, _, _ in groups), max(b for _, b, _ in groups) + 1
    edges = [(lo + (hi - lo) * i // slices) // grid_us * grid_us for i in range(slices + 1)]
    read = sum(n for a, b, n in groups for i in range(slices) if a < edges[i + 1] and b >= edges[i])
    if read > 1.5 * total:
        return [""]
    # the first and last slices are open: rows added since the statistics were read still count.
    # Compared as timestamps (constants), so that zone maps skip the other slices' row groups
    bounds = [None, *edges[1:-1], None]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        conds = ([f"d.ts >= make_timestamp({a})"] if a is not None else []) + (
            [f"d.ts < make_timestamp({b})"] if b is not None else [])
        out.append("WHERE " + " AND ".join(conds))
    return out


def _visits_of_buckets(b: dict[str, np.ndarray], gap_us: np.ndarray, threshold: np.ndarray,
                       uniform: bool) -> dict[str, np.ndarray]:
    """Step 2 for buckets sorted by (device, site, k): one row per visit, as columns in
    _raw_visits order and `has_rssi` (where max_rssi, mean_rssi, margin, best_sensor are set)."""
    site, dev, t0, t1 = (b["site_k"] >> 40).astype(np.int32), b["device_key"], b["t0"], b["t1"]
    cont = np.zeros(len(site), dtype=bool)
    cont[1:] = (site[1:] == site[:-1]) & (dev[1:] == dev[:-1]) & (t0[1:] - t1[:-1] <= gap_us[site[1:]])
    starts = np.flatnonzero(~cont)
    best = np.maximum.reduceat(b["best"], starts)
    readings = np.add.reduceat(b["readings"], starts)            # count << 40 | Σ(rssi + 32768)
    rssi_n = readings >> 40
    counts = np.add.reduceat(b["counts"], starts)                # detections << 32 | probes
    has_rssi = rssi_n > 0
    max_rssi = (best >> PACK_SHIFT) - PACK_OFFSET
    vsite = site[starts]
    if uniform:
        margin, best_sensor = max_rssi - threshold[vsite], best & PACK_MASK
    else:
        best_m = np.maximum.reduceat(b["best_m"], starts)
        margin, best_sensor = (best_m >> PACK_SHIFT) - PACK_OFFSET, best_m & PACK_MASK
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = ((readings & ((1 << 40) - 1)) - PACK_OFFSET * rssi_n) / rssi_n
    return {
        "site_id": vsite, "device_key": dev[starts],
        "t0": t0[starts], "t1": np.maximum.reduceat(t1, starts),
        "detections": (counts >> 32).astype(np.int32), "probes": (counts & PACK_MASK).astype(np.int32),
        "max_rssi": max_rssi.astype(np.int16), "mean_rssi": mean, "margin": margin.astype(np.int16),
        "sensor_bits": np.bitwise_or.reduceat(b["sensor_bits"], starts),
        "best_sensor": best_sensor.astype(np.int32), "has_rssi": has_rssi,
    }


def _raw_visits_arrow(part: dict[str, np.ndarray]):
    """One part's visits as an Arrow table in _raw_visits' columns (no copy of the values);
    no reading with an RSSI at all: NULL, never a number made of the packing."""
    import pyarrow as pa

    cols = dict(part)
    no_rssi = ~cols.pop("has_rssi")
    nullable = ("max_rssi", "mean_rssi", "margin", "best_sensor")
    return pa.table({k: pa.array(v, mask=no_rssi) if k in nullable else pa.array(v) for k, v in cols.items()})


def sessionize(con, settings: dict[int, dict[str, float]], pairs_join: str = "",
               cancel: CancelToken | None = None) -> int:
    """Detections (all, or the pairs of `pairs_join`) -> TEMP TABLE _raw_visits. Returns
    the number of (site, device) pairs sessionized."""
    _, _, uniform, site_threshold = _thresholds(con, settings)
    top = max([*settings, 0]) + 1
    gap_us = np.full(top, 120_000_000, dtype=np.int64)
    threshold = np.full(top, -75, dtype=np.int64)  # every site has settings: overwritten below
    for sid, p in settings.items():
        gap_us[sid] = int(p["gap_s"] * 1e6)
        threshold[sid] = site_threshold[sid]
    gaps = {int(p["gap_s"] * 1e6) for p in settings.values()}
    # time slices only on one bucket grid (every site the same gap): a slice never cuts a bucket
    slices = _time_slices(con, next(iter(gaps))) if len(gaps) == 1 else [""]
    con.execute("CREATE OR REPLACE TEMP TABLE _buckets AS " + buckets_sql(con, settings, pairs_join, slices[0]))
    for where in slices[1:]:
        if cancel:
            cancel.check()
        con.execute("INSERT INTO _buckets " + buckets_sql(con, settings, pairs_join, where))
    n_buckets = con.execute("SELECT count(*) FROM _buckets").fetchone()[0]
    con.execute("CREATE OR REPLACE TEMP TABLE _raw_visits (site_id INTEGER, device_key BIGINT, t0 BIGINT, "
                "t1 BIGINT, detections INTEGER, probes INTEGER, max_rssi SMALLINT, mean_rssi DOUBLE, "
                "margin SMALLINT, sensor_bits BIGINT, best_sensor INTEGER)")
    # a bucket with no RSSI has NULL maxima: 0 sorts below any packed reading
    columns = ", ".join(f"coalesce({c}, 0) AS {c}" if c in ("best", "best_m") else c
                        for c, in con.execute("SELECT column_name FROM (DESCRIBE _buckets)").fetchall())
    parts, pairs = max(1, -(-n_buckets // BUCKETS_PER_PART)), 0

    def store(visits: dict[str, np.ndarray]) -> None:
        con.register("_raw_visits_arrow", _raw_visits_arrow(visits))
        try:
            con.execute("INSERT INTO _raw_visits SELECT * FROM _raw_visits_arrow")
        finally:
            con.unregister("_raw_visits_arrow")

    # numpy works on one part in a worker thread (it releases the GIL) while DuckDB sorts
    # and hands over the next (with the Arrow fetch, −0.2 s of 8.6 on the large demo world)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="o2o-visits") as pool:
        pending = None
        for part in range(parts):  # whole devices per part: a visit never spans two parts
            if cancel:
                cancel.check()
            where = f"WHERE (device_key % {parts} + {parts}) % {parts} = {part}" if parts > 1 else ""
            # Arrow, not fetchnumpy: a third less time for these 8 BIGINT columns
            table = con.sql(f"SELECT {columns} FROM _buckets {where} ORDER BY device_key, site_k").to_arrow_table()
            b = {c: table[c].to_numpy() for c in table.column_names}
            del table
            if len(b["device_key"]) == 0:
                continue
            site, dev = b["site_k"] >> 40, b["device_key"]
            pairs += 1 + int(np.count_nonzero((site[1:] != site[:-1]) | (dev[1:] != dev[:-1])))
            done, pending = pending, pool.submit(_visits_of_buckets, b, gap_us, threshold, uniform)
            del b, site, dev
            if done is not None:
                store(done.result())
        if pending is not None:
            store(pending.result())
    con.execute("DROP TABLE _buckets")
    return int(pairs)
