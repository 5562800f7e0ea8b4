"""Readable tables for the terminal: columns across, cells cut to a width (--json has everything)."""
from __future__ import annotations

import unicodedata
from typing import Iterable, Sequence

CELL_WIDTH = 24


def display_width(text: str) -> int:
    """Terminal columns of a text: wide characters (emoji, CJK) take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def cell_text(value, width: int = CELL_WIDTH) -> str:
    """One cell on one line: None as '—', line breaks as spaces, cut with '…' past `width`."""
    if value is None or value == "":
        return "—"
    text = " ".join(str(value).split())
    if display_width(text) <= width:
        return text
    while display_width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def text_table(header: Sequence[str], rows: Iterable[Sequence], *, width: int = CELL_WIDTH,
               right: Iterable[int] = ()) -> str:
    """Header, a rule, then one line per row; columns in `right` (indexes) align right (numbers)."""
    right = set(right)
    body = [[cell_text(v, width) for v in row] for row in rows]
    head = [cell_text(h, width) for h in header]
    widths = [max(display_width(r[i]) for r in [head, *body]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(_pad(c, w, i in right) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *(line(r) for r in body)])
