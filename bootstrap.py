#!/usr/bin/env python3
"""Set up and run O2O Workstation with nothing but Python 3.11+.

    python3 bootstrap.py          # set up .venv, open the workstation (last or demo workspace)
    python3 bootstrap.py test     # set up .venv, run the whole test suite headless

Idempotent: the virtual environment is reinstalled only when pyproject.toml changes,
translations are recompiled only when a .ts file is newer than its .qm.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".o2o-installed"


def say(text: str) -> None:
    print(f"[o2o setup] {text}", flush=True)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"O2O Workstation needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not PY.exists():
        say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("installing dependencies (first run or pyproject.toml changed)")
    subprocess.check_call([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    subprocess.check_call([str(PY), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"])
    STAMP.write_text(wanted)


def compile_translations() -> None:
    """resources/translations/*.ts -> .qm with Qt's lrelease (shipped in PySide6-Essentials)."""
    lrelease = shutil.which("pyside6-lrelease", path=str(BIN))
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        if not lrelease:
            say("pyside6-lrelease not found; the interface stays in English")
            return
        subprocess.check_call([lrelease, "-silent", str(ts), "-qm", str(qm)])


def ensure_tshark() -> None:
    """tshark is the reference the capture tests compare against; install it where we can."""
    if shutil.which("tshark") or os.environ.get("O2O_NO_APT"):
        return
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (shutil.which("apt-get") and is_root):
        say("tshark not installed: the tshark cross-check tests will be skipped")
        return
    say("installing tshark (Debian package) for the capture cross-check tests")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-qq", "tshark"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        say("could not install tshark: the tshark cross-check tests will be skipped")


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-") or argv[0].endswith(".o2o"):
        argv = ["run", *argv]  # `bootstrap.py --screenshot x.png` / `bootstrap.py ws.o2o` open the app
    command = argv[0]
    ensure_venv()
    compile_translations()
    if command == "test":
        ensure_tshark()
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    if command == "run":
        return subprocess.call([str(BIN / "o2o-workstation"), *argv[1:]], cwd=ROOT)
    if command == "o2o":
        return subprocess.call([str(BIN / "o2o"), *argv[1:]], cwd=ROOT)
    sys.exit(f"unknown command {command!r}: use 'run' (default), 'test' or 'o2o'")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
