"""A document's blocks as Word (.docx), written with python-docx: the council's name and protective marking in the
header, Heading 1-3 in order, numbered paragraphs with their numbers hanging, tables whose header rows repeat on every
page, each chart a picture with alt text, the document's language (en-GB) and title in its properties. Every paragraph
is in a named style (Body Text, Heading 1, SWHC Note …), so that a council restyles it by applying its own template."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.printable import one_line, printable
from ..files import write_file
from ..long_text import shortened
from .blocks import ANSWER, BODY, NOTE, QUOTE, SMALL, Chart, Document, Heading, Paragraph, Table

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

LANGUAGE = "en-GB"
NUMBERED = "SWHC Numbered Paragraph"
NUMBER_COLUMN_MM = 14  # as the PDF hangs a paragraph's number in the margin
PROPERTY_LENGTH = 255
INK, ACCENT, MUTED = "1A1A1A", "1F3A5F", "4D4D4D"


def write_docx(document: Document, out: Path) -> Path:
    """The document is put together in memory and written in one go: python-docx writing to a file itself leaves its
    zip open when the disk fills, to fail again when it is collected."""

    def write(path: Path) -> None:
        buffer = io.BytesIO()
        word_document(document).save(buffer)
        path.write_bytes(buffer.getvalue())

    return write_file(out, write)


def word_document(document: Document) -> "WordDocument":
    import docx
    from docx.shared import Mm

    word = docx.Document()
    _leave_out_the_templates_thumbnail(word)
    _set_up_styles(word)
    _set_up_page(word, document)
    properties = word.core_properties
    properties.title = _property(document.title)
    properties.subject = _property(document.subject)
    properties.author = _property(document.author or document.council)
    properties.language = LANGUAGE
    properties.keywords = "Social Work Health Check"
    word.add_paragraph(_clean(document.title), style="Title")
    if document.subtitle:
        word.add_paragraph(_clean(document.subtitle), style="Subtitle")
    for block in document.blocks:
        if isinstance(block, Heading):
            words = f"{block.number}  {block.text}" if block.number else block.text
            word.add_heading(_clean(words), level=block.level)
        elif isinstance(block, Paragraph):
            _paragraph(word, block)
        elif isinstance(block, Table):
            _table(word, block, _text_width_mm(document))
        elif isinstance(block, Chart):
            picture = word.add_paragraph(style="SWHC Chart")
            width = Mm(min(block.width_mm, _text_width_mm(document)))
            shape = picture.add_run().add_picture(io.BytesIO(block.png), width=width)
            doc_properties = shape._inline.docPr
            doc_properties.set("descr", _clean(block.alt))
            doc_properties.set("title", _clean(block.alt.split(":")[0])[:200])
            if block.figures is not None:
                _table(word, block.figures, _text_width_mm(document))
    return word


def _leave_out_the_templates_thumbnail(word: "WordDocument") -> None:
    """python-docx's template carries a picture of its own empty first page, which a file browser would show as the
    document's preview."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    relationships = word.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del relationships[key]


def _property(text: str) -> str:
    """A document property on one line, shortened to the 255 characters a property holds (the whole text is in the
    document itself)."""
    return shortened(one_line(printable(text)), PROPERTY_LENGTH - 1)  # and its ellipsis


def _clean(text: str) -> str:
    """Text as Word can hold it: characters XML cannot carry are left out (see printable)."""
    return printable(text)


def _text_width_mm(document: Document) -> float:
    return (297 if document.landscape else 210) - 40


def _paragraph(word: "WordDocument", block: Paragraph) -> None:
    style = NUMBERED if block.number else block.style
    paragraph = word.add_paragraph(style=style)
    if block.number:
        paragraph.add_run(f"{block.number}\t").bold = True
    if block.lead:
        paragraph.add_run(_clean(block.lead)).bold = True
    if block.text:
        paragraph.add_run(_clean(block.text))


