"""CRM rows normalised and deduplicated in DuckDB: the heavy part of a CRM import.

normalise_rows: the opened file (engine/crm/sources.py, c0…cN as text) -> temp table
`crm_norm_data` and view `crm_norm` with each row's line (per role: the value; per mapped role also
the raw text where it is rejected, and the reason). classify_rows: which usable rows are new
against this file and the workspace's `contacts`; the duplicates go to `crm_dups(line)`.
duplicate_rejects_sql: the rejects-report entries of those duplicates.
"""
from __future__ import annotations

from engine import normalize as nz
from engine.crm.reading import TableSource

MAX_NAME = 1000
NAME_TOO_LONG = f"name longer than {MAX_NAME} characters"
# an ASCII e-mail already trimmed-or-space-padded and lower case: a subset of what
# normalize.o2o_email_ok accepts (no '..', a dotted domain ending in 2+ letters), so it is valid as is
EMAIL_FAST = " *[a-z0-9_%+\\-]+(\\.[a-z0-9_%+\\-]+)*@[a-z0-9\\-]+(\\.[a-z0-9\\-]+)*\\.[a-z\\-]{2,} *"
MAX_ID = 200
ID_TOO_LONG = f"id longer than {MAX_ID} characters"
RAW = "crm_raw"  # names the source (XLSX table, CSV parser rejects)
USABLE = "(phone IS NOT NULL OR email IS NOT NULL OR card IS NOT NULL)"  # a row with a contact key
# role -> prefix of its <prefix>_raw / <prefix>_reason columns in crm_norm
PREFIX = {"phone": "phone", "email": "email", "name": "name", "birth_date": "birth", "gender": "gender",
          "card": "card", "consent": "consent", "crm_id": "id"}


