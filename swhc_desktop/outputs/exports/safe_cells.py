"""Text written to a spreadsheet (CSV or Excel) is shown, never run: a respondent's '=HYPERLINK(…)' stays words."""

from __future__ import annotations

# What spreadsheets read as the start of a formula or a command (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """The text with an apostrophe in front when a spreadsheet would otherwise treat it as a formula.

    Use it for every cell of text that comes from people (answers, comments, action titles, owners), in CSV and in
    Excel files alike. Numbers and dates are written as numbers and dates, not through this."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
