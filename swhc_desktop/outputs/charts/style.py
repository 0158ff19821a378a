"""How every chart looks: a colour-blind-safe palette that still reads in greyscale, titles,
and the base under each chart.

The diverging colours are ColorBrewer's PuOr (safe for the common colour-blindnesses) chosen so that each step also
has its own lightness: strongly favourable 63, favourable 151, neutral 217, unfavourable 175, strongly unfavourable
105 (0-255 grey), so a chart printed in black and white still tells them apart, helped by the zero line between
the sides and the per cents written on the bars.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure

from ...domain.printable import printable

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
# Behind a label that a line or an axis may cross (a national figure's line, the zero line), so it stays readable.
LABEL_BOX = {"boxstyle": "square,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}
HEAT_MAP = "cividis"  # perceptually even and monotonic in lightness, so it reads in greyscale

SMALL_BASE = 50  # below this, counts are printed beside per cents and intervals drawn (the LGA report's rule)


def new_figure(width: float = 8.0, height: float = 4.5) -> Figure:
    """A figure not tied to any window or global state, so it can be built on a worker thread."""
    return Figure(figsize=(width, height), dpi=100, facecolor="white")


LABEL_LINES = 3  # lines of a label, a title or a base at most: all of it is in the table or report beside the chart
NOTE_LINES = 6


def wrap(text: str, width: int = 70, lines: int = LABEL_LINES) -> str:
    """What people typed, as a chart shows it: on lines of at most `width` characters and no more than `lines` of
    them (the last cut with '…' when there is more), unprintable characters left out, and a $ printed as a $ rather
    than read by matplotlib as the start of a formula. Every text of a chart that someone typed goes through here."""
    wrapped = textwrap.wrap(printable(text), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: max(1, width - 1)].rstrip() + "…"
    return "\n".join(wrapped).replace("$", r"\$")


NOTE_LINE_INCHES = 0.15
SMALLEST_PLOT_INCHES = 1.2
TALLEST_CHART_INCHES = 100.0  # 15,000 pixels at 150 dpi, well within what a PNG or matplotlib can hold


def finish(figure: Figure, title: str, base: str, notes: Sequence[str] = ()) -> Figure:
    """Title above, 'Base: …' and any notes (benchmarks, hidden groups) under the chart, in the same place on
    every chart. The figure grows to hold the notes, so they never squeeze the chart itself. Margins are worked out
    from the text they must hold (a layout engine would do the same, at several times the cost on every redraw)."""
    title = wrap(title, 90)
    figure.suptitle(title, fontsize=12, fontweight="bold", color=TEXT, x=0.01, ha="left", va="top", y=0.99)
    lines = "\n".join([wrap(base, 118)] + [wrap(n, 118, NOTE_LINES) for n in notes if n])
    note_height = NOTE_LINE_INCHES * (lines.count("\n") + 1) + 0.12
    width, height = figure.get_size_inches()
    total = height + note_height
    plots = [a for a in figure.axes if a.get_label() != "<colorbar>"]
    if not plots:
        figure.set_size_inches(width, total)
        figure.text(0.01, 0.04 / total, lines, fontsize=8.5, color=MUTED, ha="left", va="bottom", linespacing=1.25)
        return figure
    axes = plots[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    longest = max((len(line) for label in labels for line in label.split("\n")), default=0)
    left = (0.25 + 0.066 * longest) if axes.axison else 0.2
    if axes.axison and axes.get_ylabel():
        left += 0.2  # the axis's own name, turned on its side, left of the tick labels
    top = 0.25 + 0.24 * (title.count("\n") + 1)
    legend = axes.get_legend()
    if legend is not None and legend.get_bbox_to_anchor().y0 > axes.bbox.y0:
        # matplotlib sets a legend's columns (set_ncols) but has no getter; its stubs leave the attribute out.
        columns = legend._ncols  # type: ignore[attr-defined]
        top += 0.2 * -(-len(legend.get_texts()) // max(1, columns)) + 0.1
    if axes.xaxis.get_ticks_position() == "top":
        top += 0.16 * max((t.get_text().count("\n") + 1 for t in axes.get_xticklabels()), default=1) + 0.1
    bottom = note_height + (0.6 if axes.get_xlabel() else 0.4)
    right = 0.3 + (0.9 if len(figure.axes) > len(plots) else 0)
    # However many answers a question has (a legend of 200 needs 14 inches), the chart keeps room to be drawn in;
    # past the tallest picture a chart should be, it is squeezed instead.
    total = min(max(total, top + bottom + SMALLEST_PLOT_INCHES), TALLEST_CHART_INCHES)
    figure.set_size_inches(width, total)
    figure.text(0.01, 0.04 / total, lines, fontsize=8.5, color=MUTED, ha="left", va="bottom", linespacing=1.25)
    figure.subplots_adjust(
        left=min(0.45, left / width), right=1 - right / width, top=1 - top / total, bottom=min(0.8, bottom / total)
    )
    return figure


def diverging_colours(count: int, strong: str, mild: str) -> list[str]:
    """`count` colours from strong to mild (strongest first)."""
    from matplotlib.colors import to_hex, to_rgb

    if count <= 1:
        return [strong][:count]
    a, b = to_rgb(strong), to_rgb(mild)
    colours = []
    for i in range(count):
        red, green, blue = (x + (y - x) * i / (count - 1) for x, y in zip(a, b))
        colours.append(to_hex((red, green, blue)))
    return colours


def percent_text(value: float | None) -> str:
    from ...domain.rounding import percent_text as printed

    return printed(value)


def text_colour_on(colour: str) -> str:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return "white" if 0.299 * r + 0.587 * g + 0.114 * b < 0.55 else TEXT
