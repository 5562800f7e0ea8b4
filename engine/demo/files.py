"""The demo's table files: CRM export, telecom partner matches, cash-register lists.

- CRM: Windows-1251, `;`-separated, CRLF, Russian headers (Телефон;Email;ФИО;Дата
  рождения;Пол;Номер карты) as a CRM's "export to Excel CSV" writes them. Phones in the
  spellings people type (+7 (916) 123-45-67, 8 916 1234567, 9161234567, 7-916-123-45-67, …),
  a planted share invalid, some people twice with their phone spelt differently, emails
  sometimes upper-case or space-padded.
- partner matches: `mac_md5;phone_sha256` (MD5 of the 6 raw MAC bytes, upper hex;
  SHA-256 of the phone's digits with country code), a planted share of the world's
  non-randomized phones plus rows for devices never seen.
- registers: `site;kkt_reg_id;inn;tenant`, the known tills of each store.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from engine import hashing
from engine.demo import config as C
from engine.demo.world import World, macs_from_oui, rng_for, unique_ints

CRM_HEADERS = ["Телефон", "Email", "ФИО", "Дата рождения", "Пол", "Номер карты"]

MALE_FIRST = ["Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья",
              "Кирилл", "Михаил", "Никита", "Иван", "Егор", "Павел", "Роман", "Олег"]
FEMALE_FIRST = ["Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Екатерина", "Ирина",
                "Юлия", "Светлана", "Анастасия", "Дарья", "Полина", "Ксения", "Марина", "Алина"]
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
            "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
            "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин"]
PATRONYMICS = [("Александрович", "Александровна"), ("Дмитриевич", "Дмитриевна"),
               ("Сергеевич", "Сергеевна"), ("Андреевич", "Андреевна"), ("Алексеевич", "Алексеевна"),
               ("Иванович", "Ивановна"), ("Михайлович", "Михайловна"), ("Николаевич", "Николаевна"),
               ("Владимирович", "Владимировна"), ("Викторович", "Викторовна"), ("Павлович", "Павловна"),
               ("Олегович", "Олеговна")]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"]))
DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru", "rambler.ru"]


def _translit(text: str) -> str:
    return "".join(TRANSLIT.get(c, c) for c in text.lower())


def _pick(choices: list[pd.Series], form: np.ndarray) -> np.ndarray:
    out = np.empty(len(form), dtype=object)
    for k, series in enumerate(choices):   # a loop over spellings, not rows
        out[form == k] = series.to_numpy()[form == k]
    return out


def phone_spellings(digits: np.ndarray, form: np.ndarray) -> np.ndarray:
    """Digits 7XXXXXXXXXX written the ways people type them (form 0-5)."""
    s = pd.Series(np.asarray(digits, dtype=np.int64).astype(str))
    code, a, b, c = s.str[1:4], s.str[4:7], s.str[7:9], s.str[9:11]
    return _pick(["+7 (" + code + ") " + a + "-" + b + "-" + c, "8 " + code + " " + a + b + c, code + a + b + c,
                  "7-" + code + "-" + a + "-" + b + "-" + c, "+7" + code + a + b + c,
                  "8(" + code + ")" + a + "-" + b + "-" + c], np.asarray(form))


def invalid_spellings(digits: np.ndarray, form: np.ndarray) -> np.ndarray:
    """Phones no one can call: too short, too long, a word."""
    s = pd.Series(np.asarray(digits, dtype=np.int64).astype(str))
    return _pick([s.str[1:10], "+7 (" + s.str[1:4] + ") " + s.str[4:6] + "-" + s.str[6:8],
                  s.str[4:7] + "-" + s.str[7:9] + "-" + s.str[9:11], pd.Series(["нет"] * len(s)),
                  "+7 (" + s.str[1:4] + ") " + s.str[4:7] + "-" + s.str[7:9] + "-" + s.str[9:11] + "-0"],
                 np.asarray(form) % 5)


@dataclass
class CrmPeople:
    """Who is in the CRM: agent index (-1 for people never seen), card, valid phone row."""
    agent: np.ndarray
    phone: np.ndarray
    card: np.ndarray          # int64, 0 = no card
    valid_phone: np.ndarray   # the person has at least one row with a valid phone
    email: np.ndarray         # the person's e-mail as written before the messing up ("" = none)


def write_crm(world: World, path: Path) -> tuple[dict, CrmPeople]:
    rng = rng_for(world.seed, 10)
    persons = np.flatnonzero(world.ptype < C.STAFF)
    share = np.where(world.ptype[persons] == C.REGULAR, C.PLANTED["crm_regular_share"], C.PLANTED["crm_share"])
    linked = persons[rng.random(len(persons)) < share]
    n_unseen = round(len(linked) * C.PLANTED["crm_unseen_extra"])
    taken = set(world.phone.tolist())
    extra = [p for p in (79_000_000_000 + unique_ints(rng, n_unseen * 2 + 10, 1_000_000_000)).tolist()
             if p not in taken][:n_unseen]
    agent = np.concatenate([linked, np.full(len(extra), -1)])
    phone = np.concatenate([world.phone[linked], np.array(extra, dtype=np.int64)])
    n = len(agent)
    card = np.where(rng.random(n) < C.PLANTED["card_share"],
                    2_700_000_000_000 + unique_ints(rng, n, 100_000_000_000), 0)
    female = rng.random(n) < 0.56
    first = np.where(female, rng.integers(0, len(FEMALE_FIRST), n), rng.integers(0, len(MALE_FIRST), n))
    sur = rng.integers(0, len(SURNAMES), n)
    father = rng.integers(0, len(PATRONYMICS), n)
    birth = (np.datetime64("1960-01-01") + rng.integers(0, 46 * 365, n).astype("timedelta64[D]"))
    has_email = rng.random(n) < 0.8
    mail_no = rng.integers(1, 999, n)
    domain = rng.integers(0, len(DOMAINS), n)
    fem = female.astype(int)
    # Name parts by (gender, index): small tables, then whole-column string operations.
    first_tab = np.array([MALE_FIRST, FEMALE_FIRST], dtype=object)
    sur_tab = np.array([SURNAMES, [x + "а" for x in SURNAMES]], dtype=object)
    pat_tab = np.array([[m for m, _ in PATRONYMICS], [f for _, f in PATRONYMICS]], dtype=object)
    fn = pd.Series(first_tab[fem, first])
    sn = pd.Series(sur_tab[fem, sur])
    names = (sn + " " + fn + " " + pd.Series(pat_tab[fem, father])).to_numpy()
    login = (pd.Series(np.vectorize(_translit, otypes=[object])(first_tab)[fem, first]).str[0] + "."
             + pd.Series(np.vectorize(_translit, otypes=[object])(sur_tab)[fem, sur])
             + pd.Series(mail_no.astype(str)) + "@" + pd.Series(np.array(DOMAINS, dtype=object)[domain]))
    emails = np.where(has_email, login.to_numpy(), "")

    dup = rng.random(n) < C.PLANTED["crm_duplicate_share"]
    rows_person = np.concatenate([np.arange(n), np.flatnonzero(dup)])
    m = len(rows_person)
    form = rng.integers(0, 6, m)
    form[n:] = (form[rows_person[n:]] + 1 + rng.integers(0, 5, m - n)) % 6  # spelt differently
    invalid = rng.random(m) < C.PLANTED["crm_invalid_phone_share"]
    row_phone = phone[rows_person]
    spelled = phone_spellings(row_phone, form)
    spelled[invalid] = invalid_spellings(row_phone[invalid], form[invalid])
    row_email = emails[rows_person].astype(object)
    messy = rng.random(m)
    has = row_email != ""
    upper = pd.Series(row_email).str.upper().to_numpy()
    row_email = np.select([has & (messy < 0.12), has & (messy < 0.24), has & (messy < 0.3)],
                          [upper, "  " + row_email + " ", " " + upper], row_email)
    row_card = np.where(card[rows_person] > 0, card[rows_person].astype(str), "")
    order = rng.permutation(m)
    frame = pd.DataFrame({
        "Телефон": spelled[order], "Email": row_email[order],
        "ФИО": names[rows_person][order],
        "Дата рождения": pd.to_datetime(birth[rows_person][order]).strftime("%d.%m.%Y"),
        "Пол": np.where(female[rows_person][order], "Ж", "М"), "Номер карты": row_card[order]})
    frame.to_csv(path, sep=";", index=False, encoding="cp1251", lineterminator="\r\n")

    valid_rows = ~invalid
    valid_person = np.zeros(n, dtype=bool)
    valid_person[rows_person[valid_rows]] = True
    truth = {
        "rows": m, "distinct_persons": n, "duplicate_rows": m - n,
        "linked_persons": int(len(linked)), "unseen_persons": int(len(extra)),
        "valid_phone_rows": int(valid_rows.sum()), "invalid_phone_rows": int(invalid.sum()),
        "distinct_valid_phones": int(len(np.unique(row_phone[valid_rows]))),
        "persons_with_valid_phone": int(valid_person.sum()),
        "rows_with_email": int((row_email != "").sum()), "rows_with_card": int((row_card != "").sum()),
        "persons_with_card": int((card > 0).sum()),
        "encoding": "cp1251", "separator": ";", "headers": CRM_HEADERS,
        "planted": {k: C.PLANTED[k] for k in ("crm_share", "crm_regular_share", "crm_unseen_extra",
                                              "crm_duplicate_share", "crm_invalid_phone_share", "card_share")},
    }
    return truth, CrmPeople(agent=agent, phone=phone, card=card, valid_phone=valid_person, email=emails)


UNSEEN_OUIS = ("AC:37:43", "00:0C:E7", "BC:76:5E")   # vendors none of the world's phones use


def write_partner(world: World, path: Path, seen_devices: np.ndarray, dev_agent: np.ndarray,
                  dev_randomized: np.ndarray) -> tuple[dict, np.ndarray]:
    """Returns (truth, bool per agent: the partner matched this person's own MAC)."""
    rng = rng_for(world.seed, 11)
    phones_own = (world.ptype <= C.STAFF) & ~world.randomizes
    matched = phones_own & (rng.random(world.n_agents) < C.PLANTED["partner_share"])
    agents = np.flatnonzero(matched)
    n_unseen = round(len(agents) * C.PLANTED["partner_unseen_extra"])
    unseen_macs = macs_from_oui(list(UNSEEN_OUIS), rng.integers(0, len(UNSEEN_OUIS), n_unseen),
                                unique_ints(rng, n_unseen, 1 << 24))
    taken = set(world.phone.tolist())
    unseen_phones = [p for p in (79_000_000_000 + unique_ints(rng, n_unseen * 2 + 10, 1_000_000_000)).tolist()
                     if p not in taken][:n_unseen]
    macs = np.concatenate([world.agent_mac[agents], unseen_macs])
    phones = world.phone[agents].tolist() + unseen_phones
    mac_hash = [hashing.mac_md5(m.tobytes()) for m in macs]
    phone_hash = [hashing.phone_sha256(f"+{p}") for p in phones]
    frame = pd.DataFrame({"mac_md5": mac_hash, "phone_sha256": phone_hash}).sort_values("mac_md5")
    frame.to_csv(path, sep=";", index=False, lineterminator="\n")

    seen_persons = seen_devices[(world.ptype[dev_agent[seen_devices]] <= C.STAFF) & ~dev_randomized[seen_devices]]
    seen_agents = dev_agent[seen_persons]   # own MAC: device index == agent index
    rows_seen = int(np.isin(agents, seen_agents).sum())
    truth = {
        "rows": len(frame), "rows_matching_seen_devices": rows_seen, "rows_never_seen": len(frame) - rows_seen,
        "seen_nonrandomized_devices": int(len(seen_persons)),
        "match_rate": round(rows_seen / len(seen_persons), 6) if len(seen_persons) else 0.0,
        "planted_share": C.PLANTED["partner_share"], "columns": ["mac_md5", "phone_sha256"],
        "mac_hash": "MD5 of the 6 raw MAC bytes, upper hex",
        "phone_hash": "SHA-256 of the phone digits with country code (79161234567), lower hex",
    }
    return truth, matched


def write_registers(path: Path, registers: list[dict]) -> dict:
    frame = pd.DataFrame(registers, columns=["site", "kkt_reg_id", "inn", "tenant"])
    frame.to_csv(path, sep=";", index=False, lineterminator="\n")
    return {"rows": len(frame)}
