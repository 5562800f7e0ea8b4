"""How many people visited behind randomized (locally administered) MACs — an estimate.

A phone with MAC randomization shows up as a chain of short-lived MACs. Counting MACs
over-counts people; person-level figures therefore never include them (engine/stats.py),
and this module gives a separate estimate with a range and the method named.

Method "mac-chain linking": among the randomized MACs with a visit (short or visitor) at
the site in the period, MAC B continues MAC A when B is first heard within `link_window_s`
after A was last heard and the evidence agrees:
- 802.11 sequence-number continuity: (first seq of B − last seq of A) mod 4096 in
  1..`seq_window` (the counter keeps running across a MAC change on many chipsets), and
- the probed-SSID sets (the `ssid_id`s a MAC asked for) do not contradict it: equal
  whenever both MACs asked for named SSIDs.
Links are one-to-one: A's nearest-in-time successor and B's nearest predecessor must name
each other (mutual best), so a crowd cannot be merged into one person. A shared SSID set
alone is not enough: many people probe the same public networks (on the medium demo,
where phones never rotate within a day, SSID-or-sequence linking merged 10 % of MACs
wrongly; sequence continuity within 16 merges about 1 %).
- estimate = MAC-days − evidence links;
- low      = MAC-days − links by time alone (any mutual-best successor within the window:
             merges too much, so it bounds the people from below);
- high     = MAC-days, no link at all (bounds the people from above).
Links are looked for within a local day only. Phones that take a new MAC every day (or
every visit) still come back on other days, so the linked MAC-days are then scaled by the
non-randomized visitors' own repeat pattern (statistical correction, assuming people who
randomize return like those who do not): people ≈ Σ MAC-days / k̄, with k̄ = mean number
of distinct days a non-randomized visitor visited in the period. The range adds ±1.96
standard errors of that ratio (the spread of days per visitor over both populations) to
the low/high bounds. Over a single day k̄ = 1 and only the linking remains.
"""
from __future__ import annotations

from datetime import datetime

import numpy as np

from engine.workspace import Workspace

METHOD = ("within-day MAC-chain linking (sequence-number continuity ≤ {s}, probed-SSID sets agreeing; "
          "mutual-best within {w:g} s), scaled by non-randomized visitors' days per visitor (k̄ = {k:.3f})")
SEQ_MODULUS = 4096


def _candidates(con, window_s: float, seq_window: int) -> None:
    """_rcand: every (A, B) where B starts within the window after A ends on the same day,
    with its evidence. The time band is the join condition (a range join, not a quadratic
    per-day product); the same-day test is a filter on the band's few pairs."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _rcand AS
        SELECT a.device_key AS a, b.device_key AS b, epoch(b.first_ts) - epoch(a.last_ts) AS gap,
               coalesce({SSID_SAME}, false) AS ssid_ok,
               coalesce({SEQ_NEXT.replace("$seq_window", str(int(seq_window)))}, false) AS seq_ok,
               a.ssids IS NOT NULL AND b.ssids IS NOT NULL AS ssid_known,
               a.last_seq IS NOT NULL AND b.first_seq IS NOT NULL AS seq_known
        FROM _rmacs a JOIN _rmacs b
          ON b.first_ts > a.last_ts AND b.first_ts <= a.last_ts + to_seconds($window)
        WHERE date_diff('day', a.day, b.day) = 0 AND a.device_key <> b.device_key
    """, {"window": window_s})


def _links(con, evidence: str) -> int:
    """Mutual-best successor pairs among the candidates that satisfy `evidence`."""
    return con.execute(f"""
        WITH cand AS (SELECT * FROM _rcand WHERE {evidence}),
        best_next AS (SELECT a, arg_min(b, (gap, b)) AS b FROM cand GROUP BY a),
        best_prev AS (SELECT b, arg_min(a, (gap, a)) AS a FROM cand GROUP BY b)
        SELECT count(*) FROM best_next n JOIN best_prev p ON n.a = p.a AND n.b = p.b
    """).fetchone()[0]


SSID_SAME = "a.ssids IS NOT NULL AND a.ssids = b.ssids"
SEQ_NEXT = ("a.last_seq IS NOT NULL AND b.first_seq IS NOT NULL AND "
            f"(b.first_seq::INTEGER - a.last_seq::INTEGER + {SEQ_MODULUS}) % {SEQ_MODULUS} BETWEEN 1 AND $seq_window")


_CACHE: dict[tuple, dict] = {}
_CACHE_SIZE = 64


