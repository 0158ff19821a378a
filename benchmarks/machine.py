"""The machine a benchmark ran on, and the recording of its results in results/ beside this file."""

from __future__ import annotations

import datetime as dt
import os
import platform
from pathlib import Path


def describe_machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    return (
        f"{dt.date.today().strftime('%d/%m/%Y')}, {platform.system()} {platform.release()}, {cpu}, "
        f"{os.cpu_count()} logical CPUs, Python {platform.python_version()}"
    )


def record_results(file_name: str, text: str) -> None:
    """Print the results and keep them in results/<file_name>, where the README points readers."""
    print(text)
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    (results / file_name).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
