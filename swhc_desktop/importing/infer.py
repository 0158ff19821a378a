"""Building a questionnaire from an export (a survey run outside the app): types,
options and multi-select groups inferred."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..domain.errors import InvalidInput
from ..domain.progress import SILENT, Progress
from ..domain.questionnaire import (
    AGREEMENT_LABELS,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    agreement_options,
    make_code,
)
from ..domain.records import Cycle
from ..domain.rules import check_cycle_values
from ..domain.standard_hints import suggested_standard
from ..storage import HealthCheckFile
from .layouts import FileLayout, SourceColumn, SourceQuestion, read_layout, with_identifying_found_later
from .rows import NOT_TICKED, counted
from .sources import SourceFile, open_source
from .values import normalise, parse_number, split_joined

# A column with more distinct answers than this, most of them given once, is free text rather than a choice.
MOST_OPTIONS = 25
OTHER_LABELS = ("other", "other please specify")


@dataclass
class _Profile:
    """What one source question's cells hold across the whole file."""

    values: Counter = field(default_factory=Counter)
    numbers: int = 0
    answered: int = 0
    most_ticked: int = 0
    ticked: Counter = field(default_factory=Counter)
    other_texts: int = 0
    text_length: int = 0


def infer_questionnaire(path, title: str = "", progress: Progress = SILENT, sheet: str | None = None) -> Questionnaire:
    """A questionnaire with a question for each question in the file, in the file's order."""
    return _inferred(path, title, progress, sheet)[0]


def _inferred(path, title: str, progress: Progress, sheet: str | None) -> tuple[Questionnaire, FileLayout]:
    source = open_source(path, sheet=sheet)
    sample = source.sample()
    file_layout = with_identifying_found_later(read_layout(sample), sample, source.rows())
    return questionnaire_from(source, file_layout, title, progress), file_layout


def questionnaire_from(
    source: SourceFile, file_layout: FileLayout, title: str = "", progress: Progress = SILENT
) -> Questionnaire:
    profiles = _profile(source, file_layout, progress)
    taken: set[str] = set()
    questions = []
    for source_question in file_layout.questions:
        question = _question(source_question, profiles[source_question.key], file_layout, taken)
        if question is not None:
            taken.add(question.code)
            questions.append(replace(question, standard=suggested_standard(question.text, question.qtype)))
    section = Section(
        title=f"Questions from {source.name}",
        questions=tuple(questions),
        intro=f"Built from the {file_layout.layout.label} export {source.name}. Check each question's type, "
        "options and Standard in the designer: a Standard is suggested where the question's wording suggests one, "
        "and any other question is not about a Standard (reported under 'Other questions').",
    )
    return Questionnaire(sections=(section,), title=title or source.path.stem)


def standards_summary(questionnaire: Questionnaire) -> str:
    """What a questionnaire built from an export is about, said alike by the app and the command line: how many
    questions the wording filed under a Standard, and how many are not about one (a choice, not an error)."""
    questions = list(questionnaire.questions())
    filed = sum(q.standard is not None for q in questions)
    others = len(questions) - filed
    parts = []
    if filed:
        parts.append(
            f"{counted(filed, 'question')} filed under a Standard by {'its' if filed == 1 else 'their'} wording"
        )
    if others:
        parts.append(
            f"{counted(others, 'question')} not about a Standard (reported under 'Other questions': nothing to fix)"
        )
    return "; ".join(parts) + "." if parts else ""


@dataclass(frozen=True)
class CycleFromExport:
    cycle: Cycle
    left_out: tuple[SourceColumn, ...]  # columns that identify people: not made into questions
    standards: str = ""  # standards_summary of the questionnaire built


def start_cycle_from_export(
    hc: HealthCheckFile,
    name: str,
    path: Path | str,
    *,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    staff_invited: int | None = None,
    progress: Progress = SILENT,
    sheet: str | None = None,
) -> CycleFromExport:
    """Add a cycle whose questionnaire is built from an export, for the PSW to check in the designer. Columns that
    identify people (names, e-mail addresses…, by heading or by their answers) are left out, and said."""
    check_cycle_values(name, opens_on, closes_on, staff_invited)
    if hc.cycles.find(name) is not None:
        raise InvalidInput(f"There is already a cycle called '{name.strip()}'.", "Choose another name.")
    questionnaire, file_layout = _inferred(path, "", progress, sheet)
    if questionnaire.question_count == 0:
        raise InvalidInput(f"No questions could be found in {Path(path).name}.", "Check it is an export of responses.")
    with hc.transaction():
        cycle_id = hc.cycles.add(
            name,
            title=questionnaire.title,
            numbering=questionnaire.numbering_style,
            opens_on=opens_on,
            closes_on=closes_on,
            staff_invited=staff_invited,
            source=f"Built from {Path(path).name}",
        )
        hc.questionnaires.add_questionnaire(cycle_id, questionnaire)
    return CycleFromExport(
        hc.cycles.get(cycle_id), tuple(file_layout.identifying_columns()), standards_summary(questionnaire)
    )


