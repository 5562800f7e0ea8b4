"""CRM import speed: O2O's importer end to end vs pandas.read_csv + phonenumbers.

    .venv/bin/python benchmarks/bench_crm_import.py [--rows N] [--encoding cp1251] [--baseline-rows M] [--threads T]

Generates a CRM export like the demo's (Телефон;Email;ФИО;Дата рождения;Пол;Номер карты,
phones in the spellings people type, 3 % invalid, some Excel-mangled, e-mails in mixed case),
imports it into a fresh workspace (read, transcode when not UTF-8, normalise, dedupe, store,
rejects report) and reports rows/s. The baseline reads the same file with pandas.read_csv
and normalises phones with phonenumbers row by row, on the first M rows only (it would take
too long on all of them): its rate is measured on M rows and extrapolated to N — said so
in the output.

`floor` is what no importer built on DuckDB can beat on this file and machine: the 8-bit file
transcoded to UTF-8 (as the importer does: engine/crm/transcode.py), DuckDB's read_csv of it counted, and read
into a temp table of text columns (what the importer's first stage makes). `before` is the
figure this benchmark printed before the issue-5 speed work, so later runs stay comparable;
the load average matters on the shared 2-core machine, so it is printed beside each figure.
`--threads T` limits DuckDB to T threads (default: one per core) for the import and the floor,
to see how the import scales with cores (the transcode uses one thread per core whatever T is;
the Python steps use one).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

GENERATE = r"""
COPY (
  SELECT
    CASE WHEN i % 100 < 3 THEN (['нет', '916123', '7,91612E+10'])[1 + i % 3]
         ELSE (['+7 (' || a || ') ' || b || '-' || c || '-' || d, '8 ' || a || ' ' || b || c || d, a || b || c || d,
                '7-' || a || '-' || b || '-' || c || '-' || d, '+7' || a || b || c || d,
                '8(' || a || ')' || b || '-' || c || '-' || d])[1 + (i // 7) % 6] END AS "Телефон",
    CASE WHEN i % 5 = 0 THEN '' WHEN i % 11 = 0 THEN upper('user' || i || '@mail.ru')
         ELSE ' user' || i || '@yandex.ru ' END AS "Email",
    (['Иванов Иван Иванович', 'Петрова Анна Сергеевна', 'Smith John', 'Сидоров Пётр'])[1 + i % 4] AS "ФИО",
    strftime(DATE '1960-01-01' + CAST(i % 16000 AS INTEGER), '%d.%m.%Y') AS "Дата рождения",
    (['М', 'Ж', 'муж', 'жен', ''])[1 + i % 5] AS "Пол",
    CASE WHEN i % 10 < 7 THEN CAST(2700000000000 + i AS VARCHAR) ELSE '' END AS "Номер карты"
  FROM (SELECT i, CAST(900 + (i * 7919) % 100 AS VARCHAR) AS a,
               lpad(CAST((i // 10000) % 1000 AS VARCHAR), 3, '0') AS b,
               lpad(CAST((i // 100) % 100 AS VARCHAR), 2, '0') AS c, lpad(CAST(i % 100 AS VARCHAR), 2, '0') AS d
        FROM range({rows}) t(i))
) TO '{path}' (HEADER, DELIMITER ';')
"""


def generate(path: Path, rows: int, encoding: str) -> float:
    started = time.perf_counter()
    target = path if encoding == "utf-8" else path.with_suffix(".utf8.csv")
    con = duckdb.connect()
    con.execute(GENERATE.format(rows=rows, path=str(target).replace("'", "''")))
    con.close()
    if target != path:
        with open(target, encoding="utf-8") as src, open(path, "w", encoding=encoding, newline="") as out:
            while block := src.read(8 << 20):
                out.write(block)
        target.unlink()
    return time.perf_counter() - started


def run_o2o(path: Path, folder: Path, threads: int | None = None) -> dict:
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    os.environ.setdefault("XDG_DATA_HOME", str(folder / "keyring"))
    from engine.crm.crm_import import import_crm
    from engine.workspace import Workspace

    ws = Workspace.open(folder / "bench.o2o", create=True, demo=True)
    if threads:
        ws.con.execute(f"SET threads = {int(threads)}")
    stages: dict[str, float] = {}
    last = [time.perf_counter(), "start"]

    def progress(fraction: float, message: str) -> None:  # wall time per stage of the import
        now = time.perf_counter()
        stages[last[1]] = round(stages.get(last[1], 0.0) + now - last[0], 2)
        last[:] = [now, message.split(" ")[0]]

    started, cpu_started = time.perf_counter(), time.process_time()
    result = import_crm(ws, path, progress=progress)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    progress(1.0, "done")
    stages.pop("start", None)
    ws.close()
    if result.status != "imported":
        raise SystemExit(f"import failed: {result.message}")
    d = result.details
    return {"seconds": round(seconds, 2), "rows": d["rows"], "ok": d["ok"], "duplicates": d["duplicates"],
            "rejected": d["rejected"], "phones_valid": d["phones_valid"], "emails_valid": d["emails_valid"],
            "rows_per_s": round(d["rows"] / seconds), "cpu_seconds": round(cpu, 2),
            "rows_per_cpu_s": round(d["rows"] / cpu), "stage_seconds": stages}


# this benchmark's figure before the issue-5 speed work (commit 05790d0), 10 M rows, cp1251
BEFORE = {"rows_per_s": 123_992, "seconds": 80.65, "load_average": 2.7,
          "stage_seconds": {"reading": 10.39, "normalising": 37.06, "deduplicating": 29.03, "writing": 3.52}}


def read_floor(path: Path, encoding: str, threads: int | None = None) -> dict:
    """Seconds for the parts of reading that any DuckDB-based import pays (see the docstring)."""
    from engine.crm.sources import _transcode
    from engine.progress import CancelToken

    out: dict = {"load_average_before": round(os.getloadavg()[0], 1)}
    source = path
    if encoding != "utf-8":
        started = time.perf_counter()
        source, _ = _transcode(path, encoding, CancelToken())
        out["transcode_s"] = round(time.perf_counter() - started, 2)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(6)) + "}"
    scan = (f"read_csv('{str(source).replace(chr(39), chr(39) * 2)}', columns={columns}, header=true, "
            "delim=';', quote='\"', escape='\"', auto_detect=false)")
    for label, sql in (("read_csv_count_s", f"SELECT count(*) FROM {scan}"),
                       ("read_csv_to_temp_table_s", f"CREATE TEMP TABLE t AS SELECT * FROM {scan}")):
        started = time.perf_counter()
        con.execute(sql).fetchall()
        out[label] = round(time.perf_counter() - started, 2)
    con.close()
    if source != path:
        source.unlink()
    out["load_average_after"] = round(os.getloadavg()[0], 1)
    return out


def run_baseline(path: Path, rows: int, encoding: str) -> dict:
    import pandas as pd
    import phonenumbers

    started, cpu_started = time.perf_counter(), time.process_time()
    frame = pd.read_csv(path, sep=";", dtype=str, nrows=rows, encoding=encoding, keep_default_na=False)
    read_s = time.perf_counter() - started
    out = []
    for raw in frame["Телефон"]:
        try:
            number = phonenumbers.parse(raw, "RU")
            out.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                       if phonenumbers.is_valid_number(number) else None)
        except phonenumbers.NumberParseException:
            out.append(None)
    frame["phone"] = out
    frame["email"] = frame["Email"].str.strip().str.lower()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"rows_measured": len(frame), "cpu_seconds": round(cpu, 2), "rows_per_cpu_s": round(len(frame) / cpu), "seconds": round(seconds, 2), "read_csv_s": round(read_s, 2),
            "rows_per_s": round(len(frame) / seconds), "phones_valid": int(frame["phone"].notna().sum())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--encoding", default="cp1251", help="of the generated file (the demo's is cp1251)")
    parser.add_argument("--baseline-rows", type=int, default=200_000)
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the generated file and workspace")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="o2o-bench-crm-"))
    try:
        path = folder / "crm_export.csv"
        gen_s = generate(path, args.rows, args.encoding)
        size_mb = path.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows, {size_mb:,.0f} MB ({args.encoding}) in {gen_s:.1f} s", file=sys.stderr)
        load_before = round(os.getloadavg()[0], 1)
        o2o = run_o2o(path, folder, args.threads)
        o2o["load_average_before"], o2o["load_average_after"] = load_before, round(os.getloadavg()[0], 1)
        floor = read_floor(path, args.encoding, args.threads)
        base = run_baseline(path, min(args.baseline_rows, args.rows), args.encoding)
        extrapolated = args.rows / base["rows_per_s"]
        report = {
            "rows": args.rows, "file_mb": round(size_mb, 1), "encoding": args.encoding, "cpus": os.cpu_count(), "duckdb_threads": args.threads or os.cpu_count(),
            "load_average_at_end": [round(x, 1) for x in os.getloadavg()],
            "o2o": o2o,
            "floor": floor,
            "before": BEFORE,
            "baseline_pandas_phonenumbers": {**base, "extrapolated_seconds_for_all_rows": round(extrapolated, 1),
                                             "note": f"measured on the first {base['rows_measured']:,} rows, "
                                                     f"extrapolated linearly to {args.rows:,}"},
            "speedup": round(extrapolated / o2o["seconds"], 1),
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"kept in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
