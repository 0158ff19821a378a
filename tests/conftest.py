"""Shared fixtures: every test gets its own user folders and settings; Qt runs offscreen, matplotlib on Agg."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import sys  # noqa: E402

import pytest  # noqa: E402

from swhc_desktop.app.demo import build_demo  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402

from .support.network import network_use, watch_for_network_use  # noqa: E402

sys.addaudithook(watch_for_network_use)


@pytest.fixture(autouse=True)
def never_uses_the_network():
    """The app never opens a network connection: any test during which one was opened fails."""
    before = len(network_use)
    yield
    opened = network_use[before:]
    assert not opened, f"the network was used: {opened}"


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
def demo_path_before_workforce_figures(demo_path: Path, folders) -> Path:
    """A copy of the demo as it would be before the PSW entered any workforce figures (the demo has each year's)."""
    from swhc_desktop.storage import HealthCheckFile
    from swhc_desktop.figures.workforce import WORKFORCE_MEASURES, save_workforce_figures

    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        for cycle in hc.cycles.list():
            save_workforce_figures(hc, cycle.id, dict.fromkeys(m.key for m in WORKFORCE_MEASURES))
    return demo_path


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def tasks(qtbot):
    """The one background runner a window owns, for a page or dialog built alone: every job is finished before the
    test's file is closed."""
    from PySide6.QtWidgets import QWidget

    from swhc_desktop.gui.common.tasks import TaskRunner

    owner = QWidget()  # not given to qtbot, which closes its widgets before this fixture's teardown
    runner = TaskRunner(owner)
    yield runner
    runner.wait()
    owner.deleteLater()
