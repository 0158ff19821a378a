"""Questions that share a stem (the statements of a Qualtrics matrix) are told apart wherever a list shows their
titles: the designer's tree, and the import wizard's question lists, as its column list already does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt

from swhc_desktop.domain.questionnaire import Question, QuestionType
from swhc_desktop.domain.titles import question_titles
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.designer.tree import KEY_ROLE
from swhc_desktop.gui.responses.import_wizard import MAPPING_PAGE, ImportWizard
from swhc_desktop.importing.infer import start_cycle_from_export

MATRIX = (
    Path(__file__).parent / "fixtures" / "real-exports" / "qualtrics" / "Single_Answer_Matrix_Questions (Insights).csv"
)
SAMPLE = Path(__file__).parent / "fixtures" / "real-exports" / "qualtrics" / "Sample_Survey (Insights).csv"


def test_a_question_that_shares_no_stem_keeps_its_whole_wording_and_statements_keep_their_ends():
    stem = "This is a likert matrix single answer question. Please rate how you feel about each fruit. - "
    long_alone = (
        "How many hours do you work in a typical week, including any work done at home or outside office hours?"
    )
    questions = [Question(f"q{i}", stem + fruit, QuestionType.SCALE) for i, fruit in enumerate(("Oranges", "Kiwis"))]
    questions.append(Question("hours", long_alone, QuestionType.NUMBER))
    titles = question_titles(questions, 60)
    assert titles["hours"] == long_alone
    assert titles["q0"].endswith("- Oranges") and titles["q1"].endswith("- Kiwis")
    assert len(titles["q0"]) <= 60


def tree_titles(page: DesignerPage) -> list[str]:
    model = page.proxy
    titles = []
    for section in range(model.rowCount()):
        parent = model.index(section, 0)
        titles += [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]
    return titles


def test_the_designer_s_tree_tells_matrix_statements_apart_at_the_width_it_has(qtbot, tmp_path, open_files, make_page):
    hc = open_files.create(tmp_path / "matrix.swhc", "Anytown Borough Council")
    start_cycle_from_export(hc, "2026", MATRIX)
    page = make_page(DesignerPage)
    page.resize(1326, 600)  # the page's room in the window at 1366x768
    page.show()
    qtbot.waitExposed(page)
    page.show_cycle(hc, hc.cycles.by_name("2026"))
    titles = tree_titles(page)
    questionnaire = hc.questionnaires.load(hc.cycles.by_name("2026").id)
    texts = [q.text for q in questionnaire.questions()]
    assert len(titles) == len(texts) == 15
    # What the PSW sees: each title as the tree draws it in its column, eliding in the middle.
    tree = page.questionTree
    width = tree.columnWidth(0) - tree.indentation() - 8
    seen = [tree.fontMetrics().elidedText(t, tree.textElideMode(), width) for t in titles]
    assert len(set(seen)) == len(set(texts)), seen
    for shown, text in zip(seen, texts, strict=True):
        statement = text.rsplit("-", 1)[1].strip()
        assert shown.endswith(statement[-11:]), (shown, text)  # the end that tells the statements apart
    # The whole wording is one hover away.
    first = page.model.index(0, 0, page.model.index(0, 0))
    assert texts[0] in first.data(Qt.ItemDataRole.ToolTipRole)
    assert first.data(KEY_ROLE).question_code == questionnaire.sections[0].questions[0].code


def test_the_wizard_s_question_list_tells_matrix_statements_apart(qtbot, tmp_path, open_files, make_page):
    hc = open_files.create(tmp_path / "sample.swhc", "Anytown Borough Council")
    cycle = start_cycle_from_export(hc, "2026", SAMPLE).cycle
    wizard = make_page(ImportWizard, hc, cycle, parent=make_page.window)
    wizard.show()
    wizard.load(SAMPLE)
    qtbot.waitUntil(lambda: wizard.preview is not None)
    wizard.next()
    assert wizard.currentId() == MAPPING_PAGE
    combo = wizard.mappingTable.cellWidget(2, 1)
    choices = [combo.itemText(i).rsplit(" [", 1)[0] for i in range(1, combo.count())]
    assert len(set(choices)) == len(choices)
    oranges = [c for c in choices if "likert matrix single answer" in c]
    assert oranges and all(c.endswith(("Oranges", "Blueberries", "Strawberries")) for c in oranges), oranges


def test_the_question_explorer_s_list_tells_matrix_statements_apart_at_its_width(qtbot, tmp_path, open_files):
    from swhc_desktop.gui.findings.explorer import QuestionExplorer

    hc = open_files.create(tmp_path / "sample.swhc", "Anytown Borough Council")
    cycle = start_cycle_from_export(hc, "2026", SAMPLE).cycle
    questionnaire = hc.questionnaires.load(cycle.id)
    explorer = QuestionExplorer()
    qtbot.addWidget(explorer)
    explorer.resize(1180, 600)
    explorer.show()
    qtbot.waitExposed(explorer)
    explorer.set_questionnaire(questionnaire)
    listed = explorer.questionList
    assert listed.wordWrap()  # wrapped whole, never elided
    shown_questions = [q for q in questionnaire.questions() if q.qtype is not QuestionType.TEXT]
    labels = [listed.item(r).text().split(". ", 1)[1] for r in range(listed.count())]
    assert len(labels) == len(shown_questions) > 20
    label_of: dict[str, set[str]] = {}
    for question, label in zip(shown_questions, labels, strict=True):
        label_of.setdefault(" ".join(question.title.split()), set()).add(label)
    titles = list(label_of)
    for i, title in enumerate(titles):  # questions whose titles differ are listed apart
        for other in titles[i + 1 :]:
            assert not label_of[title] & label_of[other], (title, other)
    longest = max(range(listed.count()), key=lambda r: len(listed.item(r).text()))
    rect = listed.visualItemRect(listed.item(longest))
    needed = listed.fontMetrics().boundingRect(
        QRect(0, 0, rect.width() - 8, 10_000), Qt.TextFlag.TextWordWrap, listed.item(longest).text()
    )
    assert needed.height() <= rect.height()


def test_the_indicator_question_list_tells_matrix_statements_apart():
    from swhc_desktop.gui.findings.indicator_questions import question_labels

    stem = "This is a likert matrix single answer question. Please rate how you feel about each fruit. - "
    questions = [Question(f"q{i}", stem + f, QuestionType.SCALE) for i, f in enumerate(("Oranges", "Kiwis", "Figs"))]
    labels = question_labels(questions)
    assert [label.rsplit(" ", 1)[1] for label in labels.values()] == ["Oranges", "Kiwis", "Figs"]
