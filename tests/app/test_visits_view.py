"""The Visits screen on real workspaces: tiles equal the engine's figures, charts export,
zoom fetches the visible range, thresholds rebuild visits, compare, empty states."""
from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from app.context import AppContext, Period
from app.formatting import mmss, pct, thin
from app.views.visits_view import VisitsView
from app.widgets import ContextBar
from app.worker import TaskMonitor
from engine import stats, visits
from engine.workspace import Workspace

from . import _visit_world

JUNE = Period(date(2024, 6, 1), date(2024, 6, 29))
MAY = (date(2024, 5, 3), date(2024, 5, 31))  # the previous period of equal length


@pytest.fixture
def screen(qtbot):
    """(context, bar, view): the dashboard with the shared context bar above it."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    context, monitor = AppContext(), TaskMonitor()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    bar = ContextBar(context)
    view = VisitsView(context, monitor)
    layout.addWidget(bar)
    layout.addWidget(view, 1)
    holder.resize(1300, 1000)
    qtbot.addWidget(holder)
    holder.show()
    yield context, bar, view
    monitor.cancel_all()
    assert monitor.wait(30000)
    holder.close()
    context.set_workspace(None)
    dispose(holder)


def dispose(widget) -> None:
    """Delete the screen's Qt objects now: left to interpreter exit, pyqtgraph items die
    after their scenes, which can crash the garbage collector at shutdown."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def idle(qtbot, view, timeout=60000):
    qtbot.waitUntil(lambda: not view.monitor.running, timeout=timeout)


@pytest.fixture
def world(tmp_path):
    """A workspace with the test world's detections (visits not built yet)."""
    ws = Workspace.open(tmp_path / "world.o2o", create=True)
    info = _visit_world.build(ws)
    ws.close()
    return tmp_path / "world.o2o", info


def open_built(path):
    ws = Workspace.open(path)
    visits.rebuild(ws)
    return ws


def select(bar, site_id, period: Period | None = JUNE):
    bar.site_combo.setCurrentIndex(bar.index_of_sites((site_id,) if site_id else ()))
    if period is None:
        bar.all_time.setChecked(True)
    else:
        bar.set_period(period.start, period.end)


def expected_tiles(s: dict) -> dict[str, str]:
    return {"unique_visitors": thin(s["unique_visitors"]), "visits": thin(s["visits"]),
            "passersby": thin(s["passersby"]), "capture_rate": pct(s["capture_rate"]),
            "avg_dwell_s": mmss(s["avg_dwell_s"]), "median_dwell_s": mmss(s["median_dwell_s"]),
            "return_rate": pct(s["return_rate"]), "staff_devices": thin(s["staff_devices"]),
            "fixed_devices": thin(s["fixed_devices"]),
            "randomized_devices": thin(s["randomized_devices"])}


def shown_tiles(view) -> dict[str, str]:
    return {key: tile.value_label.text() for key, tile in view.tiles.items()}


def test_no_detections_says_what_to_do(qtbot, screen, workspace):
    context, _bar, view = screen
    context.set_workspace(workspace)
    idle(qtbot, view)
    assert view.empty.isVisible()
    assert "drop a .pcap here or start a capture" in view.empty.text()
    assert not view.tiles_box.isVisible() and not view.charts_box.isVisible()


