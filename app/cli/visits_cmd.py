"""o2o visits rebuild | o2o visits settings | o2o stats | o2o clusters | o2o calibrate."""
from __future__ import annotations

from app.cli._common import add_json_arg, add_workspace_arg, open_workspace, stderr_progress


def register(sub) -> None:
    visits = sub.add_parser("visits", help="sessionize detections into visits and classify them")
    visits_sub = visits.add_subparsers(dest="action", required=True)
    rebuild = visits_sub.add_parser("rebuild", help="rebuild visits (incrementally when only new data arrived)")
    add_workspace_arg(rebuild, create=False)
    rebuild.add_argument("--site", metavar="NAME", help="store the parameters below for this site only")
    rebuild.add_argument("--gap", type=float, metavar="S", help="seconds away that end a visit (default 120)")
    rebuild.add_argument("--min-visit", type=float, metavar="S", help="shorter visits are passing-by (default 0)")
    rebuild.add_argument("--short-visit", type=float, metavar="S", help="shorter visits are short (default 300)")
    rebuild.add_argument("--full", action="store_true", help="rebuild everything, not only what changed")
    add_json_arg(rebuild)
    rebuild.set_defaults(func=cmd_rebuild)

    settings = visits_sub.add_parser(
        "settings", help="show, set or clear the visit parameters (workspace-wide or one site's overrides)")
    add_workspace_arg(settings, create=False)
    settings.add_argument("--site", metavar="NAME", help="the site whose overrides to set or clear")
    settings.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                          help="store a parameter (repeatable), e.g. --set gap_s=180")
    settings.add_argument("--clear", action="append", default=[], metavar="KEY",
                          help="remove a stored parameter so it is inherited again (repeatable; 'all' = every one)")
    add_json_arg(settings)
    settings.set_defaults(func=cmd_settings)

    stats = sub.add_parser("stats", help="behaviour figures per site and period")
    add_workspace_arg(stats, create=False)
    stats.add_argument("--site", metavar="NAME", action="append",
                       help="a site (repeatable); default every site")
    stats.add_argument("--together", action="store_true",
                       help="also the figures of the chosen sites together (each device once), as the "
                            "dashboard shows several sites; last in the list, with \"together\": true and "
                            "the chosen sites' names as its name (headed 'together' in the table)")
    stats.add_argument("--from", dest="frm", metavar="DATE", help="first local date (YYYY-MM-DD)")
    stats.add_argument("--to", metavar="DATE", help="last local date, inclusive")
    add_json_arg(stats)
    stats.set_defaults(func=cmd_stats)

    clusters = sub.add_parser("clusters", help="behaviour clusters of visitors' devices")
    add_workspace_arg(clusters, create=False)
    clusters.add_argument("--k", type=int, help="number of clusters (default: best silhouette over 2..8)")
    add_json_arg(clusters)
    clusters.set_defaults(func=cmd_clusters)

    calibrate = sub.add_parser("calibrate", help="suggest inside/outside RSSI thresholds per sensor")
    add_workspace_arg(calibrate, create=False)
    calibrate.add_argument("--site", metavar="NAME")
    calibrate.add_argument("--apply", action="store_true", help="store the suggestions on the sensors")
    add_json_arg(calibrate)
    calibrate.set_defaults(func=cmd_calibrate)


def cmd_rebuild(args):
    from engine import stats, visits

    ws, _ = open_workspace(args, create=False)
    with ws:
        site_id = stats.site_id_of(ws, args.site) if args.site else None
        changes = {"gap_s": args.gap, "min_visit_s": args.min_visit, "short_visit_s": args.short_visit}
        with ws.transaction():
            for key, value in changes.items():
                if value is not None:
                    visits.set_setting(ws, key, value, site_id=site_id)
        result = visits.rebuild(ws, full=args.full, progress=stderr_progress(not args.json))
        result["warnings"] = visits.settings_warnings(ws)
    return 0, result


def cmd_settings(args):
    """Every site's effective parameters and where each comes from (site, workspace or
    default). Changes are stored, not applied: visits go stale until `o2o visits rebuild`."""
    from engine import stats, visits
    from engine.errors import O2OError

    ws, _ = open_workspace(args, create=False)
    with ws:
        site_id = stats.site_id_of(ws, args.site) if args.site else None
        changes = []
        for item in args.set:
            key, sep, value = item.partition("=")
            if not sep:
                raise O2OError(f"--set {item!r}: expected KEY=VALUE", hint="Keys: " + ", ".join(visits.DEFAULTS))
            try:
                changes.append((key.strip(), float(value)))
            except ValueError as exc:
                raise O2OError(f"--set {item!r}: {value!r} is not a number") from exc
        clears = list(visits.DEFAULTS) if "all" in args.clear else args.clear
        for key in clears:
            if key not in visits.DEFAULTS:
                raise O2OError(f"Unknown visit parameter {key!r}", hint="Known: " + ", ".join(visits.DEFAULTS))
        if changes or clears:
            with ws.transaction():
                for key in clears:
                    visits.clear_setting(ws, key, site_id=site_id)
                for key, value in changes:
                    visits.set_setting(ws, key, value, site_id=site_id)
        report = visits.settings_report(ws)
    return 0, report if args.json else _settings_table(report)


