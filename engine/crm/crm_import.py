"""CRM import: a CSV/XLSX export of customers -> `contacts`, every dropped value explained.

Outcome of a row (counts in the import summary add up: rows = ok + rejected + duplicates):
- ok: it has at least one usable phone, e-mail or card, and a phone, e-mail, card or CRM id
  not known before (earlier in this file or in an earlier import), or keys known before but
  never together in one row (it links them: see crm_normalise.classify_rows);
- duplicate: a usable row with none of those new, all held by one earlier row; not stored again,
  counted, and listed in the rejects report with the key it repeats and where that is stored;
- rejected: the CSV parser refused it (wrong number of fields) or it has no usable
  phone, e-mail or card. One import_rejects entry with column NULL says so.
A value that cannot be used (invalid e-mail, Excel-mangled phone, unknown gender…) is left
out of an otherwise good row and listed in import_rejects with its column and reason
(`values_dropped` counts those entries). Several columns may be mapped to phone (mobile, home,
"Телефон 2"): a row's phone is its first valid one, in column order, and the other valid ones are
stored with it (`contacts.extra_phones`, counted as `extra_phones`) and link the same person;
each is one of the row's keys for deduplication. Columns mapped to no role are ignored and listed
(`ignored_columns`). Names longer than 1 000 characters and CRM ids longer than 200 are dropped as
values.

The rejects report is also written as CSV (`export_rejects`): by default into the folder
`<workspace name>-rejects/` beside the workspace, one file per import.
"""
from __future__ import annotations

import codecs
import shutil
from pathlib import Path

from engine import normalize as nz
from engine.crm import mapping as mp
from engine.crm.crm_normalise import (RAW, USABLE, classify_rows, duplicate_rejects_sql, extra_phone_names,
                                      extra_phones_sql, normalise_rows, phone_column_sql)
from engine.crm.reading import MAX_TITLE_LINES, sheet_identity
from engine.crm.sources import drop_source, open_source
from engine.errors import O2OError
from engine.imports.registry import IMPORTED, REFUSED, ImportContext, ImportResult, LoadOutcome, run_import
from engine.progress import CancelToken, ProgressFn, no_progress

NO_KEY = "row rejected: no usable phone, e-mail or card"


def _resolve_mapping(ws, source, mapping, mapping_file, where: str) -> tuple[dict, str]:
    """(full mapping, where it came from). `source`: the opened file (engine.crm.sources); a
    detected mapping also looks at the content of its first rows (for unnamed columns)."""
    header = source.header
    if mapping_file:
        mapping, origin = mp.load_mapping(mapping_file), f"file {Path(mapping_file).name}"
    elif mapping:
        origin = "given"
    else:
        mapping = mp.remembered_mapping(ws, header, "crm")
        origin = "remembered for this file shape"
        if mapping is None:  # by header names, and by content for columns the names do not explain
            mapping, origin = mp.propose_mapping(header, source.head(200), "crm"), "detected"
    full = mp.validate_mapping(mapping, header, "crm", where=where)
    if not any(r in ("phone", "email", "card") for r in full.values()):
        raise O2OError("No phone, e-mail or card column found", where=where,
                       hint="Map the columns in the import dialog or with --mapping FILE.json "
                            f"(columns: {', '.join(mp.unique_headers(header))}; a header below a title is "
                            f"looked for in the first {MAX_TITLE_LINES + 1} lines; if a title of several cells "
                            "sits above the table, name the header's line with --header-line N)")
    return full, origin


def _role_columns(full: dict[str, str], header: list[str]) -> dict[str, list[tuple[str, str]]]:
    """role -> [(raw column cN, header name)]."""
    names = mp.unique_headers(header)
    out: dict[str, list[tuple[str, str]]] = {}
    for i, name in enumerate(names):
        role = full[name]
        if role != mp.IGNORE:
            out.setdefault(role, []).append((f"c{i}", name))
    return out


