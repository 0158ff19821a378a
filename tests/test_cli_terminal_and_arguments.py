"""What the command line prints is safe for a terminal whatever a respondent typed, and odd arguments (huge numbers,
a mapping file in UTF-16 or nested 100,000 deep) are refused in one line, never with a traceback."""

from __future__ import annotations

import json
import sys

import pytest

from swhc_desktop.cli import main
from swhc_desktop.cli.output import terminal_safe
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256
from .support.import_support import new_file, run_cli

TEAM = "Which team do you work in?"
STAY = "Do you intend to stay working for the council for the next 12 months?"
CHANGE = "If you could change one thing about your job, what would it be?"
# A clear screen and cursor home, a window title, an OSC 52 clipboard write, a lone CSI (C1), a carriage return that
# would overwrite the line, and a right-to-left override.
HOSTILE = [
    "\x1b[2J\x1b[HAll good, import finished",
    "\x1b]0;PWNED TITLE\x07",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x9b31mred",
    "innocent\rEVIL",
    "abc\u202edef",
]


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def hostile_export(tmp_path):
    export = tmp_path / "esc.csv"
    lines = [f'Timestamp,{TEAM},{STAY},"{CHANGE}"']
    for number, text in enumerate(
        HOSTILE * 2, start=1
    ):  # each twice, so that an inferred questionnaire has them as options
        lines.append(f'{number:02d}/05/2024 10:00:00,"{text}","{text}","{text}"')
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return export


def assert_terminal_safe(text: str) -> None:
    allowed = {"\n", "\t"}
    found = [
        c
        for c in text
        if (ord(c) < 0x20 and c not in allowed)
        or 0x7F <= ord(c) <= 0x9F
        or 0x202A <= ord(c) <= 0x202E
        or 0x2066 <= ord(c) <= 0x2069
    ]
    assert not found, f"control characters reached the terminal: {found!r}"


def test_terminal_safe_writes_every_control_character_out_and_leaves_text_alone():
    assert terminal_safe("\x1b[2J") == "\\x1b[2J"
    assert terminal_safe("a\x07b\x9bc\u202ed") == "a\\x07b\\x9bc\\u202ed"
    assert terminal_safe("Line one\n\tCafé 👩 أعباء") == "Line one\n\tCafé 👩 أعباء"


def test_every_command_prints_respondents_text_safely(survey, tmp_path, capsys):
    """import (its mapping, unmatched answers and problems), tables, questions and an inferred cycle's questions."""
    export = hostile_export(tmp_path)
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--unmatched-as-no-answer")
    assert code == 0, err
    assert "\\x1b[2J" in out  # the unmatched answer is listed, written out
    assert_terminal_safe(out + err)
    for args in (
        ("tables", survey, "2024"),
        ("tables", survey, "2024", "--format", "json"),
        ("questions", survey, "2024"),
        ("batches", survey, "2024"),
    ):
        code, out, err = run_cli(capsys, *args)
        assert code == 0, err
        assert_terminal_safe(out + err)
    assert run_cli(capsys, "cycle-add", survey, "2025", "--infer-from", export)[0] == 0
    code, out, err = run_cli(capsys, "questions", survey, "2025", "--format", "json")
    assert code == 0 and "\\u202e" in out
    assert_terminal_safe(out + err)


