"""The built-in templates: the LGA form reproduced verbatim, and the staff survey's coverage."""

from __future__ import annotations

import re

import pytest

from swhc_desktop.domain.errors import TemplateProblem
from swhc_desktop.domain.questionnaire import CHOICE_TYPES, QuestionType
from swhc_desktop.questionnaires.templates import list_templates, load_template, questionnaire_from_toml

from .support.files import FIXTURES

LGA = "lga-employer-return-2018"


def normalise(text: str) -> str:
    """Compare words and case exactly; forgive only line breaks, curly quotes and the form's inconsistent
    capitals in '(Please specify)'."""
    text = text.replace("’", "'").replace("‘", "'").replace("____________", " ")
    text = re.sub(r"\(please specify\)", "(please specify)", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def annex_c() -> str:
    return (FIXTURES / "seeds" / "lga-2018-annex-c.txt").read_text(encoding="utf-8")


def test_templates_are_listed_with_an_id_and_a_title():
    ids = [t.id for t in list_templates()]
    assert ids == [LGA, "staff-survey"]
    assert all(" " not in i for i in ids)


@pytest.mark.parametrize("template_id", [LGA, "staff-survey"])
def test_every_template_validates_without_errors(template_id):
    assert [p.message for p in load_template(template_id).validate() if p.is_error] == []


def test_lga_questions_and_options_appear_in_the_seed_in_the_forms_order(annex_c):
    seed = normalise(annex_c)
    cursor = 0
    for question in load_template(LGA).questions():
        *stems, item = question.text.split(": ")  # 'on long-term absence: Sick leave …' joins a stem and an item
        for stem in stems:
            assert normalise(stem) in seed[: cursor + len(normalise(stem)) + 400], (
                f"{question.code}: '{stem}' not found"
            )
        found = seed.find(normalise(item), cursor)
        assert found >= 0, f"{question.code}: '{item}' is not in Annex C after the previous question"
        cursor = found
        for option in question.options:
            label = normalise(option.display_label)
            found = seed.find(label, cursor)
            assert found >= 0, f"{question.code}: option '{option.display_label}' is not in Annex C where expected"
            cursor = found + len(label)


def test_every_answer_option_of_the_seed_form_is_in_the_lga_template(annex_c):
    labels = [normalise(o.display_label) for q in load_template(LGA).questions() for o in q.options]
    not_options = re.compile(r"^(\d+[a-z]?\.|annex c|please tick|standard \d comments)|- standard \d$", re.IGNORECASE)
    seed_options = [
        normalise(line)
        for line in annex_c.splitlines()
        if line.startswith(" ") and line[1:2].strip() and not not_options.search(normalise(line))
    ]
    assert len(seed_options) > 100
    missing = [option for option in seed_options if not any(label.startswith(option) for label in labels)]
    assert missing == []


def test_every_numbered_question_of_the_seed_form_is_in_the_lga_template(annex_c):
    template_text = " ".join(normalise(q.text) for q in load_template(LGA).questions())
    numbered = re.findall(r"^\s?\d+[a-z]?\. (.+)$", annex_c, flags=re.MULTILINE)
    assert len(numbered) >= 40
    missing = [line for line in numbered if normalise(line)[:40] not in template_text]
    assert missing == []


def test_lga_follow_ups_are_numbered_as_on_the_form():
    questionnaire = load_template(LGA)
    numbers = questionnaire.numbering()
    follow_ups = {q.code: numbers[q.code] for q in questionnaire.questions() if q.follow_up}
    assert follow_ups == {
        "incident_responses_details": "3a",
        "supervision_monitoring_details": "1a",
        "critical_reflection_mandatory": "2a",
        "exit_interview_follow_up": "9a",
        "service_user_feedback_action": "1a",
        "carer_feedback_action": "2a",
    }
    assert {q.standard for q in questionnaire.questions()} == set(range(1, 9))


STAFF_SURVEY_TOPICS = {
    "team",
    "role",
    "years_qualified",
    "employment_type",
    "hours_worked",
    "caseload",
    "caseload_manageable",
    "stressed",
    "supervision_frequency",
    "reflective_supervision_frequency",
    "supervision_quality",
    "manager_support",
    "observed_practice",
    "direct_work_hours",
    "cpd_attended",
    "communication",
    "team_meetings",
    "consulted",
    "learning_culture",
    "development_opportunities",
    "valued",
    "listened_to",
    "proud",
    "enthusiastic",
    "skills_used",
    "intend_to_stay",
    "leaving_reasons",
    "change_one_thing",
    "good_about_working_here",
}


def test_the_staff_survey_covers_every_topic_the_issue_names():
    codes = {q.code for q in load_template("staff-survey").questions()}
    assert STAFF_SURVEY_TOPICS <= codes


def test_the_staff_survey_has_breakdown_dimensions_standards_and_polarities():
    questionnaire = load_template("staff-survey")
    assert [q.code for q in questionnaire.dimensions()] == ["team", "role", "years_qualified", "employment_type"]
    assert all(q.standard in range(1, 9) for q in questionnaire.questions())
    for question in questionnaire.questions():
        if question.qtype in CHOICE_TYPES and not question.is_dimension and question.qtype is not QuestionType.MULTI:
            polarities = {o.polarity.value for o in question.options}
            assert {"favourable", "unfavourable"} <= polarities, question.code
    stressed = questionnaire.question("stressed")
    assert stressed.option("strongly_agree").polarity.value == "unfavourable"
    assert questionnaire.question("leaving_reasons").follow_up.option_codes == ("no", "not_sure")
    assert questionnaire.question("hours_worked").unit == "hours"


def test_a_template_mistake_is_reported_with_its_place():
    with pytest.raises(TemplateProblem, match="section 1, question 1 \\('x'\\): unknown setting\\(s\\) colour"):
        questionnaire_from_toml(
            '[[sections]]\ntitle = "A"\n[[sections.questions]]\ncode = "x"\ntext = "X"\ntype = "text"\ncolour = "red"\n'
        )
    with pytest.raises(TemplateProblem, match="not valid TOML"):
        questionnaire_from_toml("this is not = = toml")
