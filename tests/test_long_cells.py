"""Long text never fills a table: an action, a progress update pasted from an email, a finding or a comment of a
thousand characters is shown in a row of a few lines, shortened, and the whole of it is in the row's tooltip (wrapped
to be read, not one line across the screen) and in the pane beside the table."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolTip

from swhc_desktop.analysis.comment_help import CommentHelp
from swhc_desktop.analysis.comments import Comment
from swhc_desktop.domain.records import ActionDraft, FindingKind
from swhc_desktop.gui.action_plan.model import COLUMNS
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.common.long_text import SHOWN_LINES, whole_text_tooltip
from swhc_desktop.gui.findings.comment_chooser import CHOOSER_LINES, CommentChooserDialog
from swhc_desktop.gui.findings.comments import COMMENT_COLUMN, CommentsView
from swhc_desktop.gui.findings.key_findings import KeyFindingsView
from swhc_desktop.screens.key_findings import key_findings_work

TODAY = dt.date(2026, 12, 1)
# What the walk-through pasted: three sentences from an email, three times over (about 1,100 characters).
EMAIL = (
    "Team managers met on Tuesday and agreed that every social worker will have their appraisal booked by the end of "
    "January, with the principal social worker checking the diary each fortnight and chasing any gaps. Two teams "
    "are behind because of sickness and a vacancy, and their managers have asked for cover from the practice "
    "development team so that no appraisal is put off again. "
) * 3


def lines_tall(view, height: int) -> float:
    return height / view.fontMetrics().lineSpacing()


def plain(tooltip: str) -> str:
    """A tooltip's words, as the user reads them."""
    text = re.sub(r"<[^>]+>", "", tooltip)
    return " ".join(text.replace("&#x27;", "'").replace("&amp;", "&").split())


def assert_tooltip_wraps_whole(tooltip: str, text: str) -> None:
    assert plain(tooltip) == " ".join(text.split())  # every word of it
    assert tooltip.startswith("<p")  # as a paragraph, which Qt wraps; a plain-text tooltip is one line, however long


@pytest.fixture
def plan(hc, make_page, qtbot):
    cycle = hc.cycles.by_name("2025")
    action_id = hc.actions.add(cycle.id, ActionDraft(standard=4, title="Book every appraisal " * 20))
    hc.actions.add_update(action_id, dt.date(2026, 11, 20), EMAIL)
    page = make_page(ActionPlanPage, parent=make_page.window, today=lambda: TODAY)
    make_page.window.resize(1366, 728)
    make_page.window.show()
    page.resize(1180, 640)
    qtbot.waitExposed(page)
    page.show_cycle(hc, cycle)
    page.select(action_id)
    return page


def test_a_1100_character_update_takes_a_few_lines_of_the_plan_and_is_read_whole_in_the_tooltip_and_pane(plan, qtbot):
    table = plan.actionTable
    row = table.selectionModel().selectedRows()[0].row()
    height = table.rowHeight(row)
    assert lines_tall(table, height) <= SHOWN_LINES + 1
    assert height < table.viewport().height() / 3  # the rest of the plan is still in view
    update = plan.proxy.index(row, COLUMNS.index("Latest update"))
    assert_tooltip_wraps_whole(update.data(Qt.ItemDataRole.ToolTipRole), "20/11/2026: " + EMAIL)
    title = plan.proxy.index(row, COLUMNS.index("Action"))
    assert_tooltip_wraps_whole(title.data(Qt.ItemDataRole.ToolTipRole), "Book every appraisal " * 20)
    assert " ".join(EMAIL.split()) in " ".join(plan.detailView.toPlainText().split())  # and whole in the pane


def test_the_tooltip_is_shown_wrapped_within_the_screen(plan, qtbot):
    table = plan.actionTable
    row = table.selectionModel().selectedRows()[0].row()
    index = plan.proxy.index(row, COLUMNS.index("Latest update"))
    cell = table.visualRect(index)
    QToolTip.showText(table.viewport().mapToGlobal(cell.center()), index.data(Qt.ItemDataRole.ToolTipRole), table)
    qtbot.waitUntil(QToolTip.isVisible)
    tip = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label" and w.isVisible())
    screen = table.screen().availableGeometry()
    assert tip.width() < screen.width() * 0.8  # wrapped, not one line running off the screen
    assert tip.height() > 3 * tip.fontMetrics().lineSpacing()
    QToolTip.hideText()


