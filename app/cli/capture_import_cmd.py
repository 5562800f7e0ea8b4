"""o2o import capture|airodump|kismet FILE... -w WS --site NAME [--sensor NAME] [--keep-ssid-clear]

Each file is imported in its own transaction; a refused file does not stop the others, and
the exit code is 1 when any file was refused (0 when all were imported or skipped).
"""
from __future__ import annotations

from pathlib import Path

from app.cli._common import add_json_arg, add_workspace_arg, stderr_progress, workspace_for_import
from engine.imports.captures import import_airodump, import_capture, import_kismet
from engine.imports.registry import CANCELLED, REFUSED

KINDS = {
    "capture": (import_capture, "802.11 captures: pcap / pcapng (radiotap, raw 802.11, Prism, AVS, PPI; .gz too)"),
    "airodump": (import_airodump, "airodump-ng CSV files (station section: MACs, first/last seen, probed SSIDs)"),
    "kismet": (import_kismet, "Kismet logs (.kismet / .kismetdb)"),
}
FIELDS = ("frames", "probe_requests", "probe_sources", "randomized_sources", "devices", "bad_fcs")


def register_import(import_sub) -> None:
    for kind, (_, help_text) in KINDS.items():
        p = import_sub.add_parser(kind, help=help_text)
        p.add_argument("files", type=Path, nargs="+", metavar="FILE")
        add_workspace_arg(p)
        p.add_argument("--site", metavar="NAME", help="site where the sensor stood (required; created if new)")
        p.add_argument("--sensor", metavar="NAME", help="sensor name at the site (default: 'default')")
        p.add_argument("--keep-ssid-clear", action="store_true",
                       help="store probed SSIDs in clear text too (default: only their keyed ids)")
        add_json_arg(p)
        p.set_defaults(func=cmd_import_wifi, import_kind=kind)


def _row(result) -> dict:
    details = result.details
    row = {"file": result.file, "status": result.status, "message": result.message}
    for name in FIELDS:
        row[name] = int(details.get(name, 0) or 0)
    row["fcs_checked"] = bool(details.get("fcs_checked", False))
    row["truncated"] = bool(details.get("truncated", False))
    row["bytes_lost"] = int(details.get("bytes_lost", 0) or 0)
    row["seconds"] = round(result.seconds, 3)
    row["import_id"] = result.import_id
    row["created"] = list(result.created)
    for key in ("corrupt_records", "detections", "last_good_ts", "format", "linktypes", "ssids"):
        if key in details:
            row[key] = details[key]
    return row


def cmd_import_wifi(args):
    fn = KINDS[args.import_kind][0]
    if not args.site:
        return 1, [{"file": str(f), "status": REFUSED, "created": [],
                    "message": f"{f}: a {args.import_kind} import needs a site: pass --site NAME"}
                   for f in args.files]
    rows = []
    with workspace_for_import(args) as (ws, notes):
        for path in args.files:
            result = fn(ws, path, site=args.site, sensor=args.sensor,
                        progress=stderr_progress(not args.json), keep_ssid_clear=args.keep_ssid_clear)
            rows.append(_row(result))
    if rows:  # what happened to the workspace belongs to the first file only (known once it is closed)
        rows[0]["created"][:0] = notes
    failed = any(r["status"] in (REFUSED, CANCELLED) for r in rows)
    if not args.json:
        lines = []
        for r in rows:
            lines.append(f"[{r['status']}] {r['message']}")
            lines.extend(f"  ({note})" for note in r["created"])
        return (1 if failed else 0), "\n".join(lines)
    return (1 if failed else 0), rows
