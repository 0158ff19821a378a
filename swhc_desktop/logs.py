"""The app's log file in the user's log folder: what happened, for IT support, never respondents' answers."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .paths import UserFolders

LOG_NAME = "swhc-desktop.log"
LOGGER_NAME = "swhc_desktop"


def log_path(folders: UserFolders) -> Path:
    return folders.logs / LOG_NAME


def configure_logging(folders: UserFolders) -> Path:
    """Send the app's log to a rotating file (five of 1 MB) in the user's log folder; returns its path."""
    folders.logs.mkdir(parents=True, exist_ok=True)
    path = log_path(folders)
    logger = logging.getLogger(LOGGER_NAME)
    if not any(
        isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path for h in logger.handlers
    ):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
