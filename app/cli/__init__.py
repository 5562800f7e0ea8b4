"""The `o2o` command line: the second face over the same engine.

Each module in this package that defines `register(subparsers)` adds its subcommands;
modules that define `register_import(import_subparsers)` add `o2o import KIND …`.
A command function takes the parsed args and returns (exit_code, payload); payload is
printed as JSON with --json, else as readable text. Errors go to stderr as one line.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from typing import Any

from app.cli._common import end_progress_line
from engine.errors import O2OError


def _command_modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{__name__}.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="o2o", description="O2O Workstation command line")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    importer = sub.add_parser("import", help="import files into a workspace")
    import_sub = importer.add_subparsers(dest="kind", required=True, metavar="KIND")
    for module in _command_modules():
        if hasattr(module, "register"):
            module.register(sub)
        if hasattr(module, "register_import"):
            module.register_import(import_sub)
    return parser


def emit(payload: Any, as_json: bool) -> None:
    end_progress_line()
    if as_json:
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    elif isinstance(payload, str):
        print(payload)
    elif isinstance(payload, list):
        for item in payload:
            emit(item, False)
    elif isinstance(payload, dict):
        if "message" in payload and len(payload) <= 2:
            print(payload["message"])
        else:
            width = max((len(str(k)) for k in payload), default=0)
            for key, value in payload.items():
                if isinstance(value, (dict, list)):
                    value = json.dumps(value, ensure_ascii=False, default=str)
                elif isinstance(value, float):
                    value = f"{value:.2f}"  # seconds, shares: --json has every digit
                print(f"{str(key).ljust(width)}  {value}")
    else:
        print(payload)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code, payload = args.func(args)
    except O2OError as exc:
        end_progress_line()
        print(f"o2o: error: {exc.one_line()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        end_progress_line()
        print("o2o: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a folder that cannot be written, a path that is a file, …
        end_progress_line()
        print(f"o2o: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        if payload is not None:
            emit(payload, getattr(args, "json", False))
            if code != 0 and not getattr(args, "json", False):
                print(f"o2o: error: {_failure_summary(payload)}", file=sys.stderr)
    except BrokenPipeError:  # `o2o … | head`: the reader went away, nothing to report
        sys.stderr.close()
    return code


def _failure_summary(payload) -> str:
    """One line on stderr for a non-zero exit whose details went to stdout (e.g. refused files)."""
    items = payload if isinstance(payload, list) else [payload]
    refused = [i for i in items if isinstance(i, dict) and i.get("status") in ("refused", "failed")]
    if refused:
        return f"{len(refused)} file(s) refused: " + "; ".join(str(i.get("message", "")) for i in refused)[:400]
    return "command failed (details above)"


if __name__ == "__main__":
    sys.exit(main())