def normalise_rows(con, roles: dict[str, list[tuple[str, str]]], source) -> TableSource:
    """crm_norm(line, <role>_raw, <role>, <role>_reason …) over temp table crm_norm_data: one
    vectorised pass straight from the file (`source`: engine.crm.sources) + libphonenumber for
    the distinct phones the fast path left undecided. Returns the source's TableSource (rows,
    parse rejects)."""
    def raw(role: str) -> str:
        cols = roles.get(role)
        if not cols:
            return "NULL::VARCHAR"
        if len(cols) == 1 or role == "phone":  # other phone columns: see extra_phone_names
            return cols[0][0]
        return "nullif(concat_ws(' ', " + ", ".join(f"o2o_blank({c})" for c, _ in cols) + "), '')"

    # one materialised pass; each CTE layer is one projection, so every intermediate (cleaned
    # phone, digits, lowered e-mail…) is computed once per row (see normalize.phone_layers_sql)
    pending = "pending: libphonenumber"
    extra = extra_phone_names(roles)
    phone_layers = f"phones AS ({nz.phone_layers_sql('base', 'phone_raw')})"
    for previous, x in zip(["phones", *(f"{x}_l" for x in extra)], extra):  # a projection layer per phone column
        phone_layers += f", {x}_l AS ({nz.phone_layers_sql(previous, f'{x}_raw', f'{x}_fast')})"
    extra_raw = "".join(f"{col} AS {x}_raw, " for (col, _), x in zip(roles.get("phone", [])[1:], extra))
    extra_final = "".join(f"{x}_raw, {x}_fast AS {x}, {_phone_reason(x, pending)} AS {x}_reason, " for x in extra)
    extra_final += "NULL::VARCHAR AS phone1, " if extra else ""
    kept_raw = [c for r, c in PREFIX.items() if r in roles] + extra
    unmapped = [c for r, c in PREFIX.items() if r not in roles]
    exclude = f"EXCLUDE ({', '.join(f'{c}_raw, {c}_reason' for c in unmapped)})" if unmapped else ""
    line = "line, " if source.has_line else ""  # a CSV file's rows get theirs from the view below

    def sql_of(relation: str) -> str:
        return f"""
        CREATE TEMP TABLE crm_norm_data AS
        WITH base AS (SELECT {line} {extra_raw}
            {raw('phone')} AS phone_raw, {raw('email')} AS email_raw, {raw('name')} AS name_raw,
            {raw('birth_date')} AS birth_raw, {raw('gender')} AS gender_raw, {raw('card')} AS card_raw,
            {raw('consent')} AS consent_raw, {raw('crm_id')} AS id_raw FROM {relation}),
        {phone_layers},
        -- the common clean spellings of e-mails and cards are recognised by one capture-free match
        -- and kept as they are (no lower/upper/replace copies); the rest go the general way
        quick AS (SELECT *, regexp_full_match(email_raw, '{EMAIL_FAST}') AS _ef,
                      regexp_full_match(card_raw, '[0-9]{{4,32}}') AS _cf FROM {extra[-1] + '_l' if extra else 'phones'}),
        tidy AS (SELECT *, CASE WHEN _ef THEN o2o_trim(email_raw) ELSE lower(trim(email_raw)) END AS email_l,
                    o2o_date(birth_raw) AS birth,
                    CASE WHEN _cf THEN card_raw ELSE replace(replace(upper(trim(card_raw)), ' ', ''), '-', '') END
                        AS card_c,
                    o2o_gender(gender_raw) AS gender, o2o_consent(consent_raw) AS consent,
                    o2o_trim(name_raw) AS name_t, o2o_trim(id_raw) AS id_t FROM quick),
        checked AS (SELECT *, CASE WHEN _ef THEN true ELSE coalesce(o2o_email_ok(email_l), false) END AS email_ok,
                        birth BETWEEN DATE '1900-01-01' AND current_date AS birth_ok,
                        -- digits only: a placeholder is one repeated digit (the word list is letters)
                        CASE WHEN _cf AND card_c <> repeat(left(card_c, 1), strlen(card_c)) THEN card_c
                             WHEN NOT _cf AND regexp_full_match(card_c, '[0-9A-ZА-ЯЁ]{{4,32}}')
                                  AND NOT o2o_card_placeholder(card_c) THEN card_c END AS card
                    FROM tidy),
        final AS (SELECT {line}phone_raw, email_raw, name_raw, birth_raw, gender_raw, card_raw, consent_raw, id_raw,
            phone_fast AS phone, {_phone_reason('phone', pending)} AS phone_reason, {extra_final}
            CASE WHEN email_ok THEN email_l END AS email,
            CASE WHEN email_ok THEN NULL WHEN o2o_blank(email_raw) IS NOT NULL THEN '{nz.INVALID_EMAIL}' END
                AS email_reason,
            CASE WHEN birth_ok THEN birth END AS birth_date,
            CASE WHEN birth_ok THEN NULL WHEN o2o_blank(birth_raw) IS NULL THEN NULL WHEN birth IS NULL THEN '{nz.BAD_DATE}'
                 WHEN NOT birth_ok THEN '{nz.DATE_RANGE}' END AS birth_reason,
            gender,
            CASE WHEN gender IS NOT NULL THEN NULL WHEN o2o_blank(gender_raw) IS NOT NULL THEN '{nz.BAD_GENDER}' END
                AS gender_reason,
            card,
            CASE WHEN card IS NOT NULL THEN NULL WHEN o2o_blank(card_raw) IS NULL THEN NULL
                 ELSE o2o_card_drop_reason(card_raw, card_c) END AS card_reason,
            consent,
            CASE WHEN consent IS NOT NULL THEN NULL WHEN o2o_blank(consent_raw) IS NOT NULL THEN '{nz.BAD_CONSENT}' END
                AS consent_reason,
            CASE WHEN length(name_t) <= {MAX_NAME} THEN nullif(name_t, '') END AS name,
            CASE WHEN length(name_t) > {MAX_NAME} THEN '{NAME_TOO_LONG}' END AS name_reason,
            CASE WHEN length(id_t) <= {MAX_ID} THEN nullif(id_t, '') END AS crm_id,
            CASE WHEN length(id_t) > {MAX_ID} THEN '{ID_TOO_LONG}' END AS id_reason
        FROM checked)
        -- raw text is kept only where a reason will quote it in the rejects report (memory); an
        -- unmapped role has no raw/reason columns at all (10 M NULLs still cost a second to write)
        SELECT * {exclude} REPLACE ({", ".join(f"CASE WHEN {c}_reason IS NOT NULL THEN {c}_raw END AS {c}_raw"
                                               for c in kept_raw)})
        FROM final"""
    table = source.create(sql_of, "crm_norm_data")
    source.add_line_numbers("crm_norm", "crm_norm_data")
    if "phone" not in roles:  # an e-mail- or card-only export: no phone columns at all
        return table
    # the few values the fast path could not decide go through libphonenumber once each
    phones = ["phone", *extra]
    slow = [r[0] for r in con.execute(" UNION ".join(
        f"SELECT DISTINCT trim({x}_raw) FROM crm_norm WHERE {x}_reason = '{pending}'" for x in phones)).fetchall()]
    nz.resolve_slow_phones(con, slow, "crm_slow")
    for x in phones:
        con.execute(f"""
            UPDATE crm_norm_data n SET {x} = sp.e164,
                {x}_reason = CASE WHEN sp.e164 IS NULL THEN coalesce(sp.reason, '{nz.NOT_A_PHONE}') ELSE sp.reason END,
                {x}_raw = CASE WHEN sp.e164 IS NULL OR sp.reason IS NOT NULL THEN n.{x}_raw END
            FROM crm_slow sp WHERE n.{x}_reason = '{pending}' AND sp.raw = trim(n.{x}_raw)""")
    if extra:  # the row's phone is its first valid one (the first column's is kept as phone1)
        # VARCHAR columns only: DuckDB updates a LIST column by delete + append, which would
        # reorder the rows and so their line numbers (crm_norm counts them by position)
        con.execute(f"""
            UPDATE crm_norm_data SET phone1 = phone, phone = coalesce({', '.join(phones)})
            WHERE {' OR '.join(f'{x} IS NOT NULL' for x in extra)}""")
    return table


