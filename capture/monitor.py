"""Network interfaces for live capture: which are wireless, which can do monitor mode,
putting one in monitor mode and hopping its channels (Linux: /sys/class/net, iw, ip).

Changing an interface needs root (CAP_NET_ADMIN). When we cannot do it ourselves we say the
exact commands for the engineer to run, rather than failing with a bare permission error.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

SYS_NET = Path("/sys/class/net")
ARPHRD_IEEE80211_RADIOTAP = 803  # /sys/class/net/IFACE/type of an interface in monitor mode
ARPHRD_IEEE80211_PRISM = 802
ARPHRD_IEEE80211 = 801
MONITOR_TYPES = {ARPHRD_IEEE80211, ARPHRD_IEEE80211_PRISM, ARPHRD_IEEE80211_RADIOTAP}
CHANNELS_24GHZ = tuple(range(1, 14))


@dataclass
class InterfaceInfo:
    name: str
    wireless: bool
    phy: str | None = None
    monitor_capable: bool | None = None  # None = unknown (iw missing or no answer)
    in_monitor_mode: bool = False
    operstate: str = ""
    driver: str = ""
    note: str = ""

    def label(self) -> str:
        if not self.wireless:
            return f"{self.name} (not wireless)"
        if self.in_monitor_mode:
            return f"{self.name} (wireless, in monitor mode)"
        monitor = {True: "monitor mode supported", False: "no monitor mode",
                   None: "monitor mode unknown"}[self.monitor_capable]
        return f"{self.name} (wireless, {monitor})"


@dataclass
class InterfaceListing:
    interfaces: list[InterfaceInfo] = field(default_factory=list)
    message: str = ""   # e.g. "no wireless interfaces on this machine"

    @property
    def wireless(self) -> list[InterfaceInfo]:
        return [i for i in self.interfaces if i.wireless]


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def iw_path() -> str | None:
    return shutil.which("iw") or next((p for p in ("/usr/sbin/iw", "/sbin/iw") if os.access(p, os.X_OK)), None)


def parse_supported_modes(iw_phy_info: str) -> set[str]:
    """Interface modes from `iw phy PHY info` / `iw list` ("Supported interface modes:" block)."""
    modes: set[str] = set()
    inside = False
    indent = None
    for line in iw_phy_info.splitlines():
        if "Supported interface modes" in line:
            inside, indent = True, len(line) - len(line.lstrip())
            continue
        if inside:
            stripped = line.strip()
            depth = len(line) - len(line.lstrip())
            if stripped.startswith("*") and depth > indent:
                modes.add(stripped.lstrip("* ").strip().lower())
            else:
                break
    return modes


def _supported_modes(phy: str) -> set[str] | None:
    iw = iw_path()
    if iw is None:
        return None
    try:
        out = subprocess.run([iw, "phy", phy, "info"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_supported_modes(out.stdout) if out.returncode == 0 else None


def list_interfaces(sys_net: Path = SYS_NET) -> InterfaceListing:
    """The machine's network interfaces, wireless ones marked, monitor support where iw says."""
    listing = InterfaceListing()
    if not sys_net.is_dir():
        listing.message = f"{sys_net} not found: listing interfaces needs Linux"
        return listing
    for entry in sorted(sys_net.iterdir(), key=lambda p: p.name):
        wireless = (entry / "wireless").exists() or (entry / "phy80211").exists()
        info = InterfaceInfo(entry.name, wireless, operstate=_read(entry / "operstate"))
        driver = entry / "device" / "driver"
        if driver.exists():
            info.driver = driver.resolve().name
        kind = _read(entry / "type")
        info.in_monitor_mode = kind.isdigit() and int(kind) in MONITOR_TYPES
        if wireless:
            info.phy = _read(entry / "phy80211" / "name") or None
            modes = _supported_modes(info.phy) if info.phy else None
            if modes is not None:
                info.monitor_capable = "monitor" in modes
            elif iw_path() is None:
                info.note = "iw is not installed: monitor support unknown (apt-get install iw)"
            if info.in_monitor_mode:
                info.monitor_capable = True
        listing.interfaces.append(info)
    if not listing.interfaces:
        listing.message = "no network interfaces found"
    elif not listing.wireless:
        listing.message = ("no wireless interfaces on this machine: plug in a Wi-Fi adapter that "
                           "supports monitor mode, or replay a capture file")
    return listing


