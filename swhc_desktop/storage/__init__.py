"""The health-check file: the only package that writes SQL."""

from .backups import Backup, list_backups
from .file import FILE_EXTENSION, HealthCheckFile
from .schema import APPLICATION_ID, LATEST_VERSION

__all__ = ["APPLICATION_ID", "Backup", "FILE_EXTENSION", "HealthCheckFile", "LATEST_VERSION", "list_backups"]
