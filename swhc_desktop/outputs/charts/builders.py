"""Chart builders: each turns analysis results into a matplotlib Figure, the same one drawn on screen and into PDFs.

No Qt here, and no pyplot (whose global state is not safe off the GUI thread): figures are built with
`matplotlib.figure.Figure` and drawn by whoever shows or saves them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from ...analysis.benchmarks import Benchmark
from ...analysis.breakdowns import Breakdown
from ...analysis.comments import ThemeTable
from ...analysis.frequencies import FrequencyTable
from ...analysis.results import QuestionResult
from ...analysis.trends import Trend
from ...domain.questionnaire import Polarity
from ...domain.rounding import figure_text, number_text
from . import style
from .style import finish, new_figure, percent_text, wrap


def benchmark_notes(benchmarks: Sequence[Benchmark]) -> list[str]:
    return [
        f"National figure, for context (not a target): {b.described}. {b.note} Source: {b.source}." for b in benchmarks
    ]


def whisker_lengths(value: float, interval: tuple[float, float]) -> list[list[float]]:
    """How far an error bar reaches below and above its value, as matplotlib takes them: never negative, so that a
    figure whose interval was rounded a hair past it (or a base of 1) still gets its chart."""
    low, high = interval
    return [[max(0.0, value - low)], [max(0.0, high - value)]]


# ----------------------------------------------------------------------------------------- agreement scales


@dataclass(frozen=True)
class DivergingRow:
    label: str
    table: FrequencyTable | None  # None: hidden (too few people)


def diverging_bars(title: str, rows: Sequence[DivergingRow], base: str, notes: Sequence[str] = ()) -> Figure:
    """Unfavourable answers to the left of zero, favourable to the right, neutral split across the line."""
    shown = [r for r in rows if r.table is not None and r.table.base]
    # the legend names the answers of a positively worded statement where there is one
    first = next((r.table for r in shown if not _reversed(r)), next((r.table for r in shown), None))
    figure = new_figure(8, max(2.6, 1.2 + 0.5 * len(rows)))
    axes = figure.add_subplot()
    if first is None:
        return _empty(figure, axes, title, base, notes)
    options = [o for o in first.question.options if not o.excluded_from_base]
    colours = _option_colours(options)
    labels, polarity_notes = _polarity_words(rows)
    positions = list(range(len(rows)))[::-1]
    bars = []
    for position, row in zip(positions, rows):
        if row.table is None or not row.table.base:
            axes.text(
                0,
                position,
                "Not shown: too few people" if row.table is None else "No answers",
                ha="center",
                va="center",
                fontsize=8.5,
                color=style.MUTED,
                style="italic",
                bbox=style.LABEL_BOX,
                zorder=4,  # over the zero line
            )
            continue
        # Each statement by its own answers' polarity: 'Strongly agree' that I feel stressed is unfavourable, drawn to
        # the left in the colour of unfavourable answers, whatever the statement above it says.
        row_options = [o for o in row.table.question.options if not o.excluded_from_base]
        row_colours = _option_colours(row_options)
        percents = {r.option.code: (r.percent or 0.0) for r in row.table.rows if r.in_base}
        neutral = sum(percents[o.code] for o in row_options if o.polarity is Polarity.NEUTRAL)
        left = -neutral / 2 - sum(percents[o.code] for o in row_options if o.polarity is Polarity.UNFAVOURABLE)
        for option in _diverging_order(row_options):
            width = percents[option.code]
            if width <= 0:
                continue
            colour = row_colours[option.code]
            bars.append(
                Rectangle((left, position - 0.31), width, 0.62, facecolor=colour, edgecolor="white", linewidth=0.8)
            )
            if width >= 6:
                axes.text(
                    left + width / 2,
                    position,
                    percent_text(width),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=style.text_colour_on(colour),
                )
            left += width
    add_bars(axes, bars)
    axes.axvline(0, color=style.TEXT, linewidth=1)
    axes.set_yticks(positions, labels, fontsize=9)
    axes.set_ylim(-0.6, len(rows) - 0.4)  # room for a 'Not shown' line where no bar sets the height, off the axis
    axes.set_xlim(-100, 100)
    axes.set_xticks([-100, -50, 0, 50, 100], ["100%", "50%", "0", "50%", "100%"], fontsize=8)
    axes.set_xlabel("◀ unfavourable        favourable ▶", fontsize=8.5, color=style.MUTED)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=colours[o.code], edgecolor="#999999", label=wrap(o.label, 40, 2)) for o in options]
    axes.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=min(len(handles), 3),
        fontsize=8,
        frameon=False,
    )
    return finish(figure, title, base, [*polarity_notes, *notes])


AGREEING_IS_UNFAVOURABLE = "agreeing is unfavourable"
MARK = "*"


def _polarity_words(rows: Sequence[DivergingRow]) -> tuple[list[str], list[str]]:
    """Each row's label, and the chart's note, saying once where agreeing is unfavourable: in the note when every
    statement is negatively worded (a question by team, or over the years), beside the one statement when it is the
    only one, and otherwise by a mark on each that the note explains."""
    reversed_rows = [r for r in rows if _reversed(r)]
    others = [r for r in rows if r.table is not None and not _reversed(r)]
    if reversed_rows and not others:
        one = len({r.table.question.id for r in reversed_rows if r.table is not None}) == 1
        which, whose = ("this statement", "its") if one else ("these statements", "their")
        note = f"{AGREEING_IS_UNFAVOURABLE.capitalize()} for {which}: {whose} agreeing answers are drawn on the left."
        return [wrap(r.label, 28) for r in rows], [note]
    if len(reversed_rows) == 1:
        return [wrap(r.label + (f" ({AGREEING_IS_UNFAVOURABLE})" if _reversed(r) else ""), 28) for r in rows], []
    if not reversed_rows:
        return [wrap(r.label, 28) for r in rows], []
    note = (
        f"{MARK} {AGREEING_IS_UNFAVOURABLE.capitalize()} for the statements marked {MARK}: their agreeing answers are "
        "drawn on the left."
    )
    return [wrap(r.label + (f" {MARK}" if _reversed(r) else ""), 28) for r in rows], [note]


def add_bars(axes, bars: Sequence[Rectangle]) -> None:
    """Bars drawn as `barh` draws them, with the axes fitted to them all at once: `barh` fits the axes again for
    every bar, which took most of the time of building a chart of many groups."""
    for bar in bars:
        axes.add_artist(bar)
    corners = [(x, y) for bar in bars for x, y in bar.get_bbox().get_points()]
    if corners:
        axes.update_datalim(corners)
        axes.autoscale_view()


def _reversed(row: DivergingRow) -> bool:
    """A negatively worded statement: its first answer ('Strongly agree') is unfavourable."""
    if row.table is None:
        return False
    first = next((o for o in row.table.question.options if not o.excluded_from_base), None)
    return first is not None and first.polarity is Polarity.UNFAVOURABLE


def _diverging_order(options) -> list:
    """Left to right: the most unfavourable answer outermost, then towards zero, then outward to the most favourable.
    Answers of equal score keep the questionnaire's order of strength: the one listed first is the stronger
    ('Weekly' before 'Fortnightly', both favourable), so it is drawn further from zero."""
    strength = _strength(options)
    unfavourable = sorted((o for o in options if o.polarity is Polarity.UNFAVOURABLE), key=strength)
    neutral = [o for o in options if o.polarity is Polarity.NEUTRAL]
    favourable = sorted((o for o in options if o.polarity is Polarity.FAVOURABLE), key=strength)
    return unfavourable + neutral + favourable


def _strength(options) -> Callable[[Any], tuple[float, int]]:
    """How far along the scale an answer is: by its score, and between answers of the same score by the question's
    own order (earlier listed, further along)."""
    listed = {o.code: index for index, o in enumerate(options)}
    return lambda option: (option.score if option.score is not None else 50.0, -listed[option.code])


def _option_colours(options) -> dict[str, str]:
    strength = _strength(options)
    favourable = sorted((o for o in options if o.polarity is Polarity.FAVOURABLE), key=strength, reverse=True)
    unfavourable = sorted((o for o in options if o.polarity is Polarity.UNFAVOURABLE), key=strength)
    colours = {o.code: style.NEUTRAL for o in options}
    colours.update(
        zip(
            (o.code for o in favourable),
            style.diverging_colours(len(favourable), style.FAVOURABLE_STRONG, style.FAVOURABLE),
        )
    )
    colours.update(
        zip(
            (o.code for o in unfavourable),
            style.diverging_colours(len(unfavourable), style.UNFAVOURABLE_STRONG, style.UNFAVOURABLE),
        )
    )
    return colours


# ----------------------------------------------------------------------------------------- choices


def option_bars(title: str, table: FrequencyTable, notes: Sequence[str] = ()) -> Figure:
    """One bar per answer, its per cent written beside it (with the count and the 95% interval on a small base)."""
    rows = [r for r in table.rows if r.in_base]
    figure = new_figure(8, max(2.6, 1.3 + 0.38 * len(rows)))
    axes = figure.add_subplot()
    if not table.base:
        return _empty(figure, axes, title, table.base_description, notes)
    small = table.base < style.SMALL_BASE
    colours = (
        _option_colours([r.option for r in rows])
        if any(r.option.polarity is not Polarity.NEUTRAL for r in rows)
        else {r.option.code: style.PLAIN_BAR for r in rows}
    )
    positions = list(range(len(rows)))[::-1]
    for position, row in zip(positions, rows):
        if row.hidden:  # a breakdown question's group too small to show: no bar, no figure
            axes.text(
                0.5, position, "Not shown: too few people", va="center", fontsize=8.5, color=style.MUTED, style="italic"
            )
            continue
        colour = colours[row.option.code]
        axes.barh(position, row.percent or 0, color=colour, edgecolor="#777777", linewidth=0.5, height=0.65)
        label = percent_text(row.percent) + (f" ({row.count})" if small else "")
        end: float = row.percent or 0
        if small and row.interval:
            axes.errorbar(
                end,
                position,
                xerr=whisker_lengths(end, row.interval),
                fmt="none",
                ecolor=style.TEXT,
                elinewidth=0.8,
                capsize=3,
            )
            end = max(end, row.interval[1])
        axes.text(end + 1.2, position, label, va="center", fontsize=8.5, color=style.TEXT)
    axes.set_yticks(positions, [wrap(r.option.label, 34) for r in rows], fontsize=9)
    if any(r.hidden for r in rows):
        axes.set_ylim(-0.6, len(rows) - 0.4)  # room for a 'Not shown' line where no bar sets the height
    top = max((r.percent or 0) for r in rows)
    axes.set_xlim(0, min(115, max(20, top * 1.25 + 10)))
    axes.set_xlabel("% of respondents", fontsize=8.5, color=style.MUTED)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    extra = ["Whiskers show the 95% range; counts in brackets (small base)."] if small else []
    return finish(figure, title, table.base_description, [*notes, *extra])


# ----------------------------------------------------------------------------------------- numbers


def number_histogram(
    title: str, result: QuestionResult, benchmark_lines: Sequence[tuple[str, float]] = (), notes: Sequence[str] = ()
) -> Figure:
    """How many gave each number, with the council's bands shaded behind and each band's per cent above it."""
    figure = new_figure(8, 4.2)
    axes = figure.add_subplot()
    summary = result.numbers
    if summary is None or not summary.n:
        return _empty(figure, axes, title, result.base_description, notes)
    values = list(result.values)
    low, high = min(values), max(values)
    width = 1.0 if high - low <= 60 else (high - low) / 40
    edges = [low - 0.5 + width * i for i in range(int((high - low) / width) + 2)]
    for index, band in enumerate(summary.bands):
        start = band.band.low if band.band.low is not None else edges[0]
        stop = band.band.high if band.band.high is not None else edges[-1]
        if index % 2 == 0:
            axes.axvspan(start - 0.5, stop - 0.5, color="#efefef", zorder=0)
    # Given as an array: matplotlib checks a list of numbers one number at a time (a tenth of a second at 20,000).
    axes.hist(
        numpy.asarray(values, dtype=float),
        bins=edges,
        color=style.PLAIN_BAR,
        edgecolor="white",
        linewidth=0.4,
        zorder=2,
    )
    top = axes.get_ylim()[1]
    labels = [f"{band.band.label}\n{percent_text(band.proportion.percent)} ({band.count})" for band in summary.bands]
    centres = [_band_centre(band.band, edges) for band in summary.bands]
    rows = _label_rows(labels, centres, edges[-1] - edges[0], figure.get_figwidth() * axes.get_position().width)
    # Above the tallest bar, for the bands' labels: a second row of them where neighbours would overlap.
    headroom = 1.3 if max(rows, default=0) == 0 else 1.55
    axes.set_ylim(0, top * headroom)
    for label, centre, row in zip(labels, centres, rows):
        axes.text(
            centre,
            top * (1.22 + 0.25 * row),
            label,
            ha="center",
            va="top",
            fontsize=7.5,
            color=style.TEXT,
            bbox=style.LABEL_BOX,
            zorder=4,
        )
    # The lines stop at the tallest bar, below the bands' labels, so that no label is struck through.
    below_labels = 1 / headroom
    axes.axvline(
        summary.mean,
        ymax=below_labels,
        color=style.COUNCIL,
        linewidth=2,
        zorder=3,
        label=f"Average here: {number_text(summary.mean)}",
    )
    for label, value in benchmark_lines:
        axes.axvline(
            value,
            ymax=below_labels,
            color=style.BENCHMARK,
            linewidth=1.6,
            linestyle="--",
            zorder=3,
            label=f"{label}: {value:g}",
        )
    axes.legend(fontsize=8, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    axes.set_xlabel(wrap(result.question.unit or "value", 80, 1), fontsize=8.5, color=style.MUTED)
    axes.set_ylabel("respondents", fontsize=8.5, color=style.MUTED)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # people are counted in whole numbers
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    stats = f"{summary.spread_text(separator=', ')}. Shaded: the bands the council reports."
    return finish(figure, title, result.base_description, [stats, *notes])


def _band_centre(band, edges: list[float]) -> float:
    """Where a band's label goes: the middle of the part of the band the histogram shows."""
    start = band.low if band.low is not None else edges[0] + 0.5
    stop = band.high if band.high is not None else edges[-1] + 0.5
    return (max(start, edges[0] + 0.5) + min(stop, edges[-1] + 0.5)) / 2 - 0.5


