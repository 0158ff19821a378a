"""The minimum group size holds across everything the app shows and writes, taken together.

tests/test_suppression.py proves the one suppression rule against an attacker who solves the published totals
exactly. Here the same attacker (its `audit`) reads what the outputs themselves publish (the command line's tables by
group, as CSV and JSON, the breakdown charts, the explorer on screen with every filter and breakdown, the comments)
and combines all of it, as someone with every printout on their desk would. An output added later (the findings
report's PDF, the Excel exports) joins as one more row of GROUP_OUTPUTS.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from swhc_desktop.analysis.breakdowns import GroupFilter, breakdown, filtered_result
from swhc_desktop.analysis.comments import cycle_comments
from swhc_desktop.analysis.results import grouped_results
from swhc_desktop.analysis.suppression import UNSTATED, hidden_groups, protect_cross_table
from swhc_desktop.charts.question_charts import breakdown_figure, heat_map_figure
from swhc_desktop.cli import main as swhc
from swhc_desktop.paths import UserFolders
from swhc_desktop.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.storage import HealthCheckFile

from .import_support import new_file
from .test_suppression import audit

sizes = st.one_of(st.integers(0, 4), st.integers(0, 12), st.integers(0, 60))
minimums = st.integers(3, 10)


# ---------------------------------------------------------------------------------------------- both ways round


def cross_counts(cells: dict, rows: list, columns: list) -> tuple[dict, list]:
    """Every count of a two-way table (cells, row and column totals, the total) and the sums that tie them."""
    all_rows, all_columns = [*rows, UNSTATED], [*columns, UNSTATED]
    counts = {("cell", r, c): n for (r, c), n in cells.items()}
    counts.update({("row", r): sum(cells[(r, c)] for c in all_columns) for r in all_rows})
    counts.update({("column", c): sum(cells[(r, c)] for r in all_rows) for c in all_columns})
    counts["total"] = sum(cells.values())
    equations = [("total", [("row", r) for r in all_rows]), ("total", [("column", c) for c in all_columns])]
    equations += [(("row", r), [("cell", r, c) for c in all_columns]) for r in all_rows]
    equations += [(("column", c), [("cell", r, c) for r in all_rows]) for c in all_columns]
    return counts, equations


def random_cells(data, rows: list, columns: list) -> dict:
    cells = {(r, c): data.draw(sizes) for r in [*rows, UNSTATED] for c in [*columns, UNSTATED]}
    cells[(UNSTATED, UNSTATED)] = data.draw(st.integers(0, 3))
    return cells


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 5), st.integers(2, 5), st.data(), minimums)
def test_teams_within_a_role_and_roles_within_a_team_hide_the_same_people(row_count, column_count, data, minimum):
    """The explorer offers both 'Role: X, by team' and 'Team: Y, by role'. Each way round must hide the same cells:
    worked out separately, one view could show what the other hides, and together they gave small groups away."""
    rows = [f"role {i}" for i in range(row_count)]
    columns = [f"team {j}" for j in range(column_count)]
    cells = random_cells(data, rows, columns)
    one_way = protect_cross_table(cells, rows, columns, minimum)
    other_way = protect_cross_table({(c, r): n for (r, c), n in cells.items()}, columns, rows, minimum)
    assert {(c, r) for (r, c) in other_way.hidden_cells} == set(one_way.hidden_cells)
    assert (other_way.hidden_rows, other_way.hidden_columns) == (one_way.hidden_columns, one_way.hidden_rows)

    counts, equations = cross_counts(cells, rows, columns)
    published = {"total", ("row", UNSTATED), ("column", UNSTATED)}
    published |= {("row", r) for r in rows if r not in one_way.hidden_rows}
    published |= {("column", c) for c in columns if c not in one_way.hidden_columns}
    for (r, c) in cells:
        if r in one_way.hidden_rows or c in one_way.hidden_columns:
            continue
        if UNSTATED in (r, c) or not one_way.cell_hidden(r, c) or not other_way.cell_hidden(c, r):
            published.add(("cell", r, c))  # shown in either view (people with no group: known to the attacker)
    assert audit(counts, equations, published, minimum, "total") == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.integers(3, 6))
def test_filters_and_breakdowns_on_three_dimensions_together_never_reveal_a_small_group(data, minimum):
    """Team, role and years qualified: every one-way breakdown and every filter-with-breakdown of two of them, all
    published at once. The attacker's unknowns are the people in each team-role-years combination."""
    dimensions = {name: [f"{name} {i}" for i in range(data.draw(st.integers(2, 3)))] for name in ("team", "role", "years")}
    full = {name: [*groups, UNSTATED] for name, groups in dimensions.items()}
    names = list(dimensions)
    people = {key: data.draw(st.one_of(st.just(0), st.integers(0, 3), st.integers(0, 15)))
              for key in _product(full[names[0]], full[names[1]], full[names[2]])}
    counts: dict = {("3", key): n for key, n in people.items()}
    counts["total"] = sum(people.values())
    published = {"total"}
    equations: list = []
    for index, name in enumerate(names):
        margin = {g: sum(n for key, n in people.items() if key[index] == g) for g in full[name]}
        counts.update({("1", name, g): n for g, n in margin.items()})
        hidden = hidden_groups({g: margin[g] for g in dimensions[name]}, minimum, margin[UNSTATED])
        published |= {("1", name, g) for g in full[name] if g not in hidden}
        equations.append(("total", [("1", name, g) for g in full[name]]))
    for first, second in ((0, 1), (0, 2), (1, 2)):
        a, b = names[first], names[second]
        pair = {(x, y): sum(n for key, n in people.items() if key[first] == x and key[second] == y)
                for x in full[a] for y in full[b]}
        counts.update({("2", a, b, x, y): n for (x, y), n in pair.items()})
        for (x, y) in pair:
            equations.append((("2", a, b, x, y), [("3", key) for key in people if key[first] == x and key[second] == y]))
        equations += [(("1", a, x), [("2", a, b, x, y) for y in full[b]]) for x in full[a]]
        equations += [(("1", b, y), [("2", a, b, x, y) for x in full[a]]) for y in full[b]]
        protection = protect_cross_table(pair, dimensions[a], dimensions[b], minimum)
        for (x, y) in pair:
            if x in protection.hidden_rows or y in protection.hidden_columns:
                continue
            if UNSTATED in (x, y) or not protection.cell_hidden(x, y):
                published.add(("2", a, b, x, y))
    assert audit(counts, equations, published, minimum, "total") == []


