"""The simulated population and what each of them does on each day (vectorised numpy).

A `World` holds the people (phones, behaviour type, MAC habits, contacts) and the fixed
equipment of the stores. `day_events(world, d)` draws one day's presences: one row per
(agent, site) with start/end (µs UTC), a role (passing by, visiting, staff shift, fixed)
and the planted dwell. A person has at most one presence per site and day, and the mall
trip visits store A before store B, so one person's visits at one site are always hours
apart and the 120 s gap splits them unambiguously.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from engine.demo import config as C

ROLE_PASS, ROLE_VISIT, ROLE_STAFF, ROLE_FIXED = 0, 1, 2, 3
ROLE_NAMES = ("passerby", "visit", "staff", "fixed")
DAY_S = 86_400


def rng_for(seed: int, *stream: int) -> np.random.Generator:
    """Independent, reproducible streams: the same (seed, stream) always draws the same."""
    return np.random.default_rng([int(seed), *[int(s) for s in stream]])


def unique_ints(rng: np.random.Generator, n: int, high: int) -> np.ndarray:
    """n distinct integers in [0, high), in draw order (deterministic for a seed)."""
    out = np.empty(0, dtype=np.int64)
    while len(out) < n:
        more = rng.integers(0, high, size=int((n - len(out)) * 1.1) + 16, dtype=np.int64)
        both = np.concatenate([out, more])
        _, first = np.unique(both, return_index=True)
        out = both[np.sort(first)]
    return out[:n]


def macs_from_oui(ouis: list[str], oui_idx: np.ndarray, nic: np.ndarray) -> np.ndarray:
    table = np.array([[int(x, 16) for x in o.split(":")] for o in ouis], dtype=np.uint8)
    macs = np.empty((len(nic), 6), dtype=np.uint8)
    macs[:, :3] = table[oui_idx]
    macs[:, 3] = (nic >> 16) & 0xFF
    macs[:, 4] = (nic >> 8) & 0xFF
    macs[:, 5] = nic & 0xFF
    return macs


def random_local_macs(rng: np.random.Generator, n: int) -> np.ndarray:
    """Randomized MACs: locally administered bit set, unicast (as phones do)."""
    macs = rng.integers(0, 256, size=(n, 6), dtype=np.uint8)
    macs[:, 0] = (macs[:, 0] & 0xFC) | 0x02
    return macs


@dataclass
class World:
    seed: int
    scale: C.Scale
    day0_utc: int                 # epoch seconds of day 0, 00:00 local time
    ptype: np.ndarray             # per agent (people then fixed devices)
    home_site: np.ndarray         # staff / fixed: their site index, else -1
    randomizes: np.ndarray        # bool per agent
    agent_mac: np.ndarray         # (agents, 6): the phone's own MAC
    phone: np.ndarray             # int64 79XXXXXXXXX per agent (0 for fixed devices)
    ssid_pref: np.ndarray         # (agents, 3) int16 indexes into SSIDS, -1 = none
    staff_offset: np.ndarray      # weekly schedule phase per agent
    n_people: int

    @property
    def n_agents(self) -> int:
        return len(self.ptype)

    def day_start_us(self, d: int) -> int:
        return (self.day0_utc + d * DAY_S) * C.US

    def weekday(self, d: int) -> int:
        return datetime.fromtimestamp(self.day0_utc + C.UTC_OFFSET_S + d * DAY_S, timezone.utc).weekday()


def make_world(seed: int, scale: C.Scale) -> World:
    rng = rng_for(seed, 1)
    n = scale.people
    types = np.array(list(C.TYPE_SHARES))
    shares = np.array([C.TYPE_SHARES[t] for t in types])
    ptype = rng.choice(types, size=n, p=shares / shares.sum()).astype(np.int8)
    home = np.full(n, -1, dtype=np.int16)
    staff_types, staff_home, fixed_home = [], [], []
    for s, site in enumerate(C.SITES):
        staff_home += [s] * max(1, round(scale.staff_per_store * site.staff_scale))
        fixed_home += [s] * round(scale.fixed_per_store * site.fixed_scale)
    staff_types = np.full(len(staff_home), C.STAFF, dtype=np.int8)
    ptype = np.concatenate([ptype, staff_types, np.full(len(fixed_home), C.FIXED, dtype=np.int8)])
    home = np.concatenate([home, np.array(staff_home, dtype=np.int16), np.array(fixed_home, dtype=np.int16)])
    agents = len(ptype)
    n_people = n + len(staff_home)
    is_fixed = ptype == C.FIXED

    randomizes = (rng.random(agents) < C.PLANTED["randomized_share"]) & (ptype < C.STAFF)
    nic = unique_ints(rng, agents, 1 << 24)
    oui = rng.integers(0, len(C.VENDOR_OUIS), size=agents)
    macs = macs_from_oui(list(C.VENDOR_OUIS), oui, nic)
    if is_fixed.any():
        fixed_oui = rng.integers(0, len(C.FIXED_OUIS), size=int(is_fixed.sum()))
        macs[is_fixed] = macs_from_oui(list(C.FIXED_OUIS), fixed_oui, nic[is_fixed])
    phone = 79_000_000_000 + unique_ints(rng, agents, 1_000_000_000)
    phone[is_fixed] = 0
    n_pref = rng.choice([0, 1, 2, 3], size=agents, p=[0.25, 0.35, 0.25, 0.15])
    pref = rng.integers(0, len(C.SSIDS), size=(agents, 3)).astype(np.int16)
    pref[np.arange(3)[None, :] >= n_pref[:, None]] = -1
    start = datetime(2024, 9, 2, tzinfo=timezone.utc)  # a Monday; the seed shifts it by whole days
    day0 = int(start.timestamp()) + (int(seed) % 28) * DAY_S - C.UTC_OFFSET_S
    return World(seed=int(seed), scale=scale, day0_utc=day0, ptype=ptype, home_site=home,
                 randomizes=randomizes, agent_mac=macs, phone=phone, ssid_pref=pref,
                 staff_offset=rng.integers(0, 7, size=agents), n_people=n_people)


@dataclass
class Events:
    agent: np.ndarray
    site: np.ndarray
    start_us: np.ndarray
    end_us: np.ndarray
    role: np.ndarray
    level: np.ndarray      # true signal level (dBm) of the presence
    vtype: np.ndarray      # visitor type of the person (for conversion)

    def __len__(self) -> int:
        return len(self.agent)

    @staticmethod
    def concat(parts: list["Events"]) -> "Events":
        return Events(*[np.concatenate([getattr(p, f) for p in parts])
                        for f in ("agent", "site", "start_us", "end_us", "role", "level", "vtype")])


def _lookup(table: dict, ptype: np.ndarray) -> np.ndarray:
    out = np.zeros(len(ptype))
    for t, p in table.items():
        out[ptype == t] = p
    return out


def _dwell_s(rng, ptype: np.ndarray, entering: np.ndarray) -> np.ndarray:
    """Planted dwell of a visit by the person's type (passes get 30-100 s)."""
    k = len(ptype)
    short = rng.uniform(75, 290, k)
    long_ = np.clip(rng.lognormal(np.log(25 * 60), 0.6, k), 360, 9000)
    regular_long = np.clip(rng.lognormal(np.log(15 * 60), 0.6, k), 360, 5400)
    reg = np.where(rng.random(k) < 0.5, rng.uniform(90, 290, k), regular_long)
    dwell = np.select([ptype == C.SHORT, ptype == C.LONG, ptype == C.REGULAR], [short, long_, reg], short)
    return np.where(entering, dwell, rng.uniform(30, 100, k))


