"""Only staff-survey templates start a cycle: the 2018 LGA employer return (the council's own answers, with name,
e-mail and posts) is offered nowhere a staff survey is chosen: New cycle, `swhc templates`, `swhc cycle-add
--template` and the question bank. It stays the form of the employer return on the Reports page."""

from __future__ import annotations

import pytest

from swhc_desktop.cli import main
from swhc_desktop.domain.errors import TemplateProblem
from swhc_desktop.figures.employer_return import RETURN_TEMPLATE_ID
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.questionnaires.bank import question_bank
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.questionnaires.templates import (
    TemplateKind,
    list_templates,
    load_template,
    staff_survey_templates,
)
from swhc_desktop.storage import HealthCheckFile

from .support.pages import add_main_window

STAFF_SURVEYS = ["adults-staff-survey", "staff-survey"]


def test_the_employer_return_is_a_form_of_its_own_kind_and_every_other_template_a_staff_survey():
    kinds = {info.id: info.kind for info in list_templates()}
    assert kinds == {
        "adults-staff-survey": TemplateKind.STAFF_SURVEY,
        RETURN_TEMPLATE_ID: TemplateKind.EMPLOYER_RETURN,
        "staff-survey": TemplateKind.STAFF_SURVEY,
    }
    assert [info.id for info in staff_survey_templates()] == STAFF_SURVEYS
    assert load_template(RETURN_TEMPLATE_ID).question_count > 0  # still the employer return's form


def test_a_cycle_cannot_start_from_the_employer_return_and_the_file_is_left_as_it_was(hc):
    before = [c.name for c in hc.cycles.all()]
    with pytest.raises(TemplateProblem) as refused:
        start_cycle(hc, "2027", template_id=RETURN_TEMPLATE_ID)
    assert "is not a staff survey" in str(refused.value)
    assert refused.value.advice == "Start the cycle from a staff-survey template: adults-staff-survey, staff-survey."
    assert [c.name for c in hc.cycles.all()] == before


def test_the_command_line_neither_lists_nor_takes_the_employer_return(tmp_path, capsys):
    path = tmp_path / "Anytown.swhc"
    assert main(["new", str(path), "--org", "Anytown Borough Council"]) == 0
    capsys.readouterr()
    assert main(["templates"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == STAFF_SURVEYS
    assert main(["cycle-add", str(path), "2027", "--template", RETURN_TEMPLATE_ID]) == 2
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "is not a staff survey" in said[0] and "Traceback" not in said[0]
    assert main(["cycles", str(path)]) == 0
    assert "has no cycles yet" in capsys.readouterr().out  # nothing was added


def test_the_question_bank_offers_no_question_of_the_employer_return(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "bank.swhc", "Anytown Borough Council", folders=folders) as hc:
        bank = question_bank(hc)
    sources = {source for entry in bank for source in entry.sources}
    assert sources == {f"Template: {info.title}" for info in staff_survey_templates()}
    assert not [entry for entry in bank if entry.matches("email")]  # no 'Email' for a confidential staff survey


def test_new_cycle_offers_only_staff_survey_templates(qtbot, settings, folders, tmp_path, monkeypatch):
    from swhc_desktop.gui.dialogs import NewCycleDialog

    window = add_main_window(qtbot, MainWindow(settings, folders))
    path = tmp_path / "Anytown.swhc"
    HealthCheckFile.create(path, "Anytown Borough Council", folders=folders).close()
    window.open_path(path)
    offered: list[list[str]] = []

    def look(dialog: NewCycleDialog) -> int:
        combo = dialog.templateCombo
        offered.append([combo.itemData(i) for i in range(combo.count())])
        assert combo.currentData() == "staff-survey"
        return NewCycleDialog.DialogCode.Rejected

    monkeypatch.setattr(NewCycleDialog, "exec", look)
    monkeypatch.setattr(main_window_module, "show_problem", lambda parent, error: pytest.fail(str(error)))
    window.actionNewCycle.trigger()
    assert offered == [STAFF_SURVEYS]
    window._close_file()
