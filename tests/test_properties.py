"""Property tests (Hypothesis) of the readers, the mapping and the analysis.

Readers and mapping: whatever bytes or text arrive, the only exceptions are SwhcError (a message the user can act
on), never a crash. Analysis: whatever responses are stored, per cents stay within 0-100, the counts of a
single-choice question add up to its base, a tick-all-that-apply per cent never exceeds 100, and a breakdown's groups
add up to the whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from swhc_desktop.analysis.breakdowns import breakdown
from swhc_desktop.analysis.results import question_results
from swhc_desktop.domain.errors import InvalidInput, SwhcError
from swhc_desktop.domain.questionnaire import QuestionType
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.importing.importer import check_import, preview_import
from swhc_desktop.importing.layouts import Layout, read_layout
from swhc_desktop.importing.mapping import NO_ANSWER, OTHER_TEXT, mapping_from_json, match_value, numbers_only
from swhc_desktop.importing.paper import read_entry
from swhc_desktop.importing.sources import open_source
from swhc_desktop.importing.values import parse_date, parse_number, split_joined
from swhc_desktop.paths import UserFolders
from swhc_desktop.storage import HealthCheckFile
from tests.support.sql_counts import group_sizes

from .support.import_support import new_file

FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("properties")
    return new_file(folder, UserFolders.under(folder / "home"))


@pytest.fixture(scope="module")
def questionnaire(survey):
    with HealthCheckFile.open(survey, read_only=True) as hc:
        return hc.questionnaires.load(hc.cycles.by_name("2024").id)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scratch")


# ---------------------------------------------------------------------------------------------- readers

SUFFIXES = st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".CSV", ""])
CELL_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
SEPARATORS = st.sampled_from([",", ";", "\t", "|"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])


def read_everything(path: Path) -> None:
    """What the wizard does with a file before the questions are matched: open it, recognise it, read every row."""
    source = open_source(path)
    sample = source.sample()
    read_layout(sample)
    for layout in (Layout.PLAIN, Layout.SURVEYMONKEY, Layout.QUALTRICS, Layout.LIMESURVEY, Layout.TEMPLATE):
        read_layout(sample, layout)
    for _ in source.rows():
        pass


def only_problems_for_the_user(work) -> SwhcError | None:
    try:
        work()
    except SwhcError as problem:
        assert str(problem).strip(), "a problem always says something"
        return problem
    return None


@MANY
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
def test_arbitrary_bytes_are_read_or_refused_in_words(scratch, data, suffix):
    path = scratch / f"export{suffix}"
    path.write_bytes(data)
    only_problems_for_the_user(lambda: read_everything(path))


@MANY
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_anything_that_starts_like_a_zip_is_read_or_refused_in_words(scratch, data, suffix):
    path = scratch / f"workbook{suffix}"
    path.write_bytes(b"PK\x03\x04" + data)
    only_problems_for_the_user(lambda: read_everything(path))


@FEW
@given(
    parts=st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
                "xl/styles.xml",
            ]
        ),
        st.one_of(st.binary(max_size=200), CELL_TEXT.map(lambda t: f"<a>{t}</a>".encode())),
    )
)
def test_a_zip_of_random_workbook_parts_is_read_or_refused_in_words(scratch, parts):
    path = scratch / "parts.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    only_problems_for_the_user(lambda: read_everything(path))


@MANY
@given(
    text=st.text(
        st.sampled_from('ab,;\t"\r\n =\x00é€') | st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
    ),
    encoding=ENCODINGS,
)
def test_arbitrary_text_in_any_encoding_is_read_or_refused_in_words(scratch, text, encoding):
    path = scratch / "text.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    only_problems_for_the_user(lambda: read_everything(path))


# ---------------------------------------------------------------------------------------------- the mapping


def table_strategy(questionnaire):
    """Tables shaped like exports: headings from the questionnaire (with its wording, codes and template keys) or
    not, and cells from the options' labels and codes, numbers, and anything else."""
    questions = [q for q in questionnaire.questions()]
    headings = st.one_of(
        st.sampled_from([q.text for q in questions]),
        st.sampled_from([q.code for q in questions]),
        st.sampled_from(
            ["ID", "Timestamp", "Email", "Name", "Start time", "Completion time", "submitdate", "RespondentID", ""]
        ),
        st.builds(lambda q, n: f"{n}. {q.text} [{q.code}]", st.sampled_from(questions), st.integers(1, 40)),
        CELL_TEXT,
    )
    labels = sorted({o.label for q in questions for o in q.options} | {o.code for q in questions for o in q.options})
    cells = st.one_of(
        st.sampled_from(labels),
        st.integers(-5, 500).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(["", "-99", "NA", "1"]),
        CELL_TEXT,
        st.builds(lambda a, b: f"{a};{b}", st.sampled_from(labels), st.sampled_from(labels)),
    )
    return st.integers(1, 8).flatmap(
        lambda width: st.tuples(
            st.lists(headings, min_size=width, max_size=width),
            st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=12),
        )
    )


