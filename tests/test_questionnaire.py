"""The questionnaire engine: numbering, built-in scales and validation messages."""

from __future__ import annotations

from dataclasses import replace

from swhc_desktop.domain.questionnaire import (
    FollowUp,
    Numbering,
    Option,
    Polarity,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    agreement_options,
    errors_only,
    make_code,
    rating_options,
)


def yes_no() -> tuple[Option, ...]:
    return (Option("yes", "Yes", polarity=Polarity.FAVOURABLE), Option("no", "No", polarity=Polarity.UNFAVOURABLE))


def small_questionnaire(**changes) -> Questionnaire:
    questions = (
        Question("observed", "Has your practice been observed?", QuestionType.SINGLE, 5, options=yes_no()),
        Question(
            "observed_positive",
            "If yes, was it positive?",
            QuestionType.SINGLE,
            5,
            options=yes_no(),
            follow_up=FollowUp("observed", ("yes",)),
        ),
        Question(
            "hours", "Hours worked in a typical week", QuestionType.NUMBER, 3, unit="hours", min_value=0, max_value=100
        ),
        Question(
            "stressed", "I feel stressed by my job", QuestionType.SCALE, 5, options=agreement_options(negative=True)
        ),
    )
    return Questionnaire(sections=(Section("Work", questions[:2]), Section("Wellbeing", questions[2:])), **changes)


def messages(questionnaire: Questionnaire) -> list[str]:
    return [p.message for p in errors_only(questionnaire.validate())]


def replace_question(questionnaire: Questionnaire, which: str, **changes) -> Questionnaire:
    return replace(
        questionnaire,
        sections=tuple(
            replace(s, questions=tuple(replace(q, **changes) if q.code == which else q for q in s.questions))
            for s in questionnaire.sections
        ),
    )


def test_a_sound_questionnaire_has_no_problems():
    assert small_questionnaire().validate() == []


def test_follow_ups_are_lettered_after_their_parent_and_numbering_can_restart_by_section():
    assert small_questionnaire().numbering() == {
        "observed": "1",
        "observed_positive": "1a",
        "hours": "2",
        "stressed": "3",
    }
    by_section = small_questionnaire(numbering_style=Numbering.BY_SECTION).numbering()
    assert by_section == {"observed": "1", "observed_positive": "1a", "hours": "1", "stressed": "2"}


def test_negatively_worded_statements_count_agreement_as_unfavourable():
    positive = {o.code: o for o in agreement_options()}
    negative = {o.code: o for o in agreement_options(negative=True)}
    assert positive["strongly_agree"].polarity is Polarity.FAVOURABLE and positive["strongly_agree"].score == 100
    assert negative["strongly_agree"].polarity is Polarity.UNFAVOURABLE and negative["strongly_agree"].score == 0
    assert negative["strongly_disagree"].polarity is Polarity.FAVOURABLE and negative["strongly_disagree"].score == 100


def test_dont_know_stays_in_the_base_and_not_applicable_does_not():
    options = {o.code: o for o in agreement_options(dont_know=True, not_applicable=True)}
    assert options["dont_know"].excluded_from_base is False
    assert options["not_applicable"].excluded_from_base is True


def test_a_rating_runs_from_0_to_10_with_scores_out_of_100():
    options = rating_options()
    assert [o.label for o in options] == [str(n) for n in range(11)]
    assert options[10].score == 100 and options[10].polarity is Polarity.FAVOURABLE
    assert options[0].polarity is Polarity.UNFAVOURABLE


def test_duplicate_codes_are_reported_with_the_questions_that_share_them():
    questionnaire = replace_question(small_questionnaire(), "hours", code="observed")
    assert any("'observed' is used twice (questions 1 and 3)" in m for m in messages(questionnaire))


def test_a_choice_question_without_options_is_reported():
    questionnaire = replace_question(small_questionnaire(), "stressed", options=())
    assert "Question 'stressed' has no answer options. Add at least two, or change its type." in messages(questionnaire)


def test_a_follow_up_whose_parent_comes_later_is_reported():
    questionnaire = replace_question(small_questionnaire(), "observed", follow_up=FollowUp("stressed", ("agree",)))
    assert any("follows up question 'stressed', which comes later" in m for m in messages(questionnaire))


def test_a_follow_up_whose_parent_is_missing_is_reported():
    questionnaire = replace_question(small_questionnaire(), "observed_positive", follow_up=FollowUp("gone", ("yes",)))
    assert any("follows up question 'gone', which is not in the questionnaire" in m for m in messages(questionnaire))


def test_a_follow_up_on_an_answer_the_parent_lacks_is_reported():
    questionnaire = replace_question(
        small_questionnaire(), "observed_positive", follow_up=FollowUp("observed", ("maybe",))
    )
    assert any("depends on answer(s) maybe" in m for m in messages(questionnaire))


def test_an_empty_number_range_is_reported():
    questionnaire = replace_question(small_questionnaire(), "hours", min_value=50, max_value=10)
    assert any("lowest allowed number (50) is above the highest (10)" in m for m in messages(questionnaire))


def test_a_breakdown_dimension_must_be_single_choice():
    questionnaire = replace_question(small_questionnaire(), "hours", is_dimension=True)
    assert any("breakdown dimension must be a single-choice question" in m for m in messages(questionnaire))


def test_every_question_needs_a_valid_code():
    questionnaire = replace_question(small_questionnaire(), "hours", standard=None, code="Hours Worked")
    assert any("a code must start with a letter" in m for m in messages(questionnaire))


def test_a_question_not_about_a_standard_is_a_note_never_an_error():
    """A council's own survey asks about more than the Standards: such a question is reported under 'Other
    questions', and the PSW is told so once, as a note that blocks nothing."""
    questionnaire = replace_question(small_questionnaire(), "hours", standard=None)
    assert messages(questionnaire) == []
    [note] = [p for p in questionnaire.validate() if p.question_code == "hours"]
    assert (note.kind, note.is_error, note.is_note) == ("Note", False, True)
    assert note.message == (
        "Question 'hours' is not about a Standard: it is reported under 'Other questions' and feeds no "
        "Standard's score."
    )


def test_a_breakdown_question_needs_no_standard_and_gets_no_note():
    questionnaire = replace_question(small_questionnaire(), "observed", standard=None, is_dimension=True)
    assert [p for p in questionnaire.validate() if p.question_code == "observed"] == []


def test_a_statement_that_fed_a_score_taken_out_of_its_standard_is_only_noted():
    """Its score box cannot be unticked once it has no Standard, so nothing may ask the PSW to: the note says it feeds
    no score."""
    questionnaire = replace_question(small_questionnaire(), "stressed", standard=None, in_standard_score=True)
    [note] = [p for p in questionnaire.validate() if p.question_code == "stressed"]
    assert note.kind == "Note" and "feeds no Standard's score" in note.message


def test_codes_are_made_readable_and_unique():
    assert make_code("Don't know") == "dont_know"
    assert make_code("2-3 times a week") == "q_2_3_times_a_week"
    assert make_code("Yes", taken={"yes"}) == "yes_2"
    assert make_code("Écoles et crèches") == "ecoles_et_creches"


def test_follow_up_conditions_compare_as_sets():
    assert FollowUp("stay", ("no", "not_sure")) == FollowUp("stay", ("not_sure", "no"))
