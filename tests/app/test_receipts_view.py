"""The Receipts screen on the real FNS receipts in shared/data/receipts (README figures)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

# shared/data/README.md: items and totalSum of each receipt; the 0-byte file holds none
RECEIPTS = {"receipt_ip_1item_flat.json": (1, 130000), "receipt_lenta_17items_flat.json": (17, 159800),
            "receipt_lenta_1item_v2.json": (1, 699), "receipt_lenta_9items_flat.json": (9, 113331),
            "receipt_lenta_ticket_wrapper.json": (2, 21760)}
LENTA_KKT, LENTA_INN = "0006334399059439", "7814148471"  # prints 3 of the 5 receipts


@pytest.fixture
def receipts_screen(make_screen):
    from app.views.receipts_view import ReceiptsView

    return make_screen(ReceiptsView)


@pytest.fixture
def with_receipts(workspace, shared_data):
    from engine.imports import import_file

    results = [import_file(workspace, p) for p in sorted((shared_data / "receipts").glob("*.json"))]
    assert sorted(r.status for r in results) == ["imported"] * 5 + ["refused"]  # the empty file is refused
    return workspace


def value(tile) -> str:
    return tile.value_label.text().replace("\u2009", " ")


def loaded(view, n):
    return (view.model is not None and view.model.rowCount() == n
            and all(view.model.row_values(r) is not None for r in range(n)))


def test_empty_workspace_says_what_to_do(qtbot, receipts_screen):
    receipts_screen.show()
    qtbot.waitUntil(lambda: receipts_screen.empty.isVisible(), timeout=10000)
    assert "No receipts yet" in receipts_screen.empty.text()


def test_receipts_counts_and_unregistered_registers(qtbot, receipts_screen, with_receipts, tmp_path):
    from engine.imports import import_file

    view = receipts_screen
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: loaded(view, 5), timeout=10000)
    items = sum(n for n, _ in RECEIPTS.values())
    total = sum(k for _, k in RECEIPTS.values())
    assert value(view.tiles["receipts"]) == "5"
    assert value(view.tiles["items"]) == str(items) == "30"
    assert value(view.tiles["revenue"]) == f"{total / 100:,.2f}".replace(",", " ") + " ₽" == "4 255.90 ₽"
    assert value(view.tiles["unregistered"]) == value(view.tiles["other_taxpayer"]) == "—"  # not checked
    assert "No registers list" in view.registers_note.text()
    # newest first; totals in roubles
    newest = view.model.row_values(0)
    assert newest["total_rub"] == pytest.approx(217.60) and newest["local_time"] == "2023-03-17 18:30"  # UTC+3

    # the registers list knows only Lenta's register: the other two registers' receipts are flagged
    registers = tmp_path / "registers.csv"
    registers.write_text(f"site;kkt_reg_id;inn;tenant\nMall A;{LENTA_KKT};{LENTA_INN};Lenta\n", encoding="utf-8")
    assert import_file(with_receipts, registers).status == "imported"
    view.context.notify_changed({"registers", "receipts"})
    qtbot.waitUntil(lambda: value(view.tiles["unregistered"]) == "2" and loaded(view, 5), timeout=10000)
    assert "2 register(s) · 40.0% of receipts" in view.tiles["unregistered"].note_label.text()
    assert value(view.tiles["other_taxpayer"]) == "0"
    frame = view.summary["unregistered"]
    assert sorted(frame["register"]) == ["0002053662039613", "0005000101033181"]
    assert list(frame["receipts"]) == [1, 1]
    assert view.registers_model.rowCount() == 2
    assert view.registers_model.headerData(0, Qt.Orientation.Horizontal) == "Register (KKT)"
    flags = [view.model.row_values(r)["flag"] for r in range(5)]
    assert sorted(f or "" for f in flags) == ["", "", "", "unregistered register", "unregistered register"]
    flag_col = view.model.columns.index("flag")
    flagged_row = flags.index("unregistered register")
    assert view.model.data(view.model.index(flagged_row, flag_col), 8) is not None  # BackgroundRole tint

    # the "only unregistered" toggle and the text filter narrow the table in SQL
    view.only_flagged.setChecked(True)
    qtbot.waitUntil(lambda: loaded(view, 2), timeout=10000)
    view.only_flagged.setChecked(False)
    qtbot.waitUntil(lambda: loaded(view, 5), timeout=10000)
    view.focus_filter()
    view.filter_edit.setText(LENTA_KKT)
    qtbot.waitUntil(lambda: view.model.filter_text == LENTA_KKT and loaded(view, 3), timeout=10000)

    # Lenta's register listed with another INN: its 3 receipts are "other taxpayer", counted apart
    other = tmp_path / "registers2.csv"
    other.write_text(f"site;kkt_reg_id;inn;tenant\nMall A;{LENTA_KKT};7700000001;Someone\n", encoding="utf-8")
    assert import_file(with_receipts, other).status == "imported"
    view.context.notify_changed({"registers", "receipts"})
    qtbot.waitUntil(lambda: value(view.tiles["other_taxpayer"]) == "3", timeout=10000)
    assert value(view.tiles["unregistered"]) == "2"
    assert "60.0% of receipts" in view.tiles["other_taxpayer"].note_label.text()


def test_period_of_the_context_bar_applies(qtbot, receipts_screen, with_receipts):
    from datetime import date

    from app.context import Period

    view = receipts_screen
    view.show()
    qtbot.waitUntil(lambda: loaded(view, 5), timeout=10000)
    # May 2022 (till's local dates): the 17-item and the 9-item Lenta receipts
    view.context.set_filters((), Period(date(2022, 5, 1), date(2022, 5, 31)))
    qtbot.waitUntil(lambda: value(view.tiles["receipts"]) == "2" and loaded(view, 2), timeout=10000)
    assert value(view.tiles["items"]) == "26"
    view.context.set_filters((), Period(date(2020, 1, 1), date(2020, 1, 31)))
    qtbot.waitUntil(lambda: view.empty.isVisible(), timeout=10000)
    assert "No receipts for these sites and period" in view.empty.text()


def test_receipts_of_the_demo_world(qtbot, receipts_screen, demo_small, tmp_path):
    import shutil

    from engine.workspace import Workspace

    src, truth = demo_small
    shutil.copy(src / "demo.o2o", tmp_path / "demo.o2o")
    view = receipts_screen
    ws = Workspace.open(tmp_path / "demo.o2o")
    view.context.workspace = ws
    try:
        view.show()
        receipts, items = ws.con.execute(
            "SELECT count(*), (SELECT count(*) FROM receipt_items) FROM receipts").fetchone()
        qtbot.waitUntil(lambda: view.model is not None and view.model.rowCount() == receipts
                        and view.model.row_values(0) is not None, timeout=20000)
        assert value(view.tiles["receipts"]).replace(" ", "") == str(receipts)
        assert value(view.tiles["items"]).replace(" ", "") == str(items) == str(truth["receipts"]["items"])
        rt = truth["receipts"]
        planted = rt["unregistered_receipts"] + rt["other_taxpayer_receipts"]
        assert value(view.tiles["receipts"]).replace(" ", "") == str(rt["receipts_documents"])
        assert value(view.tiles["unregistered"]) == str(rt["unregistered_receipts"])
        assert f"{rt['unregistered_registers']} register(s) ·" in view.tiles["unregistered"].note_label.text()
        assert value(view.tiles["other_taxpayer"]) == str(rt["other_taxpayer_receipts"])
        assert view.summary["unregistered"]["receipts"].sum() == planted
        view.only_flagged.setChecked(True)
        qtbot.waitUntil(lambda: loaded(view, planted), timeout=10000)
    finally:
        view.monitor.wait(20000)
        if view.model is not None:
            view.model.wait_idle(20000)
        ws.close()