def write_table(path: Path, headings: list[str], rows: list[list[str]], separator: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator)
    writer.writerow(headings)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@FEW
@given(data=st.data(), separator=SEPARATORS)
def test_any_table_is_matched_and_checked_or_refused_in_words(survey, questionnaire, scratch, data, separator):
    headings, rows = data.draw(table_strategy(questionnaire))
    path = scratch / "table.csv"
    write_table(path, headings, rows, separator)
    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle_id = hc.cycles.by_name("2024").id

        def preview_and_check():
            preview = preview_import(hc, cycle_id, path)
            codes = [m.question_code for m in preview.mapping.mapped()]
            assert len(codes) == len(set(codes)), "no question is matched twice"
            assert all(questionnaire.find(code) is not None for code in codes)
            assert all(0 <= m.confidence <= 100 for m in preview.mapping.matches.values())
            summary = check_import(hc, cycle_id, preview, preview.mapping)
            assert (
                summary.responses + summary.invalid_rows + summary.empty + summary.incomplete + summary.already_present
                == summary.rows_read
            )

        only_problems_for_the_user(preview_and_check)


@MANY
@given(
    text=st.one_of(
        st.text(max_size=200),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda children: st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4),
            max_leaves=12,
        ).map(json.dumps),
    )
)
def test_a_mapping_file_is_understood_or_refused_in_words(text):
    try:
        mapping = mapping_from_json(text)
    except InvalidInput as problem:
        assert problem.advice
        return
    assert all(isinstance(key, str) for key in mapping.matches)


@MANY
@given(data=st.data())
def test_any_value_matches_an_option_of_its_question_or_nothing(questionnaire, data):
    question = data.draw(st.sampled_from([q for q in questionnaire.questions() if q.options]))
    value = data.draw(
        st.one_of(
            CELL_TEXT,
            st.sampled_from([o.label for o in question.options]).map(str.upper),
            st.sampled_from(["²", "٣", "3", "0", "99"]),
        )
    )  # digits that are not 0-9 too
    by_position = data.draw(st.booleans())
    assert numbers_only([value], question) in (True, False)
    match = match_value(question, value, by_position)
    assert match.target in {None, OTHER_TEXT, NO_ANSWER} | {o.code for o in question.options}
    assert 0 <= match.confidence <= 100


@MANY
@given(data=st.data())
def test_whatever_is_typed_on_a_paper_return_is_read_or_explained(questionnaire, data):
    question = data.draw(st.sampled_from(list(questionnaire.questions())))
    typed = data.draw(st.one_of(st.text(max_size=20), st.text(st.sampled_from("0123456789 ,;²٣-."), max_size=12)))
    entry = read_entry(question, typed)
    if entry.problem:
        assert not (entry.option_codes or entry.number is not None)
    assert set(entry.option_codes) <= {o.code for o in question.options}


@MANY
@given(text=st.text(max_size=60), unit=st.sampled_from(["", "hours", "cases", "days a week"]))
def test_a_number_is_read_as_a_finite_number_or_not_at_all(text, unit):
    number = parse_number(text, unit)
    assert number is None or math.isfinite(number)