def _site_events(rng, agents, site, start_s, dwell_s, entering, ptype, day_us, close_s) -> Events:
    """Presences of `agents` at `site`: local-second times clipped to closing time."""
    end_s = np.minimum(start_s + dwell_s, close_s - 60)
    keep = end_s - start_s >= np.where(entering, 75, 30)
    agents, start_s, end_s, entering, ptype = (a[keep] for a in (agents, start_s, end_s, entering, ptype))
    k = len(agents)
    level = np.where(entering, rng.uniform(-68, -45, k), rng.uniform(-93, -82, k))
    return Events(agent=agents.astype(np.int64), site=np.full(k, site, dtype=np.int16),
                  start_us=day_us + (start_s * C.US).astype(np.int64),
                  end_us=day_us + (end_s * C.US).astype(np.int64),
                  role=np.where(entering, ROLE_VISIT, ROLE_PASS).astype(np.int8),
                  level=level, vtype=ptype.astype(np.int8))


def _trip_start(rng, k: int, open_h: float, close_h: float) -> np.ndarray:
    """Local seconds: half uniform over the day, half an evening peak around 18:30."""
    lo, hi = (open_h + 0.25) * 3600, (close_h - 0.75) * 3600
    peak = rng.normal(18.5 * 3600, 1.5 * 3600, k)
    return np.clip(np.where(rng.random(k) < 0.5, rng.uniform(lo, hi, k), peak), lo, hi)


