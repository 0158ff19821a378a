"""The built-in templates: the LGA form reproduced verbatim, and the staff survey's coverage."""

from __future__ import annotations

import re

import pytest

from swhc_desktop.domain.errors import TemplateProblem
from swhc_desktop.domain.questionnaire import CHOICE_TYPES, QuestionType
from swhc_desktop.questionnaires.templates import list_templates, load_template, questionnaire_from_toml

from .support.files import FIXTURES

LGA = "lga-employer-return-2018"
ADULTS = "adults-staff-survey"


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
    assert ids == [ADULTS, LGA, "staff-survey"]
    assert all(" " not in i for i in ids)


@pytest.mark.parametrize("template_id", [ADULTS, LGA, "staff-survey"])
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
    assert [q.code for q in questionnaire.dimensions()] == [
        "team",
        "role",
        "years_qualified",
        "employment_type",
        "health_condition",
        "ethnicity",
        "disability",
        "sex",
        "age_band",
    ]
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


# ------------------------------------------------------------------------------------- what the health check asks today

# The items of the field research brief's table A7 (what the national survey and recent council health checks ask that
# the staff survey lacked): code, Standard (2025 edition), type, the polarity of each answer that has one, and whether
# it feeds its Standard's score. An agreement statement's polarities are those of the agreement scale.
AGREE = {
    "strongly_agree": "favourable",
    "agree": "favourable",
    "neither": "neutral",
    "disagree": "unfavourable",
    "strongly_disagree": "unfavourable",
}
SHARE_OF_TIME = {
    "under_a_quarter": "favourable",
    "quarter_to_half": "neutral",
    "half_to_three_quarters": "unfavourable",
    "over_three_quarters": "unfavourable",
}
YES_NO_UNSURE = {"yes": "favourable", "no": "unfavourable", "not_sure": "neutral"}
EXPERIENCED = {"yes": "unfavourable", "no": "favourable", "prefer_not_to_say": "neutral"}
EQUALITY = "neutral"
A7_ITEMS = {
    # code: (Standard, type, polarities, feeds the Standard's score)
    "stressed": (
        4,
        "scale",
        {
            "strongly_agree": "unfavourable",
            "agree": "unfavourable",
            "neither": "neutral",
            "disagree": "favourable",
            "strongly_disagree": "favourable",
        },
        True,
    ),
    "bullying_experienced": (4, "single", EXPERIENCED, False),
    "discrimination_experienced": (4, "single", EXPERIENCED, False),
    "tackling_inequality": (1, "scale", AGREE, True),
    "health_condition": (
        4,
        "single",
        dict.fromkeys(["physical", "mental", "both", "no", "prefer_not_to_say"], EQUALITY),
        False,
    ),
    "remote_working_support": (1, "scale", AGREE, True),
    "recording_system_time": (3, "single", SHARE_OF_TIME, False),
    "tasks_others_could_do": (3, "single", SHARE_OF_TIME, False),
    "new_cases_expected": (3, "number", {}, False),
    "extra_hours_recorded": (
        3,
        "single",
        {"always": "favourable", "sometimes": "neutral", "no": "unfavourable", "no_extra_hours": "neutral"},
        False,
    ),
    "supervision_uninterrupted": (5, "single", YES_NO_UNSURE, False),
    "supervisor_registered": (5, "single", YES_NO_UNSURE, False),
    "cpd_protected_time": (6, "scale", AGREE, True),
    "cpd_recorded": (6, "single", {"yes": "favourable", "not_yet": "neutral", "no": "unfavourable"}, False),
    "registration_support": (7, "scale", AGREE, True),
    "fitness_to_practise_support": (7, "scale", AGREE, True),
    "practice_educator_support": (8, "scale", AGREE, True),
    "students_supported": (8, "scale", AGREE, True),
    "recommend_employer": (2, "scale", AGREE, True),
    "plans_two_years": (
        2,
        "single",
        {
            "stay": "favourable",
            "another_employer": "unfavourable",
            "agency_work": "unfavourable",
            "leave_profession": "unfavourable",
            "retire": "neutral",
            "not_sure": "neutral",
        },
        False,
    ),
    "ethnicity": (
        2,
        "single",
        dict.fromkeys(["asian", "black", "mixed", "white", "other_ethnic_group", "prefer_not_to_say"], EQUALITY),
        False,
    ),
    "disability": (2, "single", dict.fromkeys(["yes", "no", "prefer_not_to_say"], EQUALITY), False),
    "sex": (2, "single", dict.fromkeys(["female", "male", "prefer_not_to_say"], EQUALITY), False),
    "age_band": (
        2,
        "single",
        dict.fromkeys(
            ["under_25", "from_25_to_34", "from_35_to_44", "from_45_to_54", "over_55", "prefer_not_to_say"], EQUALITY
        ),
        False,
    ),
}
EQUALITY_BREAKDOWNS = ("ethnicity", "disability", "sex", "age_band", "health_condition")


