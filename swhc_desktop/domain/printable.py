"""Text typed by the PSW or by staff, as a document can hold it: every PDF, Word document, chart and drawing the app
writes passes what people typed through `printable`, so that no character they pasted (a control character from a
survey tool's export, a vertical tab from Word) can make an XML part invalid or print as a box."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold at all, and other control characters that print as nothing: left out.
_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Ways of breaking a line other than \n (Windows and old Mac line ends, Word's manual line break and page break, the
# Unicode line and paragraph separators): each becomes \n, so that the break is kept as a break.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with its line breaks as \\n, its tabs as spaces and its unprintable characters left out."""
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub("\n", text).replace("\t", " "))


def one_line(text: str) -> str:
    """`printable(text)` on one line: line breaks and runs of spaces as single spaces (a title, a page's header)."""
    return " ".join(printable(text).split())
