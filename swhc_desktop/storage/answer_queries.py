"""Counting answers for the analysis: plain numbers out of SQL, one GROUP BY a question set, no rules applied here."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..domain.records import Within

if TYPE_CHECKING:
    import numpy

    from .file import HealthCheckFile

Applicability = dict[int, tuple[int, tuple[int, ...]]]


class ScoredOption(NamedTuple):
    """What choosing an option scores: its question, the category its points count towards, and whole points."""

    question_id: int
    category: int
    points: int


class _Groups:
    """Each respondent's group key: their option ids for the dimension questions, in order (None where they gave
    none). A respondent who gave one dimension several answers is in a group for each, as a join would put them."""

    def __init__(self, answers: list[list[tuple[int, int | None]]]):
        """`answers`: for each dimension question, its answers as (response id, option id) pairs."""
        self.nobody = (None,) * len(answers)
        given = [dict(pairs) for pairs in answers]  # the answer of each respondent who gave one (the usual case)
        if len(given) == 1:
            self.key: dict[int, tuple] = dict(zip(given[0], zip(given[0].values())))
        else:
            self.key = {r: tuple(g.get(r) for g in given) for r in set().union(*given)}
        self.keys: dict[int, list[tuple]] = {}
        if any(len(g) != len(pairs) for g, pairs in zip(given, answers)):
            every: list[dict[int, list[int | None]]] = [defaultdict(list) for _ in answers]
            for g, pairs in zip(every, answers):
                for response_id, option_id in pairs:
                    g[response_id].append(option_id)
            for response_id in set().union(*every):
                combinations = list(itertools.product(*(g.get(response_id, [None]) for g in every)))
                if len(combinations) > 1:
                    self.keys[response_id] = combinations
                    self.key[response_id] = _SEVERAL

    def count(self, response_ids: list[int], values: list) -> Counter:
        """How many of these (respondent, value) pairs there are for each (group key, value)."""
        counted = Counter(zip(map(self.key.get, response_ids, itertools.repeat(self.nobody)), values))
        if self.keys:
            for key in [k for k in counted if k[0] is _SEVERAL]:
                del counted[key]
            for response_id, value in zip(response_ids, values):
                for key in self.keys.get(response_id, ()):
                    counted[(key, value)] += 1
        return counted


_SEVERAL = ("several",)  # marks a respondent in more than one group, counted one group at a time


class _Query:
    """Builds one counting query over answers: which questions, which respondents, grouped by which dimensions."""

    def __init__(self, group_by: Sequence[int], within: Within | None):
        self.joins = []
        self.join_params: list[int] = []
        self.group_columns = []
        for number, dimension_id in enumerate(group_by):
            # Each answer finds its respondent's group through the respondent's few answers, by the table's own key
            # (NOT INDEXED: never through the index of every answer to the dimension question). Without statistics
            # (the file is never ANALYZEd) SQLite would rather scan every answer to the dimension question for
            # each answer counted: seconds a question at 1,000 responses, hours at 100,000.
            self.joins.append(
                f"LEFT JOIN answers g{number} NOT INDEXED ON g{number}.response_id = "
                f"a.response_id AND g{number}.question_id = ?"
            )
            self.join_params.append(dimension_id)
            self.group_columns.append(f"g{number}.option_id")
        self.conditions: list[str] = []
        self.params: list[int] = []
        if within is not None:
            self.respondents_choosing(within.question_id, within.option_ids)

    def respondents_choosing(self, question_id: int, option_ids: Sequence[int]) -> None:
        marks = ",".join("?" * len(option_ids)) or "NULL"
        self.conditions.append(
            f"a.response_id IN (SELECT response_id FROM answers WHERE question_id = ? AND option_id IN ({marks}))"
        )
        self.params += [question_id, *option_ids]

    def sql(self, select: str, where: str, where_params: Sequence[int], group: str | None) -> tuple[str, list[int]]:
        """The query text and its parameters; `group` None lists rows one by one instead of counting them."""
        conditions = " AND ".join([where, *self.conditions])
        columns = ", ".join([*self.group_columns, select])
        text = f"SELECT {columns} FROM answers a {' '.join(self.joins)} WHERE {conditions}"
        if group is not None:
            text += f" GROUP BY {', '.join([*self.group_columns, group])}"
        return text, [*self.join_params, *where_params, *self.params]


# The answers in the order of their key: respondent by respondent, each respondent's in question order.
_STORED_ORDER = "a.response_id, a.question_id, a.tick"

# An option's lowest and highest tick among all its answers, read for an option whose answers hold a number as well.
_EVERY_TICK_RANGE = "SELECT min(tick), max(tick) FROM answers WHERE question_id = ? AND option_id = ?"

# Each option the questions' answers hold (`asked`: one row a question), each found by one step along the answers'
# index from the one before. A query over each option on its own, so found, is quicker than one GROUP BY over them all,
# which compares every answer with the one before.
_OPTIONS_HELD = """
WITH RECURSIVE asked(q) AS ({asked}),
options(q, o) AS (
    SELECT q, (SELECT option_id FROM answers
               WHERE question_id = asked.q AND option_id IS NOT NULL ORDER BY option_id LIMIT 1) FROM asked
    UNION ALL
    SELECT q, (SELECT option_id FROM answers
               WHERE question_id = options.q AND option_id > options.o ORDER BY option_id LIMIT 1)
    FROM options WHERE o IS NOT NULL
)
"""

# Each option's answers counted, with their lowest and highest tick among those without a number (SQLite's min and max
# of an indexed column under fixed earlier columns, one step each), and whether any has a number.
_OPTION_ROWS = (
    _OPTIONS_HELD
    + """
