"""Where a workspace's hashing secret lives.

The secret keys the device hash (HMAC); losing it means old and new data no longer join,
so it is never silently regenerated. Places, in order of preference:
- the OS keyring (service "O2O Workstation", user "workspace:<id>");
- wrapped with a passphrase the user types (scrypt + AES-GCM) and kept in the workspace's
  meta table, for machines without a usable keyring backend;
- in the clear in meta, for demo workspaces only (their data is synthetic).
Moving a workspace to another laptop: `export_secret` writes a passphrase-wrapped file,
`import_secret` puts it into that laptop's keyring.
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from engine.errors import O2OError, SecretUnavailable

KEYRING_SERVICE = "O2O Workstation"
SECRET_BYTES = 32
KEYRING_HINT = (
    "No usable OS keyring. On Linux install and unlock a Secret Service "
    "(e.g. `sudo apt install gnome-keyring` and log in again) or choose a passphrase "
    "to protect the workspace secret instead."
)


def new_secret() -> bytes:
    return os.urandom(SECRET_BYTES)


def _keyring_user(workspace_id: str) -> str:
    return f"workspace:{workspace_id}"


def keyring_usable() -> bool:
    """False where keyring would fail, or would only keep the secret in a plain file.

    keyrings.alt (installed for the tests) registers file backends that store passwords in
    the clear or prompt on a terminal; they count only when chosen explicitly through
    keyring's own configuration (PYTHON_KEYRING_BACKEND), as the test suite does.
    """
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module == "keyring.backends.null":
        chosen = os.environ.get("PYTHON_KEYRING_BACKEND", "")
        return chosen == f"{module}.{type(backend).__name__}"
    return True


def keyring_get(workspace_id: str) -> bytes | None:
    try:
        value = keyring.get_password(KEYRING_SERVICE, _keyring_user(workspace_id))
    except keyring.errors.KeyringError as exc:
        raise SecretUnavailable(f"The OS keyring cannot be read ({exc})", hint=KEYRING_HINT) from exc
    return base64.b64decode(value) if value else None


def keyring_set(workspace_id: str, secret: bytes) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(workspace_id),
                             base64.b64encode(secret).decode())
    except keyring.errors.KeyringError as exc:
        raise SecretUnavailable(f"The OS keyring cannot store the secret ({exc})",
                                hint=KEYRING_HINT) from exc


def keyring_delete(workspace_id: str) -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(workspace_id))
    except keyring.errors.PasswordDeleteError:
        pass


# --- passphrase wrapping ---------------------------------------------------------------

def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def wrap(secret: bytes, passphrase: str, workspace_id: str) -> str:
    """A JSON text holding the secret encrypted under the passphrase."""
    if not passphrase:
        raise O2OError("An empty passphrase cannot protect the secret", hint="Type a passphrase")
    salt, nonce = os.urandom(16), os.urandom(12)
    box = AESGCM(_derive(passphrase, salt)).encrypt(nonce, secret, workspace_id.encode())
    return json.dumps({
        "format": "o2o-secret/1", "workspace_id": workspace_id, "kdf": "scrypt-n15-r8-p1",
        "salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(box).decode(),
    })


def unwrap(text: str, passphrase: str, *, where: str = "secret") -> tuple[str, bytes]:
    """(workspace_id, secret) from a wrapped text; a wrong passphrase says so."""
    try:
        doc = json.loads(text)
        assert doc.get("format") == "o2o-secret/1"
        salt, nonce, box = (base64.b64decode(doc[k]) for k in ("salt", "nonce", "ciphertext"))
        workspace_id = doc["workspace_id"]
    except (ValueError, KeyError, AssertionError, TypeError) as exc:
        raise O2OError("Not an O2O secret file", where=where,
                       hint="Choose the file written by 'Export secret'") from exc
    try:
        secret = AESGCM(_derive(passphrase, salt)).decrypt(nonce, box, workspace_id.encode())
    except InvalidTag as exc:
        raise O2OError("Wrong passphrase", where=where, hint="Type the passphrase again") from exc
    return workspace_id, secret


def export_secret(workspace_id: str, secret: bytes, path: Path, passphrase: str) -> Path:
    path = Path(path)
    path.write_text(wrap(secret, passphrase, workspace_id), encoding="utf-8")
    return path


def read_secret_file(path: Path, passphrase: str) -> tuple[str, bytes]:
    path = Path(path)
    return unwrap(path.read_text(encoding="utf-8"), passphrase, where=str(path))
