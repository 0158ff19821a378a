"""Reading back the text of the PDFs we make, page by page, without a PDF library: reportlab writes each line of
text as a string shown with Tj in a compressed page stream."""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path

_STREAM = re.compile(rb"<<([^<>]*?)>>\s*stream\r?\n(.*?)\s*endstream", re.DOTALL)
_SHOWN = re.compile(rb"\((?P<text>(?:\\.|[^\\)])*)\)\s*Tj", re.DOTALL)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> str:
    def replace(match: re.Match) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8)])
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(replace, raw).decode("cp1252")


def page_texts(path: Path) -> list[str]:
    """The text of each page's content stream, lines joined by spaces, in drawing order."""
    pages = []
    for header, body in _STREAM.findall(path.read_bytes()):
        if b"/ASCII85Decode" in header:
            body = base64.a85decode(b"".join(body.split()).removesuffix(b"~>"))
        if b"/FlateDecode" in header:
            body = zlib.decompress(body)
        if b"Tj" not in body or b"/Subtype" in header:
            continue
        shown = [_unescape(m.group("text")) for m in _SHOWN.finditer(body)]
        pages.append(" ".join(shown))
    return pages


def normalised(text: str) -> str:
    return " ".join(text.split())
