"""The People screen on a real workspace: KPIs, the lazy table, filter, sort, the profile."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.app.test_import_wizard import ROWS, write_crm


@pytest.fixture
def people_screen(make_screen):
    from app.views.people_view import PeopleView

    return make_screen(PeopleView)


def shown(view, column: str) -> list:
    model = view.model
    return [model.row_values(r)[column] for r in range(model.rowCount())]


def wait_rows(qtbot, view, n: int) -> None:
    qtbot.waitUntil(lambda: view.model is not None and view.model.rowCount() == n
                    and all(view.model.row_values(r) is not None for r in range(n)), timeout=10000)


def test_empty_workspace_says_what_to_do(qtbot, people_screen):
    people_screen.show()
    qtbot.waitUntil(lambda: people_screen.empty.isVisible(), timeout=10000)
    assert "import a CRM export or receipts" in people_screen.empty.text()
    assert not people_screen.splitter.isVisible()


def test_people_browser_after_a_crm_import(qtbot, people_screen, workspace, tmp_path):
    from engine.crm.crm_import import import_crm

    view = people_screen
    result = import_crm(workspace, write_crm(tmp_path / "clients.csv"))
    assert result.status == "imported"
    view.resize(1280, 700)
    view.show()  # the first show resolves people (ensure_people) and loads the table
    wait_rows(qtbot, view, 4)

    # KPI tiles: four people, each with a phone; three have e-mails; one has a card
    assert view.tiles["people"].value_label.text() == "4"
    assert view.tiles["with_phone"].value_label.text() == "4"
    assert view.tiles["with_email"].value_label.text() == "3"
    assert view.tiles["with_card"].value_label.text() == "1"
    assert view.tiles["with_receipts"].value_label.text() == "0"
    assert "share a phone" in view.tiles["people"].toolTip()
    assert view.count_label.text() == "4 people"

    # sort by clicking the Name header (the query sorts), then again for descending
    names = sorted(r[0] for r in ROWS if r[0] not in ("Плохой Ряд", "Иванов И."))
    header = view.table.horizontalHeader()
    column = view.model.columns.index("name")
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: view.model.order is not None and view.model.order[0] == "name", timeout=5000)
    wait_rows(qtbot, view, 4)
    first = shown(view, "name")
    assert first in (names, names[::-1])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: view.model.row_values(0) is not None and shown(view, "name") == first[::-1], timeout=5000)

    # as-you-type filter (debounced): a phone typed the Russian way finds the E.164 number
    view.focus_filter()
    qtbot.keyClicks(view.filter_edit, "8 916 765")
    qtbot.waitUntil(lambda: view.model.filter_text == "8 916 765", timeout=5000)
    wait_rows(qtbot, view, 1)
    assert shown(view, "name") == ["Петрова Анна"]
    assert view.count_label.text() == "1 match the filter"
    view.filter_edit.setText("mail.ru")
    qtbot.waitUntil(lambda: view.model.filter_text == "mail.ru", timeout=5000)
    wait_rows(qtbot, view, 1)
    view.filter_edit.clear()
    wait_rows(qtbot, view, 4)

    # selecting a row fills the profile, with where each identity link comes from
    row = shown(view, "name").index("Иванов Иван")
    view.table.setCurrentIndex(view.model.index(row, column))
    qtbot.waitUntil(lambda: view.profile is not None, timeout=10000)
    assert view.profile["name"] == "Иванов Иван"
    text = view.inspector.toPlainText()
    assert "+79161234567" in text and "ivan@example.ru" in text and "12345678" in text
    assert "clients.csv" in text and "crm row" in text
    assert "yes — clients.csv, line 2" in text
    assert "no receipts linked" in text


def test_profile_shows_receipts_in_roubles(qtbot, people_screen, workspace, tmp_path):
    """A receipts table whose buyer phone is a CRM person's: the profile counts the receipt."""
    from engine.crm.crm_import import import_crm
    from engine.imports import import_file

    import_crm(workspace, write_crm(tmp_path / "clients.csv"))
    table = tmp_path / "receipts.csv"
    table.write_text("fn;fd;fp;datetime;total;buyer_phone\n"
                     "9999078900001111;17;1234567890;2024-09-17 18:01;1285.21;+7 916 123-45-67\n",
                     encoding="utf-8")
    result = import_file(workspace, table, kind="receipts",
                         mapping={"fn": "fn", "fd": "fd", "fp": "fp", "datetime": "datetime", "total": "total",
                                  "buyer_phone": "buyer_phone"})
    assert result.status == "imported", result.message
    view = people_screen
    view.show()
    wait_rows(qtbot, view, 4)
    assert view.tiles["with_receipts"].value_label.text() == "1"
    # sorted by revenue, biggest first: the buyer is on top
    assert shown(view, "name")[0] == "Иванов Иван"
    assert view.model.data(view.model.index(0, view.model.columns.index("revenue_rub"))) == "1\u2009285.21"
    view.table.setCurrentIndex(view.model.index(0, 1))
    qtbot.waitUntil(lambda: view.profile is not None, timeout=10000)
    text = view.inspector.toPlainText()
    assert "1 receipt(s), revenue 1 285.21 ₽, last purchase 2024-09-17 18:01" in text.replace("\u2009", " "), text


