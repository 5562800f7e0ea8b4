"""contacts.extra_phones: the phones of a CRM row beyond its first.

A CRM export may have several phone columns (mobile, home, "Телефон 2"). The row's phone is its
first valid one (column order), as before; the other valid ones, each once, are kept here (E.164)
so the identity graph links them to the same person (engine/people.py). NULL when there are none.
"""
VERSION = 9
DESCRIPTION = "contacts: extra_phones (other phone columns of a CRM row)"


def apply(con) -> None:
    con.execute("ALTER TABLE contacts ADD COLUMN extra_phones VARCHAR[]")
