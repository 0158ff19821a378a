"""Writes tests/fixtures/bad-input/health-checks/: health-check files as someone else's program could leave them (a
trigger, a view, a changed definition, values outside their columns' meaning, a journal of another file), each made
from a small, whole file by the SQL listed here. Run with `.venv/bin/python -m tests.make_bad_health_checks`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent / "fixtures" / "bad-input" / "health-checks"


@dataclass(frozen=True)
class Crafted:
    name: str
    what: str
    sql: tuple[str, ...]
    expected: str  # words `swhc check` says of it
    writable_schema: bool = False


CASES: tuple[Crafted, ...] = (
    Crafted(
        "trigger-deletes-responses.swhc",
        "a trigger that deletes every response (and its own audit entry) on the next change",
        (
            "CREATE TRIGGER zz AFTER INSERT ON audit_log BEGIN DELETE FROM answers; DELETE FROM responses;"
            " DELETE FROM audit_log WHERE id = new.id; END",
        ),
        "a trigger 'zz'",
    ),
    Crafted(
        "trigger-falsifies-answers.swhc",
        "a trigger that turns every imported 'No' into 'Yes'",
        (
            "CREATE TRIGGER keep_them_happy AFTER INSERT ON answers BEGIN UPDATE answers SET option_id = "
            "(SELECT id FROM "
            "options WHERE question_id = new.question_id ORDER BY position LIMIT 1) WHERE rowid = new.rowid; END",
        ),
        "a trigger 'keep_them_happy'",
    ),
    Crafted(
        "trigger-raises-message.swhc",
        "a trigger whose message would be shown in the app's own words",
        (
            "CREATE TRIGGER licence BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'Your licence expired: call "
            "0800 SCAM'); END",
        ),
        "a trigger 'licence'",
    ),
    Crafted("view.swhc", "a view", ("CREATE VIEW everyone AS SELECT * FROM responses",), "a view 'everyone'"),
    Crafted(
        "extra-table.swhc", "a table the app does not make", ("CREATE TABLE notes (text TEXT)",), "a table 'notes'"
    ),
    Crafted(
        "extra-index.swhc",
        "an index the app does not make",
        ("CREATE INDEX extra ON answers(text_value)",),
        "an index 'extra'",
    ),
    Crafted(
        "check-removed.swhc",
        "a CHECK constraint removed, then a finding of an unknown kind",
        (
            "UPDATE sqlite_master SET sql = replace(sql, 'CHECK (kind IN (''strength'', ''improvement''))', '') "
            "WHERE name = 'findings'",
        ),
        "table 'findings' has been changed",
        writable_schema=True,
    ),
    Crafted(
        "column-dropped.swhc",
        "a column dropped from the questions",
        ("ALTER TABLE questions DROP COLUMN help_text",),
        "table 'questions' has been changed",
    ),
    Crafted("due-date-soon.swhc", "an action due 'soon'", ("UPDATE actions SET due_on = 'soon'",), "actions.due_on"),
    Crafted(
        "due-date-30-february.swhc",
        "an action due on 30 February",
        ("UPDATE actions SET due_on = '2024-02-30'",),
        "actions.due_on",
    ),
    Crafted(
        "score-high.swhc",
        "an answer scored 'high'",
        ("UPDATE options SET score = 'high' WHERE id = 1",),
        "options.score",
    ),
    Crafted(
        "staff-invited-lots.swhc",
        "'lots' of staff invited",
        ("UPDATE cycles SET staff_invited = 'lots'",),
        "cycles.staff_invited",
    ),
    Crafted(
        "number-forty.swhc",
        "a number of hours written as 'forty'",
        ("UPDATE answers SET number_value = 'forty' WHERE number_value IS NOT NULL",),
        "answers.number_value",
    ),
    Crafted(
        "minimum-group-five.swhc",
        "a minimum group size of 'five' ('five' >= 3 is true to SQLite)",
        ("UPDATE organisation SET minimum_group_size = 'five'",),
        "organisation.minimum_group_size",
    ),
    Crafted(
        "name-as-binary.swhc",
        "the council's name as binary data",
        ("UPDATE organisation SET name = x'416e79746f776e'",),
        "organisation.name",
    ),
    Crafted(
        "settings-not-json.swhc",
        "a setting that is not JSON",
        ("INSERT INTO settings (key, value) VALUES ('indicators', '{not json')",),
        "settings.value",
    ),
    Crafted(
        "mapping-not-json.swhc",
        "a batch whose mapping is not JSON",
        ("UPDATE import_batches SET mapping_json = '['",),
        "import_batches.mapping_json",
    ),
    Crafted(
        "submitted-yesterday.swhc",
        "a response submitted 'yesterday'",
        ("UPDATE responses SET submitted_on = 'yesterday'",),
        "responses.submitted_on",
    ),
    Crafted(
        "no-organisation.swhc", "no organisation at all", ("DELETE FROM organisation",), "exactly one organisation"
    ),
    Crafted(
        "identity-changed.swhc",
        "an identity that is not one the app makes",
        ("UPDATE organisation SET file_id = '../../etc'",),
        "organisation.file_id",
    ),
)

# A health-check file with a journal beside it left by a change to ANOTHER file that never finished (as when a backup
# is copied over a file whose copy of the app crashed). Putting that journal back would damage this file.
FOREIGN_JOURNAL = "foreign-journal.swhc"


def base_file(folder: Path) -> Path:
    """A small, whole health-check file with a cycle, responses, a batch, a finding and an action."""
    from swhc_desktop.domain.records import ActionDraft, AnswerValue, BatchKind, FindingKind, NewBatch, NewResponse
    from swhc_desktop.paths import UserFolders
    from swhc_desktop.questionnaires.cycles import start_cycle
    from swhc_desktop.storage import HealthCheckFile

    path = folder / "base.swhc"
    with HealthCheckFile.create(path, "Crafted Borough Council", folders=UserFolders.under(folder / "home")) as hc:
        cycle = start_cycle(hc, "2024", template_id="staff-survey", staff_invited=40)
        questionnaire = hc.questionnaires.load(cycle.id)
        team, hours = questionnaire.question("team"), questionnaire.question("hours_worked")
        responses = [
            NewResponse(
                (AnswerValue(team.id, option_id=team.options[n % 3].id), AnswerValue(hours.id, number=35.0 + n)),
                external_id=f"R{n}",
                submitted_on=dt.date(2024, 5, 1 + n),
            )
            for n in range(6)
        ]
        hc.responses.add_batch(
            cycle.id, NewBatch(BatchKind.IMPORT, "responses.csv", source_sha256="0" * 64, mapping_json="{}"), responses
        )
        hc.findings.add(cycle.id, FindingKind.IMPROVEMENT, "Caseloads are too high.")
        hc.actions.add(cycle.id, ActionDraft(standard=3, title="Review caseloads", due_on=dt.date(2024, 12, 31)))
    return path


def craft(base: Path, case: Crafted, target: Path) -> None:
    shutil.copyfile(base, target)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        if case.writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        for statement in case.sql:
            conn.execute(statement)
        conn.execute("PRAGMA page_size = 1024")  # small files for the repository
        conn.execute("VACUUM")
    finally:
        conn.close()


_LEAVE_HOT_JOURNAL = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 2")  # spill changed pages to the file before the end of the change
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE organisation SET name = 'Another council'")
conn.execute("DELETE FROM answers")
conn.executemany("INSERT INTO audit_log (at, actor, action, detail) VALUES ('now', 'me', 'filler', ?)",
                 [("x" * 500,) for _ in range(400)])
os._exit(0)  # stopped part-way, with changed pages already in the file: the journal stays beside it
"""


