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
# an ASCII e-mail already trimmed-or-space-padded and lower case: a subset of what
# normalize.o2o_email_ok accepts (no '..', a dotted domain ending in 2+ letters), so it is valid as is
EMAIL_FAST = " *[a-z0-9_%+\\-]+(\\.[a-z0-9_%+\\-]+)*@[a-z0-9\\-]+(\\.[a-z0-9\\-]+)*\\.[a-z\\-]{2,} *"
MAX_ID = 200
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
                        CASE WHEN _cf THEN card_c WHEN regexp_full_match(card_c, '[0-9A-ZА-ЯЁ]{{4,32}}') THEN card_c END
                            AS card
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
                 WHEN o2o_sci(card_raw) THEN '{nz.MANGLED_CARD}' ELSE '{nz.BAD_CARD}' END AS card_reason,
            consent,
            CASE WHEN consent IS NOT NULL THEN NULL WHEN o2o_blank(consent_raw) IS NOT NULL THEN '{nz.BAD_CONSENT}' END
                AS consent_reason,
            CASE WHEN length(name_t) <= {MAX_NAME} THEN nullif(name_t, '') END AS name,
            CASE WHEN length(name_t) > {MAX_NAME} THEN 'name longer than {MAX_NAME} characters' END AS name_reason,
            CASE WHEN length(id_t) <= {MAX_ID} THEN nullif(id_t, '') END AS crm_id,
            CASE WHEN length(id_t) > {MAX_ID} THEN 'id longer than {MAX_ID} characters' END AS id_reason
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


def classify_rows(con, extra_sql: str | None = None) -> tuple[int, int, int]:
    """(new, duplicates, unusable) rows of crm_norm, and temp table crm_dups(line) of the
    duplicates. `extra_sql`: the rows' extra phones (extra_phones_sql) when several columns are
    phones; a row's phones are all its keys, and so are the extra phones stored in contacts.
    A usable row is new when it is the first sighting (smallest line) of a phone,
    e-mail, card or CRM id not yet in contacts (a customer registered twice under one phone keeps
    both CRM ids: the second row is stored and joins the same person); otherwise a duplicate.

    Only the key values that can make a duplicate are kept: those seen twice in the file or
    already in contacts (`crm_dupkey_<key>(v, first)`, first NULL when in contacts). A row is a
    duplicate when each of its keys is such a value and not first seen on its own line. The
    hash aggregates that find them return only those values (usually few): a file without any
    is decided by their counts, and 10 M first lines are never sent to Python."""
    known_contacts = con.execute("SELECT count(*) FROM (SELECT 1 FROM contacts LIMIT 1)").fetchone()[0] > 0
    here_phones, known_phones = _phone_keys(extra_sql, known_contacts and _extras_known(con))
    keys = {"email": "(SELECT line, email AS value FROM crm_norm WHERE email IS NOT NULL)",
            "card": "(SELECT line, card AS value FROM crm_norm WHERE card IS NOT NULL)",
            "crm_id": "(SELECT line, crm_id AS value FROM crm_norm WHERE crm_id IS NOT NULL)",
            "phone": f"({here_phones})"}
    problems = 0
    for key, here in keys.items():
        known = (f"(SELECT DISTINCT value FROM ({known_phones}))" if key == "phone"
                 else f"(SELECT DISTINCT {key} AS value FROM contacts WHERE {key} IS NOT NULL)")
        seen = (f"SELECT a.value AS v, CASE WHEN k.value IS NULL THEN a.first END AS first "
                f"FROM (SELECT value, min(line) AS first, count(*) AS n FROM {here} GROUP BY value) a "
                f"LEFT JOIN {known} k USING (value) WHERE a.n > 1 OR k.value IS NOT NULL" if known_contacts else
                f"SELECT value AS v, min(line) AS first FROM {here} GROUP BY value HAVING count(*) > 1")
        con.execute(f"CREATE OR REPLACE TEMP TABLE crm_dupkey_{key} AS {seen}")
        problems += con.execute(f"SELECT count(*) FROM crm_dupkey_{key}").fetchone()[0]
    total, usable = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {USABLE}) FROM crm_norm_data").fetchone()
    con.execute("CREATE OR REPLACE TEMP TABLE crm_dups (line BIGINT)")
    if problems:
        # not new for a key: no value, or a value that repeats and is not first seen on this line
        stale = " AND ".join(f"(n.{key} IS NULL OR (d_{key}.v IS NOT NULL AND d_{key}.first IS DISTINCT FROM n.line))"
                             for key in keys)
        joins = " ".join(f"LEFT JOIN crm_dupkey_{key} d_{key} ON d_{key}.v = n.{key}" for key in keys)
        extra_new = ""
        if extra_sql:  # and none of its extra phones is new either
            extra_new = (f" AND n.line NOT IN (SELECT x.line FROM (SELECT line, unnest({extra_sql}) AS value "
                         f"FROM crm_norm n WHERE {extra_sql} IS NOT NULL) x LEFT JOIN crm_dupkey_phone d "
                         f"ON d.v = x.value WHERE d.v IS NULL OR d.first IS NOT DISTINCT FROM x.line)")
        con.execute(f"INSERT INTO crm_dups SELECT n.line FROM crm_norm n {joins} WHERE {USABLE} AND {stale}{extra_new}")
    dups = con.execute("SELECT count(*) FROM crm_dups").fetchone()[0]
    for key in keys:
        con.execute(f"DROP TABLE crm_dupkey_{key}")
    return usable - dups, dups, total - usable


