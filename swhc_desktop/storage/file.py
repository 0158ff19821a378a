"""Opening, creating, locking, migrating and backing up a health-check file; every SQLite failure in plain words."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import itertools
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .. import __version__
from ..errors import (
    CorruptFile,
    FileAlreadyExists,
    FileInUse,
    FileMissing,
    FileProblem,
    FileReadOnly,
    FileTooNew,
    NotAHealthCheckFile,
    SaveFailed,
)
from ..paths import UserFolders
from . import backups
from .schema import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, Migration

if TYPE_CHECKING:
    import sqlite_utils

    from .action_store import ActionStore
    from .answer_queries import AnswerQueries
    from .cycle_store import CycleStore
    from .figure_store import FigureStore
    from .finding_store import FindingStore
    from .organisation_store import OrganisationStore
    from .questionnaire_edit_store import QuestionnaireEditStore
    from .questionnaire_store import QuestionnaireStore
    from .report_choice_store import ReportChoiceStore
    from .response_rows import ResponseRows
    from .response_store import ResponseStore
    from .settings_store import SettingsStore
    from .theme_store import ThemeStore

FILE_EXTENSION = ".swhc"
# Another copy of the app holds the file's lock for as long as it has it open; waiting longer would only
# make the user wait for the same message.
BUSY_TIMEOUT_SECONDS = 1.5
# A full quick_check reads every page; on files this large it would make opening slow, and SQLite still
# reports damage on the pages it reads later.
QUICK_CHECK_LIMIT_BYTES = 512 * 1024 * 1024


def now_timestamp() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser() raises several kinds of error when no login name can be found
        return "unknown user"


class HealthCheckFile:
    """One open health-check file. Create it with `create` or `open`; close it when done.

    Everything that reads or writes the file goes through this object and the stores it holds, so that
    SQL stays in the storage package and every failure reaches the user as a plain message.
    """

    organisation: "OrganisationStore"
    cycles: "CycleStore"
    questionnaires: "QuestionnaireStore"
    questionnaire_edits: "QuestionnaireEditStore"
    responses: "ResponseStore"
    findings: "FindingStore"
    actions: "ActionStore"
    answers: "AnswerQueries"
    settings: "SettingsStore"
    themes: "ThemeStore"
    figures: "FigureStore"
    response_rows: "ResponseRows"
    report_choices: "ReportChoiceStore"

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool, folders: UserFolders):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.folders = folders
        self._db: "sqlite_utils.Database | None" = None
        self._savepoints = itertools.count(1)
        from .stores import attach_stores

        attach_stores(self)

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
        """Make a new, empty health-check file. It is built beside the target and moved into place only
        once complete, so a failure never leaves half a file."""
        path = Path(path)
        if not organisation.strip():
            raise FileProblem("A health-check file needs the organisation's name.", "Type the council's name and try again.")
        if path.exists() and not overwrite:
            raise FileAlreadyExists(
                f"There is already a file called {path.name} in {path.parent}.",
                "Choose another name, or open the existing file instead.",
            )
        if not path.parent.is_dir():
            raise FileMissing(f"The folder {path.parent} does not exist.", "Choose a folder that exists.")
        building = path.with_name(path.name + ".creating")
        building.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(building, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db = sqlite_database(conn)
                for migration in MIGRATIONS:
                    migration.apply(db)
                conn.execute(f"PRAGMA user_version = {LATEST_VERSION}")
                conn.execute(
                    "INSERT INTO organisation (id, name, service, created_at, created_by_version) VALUES (1, ?, ?, ?, ?)",
                    (organisation.strip(), service.strip() or "Children's Services", now_timestamp(), __version__),
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
            building.unlink(missing_ok=True)
            raise SaveFailed(
                f"{path.name} could not be created in {path.parent}: {error.strerror or error}.",
                "Choose a folder you can save in, with space free.",
            ) from None
        return cls.open(path, folders=folders)

    @classmethod
    def open(
        cls,
        path: Path | str,
        read_only: bool = False,
        folders: UserFolders | None = None,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> "HealthCheckFile":
        """Open a health-check file after checking that it is ours, whole, not too new and not in use.

        A file that fails any check is closed again without a single byte changed. Opened for writing,
        the file stays locked until closed, so a second copy of the app is told it is in use.
        """
        path = Path(path)
        folders = folders or UserFolders.default()
        _check_looks_like_sqlite(path)
        if not read_only:
            _check_writable(path)
        latest = migrations[-1].version
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise explain(error, path) from None
        try:
            version = _inspect(conn, path, latest)
            if read_only:
                if version < latest:
                    raise FileReadOnly(
                        f"{path.name} was made by an earlier version of SWHC Desktop and needs updating, "
                        "which cannot be done while it is opened read-only.",
                        "Open it normally, from a folder you can save in.",
                    )
                conn.execute("PRAGMA query_only = ON")
            else:
                _take_lock(conn, path)
                if version < latest:
                    _migrate(conn, path, folders, migrations, version)
                conn.execute("PRAGMA journal_mode=DELETE")  # never WAL: it does not work on network drives
                conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            conn.close()
            raise
        return cls(path, conn, read_only, folders)

    def close(self) -> None:
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
        everyday reads and writes need only the connection."""
        if self._db is None:
            self._db = sqlite_database(self.conn)
        return self._db

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        try:
            cursor = self.conn.execute(sql, params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows as plain tuples: for large reads, where building a dictionary a row would cost time."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

    def row(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        try:
            found = self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        return found[0] if found else None

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one write statement; only inside `transaction()`, so that it lands with the rest of its change."""
        if not self.conn.in_transaction:
            raise RuntimeError("Writes must run inside HealthCheckFile.transaction()")
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        if not self.conn.in_transaction:
            raise RuntimeError("Writes must run inside HealthCheckFile.transaction()")
        return self.conn.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["HealthCheckFile"]:
        """One change: all of it is saved or none of it is. Nested use joins the outer change."""
        if self.read_only:
            raise FileReadOnly(f"{self.path.name} is open read-only, so changes cannot be saved.",
                               "Open it from a folder you can save in to make changes.")
        if self.conn.in_transaction:
            with self._savepoint():
                yield self
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise explain(error, self.path, saving=True) from None
        try:
            yield self
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise explain(error, self.path, saving=True) from None
        except BaseException:
            self._rollback()
            raise

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
                        raise SaveFailed(f"{len(broken)} rows of {table} would refer to missing rows, so nothing was saved.",
                                         "Please report this problem.")
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

    def backup(self, reason: str) -> Path:
        """A copy of the file as it is now, in the user's backup folder (the newest ten are kept)."""
        try:
            return backups.take_backup(self.conn, self.folders.backups, self.path, reason)
        except (sqlite3.Error, OSError) as error:
            raise SaveFailed(
                f"A backup of {self.path.name} could not be made in {self.folders.backups} ({error}), "
                "so nothing was changed.",
                "Free some disk space, then try again.",
            ) from None

    def schema_version(self) -> int:
        return int(self.value("PRAGMA user_version"))

    def integrity_problems(self) -> list[str]:
        """SQLite's own checks of the file: page structure, indexes and foreign keys."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"A row in {table} (row {rowid}) refers to a missing row in {parent}.")
        return problems


def sqlite_database(conn: sqlite3.Connection) -> "sqlite_utils.Database":
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False)


# ---------------------------------------------------------------------- checks made before a file is used


def _check_looks_like_sqlite(path: Path) -> None:
    """Checks that need no reading of the file: SQLite itself judges the content. Reading the file outside
    SQLite would be unsafe, because closing any handle on a file drops this process's locks on it."""
    if not path.exists():
        raise FileMissing(f"There is no file at {path}.", "Check the name and folder, or choose File > Open.")
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


def _inspect(conn: sqlite3.Connection, path: Path, latest: int) -> int:
    """Read the markers of a file without changing it; return its schema version."""
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
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
        raise CorruptFile(f"{path.name} is marked as a health-check file but holds no health check.",
                          "Restore it from a backup (File > Restore from backup).")
    if path.stat().st_size <= QUICK_CHECK_LIMIT_BYTES:
        try:
            verdict = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        except sqlite3.Error as error:
            raise explain(error, path) from None
        if verdict != ["ok"]:
            raise CorruptFile(
                f"{path.name} is damaged ({verdict[0]}).",
                "Restore it from a backup (File > Restore from backup). The file has not been changed.",
            )
    return version


def _take_lock(conn: sqlite3.Connection, path: Path) -> None:
    """Hold the file's write lock while it is open, so that another copy of the app cannot change it too."""
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.Error as error:
        raise explain(error, path) from None


def _migrate(conn: sqlite3.Connection, path: Path, folders: UserFolders, migrations: Sequence[Migration], version: int) -> None:
    try:
        backup = backups.take_backup(conn, folders.backups, path, f"before update from version {version}")
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
                raise sqlite3.IntegrityError(f"{len(broken)} rows would refer to missing rows")
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                (now_timestamp(), current_user(), "Updated the file", f"to version {migration.version}: {migration.description}"),
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


def explain(error: sqlite3.Error, path: Path, saving: bool = False) -> FileProblem:
    """Turn a SQLite error into a message a PSW can act on."""
    text = str(error).lower()
    name = path.name
    unchanged = " Nothing was changed." if saving else ""
    if "locked" in text or "busy" in text:
        return FileInUse(
            f"{name} is open in another copy of SWHC Desktop, possibly on another computer.{unchanged}",
            "Close it there, then try again.",
        )
    if "readonly" in text or "read-only" in text:
        return FileReadOnly(f"{name} is read-only, so the change could not be saved.{unchanged}",
                            "Copy it to a folder you can save in and open the copy.")
    if "disk is full" in text or "database or disk is full" in text:
        return SaveFailed(f"The disk holding {name} is full, so the change could not be saved.{unchanged}",
                          "Free some space, then try again.")
    if "not a database" in text:
        return NotAHealthCheckFile(
            f"{name} is not a health-check file.",
            "Health-check files end in .swhc and are made by SWHC Desktop. To bring in survey responses, use Import "
            "instead. If this was a health-check file, it is badly damaged: restore it from a backup.",
        )
    if "malformed" in text or "corrupt" in text:
        return CorruptFile(f"{name} is damaged and cannot be read safely.{unchanged}",
                           "Restore it from a backup (File > Restore from backup).")
    if "disk i/o" in text or "unable to open" in text:
        return SaveFailed(f"{name} could not be read or written: the drive or network may be unavailable.{unchanged}",
                          "Check the drive is connected, then try again.")
    return SaveFailed(f"{name} could not be used: {error}.{unchanged}", "If this keeps happening, restore from a backup.")