def _label_rows(labels: list[str], centres: list[float], span: float, axes_inches: float) -> list[int]:
    """Row 0 for each label, or row 1 where it would overlap its left-hand neighbour in row 0 (narrow bands side by
    side). A label's width is estimated from its longest line at the labels' 7.5-point size."""
    inches_per_unit = axes_inches / span if span else 1.0
    half_widths = [max(len(line) for line in label.splitlines()) * 0.06 / 2 / inches_per_unit for label in labels]
    rows, right_edge = [], float("-inf")
    for centre, half in zip(centres, half_widths):
        if centre - half < right_edge:
            rows.append(1)
        else:
            rows.append(0)
            right_edge = centre + half
    return rows


# ----------------------------------------------------------------------------------------- trends


def trend_chart(trend: Trend, benchmarks: Sequence[Benchmark] = (), notes: Sequence[str] = ()) -> Figure:
    """The measure in each cycle, with its 95% interval as whiskers; national figures as open diamonds."""
    figure = new_figure(8, 3.8)
    axes = figure.add_subplot()
    names = [p.cycle_name for p in trend.points]
    xs = list(range(len(names)))
    shown = [(x, p) for x, p in zip(xs, trend.points) if p.value is not None and p.value.value is not None]
    for x, point in shown:
        value = point.value
        if value.interval:
            axes.errorbar(
                x,
                value.value,
                yerr=whisker_lengths(value.value, value.interval),
                fmt="none",
                ecolor=style.COUNCIL,
                elinewidth=1.2,
                capsize=4,
                zorder=2,
            )
        label = figure_text(value.value, trend.measure.is_percent)
        axes.annotate(
            f"{label}\n(base {value.base})",
            (x, value.value),
            textcoords="offset points",
            xytext=(12, -4),
            fontsize=8,
            color=style.TEXT,
        )
    if shown:
        axes.plot(
            [x for x, _ in shown],
            [p.value.value for _, p in shown],
            color=style.COUNCIL,
            marker="o",
            markersize=7,
            linewidth=2,
            zorder=3,
            label="Here",
        )
    for x, point in zip(xs, trend.points):
        if point.hidden:
            axes.text(
                x,
                0.5,
                "not shown:\ntoo few",
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=style.MUTED,
                bbox=style.LABEL_BOX,
                zorder=4,
                transform=axes.get_xaxis_transform(),
            )
    for benchmark in benchmarks:
        if str(benchmark.year) in names:
            x = names.index(str(benchmark.year))
            axes.plot(
                x + 0.12,
                benchmark.value,
                marker="D",
                markerfacecolor="white",
                markeredgecolor=style.BENCHMARK,
                markersize=8,
                linestyle="none",
                zorder=4,
                label=f"National: {benchmark.label.split(':')[0]}",
            )
    axes.set_xticks(xs, [wrap(name, 14, 2) for name in names])
    axes.set_xlim(-0.5, len(names) - 0.5 + 0.4)
    if trend.measure.is_percent:
        axes.set_ylim(0, 100)
    else:
        bottom, top = axes.get_ylim()
        axes.set_ylim(0, top * 1.15)
    axes.set_ylabel(wrap(trend.label, 50, 2), fontsize=8.5, color=style.MUTED)
    axes.grid(axis="y", color="#e5e5e5")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles, labels = axes.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    if len(unique) > 1:
        axes.legend(unique.values(), unique.keys(), fontsize=8, frameon=False, loc="lower left")
    changed = trend.wording_changed
    wording = (
        [f"The wording changed in {', '.join(changed)}: those years compare different questions."] if changed else []
    )
    moves = [move.sentence for move in trend.standard_moves]
    base = "Base: all who answered, each year (shown beside each point). Whiskers: the 95% range."
    return finish(figure, f"{trend.title}: {trend.label}, by year", base, [*wording, *moves, *notes])


