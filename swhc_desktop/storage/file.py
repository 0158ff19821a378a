"""Opening, creating, locking, migrating and backing up a health-check file; every SQLite failure in plain words."""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import threading
import urllib.parse
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..domain.errors import (
    RESTORE_A_BACKUP,
    Advice,
    CorruptFile,
    FileAlreadyExists,
    FileMissing,
    FileProblem,
    FileReadOnly,
    FileTooNew,
    NotAHealthCheckFile,
    SaveFailed,
    UntrustedFile,
)
from ..domain.labels import OPEN_FILE
from ..domain.plurals import counted
from ..domain.progress import SILENT, Progress
from ..paths import UserFolders
from . import backups, journals
from .action_store import ActionStore
from .answer_queries import AnswerQueries
from .clock import current_user, now_timestamp
from .cycle_store import CycleStore
from .figure_store import FigureStore
from .finding_store import FindingStore
from .organisation_store import OrganisationStore
from .questionnaire_edit_store import QuestionnaireEditStore
from .questionnaire_store import QuestionnaireStore
from .report_choice_store import ReportChoiceStore
from .response_rows import ResponseRows
from .response_store import ResponseStore
from .schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, Migration, sqlite_database
from .settings_store import SettingsStore
from .sqlite_errors import explain, is_in_use, one_line
from .theme_store import ThemeStore
from .verification import ExpectedFile, schema_problems, tables_as_made, value_problems

if TYPE_CHECKING:
    import sqlite_utils

FILE_EXTENSION = ".swhc"
# Another copy of the app holds the file's lock for as long as it has it open; waiting longer would only
# make the user wait for the same message.
BUSY_TIMEOUT_SECONDS = 1.5
# A full quick_check reads every page; on files this large it would make opening slow, and SQLite still
# reports damage on the pages it reads later.
QUICK_CHECK_LIMIT_BYTES = 512 * 1024 * 1024


