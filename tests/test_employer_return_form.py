"""The employer return form, driven as a PSW fills it in: suggestions shown with where they came from, answers typed
and chosen, follow-ups opening, workforce figures, undo and redo, mistakes refused, and the PDF made in the
background."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QGroupBox, QLabel

from swhc_desktop.figures.employer_return import ReturnAnswer, stored_answers
from swhc_desktop.figures.workforce import workforce_figures
from swhc_desktop.gui.reports import employer_return_form as form_module
from swhc_desktop.gui.reports.employer_return_form import EmployerReturnForm
from swhc_desktop.gui.reports.page import ReportsPage

from .support.pdf_text import normalised, page_texts


@pytest.fixture
def hc(demo_path_before_workforce_figures, open_files):
    return open_files.open(demo_path_before_workforce_figures)


@pytest.fixture
def form(hc, monkeypatch, make_page):
    problems = []
    monkeypatch.setattr(form_module, "show_problem", lambda parent, error: problems.append(str(error)))
    form = make_page(EmployerReturnForm, parent=make_page.window)
    make_page.window.resize(1200, 700)
    make_page.window.show()
    form.show_cycle(hc, hc.cycles.by_name("2025"))
    form.stack, form.problems, form.cycle_id = make_page.undo_stack, problems, hc.cycles.by_name("2025").id
    return form


def type_into(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def tick(qtbot, box):
    """Click the box itself, at its left end, as a user does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_suggestions_are_shown_with_where_they_came_from(form):
    caseload = form.rows["average_caseload"]
    assert caseload.field.edit.text() == "13.6"
    assert caseload.note.text().startswith("Suggested. From the 2025 staff survey: the average of the")
    assert "Type over it" in caseload.note.text()
    assert form.rows["supervision_frequency"].field.combo.currentText() == "Once a month"
    assert form.rows["contact_council"].field.edit.text() == "Demo Borough Council"
    assert form.rows["co_working"].field.combo.currentText() == "Not answered"
    assert "of 61 questions answered (6 suggested)" in form.returnCountLabel.text()


def test_typing_over_a_suggestion_saves_it_and_undo_brings_the_suggestion_back(form, hc, qtbot):
    caseload = form.rows["average_caseload"]
    type_into(qtbot, caseload.field.edit, "17")
    assert stored_answers(hc, form.cycle_id)["average_caseload"] == ReturnAnswer(number=17)
    assert caseload.note.text().startswith("Your answer. Suggested: 13.6 cases.")
    assert not caseload.use_suggestion.isHidden()
    form.stack.undo()
    assert "average_caseload" not in stored_answers(hc, form.cycle_id)
    assert caseload.field.edit.text() == "13.6" and caseload.use_suggestion.isHidden()
    form.stack.redo()
    assert caseload.field.edit.text() == "17"
    qtbot.mouseClick(caseload.use_suggestion, Qt.MouseButton.LeftButton)
    assert "average_caseload" not in stored_answers(hc, form.cycle_id)
    assert caseload.field.edit.text() == "13.6"


def test_a_number_that_cannot_be_used_is_refused_and_the_box_put_back(form, hc, qtbot):
    posts = form.rows["posts_fte"]
    type_into(qtbot, posts.field.edit, "lots")
    assert form.problems and "'lots' is not a number" in form.problems[-1]
    assert posts.field.edit.text() == ""
    type_into(qtbot, posts.field.edit, "-4")
    assert "cannot be below 0" in form.problems[-1]
    assert stored_answers(hc, form.cycle_id) == {}


def test_choosing_yes_opens_the_follow_up_and_its_answer_is_saved(form, hc, qtbot):
    details = form.rows["incident_responses_details"]
    assert not details.field.isEnabled() and details.note.text() == "Only if the answer to 3 is ‘Yes’."
    combo = form.rows["incident_responses"].field.combo
    combo.setCurrentIndex(combo.findData("yes"))
    combo.activated.emit(combo.currentIndex())
    assert details.field.isEnabled() and details.note.isHidden()
    details.field.edit.setFocus()
    qtbot.keyClicks(details.field.edit, "Lone-working review after two incidents.")
    form.rows["flexible_working"].field.combo.setFocus()  # leaving the box saves it
    saved = stored_answers(hc, form.cycle_id)
    assert saved["incident_responses"] == ReturnAnswer(option_codes=("yes",))
    assert saved["incident_responses_details"].text == "Lone-working review after two incidents."


