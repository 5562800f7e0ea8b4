"""Normalisation of contact data: phones, e-mails, dates, gender, cards, consent.

The bulk path is SQL: `install_macros(con)` defines DuckDB macros that a whole column
goes through at once (10 M rows stay fast). The common Russian phone forms are decided
there; only the values the fast path cannot decide (foreign numbers, odd spellings) go
through the `phonenumbers` library, once per distinct value (`resolve_slow_phones`).
The scalar helpers at the bottom run the same macros on one value, so a preview shows
exactly what the import will store.

Outcomes (each with a reason that lands in import_rejects when a value is dropped):
- phone: E.164 '+79161234567'. 8XXXXXXXXXX, 7XXXXXXXXXX, +7 (XXX) XXX-XX-XX and 10 digits
  starting with 9 are Russian; extensions (доб./ext./x/#) are stripped. A number in Excel
  scientific form that lost its last digits ('7,91612E+10', '7.91612E+10') is rejected, never
  guessed; one written with every digit ('7.9161234567E+10': as many digits after the point as
  the exponent, the form programs print) is that number. The ',' form is a Russian-locale
  spreadsheet's displayed text, rounded to the cell: rejected even when it shows all digits.
  Two or more phones in one cell ('+7 916 123-45-67, 8 903 765 43 21'; separated by , ; or /, or
  in words: '8 916 … или 8 926 …'): the first valid one is kept and the cell is listed as a dropped
  value (MULTI_PHONE) so the analyst sees what was left out. One phone among words ('89161234567
  (моб)', 'звонить после 18, тел 8916…') is that phone (libphonenumber's matcher finds it); a
  number labelled as something else ('ИНН 7712345678', 'чек 3522…', 'договор № …') is not one;
  no valid one: NOT_A_PHONE.
- email: trimmed, lowercased; one '@', a dotted domain, no spaces, else invalid.
- date: dd.mm.yyyy (also / and -), dd.mm.yy (00..this year's two digits -> 20yy, else 19yy),
  ISO yyyy-mm-dd (with a time part, also 'T'), '12 марта 1985' / '12 мар 1985' (Russian month
  names and abbreviations; English '12 Mar 1985' too), Excel serial days (1899-12-30 epoch, a
  time part like 44000.5 is dropped) only from 1 000 to 80 000 (1902..2119). A bare number
  1900..2100 is a year, and a small number like 60 is a count: both are "not a date". Birth
  dates outside 1900..today are rejected.
- gender: м/муж/мужской/мужчина/m/male/man → 'm'; ж/жен/женский/женщина/f/female/woman → 'f'.
- card: spaces and dashes removed, upper case, 4–32 letters/digits; a placeholder (one repeated
  character such as 0000 or XXXX, or a word for none: NULL, НЕТУ, ПУСТО…) is dropped, never a key.
- consent: да/yes/true/1/y/+/согласен/согласна → true; нет/no/false/0/n/-/не согласен → false.
"""
from __future__ import annotations

import re
import threading

import duckdb
import phonenumbers

MANGLED_PHONE = "phone mangled by Excel (scientific notation)"
NOT_A_PHONE = "not a phone number"
MULTI_PHONE = "more than one phone in the cell: the first valid one is kept, the others dropped"
_MULTI_SPLIT = re.compile(r"[,;/]")
INVALID_EMAIL = "invalid e-mail"
BAD_DATE = "not a date (expected dd.mm.yyyy, yyyy-mm-dd or an Excel serial)"
DATE_RANGE = "birth date outside 1900..today"
BAD_GENDER = "unknown gender (expected м/ж, муж/жен, m/f, male/female)"
BAD_CARD = "not a card number (4-32 letters or digits)"
MANGLED_CARD = "card number mangled by Excel (scientific notation)"
PLACEHOLDER_CARD = "a placeholder, not a card number (one repeated character, or a word for none)"
# words exports write where a customer has no card (upper case, as cards are compared)
CARD_PLACEHOLDERS = ("NULL", "NONE", "НЕТУ", "ПУСТО", "ОТСУТСТВУЕТ", "НЕИЗВЕСТНО")  # 4+ letters: shorter is no card
BAD_CONSENT = "unknown consent value (expected да/нет, yes/no, 1/0)"

