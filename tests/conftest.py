"""Shared fixtures: every test gets its own user folders and settings; Qt runs offscreen, matplotlib on Agg."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import socket  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

from swhc_desktop.app.demo import build_demo  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
_network_use: list[str] = []


def _watch_for_network_use(event: str, args: tuple) -> None:
    """An audit hook: note any internet socket or name lookup made anywhere in the Python process."""
    if not event.startswith("socket."):
        return
    if event == "socket.__new__" and len(args) > 1 and args[1] in _NETWORK_FAMILIES:
        _network_use.append(f"{event}{args[1:]}")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.connect"):
        _network_use.append(f"{event}{args}")


sys.addaudithook(_watch_for_network_use)


@pytest.fixture(autouse=True)
def never_uses_the_network():
    """The app never opens a network connection: any test during which one was opened fails."""
    before = len(_network_use)
    yield
    opened = _network_use[before:]
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


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def garbage_collected_on_the_gui_thread(qapp):
    """From the first test that drives the GUI on, Python's garbage is collected on the GUI thread only, as in the app:
    a collection on a worker thread that frees a widget left over from a test crashes the whole run."""
    from swhc_desktop.gui.common.tasks import GarbageCollectedOnGuiThread

    collector = GarbageCollectedOnGuiThread()
    yield collector
    collector.stop()


@pytest.fixture
def qtbot(qtbot, garbage_collected_on_the_gui_thread):
    return qtbot


@pytest.fixture(autouse=True)
def garbage_collected_after_each_test():
    """Once collection is left to the GUI thread's timer, a test that never runs the event loop still has its
    garbage collected, on the main thread, when it ends."""
    import gc

    yield
    if not gc.isenabled():
        from swhc_desktop.gui.common.tasks import collect_due_garbage

        collect_due_garbage(gc.get_threshold())


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
