"""CRM import: encodings, delimiters, mapping, dedupe, rejects — counts checked by hand."""
from __future__ import annotations

import csv
import json

import pytest

from engine.crm import mapping as mp
from engine.crm.crm_import import import_crm
from engine.crm.preview import propose
from engine.imports import import_file
from engine.imports.registry import IMPORTED, REFUSED, SKIPPED

HEADER = ["Телефон", "Email", "ФИО", "Дата рождения", "Пол", "Номер карты", "Согласие"]
ROWS = [
    ["8 916 123-45-67", "Ivan@Mail.ru", "Иванов Иван", "01.02.1990", "М", "2700 0001", "да"],
    ["+7 (926) 000-11-22", "", "Петрова Анна", "1985-03-04", "ж", "", "нет"],
    ["9161234567", "", "Иванов (дубль)", "", "", "", ""],               # same phone as row 1
    ["", "", "Без контактов", "", "", "", ""],                          # nothing usable
    ["+44 20 7946 0958", "bad@", "Smith 🎉", "32874", "female", "", "yes"],
]


def write_csv(path, rows, header=HEADER, encoding="utf-8", delimiter=";", newline="\r\n"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def contacts(ws):
    return ws.con.execute("SELECT line, phone, email, name, birth_date, gender, card, consent FROM contacts "
                          "ORDER BY import_id, line").fetchall()


def test_basic_import_counts_and_values(workspace, tmp_path):
    result = import_crm(workspace, write_csv(tmp_path / "crm.csv", ROWS))
    assert result.status == IMPORTED, result.message
    d = result.details
    assert (d["rows"], d["ok"], d["duplicates"], d["rejected"]) == (5, 3, 1, 1)
    assert d["rows"] == d["ok"] + d["duplicates"] + d["rejected"]
    assert (d["phones_valid"], d["emails_valid"]) == (4, 1)
    got = contacts(workspace)
    assert [r[0] for r in got] == [2, 3, 6]
    assert got[0][1:] == ("+79161234567", "ivan@mail.ru", "Иванов Иван", __import__("datetime").date(1990, 2, 1),
                          "m", "27000001", True)
    assert got[1][1] == "+79260001122" and got[1][7] is False
    assert got[2][1] == "+442079460958" and got[2][2] is None and got[2][3] == "Smith 🎉"
    assert str(got[2][4]) == "1990-01-01" and got[2][5] == "f"
    rejects = workspace.con.execute("SELECT line, column_name, value, reason FROM import_rejects "
                                    "ORDER BY line, column_name NULLS FIRST").fetchall()
    # the duplicate row is listed too, with the key it repeats and where that was first
    assert rejects == [(4, "Телефон", "phone +79161234567", "duplicate row: its phone is on line 2"),
                       (5, None, None, "row rejected: no usable phone, e-mail or card"),
                       (6, "Email", "bad@", "invalid e-mail")]
    assert d["values_dropped"] == 1 and d["reject_entries"] == 3
    # the rejects CSV beside the workspace holds the same entries
    path = d["rejects_file"]
    assert path.endswith("import-1-crm-rejects.csv") and "test-rejects" in path
    with open(path, encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh, delimiter=";"))
    assert lines[0] == ["file", "line", "column", "value", "reason"] and len(lines) == 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r"])
def test_encodings_detected(workspace, tmp_path, encoding):
    result = import_crm(workspace, write_csv(tmp_path / "crm.csv", ROWS[:2], encoding=encoding))
    assert result.status == IMPORTED, result.message
    assert result.details["mapping"]["Телефон"] == "phone"
    assert workspace.con.execute("SELECT name FROM contacts ORDER BY line").fetchall() == [("Иванов Иван",),
                                                                                           ("Петрова Анна",)]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", ["ФИО;Тел\nИВАНОВ;89161234567\n", "ТЕЛЕФОН;ФИО\n89161234567;ПЕТРОВ\n",
                                  "Пол;Телефон\nЖ;89161234567\n", "телефон;фио\n89161234567;иванов\n"])
