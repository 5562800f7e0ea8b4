"""The workspace file: create, reopen, migrate, refuse, secrets, transactional imports."""
from __future__ import annotations

import base64
import shutil
from pathlib import Path

import duckdb
import keyring
import pytest

from engine import secrets
from engine.errors import NewerWorkspace, NotAWorkspace, O2OError, ReadOnlyWorkspace
from engine.imports.registry import IMPORTED, REFUSED, SKIPPED, LoadOutcome, run_import
from engine.schema import latest_version
from engine.workspace import Workspace

DATA = Path(__file__).resolve().parent.parent / "data"


def test_new_workspace_has_core_tables_and_keyring_secret(tmp_path):
    path = tmp_path / "client.o2o"
    with Workspace.open(path, create=True) as ws:
        assert ws.schema_version == latest_version()
        assert {"meta", "sites", "sensors", "imports", "import_rejects"} <= set(ws.tables())
        assert ws.secret_mode == "keyring"
        stored = secrets.keyring_get(ws.id)
        assert stored == ws.secret and len(stored) == 32
        workspace_id = ws.id
    # the secret is not in the file
    assert stored not in path.read_bytes()
    with Workspace.open(path) as again:
        assert again.id == workspace_id and not again.read_only and again.secret == stored


def test_missing_file_is_not_created_without_asking(tmp_path):
    with pytest.raises(O2OError, match="No such workspace"):
        Workspace.open(tmp_path / "nope.o2o")
    assert not (tmp_path / "nope.o2o").exists()


