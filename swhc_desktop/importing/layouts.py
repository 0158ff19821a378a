"""The layouts survey tools export in: recognising each, and turning its heading rows
into the questions a file answers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType

from ..domain.errors import Advice, InvalidInput
from ..domain.plurals import counted, noun
from ..domain.response_columns import META_COLUMNS, RESPONSE_ID, TICKED_VALUES, ColumnKind, parse_heading
from ..domain.titles import told_apart
from .identifying import given_names, identifying_column, identifying_heading
from .values import normalise, plain_text


class Layout(StrEnum):
    TEMPLATE = "template"
    MICROSOFT_FORMS = "microsoft-forms"
    GOOGLE_FORMS = "google-forms"
    SURVEYMONKEY = "surveymonkey"
    SMARTSURVEY = "smartsurvey"
    QUALTRICS = "qualtrics"
    QUALTRICS_LEGACY = "qualtrics-legacy"
    LIMESURVEY = "limesurvey"
    PLAIN = "plain"

    @property
    def label(self) -> str:
        return LAYOUT_LABELS[self]


LAYOUT_LABELS = MappingProxyType(
    {
        Layout.TEMPLATE: "SWHC response template",
        Layout.MICROSOFT_FORMS: "Microsoft Forms",
        Layout.GOOGLE_FORMS: "Google Forms",
        Layout.SURVEYMONKEY: "SurveyMonkey",
        Layout.SMARTSURVEY: "SmartSurvey",
        Layout.QUALTRICS: "Qualtrics",
        Layout.QUALTRICS_LEGACY: "Qualtrics (legacy export)",
        Layout.LIMESURVEY: "LimeSurvey",
        Layout.PLAIN: "Plain table (one heading row)",
    }
)

# How each tool joins the answers of a 'tick all that apply' question in one cell.
JOINED_BY = MappingProxyType({Layout.MICROSOFT_FORMS: ";", Layout.GOOGLE_FORMS: ", ", Layout.PLAIN: ";"})

# Cells that mean 'no answer': Qualtrics writes -99 for a question seen but not answered, SmartSurvey '-';
# SmartSurvey files made with R (as the published sample is) have R's NA.
NO_ANSWER = MappingProxyType(
    {
        Layout.QUALTRICS: frozenset({"", "-99"}),
        Layout.QUALTRICS_LEGACY: frozenset({"", "-99"}),
        Layout.SMARTSURVEY: frozenset({"", "-", "NA"}),
    }
)
DEFAULT_NO_ANSWER = frozenset({""})
ANY_NO_ANSWER = frozenset().union(*NO_ANSWER.values())


class Role(StrEnum):
    ANSWER = "answer"
    RESPONSE_ID = "response_id"
    SUBMITTED = "submitted"
    COMPLETED = "completed"  # a column whose value says whether the respondent finished
    IDENTIFYING = "identifying"
    IGNORED = "ignored"


# Metadata headings (normalised) the tools write, and what each is.
RESPONSE_ID_HEADINGS = ("response id", "responseid", "respondentid", "respondent id", "id", "userid", "unique id")
SUBMITTED_HEADINGS = (
    "submitted on",
    "completion time",
    "timestamp",
    "submitdate",
    "enddate",
    "end date",
    "ended",
    "recordeddate",
    "recorded date",
    "date submitted",
)
IDENTIFYING_HEADINGS = MappingProxyType(
    {
        "name": "name",
        "email": "email",
        "email address": "email",
        "emailaddress": "email",
        "ip": "ip_address",
        "ip address": "ip_address",
        "ipaddress": "ip_address",
        "ipaddr": "ip_address",
        "first name": "first_name",
        "last name": "last_name",
        "firstname": "first_name",
        "lastname": "last_name",
        "recipientlastname": "last_name",
        "recipient last name": "last_name",
        "recipientfirstname": "first_name",
        "recipient first name": "first_name",
        "recipientemail": "email",
        "recipient email": "email",
        "locationlatitude": "latitude",
        "location latitude": "latitude",
        "locationlongitude": "longitude",
        "location longitude": "longitude",
        "externalreference": "external_reference",
        "externaldatareference": "external_reference",
        "external data reference": "external_reference",
        "refurl": "referring_address",
    }
)
COMPLETED_HEADINGS = ("finished",)
IGNORED_HEADINGS = frozenset(
    {
        "start time",
        "starttime",
        "startdate",
        "start date",
        "started",
        "last modified time",
        "status",
        "response type",
        "progress",
        "duration in seconds",
        "distributionchannel",
        "distribution channel",
        "userlanguage",
        "user language",
        "q recaptchascore",
        "responseset",
        "locationaccuracy",
        "location accuracy",
        "lastpage",
        "startlanguage",
        "seed",
        "datestamp",
        "interviewtime",
        "collectorid",
        "collector id",
        "custom data",
        "custom data 1",
        "userno",
        "tracking",
        "anonymized",
        "token",
        "total score",
        "score",
        "v1",
        "v2",
        "v3",
        "v4",
        "v5",
        "v6",
        "v7",
        "v8",
        "v9",
        "v10",
    }
)
OTHER_SPECIFY = ("other please specify", "other please specify text", "other")
SINGLE_ANSWER_SUBHEADINGS = frozenset({"response", "open ended response", "answer", "na", ""})


@dataclass(frozen=True)
class SourceColumn:
    index: int
    heading: str
    code: str = ""
    role: Role = Role.ANSWER
    identifying_field: str = ""
    identifying_reason: str = ""  # what its answers are, when they (not its heading) show it identifies people


@dataclass(frozen=True)
class SourceQuestion:
    """What one question looks like in the file: a column holding the answer (several answers joined, for some tools),
    or a column a ticked option, and perhaps a column for the text of 'Other (please specify)'."""

    key: str  # stable across years: the tool's code, else the normalised heading
    text: str
    code: str = ""
    answer_column: int | None = None
    option_columns: tuple[tuple[str, int], ...] = ()
    other_column: int | None = None
    alternative_texts: tuple[str, ...] = ()  # e.g. a matrix statement on its own

    @property
    def columns(self) -> tuple[int, ...]:
        found = [] if self.answer_column is None else [self.answer_column]
        found += [index for _, index in self.option_columns]
        if self.other_column is not None:
            found.append(self.other_column)
        return tuple(found)


@dataclass(frozen=True)
class FileLayout:
    """A file read as a layout: how many heading rows, which columns are metadata, which questions it answers."""

    layout: Layout
    header_rows: int
    columns: tuple[SourceColumn, ...]
    questions: tuple[SourceQuestion, ...]
    headings: tuple[str, ...] = field(default=())

    @property
    def joined_by(self) -> str:
        return JOINED_BY.get(self.layout, "")

    @property
    def no_answer(self) -> frozenset[str]:
        return NO_ANSWER.get(self.layout, DEFAULT_NO_ANSWER)

    def column_with(self, role: Role) -> SourceColumn | None:
        return next((c for c in self.columns if c.role is role), None)

    def identifying_columns(self) -> list[SourceColumn]:
        return [c for c in self.columns if c.role is Role.IDENTIFYING]

    def describe_column(self, index: int) -> str:
        heading = self.columns[index].heading if index < len(self.columns) else ""
        return f"column {column_letter(index)} ({heading[:60]})" if heading else f"column {column_letter(index)}"


def describe_identifying(columns: Sequence[SourceColumn]) -> str:
    """'Your name, Comments 2 (its answers are e-mail addresses)': each column,
    and why when its heading does not say."""
    return ", ".join(
        f"{c.heading or column_letter(c.index)}" + (f" ({c.identifying_reason})" if c.identifying_reason else "")
        for c in columns
    )


def column_labels(texts: Sequence[str], length: int = 90) -> list[str]:
    """Each column's heading as short as a list can show it, yet told apart from every other (see told_apart)."""
    return told_apart(texts, length)


