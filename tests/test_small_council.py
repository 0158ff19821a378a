"""A small council gets every output: with 20 responses, answers nobody chose (0%), answers everybody chose (100%), a
question with one answer and one with none, every interval holds its own per cent and every chart, report and chart
export is made."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from swhc_desktop.analysis.frequencies import FrequencyTable, OptionCount
from swhc_desktop.analysis.intervals import Proportion, compare_proportions, wilson_interval
from swhc_desktop.analysis.results import question_results
from swhc_desktop.domain.questionnaire import Option, Polarity, Question, QuestionType
from swhc_desktop.figures.workforce import save_workforce_figures, workforce_trends
from swhc_desktop.outputs.charts import builders
from swhc_desktop.outputs.charts.question_charts import (
    breakdown_figure,
    dashboard_charts,
    heat_map_figure,
    question_chart,
    result_chart,
    trend_figure,
)
from swhc_desktop.outputs.charts.workforce import workforce_chart
from swhc_desktop.outputs.reports.kinds import make_report
from swhc_desktop.storage import HealthCheckFile

from .support.import_support import run_cli
from .support.pdf_text import normalised, page_texts
from .support.small_council import (
    ANSWERED_BY_NONE,
    ANSWERED_BY_ONE,
    NUMBER_ANSWERED_BY_ONE,
    RESPONSES,
    build_small_council,
)


@pytest.fixture(scope="module")
def small_master(tmp_path_factory) -> Path:
    return build_small_council(tmp_path_factory.mktemp("small-council"))


@pytest.fixture
def small_path(small_master, tmp_path) -> Path:
    copy = tmp_path / "Smallshire.swhc"
    shutil.copyfile(small_master, copy)
    return copy


@pytest.fixture
def small(small_path, folders):
    with HealthCheckFile.open(small_path, folders=folders) as hc:
        yield hc


def drawn(figure) -> bytes:
    """The figure drawn to a PNG, as saving or showing it would (some mistakes only show when it is drawn)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------ the intervals


@pytest.mark.parametrize("base", [1, 2, 5, 10, 13, 15, 17, 19, 20, 33, 34, 35, 38, 40, 43, 45, 47, 167, 1000])
def test_an_interval_is_exactly_0_at_0_percent_and_exactly_100_at_100_percent(base):
    assert wilson_interval(0, base)[0] == 0.0
    assert wilson_interval(base, base)[1] == 100.0


def test_every_interval_holds_its_own_per_cent_and_stays_within_0_to_100():
    for base in range(1, 301):
        for count in range(base + 1):
            proportion = Proportion(count, base)
            low, high = proportion.interval
            assert 0.0 <= low <= proportion.percent <= high <= 100.0, (count, base)


def test_a_base_of_1_and_a_base_of_0():
    assert wilson_interval(1, 1) == (pytest.approx(20.65, abs=0.01), 100.0)
    assert wilson_interval(0, 1) == (0.0, pytest.approx(79.35, abs=0.01))
    assert wilson_interval(0, 0) is None and Proportion(0, 0).interval is None and Proportion(0, 0).percent is None
    assert compare_proportions(Proportion(0, 0), Proportion(1, 1)) is None


def test_a_change_from_0_to_100_percent_on_small_bases_is_worked_out():
    change = compare_proportions(Proportion(20, 20), Proportion(0, 20))
    assert change.difference == 100.0 and change.low <= change.difference <= change.high <= 100.0
    assert change.more_than_chance


def test_the_small_councils_tables_have_0_and_100_percent_and_bases_of_1_and_0(small):
    cycle = small.cycles.by_name("2024")
    assert cycle.response_count == RESPONSES
    results = question_results(small, cycle.id)
    percents = [row.percent for r in results.values() if r.table is not None for row in r.table.rows if row.in_base]
    assert 0.0 in percents and 100.0 in percents
    assert results[ANSWERED_BY_ONE].base == 1 and results[ANSWERED_BY_NONE].base == 0
    assert results[NUMBER_ANSWERED_BY_ONE].numbers.n == 1
    for result in results.values():
        for row in result.table.rows if result.table is not None else ():
            if row.in_base and row.interval is not None:
                assert 0.0 <= row.interval[0] <= row.percent <= row.interval[1] <= 100.0


# ------------------------------------------------------------------------------------------------ every chart kind


