"""Turning each row of an export into a response: answers resolved to options, numbers checked,
problems named by row and cell."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..domain.plurals import counted
from ..domain.progress import SILENT, Progress
from ..domain.questionnaire import Question, Questionnaire, QuestionType
from ..domain.records import AnswerValue, NewResponse
from ..domain.response_columns import TICKED_VALUES
from .layouts import FileLayout, Layout, Role, SourceQuestion, column_letter
from .mapping import AUTOMATIC_CONFIDENCE, NO_ANSWER, OTHER_TEXT, Mapping, match_value, numbers_only
from .recognising import FINGERPRINT_PREFIX, Fingerprints
from .sources import SourceFile
from .values import day_first_dates, number_from_excel_date, parse_date, parse_number, split_joined

NOT_TICKED = frozenset({"0", "n", "no", "false", "not ticked"})
INCOMPLETE_VALUES = frozenset({"0", "false", "no"})
PROBLEMS_KEPT = 500
REPORT_EVERY_SECONDS = 0.2
CACHED_CELLS = 5000  # of one column's cells, those remembered with their answers: answers and figures repeat


QUOTED_LENGTH = 40  # a cell quoted in a message: enough to find it, never a whole comment


def quoted(value: str) -> str:
    """A cell's value as a message quotes it: on one line, and shortened if long."""
    value = " ".join(value.split())
    return value if len(value) <= QUOTED_LENGTH else value[: QUOTED_LENGTH - 1] + "…"


@dataclass(frozen=True)
class CellProblem:
    """A cell (or a whole row) that cannot be imported, said so that the user can find it in the file."""

    row: int  # as a spreadsheet numbers it, heading rows included
    column: str
    value: str
    message: str
    response_id: str = ""

    def __str__(self) -> str:
        where = f"Row {self.row}" + (f" ({self.column})" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class RowsSummary:
    """What a pass over the rows found."""

    rows_read: int = 0
    responses: int = 0
    invalid_rows: int = 0
    incomplete: int = 0
    empty: int = 0
    already_present: int = 0
    recognised_by: str = "same response id"  # how responses already in the cycle are known
    earlier_not_in_file: int = 0  # responses recognised by fingerprint before, that this file no longer holds
    problems: list[CellProblem] = field(default_factory=list)
    unmatched: dict[str, Counter] = field(default_factory=dict)  # question code -> values that matched no option
    dropped: dict[str, Counter] = field(default_factory=dict)  # of those, the ones with no 'Other' to keep them in
    answered: Counter = field(default_factory=Counter)  # question id -> responses answering it (the check pass only)
    invalid_row_numbers: set[int] = field(default_factory=set)

    def note(self, problem: CellProblem) -> None:
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)
        self.invalid_row_numbers.add(problem.row)


@dataclass(frozen=True)
class ImportOptions:
    skip_invalid_rows: bool = False
    include_incomplete: bool = False
    identifying_kept_reason: str | None = None
    # Answers that match no option of a question without an 'Other' would be left out: only when the PSW says so.
    unmatched_as_no_answer: bool = False


