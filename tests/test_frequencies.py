"""Frequency tables follow the LGA's conventions for the base, follow-ups, 'Don't know', exclusions and multi-select."""

from __future__ import annotations

import csv
import io

import pytest

from swhc_desktop.analysis.frequencies import frequency_tables, table_rows, whole_percent
from swhc_desktop.cli import main
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile


@pytest.fixture
def survey(tmp_path, folders):
    """Ten respondents, answers chosen so every rule of the base is exercised."""
    path = tmp_path / "Anytown.swhc"
    with HealthCheckFile.create(path, "Anytown", folders=folders) as hc:
        cycle = start_cycle(hc, "2024", template_id="staff-survey")
        q = hc.questionnaires.load(cycle.id)

        def pick(code, *option_codes, text=None):
            question = q.question(code)
            return [AnswerValue(question.id, option_id=question.option(c).id, text=text) for c in option_codes]

        people = [
            pick("observed_practice", "yes") + pick("observation_positive", "yes") + pick("learning_culture", "agree"),
            pick("observed_practice", "yes")
            + pick("observation_positive", "partly")
            + pick("learning_culture", "dont_know"),
            pick("observed_practice", "yes") + pick("learning_culture", "strongly_agree"),  # skipped the follow-up
            pick("observed_practice", "no") + pick("observation_positive", "no"),  # follow-up did not apply
            pick("observed_practice", "dont_know") + pick("cpd_attended", "none_planned"),
            pick("intend_to_stay", "no") + pick("leaving_reasons", "pay", "workload"),
            pick("intend_to_stay", "not_sure") + pick("leaving_reasons", "other", text="Moving to Scotland"),
            pick("intend_to_stay", "yes") + pick("cpd_attended", "all"),
            pick("intend_to_stay", "yes") + pick("cpd_attended", "most"),
            [],  # answered nothing we ask about here
        ]
        responses = [NewResponse(answers=tuple(a), external_id=str(n)) for n, a in enumerate(people)]
        hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "hand-made.csv"), responses)
    return path


def tables_by_code(path, folders):
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        return {t.question.code: t for t in frequency_tables(hc, hc.cycles.by_name("2024").id)}


def test_the_base_is_those_who_answered_and_dont_know_stays_in_it(survey, folders):
    tables = tables_by_code(survey, folders)
    observed = tables["observed_practice"]
    assert observed.base == 5
    assert [(r.option.code, r.count, r.percent) for r in observed.rows] == [
        ("yes", 3, 60.0),
        ("no", 1, 20.0),
        ("dont_know", 1, 20.0),
    ]
    assert observed.base_description == "Base: all who answered (5)"
    culture = tables["learning_culture"]
    assert culture.base == 3 and culture.row("dont_know").percent == pytest.approx(100 / 3)


def test_a_follow_ups_base_is_those_it_applied_to(survey, folders):
    positive = tables_by_code(survey, folders)["observation_positive"]
    assert positive.base == 2  # the 'no' respondent's stray answer does not count; the skipper did not answer
    assert positive.row("no").count == 0
    assert positive.base_description == "Base: those who answered 'Yes' to question 19 and answered (2)"


def test_an_option_excluded_from_the_base_is_counted_but_not_in_the_per_cents(survey, folders):
    cpd = tables_by_code(survey, folders)["cpd_attended"]
    assert cpd.base == 2
    assert cpd.row("none_planned").count == 1 and cpd.row("none_planned").percent is None
    assert cpd.row("all").percent == 50.0


def test_multi_select_per_cents_are_of_respondents_and_other_text_is_kept(survey, folders):
    reasons = tables_by_code(survey, folders)["leaving_reasons"]
    assert reasons.base == 2
    assert sum(r.percent for r in reasons.rows if r.percent) == 150.0
    assert reasons.other_texts == ("Moving to Scotland",)
    assert "may add to more than 100" in reasons.base_description


def test_nobody_answering_gives_a_base_of_zero_and_no_per_cents(survey, folders):
    quality = tables_by_code(survey, folders)["supervision_quality"]
    assert quality.base == 0 and all(r.percent is None for r in quality.rows)


def test_per_cents_are_shown_rounded_half_up():
    assert [whole_percent(v) for v in (40.5, 41.49, 12.5, None)] == ["41%", "41%", "13%", "–"]


def test_swhc_tables_prints_unrounded_per_cents_with_at_least_one_decimal(survey, capsys):
    assert main(["tables", str(survey), "2024"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["question_code", "question", "option", "count", "base", "percent"]
    culture = [r for r in rows if r["question_code"] == "learning_culture"]
    assert {r["option"]: r["percent"] for r in culture}["Agree"] == "33.333333333333336"
    observed = {r["option"]: r["percent"] for r in rows if r["question_code"] == "observed_practice"}
    assert observed["Yes"] == "60.0"
    assert {r["option"]: r["percent"] for r in rows if r["question_code"] == "cpd_attended"}["No CPD was planned"] == ""


def test_swhc_tables_writes_json_to_a_file(survey, tmp_path, capsys):
    out = tmp_path / "tables.json"
    assert main(["tables", str(survey), "2024", "--format", "json", "--out", str(out)]) == 0
    import json

    data = {t["question_code"]: t for t in json.loads(out.read_text())}
    assert data["leaving_reasons"]["other_texts"] == ["Moving to Scotland"]
    assert "Wrote" in capsys.readouterr().out


def test_the_demo_tables_add_up(demo_path, folders):
    with HealthCheckFile.open(demo_path, read_only=True, folders=folders) as hc:
        for table in frequency_tables(hc, hc.cycles.by_name("2019").id):
            if table.question.qtype.value != "multi" and table.base:
                assert sum(r.count for r in table.rows if r.in_base) == table.base, table.question.code
                assert sum(r.percent for r in table.rows if r.percent is not None) == pytest.approx(100.0)
        assert table_rows([]) == []
