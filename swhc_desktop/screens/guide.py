"""The user guide that ships with the app (resources/guide/): its pages and their sections, the part of it for each
page of the window (F1), and finding the sections that mention some words (the guide's search box)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..paths import resources_dir

CONTENTS = "index.html"
# The pages in the order of the PSW's year, as the contents list them.
PAGE_ORDER = (
    CONTENTS,
    "getting-started.html",
    "questionnaire.html",
    "responses.html",
    "findings.html",
    "action-plan.html",
    "reports.html",
    "figures.html",
    "problems.html",
)

# The part of the guide for each page of the window, and for each tab of a page with tabs (by the tab's object name).
PAGE_TOPICS = {
    "Questionnaire": "questionnaire.html",
    "Responses": "responses.html",
    "Findings": "findings.html",
    "Action plan": "action-plan.html",
    "Reports": "reports.html",
}
TAB_TOPICS = {
    "dashboardTab": "findings.html#dashboard",
    "explorerTab": "findings.html#explorer",
    "commentsTab": "findings.html#comments",
    "keyFindingsTab": "findings.html#key-findings",
    "Report for members": "reports.html#members",
    "Employer return": "reports.html#employer-return",
    "Exports": "reports.html#exports",
}
NO_FILE_TOPIC = "getting-started.html"
# The part of the guide for each dialog (by its class's name), which F1 opens while the dialog is in front.
DIALOG_TOPICS = {
    "NewFileDialog": "getting-started.html#new-file",
    "NewCycleDialog": "getting-started.html#cycles",
    "EditCycleDialog": "getting-started.html#cycles",
    "RestoreBackupDialog": "problems.html#damaged",
    "QuestionBankDialog": "questionnaire.html#design",
    "StandardStatementsDialog": "figures.html#standard-scores",
    "IntroductionDialog": "questionnaire.html#hand-outs",
    "ImportWizard": "responses.html#import",
    "PaperEntryDialog": "responses.html#paper",
    "IndicatorSettingsDialog": "findings.html#dashboard",
    "AnswersDialog": "findings.html#dashboard",
    "ThemeChartWindow": "findings.html#comments",
    "FindingDialog": "findings.html#key-findings",
    "NationalScoresDialog": "figures.html#standard-scores",
    "ActionDialog": "action-plan.html#actions",
    "ProgressUpdateDialog": "action-plan.html#progress",
    "CommentChooserDialog": "reports.html#members",
}


def guide_dir() -> Path:
    return resources_dir() / "guide"


def topic_for(page: str | None, tab: str | None = None) -> str:
    """The part of the guide for the page in view (None: no file open), and its tab if it has tabs."""
    if page is None:
        return NO_FILE_TOPIC
    if tab is not None:
        tab = tab.replace("&", "")
        if tab in TAB_TOPICS:
            return TAB_TOPICS[tab]
    return PAGE_TOPICS.get(page, CONTENTS)


def dialog_topic(dialog_classes: list[str]) -> str | None:
    """The part of the guide for a dialog, given the names of its class and of the classes it is built on (so that
    a dialog made from another has its part); None for a dialog of no part of its own (a question box)."""
    return next((DIALOG_TOPICS[name] for name in dialog_classes if name in DIALOG_TOPICS), None)


@dataclass(frozen=True)
class Section:
    """A part of a page of the guide, from one heading to the next, with its words as plain text."""

    page: str  # file name, such as "figures.html"
    anchor: str  # the heading's id ("" for the top of the page)
    page_title: str
    heading: str
    text: str

    @property
    def topic(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page

    @property
    def title(self) -> str:
        return self.page_title if self.heading == self.page_title else f"{self.page_title}: {self.heading}"


class _Sections(HTMLParser):
    """Splits a page of the guide at its h1 and h2 headings."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.page_title = ""
        self.sections: list[Section] = []
        self._anchor = ""
        self._heading = ""
        self._words: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2"):
            self._close()
            self._anchor = "" if tag == "h1" else dict(attrs).get("id") or ""
            self._heading = ""
            self._in = tag
        elif tag == "title":
            self._in = "title"
        elif tag == "img":
            self._words.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.page_title += data
        elif self._in in ("h1", "h2"):
            self._heading += data
        self._words.append(data)

    def _close(self) -> None:
        text = " ".join(" ".join(self._words).split())
        if self._heading:  # what comes before the first heading is the way back to the contents, not a section
            heading = " ".join(self._heading.split())
            self.sections.append(Section(self.page, self._anchor, self.page_title.strip(), heading, text))
        self._words = []

    def close(self) -> None:
        super().close()
        self._close()


def read_sections(folder: Path | None = None) -> list[Section]:
    """Every section of every page of the guide, in the order of the PSW's year (any other page after them)."""
    folder = folder or guide_dir()
    order = {name: index for index, name in enumerate(PAGE_ORDER)}
    pages = sorted(folder.glob("*.html"), key=lambda p: (order.get(p.name, len(order)), p.name))
    sections: list[Section] = []
    for path in pages:
        parser = _Sections(path.name)
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        sections += parser.sections
    return sections


def search(sections: list[Section], words: str) -> list[Section]:
    """The sections that contain every word typed (any case, and a word may be the start of a longer one: 'interv'
    finds 'interval'), those with the words in their heading first."""
    wanted = [w for w in re.split(r"\W+", html.unescape(words).casefold()) if w]
    if not wanted:
        return []

    def has_all(text: str) -> bool:
        found = re.findall(r"\w+", text.casefold())
        return all(any(word.startswith(w) for word in found) for w in wanted)

    matching = [s for s in sections if has_all(f"{s.heading} {s.text}")]
    return sorted(matching, key=lambda s: not has_all(s.heading))
