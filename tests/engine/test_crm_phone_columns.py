"""CRM exports with several phone columns (mobile, home, "Телефон 2"): every valid phone is kept."""
from __future__ import annotations

import csv

import pytest

from engine.crm import mapping as mp
from engine.crm.crm_import import import_crm
from engine.crm.preview import propose
from engine.imports.registry import IMPORTED
from engine.people import build_people, person_profile

HEADER = ["ID", "ФИО", "Моб. телефон", "Телефон домашний", "Тип телефона", "Email"]
ROWS = [
    ["1", "Иванов Иван", "8 916 123-45-67", "+7 (495) 123-45-67", "моб", "a@b.ru"],  # line 2: both valid
    ["2", "Петров Пётр", "", "8 903 765 43 21", "дом", ""],                         # 3: only the second
    ["3", "Сидоров", "нет", "+44 20 7946 0958", "", "c@d.ru"],                      # 4: first bad, second foreign
    ["4", "Смирнов", "8 916 555-00-01", "8 916 555 00 01", "", ""],                 # 5: the same phone twice
    ["5", "Кузнецов", "+7 916 555 44 33", "7,91612E+10", "", ""],                   # 6: second mangled by Excel
    ["", "Иванов (дубль)", "89161234567", "", "", ""],                              # 7: repeats line 2's phone
]


def write_csv(path, rows=ROWS, header=HEADER):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows=ROWS, header=HEADER):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append([v or None for v in row])
    book.save(path)
    return path


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_every_valid_phone_of_a_row_is_kept_and_bad_ones_are_reported_under_their_column(workspace, tmp_path,
                                                                                        writer):
    path = writer(tmp_path / f"two-phones.{'csv' if writer is write_csv else 'xlsx'}")
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    d = result.details
    assert d["mapping"]["Моб. телефон"] == d["mapping"]["Телефон домашний"] == "phone"
    assert d["mapping"]["Тип телефона"] == mp.IGNORE  # a header about phones whose values are not phones
    assert (d["rows"], d["ok"], d["duplicates"], d["rejected"]) == (6, 5, 1, 0)
    assert d["phones_valid"] == 6 and d["extra_phones"] == 1
    got = workspace.con.execute("SELECT line, phone, extra_phones FROM contacts ORDER BY line").fetchall()
    assert got == [(2, "+79161234567", ["+74951234567"]),
                   (3, "+79037654321", None),       # the first column empty: the second is the phone
                   (4, "+442079460958", None),      # the first column not a phone: the same
                   (5, "+79165550001", None),       # one number written twice is one phone
                   (6, "+79165554433", None)]
    rejects = workspace.con.execute("SELECT line, column_name, value, reason FROM import_rejects "
                                    "ORDER BY line, column_name").fetchall()
    assert rejects == [
        (4, "Моб. телефон", "нет", "not a phone number"),
        (6, "Телефон домашний", "7,91612E+10", "phone mangled by Excel (scientific notation)"),
        (7, "Моб. телефон", "phone +79161234567", "duplicate row: its phone is on line 2"),
    ]
    assert d["values_dropped"] == 2 and d["reject_entries"] == 3


def test_an_extra_phone_links_the_person(workspace, tmp_path):
    import_crm(workspace, write_csv(tmp_path / "crm.csv"))
    # a later export knows the customer of line 2 by the home phone only, with a new e-mail
    import_crm(workspace, write_csv(tmp_path / "crm2.csv", [["77", "", "+7 495 123 45 67", "", "", "new@b.ru"]]))
    build_people(workspace)
    person = workspace.con.execute("SELECT person_id FROM identities WHERE id_value = '+74951234567' "
                                   "GROUP BY ALL").fetchall()
    assert len(person) == 1
    profile = person_profile(workspace, person[0][0])
    assert set(profile["contacts"]["phone"]) == {"+79161234567", "+74951234567"}
    assert set(profile["contacts"]["email"]) == {"a@b.ru", "new@b.ru"}
    rules = {link["rule"] for link in profile["contacts"]["phone"]["+74951234567"]}
    assert rules == {"crm row", "crm row, another phone column"}


def test_phone_columns_are_proposed_by_header_when_their_values_are_phones_and_by_content(tmp_path):
    header = ["Телефон", "Телефон подтверждён", "Телефон 2", "Контакт"]
    records = [["8 916 123 45 67", "да", "", "+7 903 765 43 21"],
               ["+7 926 000 11 22", "нет", "8 495 123 45 67", "8 903 111 22 33"]]
    assert mp.propose_mapping(header, records) == {
        "Телефон": "phone", "Телефон подтверждён": mp.IGNORE, "Телефон 2": "phone", "Контакт": "phone"}
    # a phone-named column that holds e-mails is an e-mail column, first or not
    assert mp.propose_mapping(["Телефон", "Телефон 2"], [["a@b.ru", "8 916 123 45 67"], ["c@d.ru", ""]]) == {
        "Телефон": "email", "Телефон 2": "phone"}
    # a mapping naming several phone columns is valid; several e-mail columns still are not
    assert mp.validate_mapping({"Телефон": "phone", "Телефон 2": "phone"}, header)["Телефон 2"] == "phone"
    with pytest.raises(Exception, match="Two columns are mapped to email"):
        mp.validate_mapping({"Телефон": "email", "Контакт": "email"}, header)


