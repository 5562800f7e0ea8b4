"""Importers: each file kind has a loader run through `registry.run_import`.

`import_file` routes a file by sniffing its content (engine/imports/sniff.py) to the
importer of that kind. Importers are looked up lazily so each capability owns its module.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from engine.errors import ImportRefused
from engine.imports import sniff as _sniff
from engine.imports.registry import REFUSED, ImportResult

# kind -> "module:function"; each function has the signature
# fn(ws, path, *, site=None, sensor=None, progress=..., cancel=None, **options) -> ImportResult
IMPORTERS: dict[str, str] = {
    "capture": "engine.imports.captures:import_capture",
    "airodump": "engine.imports.captures:import_airodump",
    "kismet": "engine.imports.captures:import_kismet",
    "crm": "engine.crm.crm_import:import_crm",
    "receipts": "engine.crm.receipts:import_receipts",
    "registers": "engine.crm.registers:import_registers",
    "partner_matches": "engine.crm.registers:import_partner_matches",
}


def available_kinds() -> list[str]:
    return sorted(IMPORTERS)


def import_file(ws, path: str | Path, *, kind: str | None = None, **options) -> ImportResult:
    kind = kind or _sniff.sniff(path)
    target = IMPORTERS.get(kind)
    if target is None:
        return ImportResult(str(path), kind, REFUSED,
                            f"{path}: no importer for this kind of file ({kind}) yet")
    module_name, fn_name = target.split(":")
    fn = getattr(importlib.import_module(module_name), fn_name)
    return fn(ws, path, **options)


__all__ = ["IMPORTERS", "import_file", "available_kinds", "ImportRefused"]
