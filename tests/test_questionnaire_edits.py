"""Questionnaire edits are saved as they are made, undo exactly, protect answers and trends, and are audited."""

from __future__ import annotations

from dataclasses import replace

import pytest

from swhc_desktop.domain.questionnaire import FollowUp, Numbering, Option, Polarity, QuestionType
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.questionnaires.edits import (
    AnswerCounts,
    ChangeCycleText,
    ChangeSection,
    ChangeSettings,
    EditRefused,
    QuestionnaireDesign,
    apply_edit,
    wording_change_warning,
)
from swhc_desktop.storage import HealthCheckFile


@pytest.fixture
def hc(tmp_path, folders):
    hc = HealthCheckFile.create(tmp_path / "edits.swhc", "Anytown Borough Council", folders=folders)
    start_cycle(hc, "2025", template_id="staff-survey")
    yield hc
    hc.close()


def cycle_id(hc, name="2025") -> int:
    return hc.cycles.by_name(name).id


def design(hc, name="2025") -> QuestionnaireDesign:
    cid = cycle_id(hc, name)
    return QuestionnaireDesign(hc.questionnaires.load(cid), AnswerCounts.of(hc, cid))


def do_and_undo(hc, edit, name="2025"):
    """Apply an edit, check the file changed, undo it and check the file is as it was; return the changed
    questionnaire."""
    cid = cycle_id(hc, name)
    before = hc.questionnaires.load(cid)
    apply_edit(hc, cid, edit)
    after = hc.questionnaires.load(cid)
    assert after != before
    apply_edit(hc, cid, edit.inverse(), undoing=True)
    assert hc.questionnaires.load(cid) == before
    apply_edit(hc, cid, edit)
    assert hc.questionnaires.load(cid) == after
    return after


def codes(questionnaire) -> list[str]:
    return [q.code for q in questionnaire.questions()]


def test_adding_a_question_puts_it_in_place_and_undo_takes_it_away(hc):
    edit = design(hc).add_question(section_index=1, position=2, standard=3)
    after = do_and_undo(hc, edit)
    added = after.sections[1].questions[2]
    assert added.code == "new_question" and added.standard == 3 and added.text == ""
    assert codes(after).index("new_question") == codes(after).index("caseload") + 1


def test_duplicating_a_question_copies_its_options_under_a_new_code(hc):
    after = do_and_undo(hc, design(hc).duplicate_question("caseload_manageable"))
    copy = after.question("caseload_manageable_2")
    original = after.question("caseload_manageable")
    assert copy.text == original.text and copy.options == original.options
    assert codes(after).index("caseload_manageable_2") == codes(after).index("caseload_manageable") + 1


def test_deleting_a_question_takes_its_follow_ups_with_it_and_undo_restores_the_condition(hc):
    edit = design(hc).delete_question("observed_practice")
    assert [p.question.code for p in edit.placements] == ["observed_practice", "observation_positive"]
    after = do_and_undo(hc, edit)
    assert after.find("observed_practice") is None and after.find("observation_positive") is None
    apply_edit(hc, cycle_id(hc), edit.inverse(), undoing=True)
    restored = hc.questionnaires.load(cycle_id(hc)).question("observation_positive")
    assert restored.follow_up == FollowUp("observed_practice", ("yes",))


def test_deleting_a_section_deletes_its_questions_in_one_step(hc):
    q = hc.questionnaires.load(cycle_id(hc))
    edit = design(hc).delete_section(0)
    after = do_and_undo(hc, edit)
    assert len(after.sections) == len(q.sections) - 1
    assert after.find("team") is None and after.sections[0].title == q.sections[1].title


def test_moving_questions_within_and_between_sections(hc):
    d = design(hc)
    after = do_and_undo(hc, d.move_question("caseload", 0, 0))
    assert after.sections[0].questions[0].code == "caseload"
    # Up from the top of a section goes to the end of the one before.
    d = design(hc)
    first_of_second = d.questionnaire.sections[1].questions[0].code
    edit = d.question_moved_by(first_of_second, -1)
    after = do_and_undo(hc, edit)
    assert after.sections[0].questions[-1].code == first_of_second
    assert design(hc).question_moved_by(codes(after)[0], -1) is None


