"""Every file of the bad-input corpus (tests/fixtures/bad-input/) gives a clear message or a correct import, through
`swhc import` and through the core API alike: never a traceback, never part of a batch."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from swhc_desktop.domain.errors import SwhcError
from swhc_desktop.importing.importer import preview_import, run_import
from swhc_desktop.paths import UserFolders
from swhc_desktop.storage import HealthCheckFile

from .make_bad_input import CASES, FOLDER, BadInput, Imported, Refused, readme
from .support.files import sha256
from .support.import_support import new_file, run_cli

LONGEST_MESSAGE = 600  # one line a person can read: a message never quotes a whole cell


@pytest.fixture(scope="module")
def blank_survey(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input")
    return new_file(folder, UserFolders.under(folder / "home"))


@pytest.fixture
def survey(blank_survey, tmp_path) -> Path:
    copy = tmp_path / "Anytown.swhc"
    shutil.copyfile(blank_survey, copy)
    return copy


def by_name(case: BadInput) -> str:
    return case.name


def stored(path: Path) -> dict:
    """What the file holds after the import: its batches, and each response's answers in the order of the file's key."""
    with HealthCheckFile.open(path, read_only=True) as hc:
        batches = [(b.source_name, b.response_count) for b in hc.responses.batches(hc.cycles.by_name("2024").id)]
        answers = hc.tuples(
            "SELECT r.id, q.code, o.code, a.number_value, a.text_value FROM answers a "
            "JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id "
            "LEFT JOIN options o ON o.id = a.option_id ORDER BY r.id, a.question_id, a.tick"
        )
        dates = [d for (d,) in hc.tuples("SELECT submitted_on FROM responses ORDER BY id")]
    numbers: dict[str, list] = {}
    texts: dict[str, list] = {}
    options: dict[str, list] = {}
    for _, code, option, number, text in answers:
        if number is not None:
            numbers.setdefault(code, []).append(number)
        if text is not None:
            texts.setdefault(code, []).append(text)
        if option is not None:
            options.setdefault(code, []).append(option)
    return {"batches": batches, "numbers": numbers, "texts": texts, "options": options, "dates": dates}


def assert_imported_whole(path: Path, case: BadInput) -> None:
    expect = case.expect
    assert isinstance(expect, Imported)
    found = stored(path)
    assert found["batches"] == [(case.name, expect.responses)], "one batch, holding every response"
    assert len(found["dates"]) == expect.responses
    for code, numbers in expect.numbers.items():
        assert tuple(found["numbers"].get(code, ())) == numbers, code
    for code, texts in expect.texts.items():
        assert tuple(found["texts"].get(code, ())) == texts, code
    for code, options in expect.options.items():
        assert tuple(found["options"].get(code, ())) == options, code
    if expect.dates is not None:
        assert tuple(found["dates"]) == expect.dates


def test_the_corpus_is_large_and_matches_its_script_and_readme():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert sorted(p.name for p in FOLDER.iterdir() if p.is_file()) == sorted(
        [*(case.name for case in CASES), "README.md"]
    )
    assert (FOLDER / "README.md").read_text(encoding="utf-8") == readme()
    for case in CASES:
        if case.exact:
            assert (FOLDER / case.name).read_bytes() == case.make(), f"{case.name} differs from tests/make_bad_input.py"


@pytest.mark.parametrize("case", CASES, ids=by_name)
def test_the_command_line_refuses_in_one_line_or_imports_whole(case, survey, capsys):
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", FOLDER / case.name)
    assert "Traceback" not in out + err
    if isinstance(case.expect, Refused):
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1, err
        assert case.expect.says in lines[0]
        assert len(lines[0]) < LONGEST_MESSAGE
        assert sha256(survey) == before, "a refused import leaves the file byte for byte as it was"
    else:
        assert code == 0, err
        assert f"Added {case.expect.responses} response" in out
        assert_imported_whole(survey, case)


@pytest.mark.parametrize("case", CASES, ids=by_name)
def test_the_core_api_raises_only_problems_the_user_can_act_on(case, survey, folders):
    """The wizard calls these same functions: any exception other than a SwhcError would be a crash."""
    before = sha256(survey)
    problem = None
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        try:
            preview = preview_import(hc, cycle_id, FOLDER / case.name)
            run_import(hc, cycle_id, preview, preview.mapping)
        except SwhcError as raised:
            problem = raised
    if isinstance(case.expect, Refused):
        assert problem is not None and case.expect.says in str(problem)
        assert problem.message and problem.advice, "the message says what happened and what to do"
        assert sha256(survey) == before
    else:
        assert problem is None, str(problem)
        assert_imported_whole(survey, case)


def test_the_zip_bomb_is_refused_within_a_small_memory_limit(survey, tmp_path):
    """Unpacked, the bomb is over a gigabyte of cells: with memory capped well below that, the import still ends
    with the plain message, because the workbook's declared size is checked before anything unpacks it."""
    limit = 600 * 1024 * 1024
    script = (
        f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit})); "
        "from swhc_desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "import", str(survey), "2024", str(FOLDER / "zip-bomb.xlsx")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"SWHC_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2, result.stderr
    assert "would unpack to 1.1 GB" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "layout",
    [
        "qualtrics",
        "qualtrics-legacy",
        "surveymonkey",
        "smartsurvey",
        "limesurvey",
        "template",
        "microsoft-forms",
        "plain",
    ],
)
def test_any_layout_chosen_for_a_one_row_file_is_read_or_refused_in_one_line(layout, survey, tmp_path, capsys):
    export = tmp_path / "one row.csv"
    export.write_text("Which team do you work in?\n", encoding="utf-8")
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--layout", layout)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert sha256(survey) == before
