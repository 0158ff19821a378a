"""Shared fixtures: every test gets its own user folders and settings; Qt runs offscreen, matplotlib on Agg. The demo
file, opened for a test (`demo`, `hc`), the main window (`window`), and pages built as the main window builds them
(`make_page`)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import sys  # noqa: E402

import pytest  # noqa: E402

from swhc_desktop.app.demo import PLAN_DAY, build_demo  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402

from .support.files import OpenFiles  # noqa: E402
from .support.leaks import LeakWatch  # noqa: E402
from .support.network import network_use, watch_for_network_use  # noqa: E402

sys.addaudithook(watch_for_network_use)


@pytest.fixture(autouse=True)
def leaves_no_work_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """No test leaves background work running when it ends (napari's `_dangling_qthread_pool`): a test that does fails,
    saying where the work was started. Qt's thread pools and threads are watched in every test that uses qtbot. Set up
    before every other fixture, this is torn down after them all, once pages, task runners and files are closed."""
    watch = LeakWatch(qt="qtbot" in request.fixturenames)
    yield
    running = watch.left_running()
    assert not running, f"the test left work running: {'; '.join(running)}"


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
    """The demo file is built once per test process (each xdist worker builds its own, in its own temporary folder, so
    none waits for or races another); tests get their own copy."""
    root = tmp_path_factory.mktemp("demo-master")
    # Built as on the day its plan's dates were written for, so that what the tests expect of them never moves.
    return build_demo(root / "Demo Borough Council.swhc", UserFolders.under(root / "home"), today=PLAN_DAY)


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.swhc"
    shutil.copyfile(demo_master, copy)
    return copy


@pytest.fixture
def demo_path_before_workforce_figures(demo_path: Path, folders) -> Path:
    """A copy of the demo as it would be before the PSW entered any workforce figures (the demo has each year's)."""
    from swhc_desktop.figures.workforce import WORKFORCE_MEASURES, save_workforce_figures
    from swhc_desktop.storage import HealthCheckFile

    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        for cycle in hc.cycles.all():
            save_workforce_figures(hc, cycle.id, dict.fromkeys(m.key for m in WORKFORCE_MEASURES))
    return demo_path


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, folders):
    """The main window with no file open, closed after the test (its file with it), once its work is done: unless the
    test's module gives its own."""
    from swhc_desktop.gui.main_window import MainWindow

    from .support.pages import add_main_window

    window = add_main_window(qtbot, MainWindow(settings, folders))
    yield window
    window._close_file()


@pytest.fixture
def open_files(folders: UserFolders) -> Iterator[OpenFiles]:
    """Health-check files opened for the test (`open_files.open(path, read_only=False)`, `open_files.create(path,
    organisation)`), closed after it, once every page and background job that used them is done."""
    files = OpenFiles(folders)
    yield files
    files.close_all()


@pytest.fixture
def demo(demo_path: Path, open_files: OpenFiles):
    """A copy of the demo, open for the test (for changes), closed after it."""
    return open_files.open(demo_path)


@pytest.fixture
def hc(demo):
    """The health-check file a test works on: the demo's copy, unless the test's module gives its own."""
    return demo


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
    """The one background runner a window owns, for pages and dialogs built alone. Its window is given to qtbot before
    any page, so that after the test, before qtbot closes a widget or any file is closed, the test waits until every
    job has finished and its answer has been delivered."""
    from PySide6.QtWidgets import QWidget

    from swhc_desktop.gui.common.tasks import TaskRunner

    from .support.pages import wait_until_idle

    window = QWidget()
    runner = TaskRunner(window)
    qtbot.addWidget(window, before_close_func=lambda _: wait_until_idle(qtbot, runner))
    return runner


@pytest.fixture
def make_page(qtbot, tasks):
    """Builds a page, panel or dialog as the main window builds its pages: `make_page(ActionPlanPage, today=...)`
    fills in the window's undo stack (`make_page.undo_stack`), task runner and output files (see PageFactory)."""
    from .support.pages import PageFactory

    return PageFactory(qtbot, tasks)
