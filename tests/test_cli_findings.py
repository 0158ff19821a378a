"""`swhc tables --by`, `swhc chart` and `swhc indicators` on the demo."""

from __future__ import annotations

import csv
import io
import json

from swhc_desktop.cli import main


def test_tables_by_team_suppress_small_groups_with_empty_counts(demo_path, capsys):
    assert main(["tables", str(demo_path), "2019", "--by", "team"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["group", "question_code", "question", "option", "count", "base", "percent", "suppressed"]
    other = [r for r in rows if r["group"] == "Other team" and r["question_code"] == "valued"]
    assert other and all(r["suppressed"] == "yes" and r["count"] == "" and r["percent"] == "" for r in other)
    # Hiding is decided on the group, for every question alike: each group shown has at least 5 people in it (its
    # own team table's base), however few answered a follow-up.
    sizes = {r["group"]: int(r["base"] or 0) for r in rows if r["question_code"] == "team" and r["suppressed"] == "no"}
    shown = {r["group"] for r in rows if r["suppressed"] == "no"}
    assert shown == set(sizes) and all(size == 0 or size >= 5 for size in sizes.values())
    for code in ("valued", "observation_positive", "leaving_reasons", "hours_worked"):
        assert {r["group"] for r in rows if r["question_code"] == code and r["suppressed"] == "yes"} == {
            "Other team",
            "Disabled children",
        }, code


def test_tables_give_numbers_n_mean_median_and_bands(demo_path, capsys):
    assert main(["tables", str(demo_path), "2019"]) == 0
    rows = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["question_code"] == "hours_worked"]
    assert [r["option"] for r in rows][:3] == ["n", "mean", "median"]
    assert [r["option"] for r in rows][-4:] == ["Under 38", "38 to under 43", "43 to under 48", "48 or more"]


def test_chart_writes_png_and_svg_and_refuses_other_names(demo_path, tmp_path, capsys):
    assert main(["chart", str(demo_path), "2019", "stressed", "--out", str(tmp_path / "s.png")]) == 0
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
    assert (
        main(["chart", str(demo_path), "2019", "hours_worked", "--by", "team", "--out", str(tmp_path / "h.svg")]) == 0
    )
    assert "<svg" in (tmp_path / "h.svg").read_text()[:500]
    assert main(["chart", str(demo_path), "2019", "stressed", "--out", str(tmp_path / "s.jpg")]) == 2
    assert "png or .svg" in capsys.readouterr().err


def test_indicators_as_json(demo_path, capsys):
    assert main(["indicators", str(demo_path), "2019", "--format", "json"]) == 0
    data = {row["key"]: row for row in json.loads(capsys.readouterr().out)}
    assert data["caseload_manageable"]["more_than_chance"] == "yes" and data["response_rate"]["rag"] == "green"
    assert "Local Government Association" in data["average_caseload"]["benchmarks"]


def test_a_histogram_counts_respondents_in_whole_numbers(demo_path, folders):
    from swhc_desktop.analysis.results import question_results
    from swhc_desktop.outputs.charts.question_charts import result_chart
    from swhc_desktop.storage import HealthCheckFile

    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        cycle = hc.cycles.by_name("2019")
        figure = result_chart(question_results(hc, cycle.id, ["caseload"])["caseload"], "2019", [])
    histogram = next(a for a in figure.axes if a.get_ylabel() == "respondents")
    ticks = [t for t in histogram.get_yticks() if 0 <= t <= histogram.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
