"""Behaviour clusters and RSSI calibration on real workspaces."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from engine import calibration, clusters, visits
from engine.errors import O2OError
from engine.workspace import Workspace
from tests.engine.test_visits import _devices, insert_detections

DAY = 86400


def test_clusters_separate_planted_groups(workspace):
    """Morning one-timers with 3-minute stops vs evening regulars with 1-hour stays: the
    silhouette's k never mixes the groups; with k = 2 each group is one cluster and the
    words say so."""
    ws = workspace
    site, _ = ws.ensure_site("Store")
    door, _ = ws.ensure_sensor(site, "door", rssi_inside=-70)
    rng = np.random.default_rng(1)
    morning = np.arange(1000, 1060)
    evening = np.arange(2000, 2040)
    _devices(ws, np.r_[morning, evening])
    dev, secs = [], []
    for d in morning:  # one visit on a random day, 09:00–11:00 local (06–08 UTC), 3 minutes
        start = int(rng.integers(0, 7)) * DAY - 3600 + int(rng.integers(0, 7200))
        t = start + np.arange(0, 181, 30)
        dev.append(np.full(len(t), d)), secs.append(t)
    for d in evening:  # 4 visits, 18:00–20:00 local, about an hour
        for day in rng.choice(7, 4, replace=False):
            start = int(day) * DAY + 8 * 3600 + int(rng.integers(0, 7200))
            t = start + np.arange(0, 3601, 60)
            dev.append(np.full(len(t), d)), secs.append(t)
    insert_detections(ws, site=site, sensor=door, device=np.concatenate(dev),
                      seconds=np.concatenate(secs).astype(float), rssi=-60)
    visits.rebuild(ws)
    auto = clusters.build(ws)
    assert 2 <= auto["k"] <= 8 and auto["devices"] == 100 and "silhouette" in auto["criterion"]
    assert set(auto["silhouette"]) <= {str(k) for k in range(2, 9)}
    # whatever k the silhouette picks, no cluster mixes the two planted groups
    mixed = ws.con.execute("SELECT count(*) FROM (SELECT cluster FROM device_clusters "
                           "GROUP BY cluster HAVING count(DISTINCT device_key >= 2000) > 1)").fetchone()[0]
    assert mixed == 0
    result = clusters.build(ws, k=2)
    assert result["criterion"] == "k given by the analyst"
    by_label = {c["label"]: c["devices"] for c in result["clusters"]}
    assert by_label == {"morning one-time visitors, short stays": 60, "evening regulars, long stays": 40}
    stored = ws.con.execute("SELECT label, count(*), count(DISTINCT cluster) FROM device_clusters "
                            "GROUP BY label ORDER BY 2 DESC").fetchall()
    assert stored == [("morning one-time visitors, short stays", 60, 1), ("evening regulars, long stays", 40, 1)]
    members = dict(ws.con.execute("SELECT device_key, label FROM device_clusters").fetchall())
    assert all(members[d].startswith("morning") for d in morning)
    points = clusters.scatter(ws)
    assert len(points) == 100 and points[["x", "y"]].notna().all().all()
    again = clusters.build(ws, k=3)     # the analyst's k; the table is replaced, not appended to
    assert again["k"] == 3 and ws.con.execute("SELECT count(*) FROM device_clusters").fetchone()[0] == 100
    with pytest.raises(O2OError):
        clusters.build(ws, k=1)


def test_clusters_need_visitors(workspace):
    visits.rebuild(workspace)
    with pytest.raises(O2OError, match="Too few visitors"):
        clusters.build(workspace)


def test_calibration_finds_the_gap_between_two_humps(workspace):
    ws = workspace
    site, _ = ws.ensure_site("Store")
    door, _ = ws.ensure_sensor(site, "door")
    rng = np.random.default_rng(5)
    n_in, n_out = 600, 400
    keys = np.arange(1, n_in + n_out + 1)
    _devices(ws, keys)
    rssi = np.r_[rng.normal(-55, 5, n_in), rng.normal(-88, 3, n_out)].round().astype(int)
    insert_detections(ws, site=site, sensor=door, device=keys, seconds=rng.integers(0, DAY, len(keys)).astype(float),
                      rssi=rssi)
    # independent check: the midpoint where the two planted normals are equally likely
    grid = np.arange(-90.0, -50.0, 0.1)
    pdf = lambda x, m, s, w: w * np.exp(-0.5 * ((x - m) / s) ** 2) / s  # noqa: E731
    crossing = grid[np.argmax(pdf(grid, -55, 5, 0.6) >= pdf(grid, -88, 3, 0.4))]
    [res] = calibration.calibrate(ws, site)
    assert abs(res["rssi_inside"] - crossing) <= 2, (res, crossing)
    assert res["rssi_outside"] < res["rssi_inside"]
    assert ws.sensors()[0]["rssi_inside"] is None        # only suggested
    [applied] = calibration.calibrate(ws, site, apply=True)
    assert applied["applied"] and ws.sensors()[0]["rssi_inside"] == applied["rssi_inside"]
    hist = calibration.rssi_histogram(ws, door)
    assert sum(c for _, c in hist) == len(keys)


def test_calibration_refuses_thin_samples(workspace):
    site, _ = workspace.ensure_site("Store")
    workspace.ensure_sensor(site, "door")
    [res] = calibration.calibrate(workspace, site)
    assert res["rssi_inside"] is None and "need at least" in res["reason"]


def test_calibration_recovers_the_demo_thresholds(demo_small, tmp_path):
    """Every sensor with ≥ 200 device-days gets a suggested inside threshold within 3 dB
    of the threshold the simulator planted (truth.json analysis_defaults.rssi_inside)."""
    out, truth = demo_small
    shutil.copy(out / "demo.o2o", tmp_path / "demo.o2o")
    with Workspace.open(tmp_path / "demo.o2o") as ws:
        results = calibration.calibrate(ws)
    planted = truth["analysis_defaults"]["rssi_inside"]
    checked = 0
    for res in results:
        if res["sample"] >= 200 and res["rssi_inside"] is not None:
            assert abs(res["rssi_inside"] - planted[res["sensor"]]) <= 3, res
            checked += 1
    assert checked >= 5


def test_clusters_and_calibrate_cli(demo_small, tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    o2o = str(Path(sys.executable).with_name("o2o"))
    out, truth = demo_small
    path = tmp_path / "demo.o2o"
    shutil.copy(out / "demo.o2o", path)
    run = lambda *a: subprocess.run([o2o, *a, "-w", str(path), "--json"], capture_output=True,  # noqa: E731
                                    text=True, timeout=180)
    proc = run("clusters", "--k", "3")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["k"] == 3 and sum(c["devices"] for c in result["clusters"]) == result["devices"]
    assert all(c["label"] for c in result["clusters"])
    proc = run("calibrate", "--site", "Mall Store A", "--apply")
    assert proc.returncode == 0, proc.stderr
    sensors = json.loads(proc.stdout)
    assert {s["sensor"] for s in sensors} == {"A-entrance", "A-backroom"} and all(s["applied"] for s in sensors)
    with Workspace.open(path) as ws:
        stored = {s["name"]: s["rssi_inside"] for s in ws.sensors() if s["site"] == "Mall Store A"}
    assert stored == {s["sensor"]: s["rssi_inside"] for s in sensors}
    proc = run("calibrate", "--site", "Nowhere")
    assert proc.returncode == 2 and "No site named" in proc.stderr


def test_demo_short_stay_visitors_gather_in_one_cluster(demo_small, tmp_path):
    """The seeds' key segment (stayed under 5 minutes) must show up as a cluster: most
    devices whose median visit is shorter than 5 min fall in one cluster, labelled so."""
    out, _ = demo_small
    shutil.copy(out / "demo.o2o", tmp_path / "demo.o2o")
    with Workspace.open(tmp_path / "demo.o2o") as ws:
        visits.ensure_built(ws)
        clusters.build(ws)
        got = ws.con.execute("""
            SELECT c.cluster, any_value(c.label), count(*) FILTER (WHERE m.median_dwell < 300), count(*)
            FROM device_clusters c JOIN (SELECT device_key, median(dwell_s) AS median_dwell FROM visits
                                         WHERE class IN ('short', 'visitor') AND NOT randomized GROUP BY ALL) m
            USING (device_key) GROUP BY c.cluster""").fetchall()
    short_total = sum(r[2] for r in got)
    cluster, label, short, size = max(got, key=lambda r: r[2])
    assert short >= 0.6 * short_total and short >= 0.7 * size, got
    assert "short stays" in label, got


def test_clusters_described_alike_get_the_figure_they_differ_in():
    import pandas as pd

    from engine.clusters import FEATURES, _tell_apart

    raw = pd.DataFrame({f: [0.5, 0.5, 0.2] for f in FEATURES}, index=[0, 1, 2])
    raw["n_visits"], raw["median_dwell_s"] = [1.6, 3.4, 1.0], [600.0, 620.0, 60.0]
    raw["recency_days"], raw["sites"] = [3.0, 3.0, 9.0], [1.0, 1.0, 1.0]
    scaled = pd.DataFrame({f: [0.0, 0.0, 0.0] for f in FEATURES}, index=[0, 1, 2])
    scaled["visits_log"] = [-0.5, 1.5, -1.0]  # 0 and 1 differ most in visits
    words = {0: "evening returning visitors, medium stays", 1: "evening returning visitors, medium stays",
             2: "evening one-time visitors, short stays"}
    got = _tell_apart(words, raw, scaled)
    assert got == {0: "evening returning visitors, medium stays — 1.6 visits",
                   1: "evening returning visitors, medium stays — 3.4 visits",
                   2: "evening one-time visitors, short stays"}