def test_tiles_equal_engine_figures_and_follow_the_site(qtbot, screen, world):
    context, bar, view = screen
    path, info = world
    site_a, site_b = info["sites"]
    ws = open_built(path)
    expected = {s: stats.site_stats(ws, s, JUNE.start, JUNE.end) for s in (site_a, site_b)}
    previous = stats.site_stats(ws, site_a, *MAY, randomized_estimate=False)
    context.set_workspace(ws)
    select(bar, site_a)
    idle(qtbot, view)
    assert view.data["period"] == (JUNE.start, JUNE.end)
    assert shown_tiles(view) == expected_tiles(expected[site_a])
    assert expected[site_a]["staff_devices"] == 3  # the world's three staff phones
    # change vs the previous period, computed here from the engine's own figures
    change = 100 * (expected[site_a]["visits"] - previous["visits"]) / previous["visits"]
    assert f"{change:+.1f} %" in view.tiles["visits"].note_label.text()
    assert "2024-05-03 – 2024-05-31" in view.scope_label.text()
    # the randomized tile names the estimate range and the method
    est = expected[site_a]["randomized_visitors"]
    qtbot.waitUntil(lambda: view.estimate is not None)
    tip = view.tiles["randomized_devices"].toolTip()
    assert f"range {thin(est['low'])}–{thin(est['high'])}" in tip and est["method"] in tip
    view.refresh()  # what F5 or a new period does once the screen is up: measure that
    idle(qtbot, view)
    print(f"\nvisits dashboard, a month of site A ({expected[site_a]['visits']} visits): tiles "
          f"{view.last_refresh_ms:.0f} ms, charts (queries + drawing) {view.last_chart_ms:.0f} ms")

    select(bar, site_b)  # changing the site in the context bar refreshes the tiles
    idle(qtbot, view)
    assert shown_tiles(view) == expected_tiles(expected[site_b])
    assert list(view.table_model.frame["name"]) == ["Store B"]


def test_all_sites_count_each_device_once(qtbot, screen, world):
    context, bar, view = screen
    path, info = world
    ws = open_built(path)
    per_site = [stats.site_stats(ws, s, JUNE.start, JUNE.end, randomized_estimate=False) for s in info["sites"]]
    visits = ws.con.execute("SELECT * FROM visits").df()
    in_june = visits[(visits.local_start >= pd.Timestamp(JUNE.start)) & (visits.local_start < pd.Timestamp(JUNE.end)
                                                                         + pd.Timedelta(days=1))]
    counted = in_june[in_june["class"].isin(["short", "visitor"]) & ~in_june.randomized]
    context.set_workspace(ws)
    select(bar, None)
    idle(qtbot, view)
    fig = view.data["figures"]
    # a device seen at both stores is one visitor of the two (pandas over the visits table)
    assert fig["unique_visitors"] == counted.device_key.nunique() < sum(s["unique_visitors"] for s in per_site)
    assert fig["visits"] == len(counted) == sum(s["visits"] for s in per_site)    # visits do add up
    staff = in_june[in_june["class"] == "staff"].device_key.nunique()
    assert fig["staff_devices"] == staff
    exported = view.figures_frame()
    assert list(exported["name"])[0] == "All selected sites" and len(exported) == 3
    assert exported["unique_visitors"].iloc[0] == fig["unique_visitors"]
    # people behind randomized MACs: the sites' estimates scaled by the visitors' overlap, never above their sum
    assert exported["randomized_people_estimate"].iloc[0] <= sum(exported["randomized_people_estimate"].iloc[1:])
    assert exported["randomized_people_high"].iloc[0] == sum(exported["randomized_people_high"].iloc[1:])
    uv, pb = view.data["figures"]["unique_visitors"], view.data["figures"]["passersby"]
    assert view.tiles["capture_rate"].value_label.text() == pct(round(uv / (uv + pb), 4))
    assert len(view.table_model.frame) == 2
    # the charts add up to the same visits
    assert int(view.dwell_card.frame["visits"].sum()) == view.data["figures"]["visits"]


