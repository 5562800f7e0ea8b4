"""Visits: sessionizing, classes, roles, settings and incremental rebuilds, on a real workspace."""
from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from engine import sessionize, visits
from engine.errors import O2OError

T0 = datetime(2024, 6, 3, 7, 0, 0)  # a Monday, 10:00 Moscow


def _devices(ws, keys, randomized=False):
    ws.con.executemany("INSERT OR IGNORE INTO devices VALUES (?, ?, 'x', NULL, NULL, 0)",
                       [(int(k), randomized) for k in keys])


def insert_detections(ws, **columns):
    """Append detections from equal-length arrays (scalars broadcast); one INSERT … SELECT."""
    n = max(np.size(v) for v in columns.values())
    df = pd.DataFrame({k: np.broadcast_to(v, n) for k, v in columns.items()})
    df["ts"] = pd.Timestamp(T0) + pd.to_timedelta(df.pop("seconds"), unit="s")
    for column, default in (("kind", 0), ("seq", None), ("ssid", None), ("import_id", 1)):
        if column not in df:
            df[column] = default
    ws.con.register("_det_df", df)
    ws.con.execute("INSERT INTO detections SELECT ts, site, sensor, device, kind, rssi, 6, seq, ssid, import_id "
                   "FROM _det_df")
    ws.con.unregister("_det_df")


def _detect(ws, site, sensor, device, seconds, rssi, *, kind=0, import_id=1, seq=None, ssid=None):
    insert_detections(ws, site=site, sensor=sensor, device=device, seconds=np.asarray(seconds, dtype=float),
                      rssi=rssi, kind=kind, import_id=import_id, seq=seq, ssid=ssid)


@pytest.fixture
def site(workspace):
    site_id, _ = workspace.ensure_site("Store")
    inside, _ = workspace.ensure_sensor(site_id, "door", rssi_inside=-70)
    back, _ = workspace.ensure_sensor(site_id, "back", rssi_inside=-80)
    return workspace, site_id, inside, back


def test_gap_splits_visits_and_dwell_is_last_minus_first(site):
    ws, site_id, door, _ = site
    _devices(ws, [1])
    # 0, 60, 180 (gap exactly 120 s: same visit), then 301 (gap 121 s: new visit), 400
    _detect(ws, site_id, door, 1, [0, 60, 180, 301, 400], -60)
    result = visits.rebuild(ws)
    rows = ws.con.execute("SELECT dwell_s, detections, base_class FROM visits ORDER BY start_ts").fetchall()
    assert rows == [(180.0, 3, "short"), (99.0, 2, "short")]
    assert result["visits"]["short"] == 2 and result["mode"] == "full"


def test_passerby_by_signal_uses_each_sensors_threshold(site):
    ws, site_id, door, back = site
    _devices(ws, [1, 2, 3])
    _detect(ws, site_id, door, 1, [0, 30, 400], -75)          # door needs -70: outside
    _detect(ws, site_id, back, 2, [0, 30, 400], -75)          # back needs -80: inside, 400 s
    _detect(ws, site_id, door, 3, [0], -75)                   # weak at the door …
    _detect(ws, site_id, back, 3, [20], -79)                  # … but inside at the back
    visits.rebuild(ws)
    got = dict(ws.con.execute("SELECT device_key, list(base_class ORDER BY start_ts) FROM visits GROUP BY 1").fetchall())
    assert got == {1: ["passerby", "passerby"], 2: ["short", "short"], 3: ["short"]}
    margin, best = ws.con.execute("SELECT margin, best_sensor FROM visits WHERE device_key = 3").fetchone()
    assert (margin, best) == (1, back)