def column_letter(index: int) -> str:
    """A spreadsheet's name for a column: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# ---------------------------------------------------------------------------------------------- detection


def detect_layout(sample: Sequence[Sequence[str]]) -> Layout:
    """The layout a file's first rows show; a plain table when they show none of the tools'."""
    if not sample:
        raise InvalidInput("The file has no rows.", "Export the responses from the survey tool again.")
    first = [h.strip() for h in sample[0]]
    lowered = [h.casefold() for h in first]
    second = [c.strip() for c in sample[1]] if len(sample) > 1 else []
    third = [c.strip() for c in sample[2]] if len(sample) > 2 else []
    if lowered[:1] == [RESPONSE_ID] or sum(_template_heading(h) for h in first) >= max(1, len(first) // 2):
        return Layout.TEMPLATE
    if third and any(c.startswith(('{"ImportId"', "{'ImportId'")) for c in third):
        return Layout.QUALTRICS
    if lowered[:3] == ["v1", "v2", "v3"]:
        return Layout.QUALTRICS_LEGACY
    if lowered[:2] == ["id", "submitdate"] or ("lastpage" in lowered and "startlanguage" in lowered):
        return Layout.LIMESURVEY
    if lowered[:3] == ["id", "start time", "completion time"]:
        return Layout.MICROSOFT_FORMS
    if lowered[:1] == ["timestamp"] or lowered[:1] == ["marca temporal"]:
        return Layout.GOOGLE_FORMS
    if lowered[:2] == ["userid", "userno"]:
        return Layout.SMARTSURVEY
    if (
        lowered[:1] in (["respondentid"], ["respondent id"])
        or "collectorid" in lowered[:3]
        or _surveymonkey_second_row(second)
    ):
        return Layout.SURVEYMONKEY
    return Layout.PLAIN


def _template_heading(heading: str) -> bool:
    """A heading of our own template: words, then the key in brackets after a space ('… [caseload]')."""
    return parse_heading(heading) is not None and re.search(r"\s\[[^\]]+\]\s*$", heading) is not None


def _surveymonkey_second_row(second: list[str]) -> bool:
    lowered = {c.casefold() for c in second}
    return bool(lowered & {"response", "open-ended response"}) and "" in lowered


# Heading rows each layout starts with, where it is more than one.
HEADING_ROWS = MappingProxyType({Layout.QUALTRICS: 3, Layout.QUALTRICS_LEGACY: 2})


def read_layout(sample: Sequence[Sequence[str]], layout: Layout | None = None) -> FileLayout:
    """Read a file's heading rows as the given layout (detected when not given)."""
    layout = layout or detect_layout(sample)
    needed = HEADING_ROWS.get(layout, 1)
    if len(sample) < needed:
        rows = "no rows" if not sample else "only 1 row" if len(sample) == 1 else f"only {counted(len(sample), 'row')}"
        raise InvalidInput(
            f"The file has {rows}, too few to be read as {layout.label}, which starts with {needed} "
            f"heading {noun(needed, 'row')}.",
            Advice(
                "Choose another layout, or check that this is the export of the responses.",
                "Give another layout with --layout, or check that this is the export of the responses.",
            ),
        )
    builder = {
        Layout.TEMPLATE: _template,
        Layout.QUALTRICS: _qualtrics,
        Layout.QUALTRICS_LEGACY: _qualtrics_legacy,
        Layout.LIMESURVEY: _limesurvey,
        Layout.SURVEYMONKEY: _two_row_layout,
        Layout.SMARTSURVEY: _two_row_layout,
    }.get(layout, _one_row_layout)
    return _without_identifying(builder(layout, [list(r) for r in sample]), sample)