def extra_phones_sql(roles: dict[str, list[tuple[str, str]]], alias: str = "n") -> str | None:
    """SQL of the row's valid phones after its first, each once, in column order (VARCHAR[]; NULL
    when none): from the phone columns' own values in crm_norm (phone1 is the first column's when
    an UPDATE set `phone` from a later one). None when one column at most is a phone."""
    extra = extra_phone_names(roles)
    if not extra:
        return None
    values = "[" + ", ".join([f"coalesce({alias}.phone1, {alias}.phone)"] + [f"{alias}.{x}" for x in extra]) + "]"
    found = f"list_filter({values}, lambda p, i: p IS NOT NULL AND list_position({values}, p) = i)"
    return f"CASE WHEN len({found}) > 1 THEN {found}[2:] END"


def extra_phone_names(roles: dict[str, list[tuple[str, str]]]) -> list[str]:
    """crm_norm's names of the phone columns after the first (phone2, phone3 …): each has its own
    <name>_raw and <name>_reason, so a bad value is reported under its own column."""
    return [f"phone{i}" for i in range(2, len(roles.get("phone", [])) + 1)]


def _phone_reason(x: str, pending: str) -> str:
    return (f"CASE WHEN {x}_fast IS NOT NULL THEN NULL WHEN o2o_blank({x}_raw) IS NULL THEN NULL "
            f"WHEN o2o_sci({x}_raw) THEN '{nz.MANGLED_PHONE}' ELSE '{pending}' END")


def phone_column_sql(roles: dict[str, list[tuple[str, str]]]) -> str:
    """SQL (over crm_norm as n) of the header of the column a row's phone came from."""
    names = ["'" + name.replace("'", "''") + "'" for _, name in roles.get("phone", [])]
    extra = extra_phone_names(roles)
    if not extra:
        return names[0] if names else "NULL"
    untouched = " AND ".join(f"n.{x} IS NULL" for x in extra)  # rows the UPDATE left alone: the first column's
    return (f"CASE WHEN n.phone1 IS NOT NULL OR ({untouched}) THEN {names[0]} "
            + " ".join(f"WHEN n.{x} IS NOT NULL THEN {name}" for x, name in zip(extra, names[1:])) + " END")