def test_ticks_and_please_specify_are_saved(form, hc, qtbot):
    ticks = form.rows["safety_support"].field
    tick(qtbot, ticks.boxes["mobile_phones"])
    assert not ticks.other.isEnabled()
    tick(qtbot, ticks.boxes["other"])
    assert ticks.other.isEnabled()
    type_into(qtbot, ticks.other, "Lone-working app")
    saved = stored_answers(hc, form.cycle_id)["safety_support"]
    assert saved == ReturnAnswer(option_codes=("mobile_phones", "other"), text="Lone-working app")
    assert form.stack.count() == 3


def test_workforce_figures_are_saved_and_suggest_the_standard_2_answers(form, hc, qtbot):
    type_into(qtbot, form.workforce_edits["establishment_fte"], "284.3")
    assert workforce_figures(hc, form.cycle_id) == {"establishment_fte": 284.3}
    posts = form.rows["posts_fte"]
    assert posts.field.edit.text() == "284.3"
    assert "From the workforce figures for 2025: establishment, 284.3 FTE." in posts.note.text()
    type_into(qtbot, form.workforce_edits["turnover_percent"], "160")
    assert "cannot be more than 100" in form.problems[-1]
    assert form.workforce_edits["turnover_percent"].text() == ""
    form.stack.undo()
    assert workforce_figures(hc, form.cycle_id) == {}
    assert posts.field.edit.text() == ""


def test_another_cycle_shows_its_own_answers(form, hc, qtbot):
    type_into(qtbot, form.rows["contact_name"].field.edit, "Sam Example")
    form.show_cycle(hc, hc.cycles.by_name("2024"))
    assert form.rows["contact_name"].field.edit.text() == ""
    assert form.returnHeading.text().endswith("2024")
    form.show_cycle(hc, hc.cycles.by_name("2025"))
    assert form.rows["contact_name"].field.edit.text() == "Sam Example"


def test_a_read_only_file_can_be_read_but_not_changed(demo_path, open_files, make_page):
    hc = open_files.open(demo_path, read_only=True)
    form = make_page(EmployerReturnForm, parent=make_page.window)
    form.show_cycle(hc, hc.cycles.by_name("2025"))
    assert not form.returnContents.isEnabled() and form.returnPdfButton.isEnabled()
    assert "read-only" in form.returnCountLabel.text()


def test_the_pdf_is_made_in_the_background_from_the_reports_page(qtbot, hc, tmp_path, monkeypatch, make_page):
    page = make_page(ReportsPage, parent=make_page.window)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    out = tmp_path / "return"
    monkeypatch.setattr(page.output_files, "choose_file", lambda *args: out)
    qtbot.mouseClick(page.return_form.returnPdfButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in page.savedLabel.text(), timeout=20000)
    made = tmp_path / "return.pdf"
    assert "return.pdf" in page.savedLabel.text() and "Open it" in page.savedLabel.text()
    text = normalised(" ".join(page_texts(made)))
    assert "Employer return to the Local Government Association" in text and "13.6 cases †" in text


def test_the_councils_own_national_return_rates_are_typed_beside_the_workforce_figures(form, hc, qtbot):
    box = form.findChild(QGroupBox, "workforceBox")
    labels = {label.text() for label in box.findChildren(QLabel)}
    rates = {
        "vacancy_rate": ("Vacancy rate (national return) (%):", "14.6"),
        "agency_rate": ("Agency rate (national return) (%):", "12"),
        "turnover_rate": ("Turnover rate (national return) (%):", "11.5"),
        "sickness_rate": ("Sickness absence rate (national return) (%):", "3.4%"),
    }
    for key, (label, typed) in rates.items():
        edit = form.workforce_edits[key]
        assert label in labels and edit.isVisible() and edit.isEnabled() and not edit.isReadOnly()
        type_into(qtbot, edit, typed)
    assert workforce_figures(hc, form.cycle_id) == {
        "vacancy_rate": 14.6,
        "agency_rate": 12,
        "turnover_rate": 11.5,
        "sickness_rate": 3.4,
    }
    assert form.workforce_edits["sickness_rate"].text() == "3.4"  # shown as kept
    type_into(qtbot, form.workforce_edits["agency_rate"], "130")
    assert "Agency rate (national return) cannot be more than 100%" in form.problems[-1]
    assert workforce_figures(hc, form.cycle_id)["agency_rate"] == 12
    form.stack.undo()
    assert "sickness_rate" not in workforce_figures(hc, form.cycle_id)
    assert form.workforce_edits["sickness_rate"].text() == ""
    form.show_cycle(hc, hc.cycles.by_name("2024"))
    assert form.workforce_edits["vacancy_rate"].text() == ""  # each cycle has its own return
    form.show_cycle(hc, hc.cycles.by_name("2025"))
    assert form.workforce_edits["vacancy_rate"].text() == "14.6"