def _table(word: "WordDocument", block: Table, width_mm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    if block.caption:
        word.add_paragraph(_clean(block.caption), style="Caption").paragraph_format.keep_with_next = True
    rows = [*block.header, *block.rows]
    columns = max(len(row) for row in rows)
    table = word.add_table(rows=len(rows), cols=columns)
    table.style = "SWHC Table"
    table.autofit = False
    widths = [Mm(width_mm * share) for share in block.column_shares()]
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width
    properties = table._tbl.tblPr
    for name, value in (("w:tblCaption", block.caption[:250]), ("w:tblDescription", block.footnote[:250])):
        if value:
            element = OxmlElement(name)
            element.set(qn("w:val"), _clean(one_line(value)))
            properties.append(element)
    for index, row in enumerate(rows):
        heading = index < len(block.header)
        word_row = table.rows[index]
        if heading:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            word_row._tr.get_or_add_trPr().append(repeat)
        cant_split = OxmlElement("w:cantSplit")
        word_row._tr.get_or_add_trPr().insert(0, cant_split)
        for column, value in enumerate(row):
            cell = word_row.cells[column]
            paragraph = cell.paragraphs[0]
            paragraph.style = "SWHC Table Heading" if heading else "SWHC Table Text"
            paragraph.add_run(_clean(value)).bold = heading
            if column >= block.numeric_from:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if block.footnote:
        word.add_paragraph(_clean(block.footnote), style=SMALL)
    else:
        word.add_paragraph(style="SWHC Spacer")


# --------------------------------------------------------------------------------------- styles and page


def _set_up_page(word: "WordDocument", document: Document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    section = word.sections[0]
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]
    header.style = "Header"
    # The marking at the right margin, whatever the page: the Header style's own stops are for a portrait US Letter.
    for stop in header.style.paragraph_format.tab_stops:
        header.paragraph_format.tab_stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    header.paragraph_format.tab_stops.add_tab_stop(Mm(_text_width_mm(document)), WD_TAB_ALIGNMENT.RIGHT)
    header.add_run(_clean(one_line(document.council)))
    if document.protective_marking:
        header.add_run("\t" + _clean(one_line(document.protective_marking.upper()))).bold = True
        footer = section.footer.paragraphs[0]
        footer.style = "Footer"
        footer.add_run(_clean(one_line(document.protective_marking.upper()))).bold = True


def _set_up_styles(word: "WordDocument") -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)

    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.font.color.rgb = RGBColor.from_string(INK)
    for name, size, colour in (("Title", 24, ACCENT), ("Heading 1", 16, ACCENT), ("Heading 2", 13, ACCENT)):
        styles[name].font.name = "Arial"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = RGBColor.from_string(colour)
    styles["Heading 3"].font.name = "Arial"
    styles["Heading 3"].font.size = Pt(11.5)
    styles["Heading 3"].font.color.rgb = RGBColor.from_string(INK)
    styles["Subtitle"].font.color.rgb = RGBColor.from_string(MUTED)
    styles["Caption"].font.color.rgb = RGBColor.from_string(INK)
    styles["Caption"].font.size = Pt(10)
    styles["Caption"].font.italic = False
    styles["Caption"].font.bold = True
    styles[BODY].paragraph_format.space_after = Pt(6)

    def paragraph_style(name: str, size: float, base: str = BODY, italic: bool = False, colour: str = INK):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.italic = italic
        style.font.color.rgb = RGBColor.from_string(colour)
        return style

    numbered = paragraph_style(NUMBERED, 11)
    numbered.paragraph_format.left_indent = Mm(NUMBER_COLUMN_MM)
    numbered.paragraph_format.first_line_indent = -Mm(NUMBER_COLUMN_MM)
    numbered.paragraph_format.tab_stops.add_tab_stop(Mm(NUMBER_COLUMN_MM))
    paragraph_style(NOTE, 10, italic=True, colour=MUTED)
    paragraph_style(SMALL, 9.5, colour=MUTED)
    paragraph_style(ANSWER, 11).paragraph_format.left_indent = Mm(10)
    paragraph_style("SWHC Table Text", 9.5, base="Normal").paragraph_format.space_after = Pt(0)
    paragraph_style("SWHC Table Heading", 9.5, base="Normal").font.bold = True
    styles["SWHC Table Heading"].paragraph_format.space_after = Pt(0)
    paragraph_style("SWHC Chart", 11, base="Normal").paragraph_format.keep_with_next = True
    paragraph_style("SWHC Spacer", 4, base="Normal")
    styles[QUOTE].font.color.rgb = RGBColor.from_string(INK)

    table = styles.add_style("SWHC Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