def _column_names(roles: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """role -> the column named in the rejects report: name columns are joined into one value;
    each phone column is its own (the first: `phone`)."""
    return {role: cols[0][1] if role == "phone" else " + ".join(n for _, n in cols) for role, cols in roles.items()}


def _write_rejects(con, import_id: int, roles: dict[str, list[tuple[str, str]]]) -> int:
    names = _column_names(roles)
    parts = []
    for x, (_, name) in zip(extra_phone_names(roles), roles.get("phone", [])[1:]):
        header = name.replace("'", "''")
        parts.append(f"SELECT line, '{header}', left({x}_raw, 200), {x}_reason FROM crm_norm WHERE {x}_reason IS NOT NULL")
    for role, col in (("phone", "phone"), ("email", "email"), ("birth_date", "birth"), ("gender", "gender"),
                      ("card", "card"), ("consent", "consent"), ("name", "name"), ("crm_id", "id")):
        if role in roles:
            header = names[role].replace("'", "''")
            parts.append(f"SELECT line, '{header}', left({col}_raw, 200), {col}_reason FROM crm_norm "
                         f"WHERE {col}_reason IS NOT NULL")
    parts.append(f"SELECT line, NULL, NULL, '{NO_KEY}' FROM crm_norm WHERE NOT {USABLE}")
    parts.append(duplicate_rejects_sql())
    before = con.execute("SELECT count(*) FROM import_rejects WHERE import_id = ?", [import_id]).fetchone()[0]
    con.execute(f"INSERT INTO import_rejects SELECT {import_id}, * FROM ({' UNION ALL '.join(parts)})")
    return con.execute("SELECT count(*) FROM import_rejects WHERE import_id = ?", [import_id]).fetchone()[0] - before


def crm_loader(*, mapping=None, mapping_file=None, encoding=None, delimiter=None, sheet=None, header_line=None):
    def load(ctx: ImportContext) -> LoadOutcome:
        con, where = ctx.ws.con, str(ctx.path)
        con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would write to the console
        ctx.progress(0.0, "reading")
        source = open_source(con, ctx.path, RAW, encoding=encoding, delimiter=delimiter, sheet=sheet,
                             header_line=header_line,
                             cancel=ctx.cancel, progress=ctx.progress)
        try:
            ctx.cancel.check()
            full, mapping_source = _resolve_mapping(ctx.ws, source, mapping, mapping_file, where)
            mp.remember_mapping(ctx.ws, source.header, full, "crm")
            roles = _role_columns(full, source.header)
            nz.install_macros(con)
            ctx.progress(0.1, "normalising")  # read and normalised in one pass over the file
            table = normalise_rows(con, roles, source)
        finally:
            source.close()
        drop_source(con, RAW)  # an XLSX sheet's raw text is not needed any more: free its memory
        ctx.cancel.check()
        ctx.progress(0.7, f"deduplicating {table.rows:,} rows")
        ok, dups, unusable = classify_rows(con, extra_phones_sql(roles), _column_names(roles),
                                           phone_column_sql(roles))
        con.execute(f"""
            INSERT INTO contacts SELECT {ctx.import_id}, n.line, n.crm_id, n.name, n.phone, n.email, n.birth_date,
                n.gender, n.card, n.consent, {extra_phones_sql(roles) or 'NULL'}
            FROM crm_norm n {'ANTI JOIN crm_dups d USING (line)' if dups else ''} WHERE {USABLE}""")
        ctx.cancel.check()
        ctx.progress(0.85, "writing the rejects report")
        parse_rejects = ctx.reject_rows((line, None, value.strip(), reason)
                                        for line, value, reason in table.parse_rejects)
        entries = _write_rejects(con, ctx.import_id, roles) + parse_rejects
        phones, emails, cards = con.execute(
            "SELECT count(phone), count(email), count(card) FROM crm_norm_data").fetchone()
        extra_phones = con.execute("SELECT coalesce(sum(len(extra_phones)), 0) FROM contacts WHERE import_id = ?",
                                   [ctx.import_id]).fetchone()[0]
        rejected = unusable + len(table.parse_rejects)
        rows = table.rows + len(table.parse_rejects)
        drop_source(con, "crm_norm")
        for name in ("crm_dups", "crm_slow"):
            con.execute(f"DROP TABLE IF EXISTS {name}")
        ignored = [c for c, r in full.items() if r == mp.IGNORE]
        details = {"rows": rows, "ok": ok, "rejected": rejected, "duplicates": dups,
                   "phones_valid": phones, "emails_valid": emails, "cards_valid": cards,
                   "extra_phones": int(extra_phones),
                   "values_dropped": entries - rejected - dups, "reject_entries": entries,
                   "mapping": full, "mapping_source": mapping_source, "ignored_columns": ignored,
                   "encoding": table.encoding, "delimiter": table.delimiter, "sheet": table.sheet,
                   "header_line": table.header_line}
        message = (f"{ctx.path.name}: {rows:,} rows: {ok:,} new contacts, {dups:,} duplicates, "
                   f"{rejected:,} rejected" + (f"; ignored columns: {', '.join(ignored)}" if ignored else "")
                   + (f"; the header is on line {table.header_line}, the title above it was skipped"
                      if table.header_line > 1 else ""))
        return LoadOutcome(rows_in=rows, rows_ok=ok, rows_rejected=rejected, message=message, details=details)

    return load


def default_rejects_path(ws, import_id: int, file_name: str) -> Path:
    folder = ws.path.parent / f"{ws.path.stem}-rejects"
    return folder / f"import-{import_id}-{Path(file_name).stem}-rejects.csv"


def export_rejects(ws, import_id: int, path: str | Path | None = None) -> Path:
    """Write the rejects report of one import as CSV (UTF-8, `;`): file, line, column, value, reason."""
    row = ws.con.execute("SELECT file_name FROM imports WHERE import_id = ?", [import_id]).fetchone()
    if row is None:
        raise O2OError(f"No import #{import_id} in this workspace", where=str(ws.path))
    path = Path(path) if path else default_rejects_path(ws, import_id, row[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    # DuckDB writes the rows; a UTF-8 BOM goes first so that Excel (ru) reads the Cyrillic right
    body = path.with_name(path.name + ".part")
    target = str(body).replace("'", "''")
    ws.con.execute(
        # a workbook's sheet is named beside the file: each sheet is its own import
        f"COPY (SELECT i.file_name || coalesce(' [' || (i.details->>'sheet') || ']', '') AS file, r.line, "
        f"r.column_name AS column, r.value, r.reason "
        f"FROM import_rejects r JOIN imports i USING (import_id) WHERE r.import_id = {int(import_id)} "
        f"ORDER BY r.line, r.column_name NULLS FIRST) TO '{target}' (HEADER, DELIMITER ';')")
    with open(path, "wb") as out, open(body, "rb") as src:
        out.write(codecs.BOM_UTF8)
        shutil.copyfileobj(src, out, 1 << 20)
    body.unlink()
    return path


def import_crm(ws, path, *, mapping: dict | None = None, mapping_file: str | Path | None = None,
               encoding: str | None = None, delimiter: str | None = None, sheet: str | int | None = None,
               header_line: int | None = None,
               rejects_file: str | Path | None = None, write_rejects: bool = True,
               progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
               **_site_options) -> ImportResult:
    """Import a CRM export. `sheet` (XLSX): a name or a number counting from 1, the first when
    None; each sheet of a workbook is its own import. `header_line`: the line (sheet row) of the
    header when detection below a title should not decide it. `rejects_file` overrides where the
    rejects CSV goes; `rejects_file` in the result is an absolute path."""
    try:
        sheet, identity = sheet_identity(path, sheet)
    except O2OError as exc:
        return ImportResult(str(path), "crm", REFUSED, exc.one_line())
    loader = crm_loader(mapping=mapping, mapping_file=mapping_file, encoding=encoding,
                        delimiter=delimiter, sheet=sheet, header_line=header_line)
    result = run_import(ws, path, "crm", loader, progress=progress, cancel=cancel, identity_suffix=identity,
                        hash_in_background=True)
    if result.status == IMPORTED:
        result.details["rejects_file"] = None
        if write_rejects and result.details.get("reject_entries"):
            result.details["rejects_file"] = str(export_rejects(ws, result.import_id, rejects_file).resolve())
    return result