SELECT q, o,
    (SELECT count(*) FROM answers WHERE question_id = options.q AND option_id = options.o),
    (SELECT min(tick) FROM answers WHERE question_id = options.q AND option_id = options.o AND number_value IS NULL),
    (SELECT max(tick) FROM answers WHERE question_id = options.q AND option_id = options.o AND number_value IS NULL),
    EXISTS (SELECT 1 FROM answers
            WHERE question_id = options.q AND option_id = options.o AND number_value IS NOT NULL)
FROM options WHERE o IS NOT NULL
"""
)

# Each option's respondents, one text of ids an option (answers with no option as option None).
_OPTION_RESPONDENTS = (
    _OPTIONS_HELD
    + """
SELECT q, o, (SELECT group_concat(response_id) FROM answers WHERE question_id = options.q AND option_id = options.o)
FROM options WHERE o IS NOT NULL
UNION ALL
SELECT q, NULL, (SELECT group_concat(response_id) FROM answers WHERE question_id = asked.q AND option_id IS NULL)
FROM asked
"""
)


def _asked(question_ids: Sequence[int]) -> str:
    """The questions as the rows of `asked` (a VALUES list has no limit of rows)."""
    return "VALUES " + ", ".join("(?)" for _ in question_ids)


def _marks(values: Sequence[int]) -> str:
    return ",".join("?" * len(values))


# Respondent ids kept from earlier reads at most (8 bytes each): those of the staff survey's scored statements and
# breakdown questions for two cycles of 100,000 responses, the dashboard's cycle and the one before.
KEPT_IDS_AT_MOST = 8_000_000


class _KeptReads:
    """Each question's respondents by option as last read, kept while the file is unchanged: the dashboard reads the
    scored statements of a cycle and the one before for everyone's Standards scores, and the groups' scores that
    follow need them again. Everything is dropped when a change begins, and at the first read after any change made
    through the file (as the file's one connection counts them, and it holds the file's lock); no more than
    `KEPT_IDS_AT_MOST` ids are kept. The arrays handed out are read-only, since every caller shares them."""

    def __init__(self) -> None:
        self.changes = -1
        self.by_question: dict[int, dict[int | None, "numpy.ndarray"]] = {}
        self.ids = 0

    def get(self, question_id: int, changes: int) -> dict[int | None, "numpy.ndarray"] | None:
        if changes != self.changes:
            self.forget()
            self.changes = changes
        return self.by_question.get(question_id)

    def keep(self, question_id: int, options: dict[int | None, "numpy.ndarray"], changes: int) -> None:
        size = sum(len(ids) for ids in options.values())
        if changes != self.changes or self.ids + size > KEPT_IDS_AT_MOST:
            return  # once full, what is kept stays: dropping the first read would drop the next one needed
        for ids in options.values():
            ids.flags.writeable = False
        self.by_question[question_id] = options
        self.ids += size

    def forget(self) -> None:
        self.by_question.clear()
        self.ids = 0


class AnswerQueries:
    """Raw counts per question and option. Which respondents count (the base) is decided by the analysis,
    which passes the rules in as arguments; nothing here knows about follow-ups or exclusions.

    The grouped forms split every count by the respondents' answers to one or two dimension questions (a key of
    option ids, None for a respondent who did not answer that dimension) and can be limited to the respondents
    `within` a filter."""

    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc
        self._kept = _KeptReads()

    def forget_kept_reads(self) -> None:
        """Drop what earlier reads kept, so that the next read is made as the first after opening (for timing)."""
        with self.hc.lock:
            self._kept.forget()

    # ------------------------------------------------------------------ plain counts (the whole cycle)

    def option_respondents(self, question_ids: Iterable[int], applicable: Applicability) -> dict[int, dict[int, int]]:
        """For each question, how many respondents chose each option.

        `applicable` maps a follow-up question's id to (parent question id, trigger option ids): only respondents
        whose answer to the parent is one of the triggers are counted for it."""
        grouped = self.grouped_option_respondents(question_ids, applicable, ())
        return {q: by_group.get((), {}) for q, by_group in grouped.items()}

    def other_texts(self, question_id: int, option_id: int) -> list[str]:
        """What respondents wrote for an 'Other (please specify)' option, in the order they were stored."""
        rows = self.hc.tuples(
            "SELECT text_value FROM answers WHERE question_id = ? AND option_id = ? AND text_value IS NOT NULL "
            "AND trim(text_value) != '' ORDER BY response_id, tick",
            (question_id, option_id),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ grouped counts

    def grouped_option_respondents(
        self,
        question_ids: Iterable[int],
        applicable: Applicability,
        group_by: Sequence[int],
        within: Within | None = None,
    ) -> dict[int, dict[tuple, dict[int, int]]]:
        counts: dict[int, dict[tuple, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
        width = len(group_by)
        for query, where, params in self._question_sets(question_ids, applicable, group_by, within):
            sql, all_params = query.sql(
                "a.question_id, a.option_id, count(DISTINCT a.response_id)",
                f"{where} AND a.option_id IS NOT NULL",
                params,
                "a.question_id, a.option_id",
            )
            for row in self.hc.tuples(sql, all_params):
                counts[row[width]][tuple(row[:width])][row[width + 1]] = row[width + 2]
        return {q: dict(by_group) for q, by_group in counts.items()}

    def grouped_choice_counts(
        self,
        question_ids: Iterable[int],
        counted_options: dict[int, tuple[int, ...]],
        applicable: Applicability,
        group_by: Sequence[int],
        within: Within | None = None,
    ) -> tuple[dict[int, dict[tuple, dict[int, int]]], dict[int, dict[tuple, int]]]:
        """Per question and group: respondents who chose each option (as `grouped_option_respondents`), and those who
        chose at least one counted option (as `grouped_respondents_with_any`).

        Grouped, each question's answers are read once, in the order of the answers' index, and counted here against
        each respondent's group, read once for all questions: SQLite would otherwise look every answer's respondent
        up in the index and sort the lot, several times the work of reading them."""
        ids = list(question_ids)
        if not group_by and within is None:
            return self._choice_counts(ids, counted_options, applicable)
        if not group_by:
            return (
                self.grouped_option_respondents(ids, applicable, (), within),
                self.grouped_respondents_with_any(ids, counted_options, applicable, (), within),
            )
        groups = _Groups(self._group_answers(group_by))
        counts: dict[int, dict[tuple, dict[int, int]]] = {}
        bases: dict[int, dict[tuple, int]] = {}
        for question_id in ids:
            query = _Query((), within)
            if question_id in applicable:
                query.respondents_choosing(*applicable[question_id])
            sql, params = query.sql(
                "a.option_id, a.response_id", "a.question_id = ? AND a.option_id IS NOT NULL", [question_id], None
            )
            chosen = set(self.hc.tuples(sql, params))  # each respondent counts once for an option
            by_option = groups.count([r for _, r in chosen], [o for o, _ in chosen])
            counts[question_id] = {}
            for (key, option_id), n in by_option.items():
                counts[question_id].setdefault(key, {})[option_id] = n
            counted = set(counted_options.get(question_id, ()))
            based = {r for o, r in chosen if o in counted}
            if based:
                bases[question_id] = {key: n for (key, _), n in groups.count(list(based), [None] * len(based)).items()}
        return counts, bases

    def _choice_counts(
        self, ids: list[int], counted_options: dict[int, tuple[int, ...]], applicable: Applicability
    ) -> tuple[dict[int, dict[tuple, dict[int, int]]], dict[int, dict[tuple, int]]]:
        """`grouped_choice_counts` for everyone: the answers of every question (but follow-ups, limited to those they
        applied to) counted as rows, option by option along the answers' index.

        The answers' key makes a count of rows a count of respondents: where every answer to a question has tick 0,
        each respondent gave it one answer, so its base is its counted options' counts added up; where every answer is
        a tick (a tick-all-that-apply question), each respondent ticked each option once, and only the base needs
        respondents told apart. A question holding an answer kept beside another (tick below zero, from an older
        file), or both kinds, is counted respondent by respondent as before. Each option's rows are counted on their
        own (`_OPTION_ROWS`)."""
        plain = [q for q in ids if q not in applicable]
        rows: dict[int, Counter] = defaultdict(Counter)
        ranges = []
        if plain:
            with self.hc.lock:  # the rare second read below sees the same answers
                for question_id, option_id, n, *tick_range in self.hc.tuples(
                    _OPTION_ROWS.format(asked=_asked(plain)), plain
                ):
                    rows[question_id][option_id] = n
                    ranges.append((question_id, option_id, *tick_range))
                ticks = self._tick_kinds(ranges)
        else:
            ticks = defaultdict(set)
        one_answer = [q for q in plain if ticks[q] == {0}]
        ticked = [q for q in plain if ticks[q] == {1}]
        by_respondent = [q for q in ids if q not in one_answer and q not in ticked]
        counts = {q: {(): dict(rows[q])} for q in one_answer + ticked}
        bases = {
            q: {(): total}
            for q in one_answer
            if (total := sum(rows[q][o] for o in counted_options.get(q, ()) if o in rows[q]))
        }
        bases.update(self._tickers(ticked, counted_options))
        if by_respondent:
            counts.update(self.grouped_option_respondents(by_respondent, applicable, ()))
            bases.update(self.grouped_respondents_with_any(by_respondent, counted_options, applicable, ()))
        return counts, bases

    def _tick_kinds(self, ranges: Iterable[tuple[int, int, int | None, int | None, int]]) -> dict[int, set[int]]:
        """The kinds of tick each question's answers with an option have (0; 1 for above zero; -1 for below), from each
        option's lowest and highest tick (as `_OPTION_ROWS` reads them): reading the tick of every answer with the
        counts took a third of their time. (An option given with a number as well, which no import stores, has its
        answers' ticks read.)"""
        kinds: dict[int, set[int]] = defaultdict(set)
        for question_id, option_id, lowest, highest, with_number in ranges:
            if with_number:
                lowest, highest = self.hc.tuples(_EVERY_TICK_RANGE, (question_id, option_id))[0]
            if lowest is not None and highest is not None:
                kinds[question_id] |= {(lowest > 0) - (lowest < 0), (highest > 0) - (highest < 0)}
        return kinds

    def _tickers(self, ticked: list[int], counted_options: dict[int, tuple[int, ...]]) -> dict[int, dict[tuple, int]]:
        """For each question all of whose answers are ticks, the respondents who ticked at least one counted option:
        read from the index of ticks, respondent by respondent, so each is counted once without sorting. (A tick is
        its option's id, so the options not counted are left out by their ticks.)"""
        bases: dict[int, dict[tuple, int]] = {}
        every_option = [q for q in ticked if set(counted_options.get(q, ())) >= self._options_of(q)]
        some_options = [q for q in ticked if q not in every_option]
        sql = (
            "SELECT question_id, count(DISTINCT response_id) FROM answers INDEXED BY answers_ticks "
            "WHERE question_id IN ({}) AND tick > 0 {}GROUP BY question_id"
        )
        if every_option:
            for question_id, n in self.hc.tuples(sql.format(_marks(every_option), ""), every_option):
                bases[question_id] = {(): n}
        counted = sorted({o for q in some_options for o in counted_options.get(q, ())})
        if some_options and counted:
            condition = f"AND tick IN ({_marks(counted)}) "
            for question_id, n in self.hc.tuples(sql.format(_marks(some_options), condition), some_options + counted):
                bases[question_id] = {(): n}
        return bases

    def _options_of(self, question_id: int) -> set[int]:
        return {r[0] for r in self.hc.tuples("SELECT id FROM options WHERE question_id = ?", (question_id,))}

    def _group_answers(self, group_by: Sequence[int]) -> list[list[tuple[int, int | None]]]:
        """For each dimension question, its answers as (response id, option id; None for one without an option)."""
        return [
            self.hc.tuples("SELECT response_id, option_id FROM answers WHERE question_id = ?", (dimension_id,))
            for dimension_id in group_by
        ]

    def grouped_respondents_with_any(
        self,
        question_ids: Iterable[int],
        counted_options: dict[int, tuple[int, ...]],
        applicable: Applicability,
        group_by: Sequence[int],
        within: Within | None = None,
    ) -> dict[int, dict[tuple, int]]:
        """Per question and group, respondents who chose at least one of the question's counted options."""
        bases: dict[int, dict[tuple, int]] = defaultdict(dict)
        width = len(group_by)
        counted = sorted({o for q in question_ids for o in counted_options.get(q, ())})
        if not counted:
            return {}
        for query, where, params in self._question_sets(question_ids, applicable, group_by, within):
            sql, all_params = query.sql(
                "a.question_id, count(DISTINCT a.response_id)",
                f"{where} AND a.option_id IN ({_marks(counted)})",
                [*params, *counted],
                "a.question_id",
            )
            for row in self.hc.tuples(sql, all_params):
                bases[row[width]][tuple(row[:width])] = row[width + 1]
        return dict(bases)

    def grouped_numbers(
        self,
        question_ids: Iterable[int],
        applicable: Applicability,
        group_by: Sequence[int],
        within: Within | None = None,
    ) -> dict[int, dict[tuple, list[float]]]:
        """Per question and group, the numbers given, smallest first."""
        values: dict[int, dict[tuple, list[float]]] = defaultdict(lambda: defaultdict(list))
        if group_by:
            # As for the choices: each question's numbers read once and counted against each respondent's group.
            groups = _Groups(self._group_answers(group_by))
            for question_id in question_ids:
                query = _Query((), within)
                if question_id in applicable:
                    query.respondents_choosing(*applicable[question_id])
                sql, params = query.sql(
                    "a.response_id, a.number_value",
                    "a.question_id = ? AND a.number_value IS NOT NULL",
                    [question_id],
                    None,
                )
                given = self.hc.tuples(sql, params)
                counted = groups.count([r for r, _ in given], [v for _, v in given])
                for (key, value), n in sorted(counted.items(), key=lambda item: item[0][1]):
                    values[question_id][key].extend([value] * n)
            return {q: dict(by_group) for q, by_group in values.items()}
        how_many: dict[int, Counter] = defaultdict(Counter)
        for query, where, params in self._question_sets(question_ids, applicable, group_by, within):
            # Each distinct number once, with how many gave it: people give few distinct numbers (hours, cases).
            # Grouped as the answers' index orders them, so SQLite reads it through without sorting every answer.
            sql, all_params = query.sql(
                "a.question_id, a.number_value, count(*)",
                f"{where} AND a.number_value IS NOT NULL",
                params,
                "a.question_id, a.option_id, a.number_value",
            )
            for question_id, number, n in self.hc.tuples(sql, all_params):
                how_many[question_id][number] += n
        for question_id, numbers in how_many.items():
            for number in sorted(numbers):
                values[question_id][()].extend([number] * numbers[number])
        return {q: dict(by_group) for q, by_group in values.items()}

    def texts(self, question_ids: Iterable[int], group_by: Sequence[int] = ()) -> list[tuple]:
        """Every non-empty free-text answer as (response id, question id, text, *group option ids), in stored order."""
        ids = list(question_ids)
        if not ids:
            return []
        query = _Query(group_by, None)
        sql, params = query.sql(
            "a.response_id, a.question_id, a.text_value",
            f"a.question_id IN ({_marks(ids)}) AND a.option_id IS NULL AND a.text_value IS NOT NULL "
            "AND trim(a.text_value) != ''",
            ids,
            None,
        )
        rows = self.hc.tuples(sql + f" ORDER BY {_STORED_ORDER}", params)
        width = len(group_by)
        return [(*row[width:], *row[:width]) for row in rows]

    def all_texts(self) -> list[str]:
        """Every free-text answer in the file (comments and 'other' answers, every cycle): the words people write."""
        return [str(t) for (t,) in self.hc.tuples("SELECT text_value FROM answers WHERE text_value IS NOT NULL")]

    def chosen_options(self, question_ids: Iterable[int], group_by: Sequence[int] = ()) -> list[tuple]:
        """Every option chosen for these questions as (response id, question id, option id, *the respondent's option
        ids for the `group_by` dimension questions, None where none), for figures worked out respondent by
        respondent."""
        ids = list(question_ids)
        if not ids:
            return []
        query = _Query(group_by, None)
        sql, params = query.sql(
            "a.response_id, a.question_id, a.option_id",
            f"a.question_id IN ({_marks(ids)}) AND a.option_id IS NOT NULL",
            ids,
            None,
        )
        width = len(group_by)
        return [(*row[width:], *row[:width]) for row in self.hc.tuples(sql + f" ORDER BY {_STORED_ORDER}", params)]

    def respondents_by_option(self, question_ids: Iterable[int]) -> dict[tuple[int, int | None], "numpy.ndarray"]:
        """For each (question id, option id) chosen, the ids of the respondents who chose it, as an array with one
        entry per answer stored (a respondent with the same option stored twice is in it twice); None for the option
        of answers without one (a number or a text). In order of question, then option (None first).

        The ids of each option come out of the answers' index as one text, read into an array in one go: at 100,000
        responses a Standard's statements have millions of answers, and a row each would take seconds to hand over.
        Each option is read on its own, found by a step along the index from the one before: one GROUP BY over them
        all compares every answer with the one before, which takes longer than reading the answers themselves."""
        import numpy  # loaded when first needed, not at launch

        found: dict[tuple[int, int | None], numpy.ndarray] = {}
        with self.hc.lock:  # no change lands between what was kept and what is read
            changes = self.hc.changes_made
            asked = sorted(set(question_ids))
            kept = {q: options for q in asked if (options := self._kept.get(q, changes)) is not None}
            unread = [q for q in asked if q not in kept]
            read: dict[int, dict[int | None, numpy.ndarray]] = {q: {} for q in unread}
            if unread:
                rows = self.hc.tuples(_OPTION_RESPONDENTS.format(asked=_asked(unread)), unread)
                for question_id, option_id, chosen in sorted(rows, key=lambda r: (r[0], r[1] is not None, r[1] or 0)):
                    if chosen is not None:
                        read[question_id][option_id] = numpy.fromstring(chosen, dtype=numpy.int64, sep=",")
                if not self.hc.conn.in_transaction:  # a change under way may yet be undone
                    for question_id, options in read.items():
                        self._kept.keep(question_id, options, changes)
            for question_id in asked:
                options = kept.get(question_id) or read.get(question_id, {})
                found.update(((question_id, option_id), ids) for option_id, ids in options.items())
        return found

    def cycle_respondents(self, cycle_id: int) -> "numpy.ndarray":
        """The ids of the cycle's respondents, smallest first, as an array read in one go (as `respondents_by_option`
        reads them)."""
        import numpy  # loaded when first needed, not at launch

        ((ids,),) = self.hc.tuples("SELECT group_concat(id) FROM responses WHERE cycle_id = ?", (cycle_id,))
        if ids is None:
            return numpy.zeros(0, dtype=numpy.int64)
        return numpy.sort(numpy.fromstring(ids, dtype=numpy.int64, sep=","))

    def _question_sets(
        self, question_ids: Iterable[int], applicable: Applicability, group_by: Sequence[int], within: Within | None
    ) -> list[tuple[_Query, str, list[int]]]:
        """One query for all plain questions, and one for each follow-up (limited to those it applied to)."""
        ids = list(question_ids)
        plain = [q for q in ids if q not in applicable]
        sets = []
        if plain:
            sets.append((_Query(group_by, within), f"a.question_id IN ({_marks(plain)})", plain))
        for question_id in ids:
            if question_id in applicable:
                parent_id, triggers = applicable[question_id]
                query = _Query(group_by, within)
                query.respondents_choosing(parent_id, triggers)
                sets.append((query, "a.question_id = ?", [question_id]))
        return sets
