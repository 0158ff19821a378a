"""An import from start to end, shared by the wizard and `swhc import`: preview, check,
then one batch in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..domain.errors import InvalidInput
from ..domain.plurals import counted
from ..domain.progress import SILENT, Progress
from ..domain.questionnaire import Question, Questionnaire, QuestionType
from ..domain.records import BatchKind, NewBatch
from ..domain.response_columns import parse_heading
from ..storage import HealthCheckFile
from .layouts import FileLayout, Layout, read_layout, with_identifying_found_later
from .mapping import (
    AUTOMATIC_CONFIDENCE,
    NO_ANSWER,
    OTHER_TEXT,
    Mapping,
    mapping_from_json,
    match_questions,
    match_value,
    numbers_only,
    unusable_value_choices,
)
from .rows import NOT_TICKED, ImportOptions, RowReader, RowsSummary, quoted
from .sources import SourceFile, open_source
from .values import normalise, split_joined
from .workbooks import likeliest_sheet


class InvalidRows(InvalidInput):
    title = "Some rows cannot be imported"

    def __init__(self, summary: RowsSummary):
        first = summary.problems[0] if summary.problems else None
        super().__init__(
            f"{counted(summary.invalid_rows, 'row')} cannot be imported"
            + (f"; the first is {str(first)[0].lower()}{str(first)[1:]}" if first else "")
            + ". Nothing was imported.",
            "Correct the file, or skip those rows (--skip-invalid-rows, or 'Skip these rows' in the wizard).",
        )
        self.summary = summary


class UnmatchedAnswers(InvalidInput):
    title = "Some answers match no option"

    def __init__(self, summary: RowsSummary, name: str):
        total = sum(sum(values.values()) for values in summary.dropped.values())
        examples = "; ".join(
            f"'{quoted(value)}' ({times}) for {code}"
            for code, values in summary.dropped.items()
            for value, times in values.most_common(2)
        )[:200]
        super().__init__(
            f"{counted(total, 'answer')} in {name} {'matches' if total == 1 else 'match'} no option of a question "
            f"that has no 'Other' to keep {'it' if total == 1 else 'them'} in, so {'it' if total == 1 else 'they'} "
            f"would be left out ({examples}). Nothing was imported.",
            "Say what each means in a mapping file (--mapping), or accept them as no answer "
            "(--unmatched-as-no-answer); the import wizard asks about each.",
        )
        self.summary = summary


class NothingToImport(InvalidInput):
    title = "There is nothing to import"

    def __init__(self, summary: RowsSummary, name: str):
        reasons = [
            (summary.already_present, "response", f"already in this cycle ({summary.recognised_by})"),
            (summary.incomplete, "unfinished response", "left out"),
            (summary.empty, "row", "with no answers"),
            (summary.invalid_rows, "row", "with problems skipped"),
        ]
        said = "; ".join(f"{counted(count, noun)} {what}" for count, noun, what in reasons if count)
        if not summary.rows_read:
            message = f"{name} has no responses in it, only its headings. Nothing was imported."
            advice = "Export the responses from the survey tool again once people have answered."
        else:
            message = (
                f"None of the {counted(summary.rows_read, 'row')} of {name} adds a response ({said}). "
                "Nothing was imported."
            )
            advice = (
                "Check that this is the file you meant; unfinished responses can be included if you want them."
                if summary.incomplete
                else "Check that this is the file you meant."
            )
        super().__init__(message, advice)
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
        for row in self.sample[self.file_layout.header_rows :]:
            if question.answer_column is not None:
                value = row[question.answer_column].strip()
            else:
                value = "; ".join(
                    label
                    for label, index in question.option_columns
                    if row[index].strip()
                    and row[index].strip() not in self.file_layout.no_answer
                    and row[index].strip().casefold() not in ("0", "no", "n")
                )
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


def preview_import(
    hc: HealthCheckFile,
    cycle_id: int,
    path: Path | str,
    layout: Layout | None = None,
    mapping_text: str | None = None,
    progress: Progress = SILENT,
    sheet: str | None = None,
) -> ImportPreview:
    """Open the file, recognise its layout (or read it as the one given) and match its questions to the cycle's. A
    workbook is read from the sheet named, else from the sheet whose headings match most of the cycle's questions."""
    source = open_source(path, progress, sheet)
    questionnaire = hc.questionnaires.load(cycle_id)
    if questionnaire.question_count == 0:
        raise InvalidInput("This cycle has no questions to import answers to.", "Add its questionnaire first.")
    if source.workbook is not None and sheet is None:
        best = likeliest_sheet(source.workbook, heading_matches(questionnaire))
        if best.name != source.sheet:
            source = source.with_sheet(best.name)
    sample = source.sample()
    file_layout = with_identifying_found_later(read_layout(sample, layout), sample, source.rows())
    if not file_layout.questions:
        raise InvalidInput(
            f"{source.name} has no columns of answers that can be read as {file_layout.layout.label}.",
            "Check it is the export of responses, or choose another layout.",
        )
    given = mapping_from_json(mapping_text, "The mapping file") if mapping_text is not None else None
    previous = previous_mapping(hc, cycle_id, file_layout) if given is None else None
    mapping = _usable_value_choices(match_questions(file_layout, questionnaire, previous, given), questionnaire)
    used = previous is not None and any(m.how == "as mapped last time" for m in mapping.matches.values())
    return ImportPreview(source, file_layout, sample, questionnaire, mapping, used)


