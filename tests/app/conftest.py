"""GUI test guards: a test that leaves a running task or a visible top-level window fails."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_dangling_tasks_or_windows(qapp, monkeypatch):
    import weakref

    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    started: list = []
    original_start = QTimer.start

    def recording_start(timer, *args):  # napari's _dangling_qtimers idea: remember what was started
        started.append(weakref.ref(timer))
        return original_start(timer, *args)

    monkeypatch.setattr(QTimer, "start", recording_start)
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    QApplication.processEvents()
    running = []
    for ref in started:
        timer = ref()
        try:
            if timer is not None and timer.isActive() and not timer.isSingleShot():
                running.append(timer)
        except RuntimeError:  # its C++ object is gone with its widget: not dangling
            pass
    assert not running, f"{len(running)} repeating QTimer(s) still running after the test"
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


@pytest.fixture
def make_screen(qtbot, workspace):
    """make_screen(ViewClass) → that screen on the test workspace; its tasks are awaited after."""
    from app.context import AppContext
    from app.worker import TaskMonitor

    context, monitor = AppContext(), TaskMonitor()
    context.workspace = workspace
    views = []

    def make(view_class):
        view = view_class(context, monitor)
        qtbot.addWidget(view)
        views.append(view)
        return view

    yield make
    monitor.cancel_all()
    assert monitor.wait(20000)
    for view in views:
        if getattr(view, "model", None) is not None:
            assert view.model.wait_idle(20000)
