"""The workspace: one DuckDB file (`.o2o`) per client project.

`Workspace.open` creates or opens the file, upgrades an older schema through the numbered
migrations in engine/schema, refuses files that are not workspaces or come from a newer
version, and finds the hashing secret (see engine/secrets.py). Without its secret a
workspace opens read-only and says why; it is never silently re-keyed.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from engine import secrets
from engine.errors import (NewerWorkspace, NotAWorkspace, O2OError, ReadOnlyWorkspace,
                           SecretUnavailable)
from engine.schema import latest_version, migrations

SUFFIX = ".o2o"
APP_MARK = "o2o-workstation"
DEFAULT_TIMEZONE = "Europe/Moscow"


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _secret_check(secret: bytes) -> str:
    return hmac.new(secret, b"o2o-secret-check", hashlib.sha256).hexdigest()[:16]


def _connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise O2OError("The workspace is open in another program", where=str(path),
                           hint="Close it there (or wait for its task to finish) and try again") from exc
        raise NotAWorkspace("Not an O2O workspace (not a DuckDB database file)", where=str(path),
                            hint="Open a .o2o file, or create a new workspace") from exc
    except duckdb.Error as exc:
        raise NotAWorkspace(f"Cannot open as a workspace: {exc}", where=str(path)) from exc


def check_timezone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise O2OError(f"Unknown time zone {name!r}", hint="Use an IANA name such as Europe/Moscow") from exc
    return name


def check_rssi(inside: int | None, outside: int | None) -> None:
    if inside is not None and outside is not None and inside < outside:
        raise O2OError(f"Inside RSSI ({inside} dBm) must not be below outside RSSI ({outside} dBm)",
                       hint="A phone inside is heard louder: e.g. inside ≥ -70, outside < -85")


class Workspace:
    """An open workspace. `con` is the DuckDB connection of the thread that opened it;
    another thread takes its own with `for_thread()`."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, meta: dict[str, str],
                 secret: bytes | None, read_only_reason: str | None):
        self.path = Path(path)
        self.con = con
        self._meta = meta
        self._secret = secret
        self.read_only_reason = read_only_reason
        self._tx_lock = threading.RLock()

    # --- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, demo: bool = False,
             passphrase: str | None = None) -> "Workspace":
        path = Path(path)
        exists = path.exists()
        if not exists and not create:
            raise O2OError("No such workspace", where=str(path),
                           hint="Check the path; `o2o sites add NAME -w FILE` or any `o2o import … -w FILE` creates one")
        if exists and path.stat().st_size == 0:
            raise NotAWorkspace("Empty file, not a workspace", where=str(path))
        if not exists:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = _connect(path)
        try:
            if not exists:
                meta = cls._initialise(con, path, demo=demo, passphrase=passphrase)
            else:
                meta = cls._upgrade(con, path)
            secret, reason = cls._find_secret(meta, path, passphrase)
        except BaseException:
            con.close()
            if not exists and path.exists():
                path.unlink()  # a half-created workspace is not left behind
                Path(str(path) + ".wal").unlink(missing_ok=True)
            raise
        return cls(path, con, meta, secret, reason)

    @staticmethod
    def _read_meta(con) -> dict[str, str]:
        return dict(con.execute("SELECT key, value FROM meta").fetchall())

    @classmethod
    def _initialise(cls, con, path: Path, *, demo: bool, passphrase: str | None) -> dict[str, str]:
        workspace_id = str(uuid.uuid4())
        secret = secrets.new_secret()
        meta = {"app": APP_MARK, "workspace_id": workspace_id,
                "created_at": _utcnow().isoformat(timespec="seconds"),
                "secret_check": _secret_check(secret)}
        if demo:
            meta.update(secret_mode="demo", secret_clear=base64.b64encode(secret).decode())
        elif secrets.keyring_usable():
            secrets.keyring_set(workspace_id, secret)
            meta["secret_mode"] = "keyring"
        elif passphrase:
            meta.update(secret_mode="passphrase",
                        secret_wrapped=secrets.wrap(secret, passphrase, workspace_id))
        else:
            raise SecretUnavailable("Cannot keep the new workspace's hashing secret",
                                    where=str(path), hint=secrets.KEYRING_HINT)
        con.execute("BEGIN")
        try:
            for migration in migrations():
                migration.apply(con)
            meta["schema_version"] = str(latest_version())
            con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
            meta = cls._read_meta(con)  # with what migrations wrote (e.g. partner_forms)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            if meta.get("secret_mode") == "keyring":
                secrets.keyring_delete(workspace_id)
            raise
        return meta

    @classmethod
    def _upgrade(cls, con, path: Path) -> dict[str, str]:
        try:
            meta = cls._read_meta(con)
        except duckdb.CatalogException as exc:
            raise NotAWorkspace("A DuckDB database, but not an O2O workspace (no meta table)",
                                where=str(path), hint="Open a .o2o file made by O2O Workstation") from exc
        if meta.get("app") != APP_MARK or "schema_version" not in meta:
            raise NotAWorkspace("A DuckDB database, but not an O2O workspace", where=str(path))
        version, latest = int(meta["schema_version"]), latest_version()
        if version > latest:
            raise NewerWorkspace(
                f"Made by a newer O2O Workstation (schema v{version}; this one knows up to v{latest})",
                where=str(path), hint="Update O2O Workstation to open it")
        if version < latest:
            con.execute("BEGIN")
            try:
                for migration in migrations():
                    if migration.version > version:
                        migration.apply(con)
                con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(latest)])
                con.execute("INSERT OR REPLACE INTO meta VALUES ('upgraded_from', ?)", [str(version)])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            meta = cls._read_meta(con)
        return meta

    @staticmethod
    def _find_secret(meta: dict[str, str], path: Path, passphrase: str | None):
        mode = meta.get("secret_mode")
        if mode == "demo":
            return base64.b64decode(meta["secret_clear"]), None
        if mode == "passphrase":
            if passphrase is None:
                return None, "Locked: type the workspace passphrase to import or change data"
            _, secret = secrets.unwrap(meta["secret_wrapped"], passphrase, where=str(path))
            return secret, None
        if not secrets.keyring_usable():
            return None, f"Read-only: {secrets.KEYRING_HINT}"
        secret = secrets.keyring_get(meta["workspace_id"])
        if secret is None:
            return None, ("Read-only: this computer's keyring has no hashing secret for this "
                          "workspace. Import the secret exported on the original laptop "
                          "(File ▸ Import secret…, or `o2o secret import`). The workspace is "
                          "never re-keyed silently: new data would not join the old.")
        if _secret_check(secret) != meta.get("secret_check"):
            return None, "Read-only: the keyring holds a different secret for this workspace"
        return secret, None

    # --- properties ----------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self._meta["workspace_id"]

    @property
    def schema_version(self) -> int:
        return int(self._meta["schema_version"])

    @property
    def is_demo(self) -> bool:
        return self._meta.get("secret_mode") == "demo"

    @property
    def secret_mode(self) -> str:
        return self._meta.get("secret_mode", "")

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def secret(self) -> bytes:
        if self._secret is None:
            raise ReadOnlyWorkspace(self.read_only_reason or "No hashing secret", where=str(self.path))
        return self._secret

    def require_writable(self) -> None:
        if self.read_only_reason:
            raise ReadOnlyWorkspace(self.read_only_reason, where=str(self.path))

    # --- partner hash forms ------------------------------------------------------------
    PARTNER_FORMS = ("mac_md5",)

    @property
    def partner_forms(self) -> set[str]:
        """Partner hash forms written beside device_key (see engine/schema/m005_partner_forms.py)."""
        return {f for f in self._meta.get("partner_forms", "").split(",") if f}

    def set_partner_forms(self, forms: set[str]) -> None:
        unknown = set(forms) - set(self.PARTNER_FORMS)
        if unknown:
            raise O2OError(f"Unknown partner hash form(s): {', '.join(sorted(unknown))}",
                           hint="Known: " + ", ".join(self.PARTNER_FORMS))
        self.require_writable()
        value = ",".join(sorted(forms))
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('partner_forms', ?)", [value])
        self._meta["partner_forms"] = value

    # --- secret management -------------------------------------------------------------
    def unlock(self, passphrase: str) -> None:
        _, secret = secrets.unwrap(self._meta["secret_wrapped"], passphrase, where=str(self.path))
        self._secret, self.read_only_reason = secret, None

    def export_secret(self, path: str | os.PathLike, passphrase: str) -> Path:
        return secrets.export_secret(self.id, self.secret, Path(path), passphrase)

    def import_secret(self, path: str | os.PathLike, passphrase: str) -> None:
        """Install a secret exported on another laptop into this computer's keyring."""
        workspace_id, secret = secrets.read_secret_file(Path(path), passphrase)
        if workspace_id != self.id or _secret_check(secret) != self._meta.get("secret_check"):
            raise O2OError("This secret file belongs to another workspace", where=str(path),
                           hint=f"Export the secret of workspace {self.id}")
        if self.secret_mode == "keyring":
            secrets.keyring_set(self.id, secret)
        self._secret, self.read_only_reason = secret, None

    # --- transactions and threads --------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: on any exception (including Cancelled) everything rolls back."""
        with self._tx_lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            else:
                self.con.execute("COMMIT")

    def for_thread(self) -> "Workspace":
        """The same workspace over a connection of its own, for use in another thread."""
        clone = Workspace(self.path, self.con.cursor(), self._meta, self._secret, self.read_only_reason)
        return clone

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @classmethod
    def inspect(cls, path: str | os.PathLike) -> dict:
        """What `o2o info` reports, read without upgrading or locking the file for writing."""
        path = Path(path)
        if not path.exists():
            raise O2OError("No such workspace", where=str(path), hint="Check the path")
        if path.stat().st_size == 0:
            raise NotAWorkspace("Empty file, not a workspace", where=str(path))
        con = _connect(path, read_only=True)
        try:
            try:
                meta = cls._read_meta(con)
            except duckdb.CatalogException as exc:
                raise NotAWorkspace("A DuckDB database, but not an O2O workspace (no meta table)",
                                    where=str(path)) from exc
            if meta.get("app") != APP_MARK:
                raise NotAWorkspace("A DuckDB database, but not an O2O workspace", where=str(path))
            version, latest = int(meta["schema_version"]), latest_version()
            tables = [r[0] for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]
            counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        finally:
            con.close()
        _, reason = cls._find_secret(meta, path, None) if version <= latest else (None, None)
        return {"path": str(path), "workspace_id": meta["workspace_id"], "schema_version": version,
                "latest_schema_version": latest,
                "upgrade_pending": version < latest, "newer_than_this_app": version > latest,
                "secret_mode": meta.get("secret_mode"), "read_only": reason is not None,
                "read_only_reason": reason, "tables": counts}

    # --- what is in it -----------------------------------------------------------------------
    def tables(self) -> list[str]:
        rows = self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY table_name").fetchall()
        return [r[0] for r in rows]

    def table_counts(self) -> dict[str, int]:
        return {t: self.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in self.tables()}

    def info(self) -> dict:
        return {"path": str(self.path), "workspace_id": self.id, "schema_version": self.schema_version,
                "secret_mode": self.secret_mode, "read_only": self.read_only,
                "read_only_reason": self.read_only_reason, "tables": self.table_counts()}

    # --- sites and sensors ---------------------------------------------------------------
    def ensure_site(self, name: str, *, kind: str = "store",
                    timezone_name: str = DEFAULT_TIMEZONE) -> tuple[int, bool]:
        """(site_id, created). Naming a site that does not exist creates it."""
        name = name.strip()
        if not name:
            raise O2OError("A site needs a name")
        row = self.con.execute("SELECT site_id FROM sites WHERE name = ?", [name]).fetchone()
        if row:
            return row[0], False
        self.require_writable()
        check_timezone(timezone_name)
        row = self.con.execute("INSERT INTO sites (name, kind, timezone) VALUES (?, ?, ?) RETURNING site_id",
                               [name, kind, timezone_name]).fetchone()
        return row[0], True

    def ensure_sensor(self, site_id: int, name: str, *, rssi_inside: int | None = None,
                      rssi_outside: int | None = None) -> tuple[int, bool]:
        name = name.strip() or "default"
        row = self.con.execute("SELECT sensor_id FROM sensors WHERE site_id = ? AND name = ?",
                               [site_id, name]).fetchone()
        if row:
            return row[0], False
        self.require_writable()
        check_rssi(rssi_inside, rssi_outside)
        row = self.con.execute(
            "INSERT INTO sensors (site_id, name, rssi_inside, rssi_outside) VALUES (?, ?, ?, ?) "
            "RETURNING sensor_id", [site_id, name, rssi_inside, rssi_outside]).fetchone()
        return row[0], True

    def update_site(self, site_id: int, *, name: str | None = None, kind: str | None = None,
                    timezone_name: str | None = None) -> None:
        self.require_writable()
        if timezone_name is not None:
            check_timezone(timezone_name)
        if name is not None and self.con.execute(
                "SELECT count(*) FROM sites WHERE name = ? AND site_id <> ?", [name, site_id]).fetchone()[0]:
            raise O2OError(f"A site named {name!r} already exists", hint="Choose another name")
        for column, value in (("name", name), ("kind", kind), ("timezone", timezone_name)):
            if value is not None:
                self.con.execute(f"UPDATE sites SET {column} = ? WHERE site_id = ?", [value, site_id])

    def update_sensor(self, sensor_id: int, *, name: str | None = None,
                      rssi_inside: int | None = None, rssi_outside: int | None = None) -> None:
        self.require_writable()
        current = self.con.execute("SELECT rssi_inside, rssi_outside FROM sensors WHERE sensor_id = ?",
                                   [sensor_id]).fetchone() or (None, None)
        check_rssi(rssi_inside if rssi_inside is not None else current[0],
                   rssi_outside if rssi_outside is not None else current[1])
        for column, value in (("name", name), ("rssi_inside", rssi_inside), ("rssi_outside", rssi_outside)):
            if value is not None:
                self.con.execute(f"UPDATE sensors SET {column} = ? WHERE sensor_id = ?", [value, sensor_id])

    def sites(self) -> list[dict]:
        cur = self.con.execute("SELECT site_id, name, kind, timezone FROM sites ORDER BY site_id")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def sensors(self) -> list[dict]:
        cur = self.con.execute(
            "SELECT s.sensor_id, s.site_id, t.name AS site, s.name, s.rssi_inside, s.rssi_outside "
            "FROM sensors s JOIN sites t USING (site_id) ORDER BY s.sensor_id")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
