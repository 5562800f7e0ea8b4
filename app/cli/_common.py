"""Options and helpers shared by the `o2o` subcommands."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

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


@contextmanager
def workspace_for_import(args) -> Iterator[tuple[Workspace, list[str]]]:
    """(workspace, notes) for an `o2o import KIND` command, closed on leaving.

    A workspace this command created is removed again (file, .wal and its keyring secret)
    when no file ended up imported into it, so a refused, failed or interrupted import
    into a new path leaves no empty workspace behind; its "created" note then says so.
    A workspace that existed before is left as the imports made it."""
    path = Path(args.workspace)
    existed = path.exists()
    ws, notes = open_workspace(args)
    keep = existed
    try:
        yield ws, notes
        keep = keep or _holds_an_import(ws)
    finally:
        ws.close()
        if not keep:
            _discard_new_workspace(ws)
            created = f"workspace {path} created"
            notes[:] = [f"workspace {path} not created: nothing was imported" if n == created else n
                        for n in notes]


def _holds_an_import(ws: Workspace) -> bool:
    return ws.con.execute("SELECT count(*) FROM imports WHERE status = 'imported'").fetchone()[0] > 0


def _discard_new_workspace(ws: Workspace) -> None:
    from engine import secrets

    Path(ws.path).unlink(missing_ok=True)
    Path(str(ws.path) + ".wal").unlink(missing_ok=True)
    if ws.secret_mode == "keyring":
        secrets.keyring_delete(ws.id)


def ask_passphrase(prompt: str = "Passphrase: ", option: str = "--passphrase-env") -> str:
    if not sys.stdin.isatty():
        print(f"o2o: error: a passphrase is needed: set it with {option} VAR", file=sys.stderr)
        raise SystemExit(2)
    return getpass.getpass(prompt)


_PROGRESS_LINE_OPEN = [False]  # a progress line without its line break yet (see end_progress_line)


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
            _PROGRESS_LINE_OPEN[0] = True
            if pct >= 100:
                end_progress_line()

    return report


def end_progress_line() -> None:
    """End an open progress line, so that what is printed next starts on a line of its own."""
    if _PROGRESS_LINE_OPEN[0]:
        _PROGRESS_LINE_OPEN[0] = False
        print(file=sys.stderr, flush=True)
