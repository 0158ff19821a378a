"""Killing a process (SIGKILL, as a power cut or Task Manager would) in the middle of its work."""

from __future__ import annotations

import signal
import subprocess
import sys
import time


def run_and_kill(script: str, args: list[str], after: float) -> str:
    """Start the script, kill it `after` seconds after it says it has started; return what it printed."""
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "started"
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    rest = process.stdout.read()
    process.wait(timeout=30)
    return rest


def full_run_seconds(script: str, args: list[str]) -> float:
    """How long the work takes once the script has started it (interpreter start-up is not part of the window
    in which a kill can land)."""
    process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "started"
    started = time.perf_counter()
    process.communicate(timeout=300)
    assert process.returncode == 0
    return time.perf_counter() - started