def _table(counts: list[int], polarities: list[Polarity] | None = None) -> FrequencyTable:
    polarities = polarities or [Polarity.NEUTRAL] * len(counts)
    options = tuple(Option(f"o{i}", f"Answer {i}", score=float(i), polarity=p) for i, p in enumerate(polarities))
    question = Question("q", "A question", QuestionType.SCALE, options=options)
    base = sum(counts)
    rows = tuple(
        OptionCount(o, c, 100.0 * c / base if base else None, base) for o, c in zip(options, counts, strict=True)
    )
    return FrequencyTable(question, "1", rows, base, f"Base: all who answered ({base})")


SMALL_TABLES = {
    "0% and 100%": [20, 0, 0],
    "a base of 1": [1, 0, 0],
    "a base of 0": [0, 0, 0],
    "mixed": [7, 13, 0],
}


@pytest.mark.parametrize("counts", SMALL_TABLES.values(), ids=SMALL_TABLES.keys())
def test_the_bar_and_agreement_charts_are_drawn_at_0_and_100_percent_and_bases_of_1_and_0(counts):
    drawn(builders.option_bars("Answers", _table(counts)))
    scale = _table(counts, [Polarity.UNFAVOURABLE, Polarity.NEUTRAL, Polarity.FAVOURABLE])
    drawn(builders.diverging_bars("Agreement", [builders.DivergingRow("2024", scale)], "Base"))


def test_a_whisker_never_reaches_the_wrong_way():
    assert builders.whisker_lengths(0.0, (1.4e-15, 16.1)) == [[0.0], [16.1]]
    assert builders.whisker_lengths(100.0, (83.9, 99.99999999999999)) == [[pytest.approx(16.1)], [0.0]]


def test_every_question_of_the_small_council_has_its_chart_trend_and_breakdowns(small):
    """Each question's chart (as `swhc chart` and the report draw it), its trend over the two years and its breakdown
    by team and by role, the heat map, the dashboard and the workforce figures."""
    for cycle in small.cycles.all():
        questionnaire = small.questionnaires.load(cycle.id)
        results = question_results(small, cycle.id, questionnaire=questionnaire)
        for question in questionnaire.questions():
            if question.qtype is QuestionType.TEXT:
                continue
            drawn(question_chart(small, cycle, question.code))
            drawn(result_chart(results[question.code], cycle.name, []))
            trend = trend_figure(small, question.code)
            if trend is not None:
                drawn(trend)
            for dimension in ("team", "role"):
                if question.code != dimension:
                    drawn(breakdown_figure(small, cycle, question.code, dimension))
        drawn(heat_map_figure(small, cycle, "team"))
        for chart in dashboard_charts(small, cycle):
            drawn(chart.figure)
    cycle = small.cycles.by_name("2024")
    save_workforce_figures(small, cycle.id, {"establishment_fte": 0.0, "vacancies_fte": 0.0, "turnover_percent": 100.0})
    drawn(workforce_chart(workforce_trends(small, cycle), cycle.name))


# ------------------------------------------------------------------------------------------------ the outputs


@pytest.mark.parametrize("cycle_name", ["2023", "2024"])
def test_the_small_council_gets_its_whole_findings_report(small, tmp_path, cycle_name):
    cycle = small.cycles.by_name(cycle_name)
    out = make_report(small, cycle, "findings", tmp_path / "report.pdf")
    text = normalised(" ".join(page_texts(out)))
    assert "Social Work Health Check" in text and "Base: all who answered (1)" in text
    assert "0%" in text and "100%" in text


def test_swhc_chart_draws_every_question_of_the_small_council(small_path, tmp_path, capsys):
    with HealthCheckFile.open(small_path, read_only=True) as hc:
        codes = [
            q.code
            for q in hc.questionnaires.load(hc.cycles.by_name("2024").id).questions()
            if q.qtype is not QuestionType.TEXT
        ]
    for code in codes:
        out = tmp_path / f"{code}.png"
        result = run_cli(capsys, "chart", small_path, "2024", code, "--out", out)
        assert result[0] == 0, (code, result)
        assert out.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("format_name", ["png", "svg"])
def test_swhc_export_charts_of_the_small_council(small_path, tmp_path, capsys, format_name):
    out = tmp_path / f"charts-{format_name}"
    code, printed, errors = run_cli(
        capsys, "export", small_path, "2024", "--what", "charts", "--format", format_name, "--out", out
    )
    assert code == 0, errors
    saved = sorted(out.iterdir())
    assert len(saved) > 30 and all(p.suffix == f".{format_name}" and p.stat().st_size for p in saved)
