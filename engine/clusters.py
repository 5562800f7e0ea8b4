"""Behaviour clusters of visitors' devices (scikit-learn), described in plain words.

Devices: non-randomized, not staff/fixed, with at least one short or visitor visit.
Features per device (from `visits`, one DuckDB query): number of visits (log), mean
dwell (log minutes), recency (days from their last visit to the newest data), share of
visits started in the morning (< 12 h local), afternoon (12–17 h), evening (≥ 17 h), on
weekends, and number of sites visited. Standardised, then weighted: the three time-of-day
shares count together as one feature (each ÷ √3, they are one question asked thrice) and
dwell counts double (how long they stay is the seeds' first question: on the small demo
this gathers 82–90 % of the short-stay devices into one cluster, against 53 % unweighted,
where time of day alone split them). k is chosen by the best silhouette
over k = 2..8 (KMeans) on a sample of at most 3 000 devices, or given by the analyst.
Each cluster is named from its centre ("evening regulars, long stays"), and a 2-D PCA
projection is stored for a scatter. Results replace device_clusters (segments read it)
and add a row to cluster_runs.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from engine.errors import O2OError
from engine.workspace import Workspace

FEATURES = ("visits_log", "dwell_log_min", "recency_days", "morning", "afternoon", "evening", "weekend", "sites")
WEIGHTS = {"dwell_log_min": 2.0, "morning": 3 ** -0.5, "afternoon": 3 ** -0.5, "evening": 3 ** -0.5}
K_RANGE = range(2, 9)
SAMPLE = 3000
MIN_DEVICES = 20

FEATURES_SQL = """
WITH v AS (SELECT * FROM visits WHERE class IN ('short', 'visitor') AND NOT randomized),
newest AS (SELECT max(local_start) AS t FROM v)
SELECT device_key,
       ln(1 + count(*)) AS visits_log,
       ln(1 + avg(dwell_s) / 60) AS dwell_log_min,
       epoch(any_value(newest.t) - max(local_start)) / 86400 AS recency_days,
       avg((hour(local_start) < 12)::INTEGER) AS morning,
       avg((hour(local_start) >= 12 AND hour(local_start) < 17)::INTEGER) AS afternoon,
       avg((hour(local_start) >= 17)::INTEGER) AS evening,
       avg((isodow(local_start) >= 6)::INTEGER) AS weekend,
       count(DISTINCT site_id) AS sites,
       count(*) AS n_visits, median(dwell_s) AS median_dwell_s
FROM v, newest
GROUP BY device_key
ORDER BY device_key
"""


def features(ws: Workspace) -> pd.DataFrame:
    return ws.con.execute(FEATURES_SQL).df()


def choose_k(x: np.ndarray, seed: int = 0) -> tuple[int, dict[int, float]]:
    """Best silhouette over K_RANGE on a sample (criterion stated in the run record)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(seed)
    sample = x if len(x) <= SAMPLE else x[rng.choice(len(x), SAMPLE, replace=False)]
    scores = {}
    for k in K_RANGE:
        if k >= len(sample):
            break
        labels = KMeans(n_clusters=k, n_init=4, random_state=seed).fit_predict(sample)
        if len(set(labels)) > 1:
            scores[k] = float(silhouette_score(sample, labels))
    if not scores:
        return 2, {}
    return max(scores, key=scores.get), scores


def describe(centre: pd.Series) -> str:
    """Plain words for a cluster from its raw-feature means."""
    when = max(("morning", "afternoon", "evening"), key=lambda c: centre[c])
    if centre["weekend"] > 0.6:
        when = f"weekend {when}"
    visits = centre["n_visits"]
    who = "regulars" if visits >= 3 else "returning visitors" if visits >= 1.5 else "one-time visitors"
    dwell_min = centre["median_dwell_s"] / 60
    stay = "short stays" if dwell_min < 5 else "long stays" if dwell_min >= 20 else "medium stays"
    text = f"{when} {who}, {stay}"
    if centre["sites"] >= 1.5:
        text += ", several sites"
    return text


# what tells clusters with the same words apart, by the feature they differ most in
_DIFFERENCE = {
    "visits_log": lambda c: f"{c['n_visits']:.1f} visits",
    "dwell_log_min": lambda c: f"median stay {c['median_dwell_s'] / 60:.0f} min",
    "recency_days": lambda c: f"last seen {c['recency_days']:.0f} days ago",
    "morning": lambda c: f"{c['morning']:.0%} in the morning",
    "afternoon": lambda c: f"{c['afternoon']:.0%} in the afternoon",
    "evening": lambda c: f"{c['evening']:.0%} in the evening",
    "weekend": lambda c: f"{c['weekend']:.0%} at weekends",
    "sites": lambda c: f"{c['sites']:.1f} sites",
}


