"""In the app, every Save dialog refuses the health-check file itself (or any other), in a message, leaving the file
byte for byte as it was: the designer's hand-outs, the action plan's documents and export, the Reports page's
documents and exports, a chart's Save as, and File > New."""

from __future__ import annotations

import shutil

from swhc_desktop.gui.action_plan import page as action_plan_module
from swhc_desktop.gui.common import chart_view as chart_view_module
from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.common import output_files as output_files_module
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.common.chart_view import ChartView
from swhc_desktop.gui.designer import page as designer_module
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.dialogs import NewFileChoice, NewFileDialog
from swhc_desktop.gui.main_window import MainWindow

from .support.files import sha256
from .support.pages import add_main_window


def saving_to(monkeypatch, module, path) -> None:
    monkeypatch.setattr(module.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def told(monkeypatch, module, name: str = "show_problem") -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(module, name, lambda parent, error: messages.append(str(error)))
    return messages


def test_the_designers_hand_outs_are_never_saved_over_the_file(hc, make_page, monkeypatch, tmp_path):
    page = make_page(DesignerPage)
    page.show_cycle(hc, hc.cycles.by_name("2019"))
    messages = told(monkeypatch, output_files_module)
    other = tmp_path / "another.swhc"
    shutil.copyfile(hc.path, other)
    before = sha256(other)
    for target in (hc.path, other):
        saving_to(monkeypatch, designer_module, target)
        page.make_report("paper-form")
        page.make_export(next(k for k in designer_module.EXPORT_KINDS if k.what == "template"))
    assert len(messages) == 4 and "destroy it" in messages[0] and "health-check file" in messages[2]
    assert sha256(other) == before and hc.value("SELECT count(*) FROM responses") == 532


def test_the_action_plans_documents_are_never_saved_over_the_file(hc, make_page, monkeypatch):
    page = make_page(ActionPlanPage)
    page.show_cycle(hc, hc.cycles.by_name("2019"))
    messages = told(monkeypatch, output_files_module)
    saving_to(monkeypatch, action_plan_module, hc.path)
    page.save_report("action-plan")
    page.export_plan()
    assert len(messages) == 2
    assert all("destroy it" in m or "health-check file" in m for m in messages)
    assert hc.value("SELECT count(*) FROM responses") == 532


def test_the_reports_pages_outputs_are_never_saved_over_the_file(hc, make_page, monkeypatch):
    outputs = make_page.output_files
    messages = told(monkeypatch, output_files_module)
    monkeypatch.setattr(outputs, "choose_file", lambda *args: hc.path)
    cycle = hc.cycles.by_name("2019")
    outputs.make_report(hc, cycle, "findings")
    outputs.export(hc, cycle, "tables", "xlsx")
    assert len(messages) == 2
    assert all("health-check file" in m for m in messages)


def test_a_chart_is_never_saved_over_a_health_check_file(qtbot, hc, monkeypatch):
    from swhc_desktop.outputs.charts.question_charts import question_chart

    view = ChartView()
    qtbot.addWidget(view)
    cycle = hc.cycles.by_name("2019")
    view.show_figure(question_chart(hc, cycle, "team"))
    messages = told(monkeypatch, chart_view_module)
    view.save_to(hc.path)
    refusals = told(monkeypatch, output_files_module)
    saving_to(monkeypatch, chart_view_module, hc.path)
    view.save_as()
    assert len(messages) == 1 and "health-check file" in messages[0] and len(refusals) == 1
    assert hc.value("SELECT count(*) FROM responses") == 532


def test_a_new_health_check_never_replaces_an_existing_one(qtbot, settings, folders, demo_path, monkeypatch, tmp_path):
    window = add_main_window(qtbot, MainWindow(settings, folders))
    assert window.open_path(demo_path)
    messages = told(monkeypatch, main_window_module)
    other = tmp_path / "other.swhc"
    shutil.copyfile(demo_path, other)
    before = sha256(other)
    for target in (demo_path, other):
        monkeypatch.setattr(NewFileDialog, "exec", lambda self: NewFileDialog.DialogCode.Accepted)
        monkeypatch.setattr(NewFileDialog, "choice", lambda self, target=target: NewFileChoice("Anytown", "Children's Services", target))
        window.new_file()
    assert len(messages) == 2 and all("never replaces one" in m for m in messages)
    assert sha256(other) == before and window.hc is not None and window.hc.path == demo_path
    window._close_file()
