"""The CLI contract of issue 5: o2o import crm|receipts|registers|partner and o2o people."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.cli import main
from engine import hashing


def run(capsys, *argv) -> tuple[int, dict]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_cli_import_crm_receipts_people(tmp_path, capsys, shared_data):
    ws = tmp_path / "cli.o2o"
    crm = tmp_path / "crm.csv"
    crm.write_text("Телефон;Email;ФИО;Номер карты\n8 916 123-45-67;buyer2@example.ru;Иван;2700000011\n"
                   "7,91612E+10;;Пётр;\n+7 (916) 123-45-67;;дубль;\n", encoding="cp1251")
    code, out = run(capsys, "import", "crm", crm, "-w", ws, "--json")
    assert code == 0
    assert {k: out[k] for k in ("rows", "ok", "rejected", "duplicates", "phones_valid", "emails_valid")} == {
        "rows": 3, "ok": 1, "rejected": 1, "duplicates": 1, "phones_valid": 2, "emails_valid": 1}
    rejects = Path(out["rejects_file"])
    assert rejects.parent == tmp_path / "cli-rejects" and "scientific notation" in rejects.read_text(encoding="utf-8")

    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"Телефон": "phone", "Email": "ignore"}), encoding="utf-8")
    other = tmp_path / "crm2.csv"
    other.write_text("Телефон;Email\n89262223344;x@y.ru\n", encoding="utf-8")
    code, out = run(capsys, "import", "crm", other, "-w", ws, "--mapping", mapping, "--encoding", "utf-8",
                    "--delimiter", ";", "--json")
    assert code == 0 and out["emails_valid"] == 0 and out["mapping_source"] == "file m.json"

    code, out = run(capsys, "import", "receipts", shared_data / "receipts", "-w", ws, "--json")
    assert code == 1  # the 0-byte file was refused; the others imported
    assert {k: out[k] for k in ("documents", "receipts", "items", "duplicates", "rejected")} == {
        "documents": 5, "receipts": 5, "items": 30, "duplicates": 0, "rejected": 0}
    assert out["unregistered_registers"] == 0 and len(out["refused"]) == 1 and "Empty file" in out["refused"][0]

    registers = tmp_path / "registers.csv"
    registers.write_text("site;kkt_reg_id;inn;tenant\nМолл;0006334399059439;7814148471;Лента\n", encoding="utf-8")
    code, out = run(capsys, "import", "registers", registers, "-w", ws, "--json")
    assert code == 0 and out["registers"] == 1 and out["flagged_receipts"] == 2  # two samples come from other tills
    bad = tmp_path / "bad-registers.csv"
    bad.write_text("site;kkt_reg_id\nМолл;abc\nМолл;0000000000000099\n", encoding="utf-8")
    code, out = run(capsys, "import", "registers", bad, "-w", ws, "--rejects", tmp_path / "reg-rejects.csv", "--json")
    assert code == 0 and out["rejects_file"] == str((tmp_path / "reg-rejects.csv").resolve())
    assert "abc" in (tmp_path / "reg-rejects.csv").read_text(encoding="utf-8-sig")

    late = tmp_path / "late.json"
    late.write_text(json.dumps([{"fiscalDriveNumber": "1", "fiscalDocumentNumber": n, "fiscalSign": n,
                                 "dateTime": 1726585260, "totalSum": 100, "operationType": 1,
                                 "kktRegId": "0000000000000077"}
                                for n in (1, 2)]), encoding="utf-8")
    qr = tmp_path / "qr.txt"
    qr.write_text("t=20240917T1801&s=1.00&fn=2&i=1&fp=1&n=1\n", encoding="utf-8")
    code, out = run(capsys, "import", "receipts", late, qr, "-w", ws, "--json")
    assert code == 0 and out["receipts"] == 3
    assert out["unregistered_registers"] == 1  # one unknown till; the QR receipt has no till to check

    partner = tmp_path / "partner.csv"
    partner.write_text(f"mac_md5;phone_sha256\n{hashing.mac_md5(bytes(6))};{hashing.phone_sha256('+79161234567')}\n",
                       encoding="utf-8")
    code, out = run(capsys, "import", "partner", partner, "-w", ws, "--partner", "MTS", "--json")
    assert code == 0 and out["matches"] == 1 and out["partner"] == "MTS"

    code, out = run(capsys, "people", "-w", ws, "--json")
    assert code == 0
    assert {k: out[k] for k in ("people", "with_phone", "with_email", "with_card", "with_device",
                                "with_receipts")} == {
        # Иван (+ buyer2's receipts), the mapped-only phone, and buyer1 known from a receipt alone
        "people": 3, "with_phone": 2, "with_email": 2, "with_card": 1, "with_device": 0, "with_receipts": 2}


def test_cli_preview_imports_nothing(tmp_path, capsys):
    ws = tmp_path / "p.o2o"
    crm = tmp_path / "crm.csv"
    crm.write_text("Phone,E-mail\n89161234567,A@B.RU\n", encoding="utf-8")
    code, out = run(capsys, "import", "crm", crm, "-w", ws, "--preview", "--json")
    assert code == 0 and out["mapping"] == {"Phone": "phone", "E-mail": "email"}
    assert out["preview"][0]["email"]["value"] == "a@b.ru"
    assert not ws.exists()  # a preview needs no workspace and creates none


def test_installed_o2o_entry_point(tmp_path):
    crm = tmp_path / "crm.csv"
    crm.write_text("Телефон\n89161234567\n", encoding="utf-8")
    script = Path(sys.executable).parent / "o2o"
    done = subprocess.run([str(script), "import", "crm", str(crm), "-w", str(tmp_path / "e.o2o"), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ok"] == 1


def test_cli_people_sort_show_and_receipt_rejects(tmp_path, capsys):
    ws = tmp_path / "s.o2o"
    crm = tmp_path / "crm.csv"
    crm.write_text("Телефон;ФИО;Номер карты\n89161111111;Аня;2700000501\n89162222222;Боря;2700000502\n89163333333;Вера;\n",
                   encoding="utf-8")
    assert run(capsys, "import", "crm", crm, "-w", ws, "--json")[0] == 0
    receipts = tmp_path / "r.json"
    docs = [{"fiscalDriveNumber": "1", "fiscalDocumentNumber": n, "fiscalSign": n, "dateTime": 1726585260 + n,
             "totalSum": total, "operationType": 1, "loyaltyCard": card}
            for n, total, card in ((1, 500, "2700000501"), (2, 900, "2700000502"), (3, 300, "2700000502"))]
    docs.append({"fiscalDriveNumber": "1", "fiscalDocumentNumber": "x4", "fiscalSign": 4, "dateTime": 1, "totalSum": 1})
    receipts.write_text(json.dumps(docs), encoding="utf-8")
    code, out = run(capsys, "import", "receipts", receipts, "-w", ws, "--json")
    assert code == 0 and out["receipts"] == 3 and out["rejected"] == 1
    report = Path(out["results"][0]["rejects_file"])
    assert out["rejects_files"] == [str(report)]          # every file's report, at the top level
    assert report.parent == tmp_path / "s-rejects"
    assert "fiscalDocumentNumber;x4;" in report.read_text(encoding="utf-8")
    assert out["results"][0]["message"].endswith(f"rejects report: {report}")  # shown without --json too

    # revenue: Боря 1200, Аня 500, Вера 0 — descending with '-' (argparse would take it for an option)
    code, out = run(capsys, "people", "-w", ws, "--list", "3", "--sort", "-revenue_kop", "--json")
    assert code == 0 and [r["name"] for r in out["list"]] == ["Боря", "Аня", "Вера"] and out["sort"] == "-revenue_kop"
    code, out = run(capsys, "people", "-w", ws, "--list", "3", "--sort", "revenue_kop", "--json")
    assert [r["name"] for r in out["list"]] == ["Вера", "Аня", "Боря"]
    code, out = run(capsys, "people", "-w", ws, "--list", "3", "--sort", "name", "--desc", "--json")
    assert [r["name"] for r in out["list"]] == ["Вера", "Боря", "Аня"]
    code = main(["people", "-w", str(ws), "--list", "3", "--sort", "-revenu", "--json"])
    err = capsys.readouterr().err
    assert code == 2 and "Cannot sort people by 'revenu'" in err and "revenue_kop" in err and "last_purchase" in err

    borya = next(r["person_id"] for r in run(capsys, "people", "-w", ws, "--list", "3", "--json")[1]["list"]
                 if r["name"] == "Боря")
    code, profile = run(capsys, "people", "-w", ws, "--show", borya, "--json")
    assert code == 0 and profile["receipts"]["count"] == 2 and profile["receipts"]["revenue_kop"] == 1200
    assert profile["receipts"]["last_purchase"] == "2024-09-17 15:01:03"  # the later of the two, UTC
    assert set(profile["contacts"]) == {"phone", "card"} and profile["visits"]["count"] == 0
    assert {s["kind"] for s in profile["sources"]} == {"crm", "receipts"}
    assert main(["people", "-w", str(ws), "--show", str(borya)]) == 0
    text = capsys.readouterr().out
    assert "+79162222222 (crm.csv)" in text and "2, revenue 12.00 RUB" in text and "not stated in any import" in text
    assert "no device linked" in text


def test_cli_people_local_last_purchase_and_filter_count(tmp_path, capsys):
    """--json names the times: last_purchase is UTC, last_purchase_local the till's time at the
    receipt's site (what the screen shows); --filter says how many people matched."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from engine.workspace import Workspace

    ws = tmp_path / "t.o2o"
    with Workspace.open(ws, create=True) as opened:
        opened.ensure_site("Екатеринбург", timezone_name="Asia/Yekaterinburg")
    registers = tmp_path / "registers.csv"
    registers.write_text("site;kkt_reg_id\nЕкатеринбург;0000000000000007\n", encoding="utf-8")
    assert run(capsys, "import", "registers", registers, "-w", ws, "--json")[0] == 0
    crm = tmp_path / "crm.csv"
    crm.write_text("Телефон;ФИО;Номер карты\n89161111111;Аня;2700000501\n89162222222;Боря;2700000502\n"
                   "89163333333;Вера;\n", encoding="utf-8")
    assert run(capsys, "import", "crm", crm, "-w", ws, "--json")[0] == 0
    anya_at, borya_at = 1726585260, 1726585262  # unix seconds, UTC
    docs = [{"fiscalDriveNumber": "1", "fiscalDocumentNumber": 1, "fiscalSign": 1, "dateTime": anya_at,
             "totalSum": 500, "operationType": 1, "loyaltyCard": "2700000501", "kktRegId": "0000000000000007"},
            {"fiscalDriveNumber": "1", "fiscalDocumentNumber": 2, "fiscalSign": 2, "dateTime": borya_at,
             "totalSum": 900, "operationType": 1, "loyaltyCard": "2700000502"},
            {"fiscalDriveNumber": "1", "fiscalDocumentNumber": 3, "fiscalSign": 3, "dateTime": borya_at - 86400,
             "totalSum": 300, "operationType": 1, "loyaltyCard": "2700000502"}]
    receipts = tmp_path / "r.json"
    receipts.write_text(json.dumps(docs), encoding="utf-8")
    assert run(capsys, "import", "receipts", receipts, "-w", ws, "--json")[0] == 0

    def at(seconds: int, zone: str) -> str:
        return str(datetime.fromtimestamp(seconds, ZoneInfo(zone)).replace(tzinfo=None))

    code, out = run(capsys, "people", "-w", ws, "--list", "3", "--sort", "name", "--json")
    assert code == 0 and out["matched"] == 3 and out["more"] is False
    times = {r["name"]: (r["last_purchase"], r["last_purchase_local"]) for r in out["list"]}
    assert times == {"Аня": (at(anya_at, "UTC"), at(anya_at, "Asia/Yekaterinburg")),      # the register's site
                     "Боря": (at(borya_at, "UTC"), at(borya_at, "Europe/Moscow")),       # no register: Moscow
                     "Вера": (None, None)}
    assert out["times"]["last_purchase"] == "UTC" and "local" in out["times"]["last_purchase_local"]

    # the filter's count: the same condition the People screen counts ("2 match the filter")
    code, out = run(capsys, "people", "-w", ws, "--list", "1", "--filter", "name:р", "--json")
    assert code == 0 and out["matched"] == 2 and len(out["list"]) == 1 and out["more"] is True
    assert run(capsys, "people", "-w", ws, "--list", "5", "--filter", "nobody", "--json")[1]["matched"] == 0
    assert main(["people", "-w", str(ws), "--list", "1", "--filter", "name:р"]) == 0
    text = capsys.readouterr().out
    assert "2 match the filter 'name:р'" in text and "last purchase (local)" in text
    assert main(["people", "-w", str(ws), "--list", "3", "--sort", "name"]) == 0
    assert at(anya_at, "Asia/Yekaterinburg")[:16] in capsys.readouterr().out  # 2024-09-17 20:01, not 15:01

    anya = next(r["person_id"] for r in run(capsys, "people", "-w", ws, "--list", "3", "--json")[1]["list"]
                if r["name"] == "Аня")
    code, profile = run(capsys, "people", "-w", ws, "--show", anya, "--json")
    assert code == 0 and profile["last_purchase_local"] == at(anya_at, "Asia/Yekaterinburg")
    assert profile["receipts"]["last_purchase_local"] == profile["last_purchase_local"]
    assert profile["receipts"]["last_purchase"] == at(anya_at, "UTC")
    assert profile["times"]["receipts.latest.ts"] == "UTC"
