"""What the installed app ships: every Python package and every folder of ui/ and resources/ is in the wheel's list."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def listed_packages() -> set[str]:
    return set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])


def test_every_python_package_of_the_app_is_listed_for_the_wheel():
    packages = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "swhc_desktop").rglob("__init__.py")}
    assert packages - listed_packages() == set()


def test_every_folder_of_ui_and_resources_is_listed_for_the_wheel():
    folders = {"swhc_desktop.ui"} | {
        "swhc_desktop." + ".".join(folder.relative_to(ROOT).parts)
        for folder in [ROOT / "resources", *(p for p in (ROOT / "resources").rglob("*") if p.is_dir())]
    }
    assert folders - listed_packages() == set()


def test_every_file_in_ui_and_resources_matches_a_package_data_pattern():
    import fnmatch

    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {value: key for key, value in settings["package-dir"].items()}
    unshipped = []
    for top in ("ui", "resources"):
        for path in (ROOT / top).rglob("*"):
            if path.is_dir() or "__pycache__" in path.parts:
                continue
            package = folders.get(path.parent.relative_to(ROOT).as_posix())
            patterns = settings["package-data"].get(package, [])
            if not any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns):
                unshipped.append(path.relative_to(ROOT).as_posix())
    assert unshipped == []
