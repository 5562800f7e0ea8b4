"""Receipts: fiscal receipts of the sites and period in the context bar.

KPI tiles (receipts, revenue, items, receipts from unregistered registers and from listed
registers printing another taxpayer's INN, apart), the lazy receipts
table (sorted and filtered by the query; flagged receipts tinted, "only unregistered"
toggle), and the registers that printed flagged receipts with their counts.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout,
                               QWidget)

from app.formatting import count_text, roubles
from app.models import DataFrameModel
from app.views.base import View
from app.views.people_view import FILTER_DEBOUNCE_MS, LabelledQueryModel, make_table, share_text
from app.widgets import EmptyState, KpiTile, data_table, debounce
from engine.people_queries import RECEIPT_SEARCH_COLUMNS, receipts_sql, receipts_summary

RECEIPT_COLUMNS = {
    "receipt_id": QT_TRANSLATE_NOOP("ReceiptsView", "Receipt"),
    "local_time": QT_TRANSLATE_NOOP("ReceiptsView", "Local time"),
    "total_rub": QT_TRANSLATE_NOOP("ReceiptsView", "Total, ₽"),
    "items": QT_TRANSLATE_NOOP("ReceiptsView", "Items"),
    "operation": QT_TRANSLATE_NOOP("ReceiptsView", "Operation"),
    "seller": QT_TRANSLATE_NOOP("ReceiptsView", "Seller"),
    "inn": QT_TRANSLATE_NOOP("ReceiptsView", "INN"),
    "kkt_reg_id": QT_TRANSLATE_NOOP("ReceiptsView", "Register (KKT)"),
    "retail_place": QT_TRANSLATE_NOOP("ReceiptsView", "Retail place"),
    "card": QT_TRANSLATE_NOOP("ReceiptsView", "Card"),
    "promo_code": QT_TRANSLATE_NOOP("ReceiptsView", "Promo code"),
    "flag": QT_TRANSLATE_NOOP("ReceiptsView", "Check"),
    "fn": QT_TRANSLATE_NOOP("ReceiptsView", "FN"),
    "fd": QT_TRANSLATE_NOOP("ReceiptsView", "FD"),
    "fp": QT_TRANSLATE_NOOP("ReceiptsView", "FP"),
    "site": QT_TRANSLATE_NOOP("ReceiptsView", "Site"),
}


class ReceiptsView(View):
    NAME = "receipts"
    TITLE = QT_TRANSLATE_NOOP("Views", "Receipts")
    WATCHES = frozenset({"receipts", "receipt_items", "registers", "imports", "sites"})

    def __init__(self, context, monitor, parent=None):
        super().__init__(context, monitor, parent)
        self.model: LabelledQueryModel | None = None
        self.summary: dict | None = None
        tiles = QHBoxLayout()
        self.tiles = {
            "receipts": KpiTile(self.tr("Receipts"), self.tr(
                "Fiscal documents (unique by FN + FD + FP) of the chosen sites and period (till's local time)")),
            "revenue": KpiTile(self.tr("Revenue"), self.tr(
                "Sales less sale returns (and purchases less purchase returns), in roubles")),
            "items": KpiTile(self.tr("Items"), self.tr("Receipt lines (goods and services) of these receipts")),
            "unregistered": KpiTile(self.tr("From unregistered registers"), self.tr(
                "Receipts printed by a cash register that is not on the registers list (fraud control); "
                "the note says how many such registers")),
            "other_taxpayer": KpiTile(self.tr("Another taxpayer's INN"), self.tr(
                "Receipts printed by a listed register with another taxpayer's INN (fraud control)")),
        }
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.body.addLayout(tiles)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr(
            "Filter by seller, INN, register, card, promo code, FN/FD/FP (Ctrl+F)"))
        self.only_flagged = QCheckBox(self.tr("Only flagged"))
        self.only_flagged.setToolTip(self.tr("Show only receipts from unregistered registers or another INN"))
        self.count_label = QLabel()
        controls.addWidget(self.filter_edit, 1)
        controls.addWidget(self.only_flagged)
        controls.addWidget(self.count_label)
        self.controls = QWidget()
        self.controls.setLayout(controls)
        self.body.addWidget(self.controls)
        self.empty = EmptyState(self.tr(
            "No receipts yet — import FNS/OFD receipt JSON, receipt QR strings or a receipts table "
            "(File ▸ Import files…)"))
        self.empty.hide()
        self.body.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = make_table()
        self.splitter.addWidget(self.table)
        self.registers_box = QGroupBox(self.tr("Registers that do not check out"))
        box_layout = QVBoxLayout(self.registers_box)
        self.registers_note = QLabel()
        self.registers_note.setWordWrap(True)
        box_layout.addWidget(self.registers_note)
        self.registers_model = DataFrameModel()
        self.registers_table = data_table(self.registers_model)
        box_layout.addWidget(self.registers_table, 1)
        self.splitter.addWidget(self.registers_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 240])
        self.body.addWidget(self.splitter, 1)
        self.filter_timer = debounce(self, self.filter_edit.textChanged, self.apply_filter, FILTER_DEBOUNCE_MS)
        self.only_flagged.toggled.connect(lambda _on: self._build_model())

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.context.workspace
        if ws is None:
            self._show_empty(self.tr("No workspace open — File ▸ New (Ctrl+N) or Open (Ctrl+O)"))
            return
        sites, period = self.context.site_ids, self.context.period
        self.runner.run(self.tr("Loading receipts"),
                        lambda w, _p, _c: receipts_summary(w, sites, period.start, period.end),
                        workspace=ws, on_done=self.show_summary, quiet=True,
                        on_error=lambda e: self.count_label.setText(e.message))

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.show()
        self.controls.hide()
        self.splitter.hide()

    def show_summary(self, summary: dict) -> None:
        self.summary = summary
        self.tiles["receipts"].set_value(count_text(summary["receipts"]))
        self.tiles["revenue"].set_value(roubles(summary["revenue_kop"]))
        self.tiles["items"].set_value(count_text(summary["items"]))
        unregistered, other = summary["unregistered_receipts"], summary["other_taxpayer_receipts"]
        self.tiles["unregistered"].set_value(
            count_text(unregistered), self.tr("%1 register(s) · %2 of receipts")
            .replace("%1", count_text(summary["unregistered_registers"]))
            .replace("%2", share_text(unregistered, summary["receipts"]) or "0%"))
        share = share_text(other, summary["receipts"])
        self.tiles["other_taxpayer"].set_value(count_text(other), share and self.tr("%1 of receipts").replace("%1", share))
        if summary["registers_known"] == 0 and summary["receipts"]:
            for key in ("unregistered", "other_taxpayer"):
                self.tiles[key].set_value("—", self.tr("no registers list imported"))
        if not summary["receipts"]:
            self._show_empty(self.tr(
                "No receipts yet — import FNS/OFD receipt JSON, receipt QR strings or a receipts table "
                "(File ▸ Import files…)") if not self.context.site_ids and not self.context.period.start else
                self.tr("No receipts for these sites and period — widen the period or choose all sites."))
            return
        self.empty.hide()
        self.controls.show()
        self.splitter.show()
        frame = summary["unregistered"]
        self.registers_model.set_frame(frame.rename(columns={
            "register": self.tr("Register (KKT)"), "inn": self.tr("INN"), "seller": self.tr("Seller"),
            "flag": self.tr("Check"), "receipts": self.tr("Receipts"), "total_rub": self.tr("Total, ₽"),
            "last_receipt": self.tr("Last receipt")}))
        if summary["registers_known"] == 0:
            self.registers_note.setText(self.tr(
                "No registers list in this workspace, so receipts are not checked. Import the known cash "
                "registers (CSV site;kkt_reg_id;inn;tenant) to flag receipts from unregistered registers."))
        elif frame.empty:
            self.registers_note.setText(self.tr("Every receipt comes from a registered register with its own INN."))
        else:
            self.registers_note.setText(self.tr("%1 register(s) printed receipts that do not check out "
                                                "against the %2 known register(s).")
                                        .replace("%1", str(len(frame))).replace("%2", str(summary["registers_known"])))
        self._build_model()

    def _build_model(self) -> None:
        ws = self.context.workspace
        if ws is None or self.summary is None:
            return
        period = self.context.period
        sql, params = receipts_sql(self.context.site_ids, period.start, period.end, self.only_flagged.isChecked())
        old = self.model
        order = old.order if old is not None else None
        self.model = LabelledQueryModel(ws, sql, params, labels=RECEIPT_COLUMNS, context="ReceiptsView",
                                        flag_column="flag", search_columns=RECEIPT_SEARCH_COLUMNS, parent=self)
        self.model.filter_text = self.filter_edit.text().strip()
        self.model.loaded.connect(self._counted)
        self.model.error.connect(self.count_label.setText)
        self.table.setModel(self.model)
        self.table.setColumnHidden(self.model.columns.index("receipt_id"), True)
        header = self.table.horizontalHeader()
        for name, width in (("local_time", 140), ("total_rub", 100), ("items", 60), ("flag", 170),
                            ("kkt_reg_id", 150), ("seller", 200), ("retail_place", 160)):
            header.resizeSection(self.model.columns.index(name), width)
        column, descending = order or ("local_time", True)
        self.table.sortByColumn(self.model.columns.index(column),
                                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        if old is not None:
            old.deleteLater()

    def _counted(self, rows: int) -> None:
        self.count_label.setText(self.tr("%1 receipts shown").replace("%1", count_text(rows)))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def apply_filter(self) -> None:
        if self.model is not None:
            self.model.set_filter(self.filter_edit.text())


if __name__ == "__main__":  # preview: python -m app.views.receipts_view [WORKSPACE.o2o]
    import sys

    from app.views.preview import preview

    sys.exit(preview(ReceiptsView))
