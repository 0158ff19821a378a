"""What an empty page or list says to do next, in lines short enough to read (about 70 characters), never one long
line across a wide window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QBoxLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

READABLE_CHARACTERS = 70


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