MALE = ("м", "муж", "муж.", "мужской", "мужчина", "m", "male", "man", "мж")
FEMALE = ("ж", "жен", "жен.", "женский", "женщина", "f", "female", "woman", "w")
CONSENT_YES = ("да", "yes", "true", "1", "y", "+", "согласен", "согласна", "есть", "д", "истина")
CONSENT_NO = ("нет", "no", "false", "0", "n", "-", "не согласен", "не согласна", "н", "ложь")

DATE_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y.%m.%d",
                "%d %b %Y", "%d %B %Y", "%Y%m%d"]
# Russian month words (nominative, genitive, abbreviations) -> month number
RU_MONTHS = {
    1: ("январь", "января", "янв"), 2: ("февраль", "февраля", "фев", "февр"), 3: ("март", "марта", "мар"),
    4: ("апрель", "апреля", "апр"), 5: ("май", "мая"), 6: ("июнь", "июня", "июн"), 7: ("июль", "июля", "июл"),
    8: ("август", "августа", "авг"), 9: ("сентябрь", "сентября", "сен", "сент"),
    10: ("октябрь", "октября", "окт"), 11: ("ноябрь", "ноября", "ноя", "нояб"), 12: ("декабрь", "декабря", "дек"),
}
_MONTH_FORMS = [w for n in RU_MONTHS for w in RU_MONTHS[n]]
_MONTH_NUMBERS = [n for n in RU_MONTHS for _ in RU_MONTHS[n]]
EXCEL_SERIALS = (1_000, 80_000)  # 1902-09-26 .. 2119-01-10: a plausible date, not a count
YEAR_LIKE = (1900, 2100)  # a bare number in this range is a year, not an Excel serial

# The common Russian spellings, decided by one regular expression with no captures (a fast DFA
# match; capturing digits in RE2 is 6x slower): an optional '+7', '7' or '8' then ten digits
# whose first is 3/4/8/9, or ten digits starting with 9 and no '+'; spaces, dashes and brackets
# anywhere between. Same verdict as o2o_phone_fast on every string it accepts (tested); dots are
# left to the general path because '….0' is a spreadsheet float, cut there, not a digit.
_SEP = "[ ()\\-]*"
FAST_PHONE_RE = ("^ *(?:(?:\\+" + _SEP + "7|" + _SEP + "[78])" + _SEP + "[3489]|" + _SEP + "9)"
                 + (_SEP + "[0-9]") * 9 + _SEP + "$")


def _sql_list(values) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


