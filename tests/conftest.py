"""Test configuration shared by every test.

- Qt runs offscreen.
- The keyring is a real file-backed backend (keyrings.alt) in a per-session folder, set
  through keyring's own PYTHON_KEYRING_BACKEND configuration, so subprocesses (the CLI)
  use the same one. No function is monkeypatched.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_KEYRING_HOME = Path(tempfile.mkdtemp(prefix="o2o-test-keyring-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = str(_KEYRING_HOME)
os.environ["O2O_CONFIG_DIR"] = str(_KEYRING_HOME / "config")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared test data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def workspace(tmp_path):
    """A fresh keyring-backed workspace on disk."""
    from engine.workspace import Workspace

    ws = Workspace.open(tmp_path / "test.o2o", create=True)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_small(tmp_path_factory):
    """The small demo world, generated once per test session: (dir, truth dict)."""
    import json

    from engine.demo import build_demo

    out = tmp_path_factory.mktemp("demo-small")
    build_demo(out, seed=7, scale="small")
    return out, json.loads((out / "truth.json").read_text(encoding="utf-8"))