def _usable_value_choices(mapping: Mapping, questionnaire: Questionnaire) -> Mapping:
    """A mapping whose answers all mean an option of their question: a mapping file naming no option is refused; last
    year's choice of an option this year's questionnaire no longer has is forgotten (and so asked about again)."""
    for match in mapping.mapped():
        question = questionnaire.find(match.question_code)
        unusable = unusable_value_choices(match, question) if question is not None else []
        if not unusable:
            continue
        if match.how == "from the mapping file":
            value, target = unusable[0]
            codes = ", ".join(o.code for o in question.options)
            raise InvalidInput(
                f"The mapping file says '{quoted(value)}' means '{quoted(target)}', which is not an option "
                f"of {question.code} (its options are {codes}).",
                "Use one of those codes, or null to leave the answer out.",
            )
        kept = {value: target for value, target in match.values.items() if (value, target) not in unusable}
        mapping = mapping.with_match(replace(match, values=kept))
    return mapping


def heading_matches(questionnaire: Questionnaire) -> Callable[[tuple[str, ...]], int]:
    """How many of a sheet's headings are the questionnaire's questions (their wording or code, or a heading of the
    app's own response template)."""
    questions = list(questionnaire.questions())
    codes = {q.code for q in questions}
    wordings = {normalise(q.text) for q in questions} | codes

    def count(headings: tuple[str, ...]) -> int:
        found = 0
        for heading in headings:
            key = parse_heading(heading)
            found += (key is not None and key.question_code in codes) or normalise(heading) in wordings
        return found

    return count


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
    """Every distinct answer in the file to each mapped choice question (for one column an option, each column's
    label and how often it is ticked), so that the user can say what answers that match no option mean."""
    layout = preview.file_layout
    answer_columns: dict[str, int] = {}
    tick_columns: dict[str, tuple[tuple[str, int], ...]] = {}
    for question in layout.questions:
        match = mapping.match(question.key)
        target = preview.questionnaire.find(match.question_code) if match.question_code else None
        if target is None or not target.qtype.has_options:
            continue
        if question.answer_column is not None:
            answer_columns[question.key] = question.answer_column
        elif question.option_columns:
            tick_columns[question.key] = question.option_columns
    counts: dict[str, Counter] = {key: Counter() for key in [*answer_columns, *tick_columns]}
    total = max(preview.source.row_estimate, 1)
    for number, row in enumerate(preview.source.rows(), start=1):
        if number <= layout.header_rows:
            continue
        if number % 2000 == 0:
            progress.step(number, total, f"Looking at the answers in row {number:,}")
        for key, index in answer_columns.items():
            value = row[index].strip()
            if value and value not in layout.no_answer:
                counts[key][value] += 1
        for key, columns in tick_columns.items():
            for label, index in columns:
                value = row[index].strip()
                if value and value not in layout.no_answer and value.casefold() not in NOT_TICKED:
                    counts[key][label or value] += 1
    return counts


@dataclass(frozen=True)
class ValueToChoose:
    """An answer in the file that matches no option surely enough, and what it is proposed to mean."""

    source_key: str
    question_code: str
    value: str
    times: int
    proposal: str  # an option code, OTHER_TEXT or NO_ANSWER
    how: str


def values_to_choose(preview: ImportPreview, mapping: Mapping, counts: dict[str, Counter]) -> list[ValueToChoose]:
    """The answers the user must say the meaning of. Answers joined in one cell are split against the options first,
    so only what is left over is asked about. The proposal is a close option if there is one, else 'Other' text for
    a question that has an Other, else no answer."""
    found: list[ValueToChoose] = []
    joined_by = preview.file_layout.joined_by
    for key, values in counts.items():
        match = mapping.match(key)
        question = preview.questionnaire.find(match.question_code) if match.question_code else None
        if question is None:
            continue
        by_position = numbers_only(values, question)
        leftovers: Counter = Counter()
        for value, times in values.items():
            if question.qtype is QuestionType.MULTI and joined_by:
                _, rest = split_joined(value, joined_by, [o.label for o in question.options] + list(match.values))
                if rest and rest not in match.values:
                    leftovers[rest] += times
            elif value not in match.values:
                leftovers[value] += times
        for value, times in leftovers.most_common():
            automatic = match_value(question, value, by_position)
            if automatic.confidence >= AUTOMATIC_CONFIDENCE:
                continue
            if automatic.target is not None:
                proposal, how = automatic.target, automatic.how
            elif question.other_option is not None:
                proposal, how = OTHER_TEXT, "matches no option"
            else:
                proposal, how = NO_ANSWER, "matches no option"
            found.append(ValueToChoose(key, question.code, value, times, proposal, how))
    return found