def test_tiny_8bit_files_are_told_apart(workspace, tmp_path, encoding, text):
    """cp1251 and koi8-r swap the cases of their letters: a two-line file, ALL-CAPS or lower
    case, is still read in its own encoding."""
    path = tmp_path / "tiny.csv"
    path.write_bytes(text.encode(encoding))
    result = import_crm(workspace, path)
    assert result.details["encoding"] == encoding
    name = workspace.con.execute("SELECT coalesce(name, gender) FROM contacts").fetchone()[0]
    assert name in text or {"f": "Ж"}.get(name) in text


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_delimiters_detected(workspace, tmp_path, delimiter):
    result = import_crm(workspace, write_csv(tmp_path / "crm.csv", ROWS, delimiter=delimiter, newline="\n"))
    assert result.status == IMPORTED and result.details["delimiter"] == delimiter
    assert result.details["ok"] == 3


def test_quoted_fields_with_newlines_and_delimiters(workspace, tmp_path):
    rows = [["89161234567", "a@b.ru", "Иванов;\r\nИван \"Ваня\"", "", "", "", ""],
            ["89262223344", "", "Пётр", "", "", "", ""]]
    result = import_crm(workspace, write_csv(tmp_path / "q.csv", rows))
    assert result.details["ok"] == 2
    assert contacts(workspace)[0][3] == "Иванов;\r\nИван \"Ваня\""
    assert [r[0] for r in contacts(workspace)] == [2, 4]  # physical lines: the name spans lines 2-3


def physical_line_of(path, text):
    """The 1-based line of the file where `text` starts, counted the way an editor does."""
    content = path.read_bytes().decode("utf-8")
    return content[:content.index(text)].count("\n") + 1


def test_reject_lines_are_physical_lines_after_quoted_newlines_and_blank_lines(workspace, tmp_path):
    """Lines in the rejects report and in contacts are where an editor shows the row."""
    path = tmp_path / "multi.csv"
    path.write_text('Телефон;ФИО;Email\n'
                    '89161234567;"Иванов\nИван\nИванович";a@b.ru\n'      # lines 2-4
                    '89262223344;Пётр;bad@\n'                               # 5: e-mail dropped
                    '89031112233;Лишнее;x@y.ru;поле\n'                      # 6: extra field, rejected
                    '\n'                                                    # 7: blank
                    ';"Без\r\nконтактов";\n'                                # 8-9: nothing usable
                    '89050001122;"Сидоров ""Сид""";\n'                      # 10
                    '89990001122;Last;\n', encoding="utf-8")               # 11, no more lines
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    assert (result.details["rows"], result.details["ok"], result.details["rejected"]) == (6, 4, 2)
    got = {r[3]: r[0] for r in contacts(workspace)}
    assert got == {"Иванов\nИван\nИванович": physical_line_of(path, '89161234567'),
                   "Пётр": physical_line_of(path, "89262223344"),
                   'Сидоров "Сид"': physical_line_of(path, "89050001122"),
                   "Last": physical_line_of(path, "89990001122")} == {
        "Иванов\nИван\nИванович": 2, "Пётр": 5, 'Сидоров "Сид"': 10, "Last": 11}
    rejects = workspace.con.execute("SELECT line, column_name, value, reason FROM import_rejects "
                                    "ORDER BY line, column_name NULLS FIRST").fetchall()
    assert [(r[0], r[1]) for r in rejects] == [(5, "Email"), (6, None), (8, None)]
    assert rejects[1][2].startswith("89031112233;Лишнее") and "too many fields" in rejects[1][3]
    assert rejects[2][3] == "row rejected: no usable phone, e-mail or card"


def test_physical_lines_in_a_cp1251_file_bigger_than_a_scan_chunk(workspace, tmp_path, monkeypatch):
    """The line scan carries quote state across chunks and works on the original 8-bit bytes."""
    from engine.crm import csv_lines

    monkeypatch.setattr(csv_lines, "CHUNK_BYTES", 7)  # every record crosses chunk borders
    rows = [[f"8916{i:07d}", f"Имя {i}" + ("\r\nвторая строка" if i % 3 == 0 else "")] for i in range(20)]
    path = write_csv(tmp_path / "c.csv", rows, header=["Телефон", "ФИО"], encoding="cp1251")
    result = import_crm(workspace, path)
    assert result.details["ok"] == 20
    text = path.read_bytes().decode("cp1251")
    expected = [text[:text.index(r[0])].count("\n") + 1 for r in rows]
    assert [r[0] for r in contacts(workspace)] == expected and expected[-1] == 1 + 20 + 7


