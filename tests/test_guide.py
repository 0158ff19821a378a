"""The user guide ships with the app and answers the PSW offline: every link and picture in it resolves, it explains
every figure in the same words as the screens' tooltips, Help > User guide and F1 open the part for the page in view,
and its search box finds the sections that mention a word."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from swhc_desktop.gui.guide_window import TOPIC_ROLE
from swhc_desktop.screens.figure_words import EVERY_FIGURE
from swhc_desktop.screens.guide import PAGE_TOPICS, TAB_TOPICS, guide_dir, read_sections, search, topic_for

PICTURE_WIDTH = 900
PICTURE_BYTES = 150_000


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.images: list[str] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if tag == "img":
            self.images.append(attributes.get("src") or "")
            assert attributes.get("alt"), f"a picture without words for a screen reader: {attributes}"
        if tag == "link":
            self.stylesheets.append(attributes.get("href") or "")


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def pages() -> dict[str, Links]:
    return {path.name: parsed(path) for path in sorted(guide_dir().glob("*.html"))}


def resolves(topic: str, guide: dict[str, Links]) -> bool:
    page, _, anchor = topic.partition("#")
    return page in guide and (not anchor or anchor in guide[page].ids)


def test_every_link_in_the_guide_goes_to_a_page_and_section_it_has_and_none_needs_the_internet():
    guide = pages()
    assert len(guide) >= 8
    broken = [
        f"{name}: {href}"
        for name, links in guide.items()
        for href in links.hrefs
        if not resolves(href if not href.startswith("#") else f"{name}{href}", guide)
    ]
    assert broken == []
    assert not [href for links in guide.values() for href in links.hrefs if "://" in href]


def test_every_picture_in_the_guide_is_there_small_and_every_picture_there_is_used():
    guide = pages()
    used = {src for links in guide.values() for src in links.images}
    assert used, "the guide shows the screens"
    for src in used:
        path = guide_dir() / src
        assert path.is_file(), src
        image = QImage(str(path))
        assert not image.isNull() and image.width() <= PICTURE_WIDTH, src
        assert path.stat().st_size <= PICTURE_BYTES, f"{src} is {path.stat().st_size:,} bytes"
    on_disk = {f"images/{p.name}" for p in (guide_dir() / "images").iterdir()}
    assert on_disk == used
    assert all((guide_dir() / sheet).is_file() for links in guide.values() for sheet in links.stylesheets)


def test_the_part_for_every_page_and_tab_of_the_window_is_in_the_guide():
    guide = pages()
    topics = [*PAGE_TOPICS.values(), *TAB_TOPICS.values(), topic_for(None)]
    assert [t for t in topics if not resolves(t, guide)] == []


def test_the_guide_explains_every_figure_in_the_words_of_the_tooltips():
    sections = {s.topic: s for s in read_sections()}
    for figure in EVERY_FIGURE:
        section = sections[f"figures.html#{figure.key}"]
        assert figure.meaning in section.text, figure.key


@pytest.mark.parametrize(
    ("words", "found_in"),
    [
        ("base", "figures.html#base"),
        ("favourable", "figures.html#favourable"),
        ("95% range", "figures.html#interval"),
        ("more than chance", "figures.html#chance"),
        ("small group", "figures.html#small-groups"),
        ("moderate", "figures.html#standard-scores"),
        ("read only", "problems.html#read-only"),
        ("newer version", "problems.html#newer-version"),
        ("export cannot be read", "problems.html#cannot-read"),
        ("paper returns", "responses.html#paper"),
        ("hand out", "questionnaire.html#hand-outs"),
        ("progress update", "action-plan.html#progress"),
        ("employer return", "reports.html#employer-return"),
    ],
)
def test_the_guide_answers_the_psws_questions(words, found_in):
    assert found_in in [s.topic for s in search(read_sections(), words)]


def test_the_standards_scores_bands_are_explained():
    text = next(s.text for s in read_sections() if s.topic == "figures.html#standard-scores")
    assert "out of 100" in text and "0 to 50 are low, 51 to 74 moderate and 75 to 100 high" in text


# ---------------------------------------------------------------------------------------------------- in the app


@pytest.fixture
def window(qtbot, settings, folders, demo_path):
    from swhc_desktop.gui.main_window import MainWindow

    from .support.pages import demo_at_laptop_size

    window = demo_at_laptop_size(qtbot, MainWindow(settings, folders), demo_path)
    yield window
    window._close_file()


def press_f1(qtbot, window):
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
    assert window.guide_window is not None and window.guide_window.isVisible()
    return window.guide_window


@pytest.mark.parametrize(
    ("row", "topic"),
    [
        (0, "questionnaire.html"),
        (1, "responses.html"),
        (2, "findings.html#dashboard"),
        (3, "action-plan.html"),
        (4, "reports.html#members"),
    ],
)
def test_f1_opens_the_part_of_the_guide_for_the_page_in_view(window, qtbot, row, topic):
    window.pageList.setCurrentRow(row)
    window.pages.currentWidget().setFocus()
    guide = press_f1(qtbot, window)
    assert guide.shown_topic() == topic
    assert guide.browser.toPlainText().strip()
    assert guide.topicList.currentItem().data(TOPIC_ROLE) == topic, "the part shown is the one marked in the list"
    assert guide.browser.horizontalScrollBar().maximum() == 0, "the page and its pictures fit the window as it opens"


def test_f1_on_a_tab_opens_that_tabs_section_scrolled_to_it(window, qtbot):
    window.pageList.setCurrentRow(2)
    findings = window.findings_page
    for tab, topic in (
        (findings.explorerTab, "findings.html#explorer"),
        (findings.commentsTab, "findings.html#comments"),
        (findings.keyFindingsTab, "findings.html#key-findings"),
    ):
        findings.findingsTabs.setCurrentWidget(tab)
        guide = press_f1(qtbot, window)
        assert guide.shown_topic() == topic
    assert guide.browser.verticalScrollBar().value() > 0  # the last section, not the top of the page
    window.pageList.setCurrentRow(4)
    reports = window.page("Reports")
    reports.reportsTabs.setCurrentIndex(1)
    assert press_f1(qtbot, window).shown_topic() == "reports.html#employer-return"
    reports.reportsTabs.setCurrentIndex(2)
    assert press_f1(qtbot, window).shown_topic() == "reports.html#exports"


def test_with_no_file_open_f1_opens_getting_started(window, qtbot):
    window.close_file()
    assert press_f1(qtbot, window).shown_topic() == "getting-started.html"


def test_help_user_guide_is_on_the_help_menu_with_f1(window):
    assert window.actionGuide in window.menuHelp.actions()
    assert window.actionGuide.shortcut().toString() == "F1"
    window.actionGuide.trigger()
    assert window.guide_window.isVisible()


def test_the_search_box_finds_the_sections_that_mention_a_word_and_shows_the_first(window, qtbot):
    window.actionGuide.trigger()
    guide = window.guide_window
    qtbot.keyClicks(guide.searchEdit, "interval")
    found = [guide.topicList.item(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(guide.topicList.count())]
    assert "figures.html#interval" in found
    assert guide.shown_topic() == found[0]
    assert "mention" in guide.resultLabel.text()
    guide.searchEdit.clear()
    qtbot.keyClicks(guide.searchEdit, "xylophone")
    assert guide.topicList.count() == 0 and "Nothing in the guide mentions 'xylophone'" in guide.resultLabel.text()
    guide.searchEdit.clear()
    assert guide.resultLabel.text() == "Contents" and guide.topicList.count() > 20
    qtbot.mouseClick(guide.contentsButton, Qt.MouseButton.LeftButton)
    assert guide.shown_topic() == "index.html"


def test_the_contents_follow_the_psws_year_and_list_every_page_once():
    from swhc_desktop.screens.guide import PAGE_ORDER

    tops = [s.page for s in read_sections() if not s.anchor]
    assert tops == list(PAGE_ORDER)
    assert sorted(p.name for p in guide_dir().glob("*.html")) == sorted(PAGE_ORDER)


def test_the_guide_is_bundled_with_the_installed_app():
    """PyInstaller copies the whole of resources/ into the app, the guide with it (the wheel: test_packaging)."""
    spec = (Path(__file__).resolve().parents[1] / "build.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "swhc_desktop/resources")' in spec
    assert (guide_dir() / "index.html").is_file() and guide_dir().parent.name == "resources"
