"""The CRM import wizard on a real workspace: detection, mapping, normalised preview, import,
summary and rejects, the remembered mapping, and cancel leaving nothing behind."""
from __future__ import annotations

import csv
import json

import pytest

HEADER = ["ФИО", "Телефон", "Эл. почта", "Дата рождения", "Пол", "Карта", "Согласие на рассылку", "Код клиента"]
ROWS = [
    # ok: the common Russian phone spellings, an upper-case e-mail, a card with a space
    ["Иванов Иван", "8 (916) 123-45-67", "Ivan@Example.RU", "01.02.1980", "м", "1234 5678", "да", "1001"],
    ["Петрова Анна", "+7 916 765 43 21", "anna@mail.ru", "1985-03-04", "ж", "", "нет", "1002"],
    ["Сидоров Пётр", "9161112233", "", "15/06/1990", "муж", "", "1", "1003"],
    # rejected: the phone was mangled by Excel, the e-mail is not one: no usable key left
    ["Плохой Ряд", "7,91612E+10", "bad-email", "31.02.1990", "x", "", "", "1004"],
    # duplicate: the phone of the first row in another spelling, the same client code
    ["Иванов И.", "89161234567", "", "", "", "", "", "1001"],
    # ok: an extension after the number, spaces around the e-mail
    ["Кузнецова Ольга", "8-903-555-66-77 доб. 12", " KUZ@ya.ru ", "", "Ж", "", "Да", "1006"],
]
EXPECTED = {"rows": 6, "ok": 4, "rejected": 1, "duplicates": 1}


def write_crm(path, rows=ROWS, header=HEADER):
    with open(path, "w", encoding="cp1251", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def app_context(workspace):
    from app.context import AppContext
    from app.worker import TaskMonitor

    context, monitor = AppContext(), TaskMonitor()
    context.workspace = workspace  # the workspace fixture closes it
    yield context, monitor
    monitor.cancel_all()
    assert monitor.wait(20000)


def open_wizard(qtbot, context, monitor, path):
    from app.import_wizard import ImportWizard

    wizard = ImportWizard(context, monitor, path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=10000)
    return wizard


def number(label) -> int:
    return int(label.text().replace("\u2009", ""))


def test_wizard_imports_a_cp1251_crm_export_with_a_changed_role(qtbot, app_context, workspace, tmp_path):
    context, monitor = app_context
    path = write_crm(tmp_path / "clients.csv")
    wizard = open_wizard(qtbot, context, monitor, path)

    # step 1: what was detected
    assert wizard.preview.kind == "crm"
    assert wizard.encoding_combo.currentText() == "cp1251"
    assert wizard.delimiter_combo.currentData() == ";"
    assert wizard.next_button.isEnabled()

    # step 2: the proposed roles, and the normalised preview with invalid values flagged
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.next_button.click()
    mapping = wizard.mapping()
    assert mapping["Телефон"] == "phone" and mapping["Эл. почта"] == "email"
    assert mapping["Пол"] == "gender" and mapping["Код клиента"] == "crm_id"
    columns = wizard.preview.columns
    phone_col, email_col, gender_col = columns.index("Телефон"), columns.index("Эл. почта"), columns.index("Пол")
    assert wizard.raw_table.item(1, phone_col).text() == "8 (916) 123-45-67"
    assert wizard.norm_table.item(0, phone_col).text() == "+79161234567"
    assert wizard.norm_table.item(0, email_col).text() == "ivan@example.ru"
    assert wizard.norm_table.item(0, gender_col).text() == "m"
    assert wizard.norm_table.item(3, phone_col).text().startswith("⚠")        # Excel-mangled phone
    assert wizard.norm_table.item(3, phone_col).background().color().name() == "#fecaca"
    assert wizard.norm_table.item(5, phone_col).text() == "+79035556677"      # extension stripped
    # row 4 has no usable phone, e-mail or card: every mapped cell says the row is rejected
    name_col = columns.index("ФИО")
    assert wizard.norm_table.item(3, name_col).text() == "⚠ row rejected: no usable phone, e-mail or card"
    assert wizard.norm_table.item(0, name_col).text() == "Иванов Иван"

    # the analyst changes one role: gender is not to be imported
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.set_role("Пол", "ignore")
    assert wizard.norm_table.item(0, gender_col).text() == ""
    assert wizard.mapping()["Пол"] == "ignore"

    # save the mapping to a file (through the worker), then import
    saved = tmp_path / "mapping.json"
    wizard.save_mapping(saved)
    qtbot.waitUntil(lambda: saved.exists() and not wizard.runner.busy, timeout=10000)
    assert json.loads(saved.read_text(encoding="utf-8"))["Пол"] == "ignore"
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    result = done.args[0]
    assert result.status == "imported"

    # the summary shows the engine's counts, which are the ones designed into the file
    shown = {key: number(label) for key, label in wizard.summary.values.items()}
    assert shown == EXPECTED
    rows_in, rows_ok, rows_rejected = workspace.con.execute(
        "SELECT rows_in, rows_ok, rows_rejected FROM imports WHERE import_id = ?", [result.import_id]).fetchone()
    assert (rows_in, rows_ok, rows_rejected) == (shown["rows"], shown["ok"], shown["rejected"])
    assert result.details["duplicates"] == shown["duplicates"]
    assert workspace.con.execute("SELECT count(*), count(gender) FROM contacts").fetchone() == (4, 0)
    phones = {r[0] for r in workspace.con.execute("SELECT phone FROM contacts").fetchall()}
    assert phones == {"+79161234567", "+79167654321", "+79161112233", "+79035556677"}

    # the first rejects are listed in the summary, the bad row with its line number
    qtbot.waitUntil(lambda: wizard.summary.rejects_model.rowCount() > 0, timeout=10000)
    listed = wizard.summary.rejects_model.frame
    assert 5 in set(listed.iloc[:, 0]) and "full report:" in wizard.summary.rejects_label.text()
    assert wizard.first_lines.toPlainText().splitlines()[1].startswith("Иванов Иван  │  8 (916) 123-45-67")

    # the rejects report exported as CSV through the worker
    assert wizard.summary.export_rejects_button.isEnabled()
    report = tmp_path / "rejects.csv"
    wizard.summary.export_rejects(report)
    qtbot.waitUntil(lambda: report.exists() and not wizard.runner.busy, timeout=10000)
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "file;line;column;value;reason"
    assert any(line.split(";")[1] == "5" and "no usable phone" in line for line in lines[1:])  # row 4 = line 5
    wizard.close_button.click()
    assert not wizard.isVisible()


def test_mapping_is_remembered_for_the_next_export_of_the_same_shape(qtbot, app_context, workspace, tmp_path):
    from engine.crm.crm_import import import_crm

    context, monitor = app_context
    mapping = {name: role for name, role in zip(HEADER, ["name", "phone", "email", "birth_date", "ignore",
                                                         "card", "consent", "crm_id"])}
    assert import_crm(workspace, write_crm(tmp_path / "week1.csv"), mapping=mapping).status == "imported"
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "week2.csv", ROWS[:2]))
    assert wizard.preview.mapping_source == "remembered"
    assert wizard.mapping() == mapping
    assert "remembered" in wizard.mapping_note.text()
    wizard.reject()


