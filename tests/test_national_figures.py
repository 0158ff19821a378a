"""National figures that are current and like for like: each with its service, year and source; shown only beside the
same measure of a cycle of the same service, of the cycle's year or the nearest earlier one (named as such); the
LGA's 2018 employer-return figures only beside cycles of 2018 and 2019; the national Standards scores typed in."""

from __future__ import annotations

import json

import pytest

from swhc_desktop.analysis.benchmarks import (
    NationalScore,
    benchmarks_for,
    load_benchmarks,
    national_score_for,
    national_scores,
    remove_national_score,
    save_national_score,
)
from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.records import Service
from swhc_desktop.figures.workforce import save_workforce_figures, workforce_benchmarks, workforce_figures
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

from .support.import_support import run_cli

CHILDREN, ADULTS = Service.CHILDREN, Service.ADULTS
# The DfE figures for 2025 (field research brief, table A3, [S20]).
DFE_2025 = {
    "vacancy_rate": 14.2,
    "agency_rate": 13.0,
    "turnover_rate": 11.8,
    "average_caseload": 15.2,
    "sickness_rate": 3.5,
}


@pytest.fixture(scope="module")
def benchmarks():
    return load_benchmarks()


def values(found):
    return [(b.value, b.year, b.year_note) for b in found]


def test_every_national_figure_has_a_service_a_year_and_a_source(benchmarks):
    assert all(b.source and b.year and b.service in (CHILDREN, ADULTS) for b in benchmarks)
    assert {b.service for b in benchmarks} == {CHILDREN, ADULTS}
    assert all("Skills for Care" in b.source for b in benchmarks if b.service is ADULTS)
    assert not any("Skills for Care" in b.source for b in benchmarks if b.service is CHILDREN)


def test_the_dfe_childrens_figures_run_from_2021_to_2025_as_the_research_gives_them(benchmarks):
    dfe = {(b.indicator, b.year): b.value for b in benchmarks if b.label.startswith("DfE workforce statistics")}
    assert {key: dfe[(key, 2025)] for key in DFE_2025} == DFE_2025
    assert {year for (_, year) in dfe} >= {2021, 2022, 2023, 2024, 2025}
    assert (
        dfe[("vacancy_rate", 2021)] == 16.7
        and dfe[("agency_rate", 2022)] == 17.6
        and dfe[("turnover_rate", 2023)] == 15.9
    )
    assert dfe[("agency_rate", 2024)] == 16.2 and ("vacancy_rate", 2024) not in dfe  # a count, not a rate, was found
    assert all(b.source for b in benchmarks if b.year == 2024 and "press" in b.source)


def test_a_figure_is_shown_only_beside_the_same_measure_for_the_same_service(benchmarks):
    for key in ("vacancy_rate", "agency_rate", "turnover_rate", "sickness_rate", "average_caseload", "stressed"):
        for year in ("2021", "2023", "2025", "2030"):
            assert all(
                b.service is CHILDREN and b.indicator == key for b in benchmarks_for(key, year, benchmarks, CHILDREN)
            )
            assert all(
                b.service is ADULTS and b.indicator == key for b in benchmarks_for(key, year, benchmarks, ADULTS)
            )
    assert values(benchmarks_for("vacancy_rate", "2025", benchmarks, ADULTS)) == [(10.5, 2023, "2023 figure")]
    assert benchmarks_for("average_caseload", "2025", benchmarks, ADULTS) == []  # no adults' caseload figure


def test_the_nearest_earlier_year_is_named_and_a_later_year_never_shown(benchmarks):
    assert values(benchmarks_for("average_caseload", "2025", benchmarks)) == [(15.2, 2025, "")]
    assert values(benchmarks_for("average_caseload", "2024/25", benchmarks)) == [(16.0, 2023, "2023 figure")]
    assert values(benchmarks_for("vacancy_rate", "2020", benchmarks)) == []  # the first DfE rate here is of 2021
    assert values(benchmarks_for("stressed", "2025", benchmarks)) == [(60, 2020, "2020 figure")]  # the study has ended
    assert (
        benchmarks_for("average_caseload", "2024", benchmarks)[0].described
        == "DfE workforce statistics: average caseload, 30/09/2023: 16 cases (2023 figure)"
    )


def test_the_lga_2018_employer_return_figures_are_shown_only_for_cycles_of_2018_and_2019(benchmarks):
    lga = [b for b in benchmarks if b.label.startswith("LGA health check 2018")]
    assert lga and all(
        b.cycle_years == (2018, 2019) and "2018 employer return" in b.note
        for b in lga
        if b.indicator != "monthly_supervision"
    )
    for name, shown in (
        ("2017", False),
        ("2018", True),
        ("2019", True),
        ("2020", False),
        ("2025", False),
        ("Spring survey", False),
    ):
        found = benchmarks_for("average_caseload", name, benchmarks) + benchmarks_for(
            "hours_over_contract", name, benchmarks
        )
        assert any(b.label.startswith("LGA") for b in found) == shown, name


