"""ARCHITECTURE.md's rules beside import-linter: no Qt in the core, no SQL outside storage, a docstring per module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "swhc_desktop"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pytestqt")
SQL_MODULES = ("sqlite3", "sqlite_utils")
SQL_STATEMENT = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|VIEW)|"
    r"DROP\s+(TABLE|INDEX)|ALTER\s+TABLE|PRAGMA\s+\w+)\b",
    re.IGNORECASE | re.DOTALL,
)


def python_files(under: Path) -> list[Path]:
    return sorted(p for p in under.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def core_files() -> list[Path]:
    return [p for p in python_files(PACKAGE) if "gui" not in p.relative_to(PACKAGE).parts]


def non_storage_files() -> list[Path]:
    return [p for p in python_files(PACKAGE) if "storage" not in p.relative_to(PACKAGE).parts]


def test_the_core_never_imports_qt():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_modules(path) & set(QT_MODULES))
        for path in core_files()
        if imported_modules(path) & set(QT_MODULES)
    }
    assert offenders == {}


def test_only_the_storage_package_uses_sqlite():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_modules(path) & set(SQL_MODULES))
        for path in non_storage_files()
        if imported_modules(path) & set(SQL_MODULES)
    }
    assert offenders == {}


def test_only_the_storage_package_writes_sql():
    offenders = {}
    for path in non_storage_files():
        statements = [s for s in string_constants(path) if SQL_STATEMENT.search(s)]
        if statements:
            offenders[str(path.relative_to(PACKAGE))] = statements
    assert offenders == {}


def test_the_checks_would_catch_a_breach(tmp_path):
    """The rules above are only worth having if they fail on a breach."""
    breach = tmp_path / "breach.py"
    breach.write_text('from PySide6.QtWidgets import QWidget\nimport sqlite3\nQUERY = "SELECT name FROM cycles"\n')
    assert imported_modules(breach) & set(QT_MODULES) == {"PySide6"}
    assert imported_modules(breach) & set(SQL_MODULES) == {"sqlite3"}
    assert [s for s in string_constants(breach) if SQL_STATEMENT.search(s)] == ["SELECT name FROM cycles"]


def test_every_module_starts_with_a_line_saying_what_it_is_for():
    missing = []
    for path in python_files(PACKAGE):
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not docstring or len(docstring.splitlines()[0]) < 10:
            missing.append(str(path.relative_to(PACKAGE)))
    assert missing == []
