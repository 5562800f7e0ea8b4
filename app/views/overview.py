"""Overview: the workspace at a glance — sites, sensors, row counts, the imports log."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout

from app.formatting import thin
from app.models import DataFrameModel
from app.views.base import View
from app.widgets import EmptyState, KpiTile, data_table
from engine import overview


class OverviewView(View):
    NAME = "overview"
    TITLE = QT_TRANSLATE_NOOP("Views", "Overview")

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.body.addWidget(self.heading)
        self.read_only_note = QLabel()
        self.read_only_note.setObjectName("warningNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        self.body.addWidget(self.read_only_note)
        tiles = QHBoxLayout()
        self.tiles = {
            "sites": KpiTile(self.tr("Sites"), self.tr("Stores, malls, dealer centres and events in this workspace")),
            "sensors": KpiTile(self.tr("Sensors"), self.tr("Wi-Fi sensors that delivered captures")),
            "imports": KpiTile(self.tr("Imported files"), self.tr("Files that landed in the workspace (rejected rows counted per file)")),
            "detections": KpiTile(self.tr("Detections"), self.tr("Frames kept from captures: one row per phone seen by a sensor")),
            "devices": KpiTile(self.tr("Devices"), self.tr("Distinct station MACs (kept only as keyed hashes)")),
            "contacts": KpiTile(self.tr("CRM contacts"), self.tr("Rows imported from CRM exports")),
            "receipts": KpiTile(self.tr("Receipts"), self.tr("Fiscal receipts imported")),
        }
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.body.addLayout(tiles)
        self.empty = EmptyState(self.tr(
            "Nothing imported yet — drop capture files (.pcap, .pcapng), CRM exports or receipts "
            "on this window, or use File ▸ Import files… (Ctrl+I)."))
        self.body.addWidget(self.empty)
        headers = {
            "name": self.tr("Name"), "kind": self.tr("Kind"), "timezone": self.tr("Time zone"),
            "site": self.tr("Site"), "rssi_inside": self.tr("Inside RSSI"), "rssi_outside": self.tr("Outside RSSI"),
            "table": self.tr("Table"), "rows": self.tr("Rows"), "id": "#", "file": self.tr("File"),
            "status": self.tr("Status"), "rows_in": self.tr("Rows read"), "rows_ok": self.tr("Imported"),
            "rows_rejected": self.tr("Rejected"), "message": self.tr("Message"), "finished_utc": self.tr("Finished (UTC)"),
        }
        grid = QGridLayout()
        self.sites_model, self.sensors_model = DataFrameModel(headers=headers), DataFrameModel(headers=headers)
        self.counts_model, self.imports_model = DataFrameModel(headers=headers), DataFrameModel(headers=headers)
        for col, (title, model) in enumerate(((self.tr("Sites"), self.sites_model),
                                              (self.tr("Sensors"), self.sensors_model),
                                              (self.tr("Tables"), self.counts_model))):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(data_table(model))
            grid.addWidget(box, 0, col)
        imports_box = QGroupBox(self.tr("Imports log"))
        self.imports_table = data_table(self.imports_model)
        QVBoxLayout(imports_box).addWidget(self.imports_table)
        grid.addWidget(imports_box, 1, 0, 1, 3)
        grid.setRowStretch(1, 2)
        self.body.addLayout(grid, 1)

    def refresh(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self.heading.setText(self.tr("No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)"))
            return
        self.runner.run(self.tr("Loading overview"), lambda w, progress, cancel: overview.summary(w),
                        workspace=ws, on_done=self.show_summary, quiet=True)

    def show_summary(self, data: dict) -> None:
        import pandas as pd

        info, counts = data["info"], data["counts"]
        demo = self.tr(" · demo workspace (synthetic data)") if info["secret_mode"] == "demo" else ""
        self.heading.setText(f"<h2>{info['path']}</h2>{self.tr('Schema')} v{info['schema_version']}{demo}")
        self.read_only_note.setVisible(bool(info["read_only"]))
        self.read_only_note.setText(info["read_only_reason"] or "")
        for key, tile in self.tiles.items():
            tile.set_value(thin(counts.get(key)))
        self.empty.setVisible(counts.get("imports", 0) == 0)
        self.sites_model.set_frame(data["sites"].drop(columns=["site_id"]))
        self.sensors_model.set_frame(data["sensors"].drop(columns=["sensor_id", "site_id"]))
        self.counts_model.set_frame(pd.DataFrame(sorted(counts.items()), columns=["table", "rows"]))
        self.imports_model.set_frame(data["imports"])


if __name__ == "__main__":  # preview: python -m app.views.overview [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(OverviewView))
