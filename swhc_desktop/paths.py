"""Where the app finds what it ships (ui/, resources/) and where it keeps the user's data, logs and backups."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from . import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent
APP_AUTHOR = "SWHC Desktop"


def _shipped_dir(name: str) -> Path:
    """ui/ and resources/ live inside the package once installed or frozen, at the repository top in a checkout."""
    candidates = [_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "swhc_desktop" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The app's {name} folder is missing (looked in {', '.join(map(str, candidates))}).")


def ui_dir() -> Path:
    return _shipped_dir("ui")


def resources_dir() -> Path:
    return _shipped_dir("resources")


def templates_dir() -> Path:
    return resources_dir() / "templates"


@dataclass(frozen=True)
class UserFolders:
    """The per-user folders the app writes to. Tests pass their own so that nothing touches the real ones."""

    data: Path
    logs: Path
    backups: Path

    @classmethod
    def default(cls) -> UserFolders:
        """The platform's folders, or those under $SWHC_HOME when it is set (a portable install, or tests)."""
        home = os.environ.get("SWHC_HOME")
        if home:
            return cls.under(Path(home))
        data = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
        logs = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
        return cls(data=data, logs=logs, backups=data / "backups")

    @classmethod
    def under(cls, root: Path) -> UserFolders:
        return cls(data=root / "data", logs=root / "logs", backups=root / "data" / "backups")

    @property
    def demo_file(self) -> Path:
        return self.data / "Demo Borough Council.swhc"
