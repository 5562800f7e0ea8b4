"""Chart cards export what they draw."""
from __future__ import annotations

import pandas as pd

from app.charts import ChartCard


def test_chart_card_exports_png_svg_csv(qtbot, tmp_path):
    card = ChartCard("Traffic", "visits per hour")
    qtbot.addWidget(card)
    card.resize(600, 300)
    frame = pd.DataFrame({"hour": range(24), "visits": [h * h for h in range(24)]})
    card.curve("visits").setData(frame["hour"].to_numpy(), frame["visits"].to_numpy())
    assert card.curve("visits") is card.curves["visits"]  # reused, not re-created
    card.set_frame(frame)
    png = card.export_to(tmp_path / "c.png")
    svg = card.export_to(tmp_path / "c.svg")
    csv = card.export_to(tmp_path / "c.csv")
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]
    assert pd.read_csv(csv).equals(frame)