def test_short_text_keeps_its_row_short_and_its_tooltip_plain(plan):
    column = COLUMNS.index("Owner")
    assert whole_text_tooltip("Heads of Service") == "Heads of Service"
    owners = [plan.proxy.index(r, column).data(Qt.ItemDataRole.ToolTipRole) for r in range(plan.proxy.rowCount())]
    assert "Heads of Service" in owners


def test_text_with_markup_in_a_long_tooltip_is_shown_as_typed():
    text = "<b>not bold</b> & " + "x " * 60
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp;" in whole_text_tooltip(text)


def test_a_finding_of_a_thousand_characters_takes_a_few_lines_of_the_key_findings(hc, make_page, qtbot):
    cycle = hc.cycles.by_name("2025")
    hc.findings.add(cycle.id, FindingKind.IMPROVEMENT, EMAIL)
    view = make_page(KeyFindingsView)
    view.resize(1180, 640)
    view.show()
    qtbot.waitExposed(view)
    view.show_findings(hc, cycle, key_findings_work(hc, cycle))
    item = next(i for i in view.finding_items() if i.text(0) == EMAIL.strip())
    height = view.findingTree.visualItemRect(item).height()
    assert 2 <= lines_tall(view.findingTree, height) <= SHOWN_LINES + 1
    assert_tooltip_wraps_whole(item.toolTip(0), EMAIL)
    view.findingTree.setCurrentItem(item)
    assert " ".join(EMAIL.split()) in " ".join(view.findingDetail.toPlainText().split())


def comments_of(hc, texts: list[str]) -> list[Comment]:
    cycle = hc.cycles.by_name("2025")
    question = next(q for q in hc.questionnaires.load(cycle.id).questions() if q.qtype.value == "text")
    return [Comment(1000 + n, question, text, "", frozenset()) for n, text in enumerate(texts)]


def comments_shown(hc, make_page, qtbot, size: tuple[int, int], texts: list[str]) -> CommentsView:
    """The Comments tab on screen at `size`, showing these comments (no themes, nothing suggested)."""
    view = make_page(CommentsView)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.show_comments(hc, comments_of(hc, texts), [], "", helped=CommentHelp(()))
    return view


def test_a_comment_of_a_thousand_characters_takes_a_few_lines_of_the_comments_table(hc, make_page, qtbot):
    view = comments_shown(hc, make_page, qtbot, (1180, 600), [EMAIL, "Short and sweet."])
    table = view.commentTable
    long_row = next(r for r in range(table.rowCount()) if table.item(r, COMMENT_COLUMN).text() == EMAIL)
    assert 2 <= lines_tall(table, table.rowHeight(long_row)) <= SHOWN_LINES + 1
    assert_tooltip_wraps_whole(table.item(long_row, COMMENT_COLUMN).toolTip(), EMAIL)


def test_the_selected_comment_is_read_whole_in_the_pane_below_the_table_from_the_keyboard(hc, make_page, qtbot):
    """Nothing in these comments is kept out of print: the pane still shows each whole, as the tooltip does, and a
    keyboard user reaches it with Tab and reads it (the table shows a few lines, the tooltip needs a mouse)."""
    view = comments_shown(hc, make_page, qtbot, (1366, 640), [EMAIL, "Short & <sweet>."])
    table = view.commentTable
    for text in (EMAIL, "Short & <sweet>."):
        row = next(r for r in range(table.rowCount()) if table.item(r, COMMENT_COLUMN).text() == text)
        cell = table.visualItemRect(table.item(row, COMMENT_COLUMN))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
        shown = plain(view.commentDetailLabel.text()).replace("&lt;", "<").replace("&gt;", ">")
        assert " ".join(text.split()) in shown
        assert "Nothing in it is kept out of print." in shown
    pane = view.commentDetailLabel
    assert pane.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert pane.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert view.commentDetailScroll.height() < table.height()  # a long comment scrolls in the pane; the table stays


def test_a_long_comment_to_choose_for_the_report_takes_a_few_lines_and_is_whole_in_its_tooltip(hc, qtbot):
    chooser = CommentChooserDialog(comments_of(hc, [EMAIL, "Short and sweet."]), set(), total=2, minimum=10)
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.waitExposed(chooser)
    item = next(i for i in chooser.items if i.text(0) == EMAIL.strip())
    height = chooser.commentTree.visualItemRect(item).height()
    assert 2 <= lines_tall(chooser.commentTree, height) <= CHOOSER_LINES + 1
    assert_tooltip_wraps_whole(item.toolTip(0), EMAIL)


