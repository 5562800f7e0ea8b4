"""GUI test guards: a test that leaves a running task or a visible top-level window fails."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_dangling_tasks_or_windows(qapp):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    QApplication.processEvents()
    leftover = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    for w in leftover:
        w.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0, "a global pool thread is still running"
    assert not leftover, f"top-level widgets left open: {[type(w).__name__ for w in leftover]}"


@pytest.fixture
def window(qtbot, tmp_path):
    """The main window on a fresh demo-less workspace; closed and its tasks awaited after."""
    from app.window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()  # screens load when shown, as for a user
    qtbot.waitExposed(win)
    yield win
    win.monitor.cancel_all()
    assert win.monitor.wait(20000), "a task did not finish"
    assert not win.monitor.running, f"tasks left running: {[t.title for t in win.monitor.running]}"
    win.close()
