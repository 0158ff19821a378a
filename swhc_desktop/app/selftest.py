"""`swhc-desktop --self-test`: a real end-to-end check of an installed or frozen app, run headless."""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..domain.plurals import counted
from ..domain.progress import SILENT
from ..paths import UserFolders
from ..questionnaires.cycles import start_cycle
from ..questionnaires.templates import list_templates, load_template
from ..storage import HealthCheckFile
from .checks import check_file

SELF_TEST_FILE = "Self-test Council.swhc"


def _file_round_trip(root: Path) -> str:
    folders = UserFolders.under(root)
    path = root / SELF_TEST_FILE
    with HealthCheckFile.create(path, "Self-test Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2025", template_id="staff-survey", staff_invited=100)
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        stored = hc.cycles.by_name("2025")
        questionnaire = hc.questionnaires.load(stored.id)
        if questionnaire != load_template("staff-survey"):
            raise AssertionError("the questionnaire read back differs from the template")
        if not check_file(hc).ok:
            raise AssertionError("the new file fails its own check")
    return f"created a file, added cycle {cycle.name} with {counted(cycle.question_count, 'question')}, read it back"


DEMO_FILE = "Self-test demo.swhc"
IMPORT_CYCLE = "Self-test"
IMPORTED_ROWS = 12


def _demo(root: Path) -> str:
    from .demo import YEARS, build_demo

    folders = UserFolders.under(root)
    path = build_demo(root / DEMO_FILE, folders)
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        cycles = hc.cycles.all()
        if [c.name for c in cycles] != [year.name for year in YEARS] or not check_file(hc).ok:
            raise AssertionError("the demo is not the three checked cycles it should be")
        return f"built the demo: {', '.join(f'{c.name} ({c.response_count})' for c in cycles)}"


def _import(root: Path) -> str:
    """Fill in the Excel response template the app hands out, then import it, as a council would."""
    from ..importing.importer import preview_import, run_import
    from ..outputs.exports.kinds import export_kind
    from ..questionnaires.handouts import questionnaire_handout

    folders = UserFolders.under(root)
    with HealthCheckFile.open(root / DEMO_FILE, folders=folders) as hc:
        cycle = start_cycle(hc, IMPORT_CYCLE, copy_from="2025", staff_invited=40)
        template = root / "template.xlsx"
        export_kind("template").format("xlsx").write(questionnaire_handout(hc, cycle), template, SILENT)
        filled = _fill_template(template, hc.questionnaires.load(cycle.id))
        preview = preview_import(hc, cycle.id, filled)
        result = run_import(hc, cycle.id, preview, preview.mapping)
        if hc.cycles.get(cycle.id).response_count != IMPORTED_ROWS:
            raise AssertionError(
                f"{counted(IMPORTED_ROWS, 'row')} were written but {counted(result.response_count, 'response')} "
                f"were stored"
            )
    return f"exported the Excel template, filled it in and imported {counted(IMPORTED_ROWS, 'response')}"


def _fill_template(template: Path, questionnaire) -> Path:
    """The template with IMPORTED_ROWS responses typed in: the same answer for every choice question."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    from ..domain.response_columns import ColumnKind, parse_heading

    headings = [str(h) for h in CalamineWorkbook.from_path(str(template)).get_sheet_by_name("Responses").to_python()[0]]
    filled = template.with_name("filled.xlsx")
    workbook = xlsxwriter.Workbook(str(filled))
    sheet = workbook.add_worksheet("Responses")
    sheet.write_row(0, 0, headings)
    for row in range(1, IMPORTED_ROWS + 1):
        for column, heading in enumerate(headings):
            key = parse_heading(heading)
            if heading == "response_id":
                sheet.write_string(row, column, f"ST{row:03d}")
            elif key is not None and key.kind is ColumnKind.ANSWER:
                question = questionnaire.question(key.question_code)
                if question.options and not question.follow_up:
                    sheet.write_string(row, column, question.options[0].label)
    workbook.close()
    return filled


def _tables_chart_and_pdf(root: Path) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ..analysis.frequencies import frequency_tables
    from ..outputs.charts.question_charts import question_chart
    from ..outputs.reports.kinds import make_report

    folders = UserFolders.under(root)
    with HealthCheckFile.open(root / DEMO_FILE, read_only=True, folders=folders) as hc:
        cycle = hc.cycles.by_name(IMPORT_CYCLE)
        team = next(t for t in frequency_tables(hc, cycle.id, ["team"]))
        if (team.base, team.rows[0].count) != (IMPORTED_ROWS, IMPORTED_ROWS):
            raise AssertionError(f"the team table shows {team.rows[0].count} of {team.base}, not all {IMPORTED_ROWS}")
        chart = root / "chart.png"
        figure = question_chart(hc, hc.cycles.by_name("2025"), "stressed")
        FigureCanvasAgg(figure).print_png(str(chart))
        form = make_report(hc, cycle, "paper-form", root / "form.pdf")
        plan = make_report(hc, hc.cycles.by_name("2025"), "action-plan", root / "plan.pdf")
    written = [chart.read_bytes()[:4], form.read_bytes()[:4], plan.read_bytes()[:4]]
    if written != [b"\x89PNG", b"%PDF", b"%PDF"]:
        raise AssertionError("the chart or a PDF was not written")
    return (
        f"tables ({team.base} in the base), a chart ({chart.stat().st_size:,} bytes), the paper form and the "
        f"action plan as PDFs ({form.stat().st_size:,} and {plan.stat().st_size:,} bytes)"
    )


def _templates(root: Path) -> str:
    infos = list_templates()
    for info in infos:
        if any(problem.is_error for problem in load_template(info.id).validate()):
            raise AssertionError(f"template {info.id} does not validate")
    return f"{len(infos)} templates load and validate"


Check = tuple[str, Callable[[Path], str]]

# Each check works in the same temporary folder, in order: later checks may use what earlier ones made.
CORE_CHECKS: tuple[Check, ...] = (
    ("templates", _templates),
    ("health-check file", _file_round_trip),
    ("demo", _demo),
    ("import", _import),
    ("tables, chart and PDFs", _tables_chart_and_pdf),
)


def run_self_test(checks: tuple[Check, ...] = CORE_CHECKS, print_line: Callable[[str], None] = print) -> int:
    """Run every check in a temporary folder; 0 if all passed, 1 otherwise."""
    print_line(f"SWHC Desktop {__version__} self-test")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="swhc-self-test-") as folder:
        for name, check in checks:
            try:
                print_line(f"  ok    {name}: {check(Path(folder))}")
            except Exception:
                failures += 1
                print_line(f"  FAIL  {name}:\n{traceback.format_exc()}")
    print_line("Self-test passed." if not failures else f"Self-test failed ({failures} check(s)).")
    return 0 if not failures else 1
