"""The dashboard's eight Standards tiles: each Standard's score out of 100 with its band, base, 95% range, change since
the cycle before and the national score, for everyone or for one group of a breakdown question."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...analysis.standard_scores import Band, GroupScores, GroupStandardScores, StandardScore
from ...domain.labels import QUESTIONNAIRE_PAGE, STANDARD_SCORES_BUTTON
from ...domain.plurals import counted, noun
from ...screens.figure_words import CHANGE, INTERVAL, STANDARD_SCORE, explained
from ...screens.findings import StandardsScores

# Colour-blind-safe, and the band is always written in words too, so colour is never the only sign.
BAND_COLOURS = {Band.HIGH: "#1a9850", Band.MODERATE: "#e6a100", Band.LOW: "#c0392b", None: "#9e9e9e"}
COLUMNS = 4
EVERYONE = "Everyone who took part"
GROUPS_TO_COME = "Each group's scores: being worked out…"
GROUPS_FAILED = "Each group's scores could not be worked out"
HOW_SCORED = (
    "Each Standard's score is the average of its agreement statements, each answer scored from 0 (least favourable) "
    "to 100 (most favourable), as the national health check scores them: low 0 to 50, moderate 51 to 74, high 75 to "
    f"100. Which statements count towards each Standard is set on the {QUESTIONNAIRE_PAGE} page "
    f"({STANDARD_SCORES_BUTTON})."
)


def tile_tooltip(score: StandardScore) -> str:
    """Everything behind a tile, in plain words."""
    lines = [f"Standard {score.standard.number}: {score.standard.title}", score.headline]
    if score.printed is not None:
        lines += [score.range_text, score.base_text + "."]
    lines += [score.change_text, score.national_text]
    if score.statements:
        lines.append("Statements: " + ", ".join(score.statements))
    words = "\n".join(line for line in lines if line)
    return f"{words}\n\n{explained(STANDARD_SCORE, INTERVAL, CHANGE)}"


class StandardTile(QFrame):
    """One Standard's score. Clicking it (or Enter on it) opens its first statement in the explorer."""

    clicked = Signal(str)

    def __init__(self, score: StandardScore, parent: QWidget | None = None):
        super().__init__(parent)
        self.score = score
        number = score.standard.number
        self.setObjectName(f"standard_tile_{number}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if score.statements:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = BAND_COLOURS[score.band]
        self.setStyleSheet(
            f"StandardTile {{ border: 1px solid palette(mid); border-left: 8px solid {colour}; "
            "border-radius: 4px; background: palette(base); }"
            f"StandardTile:focus {{ border: 2px solid palette(highlight); border-left: 8px solid {colour}; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(2)
        self.title_label = QLabel(f"<b>{number} {score.standard.title}</b>")
        if score.printed is None:
            self.score_label = QLabel(score.headline)
        else:
            self.score_label = QLabel(
                f"<span style='font-size:20pt; font-weight:600'>{score.printed:.0f}</span> out of 100&nbsp;&nbsp;"
                f"{score.band.value.capitalize()}"
            )
        statements = len(score.statements)
        self.detail_label = QLabel(
            f"{score.base} {'person' if score.base == 1 else 'people'}, {statements} "
            f"{noun(statements, 'statement')}" + (f"; {score.range_text}" if score.range_text else "")
            if score.printed is not None
            else ""
        )
        self.change_label = QLabel(self._change())
        self.national_label = QLabel(score.national_text)
        self.title_label.setWordWrap(True)
        for label in (self.detail_label, self.change_label, self.national_label):
            label.setWordWrap(True)
            label.setStyleSheet("color: palette(window-text); font-size: 8.5pt;")
        for label in (self.title_label, self.score_label, self.detail_label, self.change_label, self.national_label):
            if label.text():
                layout.addWidget(label)
            else:
                label.setParent(self)
                label.hide()
        layout.addStretch(1)
        self.setToolTip(tile_tooltip(score))
        self.setAccessibleName(f"Standard {number}, {score.standard.title}: {score.headline}")

    def _change(self) -> str:
        short = self.score.short_change_text
        change = self.score.change
        if not short or change is None or not change.more_than_chance:
            return short
        return f"{'▲' if change.difference > 0 else '▼'} {short}"

    def _open(self) -> None:
        if self.score.statements:
            self.clicked.emit(self.score.statements[0])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._open()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.score.statements:
            self._open()
            return
        super().keyPressEvent(event)


class StandardsPanel(QWidget):
    """The eight tiles under a heading, with a choice of whose scores: everyone, or one group shown under the one
    rule for small groups (a hidden group is listed, says why, and shows no figure)."""

    question_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("standardsPanel")
        self.tiles: list[StandardTile] = []
        self.scores: StandardsScores | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel("<b>Standards scores</b>")
        self.heading.setObjectName("standardsHeading")
        self.group_choice = QComboBox()
        self.group_choice.setObjectName("standardsGroup")
        self.group_choice.setAccessibleName("Show the Standards scores of")
        self.group_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_choice.setMinimumContentsLength(32)
        chooser_label = QLabel("Scores of &whom:")
        chooser_label.setBuddy(self.group_choice)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(chooser_label)
        top.addWidget(self.group_choice)
        layout.addLayout(top)
        self.note = QLabel(HOW_SCORED)
        self.note.setObjectName("standardsNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.group_choice.currentIndexChanged.connect(self._show_chosen)

    def show_scores(self, cycle_name: str, scores: StandardsScores) -> None:
        """Everyone's tiles, and the groups to choose from: listed now, or said to be on their way (`show_groups`)."""
        self.scores = scores
        self.heading.setText(f"<b>Standards scores, {cycle_name}</b> (out of 100)")
        self._list_groups()
        self._show_chosen()

    def show_groups(self, by_group: tuple[GroupStandardScores, ...]) -> None:
        """The groups' scores, worked out after everyone's: listed to choose from, everyone's tiles left as they are."""
        if self.scores is None or self.scores.by_group is not None:
            return
        self.scores = dataclasses.replace(self.scores, by_group=by_group)
        self._list_groups()

    def groups_failed(self) -> None:
        """The groups' scores could not be worked out (the message says why): the chooser says so, not that they are
        coming."""
        if self.scores is not None and self.scores.by_group is None and self.group_choice.count() > 1:
            self.group_choice.setItemText(1, GROUPS_FAILED)

    def _list_groups(self) -> None:
        assert self.scores is not None
        self.group_choice.blockSignals(True)
        self.group_choice.clear()
        self.group_choice.addItem(EVERYONE, None)
        if self.scores.by_group is None:
            self.group_choice.addItem(GROUPS_TO_COME, None)
            item = self.group_choice.model().item(1)
            item.setEnabled(False)
        for by in self.scores.by_group or ():
            for index, group in enumerate(by.groups):
                suffix = " (too few to show)" if group.hidden else ""
                self.group_choice.addItem(f"{by.dimension.title}: {group.label}{suffix}", (by.dimension.code, index))
        self.group_choice.setCurrentIndex(0)
        self.group_choice.blockSignals(False)

    def _chosen(self) -> tuple[tuple[StandardScore, ...], str]:
        """The scores to draw and the note to show under the heading."""
        assert self.scores is not None
        data = self.group_choice.currentData()
        if data is None:
            return self.scores.everyone, HOW_SCORED
        code, index = data
        by = next(b for b in self.scores.by_group or () if b.dimension.code == code)
        group: GroupScores = by.groups[index]
        if group.hidden:
            return (), (
                f"The scores of {group.label} are not shown: groups of fewer than "
                f"{counted(by.minimum, 'person')} are never "
                "shown, nor any group that would let one be worked out."
            )
        return group.scores, f"The scores of {by.dimension.title.lower()} {group.label} only. {HOW_SCORED}"

    def _show_chosen(self) -> None:
        for tile in self.tiles:
            tile.setParent(None)
            tile.deleteLater()
        self.tiles = []
        if self.scores is None:
            return
        scores, note = self._chosen()
        self.note.setText(note)
        for index, score in enumerate(scores):
            tile = StandardTile(score, self)
            tile.clicked.connect(self.question_requested)
            self.grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            self.tiles.append(tile)
