"""Read-only queries behind the People and Receipts screens (and the import wizard's preview).

Plain functions over a Workspace, no Qt: the screens run them through a worker. People's
summary and profiles come from engine/people.py; this module adds what only the screens
need: the display SQL of the lazy tables, receipt KPIs, and a preview of a table export
with both proposals (CRM and receipts) and its raw first rows. The big
tables (people, receipts) are not fetched here: the screens page them lazily with the SQL
given by `people_sql()` / `receipts_sql()`. Money stays integer kopecks in the tables and is
shown in roubles (`/ 100`) only in these display queries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from engine.crm import mapping as mp

# --- people ----------------------------------------------------------------------------

PEOPLE_SEARCH_COLUMNS = ["name", "phone", "email", "card", "crm_id"]
# "key:" of the per-column filter -> identity type (any identity of that type matches)
FILTER_IDENTITY_KEYS = {"phone": "phone", "tel": "phone", "телефон": "phone", "email": "email",
                        "e-mail": "email", "mail": "email", "почта": "email", "card": "card", "карта": "card",
                        "crm": "crm_id", "crm_id": "crm_id"}
# "key:" -> a column of the people table (matched as text)
FILTER_COLUMN_KEYS = {"name": "name", "имя": "name", "фио": "name", "id": "person_id", "person": "person_id",
                      "gender": "gender", "пол": "gender", "source": "sources", "sources": "sources",
                      "last": "last_purchase_local", "покупка": "last_purchase_local"}
# the people table's stored search columns (engine/schema/m007_people_search.py, m008)
SEARCH_NAME, SEARCH_IDS, SEARCH_PHONES, SEARCH_SEPARATOR = "search_name", "search_ids", "search_phones", "\x1f"
_FILTER_KEY = re.compile(r"(?<!\S)(" + "|".join(re.escape(k) for k in sorted(
    {**FILTER_IDENTITY_KEYS, **FILTER_COLUMN_KEYS}, key=len, reverse=True)) + r"):", re.IGNORECASE)
# the one phone rule of the filter (see phone_prefix)
_PHONE_TYPED = re.compile(r"\(?\+?[0-9\s()\-]+")
PHONE_MIN_DIGITS = 3
ID_MIN_DIGITS = 6  # a free number this long is also searched as typed in every identity


def fold_sql(lowered: str) -> str:
    """SQL: ё written е in an already lower-cased text. Russian analysts type е for ё; the stored
    search columns and the typed text are folded alike, so Семен and Семён find Семёнов."""
    return f"replace({lowered}, 'ё', 'е')"


def phone_prefix(text: str) -> str | None:
    """The People filter's one phone rule. A typed value made only of digits, spaces, '+', '-',
    '(' and ')' with at least PHONE_MIN_DIGITS digits is the beginning of a phone number, else
    None. With '+' it is international as written (+44 20 -> +4420); without, a leading 8 (the
    domestic trunk prefix) or 7 (the country code) becomes +7, and any other first digit starts
    the Russian national number (916 -> +7916). So 8916, 8 (916), +7 916, 7916 and 916 all give
    +7916, matched as the start of a person's E.164 phone. (A bare area code beginning with 8,
    like 812, is read as 8 + 12: type 8 812 or +7 812.)"""
    text = (text or "").strip()
    if not _PHONE_TYPED.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) < PHONE_MIN_DIGITS:
        return None
    if "+" in text:
        return "+" + digits
    return "+7" + (digits[1:] if digits[0] in "78" else digits)


def filter_terms(text: str) -> str:
    """What the filter searches for: the phone prefix a phone-like value stands for (8 (916) 12…
    -> +791612…, see phone_prefix), anything else as typed."""
    return phone_prefix(text) or (text or "").strip()


def _contains(value: str) -> str:
    """An ILIKE pattern (ESCAPE '\\') that finds `value` anywhere, % and _ taken literally."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def parse_people_filter(text: str) -> list[tuple[str | None, str]]:
    """[(key or None, value)]: `phone:916 name:Иван` -> [('phone', '916'), ('name', 'Иван')];
    text outside any known key is one free phrase (key None)."""
    text = (text or "").strip()
    keys = list(_FILTER_KEY.finditer(text))
    parts: list[tuple[str | None, str]] = []
    free = text[:keys[0].start()] if keys else text
    for i, match in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        parts.append((match.group(1).lower(), text[match.end():end].strip()))
    if free.strip():
        parts.insert(0, (None, free.strip()))
    return [(k, v) for k, v in parts if v]


