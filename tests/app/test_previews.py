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
    from app.views.overview import OverviewView
    from app.views.preview import build_preview
    from engine.workspace import Workspace

    path = tmp_path / "p.o2o"
    with Workspace.open(path, create=True) as ws:
        ws.ensure_site("Preview site")
    holder, context, monitor = build_preview(OverviewView, [str(path)])
    qtbot.addWidget(holder)
    holder.show()
    view = holder.findChild(OverviewView)
    qtbot.waitUntil(lambda: not monitor.running and view.sites_model.rowCount() == 1, timeout=20000)
    assert "Overview" in holder.windowTitle()
    holder.close()
    context.set_workspace(None)
