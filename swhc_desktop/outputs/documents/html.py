"""A document's blocks as one self-contained web page that meets WCAG 2.2 AA: its language and title, a header, the
contents as navigation, the main text and a footer as landmarks, headings in order, tables with header cells and
captions, every chart embedded as a PNG with what it shows in words and its figures as a table, colours of enough
contrast, and a layout that reflows at 400% zoom. Nothing is fetched from anywhere: the page is all in one file."""

from __future__ import annotations

import base64
import re
from html import escape
from pathlib import Path

from ...domain.printable import one_line, printable
from ..files import write_file
from .blocks import BULLET, NOTE, QUOTE, SMALL, Chart, Document, Heading, Paragraph, Table

LANGUAGE = "en-GB"

# Text and accents of at least 7:1 on white; shading light enough to keep them so. Sizes in rem so that the page
# grows with the reader's own text size, and no fixed widths, so that it reflows to one column at 400% zoom.
STYLE = """
*,*::before,*::after{box-sizing:border-box}
html{font-family:Arial,Helvetica,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0}
.skip{position:absolute;left:-999em}
.skip:focus{position:static;display:inline-block;padding:.5rem;background:#ffdd00;color:#0b0c0c}
header,nav,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
header{border-bottom:.25rem solid #1f3a5f;padding-top:1rem;padding-bottom:1rem}
.council{font-weight:bold;margin:0}
.marking{font-weight:bold;letter-spacing:.05em;margin:0}
h1{font-size:2rem;line-height:1.2;color:#1f3a5f;margin:1rem 0 .25rem}
h2{font-size:1.5rem;line-height:1.25;color:#1f3a5f;margin:2rem 0 .75rem}
h3{font-size:1.15rem;line-height:1.3;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:1.25rem 0 .5rem}
.subtitle{font-size:1.15rem;color:#4d4d4d;margin:0}
p{margin:0 0 .75rem;overflow-wrap:anywhere}
.numbered{display:flex;gap:.75rem}
.numbered .number{flex:0 0 3rem;font-weight:bold}
.note{font-style:italic;color:#4d4d4d}
.small{font-size:.9rem;color:#4d4d4d}
blockquote{margin:0 0 .75rem 1.5rem;padding-left:.75rem;border-left:.2rem solid #8c96a0;font-style:italic}
ul{margin:0 0 .75rem 1.5rem;padding:0}
nav ol{list-style:none;padding-left:0}
nav li{margin:.2rem 0}
a{color:#1d4f91}
a:focus{outline:.2rem solid #ffdd00;background:#ffdd00;color:#0b0c0c}
.table-wrap{overflow-x:auto;margin:0 0 1rem}
.table-wrap:focus{outline:.2rem solid #1d4f91}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0;caption-side:top}
th,td{border-bottom:1px solid #8c96a0;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:.15rem solid #1f3a5f;background:#e9eef4}
tbody th{font-weight:normal}
.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:0 0 .5rem}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.9rem;color:#4d4d4d}
footer{border-top:1px solid #8c96a0;margin-top:2rem;padding-top:1rem;padding-bottom:2rem;font-size:.9rem}
@media print{.skip,nav{display:none}}
"""

_NOT_AN_ID = re.compile(r"[^a-z0-9]+")


def write_html(document: Document, out: Path) -> Path:
    page = html_page(document)
    return write_file(out, lambda path: path.write_text(page, encoding="utf-8"))