def test_sections_move_change_and_are_added(hc):
    d = design(hc)
    titles = [s.title for s in d.questionnaire.sections]
    after = do_and_undo(hc, d.move_section(0, 2))
    assert [s.title for s in after.sections] == titles[1:3] + [titles[0]] + titles[3:]
    d = design(hc)
    after = do_and_undo(hc, d.add_section(after_index=0))
    assert after.sections[1].title == "New section" and after.sections[1].questions == ()
    after = do_and_undo(hc, ChangeSection(1, ("New section", ""), ("Supervision", "About your supervisor.")))
    assert (after.sections[1].title, after.sections[1].intro) == ("Supervision", "About your supervisor.")


def test_every_setting_of_a_question_is_saved(hc):
    d = design(hc)
    before = d.questionnaire.question("caseload")
    changed = replace(
        before,
        code="cases_held",
        text="How many children are allocated to you?",
        standard=4,
        help_text="Count each child once.",
        short_title="Cases",
        unit="children",
        min_value=1,
        max_value=60,
        is_dimension=False,
    )
    after = do_and_undo(hc, d.change_question(before, changed))
    saved = after.question("cases_held")
    assert saved == changed


def test_changing_the_type_brings_the_options_it_needs_and_keeps_follow_up_conditions_undoable(hc):
    d = design(hc)
    before = d.questionnaire.question("caseload_manageable")
    after = do_and_undo(hc, d.change_question(before, replace(before, qtype=QuestionType.SCALE)))
    assert [o.code for o in after.question("caseload_manageable").options][:2] == ["strongly_agree", "agree"]
    d = design(hc)
    observed = d.questionnaire.question("observed_practice")
    after = do_and_undo(hc, d.change_question(observed, replace(observed, qtype=QuestionType.TEXT)))
    assert after.question("observed_practice").options == ()
    assert after.question("observation_positive").follow_up == FollowUp("observed_practice", ())


def test_options_are_added_changed_moved_and_deleted(hc):
    d = design(hc)
    after = do_and_undo(hc, d.add_option("caseload_manageable"))
    assert after.question("caseload_manageable").options[-1] == Option("answer_6", "Answer 6")
    d = design(hc)
    agree = d.questionnaire.question("caseload_manageable").option("mostly")
    edit = d.change_option(
        "caseload_manageable",
        agree,
        replace(
            agree,
            label="Manageable most of the time",
            score=80.0,
            polarity=Polarity.NEUTRAL,
            excluded_from_base=True,
            is_other=True,
        ),
    )
    after = do_and_undo(hc, edit)
    assert after.question("caseload_manageable").option("mostly").label == "Manageable most of the time"
    after = do_and_undo(hc, design(hc).move_option("caseload_manageable", "not_at_all", 0))
    assert after.question("caseload_manageable").options[0].code == "not_at_all"
    after = do_and_undo(hc, design(hc).delete_option("observed_practice", "yes"))
    assert "yes" not in [o.code for o in after.question("observed_practice").options]
    assert after.question("observation_positive").follow_up.option_codes == ()


def test_the_questionnaire_settings_and_form_introduction_are_saved(hc):
    cid = cycle_id(hc)
    title = hc.questionnaires.load(cid).title
    after = do_and_undo(hc, ChangeSettings((title, Numbering.CONTINUOUS), ("Staff survey 2025", Numbering.BY_SECTION)))
    assert after.title == "Staff survey 2025" and after.numbering_style is Numbering.BY_SECTION
    apply_edit(hc, cid, ChangeCycleText("paper_form_introduction", None, "Please answer honestly."))
    assert hc.cycles.text(cid, "paper_form_introduction") == "Please answer honestly."
    apply_edit(
        hc, cid, ChangeCycleText("paper_form_introduction", None, "Please answer honestly.").inverse(), undoing=True
    )
    assert hc.cycles.text(cid, "paper_form_introduction") is None