def test_each_chart_card_exports_png_svg_csv(qtbot, screen, world, tmp_path):
    context, bar, view = screen
    path, info = world
    ws = open_built(path)
    s = stats.site_stats(ws, info["sites"][0], JUNE.start, JUNE.end, randomized_estimate=False)
    context.set_workspace(ws)
    select(bar, info["sites"][0])
    idle(qtbot, view)
    for i, card in enumerate(view.cards):
        png = card.export_to(tmp_path / f"card{i}.png")
        csv = card.export_to(tmp_path / f"card{i}.csv")
        assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 2000
        assert len(pd.read_csv(csv)) == len(card.frame) > 0
    svg = view.heat_card.export_to(tmp_path / "heat.svg").read_text(encoding="utf-8")
    assert "<svg" in svg[:3000] and "<title>Hour × weekday — Mall A · 2024-06-01 – 2024-06-29</title>" in svg
    assert (tmp_path / "card1.csv").read_bytes()[:3] == b"\xef\xbb\xbf"   # BOM: Excel reads "0–1 min" right
    # what the cards export adds up to the engine's figures
    assert int(pd.read_csv(tmp_path / "card1.csv")["visits"].sum()) == s["visits"]          # dwell
    heat = pd.read_csv(tmp_path / "card2.csv").set_index("weekday")
    assert list(heat.index) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] and heat.to_numpy().sum() == s["visits"]
    returns = pd.read_csv(tmp_path / "card3.csv")
    assert int(returns["visitors"].sum()) == s["unique_visitors"]
    assert int(pd.read_csv(tmp_path / "card0.csv")["visits"].sum()) == s["visits"]         # traffic
    # Ctrl+E: the per-site figures table
    out = pd.read_csv(view.export_figures(tmp_path / "figures.csv"), encoding="utf-8-sig")
    assert out.loc[0, "unique_visitors"] == s["unique_visitors"] and out.loc[0, "name"] == "Mall A"
    assert out.loc[0, "visits_per_visitor"] == s["visits_per_visitor"]
    est = stats.randomized_people(ws, [info["sites"][0]], *[pd.Timestamp(d).to_pydatetime() for d in
                                                            (JUNE.start, JUNE.end + timedelta(days=1))])
    assert (out.loc[0, "randomized_people_estimate"], out.loc[0, "randomized_people_low"],
            out.loc[0, "randomized_people_high"]) == (est["estimate"], est["low"], est["high"])
    assert out.loc[0, "randomized_people_method"] == est["method"]


def test_zoom_fetches_the_visible_range_at_a_finer_bucket(qtbot, screen, world):
    context, bar, view = screen
    path, info = world
    context.set_workspace(open_built(path))
    select(bar, info["sites"][0])
    idle(qtbot, view)
    month_bucket = view.traffic_bucket_s
    day = datetime(2024, 6, 10), datetime(2024, 6, 11)
    epoch = datetime(1970, 1, 1)
    view.traffic_card.plot.setXRange((day[0] - epoch).total_seconds(), (day[1] - epoch).total_seconds(), padding=0)
    qtbot.waitUntil(lambda: view.traffic_bucket_s < month_bucket, timeout=20000)
    frame = view.traffic_card.frame
    assert frame["bucket"].min() >= pd.Timestamp(day[0]) and frame["bucket"].max() < pd.Timestamp(day[1])
    assert len(frame) <= 400
    ws = context.workspace
    expected = stats.traffic_series(ws, info["sites"][0], *day, max_points=400)
    assert int(frame["visits"].sum()) == int(expected["visits"].sum())


def test_build_visits_button_then_thresholds_rebuild_changes_counts(qtbot, screen, world):
    context, bar, view = screen
    path, info = world
    site_a = info["sites"][0]
    context.set_workspace(Workspace.open(path))
    select(bar, site_a)
    idle(qtbot, view)
    assert view.build_button.isVisible() and "detections are waiting" in view.message.text()
    assert not view.tiles_box.isVisible()
    view.build_button.click()
    assert view.build_cancel.isVisible()
    idle(qtbot, view)
    qtbot.waitUntil(lambda: view.tiles_box.isVisible(), timeout=20000)
    before = dict(view.data["figures"])

    view.tabs.setCurrentIndex(1)
    panel = view.settings_panel
    qtbot.waitUntil(lambda: panel.snapshot.get("site_id") == site_a, timeout=20000)
    assert panel.snapshot["suggestions"]  # the engine's calibration helper answered for the sensors
    panel.spins["short_visit_s"].setValue(900)   # 15 minutes: more visits count as short
    panel.spins["gap_s"].setValue(600)           # 10 minutes apart still the same visit
    panel.save_button.click()
    idle(qtbot, view)
    qtbot.waitUntil(lambda: view.data.get("figures") and view.data["figures"] != before, timeout=20000)
    ws = context.workspace
    assert dict(ws.con.execute("SELECT key, value FROM visit_settings WHERE scope = 'site' AND scope_id = ?",
                               [site_a]).fetchall()) == {"short_visit_s": 900.0, "gap_s": 600.0}
    after = stats.site_stats(ws, site_a, JUNE.start, JUNE.end, randomized_estimate=False)
    assert after["short_visits"] > before["short_visits"] and after["visits"] < before["visits"]
    view.tabs.setCurrentIndex(0)
    idle(qtbot, view)
    assert view.tiles["visits"].value_label.text() == thin(after["visits"])