def test_two_columns_with_one_role_block_the_import(qtbot, app_context, tmp_path):
    context, monitor = app_context
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "c.csv"))
    wizard.go(1)
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.set_role("Код клиента", "email")  # phone may have several columns, e-mail may not
    assert not wizard.import_button.isEnabled()
    assert "Two columns are mapped to email" in wizard.error_label.text()
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.set_role("Код клиента", "crm_id")
    assert wizard.import_button.isEnabled()
    wizard.reject()



def test_a_second_phone_column_is_allowed_and_shown_as_phone_2(qtbot, app_context, tmp_path):
    context, monitor = app_context
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "c.csv"))
    wizard.go(1)
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.set_role("Код клиента", "phone")
    assert wizard.import_button.isEnabled() and not wizard.error_label.text()
    labels = [wizard.norm_table.horizontalHeaderItem(i).text() for i in range(wizard.norm_table.columnCount())]
    assert labels.count("phone 2") == 1 and labels.index("phone 2") == HEADER.index("Код клиента")
    wizard.reject()

def test_cancel_leaves_nothing_behind(qtbot, app_context, workspace, tmp_path):
    context, monitor = app_context
    many = [[f"Клиент {i}", f"8916{i:07d}", f"c{i}@mail.ru", "", "", "", "", str(i)] for i in range(60000)]
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "big.csv", many))
    wizard.go(1)
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.start_import()
        wizard.reject()  # Cancel while the import runs
    assert done.args[0] is None
    monitor.wait(20000)
    for table in ("imports", "contacts", "crm_mappings", "import_rejects"):
        assert workspace.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_import_screen_opens_the_wizard_for_a_crm_file(qtbot, window, tmp_path):
    from engine.workspace import Workspace

    window.set_workspace(Workspace.open(tmp_path / "w.o2o", create=True))
    window.show_view("import")
    view = window.views["import"]
    view.add_files([write_crm(tmp_path / "clients.csv")])
    view.import_button.click()
    qtbot.waitUntil(lambda: getattr(view, "import_wizard", None) is not None
                    and view.import_wizard.preview is not None, timeout=10000)
    wizard = view.import_wizard
    wizard.go(1)
    with qtbot.waitSignal(wizard.import_done, timeout=30000):
        wizard.import_button.click()
    assert view.table.item(0, 3).text() == "imported"
    wizard.accept()


