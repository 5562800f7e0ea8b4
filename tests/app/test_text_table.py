"""Terminal tables: columns line up in terminal columns, whatever the characters."""
from app.cli._text_table import display_width, text_table


def test_columns_line_up_after_wide_characters():
    table = text_table(["name", "phone"], [["Smith 🎉", "+79161234567"], ["Иванов", "+79031112233"], ["x" * 30, None]])
    lines = table.splitlines()
    # the phone column starts at the same terminal column on every line
    starts = {display_width(line[:line.index("+")]) for line in lines if "+" in line}
    assert len(starts) == 1
    assert display_width("🎉") == 2 and display_width("Иванов") == 6
    assert lines[-1].startswith("x" * 23 + "…") and lines[-1].endswith("—")
