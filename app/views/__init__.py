"""Screens, one module each. Only screens that really work are listed here.

A screen is a `View` subclass with NAME (used by `--view`), TITLE (navigation) and a
constructor taking (context, monitor). Each has a `__main__` preview on the demo workspace
via app.views.preview (python -m app.views.<module> [WORKSPACE]).
"""
from __future__ import annotations

import importlib

# (NAME, "module:Class") in navigation order (UX.md: by task).
VIEWS: list[tuple[str, str]] = [
    ("overview", "app.views.overview:OverviewView"),
    ("import", "app.views.import_view:ImportView"),
    ("capture", "app.views.capture_view:CaptureView"),
    ("visits", "app.views.visits_view:VisitsView"),
    ("clusters", "app.views.clusters_view:ClustersView"),
    ("people", "app.views.people_view:PeopleView"),
    ("receipts", "app.views.receipts_view:ReceiptsView"),
    ("settings", "app.views.settings_view:SettingsView"),
]


def view_classes():
    for name, target in VIEWS:
        module_name, class_name = target.split(":")
        yield name, getattr(importlib.import_module(module_name), class_name)


def view_names() -> list[str]:
    return [name for name, _ in VIEWS]
