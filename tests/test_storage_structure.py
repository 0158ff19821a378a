"""The file is reached one way: HealthCheckFile builds every store itself, in one list, with no import cycle between
the storage modules at run time (an import tucked inside a function counts: it is how a cycle hides); record types
live with the domain, not in store modules; no store method is called `list`."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import swhc_desktop.storage as storage
from swhc_desktop.paths import UserFolders
from swhc_desktop.storage import HealthCheckFile

STORAGE = Path(storage.__file__).parent
MODULES = sorted(path.stem for path in STORAGE.glob("*.py") if path.stem != "__init__")


def storage_imports_at_run_time(path: Path) -> set[str]:
    """The storage modules `path` imports when it runs, wherever the import is written; imports for type hints only
    (under `if TYPE_CHECKING:`) are left out."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.update([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found & set(MODULES)


def opened(tmp_path: Path) -> HealthCheckFile:
    return HealthCheckFile.create(tmp_path / "Anytown.swhc", "Anytown Council", folders=UserFolders.under(tmp_path))


def test_no_storage_module_imports_itself_back_at_run_time():
    imports = {name: storage_imports_at_run_time(STORAGE / f"{name}.py") for name in MODULES}

    def reaches(start: str, target: str, seen: frozenset[str]) -> bool:
        return any(
            step == target or (step not in seen and reaches(step, target, seen | {step})) for step in imports[start]
        )

    assert [name for name in MODULES if reaches(name, name, frozenset({name}))] == []
    assert "file" in imports["restoring"] and imports["file"] >= {"cycle_store", "finding_store", "clock"}


def test_the_file_builds_every_store_the_storage_package_has(tmp_path):
    store_classes = {
        cls
        for name in MODULES
        for _, cls in inspect.getmembers(importlib.import_module(f"swhc_desktop.storage.{name}"), inspect.isclass)
        if cls.__module__.startswith("swhc_desktop.storage.") and list(inspect.signature(cls).parameters) == ["hc"]
    }
    with opened(tmp_path) as hc:
        built = {type(value) for value in vars(hc).values() if getattr(value, "hc", None) is hc}
    assert built == store_classes and len(built) >= 13


def test_no_store_method_is_called_list(tmp_path):
    with opened(tmp_path) as hc:
        stores = [value for value in vars(hc).values() if getattr(value, "hc", None) is hc]
    assert [type(store).__name__ for store in stores if hasattr(store, "list")] == []


def test_the_only_records_defined_in_storage_describe_the_file_itself():
    # The file's schema, its backups and what opening it found; what the file holds is the domain's (records.py).
    about_the_file = {"Backup", "FileCheck", "Migration", "SchemaObject", "ColumnKind", "ExpectedFile", "ValueRule"}
    records = set()
    for name in MODULES:
        for node in ast.parse((STORAGE / f"{name}.py").read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any("dataclass" in ast.unparse(d) for d in node.decorator_list):
                records.add(node.name)
    assert records - about_the_file == set() and "Backup" in records
