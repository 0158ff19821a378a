"""The health-check file: the only package that writes SQL."""

from .answer_queries import ScoredOption
from .backups import Backup, delete_backups, list_backups
from .consistency import consistency_problems
from .file import FILE_EXTENSION, HealthCheckFile, is_health_check_file
from .restoring import restore_backup
from .schema import APPLICATION_ID, LATEST_VERSION

__all__ = [
    "APPLICATION_ID",
    "Backup",
    "FILE_EXTENSION",
    "HealthCheckFile",
    "LATEST_VERSION",
    "ScoredOption",
    "consistency_problems",
    "delete_backups",
    "is_health_check_file",
    "list_backups",
    "restore_backup",
]
