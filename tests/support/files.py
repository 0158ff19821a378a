"""Files the tests open, compare, keep unchanged and make read-only."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from swhc_desktop.paths import UserFolders
from swhc_desktop.storage import HealthCheckFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def made_read_only(path: Path) -> Iterator[None]:
    """Really read-only, even for root (whom chmod does not stop): the immutable attribute where it can be set."""
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


class OpenFiles:
    """The health-check files a test has open, all closed when the test is over (the `open_files` fixture)."""

    def __init__(self, folders: UserFolders):
        self.folders = folders
        self.files: list[HealthCheckFile] = []

    def open(self, path: Path, read_only: bool = False) -> HealthCheckFile:
        return self._kept(HealthCheckFile.open(path, read_only=read_only, folders=self.folders))

    def create(self, path: Path, organisation: str) -> HealthCheckFile:
        return self._kept(HealthCheckFile.create(path, organisation, folders=self.folders))

    def _kept(self, hc: HealthCheckFile) -> HealthCheckFile:
        self.files.append(hc)
        return hc

    def close_all(self) -> None:
        for hc in reversed(self.files):
            hc.close()
