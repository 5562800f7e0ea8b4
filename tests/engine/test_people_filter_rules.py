"""The People filter's two QA rules (issue 5): ё and е are one letter to it, and a typed phone
is one prefix rule whichever way it is spelled (engine/people_queries.py phone_prefix)."""
from __future__ import annotations

import pytest

from engine.people_queries import filter_terms, people_filter, people_sql, phone_prefix

# (CRM id, name, phone, e-mail, card); a second row of Ёлкина adds a second phone by her e-mail
CRM_ROWS = [
    ("1", "Семёнов Иван", "89161110001", "", "2700008916"),       # card holds 8916
    ("2", "Семёнова Анна", "+7 916 111-00-02", "", "2700007916"),  # card holds 7916
    ("7916", "Семенов Пётр", "8 903 111 00 03", "", "2700000916"),  # written with е; CRM id 7916
    ("4", "Ёлкина Дина", "89031110004", "dina@ёлка.рф", ""),
    ("5", "Ёлкина Дина", "+79161110005", "dina@ёлка.рф", ""),       # her second phone starts +7916
    ("6", "Иванов Олег", "+7 495 916 00 06", "oleg916@mail.ru", ""),  # 916 inside, not in front
    ("8", "Петров Глеб", "", "p@x.ru", "9161110007"),
    ("9", "Лондон Джон", "+44 20 7946 0958", "", ""),
]
PHONE_SPELLINGS = ["8916", "8 (916)", "+7 916", "+7916", "7916", "916", "8-916", "phone:916", "phone:8 (916)",
                   "tel:+7 916", "телефон:8916", "PHONE:7916"]


@pytest.fixture
def people_world(workspace, tmp_path):
    from engine.crm.crm_import import import_crm
    from engine.people import build_people

    crm = tmp_path / "crm.csv"
    crm.write_text("ID;ФИО;Телефон;Email;Номер карты\n" + "".join(";".join(r) + "\n" for r in CRM_ROWS),
                   encoding="utf-8")
    assert import_crm(workspace, crm, write_rejects=False).status == "imported"
    build_people(workspace)
    return workspace


def names(ws, text: str) -> set[str]:
    condition, params = people_filter(text)
    return {r[0] for r in ws.con.execute(f"SELECT name FROM ({people_sql(condition)})", params).fetchall()}


def people_by(ws, test) -> set[str]:
    """Names of the people with an identity (type, value) passing `test`, scanned in Python."""
    rows = ws.con.execute("SELECT p.name, i.id_type, i.id_value FROM identities i JOIN people p USING (person_id)"
                          ).fetchall()
    return {name for name, id_type, value in rows if test(id_type, value)}


def test_e_and_yo_are_one_letter_to_the_filter(people_world):
    ws = people_world
    semyonov = {"Семёнов Иван", "Семёнова Анна", "Семенов Пётр"}
    for typed in ("Семен", "семён", "СЕМЁН", "name:Семен", "имя:семён"):
        assert names(ws, typed) == semyonov, typed
    assert names(ws, "Семенова") == names(ws, "Семёнова") == {"Семёнова Анна"}
    assert names(ws, "пётр") == names(ws, "петр") == {"Семенов Пётр", "Петров Глеб"}  # Петров too
    assert names(ws, "елкина") == names(ws, "Ёлкина") == {"Ёлкина Дина"}
    # identities too: the e-mail's domain, free and under email:
    assert names(ws, "@елка.рф") == names(ws, "email:ЁЛКА") == {"Ёлкина Дина"}
    # stored folded, shown as written
    assert ws.con.execute("SELECT search_name FROM people WHERE name = 'Семёнов Иван'").fetchone()[0] == "семенов иван"