def test_a_receipts_table_is_recognised_and_imported(qtbot, app_context, workspace, tmp_path):
    context, monitor = app_context
    path = tmp_path / "receipts.csv"
    path.write_text("ФН;ФД;ФП;Дата;Сумма;Телефон покупателя\n"
                    "9999078900001111;17;1234567890;17.09.2024 18:01;1285,21;8 916 123-45-67\n"
                    "9999078900001111;18;1234567891;17.09.2024 18:05;99,00;\n", encoding="utf-8")
    wizard = open_wizard(qtbot, context, monitor, path)
    assert wizard.preview.kind == "receipts" and wizard.kind_combo.currentData() == "receipts"
    wizard.go(1)
    qtbot.waitUntil(lambda: wizard.norm_table.item(0, 0) is not None, timeout=10000)
    roles = wizard.mapping()
    assert [roles[c] for c in ("ФН", "ФД", "ФП")] == ["fn", "fd", "fp"]
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    assert done.args[0].status == "imported", done.args[0].message
    assert number(wizard.summary.values["ok"]) == 2
    assert workspace.con.execute("SELECT sum(total_kop) FROM receipts").fetchone()[0] == 128521 + 9900
    wizard.accept()


def test_the_sheet_picker_chooses_the_sheet_previewed_and_imported(qtbot, app_context, workspace, tmp_path):
    import openpyxl

    context, monitor = app_context
    book = openpyxl.Workbook()
    book.active.title = "Сводка"
    book.active.append(["Итого", "Сумма"])
    book.active.append(["Март", 1500])
    clients = book.create_sheet("Клиенты")
    clients.append(["ID клиента", "Телефон", "Email"])
    clients.append(["K-1", "89161234567", "a@b.ru"])
    clients.append(["K-2", "+7 926 000 11 22", ""])
    path = tmp_path / "book.xlsx"
    book.save(path)
    wizard = open_wizard(qtbot, context, monitor, path)

    # a workbook with two sheets: the picker shows, on the first sheet; CSV controls are off
    assert wizard.file_form.isRowVisible(wizard.sheet_combo)
    assert [wizard.sheet_combo.itemData(i) for i in range(wizard.sheet_combo.count())] == ["Сводка", "Клиенты"]
    assert wizard.sheet_combo.itemText(1) == "2 · Клиенты"
    assert wizard.preview.facts["sheet"] == "Сводка" and not wizard.encoding_combo.isEnabled()
    assert not wizard.file_form.isRowVisible(wizard.encoding_combo)

    # choosing the second sheet re-reads the preview from it
    wizard.sheet_combo.setCurrentIndex(1)
    with qtbot.waitSignal(wizard.preview_loaded, timeout=10000):
        wizard.sheet_combo.activated.emit(1)
    assert wizard.preview.facts["sheet"] == "Клиенты" and wizard.sheet_combo.currentData() == "Клиенты"
    assert wizard.preview.columns == ["ID клиента", "Телефон", "Email"]
    assert "Клиенты" in wizard.facts_label.text()
    wizard.grab().save(str(tmp_path / "wizard-sheet.png"))

    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.next_button.click()
    assert wizard.mapping() == {"ID клиента": "crm_id", "Телефон": "phone", "Email": "email"}
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    result = done.args[0]
    assert result.status == "imported" and result.details["sheet"] == "Клиенты" and result.rows_ok == 2
    assert workspace.con.execute("SELECT crm_id FROM contacts ORDER BY crm_id").fetchall() == [("K-1",), ("K-2",)]
    wizard.accept()