def test_each_edit_is_one_audit_entry_naming_the_change(hc):
    cid = cycle_id(hc)
    before = hc.value("SELECT count(*) FROM audit_log")
    edit = design(hc).delete_section(0)
    apply_edit(hc, cid, edit)
    apply_edit(hc, cid, edit.inverse(), undoing=True)
    entries = hc.rows("SELECT action, detail FROM audit_log ORDER BY id")[before:]
    assert entries == [
        {"action": "Changed a questionnaire", "detail": "2025: delete section 'About you'"},
        {"action": "Undid a change to a questionnaire", "detail": "2025: delete section 'About you'"},
    ]


def test_a_failed_edit_leaves_the_file_as_it_was(hc):
    cid = cycle_id(hc)
    before = hc.questionnaires.load(cid)
    d = design(hc)
    clash = replace(before.question("caseload"), code="hours_worked")
    with pytest.raises(Exception, match="already has a question with the code 'hours_worked'"):
        apply_edit(hc, cid, d.change_question(before.question("caseload"), clash))
    assert hc.questionnaires.load(cid) == before


# --------------------------------------------------------------------------- protecting answers and trends


def test_questions_and_options_with_answers_cannot_be_deleted_or_retyped(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        d = design(hc, "2025")
        with pytest.raises(EditRefused, match=r"Question 7 cannot be deleted: \d+ people answered it in 2025"):
            d.delete_question("caseload_manageable")
        with pytest.raises(EditRefused, match="The answer 'Mostly manageable' of question 7 cannot be deleted"):
            d.delete_option("caseload_manageable", "mostly")
        with pytest.raises(EditRefused, match="The type of question 7 cannot be changed"):
            before = d.questionnaire.question("caseload_manageable")
            d.change_question(before, replace(before, qtype=QuestionType.MULTI))
        with pytest.raises(EditRefused, match="cannot be deleted"):
            d.delete_section(0)
        # The storage refuses too, in words, if anything ever asks it directly.
        with pytest.raises(Exception, match="has answers, so it cannot be deleted"):
            with hc.transaction():
                hc.questionnaire_edits.delete_questions(cycle_id(hc, "2025"), ["caseload_manageable"])


def test_changing_the_wording_of_a_question_asked_before_warns_and_is_recorded(demo_path, folders):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        cid = cycle_id(hc, "2025")
        d = design(hc, "2025")
        before = d.questionnaire.question("caseload_manageable")
        reworded = replace(before, text="How manageable is your caseload at the moment?")
        warning = wording_change_warning(hc, cid, before, reworded)
        assert "also asked in 2023 and 2024" in warning and "the trend will compare" in warning
        edit = d.change_question(before, reworded)
        apply_edit(hc, cid, edit)
        [change] = hc.questionnaire_edits.wording_changes(cid)
        assert (change.question_code, change.previous_text, change.new_text) == (
            "caseload_manageable",
            before.text,
            reworded.text,
        )
        apply_edit(hc, cid, edit.inverse(), undoing=True)
        assert hc.questionnaire_edits.wording_changes(cid) == []
        assert "trend starts again" in wording_change_warning(hc, cid, before, replace(before, code="caseload_ok"))
        assert wording_change_warning(hc, cycle_id(hc, "2023"), before, reworded) is None


def test_sections_and_answers_can_be_duplicated(hc):
    d = design(hc)
    original = d.questionnaire.sections[2]
    after = do_and_undo(hc, d.duplicate_section(2))
    copy = after.sections[3]
    assert copy.title == f"{original.title} (copy)" and len(copy.questions) == len(original.questions)
    assert [q.code for q in copy.questions][0] == f"{original.questions[0].code}_2"
    follow_up = next(q for q in copy.questions if q.follow_up)
    assert follow_up.follow_up.parent_code.endswith("_2")
    after = do_and_undo(hc, design(hc).duplicate_option("caseload_manageable", "mostly"))
    options = after.question("caseload_manageable").options
    assert (options[2].code, options[2].label) == ("mostly_2", "Mostly manageable (copy)")