def _tell_apart(words: dict, centres: pd.DataFrame, scaled: pd.DataFrame) -> dict:
    """Clusters that the plain words describe alike get the figure they differ most in
    (largest spread of their centres in standardised units), e.g. "… — 1.6 visits" vs "… — 3.4 visits"."""
    out = dict(words)
    for text in set(words.values()):
        alike = [c for c, w in words.items() if w == text]
        if len(alike) < 2:
            continue
        feature = scaled.loc[alike].agg(lambda col: col.max() - col.min()).idxmax()
        for c in alike:
            out[c] = f"{text} — {_DIFFERENCE[feature](centres.loc[c])}"
    seen: dict[str, int] = {}  # still alike (the same rounded figure): numbered
    for c in sorted(out, key=lambda c: out[c]):
        seen[out[c]] = seen.get(out[c], 0) + 1
    counter: dict[str, int] = {}
    for c in sorted(out):
        if seen[out[c]] > 1:
            counter[out[c]] = counter.get(out[c], 0) + 1
            out[c] = f"{out[c]} ({counter[out[c]]})"
    return out


def build(ws: Workspace, k: int | None = None, *, seed: int = 0) -> dict:
    """Cluster the visitors' devices, store them, and return sizes, words and criterion."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    ws.require_writable()
    df = features(ws)
    if len(df) < MIN_DEVICES:
        raise O2OError(f"Too few visitors to cluster ({len(df)}; need {MIN_DEVICES})",
                       hint="Import more captures and rebuild visits (o2o visits rebuild)")
    x = StandardScaler().fit_transform(df[list(FEATURES)].to_numpy(dtype=float))
    x *= np.array([WEIGHTS.get(f, 1.0) for f in FEATURES])
    if k is None:
        k, scores = choose_k(x, seed)
        criterion = f"best silhouette over k=2..8 on a sample of ≤ {SAMPLE} devices"
    else:
        if not 2 <= k <= min(20, len(df) - 1):
            raise O2OError(f"k must be between 2 and {min(20, len(df) - 1)} (got {k})")
        scores, criterion = {}, "k given by the analyst"
    labels = KMeans(n_clusters=k, n_init=8, random_state=seed).fit_predict(x)
    xy = PCA(n_components=2, random_state=seed).fit_transform(x)
    df["cluster"] = labels
    centres = df.groupby("cluster")[[*FEATURES, "n_visits", "median_dwell_s"]].mean()
    words = {c: describe(centres.loc[c]) for c in centres.index}
    scaled = pd.DataFrame(x, columns=list(FEATURES)).groupby(labels).mean()
    words = _tell_apart(words, centres, scaled)
    summary = [{"cluster": int(c), "label": words[c], "devices": int((labels == c).sum()),
                "mean_visits": round(float(centres.loc[c, "n_visits"]), 2),
                "median_dwell_min": round(float(centres.loc[c, "median_dwell_s"]) / 60, 1),
                "evening_share": round(float(centres.loc[c, "evening"]), 2),
                "weekend_share": round(float(centres.loc[c, "weekend"]), 2)}
               for c in sorted(words)]
    summary.sort(key=lambda r: -r["devices"])
    out_df = pd.DataFrame({"device_key": df["device_key"].to_numpy(), "cluster": labels.astype(np.int32),
                           "label": [words[c] for c in labels], "x": xy[:, 0], "y": xy[:, 1]})
    with ws.transaction() as con:
        run_id = con.execute(
            "INSERT INTO cluster_runs (built_at, k, criterion, devices, summary) VALUES (?, ?, ?, ?, ?) "
            "RETURNING run_id", [datetime.now(timezone.utc).replace(tzinfo=None), k, criterion, len(df),
                                 json.dumps({"clusters": summary, "silhouette": scores})]).fetchone()[0]
        con.execute("DELETE FROM device_clusters")
        con.register("_clusters_df", out_df)
        con.execute("INSERT INTO device_clusters SELECT device_key, cluster, label, x, y, ? FROM _clusters_df",
                    [run_id])
        con.unregister("_clusters_df")
    return {"run_id": int(run_id), "k": int(k), "criterion": criterion, "devices": int(len(df)),
            "silhouette": {str(kk): round(v, 4) for kk, v in scores.items()}, "clusters": summary}


def scatter(ws: Workspace, limit: int = 20_000) -> pd.DataFrame:
    """The stored PCA projection for a scatter plot (at most `limit` points, a fixed sample)."""
    return ws.con.execute("SELECT device_key, cluster, label, x, y FROM device_clusters "
                          "ORDER BY hash(device_key) LIMIT ?", [limit]).df()
