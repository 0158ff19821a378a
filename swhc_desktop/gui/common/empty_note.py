"""What an empty page or list says to do next, in lines short enough to read (about 70 characters), never one long
line across a wide window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QBoxLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ...domain.labels import IMPORT_BUTTON, NEW_CYCLE, NEW_CYCLE_BUTTON, PAPER_RETURNS_BUTTON, RESPONSES_PAGE

READABLE_CHARACTERS = 70


def no_cycle_yet(then: str) -> str:
    """What every page of a file with no cycles says: what a cycle is, how to start one, and `then`, what this page
    will do once there is one."""
    return (
        "This health check has no cycles yet. A cycle is one year's health check: its questionnaire, responses, "
        f"findings and action plan. Start one with {NEW_CYCLE_BUTTON} at the top of the window (or {NEW_CYCLE}); "
        f"then {then}"
    )


def no_responses_yet(cycle_name: str, then: str) -> str:
    """What a page that works from the responses says while its cycle has none."""
    return (
        f"{cycle_name} has no responses yet. Import them on the {RESPONSES_PAGE} page ({IMPORT_BUTTON}) or key in "
        f"paper returns there ({PAPER_RETURNS_BUTTON}); then {then}"
    )


def page_note(layout: QBoxLayout, parent: QWidget) -> QLabel:
    """A note at the top of a page, wrapped at a readable width and centred, hidden until it has something to say."""
    label = QLabel("", parent)
    label.setObjectName("pageNote")
    label.setTextFormat(Qt.TextFormat.PlainText)
    layout.insertWidget(0, label)
    keep_readable(layout, label)
    label.setContentsMargins(0, 24, 0, 12)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    """Show `text` in a page's note, or hide the note when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))


def readable_width(widget: QWidget) -> int:
    """The width of a comfortable line of text in the widget's font."""
    return widget.fontMetrics().averageCharWidth() * READABLE_CHARACTERS


def keep_readable(layout: QBoxLayout, label: QLabel, *buttons: QWidget, fill_height: bool = False) -> None:
    """An empty page's note (and the buttons that do what it says) centred in `layout`: the note wrapped at a readable
    width; each button at its own size, not stretched across the window. With `fill_height` the note takes the room
    left on the page, its text at the top, so the page's other lines stay together above it."""
    label.setWordWrap(True)
    label.setFixedWidth(readable_width(label))
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
    if fill_height:
        label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
    # Centred between stretches rather than by the layout's alignment, which would lay it out one line high.
    index = layout.indexOf(label)
    layout.removeWidget(label)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    layout.insertLayout(index, row, 1 if fill_height else 0)
    for button in buttons:
        layout.setAlignment(button, Qt.AlignmentFlag.AlignHCenter)


class EmptyListNote(QLabel):
    """A note shown over an empty list or table (`view`), near its top and centred, saying what to do to fill it."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view.viewport())
        self.setObjectName(f"{view.objectName()}EmptyNote")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("color: palette(dark);")
        self.hide()
        view.viewport().installEventFilter(self)

    def say(self, text: str) -> None:
        """Show `text` over the list, or nothing when `text` is empty."""
        self.setText(text)
        self.setVisible(bool(text))
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)

    def _place(self) -> None:
        room = self.parentWidget()
        width = min(readable_width(self), max(room.width() - 24, 100))
        height = self.heightForWidth(width) if self.text() else 0
        self.setGeometry((room.width() - width) // 2, 24, width, max(height, 0))