def duplicate_rejects_sql(con, columns: dict[str, str] | None = None, extra_sql: str | None = None,
                          phone_column: str | None = None) -> str:
    """(line, column, value, reason) of each duplicate row, naming the key it repeats (phone
    first, then e-mail, card, CRM id), its column (`columns`: role -> header; `phone_column`: SQL
    of the phone's, see phone_column_sql) and where it was seen first: an earlier line of this
    file, or an earlier import (its number, file and line); a phone also where it was an extra
    phone (`extra_sql` as for classify_rows). Cheap when there are few duplicates (joins start
    from crm_dups)."""
    columns = columns or {}
    keys = (("phone", "phone", "phone"), ("e-mail", "email", "email"), ("card", "card", "card"),
            ("CRM id", "crm_id", "crm_id"))

    def header(role: str) -> str:
        if role == "phone" and phone_column:
            return phone_column
        return "'" + columns[role].replace("'", "''") + "'" if role in columns else "NULL"

    here_phones, known_phones = _phone_keys(extra_sql, _extras_known(con))

    dup_keys = " UNION ALL ".join(
        f"SELECT d.line, '{word}' AS word, {header(role)} AS header, {i} AS rank, n.{col} AS value "
        f"FROM crm_dups d JOIN crm_norm n USING (line) WHERE n.{col} IS NOT NULL"
        for i, (word, col, role) in enumerate(keys))
    def source(col: str, table: str) -> str:  # (…, value) rows of one key
        if col == "phone":
            return f"({here_phones if table == 'crm_norm' else known_phones})"
        return f"(SELECT *, {col} AS value FROM {table})"

    here = " UNION ALL ".join(
        f"SELECT '{word}' AS word, n.value, min(n.line) AS first FROM {source(col, 'crm_norm')} n "
        f"WHERE n.value IN (SELECT value FROM chosen WHERE word = '{word}') GROUP BY n.value"
        for word, col, _ in keys)
    before = " UNION ALL ".join(
        f"SELECT '{word}' AS word, c.value, min({{'i': c.import_id, 'l': c.line}}) AS prior FROM {source(col, 'contacts')} c "
        f"WHERE c.value IN (SELECT value FROM chosen WHERE word = '{word}') GROUP BY c.value"
        for word, col, _ in keys)
    return f"""SELECT * FROM (
        -- the key each duplicate is reported by (phone first …) is chosen before anything is joined
        -- or spelled out: one key per line instead of one per key column (−60 % on 1 M duplicates)
        WITH dup_keys AS ({dup_keys}),
             chosen AS (SELECT line, arg_min(word, rank) AS word, arg_min(header, rank) AS header,
                               arg_min(value, rank) AS value FROM dup_keys GROUP BY line),
             here AS ({here}), before AS ({before})
        SELECT k.line, k.header, left(k.word || ' ' || k.value, 200),
               CASE WHEN h.first < k.line THEN 'duplicate row: its ' || k.word || ' is on line ' || h.first
                    ELSE 'duplicate row: its ' || k.word || ' is in import #' || b.prior.i
                         || coalesce(' (' || m.file_name || ')', '') || ', line ' || b.prior.l END
        FROM chosen k
        LEFT JOIN here h ON h.word = k.word AND h.value = k.value
        LEFT JOIN before b ON b.word = k.word AND b.value = k.value
        LEFT JOIN imports m ON m.import_id = b.prior.i)"""
