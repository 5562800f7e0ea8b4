"""Checks of stored receipts: registered tills and taxpayer (the seeds' fraud control) and
items that do not add up to the total; the flagged list."""
from __future__ import annotations

ITEMS_MISMATCH = "items do not add up"
# receipts whose item sums miss totalSum by more than rounding (a kopeck per item); receipts
# with no items, or an item without a sum, cannot be checked
_MISMATCHED = """
    SELECT i.receipt_id FROM receipt_items i JOIN receipts r USING (receipt_id) {where}
    GROUP BY i.receipt_id, r.total_kop
    HAVING count(i.sum_kop) = count(*) AND abs(sum(i.sum_kop) - r.total_kop) > count(*)"""


def refresh_receipt_checks(con) -> None:
    """Set site, `registered` and `flag` of every receipt from the registers table (all receipts:
    a registers list imported later re-checks the earlier receipts) and from its items. One
    flag per receipt: a register finding ('unregistered register', 'other taxpayer') comes
    first; else 'items do not add up' when the item sums miss the total."""
    con.execute("UPDATE receipts SET registered = NULL, flag = NULL WHERE registered IS NOT NULL OR flag IS NOT NULL")
    if con.execute("SELECT count(*) FROM registers").fetchone()[0] > 0:
        # a receipt without a register number (QR strings, some tables) cannot be checked: left NULL
        con.execute("UPDATE receipts SET registered = false, flag = 'unregistered register', site_id = NULL "
                    "WHERE kkt_reg_id IS NOT NULL")
        con.execute("""
            UPDATE receipts SET registered = true, site_id = g.site_id,
                flag = CASE WHEN g.inn IS NOT NULL AND receipts.inn IS NOT NULL AND g.inn <> receipts.inn
                            THEN 'other taxpayer' END
            FROM registers g WHERE g.kkt_reg_id = receipts.kkt_reg_id""")
    con.execute(f"UPDATE receipts SET flag = '{ITEMS_MISMATCH}' WHERE flag IS NULL AND receipt_id IN "
                f"({_MISMATCHED.format(where='')})")


def items_mismatch_count(con, import_id: int) -> int:
    """Receipts of one import whose items do not add up to the total (whatever their flag)."""
    return con.execute(f"SELECT count(*) FROM ({_MISMATCHED.format(where=f'WHERE r.import_id = {int(import_id)}')})"
                       ).fetchone()[0]


def flagged_receipts(ws):
    """Flagged receipts (unregistered registers, other taxpayers, items that do not add up) by
    flag and register, for the fraud-control list."""
    return ws.con.execute("""
        SELECT r.flag, r.kkt_reg_id, r.inn, r.seller, count(*) AS receipts, sum(r.total_kop) AS total_kop,
               min(r.ts) AS first_ts, max(r.ts) AS last_ts, g.inn AS registered_inn, g.tenant
        FROM receipts r LEFT JOIN registers g USING (kkt_reg_id)
        WHERE r.flag IS NOT NULL GROUP BY ALL ORDER BY receipts DESC""").df()