def _answers(file_layout: FileLayout, rows: Sequence[Sequence[str]], index: int) -> list[str]:
    no_answer = file_layout.no_answer
    return [row[index] for row in rows if index < len(row) and row[index].strip() not in no_answer]


def _without_identifying(
    file_layout: FileLayout, sample: Sequence[Sequence[str]], later: dict[int, list[str]] | None = None
) -> FileLayout:
    """The layout with every question that identifies people (by its wording, or by its answers in the first rows,
    or `later` in the file for a column with none there) made an identifying column instead: never stored, nor made
    into a question, unless kept with a reason."""
    data = sample[file_layout.header_rows :]
    columns = list(file_layout.columns)
    kept = []
    names = given_names()
    for question in file_layout.questions:
        index = question.answer_column
        if index is None or question.option_columns:
            kept.append(question)
            continue
        values = (later or {}).get(index) or _answers(file_layout, data, index)
        found = identifying_column(question.text, question.alternative_texts, values, names)
        if found is None:
            kept.append(question)
            continue
        for column in question.columns:
            old = columns[column]
            columns[column] = SourceColumn(
                old.index, old.heading, old.code, Role.IDENTIFYING, found.field, found.reason
            )
    if len(kept) == len(file_layout.questions):
        return file_layout
    return replace(file_layout, columns=tuple(columns), questions=tuple(kept))


