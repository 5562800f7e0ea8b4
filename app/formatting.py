"""How figures read on screen: thousands with a thin space (the Russian convention, and
unambiguous in English), percentages, mm:ss durations, roubles. One place, so every
screen writes 12 345 the same way."""
from __future__ import annotations

THIN = "\u2009"


def thin(n, empty: str = "—") -> str:
    """An integer with thin-space thousands; `empty` for None (and for "")."""
    return empty if n is None or n == "" else f"{int(n):,}".replace(",", THIN)


def pct(x) -> str:
    """A share 0..1 as '12.3 %'."""
    return "—" if x is None else f"{100 * x:.1f} %"


def mmss(seconds) -> str:
    """Seconds as mm:ss (minutes may pass 59: a visit of 75 minutes is 75:00)."""
    if seconds is None:
        return "—"
    seconds = int(round(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def roubles(kopecks) -> str:
    """Kopecks as roubles with thin-space thousands: 1234567 -> '12 345.67 ₽'."""
    return f"{(kopecks or 0) / 100:,.2f}".replace(",", THIN) + " ₽"


def count_text(n) -> str:
    """A count, 0 for None: '12 345'."""
    return thin(n or 0)
