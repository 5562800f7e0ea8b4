"""People browser filter speed on a generated workspace of about a million people.

    .venv/bin/python benchmarks/bench_people_filter.py [--people N] [--workspace PATH]

Generates a CRM export of N people (unique phones, 80 % with e-mail, 70 % with a card, 5 %
with a second row under another phone and the same e-mail, so they have two phones),
imports it with the real importer, resolves people, then times what the People screen runs
on each keystroke of the filter: the row count and the first page (256 rows, biggest buyers
first) of `people_sql()` filtered by `people_filter(text)` — the same SQL as the screen's
model (app/views/people_view.py PeopleQueryModel). Reports seconds per query; with
--workspace an existing workspace is reused (no generation).

Baseline (1 M people, 2.6 M identities, 2 shared cores, other work running; seconds, best of 3,
count + first page, i.e. one keystroke). Both rows measured on the same workspace minutes apart
(2026-11-24, load average 1.9-2.4); the matched rows are the same in both:

    filter            before: ILIKE on name + identities semi-join   after: stored search columns
    Иван              0.45 + 0.64                                    0.20 + 0.28
    user4242          0.35 + 0.43                                    0.11 + 0.16
    USER4242@MAIL     0.43 + 0.50                                    0.17 + 0.13
    8 (900) 000-42    0.57 + 0.86                                    0.17 + 0.26
    no such person    0.17 + 0.21                                    0.05 + 0.05
    name:Мария 77     0.14 + 0.15                                    0.05 + 0.08
    phone:/card:/email: unchanged (an `identities` semi-join): 0.04-0.09 + 0.07-0.13

"before" = the plain-text filter up to commit ea5af83; "after" = people.search_name /
search_ids (lower-cased at build time, engine/schema/m007_people_search.py) matched with
contains(), and the filter applied inside people_sql() as a semi-join so only matching rows
are read whole. Building people got no slower (the new columns come from aggregates the
build already makes); migrating an existing 1 M-people workspace fills them once in ~3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

GENERATE = r"""
COPY (
  SELECT '+79' || lpad(CAST(i AS VARCHAR), 9, '0') AS "Телефон",
         CASE WHEN i % 5 = 0 THEN '' ELSE 'User' || i || '@Mail.ru' END AS "Email",
         (['Иванов Иван', 'Петрова Анна', 'Смирнов Олег', 'Кузнецова Мария'])[1 + i % 4] || ' ' || i AS "ФИО",
         CASE WHEN i % 10 < 7 THEN CAST(2700000000000 + i AS VARCHAR) ELSE '' END AS "Номер карты"
  FROM range({people}) t(i)
  UNION ALL  -- a second phone for every 20th person, joined to the first by the same e-mail
  SELECT '+78' || lpad(CAST(i AS VARCHAR), 9, '0'), 'User' || i || '@Mail.ru', NULL, ''
  FROM range(1, {people}, 20) t(i)
) TO '{path}' (HEADER, DELIMITER ';')
"""

FILTERS = ["Иван", "user4242", "USER4242@MAIL", "8 (900) 000-42", "phone:0000421", "card:27000000042",
           "email:user99", "name:Мария 77", "no such person"]


def build(path: Path, people: int) -> dict:
    from engine import people as pp
    from engine.crm.crm_import import import_crm
    from engine.workspace import Workspace

    csv = path.with_suffix(".csv")
    con = duckdb.connect()
    con.execute(GENERATE.format(people=people, path=str(csv).replace("'", "''")))
    con.close()
    started = time.perf_counter()
    with Workspace.open(path, create=True) as ws:
        result = import_crm(ws, csv, write_rejects=False)
        imported = time.perf_counter() - started
        summary = pp.build_people(ws)
    csv.unlink()
    return {"crm_rows": result.details["rows"], "import_s": round(imported, 2),
            "build_people_s": summary["seconds"], "people": summary["people"],
            "identities": summary["identities"]}


def measure(path: Path, repeat: int = 3) -> list[dict]:
    from engine.people_queries import people_filter, people_sql
    from engine.workspace import Workspace

    out = []
    with Workspace.open(path) as ws:
        con = ws.con
        for text in FILTERS:
            condition, params = people_filter(text)
            base = f"SELECT * FROM ({people_sql(condition)}) AS q"
            timings = {"count_s": [], "first_page_s": []}
            for _ in range(repeat):
                t0 = time.perf_counter()
                rows = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
                t1 = time.perf_counter()
                con.execute(f'{base} ORDER BY "revenue_rub" DESC NULLS LAST LIMIT 256 OFFSET 0', params).fetchall()
                t2 = time.perf_counter()
                timings["count_s"].append(t1 - t0)
                timings["first_page_s"].append(t2 - t1)
            out.append({"filter": text, "rows": rows, **{k: round(min(v), 3) for k, v in timings.items()}})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--workspace", type=Path, help="an existing workspace to measure (no generation)")
    args = parser.parse_args()
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    report: dict = {"cpus": os.cpu_count()}
    if args.workspace:
        path = args.workspace
    else:
        folder = Path(tempfile.mkdtemp(prefix="o2o-people-bench-"))
        os.environ.setdefault("XDG_DATA_HOME", str(folder / "keyring"))
        path = folder / "people.o2o"
        report["generated"] = build(path, args.people)
    report["filters"] = measure(path)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