# ---------------------------------------------------------------------------------------------- metadata


def metadata_role(heading: str, layout: Layout) -> tuple[Role, str]:
    key = normalise(heading)
    if key in IDENTIFYING_HEADINGS:
        return Role.IDENTIFYING, IDENTIFYING_HEADINGS[key]
    if key in RESPONSE_ID_HEADINGS:
        return Role.RESPONSE_ID, ""
    if key in SUBMITTED_HEADINGS:
        return Role.SUBMITTED, ""
    if key in COMPLETED_HEADINGS:
        return Role.COMPLETED, ""
    if key in IGNORED_HEADINGS:
        return Role.IGNORED, ""
    if layout is Layout.LIMESURVEY and re.fullmatch(r"(grouptime\d+|\w+time)", heading.casefold()):
        return Role.IGNORED, ""
    field_name = identifying_heading(heading)
    if field_name is not None:
        return Role.IDENTIFYING, field_name
    return Role.ANSWER, ""


def _with_roles(layout: Layout, columns: list[SourceColumn]) -> list[SourceColumn]:
    """Give metadata columns their role; keep only the first response-id and submission column."""
    seen: set[Role] = set()
    result = []
    for column in columns:
        role, field_name = metadata_role(column.code or column.heading, layout)
        if role is Role.ANSWER and column.code:
            role, field_name = metadata_role(column.heading, layout)
        if role in (Role.RESPONSE_ID, Role.SUBMITTED, Role.COMPLETED) and role in seen:
            role = Role.IGNORED
        seen.add(role)
        result.append(SourceColumn(column.index, column.heading, column.code, role, field_name))
    return result


def _unique_keys(questions: list[SourceQuestion]) -> tuple[SourceQuestion, ...]:
    """Keys made unique (a heading used twice becomes 'heading (2)')."""
    counts: dict[str, int] = {}
    result = []
    for question in questions:
        counts[question.key] = counts.get(question.key, 0) + 1
        if counts[question.key] > 1:
            question = SourceQuestion(**{**question.__dict__, "key": f"{question.key} ({counts[question.key]})"})
        result.append(question)
    return tuple(result)


def _single(column: SourceColumn, text: str | None = None, key: str | None = None) -> SourceQuestion:
    text = plain_text(text if text is not None else column.heading)
    return SourceQuestion(
        key=key or column.code or normalise(text) or f"column {column_letter(column.index)}",
        text=text or f"Column {column_letter(column.index)}",
        code=column.code,
        answer_column=column.index,
    )


def _empty_columns(sample: Sequence[Sequence[str]], header_rows: int) -> set[int]:
    data = sample[header_rows:]
    width = len(sample[0]) if sample else 0
    return {i for i in range(width) if not any(i < len(r) and r[i].strip() for r in data)}


# ---------------------------------------------------------------------------------------------- layouts


def _one_row_layout(layout: Layout, sample: list[list[str]]) -> FileLayout:
    """Microsoft Forms, Google Forms and plain tables: a heading a column, a column a question."""
    headings = [h.strip() for h in sample[0]]
    empty = _empty_columns(sample, 1)
    columns = _with_roles(layout, [SourceColumn(i, h) for i, h in enumerate(headings)])
    questions = []
    for column in columns:
        if column.role is not Role.ANSWER:
            continue
        if not column.heading and column.index in empty:
            columns[column.index] = SourceColumn(column.index, column.heading, role=Role.IGNORED)
            continue
        questions.append(_single(column))
    return FileLayout(layout, 1, tuple(columns), _unique_keys(_merge_other_columns(questions)), tuple(headings))


LATER_ANSWERS = 50  # answers read further down the file for a column with none in its first rows


