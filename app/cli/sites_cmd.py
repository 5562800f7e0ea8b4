"""o2o sites list|add|set and o2o sensors set: the places data comes from."""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.cli._common import add_json_arg, add_workspace_arg, open_workspace
from engine.errors import O2OError


def register(sub) -> None:
    sites = sub.add_parser("sites", help="list, add and edit sites (stores, malls, events)")
    actions = sites.add_subparsers(dest="action", required=True)
    p = actions.add_parser("list", help="sites and their sensors")
    add_workspace_arg(p, create=False)
    add_json_arg(p)
    p.set_defaults(func=cmd_list)
    for name, help_text in (("add", "add a site (and a sensor)"), ("set", "edit a site or one of its sensors")):
        p = actions.add_parser(name, help=help_text)
        add_workspace_arg(p)
        p.add_argument("name", help="site name")
        p.add_argument("--kind", help="store, mall, dealer centre, event, competitor")
        p.add_argument("--timezone", help="IANA time zone, e.g. Europe/Moscow")
        p.add_argument("--rename", help="new site name (set)")
        p.add_argument("--sensor", help="sensor name")
        p.add_argument("--rssi-inside", type=int, help="dBm at or above which a phone is inside")
        p.add_argument("--rssi-outside", type=int, help="dBm below which a phone is outside")
        add_json_arg(p)
        p.set_defaults(func=cmd_edit)


def _check_timezone(name: str | None) -> None:
    if name:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise O2OError(f"Unknown time zone {name!r}", hint="Use an IANA name such as Europe/Moscow") from exc


def cmd_list(args):
    ws, _ = open_workspace(args, create=False)
    with ws:
        sensors = ws.sensors()
        return 0, [dict(site, sensors=[s for s in sensors if s["site_id"] == site["site_id"]]) for site in ws.sites()]


def cmd_edit(args):
    _check_timezone(args.timezone)
    ws, notes = open_workspace(args)
    with ws, ws.transaction():
        exists = any(s["name"] == args.name for s in ws.sites())
        if args.action == "set" and not exists:
            raise O2OError(f"No site named {args.name!r}", hint="o2o sites list shows the sites")
        site_id, created = ws.ensure_site(args.name, kind=args.kind or "store",
                                          timezone_name=args.timezone or "Europe/Moscow")
        if created:
            notes.append(f"site '{args.name}' created")
        else:
            ws.update_site(site_id, name=args.rename, kind=args.kind, timezone_name=args.timezone)
        if args.sensor:
            sensor_id, new = ws.ensure_sensor(site_id, args.sensor, rssi_inside=args.rssi_inside,
                                              rssi_outside=args.rssi_outside)
            if new:
                notes.append(f"sensor '{args.sensor}' created at site '{args.rename or args.name}'")
            else:
                ws.update_sensor(sensor_id, rssi_inside=args.rssi_inside, rssi_outside=args.rssi_outside)
        site = next(s for s in ws.sites() if s["site_id"] == site_id)
    return 0, {"message": "; ".join(notes) or f"site '{site['name']}' updated", "site": site, "created": notes}