# DuckDB's trim() removes the Unicode space separators and copies every string (1.3 CPU-s per
# 10 M names): only a value that may start or end with one is trimmed. The first character is
# checked by its code point (ascii(); a range, not IN: a list is planned as a join), the end for
# the space and the no-break spaces Excel and typographers leave (plain, narrow, figure, thin).
MACROS = f"""
CREATE OR REPLACE TEMP MACRO o2o_edge_space(s) AS
    ascii(s) = 32 OR ascii(s) = 160 OR ascii(s) BETWEEN 5760 AND 12288 OR ends_with(s, ' ') OR ends_with(s, '\u00a0')
    OR ends_with(s, '\u202f') OR ends_with(s, '\u2007') OR ends_with(s, '\u2009');
CREATE OR REPLACE TEMP MACRO o2o_trim(s) AS CASE WHEN o2o_edge_space(s) THEN trim(s) ELSE s END;
CREATE OR REPLACE TEMP MACRO o2o_blank(s) AS CASE WHEN s = '' THEN NULL WHEN o2o_edge_space(s) THEN nullif(trim(s), '')
    ELSE s END;
CREATE OR REPLACE TEMP MACRO o2o_sci(s) AS
    regexp_full_match(trim(s), '[0-9]+([.,][0-9]+)?[eE]\\+?[0-9]+');
CREATE OR REPLACE TEMP MACRO o2o_sci_digits(t) AS CASE
    WHEN regexp_full_match(t, '[0-9]\\.[0-9]+[eE]\\+?[0-9]{{1,2}}')
         AND length(regexp_extract(t, '\\.([0-9]+)', 1)) = try_cast(regexp_extract(t, '([0-9]+)$', 1) AS INTEGER)
    THEN t[1] || regexp_extract(t, '\\.([0-9]+)', 1) END;
-- Unicode spaces (no-break, narrow, thin…) separate digit groups like plain ones
CREATE OR REPLACE TEMP MACRO o2o_phone_clean(s) AS coalesce(o2o_sci_digits(trim(s)),
    regexp_replace(regexp_replace(trim(regexp_replace(s, '\\pZ', ' ', 'g')),
                                  '\\s*(доб\\.?|ext\\.?|extension|x|#)\\s*[0-9]{{1,6}}$', '', 'i'),
                   '^([0-9]{{10,11}})\\.0+$', '\\1'));
CREATE OR REPLACE TEMP MACRO o2o_phone_fast_d(c, d) AS CASE
    WHEN NOT regexp_full_match(c, '\\+?[0-9 ()\\-.]+') THEN NULL
    WHEN length(d) = 11 AND d[1] = '8' AND c[1] <> '+' AND d[2] IN ('3', '4', '8', '9') THEN '+7' || d[2:]
    WHEN length(d) = 11 AND d[1] = '7' AND d[2] IN ('3', '4', '8', '9') THEN '+' || d
    WHEN length(d) = 10 AND d[1] = '9' AND c[1] <> '+' THEN '+7' || d
    ELSE NULL END;
CREATE OR REPLACE TEMP MACRO o2o_phone_fast_c(c) AS
    o2o_phone_fast_d(c, regexp_replace(c, '[^0-9]', '', 'g'));
CREATE OR REPLACE TEMP MACRO o2o_phone_fast(s) AS o2o_phone_fast_c(o2o_phone_clean(s));
CREATE OR REPLACE TEMP MACRO o2o_email(s) AS lower(trim(s));
CREATE OR REPLACE TEMP MACRO o2o_email_ok(e) AS
    regexp_full_match(e, '[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*\\.[^@\\s.0-9]{{2,}}') AND NOT contains(e, '..');
CREATE OR REPLACE TEMP MACRO o2o_date_2y_d(d) AS make_date(
    year(d) % 100 + CASE WHEN year(d) % 100 <= year(current_date) % 100 THEN 2000 ELSE 1900 END, month(d), day(d));
CREATE OR REPLACE TEMP MACRO o2o_date_2y(t) AS CASE WHEN strlen(t) <= 8 THEN CASE
    WHEN regexp_full_match(t, '[0-9]{{1,2}}[./\\-][0-9]{{1,2}}[./\\-][0-9]{{2}}')
    THEN o2o_date_2y_d(try_strptime(regexp_replace(t, '[/\\-]', '.', 'g'), '%d.%m.%y')) END END;
CREATE OR REPLACE TEMP MACRO o2o_date_ru_l(l) AS CASE
    WHEN regexp_full_match(l, '[0-9]{{1,2}}[ .\\-]+[а-яё]+\\.?[ .\\-]+[0-9]{{4}}( *г\\.?)?')
    THEN try_strptime(regexp_extract(l, '^[0-9]+') || '.'
                      || {_MONTH_NUMBERS!r}[list_position({_MONTH_FORMS!r}, regexp_extract(l, '[а-яё]+'))]
                      || '.' || regexp_extract(l, '([0-9]{{4}})', 1), '%d.%m.%Y')::DATE END;
CREATE OR REPLACE TEMP MACRO o2o_serial_n(n) AS CASE
    WHEN n BETWEEN {EXCEL_SERIALS[0]} AND {EXCEL_SERIALS[1]} AND n NOT BETWEEN {YEAR_LIKE[0]} AND {YEAR_LIKE[1]}
    THEN DATE '1899-12-30' + n END;
CREATE OR REPLACE TEMP MACRO o2o_date_any(t) AS coalesce(
    o2o_date_2y(t),
    try_strptime(t, {DATE_FORMATS!r})::DATE,
    o2o_date_ru_l(lower(t)),
    CASE WHEN regexp_full_match(t, '[0-9]{{1,5}}([.,][0-9]+)?')
         THEN o2o_serial_n(try_cast(regexp_extract(t, '^[0-9]+') AS INTEGER)) END);
-- the common dd.mm.yyyy of digits straight away (-35 % CPU on 10 M dates; a GLOB is cheaper than a
-- regex): no other rule reads those 10 characters, and anything padded goes the general way
CREATE OR REPLACE TEMP MACRO o2o_date(s) AS
    CASE WHEN s GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]' THEN try_strptime(s, '%d.%m.%Y')::DATE
         ELSE o2o_date_any(o2o_trim(s)) END;
CREATE OR REPLACE TEMP MACRO o2o_birth_ok(d) AS d BETWEEN DATE '1900-01-01' AND current_date;
-- a simple CASE, not IN or list_contains: a list of constants is planned as a join (3x slower on 10 M rows)
CREATE OR REPLACE TEMP MACRO o2o_gender(s) AS CASE lower(o2o_trim(s))
    {" ".join(f"WHEN '{v}' THEN 'm'" for v in MALE)} {" ".join(f"WHEN '{v}' THEN 'f'" for v in FEMALE)} END;
-- a card made of one repeated character (0000, XXXX) or a word for "none" would join every customer
-- who has it into one person: it is a placeholder, never a key
CREATE OR REPLACE TEMP MACRO o2o_card_placeholder(c) AS
    c = repeat(left(c, 1), length(c)) OR ({" OR ".join(f"c = '{w}'" for w in CARD_PLACEHOLDERS)});
CREATE OR REPLACE TEMP MACRO o2o_card_c(c) AS
    CASE WHEN regexp_full_match(c, '[0-9A-ZА-ЯЁ]{{4,32}}') AND NOT o2o_card_placeholder(c) THEN c END;
CREATE OR REPLACE TEMP MACRO o2o_card_clean(s) AS regexp_replace(upper(trim(s)), '[\\s\\-]', '', 'g');
CREATE OR REPLACE TEMP MACRO o2o_card(s) AS o2o_card_c(o2o_card_clean(s));
-- why a card value `s` (cleaned: `c`) that is not kept is dropped
CREATE OR REPLACE TEMP MACRO o2o_card_drop_reason(s, c) AS CASE WHEN o2o_sci(s) THEN '{MANGLED_CARD}'
    WHEN length(c) >= 4 AND o2o_card_placeholder(c) THEN '{PLACEHOLDER_CARD}' ELSE '{BAD_CARD}' END;
-- why a card value is dropped (NULL when kept or blank)
CREATE OR REPLACE TEMP MACRO o2o_card_reason(s) AS CASE WHEN o2o_blank(s) IS NULL OR o2o_card(s) IS NOT NULL THEN NULL
    ELSE o2o_card_drop_reason(s, o2o_card_clean(s)) END;
CREATE OR REPLACE TEMP MACRO o2o_consent(s) AS CASE lower(o2o_trim(s))
    {" ".join(f"WHEN '{v}' THEN true" for v in CONSENT_YES)} {" ".join(f"WHEN '{v}' THEN false" for v in CONSENT_NO)}
    END;
CREATE OR REPLACE TEMP MACRO o2o_phone_sha256(e164) AS sha256(replace(e164, '+', ''));
"""