def with_identifying_found_later(
    file_layout: FileLayout, sample: Sequence[Sequence[str]], rows: Iterable[Sequence[str]]
) -> FileLayout:
    """The layout, with the columns that had no answer in the file's first rows judged by their first answers further
    down (an optional 'leave your e-mail address' column may be empty for hundreds of rows). The file is read only as
    far as it takes to find enough of them."""
    data = sample[file_layout.header_rows :]
    waiting: dict[int, list[str]] = {
        q.answer_column: []
        for q in file_layout.questions
        if q.answer_column is not None
        and not q.option_columns
        and not any(v.strip() for v in _answers(file_layout, data, q.answer_column))
    }
    if not waiting:
        return file_layout
    for number, row in enumerate(rows, start=1):
        if number <= len(sample):
            continue
        for index, found in waiting.items():
            if len(found) < LATER_ANSWERS and index < len(row) and row[index].strip() not in file_layout.no_answer:
                found.append(row[index])
        if all(len(found) >= LATER_ANSWERS for found in waiting.values()):
            break
    return _without_identifying(file_layout, sample, {index: found for index, found in waiting.items() if found})


def _merge_other_columns(questions: list[SourceQuestion]) -> list[SourceQuestion]:
    """'Question - Other (please specify)' after 'Question' is the other text of that question."""
    merged: list[SourceQuestion] = []
    for question in questions:
        previous = merged[-1] if merged else None
        stem, _, option = question.text.rpartition(" - ")
        if (
            previous is not None
            and option
            and normalise(option) in OTHER_SPECIFY
            and normalise(stem) == normalise(previous.text)
            and previous.other_column is None
        ):
            merged[-1] = SourceQuestion(**{**previous.__dict__, "other_column": question.answer_column})
            continue
        merged.append(question)
    return merged


def _template(layout: Layout, sample: list[list[str]]) -> FileLayout:
    headings = [h.strip() for h in sample[0]]
    columns: list[SourceColumn] = []
    questions: dict[str, dict] = {}
    for index, heading in enumerate(headings):
        if heading in META_COLUMNS or heading.casefold() in META_COLUMNS:
            role = Role.RESPONSE_ID if heading.casefold() == RESPONSE_ID else Role.SUBMITTED
            columns.append(SourceColumn(index, heading, heading, role))
            continue
        key = parse_heading(heading)
        if key is None:
            role, field_name = metadata_role(heading, layout)
            columns.append(SourceColumn(index, heading, "", Role.IGNORED if role is Role.ANSWER else role, field_name))
            continue
        columns.append(SourceColumn(index, heading, key.key))
        text = plain_text(re.sub(r"\s*\[[^\]]*\]\s*$", "", heading))
        entry = questions.setdefault(key.question_code, {"text": text, "answer": None, "ticks": [], "other": None})
        if key.kind is ColumnKind.ANSWER:
            entry["answer"] = index
        elif key.kind is ColumnKind.TICK:
            stem, _, label = text.rpartition(": ")
            entry["text"] = stem or text
            entry["ticks"].append((key.option_code, index))
        else:
            entry["other"] = index
    result = [
        SourceQuestion(
            key=code,
            text=entry["text"],
            code=code,
            answer_column=entry["answer"],
            option_columns=tuple(entry["ticks"]),
            other_column=entry["other"],
        )
        for code, entry in questions.items()
    ]
    return FileLayout(layout, 1, tuple(columns), tuple(result), tuple(headings))


def _looks_like_ticks(sample: list[list[str]], header_rows: int, columns: list[tuple[str, int]]) -> bool:
    """Whether columns are one option each (a cell holds the option's own label, or 1, Y or Yes, when ticked)
    rather than statements of a matrix each answered on a scale."""
    ticks = total = 0
    for row in sample[header_rows:]:
        for label, index in columns:
            value = row[index].strip() if index < len(row) else ""
            if value in ANY_NO_ANSWER:
                continue
            total += 1
            if (
                value.casefold() in TICKED_VALUES
                or normalise(value) == normalise(label)
                or value.casefold() in ("y", "0")
            ):
                ticks += 1
    return total == 0 or ticks >= 0.9 * total


