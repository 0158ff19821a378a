"""Responses and their answers, added in batches that can be listed, traced to their source and removed whole."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput, SaveFailed
from ..domain.plurals import counted
from ..domain.progress import SILENT, Cancelled, Progress
from ..domain.records import BatchKind, ImportBatch, NewBatch, NewResponse, RemovedBatch
from ..domain.ukdates import to_iso
from .backups import Backup, backups_holding
from .clock import current_user, now_timestamp

if TYPE_CHECKING:
    from .file import HealthCheckFile

# Answers are written in chunks: progress is reported and cancel honoured between chunks, and memory
# stays flat however many responses a file holds.
CHUNK_RESPONSES = 2000
PAPER_BATCH_NAME = "Paper returns"
_RESPONSE_ID = itemgetter(0)


def keyed_answers(answers: Iterable[tuple], tick_all: frozenset[int]) -> list[tuple]:
    """Answers (response, question, option, number, text), each respondent's together, as the file keys them:
    (response, question, tick, option, number, text), the tick being the option for a tick of a tick-all-that-apply
    question (in `tick_all`) and 0 for any other answer. An answer that would take a key already given (a second answer
    to a one-answer question, an option given twice) is kept, numbered below zero, as the schema's migration keeps those
    of older files."""
    rows = []
    for _, given in itertools.groupby(answers, key=_RESPONSE_ID):
        taken: set[tuple] = set()
        for position, (response_id, question, option, number, text) in enumerate(given, start=1):
            tick = option if option is not None and question in tick_all else 0
            if (question, tick) in taken:
                tick = -position
            taken.add((question, tick))
            rows.append((response_id, question, tick, option, number, text))
    return rows


_INSERT_KEYED_ANSWER = (
    "INSERT INTO answers (response_id, question_id, tick, option_id, number_value, text_value) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
ROWS_A_STATEMENT = 100  # answers written by one statement: binding and running a statement costs more than a row


class _AnswerRows:
    """A chunk's answers sorted by what each holds, so that each kind is written with only its own three values
    (respondent, question, and the option ticked or chosen, the number or the text), many rows a statement: binding
    the empty columns and running a statement an answer cost the import more than SQLite's own writing of the rows.
    Nearly every answer is one of those four kinds; the rest (an option with its 'please specify' text) are written
    whole. The answers given are kept as they came, so that a chunk refused (a key taken twice) can be written again
    through `keyed_answers`."""

    # Each kind: the columns written and one row's values, numbered ({0} respondent, {1} question, {2} the value).
    KINDS = (
        ("option_id, tick", "(?{0}, ?{1}, ?{2}, 0)"),  # a one-answer question's option
        ("option_id, tick", "(?{0}, ?{1}, ?{2}, ?{2})"),  # a tick of a tick-all-that-apply question: its own key
        ("number_value, tick", "(?{0}, ?{1}, ?{2}, 0)"),
        ("text_value, tick", "(?{0}, ?{1}, ?{2}, 0)"),
    )

    def __init__(self, tick_all: frozenset[int]):
        self.tick_all = tick_all
        self.chosen: list = []  # each kind flat: respondent, question, value, respondent, question, value, ...
        self.ticked: list = []
        self.numbers: list = []
        self.texts: list = []
        self.whole: list[tuple] = []  # (response, question, tick, option, number, text)
        self.given: list[tuple[int, Sequence[tuple]]] = []

    def add(self, response_id: int, answers: Sequence[tuple]) -> None:
        """A respondent's answers (question, option, number, text)."""
        self.given.append((response_id, answers))
        tick_all, chosen, ticked, numbers, texts = self.tick_all, self.chosen, self.ticked, self.numbers, self.texts
        for question, option, number, text in answers:  # hundreds of thousands: names looked up once, above
            if text is None and number is None and option is not None:
                if question in tick_all:
                    ticked += (response_id, question, option)
                else:
                    chosen += (response_id, question, option)
            elif option is None and text is None and number is not None:
                numbers += (response_id, question, number)
            elif option is None and number is None and text is not None:
                texts += (response_id, question, text)
            else:
                tick = option if option is not None and question in tick_all else 0
                self.whole.append((response_id, question, tick, option, number, text))

    def statements(self) -> Iterator[tuple[str, Iterable[Sequence]]]:
        """The statements that write the rows, each with the values of every time it runs."""
        for (columns, one_row), values in zip(self.KINDS, (self.chosen, self.ticked, self.numbers, self.texts)):
            insert = f"INSERT INTO answers (response_id, question_id, {columns}) VALUES "
            block = 3 * ROWS_A_STATEMENT
            whole_blocks = len(values) - len(values) % block
            if whole_blocks:
                rows = ", ".join(one_row.format(n + 1, n + 2, n + 3) for n in range(0, block, 3))
                yield insert + rows, (values[start : start + block] for start in range(0, whole_blocks, block))
            if whole_blocks < len(values):
                rest = values[whole_blocks:]
                yield insert + one_row.format(1, 2, 3), (rest[start : start + 3] for start in range(0, len(rest), 3))
        if self.whole:
            yield _INSERT_KEYED_ANSWER, self.whole

    def referred(self) -> tuple[set[int], set[int]]:
        """The questions and options the answers refer to."""
        questions = {row[1] for row in self.whole}
        for values in (self.chosen, self.ticked, self.numbers, self.texts):
            questions.update(values[1::3])
        options = {row[3] for row in self.whole}
        options.update(self.chosen[2::3], self.ticked[2::3])
        return questions, options - {None}

    def as_given(self) -> list[tuple]:
        """Every answer (response, question, option, number, text), each respondent's in the order given."""
        return [(response_id, *answer) for response_id, answers in self.given for answer in answers]


