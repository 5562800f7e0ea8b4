"""Receipts: operation types read from words and numbers, unusable values listed and counted
(QA issue 5: a `Тип` column of 'Возврат прихода' was stored NULL and counted as a sale)."""
from __future__ import annotations

import csv
import json

import duckdb
import openpyxl
import pytest

from engine.crm import receipt_values as rv
from engine.crm.receipts import import_receipts
from engine.imports.registry import IMPORTED

FN = "9960440300000001"
SPELLINGS = {  # as written in the file -> FFD operation type
    "Приход": 1, " приход ": 1, "ПРОДАЖА": 1, "1": 1, "sale": 1, "Sell": 1, "Income": 1,
    "Возврат прихода": 2, "возврат\u00a0прихода": 2, "Возврат продажи": 2, "возврат": 2, "2": 2, "02": 2,
    "Return": 2, "refund": 2, "sell_refund": 2, "IncomeReturn": 2, "sale return": 2,
    "Расход": 3, "3": 3, "purchase": 3, "buy": 3, "Expense": 3,
    "Возврат расхода": 4, "4": 4, "purchase return": 4, "buy_refund": 4, "ExpenseReturn": 4,
}
NOT_UNDERSTOOD = ["коррекция", "5", "0", "возврат прихода прихода", "приходы", "1,5"]


