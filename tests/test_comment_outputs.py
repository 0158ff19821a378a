"""No output prints a name the redaction found: every report, every export and table (the command line's too) and
`swhc comments`, made from a file whose comments name colleagues, managers, e-mail addresses and phone numbers, with
every quotable comment chosen for the findings report."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest

from swhc_desktop.analysis.comment_help import printed_comments
from swhc_desktop.analysis.redaction import CONTACT, NAME
from swhc_desktop.cli import main as swhc
from swhc_desktop.domain.records import ReportChoices
from swhc_desktop.outputs.content.findings_report import reportable_comments
from swhc_desktop.storage import HealthCheckFile

from .support.file_outputs import FILE_OUTPUTS, by_name
from .support.labelled_comments import CYCLE, build_labelled_file
from .support.pdf_text import page_texts


@pytest.fixture(scope="module")
def named_file(tmp_path_factory) -> tuple[Path, list[str]]:
    """The labelled comments in a file (cycle 2025, as FILE_OUTPUTS asks for it), every quotable comment chosen for the
    report; and every word of every name and contact detail the redaction finds in them."""
    from swhc_desktop.paths import UserFolders

    folder = tmp_path_factory.mktemp("named")
    folders = UserFolders.under(folder / "home")
    path = folder / "named.swhc"
    build_labelled_file(path, folders)
    with HealthCheckFile.open(path, folders=folders) as hc:
        cycle = hc.cycles.by_name(CYCLE)
        hc.report_choices.save(cycle.id, ReportChoices(comments=tuple(c.key for c in reportable_comments(hc, cycle))))
        redactor = printed_comments(hc)
        found = [r for text in hc.answers.all_texts() for r in redactor.redacted(text).redactions]
    words = {w for r in found if r.replacement == NAME for w in r.words()} | {
        r.original for r in found if r.replacement == CONTACT
    }
    return path, sorted(words)


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page_texts(path))
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")]
        return html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))
    if path.suffix == ".png":
        return ""  # pictures of charts: drawn from figures, never from comments
    return html.unescape(path.read_text(encoding="utf-8-sig"))


def names_in(text: str, names: list[str]) -> list[str]:
    return [n for n in names if re.search(rf"(?<![\w@.]){re.escape(n)}(?![\w@])", text)]


def test_the_file_names_people_and_the_redaction_finds_them(named_file):
    path, names = named_file
    assert len(names) >= 80
    assert {"Okafor", "Hargreaves", "j.marsh@example.gov.uk", "07700 900461"} <= set(names)


@pytest.mark.parametrize("output", FILE_OUTPUTS, ids=by_name)
def test_no_report_or_export_prints_a_name_the_redaction_found(named_file, output, tmp_path, folders):
    path, names = named_file
    out = tmp_path / f"out{output.suffix}"
    with HealthCheckFile.open(path, read_only=True, folders=folders) as hc:
        output.write(hc, out)
    text = text_of(out)
    assert names_in(text, names) == []
    if output.name in ("report findings", "export responses csv", "export responses xlsx"):
        assert NAME in text and CONTACT in text  # the comments are there, redacted


@pytest.mark.parametrize("arguments", [[], ["--format", "json"], ["--flagged"], ["--themes"]], ids=str)
def test_the_command_line_prints_comments_redacted(named_file, arguments, capsys):
    path, names = named_file
    assert swhc(["comments", str(path), CYCLE, *arguments]) == 0
    printed = capsys.readouterr().out
    assert names_in(printed, names) == []
    if not arguments or arguments[0] == "--format":
        assert NAME in printed and CONTACT in printed
    if arguments[:1] == ["--format"]:
        rows = json.loads(printed)
        assert len(rows) >= 300 and {"comment", "themes", "suggested_themes", "flags"} <= set(rows[0])


def test_the_command_line_lists_only_flagged_comments_with_why(named_file, capsys):
    path, _ = named_file
    assert swhc(["comments", str(path), CYCLE, "--flagged", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 40 <= len(rows) <= 70
    assert all(row["flags"] for row in rows)
    assert any("bullying" in row["flags"] for row in rows)


def test_the_command_line_refuses_an_unknown_cycle_in_one_line(named_file, capsys):
    path, _ = named_file
    assert swhc(["comments", str(path), "1999"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
