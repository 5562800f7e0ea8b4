"""build_demo: write the demo world's files and truth.json, then a demo workspace from them.

Same seed → byte-identical files: every draw comes from a seeded stream, timestamps come
from the seed (never the clock), JSON keys are sorted. The workspace (demo.o2o) is built
by importing the written files with whichever importers exist (engine.imports.IMPORTERS).
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from engine.demo import config as C
from engine.demo.airodump import station_detections, write_airodump
from engine.demo.files import write_crm, write_partner, write_registers
from engine.demo.frames import DayFrames, DeviceBook, SensorFrames, day_frames, sensor_frames
from engine.demo.pcapwriter import CaptureWriter
from engine.demo.people_truth import people_truth
from engine.demo.receipts import make_registers, write_receipts
from engine.demo.truth import SiteAccumulator
from engine.demo.world import ROLE_VISIT, make_world, day_events
from engine.errors import O2OError
from engine.progress import CancelToken, ProgressFn, no_progress

WORKSPACE_NAME = "demo.o2o"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class _Capture:
    """One pcap/pcapng file of one sensor, with the distinct probe sources it holds."""

    def __init__(self, out: Path, site_idx: int, sensor_idx: int, ssid_table: list[bytes]):
        site, sensor = C.SITES[site_idx], C.SITES[site_idx].sensors[sensor_idx]
        self.site_idx, self.sensor_idx = site_idx, sensor_idx
        ext = "pcapng" if sensor.fmt == "pcapng" else "pcap"
        self.path = out / f"capture_{site.slug}_{sensor.name.lower()}.{ext}"
        self.writer = CaptureWriter(self.path, sensor.fmt, channel=site.channel, bssid=site.bssid,
                                    ssid_table=ssid_table)
        self.sources: list[np.ndarray] = []

    def append(self, sf: SensorFrames, macs: np.ndarray) -> None:
        self.writer.append(sf.t_us, macs[sf.device], sf.seq, sf.kind, sf.ssid, sf.rssi)
        self.sources.append(np.unique(sf.device[sf.kind == 0]))


def build_demo(out_dir, seed: int = 7, scale: str = "small", progress: ProgressFn | None = None,
               cancel: CancelToken | None = None, workspace: bool = True) -> dict:
    started = time.perf_counter()
    progress = progress or no_progress
    cancel = cancel or CancelToken()
    if scale not in C.SCALES:
        raise O2OError(f"Unknown demo scale {scale!r}", hint="Use one of: " + ", ".join(C.SCALES))
    sc = C.SCALES[scale]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = make_world(seed, sc)
    book = DeviceBook(world)
    ssid_table = [s.encode("utf-8") for s in C.SSIDS]
    captures: dict[tuple[int, int], _Capture] = {}
    for s, site in enumerate(C.SITES):
        for k, sensor in enumerate(site.sensors):
            if sensor.fmt in ("pcap", "pcapng"):
                captures[(s, k)] = _Capture(out, s, k, ssid_table)
    acc = {s: SiteAccumulator() for s in range(len(C.SITES))}
    airodump_runs: list[tuple[int, int, int, SensorFrames]] = []
    visit_parts = []
    try:
        for d in range(sc.days):
            cancel.check()
            progress(0.85 * d / sc.days, f"Simulating day {d + 1} of {sc.days}")
            ev = day_events(world, d)
            fr: DayFrames = day_frames(world, book, ev, d)
            macs = book.all_macs()
            for s, site in enumerate(C.SITES):
                heard = []
                for k, sensor in enumerate(site.sensors):
                    sf = sensor_frames(world, fr, d, s, k)
                    if sensor.fmt == "airodump":
                        if len(sf):
                            airodump_runs.append((d, s, k, sf))
                            heard.append((station_detections(sf), sensor.rssi_inside))
                        continue
                    captures[(s, k)].append(sf, macs)
                    heard.append((sf, sensor.rssi_inside))
                acc[s].add_day(heard)
            visit = (ev.role == ROLE_VISIT)
            visit_parts.append({"agent": ev.agent[visit], "site": ev.site[visit],
                                "start_us": ev.start_us[visit], "end_us": ev.end_us[visit]})
    finally:
        for cap in captures.values():
            cap.writer.close()

    cancel.check()
    progress(0.87, "Writing CRM, receipts, partner and register files")
    macs, dev_agent, dev_rand = book.all_macs(), book.all_agents(), book.all_randomized()
    if len(np.unique(macs.view(np.dtype((np.void, 6))))) != len(macs):
        raise O2OError("Demo world drew the same MAC twice", hint="Try another seed")
    files: list[dict] = []
    for (s, k), cap in sorted(captures.items()):
        sources = np.unique(np.concatenate(cap.sources)) if cap.sources else np.empty(0, np.int64)
        files.append({"path": cap.path.name, "kind": "capture", "format": C.SITES[s].sensors[k].fmt,
                      "site": C.SITES[s].name, "sensor": C.SITES[s].sensors[k].name,
                      "frames": cap.writer.frames, "probe_requests": cap.writer.probes,
                      "probe_sources": int(len(sources)), "randomized_sources": int(dev_rand[sources].sum())})
    for d, s, k, sf in airodump_runs:
        site, sensor = C.SITES[s], C.SITES[s].sensors[k]
        date = time.strftime("%Y%m%d", time.gmtime(world.day0_utc + C.UTC_OFFSET_S + d * 86_400))
        path = out / f"airodump_{site.slug}_{sensor.name.lower()}_{date}-01.csv"
        aps = [(site.bssid, f"{site.name} Guest", site.channel, -48 + sensor.rssi_offset)]
        aps += [(b, e, ch, -80 + i * 3 + sensor.rssi_offset) for i, (b, e, ch) in enumerate(C.NEIGHBOUR_APS)]
        info = write_airodump(path, sf, macs, aps, C.SSIDS)
        files.append({"path": path.name, "kind": "airodump", "site": site.name, "sensor": sensor.name, **info})

    seen = np.unique(np.concatenate([a for s in acc.values() for a in s.seen_any]))
    crm_truth, crm = write_crm(world, out / "crm_export.csv")
    files.append({"path": "crm_export.csv", "kind": "crm", "rows": crm_truth["rows"]})
    partner_truth, partner_matched = write_partner(world, out / "partner_matches.csv", seen, dev_agent, dev_rand)
    files.append({"path": "partner_matches.csv", "kind": "partner_matches", "rows": partner_truth["rows"]})
    register_rows, tills = make_registers(seed)
    registers_truth = write_registers(out / "registers.csv", register_rows)
    files.append({"path": "registers.csv", "kind": "registers", "rows": registers_truth["rows"]})
    visits = {key: np.concatenate([p[key] for p in visit_parts]) for key in visit_parts[0]}
    receipt_files, receipts_truth, card_sales = write_receipts(seed, out, visits, crm, tills, world.day0_utc)
    for path, site_name, info in receipt_files:
        files.append({"path": path.name, "kind": "receipts", "site": site_name, **info})
    for entry in files:
        entry["sha256"] = _sha256(out / entry["path"])

    progress(0.9, "Writing truth.json")
    truth = _truth(world, seed, sc, acc, dev_agent, dev_rand, crm, crm_truth, partner_truth,
                   partner_matched, receipts_truth, register_rows, files)
    truth["people"] = people_truth(crm, partner_matched, seen, card_sales)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8")
    generation_s = time.perf_counter() - started
    result = {"out_dir": str(out), "seed": seed, "scale": scale, "files": len(files),
              "frames": sum(f.get("frames", 0) for f in files if f["kind"] == "capture"),
              "generation_s": round(generation_s, 3), "imported": [], "skipped": []}
    if workspace:
        from engine.demo.load import build_workspace
        progress(0.92, "Building the demo workspace")
        result.update(build_workspace(out, files, progress=progress, cancel=cancel))
    result["seconds"] = round(time.perf_counter() - started, 3)
    progress(1.0, "Demo ready")
    return result


def _truth(world, seed, sc, acc, dev_agent, dev_rand, crm, crm_truth, partner_truth, partner_matched,
           receipts_truth, register_rows, files) -> dict:
    in_crm = np.zeros(world.n_agents, dtype=bool)
    in_crm[crm.agent[crm.agent >= 0]] = True
    valid_crm = np.zeros(world.n_agents, dtype=bool)
    valid_crm[crm.agent[(crm.agent >= 0) & crm.valid_phone]] = True
    sites = []
    all_uv, all_people = [], []
    for s, site in enumerate(C.SITES):
        fig = acc[s].figures(dev_agent, dev_rand, world.ptype)
        uv = fig.pop("_unique_visitor_devices")
        people = fig.pop("_visited_people")
        all_uv.append(uv)
        all_people.append(people)
        uv_agents = dev_agent[uv]
        fig.update({
            "name": site.name, "kind": site.kind, "timezone": C.TIMEZONE,
            "sensors": [{"name": x.name, "format": x.fmt, "rssi_offset_db": x.rssi_offset,
                         "rssi_inside": x.rssi_inside, "hears_share": 1.0 if x.primary else C.SECOND_SENSOR_HEARS}
                        for x in site.sensors],
            "crm_link_share": round(float(in_crm[people].mean()), 6) if len(people) else 0.0,
            "partner_match_rate": round(float(partner_matched[uv_agents].mean()), 6) if len(uv) else 0.0,
            "crm_linked_visitors_via_partner": int((partner_matched[uv_agents] & valid_crm[uv_agents]).sum()),
            "receipts": receipts_truth.get(site.name),
        })
        sites.append(fig)
    return {
        "generator": "engine.demo v1", "seed": seed, "scale": sc.name, "days": sc.days,
        "timezone": C.TIMEZONE, "utc_offset_s": C.UTC_OFFSET_S,
        "period_start_local": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(world.day0_utc + C.UTC_OFFSET_S)),
        "period_start_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(world.day0_utc)),
        "event_days": list(sc.event_days),
        "analysis_defaults": {"gap_s": C.GAP_S, "min_visit_s": C.MIN_VISIT_S, "short_visit_s": C.SHORT_VISIT_S,
                              "rssi_inside": {x.name: x.rssi_inside for st in C.SITES for x in st.sensors},
                              "note": "a visit = detections of one device at one site (all its sensors) with "
                                      "no gap > gap_s; inside when a reading >= its sensor's rssi_inside"},
        "planted": {"people": sc.people, "type_shares": {C.TYPE_NAMES[k]: v for k, v in C.TYPE_SHARES.items()},
                    "staff_per_store": sc.staff_per_store, "fixed_per_store": sc.fixed_per_store,
                    "burst_gap_s": list(C.BURST_GAP_S), "burst_sizes": list(C.BURST_SIZES),
                    **{k: v for k, v in C.PLANTED.items()}},
        "population": {C.TYPE_NAMES[t]: int((world.ptype == t).sum()) for t in range(len(C.TYPE_NAMES))},
        "devices": {"total": int(len(dev_agent)), "randomized": int(dev_rand.sum())},
        "sites": sites,
        # the four sites together: a device or person seen at several counts once
        "all_sites": {"unique_visitors": int(len(np.unique(np.concatenate(all_uv)))),
                      "persons_visited": int(len(np.unique(np.concatenate(all_people))))},
        "crm": crm_truth,
        "partner": partner_truth,
        "registers": {"rows": len(register_rows),
                      "per_site": dict(Counter(r["site"] for r in register_rows))},
        # what the import and the Receipts screen show: every document is a receipt (sales and
        # returns); flagged = unregistered_receipts + other_taxpayer_receipts, kept apart
        "receipts": {
            **{key: sum(v[key] for v in receipts_truth.values())
               for key in ("documents", "items", "returns", "unregistered_registers", "with_card")},
            "receipts_documents": sum(v["documents"] for v in receipts_truth.values()),
            "receipts_sales": sum(v["sales"] for v in receipts_truth.values()),
            "unregistered_receipts": sum(v["unregistered"] for v in receipts_truth.values()),
            "other_taxpayer_receipts": sum(v["other_inn"] for v in receipts_truth.values()),
            "flagged_receipts": sum(v["unregistered"] + v["other_inn"] for v in receipts_truth.values()),
            "net_sales_kop": sum(v["net_sales_kopecks"] for v in receipts_truth.values()),
            "card_fields": {"wrapper": "receipt.properties.propertyValue (propertyName 'Номер карты')",
                            "bare": "propertiesData"},
            "datetime_forms": {"wrapper": "unix seconds UTC (+ localDateTime)", "bare": "ISO local time"},
        },
        "files": files,
    }