def html_page(document: Document) -> str:
    ids = _heading_ids(document)
    contents = [
        f'<li><a href="#{ids[id(h)]}">{_text(_heading_words(h))}</a></li>' for h in document.headings() if h.level == 1
    ]
    body: list[str] = []
    tables = iter(range(1, 10_000))
    previous_style = ""
    for block in document.blocks:
        style = block.style if isinstance(block, Paragraph) and not block.number else ""
        if previous_style == BULLET and style != BULLET:
            body.append("</ul>")
        if style == BULLET and previous_style != BULLET:
            body.append("<ul>")
        previous_style = style
        if isinstance(block, Heading):
            level = block.level + 1  # the document's title is its one h1
            body.append(f'<h{level} id="{ids[id(block)]}">{_text(_heading_words(block))}</h{level}>')
        elif isinstance(block, Paragraph):
            body.append(_paragraph(block))
        elif isinstance(block, Table):
            body.append(_table(block, next(tables)))
        elif isinstance(block, Chart):
            # The words are the picture's alt text, and shown under it for everyone; a screen reader reads them once.
            picture = base64.b64encode(block.png).decode("ascii")
            body.append(
                f'<figure><img src="data:image/png;base64,{picture}" alt="{_attribute(block.alt)}" '
                f'width="{round(block.width_mm * 3.78)}" height="{round(block.height_mm * 3.78)}">'
                f'<figcaption aria-hidden="true">{_text(block.alt)}</figcaption></figure>'
            )
            if block.figures is not None:
                body.append(_table(block.figures, next(tables)))
    if previous_style == BULLET:
        body.append("</ul>")
    marking = _text(one_line(document.protective_marking).upper())
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{LANGUAGE}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_text(one_line(document.title))}</title>",
            f'<meta name="description" content="{_attribute(one_line(document.subject))}">',
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            '<a class="skip" href="#main">Skip to the report</a>',
            "<header>",
            f'<p class="council">{_text(one_line(document.council))}</p>',
            f'<p class="marking">{marking}</p>' if marking else "",
            f"<h1>{_text(document.title)}</h1>",
            f'<p class="subtitle">{_text(document.subtitle)}</p>' if document.subtitle else "",
            "</header>",
            '<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>' + "".join(contents) + "</ol></nav>"
            if contents
            else "",
            '<main id="main" tabindex="-1">',
            *body,
            "</main>",
            "<footer>",
            f"<p>{_text(one_line(document.council))}" + (f" · {marking}" if marking else "") + "</p>",
            "</footer>",
            "</body>",
            "</html>",
        ]
    )


def _heading_words(heading: Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


def _heading_ids(document: Document) -> dict[int, str]:
    ids: dict[int, str] = {}
    used = {"main", "contents"}
    for heading in document.headings():
        base = _NOT_AN_ID.sub("-", _heading_words(heading).lower()).strip("-")[:60] or "section"
        name, count = base, 1
        while name in used:
            count += 1
            name = f"{base}-{count}"
        used.add(name)
        ids[id(heading)] = name
    return ids


def _text(value: str) -> str:
    return escape(printable(value), quote=False).replace("\n", "<br>")


def _attribute(value: str) -> str:
    return escape(printable(value).replace("\n", " "), quote=True)


def _paragraph(block: Paragraph) -> str:
    lead = f"<strong>{_text(block.lead)}</strong>" if block.lead else ""
    words = lead + _text(block.text)
    if block.number:
        return f'<p class="numbered"><span class="number">{_text(block.number)}</span><span>{words}</span></p>'
    if block.style == BULLET:
        return f"<li>{words}</li>"
    if block.style == QUOTE:
        return f"<blockquote><p>{words}</p></blockquote>"
    classes = {NOTE: "note", SMALL: "small"}
    css = f' class="{classes[block.style]}"' if block.style in classes else ""
    return f"<p{css}>{words}</p>"


def _table(block: Table, number: int) -> str:
    caption_id = f"table-{number}"
    lines = [
        f'<div class="table-wrap" role="region" aria-labelledby="{caption_id}" tabindex="0">',
        f'<table><caption id="{caption_id}">{_text(block.caption or f"Table {number}")}</caption>',
        "<thead>",
    ]
    for row in block.header:
        headings = "".join(f'<th scope="col"{_numeric(i, block)}>{_text(value)}</th>' for i, value in enumerate(row))
        lines.append(f"<tr>{headings}</tr>")
    lines.append("</thead><tbody>")
    for row in block.rows:
        cells = []
        for i, value in enumerate(row):
            if i == 0 and block.row_headers:
                cells.append(f'<th scope="row">{_text(value)}</th>')
            else:
                cells.append(f"<td{_numeric(i, block)}>{_text(value)}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines.append("</tbody></table></div>")
    if block.footnote:
        lines.append(f'<p class="small">{_text(block.footnote)}</p>')
    return "\n".join(lines)


def _numeric(column: int, block: Table) -> str:
    return ' class="num"' if column >= block.numeric_from else ""