def _group_questions(
    sample: list[list[str]], header_rows: int, stem: str, code: str, key: str, members: list[tuple[str, SourceColumn]]
) -> list[SourceQuestion]:
    """Columns that share a question: one question whose options are ticked, or a matrix of statements
    (each a question); a member labelled 'Other (please specify)' holding free text is the other text."""
    answers = [(label, column) for label, column in members]
    other_text: int | None = None
    single: SourceColumn | None = None
    options: list[tuple[str, int]] = []
    for label, column in answers:
        lowered = normalise(label)
        if lowered in SINGLE_ANSWER_SUBHEADINGS and single is None and not options:
            single = column
        elif lowered in OTHER_SPECIFY and (
            single is not None or _holds_free_text(sample, header_rows, column.index, label)
        ):
            other_text = column.index
        else:
            options.append((label, column.index))
    if not options and single is not None:
        return [
            SourceQuestion(
                key=key, text=plain_text(stem), code=code, answer_column=single.index, other_column=other_text
            )
        ]
    if single is None and len(options) == 1:
        # One column with a label under the heading is one answer, not an option to tick.
        label, index = options[0]
        text = f"{plain_text(stem)} - {plain_text(label)}" if stem else plain_text(label)
        return [
            SourceQuestion(
                key=key,
                text=text,
                code=code,
                answer_column=index,
                other_column=other_text,
                alternative_texts=(plain_text(label),),
            )
        ]
    if single is not None:
        options.insert(0, ("", single.index))
    if len(options) == 1 and not options[0][0]:
        return [
            SourceQuestion(
                key=key, text=plain_text(stem), code=code, answer_column=options[0][1], other_column=other_text
            )
        ]
    if _looks_like_ticks(sample, header_rows, options):
        return [
            SourceQuestion(
                key=key, text=plain_text(stem), code=code, option_columns=tuple(options), other_column=other_text
            )
        ]
    questions = []
    for label, index in options:
        statement = plain_text(label)
        questions.append(
            SourceQuestion(
                key=f"{key} - {normalise(statement)}",
                text=f"{plain_text(stem)} - {statement}",
                code="",
                answer_column=index,
                alternative_texts=(statement,),
            )
        )
    if other_text is not None and questions:
        questions[-1] = SourceQuestion(**{**questions[-1].__dict__, "other_column": other_text})
    return questions


def _holds_free_text(sample: list[list[str]], header_rows: int, index: int, label: str) -> bool:
    values = {r[index].strip() for r in sample[header_rows:] if index < len(r) and r[index].strip()}
    return bool(values) and not all(normalise(v) == normalise(label) or v.casefold() in TICKED_VALUES for v in values)


def _two_row_layout(layout: Layout, sample: list[list[str]]) -> FileLayout:
    """SurveyMonkey and SmartSurvey: question headings on the first row (blank over the rest of a question's columns)
    and, on the second, 'Response', 'Open-Ended Response', an option or a matrix statement. A file whose two rows
    were merged into 'Question - Option' headings is read the same way."""
    first = [h.strip() for h in sample[0]]
    second = [c.strip() for c in sample[1]] if len(sample) > 1 else []
    header_rows = 2
    if layout is Layout.SMARTSURVEY and len(sample) > 2 and _all_sub_heading(sample[2]):
        header_rows = 3
    if layout is Layout.SURVEYMONKEY and not _surveymonkey_second_row(second):
        first, second, header_rows = _split_merged_headings(first)
    second = second + [""] * (len(first) - len(second))
    empty = _empty_columns(sample, header_rows)
    columns: list[SourceColumn] = []
    groups: list[tuple[str, list[tuple[str, SourceColumn]]]] = []
    for index, heading in enumerate(first):
        sub = "" if second[index].upper() == "NA" else second[index]
        role, field_name = metadata_role(heading, layout) if heading else (Role.ANSWER, "")
        column = SourceColumn(index, heading or (groups[-1][0] if groups else ""), "", role, field_name)
        columns.append(column)
        if role is not Role.ANSWER:
            continue
        if not heading and not sub and index in empty:
            columns[index] = SourceColumn(index, "", role=Role.IGNORED)
            continue
        if heading or not groups:
            groups.append((heading, []))
        groups[-1][1].append((sub, column))
    questions: list[SourceQuestion] = []
    for heading, members in groups:
        code = ""
        text = heading
        coded = re.match(r"^(Q\d+(?:\.\d+)?)\.?\s*(.*)$", heading) if layout is Layout.SMARTSURVEY else None
        if coded:
            code, text = coded[1], coded[2]
            members = [(re.sub(rf"^{re.escape(code)}\.?\s*", "", sub), column) for sub, column in members]
            if not text and len(members) == 1 and normalise(members[0][0]) not in SINGLE_ANSWER_SUBHEADINGS:
                text, members = members[0][0], [("", members[0][1])]
            text = text or code
        key = code or normalise(text) or f"column {column_letter(members[0][1].index)}"
        questions.extend(_group_questions(sample, header_rows, text, code, key, members))
    questions = _attach_smartsurvey_other(questions, layout)
    columns = _first_of_each_meta(columns)
    return FileLayout(layout, header_rows, tuple(columns), _unique_keys(questions), tuple(first))