# ----------------------------------------------------------------------------------------- breakdowns


def breakdown_chart(title: str, breakdown: Breakdown, notes: Sequence[str] = ()) -> Figure:
    """A breakdown by group: diverging bars for scales, the average for numbers, bars of the main answer otherwise.
    Hidden groups stay on the chart, marked, so nobody wonders where they went."""
    first = next((g.result for g in breakdown.groups if g.result is not None), None)
    base = f"Base: all who answered, by {breakdown.dimension.title.lower()} (each group's number beside its name)"
    hidden_note = [breakdown.note] if breakdown.note else []
    groups = [g for g in breakdown.groups if g.size or g.hidden]
    if first is not None and first.table is not None and first.scale is not None:
        rows = [
            DivergingRow(f"{g.label} ({'hidden' if g.hidden else g.size})", None if g.hidden else g.result.table)
            for g in groups
        ]
        return diverging_bars(title, rows, base, [*notes, *hidden_note])
    figure = new_figure(8, max(2.6, 1.3 + 0.42 * len(groups)))
    axes = figure.add_subplot()
    if first is None:
        return _empty(figure, axes, title, base, [*notes, *hidden_note])
    positions = list(range(len(groups)))[::-1]
    hidden_bars = [g.hidden for g in groups]
    if first.numbers is not None:
        measure, unit = "average", first.question.unit
        values = [
            g.result.numbers.mean if g.result and g.result.numbers and g.result.numbers.n else None for g in groups
        ]
    else:
        option = max((r for r in first.table.rows if r.in_base), key=lambda r: r.count).option
        measure, unit = f"% '{option.label}'", "%"
        values = [g.result.table.row(option.code).percent if g.result and g.result.table.base else None for g in groups]
        # Within a group, a breakdown question's own answer may be a group too small to show.
        hidden_bars = [g.hidden or bool(g.result and g.result.table.row(option.code).hidden) for g in groups]
    for position, value, hidden in zip(positions, values, hidden_bars):
        if hidden or value is None:
            axes.barh(position, 0)
            axes.text(
                0.5,
                position,
                "Not shown: too few people" if hidden else "No answers",
                va="center",
                fontsize=8.5,
                color=style.MUTED,
                style="italic",
            )
            continue
        axes.barh(position, value, color=style.PLAIN_BAR, height=0.62)
        axes.text(
            value,
            position,
            f" {number_text(value)}" if unit != "%" else f" {percent_text(value)}",
            va="center",
            fontsize=8.5,
        )
    axes.set_yticks(
        positions, [wrap(f"{g.label} ({'hidden' if g.hidden else g.size})", 30) for g in groups], fontsize=9
    )
    axes.set_xlabel(
        wrap(f"{measure}{f' ({unit})' if unit and unit != '%' else ''}", 100, 1), fontsize=8.5, color=style.MUTED
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return finish(figure, title, base, [*notes, *hidden_note])


@dataclass(frozen=True)
class HeatCell:
    percent: float | None
    hidden: bool


def heat_map(
    title: str,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: Sequence[Sequence[HeatCell]],
    base: str,
    notes: Sequence[str] = (),
) -> Figure:
    """% favourable for each question (rows) in each group (columns); hidden cells hatched and marked."""
    from matplotlib import colormaps

    figure = new_figure(9.5, max(3.5, 1.8 + 0.34 * len(row_labels)))
    axes = figure.add_subplot()
    data = numpy.array([[numpy.nan if c.percent is None or c.hidden else c.percent for c in row] for row in cells])
    colour_map = colormaps[style.HEAT_MAP].copy()
    colour_map.set_bad(style.HIDDEN)
    image = axes.imshow(numpy.ma.masked_invalid(data), cmap=colour_map, vmin=0, vmax=100, aspect="auto")
    for i, row in enumerate(cells):
        for j, cell in enumerate(row):
            if cell.hidden:
                axes.add_patch(_hatched(j, i))
                axes.text(j, i, "hidden", ha="center", va="center", fontsize=7, color=style.MUTED)
            elif cell.percent is None:
                axes.text(j, i, "–", ha="center", va="center", fontsize=8, color=style.MUTED)
            else:
                colour = colour_map(cell.percent / 100)
                from matplotlib.colors import to_hex

                axes.text(
                    j,
                    i,
                    percent_text(cell.percent),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=style.text_colour_on(to_hex(colour)),
                )
    axes.set_xticks(range(len(column_labels)), [wrap(c, 14) for c in column_labels], fontsize=8)
    axes.xaxis.tick_top()
    axes.set_yticks(range(len(row_labels)), [wrap(r, 40) for r in row_labels], fontsize=8.5)
    axes.tick_params(length=0)
    bar = figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02)
    bar.set_label("% favourable", fontsize=8)
    return finish(figure, title, base, notes)


