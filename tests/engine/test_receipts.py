"""Receipts, registers and partner matches: the real FNS samples and hand-made variants."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from engine import hashing
from engine.crm.receipt_checks import flagged_receipts
from engine.crm.receipts import import_receipts
from engine.crm.registers import import_partner_matches
from engine.imports import import_file
from engine.imports.registry import IMPORTED, REFUSED, SKIPPED

# from /work/shared/data/README.md: items and totalSum per file
SAMPLES = {
    "receipt_ip_1item_flat.json": (1, 130000),
    "receipt_lenta_17items_flat.json": (17, 159800),
    "receipt_lenta_1item_v2.json": (1, 699),
    "receipt_lenta_9items_flat.json": (9, 113331),
    "receipt_lenta_ticket_wrapper.json": (2, 21760),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_real_samples_import(workspace, shared_data, name):
    items, total = SAMPLES[name]
    result = import_file(workspace, shared_data / "receipts" / name)
    assert result.status == IMPORTED, result.message
    assert (result.details["documents"], result.details["receipts"], result.details["items"]) == (1, 1, items)
    assert result.details["net_sales_kop"] == total
    row = workspace.con.execute("SELECT total_kop, kkt_reg_id, inn, (SELECT sum(sum_kop) FROM receipt_items) "
                                "FROM receipts").fetchone()
    assert row[0] == total and row[3] == total
    assert row[1] == row[1].strip() and row[2] == row[2].strip()  # space padding trimmed


def test_sample_times_are_utc_with_local_kept(workspace, shared_data):
    import_receipts(workspace, shared_data / "receipts" / "receipt_ip_1item_flat.json")
    ts, local = workspace.con.execute("SELECT ts, local_ts FROM receipts").fetchone()
    assert ts == datetime(2021, 8, 29, 9, 26)  # dateTime 1630229160 is unix seconds, UTC
    assert local == datetime(2021, 8, 29, 12, 26)  # localDateTime


def test_empty_sample_gives_a_clear_message(workspace, shared_data):
    result = import_receipts(workspace, shared_data / "receipts" / "receipt_empty_0bytes.json")
    assert result.status == REFUSED
    assert "receipt_empty_0bytes.json" in result.message and "Empty file (0 bytes)" in result.message


def test_samples_directory_in_one_go(workspace, shared_data):
    results = [import_receipts(workspace, p) for p in sorted((shared_data / "receipts").glob("*.json"))]
    assert [r.status for r in results].count(IMPORTED) == 5
    assert workspace.con.execute("SELECT count(*), sum(total_kop) FROM receipts").fetchone() == (
        5, sum(t for _, t in SAMPLES.values()))
    assert workspace.con.execute("SELECT count(*) FROM receipt_items").fetchone()[0] == 30


def _doc(fd, *, total=10000, **extra):
    doc = {"fiscalDriveNumber": "9960440300000001", "fiscalDocumentNumber": fd, "fiscalSign": 1000 + fd,
           "dateTime": 1726585260, "totalSum": total, "operationType": 1, "kktRegId": "0000000000000001    ",
           "userInn": "7700000001  ", "items": [{"name": "Товар", "price": total, "quantity": 1, "sum": total}]}
    doc.update(extra)
    return doc


def test_wrappers_arrays_and_ffd12_variants(workspace, tmp_path):
    docs = [
        {"receipt": _doc(1)},
        {"ticket": {"document": {"receipt": _doc(2)}}},
        {"document": {"receipt": _doc(3)}},
        _doc(4, dateTime="2024-09-17T18:01:00", fiscalSign="1004",  # FFD 1.2 style: ISO local time, sign as text
             items=[{"name": "Сыр", "price": 50000, "quantity": "0.25", "sum": 12500}], totalSum=12500),
        {"receipt": _doc(1)},                       # duplicate inside the file
        {"something": "else"},                      # no receipt in it
        _doc(5, totalSum="12,5"),                   # broken sum
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    result = import_receipts(workspace, path)
    d = result.details
    assert (d["documents"], d["receipts"], d["duplicates"], d["rejected"]) == (7, 4, 1, 2)
    rows = workspace.con.execute("SELECT fd, ts, local_ts, total_kop FROM receipts ORDER BY fd").fetchall()
    assert rows[3] == (4, datetime(2024, 9, 17, 15, 1), datetime(2024, 9, 17, 18, 1), 12500)  # Moscow = UTC+3
    assert rows[0][1] == datetime(2024, 9, 17, 15, 1) and rows[0][2] == datetime(2024, 9, 17, 18, 1)
    assert workspace.con.execute("SELECT quantity FROM receipt_items WHERE name = 'Сыр'").fetchone()[0] == 0.25
    reasons = [r[0] for r in workspace.con.execute("SELECT reason FROM import_rejects ORDER BY line").fetchall()]
    assert reasons == ["document 6: no receipt in this document", "document 7: totalSum is not a number: '12,5'"]
    # the same receipts in another file are duplicates across imports
    again = tmp_path / "again.json"
    again.write_text(json.dumps(_doc(2)), encoding="utf-8")
    second = import_receipts(workspace, again)
    assert (second.details["receipts"], second.details["duplicates"]) == (0, 1)


def test_cards_and_promo_codes_are_kept(workspace, tmp_path):
    docs = [_doc(1, properties={"propertyName": "Номер карты", "propertyValue": "2700 0000 1111"}),
            _doc(2, propertiesData="2700000022"),
            _doc(3, loyaltyCard="2700000033", promoCode="SPRING24")]
    path = tmp_path / "cards.json"
    path.write_text(json.dumps(docs), encoding="utf-8")
    assert import_receipts(workspace, path).details["with_card"] == 3
    assert workspace.con.execute("SELECT card, promo_code FROM receipts ORDER BY fd").fetchall() == [
        ("270000001111", None), ("2700000022", None), ("2700000033", "SPRING24")]


def test_qr_strings(workspace, tmp_path):
    path = tmp_path / "qr.txt"
    path.write_text("t=20240917T1801&s=1285.21&fn=9999078900001234&i=12&fp=123456789&n=1\n"
                    "t=20240917T180130&s=10&fn=9999078900001234&i=13&fp=223456789&n=2\n"
                    "t=20240917T1801&s=1285.21&fn=9999078900001234&i=12&fp=123456789&n=1\n"
                    "t=20240917T1801&s=1&fn=1\n", encoding="utf-8")
    d = import_file(workspace, path).details
    assert (d["documents"], d["receipts"], d["duplicates"], d["rejected"]) == (4, 2, 1, 1)
    assert workspace.con.execute("SELECT fd, total_kop, operation_type, ts, local_ts FROM receipts ORDER BY fd"
                                 ).fetchall() == [
        (12, 128521, 1, datetime(2024, 9, 17, 15, 1), datetime(2024, 9, 17, 18, 1)),
        (13, 1000, 2, datetime(2024, 9, 17, 15, 1, 30), datetime(2024, 9, 17, 18, 1, 30))]
    assert d["net_sales_kop"] == 128521 - 1000


def test_receipt_table_with_mapping(workspace, tmp_path):
    path = tmp_path / "receipts.csv"
    path.write_text("ФН;ФД;ФП;Дата;Сумма;Карта\n"
                    "9960440300000001;1;1001;17.09.2024 18:01;1 285,21;2700000011\n"
                    "9960440300000001;2;1002;2024-09-17 19:00:00;10;\n"
                    "9960440300000001;;1003;17.09.2024 18:01;5;\n", encoding="cp1251")
    result = import_receipts(workspace, path)
    d = result.details
    assert result.status == IMPORTED, result.message
    assert (d["documents"], d["receipts"], d["rejected"], d["form"]) == (3, 2, 1, "table")
    assert workspace.con.execute("SELECT fd, total_kop, ts, card FROM receipts ORDER BY fd").fetchall() == [
        (1, 128521, datetime(2024, 9, 17, 15, 1), "2700000011"), (2, 1000, datetime(2024, 9, 17, 16, 0), None)]


def test_registers_flag_unregistered_and_other_taxpayer(workspace, tmp_path):
    docs = [_doc(1), _doc(2, kktRegId="0000000000000002"), _doc(3, userInn="7799999999")]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(docs), encoding="utf-8")
    first = import_receipts(workspace, path)
    assert first.details["registers_checked"] is False and first.details["flagged_receipts"] == 0
    registers = tmp_path / "registers.csv"
    registers.write_text("site;kkt_reg_id;inn;tenant\nМолл А;0000000000000001;7700000001;Магазин 1\n"
                         ";0000000000000009;;\nМолл А;0000000000000005;12345;X\n", encoding="utf-8")
    result = import_file(workspace, registers)
    assert result.kind == "registers" and result.status == IMPORTED, result.message
    assert (result.details["registers"], result.details["rejected"], result.details["flagged_receipts"]) == (1, 2, 2)
    flags = flagged_receipts(workspace)
    assert sorted(zip(flags["flag"], flags["kkt_reg_id"])) == [("other taxpayer", "0000000000000001"),
                                                              ("unregistered register", "0000000000000002")]
    site_id = workspace.con.execute("SELECT site_id FROM sites WHERE name = 'Молл А'").fetchone()[0]
    assert workspace.con.execute("SELECT site_id FROM receipts WHERE fd = 1").fetchone()[0] == site_id
    # receipts imported after the registers are checked at once
    later = tmp_path / "later.json"
    later.write_text(json.dumps([_doc(7, kktRegId="0000000000000003")]), encoding="utf-8")
    d = import_receipts(workspace, later).details
    assert (d["unregistered_registers"], d["unregistered_receipts"], d["registers_checked"]) == (1, 1, True)


def test_partner_matches(workspace, tmp_path):
    macs = [bytes.fromhex("001122334455"), bytes.fromhex("021122334455")]
    path = tmp_path / "partner.csv"
    path.write_text("mac_md5;phone_sha256\n" + "".join(
        f"{hashing.mac_md5(m).lower()};{hashing.phone_sha256('+7916123456' + str(i)).upper()}\n"
        for i, m in enumerate(macs)) + "nothex;abc\n", encoding="utf-8")
    result = import_file(workspace, path, partner="MTS")
    assert result.kind == "partner_matches" and result.status == IMPORTED, result.message
    assert (result.details["matches"], result.details["rejected"], result.details["partner"]) == (2, 1, "MTS")
    stored = workspace.con.execute("SELECT key_hash, value_hash FROM partner_matches ORDER BY key_hash").fetchall()
    assert stored[0][0] == stored[0][0].upper() and stored[0][1] == stored[0][1].lower()  # canonical case
    copy = tmp_path / "partner2.csv"
    copy.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = import_partner_matches(workspace, copy, partner="MTS")
    assert (again.details["matches"], again.details["duplicates"]) == (0, 2)


def test_duplicate_receipt_file_skipped(workspace, shared_data):
    path = shared_data / "receipts" / "receipt_lenta_9items_flat.json"
    assert import_receipts(workspace, path).status == IMPORTED
    assert import_receipts(workspace, path).status == SKIPPED


def test_broken_json_names_the_place(workspace, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"receipt": {"totalSum": 1,}]', encoding="utf-8")
    result = import_receipts(workspace, path)
    assert result.status == REFUSED and "broken.json" in result.message and "line 1" in result.message


def test_receipt_xlsx_with_a_saved_mapping(workspace, tmp_path):
    import openpyxl

    from engine.crm.mapping import save_mapping

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Накопитель", "Документ", "Признак", "Когда", "Итого, руб", "Промокод", "Покупатель"])
    sheet.append(["9960440300000009", 77, 4242, datetime(2024, 9, 17, 18, 1), 1285.21, "AUTUMN", "8 916 123 45 67"])
    path = tmp_path / "receipts.xlsx"
    book.save(path)
    mapping = save_mapping(tmp_path / "m.json", {"Накопитель": "fn", "Документ": "fd", "Признак": "fp",
                                                  "Когда": "datetime", "Итого, руб": "total",
                                                  "Промокод": "promo_code", "Покупатель": "buyer_phone"})
    result = import_receipts(workspace, path, mapping_file=mapping)
    assert result.status == IMPORTED, result.message
    assert workspace.con.execute("SELECT fn, fd, fp, ts, total_kop, promo_code, buyer_phone FROM receipts"
                                 ).fetchone() == ("9960440300000009", 77, "4242", datetime(2024, 9, 17, 15, 1),
                                                  128521, "AUTUMN", "+79161234567")


def test_each_sheet_of_a_receipt_workbook_is_its_own_import(workspace, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for title, fd in (("Сентябрь", 1), ("Октябрь", 2)):
        sheet = book.create_sheet(title)
        sheet.append(["ФН", "ФД", "ФП", "Дата", "Сумма"])
        sheet.append(["9960440300000009", fd, 4240 + fd, datetime(2024, 9 + fd, 17, 18, 1), 100])
    del book["Sheet"]
    path = tmp_path / "receipts.xlsx"
    book.save(path)
    assert import_receipts(workspace, path).status == IMPORTED                    # sheet 1
    assert import_receipts(workspace, path, sheet=1).status == SKIPPED            # the same sheet again
    assert import_receipts(workspace, path, sheet="Октябрь").status == IMPORTED   # another sheet: new
    assert workspace.con.execute("SELECT list(fd ORDER BY fd) FROM receipts").fetchone()[0] == [1, 2]
    refused = import_receipts(workspace, path, sheet=3)
    assert refused.status == REFUSED and "No sheet number 3" in refused.message


def _read_rejects(path):
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [(r["file"], int(r["line"]), r["column"], r["value"], r["reason"])
                for r in csv.DictReader(fh, delimiter=";")]


def test_table_rejects_name_column_and_value_in_a_report(workspace, tmp_path):
    """Each unusable row of a receipt table: its line, the first column to blame, the value as written."""
    path = tmp_path / "receipts.csv"
    rows = ["ФН;ФД;ФП;Дата;Сумма",
            "9960440300000001;1;1001;17.09.2024 18:01;10",        # line 2: fine
            ";2;1002;17.09.2024 18:01;10",                        # line 3: no FN
            "9960440300000001;3x;1003;17.09.2024 18:01;10",       # line 4: FD not a number
            "9960440300000001;4;1004;32.13.2024 25:00;10",        # line 5: date not understood
            "9960440300000001;5;1005;17.09.2024 18:01;десять",    # line 6: sum not a number
            "9960440300000001;6;;17.09.2024 18:01;",              # line 7: no FP (checked before the sum)
            "9960440300000001;7;1007;17.09.2024 18:02;12,50"]     # line 8: fine
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_receipts(workspace, path)
    d = result.details
    assert result.status == IMPORTED, result.message
    assert (d["documents"], d["receipts"], d["rejected"]) == (7, 2, 5)
    expected = [("receipts.csv", 3, "ФН", "", "no fiscal drive number (FN)"),
                ("receipts.csv", 4, "ФД", "3x", "fiscal document number (FD): not a whole number"),
                ("receipts.csv", 5, "Дата", "32.13.2024 25:00", "date and time: not understood"),
                ("receipts.csv", 6, "Сумма", "десять", "sum: not a number"),
                ("receipts.csv", 7, "ФП", "", "no fiscal sign (FP)")]
    assert d["rejects_file"] and d["rejects_file"].endswith(".csv")
    assert _read_rejects(d["rejects_file"]) == expected
    assert result.to_json()["rejects_file"] == d["rejects_file"]  # what `o2o import receipts --json` prints


def test_json_rejects_report_and_none_when_clean(workspace, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps([_doc(1)]), encoding="utf-8")
    clean = import_receipts(workspace, good)
    assert clean.status == IMPORTED and clean.details["rejects_file"] is None
    bad_doc = _doc(2)
    bad_doc["fiscalDocumentNumber"] = "2a"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([_doc(3), bad_doc, {"receipt": {"foo": 1}}]), encoding="utf-8")
    target = tmp_path / "out" / "bad-rejects.csv"
    result = import_receipts(workspace, bad, rejects_file=target)
    assert result.status == IMPORTED and result.details["rejects_file"] == str(target.resolve())
    assert _read_rejects(target) == [
        ("bad.json", 2, "fiscalDocumentNumber", "2a", "document 2: fiscalDocumentNumber is not a number: '2a'"),
        ("bad.json", 3, "", "", "document 3: no receipt in this document")]


def test_json_without_fiscal_fields_is_refused(workspace, tmp_path):
    """A truth.json or any config JSON is no receipts file: refused, nothing stored."""
    for name, content in (("truth.json", {"sites": {"Mall A": {"visitors": 120}}, "seed": 7}),
                          ("config.json", [{"theme": "dark"}, {"language": "ru"}]), ("empty.json", [])):
        path = tmp_path / name
        path.write_text(json.dumps(content), encoding="utf-8")
        result = import_receipts(workspace, path)
        assert result.status == REFUSED and "no receipt in it" in result.message, result.message
    assert workspace.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    # a file with one receipt beside a non-receipt document is still a receipts file
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps([_doc(1), {"note": "export header"}]), encoding="utf-8")
    result = import_receipts(workspace, mixed)
    assert result.status == IMPORTED and (result.rows_ok, result.rows_rejected) == (1, 1)
    # a receipt that is broken (no fiscal sign) is a receipts file with a reject, not refused
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"fiscalDriveNumber": "9960440300000001", "fiscalDocumentNumber": 5,
                                  "dateTime": 1726585260, "totalSum": 100}), encoding="utf-8")
    result = import_receipts(workspace, broken)
    assert result.status == IMPORTED and result.rows_rejected == 1


def test_excel_serial_date_times_in_tables_are_local_times(workspace, tmp_path):
    """45552.75 = 2024-09-17 18:00 (days since 1899-12-30, fraction = time of day), local at the
    register's site like other naive table times: Moscow (UTC+3) by default, the site's zone when
    the register is known."""
    import openpyxl

    workspace.ensure_site("Екатеринбург", timezone_name="Asia/Yekaterinburg")  # UTC+5
    registers = tmp_path / "registers.csv"
    registers.write_text("site;kkt_reg_id;inn;tenant\nЕкатеринбург;0000000000000007;;\n", encoding="utf-8")
    assert import_file(workspace, registers).status == IMPORTED
    csv_path = tmp_path / "serials.csv"
    csv_path.write_text("ФН;ФД;ФП;Дата;Сумма;РН ККТ\n"
                        "9960440300000001;1;1001;45552.75;10;\n"
                        "9960440300000001;2;1002;45552,5;10;\n"
                        "9960440300000001;3;1003;45552.75;10;0000000000000007\n"
                        "9960440300000001;4;1004;999.5;10;\n", encoding="utf-8")
    result = import_receipts(workspace, csv_path)
    assert result.status == IMPORTED and (result.rows_ok, result.rows_rejected) == (3, 1), result.message
    assert workspace.con.execute("SELECT fd, local_ts, ts FROM receipts ORDER BY fd").fetchall() == [
        (1, datetime(2024, 9, 17, 18, 0), datetime(2024, 9, 17, 15, 0)),
        (2, datetime(2024, 9, 17, 12, 0), datetime(2024, 9, 17, 9, 0)),
        (3, datetime(2024, 9, 17, 18, 0), datetime(2024, 9, 17, 13, 0))]
    assert workspace.con.execute("SELECT value, reason FROM import_rejects").fetchall() == [
        ("999.5", "date and time: not understood")]  # below 1 000: not a date-time serial

    book = openpyxl.Workbook()
    book.active.append(["ФН", "ФД", "ФП", "Дата", "Сумма"])
    book.active.append(["9960440300000002", 9, 9009, 45552.7534722, 12.5])  # a numeric cell, 18:05:00
    xlsx_path = tmp_path / "serials.xlsx"
    book.save(xlsx_path)
    result = import_receipts(workspace, xlsx_path)
    assert result.status == IMPORTED and result.rows_ok == 1, result.message
    assert workspace.con.execute("SELECT local_ts, ts FROM receipts WHERE fd = 9").fetchone() == (
        datetime(2024, 9, 17, 18, 5), datetime(2024, 9, 17, 15, 5))


def test_registers_strict_numbers_first_row_wins_and_rejects_report(workspace, tmp_path):
    """A register number is 10–20 digits kept as text; a repeat in the file is a duplicate that
    keeps the first row; rows read = registers + duplicates + rejected; the rejects go to a report."""
    registers = tmp_path / "registers.csv"
    registers.write_text("site;kkt_reg_id;inn;tenant\n"
                         "Молл А;0006334399059439;7700000001;Первый\n"       # line 2: kept, zeros and all
                         "Молл А;abc;;\n"                                    # 3: not digits
                         "Молл А;123456789;;\n"                              # 4: 9 digits, too short
                         "Молл А;123456789012345678901;;\n"                  # 5: 21 digits, too long
                         "Молл Б;0006334399059439;7700000002;Второй\n"       # 6: the same till again
                         "Молл Б;1234567890;;\n"                             # 7: 10 digits, fine
                         "Молл Б;12345678901234567890;;\n"                   # 8: 20 digits, fine
                         "Молл Б;0000 0000 0000 0001;;\n", encoding="utf-8")  # 9: spaces inside
    result = import_file(workspace, registers, rejects_file=tmp_path / "out" / "reg-rejects.csv")
    assert result.kind == "registers" and result.status == IMPORTED, result.message
    d = result.details
    assert (d["rows"], d["registers"], d["duplicates"], d["rejected"]) == (8, 3, 1, 4)
    assert d["rows"] == d["registers"] + d["duplicates"] + d["rejected"]
    assert (result.rows_in, result.rows_ok, result.rows_rejected) == (8, 3, 5)
    stored = workspace.con.execute("SELECT r.kkt_reg_id, s.name, r.inn, r.tenant FROM registers r "
                                   "JOIN sites s USING (site_id) ORDER BY kkt_reg_id").fetchall()
    assert stored == [("0006334399059439", "Молл А", "7700000001", "Первый"),  # the first row, not the repeat
                      ("1234567890", "Молл Б", None, None), ("12345678901234567890", "Молл Б", None, None)]
    rejects = workspace.con.execute("SELECT line, column_name, value, reason FROM import_rejects "
                                    "WHERE import_id = ? ORDER BY line", [result.import_id]).fetchall()
    assert [(line, column, value) for line, column, value, _ in rejects] == [
        (3, "kkt_reg_id", "abc"), (4, "kkt_reg_id", "123456789"), (5, "kkt_reg_id", "123456789012345678901"),
        (6, "kkt_reg_id", "0006334399059439"), (9, "kkt_reg_id", "0000 0000 0000 0001")]
    assert "10 to 20 digits" in rejects[0][3] and rejects[3][3] == "duplicate: register already listed on line 2"
    report = tmp_path / "out" / "reg-rejects.csv"
    assert d["rejects_file"] == str(report.resolve())
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "file;line;column;value;reason" and len(lines) == 1 + 5
    assert lines[4] == "registers.csv;6;kkt_reg_id;0006334399059439;duplicate: register already listed on line 2"

    clean = tmp_path / "clean.csv"
    clean.write_text("site;kkt_reg_id\nМолл Б;0006334399059439\n", encoding="utf-8")
    again = import_file(workspace, clean)  # a later list moves the till: replaced, not a duplicate
    assert (again.details["registers"], again.details["replaced"], again.details["duplicates"]) == (1, 1, 0)
    assert again.details["rejects_file"] is None and not list(tmp_path.glob("*-rejects"))
    assert workspace.con.execute("SELECT s.name FROM registers JOIN sites s USING (site_id) "
                                 "WHERE kkt_reg_id = '0006334399059439'").fetchone()[0] == "Молл Б"


def test_a_register_list_with_no_usable_row_imports_nothing_and_lists_it(workspace, tmp_path):
    registers = tmp_path / "bad_registers.csv"
    registers.write_text("site;kkt_reg_id;inn;tenant\n;0006334399059439;;\n", encoding="utf-8")
    result = import_file(workspace, registers)
    assert result.status == IMPORTED, result.message
    assert (result.details["registers"], result.details["rejected"]) == (0, 1)
    header_only = tmp_path / "header_only_registers.csv"
    header_only.write_text("site;kkt_reg_id;inn;tenant\n", encoding="utf-8")
    assert import_file(workspace, header_only).status == IMPORTED


def test_items_that_do_not_add_up_are_flagged(workspace, tmp_path):
    """|Σ item sums − totalSum| > 1 kopeck per item flags the receipt; rounding within that does not."""
    def items(*sums):
        return [{"name": f"Товар {i}", "price": s, "quantity": 1, "sum": s} for i, s in enumerate(sums)]

    docs = [_doc(1, total=1000, items=items(600, 400)),                     # adds up
            _doc(2, total=1000, items=items(333, 333, 333)),                # 1 kopeck short over 3 items: rounding
            _doc(3, total=1000, items=items(333, 333, 331)),                # 3 short over 3 items: rounding still
            _doc(4, total=1000, items=items(500, 400)),                     # 100 short: flagged
            _doc(5, total=1000, items=items(499, 499)),                     # 2 short over 2 items: rounding
            _doc(6, total=1000, items=items(498, 499)),                     # 3 short over 2 items: flagged
            _doc(7, total=1500, items=items(1000), kktRegId="0000000000000002"),  # also an unknown register
            _doc(8, total=700, items=[]),                                   # no items: nothing to check
            _doc(9, total=800, items=[{"name": "без суммы", "price": 800, "quantity": 1}])]  # unchecked item
    path = tmp_path / "r.json"
    path.write_text(json.dumps(docs), encoding="utf-8")
    result = import_receipts(workspace, path)
    d = result.details
    assert result.status == IMPORTED and d["receipts"] == 9
    assert (d["items_mismatch"], d["flagged_receipts"]) == (3, 3)  # no registers list yet: items only
    assert "3 whose items do not add up" in result.message

    def flags():
        return dict(workspace.con.execute("SELECT fd, flag FROM receipts WHERE flag IS NOT NULL").fetchall())

    assert flags() == {4: "items do not add up", 6: "items do not add up", 7: "items do not add up"}
    registers = tmp_path / "registers.csv"
    registers.write_text("site;kkt_reg_id;inn;tenant\nМолл А;0000000000000001;7700000001;Магазин 1\n",
                         encoding="utf-8")
    assert import_file(workspace, registers).details["flagged_receipts"] == 3
    # the register finding names receipt 7 first; the others keep the items flag through the re-check
    assert flags() == {4: "items do not add up", 6: "items do not add up", 7: "unregistered register"}
    listed = flagged_receipts(workspace)
    assert dict(zip(listed["flag"], listed["receipts"])) == {"items do not add up": 2, "unregistered register": 1}
    from engine.people_queries import receipts_summary
    summary = receipts_summary(workspace)
    assert (summary["flagged"], summary["items_mismatch"], summary["unregistered_receipts"]) == (3, 2, 1)


def test_real_samples_add_up(workspace, shared_data):
    """The FNS samples' items sum to their totals: none is flagged, none counted as a mismatch."""
    for name in SAMPLES:
        d = import_receipts(workspace, shared_data / "receipts" / name).details
        assert (d["items_mismatch"], d["flagged_receipts"]) == (0, 0), name


