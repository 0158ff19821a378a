"""A description of the machine a benchmark ran on, for the recorded results."""

from __future__ import annotations

import datetime as dt
import os
import platform


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
