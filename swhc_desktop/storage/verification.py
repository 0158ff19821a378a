"""Whether a file is exactly what SWHC Desktop made: its schema object for object, and every value within its column's
meaning. Run before anything else uses a file,
so that nothing written by another program is ever executed or believed."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.records import Service
from ..domain.standards import EDITIONS
from .schema import Migration, sqlite_database

# How many bad values of one column are quoted in a problem (the count is always given in full).
_EXAMPLES = 3

_ISO_DATE = "[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]"


@dataclass(frozen=True)
class SchemaObject:
    kind: str  # table, index, trigger or view
    name: str
    table: str
    sql: str | None

    def describe(self) -> str:
        what = {"table": "a table", "index": "an index", "trigger": "a trigger", "view": "a view"}.get(
            self.kind, self.kind
        )
        return f"{what} '{self.name}'" + (f" on {self.table}" if self.kind in ("index", "trigger") else "")


@dataclass(frozen=True)
class ColumnKind:
    """A column the app makes, and the storage classes its values may have: text in a text column, numbers in a REAL
    one, NULL only where the column allows it."""

    table: str
    column: str
    declared: str
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class ExpectedFile:
    """What a file of one schema version holds when SWHC Desktop made it: built by applying the same migrations to an
    empty database in memory, so it can never drift from the migrations themselves."""

    schema: dict[str, SchemaObject]
    columns: tuple[ColumnKind, ...]

    @classmethod
    def of_version(cls, migrations: Sequence[Migration], version: int) -> "ExpectedFile":
        try:
            return cls._built(migrations, version, _PlainSql)
        except AttributeError:  # a migration that needs more of sqlite-utils than plain statements
            return cls._built(migrations, version, sqlite_database)

    @classmethod
    def _built(cls, migrations: Sequence[Migration], version: int, database) -> "ExpectedFile":
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            db = database(conn)
            for migration in migrations:
                if migration.version <= version:
                    migration.apply(db)
            return cls(_schema_of(conn), tuple(_column_kinds(conn)))
        finally:
            conn.close()


class _PlainSql:
    """What a migration of plain SQL statements needs of sqlite-utils' Database: checking a file on opening does not
    pay for importing sqlite-utils (a third of a second at start-up) to run them."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)