def _profile(source: SourceFile, file_layout: FileLayout, progress: Progress) -> dict[str, _Profile]:
    profiles = {q.key: _Profile() for q in file_layout.questions}
    missing = file_layout.no_answer
    total = max(source.row_estimate, 1)
    for number, row in enumerate(source.rows(), start=1):
        if number <= file_layout.header_rows:
            continue
        if number % 2000 == 0:
            progress.step(number, total, f"Reading row {number:,}")
        for question in file_layout.questions:
            profile = profiles[question.key]
            if question.option_columns:
                ticked = [
                    label or row[index].strip()
                    for label, index in question.option_columns
                    if row[index].strip()
                    and row[index].strip() not in missing
                    and row[index].strip().casefold() not in NOT_TICKED
                ]
                if ticked:
                    profile.answered += 1
                    profile.ticked.update(ticked)
                    profile.most_ticked = max(profile.most_ticked, len(ticked))
            elif question.answer_column is not None:
                value = row[question.answer_column].strip()
                if value and value not in missing:
                    profile.answered += 1
                    profile.values[value] += 1
                    profile.numbers += parse_number(value) is not None
                    profile.text_length += len(value)
            if question.other_column is not None and row[question.other_column].strip():
                profile.other_texts += 1
    return profiles


def _question(source: SourceQuestion, profile: _Profile, file_layout: FileLayout, taken: set[str]) -> Question | None:
    code = make_code(source.code or source.text or source.key, taken)
    text = source.text or source.key
    if source.option_columns:
        labels = [label or value for label, value in _tick_labels(source, profile)]
        qtype = QuestionType.MULTI if profile.most_ticked > 1 or not profile.answered else QuestionType.SINGLE
        return Question(code, text, qtype, options=_options(labels, source.other_column is not None))
    if not profile.answered:
        return Question(code, text, QuestionType.TEXT)
    distinct = list(profile.values)
    if profile.numbers == profile.answered and len(distinct) > 12:
        return Question(code, text, QuestionType.NUMBER)
    separator = file_layout.joined_by
    if separator and _looks_joined(profile.values, separator):
        labels = _joined_options(profile.values, separator)
        return Question(code, text, QuestionType.MULTI, options=_options(labels, True))
    average_length = profile.text_length / profile.answered
    repeats = sum(1 for v, n in profile.values.items() if n > 1)
    if (
        len(distinct) > MOST_OPTIONS
        or (len(distinct) > 3 and repeats < len(distinct) / 2)
        or average_length > 80
        or (not repeats and average_length > 10)
    ):
        return Question(code, text, QuestionType.TEXT)
    if _is_agreement_scale(distinct):
        return Question(
            code,
            text,
            QuestionType.SCALE,
            options=agreement_options(dont_know=any(normalise(v) == "dont know" for v in distinct)),
        )
    ordered = sorted(distinct, key=_number_or_text) if profile.numbers == profile.answered else distinct
    return Question(code, text, QuestionType.SINGLE, options=_options(ordered, source.other_column is not None))


def _tick_labels(source: SourceQuestion, profile: _Profile) -> list[tuple[str, str]]:
    labels = [(label, "") for label, _ in source.option_columns if label]
    if len(labels) == len(source.option_columns):
        return labels
    return [("", value) for value in profile.ticked]


def _number_or_text(value: str) -> tuple[float, str]:
    number = parse_number(value)
    return (number if number is not None else float("inf"), value)


def _is_agreement_scale(values: list[str]) -> bool:
    scale = {normalise(label) for label in AGREEMENT_LABELS} | {"dont know", "neither agree or disagree"}
    return len(values) >= 3 and all(normalise(v) in scale for v in values)


def _options(labels: list[str], with_other: bool) -> tuple[Option, ...]:
    taken: set[str] = set()
    options: list[Option] = []
    has_other = False
    for label in labels:
        label = label.strip()
        if not label or normalise(label) in {normalise(o.label) for o in options}:
            continue
        is_other = normalise(label) in OTHER_LABELS
        if is_other:
            has_other = True
            label = "Other"
        code = make_code(label, taken)
        taken.add(code)
        options.append(Option(code, label, is_other=is_other))
    if with_other and not has_other:
        options.append(Option(make_code("other", taken), "Other", is_other=True))
    return tuple(options)


def _looks_joined(values: Counter, separator: str) -> bool:
    """Whether a column holds several answers joined in one cell: parts that recur across respondents."""
    joined = [v for v in values if separator.strip() in v]
    if len(joined) < 2:
        return False
    parts = Counter(part.strip() for v in values for part in v.split(separator.strip()) if part.strip())
    recurring = sum(1 for part, n in parts.items() if n > 1)
    return recurring >= 2 and len(parts) < 3 * max(len(values), 1)


def _joined_options(values: Counter, separator: str) -> list[str]:
    """The options of a joined column. Parts are split at the separator outside brackets, so 'Master's degree (e.g.
    MA, MS, MEd)' stays whole; a whole cell holding the separator is one option when one of its parts is never found
    without the rest of it. Parts given by more than one respondent are options; the rest is 'Other' text."""
    mark = separator.strip()
    cells = list(values)
    parts_of = {cell: bracket_aware_split(cell, mark) for cell in cells}
    known = [
        cell
        for cell in cells
        if len(parts_of[cell]) > 1
        and any(
            _continues_a_sentence(part) and all(cell in other for other in cells if part in parts_of[other])
            for part in parts_of[cell][1:]
        )
    ]
    parts: Counter = Counter()
    for value, count in values.items():
        found, rest = split_joined(value, separator, known)
        for part in [*found, *bracket_aware_split(rest, mark)]:
            parts[part] += count
    return [part for part, count in parts.most_common() if count > 1 or part in known]


def _continues_a_sentence(part: str) -> bool:
    """Whether a part after a separator reads as the rest of the same option ('for example …', 'MS', 'MEd)')
    rather than an option of its own, which starts with a capital."""
    return part[:1].islower() or len(part) <= 3 or part.count("(") != part.count(")")


def bracket_aware_split(text: str, mark: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == mark and depth <= 0:
            parts.append("".join(current).strip(" ,;"))
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p.strip(" ,;") for p in parts if p.strip(" ,;")]