def _phone_keys(extra_sql: str | None, extra_known: bool) -> tuple[str, str]:
    """(line, value) of every phone of this file's rows, and (import_id, line, value) of every
    phone in contacts: a row's first phone and, where there are any, its extra phones."""
    here = "SELECT line, phone AS value FROM crm_norm WHERE phone IS NOT NULL"
    if extra_sql:
        here += f" UNION ALL SELECT line, unnest({extra_sql}) FROM crm_norm n WHERE {extra_sql} IS NOT NULL"
    known = "SELECT import_id, line, phone AS value FROM contacts WHERE phone IS NOT NULL"
    if extra_known:
        known += " UNION ALL SELECT import_id, line, unnest(extra_phones) FROM contacts WHERE extra_phones IS NOT NULL"
    return here, known


def _extras_known(con) -> bool:
    return con.execute("SELECT count(*) FROM (SELECT 1 FROM contacts WHERE extra_phones IS NOT NULL LIMIT 1)"
                       ).fetchone()[0] > 0


# the key a duplicate row is reported by: its first in this order (a usable row has one of the first three)
REPORT_KEYS = (("phone", "phone"), ("e-mail", "email"), ("card", "card"), ("CRM id", "crm_id"))
NOT_KNOWN = "NULL::STRUCT(i INTEGER, l BIGINT)"


def _duplicate_keys_sql(key: str, here: str, known: str | None) -> str:
    """(v, first, prior) of the values of one key that can make a row a duplicate: those seen twice
    in this file (first: the smallest line) or already in contacts (prior: the earliest import
    and line there; NULL when not known). `here`: (line, value) of this file; `known`:
    (import_id, line, value) of contacts, None when contacts is empty."""
    # values seen twice: their 64-bit hashes are grouped first (integers: a third cheaper than
    # text) and only the values of a repeated hash are grouped again exactly
    repeated = (f"SELECT value AS v, min(line) AS first FROM {here} WHERE hash(value) IN "
                f"(SELECT hash(value) FROM {here} GROUP BY 1 HAVING count(*) > 1) GROUP BY value HAVING count(*) > 1")
    if known is None:
        return f"SELECT v, first, {NOT_KNOWN} AS prior FROM ({repeated})"
    # one hash aggregate over this file's values and the known ones together
    return (f"SELECT value AS v, min(line) FILTER (WHERE src = 0) AS first, "
            f"min({{'i': import_id, 'l': line}}) FILTER (WHERE src = 1) AS prior FROM "
            f"(SELECT 0 AS src, NULL::INTEGER AS import_id, line, value FROM {here} UNION ALL "
            f"SELECT 1, import_id, line, value FROM {known}) GROUP BY value "
            f"HAVING count(*) FILTER (WHERE src = 0) > 1 OR (count(*) FILTER (WHERE src = 0) = 1 AND bool_or(src = 1))")


