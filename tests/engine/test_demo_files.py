"""The demo's table files (CRM, receipts, registers, airodump) and the demo workspace."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest



def files_of(truth, kind):
    return [f for f in truth["files"] if f["kind"] == kind]


def normalise_phone(text: str) -> str | None:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 10 and digits.startswith("9"):
        digits = "7" + digits
    if len(digits) == 11 and digits[0] in "78" and digits[1] == "9":
        return "7" + digits[1:]
    return None


def test_crm_is_cp1251_with_russian_headers_and_messy_phones(demo_small):
    out, truth = demo_small
    raw = (out / "crm_export.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1251")
    assert text.splitlines()[0] == "Телефон;Email;ФИО;Дата рождения;Пол;Номер карты"
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    crm = truth["crm"]
    assert len(rows) == crm["rows"]
    phones = [normalise_phone(r["Телефон"]) for r in rows]
    assert sum(p is None for p in phones) == crm["invalid_phone_rows"] > 0
    assert len({p for p in phones if p}) == crm["distinct_valid_phones"]
    assert crm["duplicate_rows"] == crm["rows"] - crm["distinct_persons"] > 0
    spellings = {r"^\+7 \(\d{3}\) \d{3}-\d{2}-\d{2}$", r"^8 \d{3} \d{7}$", r"^9\d{9}$", r"^7-\d{3}-\d{3}-\d{2}-\d{2}$"}
    for pattern in spellings:
        assert any(re.match(pattern, r["Телефон"]) for r in rows), pattern
    emails = [r["Email"] for r in rows if r["Email"]]
    assert any(e != e.strip() for e in emails) and any(e.strip() != e.strip().lower() for e in emails)
    assert sum(1 for e in emails) == crm["rows_with_email"]
    assert sum(1 for r in rows if r["Номер карты"]) == crm["rows_with_card"]
    assert all(re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", r["Дата рождения"]) for r in rows)
    assert {r["Пол"] for r in rows} == {"М", "Ж"}
    # Duplicated people: the same card (or name and birth date) under another phone spelling.
    by_card = pd.DataFrame(rows).query("`Номер карты` != ''").groupby("Номер карты")["Телефон"].nunique()
    assert (by_card >= 2).any()


def test_receipts_are_fns_documents_consistent_with_truth(demo_small):
    out, truth = demo_small
    registers = pd.read_csv(out / "registers.csv", sep=";", dtype=str)
    assert list(registers.columns) == ["site", "kkt_reg_id", "inn", "tenant"]
    known = set(registers["kkt_reg_id"])
    day0 = datetime.fromisoformat(truth["period_start_utc"].rstrip("Z"))
    day_end = day0 + timedelta(days=truth["days"])
    for entry in files_of(truth, "receipts"):
        docs = json.loads((out / entry["path"]).read_text(encoding="utf-8"))
        site = next(s for s in truth["sites"] if s["name"] == entry["site"])
        assert len(docs) == entry["documents"] == site["receipts"]["documents"]
        forms = {"wrapper": 0, "bare": 0}
        unregistered = items = cards = 0
        for doc in docs:
            wrapped = "receipt" in doc
            forms["wrapper" if wrapped else "bare"] += 1
            r = doc["receipt"] if wrapped else doc
            for field in ("kktRegId", "fiscalDriveNumber", "fiscalDocumentNumber", "fiscalSign", "operationType",
                          "totalSum", "cashTotalSum", "ecashTotalSum", "items", "retailPlaceAddress", "userInn"):
                assert field in r, field
            if wrapped:
                assert isinstance(r["dateTime"], int)
                when = datetime.fromtimestamp(r["dateTime"], timezone.utc).replace(tzinfo=None)
                card = r.get("properties", {}).get("propertyValue")
            else:
                when = datetime.fromisoformat(r["dateTime"]) - timedelta(hours=3)   # Moscow local
                card = r.get("propertiesData")
            assert day0 <= when < day_end
            assert r["totalSum"] == sum(i["sum"] for i in r["items"]) == r["cashTotalSum"] + r["ecashTotalSum"]
            for item in r["items"]:
                assert set(item) >= {"name", "price", "quantity", "sum", "nds", "paymentType", "productType"}
                assert item["sum"] == round(item["price"] * item["quantity"])
            assert r["operationType"] in (1, 2)
            unregistered += r["kktRegId"].strip() not in known
            items += len(r["items"])
            cards += card is not None
        assert forms["wrapper"] > 0 and forms["bare"] > 0
        assert unregistered == site["receipts"]["unregistered"] > 0
        assert items == entry["items"] == site["receipts"]["items"]
        assert cards == site["receipts"]["with_card"] > 0


def test_airodump_csv_has_airodump_sections(demo_small):
    out, truth = demo_small
    entries = files_of(truth, "airodump")
    assert entries
    for entry in entries:
        text = (out / entry["path"]).read_bytes().decode("utf-8")
        lines = text.split("\r\n")
        assert lines[0] == ""
        assert lines[1] == ("BSSID, First time seen, Last time seen, channel, Speed, Privacy, Cipher, "
                            "Authentication, Power, # beacons, # IV, LAN IP, ID-length, ESSID, Key")
        at = lines.index("Station MAC, First time seen, Last time seen, Power, # packets, BSSID, Probed ESSIDs")
        assert at - 3 == entry["access_points"] and lines[at - 1] == ""
        stations = [line for line in lines[at + 1:] if line]
        assert len(stations) == entry["rows"]
        for line in stations:
            mac, first, last, power, packets, rest = line.split(", ", 5)
            assert re.fullmatch(r"([0-9A-F]{2}:){5}[0-9A-F]{2}", mac)
            assert first <= last and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", first)
            assert -100 <= int(power) < 0 and int(packets) >= 1
            assert rest.startswith("(not associated) ,")
        assert sum(int(line.split(", ")[4]) for line in stations) == entry["frames"]


def test_demo_workspace_imports_captures_to_truth_counts(demo_small):
    from engine.imports import IMPORTERS
    from engine.workspace import Workspace

    out, truth = demo_small
    if "capture" not in IMPORTERS:
        pytest.skip("no capture importer yet")
    with Workspace.open(out / "demo.o2o") as ws:
        assert ws.is_demo
        rows = dict(ws.con.execute("SELECT file_name, rows_in FROM imports WHERE status = 'imported'").fetchall())
        sensors = {s["name"]: s["rssi_inside"] for s in ws.sensors()}
        frames_by_file = dict(ws.con.execute(
            "SELECT i.file_name, count(*) FROM detections d JOIN imports i USING (import_id) "
            "WHERE i.kind = 'capture' GROUP BY 1").fetchall())
    assert sensors == truth["analysis_defaults"]["rssi_inside"]
    for entry in files_of(truth, "capture"):
        assert rows[entry["path"]] == entry["frames"], entry["path"]
        assert frames_by_file[entry["path"]] == entry["frames"], entry["path"]


def test_cli_demo_json(tmp_path):
    proc = subprocess.run([sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", "demo", str(tmp_path / "d"), "--seed", "3",
                           "--no-workspace", "--json"], capture_output=True, text=True, check=True)
    payload = json.loads(proc.stdout)
    assert payload["seed"] == 3 and payload["scale"] == "small" and payload["frames"] > 0
    assert (tmp_path / "d" / "truth.json").is_file()
    assert payload["generation_s"] >= 0


def test_cancel_stops_the_build_and_progress_reports(tmp_path):
    from engine.demo import build_demo
    from engine.errors import Cancelled, O2OError
    from engine.progress import CancelToken

    token = CancelToken()
    seen = []

    def progress(fraction, message):
        seen.append((fraction, message))
        if len(seen) == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        build_demo(tmp_path / "c", seed=1, scale="small", progress=progress, cancel=token, workspace=False)
    assert not (tmp_path / "c" / "truth.json").exists()
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    with pytest.raises(O2OError, match="scale"):
        build_demo(tmp_path / "x", scale="huge")