def test_compare_two_sites(qtbot, screen, world):
    context, bar, view = screen
    path, info = world
    site_a, site_b = info["sites"]
    ws = open_built(path)
    a = stats.site_stats(ws, site_a, JUNE.start, JUNE.end, randomized_estimate=False)
    b = stats.site_stats(ws, site_b, JUNE.start, JUNE.end, randomized_estimate=False)
    context.set_workspace(ws)
    select(bar, site_a)
    idle(qtbot, view)
    view.compare.check.setChecked(True)
    view.compare.site.setCurrentIndex(view.compare.site.findData(site_b))
    view.compare.run_button.click()
    idle(qtbot, view)
    rows = view.compare.model.frame.set_index(view.compare.model.frame.columns[0])
    change = round(100 * (a["visits"] - b["visits"]) / b["visits"], 1)      # how A differs from B
    assert rows.loc["Visits", "A"] == thin(a["visits"]) and rows.loc["Visits", "B"] == thin(b["visits"])
    assert rows.loc["Visits", "A vs B"] == f"{change:+.1f} %"
    points = round(100 * (a["capture_rate"] - b["capture_rate"]), 1)     # rates: percentage points
    assert rows.loc["Capture rate", "A vs B"] == f"{points:+.1f} pp"
    assert len(view.compare.card.frame) == 29


def test_demo_workspace_build_and_tiles(qtbot, screen, demo_small, tmp_path):
    context, bar, view = screen
    src, _truth = demo_small
    shutil.copy(src / "demo.o2o", tmp_path / "demo.o2o")
    ws = Workspace.open(tmp_path / "demo.o2o")
    context.set_workspace(ws)
    idle(qtbot, view)
    if view.build_button.isVisible():
        view.build_button.click()
        idle(qtbot, view)
    site = ws.sites()[0]
    select(bar, site["site_id"], None)
    idle(qtbot, view)
    qtbot.waitUntil(lambda: view.tiles_box.isVisible(), timeout=20000)
    assert shown_tiles(view) == expected_tiles(stats.site_stats(ws, site["site_id"]))
    # all sites, all time: each site's row covers its own days, as `o2o stats` says (the
    # one-day event is not stretched over the malls' span)
    select(bar, None, None)
    idle(qtbot, view)
    table = view.table_model.frame.set_index("name")
    for s in stats.all_site_stats(ws):
        assert (table.loc[s["name"], "from"], table.loc[s["name"], "to"]) == (s["from"], s["to"])
        assert table.loc[s["name"], "unique_visitors"] == s["unique_visitors"]
    assert len({(s["from"], s["to"]) for s in stats.all_site_stats(ws)}) > 1   # the event's own day
    # the table shows rates and dwell as the tiles do (%, mm:ss); the frame keeps the exact values
    model, columns = view.table_model, list(view.table_model.frame.columns)
    first = stats.all_site_stats(ws)[0]
    row = list(table.index).index(first["name"])
    shown = {c: model.data(model.index(row, columns.index(c))) for c in ("capture_rate", "avg_dwell_s")}
    assert shown == {"capture_rate": f"{100 * first['capture_rate']:.1f} %",
                     "avg_dwell_s": "%02d:%02d" % divmod(round(first["avg_dwell_s"]), 60)}
