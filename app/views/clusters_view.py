"""Clusters: behaviour clusters of visitors' devices (engine/clusters.py) — run with k chosen
by the engine's criterion (best silhouette) or by the analyst; sizes, profiles in plain
words, and a 2-D projection scatter (one colour per cluster, ≤ 20 000 points)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from app.charts import PALETTE, ChartCard
from app.formatting import thin
from app.models import DataFrameModel
from app.views.base import View
from app.widgets import EmptyState, KpiTile, data_table
from app.worker import TaskRunner
from engine import visit_charts

MAX_POINTS = 20_000


def cluster_color(cluster: int) -> str:
    return PALETTE[int(cluster) % len(PALETTE)]


class ClustersView(View):
    NAME = "clusters"
    TITLE = QT_TRANSLATE_NOOP("Views", "Clusters")
    WATCHES = frozenset({"device_clusters", "cluster_runs", "visits"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.run_runner = TaskRunner(monitor, self)
        self.result: dict | None = None
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Number of clusters:")))
        self.k_combo = QComboBox()
        self.k_combo.addItem(self.tr("Automatic (best silhouette, k = 2…8)"), None)
        for k in range(2, 13):
            self.k_combo.addItem(str(k), k)
        top.addWidget(self.k_combo)
        self.run_button = QPushButton(self.tr("Run clustering"))
        self.run_button.clicked.connect(self.run_clustering)
        top.addWidget(self.run_button)
        self.criterion = QLabel()
        self.criterion.setWordWrap(True)
        top.addWidget(self.criterion, 1)
        self.body.addLayout(top)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.body.addWidget(self.message)
        self.no_clusters_text = self.tr(
            "No clusters yet — build visits on the Visits screen, then press Run clustering. Devices are "
            "grouped by how often, when and how long they visit.")
        self.empty = EmptyState(self.no_clusters_text)
        self.body.addWidget(self.empty)
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        tiles = QHBoxLayout()
        self.tiles = {
            "devices": KpiTile(self.tr("Devices clustered"), self.tr(
                "Visitors' phones (non-randomized, not staff or fixed equipment) with at least one visit")),
            "k": KpiTile(self.tr("Clusters"), self.tr("k: chosen by the stated criterion, or by you")),
            "largest": KpiTile(self.tr("Largest cluster"), self.tr("Share of devices in the biggest cluster")),
        }
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        tiles.addStretch(1)
        content.addLayout(tiles)
        charts = QSplitter()
        self.sizes_card = ChartCard(self.tr("Cluster sizes"), self.tr("Devices per cluster"))
        self.sizes_card.plot.setLabel("left", self.tr("devices"))
        self.scatter_card = ChartCard(self.tr("2-D projection"), self.tr(
            "Each dot is a device placed by PCA of its behaviour features; colour = cluster "
            "(a fixed sample of at most 20 000 devices)"))
        self.scatter = pg.ScatterPlotItem(size=5, pen=None)
        self.scatter_card.plot.addItem(self.scatter)
        self.size_bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.sizes_card.plot.addItem(self.size_bars)
        charts.addWidget(self.sizes_card)
        charts.addWidget(self.scatter_card)
        charts.setMinimumHeight(320)
        content.addWidget(charts, 2)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>" + self.tr("Profiles") + "</b>"), 1)
        export = QPushButton(self.tr("Export profiles CSV… (Ctrl+E)"))
        export.clicked.connect(self.export_current)
        head.addWidget(export)
        content.addLayout(head)
        self.profiles = DataFrameModel()
        table = data_table(self.profiles)
        content.addWidget(table, 1)
        self.body.addWidget(self.content, 1)
        self.content.hide()

    # --- loading and running ----------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.empty.setText(self.tr("No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)"))
            return
        self.empty.setText(self.no_clusters_text)
        self.runner.run(self.tr("Loading clusters"), lambda w, _p, _c: visit_charts.latest_clusters(w, MAX_POINTS),
                        workspace=ws, quiet=True, on_done=self.show_result, on_error=self._failed)

    def run_clustering(self) -> None:
        from engine import clusters

        ws = self.context.workspace
        if ws is None:
            return
        k = self.k_combo.currentData()

        def run(w, progress, cancel):
            # engine/clusters.build runs as one short transaction and takes no cancel token
            progress(0.05, "clustering devices")
            clusters.build(w, k)
            return visit_charts.latest_clusters(w, MAX_POINTS)

        self.run_button.setEnabled(False)
        self.message.setText(self.tr("Clustering…"))
        self.run_runner.run(self.tr("Clustering devices"), run, workspace=ws, on_done=self._ran,
                            on_error=self._failed,
                            done_message=lambda r: self.tr("Clusters: k = %1 over %2 devices")
                            .replace("%1", str(r["k"])).replace("%2", f"{r['devices']:,}"))

    def _ran(self, result: dict) -> None:
        self.run_button.setEnabled(True)
        self.message.setText("")
        self.show_result(result)
        self._stale = False  # what the notification below would reload is already shown
        self.context.notify_changed({"device_clusters", "cluster_runs"})

    def _failed(self, error) -> None:
        self.run_button.setEnabled(True)
        self.message.setText(("" if error.cancelled else "⚠ ") + error.message)

    # --- drawing ------------------------------------------------------------------------------
    def show_result(self, result: dict | None) -> None:
        self.result = result
        self.empty.setVisible(result is None)
        self.content.setVisible(result is not None)
        if result is None:
            self.criterion.setText("")
            return
        # clustering covers every site and all time, whatever the bar above says: say so
        scope = self.tr("All sites, all time: %1 visitors' devices (randomized MACs, staff and fixed equipment "
                        "left out), clustered %2.").replace("%1", thin(result["devices"])
                                                            ).replace("%2", f"{result['built_at']:%Y-%m-%d %H:%M}")
        if result.get("stale"):
            scope += " " + self.tr("Visits were rebuilt since: run clustering again to follow them.")
        self.message.setText(scope)
        sizes: pd.DataFrame = result["clusters"].sort_values("cluster").reset_index(drop=True)
        scores = result.get("silhouette") or {}
        score_text = ", ".join(f"k={k}: {v:.3f}" for k, v in sorted(scores.items(), key=lambda kv: int(kv[0])))
        self.criterion.setText(self.tr("k = %1 — %2").replace("%1", str(result["k"])).replace(
            "%2", result["criterion"]) + (f" ({score_text})" if score_text else ""))
        self.criterion.setToolTip(self.tr("Silhouette per k (higher = better separated clusters): ") + score_text)
        total = int(sizes["devices"].sum())
        self.tiles["devices"].set_value(thin(result["devices"]))
        self.tiles["k"].set_value(str(result["k"]))
        self.tiles["largest"].set_value(f"{100 * sizes['devices'].max() / total:.1f} %" if total else "—",
                                        sizes.loc[sizes["devices"].idxmax(), "label"] if total else "")
        x = np.arange(len(sizes))
        self.size_bars.setOpts(x=x, height=sizes["devices"].to_numpy(), width=0.7,
                               brushes=[pg.mkBrush(cluster_color(c)) for c in sizes["cluster"]])
        self.sizes_card.plot.getAxis("bottom").setTicks([[(i, f"#{c}") for i, c in enumerate(sizes["cluster"])]])
        self.sizes_card.set_frame(sizes[["cluster", "label", "devices"]])
        self.sizes_card.plot.autoRange()
        points: pd.DataFrame = result["points"]
        brushes = {c: pg.mkBrush(cluster_color(c) + "99") for c in sizes["cluster"]}
        self.scatter.setData(x=points["x"].to_numpy(), y=points["y"].to_numpy(),
                             brush=[brushes.get(c, pg.mkBrush("#999999")) for c in points["cluster"]])
        self.scatter_card.set_frame(points[["cluster", "label", "x", "y"]])
        self.scatter_card.plot.autoRange()
        profiles = sizes.rename(columns={"cluster": "#", "label": "profile"})
        profiles.insert(3, "share", (sizes["devices"] / total).round(3) if total else 0.0)
        self.profiles.set_frame(profiles)

    def export_current(self) -> None:
        if self.profiles.frame.empty:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export profiles"), "clusters.csv", "CSV (*.csv)")
        if path:
            self.profiles.frame.to_csv(path, index=False, encoding="utf-8-sig")


if __name__ == "__main__":  # preview: python -m app.views.clusters_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(ClustersView))