def _hatched(column: int, row: int):
    from matplotlib.patches import Rectangle

    return Rectangle(
        (column - 0.5, row - 0.5), 1, 1, facecolor=style.HIDDEN, edgecolor="#bbbbbb", hatch="///", linewidth=0
    )


# ----------------------------------------------------------------------------------------- themes


def theme_bars(title: str, table: ThemeTable) -> Figure:
    rows = list(table.rows)
    figure = new_figure(8, max(2.6, 1.3 + 0.36 * len(rows)))
    axes = figure.add_subplot()
    if not rows or not table.base:
        return _empty(figure, axes, title, table.base_description, ["No themes yet: add themes and tag comments."])
    positions = list(range(len(rows)))[::-1]
    small = table.base < style.SMALL_BASE
    for position, row in zip(positions, rows):
        percent = row.respondents.percent or 0
        axes.barh(position, percent, color=style.PLAIN_BAR, height=0.62)
        axes.text(
            percent + 1, position, f"{percent_text(percent)} ({row.respondents.count})", va="center", fontsize=8.5
        )
    axes.set_yticks(positions, [wrap(r.theme.name, 32) for r in rows], fontsize=9)
    axes.set_xlim(0, max(20, max((r.respondents.percent or 0) for r in rows) * 1.3))
    axes.set_xlabel("% of those who wrote a comment (number in brackets)", fontsize=8.5, color=style.MUTED)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    untagged = [f"{table.untagged} who commented have no theme yet."] if table.untagged else []
    return finish(
        figure, title, table.base_description, untagged + (["Small base: read per cents with care."] if small else [])
    )


def _empty(figure: Figure, axes, title: str, base: str, notes: Sequence[str]) -> Figure:
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        "No answers to show",
        ha="center",
        va="center",
        fontsize=11,
        color=style.MUTED,
        transform=axes.transAxes,
    )
    return finish(figure, title, base, notes)
