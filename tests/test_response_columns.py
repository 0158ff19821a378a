"""The response template's headings read well and map back to exactly one question (and option) each."""

from __future__ import annotations

from swhc_desktop.domain.response_columns import ColumnKind, parse_heading, template_columns
from swhc_desktop.questionnaires.templates import load_template


def test_every_heading_maps_back_to_its_own_key():
    for template_id in ("staff-survey", "lga-employer-return-2018"):
        columns = template_columns(load_template(template_id))
        assert [parse_heading(c.heading) for c in columns] == [c.key for c in columns]
        assert len({c.key for c in columns}) == len(columns)


def test_headings_are_readable_and_multi_select_has_a_column_per_option():
    columns = {c.key.key: c.heading for c in template_columns(load_template("staff-survey"))}
    assert columns["[caseload_manageable]"] == "7. How manageable is your current caseload? [caseload_manageable]"
    assert (
        columns["[leaving_reasons/pay]"]
        == "32a. If no or not sure, what are your reasons for thinking of leaving?: Pay [leaving_reasons/pay]"
    )
    assert columns["[team/other_team:text]"].endswith("Other team (please specify) [team/other_team:text]")


def test_a_heading_that_is_not_ours_has_no_key():
    assert parse_heading("Q1[SQ001]") is None
    assert parse_heading("How many hours do you work?") is None
    key = parse_heading("  anything at all [hours_worked]  ")
    assert key.question_code == "hours_worked" and key.kind is ColumnKind.ANSWER
