"""The lazy DuckDB table model: counts, pages on demand, sorts and filters by query."""
from __future__ import annotations

import pytest

from app.query_model import PAGE, QueryTableModel


@pytest.fixture
def big_table(workspace):
    workspace.con.execute(
        "CREATE TABLE people_test AS SELECT range AS id, 'Имя ' || range AS name, (range * 7919) % 1000 AS score "
        "FROM range(100000)")
    return workspace


def test_counts_and_fetches_only_visible_pages(qtbot, big_table):
    model = QueryTableModel(big_table, "SELECT * FROM people_test")
    with qtbot.waitSignal(model.loaded, timeout=10000) as blocker:
        pass
    assert blocker.args == [100000] and model.rowCount() == 100000
    assert model.data(model.index(5, 1)) == "…"          # not fetched yet: asks for page 0
    qtbot.waitUntil(lambda: 0 in model.pages, timeout=10000)
    assert model.data(model.index(5, 1)) == "Имя 5"
    model.data(model.index(PAGE * 300 + 3, 0))
    qtbot.waitUntil(lambda: 300 in model.pages, timeout=10000)
    assert model.data(model.index(PAGE * 300 + 3, 0)).replace("\u2009", "") == str(PAGE * 300 + 3)
    assert set(model.pages) == {0, 300}                   # nothing else was loaded
    model.wait_idle()


def test_sort_and_filter_run_in_the_query(qtbot, big_table):
    from PySide6.QtCore import Qt

    model = QueryTableModel(big_table, "SELECT * FROM people_test")
    qtbot.waitSignal(model.loaded, timeout=10000).wait()
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.sort(2, Qt.SortOrder.DescendingOrder)
    model.data(model.index(0, 0))
    qtbot.waitUntil(lambda: 0 in model.pages, timeout=10000)
    assert model.row_values(0)["score"] == 999
    with qtbot.waitSignal(model.loaded, timeout=10000) as blocker:
        model.set_filter("имя 4242")
    expected = big_table.con.execute("SELECT count(*) FROM people_test WHERE name ILIKE '%имя 4242%'").fetchone()[0]
    assert expected == 11  # 4242 and 42420..42429: ILIKE folds Cyrillic case
    assert blocker.args == [expected] == [model.rowCount()]
    model.wait_idle()
