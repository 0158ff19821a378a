"""The problem every reader of an export file raises when the file cannot be read: what is wrong, and what to do."""

from __future__ import annotations

from ..domain.errors import SwhcError


class UnreadableFile(SwhcError):
    title = "The file could not be read"
