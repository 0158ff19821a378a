"""The `swhc` command line, exactly as the foundation issue specifies it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from swhc_desktop.cli import build_parser, main
from swhc_desktop.questionnaires.templates import load_template

from .support.files import sha256


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def file_with_cycles(tmp_path, capsys):
    path = tmp_path / "Anytown.swhc"
    assert run(capsys, "new", path, "--org", "Anytown Borough Council")[0] == 0
    assert (
        run(
            capsys,
            "cycle-add",
            path,
            "2024",
            "--template",
            "staff-survey",
            "--invited",
            "200",
            "--opens",
            "01/04/2024",
            "--closes",
            "15/05/2024",
        )[0]
        == 0
    )
    assert run(capsys, "cycle-add", path, "2025", "--copy-from", "2024")[0] == 0
    return path


def test_templates_lists_one_template_a_line_id_first(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["adults-staff-survey", "staff-survey"]  # staff surveys only
    assert "Adults' social work health check: staff survey" in lines[0]
    assert "Children's social work health check: staff survey" in lines[1]


def test_new_and_cycle_add_build_a_file_that_cycles_lists(file_with_cycles, capsys):
    code, out, _ = run(capsys, "cycles", file_with_cycles)
    assert code == 0
    assert out.splitlines() == [
        "2024\t0 responses\t01/04/2024 to 15/05/2024\t200 staff invited (0% response rate)",
        "2025\t0 responses\tnot set\tstaff invited not set",
    ]


def test_cycles_shows_responses_and_the_response_rate(demo_path, capsys):
    code, out, _ = run(capsys, "cycles", demo_path)
    assert code == 0
    first = out.splitlines()[0].split("\t")
    assert first[0] == "2023" and first[1] == "158 responses" and first[2] == "03/04/2023 to 12/05/2023"
    assert first[3].startswith("238 staff invited (66% response rate)")


def test_questions_as_csv_gives_a_row_a_question(file_with_cycles, capsys):
    code, out, _ = run(capsys, "questions", file_with_cycles, "2024")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    template = load_template("staff-survey")
    assert [r["code"] for r in rows] == [q.code for q in template.questions()]
    team = rows[0]
    assert (team["section"], team["type"], team["standard"], team["dimension"]) == ("About you", "single", "2", "yes")
    assert "front_door_and_mash=Front door and MASH" in team["options"]
    follow_up = next(r for r in rows if r["code"] == "observation_positive")
    assert (follow_up["number"], follow_up["follow_up_of"], follow_up["follow_up_when"]) == (
        "19a",
        "observed_practice",
        "yes",
    )


def test_questions_as_json_lists_options_as_objects(file_with_cycles, capsys):
    code, out, _ = run(capsys, "questions", file_with_cycles, "2025", "--format", "json")
    assert code == 0
    records = json.loads(out)
    stressed = next(r for r in records if r["code"] == "stressed")
    # Stress is filed under Standard 4 Wellbeing, named as the cycle's edition of the Standards names it.
    assert stressed["type"] == "scale" and stressed["standard"] == 4 and stressed["dimension"] is False
    assert stressed["standard_name"] == "Wellbeing"
    assert stressed["options"][0] == {
        "code": "strongly_agree",
        "label": "Strongly agree",
        "score": 0.0,
        "polarity": "unfavourable",
        "excluded_from_base": False,
        "other_please_specify": False,
    }


def test_demo_builds_a_file_that_check_passes(tmp_path, capsys):
    path = tmp_path / "demo.swhc"
    assert run(capsys, "demo", path)[0] == 0
    code, out, _ = run(capsys, "check", path)
    assert code == 0
    assert "no problems found" in out


def test_check_reports_a_damaged_file_and_exits_1(demo_path, capsys):
    data = bytearray(demo_path.read_bytes())
    data[8192 : 8192 + 4096] = b"\x00\xff" * 2048
    demo_path.write_bytes(bytes(data))
    code, out, _ = run(capsys, "check", demo_path)
    assert code == 1
    assert "damaged" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (("cycle-add", "{file}", "2026", "--copy-from", "2019"), "There is no cycle called '2019'"),
        (("cycle-add", "{file}", "2026", "--template", "nope"), "There is no template called 'nope'"),
        (("cycle-add", "{file}", "2024", "--template", "staff-survey"), "already a cycle called '2024'"),
        (
            ("cycle-add", "{file}", "2026", "--template", "staff-survey", "--opens", "April 2026"),
            "The opening date 'April 2026' is not a date",
        ),
        (("cycle-add", "{file}", "2026"), "one of the arguments --template --copy-from --infer-from is required"),
        (
            ("cycle-add", "{file}", "2026", "--template", "staff-survey", "--copy-from", "2024"),
            "not allowed with argument",
        ),
        (
            ("cycle-add", "{file}", "2026", "--template", "staff-survey", "--invited", "lots"),
            "'lots' is not a whole number",
        ),
        (("questions", "{file}", "1999"), "There is no cycle called '1999'"),
        (("questions", "{file}", "2024", "--format", "xml"), "invalid choice: 'xml'"),
        (("new", "{file}", "--org", "Somewhere"), "already a file called"),
        (("new", "{dir}/x.txt", "--org", "Somewhere"), "does not end in .swhc"),
        (("cycles", "{dir}/missing.swhc"), "There is no file at"),
        (("nonsense",), "invalid choice"),
    ],
)
def test_user_errors_exit_2_with_one_line_that_says_what_to_do(file_with_cycles, capsys, args, message):
    before = sha256(file_with_cycles)
    code, _, err = run(capsys, *[a.format(file=file_with_cycles, dir=file_with_cycles.parent) for a in args])
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert sha256(file_with_cycles) == before


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", subcommands())
def test_every_command_has_help(command, capsys):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "usage: swhc " + command in out


def test_the_commands_are_those_the_issue_names():
    assert set(subcommands()) >= {"new", "templates", "cycle-add", "cycles", "questions", "demo", "check"}


def test_version_names_the_app_and_its_version(capsys):
    from swhc_desktop import APP_NAME, __version__

    code, out, err = run(capsys, "--version")
    assert (code, out.strip(), err) == (0, f"{APP_NAME} {__version__}", "")