def test_messages_quoting_a_cell_or_a_file_name_are_safe(survey, tmp_path, capsys):
    export = tmp_path / "bad\x1b[2J.csv"
    export.write_text(
        "ID,How many cases (children) are allocated to you at the moment?\n1,\x1b]0;x\x07twenty\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 2
    assert_terminal_safe(out + err)
    code, out, err = run_cli(capsys, "import", survey, "2024", tmp_path / "missing\x07.csv")
    assert code == 2 and "missing\\x07.csv" in err
    assert_terminal_safe(err)


def test_tables_written_to_a_file_keep_the_answers_exactly(survey, tmp_path, capsys):
    export = hostile_export(tmp_path)
    assert run_cli(capsys, "cycle-add", survey, "2025", "--infer-from", export)[0] == 0
    assert run_cli(capsys, "import", survey, "2025", export)[0] == 0
    out_file = tmp_path / "questions.json"
    code, out, err = run_cli(capsys, "tables", survey, "2025", "--format", "json", "--out", out_file)
    assert code == 0, err
    labels = {row["option"] for table in json.loads(out_file.read_text(encoding="utf-8")) for row in table["rows"]}
    assert set(HOSTILE) <= labels, "a file is data: only the terminal gets the written-out form"


@pytest.mark.parametrize(
    "args, says",
    [
        (("remove-batch", "{file}", "99999999999999999999999"), "there is no batch 9999999999999999999…"),
        (("remove-batch", "{file}", "9" * 100_000), "there is no batch 9999999999999999999…"),
        (("remove-batch", "{file}", "0"), "the batch number must be at least 1"),
        (("remove-batch", "{file}", "-3"), "is not a whole number"),
        (("remove-batch", "{file}", "9223372036854775807"), "There is no batch 9223372036854775807"),
        (
            ("cycle-add", "{file}", "2030", "--template", "staff-survey", "--invited", "99999999999999999999999"),
            "the number of staff invited must be at most 100,000",
        ),
        (
            ("cycle-add", "{file}", "2030", "--template", "staff-survey", "--invited", "0"),
            "the number of staff invited must be at least 1",
        ),
        (
            ("cycle-add", "{file}", "2030", "--template", "staff-survey", "--invited", "1e9"),
            "'1e9' is not a whole number",
        ),
    ],
)
def test_huge_and_odd_numbers_are_refused_in_one_line(survey, capsys, args, says):
    before = sha256(survey)
    code, out, err = run_cli(capsys, *[str(a).format(file=survey) for a in args])
    assert code == 2 and len(err.strip().splitlines()) == 1 and says in err, err
    assert "Traceback" not in err and len(err) < 400
    assert sha256(survey) == before


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("utf16.json", json.dumps({TEAM: "team"}).encode("utf-16"), None),
        ("utf16be.json", b"\xfe\xff" + json.dumps({TEAM: "team"}).encode("utf-16-be"), None),
        ("utf8-bom.json", b"\xef\xbb\xbf" + json.dumps({TEAM: "team"}).encode(), None),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested far too deeply"),
        ("deep-dict.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested far too deeply"),
        ("long-number.json", b'{"a": ' + b"9" * 100_000 + b"}", "holds a number far too long"),
        (
            "latin1.json",
            json.dumps({"Équipe": "team"}, ensure_ascii=False).encode("latin-1"),
            "is not text in UTF-8 or UTF-16",
        ),
        ("binary.json", bytes(range(256)), "is not text in UTF-8 or UTF-16"),
        ("huge.json", b" " * 16_000_001, "is larger than 16 MB"),
    ],
)
def test_a_mapping_file_in_any_encoding_or_shape_is_read_or_refused_in_one_line(
    survey, tmp_path, capsys, name, content, says
):
    export = tmp_path / "forms.csv"
    export.write_text(f"Timestamp,{TEAM}\n03/05/2024 10:00:00,Assessment\n", encoding="utf-8")
    mapping = tmp_path / name
    mapping.write_bytes(content)
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--mapping", mapping)
    assert "Traceback" not in out + err
    if says is None:
        assert code == 0, err
        assert "-> team (100%, from the mapping file)" in out
    else:
        assert code == 2 and len(err.strip().splitlines()) == 1 and says in err, err
        assert sha256(survey) == before


class _ReaderGone:
    """Standard output after the program it was piped into stopped reading (`swhc … | head -1`)."""

    lines_taken = 0

    def write(self, text: str) -> int:
        if self.lines_taken >= 1:
            raise BrokenPipeError(32, "Broken pipe")
        self.lines_taken += text.count("\n")
        return len(text)

    def flush(self) -> None:
        if self.lines_taken >= 1:
            raise BrokenPipeError(32, "Broken pipe")


def test_a_mapping_that_never_ends_is_refused_after_reading_a_little_of_it(survey, tmp_path, capsys):
    export = tmp_path / "forms.csv"
    export.write_text(f"Timestamp,{TEAM}\n03/05/2024 10:00:00,Assessment\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "import", survey, "2024", export, "--mapping", "/dev/zero")
    assert code == 2 and "is larger than 16 MB" in err


def test_output_piped_into_a_program_that_stops_reading_ends_without_a_traceback(survey, tmp_path, monkeypatch, capsys):
    export = tmp_path / "forms.csv"
    rows = "".join(f"0{1 + n % 9}/05/2024 10:{n % 60:02d}:00,Assessment\n" for n in range(50))
    export.write_text(f"Timestamp,{TEAM}\n{rows}", encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", _ReaderGone())
    code = main(["import", str(survey), "2024", str(export)])
    assert code == 0, "the command finishes and says how it went by its exit code"
    assert "Traceback" not in capsys.readouterr().err
    with HealthCheckFile.open(survey, read_only=True) as hc:
        assert hc.responses.count(hc.cycles.by_name("2024").id) == 50, "the import itself went ahead whole"
    monkeypatch.setattr(sys, "stdout", _ReaderGone())
    assert main(["import", str(survey), "2024", str(export)]) == 2, "a refusal still exits 2"
    assert "already been imported" in capsys.readouterr().err