def _item(questionnaire, code):
    question = questionnaire.question(code)
    polarities = {o.code: o.polarity.value for o in question.options if o.code not in ("dont_know", "not_applicable")}
    return question.standard, question.qtype.value, polarities, question.in_standard_score


@pytest.mark.parametrize("template_id", ["staff-survey", ADULTS])
@pytest.mark.parametrize("code", sorted(A7_ITEMS))
def test_every_item_the_health_check_asks_today_is_there_with_its_standard_polarity_and_score(template_id, code):
    questionnaire = load_template(template_id)
    expected = A7_ITEMS[code]
    if template_id == ADULTS and code == "cpd_recorded":  # an occupational therapist is registered with the HCPC
        expected = (6, "single", {**expected[2], "not_registered": "neutral"}, False)
    assert _item(questionnaire, code) == expected


@pytest.mark.parametrize("template_id", ["staff-survey", ADULTS])
def test_the_equality_breakdowns_each_offer_prefer_not_to_say_and_are_protected_as_any_breakdown(template_id):
    questionnaire = load_template(template_id)
    for code in EQUALITY_BREAKDOWNS:
        question = questionnaire.question(code)
        assert question.is_dimension and question.qtype is QuestionType.SINGLE, code
        assert "Prefer not to say" in [o.label for o in question.options], code
    assert "fewer than five people are never shown" in next(
        s.intro for s in questionnaire.sections if any(q.code == "ethnicity" for q in s.questions)
    )


def test_the_staff_survey_names_the_early_career_programme_and_leaving_for_agency_work():
    questionnaire = load_template("staff-survey")
    assert (
        questionnaire.question("role").option("nqsw").label
        == "Newly qualified or early career social worker (ASYE or early career programme)"
    )
    assert questionnaire.question("leaving_reasons").option("agency_work").label == "To move to agency work"
    plans = {o.code: o.label for o in questionnaire.question("plans_two_years").options}
    assert (
        plans["another_employer"].startswith("Move to another council")
        and plans["leave_profession"] == "Leave social work altogether"
        and plans["agency_work"] == "Move to agency or locum social work"
    )


def test_every_agreement_statement_of_the_staff_surveys_feeds_its_standards_score_and_nothing_else_does():
    for template_id in ("staff-survey", ADULTS):
        questionnaire = load_template(template_id)
        assert questionnaire.standards_edition == "2025"
        for question in questionnaire.questions():
            assert question.in_standard_score == (question.qtype is QuestionType.SCALE), (template_id, question.code)
        feeding = {q.standard for q in questionnaire.questions() if q.in_standard_score}
        assert feeding == set(range(1, 9)), template_id  # every Standard has a score


def test_the_2018_form_is_filed_under_the_standards_it_was_written_for_and_feeds_no_score():
    questionnaire = load_template(LGA)
    assert questionnaire.standards_edition == "2014"
    assert questionnaire.standards.title(4) == "Managing risks and resources"
    assert not any(q.in_standard_score for q in questionnaire.questions())


ADULT_TEAMS = ("Front door", "Hospital", "Mental health", "Learning disability", "Reviewing", "Safeguarding adults")
ADULT_ROLES = {
    "social_worker": "Social worker",
    "occupational_therapist": "Occupational therapist",
    "non_registered": "Non-registered practitioner (such as a social care assessor or community care officer)",
}


def test_the_adults_survey_has_adults_teams_roles_amhp_and_bia_and_the_same_standards_and_dimensions():
    adults, children = load_template(ADULTS), load_template("staff-survey")
    info = next(t for t in list_templates() if t.id == ADULTS)
    assert "adult" in info.id and info.service == "adults"
    assert next(t for t in list_templates() if t.id == "staff-survey").service == "children"
    teams = [o.label for o in adults.question("team").options]
    assert all(team in teams for team in ADULT_TEAMS)
    roles = {o.code: o.label for o in adults.question("role").options}
    assert all(roles[code] == label for code, label in ADULT_ROLES.items())
    specialist = adults.question("specialist_role")
    assert specialist.is_dimension and {o.code for o in specialist.options} == {"amhp", "bia", "both", "neither"}
    assert "AMHP" in specialist.text and "BIA" in specialist.text
    # The same Standards and the same codes where the question is the same, so the two surveys line up.
    assert adults.standards_edition == children.standards_edition
    same = {q.code for q in children.questions()} & {q.code for q in adults.questions()}
    assert {q.code for q in children.questions()} - same == set()
    assert all(adults.question(code).standard == children.question(code).standard for code in same)
    assert [d.code for d in adults.dimensions()] == [
        "team",
        "role",
        "specialist_role",
        "years_qualified",
        "employment_type",
        *children_dimensions_after_employment(children),
    ]
    children_words = [q.code for q in adults.questions() if "child" in (q.text + q.help_text).lower()]
    assert children_words == []


def children_dimensions_after_employment(questionnaire):
    codes = [d.code for d in questionnaire.dimensions()]
    return codes[codes.index("employment_type") + 1 :]
