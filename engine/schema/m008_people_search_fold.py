"""People's search columns fold ё to е, and the person's phones get a column of their own.

- `search_name`, `search_ids` (m007): lower-cased as before, and ё written е. Russian analysts
  type е for ё (Семенов for Семёнов); the filter folds the typed text the same way
  (engine/people_queries.py), so Семен and Семён both find Семёнова.
- `search_phones`: the person's phones (E.164) each preceded by U+001F
  ('\x1f+79161234567\x1f+79037654321'): the People filter matches a typed phone as a prefix
  of any of them with one `contains(search_phones, '\x1f+7916')`.

People are derived (engine/people.py writes these columns on every build); here the rows an
existing workspace already has are updated once.
"""
VERSION = 8
DESCRIPTION = "people: search columns fold ё to е; search_phones"

# the fold over an already lower-cased text: the same as engine/people_queries.py fold_sql (kept
# here as written when released: a migration never changes)
FOLD_SQL = "replace({}, 'ё', 'е')"


def apply(con) -> None:
    con.execute("ALTER TABLE people ADD COLUMN search_phones VARCHAR")
    if con.execute("SELECT count(*) FROM people").fetchone()[0] == 0:
        return
    # DuckDB's own progress bar would write to the console of whoever opens the workspace
    shown = con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0]
    con.execute("SET enable_progress_bar = false")
    try:
        con.execute(f"""
            UPDATE people SET search_name = {FOLD_SQL.format('search_name')},
                              search_ids = {FOLD_SQL.format('search_ids')}, search_phones = f.phones
            FROM (SELECT p.person_id, chr(31) || string_agg(i.id_value, chr(31)) AS phones
                  FROM people p LEFT JOIN (SELECT DISTINCT person_id, id_value FROM identities
                                           WHERE id_type = 'phone') i USING (person_id)
                  GROUP BY p.person_id) f
            WHERE people.person_id = f.person_id""")
    finally:
        con.execute(f"SET enable_progress_bar = {'true' if shown else 'false'}")
