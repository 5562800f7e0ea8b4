"""Preview one screen on its own: `python -m app.views.<module> [WORKSPACE.o2o]`.

Without a workspace the default demo workspace is used (built on first use).
"""
from __future__ import annotations

import sys
from pathlib import Path


def preview(view_class, argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    holder, _context, monitor = build_preview(view_class, sys.argv[1:] if argv is None else argv)
    holder.show()
    code = app.exec()
    monitor.cancel_all()
    monitor.wait()
    return code


def build_preview(view_class, argv: list[str]):
    """(window, context, monitor): the screen under a context bar on the chosen workspace."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.context import AppContext
    from app.widgets import ContextBar
    from app.worker import TaskMonitor
    from engine.workspace import Workspace

    if argv:
        path = Path(argv[0])
    else:
        from app.main import default_demo_dir

        path = default_demo_dir() / "demo.o2o"
        if not path.exists():
            from engine.demo import build_demo

            print(f"building the demo workspace in {path.parent} …", flush=True)
            build_demo(path.parent, seed=7, scale="small")
    context, monitor = AppContext(), TaskMonitor()
    context.set_workspace(Workspace.open(path, create=True))
    holder = QWidget()
    holder.setWindowTitle(f"{view_class.title()} — preview")
    layout = QVBoxLayout(holder)
    layout.addWidget(ContextBar(context))
    layout.addWidget(view_class(context, monitor), 1)
    holder.resize(1400, 900)
    return holder, context, monitor
