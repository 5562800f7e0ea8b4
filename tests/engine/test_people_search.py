"""People's stored last_purchase_local and search columns (engine/schema/m007_people_search.py):
the last purchase in the till's local time, and a filter that finds exactly what a plain
case-insensitive substring search over the name and every identity finds."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import re

from engine.people_queries import FILTER_IDENTITY_KEYS, parse_people_filter, people_filter, people_sql

# name -> [(unix seconds UTC, site or None for the Moscow default, loyalty card)]
PURCHASES = {
    # the latest purchase by UTC is in Moscow (15:00 local), an earlier one in Vladivostok reads 20:00
    "Аня": [(1726567200, "Владивосток", "2700000501"), (1726574400, None, "2700000501")],
    # 11:00 UTC in Vladivostok = 21:00 local: latest by the till's clock, though not by UTC
    "Боря": [(1726570800, "Владивосток", "2700000502")],
    "Вера": [(1726578000, None, "2700000503"), (1726491600, "Екатеринбург", "2700000503")],
    "Гена": [(1726574460, "Екатеринбург", "2700000504")],
}
ZONES = {"Владивосток": "Asia/Vladivostok", "Екатеринбург": "Asia/Yekaterinburg", None: "Europe/Moscow"}
REGISTERS = {"Владивосток": "0000000000000011", "Екатеринбург": "0000000000000022"}


def local_text(seconds: int, site: str | None) -> str:
    return datetime.fromtimestamp(seconds, ZoneInfo(ZONES[site])).strftime("%Y-%m-%d %H:%M")


def expected_last_local() -> dict[str, str | None]:
    """name -> local time of the person's latest receipt by UTC, from the documents written."""
    out = {name: local_text(*max(buys)[:2]) for name, buys in PURCHASES.items()}
    out["Дина Ёлкина"] = None  # in the CRM, never bought
    return out


def build_tills_world(ws, folder: Path) -> None:
    """Sites in three time zones, a CRM of five people, receipts bought on their loyalty cards."""
    from engine.crm.crm_import import import_crm
    from engine.crm.receipts import import_receipts
    from engine.crm.registers import import_registers
    from engine.people import build_people

    for site in ("Владивосток", "Екатеринбург"):
        ws.ensure_site(site, timezone_name=ZONES[site])
    registers = folder / "registers.csv"
    registers.write_text("site;kkt_reg_id\n" + "".join(f"{s};{k}\n" for s, k in REGISTERS.items()), encoding="utf-8")
    assert import_registers(ws, registers, write_rejects=False).status == "imported"
    crm = folder / "crm.csv"
    crm.write_text("Телефон;ФИО;Номер карты;Email\n"
                   "89161111111;Аня;2700000501;Anya.Petrova@Mail.RU\n89162222222;Боря;2700000502;\n"
                   "89163333333;Вера;2700000503;\n89164444444;Гена;2700000504;\n"
                   "89165555555;Дина Ёлкина;;DINA@ЁЛКА.РФ\n", encoding="utf-8")
    assert import_crm(ws, crm, write_rejects=False).status == "imported"
    docs, number = [], 0
    for buys in PURCHASES.values():
        for seconds, site, card in buys:
            number += 1
            doc = {"fiscalDriveNumber": "1", "fiscalDocumentNumber": number, "fiscalSign": number,
                   "dateTime": seconds, "totalSum": 1000 * number, "operationType": 1, "loyaltyCard": card}
            if site:
                doc["kktRegId"] = REGISTERS[site]
            docs.append(doc)
    receipts = folder / "receipts.json"
    receipts.write_text(json.dumps(docs), encoding="utf-8")
    assert import_receipts(ws, receipts, write_rejects=False).status == "imported"
    build_people(ws)


def test_people_keep_the_tills_local_time_of_the_last_purchase(workspace, tmp_path):
    from engine.people import people_page

    build_tills_world(workspace, tmp_path)
    rows = workspace.con.execute(f"SELECT name, last_purchase_local FROM ({people_sql()})").fetchall()
    assert dict(rows) == expected_last_local()
    # the same from the receipts table, converted here with each receipt's site zone
    from_receipts = {}
    for card, ts, zone in workspace.con.execute(
            "SELECT r.card, r.ts, coalesce(s.timezone, 'Europe/Moscow') FROM receipts r "
            "LEFT JOIN sites s USING (site_id) ORDER BY r.ts").fetchall():
        from_receipts[card] = ts.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
    by_card = dict(workspace.con.execute("SELECT card, strftime(last_purchase_local, '%Y-%m-%d %H:%M') "
                                         "FROM people WHERE card IS NOT NULL").fetchall())
    assert by_card == from_receipts
    # sorting by it is the database's: the CLI page and the screen's SQL order alike
    page = people_page(workspace, sort_column="-last_purchase_local")
    expected = sorted((v, k) for k, v in expected_last_local().items() if v)[::-1]
    assert [r["name"] for r in page["rows"]][:4] == [name for _, name in expected]
    assert page["rows"][0]["name"] == "Боря"  # 21:00 in Vladivostok beats 16:00 in Moscow, later in UTC
    assert page["rows"][-1]["last_purchase_local"] is None
    # filtering by it: last:DATE matches the local date, in the table and on the command line
    day = expected_last_local()["Боря"][:13]
    condition, params = people_filter(f"last:{day}")
    assert workspace.con.execute(f"SELECT name FROM ({people_sql(condition)})", params).fetchall() == [("Боря",)]
    assert [r["name"] for r in people_page(workspace, filter_text=f"last:{day}")["rows"]] == ["Боря"]


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def typed_phone(value: str) -> str | None:
    """The documented phone rule, written out again here: digits, spaces, + - ( ) with 3 or more
    digits are the start of a phone; 8 or 7 in front (no '+') is +7, another first digit +7 too."""
    if re.search(r"[^0-9 ()+\-]", value) or value.count("+") > 1:
        return None
    digits = "".join(ch for ch in value if ch in "0123456789")
    if len(digits) < 3:
        return None
    if "+" in value:
        return "+" + digits
    return "+7" + (digits[1:] if digits[0] in "78" else digits)


