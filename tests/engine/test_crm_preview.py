"""The preview says which rows the import would reject whole, as the import does."""
from __future__ import annotations

from engine.crm.crm_import import NO_KEY, import_crm
from engine.crm.preview import propose


def test_csv_preview_names_whole_row_rejects_like_the_import(workspace, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("Телефон;Email;Имя\n89161234567;a@b.ru;Анна\n89161234568;b@b.ru;Борис;лишнее\n"
                    "89161234569;c@b.ru\nнет;;Глеб\n", encoding="utf-8")
    problems = propose(path)["row_problems"]
    assert problems[0] is None
    assert problems[1].startswith("row rejected: too many fields") and problems[2].startswith("row rejected: too few")
    assert problems[3] == NO_KEY
    result = import_crm(workspace, path)
    rejected = [line for line, in workspace.con.execute(
        "SELECT DISTINCT line FROM import_rejects WHERE column_name IS NULL ORDER BY line").fetchall()]
    assert rejected == [3, 4, 5] and result.details["rejected"] == 3


def test_sheet_preview_and_import_agree_on_values_beyond_the_header(workspace, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Телефон", "Email"])
    sheet.append(["89161234567", "a@b.ru"])
    sheet.append(["89161234568", "b@b.ru", "лишнее"])
    sheet.append(["89161234569", "c@b.ru"])
    sheet.cell(row=4, column=6).number_format = "0.00"  # a formatted empty cell is not a value
    path = tmp_path / "beyond.xlsx"
    book.save(path)
    problems = propose(path)["row_problems"]
    assert problems == [None, "row rejected: too many fields: expected 2, found 3", None]
    result = import_crm(workspace, path)
    assert (result.details["ok"], result.details["rejected"]) == (2, 1)
    assert workspace.con.execute("SELECT line, value, reason FROM import_rejects").fetchall() == [
        (3, "89161234568;b@b.ru;лишнее", "too many fields: expected 2, found 3")]


def test_preview_drops_over_long_names_and_ids_as_the_import_does(workspace, tmp_path):
    long_name, long_id = "Я" * 1001, "K" * 201
    path = tmp_path / "long.csv"
    path.write_text(f"ID;Телефон;Фамилия;Имя\n{long_id};89161234567;{long_name};Анна\nK2;89161234568;Петров;Борис\n",
                    encoding="utf-8")
    preview = propose(path)["preview"]
    assert preview[0]["crm_id"]["value"] is None and preview[0]["name"]["value"] is None
    assert (preview[1]["crm_id"]["value"], preview[1]["name"]["value"]) == ("K2", "Петров Борис")
    result = import_crm(workspace, path)
    reasons = dict(workspace.con.execute("SELECT column_name, reason FROM import_rejects WHERE import_id = ?",
                                         [result.import_id]).fetchall())
    assert reasons == {"ID": preview[0]["crm_id"]["reason"], "Фамилия + Имя": preview[0]["name"]["reason"]}


def test_preview_trims_and_joins_names_and_ids_as_the_import_does(workspace, tmp_path):
    from engine.people_queries import normalised_preview

    path = tmp_path / "names.csv"
    rows = [("\tC1", "Иванов ", "Иван", "89161234561"), ("C2", "Я" * 499 + " ", "Ю" * 500, "89161234562"),
            ("C3", "Я" * 600, "Ю" * 600, "89161234563"), ("C4", "\tПетров", "Пётр\t", "89161234564")]
    path.write_text("ID;Фамилия;Имя;Телефон\n" + "".join(";".join(r) + "\n" for r in rows), encoding="utf-8")
    proposal = propose(path)
    preview = proposal["preview"]
    result = import_crm(workspace, path)
    stored = dict(workspace.con.execute("SELECT line, name FROM contacts WHERE import_id = ?",
                                        [result.import_id]).fetchall())
    ids = dict(workspace.con.execute("SELECT line, crm_id FROM contacts").fetchall())
    for line, row in enumerate(preview, start=2):
        assert row["name"]["value"] == stored.get(line) and row["crm_id"]["value"] == ids.get(line), line
    assert preview[2]["name"]["reason"] == "name longer than 1000 characters"
    # the wizard's table marks both parts of that name
    cells = normalised_preview([list(r) for r in rows], proposal["columns"], proposal["mapping"])
    assert cells[2][1] == ("", "name longer than 1000 characters") == cells[2][2]


def test_a_kept_phone_with_a_warning_does_not_make_the_preview_reject_its_row(workspace, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("ID;Телефон\n1;89161234567, 89267654321\n2;8-916-123-45-68 / 8-926-765-43-21\n3;нет\n",
                    encoding="utf-8")
    preview = propose(path)
    assert preview["row_problems"] == [None, None, NO_KEY]
    result = import_crm(workspace, path)
    assert (result.details["ok"], result.details["rejected"]) == (2, 1)
    assert workspace.con.execute("SELECT line, phone FROM contacts ORDER BY line").fetchall() == [
        (2, "+79161234567"), (3, "+79161234568")]