def _all_sub_heading(row: Sequence[str]) -> bool:
    return all(c.strip().upper() in ("", "NA") for c in row)


def _split_merged_headings(headings: list[str]) -> tuple[list[str], list[str], int]:
    """'Question - Option' headings (the two rows merged) back into two rows."""
    first, second = [], []
    previous_stem = None
    for heading in headings:
        stem, separator, option = heading.rpartition(" - ")
        if separator and stem == previous_stem:
            first.append("")
            second.append(option)
        elif separator and stem and any(h.startswith(stem + " - ") for h in headings if h != heading):
            first.append(stem)
            second.append(option)
            previous_stem = stem
        else:
            first.append(heading)
            second.append("Response")
            previous_stem = heading
    return first, second, 1


def _attach_smartsurvey_other(questions: list[SourceQuestion], layout: Layout) -> list[SourceQuestion]:
    """SmartSurvey writes the 'Other (please specify)' text of Q3 in a column of its own, coded Q3.1."""
    if layout is not Layout.SMARTSURVEY:
        return questions
    result: list[SourceQuestion] = []
    for question in questions:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.code
            and question.code.startswith(previous.code + ".")
            and normalise(question.text) in OTHER_SPECIFY
            and previous.other_column is None
        ):
            result[-1] = SourceQuestion(**{**previous.__dict__, "other_column": question.answer_column})
            continue
        result.append(question)
    return result


_QUALTRICS_TEXT = re.compile(r"^(?P<stem>.+?)[_-]TEXT$", re.IGNORECASE)


def _qualtrics(layout: Layout, sample: list[list[str]]) -> FileLayout:
    """Qualtrics: codes on the first row (Q2_1), 'Question text - Choice' on the second, ImportIds on the third."""
    return _coded_layout(layout, sample, codes=sample[0], texts=sample[1], header_rows=3)


def _qualtrics_legacy(layout: Layout, sample: list[list[str]]) -> FileLayout:
    """Legacy Qualtrics: V1-V10 on the first row (metadata named on the second), question codes after them."""
    return _coded_layout(layout, sample, codes=sample[0], texts=sample[1], header_rows=2)


def _coded_layout(
    layout: Layout, sample: list[list[str]], codes: Sequence[str], texts: Sequence[str], header_rows: int
) -> FileLayout:
    codes = [c.strip() for c in codes]
    texts = [t.strip() for t in texts] + [""] * (len(codes) - len(texts))
    empty = _empty_columns(sample, header_rows)
    columns = []
    for index, code in enumerate(codes):
        role, field_name = metadata_role(texts[index], layout)
        if role is Role.ANSWER:
            role, field_name = metadata_role(code, layout)
        if role is Role.ANSWER and (code.endswith("- Topics") or (not code and index in empty)):
            role = Role.IGNORED
        columns.append(SourceColumn(index, texts[index] or code, code, role, field_name))
    columns = _first_of_each_meta(columns)
    answer_columns = [c for c in columns if c.role is Role.ANSWER]
    other_of: dict[str, int] = {}
    plain = []
    for column in answer_columns:
        match = _QUALTRICS_TEXT.match(column.code)
        if match and any(c.code == match["stem"] for c in answer_columns):
            other_of[match["stem"]] = column.index
        else:
            plain.append(column)
    questions: list[SourceQuestion] = []
    position = 0
    while position < len(plain):
        column = plain[position]
        stem = _code_stem(column.code)
        members = [column]
        while position + len(members) < len(plain) and stem and _code_stem(plain[position + len(members)].code) == stem:
            members.append(plain[position + len(members)])
        position += len(members)
        if len(members) == 1:
            question = _single(column)
            other = other_of.get(column.code)
            questions.append(SourceQuestion(**{**question.__dict__, "other_column": other}))
            continue
        prefix = _common_text_prefix([m.heading for m in members])
        labelled = [(_option_text(m.heading, prefix) or m.code.rsplit("_", 1)[-1], m) for m in members]
        group = _group_questions(sample, header_rows, prefix or stem, stem, stem, labelled)
        others = [other_of[m.code] for m in members if m.code in other_of]
        if others and group and group[0].other_column is None:
            group[0] = SourceQuestion(**{**group[0].__dict__, "other_column": others[0]})
        questions.extend(group)
    return FileLayout(layout, header_rows, tuple(columns), _unique_keys(questions), tuple(codes))