class _QuestionReader:
    """Reads one mapped question's cells into answers, with every lookup worked out once and cached."""

    def __init__(
        self,
        source: SourceQuestion,
        question: Question,
        chosen: dict[str, str],
        no_answer: frozenset[str],
        joined_by: str,
        samples: list[str],
        describe: Callable[[int], str],
        from_workbook: bool = False,
    ):
        self.source = source
        self.from_workbook = from_workbook
        self.question = question
        self.chosen = chosen
        self.no_answer = no_answer
        self.joined_by = joined_by
        self.describe = describe
        self.qid = question.id
        self.option_ids = {o.code: o.id for o in question.options}
        other = question.other_option
        self.other_id = other.id if other is not None else None
        self.by_position = numbers_only(samples, question) if question.qtype.has_options else False
        self.cache: dict[str, str | None] = {}
        self.known_labels = [o.label for o in question.options] + list(chosen)
        self.exact_labels = frozenset(self.known_labels)
        self.tick_targets = [(self._target(label) if label else None, index) for label, index in source.option_columns]
        self.unmatched: Counter = Counter()
        self.dropped: Counter = Counter()
        self.ticks = bool(source.option_columns)
        self.column = source.answer_column
        self.kind = question.qtype
        self.joined = question.qtype is QuestionType.MULTI and bool(joined_by)
        # What each distinct cell stands for, worked out once: its answers, the text of it that matches no option and
        # whether that text is left out (no 'Other' to keep it in). 'No answer' markers stand for nothing.
        self.answers_for: dict[str, tuple[tuple[AnswerValue, ...], str, bool]] = {
            value: ((), "", False) for value in no_answer
        }
        # What a cell stands for, as written (spaces and all), when it alone says so: most cells of a file are then one
        # look-up here. Only a cell read cleanly is kept (no problem, nothing left unmatched, to be counted each time),
        # and only for a question read from one column.
        self.known: dict[str, tuple[AnswerValue, ...]] = {}
        self.reads_one_cell = not self.ticks and self.column is not None and source.other_column is None
        self.read = self._reader_for_kind()

    def _remember(self, cell: str, answers: tuple[AnswerValue, ...]) -> None:
        if self.reads_one_cell and len(self.known) < CACHED_CELLS:
            self.known[cell] = answers

    def _target(self, value: str) -> str | None:
        """The option code (or OTHER_TEXT / NO_ANSWER) a value stands for; None when nothing matches surely enough.
        Similar-wording suggestions are only applied once the user confirms them in the wizard."""
        if value in self.cache:
            return self.cache[value]
        if value in self.chosen:
            target: str | None = self.chosen[value]
        else:
            match = match_value(self.question, value, self.by_position)
            target = match.target if match.confidence >= AUTOMATIC_CONFIDENCE else None
        self.cache[value] = target
        return target

    def _reader_for_kind(self) -> Callable[[list[str], int, list[AnswerValue], list[CellProblem]], None]:
        """The function that reads this question's cells, chosen once: it runs for every cell of the file."""
        if self.ticks:
            read = self._read_ticks
        elif self.column is None:
            read = _read_nothing
        elif self.kind is QuestionType.NUMBER:
            read = self._read_number_cell
        elif self.kind is QuestionType.TEXT:
            read = self._read_text_cell
        else:
            read = self._read_choice_cell
        if self.source.other_column is None:
            return read

        def read_with_other_text(
            row: list[str], row_number: int, answers: list[AnswerValue], problems: list[CellProblem]
        ) -> None:
            read(row, row_number, answers, problems)
            self._read_other_text(row, answers)

        return read_with_other_text

    def _read_choice_cell(
        self, row: list[str], row_number: int, answers: list[AnswerValue], problems: list[CellProblem]
    ) -> None:
        # The same few answers recur in every row: each is resolved once, and its (immutable) answers reused.
        cell = row[self.column]
        raw = cell.strip()
        if not raw:
            self._remember(cell, ())
            return
        found = self.answers_for.get(raw)
        if found is None:
            found = self.answers_for[raw] = self._split(raw) if self.joined else self._choice(raw)
        answers += found[0]
        if found[1]:
            self.unmatched[found[1]] += 1
            if found[2]:
                self.dropped[found[1]] += 1
        else:
            self._remember(cell, found[0])

    def _read_number_cell(
        self, row: list[str], row_number: int, answers: list[AnswerValue], problems: list[CellProblem]
    ) -> None:
        cell = row[self.column]
        raw = cell.strip()
        if not raw or raw in self.no_answer:
            self._remember(cell, ())
            return
        found = self.answers_for.get(raw)
        if found is None:
            found = self._read_number(raw, row_number, problems)
        if found is not None:
            answers += found[0]
            self._remember(cell, found[0])

    def _read_text_cell(
        self, row: list[str], row_number: int, answers: list[AnswerValue], problems: list[CellProblem]
    ) -> None:
        cell = row[self.column]
        raw = cell.strip()
        found: tuple[AnswerValue, ...] = (
            (AnswerValue(self.qid, None, None, raw),) if raw and raw not in self.no_answer else ()
        )
        answers += found
        self._remember(cell, found)

    def _choice(self, raw: str) -> tuple[tuple[AnswerValue, ...], str, bool]:
        """The answers one cell of a one-answer question stands for, the text that matched nothing (if any), and
        whether that text is left out."""
        target = self._target(raw)
        if target == NO_ANSWER:
            return (), "", False
        if target == OTHER_TEXT or target is None:
            unmatched = raw if target is None else ""
            if self.other_id is not None:
                return (AnswerValue(self.qid, option_id=self.other_id, text=raw),), unmatched, False
            return (), unmatched, bool(unmatched)
        return (AnswerValue(self.qid, option_id=self.option_ids[target]),), "", False

    def _split(self, raw: str) -> tuple[tuple[AnswerValue, ...], str, bool]:
        """The options a joined cell holds ('Pay;Workload;'), split against the options longest first; what is left
        is the text of Other (or, with no Other, matches nothing)."""
        mark = self.joined_by.strip() or self.joined_by
        parts = [part.strip() for part in raw.split(mark) if part.strip()]
        if all(part in self.exact_labels for part in parts):
            found, rest = parts, ""
        else:
            found, rest = split_joined(raw, self.joined_by, self.known_labels)
        chosen_ids: list[int] = []
        for label in found:
            target = self._target(label)
            if target == NO_ANSWER:
                continue
            if target in self.option_ids:
                if self.option_ids[target] not in chosen_ids:
                    chosen_ids.append(self.option_ids[target])
            elif target == OTHER_TEXT:
                rest = f"{rest}, {label}".strip(", ")
        answers = [AnswerValue(self.qid, option_id=option_id) for option_id in chosen_ids if option_id != self.other_id]
        if rest and self.other_id is not None:
            return (*answers, AnswerValue(self.qid, option_id=self.other_id, text=rest)), "", False
        if self.other_id in chosen_ids:
            answers.append(AnswerValue(self.qid, option_id=self.other_id))
        return tuple(answers), rest, bool(rest)

    def _read_ticks(
        self, row: list[str], row_number: int, answers: list[AnswerValue], problems: list[CellProblem]
    ) -> None:
        ticked: list[int] = []
        for (label, index), (target, _) in zip(self.source.option_columns, self.tick_targets):
            value = row[index].strip()
            if not value or value in self.no_answer or value.casefold() in NOT_TICKED:
                continue
            if target is None:
                target = self._target(value) if value.casefold() not in TICKED_VALUES else None
            if target in self.option_ids:
                ticked.append(self.option_ids[target])
            elif target != NO_ANSWER:
                self.unmatched[label or value] += 1
                self.dropped[label or value] += 1
        if not ticked:
            return
        if self.question.qtype is not QuestionType.MULTI and len(set(ticked)) > 1:
            problems.append(
                CellProblem(
                    row_number,
                    self.describe(self.source.option_columns[0][1]),
                    "",
                    f"more than one answer is ticked for '{self.question.title[:60]}', which takes one answer",
                )
            )
            return
        for option_id in dict.fromkeys(ticked):
            if option_id != self.other_id:
                answers.append(AnswerValue(self.qid, option_id=option_id))
        if self.other_id in ticked and (self.source.other_column is None or not row[self.source.other_column].strip()):
            answers.append(AnswerValue(self.qid, option_id=self.other_id))

    def _read_other_text(self, row: list[str], answers: list[AnswerValue]) -> None:
        column = self.source.other_column
        if column is None or self.other_id is None:
            return
        text = row[column].strip()
        if not text or text in self.no_answer:
            return
        own = [position for position, answer in enumerate(answers) if answer.question_id == self.qid]
        for position in own:
            if answers[position].option_id == self.other_id:
                answers[position] = AnswerValue(self.qid, option_id=self.other_id, text=text)
                return
        if own and self.question.qtype is not QuestionType.MULTI:
            # Text beside another answer to a one-answer question (a tool's text box on that choice): the answer
            # chosen stands, and keeps the text.
            answers[own[0]] = AnswerValue(self.qid, option_id=answers[own[0]].option_id, text=text)
            return
        answers.append(AnswerValue(self.qid, option_id=self.other_id, text=text))

    def _read_number(
        self, raw: str, row_number: int, problems: list[CellProblem]
    ) -> tuple[tuple[AnswerValue, ...], str, bool] | None:
        """What a number cell stands for (kept for the next time it is seen), or None when it is no answer or wrong
        (then the problem is noted)."""
        number = parse_number(raw, self.question.unit)
        if number is None and self.from_workbook:
            number = number_from_excel_date(raw)
        question = self.question
        if (
            number is not None
            and (question.min_value is None or number >= question.min_value)
            and (question.max_value is None or number <= question.max_value)
        ):
            found = ((AnswerValue(self.qid, None, number),), "", False)
            if len(self.answers_for) < CACHED_CELLS:
                self.answers_for[raw] = found
            return found
        where = self.describe(self.source.answer_column)
        unit = f" {question.unit}" if question.unit else ""
        if number is None:
            target = self._target(raw) if self.chosen else None
            if target == NO_ANSWER:
                return None
            problems.append(
                CellProblem(
                    row_number, where, raw, f"'{quoted(raw)}' is not a number (write it in figures, for example 20)"
                )
            )
            return None
        if question.min_value is not None and number < question.min_value:
            message = f"{number:g}{unit} is below the lowest allowed ({question.min_value:g})"
        else:  # out of range, and not below: above
            message = f"{number:g}{unit} is above the highest allowed ({question.max_value:g})"
        problems.append(CellProblem(row_number, where, raw, message))
        return None