def test_the_header_line_can_be_named_and_is_imported_so(qtbot, app_context, workspace, tmp_path):
    context, monitor = app_context
    path = tmp_path / "titled.csv"
    path.write_text("Телефон;Email;Имя\nОтчёт;за март;2024\nPhone;Mail;Name\n89161234567;a@b.ru;Анна\n",
                    encoding="utf-8")
    wizard = open_wizard(qtbot, context, monitor, path)
    assert wizard.preview.columns == ["Телефон", "Email", "Имя"]          # detection is fooled by this title
    wizard.header_spin.setValue(3)
    with qtbot.waitSignal(wizard.preview_loaded, timeout=10000):
        wizard.header_spin.editingFinished.emit()
    assert wizard.preview.columns == ["Phone", "Mail", "Name"] and "line 3" in wizard.facts_label.text()
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.next_button.click()
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    assert done.args[0].details["header_line"] == 3
    assert workspace.con.execute("SELECT line, name FROM contacts").fetchall() == [(4, "Анна")]
    wizard.accept()

def test_header_line_names_the_header_of_a_receipt_table_too(qtbot, app_context, tmp_path):
    context, monitor = app_context
    workspace = context.workspace
    path = tmp_path / "till.csv"
    # three cells above five: wider than half the table, so not recognised as a title by itself
    path.write_text("Отчёт по чекам;март 2024;касса 1\nФН;ФД;ФП;Дата;Сумма\n"
                    "9999078900004792;101;3522150147;17.09.2024 18:01;1285,21\n", encoding="utf-8")
    wizard = open_wizard(qtbot, context, monitor, path)
    assert wizard.preview.kind == "crm" and wizard.header_spin.isEnabled()  # the title line read as a header
    # the kind is guessed again from the header named: no need to pick "Receipts table" by hand
    wizard.header_spin.setValue(2)
    with qtbot.waitSignal(wizard.preview_loaded, timeout=10000):
        wizard.header_spin.editingFinished.emit()
    assert wizard.preview.kind == "receipts" and wizard.preview.columns == ["ФН", "ФД", "ФП", "Дата", "Сумма"]
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.next_button.click()
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    assert done.args[0].details["header_line"] == 2 and done.args[0].details["receipts"] == 1
    assert workspace.con.execute("SELECT fd FROM receipts").fetchall() == [(101,)]
    wizard.accept()


def test_a_kind_picked_by_hand_is_kept_when_the_header_line_changes(qtbot, app_context, tmp_path):
    context, monitor = app_context
    path = tmp_path / "till.csv"
    path.write_text("Отчёт;март\nФН;ФД;ФП;Дата;Сумма\n9999078900004792;101;3522150147;17.09.2024 18:01;1,00\n",
                    encoding="utf-8")
    wizard = open_wizard(qtbot, context, monitor, path)
    index = wizard.kind_combo.findData("crm")
    wizard.kind_combo.setCurrentIndex(index)
    with qtbot.waitSignal(wizard.preview_loaded, timeout=10000):
        wizard.kind_combo.activated.emit(index)  # as a click does
    wizard.header_spin.setValue(2)
    with qtbot.waitSignal(wizard.preview_loaded, timeout=10000):
        wizard.header_spin.editingFinished.emit()
    assert wizard.preview.columns[0] == "ФН" and wizard.preview.kind == "crm"
    wizard.reject()


def test_no_sheet_picker_for_csv_or_a_one_sheet_workbook(qtbot, app_context, tmp_path):
    import openpyxl

    context, monitor = app_context
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "clients.csv"))
    assert not wizard.file_form.isRowVisible(wizard.sheet_combo)
    assert wizard.file_form.isRowVisible(wizard.encoding_combo)
    wizard.reject()
    book = openpyxl.Workbook()
    book.active.append(["Телефон"])
    book.active.append(["89161234567"])
    book.save(tmp_path / "one.xlsx")
    wizard = open_wizard(qtbot, context, monitor, tmp_path / "one.xlsx")
    assert not wizard.file_form.isRowVisible(wizard.sheet_combo) and wizard.preview.facts["sheets"] == ["Sheet"]
    wizard.reject()


