"""people gets the till's local time of the last purchase and lower-cased search columns.

- `last_purchase_local`: the local time (`receipts.local_ts`, the till's time at its site) of
  the person's latest receipt by UTC time — what the People table and the profile show;
  `last_purchase` stays UTC.
- `search_name` = lower(name), `search_ids` = lower-cased phones, e-mails, cards and CRM ids
  of the person joined by U+001F: the People filter matches them with `contains()` (a plain
  substring scan of one column) instead of ILIKE on the name (which lower-cases every
  Cyrillic name per keystroke) and a semi-join over `identities`. Devices are left out: their
  keys are internal numbers a typed number must not find.

People are derived (engine/people.py rebuilds them with these columns); here the rows an
existing workspace already has are filled once, from its identities and receipts.
"""
VERSION = 7
DESCRIPTION = "people: last_purchase_local, search_name, search_ids"

SEPARATOR = "chr(31)"  # between identities in search_ids; engine/people.py joins them the same way


def apply(con) -> None:
    con.execute("ALTER TABLE people ADD COLUMN last_purchase_local TIMESTAMP")
    con.execute("ALTER TABLE people ADD COLUMN search_name VARCHAR")
    con.execute("ALTER TABLE people ADD COLUMN search_ids VARCHAR")
    if con.execute("SELECT count(*) FROM people").fetchone()[0] == 0:
        return
    # DuckDB's own progress bar would write to the console of whoever opens the workspace
    shown = con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0]
    con.execute("SET enable_progress_bar = false")
    try:
        _fill(con)
    finally:
        con.execute(f"SET enable_progress_bar = {'true' if shown else 'false'}")


def _fill(con) -> None:
    # the receipts of a person are those whose buyer phone, e-mail or card is one of theirs
    con.execute(f"""
        UPDATE people SET last_purchase_local = f.last_local, search_name = lower(people.name),
                          search_ids = f.ids
        FROM (
            WITH ids AS (SELECT DISTINCT person_id, id_type, id_value FROM identities WHERE id_type <> 'device'),
            linked AS (
                SELECT i.person_id, r.receipt_id, r.ts, r.local_ts FROM ids i JOIN receipts r
                    ON i.id_type = 'phone' AND r.buyer_phone = i.id_value
                UNION SELECT i.person_id, r.receipt_id, r.ts, r.local_ts FROM ids i JOIN receipts r
                    ON i.id_type = 'email' AND r.buyer_email = i.id_value
                UNION SELECT i.person_id, r.receipt_id, r.ts, r.local_ts FROM ids i JOIN receipts r
                    ON i.id_type = 'card' AND r.card = i.id_value),
            last AS (SELECT person_id, arg_max(local_ts, (ts, receipt_id)) AS last_local FROM linked GROUP BY ALL),
            joined AS (SELECT person_id, lower(string_agg(id_value, {SEPARATOR})) AS ids FROM ids GROUP BY ALL)
            SELECT p.person_id, l.last_local, j.ids FROM people p
            LEFT JOIN last l USING (person_id) LEFT JOIN joined j USING (person_id)) f
        WHERE people.person_id = f.person_id""")
