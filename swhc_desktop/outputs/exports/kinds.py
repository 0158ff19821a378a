"""What `swhc export --what` and the app can export, and in which formats. Each export (the hand-outs, the responses,
the tables, the charts) is one row in EXPORT_KINDS: how to read what it needs from the file, and a writer a format.

Reading and writing are separate so that what an export holds is read under the file's lock, as one picture of the
file (`read_for_document`), and the slower writing is done without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.errors import InvalidInput
from ...domain.progress import SILENT, Progress
from ...questionnaires.handouts import questionnaire_handout
from ..guards import read_for_document
from ..lazy import imported_when_called

write_question_list_docx = imported_when_called(
    "swhc_desktop.outputs.exports.question_list", "write_question_list_docx"
)
write_question_list_text = imported_when_called(
    "swhc_desktop.outputs.exports.question_list", "write_question_list_text"
)
write_template_csv = imported_when_called("swhc_desktop.outputs.exports.response_template", "write_template_csv")
write_template_xlsx = imported_when_called("swhc_desktop.outputs.exports.response_template", "write_template_xlsx")
read_action_plan = imported_when_called("swhc_desktop.outputs.content.action_plan", "read_action_plan")
write_actions_xlsx = imported_when_called("swhc_desktop.outputs.exports.actions", "write_actions_xlsx")
write_actions_csv = imported_when_called("swhc_desktop.outputs.exports.actions", "write_actions_csv")
read_anonymised_responses = imported_when_called("swhc_desktop.outputs.exports.responses", "read_anonymised_responses")
write_responses_csv = imported_when_called("swhc_desktop.outputs.exports.responses", "write_responses_csv")
write_responses_xlsx = imported_when_called("swhc_desktop.outputs.exports.responses", "write_responses_xlsx")
read_all_tables = imported_when_called("swhc_desktop.outputs.exports.tables", "read_all_tables")
write_tables_xlsx = imported_when_called("swhc_desktop.outputs.exports.tables", "write_tables_xlsx")
read_chart_set = imported_when_called("swhc_desktop.outputs.exports.charts", "read_chart_set")
write_charts_png = imported_when_called("swhc_desktop.outputs.exports.charts", "write_charts_png")
write_charts_svg = imported_when_called("swhc_desktop.outputs.exports.charts", "write_charts_svg")

if TYPE_CHECKING:
    from ...domain.records import Cycle
    from ...storage import HealthCheckFile


@dataclass(frozen=True)
class ExportFormat:
    name: str  # as typed after --format
    label: str  # for a file dialog's filter
    suffix: str  # empty for an export that is a folder of files
    write: Callable[[Any, Path, Progress], Path]

    @property
    def is_folder(self) -> bool:
        return not self.suffix


@dataclass(frozen=True)
class ExportKind:
    what: str  # as typed after --what
    title: str
    description: str
    formats: tuple[ExportFormat, ...]
    read: Callable[["HealthCheckFile", "Cycle"], Any]
    hand_out: bool = False  # a hand-out of the questionnaire, offered by the designer's Hand out menu
    summary: Callable[[Any], str] | None = None  # what the export changed to keep people anonymous, said after saving

    def format(self, name: str) -> ExportFormat:
        for export_format in self.formats:
            if export_format.name == name:
                return export_format
        known = " or ".join(f.name for f in self.formats)
        raise InvalidInput(f"The {self.title.lower()} cannot be made as {name}.", f"Choose {known}.")

    def default_file_name(self, cycle_name: str, format_name: str) -> str:
        return f"{self.title} {cycle_name}{self.format(format_name).suffix}"

    def chosen_in_save_dialog(self, path: str, chosen_filter: str) -> tuple[ExportFormat, Path]:
        """The format a file dialog's answer asks for (by the name's ending, else the filter chosen), and the file
        with that format's ending."""
        by_suffix = {f.suffix: f for f in self.formats}
        export_format = by_suffix.get(Path(path).suffix.lower()) or next(
            (f for f in self.formats if f.label == chosen_filter), self.formats[0]
        )
        out = Path(path) if Path(path).suffix.lower() == export_format.suffix else Path(path + export_format.suffix)
        return export_format, out


EXPORT_KINDS: tuple[ExportKind, ...] = (
    ExportKind(
        what="template",
        title="Response template",
        description="an empty spreadsheet with a column for every question, to type paper forms into and import",
        formats=(
            ExportFormat("xlsx", "Excel workbook (*.xlsx)", ".xlsx", write_template_xlsx),
            ExportFormat("csv", "CSV file (*.csv)", ".csv", write_template_csv),
        ),
        read=questionnaire_handout,
        hand_out=True,
    ),
    ExportKind(
        what="question-list",
        title="Question list",
        description="every question's wording, type and answers, to build the survey in an online tool",
        formats=(
            ExportFormat("docx", "Word document (*.docx)", ".docx", write_question_list_docx),
            ExportFormat("txt", "Text file (*.txt)", ".txt", write_question_list_text),
        ),
        read=questionnaire_handout,
        hand_out=True,
    ),
    ExportKind(
        what="actions",
        title="Action plan",
        description="the action plan, one row an action, with owners, dates, status, RAG, findings and figures",
        formats=(
            ExportFormat("xlsx", "Excel workbook (*.xlsx)", ".xlsx", write_actions_xlsx),
            ExportFormat("csv", "CSV file (*.csv)", ".csv", write_actions_csv),
        ),
        read=read_action_plan,
    ),
    ExportKind(
        what="responses",
        title="Anonymised responses",
        description="a row for each response, its answers swapped at random with others' in the same group so that "
        "no row is one person's, and nothing that says who anyone is",
        formats=(
            ExportFormat("xlsx", "Excel workbook (*.xlsx)", ".xlsx", write_responses_xlsx),
            ExportFormat("csv", "CSV file (*.csv)", ".csv", write_responses_csv),
        ),
        read=read_anonymised_responses,
        summary=lambda content: content.summary,
    ),
    ExportKind(
        what="tables",
        title="Tables",
        description="every question's table and its breakdowns, one sheet a section, small groups hidden",
        formats=(ExportFormat("xlsx", "Excel workbook (*.xlsx)", ".xlsx", write_tables_xlsx),),
        read=read_all_tables,
    ),
    ExportKind(
        what="charts",
        title="Charts",
        description="a folder of every chart: each question, its trend, % favourable by team, the workforce figures",
        formats=(
            ExportFormat("png", "Pictures (PNG)", "", write_charts_png),
            ExportFormat("svg", "Drawings for print (SVG)", "", write_charts_svg),
        ),
        read=read_chart_set,
    ),
)


def export_kind(what: str) -> ExportKind:
    for kind in EXPORT_KINDS:
        if kind.what == what:
            return kind
    known = ", ".join(k.what for k in EXPORT_KINDS)
    raise InvalidInput(f"There is no export called '{what}'.", f"The exports are: {known}.")


def export(
    hc: "HealthCheckFile", cycle: "Cycle", what: str, format_name: str, out: Path, progress: Progress = SILENT
) -> Path:
    return export_and_summarise(hc, cycle, what, format_name, out, progress)[0]


def export_and_summarise(
    hc: "HealthCheckFile", cycle: "Cycle", what: str, format_name: str, out: Path, progress: Progress = SILENT
) -> tuple[Path, str]:
    """The export written, and what it changed to keep people anonymous, in words ('' for nothing to say)."""
    kind = export_kind(what)
    export_format = kind.format(format_name)
    content = read_for_document(hc, out, lambda: kind.read(hc, cycle))
    written = export_format.write(content, out, progress)
    return written, kind.summary(content) if kind.summary is not None else ""
