"""airodump-ng CSV as airodump-ng 1.x writes it (`-w NAME --output-format csv`).

A blank line, the access-point section with its exact header, a blank line, the station
section (`Station MAC, First time seen, Last time seen, Power, # packets, BSSID, Probed
ESSIDs`), CRLF line ends. Times are the capturing laptop's local time (Europe/Moscow)
as `YYYY-MM-DD HH:MM:SS` (airodump formats localtime()); Power is the last frame's dBm;
a station that is not associated shows `(not associated) ` as BSSID; probed ESSIDs follow
the last comma, comma-separated. One file per capture run (one per event day).
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from engine.demo import config as C
from engine.demo.frames import SensorFrames

AP_HEADER = ("BSSID, First time seen, Last time seen, channel, Speed, Privacy, Cipher, Authentication, "
             "Power, # beacons, # IV, LAN IP, ID-length, ESSID, Key")
STATION_HEADER = "Station MAC, First time seen, Last time seen, Power, # packets, BSSID, Probed ESSIDs"


def _local(us: int) -> str:
    return datetime.fromtimestamp(us // C.US + C.UTC_OFFSET_S, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _mac(m: np.ndarray) -> str:
    return ":".join(f"{b:02X}" for b in m.tolist())


def write_airodump(path: Path, frames: SensorFrames, macs: np.ndarray, aps: list[tuple[str, str, int, int]],
                   ssids: tuple[str, ...]) -> dict:
    """frames: what the laptop heard in one run; macs: MAC per global device index;
    aps: (bssid, essid, channel, power) of the access points it lists."""
    lines = ["", AP_HEADER]
    t0, t1 = (int(frames.t_us.min()), int(frames.t_us.max())) if len(frames) else (0, 0)
    span_s = max(1, (t1 - t0) // C.US)
    for bssid, essid, channel, power in aps:
        raw = essid.encode("utf-8")
        beacons = span_s * 10 // 1024 * 100   # ~9.77 beacons/s on a 102.4 ms interval
        lines.append(f"{bssid}, {_local(t0)}, {_local(t1)}, {channel:2d}, {54:3d}, WPA2, CCMP,PSK, "
                     f"{power:3d}, {beacons:8d}, {0:8d}, {0:3d}.{0:3d}.{0:3d}.{0:3d}, {len(raw):3d}, {essid}, ")
    lines += ["", STATION_HEADER]
    # Per device: first/last time, last power, packet count, probed names in first-probe order.
    order = np.lexsort((frames.t_us, frames.device))
    dev, t, rssi, ssid = frames.device[order], frames.t_us[order], frames.rssi[order], frames.ssid[order]
    starts = np.flatnonzero(np.r_[True, dev[1:] != dev[:-1]]) if len(dev) else np.empty(0, np.int64)
    ends = np.r_[starts[1:], len(dev)] if len(dev) else np.empty(0, np.int64)
    rows = []
    for a, b in zip(starts.tolist(), ends.tolist()):   # one row per station heard
        named = ssid[a:b][ssid[a:b] >= 0]
        _, first_at = np.unique(named, return_index=True)
        probed = ",".join(ssids[named[i]] for i in sorted(first_at.tolist()))
        rows.append((int(t[a]), f"{_mac(macs[dev[a]])}, {_local(int(t[a]))}, {_local(int(t[b - 1]))}, "
                                f"{int(rssi[b - 1]):3d}, {b - a:8d}, (not associated) ,{probed}"))
    rows.sort(key=lambda r: (r[0], r[1]))
    lines += [r for _, r in rows]
    lines += ["", ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    return {"rows": len(rows), "stations": len(rows), "access_points": len(aps), "frames": int(len(frames)),
            "probe_requests": int((frames.kind == 0).sum())}


def station_detections(frames: SensorFrames) -> SensorFrames:
    """What one airodump CSV says about its stations: each seen at its first and at its
    last time (whole seconds, as written) with the row's power. The truth sessionizes
    these with the site's pcap frames, as an importer of the CSV would."""
    if len(frames) == 0:
        return frames
    order = np.lexsort((frames.t_us, frames.device))
    dev, t, rssi = frames.device[order], frames.t_us[order], frames.rssi[order]
    starts = np.flatnonzero(np.r_[True, dev[1:] != dev[:-1]])
    ends = np.r_[starts[1:], len(dev)] - 1
    n = len(starts)
    floor_s = lambda us: us // C.US * C.US  # noqa: E731 - airodump prints whole seconds
    return SensorFrames(t_us=np.concatenate([floor_s(t[starts]), floor_s(t[ends])]),
                        device=np.concatenate([dev[starts], dev[starts]]),
                        kind=np.zeros(2 * n, dtype=np.int8), ssid=np.full(2 * n, -1, dtype=np.int16),
                        seq=np.zeros(2 * n, dtype=np.uint16), rssi=np.concatenate([rssi[ends], rssi[ends]]),
                        inside=np.zeros(2 * n, dtype=bool))