def test_one_endless_word_is_shortened_in_its_row_and_its_tooltip_wraps_within_the_screen(hc, make_page, qtbot):
    link = "https://intranet.example.gov.uk/" + "x" * 2000
    cycle = hc.cycles.by_name("2025")
    action_id = hc.actions.add(cycle.id, ActionDraft(standard=4, title="Read the guidance"))
    hc.actions.add_update(action_id, dt.date(2026, 11, 20), link)
    page = make_page(ActionPlanPage, today=lambda: TODAY)
    page.resize(1180, 640)
    page.show()
    qtbot.waitExposed(page)
    page.show_cycle(hc, cycle)
    page.select(action_id)
    table = page.actionTable
    row = table.selectionModel().selectedRows()[0].row()
    assert lines_tall(table, table.rowHeight(row)) <= SHOWN_LINES + 1
    tooltip = page.proxy.index(row, COLUMNS.index("Latest update")).data(Qt.ItemDataRole.ToolTipRole)
    assert plain(tooltip).replace("\u200b", "") == "20/11/2026: " + link  # every character, breakable for the tooltip
    QToolTip.showText(table.viewport().mapToGlobal(table.visualRect(table.currentIndex()).center()), tooltip, table)
    qtbot.waitUntil(QToolTip.isVisible)
    tip = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label" and w.isVisible())
    assert tip.width() <= table.screen().availableGeometry().width()
    QToolTip.hideText()


def test_a_long_finding_takes_a_few_lines_of_the_new_action_dialog_and_is_whole_in_its_tooltip(hc, qtbot):
    from swhc_desktop.domain.records import Finding
    from swhc_desktop.gui.action_plan.dialogs import ActionDialog

    cycle = hc.cycles.by_name("2025")
    findings = [Finding(1, cycle.id, FindingKind.IMPROVEMENT, EMAIL.strip(), 1), *hc.findings.for_cycle(cycle.id)]
    dialog = ActionDialog(None, findings, [], [], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.findingList.item(0)
    height = dialog.findingList.visualItemRect(item).height()
    assert 2 <= lines_tall(dialog.findingList, height) <= SHOWN_LINES + 1
    assert height < dialog.findingList.viewport().height() / 2  # the other findings are still in view
    assert_tooltip_wraps_whole(item.toolTip(), "Area for improvement: " + EMAIL)


def test_a_long_question_in_the_new_action_dialog_wraps_never_scrolls_sideways_and_is_whole_to_the_keyboard(hc, qtbot):
    from swhc_desktop.gui.action_plan.dialogs import ActionDialog

    long_title = (
        "I feel stressed by my job because of the number of cases I hold, the travelling between visits across the "
        "county and the recording that follows each visit, which I often finish at home in the evening"
    )
    endless = "https://intranet.example.gov.uk/" + "x" * 300
    questions = [("valued", "I feel valued"), ("stressed", long_title), ("link", endless)]
    dialog = ActionDialog(None, [], questions, [], today=TODAY)
    qtbot.addWidget(dialog)
    dialog.resize(720, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    listed = dialog.questionList
    assert listed.horizontalScrollBar().maximum() == 0, "the list scrolls sideways"
    long_item, endless_item = listed.item(1), listed.item(2)
    assert 2 <= lines_tall(listed, listed.visualItemRect(long_item).height()) <= SHOWN_LINES + 1
    assert listed.visualItemRect(endless_item).right() <= listed.viewport().width() + 1
    assert_tooltip_wraps_whole(long_item.toolTip(), long_title)
    # From the keyboard: the item read out is the whole question, and Space ticks it.
    listed.setFocus()
    qtbot.keyClick(listed, Qt.Key.Key_Down)
    qtbot.keyClick(listed, Qt.Key.Key_Down)
    assert listed.currentItem() is long_item
    assert long_item.data(Qt.ItemDataRole.DisplayRole) == long_title
    qtbot.keyClick(listed, Qt.Key.Key_Space)
    assert long_item.checkState() == Qt.CheckState.Checked