def test_a_registers_list_given_as_receipts_is_refused_with_the_right_command(workspace, tmp_path):
    from engine.crm.receipts import import_receipts

    path = tmp_path / "registers.csv"
    path.write_text("site;kkt_reg_id;inn;tenant\nТЦ Весна;0001234567890123;7701234567;Ромашка\n", encoding="utf-8")
    result = import_receipts(workspace, path)
    assert result.status == "refused"
    assert "list of cash registers" in result.message and "o2o import registers" in result.message


def test_a_receipt_table_with_register_columns_is_told_the_receipt_column_it_misses(workspace, tmp_path):
    from engine.crm.receipts import import_receipts

    path = tmp_path / "till.csv"
    path.write_text("site;kkt_reg_id;ФН;ФД;Дата;Сумма\nТЦ Весна;0001234567890123;9999078900004792;101;"
                    "17.09.2024 18:01;1285,21\n", encoding="utf-8")
    result = import_receipts(workspace, path)
    assert result.status == "refused"
    assert "needs columns for fp" in result.message and "o2o import registers" not in result.message


def test_a_registers_list_naming_each_tills_fn_still_gets_the_registers_hint(workspace, tmp_path):
    from engine.crm.receipts import import_receipts

    path = tmp_path / "registers.csv"
    path.write_text("site;kkt_reg_id;Номер ФН;inn;tenant\nТЦ Весна;0001234567890123;9999078900004792;7701234567;"
                    "Ромашка\n", encoding="utf-8")
    result = import_receipts(workspace, path)
    assert result.status == "refused" and "o2o import registers" in result.message
