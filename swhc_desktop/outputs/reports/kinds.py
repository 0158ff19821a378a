"""The kinds of report `swhc report --kind` and the app can make. A later kind (action plan, 'You said, we did',
findings report, LGA return) is one more row in REPORT_KINDS: how to read what it needs from the file, and how to
write it. The reports for publication are also written as accessible Word documents and web pages, from the same
content as their PDF.

Reading and writing are separate so that what a report shows is read under the file's lock, as one picture of the
file (`read_for_document`), and the slower writing of the PDF is done without it.
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

write_paper_form = imported_when_called("swhc_desktop.outputs.reports.paper_form", "write_paper_form")
read_action_plan = imported_when_called("swhc_desktop.outputs.content.action_plan", "read_action_plan")
write_action_plan = imported_when_called("swhc_desktop.outputs.reports.action_plan", "write_action_plan")
write_you_said_we_did = imported_when_called("swhc_desktop.outputs.reports.you_said_we_did", "write_you_said_we_did")
write_lga_return = imported_when_called("swhc_desktop.outputs.reports.lga_return", "write_lga_return")
read_employer_return = imported_when_called("swhc_desktop.figures.employer_return", "read_employer_return")
read_findings_report = imported_when_called("swhc_desktop.outputs.content.findings_report", "read_findings_report")
write_findings_report = imported_when_called("swhc_desktop.outputs.reports.findings_report", "write_findings_report")


if TYPE_CHECKING:
    from ...domain.records import Cycle
    from ...storage import HealthCheckFile


PDF_FILTER = "PDF document (*.pdf)"
WORD_FILTER = "Word document, accessible and editable (*.docx)"
WEB_FILTER = "Web page, accessible (*.html)"


@dataclass(frozen=True)
class ReportFormat:
    name: str  # as typed after --format
    label: str  # for a file dialog's filter
    suffix: str
    write: Callable[[Any, Path, Progress], Path]


@dataclass(frozen=True)
class ReportKind:
    name: str  # as typed after --kind
    title: str  # as the app names it
    description: str  # one line for --help
    suffix: str
    read: Callable[["HealthCheckFile", "Cycle"], Any]
    write: Callable[[Any, Path, Progress], Path]
    hand_out: bool = False  # a hand-out of the questionnaire, offered by the designer's Hand out menu
    called: str = ""  # how a sentence names it, when not 'the' and the title in small letters
    other_formats: tuple[ReportFormat, ...] = ()  # besides the PDF: the accessible Word and web versions

    @property
    def formats(self) -> tuple[ReportFormat, ...]:
        return (ReportFormat("pdf", PDF_FILTER, self.suffix, self.write), *self.other_formats)

    def format(self, name: str) -> ReportFormat:
        for report_format in self.formats:
            if report_format.name == name:
                return report_format
        known = " or ".join(f.name for f in self.formats)
        raise InvalidInput(
            f"{self.in_a_sentence[0].upper()}{self.in_a_sentence[1:]} cannot be made as {name}.", f"Choose {known}."
        )

    def chosen_in_save_dialog(self, path: Path, chosen_filter: str) -> tuple[ReportFormat, Path]:
        """The format a Save dialog's answer asks for (by the name's ending, else the filter chosen), and the file
        with that format's ending."""
        by_suffix = {f.suffix: f for f in self.formats}
        report_format = by_suffix.get(path.suffix.lower()) or next(
            (f for f in self.formats if f.label == chosen_filter), self.formats[0]
        )
        out = path if path.suffix.lower() == report_format.suffix else path.with_name(path.name + report_format.suffix)
        return report_format, out

    @property
    def in_a_sentence(self) -> str:
        return self.called or f"the {self.title.lower()}"

    def default_file_name(self, cycle_name: str, format_name: str = "pdf") -> str:
        return f"{self.title} {cycle_name}{self.format(format_name).suffix}"


def _accessible(module: str, name: str) -> tuple[ReportFormat, ReportFormat]:
    """A report's Word and web versions, written by `name`_docx and `name`_html in `module`."""
    path = f"swhc_desktop.outputs.reports.{module}"
    return (
        ReportFormat("docx", WORD_FILTER, ".docx", imported_when_called(path, f"{name}_docx")),
        ReportFormat("html", WEB_FILTER, ".html", imported_when_called(path, f"{name}_html")),
    )


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind(
        name="paper-form",
        title="Paper form",
        description="the questionnaire as an A4 form to fill in with a pen",
        suffix=".pdf",
        read=questionnaire_handout,
        write=write_paper_form,
        hand_out=True,
    ),
    ReportKind(
        name="action-plan",
        title="Action plan",
        description="the action plan for the management team, under the Standards, with a summary page (A4 landscape)",
        suffix=".pdf",
        read=read_action_plan,
        write=write_action_plan,
        other_formats=_accessible("action_plan_document", "write_action_plan"),
    ),
    ReportKind(
        name="you-said-we-did",
        title="You said, we did",
        description="for staff: the main findings in plain words and what is being done about each",
        suffix=".pdf",
        read=read_action_plan,
        write=write_you_said_we_did,
        called="'You said, we did'",
        other_formats=_accessible("you_said_we_did_document", "write_you_said_we_did"),
    ),
    ReportKind(
        name="lga-return",
        title="Employer return",
        description=(
            "the organisation's answers to the LGA's 2018 employer survey form (the 2018 form, not the current "
            "national survey)"
        ),
        suffix=".pdf",
        read=read_employer_return,
        write=write_lga_return,
    ),
    ReportKind(
        name="findings",
        title="Findings report",
        description="the report for members: purpose, overview, key findings, every question's chart and table by "
        "Standard, the comments chosen, the dashboard and the action plan",
        suffix=".pdf",
        read=read_findings_report,
        write=write_findings_report,
        other_formats=_accessible("findings_report_document", "write_findings_report"),
    ),
)


def report_kind(name: str) -> ReportKind:
    for kind in REPORT_KINDS:
        if kind.name == name:
            return kind
    known = ", ".join(k.name for k in REPORT_KINDS)
    raise InvalidInput(f"There is no report called '{name}'.", f"The reports are: {known}.")


def make_report(
    hc: "HealthCheckFile",
    cycle: "Cycle",
    kind_name: str,
    out: Path,
    progress: Progress = SILENT,
    format_name: str = "pdf",
) -> Path:
    """Make a report as PDF, or as Word or a web page (from the same content)."""
    kind = report_kind(kind_name)
    write = kind.format(format_name).write
    return write(read_for_document(hc, out, lambda: kind.read(hc, cycle)), out, progress)