def _schema_of(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {str(name): SchemaObject(str(kind), str(name), str(table), sql) for kind, name, table, sql in rows}


def _normalised(sql: str | None) -> str | None:
    return None if sql is None else re.sub(r"\s+", " ", sql).strip()


def schema_problems(conn: sqlite3.Connection, expected: ExpectedFile) -> list[str]:
    """Every way the file's schema differs from what the app makes: objects added (a trigger, a view, a table),
    objects missing, and objects whose definition was changed (a column dropped, a constraint removed)."""
    found, expected_objects = _schema_of(conn), expected.schema
    problems = []
    for name in sorted(set(found) - set(expected_objects)):
        problems.append(f"It holds {found[name].describe()} that SWHC Desktop did not make.")
    for name in sorted(set(expected_objects) - set(found)):
        problems.append(f"It lacks {expected_objects[name].describe()} that SWHC Desktop makes.")
    for name in sorted(set(found) & set(expected_objects)):
        mine, theirs = expected_objects[name], found[name]
        if (mine.kind, mine.table) != (theirs.kind, theirs.table) or _normalised(mine.sql) != _normalised(theirs.sql):
            problems.append(f"The definition of {mine.describe()} has been changed outside SWHC Desktop.")
    return problems


# ---------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class ValueRule:
    """Values of one column that the app would never write, as a SQL condition on the column (`{c}`)."""

    table: str
    column: str
    breaks_rule: str
    meaning: str


# Meanings beyond each column's storage class (which `_storage_class_rules` derives from the schema itself).
VALUE_RULES: tuple[ValueRule, ...] = (
    ValueRule("organisation", "minimum_group_size", "{c} < 3", "a whole number of at least 3"),
    ValueRule("organisation", "minimum_comment_group_size", "{c} < 3", "a whole number of at least 3"),
    ValueRule("organisation", "name", "length(trim({c})) = 0", "the organisation's name"),
    ValueRule("organisation", "file_id", "{c} NOT GLOB '" + "[0-9a-f]" * 32 + "'", "the file's identity"),
    ValueRule("settings", "value", "NOT json_valid({c})", "a setting written as JSON"),
    ValueRule("cycles", "opens_on", _ISO_DATE, "a date"),
    ValueRule("cycles", "closes_on", _ISO_DATE, "a date"),
    ValueRule("cycles", "staff_invited", "{c} < 1", "a number of staff of at least 1"),
    ValueRule(
        "cycles",
        "standards_edition",
        "{c} NOT IN (" + ", ".join(f"'{e}'" for e in EDITIONS.ids()) + ")",
        "an edition of the Standards for employers",
    ),
    ValueRule(
        "cycles",
        "service",
        "{c} NOT IN (" + ", ".join(f"'{s}'" for s in Service) + ")",
        "the service a cycle surveys (children's or adults')",
    ),
    ValueRule("questions", "min_value", "abs({c}) > 1e15", "a number"),
    ValueRule("questions", "max_value", "abs({c}) > 1e15", "a number"),
    ValueRule("options", "score", "abs({c}) > 1e15", "a number"),
    ValueRule("import_batches", "mapping_json", "NOT json_valid({c})", "the columns' mapping written as JSON"),
    ValueRule("responses", "submitted_on", "submitted", "a date, or a date and time"),
    ValueRule("answers", "number_value", "abs({c}) > 1e15", "a number"),
    ValueRule("cycle_figures", "number_value", "abs({c}) > 1e15", "a number"),
    ValueRule("actions", "due_on", _ISO_DATE, "a date"),
    ValueRule("actions", "completed_on", _ISO_DATE, "a date"),
    ValueRule("action_updates", "written_on", _ISO_DATE, "a date"),
)

_DECLARED_STORAGE = {"INTEGER": ("integer",), "REAL": ("integer", "real"), "TEXT": ("text",)}


def _condition(rule: ValueRule) -> str:
    column = f'"{rule.column}"'
    if rule.breaks_rule == _ISO_DATE:
        # A real calendar date written as the app writes it: adding no days turns 2027-02-30 into 2027-03-02.
        return (
            f"{column} IS NOT NULL AND ({column} NOT GLOB '{_ISO_DATE}' OR date({column}, '+0 days') IS NOT {column})"
        )
    if rule.breaks_rule == "submitted":
        return (
            f"{column} IS NOT NULL AND NOT (({column} GLOB '{_ISO_DATE}' AND date({column}, '+0 days') IS {column}) OR "
            f"({column} GLOB '{_ISO_DATE}T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]' AND "
            f"datetime({column}, '+0 days') IS replace({column}, 'T', ' ')))"
        )
    return f"{column} IS NOT NULL AND ({rule.breaks_rule.format(c=column)})"


def _column_kinds(conn: sqlite3.Connection) -> list[ColumnKind]:
    kinds = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        for _, column, declared, not_null, _, primary_key in conn.execute(f'PRAGMA table_info("{table}")'):
            allowed = _DECLARED_STORAGE.get(str(declared).upper())
            if allowed is None:
                continue
            if not (not_null or primary_key):
                allowed = allowed + ("null",)
            kinds.append(ColumnKind(table, column, str(declared).upper(), allowed))
    return kinds


def tables_as_made(conn: sqlite3.Connection, expected: ExpectedFile) -> set[str]:
    """The app's tables whose definitions in the file are exactly as the app makes them (their values can be read)."""
    found = _schema_of(conn)
    return {
        name
        for name, mine in expected.schema.items()
        if mine.kind == "table" and name in found and _normalised(found[name].sql) == _normalised(mine.sql)
    }


def value_problems(conn: sqlite3.Connection, expected: ExpectedFile, tables: set[str] | None = None) -> list[str]:
    """Every column holding a value the app would never write there, with how many rows and an example or two.

    The file's schema must already match what the app makes (see `schema_problems`): these queries read only its own
    tables, so no view or trigger of anyone else's can run. Each table is read once, however many rules it has. Only
    `tables` are read, when given (those whose definitions are the app's)."""
    checks: dict[str, list[tuple[str, str, str]]] = {}
    for kind in expected.columns:
        if tables is not None and kind.table not in tables:
            continue
        listed = ", ".join(f"'{storage}'" for storage in kind.allowed)
        meaning = {"INTEGER": "a whole number", "REAL": "a number", "TEXT": "text"}[kind.declared]
        checks.setdefault(kind.table, []).append((kind.column, f'typeof("{kind.column}") NOT IN ({listed})', meaning))
    present = {(kind.table, kind.column) for kind in expected.columns if tables is None or kind.table in tables}
    for rule in VALUE_RULES:
        if (rule.table, rule.column) in present:
            checks[rule.table].append((rule.column, _condition(rule), rule.meaning))
    problems = []
    for table, table_checks in checks.items():
        sums = ", ".join(f"coalesce(sum({condition}), 0)" for _, condition, _ in table_checks)
        counts = conn.execute(f'SELECT {sums} FROM "{table}"').fetchone()
        for (column, condition, meaning), count in zip(table_checks, counts):
            if count:
                problems.append(_described(conn, table, column, condition, meaning, count))
    if (tables is None or "organisation" in tables) and (
        count := conn.execute("SELECT count(*) FROM organisation").fetchone()[0]
    ) != 1:
        problems.append(f"The file should describe exactly one organisation; it describes {count}.")
    return problems


def _described(conn: sqlite3.Connection, table: str, column: str, condition: str, meaning: str, count: int) -> str:
    rows = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE {condition} LIMIT {_EXAMPLES}').fetchall()
    examples = ", ".join(_quoted(value) for (value,) in rows)
    rows_word = "row holds" if count == 1 else "rows hold"
    return f"{table}.{column} should hold {meaning}, but {count:,} {rows_word} something else ({examples})."


def _quoted(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bytes):
        return f"{len(value)} bytes of binary data"
    text = str(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return repr(text[:40] + ("…" if len(text) > 40 else ""))