def test_min_visit_and_short_visit_settings(site):
    ws, site_id, door, _ = site
    _devices(ws, [1, 2])
    _detect(ws, site_id, door, 1, [0, 50], -60)                # 50 s
    _detect(ws, site_id, door, 2, np.arange(0, 700, 60), -60)  # 660 s
    visits.rebuild(ws)
    assert ws.con.execute("SELECT list(base_class ORDER BY device_key) FROM visits").fetchone()[0] == ["short", "visitor"]
    visits.set_setting(ws, "min_visit_s", 60, site_id=site_id)
    visits.set_setting(ws, "short_visit_s", 900)
    result = visits.rebuild(ws)
    assert result["mode"] == "full"  # parameters changed: everything rebuilt
    assert ws.con.execute("SELECT list(base_class ORDER BY device_key) FROM visits").fetchone()[0] == ["passerby", "short"]
    with pytest.raises(O2OError):
        visits.set_setting(ws, "no_such_parameter", 1)


@pytest.mark.parametrize("buckets_per_part", [sessionize.BUCKETS_PER_PART, 500])
def test_matches_an_independent_pandas_sessionization(site, monkeypatch, buckets_per_part):
    """Also with devices handed to numpy in several parts (500 buckets each)."""
    monkeypatch.setattr(sessionize, "BUCKETS_PER_PART", buckets_per_part)
    ws, site_id, door, back = site
    rng = np.random.default_rng(3)
    n = 4000
    dev = rng.integers(1, 60, n)
    secs = rng.integers(0, 3 * 86400, n)  # three days: visits may run past midnight
    rssi = rng.integers(-95, -40, n)
    sensor = np.where(rng.random(n) < 0.5, door, back)
    _devices(ws, np.unique(dev))
    insert_detections(ws, site=site_id, sensor=sensor, device=dev, seconds=secs.astype(float), rssi=rssi)
    visits.rebuild(ws)
    df = pd.DataFrame({"dev": dev, "t": secs, "margin": rssi - np.where(sensor == door, -70, -80)})
    df = df.sort_values(["dev", "t"])
    new = df.groupby("dev")["t"].diff().isna() | (df.groupby("dev")["t"].diff() > 120)
    df["vno"] = new.groupby(df["dev"]).cumsum()
    df["rssi"], df["sensor"] = rssi[df.index], sensor[df.index]
    ref = df.groupby(["dev", "vno"]).agg(start=("t", "min"), end=("t", "max"), n=("t", "size"),
                                         margin=("margin", "max"), max_rssi=("rssi", "max"),
                                         mean_rssi=("rssi", "mean"), sensors=("sensor", "nunique")).reset_index()
    ref["dwell"] = (ref["end"] - ref["start"]).astype(float)
    ref["cls"] = np.where(ref["margin"] < 0, "passerby", np.where(ref["dwell"] < 300, "short", "visitor"))
    got = ws.con.execute("SELECT device_key AS dev, epoch(start_ts - ?::TIMESTAMP) AS start, dwell_s AS dwell, "
                         "detections AS n, margin, base_class AS cls, max_rssi, mean_rssi, sensors "
                         "FROM visits ORDER BY 1, 2", [T0]).df()
    ref = ref.sort_values(["dev", "start"]).reset_index(drop=True)
    assert len(got) == len(ref)
    np.testing.assert_array_equal(got["dev"], ref["dev"])
    np.testing.assert_allclose(got["start"], ref["start"])
    np.testing.assert_allclose(got["dwell"], ref["dwell"])
    np.testing.assert_array_equal(got["n"], ref["n"])
    np.testing.assert_array_equal(got["margin"], ref["margin"])
    np.testing.assert_array_equal(got["cls"], ref["cls"])
    np.testing.assert_array_equal(got["max_rssi"], ref["max_rssi"])
    np.testing.assert_allclose(got["mean_rssi"], ref["mean_rssi"])
    np.testing.assert_array_equal(got["sensors"], ref["sensors"])


def test_a_visit_heard_without_signal_strength_has_null_rssi(site):
    """Rows without RSSI (e.g. some airodump exports) give NULL readings, not packing residue."""
    ws, site_id, door, _ = site
    _devices(ws, [1, 2])
    _detect(ws, site_id, door, 1, [0, 60, 120], None)
    _detect(ws, site_id, door, 2, [0, 60], None)
    _detect(ws, site_id, door, 2, [90], -50)
    visits.rebuild(ws)
    rows = ws.con.execute("SELECT device_key, max_rssi, mean_rssi, margin, best_sensor, base_class FROM visits "
                          "ORDER BY 1").fetchall()
    assert rows[0][:5] == (1, None, None, None, None) and rows[0][5] == "passerby"   # never heard inside
    assert rows[1] == (2, -50, -50.0, 20, door, "short")