def _product(*groups):
    if not groups:
        yield ()
        return
    for first in groups[0]:
        for rest in _product(*groups[1:]):
            yield (first, *rest)


# ---------------------------------------------------------------------------------------------- the outputs

QUESTIONS = ("valued", "leaving_reasons", "hours_worked")
DIMENSIONS = ("team", "role")
Shown = dict  # option code -> the group's base as the output shows it, or None where it shows no figure for it


@dataclass(frozen=True)
class GroupOutput:
    """One way the app publishes a question's results by group. `show` returns, for each group, the base shown or
    None when the output hides it; or None altogether when this output has no such view (a filter within it)."""

    name: str
    show: Callable[[Path, str, str, str, GroupFilter | None], Shown | None]


@functools.cache
def _tables(path: Path, by: str, fmt: str, stamp: float) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert swhc(["tables", str(path), "2024", "--by", by, "--format", fmt]) == 0
    return out.getvalue()


def _labels(path: Path, code: str) -> dict[str, str]:
    with HealthCheckFile.open(path, read_only=True) as hc:
        return {o.label: o.code for o in hc.questionnaires.load(hc.cycles.by_name("2024").id).question(code).options}


def tables_csv(path: Path, cycle: str, code: str, by: str, within: GroupFilter | None) -> Shown | None:
    if within is not None:
        return None
    labels = _labels(path, by)
    shown: Shown = {}
    for row in csv.DictReader(io.StringIO(_tables(path, by, "csv", path.stat().st_mtime))):
        if row["question_code"] != code:
            continue
        if row["suppressed"] == "yes":
            assert row["count"] == row["base"] == row["percent"] == "", "a hidden group's row shows no figure"
            shown[labels[row["group"]]] = None
        else:
            shown[labels[row["group"]]] = int(row["base"] or 0)
    return shown


