"""A small Word (.docx) writer: headings, paragraphs with bold and italic runs, A4 pages. A .docx is a zip of a few
XML parts; writing them here keeps a heavy dependency out of the app for the plain documents we make."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from ... import APP_NAME
from ...domain.printable import one_line, printable

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A backslash at the end of a line inside these parts joins it to the next: the XML written is unchanged.
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" \
ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

_PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" \
Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" \
Target="docProps/app.xml"/>
</Relationships>"""

_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/>
</Relationships>"""

_APP = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>{APP_NAME}</Application></Properties>"""


def _style(style_id: str, name: str, run: str = "", paragraph: str = "", based_on: str = "Normal") -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based_on}"/><w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{paragraph}</w:pPr><w:rPr>{run}</w:rPr></w:style>"
    )


_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{_W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
    '<w:sz w:val="21"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    + _style("Title", "Title", '<w:b/><w:color w:val="1F3A5F"/><w:sz w:val="40"/>', '<w:spacing w:after="120"/>')
    + _style(
        "Heading1",
        "heading 1",
        '<w:b/><w:color w:val="1F3A5F"/><w:sz w:val="30"/>',
        '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
    )
    + _style(
        "Heading2",
        "heading 2",
        '<w:b/><w:sz w:val="23"/>',
        '<w:keepNext/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/>',
    )
    + _style("Answer", "Answer", "", '<w:ind w:left="567"/><w:spacing w:after="20"/>')
    + _style("Note", "Note", '<w:i/><w:color w:val="4D4D4D"/><w:sz w:val="19"/>', '<w:spacing w:after="40"/>')
    + "</w:styles>"
)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False

    def xml(self) -> str:
        """The run as WordprocessingML: its text as XML can hold it (see printable), each line break a Word line
        break."""
        properties = ("<w:b/>" if self.bold else "") + ("<w:i/>" if self.italic else "")
        properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
        lines = "<w:br/>".join(
            f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in printable(self.text).split("\n")
        )
        return f"<w:r>{properties}{lines}</w:r>"


@dataclass
class DocxDocument:
    title: str
    author: str = ""
    paragraphs: list[str] = field(default_factory=list)

    def add(self, style: str, *runs: Run | str, keep_with_next: bool = False) -> None:
        parts = [r if isinstance(r, Run) else Run(r) for r in runs]
        keep = "<w:keepNext/>" if keep_with_next else ""
        self.paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}</w:pPr>' + "".join(p.xml() for p in parts) + "</w:p>"
        )

    def save(self, path: Path) -> None:
        # A4 with 2 cm margins (sizes in twentieths of a point).
        section = (
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
            'w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
        )
        document = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
            + "".join(self.paragraphs)
            + section
            + "</w:body></w:document>"
        )
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        core = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(one_line(self.title))}</dc:title>"
            f"<dc:creator>{escape(one_line(self.author))}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created></cp:coreProperties>'
        )
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
            archive.writestr("_rels/.rels", _PACKAGE_RELS)
            archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
            archive.writestr("word/document.xml", document)
            archive.writestr("word/styles.xml", _STYLES)
            archive.writestr("docProps/core.xml", core)
            archive.writestr("docProps/app.xml", _APP)
