"""Matching a file's questions to the cycle's (code, wording, normalised wording), answers to options, and the
mapping saved as JSON."""

from __future__ import annotations

from swhc_desktop.domain.questionnaire import Option, Question, Questionnaire, QuestionType, Section, agreement_options
from swhc_desktop.importing.layouts import Layout, read_layout
from swhc_desktop.importing.mapping import (
    NO_ANSWER,
    Mapping,
    QuestionMatch,
    mapping_from_json,
    match_questions,
    match_value,
)


def survey() -> Questionnaire:
    questions = (
        Question(
            "team",
            "Which team do you work in?",
            QuestionType.SINGLE,
            1,
            options=(
                Option("assessment", "Assessment"),
                Option("care", "Children in care"),
                Option("other", "Other", is_other=True),
            ),
        ),
        Question(
            "lottery",
            "Assuming you have $10 to bet, would you play Lottery A or Lottery B?",
            QuestionType.SINGLE,
            1,
            options=(Option("a", "Lottery A"), Option("b", "Lottery B")),
        ),
        Question("stressed", "I feel stressed by my job", QuestionType.SCALE, 1, options=agreement_options()),
        Question("caseload", "How many cases are allocated to you at the moment?", QuestionType.NUMBER, 3),
    )
    return Questionnaire(sections=(Section("All", questions),))


def test_columns_match_by_code_by_wording_and_by_wording_without_numbering_html_or_case():
    rows = [
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "caseload",
            "Q1. WHICH team do you work in",
            "Assuming you have $10 to bet, <br>would you play Lottery A or Lottery B?",
            "I feel stressed by my job",
            "Favourite biscuit",
        ]
    ]
    layout = read_layout(rows)
    mapping = match_questions(layout, survey())
    found = {key: (m.question_code, m.confidence, m.how) for key, m in mapping.matches.items()}
    assert found["caseload"] == ("caseload", 100, "same code")
    assert found["i feel stressed by my job"] == ("stressed", 100, "same wording")
    assert found["which team do you work in"][:2] == ("team", 90)
    assert found["assuming you have 10 to bet would you play lottery a or lottery b"][:2] == (
        "lottery",
        100,
    )  # <br> read as a space
    assert found["favourite biscuit"] == (None, 0, "not matched")


def test_a_question_is_matched_by_one_column_only_the_surest():
    rows = [["Which team do you work in?", "Which team do you work in"]]
    mapping = match_questions(read_layout(rows, Layout.PLAIN), survey())
    assert [m.question_code for m in mapping.matches.values()] == ["team", None]


def test_answers_match_options_by_label_or_code_ignoring_case_and_punctuation():
    stressed = survey().question("stressed")
    assert match_value(stressed, "Strongly Agree").target == "strongly_agree"
    assert match_value(stressed, "strongly_agree").target == "strongly_agree"
    assert match_value(stressed, "Neither agree or disagree").confidence < 60  # a suggestion, never applied unasked
    assert match_value(stressed, "Neither agree or disagree").target == "neither"
    assert match_value(stressed, "3", by_position=True).target == "neither"
    assert match_value(stressed, "Banana").target is None
    team = survey().question("team")
    assert match_value(team, "Other (please specify)").target == "other"


def test_a_mapping_survives_json_and_a_hand_written_one_is_understood():
    mapping = Mapping(
        Layout.GOOGLE_FORMS, {"team": QuestionMatch("team", "team", 100, "same code", {"Hub": NO_ANSWER})}
    )
    again = mapping_from_json(mapping.to_json())
    assert again.layout is Layout.GOOGLE_FORMS
    assert again.match("team").question_code == "team" and again.match("team").values == {"Hub": NO_ANSWER}
    simple = mapping_from_json('{"Which team?": "team", "Biscuit": null}')
    assert simple.match("Which team?").question_code == "team" and simple.match("Biscuit").question_code is None
