"""Nothing typed is lost without a question: every dialog where the PSW types or ticks asks "Discard what you typed?"
on Escape, Cancel or its close box, answered with the keyboard (Alt+D discards, Alt+K or Escape keeps editing); a
dialog left as it opened, or put back as it was, closes at once. The real question box is answered, as a user would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from swhc_desktop.analysis.indicators import load_indicators
from swhc_desktop.domain.records import Cycle
from swhc_desktop.gui.action_plan.dialogs import ActionDialog, ProgressUpdateDialog
from swhc_desktop.gui.common.unsaved import DISCARD_QUESTION, ask_for_text
from swhc_desktop.gui.cycle_dialogs import EditCycleDialog
from swhc_desktop.gui.designer.dialogs import IntroductionDialog
from swhc_desktop.gui.dialogs import NewCycleDialog, NewFileDialog
from swhc_desktop.gui.findings.comment_chooser import CommentChooserDialog
from swhc_desktop.gui.findings.dashboard import IndicatorSettingsDialog
from swhc_desktop.gui.findings.key_findings import FindingDialog
from swhc_desktop.outputs.content.findings_report import reportable_comments
from swhc_desktop.questionnaires.templates import list_templates
from swhc_desktop.screens.key_findings import key_findings_work

from .support.questions import QuestionAnswerer


@pytest.fixture
def answers(qtbot):
    answerer = QuestionAnswerer(qtbot)
    yield answerer
    answerer.stop()


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def escape(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


def action_dialog(qtbot) -> ActionDialog:
    return shown(qtbot, ActionDialog(None, [], [], ["Head of service"], today=dt.date(2026, 12, 1)))


def test_escape_on_a_half_written_action_asks_and_keep_editing_keeps_every_word(qtbot, answers):
    dialog = action_dialog(qtbot)
    qtbot.keyClicks(dialog.titleEdit, "Book all outstanding appraisals")
    qtbot.keyClicks(dialog.descriptionEdit, "Team managers to book them by March.")
    answers.then("Alt+K")
    escape(qtbot, dialog)
    assert answers.asked == [DISCARD_QUESTION]
    assert answers.buttons == [["&Discard", "&Keep editing"]]
    assert dialog.isVisible() and dialog.titleEdit.text() == "Book all outstanding appraisals"
    assert dialog.descriptionEdit.toPlainText() == "Team managers to book them by March."
    answers.then("Escape")  # Escape on the question is Keep editing too: a second Escape never loses the work
    escape(qtbot, dialog)
    assert len(answers.asked) == 2 and dialog.isVisible()
    answers.then("Alt+D")
    qtbot.mouseClick(dialog.buttonBox.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(answers.asked) == 3 and not dialog.isVisible()
    assert dialog.result() == ActionDialog.DialogCode.Rejected


def test_an_untouched_dialog_and_one_typed_in_and_put_back_close_at_once(qtbot, answers):
    dialog = action_dialog(qtbot)
    escape(qtbot, dialog)
    assert not dialog.isVisible() and answers.asked == []
    dialog = action_dialog(qtbot)
    qtbot.keyClicks(dialog.titleEdit, "Draft")
    for _ in "Draft":
        qtbot.keyClick(dialog.titleEdit, Qt.Key.Key_Backspace)
    dialog.standardCombo.setCurrentIndex(3)
    dialog.standardCombo.setCurrentIndex(0)
    escape(qtbot, dialog)
    assert not dialog.isVisible() and answers.asked == []


def test_a_changed_drop_down_or_tick_counts_as_well_as_typing(qtbot, answers):
    dialog = action_dialog(qtbot)
    dialog.statusCombo.setCurrentIndex(2)
    answers.then("Alt+K")
    escape(qtbot, dialog)
    assert answers.asked == [DISCARD_QUESTION] and dialog.isVisible()


def test_saving_never_asks(qtbot, answers):
    dialog = action_dialog(qtbot)
    qtbot.keyClicks(dialog.titleEdit, "Book all outstanding appraisals")
    dialog.standardCombo.setCurrentIndex(dialog.standardCombo.findData(3))  # a new action has no Standard until chosen
    qtbot.mouseClick(dialog.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert answers.asked == [] and dialog.result() == ActionDialog.DialogCode.Accepted


def test_an_edited_action_asks_only_once_it_differs_from_what_was_saved(qtbot, answers, hc):
    saved = hc.actions.for_cycle(hc.cycles.by_name("2025").id)[0]
    dialog = shown(qtbot, ActionDialog(saved.draft, [], [], hc.actions.owners()))
    escape(qtbot, dialog)
    assert answers.asked == [] and not dialog.isVisible()
    dialog = shown(qtbot, ActionDialog(saved.draft, [], [], hc.actions.owners()))
    qtbot.keyClicks(dialog.titleEdit, " now")
    answers.then("Alt+D")
    escape(qtbot, dialog)
    assert answers.asked == [DISCARD_QUESTION] and not dialog.isVisible()
    assert hc.actions.get(saved.id).title == saved.title


def test_a_half_written_progress_update_asks(qtbot, answers, hc):
    action = hc.actions.for_cycle(hc.cycles.by_name("2025").id)[0]
    dialog = shown(qtbot, ProgressUpdateDialog(action, today=dt.date(2026, 12, 1)))
    qtbot.keyClicks(dialog.textEdit, "Half the appraisals are booked")
    answers.then("Alt+K")
    escape(qtbot, dialog)
    assert answers.asked == [DISCARD_QUESTION] and dialog.isVisible()
    assert dialog.text() == "Half the appraisals are booked"


def test_a_half_written_finding_asks_but_its_evidence_search_is_not_typing(qtbot, answers, hc, make_page):
    from swhc_desktop.gui.findings.key_findings import KeyFindingsView

    view = make_page(KeyFindingsView)
    cycle = hc.cycles.by_name("2025")
    view.show_findings(hc, cycle, key_findings_work(hc, cycle))
    dialog = shown(qtbot, FindingDialog(None, view.data, view))
    qtbot.keyClicks(dialog.evidenceFilter, "stress")
    escape(qtbot, dialog)
    assert answers.asked == [] and not dialog.isVisible()
    dialog = shown(qtbot, FindingDialog(None, view.data, view))
    qtbot.keyClicks(dialog.textEdit, "Fewer staff feel stressed")
    answers.then("Alt+D")
    escape(qtbot, dialog)
    assert answers.asked == [DISCARD_QUESTION] and not dialog.isVisible()


def test_every_other_dialog_with_typing_asks_too(qtbot, answers, hc, tmp_path):
    cycles = [Cycle(1, "2025", "", None, None, None, "", question_count=37)]
    eligible = reportable_comments(hc, hc.cycles.by_name("2025"))
    typed_in = [
        (NewFileDialog(tmp_path), lambda d: qtbot.keyClicks(d.organisationEdit, "Anytown")),
        (NewCycleDialog(cycles, list_templates()), lambda d: qtbot.keyClicks(d.nameEdit, " pilot")),
        (EditCycleDialog(cycles[0], cycles), lambda d: qtbot.keyClicks(d.nameEdit, "2025 pilot")),
        (IntroductionDialog("Dear colleague", "Dear colleague"), lambda d: qtbot.keyClicks(d.introductionEdit, "!")),
        (IndicatorSettingsDialog(load_indicators(hc)), lambda d: d.rows[0][2].setValue(d.rows[0][2].value() - 1)),
        (CommentChooserDialog(eligible, set(), len(eligible), 10), lambda d: d.items[0].setCheckState(0, Qt.Checked)),
    ]
    for dialog, type_in in typed_in:
        shown(qtbot, dialog)
        type_in(dialog)
        answers.then("Alt+K")
        escape(qtbot, dialog)
        assert answers.asked[-1] == DISCARD_QUESTION and dialog.isVisible(), type(dialog).__name__
        answers.then("Alt+D")
        escape(qtbot, dialog)
        assert not dialog.isVisible(), type(dialog).__name__
    assert len(answers.asked) == 2 * len(typed_in)


def test_a_theme_name_half_typed_asks_and_an_untouched_one_does_not(qtbot, answers):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def type_then_escape(text: str) -> None:
        box = QApplication.activeModalWidget()
        edit = box.findChild(QLineEdit)
        if text:
            qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Escape)

    QTimer.singleShot(50, lambda: type_then_escape(""))
    assert ask_for_text(None, "Add a theme", "Theme name:") is None and answers.asked == []
    answers.then("Alt+D")
    QTimer.singleShot(50, lambda: type_then_escape("Lone work"))
    assert ask_for_text(None, "Add a theme", "Theme name:") is None and answers.asked == [DISCARD_QUESTION]


def test_the_question_before_discarding_is_worded_in_one_place_only():
    """Paper returns once asked 'The return you are typing has not been saved.' with 'Keep typing', every other window
    'Discard what you typed?' with 'Keep editing': the words now live in gui/common/unsaved.py alone."""
    import re
    from pathlib import Path

    import swhc_desktop

    package = Path(swhc_desktop.__file__).parent
    wording = re.compile(r"Keep typing|Keep editing|Discard what|has not been saved|&Discard")
    elsewhere = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if path.name != "unsaved.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if wording.search(line)
    ]
    assert elsewhere == []
