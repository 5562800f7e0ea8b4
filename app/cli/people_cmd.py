"""o2o people: resolve people, list them, show one profile."""
from __future__ import annotations

from app.cli._common import add_json_arg, add_workspace_arg, open_workspace, stderr_progress


def register(sub) -> None:
    people = sub.add_parser("people", help="resolve people from contacts, receipts and partner matches")
    add_workspace_arg(people, create=False)
    people.add_argument("--rebuild", action="store_true", help="rebuild even if nothing was imported since")
    people.add_argument("--show", type=int, metavar="PERSON_ID", help="the profile of one person")
    people.add_argument("--list", type=int, metavar="N", nargs="?", const=20,
                        help="also list the first N people (default 20)")
    people.add_argument("--sort", default="revenue_kop", help="sort column for --list")
    people.add_argument("--filter", help="filter text for --list (name, phone, e-mail, card, id)")
    add_json_arg(people)
    people.set_defaults(func=cmd_people)


def cmd_people(args):
    from engine import people

    ws, _ = open_workspace(args, create=False)
    with ws:
        if args.rebuild and not ws.read_only:
            summary = people.build_people(ws, progress=stderr_progress(not args.json))
        else:
            summary = people.ensure_people(ws, progress=stderr_progress(not args.json))
        if args.show is not None:
            return 0, people.person_profile(ws, args.show)
        if args.list:
            page = people.people_page(ws, 0, args.list, args.sort, True, args.filter)
            summary["list"] = page["rows"]
            summary["more"] = page["more"]
    return 0, summary
