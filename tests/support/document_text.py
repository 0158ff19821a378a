"""Reading back what a Word document or web page we make says, in reading order, for tests that compare it with the
PDF: the body's paragraphs and tables' cells of a .docx (with python-docx), the text of a .html less its styles."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


def docx_text(path: Path) -> str:
    """The body's text: paragraphs and tables' cells, in order (not the pictures' alt text)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [cell.text for row in block.rows for cell in row.cells]
    return "\n".join(parts)


class _Text(HTMLParser):
    def __init__(self, charts: bool) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0
        self.skipped = ("style", "script", "title") + (() if charts else ("figcaption",))
        self.charts = charts

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.skipped:
            self.skipping += 1
        if tag == "img" and self.charts:
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipped:
            self.skipping -= 1
        elif tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "caption", "figcaption", "br", "tr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(path: Path, charts: bool = True) -> str:
    """The page's text; with `charts` False, without what each chart is said to show (its alt text and caption)."""
    parser = _Text(charts)
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def chart_words(path: Path) -> list[str]:
    """What each chart of a .docx is said to show: its pictures' alt text."""
    import docx

    return [shape._inline.docPr.get("descr") or "" for shape in docx.Document(str(path)).inline_shapes]


def document_text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else html_text(path)
