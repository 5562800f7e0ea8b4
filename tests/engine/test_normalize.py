"""Normalisation of phones, e-mails, dates, gender, cards: the scalar helpers and the bulk
SQL path agree, and each outcome is the one documented in engine/normalize.py."""
from __future__ import annotations

from datetime import date, timedelta

import duckdb
import phonenumbers
import pytest

from engine import normalize as nz

RUSSIAN = [
    ("8 916 123-45-67", "+79161234567"),
    ("89161234567", "+79161234567"),
    ("79161234567", "+79161234567"),
    ("9161234567", "+79161234567"),
    ("+7 (916) 123-45-67", "+79161234567"),
    ("7-916-123-45-67", "+79161234567"),
    ("8(916)123-45-67", "+79161234567"),
    ("+7 (916) 123-45-67 доб. 123", "+79161234567"),
    ("+7 495 123 45 67 ext 5", "+74951234567"),
    ("8 800 555-35-35", "+78005553535"),
    ("79161234567.0", "+79161234567"),  # a phone once stored as a float by a spreadsheet
]


@pytest.mark.parametrize("raw,expected", RUSSIAN)
def test_russian_forms_become_e164(raw, expected):
    assert nz.normalize_phone(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["+44 20 7946 0958", "+1 650 253 0000", "+49 30 901820"])
def test_foreign_numbers_agree_with_libphonenumber(raw):
    expected = phonenumbers.format_number(phonenumbers.parse(raw, None), phonenumbers.PhoneNumberFormat.E164)
    assert nz.normalize_phone(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["7,91612E+10", "7.91612E+10", "7,9161234567E+10", "8E+10"])
def test_excel_scientific_notation_is_rejected_not_guessed(raw):
    assert nz.normalize_phone(raw) == (None, "phone mangled by Excel (scientific notation)")


@pytest.mark.parametrize("raw", ["12345", "нет", "916123456", "+7 (916) 12-34", "123-45-67", "abc@x.ru"])
def test_not_phones(raw):
    assert nz.normalize_phone(raw) == (None, nz.NOT_A_PHONE)


def test_blank_is_neither_value_nor_reason():
    assert nz.normalize_phone("  ") == (None, None)
    assert nz.normalize_email(None) == (None, None)


@pytest.mark.parametrize("raw,expected", [(" Ivan@Mail.RU ", "ivan@mail.ru"), ("a.b+c@x-y.co.uk", "a.b+c@x-y.co.uk"),
                                          ("почта@пример.рф", "почта@пример.рф")])
def test_emails_trimmed_and_lowercased(raw, expected):
    assert nz.normalize_email(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["bad@", "@x.ru", "a b@x.ru", "a@b.c", "a..b@x.ru", "a@b@c.ru", "plain"])
def test_invalid_emails_flagged(raw):
    assert nz.normalize_email(raw) == (None, nz.INVALID_EMAIL)


@pytest.mark.parametrize("raw,expected", [
    ("01.02.1990", date(1990, 2, 1)), ("1.2.1990", date(1990, 2, 1)), ("01/02/1990", date(1990, 2, 1)),
    ("1990-02-01", date(1990, 2, 1)), ("1990-02-01 00:00:00", date(1990, 2, 1)),
    ("01.02.1990 0:00:00", date(1990, 2, 1)),
    ("32874", date(1899, 12, 30) + timedelta(days=32874)),   # Excel serial: 1990-01-01
    ("32874.0", date(1990, 1, 1)),
])
def test_dates(raw, expected):
    assert nz.normalize_date(raw) == (expected, None)


def test_bad_and_out_of_range_dates():
    assert nz.normalize_date("31.02.1990") == (None, nz.BAD_DATE)
    assert nz.normalize_date("вчера") == (None, nz.BAD_DATE)
    assert nz.normalize_date("2999-01-01") == (None, nz.DATE_RANGE)
    assert nz.normalize_date("01.01.1850") == (None, nz.DATE_RANGE)


@pytest.mark.parametrize("raw,expected", [("М", "m"), ("муж", "m"), ("Мужской", "m"), ("male", "m"), ("M", "m"),
                                          ("Ж", "f"), ("жен.", "f"), ("Женский", "f"), ("FEMALE", "f"), ("f", "f")])
def test_gender(raw, expected):
    assert nz.normalize_gender(raw) == (expected, None)


def test_unknown_gender_flagged():
    assert nz.normalize_gender("?") == (None, nz.BAD_GENDER)


def test_cards():
    assert nz.normalize_card(" 2700 0000-1234 ") == ("270000001234", None)
    assert nz.normalize_card("2,70000001234E+12") == (None, nz.MANGLED_CARD)
    assert nz.normalize_card("12") == (None, nz.BAD_CARD)


def test_receipt_buyer_contact_is_phone_or_email():
    assert nz.phone_or_email("Buyer@Example.RU ") == (None, "buyer@example.ru")
    assert nz.phone_or_email("+79161234567") == ("+79161234567", None)
    assert nz.phone_or_email("") == (None, None)


def test_bulk_sql_agrees_with_scalar_helpers():
    values = [raw for raw, _ in RUSSIAN] + ["7,91612E+10", "12345", "+44 20 7946 0958", None, ""]
    con = duckdb.connect()
    nz.install_macros(con)
    con.execute("CREATE TABLE t (v VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[v] for v in values])
    slow = [r[0] for r in con.execute(nz.slow_phone_candidates_sql("v", "t")).fetchall()]
    assert sorted(slow) == ["+44 20 7946 0958", "12345"]  # only what the fast path cannot decide
    nz.resolve_slow_phones(con, slow, "slow")
    value, reason = nz.phone_sql("t.v", "slow")
    got = con.execute(f"SELECT t.v, {value}, {reason} FROM t LEFT JOIN slow sp ON sp.raw = trim(t.v)").fetchall()
    for raw, e164, why in got:
        assert (e164, why) == nz.normalize_phone(raw), raw
    # the layered bulk form the CRM import uses decides the same fast-path values
    layered = con.execute(f"SELECT v, phone_fast FROM ({nz.phone_layers_sql('t', 'v')})").fetchall()
    fast = con.execute("SELECT v, o2o_phone_fast(v) FROM t").fetchall()
    assert sorted(layered, key=str) == sorted(fast, key=str)


def test_phone_hash_macro_matches_hashing_spec():
    from engine.hashing import phone_sha256

    con = duckdb.connect()
    nz.install_macros(con)
    assert con.execute("SELECT o2o_phone_sha256('+79995551111')").fetchone()[0] == phone_sha256("+79995551111")