def foreign_journal(base: Path, folder: Path, target: Path) -> None:
    """`target` is a copy of `base`; beside it, the journal a crash left beside a different file."""
    other = folder / "other.swhc"
    shutil.copyfile(base, other)
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("UPDATE organisation SET file_id = '00000000000000000000000000000001'")
    conn.execute("INSERT INTO audit_log (at, actor, action) SELECT at, actor, action FROM audit_log")
    conn.close()
    subprocess.run([sys.executable, "-c", _LEAVE_HOT_JOURNAL, str(other)], check=True)
    shutil.copyfile(base, target)
    shutil.copyfile(folder / "other.swhc-journal", target.with_name(target.name + "-journal"))


def readme() -> str:
    rows = "".join(f'| `{c.name}` | {c.what} | "{c.expected}" |\n' for c in CASES)
    return (
        "# Health-check files as another program could leave them\n\n"
        "Each file is a small, whole health-check file changed by the SQL in `tests/make_bad_health_checks.py`. "
        "`tests/test_bad_health_checks.py` opens each through every command and the app: `swhc check` names the "
        "problem (exit 1), every other command refuses in one line (exit 2), the app shows a message and does not add "
        "the file to Recent files, and the file (and any journal beside it) is left byte for byte as it was.\n\n"
        "| file | what was done to it | `swhc check` says |\n|---|---|---|\n"
        + rows
        + f"| `{FOREIGN_JOURNAL}` (with `{FOREIGN_JOURNAL}-journal`) | a whole file with, beside it, the journal a "
        "crash "
        'left beside another file | "does not belong to this file" |\n'
    )


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "README.md").write_text(readme(), encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        base = base_file(Path(scratch))
        for case in CASES:
            craft(base, case, FOLDER / case.name)
        foreign_journal(base, Path(scratch), FOLDER / FOREIGN_JOURNAL)
    print(f"Wrote {len(CASES) + 1} crafted health-check files to {FOLDER}.")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SWHC_HOME", tempfile.mkdtemp())
    raise SystemExit(main())
