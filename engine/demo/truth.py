"""The realised truth: visit figures computed from the frames actually written.

Per site, every day, the frames of all the site's capture files are sessionized the way
the analysis does by default: per device, a gap longer than GAP_S starts a new visit, and
a visit is "inside" when a frame reads at or above its sensor's inside threshold. The
simulation keeps the two apart (inside presences never read below the threshold, passes
never reach it), so these definitions are unambiguous:

- unique_visitors: distinct non-randomized devices (staff and fixed excluded) with at
  least one inside visit; visits: their inside visits; mean_dwell_s: mean last − first
  detection of those visits; return_rate: share of unique_visitors with 2+ visits;
- passersby: distinct non-randomized devices (staff and fixed excluded) only ever heard
  outside; randomized_devices: distinct randomized MACs heard at the site;
- persons_visited: people (not staff) with an inside visit, whatever their MAC;
- staff_devices / fixed_devices: distinct devices of staff / fixed equipment heard.
"""
from __future__ import annotations

import numpy as np

from engine.demo import config as C
from engine.demo.frames import SensorFrames


def sessionize(device: np.ndarray, t_us: np.ndarray, gap_s: float = C.GAP_S):
    """(device, start µs, end µs, detections) of each visit; inputs in any order."""
    if len(device) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, empty
    order = np.lexsort((t_us, device))
    dev, t = device[order], t_us[order]
    new = np.r_[True, (dev[1:] != dev[:-1]) | (np.diff(t) > gap_s * C.US)]
    starts = np.flatnonzero(new)
    ends = np.r_[starts[1:], len(dev)] - 1
    return dev[starts], t[starts], t[ends], ends - starts + 1


class SiteAccumulator:
    """Collects one site's visits and heard devices day by day."""

    def __init__(self):
        self.visit_parts: list[tuple[np.ndarray, ...]] = []
        self.seen_inside: list[np.ndarray] = []
        self.seen_any: list[np.ndarray] = []

    def add_day(self, frames: list[tuple[SensorFrames, int]]) -> None:
        """frames: (sensor frames, sensor inside threshold) of every capture at the site."""
        dev = np.concatenate([f.device for f, _ in frames])
        t = np.concatenate([f.t_us for f, _ in frames])
        inside = np.concatenate([f.rssi.astype(np.int16) >= thr for f, thr in frames])
        self.seen_any.append(np.unique(dev))
        self.seen_inside.append(np.unique(dev[inside]))
        # A visit is a run of detections (inside or not) whose best reading is inside; the
        # simulation never mixes the two within a run, so sessionizing the inside frames
        # alone gives the same visits.
        self.visit_parts.append(sessionize(dev[inside], t[inside]))

    def visits(self):
        if not self.visit_parts:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty, empty
        return tuple(np.concatenate([p[i] for p in self.visit_parts]) for i in range(4))

    def figures(self, dev_agent: np.ndarray, dev_randomized: np.ndarray, ptype: np.ndarray) -> dict:
        seen = np.unique(np.concatenate(self.seen_any)) if self.seen_any else np.empty(0, np.int64)
        inside = np.unique(np.concatenate(self.seen_inside)) if self.seen_inside else np.empty(0, np.int64)
        v_dev, v_start, v_end, v_n = self.visits()
        role_of = ptype[dev_agent]
        person = (role_of < C.STAFF)
        counted = person[v_dev] & ~dev_randomized[v_dev]
        dwell = (v_end - v_start)[counted] / C.US
        uv_dev, uv_visits = np.unique(v_dev[counted], return_counts=True)
        seen_person = seen[person[seen]]
        passersby = np.setdiff1d(seen_person[~dev_randomized[seen_person]], inside)
        visited_people = np.unique(dev_agent[v_dev[person[v_dev]]])
        by_type = {C.TYPE_NAMES[t]: int((ptype[dev_agent[uv_dev]] == t).sum())
                   for t in (C.SHORT, C.LONG, C.REGULAR)}
        staff = seen[role_of[seen] == C.STAFF]
        fixed = seen[role_of[seen] == C.FIXED]
        return {
            "unique_visitors": int(len(uv_dev)),
            "unique_visitors_by_planted_type": by_type,
            "visits": int(counted.sum()),
            "short_visits": int((dwell < C.SHORT_VISIT_S).sum()),
            "visits_all_devices": int(person[v_dev].sum()),
            "passersby": int(len(passersby)),
            "staff_devices": int(len(staff)),
            "fixed_devices": int(len(fixed)),
            "randomized_devices": int(dev_randomized[seen].sum()),
            "devices_seen": int(len(seen)),
            "persons_visited": int(len(visited_people)),
            "mean_dwell_s": round(float(dwell.mean()), 3) if len(dwell) else 0.0,
            "median_dwell_s": round(float(np.median(dwell)), 3) if len(dwell) else 0.0,
            "return_rate": round(float((uv_visits >= 2).mean()), 6) if len(uv_visits) else 0.0,
            "_unique_visitor_devices": uv_dev,
            "_visited_people": visited_people,
        }