@pytest.mark.parametrize("content", [b"hello, this is not a database\n" * 10, b""])
def test_refuses_a_file_that_is_not_a_workspace(tmp_path, content):
    path = tmp_path / "fake.o2o"
    path.write_bytes(content)
    with pytest.raises(NotAWorkspace) as info:
        Workspace.open(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content  # untouched


def test_refuses_a_plain_duckdb_database(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t(x INT)")
    con.close()
    with pytest.raises(NotAWorkspace, match="not an O2O workspace"):
        Workspace.open(path)


def test_refuses_a_workspace_from_a_newer_version(tmp_path):
    path = tmp_path / "future.o2o"
    Workspace.open(path, create=True, demo=True).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(NewerWorkspace, match="newer"):
        Workspace.open(path)


def test_v1_workspace_is_upgraded(tmp_path):
    """tests/data/workspace_v1.o2o was written by schema v1 (core tables only)."""
    path = tmp_path / "old.o2o"
    shutil.copy(DATA / "workspace_v1.o2o", path)
    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "1"
    old_sites = con.execute("SELECT name FROM sites ORDER BY site_id").fetchall()
    con.close()
    with Workspace.open(path) as ws:
        assert ws.schema_version == latest_version() > 1
        assert [(s["name"],) for s in ws.sites()] == old_sites
        assert "detections" in ws.tables()
        assert ws.con.execute("SELECT value FROM meta WHERE key='upgraded_from'").fetchone()[0] == "1"
        assert ws.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 1


def test_workspace_without_its_secret_opens_read_only(tmp_path):
    path = tmp_path / "moved.o2o"
    with Workspace.open(path, create=True) as ws:
        workspace_id, secret = ws.id, ws.secret
        exported = ws.export_secret(tmp_path / "moved.o2o-secret", "correct horse")
    secrets.keyring_delete(workspace_id)  # as on another laptop
    with Workspace.open(path) as ws:
        assert ws.read_only and "keyring" in ws.read_only_reason
        with pytest.raises(ReadOnlyWorkspace):
            ws.secret
        with pytest.raises(ReadOnlyWorkspace):
            ws.ensure_site("New site")
        with pytest.raises(O2OError, match="Wrong passphrase"):
            ws.import_secret(exported, "wrong")
        ws.import_secret(exported, "correct horse")
        assert not ws.read_only and ws.secret == secret
    assert keyring.get_password(secrets.KEYRING_SERVICE, f"workspace:{workspace_id}")


def test_secret_of_another_workspace_is_refused(tmp_path):
    with Workspace.open(tmp_path / "a.o2o", create=True) as a:
        exported = a.export_secret(tmp_path / "a.secret", "pw")
    with Workspace.open(tmp_path / "b.o2o", create=True) as b:
        with pytest.raises(O2OError, match="another workspace"):
            b.import_secret(exported, "pw")


def test_demo_workspace_keeps_its_secret_in_the_file(tmp_path):
    with Workspace.open(tmp_path / "demo.o2o", create=True, demo=True) as ws:
        assert ws.is_demo and ws.secret_mode == "demo"
        assert secrets.keyring_get(ws.id) is None


def _rows_loader(n: int, fail: bool = False):
    def load(ctx):
        ctx.ws.con.execute("CREATE TABLE IF NOT EXISTS scratch_rows (import_id INT, i INT)")
        ctx.ws.con.execute("INSERT INTO scratch_rows SELECT ?, range FROM range(?)", [ctx.import_id, n])
        ctx.reject_rows([(3, "phone", "12", "too short")])
        if fail:
            raise ValueError("boom at row 7")
        return LoadOutcome(rows_in=n + 1, rows_ok=n, rows_rejected=1, details={"custom": 5})
    return load


def test_import_is_registered_and_a_second_import_is_skipped(workspace, tmp_path):
    src = tmp_path / "file.csv"
    src.write_text("a\n1\n")
    first = run_import(workspace, src, "test", _rows_loader(10), site="Mall Store A")
    assert first.status == IMPORTED and first.rows_ok == 10 and first.to_json()["custom"] == 5
    assert "site 'Mall Store A' created" in first.created
    second = run_import(workspace, src, "test", _rows_loader(10), site="Mall Store A")
    assert second.status == SKIPPED and f"#{first.import_id}" in second.message
    assert workspace.con.execute("SELECT count(*) FROM scratch_rows").fetchone()[0] == 10
    assert workspace.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    rejects = workspace.con.execute("SELECT line, column_name, reason FROM import_rejects").fetchall()
    assert rejects == [(3, "phone", "too short")]


def test_failed_import_leaves_the_workspace_exactly_as_before(workspace, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("x\n")
    workspace.con.execute("CREATE TABLE scratch_rows (import_id INT, i INT)")
    before = workspace.table_counts()
    result = run_import(workspace, src, "test", _rows_loader(10, fail=True), site="Brand new site")
    assert result.status == REFUSED and "boom at row 7" in result.message and str(src) in result.message
    assert workspace.table_counts() == before
    assert workspace.sites() == []


def test_cancelled_import_rolls_back(workspace, tmp_path):
    from engine.progress import CancelToken

    src = tmp_path / "big.csv"
    src.write_text("y\n")
    token = CancelToken()

    def load(ctx):
        ctx.ws.con.execute("CREATE TABLE scratch (i INT)")
        ctx.ws.con.execute("INSERT INTO scratch VALUES (1)")
        token.cancel()
        ctx.cancel.check()
        return LoadOutcome()

    before = set(workspace.tables())
    result = run_import(workspace, src, "test", load, cancel=token)
    assert result.status == "cancelled"
    assert set(workspace.tables()) == before


def test_without_a_keyring_a_passphrase_protects_the_secret(tmp_path, monkeypatch):
    """No usable keyring (here: the plain-file backend not chosen explicitly) → passphrase mode."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    import keyring.core

    keyring.core.init_backend()  # keyring re-reads its configuration, as a fresh process would
    try:
        assert not secrets.keyring_usable()
        with pytest.raises(O2OError, match="No usable OS keyring"):
            Workspace.open(tmp_path / "nokeyring.o2o", create=True)
        assert not (tmp_path / "nokeyring.o2o").exists()
        with Workspace.open(tmp_path / "locked.o2o", create=True, passphrase="s3cret pass") as ws:
            assert ws.secret_mode == "passphrase" and not ws.read_only
            secret = ws.secret
        raw = (tmp_path / "locked.o2o").read_bytes()
        assert secret not in raw and base64.b64encode(secret) not in raw  # never in the clear
        with Workspace.open(tmp_path / "locked.o2o") as ws:
            assert ws.read_only and "passphrase" in ws.read_only_reason
            with pytest.raises(O2OError, match="Wrong passphrase"):
                ws.unlock("wrong")
            ws.unlock("s3cret pass")
            assert ws.secret == secret
    finally:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
        keyring.core.init_backend()


def test_sites_and_sensors_are_validated(workspace):
    with pytest.raises(O2OError, match="Unknown time zone"):
        workspace.ensure_site("Mars base", timezone_name="Mars/Olympus")
    a, _ = workspace.ensure_site("A")
    b, _ = workspace.ensure_site("B")
    with pytest.raises(O2OError, match="already exists"):
        workspace.update_site(b, name="A")
    with pytest.raises(O2OError, match="Unknown time zone"):
        workspace.update_site(a, timezone_name="Nowhere/City")
    with pytest.raises(O2OError, match="must not be below"):
        workspace.ensure_sensor(a, "door", rssi_inside=-90, rssi_outside=-60)
    sensor, _ = workspace.ensure_sensor(a, "door", rssi_inside=-70, rssi_outside=-85)
    with pytest.raises(O2OError, match="must not be below"):
        workspace.update_sensor(sensor, rssi_inside=-95)
    assert [s["timezone"] for s in workspace.sites()] == ["Europe/Moscow", "Europe/Moscow"]


def test_visit_gap_must_be_sensible(workspace):
    from engine import visits

    for bad in (0, float("nan"), float("inf"), 1e12):
        with pytest.raises(O2OError):
            visits.set_setting(workspace, "gap_s", bad)
    visits.set_setting(workspace, "gap_s", 300)
