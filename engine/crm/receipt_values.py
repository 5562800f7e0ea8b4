"""Values of a receipt that are read by words or checked: the operation type, the buyer's
phone/e-mail and the loyalty card.

Operation type (FFD tag 1054): 1 приход (sale), 2 возврат прихода (sale return), 3 расход
(purchase), 4 возврат расхода (purchase return). Read from the number (1-4, also '01', '1.0'
as a spreadsheet may write it), the FFD names as Russian OFD exports print them, common
Russian synonyms (продажа, возврат продажи, возврат, покупка…) and English words (sale/sell,
return/refund, purchase/buy, the OFD API's Income/IncomeReturn/Expense/ExpenseReturn, ATOL's
sell_refund/buy_refund); case-insensitive, spaces/underscores/dashes alike. Anything else is
not understood: the receipt's sign is unknown, so it is rejected (never counted as a sale).

Buyer phone, e-mail and card that cannot be used are left out of the stored receipt and
listed in the rejects report (line, column, raw value, reason) like the CRM import's dropped
values; `store_dropped_values` writes those entries for the receipts actually stored.
"""
from __future__ import annotations

import re

from engine import normalize as nz

SALE, SALE_RETURN, PURCHASE, PURCHASE_RETURN = 1, 2, 3, 4
OPERATION_WORDS: dict[int, tuple[str, ...]] = {
    SALE: ("приход", "продажа", "sale", "sell", "income"),
    SALE_RETURN: ("возврат прихода", "возврат продажи", "возврат", "sale return", "return of sale", "return",
                  "refund", "sell refund", "sell return", "income return", "incomereturn"),
    PURCHASE: ("расход", "покупка", "purchase", "buy", "expense", "outcome"),
    PURCHASE_RETURN: ("возврат расхода", "возврат покупки", "purchase return", "buy refund", "buy return",
                      "expense return", "expensereturn", "outcome return", "outcomereturn"),
}
BAD_OPERATION = ("not understood (expected приход, возврат прихода, расход, возврат расхода, "
                 "1-4, sale or return)")
_WORD_TO_TYPE = {word: code for code, words in OPERATION_WORDS.items() for word in (str(code), *words)}
_SEPARATORS = re.compile(r"[\s_\-]+")
_NUMBER = re.compile(r"0*([1-4])(\.0+)?")


def operation_type_of(value) -> int | None:
    """1-4 from a number or a word (see the module docstring); None when blank or not understood."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value in (1, 2, 3, 4) else None
    text = _SEPARATORS.sub(" ", str(value).lower()).strip()
    number = _NUMBER.fullmatch(text)
    return int(number.group(1)) if number else _WORD_TO_TYPE.get(text)


def operation_type_sql(column: str) -> str:
    """The same reading as operation_type_of, as a SQL expression (TINYINT, NULL when not understood)."""
    words = f"trim(regexp_replace(lower({column}), '[\\s_\\-\\pZ]+', ' ', 'g'))"
    number = f"regexp_replace({words}, '^0*([1-4])(\\.0+)?$', '\\1')"
    # a simple CASE, not IN: a list of constants is planned as a join (see engine/normalize.py)
    cases = " ".join(f"WHEN '{word}' THEN {code}" for word, code in _WORD_TO_TYPE.items())
    return f"CAST(CASE {number} {cases} END AS TINYINT)"


def normalise_contacts(con) -> None:
    """Buyer phone/e-mail and card of every staged receipt (TEMP rec_stage), in one vectorised
    pass. The raw text and a reason are kept beside each value that is dropped (raw_phone,
    phone_reason, …) for `store_dropped_values`; rec_stage's phone_key/email_key/card_key name
    the column (table header or JSON key) each came from."""
    slow = [r[0] for r in con.execute(nz.slow_phone_candidates_sql("buyer_phone", "rec_stage")).fetchall()]
    nz.resolve_slow_phones(con, slow, "rec_slow")
    phone, phone_reason = nz.phone_sql("s.buyer_phone", "rec_slow")
    email_ok = "o2o_email_ok(o2o_email(s.buyer_email))"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE rec_stage AS SELECT s.* REPLACE (
                {phone} AS buyer_phone,
                CASE WHEN {email_ok} THEN o2o_email(s.buyer_email) END AS buyer_email,
                o2o_card(s.card) AS card),
            o2o_blank(s.buyer_phone) AS raw_phone, o2o_blank(s.buyer_email) AS raw_email,
            o2o_blank(s.card) AS raw_card,
            {phone_reason} AS phone_reason,
            CASE WHEN o2o_blank(s.buyer_email) IS NOT NULL AND NOT {email_ok} THEN '{nz.INVALID_EMAIL}' END
                AS email_reason,
            o2o_card_reason(s.card) AS card_reason
        FROM rec_stage s LEFT JOIN rec_slow sp ON sp.raw = trim(s.buyer_phone)""")
    con.execute("DROP TABLE rec_slow")


def store_dropped_values(con, import_id: int, table: str = "rec_new") -> int:
    """One rejects entry per dropped buyer phone/e-mail/card of the receipts in `table` (and per
    multi-phone cell whose first phone was kept); returns how many."""
    parts = " UNION ALL ".join(
        f"SELECT seq, {key}, raw_{what}, {what}_reason FROM {table} WHERE {what}_reason IS NOT NULL"
        for what, key in (("phone", "phone_key"), ("email", "email_key"), ("card", "card_key")))
    before = con.execute(f"SELECT count(*) FROM import_rejects WHERE import_id = {int(import_id)}").fetchone()[0]
    con.execute(f"INSERT INTO import_rejects SELECT {int(import_id)}, seq, col, left(raw, 200), reason "
                f"FROM ({parts}) t(seq, col, raw, reason)")
    return con.execute(f"SELECT count(*) FROM import_rejects WHERE import_id = {int(import_id)}").fetchone()[0] - before