def monitor_mode_commands(iface: str) -> list[list[str]]:
    """The commands that put `iface` in monitor mode (run as root)."""
    return [["ip", "link", "set", iface, "down"],
            ["iw", "dev", iface, "set", "type", "monitor"],
            ["ip", "link", "set", iface, "up"]]


def commands_text(commands: list[list[str]]) -> str:
    return "\n".join("sudo " + " ".join(c) for c in commands)


@dataclass
class MonitorResult:
    ok: bool
    message: str
    commands: list[list[str]] = field(default_factory=list)


def enable_monitor(iface: str, sys_net: Path = SYS_NET) -> MonitorResult:
    """Put `iface` in monitor mode if we can; otherwise say exactly what to run."""
    commands = monitor_mode_commands(iface)
    entry = sys_net / iface
    if not entry.exists():
        return MonitorResult(False, f"{iface}: no such network interface", [])
    kind = _read(entry / "type")
    if kind.isdigit() and int(kind) in MONITOR_TYPES:
        return MonitorResult(True, f"{iface} is already in monitor mode", [])
    if not ((entry / "wireless").exists() or (entry / "phy80211").exists()):
        return MonitorResult(False, f"{iface} is not a wireless interface: it cannot capture 802.11 frames", [])
    how = "Run as root:\n" + commands_text(commands)
    if os.geteuid() != 0:
        return MonitorResult(False, f"{iface}: putting it in monitor mode needs root. {how}", commands)
    iw = iw_path()
    if iw is None:
        return MonitorResult(False, f"{iface}: the `iw` tool is not installed (apt-get install iw). {how}", commands)
    for command in commands:
        exe = iw if command[0] == "iw" else (shutil.which(command[0]) or command[0])
        try:
            out = subprocess.run([exe, *command[1:]], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return MonitorResult(False, f"{iface}: `{' '.join(command)}` failed: {exc}. {how}", commands)
        if out.returncode != 0:
            detail = (out.stderr or out.stdout).strip()
            return MonitorResult(False, f"{iface}: `{' '.join(command)}` failed: {detail}. "
                                        f"The adapter or its driver may not support monitor mode.", commands)
    return MonitorResult(True, f"{iface} is now in monitor mode", [])


def parse_channels(text: str) -> list[int]:
    """'1,6,11' or '1-13' or '1,6,36-40' -> channel numbers; ValueError on anything else."""
    channels: list[int] = []
    for part in filter(None, (p.strip() for p in re.split(r"[,\s]+", text or ""))):
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise ValueError(f"not a channel or range: {part!r} (use e.g. 1,6,11 or 1-13)")
        low, high = int(match[1]), int(match[2] or match[1])
        if not (1 <= low <= high <= 233):
            raise ValueError(f"channel out of range: {part!r} (802.11 channels are 1…233)")
        channels.extend(c for c in range(low, high + 1) if c not in channels)
    return channels


class ChannelHopper:
    """Switches `iface` through `channels` every `interval` seconds, in a thread.

    A failing `iw ... set channel` (a channel the adapter or regulatory domain refuses) is
    remembered in `errors` and skipped; the hopper goes on with the other channels.
    """

    def __init__(self, iface: str, channels: list[int], interval: float = 0.5):
        self.iface, self.channels, self.interval = iface, list(channels), max(0.05, float(interval))
        self.current: int | None = None
        self.errors: dict[int, str] = {}
        self.hops = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"hop-{iface}", daemon=True)

    def set_channel(self, channel: int) -> bool:
        iw = iw_path()
        if iw is None:
            self.errors[channel] = "iw is not installed"
            return False
        try:
            out = subprocess.run([iw, "dev", self.iface, "set", "channel", str(channel)],
                                 capture_output=True, text=True, timeout=5)
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.errors[channel] = str(exc)
            return False
        if out.returncode != 0:
            self.errors[channel] = (out.stderr or out.stdout).strip() or f"exit code {out.returncode}"
            return False
        self.current = channel
        self.hops += 1
        return True

    def _run(self) -> None:
        while not self._stop.is_set():
            usable = [c for c in self.channels if c not in self.errors]
            if not usable:
                return
            for channel in usable:
                if self._stop.is_set():
                    return
                self.set_channel(channel)
                if self._stop.wait(self.interval):
                    return

    def start(self) -> None:
        if self.channels:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
