"""The Visits dashboard's compare panel: A = the dashboard's scope (sites and period) against
B = another site over the same period, or the same sites over another period. A row of
choices, then the figures side by side and a chart of unique visitors by day.

The dashboard (app/views/visits_view.py) owns the figures' names and formats and hands them
in; the comparison itself is engine/visit_charts.compare, run in a worker.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.charts import ChartCard
from app.models import DataFrameModel
from app.widgets import data_table
from app.worker import TaskRunner
from engine import visit_charts


class ComparePanel(QWidget):
    """`row` (the choices) above `box` (the result, shown while Compare is ticked);
    `set_scope(data)` takes each new dashboard result (its sites, period, all sites)."""

    def __init__(self, context, monitor, *, titles: dict[str, str], format_figure: Callable,
                 change_text: Callable, on_error: Callable, parent=None):
        super().__init__(parent)
        self.context = context
        self.titles, self.format_figure, self.change_text = titles, format_figure, change_text
        self.runner = TaskRunner(monitor, self)
        self.on_error = on_error
        self.data: dict = {}
        self.result: dict | None = None
        row = QHBoxLayout()
        self.check = QCheckBox(self.tr("Compare"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("with another site"), "site")
        self.mode.addItem(self.tr("with another period"), "period")
        self.site = QComboBox()
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.run_button = QPushButton(self.tr("Compare"))
        self.run_button.clicked.connect(self.run)
        self.dash = QLabel("–")
        for w in (self.check, self.mode, self.site, self.start, self.dash, self.end, self.run_button):
            row.addWidget(w)
        row.addStretch(1)
        self.row = QWidget()
        self.row.setLayout(row)
        self.box = QWidget()
        box = QHBoxLayout(self.box)
        box.setContentsMargins(0, 0, 0, 0)
        self.model = DataFrameModel()
        self.table = data_table(self.model)
        self.caption = QLabel()
        left = QVBoxLayout()
        left.addWidget(self.caption)
        left.addWidget(self.table, 1)
        self.card = ChartCard(self.tr("Unique visitors by day, A vs B"),
                              self.tr("Day 1 is the first day of each period"))
        box.addLayout(left, 1)
        box.addWidget(self.card, 1)
        self.box.setMinimumHeight(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.row)
        layout.addWidget(self.box)
        self.check.toggled.connect(self._toggled)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._toggled(False)

    def set_shown(self, visible: bool) -> None:
        """With the dashboard's parts: the choices, and the result while Compare is ticked."""
        self.setVisible(visible)
        self.box.setVisible(visible and self.check.isChecked())

    def _toggled(self, on: bool) -> None:
        for w in (self.mode, self.run_button):
            w.setVisible(on)
        self._mode_changed()
        self.box.setVisible(on and bool(self.data.get("period")))

    def _mode_changed(self) -> None:
        on = self.check.isChecked()
        by_site = self.mode.currentData() == "site"
        self.site.setVisible(on and by_site)
        for w in (self.start, self.dash, self.end):
            w.setVisible(on and not by_site)

    def set_scope(self, data: dict) -> None:
        """The dashboard's result: B's site choices, and B's period preset to the previous one."""
        self.data = data
        current = self.site.currentData()
        self.site.clear()
        for site_id, name in data.get("all_sites", []):
            self.site.addItem(name, site_id)
        if current is not None:
            self.site.setCurrentIndex(max(0, self.site.findData(current)))
        prev = data.get("previous_period") or visit_charts.previous_period(*data["period"])
        self.start.setDate(QDate(prev[0]))
        self.end.setDate(QDate(prev[1]))

    def run(self) -> None:
        if not self.data.get("period"):
            return
        a = (self.data["sites"], *self.data["period"])
        if self.mode.currentData() == "site":
            if self.site.currentData() is None:
                return
            b = ([self.site.currentData()], *self.data["period"])
        else:
            b = (self.data["sites"], self.start.date().toPython(), self.end.date().toPython())
        self.box.show()
        self.runner.run(self.tr("Comparing"), lambda w, _p, _c: visit_charts.compare(w, a, b),
                        workspace=self.context.workspace, quiet=True, on_done=self.show_result,
                        on_error=self.on_error)

    def show_result(self, result: dict) -> None:
        rows = result["rows"]
        a_name = f"A: {result['a']['name']} {result['a']['from']} – {result['a']['to']}"
        b_name = f"B: {result['b']['name']} {result['b']['from']} – {result['b']['to']}"
        names = {**self.titles, "short_visits": self.tr("Short visits"), "new_visitors": self.tr("New visitors"),
                 "returning_visitors": self.tr("Returning visitors"), "fixed_devices": self.tr("Fixed equipment"),
                 "visits_per_visitor": self.tr("Visits per visitor")}
        self.caption.setText(f"{a_name}<br>{b_name}")
        shown = pd.DataFrame({
            self.tr("figure"): [names.get(k, k) for k in rows["figure"]],
            "A": [self.format_figure(k, result["a"].get(k)) for k in rows["figure"]],
            "B": [self.format_figure(k, result["b"].get(k)) for k in rows["figure"]],
            self.tr("A vs B"): [self.change_text(pct_, pp) for pct_, pp in zip(rows["change_pct"], rows["change_pp"])],
        })
        self.result = result
        self.model.set_frame(shown)
        by_day = result["by_day"]
        # points too (a one-day period is one point), in the curve's colour and each its own shape:
        # A's and B's day 1 sit on the same x and must stay told apart
        for name, column, symbol in (("A", "a_visitors", "o"), ("B", "b_visitors", "t")):
            curve = self.card.curve(name)
            colour = curve.opts["pen"].color() if hasattr(curve.opts["pen"], "color") else None
            curve.setData(by_day["day"].to_numpy(), by_day[column].astype(float).to_numpy(), symbol=symbol,
                          symbolSize=9, symbolBrush=colour, symbolPen=colour)
        self.card.set_frame(by_day)
        # whole days on x, and y from 0 so a small difference does not look like a big one
        days = len(by_day)
        self.card.plot.getAxis("bottom").setTickSpacing(major=max(1, round(days / 10)), minor=1)
        top = pd.concat([by_day["a_visitors"], by_day["b_visitors"]]).astype(float).max()
        self.card.plot.setXRange(0.5, days + 0.5)
        self.card.plot.setYRange(0, (top if top == top and top > 0 else 1) * 1.1)
