"""Each answer is keyed by respondent, question and tick, so that every table counts rows as respondents: a file's key
keeps every answer it is given (a second answer to a one-answer question, an option given twice, one from an older
file), and the counts stay those of respondents whatever the file holds."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter, defaultdict

import pytest

from swhc_desktop.domain.errors import SaveFailed
from swhc_desktop.domain.questionnaire import Option, Question, Questionnaire, QuestionType, Section
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.storage import HealthCheckFile, consistency_problems

from .support.files import FIXTURES


def survey() -> Questionnaire:
    agree = tuple(Option(c, c.title()) for c in ("agree", "neutral", "disagree")) + (
        Option("dont_know", "Don't know", excluded_from_base=True),
    )
    reasons = tuple(Option(c, c.title()) for c in ("pay", "workload", "travel")) + (
        Option("rather_not", "Rather not say", excluded_from_base=True),
        Option("other", "Other", is_other=True),
    )
    return Questionnaire(
        sections=(
            Section(
                "All",
                (
                    Question("team", "Team?", QuestionType.SINGLE, options=(Option("a", "A"), Option("b", "B"))),
                    Question("valued", "I feel valued", QuestionType.SCALE, options=agree),
                    Question("reasons", "Why?", QuestionType.MULTI, options=reasons),
                    Question("hours", "Hours?", QuestionType.NUMBER),
                    Question("helps", "What helps?", QuestionType.MULTI, options=(Option("x", "X"), Option("y", "Y"))),
                ),
            ),
        ),
        title="Keys",
    )


@pytest.fixture
def keyed(tmp_path, folders):
    with HealthCheckFile.create(tmp_path / "keys.swhc", "Anytown", folders=folders) as hc:
        cycle_id = hc.cycles.add("2024")
        hc.questionnaires.add_questionnaire(cycle_id, survey())
        yield hc, cycle_id, hc.questionnaires.load(cycle_id)


def answer(q: Questionnaire, code: str, option: str | None = None, number=None, text=None) -> AnswerValue:
    question = q.question(code)
    return AnswerValue(question.id, question.option(option).id if option else None, number, text)


def stored(hc) -> Counter:
    return Counter(hc.tuples("SELECT response_id, question_id, option_id, number_value, text_value FROM answers"))


def by_respondent(hc, q: Questionnaire) -> tuple[dict, dict]:
    """Respondents choosing each option and the base of each question, counted here from every stored answer."""
    chosen: dict[int, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    based: dict[int, set] = defaultdict(set)
    counted = {o.id for question in q.questions() for o in question.options if not o.excluded_from_base}
    for response_id, question_id, option_id in hc.tuples("SELECT response_id, question_id, option_id FROM answers"):
        if option_id is not None:
            chosen[question_id][option_id].add(response_id)
            if option_id in counted:
                based[question_id].add(response_id)
    counts = {question: {(): {o: len(r) for o, r in options.items()}} for question, options in chosen.items()}
    return counts, {question: {(): len(r)} for question, r in based.items()}


def counts_as_tables_make_them(hc, q: Questionnaire) -> tuple[dict, dict]:
    choices = [x for x in q.questions() if x.qtype.has_options]
    counted = {x.id: tuple(o.id for o in x.options if not o.excluded_from_base) for x in choices}
    return hc.answers.grouped_choice_counts([x.id for x in choices], counted, {}, ())


def test_every_answer_given_is_kept_and_every_table_counts_respondents(keyed):
    hc, cycle_id, q = keyed
    responses = [
        NewResponse((answer(q, "team", "a"), answer(q, "valued", "agree"), answer(q, "hours", number=37.5))),
        # Two answers to one-answer questions, the same option ticked twice (once with its text), the same answer twice.
        NewResponse(
            (
                answer(q, "team", "a"),
                answer(q, "team", "b"),
                answer(q, "valued", "dont_know"),
                answer(q, "valued", "agree"),
                answer(q, "reasons", "other", text="Parking"),
                answer(q, "reasons", "other", text="Rota"),
                answer(q, "reasons", "pay"),
                answer(q, "reasons", "pay"),
                answer(q, "hours", number=20.0),
                answer(q, "hours", number=20.0),
            )
        ),
        NewResponse((answer(q, "reasons", "rather_not"), answer(q, "valued", "dont_know"))),
        NewResponse((answer(q, "reasons", "pay"), answer(q, "reasons", "workload"), answer(q, "team", "b"))),
    ]
    given = Counter(
        (n, *a) for n, r in enumerate(responses, start=1) for a in r.answers
    )  # responses are numbered from 1 in a new file
    hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "odd.csv"), responses)

    assert stored(hc) == given
    assert counts_as_tables_make_them(hc, q) == by_respondent(hc, q)
    assert "3 responses with more than one answer to a question that takes one." in consistency_problems(hc)


def test_a_well_formed_cycle_is_counted_row_by_row_to_the_same_figures(keyed):
    hc, cycle_id, q = keyed
    ticks = [("pay",), ("pay", "workload"), ("rather_not",), ("travel", "other"), ()]
    agree = ["agree", "neutral", "dont_know", "disagree", "agree"]
    responses = [
        NewResponse(
            (
                answer(q, "team", "ab"[n % 2]),
                answer(q, "valued", agree[n % 5]),
                *(answer(q, "reasons", t) for t in ticks[n % 5]),
                answer(q, "hours", number=float(n % 7)),
                *(answer(q, "helps", t) for t in ("x", "y")[: n % 3]),
            )
        )
        for n in range(40)
    ]
    hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "fine.csv"), responses)

    assert hc.value("SELECT count(*) FROM answers WHERE tick < 0") == 0
    assert hc.value("SELECT count(*) FROM answers WHERE tick > 0") == 40 // 5 * 6 + 13 + 13 * 2  # a row a tick
    assert counts_as_tables_make_them(hc, q) == by_respondent(hc, q)
    assert hc.answers.grouped_numbers([q.question("hours").id], {}, ())[q.question("hours").id][()] == sorted(
        float(n % 7) for n in range(40)
    )


def test_the_file_itself_refuses_a_second_answer_under_one_key(keyed):
    hc, cycle_id, q = keyed
    hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "one.csv"), [NewResponse((answer(q, "team", "a"),))])
    team = q.question("team")
    insert = "INSERT INTO answers (response_id, question_id, tick, option_id) VALUES (1, ?, ?, ?)"
    with pytest.raises(SaveFailed, match="UNIQUE constraint"), hc.transaction():
        hc.execute(insert, (team.id, 0, team.option("b").id))  # a second answer to a one-answer question
    with pytest.raises(SaveFailed, match="CHECK constraint"), hc.transaction():
        hc.execute(insert, (team.id, team.option("a").id + 1, team.option("a").id))  # a tick that is not its option
    assert stored(hc) == Counter({(1, team.id, team.option("a").id, None, None): 1})


def test_undoing_a_removed_batch_puts_back_every_answer_under_its_own_key(keyed):
    hc, cycle_id, q = keyed
    responses = [NewResponse((answer(q, "team", "a"), answer(q, "team", "b"), answer(q, "reasons", "pay")))] * 3
    batch_id = hc.responses.add_batch(cycle_id, NewBatch(BatchKind.IMPORT, "odd.csv"), responses)
    before = hc.tuples("SELECT * FROM answers")
    removed = hc.responses.take_out_batch(batch_id)
    assert hc.value("SELECT count(*) FROM answers") == 0
    hc.responses.put_back_batch(removed)
    assert hc.tuples("SELECT * FROM answers") == before


def test_an_older_file_keeps_every_answer_it_held_and_its_figures(tmp_path, folders):
    path = tmp_path / "v4.swhc"
    shutil.copyfile(FIXTURES / "files" / "schema-v4.swhc", path)
    conn = sqlite3.connect(path)
    with conn:  # what a file of version 4 could hold: an answer stored twice, a second answer to a one-answer question
        conn.execute("INSERT INTO answers SELECT * FROM answers WHERE rowid = 1")
        conn.execute("INSERT INTO answers (response_id, question_id, option_id) VALUES (2, 1, 3)")
        conn.execute("INSERT INTO answers (response_id, question_id, option_id) VALUES (3, 34, 159)")
        conn.execute("INSERT INTO answers (response_id, question_id, option_id, text_value) VALUES (3, 34, 166, 'x')")
        conn.execute("INSERT INTO answers (response_id, question_id, option_id, text_value) VALUES (3, 34, 166, 'y')")
        held = Counter(conn.execute("SELECT * FROM answers"))
    conn.close()

    with HealthCheckFile.open(path, folders=folders) as hc:
        assert stored(hc) == held
        assert sorted(hc.tuples("SELECT response_id, question_id, tick FROM answers WHERE tick != 0")) == [
            (1, 1, -2),
            (2, 1, -2),
            (3, 34, -3),
            (3, 34, 159),
            (3, 34, 166),
        ]
        q = hc.questionnaires.load(hc.cycles.by_name("2023").id)
        assert counts_as_tables_make_them(hc, q) == by_respondent(hc, q)
        team = q.question("team")
        assert hc.answers.grouped_choice_counts([team.id], {team.id: (1, 2, 3)}, {}, ())[1] == {team.id: {(): 6}}
