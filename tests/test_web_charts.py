"""The dashboard's SVG bar charts: round ticks, bar geometry, thinned labels, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from clearance.web.charts import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    Bar,
    bar_chart,
    format_number,
    nice_ticks,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (100, [0, 20, 40, 60, 80, 100]),
        (0.37, [0, 0.1, 0.2, 0.3, 0.4]),
        (0, [0, 1]),
        (float("nan"), [0, 1]),
    ],
)
def test_ticks_are_round_and_cover_the_maximum(maximum: float, ticks: list[float]) -> None:
    assert nice_ticks(maximum) == pytest.approx(ticks)


def test_numbers_are_written_without_noise() -> None:
    assert [format_number(v) for v in (3.0, 0.25, 1 / 3, 12)] == ["3", "0.25", "0.333", "12"]


def test_bars_are_drawn_to_scale_with_axes_and_titles() -> None:
    height = 260
    svg = parse(
        bar_chart(
            [Bar("mon", 3), Bar("tue", 0), Bar("wed", 1.5, "Wednesday: 1.5")],
            title="Opened",
            x_label="day",
            y_label="cases",
            height=height,
            integer_values=False,
        )
    )
    assert svg.tag == f"{SVG}svg" and svg.get("aria-label") == "Opened"
    assert svg.find(f"{SVG}title").text == "Opened"
    bars = svg.findall(f"{SVG}rect")
    assert [b.get("data-value") for b in bars] == ["3", "0", "1.5"]
    plot = height - MARGIN_TOP - MARGIN_BOTTOM
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == pytest.approx(plot) and heights[1] == 0
    assert heights[2] == pytest.approx(plot / 2)
    tooltips = [b.find(f"{SVG}title").text for b in bars]
    assert tooltips == ["mon: 3", "tue: 0", "Wednesday: 1.5"]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"mon", "tue", "wed", "day", "cases"} <= set(texts)
    assert len(svg.findall(f"{SVG}line[@class='axis']")) == 2
    y_ticks = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "tick y-tick"]
    assert y_ticks == ["0", "1", "2", "3"]


def test_counts_get_whole_number_ticks_only() -> None:
    svg = parse(bar_chart([Bar("a", 1)], title="t", x_label="x", y_label="y"))
    y_ticks = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "tick y-tick"]
    assert y_ticks == ["0", "1"]


def test_labels_are_thinned_from_the_latest_bar_back() -> None:
    bars = [Bar(f"d{n}", n) for n in range(12)]
    svg = parse(bar_chart(bars, title="t", x_label="x", y_label="y", label_every=5))
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "tick x-tick"]
    assert labels == ["d1", "d6", "d11"]


def test_text_is_escaped() -> None:
    markup = bar_chart(
        [Bar("<script>alert(1)</script>", 1)], title='a "b" & c', x_label="<x>", y_label="y"
    )
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    svg = parse(markup)
    assert svg.get("aria-label") == 'a "b" & c'
    assert not list(svg.iter("script")) and not list(svg.iter(f"{SVG}script"))


def test_an_empty_chart_says_so() -> None:
    svg = parse(bar_chart([], title="t", x_label="x", y_label="y"))
    assert "no data" in [t.text for t in svg.iter(f"{SVG}text")]
    assert svg.findall(f"{SVG}rect") == []
