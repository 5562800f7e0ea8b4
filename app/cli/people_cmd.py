"""o2o people: resolve people, list them, show one profile."""
from __future__ import annotations

import re

from app.cli._common import add_json_arg, add_workspace_arg, open_workspace, stderr_progress
from app.cli._text_table import text_table
from engine.people import PAGE_COLUMNS


def register(sub) -> None:
    people = sub.add_parser("people", help="resolve people from contacts, receipts and partner matches")
    add_workspace_arg(people, create=False)
    people.add_argument("--rebuild", action="store_true", help="rebuild even if nothing was imported since")
    people.add_argument("--show", type=int, metavar="PERSON_ID", help="the profile of one person")
    people.add_argument("--list", type=int, metavar="N", nargs="?", const=20,
                        help="also list the first N people (default 20)")
    people.add_argument("--sort", default="-revenue_kop", metavar="[-]COLUMN",
                        help="sort column for --list, '-' before it for descending (default -revenue_kop); "
                             "one of: " + ", ".join(PAGE_COLUMNS))
    order = people.add_mutually_exclusive_group()
    order.add_argument("--desc", action="store_true", help="sort descending (same as '-' before the column)")
    order.add_argument("--asc", action="store_true", help="sort ascending (also for '-COLUMN')")
    people.add_argument("--filter", metavar="TEXT",
                        help="filter for --list: the name or any phone, e-mail, card, CRM id of a person; "
                             "phone:916, email:, card:, crm:, name:, id: narrow to one kind; last:2024-09 = "
                             "the last purchase's local date")
    # `--sort -revenue_kop`: argparse would take '-revenue_kop' for an option; a dash and a lowercase
    # word is a value here (the mechanism argparse uses for negative numbers), so a mistyped column
    # reaches parse_sort and its error listing the columns. Words after -w/-h stay options (-wdemo).
    people._negative_number_matcher = re.compile(r"^-\d+$|^-\d*\.\d+$|^-(?![wh])[a-z_]+$")
    add_json_arg(people)
    people.set_defaults(func=cmd_people)


def cmd_people(args):
    from engine import people

    column, descending = people.parse_sort(args.sort)  # an unknown column fails before any work
    descending = True if args.desc else False if args.asc else descending
    ws, _ = open_workspace(args, create=False)
    with ws:
        if args.rebuild and not ws.read_only:
            summary = people.build_people(ws, progress=stderr_progress(not args.json))
        else:
            summary = people.ensure_people(ws, progress=stderr_progress(not args.json))
        if args.show is not None:
            profile = people.person_profile(ws, args.show)
            if args.json:
                profile["times"] = PROFILE_TIMES
            return 0, profile if args.json else readable_profile(profile)
        if args.list:
            page = people.people_page(ws, 0, args.list, column, descending, args.filter)
            summary["list"] = page["rows"]
            summary["more"] = page["more"]
            summary["matched"] = page["matched"]  # people the filter matches (all people without one)
            summary["filter"] = args.filter
            summary["sort"] = ("-" if descending else "") + column
            summary["times"] = LIST_TIMES
            if not args.json:
                return 0, readable_list(summary)
    return 0, summary


# what the times of the JSON mean: stored times are UTC; the screens show the till's local time
LIST_TIMES = {"last_purchase": "UTC", "last_purchase_local": "local time of the receipt's site (as the screen shows)"}
PROFILE_TIMES = {**LIST_TIMES, "receipts.latest.ts": "UTC",
                 "receipts.latest.local_ts": "local time of the receipt's site (as the screen shows)"}
LIST_COLUMNS = (("person_id", "id"), ("name", "name"), ("phone", "phone"), ("email", "e-mail"), ("card", "card"),
                ("devices", "devices"), ("receipts", "receipts"), ("revenue_kop", "revenue, RUB"),
                ("last_purchase_local", "last purchase (local)"), ("sources", "sources"))


def readable_list(summary: dict) -> str:
    """The resolution summary as 'key  value' lines, then the people as a table (key fields only;
    --json gives every column)."""
    facts = {k: v for k, v in summary.items() if k not in ("list", "more", "sort", "matched", "filter", "times")}
    width = max((len(k) for k in facts), default=0)
    lines = [f"{k.ljust(width)}  {v}" for k, v in facts.items()]

    def value(key: str, v):
        if key == "revenue_kop":
            return f"{(v or 0) / 100:,.2f}".replace(",", " ")
        if key == "last_purchase_local":
            return _when(v) or None
        return v

    rows = [[value(key, person.get(key)) for key, _ in LIST_COLUMNS] for person in summary["list"]]
    numbers = [i for i, (key, _) in enumerate(LIST_COLUMNS) if key in ("person_id", "devices", "receipts",
                                                                         "revenue_kop")]
    lines.append("")
    if summary.get("filter"):
        lines.append(f"{summary['matched']} match the filter {summary['filter']!r}")
    if not rows:
        lines.append("No people to list.")
        return "\n".join(lines)
    lines.append(f"The first {len(rows)} people, sorted by {summary['sort']}:")
    lines.append(text_table([title for _, title in LIST_COLUMNS], rows, right=numbers))
    if summary.get("more"):
        lines.append("… more people: a larger --list N, --filter TEXT, or --json for every column")
    return "\n".join(lines)


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value or "")


def readable_profile(p: dict) -> dict:
    """The profile as one line per fact for the terminal (--json gives the full structure)."""
    contacts = p.get("contacts") or {}

    def ids(kind: str) -> str:
        return ", ".join(f"{value} ({', '.join(sorted({link['file'] or link['source'] for link in links}))})"
                         for value, links in (contacts.get(kind) or {}).items()) or "—"

    receipts = p.get("receipts") or {}
    last = (f"{_when(p['last_purchase_local'])} local" if p.get("last_purchase_local")
            else f"{_when(receipts.get('last_purchase'))} UTC")
    out = {"person_id": p["person_id"], "name": p.get("name") or "—",
           "gender, birth date": ", ".join(str(x) for x in (p.get("gender"), p.get("birth_date")) if x) or "—",
           "phones": ids("phone"), "e-mails": ids("email"), "cards": ids("card"), "crm ids": ids("crm_id"),
           "devices": ids("device"),
           "consent": "; ".join(f"{'yes' if c['consent'] else 'no'} ({c['file']}, line {c['line']})"
                                for c in p.get("consents") or []) or "not stated in any import",
           "receipts": (f"{receipts['count']}, revenue {receipts.get('revenue_kop', 0) / 100:,.2f} RUB, "
                        f"last purchase {last}") if receipts.get("count") else "none linked"}
    visits = p.get("visits")
    if visits is None:
        out["visits"] = "no visits built (o2o visits)"
    elif visits.get("count") or visits.get("passes"):
        out["visits"] = (f"{visits['count']} ({visits['short']} short) at {', '.join(visits['site_names']) or '—'}, "
                         f"{(visits['dwell_s'] or 0) / 3600:.1f} h in total, last {_when(visits['last_visit']) or '—'} "
                         f"local; walked past {visits['passes']} time(s)")
    else:
        out["visits"] = "none" if p.get("devices") else "no device linked (devices join through a partner match)"
    out["sources"] = "; ".join(f"{s_['file'] or s_['kind']} ({s_['kind']}): {s_['links']} link(s)"
                               for s_ in p.get("sources") or [])
    return out
