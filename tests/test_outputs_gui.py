"""In the app, every Save dialog refuses the health-check file itself (or any other), in a message, leaving the file
byte for byte as it was: the designer's hand-outs, the action plan's documents and export, the Reports page's
documents and exports, a chart's Save as, and File > New. Every document saved is offered to be opened, and one that
fails in the background is explained in one message."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QUndoStack

from swhc_desktop.gui import main_window as main_window_module
from swhc_desktop.gui.action_plan.page import ActionPlanPage
from swhc_desktop.gui.common import chart_view as chart_view_module
from swhc_desktop.gui.common import output_files as output_files_module
from swhc_desktop.gui.common.chart_view import ChartView
from swhc_desktop.gui.common.output_files import OutputFiles
from swhc_desktop.gui.designer.page import DesignerPage
from swhc_desktop.gui.dialogs import NewFileChoice, NewFileDialog
from swhc_desktop.gui.main_window import MainWindow
from swhc_desktop.outputs.exports.kinds import EXPORT_KINDS
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256
from .support.pages import add_main_window


def saving_to(monkeypatch, path, chosen_filter: str = "") -> list[tuple]:
    """The user's answer to the app's one Save dialog; what the dialog was asked is recorded."""
    asked: list[tuple] = []
    monkeypatch.setattr(
        output_files_module.QFileDialog,
        "getSaveFileName",
        lambda *args, **kwargs: asked.append(args) or (str(path), chosen_filter),
    )
    return asked


def told(monkeypatch, module, name: str = "show_problem") -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(module, name, lambda parent, error: messages.append(str(error)))
    return messages


def test_the_designers_hand_outs_are_never_saved_over_the_file(hc, make_page, monkeypatch, tmp_path):
    page = make_page(DesignerPage)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    messages = told(monkeypatch, output_files_module)
    other = tmp_path / "another.swhc"
    shutil.copyfile(hc.path, other)
    before = sha256(other)
    for target in (hc.path, other):
        saving_to(monkeypatch, target)
        page.hand_outs.make_report("paper-form")
        page.hand_outs.make_export(next(k for k in EXPORT_KINDS if k.what == "template"))
    assert len(messages) == 4 and "destroy it" in messages[0] and "health-check file" in messages[2]
    assert sha256(other) == before and hc.value("SELECT count(*) FROM responses") == 532


def test_the_action_plans_documents_are_never_saved_over_the_file(hc, make_page, monkeypatch):
    page = make_page(ActionPlanPage)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    messages = told(monkeypatch, output_files_module)
    saving_to(monkeypatch, hc.path)
    page.save_report("action-plan")
    page.export_plan()
    assert len(messages) == 2
    assert all("destroy it" in m or "health-check file" in m for m in messages)
    assert hc.value("SELECT count(*) FROM responses") == 532


def test_the_reports_pages_outputs_are_never_saved_over_the_file(hc, make_page, monkeypatch):
    outputs = make_page.output_files
    messages = told(monkeypatch, output_files_module)
    monkeypatch.setattr(outputs, "choose_file", lambda *args: hc.path)
    cycle = hc.cycles.by_name("2025")
    outputs.make_report(hc, cycle, "findings")
    outputs.export(hc, cycle, "tables", "xlsx")
    assert len(messages) == 2
    assert all("health-check file" in m for m in messages)


def test_a_chart_is_never_saved_over_a_health_check_file(qtbot, hc, monkeypatch):
    from swhc_desktop.outputs.charts.question_charts import question_chart

    view = ChartView()
    qtbot.addWidget(view)
    cycle = hc.cycles.by_name("2025")
    view.show_figure(question_chart(hc, cycle, "team"))
    messages = told(monkeypatch, chart_view_module)
    view.save_to(hc.path)
    refusals = told(monkeypatch, output_files_module)
    saving_to(monkeypatch, hc.path)
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
        monkeypatch.setattr(
            NewFileDialog, "choice", lambda self, target=target: NewFileChoice("Anytown", "Children's Services", target)
        )
        window.new_file()
    assert len(messages) == 2 and all("never replaces one" in m for m in messages)
    assert sha256(other) == before and window.hc is not None and window.hc.path == demo_path
    window._close_file()


# --------------------------------------------------------------------------- saving, then offering to open


@pytest.fixture
def answered(monkeypatch) -> dict[str, list]:
    """What the one way of saving asks and opens, recorded instead of shown: 'Open it?' is answered yes."""
    from swhc_desktop.gui.common import printing

    record: dict[str, list] = {"asked": [], "opened": []}
    monkeypatch.setattr(
        output_files_module,
        "ask",
        lambda parent, title, question, detail="", **kwargs: record["asked"].append(question) or True,
    )
    monkeypatch.setattr(printing, "open_in_viewer", lambda path, parent: record["opened"].append(path) or True)
    return record


def designer_page(qtbot, hc, tasks) -> DesignerPage:
    page = DesignerPage(QUndoStack(), tasks)
    qtbot.addWidget(page)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    return page


@pytest.mark.parametrize(
    "menu_item, answer, chosen_filter, saved, question",
    [
        ("Paper form (PDF)…", "form", "", "form.pdf", "The paper form is saved as form.pdf."),
        (
            "Response template (Excel workbook, CSV file)…",
            "template",
            "CSV file (*.csv)",
            "template.csv",
            "The response template is saved as template.csv.",
        ),
        (
            "Question list (Word document, Text file)…",
            "questions.txt",
            "",
            "questions.txt",
            "The question list is saved as questions.txt.",
        ),
    ],
)
def test_the_designers_hand_outs_are_saved_and_offered_to_be_opened(
    qtbot, hc, tasks, monkeypatch, tmp_path, answered, menu_item, answer, chosen_filter, saved, question
):
    page = designer_page(qtbot, hc, tasks)
    out = tmp_path / "hand-outs"
    out.mkdir()
    asked_where = saving_to(monkeypatch, out / answer, chosen_filter)
    menu = {a.text(): a for a in page.hand_outs.menu.actions()}
    with qtbot.waitSignal(page.status_message, timeout=30000) as said:
        menu[menu_item].trigger()
    qtbot.waitUntil(lambda: bool(answered["opened"]), timeout=30000)
    assert answered["asked"] == [question] and answered["opened"] == [out / saved]
    assert said.args == [f"Saved {question.split(' is saved')[0].lower()} for 2025 as {out / saved}."]
    assert (out / saved).stat().st_size > 0 and [p.name for p in out.iterdir()] == [saved]  # nothing half made left
    # Asked where beside the health check's own folder, under the name the hand-out goes by.
    assert asked_where[0][2].startswith(str(hc.path.parent / menu_item.split(" (")[0]))


@pytest.mark.parametrize(
    "make, answer, chosen_filter, saved, question",
    [
        (
            lambda page: page.save_report("you-said-we-did"),
            "for staff",
            "",
            "for staff.pdf",
            "'You said, we did' is saved as for staff.pdf.",
        ),
        (
            lambda page: page.export_plan(),
            "plan",
            "CSV file (*.csv)",
            "plan.csv",
            "The action plan is saved as plan.csv.",
        ),
    ],
)
def test_the_action_plans_documents_are_saved_and_offered_to_be_opened(
    qtbot, hc, tasks, monkeypatch, tmp_path, answered, make, answer, chosen_filter, saved, question
):
    page = ActionPlanPage(QUndoStack(), tasks)
    qtbot.addWidget(page)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    saving_to(monkeypatch, tmp_path / answer, chosen_filter)
    make(page)
    qtbot.waitUntil(lambda: bool(answered["opened"]), timeout=30000)
    assert answered["asked"] == [question] and answered["opened"] == [tmp_path / saved]
    assert (tmp_path / saved).stat().st_size > 0


def test_the_reports_pages_documents_are_offered_to_be_opened_where_it_says_they_went(
    qtbot, hc, tasks, monkeypatch, tmp_path, answered
):
    from PySide6.QtWidgets import QWidget

    from swhc_desktop.gui.reports import page as reports_module
    from swhc_desktop.gui.reports.page import ReportsPage

    opened = []
    monkeypatch.setattr(reports_module, "open_in_viewer", lambda path, parent: opened.append(path) or True)
    host = QWidget()
    qtbot.addWidget(host)
    page = ReportsPage(tasks, QUndoStack(host), host)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    saving_to(monkeypatch, tmp_path / "tables")
    page.output_files.export(hc, hc.cycles.by_name("2025"), "tables", "xlsx")
    qtbot.waitUntil(lambda: "Saved" in page.savedLabel.text(), timeout=30000)
    assert answered["asked"] == [], "the page says where it went, with a link, instead of asking"
    link = next(part.split("'")[0] for part in page.savedLabel.text().split("href='")[1:])
    page.savedLabel.linkActivated.emit(link)
    assert opened == [tmp_path / "tables.xlsx"]


# --------------------------------------------------------------------------- failing in the background


def test_a_document_that_cannot_be_saved_is_explained_once_and_nothing_is_offered(
    qtbot, hc, tasks, monkeypatch, tmp_path, answered
):
    """The folder chosen goes (a memory stick taken out) while the paper form waits its turn behind other work."""
    import threading

    from swhc_desktop.gui.common import messages

    problems = told(monkeypatch, messages)
    page = designer_page(qtbot, hc, tasks)
    stick = tmp_path / "memory stick"
    stick.mkdir()
    saving_to(monkeypatch, stick / "form.pdf")
    other_work_ends = threading.Event()
    tasks.run(
        "Other work…",
        lambda progress: other_work_ends.wait(),
        on_done=lambda _: None,
        on_error=messages.on_background_error(None),
    )
    page.hand_outs.make_report("paper-form")
    stick.rmdir()
    other_work_ends.set()
    qtbot.waitUntil(lambda: bool(problems) and not tasks.busy, timeout=30000)
    assert problems == [f"The folder {stick} does not exist. Choose a folder that exists."]
    assert answered == {"asked": [], "opened": []} and not stick.exists()


def test_a_fault_in_the_background_reaches_the_crash_handler_not_a_problem_message(
    qtbot, hc, tasks, monkeypatch, tmp_path, answered
):
    from swhc_desktop.gui.common import messages
    from swhc_desktop.outputs.content import action_plan as plan_content

    def broken(*args, **kwargs):
        raise RuntimeError("the plan's reader has a bug")

    problems = told(monkeypatch, messages)
    monkeypatch.setattr(plan_content, "read_action_plan", broken)
    page = ActionPlanPage(QUndoStack(), tasks)
    qtbot.addWidget(page)
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    saving_to(monkeypatch, tmp_path / "plan.xlsx")
    with qtbot.captureExceptions() as exceptions:
        page.export_plan()
        qtbot.waitUntil(lambda: bool(exceptions), timeout=30000)
    assert [str(e[1]) for e in exceptions] == ["the plan's reader has a bug"]
    assert problems == [] and answered == {"asked": [], "opened": []} and not (tmp_path / "plan.xlsx").exists()


def test_a_problem_with_work_nobody_waits_for_is_not_told_but_a_fault_is_never_hidden():
    from swhc_desktop.domain.errors import InvalidInput
    from swhc_desktop.gui.common.messages import on_background_error

    told_of, put_right = [], []
    stale = on_background_error(
        None, tell=told_of.append, after=lambda: put_right.append(1), still_wanted=lambda: False
    )
    stale(InvalidInput("The cycle changed."), "")
    assert told_of == [] and put_right == []
    with pytest.raises(RuntimeError):
        stale(RuntimeError("a bug"), "")
    wanted = on_background_error(None, tell=told_of.append, after=lambda: put_right.append(1))
    wanted(InvalidInput("The file is locked."), "")
    assert [str(p) for p in told_of] == ["The file is locked."] and put_right == [1]


def test_a_document_is_read_under_the_files_lock_and_written_without_it(qtbot, hc, tasks, tmp_path):
    import threading

    from PySide6.QtWidgets import QWidget

    def lock_free_elsewhere() -> bool:
        """Whether another thread could take the file's lock now (the lock is re-entrant for its own thread)."""
        result = []

        def attempt() -> None:
            taken = hc.lock.acquire(blocking=False)
            result.append(taken)
            if taken:
                hc.lock.release()

        other = threading.Thread(target=attempt)
        other.start()
        other.join()
        return result[0]

    seen = {}

    def read(progress):
        seen["reading"] = lock_free_elsewhere()
        return "what the document shows"

    def write(content, out, progress):
        seen["writing"] = lock_free_elsewhere()
        out.write_text(content, encoding="utf-8")
        return out

    host = QWidget()
    qtbot.addWidget(host)
    outputs = OutputFiles(tasks, host, ask_to_open=False)
    with qtbot.waitSignal(outputs.saved, timeout=30000):
        outputs.make(
            hc,
            tmp_path / "document.txt",
            read,
            write,
            "the document",
            hc.cycles.by_name("2025"),
            "Making the document…",
        )
    assert seen == {"reading": False, "writing": True}
    assert (tmp_path / "document.txt").read_text(encoding="utf-8") == "what the document shows"


def test_documents_are_suggested_beside_the_file_but_never_in_the_apps_own_folder(
    qtbot, demo_path, folders, tasks, monkeypatch, answered
):
    """The demo lives in the app's hidden data folder, where nobody would find a document saved beside it."""
    from swhc_desktop.gui.common.output_files import documents_folder

    folders.data.mkdir(parents=True, exist_ok=True)
    in_the_apps_folder = folders.data / "Demo Borough Council.swhc"
    shutil.copyfile(demo_path, in_the_apps_folder)
    for path, expected in ((demo_path, demo_path.parent), (in_the_apps_folder, documents_folder())):
        with HealthCheckFile.open(path, folders=folders) as opened:
            page = designer_page(qtbot, opened, tasks)
            asked_where = saving_to(monkeypatch, "")  # the user cancels the Save dialog
            page.hand_outs.make_report("paper-form")
            assert asked_where[0][2] == str(expected / "Paper form 2025.pdf")
            page.show_cycle(None, None)
    assert answered == {"asked": [], "opened": []}