def test_cancel_after_the_commit_says_it_came_too_late(qtbot, app_context, workspace, tmp_path):
    """Cancel pressed once the import is committed (the rejects report still being written)
    cannot roll it back: the wizard stays, shows the summary with the rejects and says so."""
    from PySide6.QtCore import QObject, Slot

    context, monitor = app_context
    good = [[f"Клиент {i}", f"8916{i:07d}", f"c{i}@mail.ru", "", "", "", "", str(i)] for i in range(3000)]
    bad = [[f"Плохой {i}", "7,91612E+10", "bad-email", "", "", "", "", f"b{i}"] for i in range(500)]
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "late.csv", good + bad))
    wizard.go(1)

    class PressCancel(QObject):  # a QObject on the GUI thread: the signal from the worker is queued to it
        cancel_enabled = None

        @Slot()
        def press(self):
            PressCancel.cancel_enabled = wizard.cancel_button.isEnabled()
            wizard.reject()

    presser = PressCancel()
    wizard.import_saved.connect(presser.press)
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    result = done.args[0]
    assert result is not None and result.status == "imported"
    assert PressCancel.cancel_enabled is False  # disabled as soon as the import was saved
    assert wizard.isVisible() and wizard.stack.currentIndex() == 3  # the summary, not a closed wizard
    assert "too late" in wizard.summary.message.text()
    assert (number(wizard.summary.values["ok"]), number(wizard.summary.values["rejected"])) == (3000, 500)
    assert workspace.con.execute("SELECT count(*) FROM contacts").fetchone()[0] == 3000
    report = result.details["rejects_file"]
    with open(report, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    # one whole-row reject and two dropped values (phone, e-mail) per bad row, plus the header
    assert len(lines) == 1 + 3 * 500
    qtbot.waitUntil(lambda: wizard.summary.rejects_model.rowCount() > 0, timeout=10000)
    wizard.accept()


def test_cancel_before_the_commit_waits_for_the_rollback_then_closes(qtbot, app_context, workspace, tmp_path):
    """Cancel while the import runs: the wizard stays ("Cancelling…") until the engine has rolled
    back, then closes; nothing stays in the workspace."""
    context, monitor = app_context
    rows = [[f"Клиент {i}", f"8916{i:07d}", "", "", "", "", "", str(i)] for i in range(3000)]
    wizard = open_wizard(qtbot, context, monitor, write_crm(tmp_path / "early.csv", rows))
    wizard.go(1)
    seen = []
    original = wizard._progressed

    def progressed(fraction, message):  # Cancel as soon as the import reports its stages
        original(fraction, message)
        seen.append(message)
        if not wizard.cancel_requested:
            wizard.reject()
            assert wizard.isVisible() and "Cancelling" in wizard.progress_label.text()

    wizard._progressed = progressed
    with qtbot.waitSignal(wizard.import_done, timeout=30000) as done:
        wizard.import_button.click()
    assert done.args[0] is None and seen and not wizard.saved
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
    for table in ("imports", "contacts", "import_rejects"):
        assert workspace.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_preview_rows_carry_the_report_lines_and_whole_row_rejects(qtbot, app_context, tmp_path):
    """Rows are labelled with the lines an editor and the rejects report give (a quoted line break
    and a blank line count); a record with an extra field is shown rejected whole, as imported."""
    path = tmp_path / "lines.csv"
    path.write_text("Телефон;ФИО\n89161234567;\"Иванов\nИван\"\n\nнет;Пётр\n89031112233;Анна;лишнее\n"
                    "89262223344;Ольга\n", encoding="utf-8")
    context, monitor = app_context
    wizard = open_wizard(qtbot, context, monitor, path)
    labels = [wizard.norm_table.verticalHeaderItem(r).text() for r in range(wizard.norm_table.rowCount())]
    assert labels == ["2", "5", "6", "7"]
    raw = [wizard.raw_table.verticalHeaderItem(r).text() for r in range(1, wizard.raw_table.rowCount())]
    assert raw == labels
    qtbot.waitUntil(lambda: wizard.norm_table.item(2, 0) is not None, timeout=10000)
    extra = [wizard.norm_table.item(2, c).toolTip() for c in range(wizard.norm_table.columnCount())]
    assert all("too many fields (expected 2, found 3)" in t for t in extra)
    assert "row rejected" not in (wizard.norm_table.item(3, 0).toolTip() or "")


def test_wizard_shows_a_kept_value_with_a_warning_and_keeps_its_row(qtbot, app_context, workspace, tmp_path):
    context, monitor = app_context
    path = write_crm(tmp_path / "two.csv", rows=[["1", "89161234567, 89267654321", "Анна"], ["2", "нет", "Борис"]],
                     header=["Код клиента", "Телефон", "ФИО"])
    wizard = open_wizard(qtbot, context, monitor, path)
    with qtbot.waitSignal(wizard.normalised, timeout=10000):
        wizard.next_button.click()
    phone_col, name_col = wizard.preview.columns.index("Телефон"), wizard.preview.columns.index("ФИО")
    kept = wizard.norm_table.item(0, phone_col)
    assert kept.text() == "⚠ +79161234567" and "more than one phone" in kept.toolTip()
    assert kept.background().color().name() == "#fef3c7"  # amber: kept, not dropped
    assert wizard.norm_table.item(0, name_col).text() == "Анна"  # the row is kept
    assert wizard.norm_table.item(1, name_col).text() == "⚠ row rejected: no usable phone, e-mail or card"
