"""How every chart looks: a colour-blind-safe palette that still reads in greyscale, titles, and the base under each chart.

The diverging colours are ColorBrewer's PuOr (safe for the common colour-blindnesses) chosen so that each step also
has its own lightness: strongly favourable 63, favourable 151, neutral 217, unfavourable 175, strongly unfavourable
105 (0-255 grey), so a chart printed in black and white still tells them apart, helped by the zero line between
the sides and the per cents written on the bars.
"""

from __future__ import annotations

import textwrap
from typing import Sequence

from matplotlib.figure import Figure

FAVOURABLE_STRONG = "#542788"
FAVOURABLE = "#998ec3"
NEUTRAL = "#d9d9d9"
UNFAVOURABLE = "#f1a340"
UNFAVOURABLE_STRONG = "#b35806"
COUNCIL = "#542788"
BENCHMARK = "#b35806"
PLAIN_BAR = "#5e5a8c"
HIDDEN = "#f0f0f0"
TEXT = "#222222"
MUTED = "#555555"
HEAT_MAP = "cividis"  # perceptually even and monotonic in lightness, so it reads in greyscale

SMALL_BASE = 50  # below this, counts are printed beside per cents and intervals drawn (the LGA report's rule)


def new_figure(width: float = 8.0, height: float = 4.5) -> Figure:
    """A figure not tied to any window or global state, so it can be built on a worker thread."""
    figure = Figure(figsize=(width, height), dpi=100, facecolor="white")
    figure.set_layout_engine("constrained")
    return figure


def wrap(text: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


NOTE_LINE_INCHES = 0.15


def finish(figure: Figure, title: str, base: str, notes: Sequence[str] = ()) -> Figure:
    """Title above, 'Base: …' and any notes (benchmarks, hidden groups) under the chart, in the same place on
    every chart. The figure grows to hold the notes, so they never squeeze the chart itself."""
    figure.suptitle(wrap(title, 90), fontsize=12, fontweight="bold", color=TEXT, x=0.01, ha="left")
    lines = "\n".join([wrap(base, 118)] + [wrap(n, 118) for n in notes if n])
    note_height = NOTE_LINE_INCHES * (lines.count("\n") + 1) + 0.12
    width, height = figure.get_size_inches()
    figure.set_size_inches(width, height + note_height)
    figure.text(0.01, 0.04 / (height + note_height), lines, fontsize=8.5, color=MUTED, ha="left", va="bottom",
                linespacing=1.25)
    bottom = note_height / (height + note_height)
    figure.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    return figure


def diverging_colours(count: int, strong: str, mild: str) -> list[str]:
    """`count` colours from strong to mild (strongest first)."""
    from matplotlib.colors import to_hex, to_rgb

    if count <= 1:
        return [strong][:count]
    a, b = to_rgb(strong), to_rgb(mild)
    return [to_hex(tuple(x + (y - x) * i / (count - 1) for x, y in zip(a, b))) for i in range(count)]


def percent_text(value: float | None) -> str:
    from ..analysis.frequencies import whole_percent

    return whole_percent(value)


def text_colour_on(colour: str) -> str:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else TEXT