def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the o2o_* normalisation macros on this connection (temp: per connection)."""
    con.execute(MACROS)


def _one_phone(raw: str, region: str) -> tuple[str | None, str | None]:
    if len(raw) > 64:  # no phone is that long; libphonenumber would chew on it for seconds
        return None, NOT_A_PHONE
    for text in (raw, _international_00(raw)):
        if not text:
            continue
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None
    return None, NOT_A_PHONE


def _international_00(raw: str) -> str | None:
    """"00 44 20 …" (the international prefix of most of Europe; Russia dials 810) as "+44 20 …"."""
    stripped = raw.lstrip()
    return "+" + stripped[2:].lstrip() if stripped.startswith("00") else None


def phone_slow(text: str, region: str = "RU") -> tuple[str | None, str | None]:
    """(E.164, None) or (None, reason) through libphonenumber, for the undecided forms; a cell
    with several phones gives (first valid E.164, MULTI_PHONE) (see the module docstring)."""
    return _resolve_many(_scalar_con(), [text], region)[0]


def _resolve_many(con, values: list[str], region: str = "RU") -> list[tuple[str | None, str | None]]:
    """phone_slow for many values: the parts of multi-phone cells go through the bulk rule in one
    query (a query per value costs ~20 ms of planning: the macros expand to a large expression)."""
    split: dict[int, list[str]] = {}
    for i, text in enumerate(values):
        raw = (text or "").strip()
        if _MULTI_SPLIT.search(raw):
            parts = [p for p in (q.strip() for q in _MULTI_SPLIT.split(raw)) if p]
            if len(parts) > 1:
                split[i] = parts
    fast: dict[str, str | None] = {}
    if split:
        parts = sorted({p for ps in split.values() for p in ps})
        fast = dict(con.execute("SELECT p, CASE WHEN NOT o2o_sci(p) THEN o2o_phone_fast(p) END "
                                "FROM unnest(?::VARCHAR[]) t(p)", [parts]).fetchall())
    out = []
    for i, text in enumerate(values):
        raw = (text or "").strip()
        if not raw:
            out.append((None, None))
            continue
        found, dropped = [], False
        for part in split.get(i) or [raw.strip(",;/ ")]:
            if _LABELLED_NUMBER.search(part):  # "ИНН 7712345678", "чек 3522150147": another kind of number
                dropped = True
                continue
            value = fast.get(part) or _one_phone(part, region)[0]
            in_words = [] if value else _phones_in_text(part, region)  # "89161234567 (моб)", "X или Y"
            found += [value] if value else in_words
            dropped = dropped or not (value or in_words) and bool(_NUMBER_RUN.search(part))  # '8926', '123'
        if not found:
            out.append((None, NOT_A_PHONE))
        else:  # a second phone, or a number that is not one, is left out: the analyst is told
            out.append((found[0], MULTI_PHONE if len(set(found)) > 1 or dropped else None))
    return out


def _digit_count(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


# a word that labels the number after it as something else: a tax id, a contract, an order, an
# account, a receipt's fiscal fields ("ИНН 7712345678", "Заказ №4951234567"; not "Инна", "(чек на почту)")
_LABELLED_NUMBER = re.compile(r"\b(инн|кпп|огрн|снилс|(паспорт|договор|заказ|сч[её]т|чек)(а|у|ом|е)?|ф[ндп])\b"
                              r"\s*[:.]?\s*(№|#)?\s*\d", re.I)
_NUMBER_RUN = re.compile(r"\d{3}")  # a number part (not hours like "с 10 до 18") that is not a phone


def _phones_in_text(text: str, region: str) -> list[str]:
    """The valid numbers libphonenumber finds in free text, in order (E.164); none when the text
    is long or has too few digits for a phone."""
    if len(text) > 200 or _digit_count(text) < 7:
        return []
    matches = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    return [phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164) for m in matches]


def resolve_slow_phones(con: duckdb.DuckDBPyConnection, values: list[str], table: str) -> int:
    """Write (raw, e164, reason) for each distinct undecided value into TEMP `table`."""
    rows = list(zip(values, *zip(*_resolve_many(con, values)))) if values else []
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} (raw VARCHAR, e164 VARCHAR, reason VARCHAR)")
    if rows:
        import pyarrow as pa

        arrow = pa.table({"raw": [r[0] for r in rows], "e164": [r[1] for r in rows],
                          "reason": [r[2] for r in rows]})
        con.register("_slow_phones_arrow", arrow)
        con.execute(f"INSERT INTO {table} SELECT * FROM _slow_phones_arrow")
        con.unregister("_slow_phones_arrow")
    return len(rows)


def phone_layers_sql(source: str, raw: str, out: str = "phone_fast") -> str:
    """`SELECT *, <out> FROM source` for the bulk path (layers for several phone columns nest:
    each names its intermediates after `out`). Most values are decided by one
    capture-free match (FAST_PHONE_RE) and a few plain `replace`s; only the rest go through the
    general rule, in projection layers so that each intermediate (cleaned text, digits) is computed
    once per row: a macro would be expanded textually and recompute them for every reference.
    CASE evaluates a branch only for the rows that reach it, so the regexp_replace work is paid by
    the few undecided values alone."""
    # the match allows '+' only in front, so the last ten characters left are the ten digits
    # each replace copies the string: only values that have separators pay for it
    strip = (f"CASE WHEN contains({raw}, ' ') OR contains({raw}, '-') OR contains({raw}, '(') OR contains({raw}, ')') "
             f"THEN replace(replace(replace(replace({raw}, ' ', ''), '-', ''), '(', ''), ')', '') ELSE {raw} END")
    f, c, d = f"_{out}_f", f"_{out}_c", f"_{out}_d"
    return f"""
    SELECT * EXCLUDE ({f}, {c}, {d}), CASE
        WHEN {f} IS NOT NULL THEN {f}
        WHEN {d} IS NULL THEN NULL
        WHEN length({d}) = 11 AND {d}[1] = '8' AND {c}[1] <> '+' AND {d}[2] IN ('3', '4', '8', '9') THEN '+7' || {d}[2:]
        WHEN length({d}) = 11 AND {d}[1] = '7' AND {d}[2] IN ('3', '4', '8', '9') THEN '+' || {d}
        WHEN length({d}) = 10 AND {d}[1] = '9' AND {c}[1] <> '+' THEN '+7' || {d}
        END AS {out}
    FROM (SELECT *, CASE WHEN {c} IS NOT NULL AND regexp_full_match({c}, '\\+?[0-9 ()\\-.]+')
                         THEN regexp_replace({c}, '[^0-9]', '', 'g') END AS {d}
          FROM (SELECT *, CASE WHEN {f} IS NULL AND {raw} IS NOT NULL THEN
                               CASE WHEN regexp_matches(trim({raw}), '[^0-9 ()+\\-.]|\\.0+$')
                                    THEN o2o_phone_clean({raw}) ELSE trim({raw}) END END AS {c}
                FROM (SELECT *, CASE WHEN regexp_full_match({raw}, '{FAST_PHONE_RE}')
                                     THEN '+7' || right({strip}, 10) END AS {f}
                      FROM {source})))"""


def phone_sql(column: str, slow_table: str) -> tuple[str, str]:
    """SQL expressions (value, reason) for a phone column, given the slow-path table joined
    as alias `sp` on sp.raw = column."""
    value = f"coalesce(o2o_phone_fast({column}), sp.e164)"
    reason = (f"CASE WHEN o2o_blank({column}) IS NULL THEN NULL "
              f"WHEN o2o_phone_fast({column}) IS NOT NULL THEN NULL "
              f"WHEN o2o_sci({column}) THEN '{MANGLED_PHONE}' "
              f"WHEN {value} IS NULL THEN coalesce(sp.reason, '{NOT_A_PHONE}') ELSE sp.reason END")
    return value, reason


def slow_phone_candidates_sql(column: str, table: str) -> str:
    return (f"SELECT DISTINCT trim({column}) FROM {table} WHERE o2o_blank({column}) IS NOT NULL "
            f"AND NOT o2o_sci({column}) AND o2o_phone_fast({column}) IS NULL")


# --- a few values at a time (previews, mapping detection, receipts' buyer contact, tests) ---
_local = threading.local()


def _scalar_con() -> duckdb.DuckDBPyConnection:
    con = getattr(_local, "con", None)
    if con is None:
        con = duckdb.connect()
        install_macros(con)
        _local.con = con
    return con


def _blank(text) -> bool:
    return text is None or not str(text).strip()


def _bulk(expressions: str, texts: list) -> list[tuple]:
    """One row of `expressions` (SQL over `v`) per text, in order, from one query: a query per
    value costs ~8 ms of planning (the macros expand to large expressions), so 200 sample values
    one by one took 1.6 s."""
    return _scalar_con().execute(
        f"SELECT {expressions} FROM unnest(?::VARCHAR[]) WITH ORDINALITY AS t(v, i) ORDER BY i",
        [[None if t is None else str(t) for t in texts]]).fetchall()


def normalize_phones(texts) -> list[tuple[str | None, str | None]]:
    """normalize_phone of each text, in one query (+ libphonenumber for the undecided ones)."""
    texts = list(texts)
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(texts)
    todo = [i for i, t in enumerate(texts) if not _blank(t)]
    slow = []
    for i, (fast, sci) in zip(todo, _bulk("o2o_phone_fast(v), o2o_sci(v)", [texts[i] for i in todo])):
        if fast:  # before the scientific check: '7.9161234567E+10' spells every digit
            out[i] = (fast, None)
        elif sci:
            out[i] = (None, MANGLED_PHONE)
        else:
            slow.append(i)
    for i, result in zip(slow, _resolve_many(_scalar_con(), [str(texts[i]) for i in slow])):
        out[i] = result
    return out


def normalize_phone(text: str | None) -> tuple[str | None, str | None]:
    """(E.164, None), (None, reason), (None, None) for a blank value, or (E.164, MULTI_PHONE)
    for a cell with several phones (the first valid one kept)."""
    return normalize_phones([text])[0]


def _per_value(expressions: str, texts, verdict) -> list[tuple]:
    """(None, None) for blank texts, verdict(row of `expressions`) for the others."""
    texts = list(texts)
    out: list[tuple] = [(None, None)] * len(texts)
    todo = [i for i, t in enumerate(texts) if not _blank(t)]
    for i, row in zip(todo, _bulk(expressions, [texts[i] for i in todo])):
        out[i] = verdict(*row)
    return out


def normalize_emails(texts) -> list[tuple[str | None, str | None]]:
    return _per_value("o2o_email(v), o2o_email_ok(o2o_email(v))", texts,
                      lambda value, ok: (value, None) if ok else (None, INVALID_EMAIL))


def normalize_email(text: str | None) -> tuple[str | None, str | None]:
    return normalize_emails([text])[0]


def normalize_dates(texts, *, birth: bool = True) -> list[tuple]:
    def verdict(value, ok):
        if value is None:
            return None, BAD_DATE
        return (None, DATE_RANGE) if birth and not ok else (value, None)
    return _per_value("o2o_date(v), o2o_birth_ok(o2o_date(v))", texts, verdict)


def normalize_date(text: str | None, *, birth: bool = True):
    return normalize_dates([text], birth=birth)[0]


def normalize_genders(texts) -> list[tuple[str | None, str | None]]:
    return _per_value("o2o_gender(v)", texts, lambda value: (value, None) if value else (None, BAD_GENDER))


def normalize_gender(text: str | None) -> tuple[str | None, str | None]:
    return normalize_genders([text])[0]


def normalize_cards(texts) -> list[tuple[str | None, str | None]]:
    return _per_value("o2o_card(v), o2o_card_reason(v)", texts, lambda value, reason: (value, reason))


def normalize_card(text: str | None) -> tuple[str | None, str | None]:
    return normalize_cards([text])[0]


def normalize_texts(texts, limit: int, too_long: str) -> list[tuple[str | None, str | None]]:
    """A name or CRM id as the import keeps it: edge spaces trimmed (o2o_trim), blank -> None, and
    dropped with `too_long` when longer than `limit` characters."""
    def verdict(value):
        if value is None or len(value) <= limit:
            return (value or None), None
        return None, too_long
    return [verdict(row[0]) for row in _bulk("o2o_trim(v)", list(texts))]


def joined_texts(columns: list[list]) -> list[str | None]:
    """Several columns of one role (a name in parts) joined as the import joins them: each part
    blank-trimmed (o2o_blank), the parts left joined by a space; None when none is left."""
    parts = [[row[0] for row in _bulk("o2o_blank(v)", list(column))] for column in columns]
    return [" ".join(p for p in record if p is not None) or None for record in zip(*parts)]


def phone_or_email(text: str | None) -> tuple[str | None, str | None]:
    """A receipt's buyerPhoneOrAddress: (phone, email); the one that does not apply is None."""
    if not text or not str(text).strip():
        return None, None
    if "@" in text:
        return None, normalize_email(text)[0]
    return normalize_phone(text)[0], None