def test_xlsx_first_and_chosen_sheet(workspace, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "Notes"
    first.append(["nothing here"])
    sheet = book.create_sheet("Клиенты")
    sheet.append(["Телефон", "E-mail", "Дата рождения"])
    sheet.append([79161234567, "A@B.RU", __import__("datetime").datetime(1990, 2, 1)])
    sheet.append(["+7 926 000 11 22", None, 32874])
    sheet.append(["нет", None, None])  # no usable contact: rejected
    path = tmp_path / "crm.xlsx"
    book.save(path)
    refused = import_crm(workspace, path)  # first sheet has no phone/email/card column
    assert refused.status == REFUSED and "No phone, e-mail or card column" in refused.message
    result = import_crm(workspace, path, sheet="Клиенты")
    assert result.status == IMPORTED, result.message
    assert result.details["sheet"] == "Клиенты"
    got = contacts(workspace)
    assert [(r[0], r[1], r[2], str(r[4])) for r in got] == [
        (2, "+79161234567", "a@b.ru", "1990-02-01"), (3, "+79260001122", None, "1990-01-01")]
    assert result.details["rejected"] == 1
    with open(result.details["rejects_file"], encoding="utf-8-sig") as fh:  # the report names the sheet
        assert {r[0] for r in list(csv.reader(fh, delimiter=";"))[1:]} == {"crm.xlsx [Клиенты]"}


def test_mapping_file_and_remembered_mapping(workspace, tmp_path):
    header = ["Col A", "Col B", "Client"]
    rows = [["x", "89161234567", "K-1"], ["y", "89262223344", "K-2"]]
    path = write_csv(tmp_path / "odd.csv", rows, header=header)
    proposal = propose(path, ws=workspace)
    assert proposal["mapping"]["Col B"] == "phone"  # detected from the content
    assert proposal["preview"][0]["phone"]["value"] == "+79161234567"
    mapping_file = mp.save_mapping(tmp_path / "m.json", {"Col B": "phone", "Client": "crm_id"})
    result = import_crm(workspace, path, mapping_file=mapping_file)
    assert result.details["mapping_source"] == "file m.json"
    assert workspace.con.execute("SELECT crm_id FROM contacts ORDER BY line").fetchall() == [("K-1",), ("K-2",)]
    # the next export of the same shape maps itself
    path2 = write_csv(tmp_path / "odd2.csv", [["z", "89031112233", "K-3"]], header=header)
    assert propose(path2, ws=workspace)["mapping_source"] == "remembered for this file shape"
    again = import_crm(workspace, path2)
    assert again.details["mapping_source"] == "remembered for this file shape"
    assert workspace.con.execute("SELECT crm_id FROM contacts WHERE phone = '+79031112233'").fetchone()[0] == "K-3"


def test_bad_mapping_is_refused_with_the_reason(workspace, tmp_path):
    path = write_csv(tmp_path / "crm.csv", ROWS)
    two = import_crm(workspace, path, mapping={"ФИО": "email", "Email": "email"})  # several phones may be
    assert two.status == REFUSED and "Two columns are mapped to email" in two.message
    unknown = import_crm(workspace, path, mapping={"Phone": "phone"})
    assert unknown.status == REFUSED and "does not have: Phone" in unknown.message
    assert workspace.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_dedupe_across_imports(workspace, tmp_path):
    import_crm(workspace, write_csv(tmp_path / "a.csv", ROWS[:2]))
    rows = [["+79161234567", "", "", "", "", "", ""],             # known phone: duplicate
            ["+79161234567", "new@mail.ru", "", "", "", "", ""],  # known phone, new e-mail: kept
            ["", "", "", "", "", "27000001", ""]]                 # known card: duplicate
    result = import_crm(workspace, write_csv(tmp_path / "b.csv", rows))
    assert (result.details["ok"], result.details["duplicates"], result.details["rejected"]) == (1, 2, 0)
    # both duplicates are listed in the rejects report, with the key that was imported before
    listed = workspace.con.execute("SELECT line, column_name, value, reason FROM import_rejects "
                                   "WHERE import_id = ? ORDER BY line", [result.import_id]).fetchall()
    assert listed == [(2, "Телефон", "phone +79161234567", "duplicate row: its phone is in import #1 (a.csv), line 2"),
                      (4, "Номер карты", "card 27000001", "duplicate row: its card is in import #1 (a.csv), line 2")]
    assert result.details["values_dropped"] == 0


def test_a_crm_id_seen_only_on_a_rejected_row_is_still_new(workspace, tmp_path):
    header = ["ID", "Телефон"]
    import_crm(workspace, write_csv(tmp_path / "a.csv", [["C1", "89161111111"]], header))
    # line 2 has no usable key and is rejected; line 3's phone is known, but its CRM id C9 was never stored
    result = import_crm(workspace, write_csv(tmp_path / "b.csv", [["C9", "нет"], ["C9", "89161111111"]], header))
    assert (result.details["ok"], result.details["duplicates"], result.details["rejected"]) == (1, 0, 1)
    assert workspace.con.execute("SELECT line FROM contacts WHERE crm_id = 'C9'").fetchall() == [(3,)]


def test_a_duplicate_names_where_its_key_is_stored(workspace, tmp_path):
    header = ["Телефон", "Email"]
    import_crm(workspace, write_csv(tmp_path / "a.csv", [["89161111111", ""]], header))
    rows = [["89161111111", ""],              # 2: known phone: a duplicate, not stored
            ["89162222222", ""],              # 3: new
            ["89161111111", ""],              # 4: line 2 was not stored: named by the import that holds it
            ["89163333333", "x@y.ru"],        # 5: new
            ["", "x@y.ru"]]                   # 6: its e-mail is on line 5, which is stored
    result = import_crm(workspace, write_csv(tmp_path / "b.csv", rows, header))
    assert (result.details["ok"], result.details["duplicates"]) == (2, 3)
    assert workspace.con.execute("SELECT line, reason FROM import_rejects WHERE import_id = ? ORDER BY line",
                                 [result.import_id]).fetchall() == [
        (2, "duplicate row: its phone is in import #1 (a.csv), line 2"),
        (4, "duplicate row: its phone is in import #1 (a.csv), line 2"),
        (6, "duplicate row: its e-mail is on line 5")]


def test_a_row_linking_keys_of_two_stored_rows_is_kept_and_joins_them(workspace, tmp_path):
    from engine.people import build_people

    header = ["Телефон", "Email"]
    import_crm(workspace, write_csv(tmp_path / "a.csv", [["89161111111", "ivan@x.ru"], ["89164444444", "orlov@x.ru"]],
                                    header))
    rows = [["89164444444", "ivan@x.ru"],     # 2: Orlov's phone with Ivan's e-mail: never together: kept
            ["89164444444", "ivan@x.ru"],     # 3: line 2 holds both now: a duplicate
            ["89161111111", "ivan@x.ru"],     # 4: one row of a.csv holds both: a duplicate
            ["89165555555", "z@x.ru"],        # 5: new
            ["89165555555", "orlov@x.ru"]]    # 6: in this file and in a.csv, never together: kept
    result = import_crm(workspace, write_csv(tmp_path / "b.csv", rows, header))
    assert (result.details["ok"], result.details["duplicates"]) == (3, 2)
    assert [r[0] for r in workspace.con.execute("SELECT line FROM contacts WHERE import_id = ? ORDER BY line",
                                                [result.import_id]).fetchall()] == [2, 5, 6]
    assert build_people(workspace)["people"] == 1  # the linking rows join all three into one person
    # the rows again: every one is held by a stored row now
    again = import_crm(workspace, write_csv(tmp_path / "c.csv", rows[::-1], header))  # other bytes, same rows
    assert (again.details["ok"], again.details["duplicates"]) == (0, 5)


def test_a_duplicate_held_by_another_row_than_its_keys_first_one_names_that_row(workspace, tmp_path):
    header = ["ID", "Телефон", "Email"]
    import_crm(workspace, write_csv(tmp_path / "m1.csv", [["C1", "89161234567", "a@x.ru"]], header))
    rows = [["C1", "89161234567", "a@x.ru"],   # 2: held by m1.csv line 2
            ["C9", "89161234567", "a@x.ru"],   # 3: a new CRM id: stored
            ["C9", "89161234567", "a@x.ru"]]   # 4: held by line 3 (m1.csv's row does not hold C9)
    result = import_crm(workspace, write_csv(tmp_path / "m2.csv", rows, header))
    assert (result.details["ok"], result.details["duplicates"]) == (1, 2)
    assert workspace.con.execute("SELECT line, reason FROM import_rejects WHERE import_id = ? ORDER BY line",
                                 [result.import_id]).fetchall() == [
        (2, "duplicate row: its phone is in import #1 (m1.csv), line 2"),
        (4, "duplicate row: its phone is on line 3")]


def test_placeholder_cards_do_not_join_customers(workspace, tmp_path):
    from engine.normalize import PLACEHOLDER_CARD
    from engine.people import build_people

    header = ["Телефон", "Номер карты"]
    rows = [["89161111111", "нету"], ["89162222222", "нету"], ["89163333333", "0000000"], ["89164444444", "0000000"]]
    result = import_crm(workspace, write_csv(tmp_path / "a.csv", rows, header))
    assert (result.details["ok"], result.details["duplicates"], result.details["cards_valid"]) == (4, 0, 0)
    assert build_people(workspace)["people"] == 4
    assert {r[0] for r in workspace.con.execute("SELECT reason FROM import_rejects WHERE column_name = 'Номер карты'"
                                                ).fetchall()} == {PLACEHOLDER_CARD}


def test_values_padded_with_no_break_spaces_are_trimmed(workspace, tmp_path):
    """Excel pads cells with U+00A0; the bulk path trims only values with a space at an edge."""
    nbsp = "\u00a0"
    rows = [[f"{nbsp}89161234567", f"Ivan@Mail.ru{nbsp}", f"{nbsp}Иванов Иван{nbsp}", f"01.02.1990{nbsp}",
             f"{nbsp}М", "", f"да{nbsp}"]]
    import_crm(workspace, write_csv(tmp_path / "n.csv", rows))
    got = contacts(workspace)[0]
    assert got[1:6] == ("+79161234567", "ivan@mail.ru", "Иванов Иван", __import__("datetime").date(1990, 2, 1), "m")
    assert got[7] is True


def test_narrow_no_break_spaces_in_phones_and_names(workspace, tmp_path):
    """U+202F (narrow no-break space) groups digits in typeset phone numbers and ends names."""
    rows = [["+7\u202f926\u202f111\u202f22\u202f33", "", "Иван\u202f", "", "", "", ""]]
    result = import_crm(workspace, write_csv(tmp_path / "n.csv", rows))
    assert result.details["ok"] == 1 and result.details["values_dropped"] == 0
    assert contacts(workspace)[0][1:4] == ("+79261112233", None, "Иван")


def test_old_mac_line_ends_give_editor_lines(workspace, tmp_path):
    """Lone CR line ends, a quoted line break, a blank line and a rejected row: every line in the
    report and in contacts is the line an editor shows."""
    text = ("Телефон;ФИО\r89161234567;\"Иванов\rИван\"\r\rнет;Пётр\r89031112233;Анна;лишнее\r"
            "89262223344;Ольга\r")
    path = tmp_path / "mac.csv"
    path.write_bytes(text.encode("cp1251"))
    import_crm(workspace, path)
    editor = text.split("\r")  # lines as an editor numbers them, from 1
    assert [r[0] for r in contacts(workspace)] == [2, 7]
    assert editor[1].startswith("89161234567") and editor[6].startswith("89262223344")
    rejects = workspace.con.execute("SELECT DISTINCT line FROM import_rejects ORDER BY line").fetchall()
    assert rejects == [(5,), (6,)]  # "нет" (its phone, and no key) on 5, the extra field on 6
    assert editor[4].startswith("нет") and editor[5].endswith("лишнее")


def test_small_file_declared_in_the_other_8bit_encoding_is_refused(workspace, tmp_path):
    text = "Телефон;Email;ФИО;Пол\n89161234567;a@b.ru;Иванов Иван;М\n89031234567;;Петрова Анна;Ж\n"
    path = tmp_path / "k.csv"
    path.write_bytes(text.encode("koi8-r"))
    result = import_crm(workspace, path, encoding="cp1251")
    assert result.status == REFUSED and "reads as koi8-r" in result.message


def test_a_dos_cp866_export_is_detected(workspace, tmp_path):
    text = "Телефон;ФИО;Пол\n89161234567;Иванов Иван Иванович;М\n89031234567;Петрова Анна Сергеевна;Ж\n"
    path = tmp_path / "dos.csv"
    path.write_bytes(text.encode("cp866"))
    result = import_crm(workspace, path)
    assert result.status == IMPORTED and result.details["encoding"] == "cp866"
    assert workspace.con.execute("SELECT list(name ORDER BY line) FROM contacts").fetchone()[0] == [
        "Иванов Иван Иванович", "Петрова Анна Сергеевна"]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_western_encoding_declared_is_honoured(workspace, tmp_path, encoding):
    text = "Phone;Name\n89161234567;Hélène Müller\n89031234567;François Øster\n"
    path = tmp_path / "west.csv"
    path.write_bytes(text.encode(encoding))
    result = import_crm(workspace, path, encoding=encoding)
    assert result.status == IMPORTED, result.message
    assert workspace.con.execute("SELECT list(name ORDER BY line) FROM contacts").fetchone()[0] == [
        "Hélène Müller", "François Øster"]


def test_a_russian_export_declared_western_is_refused(workspace, tmp_path):
    path = write_csv(tmp_path / "ru.csv", [["89161234567", "", "Иванов Иван Иванович", "", "М", "", ""],
                                           ["89031234567", "", "Петрова Анна Сергеевна", "", "Ж", "", ""]],
                     encoding="cp1251")
    result = import_crm(workspace, path, encoding="cp1252")
    assert result.status == REFUSED and "reads as cp1251" in result.message


def test_an_undefined_byte_in_a_declared_8bit_encoding_is_replaced_not_refused(workspace, tmp_path):
    path = tmp_path / "undef.csv"
    path.write_bytes("Телефон;ФИО\n89161234567;Пётр ".encode("cp1251") + b"\x98" + " Ёлкин\n".encode("cp1251"))
    result = import_crm(workspace, path, encoding="windows-1251")
    assert result.status == IMPORTED, result.message
    assert workspace.con.execute("SELECT name FROM contacts").fetchone()[0] == "Пётр \ufffd Ёлкин"


# --- the awkward-input battery ---------------------------------------------------------------

def test_empty_file_refused(workspace, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = import_crm(workspace, path)
    assert result.status == REFUSED and "Empty file" in result.message and "empty.csv" in result.message


def test_header_only_imports_zero_rows(workspace, tmp_path):
    result = import_crm(workspace, write_csv(tmp_path / "h.csv", []))
    assert result.status == IMPORTED
    assert (result.details["rows"], result.details["ok"], result.details["rejects_file"]) == (0, 0, None)


def test_wrong_encoding_declared_is_refused_with_the_detected_one(workspace, tmp_path):
    cp = write_csv(tmp_path / "cp.csv", ROWS[:2], encoding="cp1251")
    result = import_crm(workspace, cp, encoding="utf-8")
    assert result.status == REFUSED and "looks like cp1251" in result.message
    utf = write_csv(tmp_path / "utf.csv", ROWS[:2])
    result = import_crm(workspace, utf, encoding="cp1251")
    assert result.status == REFUSED and "utf-8" in result.message.lower()
    koi = write_csv(tmp_path / "koi.csv", ROWS[:2], encoding="koi8-r")
    result = import_crm(workspace, koi, encoding="cp1251")
    assert result.status == REFUSED and "koi8-r" in result.message


def test_row_with_an_extra_field_is_rejected_with_its_line(workspace, tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("Телефон;Email\n89161234567;a@b.ru\n89262223344;c@d.ru;EXTRA\n89031112233;\n",
                    encoding="utf-8")
    result = import_crm(workspace, path)
    assert (result.details["rows"], result.details["ok"], result.details["rejected"]) == (3, 2, 1)
    line, value, reason = workspace.con.execute(
        "SELECT line, value, reason FROM import_rejects").fetchone()
    assert line == 3 and value == "89262223344;c@d.ru;EXTRA" and reason.startswith("too many fields")
    assert [r[0] for r in contacts(workspace)] == [2, 4]


def test_ten_megabyte_cell(workspace, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("Телефон;ФИО;Заметка\n89161234567;" + "Я" * 10_000_000 + ";" + "z" * 10_000_000
                    + "\n89262223344;Анна;x\n", encoding="utf-8")
    result = import_crm(workspace, path)
    assert result.status == IMPORTED
    assert result.details["ok"] == 2 and result.details["ignored_columns"] == ["Заметка"]
    reason, value = workspace.con.execute("SELECT reason, value FROM import_rejects").fetchone()
    assert reason == "name longer than 1000 characters" and len(value) == 200
    assert workspace.con.execute("SELECT name FROM contacts ORDER BY line").fetchall() == [(None,), ("Анна",)]


def test_excel_scientific_phone_and_serial_dates(workspace, tmp_path):
    rows = [["7,91612E+10", "a@b.ru", "", "32874", "", "", ""], ["7,91612E+10", "", "", "", "", "", ""]]
    result = import_crm(workspace, write_csv(tmp_path / "x.csv", rows))
    assert (result.details["ok"], result.details["rejected"]) == (1, 1)
    assert str(workspace.con.execute("SELECT birth_date FROM contacts").fetchone()[0]) == "1990-01-01"
    reasons = workspace.con.execute("SELECT line, reason FROM import_rejects WHERE column_name = 'Телефон' "
                                    "ORDER BY line").fetchall()
    assert reasons == [(2, "phone mangled by Excel (scientific notation)")] * 1 + \
        [(3, "phone mangled by Excel (scientific notation)")]


def test_duplicate_file_is_skipped(workspace, tmp_path):
    path = write_csv(tmp_path / "crm.csv", ROWS)
    assert import_file(workspace, path, kind="crm").status == IMPORTED
    second = import_file(workspace, path, kind="crm")
    assert second.status == SKIPPED and "already imported" in second.message
    assert workspace.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 3


def test_unknown_columns_are_ignored_and_said(workspace, tmp_path):
    result = import_crm(workspace, write_csv(tmp_path / "u.csv", [["89161234567", "x", "y"]],
                                             header=["Телефон", "Любимый цвет", "Notes"]))
    assert result.details["ignored_columns"] == ["Любимый цвет", "Notes"]
    assert "ignored columns: Любимый цвет, Notes" in result.message


def test_mapping_dict_is_json_roundtrip(tmp_path):
    mapping = mp.propose_mapping(HEADER, [], "crm")
    assert mapping == {"Телефон": "phone", "Email": "email", "ФИО": "name", "Дата рождения": "birth_date",
                       "Пол": "gender", "Номер карты": "card", "Согласие": "consent"}
    assert mp.load_mapping(mp.save_mapping(tmp_path / "m.json", mapping)) == mapping
    assert json.loads(json.dumps(mapping)) == mapping
    english = mp.propose_mapping(["Phone", "E-mail", "Name", "Birthday", "Gender", "Card number", "Customer ID"],
                                 [], "crm")
    assert list(english.values()) == ["phone", "email", "name", "birth_date", "gender", "card", "crm_id"]


def test_cancelled_import_leaves_nothing(workspace, tmp_path):
    from engine.imports.registry import CANCELLED
    from engine.progress import CancelToken

    token = CancelToken()
    token.cancel()
    result = import_crm(workspace, write_csv(tmp_path / "crm.csv", ROWS), cancel=token)
    assert result.status == CANCELLED
    assert workspace.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert workspace.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert import_crm(workspace, tmp_path / "crm.csv").status == IMPORTED  # and it can be imported afterwards


def test_a_cancelled_import_of_an_8_bit_file_leaves_no_utf8_copy_behind(workspace, tmp_path, monkeypatch):
    import tempfile

    from engine.imports.registry import CANCELLED
    from engine.progress import CancelToken

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    token = CancelToken()
    token.cancel()  # seen by the transcode's first block
    result = import_crm(workspace, write_csv(tmp_path / "crm.csv", [["8 916 123-45-67", "", "Ёлкина Юлия", "", "Ж", "", ""]],
                                            encoding="cp1251"), cancel=token)
    assert result.status == CANCELLED
    assert list(temp.iterdir()) == []


def test_columns_without_telling_names_are_mapped_by_content(workspace, tmp_path):
    result = import_crm(workspace, write_csv(tmp_path / "n.csv", [["Иван", "8 916 123-45-67", "IVAN@MAIL.RU"],
                                                                 ["Анна", "+7 926 000 11 22", "anna@mail.ru"]],
                                             header=["Кто", "Контакт", "Куда писать"]))
    assert result.status == IMPORTED, result.message
    assert result.details["mapping"] == {"Кто": "ignore", "Контакт": "phone", "Куда писать": "email"}
    assert result.details["mapping_source"] == "detected"


def test_cyrillic_only_after_the_first_megabyte_is_still_detected(workspace, tmp_path):
    rows = [[f"+7916{i:07d}", f"u{i}@mail.ru", "", "", "", "", ""] for i in range(40_000)]  # ASCII: > 1 MB
    rows.append(["+79990001122", "", "Ёлкина Юлия", "", "Ж", "", ""])
    result = import_crm(workspace, write_csv(tmp_path / "late.csv", rows, encoding="cp1251"))
    assert result.status == IMPORTED, result.message
    assert result.details["encoding"] == "cp1251"
    assert workspace.con.execute("SELECT name, gender FROM contacts WHERE phone = '+79990001122'").fetchone() == (
        "Ёлкина Юлия", "f")


def test_a_short_row_is_one_reject_however_many_fields_it_misses(workspace, tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes("Телефон;Email;ФИО;Пол\n89161234567;a@b.ru;А;М\n89262223344;c@d.ru\n"
                     "89031112233;e@f.ru;В;М\n".encode("cp1251"))
    result = import_crm(workspace, path)
    assert (result.rows_in, result.rows_ok, result.rows_rejected) == (3, 2, 1)
    lines = workspace.con.execute("SELECT line FROM import_rejects").fetchall()
    assert lines == [(3,)]


MIXED_ROWS = [f"Иван {i};+7 916 {i:03d}-45-67;u{i}@mail.ru" for i in range(1, 6)]


@pytest.mark.parametrize("text", [
    "Имя;Телефон;Email\n" + "\r\n".join(MIXED_ROWS) + "\r\n",                                   # LF header, CRLF rows
    "Имя;Телефон;Email\r\n" + "\r\n".join(MIXED_ROWS[:2]) + "\n" + "\r\n".join(MIXED_ROWS[2:]) + "\r\n",  # one LF row
    "Имя;Телефон;Email\r" + "\r".join(MIXED_ROWS) + "\r",                                        # old Mac: CR only
    "Имя;Телефон;Email\r\n" + "".join(f"П {i};+7 9{i % 100:02d} {i // 100:03d}-11-22;p{i}@m.ru\r\n"
                                       for i in range(40_000))  # > 1 MB: past the sample
    + "\n".join(MIXED_ROWS) + "\n",                                                               # the mix past the sample
], ids=["lf-header", "one-lf-row", "cr-only", "late-mix"])
def test_mixed_line_ends_are_read(workspace, tmp_path, text):
    """Exports edited by hand mix line ends; each row still lands, on its physical line."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.encode("utf-8"))
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    n = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") - 1
    assert result.details["ok"] == n and result.details["rejected"] == 0
    lines = workspace.con.execute("SELECT list(line ORDER BY line) FROM contacts").fetchone()[0]
    assert lines == list(range(2, n + 2))


@pytest.mark.parametrize("header, rows, key", [
    ("email", ["a@b.ru", "c@d.ru", "a@b.ru", "bad"], "emails_valid"),
    ("Номер карты", ["2700000000011", "2700000000012", "2700000000011", "x"], "cards_valid"),
], ids=["e-mail only", "card only"])
def test_an_export_without_a_phone_column_imports(workspace, tmp_path, header, rows, key):
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = import_crm(workspace, path)
    assert result.status == IMPORTED, result.message
    d = result.details
    assert (d["rows"], d["ok"], d["duplicates"], d["rejected"], d[key]) == (4, 2, 1, 1, 3)


def test_rejects_report_opens_in_excel(workspace, tmp_path):
    result = import_crm(workspace, write_csv(tmp_path / "crm.csv", ROWS))
    assert open(result.details["rejects_file"], "rb").read(3) == b"\xef\xbb\xbf"   # BOM: Excel (ru) reads UTF-8
