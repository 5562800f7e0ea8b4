"""Named hash specs for identifiers, each with its published test vector.

The device key is the workspace's own keyed hash (HMAC-SHA256 with a per-workspace
secret); partner forms are the unkeyed hashes partners publish in their upload specs.
Hash each distinct identifier once: callers pass arrays of distinct values.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np


def device_keys(secret: bytes, macs: np.ndarray) -> np.ndarray:
    """int64 device keys for an (n, 6) uint8 array of distinct raw MACs.

    The key is the first 8 bytes (big-endian, signed) of HMAC-SHA256(secret, mac):
    a 64-bit join key keeps DuckDB joins on integers; collisions need ~4e9 devices.
    """
    macs = np.ascontiguousarray(macs, dtype=np.uint8).reshape(-1, 6)
    # HMAC (RFC 2104) spelled out on hashlib states: copying the keyed inner/outer states is
    # C work, about 3x faster per MAC than copying an hmac.HMAC object
    key = hashlib.sha256(secret).digest() if len(secret) > 64 else secret
    key = key.ljust(64, b"\0")
    inner_copy = hashlib.sha256(bytes(b ^ 0x36 for b in key)).copy
    outer_copy = hashlib.sha256(bytes(b ^ 0x5C for b in key)).copy
    raw = macs.tobytes()
    heads = []
    for i in range(0, len(raw), 6):
        inner = inner_copy()
        inner.update(raw[i:i + 6])
        outer = outer_copy()
        outer.update(inner.digest())
        heads.append(outer.digest()[:8])
    return np.frombuffer(b"".join(heads), dtype=">i8").astype(np.int64)


def device_key(secret: bytes, mac: bytes) -> int:
    return int(device_keys(secret, np.frombuffer(mac, dtype=np.uint8))[0])


def is_randomized(macs: np.ndarray) -> np.ndarray:
    """Locally administered bit (second-least-significant bit of the first octet)."""
    macs = np.asarray(macs, dtype=np.uint8).reshape(-1, 6)
    return (macs[:, 0] & 0x02) != 0


def mac_to_bytes(text: str) -> bytes:
    digits = "".join(c for c in text if c in "0123456789abcdefABCDEF")
    if len(digits) != 12:
        raise ValueError(f"not a MAC address: {text!r}")
    return bytes.fromhex(digits)


def macs_from_text(texts: Iterable[str]) -> np.ndarray:
    return np.frombuffer(b"".join(mac_to_bytes(t) for t in texts), dtype=np.uint8).reshape(-1, 6)


# --- partner hash forms -------------------------------------------------------------

def mac_md5(mac: bytes) -> str:
    """Yandex Audiences / telecom partner MAC form: MD5 of the 6 raw bytes, upper hex."""
    return hashlib.md5(mac).hexdigest().upper()


def mac_sha256(mac: bytes) -> str:
    return hashlib.sha256(mac).hexdigest()


def phone_digits(e164: str) -> str:
    """'+79995551111' -> '79995551111' (digits with country code)."""
    return "".join(c for c in e164 if c.isdigit())


def phone_md5(e164: str) -> str:
    return hashlib.md5(phone_digits(e164).encode()).hexdigest()


def phone_sha256(e164: str) -> str:
    """Yandex (new uploads) / Meta form: SHA-256 of digits with country code, no '+'."""
    return hashlib.sha256(phone_digits(e164).encode()).hexdigest()


def phone_sha256_e164(e164: str) -> str:
    """Google Customer Match form: SHA-256 of E.164 with the leading '+'."""
    return hashlib.sha256(("+" + phone_digits(e164)).encode()).hexdigest()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def email_sha256(email: str) -> str:
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()


def email_md5(email: str) -> str:
    return hashlib.md5(normalize_email(email).encode()).hexdigest()


@dataclass(frozen=True)
class HashSpec:
    name: str
    kind: str  # "mac" | "phone" | "email"
    fn: Callable
    example_input: object
    example_output: str
    source: str


SPECS: dict[str, HashSpec] = {
    s.name: s
    for s in [
        HashSpec("mac_md5", "mac", mac_md5, bytes.fromhex("AE123456D0A1"),
                 "C5C32C30C07ABBB7580A0925D995FEE4", "Yandex Audiences MAC list"),
        HashSpec("phone_md5", "phone", phone_md5, "+79995551111",
                 hashlib.md5(b"79995551111").hexdigest(), "digits with country code, MD5"),
        HashSpec("phone_sha256", "phone", phone_sha256, "+79995551111",
                 hashlib.sha256(b"79995551111").hexdigest(), "Yandex / Meta: digits, SHA-256"),
        HashSpec("phone_sha256_e164", "phone", phone_sha256_e164, "+79995551111",
                 hashlib.sha256(b"+79995551111").hexdigest(), "Google Customer Match: E.164"),
        HashSpec("email_sha256", "email", email_sha256, "  John.Doe@Example.COM ",
                 hashlib.sha256(b"john.doe@example.com").hexdigest(), "trimmed, lowercased"),
        HashSpec("email_md5", "email", email_md5, "  John.Doe@Example.COM ",
                 hashlib.md5(b"john.doe@example.com").hexdigest(), "trimmed, lowercased"),
    ]
}
