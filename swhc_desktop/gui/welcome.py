"""The welcome screen shown when no health check is open, and the banner that introduces the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidgetItem, QPushButton, QToolButton, QWidget

from .common.forms import load_form

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class WelcomePage(QWidget):
    demo_requested = Signal()
    new_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        load_form("welcome_page", self)
        font = self.titleLabel.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.titleLabel.setFont(font)
        for button in (self.demoButton, self.newButton, self.openButton):
            button.setMinimumHeight(40)
            button.setStyleSheet("text-align: left; padding-left: 14px;")
        self.demoButton.clicked.connect(self.demo_requested)
        self.newButton.clicked.connect(self.new_requested)
        self.openButton.clicked.connect(self.open_requested)
        self.recentList.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(PATH_ROLE)))

    def show_recent(self, paths: list[Path]) -> None:
        self.recentList.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.stem}    ({path.parent})", self.recentList)
            item.setData(PATH_ROLE, path)
            item.setToolTip(str(path))
        self.recentLabel.setVisible(bool(paths))
        self.recentList.setVisible(bool(paths))


class DemoBanner(QFrame):
    """A strip above the demo telling a newcomer what they are looking at and how to start their own."""

    new_requested = Signal()
    open_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setStyleSheet("#demoBanner { background: #fff4ce; border: 1px solid #e0c36a; border-radius: 4px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.message = QLabel(
            "<b>This is a demo.</b> Demo Borough Council is imaginary; its three years of staff surveys show how "
            "SWHC Desktop works. When you are ready, start your own health check.",
            self,
        )
        self.message.setWordWrap(True)
        layout.addWidget(self.message, 1)
        new_button = QPushButton("Start your own…", self)
        new_button.clicked.connect(self.new_requested)
        open_button = QPushButton("Open a file…", self)
        open_button.clicked.connect(self.open_requested)
        close_button = QToolButton(self)
        close_button.setText("✕")
        close_button.setToolTip("Hide this message")
        close_button.setAccessibleName("Hide the demo message")
        close_button.setAutoRaise(True)
        close_button.clicked.connect(self.dismissed)
        for widget in (new_button, open_button, close_button):
            layout.addWidget(widget)
