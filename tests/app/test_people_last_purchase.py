"""The People table shows the last purchase in the till's local time (as the profile does), sorts
by it in the query and filters it with last:DATE."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.engine.test_people_search import build_tills_world, expected_last_local


@pytest.fixture
def people_screen(make_screen):
    from app.views.people_view import PeopleView

    return make_screen(PeopleView)


def wait_rows(qtbot, view, n: int) -> None:
    qtbot.waitUntil(lambda: view.model is not None and view.model.rowCount() == n
                    and all(view.model.row_values(r) is not None for r in range(n)), timeout=10000)


def test_the_table_shows_sorts_and_filters_the_local_last_purchase(qtbot, people_screen, workspace, tmp_path):
    build_tills_world(workspace, tmp_path)
    view = people_screen
    view.resize(1280, 700)
    view.show()
    wait_rows(qtbot, view, 5)
    model = view.model
    column = model.columns.index("last_purchase_local")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Last purchase"
    assert "last_purchase" not in model.columns  # no UTC column beside it
    expected = expected_last_local()
    shown = {model.row_values(r)["name"]: model.data(model.index(r, column)) for r in range(5)}
    assert shown == {name: local or "" for name, local in expected.items()}

    # newest first by the till's clock: Vladivostok's 21:00 before Moscow's 16:00 (later in UTC)
    view.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.order == ("last_purchase_local", True), timeout=5000)
    wait_rows(qtbot, view, 5)
    order = [model.row_values(r)["name"] for r in range(5)]
    assert order == [n for _, n in sorted(((v, n) for n, v in expected.items() if v), reverse=True)] + ["Дина Ёлкина"]

    # the profile of the first row says the same time
    view.table.setCurrentIndex(model.index(0, 1))
    qtbot.waitUntil(lambda: view.profile is not None, timeout=10000)
    assert f"last purchase {expected[order[0]]}" in view.inspector.toPlainText()

    day = expected["Вера"][:10]
    view.filter_edit.setText(f"last:{day}")
    same_day = sorted(n for n, v in expected.items() if v and v.startswith(day))
    qtbot.waitUntil(lambda: model.filter_text == f"last:{day}" and model.rowCount() == len(same_day), timeout=5000)
    wait_rows(qtbot, view, len(same_day))
    assert sorted(model.row_values(r)["name"] for r in range(len(same_day))) == same_day
    assert view.count_label.text() == f"{len(same_day)} match the filter"
    model.wait_idle(10000)
