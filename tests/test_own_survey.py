"""A survey run outside the app is first-class: its questions are offered a Standard from their wording, the designer
offers the Standards of the cycle's own edition, and each headline indicator can be pointed at the council's own
question, so that its own survey fills the dashboard, the reports and `swhc indicators`."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from swhc_desktop.domain.questionnaire import QuestionType, errors_only
from swhc_desktop.domain.standard_hints import suggested_standard
from swhc_desktop.importing.infer import infer_questionnaire
from swhc_desktop.questionnaires.templates import load_template

from .support.own_survey import write_own_survey


@pytest.mark.parametrize("template", ["staff-survey", "adults-staff-survey"])
def test_the_suggested_standard_is_where_the_templates_file_nearly_every_question(template):
    questions = list(load_template(template).questions())
    agreeing = [q.code for q in questions if suggested_standard(q.text, q.qtype) == q.standard]
    assert len(agreeing) >= 0.85 * len(questions)


@pytest.mark.parametrize(
    "text, qtype, standard",
    [
        ("I feel stressed by my job", QuestionType.SCALE, 4),
        ("How often do you have supervision?", QuestionType.SINGLE, 5),
        ("Are students on placement well supported by their supervisor?", QuestionType.SCALE, 8),
        ("How many cases are allocated to you?", QuestionType.NUMBER, 3),
        ("What is your age?", QuestionType.SINGLE, 2),
        ("Which manager do you report to?", QuestionType.SINGLE, 1),
        ("Anything else?", QuestionType.TEXT, 1),
        ("Favourite colour", QuestionType.SINGLE, None),
    ],
)
def test_a_question_s_wording_suggests_its_standard_on_whole_words(text, qtype, standard):
    assert suggested_standard(text, qtype) == standard


def test_every_question_built_from_the_council_s_own_export_is_offered_a_standard(tmp_path):
    questionnaire = infer_questionnaire(write_own_survey(tmp_path))
    assert {q.text[:30]: q.standard for q in questionnaire.questions()} == {
        "Which team do you work in?": 2,
        "I often feel stressed by the d": 4,
        "How often do you receive forma": 5,
        "How many children are you allo": 3,
        "I feel my work is valued by th": 1,
        "Anything else you would like t": 1,
    }
    assert not [p for p in errors_only(questionnaire.validate()) if "Standard" in p.message]


@pytest.mark.parametrize("edition_id, first", [("2014", "1 · Accountability"), ("2025", "1 · Leadership")])
def test_the_designer_offers_the_standards_of_the_cycle_s_own_edition(qtbot, edition_id, first):
    from dataclasses import replace

    from swhc_desktop.gui.designer.editors import QuestionEditor

    questionnaire = replace(load_template("staff-survey"), standards_edition=edition_id)
    question = questionnaire.question("stressed")
    editor = QuestionEditor()
    qtbot.addWidget(editor)
    editor.show_question(question, questionnaire, "18", [], "", False)
    combo = editor.standardCombo
    assert [combo.itemText(i) for i in range(combo.count())][:2] == ["Not about a Standard", first]
    assert combo.count() == 9 and combo.currentData() == 4


# ------------------------------------------------------------------------ indicators from the council's own questions


@pytest.fixture
def own(tmp_path, folders, open_files):
    from .support.own_survey import own_survey_file

    return open_files.open(own_survey_file(tmp_path, folders))


def values_by_key(hc):
    from swhc_desktop.analysis.indicators import indicator_values

    return {v.indicator.key: v for v in indicator_values(hc, hc.cycles.by_name("2026"))}


def pointed(hc, choices: dict[str, tuple[str, tuple[str, ...] | None]]):
    """The file's indicators with some pointed at the cycle's own questions (wording start -> answers)."""
    from swhc_desktop.analysis.indicators import load_indicators, pointed_at

    from .support.own_survey import own_code

    questionnaire = hc.questionnaires.load(hc.cycles.by_name("2026").id)
    indicators = []
    for indicator in load_indicators(hc):
        if indicator.key in choices:
            starts, answers = choices[indicator.key]
            indicator = pointed_at(indicator, questionnaire.question(own_code(hc, starts)), answers)
        indicators.append(indicator)
    return tuple(indicators)


def test_indicators_pointed_at_the_council_s_own_questions_fill_the_dashboard_and_undo_empties_it(own):
    from swhc_desktop.analysis.indicators import SETTINGS_KEY, ChangeIndicators
    from swhc_desktop.domain.changes import make

    before = values_by_key(own)
    assert before["stressed"].value is None
    assert (
        "choose that question for this indicator with Indicators and thresholds…" in before["stressed"].what_to_do.app
    )
    assert before["response_rate"].number == 50  # 20 of 40 invited
    undo = make(
        own,
        ChangeIndicators(
            pointed(
                own,
                {
                    "stressed": ("I often feel stressed", None),
                    "monthly_supervision": ("How often do you receive", None),
                    "average_caseload": ("How many children", None),
                    "valued": ("I feel my work is valued", None),
                },
            )
        ),
    )
    after = values_by_key(own)
    assert after["stressed"].number == 40 and after["stressed"].rag.value == "amber"  # 8 of 20 agree
    assert after["monthly_supervision"].number == 75
    assert (
        after["average_caseload"].number == pytest.approx(14.5) and after["average_caseload"].indicator.unit == " cases"
    )
    assert after["valued"].number == 40
    stored = own.settings.get(SETTINGS_KEY)
    assert stored["stressed"] == {
        "question": after["stressed"].indicator.question_code
    }  # its own answers: the defaults
    make(own, undo)
    assert own.settings.get(SETTINGS_KEY) is None and values_by_key(own)["stressed"].value is None


def test_answers_counted_are_the_indicator_s_own_or_else_those_leaning_its_way_and_can_be_chosen(own):
    from swhc_desktop.analysis.indicators import DEFAULTS_BY_KEY, counted_by_default

    from .support.own_survey import own_code

    questionnaire = own.questionnaires.load(own.cycles.by_name("2026").id)
    stress = questionnaire.question(own_code(own, "I often feel stressed"))
    assert counted_by_default(DEFAULTS_BY_KEY["stressed"], stress) == ("strongly_agree", "agree")
    team = questionnaire.question(own_code(own, "Which team"))
    assert counted_by_default(DEFAULTS_BY_KEY["intend_to_stay"], team) == ()  # nothing to go on: the PSW ticks
    chosen = pointed(own, {"stressed": ("I often feel stressed", ("strongly_agree",))})
    assert next(i for i in chosen if i.key == "stressed").measure.option_codes == ("strongly_agree",)


@pytest.mark.parametrize(
    "key, starts, answers, said",
    [
        ("stressed", "How many children", None, "Choose a question with answers to choose from"),
        ("average_caseload", "I often feel stressed", None, "Choose a number question"),
        ("stressed", "I often feel stressed", ("yes",), "has no answer 'yes'"),
        ("stressed", "I often feel stressed", (), "no answer of question"),
        ("intend_to_stay", "Which team", None, "Tick the answers that count"),
    ],
)
def test_a_question_that_cannot_give_an_indicator_is_refused_in_words(own, key, starts, answers, said):
    from swhc_desktop.domain.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        pointed(own, {key: (starts, answers)})
    assert said in str(refused.value)


def test_the_chosen_questions_are_kept_in_the_file_and_used_by_swhc_indicators(own, capsys):
    import csv
    import io

    from swhc_desktop.analysis.indicators import ChangeIndicators
    from swhc_desktop.cli import main
    from swhc_desktop.domain.changes import make

    make(own, ChangeIndicators(pointed(own, {"stressed": ("I often feel stressed", None)})))
    path = own.path
    own.close()
    assert main(["indicators", str(path), "2026"]) == 0
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert float(rows["stressed"]["value"]) == 40 and rows["stressed"]["rag"] == "amber"
    assert rows["caseload_manageable"]["value"] == ""  # not asked in this survey, and not pointed at anything


def test_a_hand_edited_question_setting_that_cannot_be_read_leaves_the_default(own):
    from swhc_desktop.analysis.indicators import SETTINGS_KEY, load_indicators

    own_settings = {"stressed": {"question": 7, "answers": "agree"}, "valued": {"question": " my_valued "}}
    with own.transaction():
        own.settings.set(SETTINGS_KEY, own_settings)
    indicators = {i.key: i for i in load_indicators(own)}
    assert indicators["stressed"].question_code == "stressed"
    assert indicators["stressed"].measure.option_codes == ("strongly_agree", "agree")
    assert indicators["valued"].question_code == "my_valued"


# --------------------------------------------------------------------------- in the app


def test_the_psw_points_an_indicator_at_their_question_in_the_app_and_the_tile_fills_with_undo(
    own, make_page, qtbot, monkeypatch
):
    from swhc_desktop.gui.findings import page as findings_module
    from swhc_desktop.gui.findings.dashboard import IndicatorSettingsDialog
    from swhc_desktop.gui.findings.indicator_questions import AnswersDialog
    from swhc_desktop.gui.findings.page import FindingsPage

    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.resize(1300, 760)
    make_page.window.show()
    page.show_cycle(own, own.cycles.by_name("2026"))
    qtbot.waitUntil(lambda: len(page.dashboard.tiles) == 10, timeout=20000)
    tile = next(t for t in page.dashboard.tiles if t.value.indicator.key == "stressed")
    assert tile.value.value is None
    monkeypatch.setattr(findings_module, "show_problem", lambda parent, error: pytest.fail(str(error)))

    def only_strongly_agree(dialog: AnswersDialog) -> int:
        items = [dialog.answerList.item(r) for r in range(dialog.answerList.count())]
        assert [i.checkState() == Qt.CheckState.Checked for i in items] == [True, True, False, False, False]
        items[1].setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()
        return dialog.result()

    def choose(dialog: IndicatorSettingsDialog) -> int:
        chooser = next(c for c in dialog.choosers if c.indicator.key == "stressed")
        assert chooser.questionCombo.currentText() == "stressed (not in this cycle)"
        assert not chooser.answersButton.isEnabled()
        combo = chooser.questionCombo
        combo.setFocus()
        while not combo.currentText().startswith("i_often_feel_stressed"):
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert chooser.answersButton.isEnabled()
        assert chooser.answersButton.toolTip() == "Counts: Strongly agree, Agree"
        monkeypatch.setattr(AnswersDialog, "exec", only_strongly_agree)
        qtbot.mouseClick(chooser.answersButton, Qt.MouseButton.LeftButton)
        assert chooser.answersButton.toolTip() == "Counts: Strongly agree"
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(IndicatorSettingsDialog, "exec", choose)
    qtbot.mouseClick(page.dashboard.indicatorSettingsButton, Qt.MouseButton.LeftButton)

    def stress_tile():
        return next(t for t in page.dashboard.tiles if t.value.indicator.key == "stressed")

    qtbot.waitUntil(lambda: stress_tile().value.value is not None, timeout=20000)
    assert "15%" in stress_tile().value_label.text()  # 3 of 20 strongly agree
    assert make_page.undo_stack.undoText() == "change the headline indicators"
    make_page.undo_stack.undo()
    qtbot.waitUntil(lambda: stress_tile().value.value is None, timeout=20000)


def test_a_question_that_cannot_give_the_indicator_is_said_in_the_dialog_which_stays_open(own, qtbot):
    from swhc_desktop.analysis.indicators import load_indicators
    from swhc_desktop.gui.findings.dashboard import IndicatorSettingsDialog

    dialog = IndicatorSettingsDialog(load_indicators(own), None, own.questionnaires.load(own.cycles.by_name("2026").id))
    qtbot.addWidget(dialog)
    chooser = next(c for c in dialog.choosers if c.indicator.key == "intend_to_stay")
    chooser.questionCombo.setCurrentIndex(chooser.questionCombo.findText("which_team", Qt.MatchFlag.MatchStartsWith))
    dialog.accept()
    assert dialog.result() != IndicatorSettingsDialog.DialogCode.Accepted
    assert "Tick the answers that count" in dialog.problemLabel.text()


def test_swhc_indicator_question_points_an_indicator_at_an_own_question_or_refuses_in_one_line(own, capsys):
    from swhc_desktop.cli import main

    from .support.files import sha256
    from .support.own_survey import own_code

    stress, caseload = own_code(own, "I often feel stressed"), own_code(own, "How many children")
    path = own.path
    own.close()
    digest = sha256(path)
    for arguments, said in (
        (("stressed", caseload), "Choose a question with answers to choose from"),
        (("stressed", stress, "--answers", "agree,yes"), "has no answer 'yes'"),
        (("stress", stress), "There is no headline indicator 'stress'. The indicators are: response_rate, "),
        (("stressed", "q99"), "Cycle 2026 has no question 'q99'"),
    ):
        assert main(["indicator-question", str(path), "2026", *arguments]) == 2
        captured = capsys.readouterr()
        assert said in captured.err and captured.err.count("\n") == 1 and captured.out == ""
    assert sha256(path) == digest
    assert main(["indicator-question", str(path), "2026", "stressed", stress, "--answers", "strongly_agree"]) == 0
    out = capsys.readouterr().out
    assert out == f"Feeling stressed is now taken from question '{stress}', counting: Strongly agree.\n"
    assert main(["indicators", str(path), "2026", "--format", "json"]) == 0
    rows = {row["key"]: row for row in json.loads(capsys.readouterr().out)}
    assert float(rows["stressed"]["value"]) == 15  # 3 of 20 strongly agree


def test_answers_ticked_for_a_question_are_found_as_left_on_going_back_to_it(own, qtbot, monkeypatch):
    """Trying another question for an indicator and coming back never loses the answers the PSW ticked."""
    from swhc_desktop.analysis.indicators import load_indicators
    from swhc_desktop.gui.findings.dashboard import IndicatorSettingsDialog
    from swhc_desktop.gui.findings.indicator_questions import AnswersDialog

    dialog = IndicatorSettingsDialog(load_indicators(own), None, own.questionnaires.load(own.cycles.by_name("2026").id))
    qtbot.addWidget(dialog)
    chooser = next(c for c in dialog.choosers if c.indicator.key == "stressed")
    combo = chooser.questionCombo
    mine = combo.findText("i_often_feel_stressed", Qt.MatchFlag.MatchStartsWith)
    other = next(i for i in range(combo.count()) if i != mine and combo.itemData(i) in chooser.questions)
    combo.setCurrentIndex(mine)

    def only_strongly_agree(answers: AnswersDialog) -> int:
        answers.answerList.item(1).setCheckState(Qt.CheckState.Unchecked)
        answers.accept()
        return answers.result()

    monkeypatch.setattr(AnswersDialog, "exec", only_strongly_agree)
    chooser.answersButton.click()
    assert chooser.answersButton.toolTip() == "Counts: Strongly agree"
    combo.setCurrentIndex(other)
    assert chooser.answersButton.toolTip() != "Counts: Strongly agree"
    combo.setCurrentIndex(mine)
    assert chooser.answersButton.toolTip() == "Counts: Strongly agree"
