"""The `o2o` command line as a user runs it: a real process, real files, JSON out."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

O2O = str(Path(sys.executable).with_name("o2o"))


def o2o(*args, env=None, check=True):
    out = subprocess.run([O2O, *map(str, args)], capture_output=True, text=True, timeout=300,
                         env={**os.environ, **(env or {})})
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_info_reports_schema_id_and_counts(tmp_path):
    ws = tmp_path / "client.o2o"
    created = json.loads(o2o("sites", "add", "Mall Store A", "-w", ws, "--sensor", "entrance",
                             "--rssi-inside", "-67", "--json").stdout)
    assert "site 'Mall Store A' created" in created["created"]
    assert any("workspace" in note and "created" in note for note in created["created"])
    info = json.loads(o2o("info", ws, "--json").stdout)
    assert info["schema_version"] >= 1 and len(info["workspace_id"]) == 36
    assert info["tables"]["sites"] == 1 and info["tables"]["sensors"] == 1
    assert {"meta", "sites", "sensors", "imports"} <= set(info["tables"])
    listed = json.loads(o2o("sites", "list", "-w", ws, "--json").stdout)
    assert listed[0]["sensors"][0]["rssi_inside"] == -67


def test_errors_are_one_line_on_stderr_with_nonzero_exit(tmp_path):
    out = o2o("info", tmp_path / "missing.o2o", check=False)
    assert out.returncode != 0 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "missing.o2o" in out.stderr
    bad = tmp_path / "notes.o2o"
    bad.write_text("just text")
    out = o2o("info", bad, check=False)
    assert out.returncode != 0 and "Not an O2O workspace" in out.stderr
    out = o2o("sites", "add", "X", "-w", tmp_path / "tz.o2o", "--timezone", "Mars/Base", check=False)
    assert out.returncode != 0 and "Unknown time zone" in out.stderr


def test_secret_moves_between_keyrings(tmp_path):
    ws = tmp_path / "travel.o2o"
    o2o("sites", "add", "Event hall", "-w", ws)
    env = {"SECRET_PW": "field kit 2026"}
    o2o("secret", "export", "-w", ws, tmp_path / "travel.secret", "--secret-passphrase-env", "SECRET_PW", env=env)
    # another laptop: an empty keyring
    other = {"XDG_DATA_HOME": str(tmp_path / "other-laptop"), **env}
    info = json.loads(o2o("info", ws, "--json", env=other).stdout)
    assert info["read_only"] and "keyring" in info["read_only_reason"]
    refused = o2o("sites", "add", "New", "-w", ws, env=other, check=False)
    assert refused.returncode != 0 and "Read-only" in refused.stderr
    o2o("secret", "import", "-w", ws, tmp_path / "travel.secret", "--secret-passphrase-env", "SECRET_PW", env=other)
    assert not json.loads(o2o("info", ws, "--json", env=other).stdout)["read_only"]


def test_info_reports_an_old_workspace_without_upgrading_it(tmp_path):
    import shutil

    old = tmp_path / "v1.o2o"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "workspace_v1.o2o", old)
    before = old.read_bytes()
    info = json.loads(o2o("info", old, "--json").stdout)
    assert info["schema_version"] == 1 and info["upgrade_pending"] and info["tables"]["sites"] == 1
    assert old.read_bytes() == before