def _dbm(value) -> str:
    return "site's" if value is None else f"{value:g}"


def _settings_table(report: dict) -> str:
    """Parameters down, sites across; a site's own value is marked *, the workspace's +."""
    sites = report["sites"]
    mark = {"site": "*", "workspace": "+", "default": ""}
    header = ["parameter", *[s["name"] for s in sites]]
    rows = [[key, *[f"{s['parameters'][key]['value']:g}{mark[s['parameters'][key]['from']]}" for s in sites]]
            for key in report["defaults"]]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *rows]]
    lines.append("* this site's own value, + the workspace's value, otherwise the default")
    lines.append("rssi_inside applies to sensors without their own threshold. Sensors (inside / outside, dBm):")
    for s in sites:
        own = [f"{x['name']} {_dbm(x['rssi_inside'])} / {_dbm(x['rssi_outside'])}" for x in s["sensors"]]
        lines.append(f"  {s['name']}: " + ("; ".join(own) if own else "no sensors"))
    if report["visits_stale"]:
        lines.append("Visits are out of date: run `o2o visits rebuild` to apply the parameters.")
    lines.extend(f"Warning: {w}" for w in report["warnings"])
    return "\n".join(lines)


def cmd_stats(args):
    from engine import stats, visits

    ws, _ = open_workspace(args, create=False)
    frm, to = stats.parse_date(args.frm), stats.parse_date(args.to)
    with ws:
        visits.ensure_built(ws)
        ids = stats.site_ids_of(ws, args.site)
        rows = [stats.site_stats(ws, s, frm, to) for s in ids]
        if args.together:
            rows.append(dict(stats.site_stats(ws, ids, frm, to), together=True))
    return 0, rows if args.json else _stats_table(rows)


STATS_ROWS = (("from", "from"), ("to", "to"), ("unique_visitors", "unique visitors"), ("visits", "visits"),
              ("short_visits", "  of them short"), ("passersby", "passers-by"), ("capture_rate", "capture rate"),
              ("avg_dwell_s", "average dwell"), ("median_dwell_s", "median dwell"), ("return_rate", "return rate"),
              ("visits_per_visitor", "visits per visitor"), ("new_visitors", "new visitors"),
              ("returning_visitors", "returning visitors"), ("staff_devices", "staff devices"),
              ("fixed_devices", "fixed equipment"), ("randomized_devices", "randomized MACs"))


def _stats_table(rows: list[dict]) -> str:
    """Figures down, sites across (human output; --json gives every field)."""
    def cell(key, value):
        if value is None:
            return "—"
        if key in ("capture_rate", "return_rate"):
            return f"{100 * value:.1f} %"
        if key in ("avg_dwell_s", "median_dwell_s"):  # rounded, as the dashboard's tiles (app/formatting.mmss)
            seconds = int(round(value))
            return f"{seconds // 60:d}:{seconds % 60:02d}"
        if isinstance(value, float):
            return f"{value:.3f}"
        return f"{value:,}" if isinstance(value, int) else str(value)

    header = ["", *["together" if r.get("together") else r["name"] for r in rows]]
    body = [[label, *[cell(key, r.get(key)) for r in rows]] for key, label in STATS_ROWS]
    est = [r.get("randomized_visitors") or {} for r in rows]
    body.append(["  people behind them ≈", *[f"{e['estimate']:,} ({e['low']:,}–{e['high']:,})" if e else "—"
                                              for e in est]])
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in [header, *body]]
    notes = [f"together = {rows[-1]['name']}, each device once"] if rows and rows[-1].get("together") else []
    notes += [f"people behind randomized MACs, {name}: {e['method']}" for name, e in zip(header[1:], est) if e]
    return "\n".join(lines + notes)


def cmd_clusters(args):
    from engine import clusters, visits

    ws, _ = open_workspace(args, create=False)
    with ws:
        visits.ensure_built(ws)
        return 0, clusters.build(ws, k=args.k)


def cmd_calibrate(args):
    from engine import calibration, stats

    ws, _ = open_workspace(args, create=False)
    with ws:
        site_id = stats.site_id_of(ws, args.site) if args.site else None
        return 0, calibration.calibrate(ws, site_id, apply=args.apply)
