"""Themes the PSW codes open comments into ("Caseloads", "Supervision"…), and which comments carry which theme."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.plurals import counted
from ..domain.records import CommentKey, RemovedTheme, Theme
from ..domain.rules import theme_name

if TYPE_CHECKING:
    from .file import HealthCheckFile


class ThemeStore:
    """Themes are kept for the whole file, so the same theme can be counted year after year."""

    def __init__(self, hc: "HealthCheckFile"):
        self.hc = hc

    def all(self) -> list[Theme]:
        return [
            Theme(**r) for r in self.hc.rows("SELECT id, name, description, position FROM themes ORDER BY position, id")
        ]

    def add(self, name: str, description: str = "", theme_id: int | None = None, position: int | None = None) -> int:
        name = self._check_name(name)
        hc = self.hc
        with hc.transaction():
            if position is None:
                position = int(hc.value("SELECT coalesce(max(position), -1) + 1 FROM themes"))
            cursor = hc.execute(
                "INSERT INTO themes (id, name, description, position) VALUES (?, ?, ?, ?)",
                (theme_id, name, description.strip(), position),
            )
            hc.audit("Added a comment theme", name)
            return int(cursor.lastrowid)

    def rename(self, theme_id: int, name: str) -> None:
        name = self._check_name(name, theme_id)
        with self.hc.transaction():
            self.hc.execute("UPDATE themes SET name = ? WHERE id = ?", (name, theme_id))
            self.hc.audit("Renamed a comment theme", name)

    def remove(self, theme_id: int) -> RemovedTheme:
        hc = self.hc
        row = hc.row("SELECT id, name, description, position FROM themes WHERE id = ?", (theme_id,))
        if row is None:
            raise InvalidInput("That theme is no longer in the file.")
        with hc.transaction():
            tagged = tuple(
                hc.tuples(
                    "SELECT response_id, question_id FROM comment_tags WHERE theme_id = ? "
                    "ORDER BY response_id, question_id",
                    (theme_id,),
                )
            )
            hc.execute("DELETE FROM themes WHERE id = ?", (theme_id,))
            hc.audit("Removed a comment theme", f"{row['name']} ({counted(len(tagged), 'comment')} untagged)")
        return RemovedTheme(Theme(**row), tuple((r, q) for r, q in tagged))

    def restore(self, removed: RemovedTheme) -> None:
        """Put back a removed theme with its id, place and tags (undo)."""
        with self.hc.transaction():
            self.add(removed.theme.name, removed.theme.description, removed.theme.id, removed.theme.position)
            self.set_tag(removed.tagged, removed.theme.id, True)

    def set_tag(self, comments: Iterable[CommentKey], theme_id: int, tagged: bool) -> None:
        """Tag (or untag) comments with a theme."""
        keys = list(comments)
        hc = self.hc
        with hc.transaction():
            if tagged:
                hc.executemany(
                    "INSERT OR IGNORE INTO comment_tags (response_id, question_id, theme_id) VALUES (?, ?, ?)",
                    [(r, q, theme_id) for r, q in keys],
                )
            else:
                hc.executemany(
                    "DELETE FROM comment_tags WHERE response_id = ? AND question_id = ? AND theme_id = ?",
                    [(r, q, theme_id) for r, q in keys],
                )
            name = hc.value("SELECT name FROM themes WHERE id = ?", (theme_id,)) or ""
            hc.audit("Tagged comments" if tagged else "Untagged comments", f"{len(keys)} with {name}")

    def tags(self, question_ids: Sequence[int]) -> dict[CommentKey, set[int]]:
        """The themes of every tagged comment on these questions."""
        if not question_ids:
            return {}
        found: dict[CommentKey, set[int]] = defaultdict(set)
        marks = ",".join("?" * len(question_ids))
        for response_id, question_id, theme_id in self.hc.tuples(
            f"SELECT response_id, question_id, theme_id FROM comment_tags WHERE question_id IN ({marks})",
            list(question_ids),
        ):
            found[(response_id, question_id)].add(theme_id)
        return dict(found)

    def _check_name(self, name: str, theme_id: int | None = None) -> str:
        name = theme_name(name)
        same = self.hc.value("SELECT id FROM themes WHERE name = ? COLLATE NOCASE", (name,))
        if same is not None and same != theme_id:
            raise InvalidInput(f"There is already a theme called '{name}'.", "Choose another name, or use that theme.")
        return name
