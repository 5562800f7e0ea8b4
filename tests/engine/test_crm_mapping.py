"""CRM column detection (headers and content) and XLSX sheets: choice by name or 1-based
number, and each sheet of a workbook as its own import."""
from __future__ import annotations

import datetime

import pytest

from engine.crm import mapping as mp
from engine.crm.crm_import import import_crm
from engine.crm.preview import propose
from engine.errors import O2OError
from engine.imports.registry import IMPORTED, REFUSED, SKIPPED


@pytest.mark.parametrize("header, role", [
    ("ID клиента", "crm_id"), ("Код клиента", "crm_id"), ("Client ID", "crm_id"), ("Номер клиента", "crm_id"),
    ("Customer No", "crm_id"), ("Member ID", "crm_id"), ("id", "crm_id"), ("GUID", "crm_id"),
    ("Номер карты лояльности", "card"), ("Loyalty card", "card"), ("Карта", "card"),
    ("Согласие на рассылку", "consent"), ("Subscribed", "consent"),
    ("ФИО клиента", "name"), ("Наименование клиента", "name"), ("Customer name", "name"),
    ("Пол клиента", "gender"), ("Дата рожд.", "birth_date"), ("Date of birth", "birth_date"),
    ("Телефон клиента", "phone"), ("E-mail клиента", "email"),
    # about a contact, not the contact: never a contact role
    ("Дата согласия", None), ("Дата выдачи карты", None), ("Количество карт", None), ("Сумма покупок", None),
    ("Дата регистрации", None), ("Город", None), ("Номер договора", None),
])
def test_roles_by_header(header, role):
    assert mp.role_by_header(header) == role


CONTENT = {
    "Колонка A": ["2700000012345", "2700 0000 1234 6", "4600000000000001234", "2700000012999"],  # card
    "Колонка B": ["да", "нет", "да", "да"],                                                     # consent
    "Колонка C": ["K-1001", "K-1002", "K-1003", "K-1004"],                                      # id
    "Колонка D": ["Иванов Иван", "Петрова Анна Сергеевна", "John Smith", "Сидоров-Петров Пётр"],  # name
    "Колонка E": ["89161234567", "+7 926 000 11 22", "9031112233", "8 (905) 000-11-22"],         # phone
    # ordinary columns that must stay unmapped
    "Возраст": ["60", "45", "30", "60"],
    "Баллы": ["60", "61", "62", "63"],
    "Чек": ["1500", "990", "2300", "120"],
    "Год": ["1990", "1985", "2001", "1979"],
    "Город": ["Нижний Новгород", "Нижний Новгород", "Москва", "Нижний Новгород"],
    "VIP": ["1", "1", "1", "1"],
}


def test_roles_by_content_and_ordinary_columns_left_alone():
    header = list(CONTENT)
    records = [[CONTENT[h][i] for h in header] for i in range(4)]
    mapping = mp.propose_mapping(header, records)
    assert mapping == {"Колонка A": "card", "Колонка B": "consent", "Колонка C": "crm_id", "Колонка D": "name",
                       "Колонка E": "phone", "Возраст": "ignore", "Баллы": "ignore", "Чек": "ignore",
                       "Год": "ignore", "Город": "ignore", "VIP": "ignore"}


@pytest.mark.parametrize("values, role", [
    (["1", "0", "1", "0"], "consent"), (["true", "false", "true"], "consent"),
    (["000123", "000124", "000999"], "crm_id"), (["100123", "100124", "100999"], "crm_id"),
    (["60"] * 5, None), (["60", "45"], None), (["2", "3", "5", "60"], None), (["y"], None),
    (["Smith", "Jones", "Brown"], None), (["12.5", "13.0", "99.9"], None),
])
def test_content_rules_edge_cases(values, role):
    assert mp.propose_mapping(["x"], [[v] for v in values]) == {"x": role or "ignore"}


def test_small_integer_column_never_becomes_a_date_or_a_phone(workspace, tmp_path):
    path = tmp_path / "ages.csv"
    path.write_text("Телефон;Значение\n89161234567;60\n89262223344;45\n89031112233;7\n", encoding="utf-8")
    result = import_crm(workspace, path)
    assert result.status == IMPORTED and result.details["mapping"] == {"Телефон": "phone", "Значение": "ignore"}
    assert workspace.con.execute("SELECT count(*) FROM contacts WHERE birth_date IS NOT NULL").fetchone()[0] == 0


def workbook(path):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "Март"
    first.append(["ID клиента", "Телефон", "Дата рождения"])
    first.append(["K-1", 79161234567, datetime.datetime(1990, 2, 1)])
    second = book.create_sheet("Апрель")
    second.append(["ID клиента", "Телефон"])
    second.append(["K-2", "+7 926 000 11 22"])
    second.append(["K-3", "89031112233"])
    book.create_sheet("2024").append(["Телефон"])
    book.save(path)
    return path