def tables_json(path: Path, cycle: str, code: str, by: str, within: GroupFilter | None) -> Shown | None:
    if within is not None:
        return None
    labels = _labels(path, by)
    table = next(t for t in json.loads(_tables(path, by, "json", path.stat().st_mtime)) if t["question_code"] == code)
    return {labels[g["group"]]: None if g["suppressed"] else (g["result"] or {}).get("base", 0) for g in table["groups"]}


def figure_texts(figure) -> str:
    return " ".join(t.get_text().replace("\n", " ") for t in figure.findobj(Text))


def groups_in_chart(figure, labels: dict[str, str]) -> Shown:
    """Each group as a breakdown chart labels it, 'Assessment (23)'; a group labelled '(hidden)', or not on the chart
    at all (an empty group, or every group when none can be shown), shows no figure."""
    text = figure_texts(figure)
    shown: Shown = {}
    for label, code in labels.items():
        found = re.search(re.escape(label) + r" \((\d+|hidden)\)", text)
        shown[code] = None if found is None or found[1] == "hidden" else int(found[1])
    return shown


def chart(path: Path, cycle: str, code: str, by: str, within: GroupFilter | None) -> Shown | None:
    """The breakdown chart that `swhc chart --by`, the explorer and the saved pictures all draw."""
    with HealthCheckFile.open(path, read_only=True) as hc:
        figure = breakdown_figure(hc, hc.cycles.by_name(cycle), code, by, within)
    return groups_in_chart(figure, _labels(path, by))


GROUP_OUTPUTS: tuple[GroupOutput, ...] = (
    GroupOutput("swhc tables --by (CSV)", tables_csv),
    GroupOutput("swhc tables --by (JSON)", tables_json),
    GroupOutput("breakdown chart (screen, swhc chart, pictures)", chart),
)


def generated_survey(blank: Path, folder: Path, seed: int) -> Path:
    """A cycle of made-up staff in teams and roles of every size, small ones above all, some giving no team or role,
    answering (or skipping) a scale, a follow-up tick-all-that-apply, a number and a comment."""
    rng = random.Random(seed)
    path = folder / f"generated-{seed}.swhc"
    shutil.copyfile(blank, path)
    with HealthCheckFile.open(path) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        questionnaire = hc.questionnaires.load(cycle_id)
        weights = {code: [rng.choice([0, 0.3, 1, 1, 2, 6]) for _ in questionnaire.question(code).options] + [0.4]
                   for code in DIMENSIONS}
        responses = []
        for number in range(rng.randint(40, 90)):
            answers = []
            for code in DIMENSIONS:
                question = questionnaire.question(code)
                chosen = rng.choices([*question.options, None], weights[code])[0]
                if chosen is not None:
                    answers.append(AnswerValue(question.id, chosen.id))
            for code in ("valued", "intend_to_stay"):
                question = questionnaire.question(code)
                if rng.random() < 0.85:
                    answers.append(AnswerValue(question.id, rng.choice(question.options).id))
            reasons = questionnaire.question("leaving_reasons")
            for option in rng.sample(reasons.options, rng.randint(0, 3)):
                answers.append(AnswerValue(reasons.id, option.id))
            if rng.random() < 0.8:
                answers.append(AnswerValue(questionnaire.question("hours_worked").id, number=rng.uniform(30, 60)))
            if rng.random() < 0.4:
                answers.append(AnswerValue(questionnaire.question("change_one_thing").id, text=f"Comment {number}"))
            responses.append(NewResponse(tuple(answers), external_id=f"G{number}"))
        hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "generated.csv"), responses)
    return path


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("confidentiality")
    return new_file(folder, UserFolders.under(folder / "home"), invited=None)


@pytest.fixture(scope="module")
def surveys(blank, tmp_path_factory) -> Callable[[int], Path]:
    """The generated survey of each seed, made once for all the questions asked of it."""
    folder = tmp_path_factory.mktemp("generated")
    return functools.cache(lambda seed: generated_survey(blank, folder, seed))