def test_filter_terms():
    from app.views.people_view import filter_terms

    # the engine's one phone rule (engine/people_queries.py phone_prefix): a prefix of the E.164 phone
    assert filter_terms("8 (916) 123-45-67") == "+79161234567"
    assert filter_terms("+7 916") == "+7916"
    assert filter_terms("Иванов") == "Иванов"
    assert filter_terms("1001") == "+71001"  # a number is a phone prefix; crm:1001 finds the CRM id
    assert filter_terms("10") == "10"  # under 3 digits: text
    assert filter_terms("8 916 765") == "+7916765"
    assert filter_terms("+8 800") == "+8800"


def test_people_of_the_demo_world(qtbot, people_screen, demo_small, tmp_path):
    """On the demo: people are resolved on first show; partner matches give people devices."""
    import shutil

    from engine.workspace import Workspace

    src, truth = demo_small
    shutil.copy(src / "demo.o2o", tmp_path / "demo.o2o")
    view = people_screen
    ws = Workspace.open(tmp_path / "demo.o2o")
    view.context.workspace = ws
    try:
        view.show()
        qtbot.waitUntil(lambda: view.model is not None and view.model.rowCount() > 0, timeout=60000)
        people, with_device, with_card = ws.con.execute(
            "SELECT count(DISTINCT person_id), count(DISTINCT person_id) FILTER (WHERE id_type = 'device'), "
            "count(DISTINCT person_id) FILTER (WHERE id_type = 'card') FROM identities").fetchone()
        assert int(view.tiles["people"].value_label.text().replace("\u2009", "")) == people == view.model.rowCount()
        assert int(view.tiles["with_device"].value_label.text().replace("\u2009", "")) == with_device > 0
        assert int(view.tiles["with_card"].value_label.text().replace("\u2009", "")) == with_card
        assert people >= truth["crm"]["persons_with_valid_phone"]  # CRM people, plus receipt-only buyers
        # the person with most devices: the profile lists the partner match as the device's source
        header = view.table.horizontalHeader()
        header.setSortIndicator(view.model.columns.index("devices"), Qt.SortOrder.DescendingOrder)
        qtbot.waitUntil(lambda: view.model.order == ("devices", True) and view.model.row_values(0) is not None,
                        timeout=10000)
        assert view.model.row_values(0)["devices"] > 0
        view.table.setCurrentIndex(view.model.index(0, 1))
        qtbot.waitUntil(lambda: view.profile is not None, timeout=10000)
        text = view.inspector.toPlainText()
        assert "Devices (keyed hash)" in text and "partner match mac_md5 -> phone_sha256" in text
        assert "Visits" in text

        # the two CRM persons who drew one e-mail are one person with two phones: the phone not
        # shown in the table still finds them, typed the Russian way, with or without "phone:"
        assert truth["people"]["crm_persons_sharing_an_email"] == 1
        person, other_phone = ws.con.execute(
            "SELECT p.person_id, i.id_value FROM people p JOIN identities i USING (person_id) "
            "WHERE p.phones = 2 AND i.id_type = 'phone' AND i.id_value <> p.phone").fetchone()
        typed = "8 (" + other_phone[2:5] + ") " + other_phone[5:8] + "-" + other_phone[8:10] + "-" + other_phone[10:]
        for text in (typed, "phone:" + typed, "PHONE:" + other_phone[1:]):
            view.filter_edit.setText(text)
            qtbot.waitUntil(lambda: view.model.filter_text == text and view.model.rowCount() == 1
                            and view.model.row_values(0) is not None, timeout=10000)
            assert view.model.row_values(0)["person_id"] == person
            assert view.model.row_values(0)["phone"] != other_phone
    finally:
        view.runner.cancel()
        view.monitor.wait(20000)
        view.model.wait_idle(20000)
        ws.close()
