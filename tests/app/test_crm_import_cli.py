"""`o2o import crm` / `o2o import receipts` options: preview with --save-mapping, sheets,
wrong-kind hints, absolute rejects paths, receipt tables with encoding/delimiter/sheet."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def run(capsys, *argv) -> tuple[int, dict, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if captured.out.strip() else {}), captured.err


def test_preview_saves_the_proposed_mapping_and_creates_no_workspace(tmp_path, capsys):
    crm = tmp_path / "crm.csv"
    crm.write_text("ID клиента;Телефон;Возраст\nK1;89161234567;60\nK2;89262223344;45\n", encoding="utf-8")
    ws, saved = tmp_path / "new.o2o", tmp_path / "m.json"
    code, out, _ = run(capsys, "import", "crm", crm, "-w", ws, "--preview", "--save-mapping", saved, "--json")
    assert code == 0 and not ws.exists() and not list(tmp_path.glob("new*"))
    expected = {"ID клиента": "crm_id", "Телефон": "phone", "Возраст": "ignore"}
    assert out["mapping"] == expected and json.loads(saved.read_text(encoding="utf-8")) == expected
    assert out["mapping_file"] == str(saved.resolve()) and "does not exist" in out["notes"][0]
    # the saved mapping, edited, is what the preview shows and drives the real import
    saved.write_text(json.dumps({"Телефон": "phone"}), encoding="utf-8")
    code, out, _ = run(capsys, "import", "crm", crm, "-w", ws, "--preview", "--mapping", saved, "--json")
    assert code == 0 and out["mapping_source"] == "file m.json" and out["mapping"]["ID клиента"] == "ignore"
    assert [row["phone"]["value"] for row in out["preview"]] == ["+79161234567", "+79262223344"]
    assert "crm_id" not in out["preview"][0] and not ws.exists()
    code, out, _ = run(capsys, "import", "crm", crm, "-w", ws, "--mapping", saved, "--json")
    assert code == 0 and out["ok"] == 2 and out["mapping"]["ID клиента"] == "ignore"


def test_preview_reads_an_existing_workspace_without_changing_it(tmp_path, capsys):
    ws = tmp_path / "ws.o2o"
    first = tmp_path / "a.csv"
    first.write_text("Колонка;Другая\n89161234567;x\n", encoding="utf-8")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"Колонка": "phone", "Другая": "crm_id"}), encoding="utf-8")
    assert run(capsys, "import", "crm", first, "-w", ws, "--mapping", mapping, "--json")[0] == 0
    before = ws.stat().st_mtime_ns, ws.stat().st_size
    second = tmp_path / "b.csv"
    second.write_text("Колонка;Другая\n89262223344;y\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "crm", second, "-w", ws, "--preview", "--json")
    assert code == 0 and out["mapping_source"] == "remembered for this file shape"
    assert out["mapping"] == {"Колонка": "phone", "Другая": "crm_id"}
    assert (ws.stat().st_mtime_ns, ws.stat().st_size) == before


def test_sheet_numbers_count_from_one_and_bad_sheets_list_the_sheets(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Пусто"
    book.active.append(["Заметки"])
    clients = book.create_sheet("Клиенты")
    clients.append(["Телефон", "Email"])
    clients.append(["89161234567", "a@b.ru"])
    path = tmp_path / "crm.xlsx"
    book.save(path)
    ws = tmp_path / "ws.o2o"
    code, out, _ = run(capsys, "import", "crm", path, "-w", ws, "--sheet", "2", "--json")
    assert code == 0 and out["sheet"] == "Клиенты" and out["ok"] == 1
    code, out, err = run(capsys, "import", "crm", path, "-w", ws, "--sheet", "3", "--preview")
    assert code == 2 and "No sheet number 3" in err and "1 “Пусто”, 2 “Клиенты”" in err
    code, out, _ = run(capsys, "import", "crm", path, "-w", ws, "--sheet", "Нет такого", "--json")
    assert code == 1 and "No sheet named “Нет такого”" in out["message"] and "2 “Клиенты”" in out["message"]


@pytest.mark.parametrize("name, content, command", [
    ("r.json", b'{"receipt": {"fiscalDriveNumber": "1"}}', "o2o import receipts"),
    ("qr.txt", b"t=20240917T1801&s=1.00&fn=2&i=1&fp=1&n=1\n", "o2o import receipts"),
    ("c.pcap", b"\xd4\xc3\xb2\xa1" + bytes(20), "o2o import capture"),
])
def test_other_kinds_of_file_are_refused_with_the_right_command(tmp_path, capsys, name, content, command):
    path = tmp_path / name
    path.write_bytes(content)
    ws = tmp_path / "ws.o2o"
    code, _, err = run(capsys, "import", "crm", path, "-w", ws, "--json")
    assert code == 2 and "not a CRM table" in err and f"`{command} {path}" in err
    assert not ws.exists()


def test_rejects_file_is_absolute_with_a_relative_workspace(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("crm.csv").write_text("Телефон;Email\n89161234567;bad@\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "crm", "crm.csv", "-w", "rel.o2o", "--json")
    assert code == 0
    rejects = Path(out["rejects_file"])
    assert rejects.is_absolute() and rejects == (tmp_path / "rel-rejects" / rejects.name) and rejects.is_file()


def test_receipt_tables_take_encoding_delimiter_and_sheet(tmp_path, capsys):
    import openpyxl

    header = ["ФН", "ФД", "ФП", "Дата", "Сумма", "Карта"]
    rows = [["9999078900004792", "101", "3522150147", "17.09.2024 18:01", "1285,21", "Клиент ВИП"],
            ["9999078900004792", "102", "1234567890", "17.09.2024 18:05", "99,00", ""]]
    path = tmp_path / "receipts.csv"
    path.write_text("\n".join("\t".join(r) for r in [header] + rows) + "\n", encoding="cp1251")
    ws = tmp_path / "ws.o2o"
    code, out, _ = run(capsys, "import", "receipts", path, "-w", ws, "--encoding", "cp1251",
                       "--delimiter", "tab", "--json")
    assert code == 0 and out["receipts"] == 2, out
    other = tmp_path / "receipts2.csv"
    other.write_text("\n".join("\t".join(r) for r in [header, rows[0][:1] + ["103"] + rows[0][2:]]) + "\n",
                     encoding="cp1251")
    code, out, _ = run(capsys, "import", "receipts", other, "-w", ws, "--encoding", "utf-8", "--json")
    assert code == 1 and "Not valid utf-8" in out["refused"][0]  # the option reaches the reader

    book = openpyxl.Workbook()
    book.active.title = "Сводка"
    book.active.append(["Итого"])
    sheet = book.create_sheet("Чеки")
    sheet.append(header)
    sheet.append(["9999078900004793", "7", "111", "18.09.2024 10:00", "10,50", ""])
    xlsx = tmp_path / "receipts.xlsx"
    book.save(xlsx)
    code, out, _ = run(capsys, "import", "receipts", xlsx, "-w", ws, "--sheet", "2", "--json")
    assert code == 0 and out["receipts"] == 1, out


def test_receipts_folder_takes_only_receipt_files(tmp_path, capsys, shared_data):
    """Of a folder: receipt JSON, QR strings and receipt tables; never the workspace, its .wal, a
    capture, a CRM export or plain text; a JSON without fiscal fields is refused, not imported."""
    import shutil

    folder = tmp_path / "drop"
    folder.mkdir()
    for name in ("receipt_ip_1item_flat.json", "receipt_lenta_9items_flat.json"):
        shutil.copy(shared_data / "receipts" / name, folder / name)
    pcap = next(p for p in sorted((shared_data / "captures").rglob("*")) if p.suffix in (".pcap", ".pcapng"))
    shutil.copy(pcap, folder / pcap.name)
    (folder / "truth.json").write_text(json.dumps({"visitors": 120, "seed": 7}), encoding="utf-8")
    (folder / "qr.txt").write_text("t=20240917T1801&s=10.00&fn=9960440300000011&i=5&fp=55&n=1\n", encoding="utf-8")
    (folder / "notes.txt").write_text("receipts from the mall, September\n", encoding="utf-8")
    (folder / "crm.csv").write_text("ФИО;Телефон\nИванов;89161234567\n", encoding="utf-8")
    (folder / "table.csv").write_text("ФН;ФД;ФП;Дата;Сумма\n9960440300000012;1;11;45552.75;10\n", encoding="utf-8")
    (folder / "old.o2o.wal").write_bytes(b"\x00wal")
    ws = folder / "ws.o2o"
    assert run(capsys, "import", "receipts", folder / "qr.txt", "-w", ws, "--json")[0] == 0  # the workspace exists
    code, out, _ = run(capsys, "import", "receipts", folder, "-w", ws, "--json")
    tried = sorted(Path(r["file"]).name for r in out["results"])
    assert tried == ["qr.txt", "receipt_ip_1item_flat.json", "receipt_lenta_9items_flat.json", "table.csv",
                     "truth.json"]
    by_name = {Path(r["file"]).name: r for r in out["results"]}
    assert by_name["truth.json"]["status"] == "refused" and "no receipt in it" in by_name["truth.json"]["message"]
    assert by_name["qr.txt"]["status"] == "skipped" and by_name["table.csv"]["status"] == "imported"
    assert code == 1 and out["receipts"] == 3 and out["imported"] == 3
    left_out = " ".join(out["notes"])
    for name in (pcap.name, "ws.o2o", "old.o2o.wal", "crm.csv", "notes.txt"):
        assert name in left_out
    # a file named explicitly is still tried (and refused by the importer)
    code, out, _ = run(capsys, "import", "receipts", folder / "crm.csv", "-w", ws, "--json")
    assert code == 1 and out["files"] == 1 and out["refused"]


def test_plain_text_preview_and_people_list_are_tables(tmp_path, capsys):
    """Without --json: columns across with truncated cells, not a JSON dump; --json unchanged."""
    crm = tmp_path / "crm.csv"
    long_name = "Константинопольский-Старший Александр Александрович"
    crm.write_text(f"ФИО;Телефон;Эл. почта\n{long_name};8 (916) 123-45-67;Ivan@Example.RU\n"
                   "Петрова;7,91612E+10;anna@mail.ru\n", encoding="utf-8")
    ws = tmp_path / "ws.o2o"
    assert main(["import", "crm", str(crm), "-w", str(ws), "--preview"]) == 0
    text = capsys.readouterr().out
    assert "{" not in text and '"preview"' not in text
    lines = text.splitlines()
    header = next(ln for ln in lines if ln.split()[:1] == ["line"])
    assert header.split() == ["line", "name", "phone", "email"]
    first = lines[lines.index(header) + 2]
    assert "+79161234567" in first and "ivan@example.ru" in first and long_name not in first
    assert long_name[:10] in first and "…" in first  # cut to the cell width
    assert "line 3, Телефон: '7,91612E+10': phone mangled by Excel" in text
    code, out, _ = run(capsys, "import", "crm", crm, "-w", ws, "--preview", "--json")
    assert code == 0 and out["preview"][1]["phone"]["reason"]  # --json keeps the structure

    assert run(capsys, "import", "crm", crm, "-w", ws, "--json")[0] == 0
    assert main(["people", "-w", str(ws), "--list", "1", "--sort", "name"]) == 0
    text = capsys.readouterr().out
    assert "[{" not in text
    lines = text.splitlines()
    header = next(ln for ln in lines if ln.startswith(" ") and "name" in ln and "phone" in ln)
    row = lines[lines.index(header) + 2]
    assert long_name[:10] in row and "…" in row and "ivan@example.ru" in row and row.endswith("crm")  # К < П
    assert "more people" in text  # two people, one listed
    code, out, _ = run(capsys, "people", "-w", ws, "--list", "5", "--json")
    assert code == 0 and len(out["list"]) == 2 and out["list"][0]["person_id"] and out["more"] is False


def test_receipt_table_header_below_a_two_cell_title_is_named_with_header_line(tmp_path, capsys):
    # a title of three cells above five columns reads like a header: detection keeps line 1,
    # --header-line 2 names the header
    path = tmp_path / "till.csv"
    path.write_text("Отчёт по чекам;март 2024;касса 1\nФН;ФД;ФП;Дата;Сумма\n"
                    "9999078900004792;101;3522150147;17.09.2024 18:01;1285,21\n", encoding="utf-8")
    ws = tmp_path / "ws.o2o"
    code, out, _ = run(capsys, "import", "receipts", path, "-w", ws, "--json")
    assert code == 1 and "needs columns for" in out["refused"][0] and "--header-line N" in out["refused"][0]
    code, out, _ = run(capsys, "import", "receipts", path, "-w", ws, "--header-line", "2", "--json")
    assert code == 0 and out["receipts"] == 1 and out["results"][0]["header_line"] == 2, out
