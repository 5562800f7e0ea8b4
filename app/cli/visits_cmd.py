"""o2o visits rebuild | o2o stats | o2o clusters | o2o calibrate."""
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

    stats = sub.add_parser("stats", help="behaviour figures per site and period")
    add_workspace_arg(stats, create=False)
    stats.add_argument("--site", metavar="NAME")
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
    return 0, result


def cmd_stats(args):
    from engine import stats, visits

    ws, _ = open_workspace(args, create=False)
    with ws:
        visits.ensure_built(ws)
        return 0, stats.all_site_stats(ws, args.site, stats.parse_date(args.frm), stats.parse_date(args.to))


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
