"""What an accessible document is made of, whatever it is written as: headings in order, numbered paragraphs, lists,
quotes, tables with their header rows and captions, and charts with their words and figures. The Word and web writers
lay out the same blocks, so the two cannot disagree; each report builds its blocks once from its content."""

from __future__ import annotations

from dataclasses import dataclass, field

# The style each kind of block is set in, by name, so that a council can restyle a document with its own template.
BODY, NOTE, SMALL, ANSWER, QUOTE, BULLET, SUBTITLE = (
    "Body Text",
    "SWHC Note",
    "SWHC Small Print",
    "SWHC Answer",
    "Quote",
    "List Bullet",
    "Subtitle",
)


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 3, in order: a level is never skipped
    text: str
    number: str = ""  # '3' or 'Appendix A', said before the heading's words


@dataclass(frozen=True)
class Paragraph:
    text: str
    number: str = ""  # '3.2', hanging in the margin as council reports set them
    style: str = BODY
    lead: str = ""  # words in bold just before the text (which starts with its own space or colon)


@dataclass(frozen=True)
class Table:
    caption: str  # what the table is of, said above it
    header: tuple[tuple[str, ...], ...]  # the header rows, repeated on every page the table runs on to
    rows: tuple[tuple[str, ...], ...]
    numeric_from: int = 1  # columns from this one on hold figures (set to the right)
    footnote: str = ""  # the base, under the table
    row_headers: bool = True  # the first cell of each row names it
    shares: tuple[float, ...] = ()  # each column's share of the width, where the first column's 40% does not suit

    def column_shares(self) -> tuple[float, ...]:
        """Each column's share of the page's width: as given, or the first (which names the row) 40% and the figures
        sharing the rest; two columns of words share it equally."""
        columns = max(len(row) for row in (*self.header, *self.rows))
        if self.shares:
            return self.shares
        if columns < 3:
            return (0.5, 0.5) if columns == 2 else (1.0,)
        return (0.4, *([0.6 / (columns - 1)] * (columns - 1)))


@dataclass(frozen=True)
class Chart:
    """A chart as a picture, with what it shows in words and figures (built from the data it is drawn from), and
    the figures as a table for those who cannot see it."""

    png: bytes
    alt: str
    width_mm: float
    height_mm: float
    figures: Table | None = None  # None: the table beside it in the document holds its figures


@dataclass(frozen=True)
class Document:
    title: str  # the document's title, in its properties and at its head
    subtitle: str
    council: str  # at the head of every page
    protective_marking: str
    blocks: list[Heading | Paragraph | Table | Chart] = field(default_factory=list)
    author: str = ""
    subject: str = ""
    landscape: bool = False

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def text(self) -> str:
        """Every word and figure the document holds, in order: what a reader of any format is told."""
        lines = [self.title, self.subtitle]
        for block in self.blocks:
            if isinstance(block, Heading):
                lines.append(f"{block.number} {block.text}".strip())
            elif isinstance(block, Paragraph):
                lines.append(" ".join(part for part in (block.number, block.lead + block.text) if part))
            elif isinstance(block, Table):
                lines.append(block.caption)
                lines += [" | ".join(row) for row in (*block.header, *block.rows)]
                lines.append(block.footnote)
            else:
                lines.append(block.alt)
        return "\n".join(line for line in lines if line)
