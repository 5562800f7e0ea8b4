"""What the analyst is looking at, shared by every screen: workspace, sites, period.

Switching screens keeps the question: every analytical screen reads and writes this one
object through the context bar, and refreshes on its signals.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Signal

from engine.workspace import Workspace


@dataclass(frozen=True)
class Period:
    start: date | None = None  # inclusive, site local dates
    end: date | None = None    # inclusive

    def label(self) -> str:
        if not self.start and not self.end:
            return "all time"
        return f"{self.start or '…'} – {self.end or '…'}"


class AppContext(QObject):
    workspace_changed = Signal(object)   # Workspace | None
    filters_changed = Signal()           # sites or period
    data_changed = Signal(object)        # set of table names an operation changed

    def __init__(self) -> None:
        super().__init__()
        self.workspace: Workspace | None = None
        self.site_ids: tuple[int, ...] = ()  # empty = all sites
        self.period = Period()

    def set_workspace(self, ws: Workspace | None) -> None:
        old = self.workspace
        self.workspace = ws
        self.site_ids, self.period = (), Period()
        self.workspace_changed.emit(ws)
        if old is not None and old is not ws:
            old.close()

    def set_filters(self, site_ids: tuple[int, ...], period: Period) -> None:
        if (site_ids, period) != (self.site_ids, self.period):
            self.site_ids, self.period = site_ids, period
            self.filters_changed.emit()

    def notify_changed(self, tables) -> None:
        self.data_changed.emit(set(tables))