def _found_in(column: str) -> str:
    """The typed text anywhere in a stored search column, ignoring case and ё/е: the typed text
    is lower-cased by DuckDB (as the column was) and folded, then one substring scan."""
    return f"contains({column}, {fold_sql('lower(?)')})"


def _in_identities(types: str) -> str:
    """People with an identity of `types` (SQL list) holding the typed text, ignoring case and ё/е."""
    return (f"person_id IN (SELECT person_id FROM identities WHERE id_type IN ({types}) "
            f"AND contains({fold_sql('lower(id_value)')}, {fold_sql('lower(?)')}))")


def people_filter(text: str) -> tuple[str, list]:
    """(condition, positional params) over the people table for the People filter: every part
    must match, ignoring case and ё/е.
    - A phone-like value (phone_prefix) finds the people with a phone that starts so, in the
      free phrase and under `phone:` alike. One of ID_MIN_DIGITS or more digits written without
      '+' or parentheses also finds any identity holding those digits (a card number, a CRM id,
      the last digits of a phone; under `phone:` the phones only); a shorter number is a phone
      prefix only, so 8916,
      8 (916), +7 916 and phone:916 find the same people (card:, crm: for short ids).
    - Any other free phrase is searched in the name and in every phone, e-mail, card and CRM
      id of the person (not only the main ones shown); `email:`, `card:`, `crm:` (and `phone:`
      with a value that is no phone) in the identities of that type; `name:`, `id:`,
      `gender:`, `sources:`, `last:` (local time of the last purchase, `last:2024-09-17`) in
      that column.
    The name, identities and phones are searched in the search columns people are stored with
    (search_name, search_ids, search_phones); typed kinds with one scan of `identities` and a
    semi-join: the people table is never loaded (fast on millions of people)."""
    conditions, params = [], []
    for key, value in parse_people_filter(text):
        prefix = phone_prefix(value)
        identity = FILTER_IDENTITY_KEYS.get(key or "")
        if prefix and (key is None or identity == "phone"):
            condition = f"contains({SEARCH_PHONES}, ?)"
            params.append(SEARCH_SEPARATOR + prefix)
            digits = re.sub(r"[\s\-]", "", value)
            if digits.isdigit() and len(digits) >= ID_MIN_DIGITS:  # also anywhere: a card, the end of a phone
                condition += f" OR contains({SEARCH_IDS if key is None else SEARCH_PHONES}, ?)"
                params.append(digits)
            conditions.append(f"({condition})")
        elif key in FILTER_COLUMN_KEYS and FILTER_COLUMN_KEYS[key] == "name":
            conditions.append(f"({_found_in(SEARCH_NAME)})")
            params.append(value)
        elif key in FILTER_COLUMN_KEYS:
            conditions.append(f"(CAST({FILTER_COLUMN_KEYS[key]} AS VARCHAR) ILIKE ? ESCAPE '\\')")
            params.append(_contains(value))
        elif identity:
            conditions.append(f"({_in_identities('?')})")
            params += [identity, value]
        elif SEARCH_SEPARATOR in value:
            # could match across two identities of search_ids: look at the identities one by one
            searched = _in_identities("'phone', 'email', 'card', 'crm_id'")
            conditions.append(f"({_found_in(SEARCH_NAME)} OR {searched})")
            params += [value, value]
        else:
            # device keys are internal numbers (not in search_ids): a typed number never finds them
            conditions.append(f"({_found_in(SEARCH_NAME)} OR {_found_in(SEARCH_IDS)})")
            params += [value, value]
    return " AND ".join(conditions), params


def people_sql(condition: str = "") -> str:
    """One row per resolved person, for the lazy People table (sorted by the model; the filter's
    `condition` from people_filter goes inside, where the search columns are). The last purchase
    is the till's local time, as the profile shows it."""
    # as a semi-join: the filter scans the few columns it reads, and only the matching rows are
    # read whole (a plain WHERE made DuckDB read every column of every person to test it)
    where = f" WHERE person_id IN (SELECT person_id FROM people WHERE {condition})" if condition else ""
    return ("SELECT person_id, name, phone, email, card, receipts, revenue_kop / 100.0 AS revenue_rub, "
            "strftime(last_purchase_local, '%Y-%m-%d %H:%M') AS last_purchase_local, devices, crm_id, gender, "
            f"birth_date, consent, phones, emails, cards, sources FROM people{where}")


