"""The test suite's own rules and tools: a test takes what it shares with others from tests/support/, never from another
test module or from conftest (pytest advises against importing conftest, and one test importing another couples them);
no test leaves background work running (conftest's `leaves_no_work_running` fails one that does); and the kill tests
kill a process at a step of its work, whatever the machine's load."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from .support.kills import Work, kill_moments, run_and_kill, run_to_the_end
from .support.leaks import LeakWatch

TESTS = Path(__file__).resolve().parent


def imported_modules(source: str, package: str) -> set[str]:
    """Every module the source imports, anywhere in it, with relative imports made absolute from `package`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # `from . import test_x` names a module
    return found


def forbidden_imports(source: str, package: str) -> set[str]:
    """The test modules and conftests among the modules the source imports."""
    found = set()
    for module in imported_modules(source, package):
        parts = module.split(".")
        if parts[0] != "tests":
            continue
        for depth, part in enumerate(parts[1:], start=2):
            if part.startswith("test_") or part == "conftest":
                found.add(".".join(parts[:depth]))
                break
    return found


def package_of(path: Path) -> str:
    return ".".join(path.parent.relative_to(TESTS.parent).parts)


def test_no_test_imports_another_test_module_or_conftest():
    offending = {}
    for path in sorted(TESTS.rglob("*.py")):
        found = forbidden_imports(path.read_text(encoding="utf-8"), package_of(path))
        if found:
            offending[str(path.relative_to(TESTS.parent))] = sorted(found)
    assert offending == {}


def test_the_check_finds_a_test_importing_another_or_conftest():
    planted = (
        "from .conftest import sha256\nfrom .test_faults import FILE_OUTPUTS\nfrom tests import test_designer\n"
        "def f():\n    from ..test_storage_file import made_read_only\n"
    )
    assert forbidden_imports(planted, "tests") == {"tests.conftest", "tests.test_faults", "tests.test_designer"}
    assert forbidden_imports(planted, "tests.support") == {
        "tests.support.conftest",
        "tests.support.test_faults",
        "tests.test_designer",
        "tests.test_storage_file",
    }
    assert forbidden_imports("from .support.files import sha256\nfrom . import support\n", "tests") == set()


def test_work_left_running_is_found_and_where_it_was_started(qtbot):
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    from swhc_desktop.gui.common.tasks import TaskRunner

    release = threading.Event()
    watch = LeakWatch(qt=True)
    # As in the app, the runner belongs to a window: a runner of its own, freed by Python when the test ends, crashed
    # Qt's event loop once other tests' windows had come and gone.
    window = QWidget()
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    runner.run("Waiting…", lambda progress: release.wait(30), on_done=lambda _: None, on_error=lambda *_: None)
    finished_pool = QThreadPool()
    finished_pool.start(lambda: None)
    finished_pool.waitForDone(30000)  # finished before the watch looks, however loaded the machine
    python_thread = threading.Thread(target=release.wait, args=(30,), name="left behind")
    python_thread.start()
    try:
        running = watch.left_running(grace_ms=50)
    finally:
        release.set()
        python_thread.join()
        qtbot.waitUntil(lambda: not runner.busy)
    assert len(running) == 2, running
    assert running[0].startswith("a thread pool's job, started at tasks.py:") and "test_test_suite.py:" in running[0]
    assert running[1] == "the Python thread 'left behind'"
    assert LeakWatch(qt=True).left_running() == [], "work that has finished is not reported"


# Each file is opened (an audited event, so a step) before it exists: killed at step k, the script leaves k - 1 files.
WRITES_FILES = """
import sys
started()
for n in range(40):
    open(f"{sys.argv[1]}/{n}", "w").close()
print("finished", flush=True)
"""


def test_a_kill_lands_at_the_chosen_step_of_the_work(tmp_path):
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    whole.mkdir()
    killed.mkdir()
    assert run_to_the_end(WRITES_FILES, [str(whole)]) == Work(steps=40, moves=())
    printed = run_and_kill(WRITES_FILES, [str(killed)], stop_at=13)
    assert printed == "started\n" and sorted(int(p.name) for p in killed.iterdir()) == list(range(12))


def test_the_kill_moments_cover_the_work_from_start_to_end_and_each_move_into_place():
    work = Work(steps=1000, moves=(400, 1000))
    moments = kill_moments(work, kills=5, seed=7)
    assert moments == kill_moments(work, kills=5, seed=7), "the same moments every run"
    for share in range(5):
        assert any(share * 200 < moment <= (share + 1) * 200 for moment in moments)
    assert {400, 401, 1000} <= set(moments) and max(moments) == 1000  # nothing after the last step
