"""An import from start to end, shared by the wizard and `swhc import`: preview, check, then one batch in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidInput
from ..progress import SILENT, Progress
from ..questionnaire import Questionnaire
from ..records import BatchKind, NewBatch
from ..storage import HealthCheckFile
from .layouts import FileLayout, Layout, read_layout
from .mapping import Mapping, mapping_from_json, match_questions
from .rows import CellProblem, ImportOptions, RowReader, RowsSummary
from .sources import SourceFile, open_source


class InvalidRows(InvalidInput):
    title = "Some rows cannot be imported"

    def __init__(self, summary: RowsSummary):
        first = summary.problems[0] if summary.problems else None
        count = summary.invalid_rows
        super().__init__(
            f"{count} row{'s' if count != 1 else ''} cannot be imported"
            + (f"; the first is {str(first)[0].lower()}{str(first)[1:]}" if first else "") + ". Nothing was imported.",
            "Correct the file, or skip those rows (--skip-invalid-rows, or 'Skip these rows' in the wizard).",
        )
        self.summary = summary


@dataclass(frozen=True)
class ImportPreview:
    """A file opened and read as a layout, with the questionnaire it will go into and a first mapping."""

    source: SourceFile
    file_layout: FileLayout
    sample: list[list[str]]
    questionnaire: Questionnaire
    mapping: Mapping
    previous_mapping_used: bool = False

    def sample_values(self, key: str, count: int = 5) -> list[str]:
        """The first few answers in the file to one source question, as written."""
        question = next(q for q in self.file_layout.questions if q.key == key)
        values: list[str] = []
        for row in self.sample[self.file_layout.header_rows:]:
            if question.answer_column is not None:
                value = row[question.answer_column].strip()
            else:
                value = "; ".join(label for label, index in question.option_columns
                                  if row[index].strip() and row[index].strip() not in self.file_layout.no_answer
                                  and row[index].strip().casefold() not in ("0", "no", "n"))
            if value and value not in self.file_layout.no_answer and value not in values:
                values.append(value)
            if len(values) >= count:
                break
        return values


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None
    summary: RowsSummary
    backup: Path | None
    response_count: int
    staff_invited: int | None

    @property
    def response_rate(self) -> float | None:
        return 100.0 * self.response_count / self.staff_invited if self.staff_invited else None


def preview_import(hc: HealthCheckFile, cycle_id: int, path: Path | str, layout: Layout | None = None,
                   mapping_text: str | None = None) -> ImportPreview:
    """Open the file, recognise its layout (or read it as the one given) and match its questions to the cycle's."""
    source = open_source(path)
    sample = source.sample()
    file_layout = read_layout(sample, layout)
    if not file_layout.questions:
        raise InvalidInput(f"{source.name} has no columns of answers that can be read as {file_layout.layout.label}.",
                           "Check it is the export of responses, or choose another layout.")
    questionnaire = hc.questionnaires.load(cycle_id)
    if questionnaire.question_count == 0:
        raise InvalidInput("This cycle has no questions to import answers to.", "Add its questionnaire first.")
    given = mapping_from_json(mapping_text, "The mapping file") if mapping_text is not None else None
    previous = previous_mapping(hc, cycle_id, file_layout) if given is None else None
    mapping = match_questions(file_layout, questionnaire, previous, given)
    used = previous is not None and any(m.how == "as mapped last time" for m in mapping.matches.values())
    return ImportPreview(source, file_layout, sample, questionnaire, mapping, used)


def previous_mapping(hc: HealthCheckFile, cycle_id: int, file_layout: FileLayout) -> Mapping | None:
    """The mapping of an earlier import (usually last year's) that shares most questions with this file."""
    keys = {q.key for q in file_layout.questions}
    best, best_overlap = None, 0
    for mapping_json in hc.responses.earlier_mappings(cycle_id):
        try:
            mapping = mapping_from_json(mapping_json)
        except InvalidInput:
            continue
        overlap = len(keys & set(mapping.matches)) if mapping.layout == file_layout.layout else 0
        if overlap > best_overlap:
            best, best_overlap = mapping, overlap
    return best


