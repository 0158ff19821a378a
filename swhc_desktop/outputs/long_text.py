"""What people typed, made ready for a printed page: as paragraphs for a page or a table's cell (whatever it holds
and however long, all of it printed), as a paragraph's markup, shortened to one line where a page has room for one
line only (the council's name at the top of every page, an action in the summary's list: always printed in full
elsewhere in the same document), and the test of whether a label is short enough to head a narrow column.

Every document lays out what people typed through `typed_text`. reportlab lays a paragraph out again, whole, on each
page it runs on to, so a text of many lines (or one line of a whole page or more) is set as one paragraph a line,
and a very long line as paragraphs of about a page: a long text then runs over pages as quickly as a short one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from ..domain.printable import one_line, printable

ELLIPSIS = "…"
# A label heads a narrow column (an answer over a grid of tick boxes, or over a column of per cents) only when it
# is this short; a longer one is printed where it has the width of the page instead.
NARROWEST_CHARACTER = 0.2  # of the font's size: the narrowest character of our fonts is wider than this
HEADING_LENGTH = 40
HEADING_WORD_LENGTH = 16
MOST_HEADED_COLUMNS = 7  # answers side by side in a grid or a shared table; with more, each question stands alone


PARAGRAPH_LENGTH = 1500  # characters: a longer line is set as several paragraphs, broken at a sentence or a space
LONG_WORD = 90  # characters: about a line of a page; a longer word is set in pieces of this length
GROUPED_LINES = 40  # lines of a text in one paragraph at most
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


# Characters that only steer how text around them is shown (zero-width spaces and joiners, the marks and overrides
# of right-to-left text, a byte-order mark): our PDF fonts have no glyph for them, so each would print as a box.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def on_paper(text: str) -> str:
    """`printable(text)` without the invisible characters our PDF fonts would print as boxes."""
    return _INVISIBLE.sub("", printable(text))


class TypedParagraph(Paragraph):
    """A paragraph of typed text that remembers how it broke into lines at each width it was given: a table lays its
    cells out again, at the same widths, every time it is split over a page, and a long text is in many of them
    (breaking the lines is all the work of laying a paragraph out; the lines depend on the width alone)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        broken = self.__dict__.setdefault("_broken_at", {})
        if availWidth in broken:
            self.blPara, self.height, self._wrapWidths = broken[availWidth]
            self.width = availWidth
            return availWidth, self.height
        size = super().wrap(availWidth, availHeight)
        if self.__dict__.get("width") == availWidth and "blPara" in self.__dict__:  # not too narrow to lay out at all
            broken[availWidth] = (self.blPara, self.height, self._wrapWidths)
        return size


def typed_text(
    text: str,
    style: ParagraphStyle,
    *,
    lead: str = "",
    end: str = "",
    bold: bool = False,
    italic: bool = False,
    bullet: str | None = None,
) -> list[Flowable]:
    """`text` as paragraphs in `style`, its line breaks kept (and a run of blank lines as one), read as plain text:
    nothing in it is taken as markup. `lead` and `end` are markup put before and after it (a bold label, quotation
    marks), `bullet` hangs beside its first line. A long text is set as several paragraphs that follow on as one:
    the style's space before is kept before the first and its space after after the last."""
    groups = _grouped(_pieces(on_paper(text)))
    opening = ("<b>" if bold else "") + ("<i>" if italic else "")
    closing = ("</i>" if italic else "") + ("</b>" if bold else "")
    styles: dict[tuple[bool, bool], ParagraphStyle] = {}
    flowables: list[Flowable] = []
    for index, lines in enumerate(groups):
        first, last = index == 0, index == len(groups) - 1
        words = "<br/>".join(f"{opening}{escape(line)}{closing}" for line in lines) if lines != [""] else "&nbsp;"
        words = f"{lead if first else ''}{words}{end if last else ''}"
        flowables.append(
            TypedParagraph(words, _joined(style, first, last, styles), bulletText=bullet if first else None)
        )
    return flowables


def _grouped(pieces: list[str]) -> list[list[str]]:
    """Lines in paragraphs of up to GROUPED_LINES lines and about PARAGRAPH_LENGTH characters (a blank line is one
    on its own): few enough paragraphs for a table to measure quickly, each short enough to lay out quickly."""
    groups: list[list[str]] = []
    size = 0
    for piece in pieces:
        fits = (
            groups
            and piece
            and groups[-1] != [""]
            and len(groups[-1]) < GROUPED_LINES
            and size + len(piece) <= PARAGRAPH_LENGTH
        )
        if fits:
            groups[-1].append(piece)
            size += len(piece)
        else:
            groups.append([piece])
            size = len(piece)
    return groups