@MANY
@given(text=st.text(max_size=40), day_first=st.booleans())
@example(text="²" * 10, day_first=True)  # ten characters that are digits, but not decimal digits
def test_a_date_is_read_as_a_date_or_not_at_all(text, day_first):
    assert isinstance(parse_date(text, day_first), (dt.date, type(None)))


NO_NUL = st.characters(exclude_characters="\x00")  # no reader yields a NUL: a file holding one is refused


@MANY
@given(
    text=st.text(NO_NUL, max_size=60),
    separator=st.sampled_from([";", ", ", ","]),
    known=st.lists(st.text(NO_NUL, min_size=1, max_size=15), max_size=6),
)
def test_answers_joined_in_a_cell_split_into_known_options_and_the_rest(text, separator, known):
    found, rest = split_joined(text, separator, known)
    assert set(found) <= set(known)
    assert "\x00" not in rest


# ---------------------------------------------------------------------------------------------- the analysis


class Undo(Exception):
    """Raised to roll back the responses an example added, leaving the file as it was for the next."""


ANALYSED = (
    "team",
    "role",
    "caseload_manageable",
    "observed_practice",
    "observation_positive",
    "stressed",
    "cpd_attended",
    "intend_to_stay",
    "leaving_reasons",
    "hours_worked",
    "fulfilling_role",
)


def respondent(questionnaire):
    """One respondent's answers to the questions analysed: any of them skipped, follow-ups answered whether or not
    they applied (an export can hold that), tick-all-that-apply with any set of options, Other with its text."""
    parts = []
    for code in ANALYSED:
        question = questionnaire.question(code)
        if question.qtype is QuestionType.NUMBER:
            value = st.floats(question.min_value or 0, question.max_value or 100, allow_nan=False)
            answer = value.map(lambda n, q=question: (AnswerValue(q.id, number=n),))
        elif question.qtype is QuestionType.MULTI:
            answer = st.sets(st.sampled_from(question.options), min_size=1).map(
                lambda options, q=question: tuple(
                    AnswerValue(q.id, o.id, text="other words" if o.is_other else None)
                    for o in sorted(options, key=lambda o: o.id)
                )
            )
        else:
            answer = st.sampled_from(question.options).map(lambda o, q=question: (AnswerValue(q.id, o.id),))
        parts.append(st.one_of(st.just(()), answer))
    return st.tuples(*parts).map(lambda answers: NewResponse(tuple(a for group in answers for a in group)))


@pytest.fixture(scope="module")
def open_survey(survey, tmp_path_factory):
    """A copy of the survey, open for changes while the module's tests run; a copy, so that the tests that open the
    survey itself can, in whatever order (and on whichever worker) they run."""
    copy = tmp_path_factory.mktemp("open-survey") / survey.name
    shutil.copyfile(survey, copy)
    with HealthCheckFile.open(copy) as hc:
        yield hc


def with_responses(hc: HealthCheckFile, responses: list[NewResponse], check) -> None:
    """Store the responses, run the check on them, then take them out again."""
    cycle_id = hc.cycles.by_name("2024").id
    try:
        with hc.transaction():
            hc.responses.add_batch(
                cycle_id, NewBatch(BatchKind.IMPORT, "generated.csv"), [r for r in responses if r.answers]
            )
            check(cycle_id)
            raise Undo()
    except Undo:
        pass