class HealthCheckFile:
    """One open health-check file. Create it with `create` or `open`; close it when done.

    Everything that reads or writes the file goes through this object and the stores it holds, so that
    SQL stays in the storage package and every failure reaches the user as a plain message.
    """

    def __init__(
        self, path: Path, conn: sqlite3.Connection, read_only: bool, folders: UserFolders, checked_whole: bool = True
    ):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.folders = folders
        # A very large file is checked for damage before its first change or backup rather than on opening.
        self._checked_whole = checked_whole
        self._db: "sqlite_utils.Database | None" = None
        self._savepoints = itertools.count(1)
        self._changing_thread: int | None = None
        # One connection serves the GUI thread and background work. Every use of it holds this lock, and a change holds
        # it from BEGIN to COMMIT, so no thread ever reads another's change before it is saved (or after it is undone).
        self.lock = threading.RLock()
        # Each kind of thing the file holds has one small store, reached as hc.cycles, hc.findings…
        self.organisation = OrganisationStore(self)
        self.cycles = CycleStore(self)
        self.questionnaires = QuestionnaireStore(self)
        self.questionnaire_edits = QuestionnaireEditStore(self)
        self.responses = ResponseStore(self)
        self.response_rows = ResponseRows(self)
        self.answers = AnswerQueries(self)
        self.findings = FindingStore(self)
        self.actions = ActionStore(self)
        self.themes = ThemeStore(self)
        self.figures = FigureStore(self)
        self.settings = SettingsStore(self)
        self.report_choices = ReportChoiceStore(self)

    # ------------------------------------------------------------------ opening and creating

    @classmethod
    def create(
        cls,
        path: Path | str,
        organisation: str,
        service: str = "Children's Services",
        folders: UserFolders | None = None,
        overwrite: bool = False,
    ) -> "HealthCheckFile":
        """Make a new, empty health-check file and open it. See `create_closed`."""
        path = Path(path)
        create_closed(path, organisation, service, overwrite)
        return cls.open(path, folders=folders)

    @classmethod
    def open(
        cls,
        path: Path | str,
        read_only: bool = False,
        folders: UserFolders | None = None,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> "HealthCheckFile":
        """Open a health-check file after checking that it is ours, whole, not too new and not in use, and that it holds
        exactly what SWHC Desktop puts in a file: no trigger, view or table of anyone else's, no value outside its
        column's meaning, no journal left by another file.

        A file that fails any check is closed again without a single byte changed (see `UntrustedFile` for how the
        problems are reported). Opened for writing, the file stays locked until closed, so a second copy of the app is
        told it is in use. Opened read-only, the file is never written, and a journal beside it is never applied.
        """
        path = Path(path)
        folders = folders or UserFolders.default()
        _check_looks_like_sqlite(path)
        if not read_only:
            _check_writable(path)
        if journals.has_unfinished_change(path):
            journals.check_journal_belongs(path, migrations)
            if read_only:
                raise journals.needs_finishing(path)
        conn = _connect(path, read_only)
        try:
            version = _inspect(conn, path, migrations[-1].version, read_only)
            refusal = file_problems(conn, migrations, version).refusal(path)
            if refusal is not None:
                raise refusal
            if read_only:
                if version < migrations[-1].version:
                    raise FileReadOnly(
                        f"{path.name} was made by an earlier version of SWHC Desktop and needs updating, "
                        "which cannot be done while it is opened read-only.",
                        "Open it normally, from a folder you can save in.",
                    )
            else:
                if version < migrations[-1].version:
                    _migrate(conn, path, folders, migrations, version)
                conn.execute("PRAGMA journal_mode=DELETE")  # never WAL: it does not work on network drives
                conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            conn.close()
            raise
        return cls(path, conn, read_only, folders, checked_whole=_size_of(conn) <= QUICK_CHECK_LIMIT_BYTES)

    @classmethod
    def problems_of(cls, path: Path | str, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
        """Every reason the file would be refused, read without changing it (for `swhc check`): a file that cannot be
        read at all gives one reason; one that opens gives each problem with its schema and values."""
        path = Path(path)
        _check_looks_like_sqlite(path)
        if journals.has_unfinished_change(path):
            try:
                journals.check_journal_belongs(path, migrations)
            except FileProblem as refusal:
                return [str(refusal)]
            return [
                f"{path.name} was left part-way through a change when SWHC Desktop or the computer stopped. The "
                f"journal beside it ({journals.journal_of(path).name}) belongs to it, and puts it back as it was "
                "before that change when the file is next opened in the app (or checked with 'swhc check "
                "--repair')."
            ]
        conn = _connect(path, read_only=True)
        try:
            version = _inspect(conn, path, migrations[-1].version, read_only=True)
            return file_problems(conn, migrations, version).problems
        finally:
            conn.close()

    def close(self) -> None:
        with self.lock:
            self.answers.forget_kept_reads()
            self.conn.close()

    def __enter__(self) -> "HealthCheckFile":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reading and writing

    @property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils' view of the file, for work on the schema itself (migrations that rebuild tables,
        introspection). Built on first use: importing sqlite-utils costs a third of a second at start-up, and
        everyday reads and writes need only the connection. Hold `lock` while using it."""
        if self._db is None:
            self._db = sqlite_database(self.conn)
        return self._db

    @property
    def changes_made(self) -> int:
        """How many rows have been changed through this file since it was opened (changes, imports, undo and redo): a
        figure worked out from the file and kept holds only while this stays the same."""
        with self.lock:
            try:
                return self.conn.total_changes
            except sqlite3.Error as error:  # the file closed under work still running, told as any read would be
                raise explain(error, self.path) from None

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        with self.lock:
            try:
                cursor = self.conn.execute(sql, params)
                names = [column[0] for column in cursor.description]
                return [dict(zip(names, row)) for row in cursor.fetchall()]
            except sqlite3.Error as error:
                raise explain(error, self.path) from None

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows as plain tuples: for large reads, where building a dictionary a row would cost time."""
        with self.lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise explain(error, self.path) from None

    def row(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self.lock:
            try:
                found = self.conn.execute(sql, params).fetchone()
            except sqlite3.Error as error:
                raise explain(error, self.path) from None
            return found[0] if found else None

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one write statement; only inside `transaction()`, so that it lands with the rest of its change."""
        self._check_in_own_transaction()
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        self._check_in_own_transaction()
        return self.conn.executemany(sql, rows)

    def _check_in_own_transaction(self) -> None:
        # A write from any thread but the one whose change is open would join that change.
        if not self.conn.in_transaction or self._changing_thread != threading.get_ident():
            raise RuntimeError("Writes must run inside HealthCheckFile.transaction(), on the thread that began it")

    @contextlib.contextmanager
    def transaction(self) -> Iterator["HealthCheckFile"]:
        """One change: all of it is saved or none of it is. Nested use joins the outer change. The file's lock is held
        until the change is saved or undone, so no other thread sees it half made."""
        if self.read_only:
            raise FileReadOnly(
                f"{self.path.name} is open read-only, so changes cannot be saved.",
                "Open it from a folder you can save in to make changes.",
            )
        with self.lock:
            if self.conn.in_transaction:
                with self._savepoint():
                    yield self
                return
            self._check_whole_before_changing()
            self.answers.forget_kept_reads()  # soon out of date: not kept in memory through the change (an import)
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise explain(error, self.path, saving=True) from None
            self._changing_thread = threading.get_ident()
            try:
                yield self
                self.conn.execute("COMMIT")
            except sqlite3.Error as error:
                self._rollback()
                raise explain(error, self.path, saving=True) from None
            except BaseException:
                self._rollback()
                raise
            finally:
                self._changing_thread = None

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A change inside a change: undone alone if it fails, committed with the outer one."""
        name = f"swhc_{next(self._savepoints)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # an error may already have ended the whole transaction
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    @contextlib.contextmanager
    def bulk_transaction(self, checked_tables: Sequence[str]) -> Iterator["HealthCheckFile"]:
        """One large change (an import of thousands of rows), all of it saved or none of it.

        Foreign keys are checked once, for the tables given, just before the change is saved, rather than row by row
        as it is written, which is faster. Any row that refers to a missing row stops the whole change. Inside
        another transaction this is an ordinary nested change."""
        with self.lock:
            if self.conn.in_transaction or self.read_only:
                with self.transaction():
                    yield self
                return
            self.conn.execute("PRAGMA foreign_keys=OFF")  # takes effect only outside a transaction
            try:
                with self.transaction():
                    yield self
                    for table in checked_tables:
                        broken = self.conn.execute(f'PRAGMA foreign_key_check("{table}")').fetchall()
                        if broken:
                            raise SaveFailed(
                                f"{counted(len(broken), 'row')} of {table} would refer to missing rows, so "
                                f"nothing was saved.",
                                "Please report this problem.",
                            )
            finally:
                self.conn.execute("PRAGMA foreign_keys=ON")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
        # After a full disk or an I/O error SQLite has ended the transaction itself, but puts the file's pages back
        # from its journal only when it next reads: read now, so the file on disk is as it was before the change
        # (and not only once it is next opened).
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

    def audit(self, action: str, detail: str = "") -> None:
        """Note a change in the file's audit log; call inside the change's transaction."""
        self.execute(
            "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
            (now_timestamp(), current_user(), action, detail),
        )

    @property
    def identity(self) -> str:
        """The file's own identity, made when it was created and kept by every copy: its backups are matched by it."""
        return str(self.value("SELECT file_id FROM organisation WHERE id = 1"))

    def _check_whole_before_changing(self) -> None:
        """A file too large to check on opening is checked before anything is written to it or copied from it, so that
        a damaged file is never changed further, nor a backup of the damage pushes good backups out."""
        if self._checked_whole:
            return
        try:
            verdict = [r[0] for r in self.conn.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        if verdict != ["ok"]:
            raise CorruptFile(
                f"{self.path.name} is damaged ({one_line(verdict[0])}), so nothing was changed.",
                RESTORE_A_BACKUP,
            )
        self._checked_whole = True

    def backup(self, reason: str) -> Path:
        """A copy of the file as it is now, in the file's own backup folder (the newest ten are kept)."""
        with self.lock:
            self._check_whole_before_changing()
            try:
                return backups.take_backup(self.conn, self.folders.backups, self.identity, self.path, reason)
            except (sqlite3.Error, OSError) as error:
                raise SaveFailed(
                    f"A backup of {self.path.name} could not be made in {self.folders.backups} ({error}), "
                    "so nothing was changed.",
                    "Free some disk space, then try again.",
                ) from None

    def save_copy(self, target: Path, progress: Progress = SILENT) -> Path:
        """A copy of the file as it is now, saved as `target`: a new file, never over one that exists (least of all
        this one), made beside it and moved into place only once whole. The copy keeps the file's identity, so it
        shares its backups, as any copy of the file would."""
        target = self.copy_target(target)
        with self.lock:
            self._check_whole_before_changing()
            try:
                backups.copy_database(self.conn, target, lambda done, total: progress.step(done, total, "Copying"))
            except sqlite3.Error as error:
                raise explain(error, target, saving=True) from None
            except OSError as error:
                raise SaveFailed(
                    f"The copy could not be saved as {target.name} in {target.parent}: {_reason(error)}.",
                    "Choose a folder you can save in, with space free. Nothing was saved.",
                ) from None
        return target

    @staticmethod
    def copy_target(target: Path) -> Path:
        """Where a copy asked for as `target` goes (with the app's ending added), refused in words where it cannot:
        a copy is never saved over a file, nor in a folder that is not there."""
        target = Path(target)
        if target.suffix.lower() != ".swhc":
            target = target.with_name(target.name + ".swhc")
        if target.exists():
            raise FileAlreadyExists(
                f"There is already a file called {target.name} in {target.absolute().parent}.",
                "Choose a new name for the copy: a copy is never saved over another file. Nothing was saved.",
            )
        if not target.parent.is_dir():
            raise FileMissing(f"The folder {target.parent} does not exist.", "Choose a folder that exists.")
        return target

    def list_backups(self) -> list[backups.Backup]:
        """This file's backups, newest first."""
        return backups.list_backups(self.folders.backups, self.path, self.identity)

    def schema_version(self) -> int:
        return int(self.value("PRAGMA user_version"))

    def integrity_problems(self) -> list[str]:
        """SQLite's own checks of the file: page structure, indexes and foreign keys."""
        with self.lock:
            problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
            for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"A row in {table} (row {rowid}) refers to a missing row in {parent}.")
        return problems


def is_health_check_file(path: Path) -> bool:
    """Whether `path` is a health-check file (or is named as one, or is a SQLite file in use): asked of SQLite, which,
    unlike reading the file directly, never drops this process's own lock on a file it has open."""
    if path.suffix.lower() == FILE_EXTENSION or path.name.lower().endswith(FILE_EXTENSION + "-journal"):
        return True
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro", uri=True, timeout=0)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except sqlite3.Error as error:
        # Busy: open here or in another copy of the app. Rollback: a file part-way through a change. Either way, a
        # database someone is working on, never to be written over.
        return is_in_use(error)
    finally:
        conn.close()


def create_closed(path: Path, organisation: str, service: str = "Children's Services", overwrite: bool = False) -> None:
    """Make a new, empty health-check file with its own identity. It is built beside the target and moved into place
    only once complete, so a failure never leaves half a file. An existing file is replaced only when asked to."""
    if not organisation.strip():
        raise FileProblem(
            "A health-check file needs the organisation's name.", "Type the council's name and try again."
        )
    if path.is_dir():
        raise FileAlreadyExists(f"{path} is a folder.", "Choose a name for the new file, ending in .swhc.")
    if path.exists() and not overwrite:
        raise FileAlreadyExists(
            f"There is already a file called {path.name} in {path.absolute().parent}.",
            "Choose another name, or open the existing file instead.",
        )
    if not path.parent.is_dir():
        raise FileMissing(f"The folder {path.parent} does not exist.", "Choose a folder that exists.")
    if not os.access(path.parent, os.W_OK):
        raise FileReadOnly(
            f"The folder {path.absolute().parent} is read-only, so {path.name} cannot be saved there.",
            "Choose a folder you can save in, such as Documents. Nothing was created.",
        )
    building = path.with_name(path.name + ".creating")
    try:
        building.unlink(missing_ok=True)
        Path(f"{building}-journal").unlink(missing_ok=True)  # left by a creation that was stopped part-way
        conn = sqlite3.connect(building, isolation_level=None)
        try:
            for pragma in _PRAGMAS:
                conn.execute(pragma)
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db = sqlite_database(conn)
            for migration in MIGRATIONS:
                migration.apply(db)
            conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")
            conn.execute(
                "INSERT INTO organisation (id, name, service, created_at, created_by_version, file_id) "
                "VALUES (1, ?, ?, ?, ?, ?)",
                (
                    organisation.strip(),
                    service.strip() or "Children's Services",
                    now_timestamp(),
                    __version__,
                    uuid.uuid4().hex,
                ),
            )
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                (now_timestamp(), current_user(), "Created the health-check file", organisation.strip()),
            )
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(building, path)
    except sqlite3.Error as error:
        building.unlink(missing_ok=True)
        raise explain(error, path, saving=True) from None
    except OSError as error:
        with contextlib.suppress(OSError):
            building.unlink(missing_ok=True)
        raise SaveFailed(
            f"{path.name} could not be created in {path.parent}: {_reason(error)}.",
            "Choose a folder you can save in, with space free. Nothing was created.",
        ) from None


# Set on every connection: no function named in a file's schema may do more than compute a value; and deleted
# content (names and emails removed with their batch) is overwritten, not left in the file's free pages.
_PRAGMAS = ("PRAGMA trusted_schema = OFF", "PRAGMA secure_delete = ON")


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to the file. Read-only ones are opened so by SQLite itself (not only refused writes), so that
    nothing, not even a journal left beside the file, is ever written."""
    mode = "ro" if read_only else "rw"
    uri = f"file:{urllib.parse.quote(str(path.absolute()))}?mode={mode}"
    try:
        conn = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise explain(error, path) from None
    try:
        for pragma in _PRAGMAS:
            conn.execute(pragma)
        if read_only:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        conn.close()
        raise explain(error, path) from None
    return conn


def file_problems(conn: sqlite3.Connection, migrations: Sequence[Migration], version: int) -> FileCheck:
    """Everything that makes a file other than SWHC Desktop made it: its schema, damage, and values outside their
    columns' meaning. Only reads are made, and only of the app's own tables as the app defines them, so nothing of
    anyone else's (a trigger, a view) can run."""
    expected = ExpectedFile.of_version(migrations, version)
    try:
        foreign = schema_problems(conn, expected)
        damage = []
        if _size_of(conn) <= QUICK_CHECK_LIMIT_BYTES:
            damage = [one_line(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
        if damage:
            return FileCheck(damage=damage, foreign=foreign)
        return FileCheck(foreign=foreign + value_problems(conn, expected, tables_as_made(conn, expected)))
    except sqlite3.DatabaseError as error:
        return FileCheck(damage=[one_line(str(error))])


@dataclass(frozen=True)
class FileCheck:
    """What opening found wrong with a file: damage (pages SQLite cannot make sense of), or things SWHC Desktop
    would never have put there (another program's trigger, a value outside its column's meaning)."""

    damage: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.foreign + [f"It is damaged: {line}" for line in self.damage]

    def refusal(self, path: Path) -> CorruptFile | None:
        if self.damage and not self.foreign:
            return CorruptFile(
                f"{path.name} is damaged ({self.damage[0]}).",
                RESTORE_A_BACKUP.then("The file has not been changed."),
            )
        if self.foreign:
            return UntrustedFile(path.name, self.foreign)
        return None


def _size_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA page_count").fetchone()[0]) * int(conn.execute("PRAGMA page_size").fetchone()[0])


def _reason(error: OSError) -> str:
    return str(error.strerror or error).rstrip(".")


# ---------------------------------------------------------------------- checks made before a file is used


def _check_looks_like_sqlite(path: Path) -> None:
    """Checks that need no reading of the file: SQLite itself judges the content. Reading the file outside
    SQLite would be unsafe, because closing any handle on a file drops this process's locks on it."""
    if not path.exists():
        raise FileMissing(
            f"There is no file at {path}.",
            Advice(f"Check the name and folder, or choose {OPEN_FILE}", "Check the name and folder."),
        )
    if path.is_dir():
        raise NotAHealthCheckFile(f"{path} is a folder, not a health-check file.", "Choose a .swhc file.")
    if not os.access(path, os.R_OK):
        raise FileProblem(f"You do not have permission to read {path.name}.", "Ask IT for access, or use a copy.")
    if path.stat().st_size == 0:
        raise NotAHealthCheckFile(
            f"{path.name} is empty.",
            "Health-check files end in .swhc and are made by SWHC Desktop. To bring in survey responses, "
            "use Import instead.",
        )


def _check_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise FileReadOnly(
            f"{path.name} is read-only, so changes to it could not be saved.",
            "Copy it to a folder you can save in (for example Documents) and open the copy, or open it read-only.",
        )
    if not os.access(path.parent, os.W_OK):
        raise FileReadOnly(
            f"The folder {path.parent} is read-only, so changes to {path.name} could not be saved safely.",
            "Copy the file to a folder you can save in (for example Documents) and open the copy.",
        )


def _inspect(conn: sqlite3.Connection, path: Path, latest: int, read_only: bool) -> int:
    """Read the markers of a file without changing it; return its schema version. Opened for writing, the file's lock
    is then taken and kept until it is closed."""
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        if read_only and _in_write_ahead_mode(path):
            raise _write_ahead_refusal(path) from None
        raise explain(error, path) from None
    if application_id != APPLICATION_ID:
        raise NotAHealthCheckFile(
            f"{path.name} is a database, but not a health-check file made by SWHC Desktop.",
            "Open a .swhc file made by SWHC Desktop. It has not been changed.",
        )
    if version > latest:
        raise FileTooNew(
            f"{path.name} was saved by a newer version of SWHC Desktop (file version {version}; this version "
            f"reads up to {latest}).",
            "Install the newer version to open it. The file has not been changed.",
        )
    if version < 1:
        raise CorruptFile(
            f"{path.name} is marked as a health-check file but holds no health check.",
            RESTORE_A_BACKUP.then("The file has not been changed."),
        )
    if not read_only:
        _take_lock(conn, path)
    return version


def _in_write_ahead_mode(path: Path) -> bool:
    """Whether the file's header says it keeps its changes in a write-ahead log (as other programs may leave it),
    which SQLite cannot read without writing beside it. Read directly: called only when SQLite could not read the file
    at all, so this process holds no lock on it that closing a handle could drop."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\x00") and header[18:20] == b"\x02\x02"


def _write_ahead_refusal(path: Path) -> FileReadOnly:
    return FileReadOnly(
        f"{path.name} was last saved by another program in a way SWHC Desktop does not use (a write-ahead log), so it "
        "cannot be read without changing it.",
        "Open it normally (not read-only), from a folder you can save in. It has not been changed.",
    )


def _take_lock(conn: sqlite3.Connection, path: Path) -> None:
    """Hold the file's write lock while it is open, so that another copy of the app cannot change it too."""
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise explain(error, path) from None


def _migrate(
    conn: sqlite3.Connection, path: Path, folders: UserFolders, migrations: Sequence[Migration], version: int
) -> None:
    try:
        identity = backups.identity_on(conn)
        backup = backups.take_backup(conn, folders.backups, identity, path, f"before update from version {version}")
    except (sqlite3.Error, OSError) as error:
        raise SaveFailed(
            f"{path.name} needs updating to open in this version, but a backup could not be made first ({error}).",
            f"Free some space in {folders.backups}, then open it again. The file has not been changed.",
        ) from None
    # Off outside the transaction (the pragma is ignored inside one) so a migration may rebuild tables;
    # the foreign keys are checked before each migration commits.
    conn.execute("PRAGMA foreign_keys=OFF")
    db = sqlite_database(conn)
    for migration in migrations:
        if migration.version <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            migration.apply(db)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"{counted(len(broken), 'row')} would refer to missing rows")
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                (
                    now_timestamp(),
                    current_user(),
                    "Updated the file",
                    f"to version {migration.version}: {migration.description}",
                ),
            )
            conn.execute("COMMIT")
        except Exception as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise SaveFailed(
                f"{path.name} could not be updated to version {migration.version} ({error}). It is still at "
                f"version {migration.version - 1}, as it was.",
                f"A copy from before the update is at {backup}. Please report this problem.",
            ) from None
