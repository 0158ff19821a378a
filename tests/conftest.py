"""Shared fixtures: every test gets its own user folders and settings; Qt runs offscreen, matplotlib on Agg."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402

from swhc_desktop.demo import build_demo  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> UserFolders:
    """No test ever writes to the real data, log or backup folders (the CLI reads SWHC_HOME)."""
    home = tmp_path / "swhc-home"
    monkeypatch.setenv("SWHC_HOME", str(home))
    return UserFolders.under(home)


@pytest.fixture
def folders(isolated_user_folders: UserFolders) -> UserFolders:
    return isolated_user_folders


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo file is built once per test run; tests get their own copy."""
    root = tmp_path_factory.mktemp("demo-master")
    return build_demo(root / "Demo Borough Council.swhc", UserFolders.under(root / "home"))


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.swhc"
    shutil.copyfile(demo_master, copy)
    return copy


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