def _read_rejects(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [(int(r["line"]), r["column"], r["value"], r["reason"]) for r in csv.DictReader(fh, delimiter=";")]


def test_words_and_numbers_read_the_same_in_python_and_sql():
    con = duckdb.connect()
    words = list(SPELLINGS) + NOT_UNDERSTOOD + ["", "  "]
    sql = dict(con.execute(f"SELECT w, {rv.operation_type_sql('w')} FROM unnest(?::VARCHAR[]) t(w)",
                           [words]).fetchall())
    for word in words:
        expected = SPELLINGS.get(word)
        assert rv.operation_type_of(word) == expected, word
        assert sql[word] == expected, word
    assert [rv.operation_type_of(v) for v in (1, 2.0, 4, 5, 0, True, None)] == [1, 2, 4, None, None, None, None]


def test_qa_table_types_read_and_unusable_values_reported(workspace, tmp_path):
    """The QA file: every spelling read, an unknown or blank type rejects its row, a bad card and
    a bad phone are dropped from a stored receipt, each with its line, column, raw value and reason."""
    rows = [(word, "2700000011", "8 916 123-45-67") for word in SPELLINGS]  # lines 2..
    rows += [("Возврат прихода", "1", "мусор"),        # the QA row: return stored, card and phone dropped
             ("коррекция", "", ""),                    # unknown type: rejected
             ("", "", ""),                             # no type: rejected
             ("приход", "27E+12", "a@b")]              # Excel-mangled card, an e-mail is no phone
    path = tmp_path / "table2.csv"
    lines = ["ФН;ФД;ФП;Дата;Сумма;Тип;Карта;Телефон покупателя"]
    totals = {}
    for n, (word, card, phone) in enumerate(rows, start=1):
        totals[n] = 100 * n + n  # kopecks, distinct per receipt
        lines.append(f"{FN};{n};{1000 + n};17.09.2024 18:{n % 60:02d};{totals[n] // 100},{totals[n] % 100:02d};"
                     f"{word};{card};{phone}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_receipts(workspace, path)
    d = result.details
    assert result.status == IMPORTED, result.message

    qa, unknown, blank, mangled = len(SPELLINGS) + 1, len(SPELLINGS) + 2, len(SPELLINGS) + 3, len(SPELLINGS) + 4
    expected_type = {n: SPELLINGS[word] for n, (word, _c, _p) in enumerate(rows, start=1) if word in SPELLINGS}
    expected_type[qa], expected_type[mangled] = 2, 1
    stored = dict(workspace.con.execute("SELECT fd, operation_type FROM receipts").fetchall())
    assert stored == expected_type
    sign = {1: 1, 2: -1, 3: -1, 4: 1}  # a sale return and a purchase pay money out
    assert d["net_sales_kop"] == sum(sign[t] * totals[n] for n, t in expected_type.items())
    assert (d["sales"], d["returns"]) == (sum(t == 1 for t in expected_type.values()),
                                          sum(t == 2 for t in expected_type.values()))
    assert (d["documents"], d["receipts"], d["rejected"], d["values_dropped"]) == (len(rows), len(rows) - 2, 2, 4)
    assert d["sales_assumed"] == 0
    assert workspace.con.execute(f"SELECT card, buyer_phone FROM receipts WHERE fd = {qa}").fetchone() == (None, None)
    assert workspace.con.execute("SELECT card, buyer_phone FROM receipts WHERE fd = 1").fetchone() == (
        "2700000011", "+79161234567")
    reason = "operation type: " + rv.BAD_OPERATION
    assert _read_rejects(d["rejects_file"]) == [
        (qa + 1, "Карта", "1", "not a card number (4-32 letters or digits)"),
        (qa + 1, "Телефон покупателя", "мусор", "not a phone number"),
        (unknown + 1, "Тип", "коррекция", reason),
        (blank + 1, "Тип", "", "no operation type"),
        (mangled + 1, "Карта", "27E+12", "card number mangled by Excel (scientific notation)"),
        (mangled + 1, "Телефон покупателя", "a@b", "not a phone number")]
    assert "4 value(s) dropped" in result.message


def test_xlsx_numeric_types_and_a_table_without_a_type_column(workspace, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ФН", "ФД", "ФП", "Дата", "Сумма", "Тип операции", "E-mail покупателя"])
    for n, kind in enumerate([1, 2, 3, 4, 2.0, 7], start=1):
        sheet.append([FN, n, 1000 + n, f"17.09.2024 18:0{n}", 10 * n, kind, "Buyer@Mail.RU" if n == 1 else "x@"])
    path = tmp_path / "types.xlsx"
    book.save(path)
    d = import_receipts(workspace, path).details
    assert dict(workspace.con.execute("SELECT fd, operation_type FROM receipts").fetchall()) == {
        1: 1, 2: 2, 3: 3, 4: 4, 5: 2}
    assert d["net_sales_kop"] == 100 * (10 - 20 - 30 + 40 - 50)
    assert (d["rejected"], d["values_dropped"]) == (1, 4)  # type 7; four e-mails 'x@'
    assert workspace.con.execute("SELECT buyer_email FROM receipts WHERE fd = 1").fetchone()[0] == "buyer@mail.ru"
    report = _read_rejects(d["rejects_file"])
    assert report[0] == (3, "E-mail покупателя", "x@", "invalid e-mail")
    assert (7, "Тип операции", "7") == report[-1][:3]

    plain = tmp_path / "sales.csv"
    plain.write_text(f"ФН;ФД;ФП;Дата;Сумма\n{FN};11;2011;17.09.2024 18:01;10\n{FN};12;2012;17.09.2024 18:02;5\n",
                     encoding="utf-8")
    result = import_receipts(workspace, plain)
    assert (result.details["sales_assumed"], result.details["net_sales_kop"], result.details["sales"]) == (2, 1500, 2)
    assert "every receipt read as a sale" in result.message
    assert result.details["rejects_file"] is None


def _doc(fd, **extra):
    doc = {"fiscalDriveNumber": FN, "fiscalDocumentNumber": fd, "fiscalSign": 1000 + fd,
           "dateTime": 1726585260, "totalSum": 10000, "operationType": 1}
    doc.update(extra)
    return doc


@pytest.mark.parametrize("form", ["json", "qr"])
def test_json_and_qr_need_a_usable_operation_type(workspace, tmp_path, form):
    if form == "json":
        docs = [_doc(1, operationType="Возврат прихода"), _doc(2, operationType="2"), _doc(3, operationType=9),
                _doc(4, operationType=None), _doc(5, buyerPhoneOrAddress="мусор", loyaltyCard="12"),
                _doc(6, buyerPhoneOrAddress="buyer@example")]
        del docs[3]["operationType"]
        path = tmp_path / "r.json"
        path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    else:
        qr = "t=20240917T1801&s=100.00&fn=" + FN + "&i={i}&fp={fp}"
        lines = [qr.format(i=1, fp=1001) + "&n=2", qr.format(i=2, fp=1002) + "&n=2", qr.format(i=3, fp=1003) + "&n=9",
                 qr.format(i=4, fp=1004), qr.format(i=5, fp=1005) + "&n=1", qr.format(i=6, fp=1006) + "&n=1"]
        path = tmp_path / "qr.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    d = import_receipts(workspace, path).details
    assert dict(workspace.con.execute("SELECT fd, operation_type FROM receipts").fetchall()) == {
        1: 2, 2: 2, 5: 1, 6: 1}
    assert (d["receipts"], d["rejected"], d["net_sales_kop"]) == (4, 2, 10000 * (-1 - 1 + 1 + 1))
    report = _read_rejects(d["rejects_file"])
    assert [(line, column) for line, column, _v, _r in report][:2] == (
        [(3, "operationType"), (4, "operationType")] if form == "json" else [(3, "n"), (4, "n")])
    if form == "json":
        assert report[2:] == [(5, "buyerPhoneOrAddress", "мусор", "not a phone number"),
                              (5, "loyaltyCard", "12", "not a card number (4-32 letters or digits)"),
                              (6, "buyerPhoneOrAddress", "buyer@example", "invalid e-mail")]
        assert d["values_dropped"] == 3
