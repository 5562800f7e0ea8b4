"""Visits: the behaviour dashboard (KPI tiles, charts, compare, per-site table) and the
thresholds/calibration tab. Every figure comes from engine/visit_charts.py (which asks
engine/stats.py) in a worker; this module only lays out and draws what comes back."""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (QFileDialog, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from app.charts import PALETTE, ChartCard
from app.formatting import mmss, pct, thin
from app.models import DataFrameModel
from app.views.base import View
from app.views.visit_compare import ComparePanel
from app.views.visit_settings import VisitSettingsPanel
from app.widgets import EmptyState, KpiTile, data_table
from app.worker import TaskRunner
from engine import stats, visit_charts

TABLE_COLUMNS = ["name", "from", "to", "unique_visitors", "visits", "passersby", "capture_rate", "avg_dwell_s",
                 "median_dwell_s", "return_rate", "visits_per_visitor", "short_visits", "new_visitors",
                 "returning_visitors", "staff_devices", "fixed_devices", "randomized_devices"]
ESTIMATE_COLUMNS = {"estimate": "randomized_people_estimate", "low": "randomized_people_low",
                    "high": "randomized_people_high", "method": "randomized_people_method"}
ZOOM_DEBOUNCE_MS = 250


def epoch_s(values) -> np.ndarray:
    """Naive (site-local) timestamps as seconds, drawn by a DateAxisItem with utcOffset=0."""
    return pd.to_datetime(pd.Series(values)).to_numpy().astype("datetime64[s]").astype(np.int64).astype(float)


TILES_PER_ROW = 5


class VisitsView(View):
    NAME = "visits"
    TITLE = QT_TRANSLATE_NOOP("Views", "Visits")
    WATCHES = frozenset({"detections", "visits", "device_roles", "visit_builds", "visit_settings", "sensors", "sites"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.build_runner = TaskRunner(monitor, self)
        self.zoom_runner = TaskRunner(monitor, self)
        self.chart_runner = TaskRunner(monitor, self)
        self.periods_runner = TaskRunner(monitor, self)
        self.estimate_runner = TaskRunner(monitor, self)
        self.data: dict = {}
        self.chart_data: dict | None = None
        self._charts_pending: set[str] = set()
        self.estimate: dict | None = None
        self.last_refresh_ms: float | None = None  # tiles: figures of the period and the previous one
        self.last_chart_ms: float | None = None    # charts: query + drawing
        self.tabs = QTabWidget()
        self.body.addWidget(self.tabs)
        self.settings_panel = VisitSettingsPanel(context, monitor)
        dashboard = QScrollArea()
        dashboard.setWidgetResizable(True)
        page = QWidget()
        dashboard.setWidget(page)
        self.page = QVBoxLayout(page)
        self.tabs.addTab(dashboard, self.tr("Dashboard"))
        self.tabs.addTab(self.settings_panel, self.tr("Thresholds and calibration"))
        self.tabs.currentChanged.connect(lambda i: i == 1 and self.settings_panel.load())
        self._build_status_area()
        self._build_tiles()
        self._build_compare()
        self._build_charts()
        self._build_table()
        self.zoom_timer = QTimer(self)
        self.zoom_timer.setSingleShot(True)
        self.zoom_timer.setInterval(ZOOM_DEBOUNCE_MS)
        self.zoom_timer.timeout.connect(self._fetch_visible_traffic)
        self.traffic_card.plot.getViewBox().sigXRangeChanged.connect(lambda *_: self.zoom_timer.start())
        self._show_parts(False)

    # --- layout -------------------------------------------------------------------------------
    def _build_status_area(self) -> None:
        self.empty = EmptyState(self.tr("No captures yet — drop a .pcap here or start a capture"))
        self.empty.setMinimumHeight(120)
        self.page.addWidget(self.empty)
        row = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.build_button = QPushButton(self.tr("Build visits"))
        self.build_button.clicked.connect(self.build_visits)
        self.build_progress = QProgressBar()
        self.build_progress.setRange(0, 1000)
        self.build_progress.setMaximumWidth(220)
        self.build_cancel = QPushButton(self.tr("Cancel"))
        self.build_cancel.clicked.connect(self.build_runner.cancel)
        row.addWidget(self.message, 1)
        for w in (self.build_progress, self.build_cancel, self.build_button):
            row.addWidget(w)
        self.page.addLayout(row)
        self._set_building(False)

    def _build_tiles(self) -> None:
        defs = {
            "unique_visitors": (self.tr("Unique visitors"), self.tr(
                "Distinct phones (non-randomized MACs) with at least one visit heard inside that is not "
                "passing by; staff and fixed equipment excluded")),
            "visits": (self.tr("Visits"), self.tr("Short visits and visits of those phones in the period")),
            "passersby": (self.tr("Passers-by"), self.tr(
                "Distinct phones seen only passing by: weak signal (outside) or shorter than the minimum visit")),
            "capture_rate": (self.tr("Capture rate"), self.tr(
                "Unique visitors / (unique visitors + passers-by): the share of people seen who came in")),
            "avg_dwell_s": (self.tr("Average dwell"), self.tr("Mean time from first to last detection of a visit (mm:ss)")),
            "median_dwell_s": (self.tr("Median dwell"), self.tr("Half of the visits were shorter than this (mm:ss)")),
            "return_rate": (self.tr("Return rate"), self.tr(
                "Share of unique visitors with two or more visits in the period; with several sites, visits "
                "to any of them count (one visit to A and one to B is a return)")),
            "staff_devices": (self.tr("Staff devices"), self.tr(
                "Phones present more than X h a day on Y of Z days (Thresholds tab); excluded from visitors")),
            "fixed_devices": (self.tr("Fixed equipment"), self.tr(
                "Devices there almost always, or mostly not probing (access points, printers, terminals; "
                "Thresholds tab); excluded from visitors")),
            "randomized_devices": (self.tr("Randomized MACs"), self.tr(
                "Devices with a randomized (locally administered) MAC; never counted as people")),
        }
        self.tiles: dict[str, KpiTile] = {}
        self.definitions = {key: d for key, (_t, d) in defs.items()}
        self.titles = {key: t for key, (t, _d) in defs.items()}
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        self.scope_label = QLabel()
        box.addWidget(self.scope_label)
        grid = QGridLayout()
        for i, (key, (title, definition)) in enumerate(defs.items()):
            tile = KpiTile(title, definition)
            tile.note_label.setTextFormat(pg.QtCore.Qt.TextFormat.RichText)
            tile.note_label.setWordWrap(True)
            tile.setMinimumWidth(100)
            self.tiles[key] = tile
            grid.addWidget(tile, i // TILES_PER_ROW, i % TILES_PER_ROW)  # two rows fit a laptop screen
        box.addLayout(grid)
        self.tiles_box = QWidget()
        self.tiles_box.setLayout(box)
        self.page.addWidget(self.tiles_box)

    def _build_compare(self) -> None:
        self.compare = ComparePanel(self.context, self.monitor, titles=self.titles, format_figure=self.format_figure,
                                    change_text=self.change_text, on_error=self._failed)
        self.page.addWidget(self.compare)

    def _build_charts(self) -> None:
        grid = QGridLayout()
        self.traffic_card = ChartCard(self.tr("Traffic over time"), self.tr(
            "Visits started, unique visitors and passers-by per time bucket (site local time). "
            "Zoom with the mouse wheel: the visible range is fetched again at a finer bucket."))
        self.traffic_card.plot.setAxisItems({"bottom": pg.DateAxisItem(utcOffset=0)})
        self.dwell_card = ChartCard(self.tr("Dwell time"), self.tr("Visits per dwell-time bin, minutes"))
        self.heat_card = ChartCard(self.tr("Hour × weekday"), self.tr("Visits started per local hour and weekday"))
        self.returns_card = ChartCard(self.tr("Returns"), self.tr("Visitors by the number of visits in the period"))
        self.new_card = ChartCard(self.tr("New vs returning"), self.tr(
            "Visitors per day (week, month for long periods); returning = visited the site before"))
        self.new_card.plot.setAxisItems({"bottom": pg.DateAxisItem(utcOffset=0)})
        self.heat_image = pg.ImageItem()
        self.heat_card.plot.addItem(self.heat_image)
        self.heat_card.plot.invertY(True)
        self.heat_card.plot.showGrid(x=False, y=False)
        self.heat_bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get("viridis"), interactive=False,
                                        width=12)
        self.heat_bar.setImageItem(self.heat_image, insert_in=self.heat_card.plot.getPlotItem())
        left = self.heat_card.plot.getAxis("left")
        left.setTicks([[(i + 0.5, d) for i, d in enumerate(self._weekdays())]])
        self.heat_card.plot.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(0, 24, 3)]])
        self.heat_card.plot.setLabel("bottom", self.tr("hour"))
        self.dwell_card.plot.setLabel("bottom", self.tr("minutes"))
        self.returns_card.plot.setLabel("bottom", self.tr("visits in the period"))
        self.cards = [self.traffic_card, self.dwell_card, self.heat_card, self.returns_card, self.new_card]
        for card in self.cards:
            card.setMinimumHeight(260)
        grid.addWidget(self.traffic_card, 0, 0, 1, 2)
        grid.addWidget(self.dwell_card, 1, 0)
        grid.addWidget(self.heat_card, 1, 1)
        grid.addWidget(self.returns_card, 2, 0)
        grid.addWidget(self.new_card, 2, 1)
        self.charts_box = QWidget()
        self.charts_box.setLayout(grid)
        self.page.addWidget(self.charts_box)

    def _build_table(self) -> None:
        self.table_box = QWidget()
        layout = QVBoxLayout(self.table_box)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>" + self.tr("Figures per site") + "</b>"), 1)
        export = QPushButton(self.tr("Export figures CSV… (Ctrl+E)"))
        export.clicked.connect(self.export_current)
        head.addWidget(export)
        layout.addLayout(head)
        # as the tiles show them: rates in %, dwell in mm:ss (the tooltip keeps the exact value)
        self.table_model = DataFrameModel(formats={"capture_rate": pct, "return_rate": pct,
                                                   "avg_dwell_s": mmss, "median_dwell_s": mmss},
                                          headers={"avg_dwell_s": self.tr("avg dwell (mm:ss)"),
                                                   "median_dwell_s": self.tr("median dwell (mm:ss)")})
        self.table = data_table(self.table_model)
        self.table.setMinimumHeight(140)
        layout.addWidget(self.table)
        self.page.addWidget(self.table_box)

    def _weekdays(self) -> list[str]:
        return [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                self.tr("Sat"), self.tr("Sun")]

    def _show_parts(self, visible: bool) -> None:
        for w in (self.tiles_box, self.charts_box, self.table_box):
            w.setVisible(visible)
        self.compare.set_shown(visible)

    def _set_building(self, building: bool) -> None:
        self.build_progress.setVisible(building)
        self.build_cancel.setVisible(building)
        self.build_button.setEnabled(not building)

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.empty.setText(self.tr("No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)"))
            self.empty.show()
            self.build_button.hide()
            self._show_parts(False)
            return
        sites, period = self.context.site_ids, self.context.period
        started = time.perf_counter()
        self.data, self.chart_data, self.estimate = {}, None, None
        # Three tasks side by side: tiles, charts, and the slower randomized-MAC estimate.
        self.runner.run(self.tr("Loading visit figures"),
                        lambda w, progress, cancel: visit_charts.dashboard(
                            w, sites, period.start, period.end, progress=progress, cancel=cancel),
                        workspace=ws, on_done=lambda d: self.show_dashboard(d, started), on_error=self._failed,
                        quiet=True)
        self._charts_pending = {"main", "periods"}
        for part, runner in (("main", self.chart_runner), ("periods", self.periods_runner)):
            runner.run(self.tr("Loading visit charts"),
                       lambda w, _p, c, part=part: visit_charts.dashboard_charts(
                           w, sites, period.start, period.end, parts=(part,), cancel=c),
                       workspace=ws, on_done=lambda c, part=part: self.show_charts(c, part, started),
                       on_error=self._failed, quiet=True)
        if self.tabs.currentIndex() == 1:
            self.settings_panel.load()

    def _failed(self, error) -> None:
        self.message.setText(("⚠ " if not error.cancelled else "") + error.message)

    def show_dashboard(self, data: dict, started: float | None = None) -> None:
        self.data = data
        st = data["state"]
        self.empty.setVisible(st["detections"] == 0)
        self.empty.setText(self.tr("No captures yet — drop a .pcap here or start a capture"))
        if st["detections"] == 0:
            self.message.setText("")
            self.build_button.hide()
            self._show_parts(False)
            return
        self.build_button.setVisible(not st["built"] or st["stale"])
        if not st["built"]:
            self.build_button.setText(self.tr("Build visits"))
            self.message.setText(self.tr("%1 detections are waiting: build visits to see the dashboard.")
                                 .replace("%1", thin(st["detections"])))
            self._show_parts(False)
            return
        self.build_button.setText(self.tr("Rebuild visits"))
        self.message.setText(self.tr("Visits are out of date (new detections or changed thresholds).")
                             if st["stale"] else "")
        if data.get("period") is None:
            self.message.setText(self.message.text() + " " + self.tr("No visits at the selected site(s)."))
            self._show_parts(False)
            return
        self._show_parts(True)
        self._show_tiles(data)
        table = data["per_site"]
        self.table_model.set_frame(table[[c for c in TABLE_COLUMNS if c in table.columns]])
        self.compare.set_scope(data)
        if started is not None:
            self.last_refresh_ms = (time.perf_counter() - started) * 1000
        frm, to = data["period"]
        sites = data["sites"]
        self.estimate_runner.run(self.tr("Estimating people behind randomized MACs"),
                                 lambda w, _p, _c: visit_charts.randomized_estimate(w, sites, frm, to),
                                 workspace=self.context.workspace, quiet=True, on_done=self._show_estimate)

    def show_charts(self, chart_data: dict | None, part: str = "main", started: float | None = None) -> None:
        """Draw one half of the charts (both halves are fetched side by side)."""
        if chart_data is None:
            return
        if part == "main":
            self.chart_data = chart_data
            self._show_main_charts(chart_data["charts"])
        else:
            self._show_period_chart(chart_data["charts"]["periods"])
        self._charts_pending.discard(part)
        if started is not None and not self._charts_pending:
            self.last_chart_ms = (time.perf_counter() - started) * 1000

    def _show_tiles(self, data: dict) -> None:
        fig, prev = data["figures"], data.get("previous")
        frm, to = data["period"]
        scope = self.tr("%1 · %2 – %3").replace("%1", fig["name"]).replace("%2", str(frm)).replace("%3", str(to))
        prev_period = data.get("previous_period")
        self.scope_label.setText(f"<b>{scope}</b> · " + (
            self.tr("change vs %1 – %2 (the previous period of equal length)")
            .replace("%1", str(prev_period[0])).replace("%2", str(prev_period[1])) if prev_period
            else self.tr("all time: pick a period in the bar above to see the change")))
        for key, tile in self.tiles.items():
            value = fig.get(key)
            text = self.format_figure(key, value)
            note = self._change_note(key, value, prev.get(key) if prev else None, data.get("previous_period"))
            tip = f"{self.definitions[key]}\n{scope}\n" + self.tr("From %1 visits").replace("%1", thin(fig["visits"]))
            tile.set_value(text, note)
            tile.setToolTip(tip)
        plain_scope = f"{fig['name']} · {frm} – {to}"
        for card in self.cards + [self.compare.card]:
            card.caption = plain_scope
        self._base_tip = self.tiles["randomized_devices"].toolTip()
        self._base_note = self.tiles["randomized_devices"].note_label.text()

    def _show_estimate(self, est: dict) -> None:
        """The randomized tile: the estimated people, their range and the method."""
        self.estimate = est
        tile = self.tiles["randomized_devices"]
        tile.setToolTip(self._base_tip + "\n" + self.tr(
            "Estimated people behind them: %1 (range %2–%3)\nMethod: %4")
            .replace("%1", thin(est["estimate"])).replace("%2", thin(est["low"]))
            .replace("%3", thin(est["high"])).replace("%4", est["method"]))
        tile.note_label.setText(self.tr("≈ %1 people (%2–%3)").replace("%1", thin(est["estimate"]))
                                .replace("%2", thin(est["low"])).replace("%3", thin(est["high"]))
                                + "<br>" + self._base_note)

    def change_text(self, change_pct, change_pp) -> str:
        """A compare cell: relative change for counts, percentage points for rates."""
        if change_pp is not None and change_pp == change_pp:
            return self.tr("%1 pp").replace("%1", f"{change_pp:+.1f}")
        if change_pct is not None and change_pct == change_pct:
            return f"{change_pct:+.1f} %"
        return ""

    def _per_bucket(self, seconds: int) -> str:
        """The traffic axis unit: per 15 min, per 3 h, per day, per 7 days."""
        if seconds % 86400 == 0:
            return self.tr("per day") if seconds == 86400 else self.tr("per %1 days").replace("%1", str(seconds // 86400))
        if seconds % 3600 == 0:
            return self.tr("per %1 h").replace("%1", str(seconds // 3600))
        return self.tr("per %1 min").replace("%1", str(seconds // 60))

    def _change_note(self, key: str, value, previous, period) -> str:
        """The tile's note: the change from the previous period of equal length."""
        if period is None:
            return ""
        if value is None:
            return self.tr("no data in this period")
        if previous is None:
            return self.tr("no previous data")
        [row] = stats.compare({key: value}, {key: previous}, (key,))
        if row["change_pct"] is None and row["change_pp"] is None:  # from nothing to something
            return self.tr("▲ from 0") if value else self.tr("no change (0)")
        text = self.change_text(row["change_pct"], row["change_pp"])
        if value == previous:
            return f"<span style='color:#6b7280'>= {text}</span>"
        up = value > previous
        color = "#059669" if up else "#dc2626"
        return f"<span style='color:{color}'>{'▲' if up else '▼'} {text}</span>"

    def format_figure(self, key: str, value) -> str:
        return {"capture_rate": pct, "return_rate": pct, "avg_dwell_s": mmss,
                "median_dwell_s": mmss}.get(key, thin if not isinstance(value, float) else (lambda v: f"{v:.2f}"))(value)

    def _show_main_charts(self, charts: dict) -> None:
        self._draw_traffic(charts["traffic"], autorange=True)
        dwell = charts["dwell"]
        self.dwell_card.set_bars(np.arange(len(dwell)), dwell["visits"].to_numpy(), color=PALETTE[0])
        self.dwell_card.plot.getAxis("bottom").setTicks(
            [[(i, (str(r.from_min) if r.to_min is not None else f"{r.from_min}+")) for i, r in enumerate(dwell.itertuples())]])
        self.dwell_card.set_frame(dwell[["label", "from_min", "to_min", "visits"]])
        self.dwell_card.plot.autoRange()
        heat = charts["heatmap"]
        matrix = heat.to_numpy().astype(float)
        self.heat_image.setImage(matrix.T, autoLevels=False)
        self.heat_bar.setLevels((0, max(matrix.max(), 1)))
        self.heat_card.plot.setLimits(xMin=0, xMax=24, yMin=0, yMax=7)
        self.heat_card.plot.setRange(xRange=(0, 24), yRange=(0, 7), padding=0)
        frame = heat.copy()
        frame.index = self._weekdays()
        self.heat_card.set_frame(frame.rename_axis("weekday").reset_index())
        returns = charts["returns"]
        self.returns_card.set_bars(returns["visits"].to_numpy(), returns["visitors"].to_numpy(), color=PALETTE[2])
        self.returns_card.plot.getAxis("bottom").setTicks([[(int(v), lbl) for v, lbl in zip(returns["visits"], returns["label"])]])
        self.returns_card.set_frame(returns)
        self.returns_card.plot.autoRange()

    def _show_period_chart(self, periods: pd.DataFrame) -> None:
        x = epoch_s(periods["period"])
        self.new_card.curve(self.tr("New")).setData(x, periods["new_visitors"].to_numpy(), symbol="o", symbolSize=4)
        self.new_card.curve(self.tr("Returning")).setData(x, periods["returning_visitors"].to_numpy(), symbol="o",
                                                          symbolSize=4)
        self.new_card.set_frame(periods)
        self.new_card.plot.autoRange()

    def _draw_traffic(self, df: pd.DataFrame, *, autorange: bool) -> None:
        x = epoch_s(df["bucket"])
        card = self.traffic_card
        # visits ≥ visitors and often equal in short buckets: visits as a shaded area under the
        # visitors' line, so neither hides the other
        card.curve(self.tr("Visits")).setData(x, df["visits"].to_numpy(), stepMode=None, fillLevel=0,
                                              brush=pg.mkBrush(PALETTE[0] + "40"))
        card.curve(self.tr("Visitors")).setData(x, df["visitors"].to_numpy())
        card.curve(self.tr("Passers-by")).setData(x, df["passersby"].to_numpy())
        frame = df.copy()
        frame.attrs = {}
        frame.insert(1, "bucket_seconds", df.attrs.get("bucket_seconds"))
        card.set_frame(frame)
        self.traffic_bucket_s = df.attrs.get("bucket_seconds")
        if self.traffic_bucket_s:
            card.plot.setLabel("left", self._per_bucket(int(self.traffic_bucket_s)))
        if autorange:
            self._full_traffic_span = (x[0], x[-1]) if len(x) else None
            self._zoom_loaded = None
            card.plot.enableAutoRange()
            card.plot.autoRange()

    # --- zoom: fetch only the visible range, debounced, in a worker -------------------------------
    def _fetch_visible_traffic(self) -> None:
        if not self.chart_data or not getattr(self, "_full_traffic_span", None):
            return
        lo_s, hi_s = self.traffic_card.plot.getViewBox().viewRange()[0]
        frm, to = self.chart_data["period"]
        p_lo = datetime.combine(frm, datetime.min.time())
        p_hi = datetime.combine(to + timedelta(days=1), datetime.min.time())
        lo = max(p_lo, datetime(1970, 1, 1) + timedelta(seconds=max(lo_s, 0)))
        hi = min(p_hi, datetime(1970, 1, 1) + timedelta(seconds=max(hi_s, 0)))
        if hi <= lo:
            return
        whole = (hi - lo) >= 0.95 * (p_hi - p_lo)
        wanted = (p_lo, p_hi) if whole else (lo, hi)
        if wanted == self._zoom_loaded or (whole and self._zoom_loaded is None):
            return
        sites = self.chart_data["sites"]
        self.zoom_runner.run(self.tr("Traffic for the visible range"),
                             lambda w, _p, _c: visit_charts.traffic(w, sites, *wanted),
                             workspace=self.context.workspace, quiet=True,
                             on_done=lambda df: self._zoomed(df, wanted))

    def _zoomed(self, df: pd.DataFrame, wanted) -> None:
        self._zoom_loaded = wanted
        self._draw_traffic(df, autorange=False)

    # --- build visits -------------------------------------------------------------------------
    def build_visits(self) -> None:
        from engine import visits

        ws = self.context.workspace
        if ws is None:
            return
        self._set_building(True)
        self.build_progress.setValue(0)
        self.build_runner.run(
            self.tr("Building visits"), lambda w, progress, cancel: visits.rebuild(w, progress=progress, cancel=cancel),
            workspace=ws, on_progress=lambda f, _m: self.build_progress.setValue(int(f * 1000)),
            on_done=self._built, on_error=self._build_failed,
            done_message=lambda r: self.tr("Visits built: %1 visits, %2 staff devices")
            .replace("%1", thin(r["visits_total"])).replace("%2", str(r["staff_devices"])))

    def _built(self, _result) -> None:
        self._set_building(False)
        self.context.notify_changed({"visits", "device_roles", "visit_builds"})

    def _build_failed(self, error) -> None:
        self._set_building(False)
        self._failed(error)

    # --- export -------------------------------------------------------------------------------
    def figures_frame(self) -> pd.DataFrame:
        """The figures as exported: the selection first (when it has several sites: each
        device once), then each site, with the randomized-MAC estimate once it has arrived."""
        per_site = self.data.get("per_site")
        if per_site is None or per_site.empty:
            return pd.DataFrame(columns=TABLE_COLUMNS)
        rows = per_site if len(per_site) == 1 else pd.concat(
            [pd.DataFrame([self.data["figures"]]).assign(name=self.tr("All selected sites")), per_site],
            ignore_index=True)
        frame = rows[[c for c in TABLE_COLUMNS if c in rows.columns]].copy()
        frame.insert(1, "site_id", rows["site_id"].astype("Int64"))  # empty for the selection row
        if self.estimate:
            per = self.estimate.get("per_site", {})
            found = [self.estimate if len(rows) == 1 or site_id is None or site_id != site_id else per.get(site_id)
                     for site_id in rows["site_id"]]
            for key, column in ESTIMATE_COLUMNS.items():
                frame[column] = [e.get(key) if e else None for e in found]
        return frame

    def export_figures(self, path: Path) -> Path:
        """The figures (see figures_frame) as UTF-8 CSV with a BOM for Excel."""
        path = Path(path)
        self.figures_frame().to_csv(path, index=False, encoding="utf-8-sig")
        return path

    def export_current(self) -> None:
        if self.table_model.frame.empty:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export figures"), "visits-figures.csv", "CSV (*.csv)")
        if path:
            self.export_figures(Path(path))


if __name__ == "__main__":  # preview: python -m app.views.visits_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(VisitsView))
