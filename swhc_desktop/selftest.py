"""`swhc-desktop --self-test`: a real end-to-end check of an installed or frozen app, run headless."""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path
from typing import Callable

from . import __version__
from .checks import check_file
from .cycles import start_cycle
from .paths import UserFolders
from .storage import HealthCheckFile
from .templates import list_templates, load_template


SELF_TEST_FILE = "Self-test Council.swhc"


def _file_round_trip(root: Path) -> str:
    folders = UserFolders.under(root)
    path = root / SELF_TEST_FILE
    with HealthCheckFile.create(path, "Self-test Council", folders=folders) as hc:
        cycle = start_cycle(hc, "2025", template_id="staff-survey", staff_invited=100)
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        stored = hc.cycles.by_name("2025")
        questionnaire = hc.questionnaires.load(stored.id)
        if questionnaire != load_template("staff-survey"):
            raise AssertionError("the questionnaire read back differs from the template")
        if not check_file(hc).ok:
            raise AssertionError("the new file fails its own check")
    return f"created a file, added cycle {cycle.name} with {cycle.question_count} questions, read it back"


def _templates(root: Path) -> str:
    infos = list_templates()
    for info in infos:
        if any(problem.is_error for problem in load_template(info.id).validate()):
            raise AssertionError(f"template {info.id} does not validate")
    return f"{len(infos)} templates load and validate"


Check = tuple[str, Callable[[Path], str]]

# Each check works in the same temporary folder, in order: later checks may use what earlier ones made.
CORE_CHECKS: tuple[Check, ...] = (
    ("templates", _templates),
    ("health-check file", _file_round_trip),
)


def run_self_test(checks: tuple[Check, ...] = CORE_CHECKS, print_line: Callable[[str], None] = print) -> int:
    """Run every check in a temporary folder; 0 if all passed, 1 otherwise."""
    print_line(f"SWHC Desktop {__version__} self-test")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="swhc-self-test-") as folder:
        for name, check in checks:
            try:
                print_line(f"  ok    {name}: {check(Path(folder))}")
            except Exception:
                failures += 1
                print_line(f"  FAIL  {name}:\n{traceback.format_exc()}")
    print_line("Self-test passed." if not failures else f"Self-test failed ({failures} check(s)).")
    return 0 if not failures else 1
