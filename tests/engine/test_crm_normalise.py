"""The bulk SQL of a CRM import (engine/crm/crm_normalise.py) on a hand-made `crm_raw`: the QA
cases of issue 5 give the values and reasons written out here, the same as the scalar helpers."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from engine import normalize as nz
from engine.crm.crm_normalise import classify_rows, duplicate_rejects_sql, normalise_rows
from engine.crm.reading import TableSource
from engine.crm.sources import SheetSource

ROLES = {"phone": [("c0", "Телефон")], "name": [("c1", "Фамилия"), ("c2", "Имя")], "birth_date": [("c3", "ДР")],
         "email": [("c4", "Email")], "card": [("c5", "Карта")]}
ROWS = [  # line, phone, surname, first name, birth date, e-mail, card
    (2, "+7 916 123-45-67, 8 903 765 43 21", "М.", "", "12.03.85", "", ""),
    (3, "7.9161234567E+10", "Иванов", "И. И.", "12 марта 1985", "", ""),
    (4, "7,91612E+10", "Петрова", "А.", "44000.5", "a@b.ru", ""),
    (5, "8 (903) 765-43-21", "", "М.", "1985", "", "2700 0001"),
    (6, "+44 20 7946 0958", "Smith", "J.", "60", "", ""),
    (7, "89037654321", "Дубль", "", "12 мар 1985", "", ""),
]


@pytest.fixture()
def con():
    con = duckdb.connect()
    nz.install_macros(con)
    con.execute("CREATE TABLE crm_raw (line BIGINT, c0 VARCHAR, c1 VARCHAR, c2 VARCHAR, c3 VARCHAR, c4 VARCHAR, "
                "c5 VARCHAR)")
    con.executemany("INSERT INTO crm_raw VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [[None if v == "" else v for v in row] for row in ROWS])
    header = ["Телефон", "Фамилия", "Имя", "ДР", "Email", "Карта"]
    normalise_rows(con, ROLES, SheetSource(con, "crm_raw", TableSource(Path("crm.csv"), header)))
    yield con
    con.close()


def norm(con, *cols):
    return {r[0]: r[1:] for r in con.execute(f"SELECT line, {', '.join(cols)} FROM crm_norm ORDER BY line").fetchall()}


def test_initials_and_short_names_kept_as_they_are(con):
    got = norm(con, "name", "name_reason")
    assert got[2] == ("М.", None) and got[3] == ("Иванов И. И.", None) and got[5] == ("М.", None)
    assert got[6] == ("Smith J.", None)


def test_phones(con):
    got = norm(con, "phone", "phone_reason", "phone_raw")
    assert got[2] == ("+79161234567", nz.MULTI_PHONE, "+7 916 123-45-67, 8 903 765 43 21")
    assert got[3] == ("+79161234567", None, None)
    assert got[4] == (None, nz.MANGLED_PHONE, "7,91612E+10")
    assert got[5] == ("+79037654321", None, None)
    assert got[6] == ("+442079460958", None, None)


def test_dates(con):
    got = norm(con, "birth_date", "birth_reason", "birth_raw")
    assert got[2] == (date(1985, 3, 12), None, None) and got[3] == (date(1985, 3, 12), None, None)
    assert got[4] == (date(2020, 6, 18), None, None) and got[7] == (date(1985, 3, 12), None, None)
    assert got[5] == (None, nz.BAD_DATE, "1985") and got[6] == (None, nz.BAD_DATE, "60")


def test_first_sighting_wins_and_the_rest_are_seen(con):
    con.execute("CREATE TABLE contacts (import_id INTEGER, line BIGINT, phone VARCHAR, email VARCHAR, card VARCHAR, "
                "crm_id VARCHAR, extra_phones VARCHAR[])")
    con.execute("INSERT INTO contacts VALUES (1, 9, NULL, 'a@b.ru', NULL, NULL, NULL)")  # line 4's only key is known
    new, dups, unusable = classify_rows(con, columns={"phone": "Телефон"})
    # line 3 repeats line 2's phone; line 7 repeats line 5's; line 4 has only a known e-mail
    assert (new, dups, unusable) == (3, 3, 0)
    assert [r[0] for r in con.execute("SELECT line FROM crm_dups ORDER BY line").fetchall()] == [3, 4, 7]
    con.execute("CREATE TABLE imports (import_id INTEGER, file_name VARCHAR)")
    con.execute("INSERT INTO imports VALUES (1, 'old.csv')")
    listed = {r[0]: r[1:] for r in con.execute(duplicate_rejects_sql()).fetchall()}
    assert listed == {3: ("Телефон", "phone +79161234567", "duplicate row: its phone is on line 2"),
                      4: (None, "e-mail a@b.ru", "duplicate row: its e-mail is in import #1 (old.csv), line 9"),
                      7: ("Телефон", "phone +79037654321", "duplicate row: its phone is on line 5")}
