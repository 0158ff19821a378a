"""The health-check file's schema as an ordered list of migrations; a file's user_version counts those applied."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

# 'SWHC' in ASCII: marks a SQLite file as a health-check file (PRAGMA application_id).
APPLICATION_ID = 0x53574843


@dataclass(frozen=True)
class Migration:
    """One step of the schema. `apply` runs inside the migration's transaction and is given sqlite-utils' view
    of the file, whose `transform()` rebuilds a table when SQLite's ALTER TABLE cannot make a change."""

    version: int
    description: str
    apply: Callable[["sqlite_utils.Database"], None]


def sqlite_database(conn: sqlite3.Connection) -> "sqlite_utils.Database":
    """sqlite-utils' view of a connection, which migrations are given. Imported on first use: importing sqlite-utils
    costs a third of a second at start-up, and everyday reads and writes need only the connection."""
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False)


def _run(statements: tuple[str, ...]) -> Callable[["sqlite_utils.Database"], None]:
    def apply(db: "sqlite_utils.Database") -> None:
        # One statement at a time: executescript() would commit the migration's transaction.
        for statement in statements:
            db.execute(statement)

    return apply


_VERSION_1 = (
    """CREATE TABLE organisation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        service TEXT NOT NULL DEFAULT 'Children''s Services',
        protective_marking TEXT NOT NULL DEFAULT 'OFFICIAL-SENSITIVE',
        minimum_group_size INTEGER NOT NULL DEFAULT 5 CHECK (minimum_group_size >= 3),
        minimum_comment_group_size INTEGER NOT NULL DEFAULT 10 CHECK (minimum_comment_group_size >= 3),
        created_at TEXT NOT NULL,
        created_by_version TEXT NOT NULL
    )""",
    # Per-file settings kept as JSON: headline indicators and thresholds, number bands, report choices.
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE cycles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        title TEXT NOT NULL DEFAULT '',
        numbering TEXT NOT NULL DEFAULT 'continuous' CHECK (numbering IN ('continuous', 'by_section')),
        opens_on TEXT,
        closes_on TEXT,
        staff_invited INTEGER CHECK (staff_invited IS NULL OR staff_invited > 0),
        source TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        CHECK (opens_on IS NULL OR closes_on IS NULL OR opens_on <= closes_on)
    )""",
    # Long texts the PSW writes for a cycle: the paper form's introduction, the report's purpose and background.
    """CREATE TABLE cycle_texts (
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (cycle_id, key)
    ) WITHOUT ROWID""",
    # Figures entered for a cycle rather than collected from staff: the workforce figures and the employer return.
    """CREATE TABLE cycle_figures (
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        number_value REAL,
        text_value TEXT,
        PRIMARY KEY (cycle_id, key)
    ) WITHOUT ROWID""",
    """CREATE TABLE sections (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        intro TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX sections_cycle ON sections(cycle_id, position)",
    """CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        qtype TEXT NOT NULL CHECK (qtype IN ('single', 'multi', 'scale', 'rating', 'number', 'text')),
        text TEXT NOT NULL,
        short_title TEXT NOT NULL DEFAULT '',
        help_text TEXT NOT NULL DEFAULT '',
        standard INTEGER CHECK (standard IS NULL OR standard BETWEEN 1 AND 8),
        is_dimension INTEGER NOT NULL DEFAULT 0 CHECK (is_dimension IN (0, 1)),
        unit TEXT NOT NULL DEFAULT '',
        min_value REAL,
        max_value REAL,
        parent_question_id INTEGER REFERENCES questions(id),
        UNIQUE (cycle_id, code)
    )""",
    "CREATE INDEX questions_section ON questions(section_id, position)",
    "CREATE INDEX questions_parent ON questions(parent_question_id)",
    """CREATE TABLE options (
        id INTEGER PRIMARY KEY,
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        label TEXT NOT NULL,
        score REAL,
        polarity TEXT NOT NULL DEFAULT 'neutral' CHECK (polarity IN ('favourable', 'neutral', 'unfavourable')),
        excluded_from_base INTEGER NOT NULL DEFAULT 0 CHECK (excluded_from_base IN (0, 1)),
        is_other INTEGER NOT NULL DEFAULT 0 CHECK (is_other IN (0, 1)),
        UNIQUE (question_id, code)
    )""",
    # A follow-up applies when its parent's answer is one of these options.
    """CREATE TABLE follow_up_triggers (
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        option_id INTEGER NOT NULL REFERENCES options(id) ON DELETE CASCADE,
        PRIMARY KEY (question_id, option_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX follow_up_triggers_option ON follow_up_triggers(option_id)",
    # Changes of wording to a question whose code exists in an earlier cycle: the trend compares different words.
    """CREATE TABLE wording_changes (
        id INTEGER PRIMARY KEY,
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        previous_text TEXT NOT NULL,
        new_text TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )""",
    """CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('import', 'paper', 'demo')),
        source_name TEXT NOT NULL,
        source_sha256 TEXT,
        layout TEXT NOT NULL DEFAULT '',
        mapping_json TEXT NOT NULL DEFAULT '{}',
        identifying_kept_reason TEXT,
        rows_read INTEGER,
        rows_skipped INTEGER,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX import_batches_same_file ON import_batches(cycle_id, source_sha256) "
    "WHERE source_sha256 IS NOT NULL",
    """CREATE TABLE responses (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        external_id TEXT,
        submitted_on TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX responses_external_id ON responses(cycle_id, external_id) WHERE external_id IS NOT NULL",
    "CREATE INDEX responses_batch ON responses(batch_id)",
    "CREATE INDEX responses_cycle ON responses(cycle_id)",
    # One row a chosen option (several for 'tick all that apply'), a number or a text.
    # Answers hold question and option ids without cascade, so a question or option with answers cannot be deleted.
    """CREATE TABLE answers (
        response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        question_id INTEGER NOT NULL REFERENCES questions(id),
        option_id INTEGER REFERENCES options(id),
        number_value REAL,
        text_value TEXT,
        CHECK (option_id IS NOT NULL OR number_value IS NOT NULL OR text_value IS NOT NULL)
    )""",
    "CREATE INDEX answers_question ON answers(question_id, option_id)",
    "CREATE INDEX answers_response ON answers(response_id)",
    # Names, emails and IP addresses: stored only when the PSW keeps them, with the reason on the batch.
    """CREATE TABLE response_identifiers (
        response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (response_id, field)
    ) WITHOUT ROWID""",
    """CREATE TABLE themes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE comment_tags (
        response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
        PRIMARY KEY (response_id, question_id, theme_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX comment_tags_theme ON comment_tags(theme_id)",
    """CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('strength', 'improvement')),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        position INTEGER NOT NULL,
        suggestion_key TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX findings_cycle ON findings(cycle_id, position)",
    # What a finding rests on: a question (by code, so it holds across cycles) or a headline indicator.
    """CREATE TABLE finding_evidence (
        id INTEGER PRIMARY KEY,
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        question_code TEXT,
        indicator_key TEXT,
        CHECK ((question_code IS NULL) != (indicator_key IS NULL))
    )""",
    "CREATE INDEX finding_evidence_finding ON finding_evidence(finding_id)",
    """CREATE TABLE dismissed_suggestions (
        cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        suggestion_key TEXT NOT NULL,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (cycle_id, suggestion_key)
    ) WITHOUT ROWID""",
    """CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        raised_in_cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
        standard INTEGER NOT NULL CHECK (standard BETWEEN 1 AND 8),
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        description TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        due_on TEXT,
        status TEXT NOT NULL DEFAULT 'not_started'
            CHECK (status IN ('not_started', 'in_progress', 'complete', 'dropped')),
        dropped_reason TEXT NOT NULL DEFAULT '',
        rag TEXT CHECK (rag IS NULL OR rag IN ('red', 'amber', 'green')),
        completed_on TEXT,
        created_at TEXT NOT NULL,
        CHECK (status != 'dropped' OR length(trim(dropped_reason)) > 0)
    )""",
    "CREATE INDEX actions_cycle ON actions(raised_in_cycle_id)",
    """CREATE TABLE action_findings (
        action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        PRIMARY KEY (action_id, finding_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX action_findings_finding ON action_findings(finding_id)",
    """CREATE TABLE action_questions (
        action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        question_code TEXT NOT NULL,
        PRIMARY KEY (action_id, question_code)
    ) WITHOUT ROWID""",
    """CREATE TABLE action_updates (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        written_on TEXT NOT NULL,
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX action_updates_action ON action_updates(action_id, written_on)",
    # Who changed what in the file, and when. Never records respondents or their answers.
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )""",
)

# Each file's own identity, so that its backups are matched to it rather than to any file of the same name.
_VERSION_2 = (
    "ALTER TABLE organisation ADD COLUMN file_id TEXT NOT NULL DEFAULT ''",
    "UPDATE organisation SET file_id = lower(hex(randomblob(16)))",
)

# Each cycle's edition of the Standards for employers and the service it surveys; which agreement statements feed their
# Standard's score. Cycles made before keep the Standards they were filed under (the wording used before 2020) and
# are about the service the organisation names; every agreement statement filed under a Standard feeds its score.
_VERSION_3 = (
    "ALTER TABLE cycles ADD COLUMN standards_edition TEXT NOT NULL DEFAULT '2014'",
    "ALTER TABLE cycles ADD COLUMN service TEXT NOT NULL DEFAULT 'children'",
    "UPDATE cycles SET service = 'adults' WHERE (SELECT lower(service) FROM organisation WHERE id = 1) LIKE '%adult%' "
    "AND (SELECT lower(service) FROM organisation WHERE id = 1) NOT LIKE '%child%'",
    "ALTER TABLE questions ADD COLUMN in_standard_score INTEGER NOT NULL DEFAULT 0 CHECK (in_standard_score IN (0, 1))",
    "UPDATE questions SET in_standard_score = 1 WHERE qtype = 'scale' AND standard IS NOT NULL",
)

# The answers' indexes cover every counting query: an answer's question, option (or number) and respondent are read
# from the first without touching the table, a question's numbers come out of it in order, and a respondent's answer to
# a breakdown question (their team) is one look-up in the second. With the narrower indexes before, a breakdown read
# every answer of each respondent from the table to find their team, and the counts of a cycle of 100,000 responses
# took minutes.
_VERSION_4 = (
    "DROP INDEX answers_question",
    "CREATE INDEX answers_question ON answers(question_id, option_id, number_value, response_id)",
    "DROP INDEX answers_response",
    "CREATE INDEX answers_response ON answers(response_id, question_id, option_id)",
)

# Each answer is keyed by its respondent, question and tick, so the file itself guarantees what the counts rely on: a
# respondent's answer to a question is stored once, and each option of a tick-all-that-apply question is ticked once.
# `tick` is 0 for the answer to a question that takes one answer (or a number, or a text), the option's id for each
# tick of a tick-all-that-apply question, and below zero for any further answer kept from an earlier file (a second
# answer to a one-answer question, an option stored twice), numbered in the order stored, so nothing is lost or changed;
# the counts treat a question holding one of those as they always did. Every figure is then a plain count of rows,
# read in the order of an index, and the table needs no index of its respondents: it is ordered by them.
_ANSWERS_KEYED = """CREATE TABLE answers_keyed (
        response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
        question_id INTEGER NOT NULL REFERENCES questions(id),
        tick INTEGER NOT NULL CHECK (tick <= 0 OR tick = option_id),
        option_id INTEGER REFERENCES options(id),
        number_value REAL,
        text_value TEXT,
        PRIMARY KEY (response_id, question_id, tick),
        CHECK (option_id IS NOT NULL OR number_value IS NOT NULL OR text_value IS NOT NULL)
    ) WITHOUT ROWID"""
# The key each answer of an older file takes: the option for a tick, 0 for any other answer.
_TYPED_TICK = "CASE WHEN q.qtype = 'multi' AND a.option_id IS NOT NULL THEN a.option_id ELSE 0 END"
_VERSION_5 = (
    _ANSWERS_KEYED,
    # The few respondents with two answers under one key (set apart first, so that every other answer is copied as it
    # is read, in one pass).
    "CREATE TEMP TABLE crowded AS SELECT a.response_id, a.question_id FROM answers a "
    "LEFT JOIN questions q ON q.id = a.question_id GROUP BY a.response_id, a.question_id "
    f"HAVING count(*) > count(DISTINCT {_TYPED_TICK})",
    "INSERT INTO answers_keyed (response_id, question_id, tick, option_id, number_value, text_value) "
    f"SELECT a.response_id, a.question_id, {_TYPED_TICK}, a.option_id, a.number_value, a.text_value "
    "FROM answers a LEFT JOIN questions q ON q.id = a.question_id "
    "WHERE (a.response_id, a.question_id) NOT IN (SELECT response_id, question_id FROM temp.crowded)",
    # Theirs: the first answer under each key keeps it; each further one is numbered below zero by its place among the
    # respondent's answers to the question, in the order stored.
    "INSERT INTO answers_keyed (response_id, question_id, tick, option_id, number_value, text_value) "
    "SELECT response_id, question_id, CASE WHEN same_tick = 1 THEN tick ELSE -in_question END, option_id, "
    "number_value, text_value FROM (SELECT *, "
    "row_number() OVER (PARTITION BY response_id, question_id, tick ORDER BY stored) AS same_tick, "
    "row_number() OVER (PARTITION BY response_id, question_id ORDER BY stored) AS in_question "
    "FROM (SELECT a.rowid AS stored, a.response_id, a.question_id, a.option_id, a.number_value, a.text_value, "
    f"{_TYPED_TICK} AS tick FROM answers a LEFT JOIN questions q ON q.id = a.question_id "
    "WHERE (a.response_id, a.question_id) IN (SELECT response_id, question_id FROM temp.crowded)))",
    "DROP TABLE temp.crowded",
    "DROP TABLE answers",
    "ALTER TABLE answers_keyed RENAME TO answers",
    "CREATE INDEX answers_question ON answers(question_id, option_id, number_value, tick)",
    # The ticks of tick-all-that-apply questions, each question's respondent by respondent, so that the people who
    # ticked anything are counted in one pass rather than sorted.
    "CREATE INDEX answers_ticks ON answers(question_id, response_id) WHERE tick > 0",
)

# Migrations are plain SQL statements: a file's schema is checked on opening against the text these produce (see
# verification.py), so a statement whose text depends on a library's version would make older files look foreign.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "The health-check file: organisation, cycles, questionnaires, responses, findings, actions, audit log",
        _run(_VERSION_1),
    ),
    Migration(2, "An identity for each file, to match its backups to it", _run(_VERSION_2)),
    Migration(
        3,
        "Each cycle's edition of the Standards and service; the statements that feed each Standard's score",
        _run(_VERSION_3),
    ),
    Migration(
        4, "Indexes of the answers that cover every count, for breakdowns in seconds at any size", _run(_VERSION_4)
    ),
    Migration(
        5,
        "Each answer stored once, keyed by respondent, question and tick, for every table in a fraction of a second",
        _run(_VERSION_5),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