class RowReader:
    """Reads the data rows of a file, with a mapping, into responses for one cycle's questionnaire."""

    def __init__(
        self,
        source: SourceFile,
        file_layout: FileLayout,
        mapping: Mapping,
        questionnaire: Questionnaire,
        options: ImportOptions,
        existing_ids: set[str] | frozenset[str] = frozenset(),
        window: tuple[dt.date | None, dt.date | None] = (None, None),
    ):
        self.source = source
        self.layout = file_layout
        self.options = options
        self.existing_ids = existing_ids
        sample = source.sample()
        data_sample = sample[file_layout.header_rows :]
        self.width = len(file_layout.columns)  # cells beyond the last heading belong to no question
        self.id_column = _index(file_layout.column_with(Role.RESPONSE_ID))
        self.date_column = _index(file_layout.column_with(Role.SUBMITTED))
        self.completed_column = _index(file_layout.column_with(Role.COMPLETED))
        # LimeSurvey leaves submitdate empty for a response that was started but never submitted.
        self.submit_date_marks_completion = (
            self.completed_column is None and self.date_column is not None and file_layout.layout is Layout.LIMESURVEY
        )
        self.day_first = (
            day_first_dates([r[self.date_column] for r in data_sample], window)
            if self.date_column is not None
            else True
        )
        # A tool that writes no response id: its responses are known again by submission time and answers.
        self.fingerprints = (
            Fingerprints(self.day_first) if self.id_column is None and self.date_column is not None else None
        )
        self.answer_columns = sorted({index for question in file_layout.questions for index in question.columns})
        self.identifying = [(c.index, c.identifying_field or c.heading) for c in file_layout.identifying_columns()]
        self.readers: list[_QuestionReader] = []
        for source_question in file_layout.questions:
            match = mapping.match(source_question.key)
            question = questionnaire.find(match.question_code) if match.question_code else None
            if question is None or question.id is None:
                continue
            samples = [
                r[source_question.answer_column] for r in data_sample if source_question.answer_column is not None
            ]
            self.readers.append(
                _QuestionReader(
                    source_question,
                    question,
                    match.values,
                    file_layout.no_answer,
                    file_layout.joined_by,
                    samples,
                    file_layout.describe_column,
                    from_workbook=source.kind == "xlsx",
                )
            )
        # Each question's column, the cells known there, and how to read any other cell (or, for a question read from
        # several columns, every row).
        self.read_cells = [
            (reader.column if reader.reads_one_cell else 0, reader.known, reader.read) for reader in self.readers
        ]

    def responses(self, summary: RowsSummary, progress: Progress = SILENT) -> Iterator[NewResponse]:
        """Each row that becomes a response; rows with problems are noted in the summary (and not yielded)."""
        seen_ids: dict[str, int] = {}
        if self.fingerprints is not None:
            summary.recognised_by = "same submission time and answers"
        header_rows = self.layout.header_rows
        total = self.estimated_rows()
        last_report = time.monotonic()
        for number, row in enumerate(self.source.rows(), start=1):
            if number <= header_rows:
                continue
            if not any(cell.strip() for cell in row):
                continue  # a blank line, as some tools write at the end
            summary.rows_read += 1
            if summary.rows_read % 64 == 0 and time.monotonic() - last_report >= REPORT_EVERY_SECONDS:
                progress.step(
                    summary.rows_read,
                    max(total, summary.rows_read),
                    f"Read {summary.rows_read:,} of about {counted(total, 'row')}",
                )
                last_report = time.monotonic()
            response = self._response(row, number, summary, seen_ids)
            if response is not None:
                summary.responses += 1
                yield response
        if self.fingerprints is not None and summary.already_present:
            # The file holds responses imported before, so it is a later export of the same form: those imported
            # before that it no longer holds were edited (a new time) or deleted in the form since.
            earlier = {known for known in self.existing_ids if known.startswith(FINGERPRINT_PREFIX)}
            summary.earlier_not_in_file = len(earlier - self.fingerprints.made)
        for reader in self.readers:
            if reader.unmatched:
                summary.unmatched.setdefault(reader.question.code, Counter()).update(reader.unmatched)
            if reader.dropped:
                summary.dropped.setdefault(reader.question.code, Counter()).update(reader.dropped)
        progress.step(summary.rows_read, summary.rows_read, f"Read {counted(summary.rows_read, 'row')}")

    def estimated_rows(self) -> int:
        return max(self.source.row_estimate - self.layout.header_rows, 0)

    def _response(
        self, row: list[str], number: int, summary: RowsSummary, seen_ids: dict[str, int]
    ) -> NewResponse | None:
        external_id = row[self.id_column].strip() or None if self.id_column is not None else None
        if self.fingerprints is not None and row[self.date_column].strip():
            answers_written = [row[index] for index in self.answer_columns if index < len(row)]
            external_id = self.fingerprints.response_id(row[self.date_column], answers_written)
        shown_id = external_id if self.id_column is not None else None
        if self._incomplete(row):
            summary.incomplete += 1
            return None
        problems: list[CellProblem] = []
        if external_id is not None:
            if external_id in self.existing_ids:
                summary.already_present += 1
                return None
            if external_id in seen_ids:
                problems.append(
                    CellProblem(
                        number,
                        self.layout.describe_column(self.id_column),
                        external_id,
                        f"the response id {quoted(external_id)} is also on row {seen_ids[external_id]}",
                    )
                )
            else:
                seen_ids[external_id] = number
        if len(row) > self.width:
            self._beyond_the_headings(row, number, problems)
        answers: list[AnswerValue] = []
        for column, known, read in self.read_cells:
            found = known.get(row[column])
            if found is None:
                read(row, number, answers, problems)
            else:
                answers += found
        if problems:
            summary.invalid_rows += 1
            for problem in problems:
                summary.note(CellProblem(problem.row, problem.column, problem.value, problem.message, shown_id or ""))
            return None
        if not answers:
            summary.empty += 1
            return None
        submitted = parse_date(row[self.date_column], self.day_first) if self.date_column is not None else None
        identifiers: tuple[tuple[str, str], ...] = ()
        if self.options.identifying_kept_reason:
            identifiers = self._identifiers(row)
        return NewResponse(
            answers=tuple(answers), external_id=external_id, submitted_on=submitted, identifiers=identifiers
        )

    def _beyond_the_headings(self, row: list[str], number: int, problems: list[CellProblem]) -> None:
        """Cells with something in them past the last heading: a comma or quotation mark out of place has most likely
        shifted the row's answers, so that none of them can be trusted to be under its own heading."""
        extra = [index for index in range(self.width, len(row)) if row[index].strip()]
        if extra:
            first = extra[0]
            problems.append(
                CellProblem(
                    number,
                    f"column {column_letter(first)}",
                    row[first],
                    f"{counted(len(extra), 'cell')} past the last heading (column {column_letter(self.width - 1)}) "
                    f"{'holds' if len(extra) == 1 else 'hold'} something, from '{quoted(row[first])}' on: a comma or "
                    "quotation mark out of place may have moved this row's answers from under their headings",
                )
            )

    def _identifiers(self, row: list[str]) -> tuple[tuple[str, str], ...]:
        """Names, emails and addresses as written (one value a field; 'anonymous' is no identity at all)."""
        found: dict[str, str] = {}
        for index, name in self.identifying:
            value = row[index].strip()
            if value and value.casefold() != "anonymous" and name not in found:
                found[name] = value
        return tuple(found.items())

    def _incomplete(self, row: list[str]) -> bool:
        if self.options.include_incomplete:
            return False
        if self.completed_column is not None:
            return row[self.completed_column].strip().casefold() in INCOMPLETE_VALUES
        if self.submit_date_marks_completion:
            return not row[self.date_column].strip()
        return False


def _read_nothing(row: list[str], row_number: int, answers: list[AnswerValue], problems: list[CellProblem]) -> None:
    return None


def _index(column) -> int | None:
    return column.index if column is not None else None