def _pieces(text: str) -> list[str]:
    """The text's lines, each no longer than about PARAGRAPH_LENGTH characters, and a word longer than a line of a
    page (a link, or a key held down) in pieces of LONG_WORD characters, each a line of its own; "" for a blank line
    (never two in a row, nor one at either end). Always at least one piece."""
    pieces: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if pieces and pieces[-1]:
                pieces.append("")
            continue
        for part in _around_long_words(line):
            while len(part) > PARAGRAPH_LENGTH:
                cut = _break_at(part)
                pieces.append(part[:cut].rstrip())
                part = part[cut:].lstrip()
            pieces.append(part)
    while pieces and not pieces[-1]:
        pieces.pop()
    return pieces or [""]


def _around_long_words(line: str) -> list[str]:
    """The line, with each word longer than LONG_WORD characters cut out of it in pieces of that length (reportlab
    would break such a word itself, but measures every one of its characters each time it lays it out)."""
    if not _LONG_WORD.search(line):
        return [line]
    parts: list[str] = []
    start = 0
    for found in _LONG_WORD.finditer(line):
        before = line[start : found.start()].strip()
        if before:
            parts.append(before)
        word = found.group()
        parts += [word[at : at + LONG_WORD] for at in range(0, len(word), LONG_WORD)]
        start = found.end()
    after = line[start:].strip()
    if after:
        parts.append(after)
    return parts


def _break_at(line: str) -> int:
    """Where to break a long line: after the last sentence in its first PARAGRAPH_LENGTH characters, else at the last
    space, else (one long word) there."""
    window = line[:PARAGRAPH_LENGTH]
    for mark in (". ", "? ", "! ", "; ", ", ", " "):
        at = window.rfind(mark)
        if at >= PARAGRAPH_LENGTH // 2:
            return at + len(mark)
    return PARAGRAPH_LENGTH


def _joined(
    style: ParagraphStyle, first: bool, last: bool, made: dict[tuple[bool, bool], ParagraphStyle]
) -> ParagraphStyle:
    """The style for one paragraph of several that read as one: no space between them."""
    if first and last:
        return style
    if (first, last) not in made:
        made[first, last] = ParagraphStyle(
            f"{style.name}-joined",
            parent=style,
            spaceBefore=style.spaceBefore if first else 0,
            spaceAfter=style.spaceAfter if last else 0,
        )
    return made[first, last]


def markup(text: str) -> str:
    """Plain text as a reportlab paragraph's markup: unprintable characters left out, markup characters escaped,
    line breaks kept. Long words and long texts are left whole: paragraphs break a word too wide for its column and
    run over as many pages as they need."""
    return escape(on_paper(text)).replace("\n", "<br/>")


def _line_on_paper(text: str) -> str:
    return " ".join(on_paper(text).split())


def shortened(text: str, length: int) -> str:
    """The text on one line, cut after about `length` characters (at a space when there is one near) with '…'."""
    line = _line_on_paper(text)
    if len(line) <= length:
        return line
    cut = line[:length]
    space = cut.rfind(" ")
    if space >= length * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + ELLIPSIS


def fitted(text: str, font: str, size: float, width: float) -> str:
    """The text on one line, cut with '…' so that it is no wider than `width` in this font."""
    whole = _line_on_paper(text)
    line = whole[: int(width / (size * NARROWEST_CHARACTER)) + 1]  # no more than could ever fit
    if line == whole and stringWidth(line, font, size) <= width:
        return line
    low, high = 0, len(line)
    while low < high:  # the longest start that fits with the '…'
        middle = (low + high + 1) // 2
        if stringWidth(line[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + ELLIPSIS if low else ""


def column_heading(label: str) -> str:
    """A label heading a column, as markup: its words, with any line breaks in it as spaces (a heading row is
    repeated on every page and cannot itself run over one)."""
    return escape(_line_on_paper(label))


def fits_a_column_heading(label: str) -> bool:
    """Whether a label is short enough to head a narrow column (no more than a few words, none of them long)."""
    line = one_line(label)
    return len(line) <= HEADING_LENGTH and all(len(word) <= HEADING_WORD_LENGTH for word in line.split())


def fit_as_column_headings(labels: Sequence[str], most: int = MOST_HEADED_COLUMNS) -> bool:
    """Whether these labels (a question's answers) can each head a narrow column of one table across the page."""
    return 0 < len(labels) <= most and all(fits_a_column_heading(label) for label in labels)
