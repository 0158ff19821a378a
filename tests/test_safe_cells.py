"""No text that comes from people can run as a formula in a spreadsheet."""

from __future__ import annotations

import pytest

from swhc_desktop.outputs.exports.safe_cells import formula_safe


@pytest.mark.parametrize(
    "text", ["=1+1", "+44 1902 555534", "-2", "@SUM(A1)", '=HYPERLINK("http://x","Click")', "\t=cmd", "\r=cmd"]
)
def test_text_that_would_run_as_a_formula_is_neutralised(text):
    assert formula_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["Less paperwork", "", "Team A = happier", "'already quoted", "3 cases"])
def test_ordinary_text_is_left_alone(text):
    assert formula_safe(text) == text