@FEW
@given(data=st.data())
def test_per_cents_are_within_0_and_100_and_counts_add_up_to_the_base(open_survey, questionnaire, data):
    responses = data.draw(st.lists(respondent(questionnaire), max_size=40))
    assume(any(r.answers for r in responses))

    def check(cycle_id):
        results = question_results(open_survey, cycle_id, ANALYSED, questionnaire=questionnaire)
        for code, result in results.items():
            question = questionnaire.question(code)
            assert 0 <= result.base <= len(responses)
            if result.table is not None:
                in_base = [row for row in result.table.rows if row.in_base]
                for row in result.table.rows:
                    assert 0 <= row.count and (row.percent is None or 0 <= row.percent <= 100), (code, row)
                    if row.in_base:
                        assert row.count <= result.base
                    if row.interval is not None:
                        low, high = row.interval
                        assert 0 <= low <= high <= 100
                if question.qtype is QuestionType.MULTI:
                    assert all(row.percent is None or row.percent <= 100 for row in in_base)
                    assert result.base <= sum(row.count for row in in_base) or result.base == 0
                else:
                    # A breakdown question's small groups are shown only together, as 'not shown'.
                    shown = [row for row in in_base if not row.hidden]
                    assert sum(row.count for row in shown) + result.table.not_shown == result.base, code
                    assert not result.table.not_shown or question.is_dimension, code
                    if result.base:
                        assert math.isclose(
                            sum(row.percent for row in shown) + 100 * result.table.not_shown / result.base, 100.0
                        )
            if result.scale is not None:
                scale = result.scale
                assert scale.favourable.count + scale.neutral.count + scale.unfavourable.count == result.base
                assert scale.mean_score is None or 0 <= scale.mean_score <= 100
            if result.numbers is not None:
                summary = result.numbers
                assert summary.n == result.base
                assert sum(band.count for band in summary.bands) == summary.n
                if summary.n:
                    assert (
                        summary.minimum
                        <= summary.lower_quartile
                        <= summary.median
                        <= summary.upper_quartile
                        <= summary.maximum
                    )
                    assert summary.minimum <= summary.mean <= summary.maximum or math.isclose(
                        summary.mean, summary.minimum
                    )

    with_responses(open_survey, responses, check)


@FEW
@given(data=st.data())
def test_a_breakdowns_groups_add_up_to_the_whole_and_hidden_groups_show_nothing(open_survey, questionnaire, data):
    responses = data.draw(st.lists(respondent(questionnaire), max_size=40))
    code = data.draw(st.sampled_from(["caseload_manageable", "stressed", "leaving_reasons", "hours_worked"]))
    by = data.draw(st.sampled_from(["team", "role"]))
    assume(any(r.answers for r in responses))

    def check(cycle_id):
        whole = question_results(open_survey, cycle_id, [code], questionnaire=questionnaire)[code]
        split = breakdown(open_survey, cycle_id, code, by, questionnaire=questionnaire)
        assert sum(group.size for group in split.groups) <= whole.base
        # Hiding is decided on the group (everyone who took part in it), never on who answered this question.
        dimension = questionnaire.question(by)
        people = group_sizes(open_survey, cycle_id, [dimension.id])
        for group in split.groups:
            if group.hidden:
                assert group.result is None and group.size == 0
            else:
                assert people.get((group.option.id,), 0) in (0, *range(split.minimum, len(responses) + 1))
        shown = [g for g in split.groups if not g.hidden and people.get((g.option.id,), 0)]
        # Everyone not in a shown group (those who gave no group too) is shown only together: nobody, or enough.
        rest = sum(people.values()) - sum(people.get((g.option.id,), 0) for g in shown)
        assert rest == 0 or rest >= split.minimum or not shown

    with_responses(open_survey, responses, check)


# ---------------------------------------------------------------------------------------------- cost


def steps_taken(hc: HealthCheckFile, work) -> int:
    """How much work SQLite does for `work`: its virtual machine's instructions, counted in thousands. A count, not a
    time, so the same on any machine however busy. Counted as the first time after opening the file: nothing is kept
    from earlier reads."""
    hc.answers.forget_kept_reads()
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    hc.conn.set_progress_handler(count, 1000)
    try:
        work()
    finally:
        hc.conn.set_progress_handler(None, 0)
    return steps[0]


def survey_of(blank: Path, folder: Path, respondents: int) -> Path:
    path = folder / f"{respondents}.swhc"
    path.write_bytes(blank.read_bytes())
    with HealthCheckFile.open(path) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        questionnaire = hc.questionnaires.load(cycle_id)
        team, valued, reasons = (questionnaire.question(c) for c in ("team", "valued", "leaving_reasons"))
        comment = questionnaire.question("change_one_thing")
        responses = [
            NewResponse(
                (
                    AnswerValue(team.id, team.options[n % len(team.options)].id),
                    AnswerValue(valued.id, valued.options[n % 5].id),
                    AnswerValue(reasons.id, reasons.options[n % 7].id),
                    AnswerValue(comment.id, text=f"Comment {n}"),
                )
            )
            for n in range(respondents)
        ]
        hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "made.csv"), responses)
    return path


