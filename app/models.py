"""Qt table models over engine results."""
from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, Qt


def format_cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NaT:
        return ""
    if isinstance(value, float):
        text = f"{value:,.2f}".replace(",", "\u2009")  # thin-space groups, as for integers
        return text.replace(".", QLocale().decimalPoint()) if QLocale().decimalPoint() != "." else text
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", "\u2009")
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


class DataFrameModel(QAbstractTableModel):
    """A read-only model over a small DataFrame (already fetched with a limit)."""

    def __init__(self, frame: pd.DataFrame | None = None, parent=None, headers: dict[str, str] | None = None,
                 formats: dict | None = None):
        super().__init__(parent)
        self.frame = frame if frame is not None else pd.DataFrame()
        self.headers = headers or {}  # column -> translated label shown in the header
        self.formats = formats or {}  # column -> function of the value giving the shown text (the tooltip: raw)

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.frame.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.frame.iat[index.row(), index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = value.item() if hasattr(value, "item") else value
            shown = self.formats.get(self.frame.columns[index.column()])
            return shown(value) if shown is not None and not pd.isna(value) else format_cell(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            column = str(self.frame.columns[section])
            return self.headers.get(column, column.replace("_", " "))
        return str(section + 1)
