"""From one day's presences to the frames each sensor hears (vectorised, no per-frame loop).

Transmissions: probe bursts of 1-4 frames every 30-120 s while present (the last burst
at the presence's end, so the planted dwell is what the capture shows); fixed equipment
sends null-data keep-alives every 20-60 s and a probe burst every 5-15 minutes, around the
clock. A randomizing phone gets a new random MAC every day. Sequence numbers count per
device across all sites. The primary sensor of a site hears every frame there; a second
sensor hears a share of them with its own calibration and noise.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.demo import config as C
from engine.demo.world import ROLE_FIXED, ROLE_PASS, Events, World, random_local_macs, rng_for

KIND_PROBE, KIND_NULL = 0, 2


def renewal(rng, starts: np.ndarray, ends: np.ndarray, gap_s: tuple[float, float], *,
            close: bool, first_offset_s: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(owner index, time µs) of points from each start, gaps uniform in gap_s, up to end.

    With `close` a last point is put exactly at the end, so the span is the presence's.
    """
    if len(starts) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    lo, hi = int(gap_s[0] * C.US), int(gap_s[1] * C.US)
    dur = ends - starts
    nmax = (dur // lo).astype(np.int64) + 2
    owner = np.repeat(np.arange(len(starts)), nmax)
    first = np.cumsum(nmax) - nmax
    gaps = rng.integers(lo, hi + 1, size=int(nmax.sum()), dtype=np.int64)
    gaps[first] = rng.integers(0, int(first_offset_s * C.US) + 1, size=len(starts), dtype=np.int64)
    offs = np.cumsum(gaps)
    offs -= np.repeat(offs[first] - gaps[first], nmax)
    keep = offs < dur[owner]
    owner, t = owner[keep], starts[owner[keep]] + offs[keep]
    if close:
        owner = np.concatenate([owner, np.arange(len(starts))])
        t = np.concatenate([t, ends])
        order = np.lexsort((t, owner))
        owner, t = owner[order], t[order]
    return owner, t


@dataclass
class DayFrames:
    """Every frame transmitted on one day, sorted by (device, time)."""
    device: np.ndarray      # global device index
    agent: np.ndarray
    site: np.ndarray
    t_us: np.ndarray
    kind: np.ndarray        # KIND_PROBE | KIND_NULL
    ssid: np.ndarray        # index into SSIDS, -1 = wildcard (probe requests only)
    seq: np.ndarray
    inside: np.ndarray      # the frame's true signal is above the inside threshold
    level: np.ndarray       # true signal (dBm, float) before a sensor's offset and noise
    event: np.ndarray       # index of the presence in the day's Events


class DeviceBook:
    """Devices (MACs) by global index: phones' own MACs first, then each day's random ones."""

    def __init__(self, world: World):
        self.world = world
        self.macs = [world.agent_mac]
        self.agent = [np.arange(world.n_agents)]
        self.randomized = [np.zeros(world.n_agents, dtype=bool)]
        self.count = world.n_agents
        self.seq_next = rng_for(world.seed, 3).integers(0, 4096, size=world.n_agents)

    def day_devices(self, rng, agents: np.ndarray) -> np.ndarray:
        """Device index per agent for one day (new random MACs for randomizing phones)."""
        devices = agents.copy()
        rand_agents = np.unique(agents[self.world.randomizes[agents]])
        if len(rand_agents):
            new = np.arange(self.count, self.count + len(rand_agents))
            self.count += len(rand_agents)
            self.macs.append(random_local_macs(rng, len(rand_agents)))
            self.agent.append(rand_agents)
            self.randomized.append(np.ones(len(rand_agents), dtype=bool))
            self.seq_next = np.concatenate([self.seq_next, rng.integers(0, 4096, size=len(rand_agents))])
            mask = self.world.randomizes[agents]
            devices[mask] = new[np.searchsorted(rand_agents, agents[mask])]
        return devices

    def all_macs(self) -> np.ndarray:
        return np.concatenate(self.macs)

    def all_agents(self) -> np.ndarray:
        return np.concatenate(self.agent)

    def all_randomized(self) -> np.ndarray:
        return np.concatenate(self.randomized)


def day_frames(world: World, book: DeviceBook, ev: Events, d: int) -> DayFrames:
    rng = rng_for(world.seed, 4, d)
    ev_device = book.day_devices(rng, ev.agent)
    fixed = ev.role == ROLE_FIXED
    mobile_idx = np.flatnonzero(~fixed)
    fixed_idx = np.flatnonzero(fixed)

    # Probe bursts of phones, and of fixed equipment (rarely), then null frames.
    b_owner, b_t = renewal(rng, ev.start_us[mobile_idx], ev.end_us[mobile_idx], C.BURST_GAP_S, close=True)
    b_event = mobile_idx[b_owner]
    f_owner, f_t = renewal(rng, ev.start_us[fixed_idx], ev.end_us[fixed_idx], C.FIXED_PROBE_GAP_S,
                           close=False, first_offset_s=600)
    b_event = np.concatenate([b_event, fixed_idx[f_owner]])
    b_t = np.concatenate([b_t, f_t])
    sizes = rng.choice(C.BURST_SIZES, size=len(b_t), p=C.BURST_SIZE_P)
    f_event = np.repeat(b_event, sizes)
    burst_first = np.cumsum(sizes) - sizes
    intra = rng.integers(*C.INTRA_BURST_US, size=len(f_event), dtype=np.int64)
    intra[burst_first] = 0
    intra = np.cumsum(intra)
    intra -= np.repeat(intra[burst_first], sizes)
    p_t = np.repeat(b_t, sizes) + intra
    n_owner, n_t = renewal(rng, ev.start_us[fixed_idx], ev.end_us[fixed_idx], C.FIXED_NULL_GAP_S,
                           close=False, first_offset_s=20)
    event = np.concatenate([f_event, fixed_idx[n_owner]])
    t = np.concatenate([p_t, n_t])
    kind = np.concatenate([np.full(len(p_t), KIND_PROBE, np.int8), np.full(len(n_t), KIND_NULL, np.int8)])

    device = ev_device[event]
    agent = ev.agent[event]
    order = np.lexsort((t, device))
    device, agent, event, t, kind = device[order], agent[order], event[order], t[order], kind[order]

    # SSIDs: randomizing phones probe the wildcard only; others name a preferred network
    # now and then.
    prefs = book.world.ssid_pref[agent]
    n_pref = (prefs >= 0).sum(axis=1)
    pick = rng.integers(0, 3, size=len(t)) % np.maximum(n_pref, 1)
    named = ((rng.random(len(t)) >= C.PLANTED["ssid_wildcard_share"]) & (n_pref > 0)
             & ~book.world.randomizes[agent] & (kind == KIND_PROBE))
    ssid = np.where(named, prefs[np.arange(len(t)), pick], -1).astype(np.int16)

    # Sequence numbers: per device, continuing from where the device left off.
    starts = np.flatnonzero(np.r_[True, device[1:] != device[:-1]])
    counts = np.diff(np.r_[starts, len(device)])
    rank = np.arange(len(device)) - np.repeat(starts, counts)
    first_dev = device[starts]
    seq = ((book.seq_next[device] + rank) % 4096).astype(np.uint16)
    book.seq_next[first_dev] = (book.seq_next[first_dev] + counts) % 4096

    inside = ev.role[event] != ROLE_PASS
    level = ev.level[event] + rng.normal(0, 2.5, len(t))
    return DayFrames(device=device, agent=agent, site=ev.site[event], t_us=t, kind=kind, ssid=ssid,
                     seq=seq, inside=inside, level=level, event=event)


@dataclass
class SensorFrames:
    t_us: np.ndarray
    device: np.ndarray
    kind: np.ndarray
    ssid: np.ndarray
    seq: np.ndarray
    rssi: np.ndarray        # int8 dBm as the sensor reports it
    inside: np.ndarray

    def __len__(self) -> int:
        return len(self.t_us)


def sensor_frames(world: World, fr: DayFrames, d: int, site_idx: int, sensor_idx: int) -> SensorFrames:
    """The frames one sensor hears on day d, in time order, with its own RSSI reading."""
    site = C.SITES[site_idx]
    sensor = site.sensors[sensor_idx]
    rng = rng_for(world.seed, 5, d, site_idx, sensor_idx)
    at_site = np.flatnonzero(fr.site == site_idx)
    heard = rng.random(len(at_site)) < (1.0 if sensor.primary else C.SECOND_SENSOR_HEARS)
    idx = at_site[heard]
    idx = idx[np.argsort(fr.t_us[idx], kind="stable")]
    raw = np.rint(fr.level[idx] + sensor.rssi_offset + rng.normal(0, 1.5, len(idx)))
    thr = sensor.rssi_inside
    # Inside frames never read below the threshold, outside ones never at or above it, so
    # the sensor's threshold separates them exactly (the truth's definitions rely on it).
    rssi = np.where(fr.inside[idx], np.maximum(raw, thr), np.minimum(raw, thr - 1))
    rssi = np.clip(rssi, -100, -20).astype(np.int8)
    return SensorFrames(t_us=fr.t_us[idx], device=fr.device[idx], kind=fr.kind[idx], ssid=fr.ssid[idx],
                        seq=fr.seq[idx], rssi=rssi, inside=fr.inside[idx])