def check_import(
    hc: HealthCheckFile,
    cycle_id: int,
    preview: ImportPreview,
    mapping: Mapping,
    options: ImportOptions = ImportOptions(),
    progress: Progress = SILENT,
) -> RowsSummary:
    """Read every row as the import would, without changing the file: the validation report."""
    reader = _reader(hc, cycle_id, preview, mapping, options)
    summary = RowsSummary()
    for response in reader.responses(summary, progress):
        summary.answered.update({answer.question_id for answer in response.answers})
    return summary


def matched_but_unanswered(preview: ImportPreview, mapping: Mapping, summary: RowsSummary) -> list[Question]:
    """Questions a column is matched to that would still get no answer from the file (every value in the column left
    as no answer, say): most likely a wrong match, worth a word before the import."""
    found = []
    for match in mapping.mapped():
        question = preview.questionnaire.find(match.question_code)
        if question is not None and question not in found and not summary.answered.get(question.id):
            found.append(question)
    return found


def run_import(
    hc: HealthCheckFile,
    cycle_id: int,
    preview: ImportPreview,
    mapping: Mapping,
    options: ImportOptions = ImportOptions(),
    progress: Progress = SILENT,
) -> ImportResult:
    """Back up the file, then add every valid row as one batch in one transaction. Rows with problems stop the
    import (nothing is added) unless the options say to skip them; cancelling leaves the file as it was."""
    source = preview.source
    refuse_a_file_imported_already(hc, cycle_id, source)
    if not mapping.mapped():
        raise InvalidInput(
            f"None of the columns of {source.name} is matched to a question.",
            "Match at least one column to a question.",
        )
    reader = _reader(hc, cycle_id, preview, mapping, options)
    summary = RowsSummary()
    backup = hc.backup(f"before importing {Path(source.name).stem}"[:80])

    def rows_or_stop():
        yield from reader.responses(summary, progress)
        if summary.invalid_rows and not options.skip_invalid_rows:
            raise InvalidRows(summary)
        if summary.dropped and not options.unmatched_as_no_answer:
            raise UnmatchedAnswers(summary, source.name)
        if not summary.responses:
            raise NothingToImport(summary, source.name)  # an empty batch would only clutter the list

    batch = NewBatch(
        kind=BatchKind.IMPORT,
        source_name=source.name,
        source_sha256=source.sha256,
        layout=str(preview.file_layout.layout),
        mapping_json=mapping.to_json(preview.file_layout),
        identifying_kept_reason=options.identifying_kept_reason or None,
    )
    batch_id = hc.responses.add_batch(
        cycle_id,
        batch,
        rows_or_stop(),
        total=reader.estimated_rows(),
        progress=progress,
        rows_counts=lambda: (summary.rows_read, summary.rows_read - summary.responses),
    )
    cycle = hc.cycles.get(cycle_id)
    return ImportResult(batch_id, summary, backup, cycle.response_count, cycle.staff_invited)


def refuse_a_file_imported_already(hc: HealthCheckFile, cycle_id: int, source: SourceFile) -> None:
    batch = hc.responses.batch_of_file(cycle_id, source.sha256)
    if batch is not None:
        raise InvalidInput(
            f"{source.name} has already been imported into this cycle (batch {batch}).",
            "Each file is imported once. To import it again, remove its batch first.",
        )


def _reader(
    hc: HealthCheckFile, cycle_id: int, preview: ImportPreview, mapping: Mapping, options: ImportOptions
) -> RowReader:
    cycle = hc.cycles.get(cycle_id)
    return RowReader(
        preview.source,
        preview.file_layout,
        mapping,
        preview.questionnaire,
        options,
        hc.responses.external_ids(cycle_id),
        (cycle.opens_on, cycle.closes_on),
    )


def dry_run(
    hc: HealthCheckFile,
    cycle_id: int,
    preview: ImportPreview,
    mapping: Mapping,
    options: ImportOptions = ImportOptions(),
    progress: Progress = SILENT,
) -> ImportResult:
    refuse_a_file_imported_already(hc, cycle_id, preview.source)
    summary = check_import(hc, cycle_id, preview, mapping, options, progress)
    cycle = hc.cycles.get(cycle_id)
    return ImportResult(None, summary, None, cycle.response_count + summary.responses, cycle.staff_invited)
