"""Numbered schema migrations of the workspace.

Each module `mNNN_<name>.py` here holds one migration: `VERSION = NNN`, a one-line
`DESCRIPTION`, and `apply(con)` which runs inside the opening transaction. Migrations are
never edited once released; a change of schema is a new module. The tables each one
creates are explained in its docstring.

All TIMESTAMP columns hold UTC; a site's local time zone is kept on `sites.timezone`.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    module: ModuleType

    def apply(self, con) -> None:
        self.module.apply(con)


def migrations() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:4].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(module.VERSION, module.DESCRIPTION, module))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    assert versions == list(range(1, len(found) + 1)), f"migration numbers must be 1..n: {versions}"
    return found


def latest_version() -> int:
    return migrations()[-1].version
