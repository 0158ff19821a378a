"""Changes to how the comments are coded that the PSW can undo: themes added, renamed and removed, comments tagged or
untagged with a theme, suggested themes accepted (as suggested, renamed or merged into a theme) or rejected, flags
cleared with a note, and words printed that were taken for names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis.comment_help import (
    cleared_flags,
    kept_words,
    rejected_suggestions,
    set_cleared_flag,
    set_kept_words,
    set_rejected,
)
from ..domain.changes import Change
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


@dataclass(frozen=True)
class Steps:
    """Several changes made as one step: undoing it undoes them in the opposite order."""

    steps: tuple[Change, ...]
    description: str

    def apply(self, hc: "HealthCheckFile") -> "Steps":
        inverses = [step.apply(hc) for step in self.steps]
        return Steps(tuple(reversed(inverses)), self.description)


@dataclass(frozen=True)
class AcceptSuggestion:
    """Accept a suggested theme for some comments: tag them with the PSW's theme `theme_id` (a merge into it), or with
    a new theme called `name` (the suggestion's name, or the PSW's own). The theme is then the PSW's like any other."""

    comments: tuple[CommentKey, ...]
    name: str
    theme_id: int | None = None
    description: str = "accept a suggested theme"

    def apply(self, hc: "HealthCheckFile") -> Steps:
        undo: list[Change] = []
        theme_id = self.theme_id
        if theme_id is None:
            remove = AddTheme(self.name, self.description).apply(hc)
            theme_id = remove.theme_id
            undo.append(remove)
        elif not any(t.id == theme_id for t in hc.themes.all()):
            raise InvalidInput("That theme is no longer in the file.", "Choose another theme, or make a new one.")
        undo.insert(0, TagComments(self.comments, theme_id, True, self.description).apply(hc))
        return Steps(tuple(undo), self.description)


@dataclass(frozen=True)
class RejectSuggestion:
    """Reject a suggested theme for some comments (`rejected=False`: bring the suggestion back); it is not made again
    for them."""

    pairs: tuple[tuple[CommentKey, str], ...]  # (comment, suggestion key)
    rejected: bool = True
    description: str = "reject a suggested theme"

    def apply(self, hc: "HealthCheckFile") -> "RejectSuggestion":
        before = rejected_suggestions(hc)
        changing = tuple(p for p in self.pairs if (p in before) != self.rejected)
        set_rejected(hc, changing, self.rejected)
        return RejectSuggestion(changing, not self.rejected, self.description)


@dataclass(frozen=True)
class ClearFlag:
    """Clear a sensitive comment's flag with the PSW's note (`note=None`: flag it again)."""

    comment: CommentKey
    note: str | None
    description: str = "clear a flag"

    def apply(self, hc: "HealthCheckFile") -> "ClearFlag":
        if self.note is not None and not self.note.strip():
            raise InvalidInput("A flag is cleared with a note.", "Say what was done, or why it needs nothing more.")
        before = cleared_flags(hc).get(self.comment)
        set_cleared_flag(hc, self.comment, None if self.note is None else self.note.strip())
        return ClearFlag(self.comment, before, self.description)


@dataclass(frozen=True)
class KeepWords:
    """Print words that were taken for names (a place, 'Care Director') in every comment of the file (`kept=False`:
    redact them again)."""

    words: tuple[str, ...]
    kept: bool = True
    description: str = "print a word in comments"

    def apply(self, hc: "HealthCheckFile") -> "KeepWords":
        before = {w.casefold(): w for w in kept_words(hc)}
        wanted = {w.strip().casefold(): w.strip() for w in self.words if w.strip()}
        if self.kept:
            changing = tuple(w for k, w in wanted.items() if k not in before)
            after = [*before.values(), *changing]
        else:
            changing = tuple(before[k] for k in wanted if k in before)
            after = [w for k, w in before.items() if k not in wanted]
        set_kept_words(hc, after)
        return KeepWords(changing, not self.kept, self.description)
