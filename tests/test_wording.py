"""One way of saying things in every output: a change that is not more than chance is called the same everywhere,
and the documents the PSW hands on (to members, staff, the LGA) never speak of the app's pages, tabs or clicks."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from swhc_desktop.analysis.changes import NO_CLEAR_CHANGE
from swhc_desktop.outputs.reports.kinds import REPORT_KINDS, make_report

from .support.pdf_text import page_texts

PACKAGE = Path(__file__).resolve().parents[1] / "swhc_desktop"

# Words for the app that mean nothing on paper: a member of the council has no Reports page to look at.
APP_WORDING = re.compile(
    r"\b(?:(?:Questionnaire|Responses|Findings|Action plan|Reports|Dashboard|Comments|Key findings|Question explorer)"
    r" (?:page|tab)|click(?:s|ed|ing)?|menu|button)\b",
    re.IGNORECASE,
)
# Other ways of saying "no clear change" that have crept in before; the one wording is analysis.changes.NO_CLEAR_CHANGE.
OTHER_WORDINGS = re.compile(
    r"beyond chance|could be chance|could be down to chance|not (?:yet )?a clear change|no real change|"
    r"not significant|no significant change",
    re.IGNORECASE,
)


def user_strings(path: Path) -> list[str]:
    """The strings in a module that can reach the user: every string but the docstrings (which speak to engineers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_clear_change_is_said_one_way_on_screen_in_documents_and_in_the_guide():
    texts = {path.name: user_strings(path) for path in PACKAGE.rglob("*.py")}
    for path in [*(PACKAGE.parent / "ui").glob("*.ui"), *(PACKAGE.parent / "resources").rglob("*.html")]:
        texts[path.name] = [path.read_text(encoding="utf-8")]
    found = [
        f"{name}: {match.group(0)}"
        for name, strings in texts.items()
        for text in strings
        for match in OTHER_WORDINGS.finditer(text)
    ]
    assert not found
    assert NO_CLEAR_CHANGE == "no clear change"


@pytest.mark.parametrize("kind", [k.name for k in REPORT_KINDS])
def test_printed_documents_never_speak_of_the_apps_pages_or_clicks(kind, hc, tmp_path):
    cycle = hc.cycles.by_name("2025")
    out = make_report(hc, cycle, kind, tmp_path / f"{kind}.pdf")
    text = " ".join(page_texts(out))
    assert text.strip()
    assert not APP_WORDING.findall(text), APP_WORDING.findall(text)


def test_charts_for_documents_never_speak_of_the_apps_pages_or_clicks(hc):
    from swhc_desktop.outputs.exports.charts import _charts, read_chart_set

    cycle = hc.cycles.by_name("2025")
    words = []
    for _, draw in _charts(read_chart_set(hc, cycle)):
        figure = draw()
        if figure is None:
            continue
        words += [t.get_text() for t in figure.texts]
        words += [t.get_text() for axes in figure.axes for t in (axes.title, *axes.texts)]
    assert words
    assert not [w for w in words if APP_WORDING.search(w)]


def test_the_95_percent_range_is_called_so_everywhere_and_named_a_confidence_interval_only_where_defined():
    """'95% range' on tiles, tables, charts, documents and the guide; the statistician's name is given once, in
    brackets, where the range is explained, so the PSW can recognise it in the LGA's reports."""
    texts = {path.name: user_strings(path) for path in PACKAGE.rglob("*.py")}
    for path in [*(PACKAGE.parent / "ui").glob("*.ui"), *(PACKAGE.parent / "resources").rglob("*.html")]:
        texts[path.name] = [path.read_text(encoding="utf-8")]
    found = [
        f"{name}: {text[max(0, match.start() - 30) : match.end()]}"
        for name, strings in texts.items()
        for text in strings
        for match in re.finditer(r"confidence interval", text, re.IGNORECASE)
        if not text[: match.start()].endswith("95% range (")
    ]
    assert not found


# The one spelling is "Standards scores" (the scores of the eight Standards); "Standard scores" also reads as the
# statistician's z-scores, which the app never shows.
OTHER_STANDARDS_SCORES = re.compile(r"\bStandard scores\b|\bStandard Scores\b|\bStandards' scores\b", re.IGNORECASE)


def test_the_standards_scores_are_spelt_one_way_on_screen_in_the_guide_and_at_the_command_line():
    texts = {path.name: user_strings(path) for path in PACKAGE.rglob("*.py")}
    for path in [
        *(PACKAGE.parent / "ui").glob("*.ui"),
        *(PACKAGE.parent / "resources").rglob("*.html"),
        PACKAGE.parent / "README.md",
    ]:
        texts[path.name] = [path.read_text(encoding="utf-8")]
    found = [
        f"{name}: {match.group(0)}"
        for name, strings in texts.items()
        for text in strings
        for match in OTHER_STANDARDS_SCORES.finditer(without_mnemonics(text))
    ]
    assert not found
    assert any("Standards scores" in text for text in texts["figures.html"])


def without_mnemonics(text: str) -> str:
    """The words as the user reads them on a button or menu: 'Standar&d scores…' reads 'Standard scores…'."""
    return text.replace("&amp;", "&").replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_the_designer_button_the_menu_item_and_the_findings_report_say_standards_scores(hc, tmp_path):
    from swhc_desktop.domain import labels

    assert labels.STANDARD_SCORES_BUTTON == "Standards scores…"
    assert labels.NATIONAL_SCORES == "Tools > National Standards Scores…"
    cycle = hc.cycles.by_name("2025")
    text = " ".join(page_texts(make_report(hc, cycle, "findings", tmp_path / "findings.pdf")))
    assert "Standards scores" in text
    assert not OTHER_STANDARDS_SCORES.search(text)
