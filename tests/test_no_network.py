"""The app never opens a network connection: every test runs under an audit-hook guard (conftest.py), and here a
whole end-to-end run is watched at the level of system calls, which also sees what Qt's C++ code does."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .support.network import network_use

strace = shutil.which("strace")


def test_the_guard_notices_a_network_connection():
    before = len(network_use)
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 9), timeout=0.01)  # TEST-NET-1: never routed
    assert len(network_use) > before
    del network_use[before:]  # this test opened it on purpose


def internet_sockets(command: list[str], trace: Path, env: dict[str, str]) -> list[str]:
    """Run a command under strace and return the system calls that made or used an internet socket."""
    result = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in trace.read_text().splitlines() if re.search(r"AF_INET6?\b", line)]


@pytest.mark.skipif(strace is None, reason="strace is not installed (.ci/run installs it)")
def test_the_system_call_watch_sees_an_internet_socket(tmp_path):
    opened = internet_sockets(
        [sys.executable, "-c", "import socket; socket.socket(socket.AF_INET).close()"],
        tmp_path / "trace.log",
        dict(os.environ),
    )
    assert len(opened) == 1 and "socket(AF_INET" in opened[0]


@pytest.mark.skipif(strace is None, reason="strace is not installed (.ci/run installs it)")
def test_an_end_to_end_run_opens_no_internet_socket(tmp_path):
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "SWHC_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    demo = tmp_path / "demo.swhc"
    commands = [
        [str(bin_dir / "swhc-desktop"), "--self-test"],
        [str(bin_dir / "swhc"), "demo", str(demo)],
        [str(bin_dir / "swhc"), "tables", str(demo), "2025"],
        [str(bin_dir / "swhc"), "check", str(demo)],
    ]
    for number, command in enumerate(commands):
        opened = internet_sockets(command, tmp_path / f"trace-{number}.log", env)
        assert opened == [], f"{' '.join(command)} opened internet sockets: {opened}"
