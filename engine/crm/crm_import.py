"""CRM import: a CSV/XLSX export of customers -> `contacts`, every dropped value explained.

Outcome of a row (counts in the import summary add up: rows = ok + rejected + duplicates):
- ok: it has at least one usable phone, e-mail or card that was not known before;
- duplicate: every usable phone/e-mail/card of it was already seen (earlier in this file
  or in an earlier import); not stored again, counted;
- rejected: the CSV parser refused it (wrong number of fields) or it has no usable
  phone, e-mail or card. One import_rejects entry with column NULL says so.
A value that cannot be used (invalid e-mail, Excel-mangled phone, unknown gender…) is left
out of an otherwise good row and listed in import_rejects with its column and reason
(`values_dropped` counts those entries). Columns mapped to no role are ignored and listed
(`ignored_columns`). Names longer than 1 000 characters are dropped as values.

The rejects report is also written as CSV (`export_rejects`): by default into the folder
`<workspace name>-rejects/` beside the workspace, one file per import.
"""
from __future__ import annotations

from pathlib import Path

from engine import normalize as nz
from engine.crm import mapping as mp
from engine.crm.reading import drop_source, load_table
from engine.errors import O2OError
from engine.imports.registry import IMPORTED, ImportContext, LoadOutcome, ImportResult, run_import
from engine.progress import CancelToken, ProgressFn, no_progress

MAX_NAME = 1000
MAX_ID = 200
NO_KEY = "row rejected: no usable phone, e-mail or card"
RAW = "crm_raw"


def _resolve_mapping(ws, header: list[str], mapping, mapping_file, where: str) -> tuple[dict, str]:
    if mapping_file:
        mapping, source = mp.load_mapping(mapping_file), f"file {Path(mapping_file).name}"
    elif mapping:
        source = "given"
    else:
        mapping = mp.remembered_mapping(ws, header, "crm")
        source = "remembered for this file shape"
        if mapping is None:  # by header names, and by content for columns the names do not explain
            mapping, source = _content_mapping(ws.con, header), "detected"
    full = mp.validate_mapping(mapping, header, "crm", where=where)
    if not any(r in ("phone", "email", "card") for r in full.values()):
        raise O2OError("No phone, e-mail or card column found", where=where,
                       hint="Map the columns in the import dialog or with --mapping FILE.json "
                            f"(columns: {', '.join(mp.unique_headers(header))})")
    return full, source


def _content_mapping(con, header: list[str]) -> dict[str, str]:
    """A proposal that also looks at the content of the first rows (for unnamed columns).
    No ORDER BY: scans keep the file's order, and sorting 10 M rows for 200 would cost seconds."""
    cols = ", ".join(f"c{i}" for i in range(len(header)))
    records = [list(r) for r in con.execute(f"SELECT {cols} FROM {RAW} LIMIT 200").fetchall()]
    return mp.propose_mapping(header, records, "crm")


def _role_columns(full: dict[str, str], header: list[str]) -> dict[str, list[tuple[str, str]]]:
    """role -> [(raw column cN, header name)]."""
    names = mp.unique_headers(header)
    out: dict[str, list[tuple[str, str]]] = {}
    for i, name in enumerate(names):
        role = full[name]
        if role != mp.IGNORE:
            out.setdefault(role, []).append((f"c{i}", name))
    return out


