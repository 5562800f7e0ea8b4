"""Exports with a title above the table ("Выгрузка клиентов", the export's date, blank lines):
the header is found below it, the title is skipped, and lines stay the editor's (sheet's) lines."""
from __future__ import annotations

import csv

import pytest

from engine.crm.crm_import import import_crm
from engine.crm.preview import propose
from engine.crm.reading import header_position
from engine.imports.registry import IMPORTED, REFUSED

TITLED = ("Выгрузка клиентов\r\n"
          "\r\n"
          "Дата формирования: 01.03.2024;;\r\n"
          "Телефон;Email;Имя\r\n"                      # line 4: the header
          "89161234567;a@b.ru;Анна\r\n"                 # 5
          "89161234568;b@b.ru;Борис;лишнее\r\n"         # 6: too many fields
          "89161234569;c@b.ru;\"Вера\r\nВасильевна\"\r\n"  # 7-8: a quoted line break
          "нет;;Глеб\r\n")                              # 9: no usable contact


def rejects(ws):
    return ws.con.execute("SELECT line, column_name, reason FROM import_rejects ORDER BY line, reason").fetchall()


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_a_csv_title_is_skipped_and_lines_are_the_editors(workspace, tmp_path, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(TITLED.encode(encoding))
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    d = result.details
    assert d["header_line"] == 4 and "the header is on line 4" in result.message
    assert (d["rows"], d["ok"], d["rejected"]) == (4, 2, 2)
    got = workspace.con.execute("SELECT line, phone, name FROM contacts ORDER BY line").fetchall()
    assert got == [(5, "+79161234567", "Анна"), (7, "+79161234569", "Вера\r\nВасильевна")]
    assert [(line, reason.split(":")[0]) for line, _, reason in rejects(workspace)] == [
        (6, "too many fields"), (9, "not a phone number"), (9, "row rejected")]


def test_one_record_per_line_after_a_title_keeps_lines_without_a_scan(workspace, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("Клиенты сети «Ромашка»\nТелефон,Email\n89161234567,a@b.ru\n89161234568,b@@\n"
                    "89161234569,c@b.ru,x\n89161234570,d@b.ru\n", encoding="utf-8")
    result = import_crm(workspace, path)
    assert result.status == IMPORTED and result.details["delimiter"] == ","  # the title has no delimiter
    assert [r[0] for r in workspace.con.execute("SELECT line FROM contacts ORDER BY line").fetchall()] == [3, 4, 6]
    assert [(line, column) for line, column, _ in rejects(workspace)] == [(4, "Email"), (5, None)]


def test_an_xlsx_title_is_skipped_and_lines_are_sheet_rows(workspace, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Отчёт: клиенты за март"])
    sheet.append([])
    sheet.append(["Телефон", "E-mail", "ФИО", None])  # row 3: the header (a formatted empty cell at its end)
    sheet.append(["+7 916 123 45 67", "a@b.ru", "Анна"])
    sheet.append([None, None, None])
    sheet.append(["89161234568", "", "Борис"])
    path = tmp_path / "report.xlsx"
    book.save(path)
    proposal = propose(path)
    assert proposal["header"] == ["Телефон", "E-mail", "ФИО"] and proposal["reading"]["header_line"] == 3
    assert proposal["reading"]["lines"] == [4, 6]
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    assert result.details["header_line"] == 3
    assert workspace.con.execute("SELECT line, phone, name FROM contacts ORDER BY line").fetchall() == [
        (4, "+79161234567", "Анна"), (6, "+79161234568", "Борис")]


def test_the_preview_finds_the_header_below_the_title(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(TITLED, encoding="utf-8")
    proposal = propose(path)
    assert proposal["header"] == ["Телефон", "Email", "Имя"]
    assert proposal["reading"]["header_line"] == 4 and proposal["reading"]["lines"][:2] == [5, 6]
    assert proposal["preview"][0]["phone"]["value"] == "+79161234567"


@pytest.mark.parametrize("records, expected", [
    ([["Телефон"], ["89161234567"], ["89161234568"]], 0),                  # one column: its header is first
    ([["Телефон", "Email"], ["89161234567", ""], ["", "a@b.ru"]], 0),      # sparse data rows: still first
    ([["Выгрузка"], ["Дата:", "", "01.03.2024"], ["Телефон", "Email", "Имя"], ["1", "2", "3"]], 2),
    ([["Период:", "01.03.2024", "31.03.2024"], ["Телефон", "Email", "Имя"], ["1", "2", "3"]], 1),  # a filter
    ([["Телефон:", "Email:"], ["89161234567", "a@b.ru"]], 0),              # every cell ends in ':': a header
    ([["Магазин: Тверская", "Период: март"], ["Телефон", "Email", "Имя"], ["1", "2", "3"]], 1),  # label: value
    ([["Телефон: мобильный", "Email"], ["89161234567", "a@b.ru"]], 0),    # one labelled header cell: a header
    ([["Телефон", "Email", ""], ["89161234567", "a@b.ru", "x"]], 0),       # an unnamed third column
    ([["Отчёт", "", "", "", ""], ["Телефон", "Email", "Имя", "Пол", "Карта"], ["1", "2", "3", "", ""]], 1),
    ([["Телефон", "Email", "Имя", "Город", "2023"], ["нет", "a@b.ru", "Анна", "Москва", ""]], 0),  # no title
    ([["Отчёт", "Магазин Тверская", "Все клиенты"], ["Телефон", "Email", "Имя"], ["1", "2", "3"]], 0),  # say it
    ([["Список телефонов"], ["Телефон"], ["89161234567"]], 0),           # one column: the first line, as always
    ([["Контакт", "Кто"], ["Карта лояльности", "Клиент"], ["89161234567", "Иван"]], 0),  # no title: as always
    ([["Кто", "Контакт"], ["Иван", "ivan@mail.ru"], ["Анна", "anna@gmail.com"]], 0),  # "mail" in values: no
    ([["Магазин:", "Тверская"], ["Сегмент:", "VIP"], ["Телефон", "Email", "Имя", "Пол"], ["1", "", "", ""]], 2),
    ([["Выгрузка"], ["1", "2"], ["3", "4"]], 1),                          # a one-text title above any table
    ([["Выгрузка"], ["Магазин \"Ромашка\"", "ООО \"Лето\""], ["Телефон", "Email", "Имя", "Пол", "Карта"],
      ["1", "2", "3", "м", "5"], ["4", "5", "6", "ж", "7"]], 1),          # two cells: say it (--header-line)
    ([["ID", "ФИО", "Телефон"], ["0", "Иван", "8916", "", "", "", ""], ["1", "Анна", "8903", "", "", "", ""]], 0),
    ([["Отчёт", "март 2024", "", ""], ["ID", "ФИО", "Телефон", "E-mail"], ["0", "Иван", "8916", "a@b.ru"]], 0),
    ([["Телефон", "Email"], ["1", "2", ""], ["3", "4", ""]], 0),            # rows end in a delimiter: still first
    ([["Телефон", "Email", "Имя"], ["1", "", ""], ["2", "", ""], ["3", "a", "b"]], 0),  # sparse rows: first
    ([["ID", "ФИО", "Телефон", "", "", ""], ["0", "Иван", "8916", "доп", "x", "y"], ["1", "Анна", "8903", "", "x", "y"]],
     0),                                                                   # unnamed columns: a field each
    ([["ФН", "ФД"] + [""] * 5, ["1", "2", "3", "4", "5", "6", "7"], ["1", "2", "3", "4", "5", "6", "7"]], 0),
    ([], 0),
])
def test_header_position(records, expected):
    assert header_position(records) == expected


def test_rows_written_by_csv_module_with_a_title_round_trip(workspace, tmp_path):
    path = tmp_path / "title.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        writer.writerow(["Список покупателей"])
        writer.writerow(["Телефон", "Номер карты"])
        writer.writerows([["8 916 123-45-67", "2700 0001"], ["", "2700 0002"]])
    result = import_crm(workspace, path)
    assert result.status == IMPORTED and result.details["delimiter"] == "\t"
    assert workspace.con.execute("SELECT line, phone, card FROM contacts ORDER BY line").fetchall() == [
        (3, "+79161234567", "27000001"), (4, None, "27000002")]


def import_text(workspace, tmp_path, text: str):
    """(import result, [(line, name)] of the stored contacts) of a UTF-8 CSV with this text."""
    path = tmp_path / f"export{len(list(tmp_path.iterdir()))}.csv"
    path.write_text(text, encoding="utf-8")
    result = import_crm(workspace, path)
    names = workspace.con.execute("SELECT line, name FROM contacts WHERE import_id = ? ORDER BY line",
                                  [result.import_id]).fetchall()
    return result, names


@pytest.mark.parametrize("title", ['"Отчёт\nза март";', '"Клиенты" магазина "Тверская", март\n'])
def test_a_quoted_title_is_left_out_of_the_file_duckdb_reads(workspace, tmp_path, title):
    """DuckDB's skip loses its way in a quoted title (it read 0 rows)."""
    result, names = import_text(workspace, tmp_path, title + "\nТелефон;Email;Имя\n"
                                                     "89161234567;a@b.ru;Анна\n89161234568;b@b.ru;Борис\n")
    assert (result.details["header_line"], result.details["rows"], result.details["ok"]) == (3, 2, 2)
    assert names == [(4, "Анна"), (5, "Борис")]


def test_a_comma_in_the_title_does_not_decide_the_delimiter(workspace, tmp_path):
    result, _ = import_text(workspace, tmp_path, "Выгрузка клиентов, магазин Тверская\n\nТелефон;Email;Имя\n"
                                                 "89161234569;c@b.ru;Вера\n")
    assert result.status == IMPORTED and result.details["delimiter"] == ";" and result.details["header_line"] == 3


def test_a_stray_quote_in_the_title_does_not_shift_the_lines_after_a_multiline_record(workspace, tmp_path):
    result, names = import_text(workspace, tmp_path, 'Отчёт по "клиентам\nДата: 01.03.2024\nТелефон;Email;Имя\n'
                                                     '89161234567;a@b.ru;"Анна\nМария"\n89161234568;b@b.ru;Борис\n'
                                                     "89161234569;c@b.ru;Вера\n")
    assert result.details["header_line"] == 3
    assert names == [(4, "Анна\nМария"), (6, "Борис"), (7, "Вера")]


def test_a_year_as_a_column_name_is_not_a_title(workspace, tmp_path):
    result, names = import_text(workspace, tmp_path, "Телефон;Email;Имя;Город;2023\nнет;a@b.ru;Анна;Москва;\n"
                                                     "89161234567;;Борис;Казань;1\n")
    assert (result.details["header_line"], result.details["rows"], result.details["ok"]) == (1, 2, 2)
    assert names == [(2, "Анна"), (3, "Борис")]


def test_the_analyst_can_name_the_header_line(workspace, tmp_path):
    """A title whose words are column names fools detection; --header-line settles it."""
    path = tmp_path / "named.csv"
    path.write_text("Телефон;Email;Имя\nОтчёт;за март;2024\nPhone;Mail;Name\n89161234567;a@b.ru;Анна\n",
                    encoding="utf-8")
    assert propose(path, header_line=3)["header"] == ["Phone", "Mail", "Name"]
    refused = import_crm(workspace, path, header_line=9)
    assert refused.status != IMPORTED and "No header on line 9" in refused.message
    result = import_crm(workspace, path, header_line=3)
    assert result.details["header_line"] == 3 and result.details["ok"] == 1
    assert workspace.con.execute("SELECT line, phone, name FROM contacts").fetchall() == [(4, "+79161234567", "Анна")]


def test_the_header_row_of_a_sheet_can_be_named(workspace, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in (["Телефон", "Email"], ["Отчёт", "март"], ["Phone", "Mail"], ["89161234567", "a@b.ru"]):
        book.active.append(row)
    path = tmp_path / "named.xlsx"
    book.save(path)
    result = import_crm(workspace, path, header_line=3)
    assert result.details["header_line"] == 3
    assert workspace.con.execute("SELECT line, phone FROM contacts").fetchall() == [(4, "+79161234567")]


def test_a_filter_line_above_a_header_with_one_known_column(workspace, tmp_path):
    result, names = import_text(workspace, tmp_path, 'Дата выгрузки:;01.03.2024\nТелефон;Город;Менеджер\n'
                                                     '89161234569;Москва;"Петров\nП."\n89161234570;Казань;x;y\n'
                                                     "89161234571;Тверь;Сидоров\n")
    assert result.details["header_line"] == 2 and names == [(3, None), (6, None)]
    assert workspace.con.execute("SELECT line FROM import_rejects WHERE import_id = ?",
                                 [result.import_id]).fetchall() == [(5,)]


def test_a_quote_that_never_closes_is_refused_not_read_as_nothing(workspace, tmp_path):
    path = tmp_path / "open.csv"
    path.write_text('"Отчёт за март\nДата: 01.03.2024\nТелефон;Email;ФИО\n89161234567;a@b.ru;Анна\n', encoding="utf-8")
    result = import_crm(workspace, path)
    assert result.status == "refused" and "never closes" in result.message
    header_only = tmp_path / "header_only.csv"
    header_only.write_text("Телефон;Email\n\n\n", encoding="utf-8")  # trailing blank lines: zero rows, fine
    assert import_crm(workspace, header_only).status == IMPORTED


def test_a_wrong_delimiter_on_a_titled_file_is_refused(workspace, tmp_path):
    path = tmp_path / "titled.csv"
    path.write_bytes(("Выгрузка клиентов от 01.02.2024\n\n"
                      "ID клиента;ФИО;Телефон;E-mail;Пол\nC1;Анна;89161234567;a@b.ru;Ж\nC2;Борис;89031234567;;М\n"
                      ).encode("cp1251"))
    assert import_crm(workspace, path).details["header_line"] == 3
    other = tmp_path / "titled2.csv"
    other.write_bytes(path.read_bytes() + "C3;Глеб;89261234567;;М\n".encode("cp1251"))
    # the wrong delimiter given for it is refused, not read as one column of whole lines
    wrong = import_crm(workspace, other, delimiter="\t")
    assert wrong.status == REFUSED and "reads as ';'-separated" in wrong.message and "--delimiter ';'" in wrong.message


def test_a_one_column_file_with_commas_in_its_cells_imports_with_its_delimiter_given(workspace, tmp_path):
    path = tmp_path / "phones.csv"
    path.write_text("Телефон\n" + "".join(f"8916123{i:04d}, 8903123{i:04d}\n" for i in range(20)), encoding="utf-8")
    result = import_crm(workspace, path, delimiter=";")
    assert result.status == IMPORTED, result.message
    assert result.details["ok"] == 20 and result.details["extra_phones"] == 0


@pytest.mark.parametrize("text, delimiter", [
    ("Телефон;Email\n" + "".join(f"8916123{i:04d};u{i}@mail.ru\n" for i in range(12)), "\t"),  # two columns
    ("ФИО;Телефон\n" + "".join(f"Иван {i};8916123{i:04d}\n" for i in range(12)), ","),
], ids=["two columns, tab given", "two columns, comma given"])
def test_a_wrong_delimiter_on_a_two_column_file_is_refused(workspace, tmp_path, text, delimiter):
    path = tmp_path / "two.csv"
    path.write_text(text, encoding="utf-8")
    result = import_crm(workspace, path, delimiter=delimiter)
    assert result.status == REFUSED and "reads as ';'-separated" in result.message


def test_a_one_column_file_with_three_phones_a_cell_imports_with_its_delimiter_given(workspace, tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("Телефон\n" + "".join(f"8916123{i:04d}, 8903123{i:04d}, 8926123{i:04d}\n" for i in range(12)),
                    encoding="utf-8")
    result = import_crm(workspace, path, delimiter=";")
    assert result.status == IMPORTED and result.details["ok"] == 12


def test_a_sheet_whose_header_leaves_its_last_columns_unnamed_imports_every_row(workspace, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Телефон"])
    for i in range(5):
        sheet.append([str(i), f"8916123{i:04d}", "Иван", "Москва"])  # two columns with no name
    path = tmp_path / "unnamed.xlsx"
    book.save(path)
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    assert (result.details["ok"], result.details["rejected"]) == (5, 0)
    assert result.details["ignored_columns"] == ["column 3", "column 4"]


def test_a_two_cell_title_read_as_the_header_is_refused_with_the_way_to_name_the_header(workspace, tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("Отчёт;март 2024\nКод;Контакт;Кто\nC1;89161234567;Анна\n", encoding="utf-8")
    result = import_crm(workspace, path)
    assert result.status == REFUSED and "--header-line N" in result.message
    assert import_crm(workspace, path, header_line=2).status == IMPORTED
