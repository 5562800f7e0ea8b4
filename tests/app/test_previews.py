"""Every screen module can be previewed on its own (python -m app.views.<module> WS)."""
from __future__ import annotations

import importlib

import pytest

from app.views import VIEWS


@pytest.mark.parametrize("name,target", VIEWS)
def test_each_screen_has_a_preview_entry_point(name, target):
    module_name, class_name = target.split(":")
    module = importlib.import_module(module_name)
    source = open(module.__file__, encoding="utf-8").read()
    assert 'if __name__ == "__main__"' in source and f"preview({class_name})" in source


def test_preview_opens_a_screen(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.views.overview import OverviewView
    from app.views.preview import preview
    from engine.workspace import Workspace

    path = tmp_path / "p.o2o"
    Workspace.open(path, create=True).close()
    seen = []

    def close_it():
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)
        for w in windows:
            w.close()
        QApplication.instance().exit(0)

    QTimer.singleShot(500, close_it)
    assert preview(OverviewView, [str(path)]) == 0
    assert any("Overview" in title for title in seen)