def test_incremental_rebuild_equals_full_and_touches_only_new_devices(site):
    ws, site_id, door, _ = site
    _devices(ws, [1, 2, 3])
    _detect(ws, site_id, door, 1, [0, 60], -60, import_id=1)
    _detect(ws, site_id, door, 2, [0, 60], -60, import_id=1)
    assert visits.rebuild(ws)["mode"] == "full"
    assert visits.rebuild(ws)["mode"] == "unchanged"
    # a later file bridges device 1's gap (merging two visits) and brings device 3
    _detect(ws, site_id, door, 1, [150, 260, 700], -60, import_id=2)
    _detect(ws, site_id, door, 3, [0], -90, import_id=2)
    inc = visits.rebuild(ws)
    assert inc["mode"] == "incremental" and inc["rebuilt_pairs"] == 2
    incremental = ws.con.execute("SELECT * FROM visits ORDER BY device_key, start_ts").fetchall()
    full = visits.rebuild(ws, full=True)
    assert full["mode"] == "full"
    assert ws.con.execute("SELECT * FROM visits ORDER BY device_key, start_ts").fetchall() == incremental
    assert [r[5] for r in incremental] == [260.0, 0.0, 60.0, 0.0]  # dwell: merged 0–260, then 700; 2; 3
    # an import removed: the row count no longer adds up, so everything is rebuilt
    ws.con.execute("DELETE FROM detections WHERE import_id = 2")
    assert visits.rebuild(ws)["mode"] == "full"
    assert ws.con.execute("SELECT count(*) FROM visits").fetchone()[0] == 2


def test_a_new_site_or_sensor_rebuilds_only_its_new_data(site):
    """Adding a site and a sensor changes nothing already built; their first capture is new pairs
    (incremental, equal to a full rebuild); a new sensor's own threshold counts for its data."""
    ws, site_id, door, _ = site
    _devices(ws, [1, 2, 3])
    _detect(ws, site_id, door, 1, [0, 60], -60, import_id=1)
    visits.rebuild(ws)
    kiosk, _ = ws.ensure_site("Kiosk")
    k1, _ = ws.ensure_sensor(kiosk, "k1", rssi_inside=-85)
    side, _ = ws.ensure_sensor(site_id, "side", rssi_inside=-90)
    assert visits.settings_report(ws)["visits_stale"] is False
    assert visits.rebuild(ws)["mode"] == "unchanged"
    _detect(ws, kiosk, k1, 2, [0, 100], -84, import_id=2)      # inside by k1's own -85
    _detect(ws, site_id, side, 3, [0, 30], -88, import_id=2)   # inside by side's own -90
    inc = visits.rebuild(ws)
    assert inc["mode"] == "incremental" and inc["rebuilt_pairs"] == 2
    incremental = ws.con.execute("SELECT * FROM visits ORDER BY site_id, device_key").fetchall()
    assert visits.rebuild(ws, full=True)["mode"] == "full"
    assert ws.con.execute("SELECT * FROM visits ORDER BY site_id, device_key").fetchall() == incremental
    assert [r[-1] for r in incremental] == ["short", "short", "short"]
    # a changed threshold of a sensor with data still rebuilds everything
    ws.con.execute("UPDATE sensors SET rssi_inside = -60 WHERE sensor_id = ?", [k1])
    assert visits.settings_report(ws)["visits_stale"] is True
    assert visits.rebuild(ws)["mode"] == "full"


