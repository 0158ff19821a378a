"""The organisation a health-check file belongs to, and its confidentiality settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.records import Organisation

if TYPE_CHECKING:
    from .file import HealthCheckFile

_EDITABLE = {"name", "service", "protective_marking", "minimum_group_size", "minimum_comment_group_size"}


class OrganisationStore:
    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def get(self) -> Organisation:
        row = self.hc.row(
            "SELECT name, service, protective_marking, minimum_group_size, minimum_comment_group_size "
            "FROM organisation WHERE id = 1"
        )
        assert row is not None, "every health-check file has its organisation row"
        return Organisation(**row)

    def update(self, **changes: str | int) -> None:
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise ValueError(f"Not organisation settings: {sorted(unknown)}")
        for key in ("minimum_group_size", "minimum_comment_group_size"):
            if key in changes and int(changes[key]) < 3:
                raise InvalidInput(
                    "The minimum group size cannot be below 3.",
                    "Groups smaller than that could identify the people in them.",
                )
        if "name" in changes and not str(changes["name"]).strip():
            raise InvalidInput("The organisation needs a name.")
        if not changes:
            return
        assignments = ", ".join(f"{key} = ?" for key in changes)
        with self.hc.transaction():
            self.hc.execute(f"UPDATE organisation SET {assignments} WHERE id = 1", list(changes.values()))
            self.hc.audit("Changed the organisation's settings", ", ".join(sorted(changes)))
