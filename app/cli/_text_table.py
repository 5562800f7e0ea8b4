"""Readable tables for the terminal: columns across, cells cut to a width (--json has everything)."""
from __future__ import annotations

from typing import Iterable, Sequence

CELL_WIDTH = 24


def cell_text(value, width: int = CELL_WIDTH) -> str:
    """One cell on one line: None as '—', line breaks as spaces, cut with '…' past `width`."""
    if value is None or value == "":
        return "—"
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def text_table(header: Sequence[str], rows: Iterable[Sequence], *, width: int = CELL_WIDTH,
               right: Iterable[int] = ()) -> str:
    """Header, a rule, then one line per row; columns in `right` (indexes) align right (numbers)."""
    right = set(right)
    body = [[cell_text(v, width) for v in row] for row in rows]
    head = [cell_text(h, width) for h in header]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *(line(r) for r in body)])
