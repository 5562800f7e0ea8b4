"""airodump-ng CSV: the access-point section, then the station section.

Station rows: Station MAC, First time seen, Last time seen, Power, # packets, BSSID, Probed
ESSIDs (the rest of the row, comma separated). airodump escapes commas and quotes inside
SSIDs with a backslash (`Comma\\, no trailing space`), so rows are split by the csv module
with `\\` as escape character, never by a naive split. Times are the capture laptop's local
time; the caller places them in the site's time zone.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from capture.pcap import CaptureFormatError

STATION_HEADER = "station mac"
AP_HEADER = "bssid"


@dataclass
class AirodumpData:
    access_points: int = 0
    mac: list[int] = field(default_factory=list)        # packed 48-bit MACs (memory only)
    first_seen: list[str] = field(default_factory=list)
    last_seen: list[str] = field(default_factory=list)
    power: list[int | None] = field(default_factory=list)
    packets: list[int] = field(default_factory=list)
    probed: list[list[bytes]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    rejects: list[tuple] = field(default_factory=list)  # (line, column, value, reason)
    has_station_section: bool = False

    def mac_array(self) -> np.ndarray:
        return np.asarray(self.mac, dtype=np.uint64)


def _mac(text: str) -> int | None:
    digits = text.strip().replace(":", "").replace("-", "")
    if len(digits) != 12:
        return None
    try:
        return int(digits, 16)
    except ValueError:
        return None


def parse(path: str | Path) -> AirodumpData:
    path = Path(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise CaptureFormatError("empty file: no airodump-ng sections", 0)
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    out = AirodumpData()
    section = None
    reader = csv.reader(text.split("\n"), skipinitialspace=True, escapechar="\\")
    seen_header = False
    for line_no, row in enumerate(reader, start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        head = row[0].strip().lower()
        if head == AP_HEADER:
            section, seen_header = "ap", True
            continue
        if head == STATION_HEADER:
            section, seen_header, out.has_station_section = "station", True, True
            continue
        if section is None:
            raise CaptureFormatError(
                f"line {line_no}: not an airodump-ng CSV (expected a 'BSSID, First time seen, …' or "
                "'Station MAC, …' header)", 0)
        if section == "ap":
            out.access_points += 1
            continue
        mac = _mac(row[0])
        if mac is None:
            out.rejects.append((line_no, "Station MAC", row[0][:40], "not a MAC address"))
            continue
        if len(row) < 6:
            out.rejects.append((line_no, None, ",".join(row)[:80], f"{len(row)} columns, expected at least 6"))
            continue
        try:
            packets = int(row[4].strip() or 0)
        except ValueError:
            out.rejects.append((line_no, "# packets", row[4][:40], "not a number"))
            continue
        try:
            power = int(row[3].strip())
        except ValueError:
            power = None
        out.mac.append(mac)
        out.first_seen.append(row[1].strip())
        out.last_seen.append(row[2].strip())
        out.power.append(power if power is not None and -120 < power < 0 else None)
        out.packets.append(packets)
        out.probed.append([s.strip().encode("utf-8") for s in row[6:] if s.strip()])
        out.lines.append(line_no)
    if not seen_header:
        raise CaptureFormatError("not an airodump-ng CSV: no section header", 0)
    return out
