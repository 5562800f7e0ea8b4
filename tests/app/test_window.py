"""The main window on the demo workspace: every screen opens and shows what the engine says."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.views import view_names
from engine.workspace import Workspace


@pytest.fixture
def demo_copy(demo_small, tmp_path) -> Path:
    src, _truth = demo_small
    path = tmp_path / "demo.o2o"
    shutil.copy(src / "demo.o2o", path)
    return path


def _wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: not win.monitor.running, timeout=60000)


def test_every_screen_opens_on_the_demo(qtbot, window, demo_copy):
    assert window.open_workspace(demo_copy)
    _wait_idle(qtbot, window)
    listed = [window.nav.item(i).data(0x0100) for i in range(window.nav.count())]
    assert listed == view_names()
    for name in view_names():
        window.show_view(name)
        _wait_idle(qtbot, window)
        assert window.current_view() is window.views[name]
        assert window.current_view().isVisible()


def test_overview_shows_the_workspace_counts(qtbot, window, demo_copy):
    with Workspace.open(demo_copy) as ws:
        counts = ws.table_counts()
        sites = [s["name"] for s in ws.sites()]
    window.open_workspace(demo_copy)
    window.show_view("overview")
    _wait_idle(qtbot, window)
    view = window.views["overview"]
    assert view.tiles["sites"].value_label.text().replace("\u2009", "") == str(counts["sites"])
    assert view.tiles["imports"].value_label.text().replace("\u2009", "") == str(counts["imports"])
    assert list(view.sites_model.frame["name"]) == sites
    assert len(view.imports_model.frame) == counts["imports"]
    assert not view.empty.isVisible() if counts["imports"] else view.empty.isVisible()
    # the context bar lists the sites
    combo = window.context_bar.site_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == sites


def test_dropped_file_imports_through_the_import_screen(qtbot, window, tmp_path, shared_data):
    ws_path = tmp_path / "drop.o2o"
    assert window.open_workspace(ws_path, create=True)
    capture = shared_data / "captures" / "fryza-esp32-probes" / "sc6-61_2023-02-23_anonymized.pcap"
    window.drop_files([capture])
    view = window.views["import"]
    assert window.current_view() is view
    assert view.table.rowCount() == 1 and view.table.item(0, 1).text() == "capture"
    view.site_combo.setCurrentText("Lab room")
    view.import_button.click()
    _wait_idle(qtbot, window)
    assert view.table.item(0, 3).text() in ("imported", "refused")
    if "capture" not in __import__("engine.imports", fromlist=["IMPORTERS"]).IMPORTERS:
        pytest.skip("capture importer not available yet")
    assert view.table.item(0, 3).text() == "imported"
    assert view.table.item(0, 4).text().replace("\u2009", "") == "1694"


def test_cancel_with_nothing_running_is_harmless(qtbot, window):
    window.monitor.cancel_latest()
    assert not window.monitor.running


def test_screenshot_command_writes_a_png(demo_copy, tmp_path):
    png = tmp_path / "shot.png"
    exe = Path(sys.executable).with_name("o2o-workstation")
    out = subprocess.run([str(exe), str(demo_copy), "--view", "overview", "--screenshot", str(png)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_russian_interface(qtbot, tmp_path):
    """The compiled Russian translation is used for navigation and menus."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from app.main import install_translations
    from app.window import MainWindow

    qm = Path(__file__).resolve().parents[2] / "resources" / "translations" / "o2o_ru.qm"
    if not qm.exists():
        pytest.skip("translations not compiled (bootstrap.py compiles them)")
    locale = QLocale()  # the default locale is process-wide: later tests format numbers with it
    translators = install_translations(QApplication.instance(), "ru")
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        titles = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert titles[:2] == ["Обзор", "Импорт"]
        assert win.menuBar().actions()[0].text() == "&Файл"
        win.close()
    finally:
        for t in translators:
            QApplication.instance().removeTranslator(t)
        QLocale.setDefault(locale)


def test_site_and_period_are_remembered_per_workspace(qtbot, tmp_path):
    from datetime import date

    from app.window import MainWindow

    path = tmp_path / "remember.o2o"
    with Workspace.open(path, create=True) as ws:
        ws.ensure_site("A")
        site_b, _ = ws.ensure_site("B")
    first = MainWindow()
    qtbot.addWidget(first)
    first.open_workspace(path)
    first.context_bar.site_combo.setCurrentIndex(2)
    first.context_bar.set_period(date(2026, 11, 1), date(2026, 11, 7))
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.open_workspace(path)
    assert second.context.site_ids == (site_b,)
    assert (second.context.period.start, second.context.period.end) == (date(2026, 11, 1), date(2026, 11, 7))
    second.close()


def test_period_pickers_never_make_a_period_that_ends_first_and_refreshes_stay_quiet(qtbot, window, demo_copy):
    """Moving the start past the end takes the end along (and the reverse); view refreshes replaced
    by newer ones add nothing to the notifications."""
    from datetime import date

    from PySide6.QtCore import QDate

    window.open_workspace(demo_copy)
    window.show_view("visits")
    _wait_idle(qtbot, window)
    bar = window.context_bar
    bar.set_period(date(2024, 9, 9), date(2024, 9, 11))
    _wait_idle(qtbot, window)
    before = len(window.notifications.entries)
    bar.start_edit.setDate(QDate(2025, 1, 1))
    assert bar.end_edit.date() == QDate(2025, 1, 1)
    assert (window.context.period.start, window.context.period.end) == (date(2025, 1, 1), date(2025, 1, 1))
    bar.end_edit.setDate(QDate(2024, 9, 10))
    assert bar.start_edit.date() == QDate(2024, 9, 10)
    for day in (9, 10, 11, 9, 10):  # quick changes: each refresh replaces the one before
        bar.set_period(date(2024, 9, day), date(2024, 9, 11))
    _wait_idle(qtbot, window)
    added = [message for _, message in window.notifications.entries[before:]]
    assert not [m for m in added if "Cancelled" in m or "before it starts" in m], added