def test_sheets_by_one_based_number_or_name(workspace, tmp_path):
    path = workbook(tmp_path / "crm.xlsx")
    assert propose(path)["reading"] == {"sheet": "Март", "sheets": ["Март", "Апрель", "2024"], "lines": [2],
                                        "header_line": 1}
    assert propose(path, sheet="2")["reading"]["sheet"] == "Апрель"
    assert propose(path, sheet=1)["reading"]["sheet"] == "Март"
    assert propose(path, sheet="2024")["reading"]["sheet"] == "2024"  # a name wins over a number
    with pytest.raises(O2OError) as err:
        propose(path, sheet="4")
    assert "No sheet number 4" in err.value.message and "1 “Март”, 2 “Апрель”, 3 “2024”" in err.value.hint
    with pytest.raises(O2OError) as err:
        propose(path, sheet="0")
    assert "numbered from 1" in err.value.message
    refused = import_crm(workspace, path, sheet="Май")
    assert refused.status == REFUSED and "No sheet named “Май”" in refused.message and "2 “Апрель”" in refused.message
    result = import_crm(workspace, path, sheet="2")
    assert result.status == IMPORTED and result.details["sheet"] == "Апрель" and result.details["ok"] == 2
    assert result.details["mapping"]["ID клиента"] == "crm_id"


def test_each_sheet_of_a_workbook_is_its_own_import(workspace, tmp_path):
    path = workbook(tmp_path / "crm.xlsx")
    first = import_crm(workspace, path)                 # the first sheet
    assert first.status == IMPORTED and first.details["sheet"] == "Март"
    assert import_crm(workspace, path, sheet="1").status == SKIPPED   # same file, same sheet
    assert import_crm(workspace, path, sheet="Март").status == SKIPPED
    second = import_crm(workspace, path, sheet="Апрель")            # same file, another sheet
    assert second.status == IMPORTED and second.details["ok"] == 2
    again = import_crm(workspace, path, sheet=2)
    assert again.status == SKIPPED and f"#{second.import_id}" in again.message
    got = workspace.con.execute("SELECT crm_id, phone FROM contacts ORDER BY crm_id").fetchall()
    assert got == [("K-1", "+79161234567"), ("K-2", "+79260001122"), ("K-3", "+79031112233")]
    identities = [r[0] for r in workspace.con.execute("SELECT sha256 FROM imports ORDER BY import_id").fetchall()]
    assert [i.split("#")[1] for i in identities] == ["sheet=Март", "sheet=Апрель"]
    assert identities[0].split("#")[0] == identities[1].split("#")[0]  # the file's own sha256


def test_csv_identity_is_the_plain_file_hash(workspace, tmp_path):
    import hashlib

    path = tmp_path / "c.csv"
    path.write_text("Телефон\n89161234567\n", encoding="utf-8")
    assert import_crm(workspace, path).status == IMPORTED
    assert workspace.con.execute("SELECT sha256 FROM imports").fetchone()[0] == hashlib.sha256(
        path.read_bytes()).hexdigest()


def test_preview_of_receipt_table_values_says_what_the_import_keeps_or_drops(workspace, tmp_path):
    """The wizard's normalised preview of a receipt table applies the import's own rules: a return is
    read from its FFD name, an unknown or blank operation type rejects the receipt, bad buyer contacts
    and cards are dropped with the import's reasons."""
    from engine.crm.preview import normalise_value
    from engine.crm.receipts import import_receipts

    assert normalise_value("operation_type", " Возврат прихода ") == ("2 возврат прихода", None)
    assert normalise_value("operation_type", "коррекция")[1].startswith("receipt rejected: operation type not")
    assert normalise_value("operation_type", "")[1] == "receipt rejected: operation type missing"
    assert normalise_value("buyer_phone", "8 916 123-45-67") == ("+79161234567", None)
    assert normalise_value("buyer_email", " A@B.RU") == ("a@b.ru", None)
    phone_reason, card_reason = normalise_value("buyer_phone", "мусор")[1], normalise_value("card", "1")[1]
    # the same reasons the import writes into its rejects report
    path = tmp_path / "r.csv"
    path.write_text("ФН;ФД;ФП;Дата;Сумма;Тип;Карта;Телефон покупателя\n"
                    "9999078900012345;101;2222333344;2024-09-10 12:00:00;200.00;приход;1;мусор\n", encoding="utf-8")
    result = import_receipts(workspace, path)
    reasons = {r[0]: r[1] for r in workspace.con.execute(
        "SELECT column_name, reason FROM import_rejects WHERE import_id = ?", [result.import_id]).fetchall()}
    assert reasons == {"Карта": card_reason, "Телефон покупателя": phone_reason}
