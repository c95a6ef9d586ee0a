"""The PDF's hand-drawn line chart: its labels never overlap, however many quarters it shows."""
from __future__ import annotations

import re

from perfdash.boardpack import svg_chart


def _texts(svg: str) -> list[tuple[float, float, str]]:
    return [(float(x), float(y), words) for x, y, words in
            re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)]


def _chart(quarters: int) -> str:
    periods = [f"Q{q % 4 + 1} {2020 + q // 4}/{(21 + q // 4) % 100:02d}" for q in range(quarters)]
    values = [100.0 + 37.3 * (q % 3) for q in range(quarters)]
    targets = [110.5] * quarters
    return svg_chart.line_chart("BV9: value against target", periods, values, targets, "Value (%)", "")


def _gaps_between(labels: list[tuple[float, float, str]]) -> list[float]:
    """Clear space between neighbouring labels on one row, by their estimated drawn widths."""
    labels = sorted(labels)
    return [(b[0] - svg_chart.text_width(b[2]) / 2) - (a[0] + svg_chart.text_width(a[2]) / 2)
            for a, b in zip(labels, labels[1:])]


def test_quarter_labels_never_overlap_and_the_latest_is_always_labelled():
    for quarters in (4, 8, 12):
        texts = _texts(_chart(quarters))
        years = [t for t in texts if re.fullmatch(r"\d{4}/\d{2}", t[2])]
        assert years and min(_gaps_between(years), default=1) > 0, quarters
        assert max(years)[2] == f"{2020 + (quarters - 1) // 4}/{(21 + (quarters - 1) // 4) % 100:02d}"


def test_four_quarters_are_all_labelled_and_twelve_are_thinned():
    def year_labels(quarters):
        return [t for t in _texts(_chart(quarters)) if re.fullmatch(r"\d{4}/\d{2}", t[2])]

    assert len(year_labels(4)) == 4
    assert 1 < len(year_labels(12)) < 12


def test_value_labels_never_overlap():
    for quarters in (4, 12):
        texts = _texts(_chart(quarters))
        values = [t for t in texts if re.fullmatch(r"[\d,.]+", t[2]) and t[0] > svg_chart.LEFT]
        assert values and min(_gaps_between(values), default=1) > 0, quarters
