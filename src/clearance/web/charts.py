"""Server-side SVG bar charts: axes, ticks, gridlines and labels, with no JavaScript.

:func:`bar_chart` turns labelled values into one ``<svg>`` element (``Markup``, every text
escaped) that the pages embed inline. Styling is by class (``bar``, ``axis``, ``grid``,
``tick``, ``value``, ``axis-title``) so the stylesheet, not inline styles, decides colours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

MARGIN_LEFT = 52
MARGIN_RIGHT = 20
MARGIN_TOP = 32
MARGIN_BOTTOM = 54


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    tooltip: str | None = None  # shown on hover; defaults to "label: value"


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum``: steps of 1, 2 or 5 times 10^k."""
    if maximum <= 0 or not math.isfinite(maximum):
        return [0.0, 1.0]
    raw_step = maximum / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    top = math.ceil(maximum / step - 1e-9) * step
    ticks = []
    index = 0
    while index * step <= top + step * 1e-9:
        ticks.append(float(round(index * step, 10)))
        index += 1
    return ticks


def format_number(value: float) -> str:
    """``3`` for whole numbers, else up to three significant decimals (``0.25``)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3g}"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    x_label: str,
    y_label: str,
    width: int = 640,
    height: int = 260,
    label_every: int = 1,
    integer_values: bool = True,
) -> Markup:
    """A vertical bar chart. Every ``label_every``-th x label is drawn, counting back from the
    last bar (so the latest day of a time series is always labelled)."""
    plot_width = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = height - MARGIN_TOP - MARGIN_BOTTOM
    bottom = MARGIN_TOP + plot_height
    maximum = max((bar.value for bar in bars), default=0.0)
    ticks = nice_ticks(maximum)
    if integer_values and ticks[-1] >= 1:
        ticks = [t for t in ticks if float(t).is_integer()] or ticks
    top_value = ticks[-1]

    def y_of(value: float) -> float:
        return bottom - (value / top_value) * plot_height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text class="chart-title" x="{MARGIN_LEFT}" y="16">{escape(title)}</text>',
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{MARGIN_LEFT}" y1="{y:.1f}" '
            f'x2="{MARGIN_LEFT + plot_width}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="tick y-tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{escape(format_number(tick))}</text>'
        )
    slot = plot_width / max(1, len(bars))
    bar_width = max(1.0, slot * 0.72)
    for index, bar in enumerate(bars):
        x = MARGIN_LEFT + index * slot + (slot - bar_width) / 2
        y = y_of(bar.value)
        tooltip = bar.tooltip or f"{bar.label}: {format_number(bar.value)}"
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
            f'height="{bottom - y:.1f}" data-value="{escape(format_number(bar.value))}">'
            f"<title>{escape(tooltip)}</title></rect>"
        )
        if bar.value and slot >= 14:
            parts.append(
                f'<text class="value" x="{x + bar_width / 2:.1f}" y="{y - 3:.1f}" '
                f'text-anchor="middle">{escape(format_number(bar.value))}</text>'
            )
        if (len(bars) - 1 - index) % max(1, label_every) == 0:
            parts.append(
                f'<text class="tick x-tick" x="{x + bar_width / 2:.1f}" y="{bottom + 14}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    if maximum <= 0:
        parts.append(
            f'<text class="empty" x="{MARGIN_LEFT + plot_width / 2:.1f}" '
            f'y="{MARGIN_TOP + plot_height / 2:.1f}" text-anchor="middle">no data</text>'
        )
    parts.extend(
        [
            f'<line class="axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" '
            f'x2="{MARGIN_LEFT}" y2="{bottom}"/>',
            f'<line class="axis" x1="{MARGIN_LEFT}" y1="{bottom}" '
            f'x2="{MARGIN_LEFT + plot_width}" y2="{bottom}"/>',
            f'<text class="axis-title" x="{MARGIN_LEFT + plot_width / 2:.1f}" '
            f'y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>',
            f'<text class="axis-title" x="{-(MARGIN_TOP + plot_height / 2):.1f}" y="14" '
            f'transform="rotate(-90)" text-anchor="middle">{escape(y_label)}</text>',
            "</svg>",
        ]
    )
    return Markup("".join(parts))