def true_cells(path: Path, code: str) -> tuple[dict, list, list, int]:
    with HealthCheckFile.open(path, read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        return cells_by_role_and_team(hc, cycle, hc.questionnaires.load(cycle.id), code)


def cells_by_role_and_team(hc, cycle, questionnaire, code: str) -> tuple[dict, list, list, int]:
    """The people who answered the question in each role and team, counted directly (nothing hidden), with the
    role and team codes and the minimum group size."""
    role, team = questionnaire.question("role"), questionnaire.question("team")
    results = grouped_results(hc, cycle.id, (role.id, team.id), [code], questionnaire=questionnaire)[code]
    by_id = {o.id: o.code for o in (*role.options, *team.options)}
    rows, columns = [o.code for o in role.options], [o.code for o in team.options]
    cells = {(r, c): 0 for r in [*rows, UNSTATED] for c in [*columns, UNSTATED]}
    for (role_id, team_id), result in results.items():
        key = (UNSTATED if role_id is None else by_id[role_id], UNSTATED if team_id is None else by_id[team_id])
        cells[key] += result.base
    return cells, rows, columns, hc.organisation.get().minimum_group_size


def published_by(outputs, path: Path, code: str, counts: dict) -> set:
    """Everything the outputs publish about the question's groups, each figure checked against the truth; and the
    same group hidden by every output that shows the same view."""
    published: set = set()
    views = [("team", None), ("role", None)]
    views += [("team", GroupFilter("role", r)) for r in {k[1] for k in counts if k[0] == "row" and k[1] != UNSTATED}]
    views += [("role", GroupFilter("team", t)) for t in {k[1] for k in counts if k[0] == "column" and k[1] != UNSTATED}]
    for by, within in views:
        shown_by: dict[str, set] = {}
        for output in outputs:
            shown = output.show(path, "2024", code, by, within)
            if shown is None:
                continue
            shown_by[output.name] = {group for group, base in shown.items() if base}
            for group, base in shown.items():
                if base is None:
                    continue
                if within is None:
                    key = ("column", group) if by == "team" else ("row", group)
                else:
                    key = ("cell", within.option_code, group) if by == "team" else ("cell", group, within.option_code)
                assert base == counts[key], f"{output.name} shows {key} as {base}"
                published.add(key)
        assert len({frozenset(h) for h in shown_by.values()}) <= 1, f"outputs show different groups: {shown_by}"
    return published


def assert_no_small_group_can_be_worked_out(cells, rows, columns, minimum, published):
    counts, equations = cross_counts(cells, rows, columns)
    published = set(published) | {"total", ("row", UNSTATED), ("column", UNSTATED), ("cell", UNSTATED, UNSTATED)}
    # People who gave no team (or no role) are taken as known wherever their role (or team) is shown.
    published |= {("cell", r, UNSTATED) for r in rows if ("row", r) in published}
    published |= {("cell", UNSTATED, c) for c in columns if ("column", c) in published}
    assert audit(counts, equations, published, minimum, "total") == []


SEEDS = (1, 2, 3)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("code", QUESTIONS)
def test_every_output_together_reveals_no_small_group(surveys, seed, code):
    path = surveys(seed)
    cells, rows, columns, minimum = true_cells(path, code)
    counts, _ = cross_counts(cells, rows, columns)
    published = published_by(GROUP_OUTPUTS, path, code, counts)
    assert_no_small_group_can_be_worked_out(cells, rows, columns, minimum, published)
    with HealthCheckFile.open(path, read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        for group in breakdown(hc, cycle.id, code, "team").groups:  # a group alone is shown as its breakdown shows it
            alone = filtered_result(hc, cycle.id, code, GroupFilter("team", group.option.code))
            assert alone.hidden == group.hidden
            assert alone.result is None or alone.result.base == counts[("column", group.option.code)]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_heat_map_and_the_comments_hide_what_the_breakdowns_hide(surveys, seed):
    path = surveys(seed)
    with HealthCheckFile.open(path, read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        questionnaire = hc.questionnaires.load(cycle.id)
        team = questionnaire.question("team")
        split = breakdown(hc, cycle.id, "valued", "team")
        text = figure_texts(heat_map_figure(hc, cycle, "team"))
        assert split.hidden_count == 0 or "hidden" in text
        organisation = hc.organisation.get()
        sizes = hc.answers.group_sizes(cycle.id, [team.id])
        hidden = hidden_groups({o.id: sizes.get((o.id,), 0) for o in team.options},
                               organisation.minimum_comment_group_size, sizes.get((None,), 0))
        labelled = {c.group for c in cycle_comments(hc, cycle.id) if c.group}
    allowed = {o.label for o in team.options if o.id not in hidden}
    assert labelled <= allowed
    assert all(sizes.get((o.id,), 0) >= organisation.minimum_comment_group_size for o in team.options if o.label in labelled)


# ---------------------------------------------------------------------------------------------- the screen


def test_the_explorer_on_screen_with_every_filter_and_breakdown_reveals_no_small_group(demo_path, qtbot):
    """The demo's small 'Other team', through the explorer exactly as the PSW sees it: each filter and breakdown
    shown on the widget and read back off it (the breakdown chart's labels and the table's base)."""
    from swhc_desktop.gui.explorer import QuestionExplorer
    from swhc_desktop.gui.findings import explorer_work

    explorer = QuestionExplorer()
    qtbot.addWidget(explorer)
    code = "valued"
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        cycle = hc.cycles.by_name("2019")
        questionnaire = hc.questionnaires.load(cycle.id)
        explorer.set_questionnaire(questionnaire)
        labels = {name: {o.label: o.code for o in questionnaire.question(name).options} for name in DIMENSIONS}

        def on_screen(path, cycle_name, question_code, by, within) -> Shown:
            explorer.show_result(explorer_work(hc, cycle, question_code, within, by))
            shown = groups_in_chart(explorer.breakdown_view.figure, labels[by])
            if within is not None:  # the group alone, in the table above: shown with its base, or not at all
                base = re.search(r"\((\d+)\)", explorer.tableBaseLabel.text())
                assert (base is None) == (explorer.resultTable.rowCount() == 0)
            return shown

        cells, rows, columns, minimum = cells_by_role_and_team(hc, cycle, questionnaire, code)
        counts, _ = cross_counts(cells, rows, columns)
        published = published_by([GroupOutput("explorer on screen", on_screen)], demo_path, code, counts)
    assert ("column", "other_team") not in published
    assert_no_small_group_can_be_worked_out(cells, rows, columns, minimum, published)


def test_the_comments_on_screen_never_name_a_team_too_small_for_comments(demo_path, qtbot):
    from PySide6.QtGui import QUndoStack

    from swhc_desktop.gui.comments import CommentsView

    view = CommentsView(QUndoStack())
    qtbot.addWidget(view)
    with HealthCheckFile.open(demo_path, read_only=True) as hc:
        cycle = hc.cycles.by_name("2019")
        team = hc.questionnaires.load(cycle.id).question("team")
        sizes = hc.answers.group_sizes(cycle.id, [team.id])
        minimum = hc.organisation.get().minimum_comment_group_size
        hidden = hidden_groups({o.id: sizes.get((o.id,), 0) for o in team.options}, minimum, sizes.get((None,), 0))
        view.show_comments(hc, cycle_comments(hc, cycle.id), hc.themes.list(), "")
        shown = {view.commentTable.item(r, 1).text() for r in range(view.commentTable.rowCount())}
        assert view.commentTable.rowCount() > 20
        assert shown - {"—"} <= {o.label for o in team.options if o.id not in hidden}
        for option in team.options:
            if option.id in hidden:
                view.searchEdit.setText(option.label)  # searching by a hidden team's name finds none of its comments
                found = {view.commentTable.item(r, 1).text() for r in range(view.commentTable.rowCount())}
                assert option.label not in found
        assert any(o.id in hidden for o in team.options if sizes.get((o.id,), 0))