def _first_of_each_meta(columns: list[SourceColumn]) -> list[SourceColumn]:
    seen: set[Role] = set()
    result = []
    for column in columns:
        role = column.role
        if role in (Role.RESPONSE_ID, Role.SUBMITTED, Role.COMPLETED):
            if role in seen:
                role = Role.IGNORED
            seen.add(column.role)
        result.append(SourceColumn(column.index, column.heading, column.code, role, column.identifying_field))
    return result


def _code_stem(code: str) -> str:
    stem, separator, _ = code.rpartition("_")
    return stem if separator else ""


def _common_text_prefix(texts: list[str]) -> str:
    """The question text shared by 'Question-Choice 1', 'Question-Choice 2': up to the last '-' they share."""
    if not texts:
        return ""
    shortest = min(texts, key=len)
    length = 0
    for i, char in enumerate(shortest):
        if all(t[i] == char for t in texts):
            length = i + 1
        else:
            break
    common = shortest[:length]
    cut = common.rfind("-")
    return common[:cut].strip() if cut > 0 else common.strip()


def _option_text(heading: str, prefix: str) -> str:
    rest = heading[len(prefix) :] if prefix and heading.startswith(prefix) else heading
    return plain_text(rest.lstrip(" -"))


_LIME_CODE = re.compile(r"^(?P<stem>[^\[\]]+)\[(?P<sub>[^\]]+)\]$")


def _limesurvey(layout: Layout, sample: list[list[str]]) -> FileLayout:
    """LimeSurvey: question codes as headings; Q1[SQ001] a sub-question or option, Q1[other] the other text."""
    headings = [h.strip() for h in sample[0]]
    empty = _empty_columns(sample, 1)
    columns = _with_roles(layout, [SourceColumn(i, h, h) for i, h in enumerate(headings)])
    # LimeSurvey's id and submitdate are metadata whatever the layout tables say.
    questions: list[SourceQuestion] = []
    position = 0
    answer_columns = [c for c in columns if c.role is Role.ANSWER]
    while position < len(answer_columns):
        column = answer_columns[position]
        match = _LIME_CODE.match(column.code)
        if match is None:
            following = answer_columns[position + 1] if position + 1 < len(answer_columns) else None
            other = None
            if following is not None and following.code in (f"{column.code}[other]", f"{column.code}[comment]"):
                other = following.index if following.code.endswith("[other]") else None
                position += 1
            if column.index in empty and other is None:
                position += 1
                continue
            questions.append(
                SourceQuestion(
                    key=column.code, text=column.code, code=column.code, answer_column=column.index, other_column=other
                )
            )
            position += 1
            continue
        stem = match["stem"]
        members = []
        while position < len(answer_columns):
            candidate = _LIME_CODE.match(answer_columns[position].code)
            if candidate is None or candidate["stem"] != stem:
                break
            members.append((candidate["sub"], answer_columns[position]))
            position += 1
        other_column = next((c.index for sub, c in members if sub.casefold() == "other"), None)
        labelled = [
            (sub, c) for sub, c in members if sub.casefold() not in ("other", "comment") and not sub.endswith("comment")
        ]
        if not labelled:
            continue
        group = _group_questions(sample, 1, stem, stem, stem, labelled)
        if len(group) > 1:
            group = [
                SourceQuestion(
                    **{**q.__dict__, "key": f"{stem}[{sub}]", "code": f"{stem}[{sub}]", "text": f"{stem}[{sub}]"}
                )
                for q, (sub, _) in zip(group, labelled)
            ]
        if other_column is not None and group[0].other_column is None:
            group[0] = SourceQuestion(**{**group[0].__dict__, "other_column": other_column})
        questions.extend(group)
    return FileLayout(layout, 1, tuple(columns), _unique_keys(questions), tuple(headings))