def test_the_work_of_a_breakdown_grows_in_proportion_to_the_responses(survey, scratch):
    """Four times the responses, about four times the work, for every question and group. (Without statistics SQLite
    once looked each respondent's team up by scanning every answer to the team question: sixteen times the work.)"""
    from swhc_desktop.analysis.comments import cycle_comments

    work = {}
    for respondents in (400, 1600):
        with HealthCheckFile.open(survey_of(survey, scratch, respondents), read_only=True) as hc:
            cycle_id = hc.cycles.by_name("2024").id
            questionnaire = hc.questionnaires.load(cycle_id)
            work[respondents] = {
                code: steps_taken(
                    hc,
                    lambda code=code, cycle_id=cycle_id, questionnaire=questionnaire: breakdown(
                        hc, cycle_id, code, "team", questionnaire=questionnaire
                    ),
                )
                for code in ("valued", "leaving_reasons")
            }
            work[respondents]["comments"] = steps_taken(
                hc, lambda cycle_id=cycle_id, questionnaire=questionnaire: cycle_comments(hc, cycle_id, questionnaire)
            )
    for what, small in work[400].items():
        assert work[1600][what] < 6 * max(small, 1), (what, small, work[1600][what])


def test_the_work_of_every_table_by_team_grows_in_proportion_to_the_responses(survey, scratch):
    """All of a cycle's tables by team, counted together, and the Standards' scores by team: four times the
    responses, about four times SQLite's work (a fixed cost for the questionnaire aside), never sixteen."""
    from swhc_desktop.analysis.breakdowns import breakdowns
    from swhc_desktop.analysis.standard_scores import standard_scores_by_group

    work = {}
    for respondents in (400, 1600):
        with HealthCheckFile.open(survey_of(survey, scratch, respondents), read_only=True) as hc:
            cycle = hc.cycles.by_name("2024")
            questionnaire = hc.questionnaires.load(cycle.id)
            every_table = breakdowns(hc, cycle.id, "team", questionnaire=questionnaire)
            assert [b.question.code for b in every_table if b.question.code in ("valued", "leaving_reasons")] == [
                "valued",
                "leaving_reasons",
            ]
            work[respondents] = {
                "tables by team": steps_taken(
                    hc,
                    lambda cycle_id=cycle.id, questionnaire=questionnaire: breakdowns(
                        hc, cycle_id, "team", questionnaire=questionnaire
                    ),
                ),
                "scores by team": steps_taken(
                    hc,
                    lambda cycle=cycle, questionnaire=questionnaire: standard_scores_by_group(
                        hc, cycle, "team", questionnaire
                    ),
                ),
            }
    for what, small in work[400].items():
        assert 2 * small < work[1600][what] < 5 * small, (what, small, work[1600][what])


def test_the_work_of_the_standards_scores_grows_in_proportion_to_the_responses(survey, scratch):
    """Everyone's Standards' scores, and everyone's with every group's as the dashboard works them out (one read of
    the scored answers for all of them): four times the responses, about four times SQLite's work, never sixteen."""
    from swhc_desktop.analysis.standard_scores import standard_scores
    from swhc_desktop.screens.findings import standards_work

    work = {}
    for respondents in (400, 1600):
        with HealthCheckFile.open(survey_of(survey, scratch, respondents), read_only=True) as hc:
            cycle = hc.cycles.by_name("2024")
            questionnaire = hc.questionnaires.load(cycle.id)
            assert standard_scores(hc, cycle, questionnaire)[0].base == respondents  # 'valued' feeds Standard 1
            work[respondents] = {
                "everyone": steps_taken(hc, lambda cycle=cycle, q=questionnaire: standard_scores(hc, cycle, q)),
                "everyone and by group": steps_taken(hc, lambda cycle=cycle: standards_work(hc, cycle)),
            }
    for what, small in work[400].items():
        assert 2 * small < work[1600][what] < 5 * small, (what, small, work[1600][what])