def classify_rows(con, extra_sql: str | None = None, columns: dict[str, str] | None = None,
                  phone_column: str | None = None) -> tuple[int, int, int]:
    """(new, duplicates, unusable) rows of crm_norm, and temp table crm_dups of the duplicates.
    `extra_sql`: the rows' extra phones (extra_phones_sql) when several columns are
    phones; a row's phones are all its keys, and so are the extra phones stored in contacts.
    A usable row is new when it is the first sighting (smallest line) of a phone,
    e-mail, card or CRM id not yet in contacts (a customer registered twice under one phone keeps
    both CRM ids: the second row is stored and joins the same person), or when no one earlier row
    holds all its keys (_keep_linking_rows); otherwise a duplicate.

    Only the key values that can make a duplicate are kept (_duplicate_keys_sql): a row is a
    duplicate when each of its keys is such a value and not first seen on its own line. A file
    without any is decided by their counts, and 10 M first lines are never sent to Python.
    crm_dups(line, header, word, value, first, prior, one_row) says, for the rejects report, which
    key a duplicate is listed by (REPORT_KEYS), its column (`columns`: role -> header;
    `phone_column`: SQL of the phone's, see phone_column_sql) and where that value was seen first:
    an earlier line of this file (`first` < line) or an earlier import (`prior`)."""
    columns = columns or {}
    known_contacts = con.execute("SELECT count(*) FROM (SELECT 1 FROM contacts LIMIT 1)").fetchone()[0] > 0
    here_phones, known_phones = _phone_keys(extra_sql, known_contacts and _extras_known(con))
    problems = 0
    for word, key in REPORT_KEYS:
        # a CRM id on a rejected row (no phone, e-mail or card) was never stored: it is not seen
        here = (f"({here_phones})" if key == "phone"
                else f"(SELECT line, {key} AS value FROM crm_norm WHERE {key} IS NOT NULL AND {USABLE})")
        known = (f"({known_phones})" if key == "phone"
                 else f"(SELECT import_id, line, {key} AS value FROM contacts WHERE {key} IS NOT NULL)")
        con.execute(f"CREATE OR REPLACE TEMP TABLE crm_dupkey_{key} AS "
                    f"{_duplicate_keys_sql(key, here, known if known_contacts else None)}")
        problems += con.execute(f"SELECT count(*) FROM crm_dupkey_{key}").fetchone()[0]
    total, usable = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {USABLE}) FROM crm_norm_data").fetchone()
    con.execute(f"CREATE OR REPLACE TEMP TABLE crm_dups (line BIGINT, header VARCHAR, word VARCHAR, value VARCHAR, "
                f"first BIGINT, prior {NOT_KNOWN[len('NULL::'):]}, one_row BOOLEAN)")
    if problems:
        # not new for a key: no value, or a value that is known or not first seen on this line
        stale = " AND ".join(f"(n.{key} IS NULL OR (d_{key}.v IS NOT NULL AND "
                             f"(d_{key}.prior IS NOT NULL OR d_{key}.first <> n.line)))" for _, key in REPORT_KEYS)
        joins = " ".join(f"LEFT JOIN crm_dupkey_{key} d_{key} ON d_{key}.v = n.{key}" for _, key in REPORT_KEYS)
        extra_new = ""
        if extra_sql:  # and none of its extra phones is new either
            extra_new = (f" AND n.line NOT IN (SELECT x.line FROM (SELECT line, unnest({extra_sql}) AS value "
                         f"FROM crm_norm n WHERE {extra_sql} IS NOT NULL) x LEFT JOIN crm_dupkey_phone d "
                         f"ON d.v = x.value WHERE d.v IS NULL OR (d.prior IS NULL AND d.first = x.line))")

        def reported(sql_of) -> str:  # the value of the key the row is reported by
            return "CASE " + " ".join(f"WHEN n.{key} IS NOT NULL THEN {sql_of(word, key)}"
                                      for word, key in REPORT_KEYS) + " END"

        def header(_word: str, key: str) -> str:  # the key's column (a role's name is its key's)
            if key == "phone" and phone_column:
                return phone_column
            return "'" + columns[key].replace("'", "''") + "'" if key in columns else "NULL"

        def sighting(_w, k: str) -> str:  # where a key was first seen: (import, line), this file's import -1
            return f"{{'i': coalesce(d_{k}.prior.i, -1), 'l': coalesce(d_{k}.prior.l, d_{k}.first)}}"

        # one_row: every key was first seen in the same row, which so holds them all
        one_row = " AND ".join(f"(n.{k} IS NULL OR {sighting(w, k)} = {reported(sighting)})" for w, k in REPORT_KEYS)
        con.execute(f"""
            INSERT INTO crm_dups SELECT n.line, {reported(header)}, {reported(lambda w, k: f"'{w}'")},
                {reported(lambda w, k: f"n.{k}")}, {reported(lambda w, k: f"d_{k}.first")},
                {reported(lambda w, k: f"d_{k}.prior")}, {one_row}
            FROM crm_norm n {joins} WHERE {USABLE} AND {stale}{extra_new}""")
        if extra_sql:  # … and so were its extra phones (a row with extra phones has a first phone)
            con.execute(f"""
                UPDATE crm_dups SET one_row = false WHERE one_row AND line IN (
                    SELECT x.line FROM (SELECT line, phone, unnest({extra_sql}) AS value FROM crm_norm n
                                        WHERE {extra_sql} IS NOT NULL) x
                    JOIN crm_dupkey_phone d_phone ON d_phone.v = x.phone
                    JOIN crm_dupkey_phone d_x ON d_x.v = x.value
                    WHERE {sighting('', 'x')} <> {sighting('', 'phone')})""")
        _keep_linking_rows(con, here_phones, known_phones if known_contacts else None)
    dups = con.execute("SELECT count(*) FROM crm_dups").fetchone()[0]
    for _, key in REPORT_KEYS:
        con.execute(f"DROP TABLE crm_dupkey_{key}")
    return usable - dups, dups, total - usable


