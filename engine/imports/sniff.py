"""What kind of file is this? Decided by content, not only by the extension."""
from __future__ import annotations

import gzip
from pathlib import Path

CAPTURE, AIRODUMP, KISMET, RECEIPTS, CRM, PARTNER_MATCHES, REGISTERS, UNKNOWN = (
    "capture", "airodump", "kismet", "receipts", "crm", "partner_matches", "registers", "unknown")

PCAP_MAGICS = {b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"}
PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"


def sniff(path: str | Path) -> str:
    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as fh:
                head = fh.read(4096)
        except OSError:
            return UNKNOWN
    if head[:4] in PCAP_MAGICS or head[:4] == PCAPNG_MAGIC:
        return CAPTURE
    if head.startswith(b"SQLite format 3\x00"):
        return KISMET
    if head[:2] == b"PK":
        return CRM  # XLSX: CRM or receipt table export; the mapping step tells which
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if text[:1] in (b"{", b"["):
        return RECEIPTS
    if text.startswith(b"t=") and b"&fn=" in text:
        return RECEIPTS  # receipt QR strings, one per line
    first_line = text.split(b"\n", 1)[0].lower()
    if b"bssid" in first_line and b"first time seen" in first_line:
        return AIRODUMP
    if b"station mac" in first_line:
        return AIRODUMP
    if b"mac_md5" in first_line and b"phone" in first_line:
        return PARTNER_MATCHES
    if b"kkt" in first_line and b"site" in first_line:
        return REGISTERS
    if path.suffix.lower() in (".pcap", ".pcapng", ".cap", ".dump"):
        return CAPTURE  # a broken capture: let the capture importer say what is wrong
    if path.suffix.lower() in (".kismet", ".kismetdb"):
        return KISMET
    if path.suffix.lower() == ".json":
        return RECEIPTS
    if path.suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx"):
        return CRM
    return UNKNOWN