# --- receipts --------------------------------------------------------------------------

def _receipt_filters(site_ids=(), start: date | None = None, end: date | None = None) -> tuple[str, list]:
    """WHERE parts of the context bar: sites and a period of local dates (end inclusive)."""
    parts, params = [], []
    if site_ids:
        parts.append(f"r.site_id IN ({', '.join('?' for _ in site_ids)})")
        params += list(site_ids)
    if start:
        parts.append("coalesce(r.local_ts, r.ts) >= ?")
        params.append(start)
    if end:
        parts.append("coalesce(r.local_ts, r.ts) < ?")
        params.append(end + timedelta(days=1))
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def receipts_sql(site_ids=(), start: date | None = None, end: date | None = None,
                 only_flagged: bool = False) -> tuple[str, list]:
    """(SQL, params) of the receipts table shown in the Receipts screen."""
    where, params = _receipt_filters(site_ids, start, end)
    if only_flagged:
        where += (" AND " if where else " WHERE ") + "r.flag IS NOT NULL"
    # local time as 'YYYY-MM-DD HH:MM' text: sorts like the timestamp, reads without seconds
    sql = (f"SELECT r.receipt_id, strftime(coalesce(r.local_ts, r.ts), '%Y-%m-%d %H:%M') AS local_time, r.total_kop / 100.0 AS total_rub, "
           f"coalesce(ic.items, 0) AS items, r.flag, "
           f"r.kkt_reg_id, r.inn, r.seller, r.retail_place, s.name AS site, "
           f"CASE r.operation_type WHEN 1 THEN 'sale' WHEN 2 THEN 'sale return' WHEN 3 THEN 'purchase' "
           f"WHEN 4 THEN 'purchase return' END AS operation, r.card, r.promo_code, r.fn, r.fd, r.fp "
           f"FROM receipts r LEFT JOIN sites s USING (site_id) "
           f"LEFT JOIN (SELECT receipt_id, count(*) AS items FROM receipt_items GROUP BY receipt_id) ic "
           f"USING (receipt_id){where}")
    return sql, params


RECEIPT_SEARCH_COLUMNS = ["seller", "inn", "kkt_reg_id", "retail_place", "card", "promo_code", "flag", "fn",
                          "fd", "fp"]


def receipts_summary(ws, site_ids=(), start: date | None = None, end: date | None = None) -> dict:
    """KPIs and the unregistered registers of the receipts within the context's sites/period.

    revenue = sales and purchase returns less sale returns and purchases (operation types 1, 4
    minus 2, 3), in kopecks, the same rule as people's revenue (engine/people.py);
    flagged = unregistered_receipts (printed by a register not on the registers list; from
    unregistered_registers distinct registers) + other_taxpayer_receipts (a listed register
    printing another INN): two different findings, shown apart; a receipt with neither finding
    whose items do not add up to its total is flagged too (items_mismatch).
    """
    where, params = _receipt_filters(site_ids, start, end)
    row = ws.con.execute(f"""
        SELECT count(*), coalesce(sum(CASE WHEN r.operation_type IN (2, 3) THEN -r.total_kop ELSE r.total_kop END), 0),
               count(*) FILTER (WHERE r.flag IS NOT NULL),
               count(*) FILTER (WHERE r.registered IS NULL),
               count(DISTINCT r.kkt_reg_id),
               count(*) FILTER (WHERE r.flag = 'unregistered register'),
               count(*) FILTER (WHERE r.flag = 'other taxpayer'),
               count(DISTINCT r.kkt_reg_id) FILTER (WHERE r.flag = 'unregistered register'),
               count(*) FILTER (WHERE r.flag = 'items do not add up')
        FROM receipts r{where}""", params).fetchone()
    items = ws.con.execute(f"SELECT count(*) FROM receipt_items ri JOIN receipts r USING (receipt_id){where}",
                           params).fetchone()[0]
    registers = ws.con.execute(f"""
        SELECT r.kkt_reg_id AS register, any_value(r.inn) AS inn, any_value(r.seller) AS seller,
               string_agg(DISTINCT r.flag, ', ') AS flag, count(*) AS receipts,
               sum(r.total_kop) / 100.0 AS total_rub,
               strftime(max(coalesce(r.local_ts, r.ts)), '%Y-%m-%d %H:%M') AS last_receipt
        FROM receipts r{where}{' AND' if where else ' WHERE'} r.flag IS NOT NULL
        GROUP BY r.kkt_reg_id ORDER BY receipts DESC, register""", params).df()
    known = ws.con.execute("SELECT count(*) FROM registers").fetchone()[0]
    return {"receipts": int(row[0]), "revenue_kop": int(row[1]), "flagged": int(row[2]),
            "unchecked": int(row[3]), "registers_seen": int(row[4]), "items": int(items),
            "registers_known": int(known), "unregistered_receipts": int(row[5]),
            "other_taxpayer_receipts": int(row[6]), "unregistered_registers": int(row[7]),
            "items_mismatch": int(row[8]),
            "unregistered": registers}


