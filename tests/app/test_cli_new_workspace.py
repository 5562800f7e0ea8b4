"""A refused `o2o import KIND` into a workspace path that did not exist leaves nothing behind
(no .o2o, no .wal, no keyring secret); a workspace that existed stays as it was; a new one
that got at least one file keeps it. Run through the real `o2o` entry, in process."""
from __future__ import annotations

import argparse
import configparser
import json
import os
from pathlib import Path

import pytest

from app.cli import main
from app.cli._common import workspace_for_import
from engine.secrets import KEYRING_SERVICE
from engine.workspace import Workspace

PHONES_CSV = "Телефон;Имя\n89161234567;Анна\n89262223344;Борис\n"


def run(capsys, *argv) -> tuple[int, object]:
    code = main([str(a) for a in argv] + ["--json"])
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else None)


def keyring_entries() -> int:
    """Secrets in the file keyring the tests use (tests/conftest.py), read from its file."""
    cfg = Path(os.environ["XDG_DATA_HOME"]) / "python_keyring" / "keyring_pass.cfg"
    parser = configparser.RawConfigParser()
    parser.read(cfg, encoding="utf-8")
    section = KEYRING_SERVICE.replace(" ", "_20")  # keyrings.alt escapes the service name
    return len(parser.options(section)) if parser.has_section(section) else 0


def refused_inputs(tmp: Path) -> list[tuple[str, list]]:
    """(kind, extra argv) pairs, each of which the importer refuses."""
    (tmp / "empty.csv").write_bytes(b"")
    (tmp / "no_phone.csv").write_text("Имя;Возраст\nАнна;30\n", encoding="utf-8")
    (tmp / "no_receipt.json").write_text('{"x": 1}', encoding="utf-8")
    (tmp / "wrong_header.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp / "garbage.pcap").write_bytes(b"not a capture at all")
    return [
        ("crm", [tmp / "empty.csv"]),
        ("crm", [tmp / "no_phone.csv"]),
        ("receipts", [tmp / "no_receipt.json"]),
        ("registers", [tmp / "wrong_header.csv"]),
        ("partner", [tmp / "wrong_header.csv", "--partner", "P"]),
        ("capture", [tmp / "garbage.pcap", "--site", "Mall"]),
        ("airodump", [tmp / "empty.csv", "--site", "Mall"]),
    ]


def test_a_refused_import_into_a_new_path_leaves_no_workspace(tmp_path, capsys):
    for kind, extra in refused_inputs(tmp_path):
        ws = tmp_path / f"new-{kind}.o2o"
        secrets_before = keyring_entries()
        code, out = run(capsys, "import", kind, *extra, "-w", ws)
        assert code == 1, (kind, out)
        assert not ws.exists() and not Path(f"{ws}.wal").exists(), kind
        assert keyring_entries() == secrets_before, f"{kind}: the new workspace's secret stayed in the keyring"
        notes = out[0]["created"] if isinstance(out, list) else out["notes"]
        assert notes == [f"workspace {ws} not created: nothing was imported"], (kind, notes)
    assert not list(tmp_path.glob("new-*"))


def test_a_missing_mapping_file_is_refused_without_a_workspace(tmp_path, capsys):
    crm = tmp_path / "crm.csv"
    crm.write_text(PHONES_CSV, encoding="utf-8")
    ws = tmp_path / "new.o2o"
    code, out = run(capsys, "import", "crm", crm, "-w", ws, "--mapping", tmp_path / "missing.json")
    assert code == 1 and out["status"] == "refused" and not ws.exists() and not Path(f"{ws}.wal").exists()


def test_an_error_inside_the_command_also_removes_the_new_workspace(tmp_path):
    # what an exception (an O2OError, Ctrl-C) escaping a command body does to a new workspace
    ws = tmp_path / "new.o2o"
    secrets_before = keyring_entries()
    args = argparse.Namespace(workspace=ws, passphrase_env=None)
    with pytest.raises(KeyboardInterrupt):
        with workspace_for_import(args) as (opened, notes):
            assert ws.exists() and notes == [f"workspace {ws} created"]
            opened.ensure_site("Mall")  # written, but no file imported
            raise KeyboardInterrupt
    assert not ws.exists() and not Path(f"{ws}.wal").exists() and keyring_entries() == secrets_before


def test_a_refused_import_leaves_an_existing_workspace_as_it_was(tmp_path, capsys):
    ws = tmp_path / "ws.o2o"
    crm = tmp_path / "crm.csv"
    crm.write_text(PHONES_CSV, encoding="utf-8")
    assert run(capsys, "import", "crm", crm, "-w", ws)[0] == 0
    with Workspace.open(ws) as opened:
        before = opened.table_counts()
    secrets_before = keyring_entries()
    for kind, extra in refused_inputs(tmp_path):
        assert run(capsys, "import", kind, *extra, "-w", ws)[0] == 1, kind
        assert ws.exists(), kind
    with Workspace.open(ws) as opened:  # still readable with its secret, with the same rows
        assert opened.table_counts() == before and not opened.read_only
    assert keyring_entries() == secrets_before


def test_a_new_workspace_with_one_imported_file_is_kept(tmp_path, capsys, shared_data):
    ws = tmp_path / "new.o2o"
    good = shared_data / "captures" / "aircrack-ng-tests" / "test1.pcap"
    bad = tmp_path / "garbage.pcap"
    bad.write_bytes(b"not a capture at all")
    code, rows = run(capsys, "import", "capture", bad, good, "-w", ws, "--site", "Mall")
    assert code == 1 and [r["status"] for r in rows] == ["refused", "imported"]
    assert rows[0]["created"][0] == f"workspace {ws} created"
    with Workspace.open(ws) as opened:
        assert opened.con.execute("SELECT count(*) FROM imports WHERE status = 'imported'").fetchone()[0] == 1
        assert [s["name"] for s in opened.sites()] == ["Mall"]


def test_a_successful_import_into_a_new_path_says_the_workspace_was_created(tmp_path, capsys):
    crm = tmp_path / "crm.csv"
    crm.write_text(PHONES_CSV, encoding="utf-8")
    ws = tmp_path / "new.o2o"
    code, out = run(capsys, "import", "crm", crm, "-w", ws)
    assert code == 0 and out["notes"] == [f"workspace {ws} created"] and ws.exists()
