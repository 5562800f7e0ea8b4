"""visits.median_rssi becomes visits.mean_rssi.

The median was approximate (a median of per-bucket medians) and cost about a third of a
rebuild; the mean of a visit's readings is exact from per-bucket sums and counts. Visits
are derived: the changed algorithm id makes the next rebuild a full one, which refills it.
"""
VERSION = 6
DESCRIPTION = "visits: mean_rssi instead of an approximate median_rssi"


def apply(con) -> None:
    con.execute("ALTER TABLE visits RENAME COLUMN median_rssi TO mean_rssi")