def test_the_councils_return_rates_stand_beside_the_national_ones(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "f.swhc", "Ratesborough Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2025", template_id="staff-survey")
        save_workforce_figures(hc, cycle.id, {"vacancy_rate": 17.5, "agency_rate": 9.0, "sickness_rate": 4.1})
        assert workforce_figures(hc, cycle.id) == {"vacancy_rate": 17.5, "agency_rate": 9.0, "sickness_rate": 4.1}
        beside = workforce_benchmarks(cycle)
        assert {key: [b.value for b in found] for key, found in beside.items()} == {
            "vacancy_rate": [14.2],
            "agency_rate": [13.0],
            "turnover_rate": [11.8],
            "sickness_rate": [3.5],
        }
        adults = start_cycle(hc, "2025 adults", template_id="adults-staff-survey")
        assert adults.service is ADULTS
        assert {key: values(found) for key, found in workforce_benchmarks(adults).items()} == {
            "vacancy_rate": [(10.5, 2023, "2023 figure")],
            "agency_rate": [(10, 2023, "2023 figure")],
            "turnover_rate": [(14.5, 2023, "2023 figure")],
            "sickness_rate": [],
        }
        copied = start_cycle(hc, "2026 adults", copy_from="2025 adults")
        assert copied.service is ADULTS


def test_the_psw_types_in_national_standard_scores_with_year_and_source(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "f.swhc", "Scoreborough Council", folders=folders) as hc:
        save_national_score(hc, NationalScore(CHILDREN, 2023, 4, 71, "LGA national summary 2023/24"))
        save_national_score(hc, NationalScore(CHILDREN, 2025, 4, 73.5, "LGA national summary 2025"))
        save_national_score(hc, NationalScore(ADULTS, 2025, 4, 66, "LGA adults' summary 2025"))
        save_national_score(hc, NationalScore(CHILDREN, 2023, 4, 70, "LGA national summary 2023/24, corrected"))
        scores = national_scores(hc)
        assert [(s.service, s.year, s.score) for s in scores] == [
            (ADULTS, 2025, 66),
            (CHILDREN, 2023, 70),
            (CHILDREN, 2025, 73.5),
        ]
        shown = national_score_for(4, "2024", CHILDREN, scores)
        assert (shown.score, shown.year_note, shown.source) == (
            70,
            "2023 figure",
            "LGA national summary 2023/24, corrected",
        )
        assert national_score_for(4, "2025", CHILDREN, scores).year_note == ""
        assert national_score_for(4, "2022", CHILDREN, scores) is None
        assert national_score_for(5, "2025", CHILDREN, scores) is None
        assert national_score_for(4, "2026", ADULTS, scores).score == 66
        remove_national_score(hc, CHILDREN, 2025, 4)
        assert [(s.service, s.year) for s in national_scores(hc)] == [(ADULTS, 2025), (CHILDREN, 2023)]
        for bad, words in (
            (NationalScore(CHILDREN, 2025, 9, 50, "x"), "no Standard 9"),
            (NationalScore(CHILDREN, 2025, 4, 101, "x"), "out of 100; 101 is not"),
            (NationalScore(CHILDREN, 2025, 4, float("nan"), "x"), "out of 100"),
            (NationalScore(CHILDREN, 1925, 4, 50, "x"), "1925 is not a year"),
            (NationalScore(CHILDREN, 2025, 4, 50, "  "), "where the national score comes from"),
        ):
            with pytest.raises(InvalidInput, match=words):
                save_national_score(hc, bad)
        assert len(national_scores(hc)) == 2


def test_swhc_standards_shows_the_national_score_beside_the_councils(tmp_path, folders, capsys):
    path = tmp_path / "f.swhc"
    with HealthCheckFile.create(path, "Scoreborough Council", folders=folders) as hc:
        start_cycle(hc, "2025", template_id="staff-survey")
    code, out, err = run_cli(capsys, "national-score", path, "children", "2024", "5", "64", "--source", "LGA 2024")
    assert code == 0 and "Kept the national score of Standard 5 for 2024: 64." in out
    code, out, err = run_cli(capsys, "standards", path, "2025", "--format", "json")
    rows = {row["standard"]: row for row in json.loads(out)}
    assert (rows[5]["national"], rows[5]["national_year"], rows[5]["national_source"]) == (
        "64",
        "2024 figure",
        "LGA 2024",
    )
    assert rows[4]["national"] is None
    code, out, err = run_cli(capsys, "national-score", path, "children", "2024", "5", "sixty")
    assert code == 2 and "'sixty' is not a score" in err
    code, out, err = run_cli(capsys, "national-score", path, "children", "2024", "5", "--remove")
    assert code == 0
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        assert national_scores(hc) == []