def test_preview_shows_each_phone_column(tmp_path):
    proposal = propose(write_csv(tmp_path / "crm.csv"))
    first, third = proposal["preview"][0], proposal["preview"][2]
    assert first["phone"]["value"] == "+79161234567" and first["phone 2"]["value"] == "+74951234567"
    assert first["phone 2"]["column"] == "Телефон домашний"
    assert third["phone"]["reason"] == "not a phone number" and third["phone 2"]["value"] == "+442079460958"


@pytest.mark.parametrize("columns", [1, 2])
def test_libphonenumber_sees_each_undecided_value_once(workspace, tmp_path, monkeypatch, columns):
    from engine import normalize as nz

    calls = []
    one_phone = nz._one_phone
    monkeypatch.setattr(nz, "_one_phone", lambda raw, region: calls.append(raw) or one_phone(raw, region))
    rows = [[str(i), "", "+44 20 7946 0958", "+44 20 7946 0958" if i % 2 else "нет", "", ""] for i in range(50)]
    mapping = {"ID": "crm_id", "Моб. телефон": "phone"}  # given: detection samples values too
    if columns == 2:
        mapping["Телефон домашний"] = "phone"
    result = import_crm(workspace, write_csv(tmp_path / "foreign.csv", rows), mapping=mapping)
    assert result.status == IMPORTED and result.details["ok"] == 50
    assert sorted(calls) == ["+44 20 7946 0958", "нет"][:columns]


def test_three_phone_columns(workspace, tmp_path):
    header = ["Телефон", "Телефон 2", "Телефон 3", "Email"]
    rows = [["8 916 000 00 01", "8 916 000 00 02", "8 916 000 00 03", ""],
            ["", "нет", "+7 916 000 00 04", ""],
            ["8 916 000 00 05", "8 916 000 00 05", "+44 20 7946 0958", "e@x.ru"]]
    result = import_crm(workspace, write_csv(tmp_path / "three.csv", rows, header))
    assert result.status == IMPORTED, result.message
    assert result.details["extra_phones"] == 3
    assert workspace.con.execute("SELECT line, phone, extra_phones FROM contacts ORDER BY line").fetchall() == [
        (2, "+79160000001", ["+79160000002", "+79160000003"]),
        (3, "+79160000004", None),
        (4, "+79160000005", ["+442079460958"])]
    assert workspace.con.execute("SELECT line, column_name FROM import_rejects").fetchall() == [(3, "Телефон 2")]


def test_a_row_that_brings_a_new_phone_is_not_a_duplicate_and_a_known_extra_phone_is_a_key(workspace, tmp_path):
    header = ["ID", "ФИО", "Моб. телефон", "Телефон домашний", "Email"]
    first = [["1", "Иванов", "+7 916 111 11 11", "", "ivan@x.ru"]]
    import_crm(workspace, write_csv(tmp_path / "march.csv", first, header))
    rows = [["1", "Иванов", "+7 916 111 11 11", "+7 916 111 11 97", "ivan@x.ru"],  # 2: brings a new home phone
            ["1", "Иванов", "+7 916 111 11 11", "+7 916 111 11 97", "ivan@x.ru"],  # 3: nothing new any more
            ["", "Иванова", "", "+7 916 111 11 97", ""]]                            # 4: that phone, from column 2
    result = import_crm(workspace, write_csv(tmp_path / "april.csv", rows, header))
    d = result.details
    assert (d["ok"], d["duplicates"]) == (1, 2)
    assert workspace.con.execute("SELECT import_id, line, extra_phones FROM contacts ORDER BY 1, 2").fetchall() == [
        (1, 2, None), (2, 2, ["+79161111197"])]
    assert workspace.con.execute("SELECT line, column_name, reason FROM import_rejects WHERE import_id = 2 "
                                 "ORDER BY line").fetchall() == [
        (3, "Моб. телефон", "duplicate row: its phone is on line 2"),  # this file's earlier line is named first
        (4, "Телефон домашний", "duplicate row: its phone is on line 2")]  # where it was an extra phone
    # a later one-phone export: its phone was only ever an extra phone, and is known as such
    later = import_crm(workspace, write_csv(tmp_path / "may.csv", [["+7 916 111 11 97"]], ["Телефон"]))
    assert later.details["duplicates"] == 1
    assert workspace.con.execute("SELECT reason FROM import_rejects WHERE import_id = 3").fetchall() == [
        ("duplicate row: its phone is in import #2 (april.csv), line 2",)]
