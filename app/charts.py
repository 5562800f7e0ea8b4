"""Chart cards: a pyqtgraph plot with its title, definition and PNG/SVG/CSV export.

Curves are created once and updated with setData (pyqtgraph's fast path); the figures
behind the chart are kept as a DataFrame so "export CSV" writes exactly what is drawn.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyqtgraph as pg
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout

pg.setConfigOptions(antialias=True, background="w", foreground="#374151")

PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#84cc16"]


class ChartCard(QFrame):
    def __init__(self, title: str, definition: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("chartCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.frame = pd.DataFrame()
        self.title_text = title
        self.caption = ""  # what the chart shows (site, period): printed on exported images
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setToolTip(definition)
        header.addWidget(self.title, 1)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("PNG image…"), lambda: self._export("png"))
        menu.addAction(self.tr("SVG image…"), lambda: self._export("svg"))
        menu.addAction(self.tr("CSV figures…"), lambda: self._export("csv"))
        self.export_button.setMenu(menu)
        header.addWidget(self.export_button)
        layout.addLayout(header)
        self.plot = pg.PlotWidget()
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMenuEnabled(False)
        layout.addWidget(self.plot, 1)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.bars: pg.BarGraphItem | None = None

    def curve(self, name: str) -> pg.PlotDataItem:
        """The named curve, created on first use and reused after."""
        if name not in self.curves:
            color = PALETTE[len(self.curves) % len(PALETTE)]
            if not self.curves:
                self.plot.addLegend(offset=(10, 10))
            self.curves[name] = self.plot.plot([], [], pen=pg.mkPen(color, width=2), name=name)
        return self.curves[name]

    def set_bars(self, x, heights, width: float = 0.8, color: str = PALETTE[0]) -> None:
        if self.bars is None:
            self.bars = pg.BarGraphItem(x=x, height=heights, width=width, brush=color)
            self.plot.addItem(self.bars)
        else:
            self.bars.setOpts(x=x, height=heights, width=width)

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def export_to(self, path: Path) -> Path:
        path = Path(path)
        kind = path.suffix.lower().lstrip(".")
        if kind == "csv":  # with a BOM, so Excel reads the UTF-8 (e.g. "0–1 min") right
            self.frame.to_csv(path, index=False, encoding="utf-8-sig")
            return path
        # an exported image must say what it shows: the title and caption go on the plot
        heading = self.title_text + (f" — {self.caption}" if self.caption else "")
        self.plot.setTitle(heading, size="10pt")
        self.plot.plotItem.layout.activate()  # lay the title out now, not on the next event loop
        try:
            self._export_image(path, kind, heading)
        finally:
            self.plot.setTitle(None)
            self.plot.plotItem.layout.activate()
        return path

    def _export_image(self, path: Path, kind: str, heading: str) -> None:
        from pyqtgraph import exporters

        if kind == "svg":
            # Qt's own SVG generator: pyqtgraph's SVGExporter cannot parse Qt 6.x path data
            from PySide6.QtCore import QRect, QSize
            from PySide6.QtGui import QPainter
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(QSize(self.plot.width(), self.plot.height()))
            generator.setViewBox(QRect(0, 0, self.plot.width(), self.plot.height()))
            generator.setTitle(heading)
            painter = QPainter(generator)
            self.plot.render(painter)
            painter.end()
        else:
            exporter = exporters.ImageExporter(self.plot.plotItem)
            exporter.parameters()["width"] = max(800, self.plot.width())
            exporter.export(str(path))

    def _export(self, kind: str) -> None:
        filters = {"png": "PNG (*.png)", "svg": "SVG (*.svg)", "csv": "CSV (*.csv)"}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), f"chart.{kind}", filters[kind])
        if path:
            self.export_to(Path(path))
