"""contacts.phone, .email and .card are stored uncompressed.

DuckDB compresses text columns with DICT_FSST, whose symbol training costs more than half of
writing a CRM import's rows: 10 M unique phones, e-mails and cards took 4.2 s to store, 2.3 s
uncompressed (benchmarks/bench_crm_import.py). Those columns are nearly all distinct values,
so compression saves little besides their few shared substrings: the table takes ~25 bytes more
per contact (10 M contacts: ~240 MB → ~510 MB). Names, gender and the rest keep DuckDB's choice.

DuckDB cannot change a column's compression in place, so the table is made again with its rows.
"""
VERSION = 10
DESCRIPTION = "contacts: phone, email, card stored uncompressed (faster CRM imports)"

KEYS = ("phone", "email", "card")


def apply(con) -> None:
    columns = con.execute(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_name = 'contacts' AND table_schema = 'main' ORDER BY ordinal_position").fetchall()
    spec = ", ".join(f"{name} {kind}" + (" USING COMPRESSION uncompressed" if name in KEYS else "")
                     + ("" if nullable == "YES" else " NOT NULL") for name, kind, nullable in columns)
    con.execute(f"CREATE TABLE contacts_m010 ({spec})")
    con.execute("INSERT INTO contacts_m010 SELECT * FROM contacts")
    con.execute("DROP TABLE contacts")
    con.execute("ALTER TABLE contacts_m010 RENAME TO contacts")