# --- the import wizard's preview ---------------------------------------------------------

@dataclass
class TablePreview:
    """The first rows of a tabular export and what the engine proposes for it."""
    path: Path
    header: list[str]
    columns: list[str]                    # unique header names (mapping keys)
    records: list[list[str | None]]
    facts: dict                           # encoding/delimiter or sheet
    kind: str                             # 'crm' or 'receipts'
    mapping: dict[str, str]
    mapping_source: str                   # 'remembered' | 'detected'
    proposals: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> proposed mapping


def guess_kind(header: list[str], records: list[list]) -> str:
    """A receipt table names the fiscal drive, document number and sign; anything else is CRM."""
    proposal = mp.propose_mapping(header, records, "receipts")
    roles = set(proposal.values())
    return "receipts" if {"fn", "fd", "fp"} <= roles else "crm"


def preview_table(ws, path, *, encoding: str | None = None, delimiter: str | None = None,
                  sheet=None, kind: str | None = None, limit: int = 20, header_line: int | None = None) -> TablePreview:
    """Read the head of a CSV/XLSX export (never the whole file) and propose a mapping:
    the one remembered for this file shape if any, else the detected one."""
    from engine.crm.reading import head_records

    header, records, facts = head_records(Path(path), limit, encoding=encoding, delimiter=delimiter, sheet=sheet,
                                          header_line=header_line)
    kind = kind or guess_kind(header, records)
    proposals = {k: mp.propose_mapping(header, records, k) for k in ("crm", "receipts")}
    remembered = mp.remembered_mapping(ws, header, kind) if ws is not None else None
    mapping = {**proposals[kind], **(remembered or {})}
    return TablePreview(Path(path), header, mp.unique_headers(header), records, facts, kind, mapping,
                        "remembered" if remembered else "detected", proposals)


def normalised_preview(records: list[list], columns: list[str], mapping: dict[str, str]) -> list[list[tuple]]:
    """Per preview record and column: (shown text, reason or None). Ignored columns give ('', None);
    a value the import would drop gives ('', reason) — the same rules as the import."""
    from engine.crm.preview import joined_values, normalise_values

    roles = [mapping.get(column, mp.IGNORE) for column in columns]
    texts = [[record[i] if i < len(record) else None for record in records] for i in range(len(columns))]
    # a column at a time: one query for its values, not one per cell
    verdicts = [normalise_values(role, texts[i]) if role != mp.IGNORE else None for i, role in enumerate(roles)]
    for role in mp.JOINED_ROLES:  # a name in parts: the joined name may be dropped whole (too long)
        parts = [i for i, r in enumerate(roles) if r == role]
        if len(parts) > 1:
            for r, (_, reason) in enumerate(joined_values(role, [texts[i] for i in parts])):
                if reason:
                    for i in parts:
                        verdicts[i][r] = (None, reason)
    out = []
    for r in range(len(records)):
        row = []
        for column_verdicts in verdicts:
            if column_verdicts is None:
                row.append(("", None))
                continue
            value, reason = column_verdicts[r]
            if isinstance(value, bool):
                text = "yes" if value else "no"
            elif value is None:
                text = ""
            else:
                text = str(value)
            row.append((text, reason))
        out.append(row)
    return out
