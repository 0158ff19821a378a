"""Changes to how the comments are coded that the PSW can undo: themes added, renamed and removed, and comments
tagged or untagged with a theme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.records import CommentKey, RemovedTheme

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class AddTheme:
    name: str
    description: str = "add a theme"

    def apply(self, hc: "HealthCheckFile") -> "RemoveTheme":
        return RemoveTheme(hc.themes.add(self.name), self.description)


@dataclass(frozen=True)
class RemoveTheme:
    """Remove a theme, untagging its comments; undoing it puts it back with its id, place and tags."""

    theme_id: int
    description: str = "remove a theme"

    def apply(self, hc: "HealthCheckFile") -> "RestoreTheme":
        return RestoreTheme(hc.themes.remove(self.theme_id), self.description)


@dataclass(frozen=True)
class RestoreTheme:
    removed: RemovedTheme
    description: str = "restore a theme"

    def apply(self, hc: "HealthCheckFile") -> RemoveTheme:
        hc.themes.restore(self.removed)
        return RemoveTheme(self.removed.theme.id, self.description)


@dataclass(frozen=True)
class RenameTheme:
    theme_id: int
    name: str
    description: str = "rename a theme"

    def apply(self, hc: "HealthCheckFile") -> "RenameTheme":
        before = next((t.name for t in hc.themes.all() if t.id == self.theme_id), None)
        if before is None:
            raise InvalidInput("That theme is no longer in the file.")
        hc.themes.rename(self.theme_id, self.name)
        return RenameTheme(self.theme_id, before, self.description)


@dataclass(frozen=True)
class TagComments:
    """Tag comments with a theme (`tagged=False`: untag them). Only the comments whose tag changes are noted, so that
    undoing it leaves alone those that were tagged (or untagged) already."""

    comments: tuple[CommentKey, ...]
    theme_id: int
    tagged: bool = True
    description: str = "tag comments"

    def apply(self, hc: "HealthCheckFile") -> "TagComments":
        tags = hc.themes.tags(sorted({question_id for _, question_id in self.comments}))
        changing = tuple(key for key in self.comments if (self.theme_id in tags.get(key, set())) != self.tagged)
        hc.themes.set_tag(changing, self.theme_id, self.tagged)
        return TagComments(changing, self.theme_id, not self.tagged, self.description)