def _normalise(con, roles: dict[str, list[tuple[str, str]]]) -> None:
    """crm_norm(line, <role>_raw, <role>, <role>_reason …): one vectorised pass + libphonenumber
    for the distinct phones the fast path left undecided."""
    def raw(role: str) -> str:
        cols = roles.get(role)
        if not cols:
            return "NULL::VARCHAR"
        if len(cols) == 1:
            return cols[0][0]
        return "nullif(concat_ws(' ', " + ", ".join(f"o2o_blank({c})" for c, _ in cols) + "), '')"

    # one materialised pass; each CTE layer is one projection, so every intermediate (cleaned
    # phone, digits, lowered e-mail…) is computed once per row (see normalize.phone_layers_sql)
    pending = "pending: libphonenumber"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE crm_norm AS
        WITH base AS (SELECT line,
            {raw('phone')} AS phone_raw, {raw('email')} AS email_raw, {raw('name')} AS name_raw,
            {raw('birth_date')} AS birth_raw, {raw('gender')} AS gender_raw, {raw('card')} AS card_raw,
            {raw('consent')} AS consent_raw, {raw('crm_id')} AS id_raw FROM {RAW}),
        phones AS ({nz.phone_layers_sql('base', 'phone_raw')}),
        tidy AS (SELECT *, lower(trim(email_raw)) AS email_l, o2o_date(birth_raw) AS birth,
                    replace(replace(upper(trim(card_raw)), ' ', ''), '-', '') AS card_c,
                    o2o_gender(gender_raw) AS gender, o2o_consent(consent_raw) AS consent,
                    length(trim(name_raw)) AS name_len, length(trim(id_raw)) AS id_len FROM phones),
        checked AS (SELECT *, coalesce(o2o_email_ok(email_l), false) AS email_ok,
                        birth BETWEEN DATE '1900-01-01' AND current_date AS birth_ok,
                        CASE WHEN regexp_full_match(card_c, '[0-9A-ZА-ЯЁ]{{4,32}}') THEN card_c END AS card
                    FROM tidy),
        final AS (SELECT line, phone_raw, email_raw, name_raw, birth_raw, gender_raw, card_raw, consent_raw, id_raw,
            phone_fast AS phone,
            CASE WHEN phone_fast IS NOT NULL OR o2o_blank(phone_raw) IS NULL THEN NULL
                 WHEN o2o_sci(phone_raw) THEN '{nz.MANGLED_PHONE}' ELSE '{pending}' END AS phone_reason,
            CASE WHEN email_ok THEN email_l END AS email,
            CASE WHEN o2o_blank(email_raw) IS NOT NULL AND NOT email_ok THEN '{nz.INVALID_EMAIL}' END AS email_reason,
            CASE WHEN birth_ok THEN birth END AS birth_date,
            CASE WHEN o2o_blank(birth_raw) IS NULL THEN NULL WHEN birth IS NULL THEN '{nz.BAD_DATE}'
                 WHEN NOT birth_ok THEN '{nz.DATE_RANGE}' END AS birth_reason,
            gender,
            CASE WHEN o2o_blank(gender_raw) IS NOT NULL AND gender IS NULL THEN '{nz.BAD_GENDER}' END
                AS gender_reason,
            card,
            CASE WHEN card IS NOT NULL OR o2o_blank(card_raw) IS NULL THEN NULL
                 WHEN o2o_sci(card_raw) THEN '{nz.MANGLED_CARD}' ELSE '{nz.BAD_CARD}' END AS card_reason,
            consent,
            CASE WHEN o2o_blank(consent_raw) IS NOT NULL AND consent IS NULL THEN '{nz.BAD_CONSENT}' END
                AS consent_reason,
            CASE WHEN name_len <= {MAX_NAME} THEN o2o_blank(name_raw) END AS name,
            CASE WHEN name_len > {MAX_NAME} THEN 'name longer than {MAX_NAME} characters' END AS name_reason,
            CASE WHEN id_len <= {MAX_ID} THEN o2o_blank(id_raw) END AS crm_id,
            CASE WHEN id_len > {MAX_ID} THEN 'id longer than {MAX_ID} characters' END AS id_reason
        FROM checked)
        -- raw text is kept only where a reason will quote it in the rejects report (memory)
        SELECT * REPLACE ({", ".join(f"CASE WHEN {c}_reason IS NOT NULL THEN {c}_raw END AS {c}_raw"
                                      for c in ("phone", "email", "name", "birth", "gender", "card", "consent", "id"))})
        FROM final""")
    # the few values the fast path could not decide go through libphonenumber once each
    slow = [r[0] for r in con.execute(
        f"SELECT DISTINCT trim(phone_raw) FROM crm_norm WHERE phone_reason = '{pending}'").fetchall()]
    nz.resolve_slow_phones(con, slow, "crm_slow")
    con.execute(f"""
        UPDATE crm_norm SET phone = sp.e164,
            phone_reason = CASE WHEN sp.e164 IS NULL THEN coalesce(sp.reason, '{nz.NOT_A_PHONE}') END
        FROM crm_slow sp WHERE crm_norm.phone_reason = '{pending}' AND sp.raw = trim(crm_norm.phone_raw)""")


def _classify(con) -> None:
    """crm_rows(line, usable, seen): a row is new when it is the first sighting (smallest line) of a
    phone, e-mail or card not yet in contacts; hash aggregates, not window sorts."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE crm_rows AS
        WITH first_p AS (SELECT phone, min(line) AS first FROM crm_norm WHERE phone IS NOT NULL GROUP BY phone),
             first_e AS (SELECT email, min(line) AS first FROM crm_norm WHERE email IS NOT NULL GROUP BY email),
             first_c AS (SELECT card, min(line) AS first FROM crm_norm WHERE card IS NOT NULL GROUP BY card),
             new_p AS (SELECT * FROM first_p WHERE phone NOT IN (SELECT phone FROM contacts WHERE phone IS NOT NULL)),
             new_e AS (SELECT * FROM first_e WHERE email NOT IN (SELECT email FROM contacts WHERE email IS NOT NULL)),
             new_c AS (SELECT * FROM first_c WHERE card NOT IN (SELECT card FROM contacts WHERE card IS NOT NULL)),
             firsts AS (SELECT first AS line FROM new_p UNION SELECT first FROM new_e UNION SELECT first FROM new_c)
        SELECT n.line, (n.phone IS NOT NULL OR n.email IS NOT NULL OR n.card IS NOT NULL) AS usable,
               f.line IS NULL AS seen
        FROM crm_norm n LEFT JOIN firsts f USING (line)""")


def _write_rejects(con, import_id: int, roles: dict[str, list[tuple[str, str]]]) -> int:
    names = {role: " + ".join(n for _, n in cols) for role, cols in roles.items()}
    parts = []
    for role, col in (("phone", "phone"), ("email", "email"), ("birth_date", "birth"), ("gender", "gender"),
                      ("card", "card"), ("consent", "consent"), ("name", "name"), ("crm_id", "id")):
        if role in roles:
            header = names[role].replace("'", "''")
            parts.append(f"SELECT line, '{header}', left({col}_raw, 200), {col}_reason FROM crm_norm "
                         f"WHERE {col}_reason IS NOT NULL")
    parts.append(f"SELECT line, NULL, NULL, '{NO_KEY}' FROM crm_rows WHERE NOT usable")
    before = con.execute("SELECT count(*) FROM import_rejects WHERE import_id = ?", [import_id]).fetchone()[0]
    con.execute(f"INSERT INTO import_rejects SELECT {import_id}, * FROM ({' UNION ALL '.join(parts)})")
    return con.execute("SELECT count(*) FROM import_rejects WHERE import_id = ?", [import_id]).fetchone()[0] - before


def crm_loader(*, mapping=None, mapping_file=None, encoding=None, delimiter=None, sheet=None):
    def load(ctx: ImportContext) -> LoadOutcome:
        con, where = ctx.ws.con, str(ctx.path)
        con.execute("SET enable_progress_bar = false")  # DuckDB's own bar would write to the console
        ctx.progress(0.0, "reading")
        source = load_table(con, ctx.path, RAW, encoding=encoding, delimiter=delimiter, sheet=sheet,
                            cancel=ctx.cancel, progress=ctx.progress)
        ctx.cancel.check()
        full, mapping_source = _resolve_mapping(ctx.ws, source.header, mapping, mapping_file, where)
        mp.remember_mapping(ctx.ws, source.header, full, "crm")
        roles = _role_columns(full, source.header)
        nz.install_macros(con)
        ctx.progress(0.4, f"normalising {source.rows:,} rows")
        _normalise(con, roles)
        drop_source(con, RAW)  # the raw text is not needed any more: free its memory
        ctx.cancel.check()
        ctx.progress(0.7, "deduplicating")
        _classify(con)
        con.execute(f"""
            INSERT INTO contacts SELECT {ctx.import_id}, n.line, n.crm_id, n.name, n.phone, n.email, n.birth_date,
                n.gender, n.card, n.consent
            FROM crm_norm n JOIN crm_rows r USING (line) WHERE r.usable AND NOT r.seen""")
        ctx.cancel.check()
        ctx.progress(0.85, "writing the rejects report")
        parse_rejects = ctx.reject_rows((line, None, value.strip(), reason)
                                        for line, value, reason in source.parse_rejects)
        entries = _write_rejects(con, ctx.import_id, roles) + parse_rejects
        counts = con.execute("""
            SELECT count(*) FILTER (WHERE r.usable AND NOT r.seen), count(*) FILTER (WHERE NOT r.usable),
                   count(*) FILTER (WHERE r.usable AND r.seen), count(n.phone), count(n.email), count(n.card)
            FROM crm_norm n JOIN crm_rows r USING (line)""").fetchone()
        ok, unusable, dups, phones, emails, cards = counts
        rejected = unusable + len(source.parse_rejects)
        rows = source.rows + len(source.parse_rejects)
        for table in ("crm_norm", "crm_rows", "crm_slow"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        ignored = [c for c, r in full.items() if r == mp.IGNORE]
        details = {"rows": rows, "ok": ok, "rejected": rejected, "duplicates": dups,
                   "phones_valid": phones, "emails_valid": emails, "cards_valid": cards,
                   "values_dropped": entries - rejected, "reject_entries": entries,
                   "mapping": full, "mapping_source": mapping_source, "ignored_columns": ignored,
                   "encoding": source.encoding, "delimiter": source.delimiter, "sheet": source.sheet}
        message = (f"{ctx.path.name}: {rows:,} rows: {ok:,} new contacts, {dups:,} duplicates, "
                   f"{rejected:,} rejected" + (f"; ignored columns: {', '.join(ignored)}" if ignored else ""))
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
    target = str(path).replace("'", "''")
    ws.con.execute(
        f"COPY (SELECT i.file_name AS file, r.line, r.column_name AS column, r.value, r.reason "
        f"FROM import_rejects r JOIN imports i USING (import_id) WHERE r.import_id = {int(import_id)} "
        f"ORDER BY r.line, r.column_name NULLS FIRST) TO '{target}' (HEADER, DELIMITER ';')")
    return path


def import_crm(ws, path, *, mapping: dict | None = None, mapping_file: str | Path | None = None,
               encoding: str | None = None, delimiter: str | None = None, sheet: str | int | None = None,
               rejects_file: str | Path | None = None, write_rejects: bool = True,
               progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
               **_site_options) -> ImportResult:
    """Import a CRM export. `rejects_file` overrides where the rejects CSV goes."""
    loader = crm_loader(mapping=mapping, mapping_file=mapping_file, encoding=encoding,
                        delimiter=delimiter, sheet=sheet)
    result = run_import(ws, path, "crm", loader, progress=progress, cancel=cancel)
    if result.status == IMPORTED:
        result.details["rejects_file"] = None
        if write_rejects and result.details.get("reject_entries"):
            result.details["rejects_file"] = str(export_rejects(ws, result.import_id, rejects_file))
    return result
