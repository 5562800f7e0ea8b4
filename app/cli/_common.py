"""Options and helpers shared by the `o2o` subcommands."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from engine.progress import ProgressFn
from engine.workspace import Workspace


def add_workspace_arg(parser: argparse.ArgumentParser, *, create: bool = True) -> None:
    parser.add_argument("-w", "--workspace", required=True, type=Path, metavar="WS",
                        help="workspace file (.o2o)" + ("; created if it does not exist" if create else ""))
    parser.add_argument("--passphrase-env", metavar="VAR",
                        help="environment variable holding the workspace passphrase "
                             "(workspaces protected by a passphrase instead of the OS keyring)")


def add_json_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def passphrase_from(args) -> str | None:
    if getattr(args, "passphrase_env", None):
        value = os.environ.get(args.passphrase_env)
        if value is None:
            raise SystemExit(f"o2o: error: environment variable {args.passphrase_env} is not set")
        return value
    return os.environ.get("O2O_PASSPHRASE")


def open_workspace(args, *, create: bool = True) -> tuple[Workspace, list[str]]:
    """(workspace, notes): notes say what was created on the way."""
    from engine.errors import SecretUnavailable

    path = Path(args.workspace)
    existed = path.exists()
    try:
        ws = Workspace.open(path, create=create, passphrase=passphrase_from(args))
    except SecretUnavailable as exc:
        exc.hint = (exc.hint or "") + " From the command line: --passphrase-env VAR (or O2O_PASSPHRASE)."
        raise
    notes = [] if existed else [f"workspace {path} created"]
    return ws, notes


def ask_passphrase(prompt: str = "Passphrase: ", option: str = "--passphrase-env") -> str:
    if not sys.stdin.isatty():
        print(f"o2o: error: a passphrase is needed: set it with {option} VAR", file=sys.stderr)
        raise SystemExit(2)
    return getpass.getpass(prompt)


def stderr_progress(enabled: bool) -> ProgressFn:
    """Progress on stderr for people at a terminal; silent under --json or when piped."""
    last = [-1]

    def report(fraction: float, message: str) -> None:
        if not enabled:
            return
        pct = int(fraction * 100)
        if pct != last[0]:
            last[0] = pct
            print(f"\r{pct:3d}% {message[:70]:<70}", end="", file=sys.stderr, flush=True)
            if pct >= 100:
                print(file=sys.stderr)

    return report
