"""The Clusters screen on a real workspace: k clusters whose sizes add up to the devices
clustered, profiles in words, a scatter with one colour per cluster."""
from __future__ import annotations

import pytest

from app.context import AppContext
from app.views.clusters_view import ClustersView, cluster_color
from app.worker import TaskMonitor
from engine import clusters, visits
from engine.workspace import Workspace

from . import _visit_world


@pytest.fixture
def screen(qtbot, tmp_path):
    ws = Workspace.open(tmp_path / "world.o2o", create=True)
    _visit_world.build(ws)
    visits.rebuild(ws)
    context, monitor = AppContext(), TaskMonitor()
    view = ClustersView(context, monitor)
    view.resize(1200, 800)
    qtbot.addWidget(view)
    view.show()
    context.set_workspace(ws)
    qtbot.waitUntil(lambda: not monitor.running, timeout=30000)
    yield view, ws
    monitor.cancel_all()
    assert monitor.wait(60000)
    view.close()
    context.set_workspace(None)


def test_empty_until_clustered_then_k_clusters_sum_to_devices(qtbot, screen, tmp_path):
    view, ws = screen
    assert view.empty.isVisible() and not view.content.isVisible()
    view.k_combo.setCurrentIndex(view.k_combo.findData(3))
    view.run_button.click()
    qtbot.waitUntil(lambda: view.result is not None and not view.monitor.running, timeout=60000)
    expected_devices = len(clusters.features(ws))  # visitors' devices, computed apart from the screen
    assert view.result["k"] == 3 and view.result["devices"] == expected_devices
    sizes = view.sizes_card.frame
    assert len(sizes) == 3 and int(sizes["devices"].sum()) == expected_devices
    stored = dict(ws.con.execute("SELECT cluster, count(*) FROM device_clusters GROUP BY ALL").fetchall())
    assert dict(zip(sizes["cluster"], sizes["devices"])) == stored
    profiles = view.profiles.frame
    assert len(profiles) == 3 and all(isinstance(p, str) and p for p in profiles["profile"])
    assert abs(profiles["share"].sum() - 1) < 0.01
    points = view.scatter_card.frame
    assert len(points) == min(expected_devices, 20_000)
    brushes = {b.color().name() for b in view.scatter.data["brush"]}
    assert brushes == {cluster_color(c) for c in stored}  # one colour per cluster
    assert view.tiles["k"].value_label.text() == "3"
    for kind in ("png", "csv"):
        assert view.sizes_card.export_to(tmp_path / f"sizes.{kind}").stat().st_size > 0
        assert view.scatter_card.export_to(tmp_path / f"scatter.{kind}").stat().st_size > 0


def test_automatic_k_states_the_criterion_and_reloads(qtbot, screen):
    view, ws = screen
    view.run_button.click()  # automatic k: best silhouette
    qtbot.waitUntil(lambda: view.result is not None and not view.monitor.running, timeout=120000)
    k = view.result["k"]
    assert 2 <= k <= 8 and "silhouette" in view.criterion.text()
    assert int(view.sizes_card.frame["devices"].sum()) == view.result["devices"]
    view.result = None
    view.refresh()  # reopening the screen shows the stored run
    qtbot.waitUntil(lambda: view.result is not None, timeout=30000)
    assert view.result["k"] == k