def oracle(ws, text: str) -> set[int]:
    """People matched by a plain Python search over the name and every non-device identity,
    ignoring case and ё/е; a phone-like value as the start of a phone (and, free and 6+ digits
    without '+' or parentheses, inside any identity) — no SQL of the filter used."""
    names = dict(ws.con.execute("SELECT person_id, name FROM people").fetchall())
    ids: dict[int, list[tuple[str, str]]] = {}
    for person, id_type, value in ws.con.execute("SELECT person_id, id_type, id_value FROM identities").fetchall():
        ids.setdefault(person, []).append((id_type, value))
    out = set(names)
    for key, value in parse_people_filter(text):
        id_type = FILTER_IDENTITY_KEYS.get(key or "")
        prefix = typed_phone(value.strip())
        plain_digits = value.replace(" ", "").replace("-", "")
        matched = set()
        for person, name in names.items():
            mine = ids.get(person, [])
            if prefix and (key is None or id_type == "phone"):
                found = any(t == "phone" and v.startswith(prefix) for t, v in mine)
                if key is None and plain_digits.isdigit() and len(plain_digits) >= 6:
                    found = found or any(t != "device" and plain_digits in v.lower() for t, v in mine)
            elif key is None:
                found = fold(value) in fold(name or "") or any(fold(value) in fold(v) for t, v in mine
                                                               if t != "device")
            elif key == "name":
                found = fold(value) in fold(name or "")
            else:
                found = any(fold(value) in fold(v) for t, v in mine if t == id_type)
            if found:
                matched.add(person)
        out &= matched
    return out


def matched(ws, text: str) -> set[int]:
    condition, params = people_filter(text)
    return {r[0] for r in ws.con.execute(f"SELECT person_id FROM ({people_sql(condition)})", params).fetchall()}


def test_the_filter_finds_what_a_plain_case_insensitive_search_finds(workspace, tmp_path):
    build_tills_world(workspace, tmp_path)
    for text in ("аня", "АНЯ", "anya.petrova@mail.ru", "MAIL.ru", "ёлкин", "ЁЛКИНА", "дина ё", "@ёлка.рф",
                 "8 916 111", "+7 916 222-22", "2700000503", "phone:8916333", "email:DINA", "card:0504",
                 "name:ВЕРА", "name:ёлк", "ann", "a", "", "100% no", "a_b", "Дина%", "email:mail.ru name:ан",
                 "елкин", "email:елка", "916", "phone:916", "8 (916)", "2700 0005 03", "0503", "91", "1111111", "55555"):
        assert matched(workspace, text) == oracle(workspace, text), text
    assert len(oracle(workspace, "ёлкин")) == 1 and len(oracle(workspace, "a")) >= 1


def test_the_migration_fills_what_a_build_writes(workspace, tmp_path):
    """A workspace from before m007 gets the columns filled from its identities and receipts by
    m007, then folded (ё -> е) and given search_phones by m008: the same values a rebuild of
    people writes (compared as sets: the order of joined ids is free)."""
    from engine.schema import m007_people_search, m008_people_search_fold

    build_tills_world(workspace, tmp_path)
    con = workspace.con

    def columns():
        rows = con.execute("SELECT person_id, last_purchase_local, search_name, search_ids, search_phones "
                           "FROM people").fetchall()
        return {p: (local, name, frozenset((ids or "").split("\x1f")), phones)
                for p, local, name, ids, phones in rows}

    built = columns()
    assert any(v[0] for v in built.values()) and all(v[2] for v in built.values())
    assert built[_person(con, "Дина Ёлкина")][1:3] == ("дина елкина", frozenset({"+79165555555", "dina@елка.рф"}))
    for column in ("search_phones", "search_ids", "search_name", "last_purchase_local"):
        con.execute(f"ALTER TABLE people DROP COLUMN {column}")
    m007_people_search.apply(con)
    assert con.execute("SELECT search_name FROM people WHERE name = 'Дина Ёлкина'").fetchone()[0] == "дина ёлкина"
    m008_people_search_fold.apply(con)
    assert columns() == built


def _person(con, name: str) -> int:
    return con.execute("SELECT person_id FROM people WHERE name = ?", [name]).fetchone()[0]