def estimate_visitors(ws: Workspace, site_id: int, lo: datetime, hi: datetime, *,
                      link_window_s: float | None = None, seq_window: int = 16) -> dict:
    """Estimated people behind randomized MACs that visited site_id in local [lo, hi).

    Answers are remembered per visits build (a dashboard asks the same again on every
    refresh); a rebuild has a new build id, so a stale answer is never returned."""
    from engine.visits import last_build, site_settings

    if link_window_s is None:
        link_window_s = site_settings(ws).get(site_id, {}).get("gap_s", 120.0) * 2
    build = last_build(ws)
    key = (str(ws.path), ws.id, build["build_id"] if build else None, site_id, lo, hi, link_window_s, seq_window)
    if key in _CACHE:
        return dict(_CACHE[key])
    result = _estimate(ws, site_id, lo, hi, link_window_s, seq_window)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = dict(result)
    return result


def _estimate(ws: Workspace, site_id: int, lo: datetime, hi: datetime, link_window_s: float,
              seq_window: int) -> dict:
    con = ws.for_thread().con  # temp tables of our own, without disturbing the caller's
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _rvisits AS
        SELECT device_key, start_ts, end_ts, local_start::DATE AS day FROM visits
        WHERE site_id = $site AND local_start >= $lo AND local_start < $hi
          AND randomized AND class IN ('short', 'visitor')""", {"site": site_id, "lo": lo, "hi": hi})
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _rmacs AS
        -- one row per MAC-day: a MAC kept over several days counts once per day, like k̄
        WITH mac_day AS (SELECT device_key, day, min(start_ts) AS t0, max(end_ts) AS t1
                         FROM _rvisits GROUP BY ALL)
        SELECT hash(m.device_key, m.day) AS device_key, m.day, min(d.ts) AS first_ts, max(d.ts) AS last_ts,
               arg_min(d.seq, d.ts) AS first_seq, arg_max(d.seq, d.ts) AS last_seq,
               CASE WHEN count(d.ssid_id) > 0
                    THEN hash(list_sort(list_distinct(list(d.ssid_id)))) END AS ssids
        FROM detections d JOIN mac_day m ON d.device_key = m.device_key AND d.ts BETWEEN m.t0 AND m.t1
        WHERE d.site_id = $site
        GROUP BY m.device_key, m.day""", {"site": site_id})
    macs = con.execute("SELECT count(DISTINCT device_key) FROM _rvisits").fetchone()[0]
    mac_days_raw = con.execute("SELECT count(*) FROM _rmacs").fetchone()[0]
    # days per non-randomized visitor in the period: the repeat pattern used for scaling
    k_mean, k_var, k_n = con.execute("""
        SELECT avg(k), coalesce(var_samp(k), 0), count(*) FROM (
            SELECT device_key, count(DISTINCT local_start::DATE) AS k FROM visits
            WHERE site_id = $site AND local_start >= $lo AND local_start < $hi
              AND NOT randomized AND class IN ('short', 'visitor')
            GROUP BY device_key)""", {"site": site_id, "lo": lo, "hi": hi}).fetchone()
    k_mean = float(k_mean or 1.0)
    k_var, k_n = float(k_var or 0.0), int(k_n or 0)
    method = METHOD.format(w=link_window_s, k=k_mean, s=int(seq_window))
    if macs == 0:
        con.execute("DROP TABLE _rmacs")
        con.execute("DROP TABLE _rvisits")
        return {"estimate": 0, "low": 0, "high": 0, "macs": 0, "method": method}
    _candidates(con, link_window_s, seq_window)
    evidence = _links(con, "seq_ok AND (ssid_ok OR NOT ssid_known)")
    by_time = _links(con, "true")
    con.execute("DROP TABLE _rcand")
    con.execute("DROP TABLE _rmacs")
    con.execute("DROP TABLE _rvisits")
    mac_days = mac_days_raw - evidence          # person-days after linking
    estimate = mac_days / k_mean
    # relative variance of Σk / k̄: the randomized people's days and the reference mean
    rel_var = k_var / k_mean ** 2 * (1.0 / max(estimate, 1.0) + 1.0 / max(k_n, 1))
    se = estimate * rel_var ** 0.5
    low = max((mac_days_raw - by_time) / k_mean - 1.96 * se, 0.0)
    high = min(mac_days_raw / k_mean + 1.96 * se, float(macs))
    low, high = min(low, estimate), max(high, estimate)
    return {"estimate": int(round(estimate)), "low": int(np.floor(low)), "high": int(np.ceil(high)),
            "macs": int(macs), "mac_days": int(mac_days), "method": method}