def _keep_linking_rows(con, here_phones: str, known_phones: str | None) -> None:
    """Take out of crm_dups the rows whose keys, each seen before, were never together in one row
    (a phone of one stored row with the e-mail of another): such a row links them, and is stored
    so that the identity graph joins them. A row stays a duplicate when one earlier row of this
    file or of contacts holds all its keys. Only rows whose keys were first seen in different rows
    are checked (`one_row` false): usually few."""
    if not con.execute("SELECT count(*) FROM crm_dups WHERE NOT one_row").fetchone()[0]:
        return

    def keys(phones: str, table: str, where: str, import_id: str) -> str:  # (i, line, kind, value) of a table
        parts = [f"SELECT {import_id} AS i, line, 'phone' AS kind, value FROM ({phones})"]
        parts += [f"SELECT {import_id}, line, '{k}', {k} FROM {table} WHERE {k} IS NOT NULL {where}"
                  for k in ("email", "card", "crm_id")]
        return " UNION ALL ".join(parts)

    usable = f"AND {USABLE}"
    here = keys(here_phones, "crm_norm", usable, "-1")
    seen = here + (" UNION ALL " + keys(known_phones, "contacts", "", "import_id") if known_phones else "")
    # the earlier rows holding all keys of each such row: (line, i, held) with i = -1 for this file
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE crm_holders AS
        WITH wanted AS MATERIALIZED (
            SELECT DISTINCT h.line, h.kind, h.value FROM ({here}) h
            WHERE h.line IN (SELECT line FROM crm_dups WHERE NOT one_row)),
        sizes AS (SELECT line, count(*) AS n FROM wanted GROUP BY line)
        SELECT w.line, s.i, s.line AS held FROM wanted w
        JOIN ({seen}) s ON s.kind = w.kind AND s.value = w.value AND (s.i <> -1 OR s.line < w.line)
        JOIN sizes z ON z.line = w.line
        GROUP BY w.line, s.i, s.line, z.n HAVING count(DISTINCT (w.kind, w.value)) = z.n""")
    con.execute("DELETE FROM crm_dups WHERE NOT one_row AND line NOT IN (SELECT line FROM crm_holders)")
    # the rest are reported by a stored row that holds them: this file's first kept line, else the
    # earliest contacts row (one always exists: a holder that is a duplicate has a stored holder of its own)
    con.execute("""
        UPDATE crm_dups d SET first = h.line_here, prior = CASE WHEN h.line_here IS NULL THEN h.before END
        FROM (SELECT line, min(held) FILTER (WHERE i = -1 AND held NOT IN (SELECT line FROM crm_dups)) AS line_here,
                     min({'i': i, 'l': held}) FILTER (WHERE i <> -1) AS before
              FROM crm_holders GROUP BY line) h
        WHERE d.line = h.line AND NOT d.one_row""")
    con.execute("DROP TABLE crm_holders")


def duplicate_rejects_sql() -> str:
    """(line, column, value, reason) of each duplicate row of crm_dups (classify_rows): the key it
    repeats and where it is stored: the earlier line of this file where it was first seen when that
    row is stored (not itself a duplicate), else the earlier import (its number, file and line)."""
    return """
        SELECT d.line, d.header, left(d.word || ' ' || d.value, 200),
               CASE WHEN d.prior IS NULL OR (d.first < d.line AND f.line IS NULL)
                    THEN 'duplicate row: its ' || d.word || ' is on line ' || d.first
                    ELSE 'duplicate row: its ' || d.word || ' is in import #' || d.prior.i
                         || coalesce(' (' || m.file_name || ')', '') || ', line ' || d.prior.l END
        FROM crm_dups d LEFT JOIN crm_dups f ON f.line = d.first LEFT JOIN imports m ON m.import_id = d.prior.i"""