def test_every_spelling_of_a_phone_prefix_finds_the_same_people(people_world):
    ws = people_world
    expected = people_by(ws, lambda t, v: t == "phone" and v.startswith("+7916"))
    assert expected == {"Семёнов Иван", "Семёнова Анна", "Ёлкина Дина"}  # not Иванов (916 inside), no cards
    for typed in PHONE_SPELLINGS:
        assert names(ws, typed) == expected, typed
    longer = people_by(ws, lambda t, v: t == "phone" and v.startswith("+79161110"))
    assert len(longer) == 3
    for typed in ("8916111 0", "8 (916) 111-0", "+7 916 1110", "phone:9161110"):
        assert names(ws, typed) == longer, typed
    assert names(ws, "8 (916) 111-00-02") == names(ws, "89161110002") == {"Семёнова Анна"}
    assert names(ws, "+44 20 7946") == names(ws, "phone:+44 (20)") == {"Лондон Джон"}
    assert names(ws, "495") == names(ws, "8 495") == {"Иванов Олег"}


def test_long_numbers_are_also_searched_as_typed_short_ones_are_phone_prefixes(people_world):
    ws = people_world
    assert names(ws, "2700008916") == {"Семёнов Иван"}         # a card number typed in the free filter
    assert names(ws, "2700 0079 16") == {"Семёнова Анна"}      # spaced as printed on the card
    assert names(ws, "9161110007") == {"Петров Глеб"}          # a card that looks like a phone: both read
    assert names(ws, "+7 916 111 0007") == set()               # written as a phone: phones only
    assert names(ws, "1110003") == {"Семенов Пётр"}            # the last digits of a phone
    assert names(ws, "phone:1110003") == {"Семенов Пётр"}      # under phone: too, in the phones only
    assert names(ws, "phone:1110007") == set()                 # Глеб's 9161110007 is a card, not a phone
    assert names(ws, "0003") == set()                          # short: a phone prefix (+70003)
    assert names(ws, "card:8916") == {"Семёнов Иван"}
    assert names(ws, "crm:7916") == {"Семенов Пётр"}
    assert names(ws, "oleg916") == {"Иванов Олег"}             # text: searched as typed
    assert names(ws, "email:916") == {"Иванов Олег"}
    assert names(ws, "91") == people_by(ws, lambda t, v: t != "device" and "91" in v.lower())  # 2 digits: text


def test_the_rule_itself():
    assert {phone_prefix(t) for t in ("8916", "8 (916)", "+7 916", "7916", "916", "(+7) 916")} == {"+7916"}
    assert [phone_prefix(t) for t in ("89", "+7", "Иван", "916a", "8.916", "", "+4420")] == [
        None, None, None, None, None, None, "+4420"]
    assert filter_terms("8 (916) 123-45-67") == "+79161234567" and filter_terms("Иванов") == "Иванов"


def test_an_existing_workspace_migrates(tmp_path):
    """A workspace written at schema 7 (unfolded search columns, no search_phones) is migrated
    on opening and then filtered by the new rules."""
    from engine.crm.crm_import import import_crm
    from engine.people import build_people
    from engine.schema import latest_version
    from engine.workspace import Workspace

    path = tmp_path / "old.o2o"
    ws = Workspace.open(path, create=True)
    crm = tmp_path / "crm.csv"
    crm.write_text("ID;ФИО;Телефон;Email;Номер карты\n" + "".join(";".join(r) + "\n" for r in CRM_ROWS),
                   encoding="utf-8")
    import_crm(ws, crm, write_rejects=False)
    build_people(ws)
    # back to what schema 7 wrote: lower-cased, ё kept, no phones column
    ws.con.execute("ALTER TABLE people DROP COLUMN search_phones")
    ws.con.execute("ALTER TABLE contacts DROP COLUMN extra_phones")  # m009 too
    ws.con.execute("UPDATE people SET search_name = lower(name)")
    ws.con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    ws.close()
    ws = Workspace.open(path)
    try:
        assert ws.schema_version == latest_version() >= 8
        assert names(ws, "Семен") == {"Семёнов Иван", "Семёнова Анна", "Семенов Пётр"}
        assert names(ws, "8 (916)") == names(ws, "phone:916") == {"Семёнов Иван", "Семёнова Анна", "Ёлкина Дина"}
    finally:
        ws.close()