class _LongStatements:
    """Keeps progress reported, and Cancel honoured, while SQLite works through one long statement (thousands of
    answers written at once, an index rebuilt), using SQLite's progress handler."""

    EVERY_INSTRUCTIONS = 50_000
    REPORT_SECONDS = 0.2

    def __init__(self, hc: "HealthCheckFile", progress: Progress, total: int):
        self.hc, self.progress, self.total = hc, progress, total
        self.done = 0
        self.message = "Saving the responses…"
        self.cancelled = False
        self.last = time.monotonic()

    def __enter__(self) -> "_LongStatements":
        self.hc.conn.set_progress_handler(self._tick, self.EVERY_INSTRUCTIONS)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.hc.conn.set_progress_handler(None, 0)

    def _tick(self) -> int:
        now = time.monotonic()
        if now - self.last < self.REPORT_SECONDS:
            return 0
        self.last = now
        self.progress.report(self.done, max(self.total, self.done), self.message)
        if self.progress.is_cancelled():
            self.cancelled = True
            return 1  # SQLite stops the statement; the transaction is rolled back
        return 0


class ResponseStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def count(self, cycle_id: int) -> int:
        return int(self.hc.value("SELECT count(*) FROM responses WHERE cycle_id = ?", (cycle_id,)))

    def add_batch(
        self,
        cycle_id: int,
        batch: NewBatch,
        responses: Iterable[NewResponse],
        total: int | None = None,
        progress: Progress = SILENT,
        rows_counts: Callable[[], tuple[int, int]] | None = None,
    ) -> int:
        """Add responses as one batch in one transaction: all of them are stored, or (on any error or
        cancel) none. Returns the batch id. `rows_counts`, when given, is asked once the responses are read
        for the rows read and skipped, which the batch records."""
        hc = self.hc
        if batch.source_sha256 and hc.value(
            "SELECT id FROM import_batches WHERE cycle_id = ? AND source_sha256 = ?", (cycle_id, batch.source_sha256)
        ):
            raise InvalidInput(
                f"{batch.source_name} has already been imported into this cycle.",
                "Each file is imported once. To import it again, remove its batch first.",
            )
        watch = _LongStatements(hc, progress, total or 0)
        try:
            with watch, hc.bulk_transaction(checked_tables=()):
                batch_id = self._insert_batch(cycle_id, batch)
                added = self._write_responses(cycle_id, batch_id, responses, bool(batch.identifying_kept_reason), watch)
                if rows_counts is not None:
                    read, skipped = rows_counts()
                    hc.execute(
                        "UPDATE import_batches SET rows_read = ?, rows_skipped = ? WHERE id = ?",
                        (read, skipped, batch_id),
                    )
                hc.audit("Added responses", f"{added} from {batch.source_name} ({batch.kind})")
        except SaveFailed:
            if watch.cancelled:
                raise Cancelled() from None
            raise
        return batch_id

    def _insert_batch(self, cycle_id: int, batch: NewBatch) -> int:
        return int(
            self.hc.execute(
                "INSERT INTO import_batches (cycle_id, kind, source_name, source_sha256, layout, mapping_json, "
                "identifying_kept_reason, rows_read, rows_skipped, imported_at, imported_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cycle_id,
                    str(batch.kind),
                    batch.source_name,
                    batch.source_sha256,
                    batch.layout,
                    batch.mapping_json,
                    batch.identifying_kept_reason,
                    batch.rows_read,
                    batch.rows_skipped,
                    now_timestamp(),
                    current_user(),
                ),
            ).lastrowid
        )

    def _write_responses(
        self,
        cycle_id: int,
        batch_id: int,
        responses: Iterable[NewResponse],
        keep_identifiers: bool,
        watch: "_LongStatements",
    ) -> int:
        """Write the responses in chunks; returns how many. A batch larger than one chunk has the answers' indexes
        set aside while it is written and rebuilt once at the end."""
        hc = self.hc
        created_at = now_timestamp()
        referred: tuple[set, set] = (set(), set())  # the question and option ids the answers refer to
        # Ids are given here rather than by SQLite so that responses can be written many at a time; the file is
        # locked for writing by this transaction, so nothing else can take them.
        next_id = int(hc.value("SELECT coalesce(max(id), 0) FROM responses")) + 1
        tick_all = self._tick_all_questions()
        added = 0
        set_aside: list[str] = []
        chunk: list[tuple] = []
        answers = _AnswerRows(tick_all)
        identifiers: list[tuple] = []
        for response in responses:
            response_id = next_id + added
            chunk.append(
                (response_id, cycle_id, batch_id, response.external_id, to_iso(response.submitted_on), created_at)
            )
            answers.add(response_id, response.answers)
            if keep_identifiers:
                identifiers.extend((response_id, field, value) for field, value in response.identifiers)
            added += 1
            watch.done = added
            if added % CHUNK_RESPONSES == 0:
                if added == CHUNK_RESPONSES:
                    set_aside = self._set_aside_answer_indexes()
                self._write(chunk, answers, identifiers, referred)
                chunk, answers, identifiers = [], _AnswerRows(tick_all), []
                watch.progress.step(added, watch.total, f"Saved {counted(added, 'response')}")
        self._write(chunk, answers, identifiers, referred)
        self._check_references(*referred)
        watch.message = f"Indexing the answers of {counted(added, 'response')} (nearly done)…"
        for index_sql in set_aside:
            hc.execute(index_sql)
        watch.progress.step(added, max(watch.total, added), f"Saved {counted(added, 'response')}")
        return added

    def _tick_all_questions(self) -> frozenset[int]:
        return frozenset(r[0] for r in self.hc.tuples("SELECT id FROM questions WHERE qtype = 'multi'"))

    def _check_references(self, question_ids: set[int], option_ids: set[int | None]) -> None:
        """What the foreign keys would have checked row by row, checked once for the batch: every question and option
        answered exists (response ids were given by add_batch itself)."""
        hc = self.hc
        for table, ids in (("questions", question_ids), ("options", option_ids - {None})):
            wanted = sorted(ids)
            found = 0
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                found += int(hc.value(f"SELECT count(*) FROM {table} WHERE id IN ({','.join('?' * len(part))})", part))
            if found != len(wanted):
                raise SaveFailed(
                    f"Some answers refer to {table} that are not in {hc.path.name}, so nothing was added.",
                    "Please report this problem.",
                )

    def _set_aside_answer_indexes(self) -> list[str]:
        """Drop the answers table's indexes for a large batch, returning the statements that rebuild them.

        Keeping two indexes up to date row by row costs more than the rows themselves; building them once at the
        end, in the same transaction, is several times faster. A cancelled or failed batch rolls the drop back too."""
        hc = self.hc
        indexes = hc.tuples(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'answers' AND sql IS NOT NULL"
        )
        for name, _ in indexes:
            hc.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in indexes]

    def _write(
        self, responses: list[tuple], answers: _AnswerRows, identifiers: list[tuple], referred: tuple[set, set]
    ) -> None:
        questions, options = answers.referred()
        referred[0].update(questions)
        referred[1].update(options)
        self.hc.executemany(
            "INSERT INTO responses (id, cycle_id, batch_id, external_id, submitted_on, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            responses,
        )
        self._write_answers(answers, identifiers)

    def _write_answers(self, answers: _AnswerRows, identifiers: list[tuple]) -> None:
        """Write answers, each respondent's given together."""
        hc = self.hc
        try:
            with hc.transaction():  # on its own: refused, it is undone alone and written again below
                for insert, values in answers.statements():
                    hc.executemany(insert, values)
        except sqlite3.IntegrityError:
            hc.executemany(_INSERT_KEYED_ANSWER, keyed_answers(answers.as_given(), answers.tick_all))
        if identifiers:
            self.hc.executemany(
                "INSERT INTO response_identifiers (response_id, field, value) VALUES (?, ?, ?)", identifiers
            )

    def batches(self, cycle_id: int) -> list[ImportBatch]:
        return self._batches("b.cycle_id = ?", cycle_id)

    def _batches(self, condition: str, value: int) -> list[ImportBatch]:
        rows = self.hc.rows(
            "SELECT b.*, (SELECT count(*) FROM responses r WHERE r.batch_id = b.id) AS response_count "
            f"FROM import_batches b WHERE {condition} ORDER BY b.id",
            (value,),
        )
        return [
            ImportBatch(
                id=r["id"],
                cycle_id=r["cycle_id"],
                kind=BatchKind(r["kind"]),
                source_name=r["source_name"],
                source_sha256=r["source_sha256"],
                layout=r["layout"],
                mapping_json=r["mapping_json"],
                imported_at=r["imported_at"],
                imported_by=r["imported_by"],
                response_count=r["response_count"],
                rows_read=r["rows_read"],
                rows_skipped=r["rows_skipped"],
                identifying_kept_reason=r["identifying_kept_reason"],
            )
            for r in rows
        ]

    def batch(self, batch_id: int) -> ImportBatch:
        found = next((b for b in self._batches("b.id = ?", batch_id)), None)
        if found is None:
            raise InvalidInput(
                f"There is no batch {batch_id} in {self.hc.path.name}.", "List the batches to see their numbers."
            )
        return found

    def remove_batch(self, batch_id: int) -> int:
        """Remove a batch and every response it added; returns how many responses went."""
        hc = self.hc
        batch = hc.row("SELECT source_name FROM import_batches WHERE id = ?", (batch_id,))
        if batch is None:
            raise InvalidInput(
                f"There is no batch {batch_id} in {hc.path.name}.", "List the batches to see their numbers."
            )
        with hc.transaction():
            removed = int(hc.value("SELECT count(*) FROM responses WHERE batch_id = ?", (batch_id,)))
            hc.execute(
                "DELETE FROM answers WHERE response_id IN (SELECT id FROM responses WHERE batch_id = ?)", (batch_id,)
            )
            hc.execute("DELETE FROM import_batches WHERE id = ?", (batch_id,))
            hc.audit("Removed a batch of responses", f"{removed} from {batch['source_name']}")
        return removed

    def external_ids(self, cycle_id: int) -> frozenset[str]:
        """The response ids (as the survey tool wrote them) already in a cycle,
        so that an import does not double them."""
        rows = self.hc.tuples(
            "SELECT external_id FROM responses WHERE cycle_id = ? AND external_id IS NOT NULL", (cycle_id,)
        )
        return frozenset(r[0] for r in rows)

    def batch_of_file(self, cycle_id: int, sha256: str) -> int | None:
        return self.hc.value(
            "SELECT id FROM import_batches WHERE cycle_id = ? AND source_sha256 = ?", (cycle_id, sha256)
        )

    def imported_sha256(self) -> frozenset[str]:
        """The fingerprints of every survey export imported into the file (outputs are never saved over them)."""
        return frozenset(
            row[0]
            for row in self.hc.tuples(
                "SELECT DISTINCT source_sha256 FROM import_batches WHERE source_sha256 IS NOT NULL"
            )
        )

    def backups_holding_identifiers(self, batch: ImportBatch) -> list[Backup]:
        """The file's backups that still hold the names, e-mails or other identifying details kept with `batch` (after
        the batch is removed from the file itself, they are the only copies left)."""

        def holds(conn: "sqlite3.Connection") -> bool:
            return bool(
                conn.execute(
                    "SELECT count(*) FROM response_identifiers i JOIN responses r ON r.id = i.response_id "
                    "JOIN import_batches b ON b.id = r.batch_id WHERE b.imported_at = ? AND b.source_name = ? "
                    "AND b.source_sha256 IS ?",
                    (batch.imported_at, batch.source_name, batch.source_sha256),
                ).fetchone()[0]
            )

        if batch.identifying_kept_reason is None:
            return []
        return backups_holding(self.hc.folders.backups, self.hc.path, self.hc.identity, holds)

    def earlier_mappings(self, cycle_id: int) -> list[str]:
        """The mappings saved with imports into other cycles, newest first, to offer again."""
        rows = self.hc.tuples(
            "SELECT mapping_json FROM import_batches WHERE cycle_id != ? AND kind = 'import' AND mapping_json != '{}' "
            "ORDER BY imported_at DESC, id DESC",
            (cycle_id,),
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ paper returns

    def paper_batch(self, cycle_id: int) -> int | None:
        """The cycle's batch of paper returns keyed in, which grows one response at a time."""
        return self.hc.value(
            "SELECT id FROM import_batches WHERE cycle_id = ? AND kind = 'paper' ORDER BY id LIMIT 1", (cycle_id,)
        )

    def add_paper_response(self, cycle_id: int, response: NewResponse) -> int:
        """Save one keyed-in paper return at once (its own transaction), so that it is kept whatever happens next.
        Returns the new response's id."""
        hc = self.hc
        with hc.transaction():
            batch_id = self.paper_batch(cycle_id)
            if batch_id is None:
                batch_id = int(
                    hc.execute(
                        "INSERT INTO import_batches (cycle_id, kind, source_name, layout, imported_at, imported_by) "
                        "VALUES (?, 'paper', ?, 'paper', ?, ?)",
                        (cycle_id, PAPER_BATCH_NAME, now_timestamp(), current_user()),
                    ).lastrowid
                )
            response_id = int(
                hc.execute(
                    "INSERT INTO responses (cycle_id, batch_id, external_id, submitted_on, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (cycle_id, batch_id, response.external_id, to_iso(response.submitted_on), now_timestamp()),
                ).lastrowid
            )
            answers = _AnswerRows(self._tick_all_questions())
            answers.add(response_id, response.answers)
            self._write_answers(answers, [])
            hc.audit("Keyed in a paper return", f"response {response_id}")
        return response_id

    def remove_response(self, response_id: int) -> None:
        """Take one response out (a paper return keyed in by mistake)."""
        hc = self.hc
        with hc.transaction():
            hc.execute("DELETE FROM answers WHERE response_id = ?", (response_id,))
            hc.execute("DELETE FROM responses WHERE id = ?", (response_id,))
            hc.audit("Removed a paper return", f"response {response_id}")

    def batch_count(self, batch_id: int) -> int:
        return int(self.hc.value("SELECT count(*) FROM responses WHERE batch_id = ?", (batch_id,)))

    def take_out_batch(self, batch_id: int) -> RemovedBatch:
        """Remove a batch as `remove_batch` does, returning everything it held so that `put_back_batch` can restore
        it exactly (the same ids), as Undo needs."""
        hc = self.hc
        if hc.row("SELECT id FROM import_batches WHERE id = ?", (batch_id,)) is None:
            raise InvalidInput(
                f"There is no batch {batch_id} in {hc.path.name}.", "List the batches to see their numbers."
            )
        in_batch = "SELECT id FROM responses WHERE batch_id = ?"
        removed = RemovedBatch(
            batch=hc.tuples("SELECT * FROM import_batches WHERE id = ?", (batch_id,))[0],
            responses=hc.tuples("SELECT * FROM responses WHERE batch_id = ? ORDER BY id", (batch_id,)),
            answers=hc.tuples(
                f"SELECT response_id, question_id, tick, option_id, number_value, text_value FROM answers "
                f"WHERE response_id IN ({in_batch})",
                (batch_id,),
            ),
            identifiers=hc.tuples(
                f"SELECT response_id, field, value FROM response_identifiers WHERE response_id IN ({in_batch})",
                (batch_id,),
            ),
            comment_tags=hc.tuples(
                f"SELECT response_id, question_id, theme_id FROM comment_tags WHERE response_id IN ({in_batch})",
                (batch_id,),
            ),
        )
        self.remove_batch(batch_id)
        return removed

    def put_back_batch(self, removed: RemovedBatch) -> None:
        """Restore a batch taken out with `take_out_batch`, whole, in one transaction."""
        hc = self.hc
        with hc.transaction():
            hc.execute(f"INSERT INTO import_batches VALUES ({','.join('?' * len(removed.batch))})", removed.batch)
            if removed.responses:
                marks = ",".join("?" * len(removed.responses[0]))
                hc.executemany(f"INSERT INTO responses VALUES ({marks})", removed.responses)
            hc.executemany(_INSERT_KEYED_ANSWER, removed.answers)
            if removed.identifiers:
                hc.executemany(
                    "INSERT INTO response_identifiers (response_id, field, value) VALUES (?, ?, ?)", removed.identifiers
                )
            if removed.comment_tags:
                hc.executemany(
                    "INSERT INTO comment_tags (response_id, question_id, theme_id) VALUES (?, ?, ?)",
                    removed.comment_tags,
                )
            hc.audit("Put back a batch of responses", f"{len(removed.responses)} from {removed.source_name}")

    def option_counts(self, question_id: int) -> dict[int, int]:
        """How many answers chose each option of a question."""
        rows = self.hc.rows(
            "SELECT option_id, count(*) AS n FROM answers "
            "WHERE question_id = ? AND option_id IS NOT NULL GROUP BY option_id",
            (question_id,),
        )
        return {r["option_id"]: r["n"] for r in rows}

    def numbers(self, question_id: int) -> list[float]:
        rows = self.hc.rows(
            "SELECT number_value FROM answers WHERE question_id = ? AND number_value IS NOT NULL ORDER BY number_value",
            (question_id,),
        )
        return [r["number_value"] for r in rows]