def scan_values(preview: ImportPreview, mapping: Mapping, progress: Progress = SILENT) -> dict[str, Counter]:
    """Every distinct answer in the file to each mapped choice question (each ticked option, for one column an option),
    so that the user can say what values that match no option mean."""
    layout = preview.file_layout
    wanted = {}
    for question in layout.questions:
        match = mapping.match(question.key)
        target = preview.questionnaire.find(match.question_code) if match.question_code else None
        if target is not None and target.qtype.has_options and question.answer_column is not None:
            wanted[question.key] = question.answer_column
    counts: dict[str, Counter] = {key: Counter() for key in wanted}
    total = max(preview.source.row_estimate, 1)
    for number, row in enumerate(preview.source.rows(), start=1):
        if number <= layout.header_rows:
            continue
        if number % 2000 == 0:
            progress.step(number, total, f"Looking at the answers in row {number:,}")
        for key, index in wanted.items():
            value = row[index].strip()
            if value and value not in layout.no_answer:
                counts[key][value] += 1
    return counts


def check_import(hc: HealthCheckFile, cycle_id: int, preview: ImportPreview, mapping: Mapping,
                 options: ImportOptions = ImportOptions(), progress: Progress = SILENT) -> RowsSummary:
    """Read every row as the import would, without changing the file: the validation report."""
    reader = _reader(hc, cycle_id, preview, mapping, options)
    summary = RowsSummary()
    for _ in reader.responses(summary, progress):
        pass
    return summary


def run_import(hc: HealthCheckFile, cycle_id: int, preview: ImportPreview, mapping: Mapping,
               options: ImportOptions = ImportOptions(), progress: Progress = SILENT) -> ImportResult:
    """Back up the file, then add every valid row as one batch in one transaction. Rows with problems stop the
    import (nothing is added) unless the options say to skip them; cancelling leaves the file as it was."""
    source = preview.source
    if hc.responses.batch_of_file(cycle_id, source.sha256) is not None:
        raise InvalidInput(f"{source.name} has already been imported into this cycle.",
                           "Each file is imported once. To import it again, remove its batch first.")
    if not mapping.mapped():
        raise InvalidInput(f"None of the columns of {source.name} is matched to a question.",
                           "Match at least one column to a question.")
    reader = _reader(hc, cycle_id, preview, mapping, options)
    summary = RowsSummary()
    backup = hc.backup(f"before importing {Path(source.name).stem}"[:80])

    def rows_or_stop():
        yield from reader.responses(summary, progress)
        if summary.invalid_rows and not options.skip_invalid_rows:
            raise InvalidRows(summary)

    batch = NewBatch(
        kind=BatchKind.IMPORT,
        source_name=source.name,
        source_sha256=source.sha256,
        layout=str(preview.file_layout.layout),
        mapping_json=mapping.to_json(preview.file_layout),
        identifying_kept_reason=options.identifying_kept_reason or None,
    )
    batch_id = hc.responses.add_batch(cycle_id, batch, rows_or_stop(), total=reader.estimated_rows(),
                                      progress=Progress(is_cancelled=progress.is_cancelled),
                                      rows_counts=lambda: (summary.rows_read, summary.rows_read - summary.responses))
    cycle = hc.cycles.get(cycle_id)
    return ImportResult(batch_id, summary, backup, cycle.response_count, cycle.staff_invited)


def _reader(hc: HealthCheckFile, cycle_id: int, preview: ImportPreview, mapping: Mapping, options: ImportOptions) -> RowReader:
    cycle = hc.cycles.get(cycle_id)
    return RowReader(preview.source, preview.file_layout, mapping, preview.questionnaire, options,
                     hc.responses.external_ids(cycle_id), (cycle.opens_on, cycle.closes_on))


def dry_run(hc: HealthCheckFile, cycle_id: int, preview: ImportPreview, mapping: Mapping,
            options: ImportOptions = ImportOptions(), progress: Progress = SILENT) -> ImportResult:
    summary = check_import(hc, cycle_id, preview, mapping, options, progress)
    cycle = hc.cycles.get(cycle_id)
    return ImportResult(None, summary, None, cycle.response_count + summary.responses, cycle.staff_invited)


def describe_problems(problems: list[CellProblem], limit: int = 20) -> list[str]:
    return [str(p) for p in problems[:limit]]
