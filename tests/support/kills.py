"""Killing a process (SIGKILL, as a power cut or Task Manager would) at moments chosen from its own progress.

The script under test runs in a Python process of its own, after a prelude that counts the steps of its work from the
moment it calls `started()`: each audited event (a file opened, moved into place, removed, a module loaded; see
sys.addaudithook) and each thousand SQLite instructions. One run to the end says how many steps the work takes, and at
which it moves a file into place. Each kill then runs the script again and stops it at a chosen step, where it says so
and waits, and kills it there; so where a kill lands depends on the work done, never on how fast a busy machine does
it. The kills land at steps drawn at random, with a fixed seed, one from each of equal shares of the work, so from its
start to its end; and just before and just after each move of a file into place, where a half-written file would show.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import NamedTuple

PRELUDE = r'''
import atexit, os, sqlite3, sys

_stop_at = int(os.environ["KILL_AT_STEP"])
_steps = 0
_moves = []  # the steps just before a file is moved into place (os.rename and os.replace)
_counting = False


def _step():
    global _steps
    _steps += 1
    if _steps == _stop_at:
        sys.stdout.write(f"stopped at step {_steps}\n")
        sys.stdout.flush()
        sys.stdin.readline()  # the process is killed while it waits here


def _audited(event, args):
    if _counting:
        if event == "os.rename":  # the hook runs before the move, so a kill at this step lands just before it
            _moves.append(_steps + 1)
        _step()


class _CountedConnection(sqlite3.Connection):
    """Counts a step every thousand instructions, and still calls any progress handler the app sets (at this pace, not
    its own: the app's looks at the clock to report progress and to honour Cancel)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._apps_handler = None
        super().set_progress_handler(self._progressed, 1000)

    def set_progress_handler(self, handler, n):
        self._apps_handler = handler

    def _progressed(self):
        if _counting:
            _step()
        return self._apps_handler() if self._apps_handler is not None else 0


_connect = sqlite3.connect


def _connect_counted(*args, **kwargs):
    kwargs.setdefault("factory", _CountedConnection)
    return _connect(*args, **kwargs)


def started():
    """The script's modules are loaded: its work, whose steps are counted, starts now."""
    global _counting
    print("started", flush=True)
    _counting = True


sqlite3.connect = _connect_counted
sys.addaudithook(_audited)
atexit.register(lambda: print(f"steps {_steps} moves", *_moves, flush=True))
'''


class Work(NamedTuple):
    steps: int  # how many steps the work took
    moves: tuple[int, ...]  # the steps just before it moved a file into place


def _start(script: str, arguments: list[str], stop_at: int) -> subprocess.Popen:
    # The same hash seed in every run, so that each run of the script takes the same steps in the same order.
    environment = {**os.environ, "KILL_AT_STEP": str(stop_at), "PYTHONHASHSEED": "0"}
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + script, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )


def run_to_the_end(script: str, arguments: list[str]) -> Work:
    """Run the script to the end; return how many steps its work took, and which moved a file into place."""
    process = _start(script, arguments, stop_at=0)
    printed, _ = process.communicate(timeout=600)
    assert process.returncode == 0, printed
    counted = next(line for line in reversed(printed.splitlines()) if line.startswith("steps ")).split()
    return Work(int(counted[1]), tuple(int(step) for step in counted[3:]))


def run_and_kill(script: str, arguments: list[str], stop_at: int) -> str:
    """Run the script and kill it at step `stop_at` of its work; return what it printed before (all it printed, if
    its work took fewer steps)."""
    process = _start(script, arguments, stop_at)
    printed = []
    for line in process.stdout:
        if line.startswith("stopped at step "):
            process.send_signal(signal.SIGKILL)
            break
        printed.append(line)
    process.stdin.close()
    process.stdout.close()
    process.wait(timeout=60)
    return "".join(printed)


def kill_moments(work: Work, kills: int, seed: int) -> list[int]:
    """One step at random from each of `kills` equal shares of the work's steps, and the steps just before and just
    after each move of a file into place; in order."""
    rng = random.Random(seed)
    shares = [rng.randint(share * work.steps // kills + 1, (share + 1) * work.steps // kills) for share in range(kills)]
    around_moves = [step + after for step in work.moves for after in (0, 1) if step + after <= work.steps]
    return sorted(set(shares + around_moves))


def kill_repeatedly(
    script: str, arguments: Callable[[int], list[str]], outcome: Callable[[int, str], str], kills: int, seed: int
) -> list[str]:
    """Run the script to the end once, with `arguments(0)`, then again with `arguments(1)` and so on, each run killed
    at one of its moments (see kill_moments: `kills` of them, and those around each move of a file into place); after
    each kill, `outcome(attempt, printed)` checks what it left and names it. `arguments` makes each run's input
    afresh. Returns the outcomes, in the order of the kills."""
    work = run_to_the_end(script, arguments(0))
    assert work.steps >= kills, f"the work took {work.steps} steps, too few to kill it {kills} times"
    return [
        outcome(attempt, run_and_kill(script, arguments(attempt), stop_at))
        for attempt, stop_at in enumerate(kill_moments(work, kills, seed), start=1)
    ]
