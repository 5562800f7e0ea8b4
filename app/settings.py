"""User settings (QSettings, INI format): last workspace, recent list, layout, language.

O2O_CONFIG_DIR points the settings elsewhere (tests use a temporary folder).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORG, APP = "O2O", "O2O Workstation"
MAX_RECENT = 8


def _settings() -> QSettings:
    folder = os.environ.get("O2O_CONFIG_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "o2o-workstation.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


class Settings:
    def __init__(self) -> None:
        self.qs = _settings()

    def get(self, key: str, default=None):
        return self.qs.value(key, default)

    def set(self, key: str, value) -> None:
        self.qs.setValue(key, value)

    @property
    def language(self) -> str:
        return str(self.qs.value("ui/language", "en"))

    @language.setter
    def language(self, code: str) -> None:
        self.qs.setValue("ui/language", code)

    def recent_workspaces(self) -> list[str]:
        value = self.qs.value("workspaces/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if p]

    def remember_workspace(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_workspaces() if p != path]
        self.qs.setValue("workspaces/recent", [path, *recent][:MAX_RECENT])
        self.qs.setValue("workspaces/last", path)

    def last_workspace(self) -> Path | None:
        value = self.qs.value("workspaces/last")
        return Path(value) if value and Path(value).exists() else None

    def geometry(self) -> QByteArray | None:
        return self.qs.value("window/geometry")

    def save_geometry(self, data: QByteArray, state: QByteArray) -> None:
        self.qs.setValue("window/geometry", data)
        self.qs.setValue("window/state", state)

    def window_state(self) -> QByteArray | None:
        return self.qs.value("window/state")


def data_dir() -> Path:
    """Where the app keeps its own files (the default demo workspace)."""
    folder = os.environ.get("O2O_CONFIG_DIR")
    base = Path(folder) if folder else Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation) or Path.home() / ".o2o")
    base.mkdir(parents=True, exist_ok=True)
    return base
