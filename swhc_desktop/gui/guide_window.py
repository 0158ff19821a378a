"""Help > User guide (F1): the guide that ships with the app, shown offline with its contents and a search box that
lists the sections containing the words typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.plurals import agrees, counted
from ..screens.guide import CONTENTS, Section, guide_dir, read_sections, search

TOPIC_ROLE = Qt.ItemDataRole.UserRole + 1


# The guide's pictures are 640 pixels wide: the page side is wide enough for them, with its margins, at first.
GUIDE_PAGE_WIDTH = 700
GUIDE_LIST_WIDTH = 260


class GuideWindow(QDialog):
    """The user guide, beside the main window (not modal: the PSW reads it while working)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle("SWHC Desktop user guide")
        self.setModal(False)
        self.sections = read_sections()
        self.searchEdit = QLineEdit(self)
        self.searchEdit.setObjectName("searchEdit")
        self.searchEdit.setPlaceholderText("Search the guide: type a word, such as 'interval' or 'read only'")
        self.searchEdit.setClearButtonEnabled(True)
        self.searchEdit.setAccessibleName("Search the guide")
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.searchEdit)
        self.backButton = QPushButton("&Back", self)
        self.contentsButton = QPushButton("&Contents", self)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.searchEdit, 1)
        top.addWidget(self.backButton)
        top.addWidget(self.contentsButton)
        self.topicList = QListWidget(self)
        self.topicList.setObjectName("topicList")
        self.topicList.setAccessibleName("Parts of the guide")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("browser")
        self.browser.setOpenExternalLinks(True)  # the guide links only to its own pages; anything else opens outside
        self.browser.setSearchPaths([str(guide_dir())])
        self.resultLabel = QLabel("", self)
        splitter = QSplitter(self)
        list_side = QWidget(splitter)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.resultLabel)
        list_layout.addWidget(self.topicList, 1)
        splitter.addWidget(list_side)
        splitter.addWidget(self.browser)
        splitter.setSizes([GUIDE_LIST_WIDTH, GUIDE_PAGE_WIDTH])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(GUIDE_LIST_WIDTH + GUIDE_PAGE_WIDTH + 40, 660)
        self.searchEdit.textChanged.connect(self._search)
        self.topicList.currentItemChanged.connect(self._topic_chosen)
        self.topicList.itemActivated.connect(self._topic_chosen)
        self.backButton.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.backButton.setEnabled)
        self.backButton.setEnabled(False)
        self.contentsButton.clicked.connect(lambda: self.show_topic(CONTENTS))
        QShortcut(QKeySequence.StandardKey.Find, self, self.searchEdit.setFocus)
        self._list_contents()

    def show_topic(self, topic: str) -> None:
        """Show a part of the guide ('findings.html#explorer') and bring the window up."""
        page, _, anchor = topic.partition("#")
        url = QUrl.fromLocalFile(str(guide_dir() / page))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self._mark_in_list(topic)
        self.show()
        self.raise_()
        self.activateWindow()

    def _mark_in_list(self, topic: str) -> None:
        """The part shown is the one marked in the list, however it was reached (F1, a search, a link)."""
        for row in range(self.topicList.count()):
            item = self.topicList.item(row)
            if item.data(TOPIC_ROLE) == topic:
                self.topicList.blockSignals(True)
                self.topicList.setCurrentItem(item)
                self.topicList.blockSignals(False)
                self.topicList.scrollToItem(item)
                return

    def shown_topic(self) -> str:
        """The page and section in view, as 'findings.html#explorer'."""
        source = self.browser.source()
        name = source.fileName()
        return f"{name}#{source.fragment()}" if source.fragment() else name

    def _list_contents(self) -> None:
        """With nothing searched for, the list is the guide's pages and their sections."""
        self.resultLabel.setText("Contents")
        self._fill([s for s in self.sections if s.page != CONTENTS], indent_sections=True)

    def _fill(self, sections: list[Section], indent_sections: bool = False) -> None:
        self.topicList.blockSignals(True)
        self.topicList.clear()
        for section in sections:
            text = section.heading if indent_sections else section.title
            if indent_sections and section.anchor:
                text = f"    {text}"
            item = QListWidgetItem(text, self.topicList)
            item.setData(TOPIC_ROLE, section.topic)
            item.setToolTip(section.title)
        self.topicList.blockSignals(False)

    def _search(self, words: str) -> None:
        if not words.strip():
            self._list_contents()
            return
        found = search(self.sections, words)
        self.resultLabel.setText(
            f"{counted(len(found), 'part')} of the guide {agrees(len(found), 'mentions', 'mention')} '{words.strip()}'"
            if found
            else f"Nothing in the guide mentions '{words.strip()}'. Try another word."
        )
        self._fill(found)
        if found:
            self.show_topic(found[0].topic)

    def _topic_chosen(self, item: QListWidgetItem | None, *_: object) -> None:
        if item is not None:
            self.show_topic(item.data(TOPIC_ROLE))