def day_events(world: World, d: int) -> Events:
    rng = rng_for(world.seed, 2, d)
    day_us = world.day_start_us(d)
    weekend = world.weekday(d) >= 5
    factor = C.WEEKEND_FACTOR if weekend else 1.0
    people = np.arange(world.scale.people)
    ptype = world.ptype[people]
    factor = factor * np.where(ptype == C.REGULAR, world.scale.regular_attend, world.scale.attend)
    parts: list[Events] = []

    # The mall: store A then store B on one trip.
    at_mall = rng.random(len(people)) < _lookup(C.ATTEND_MALL, ptype) * factor
    mall_people, mall_types = people[at_mall], ptype[at_mall]
    store_a = C.SITES[0]
    cursor = _trip_start(rng, len(mall_people), store_a.open_h, store_a.close_h)
    for s in (0, 1):
        site = C.SITES[s]
        is_passer = mall_types == C.PASSERBY
        enter = ~is_passer & (rng.random(len(mall_people)) < C.ENTER_STORE)
        passes = np.where(is_passer, rng.random(len(mall_people)) < C.PASSERBY_PASSES,
                          ~enter & (rng.random(len(mall_people)) < C.PASS_STORE))
        start = cursor + rng.uniform(0, 900, len(mall_people))
        dwell = _dwell_s(rng, mall_types, enter)
        here = enter | passes
        parts.append(_site_events(rng, mall_people[here], s, start[here], dwell[here], enter[here],
                                  mall_types[here], day_us, site.close_h * 3600))
        cursor = np.where(here, start + dwell + rng.uniform(300, 1200, len(mall_people)), cursor)

    # The competitor's store, on days the person is not at the mall.
    comp = 2
    at_comp = ~at_mall & (rng.random(len(people)) < _lookup(C.ATTEND_COMPETITOR, ptype) * factor)
    cp, ct = people[at_comp], ptype[at_comp]
    enter = (ct != C.PASSERBY) & (rng.random(len(cp)) < 0.7)
    site = C.SITES[comp]
    parts.append(_site_events(rng, cp, comp, _trip_start(rng, len(cp), site.open_h, site.close_h),
                              _dwell_s(rng, ct, enter), enter, ct, day_us, site.close_h * 3600))

    # The event, on its days only.
    if d in world.scale.event_days:
        ev = 3
        site = C.SITES[ev]
        at_ev = ~at_mall & ~at_comp & (rng.random(len(people)) < _lookup(C.ATTEND_EVENT, ptype) * factor)
        ep, et = people[at_ev], ptype[at_ev]
        enter = (et != C.PASSERBY) & (rng.random(len(ep)) < 0.8)
        dwell = np.where(enter, np.clip(rng.lognormal(np.log(50 * 60), 0.6, len(ep)), 300, 4 * 3600),
                         rng.uniform(30, 100, len(ep)))
        start = rng.uniform((site.open_h + 0.1) * 3600, (site.close_h - 0.5) * 3600, len(ep))
        parts.append(_site_events(rng, ep, ev, start, dwell, enter, et, day_us, site.close_h * 3600))

    parts.append(_staff_events(world, rng, d, day_us))
    parts.append(_fixed_events(world, rng, d, day_us))
    return Events.concat(parts)


def _staff_events(world: World, rng, d: int, day_us: int) -> Events:
    staff = np.flatnonzero(world.ptype == C.STAFF)
    site = world.home_site[staff].astype(np.int16)
    is_event = np.array([C.SITES[s].kind == "event" for s in site], dtype=bool)
    if world.scale.days <= 7:
        on_duty = np.ones(len(staff), dtype=bool)   # a short demo: every shift is worked
    else:
        on_duty = ((d + world.staff_offset[staff]) % 7) >= 2   # two days off a week
    on_duty = np.where(is_event, d in world.scale.event_days, on_duty)
    open_s = np.array([C.SITES[s].open_h for s in site]) * 3600
    close_s = np.array([C.SITES[s].close_h for s in site]) * 3600
    start = open_s - rng.uniform(900, 2700, len(staff))
    end = close_s + rng.uniform(300, 1800, len(staff))
    half = rng.random(len(staff)) < 0.3          # some work a 9-hour shift, early or late
    early = rng.random(len(staff)) < 0.5
    start = np.where(half & ~early, end - 9 * 3600, start)
    end = np.where(half & early, start + 9 * 3600, end)
    # Event crews work 6-7.5 h shifts (early or late crew): clearly staff, never mistaken
    # for equipment that is there for the whole event (fixed: 8 h or more a day).
    crew = rng.uniform(6 * 3600, 7.5 * 3600, len(staff))
    start = np.where(is_event & ~early, close_s + 900 - crew, start)
    end = np.where(is_event, np.where(early, open_s - 900 + crew, close_s + 900), end)
    start = np.where(is_event & early, open_s - 900, start)
    keep = on_duty
    k = int(keep.sum())
    return Events(agent=staff[keep].astype(np.int64), site=site[keep],
                  start_us=day_us + (start[keep] * C.US).astype(np.int64),
                  end_us=day_us + (end[keep] * C.US).astype(np.int64),
                  role=np.full(k, ROLE_STAFF, dtype=np.int8), level=rng.uniform(-62, -45, len(staff))[keep],
                  vtype=np.full(k, C.STAFF, dtype=np.int8))


def _fixed_events(world: World, rng, d: int, day_us: int) -> Events:
    fixed = np.flatnonzero(world.ptype == C.FIXED)
    k = len(fixed)
    return Events(agent=fixed.astype(np.int64), site=world.home_site[fixed].astype(np.int16),
                  start_us=np.full(k, day_us, dtype=np.int64),
                  end_us=np.full(k, day_us + DAY_S * C.US, dtype=np.int64),
                  role=np.full(k, ROLE_FIXED, dtype=np.int8), level=rng.uniform(-55, -40, k),
                  vtype=np.full(k, C.FIXED, dtype=np.int8))