def test_staff_and_fixed_roles(site):
    ws, site_id, door, _ = site
    _devices(ws, [10, 20, 30])
    for day in range(4):
        base = day * 86400
        # staff: 10:00–17:00 local on 4 days, probing every minute
        _detect(ws, site_id, door, 10, base + np.arange(0, 7 * 3600, 60), -55)
        # fixed: a printer talking (null data) every 40 s around the clock
        _detect(ws, site_id, door, 20, base - 7 * 3600 + np.arange(0, 86400, 40), -65, kind=2)
        # a customer: 20 minutes each day
        _detect(ws, site_id, door, 30, base + 3600 + np.arange(0, 1200, 60), -60)
    result = visits.rebuild(ws)
    roles = dict(ws.con.execute("SELECT device_key, role FROM device_roles").fetchall())
    assert roles == {10: "staff", 20: "fixed"}
    assert result["staff_devices"] == 1 and result["fixed_devices"] == 1
    classes = dict(ws.con.execute("SELECT device_key, list(DISTINCT class) FROM visits GROUP BY 1").fetchall())
    assert classes == {10: ["staff"], 20: ["fixed"], 30: ["visitor"]}
    # the analyst raises the staff bar above 7 hours: the phone becomes a visitor again
    visits.set_setting(ws, "staff_hours", 8)
    visits.rebuild(ws)
    assert dict(ws.con.execute("SELECT device_key, role FROM device_roles").fetchall()) == {20: "fixed"}
    assert ws.con.execute("SELECT list(DISTINCT class) FROM visits WHERE device_key = 10").fetchone()[0] == ["visitor"]



def test_staff_windows_count_the_days_the_site_has_data(site):
    """An event on two weekends four weeks apart: staff there 6 h on all four days are staff,
    though no 7 calendar days hold 3 of them; someone there on one weekend only is not."""
    ws, site_id, door, _ = site
    _devices(ws, [10, 11, 30])
    for day in (0, 1, 28, 29):
        base = day * 86400
        _detect(ws, site_id, door, 10, base + np.arange(0, 6 * 3600, 60), -55)          # all four days
        if day < 2:
            _detect(ws, site_id, door, 11, base + np.arange(0, 6 * 3600, 60), -55)      # the first weekend
        _detect(ws, site_id, door, 30, base + 3600 + np.arange(0, 1200, 60), -60)       # a customer
    visits.rebuild(ws)
    roles = ws.con.execute("SELECT device_key, role, reason FROM device_roles").fetchall()
    assert [(d, r) for d, r, _ in roles] == [(10, "staff")]
    assert "3 consecutive days" not in roles[0][2] and "of 7 consecutive days the site had data" in roles[0][2]

def test_local_time_and_site_settings_are_separate(workspace):
    a, _ = workspace.ensure_site("Moscow", timezone_name="Europe/Moscow")
    b, _ = workspace.ensure_site("Novosibirsk", timezone_name="Asia/Novosibirsk")
    sa, _ = workspace.ensure_sensor(a, "s")
    sb, _ = workspace.ensure_sensor(b, "s")
    _devices(workspace, [1])
    _detect(workspace, a, sa, 1, [0, 200], -50)
    _detect(workspace, b, sb, 1, [0, 200], -50)
    visits.set_setting(workspace, "gap_s", 300, site_id=b)
    visits.rebuild(workspace)
    got = workspace.con.execute("SELECT site_id, count(*), min(local_start) FROM visits GROUP BY 1 ORDER BY 1").fetchall()
    assert got == [(a, 2, T0 + timedelta(hours=3)), (b, 1, T0 + timedelta(hours=7))]
    settings = visits.site_settings(workspace)
    assert settings[a]["gap_s"] == 120 and settings[b]["gap_s"] == 300


def test_cancel_keeps_the_previous_visits(site):
    from engine.errors import Cancelled
    from engine.progress import CancelToken

    ws, site_id, door, _ = site
    _devices(ws, [1])
    _detect(ws, site_id, door, 1, [0, 60], -60)
    visits.rebuild(ws)
    _detect(ws, site_id, door, 1, [1000], -60, import_id=2)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        visits.rebuild(ws, cancel=token)
    assert ws.con.execute("SELECT count(*) FROM visits").fetchone()[0] == 1
    assert visits.last_build(ws)["detections"] == 2
