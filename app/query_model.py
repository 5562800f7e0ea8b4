"""A table model over a DuckDB query, fetched lazily in windows off the GUI thread.

For tables of millions of rows (people, receipts, visits): only the row count and the
pages the view actually shows are fetched, each by a pool thread on its own connection.
Sorting and filtering are done by the query (ORDER BY / WHERE), never by a proxy model.
Until a page arrives its cells read "…".
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRunnable, Qt, QThreadPool, Signal

from app.models import format_cell

PAGE = 256


class _Fetched(QObject):
    count = Signal(int, int)            # generation, rows
    page = Signal(int, int, object)     # generation, page number, list of tuples
    failed = Signal(int, str)


class _Fetch(QRunnable):
    def __init__(self, fn, signals: _Fetched):
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            self.fn()
        except Exception as exc:  # shown in the view's status line; the model stays usable
            self.signals.failed.emit(-1, f"{type(exc).__name__}: {exc}")


class QueryTableModel(QAbstractTableModel):
    """`sql` is a SELECT whose columns are shown; `search_columns` are matched by the filter."""
    loaded = Signal(int)       # total rows once counted
    error = Signal(str)

    def __init__(self, workspace, sql: str, params: list | None = None, *,
                 search_columns: list[str] | None = None, pool: QThreadPool | None = None, parent=None):
        super().__init__(parent)
        self.workspace, self.sql, self.params = workspace, sql, list(params or [])
        self.search_columns = search_columns
        self.pool = pool or QThreadPool.globalInstance()
        self.columns: list[str] = []
        self.total = 0
        self.pages: dict[int, list[tuple]] = {}
        self.requested: set[int] = set()
        self.order: tuple[str, bool] | None = None
        self.filter_text = ""
        self.generation = 0
        self.signals = _Fetched()
        self.signals.count.connect(self._on_count)
        self.signals.page.connect(self._on_page)
        self.signals.failed.connect(lambda _g, msg: self.error.emit(msg))
        self._describe()
        self.reload()

    # --- query building -----------------------------------------------------------------
    def _describe(self) -> None:
        cur = self.workspace.con.execute(f"SELECT * FROM ({self.sql}) LIMIT 0", self.params)
        self.columns = [d[0] for d in cur.description]

    def _where(self) -> tuple[str, list]:
        if not self.filter_text:
            return "", []
        cols = self.search_columns or self.columns
        clause = " OR ".join(f'CAST("{c}" AS VARCHAR) ILIKE ?' for c in cols)
        return f" WHERE {clause}", [f"%{self.filter_text}%"] * len(cols)

    def _query(self, select: str, tail: str = "") -> tuple[str, list]:
        where, params = self._where()
        return f"SELECT {select} FROM ({self.sql}) AS q{where}{tail}", self.params + params

    # --- fetching -----------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.generation += 1
        self.total, self.pages, self.requested = 0, {}, set()
        self.endResetModel()
        generation, (sql, params) = self.generation, self._query("count(*)")
        ws, signals = self.workspace, self.signals

        def count() -> None:
            with ws.for_thread() as w:
                signals.count.emit(generation, w.con.execute(sql, params).fetchone()[0])

        self.pool.start(_Fetch(count, signals))

    def _request(self, page: int) -> None:
        if page in self.requested:
            return
        self.requested.add(page)
        order = ""
        if self.order:
            column, descending = self.order
            order = f' ORDER BY "{column}" {"DESC" if descending else "ASC"} NULLS LAST'
        generation = self.generation
        sql, params = self._query("*", f"{order} LIMIT {PAGE} OFFSET {page * PAGE}")
        ws, signals = self.workspace, self.signals

        def fetch() -> None:
            with ws.for_thread() as w:
                signals.page.emit(generation, page, w.con.execute(sql, params).fetchall())

        self.pool.start(_Fetch(fetch, signals))

    def _on_count(self, generation: int, rows: int) -> None:
        if generation != self.generation:
            return
        self.beginResetModel()
        self.total = rows
        self.endResetModel()
        self.loaded.emit(rows)

    def _on_page(self, generation: int, page: int, rows: list) -> None:
        if generation != self.generation:
            return
        self.pages[page] = rows
        first = page * PAGE
        last = min(first + len(rows), self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip()
        self.reload()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: A003 - Qt API
        self.order = (self.columns[column], order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def row_values(self, row: int) -> dict | None:
        rows = self.pages.get(row // PAGE)
        if rows is None or row % PAGE >= len(rows):
            return None
        return dict(zip(self.columns, rows[row % PAGE]))

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    # --- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        page = index.row() // PAGE
        rows = self.pages.get(page)
        if rows is None:
            self._request(page)
            return "…"
        offset = index.row() % PAGE
        if offset >= len(rows):
            return ""
        return format_cell(rows[offset][index.column()])

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].replace("_", " ")
        return None
