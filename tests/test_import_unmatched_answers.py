"""An answer that matches no option is never left out without a word: `swhc import` stops and lists such answers with
their counts unless a mapping says what they mean or the PSW accepts them as no answer; answers a question's 'Other'
can keep are kept as its text."""

from __future__ import annotations

import json

import pytest

from swhc_desktop.importing.importer import UnmatchedAnswers, preview_import, run_import
from swhc_desktop.importing.rows import ImportOptions
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256
from .support.import_support import new_file, run_cli, table_counts, tables_csv

TEAM = "Which team do you work in?"
STAY = "Do you intend to stay working for the council for the next 12 months?"
REASONS = "If no or not sure, what are your reasons for thinking of leaving?"


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def forms_export(tmp_path, stays=("Yes", "Maybe", "Maybe", "Definitely", "No")):
    export = tmp_path / "Form responses 1.csv"
    rows = [f"0{n + 1}/05/2024 10:00:00,Assessment,{stay}" for n, stay in enumerate(stays)]
    export.write_text(f"Timestamp,{TEAM},{STAY}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return export


def stored_stays(path) -> list[str | None]:
    with HealthCheckFile.open(path, read_only=True) as hc:
        return [
            code
            for (code,) in hc.tuples(
                "SELECT o.code FROM responses r LEFT JOIN answers a ON a.response_id = r.id AND a.question_id = "
                "(SELECT id FROM questions WHERE code = 'intend_to_stay') LEFT JOIN options o ON o.id = a.option_id "
                "ORDER BY r.id"
            )
        ]


def test_the_import_stops_listing_each_answer_and_how_often_and_changes_nothing(survey, tmp_path, capsys):
    export = forms_export(tmp_path)
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "3 answers in Form responses 1.csv match no option" in err and "'Maybe' (2) for intend_to_stay" in err
    assert "--unmatched-as-no-answer" in err and "--mapping" in err
    assert "intend_to_stay: 'Maybe' (2), 'Definitely' (1)" in out
    assert sha256(survey) == before


def test_the_dry_run_says_the_same_and_exits_2(survey, tmp_path, capsys):
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_export(tmp_path), "--dry-run")
    assert code == 2 and "match no option" in err and "intend_to_stay: 'Maybe' (2), 'Definitely' (1)" in out


def test_the_psw_can_accept_them_as_no_answer(survey, tmp_path, capsys):
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_export(tmp_path), "--unmatched-as-no-answer")
    assert code == 0, err
    assert "left as no answer as asked (--unmatched-as-no-answer)" in out and "Added 5 responses" in out
    assert stored_stays(survey) == ["yes", None, None, None, "no"]


def test_a_mapping_file_says_what_each_answer_means(survey, tmp_path, capsys):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {TEAM: "team", STAY: {"question": "intend_to_stay", "values": {"Maybe": "not_sure", "Definitely": "yes"}}}
        )
    )
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_export(tmp_path), "--mapping", mapping)
    assert code == 0, err
    assert "match no option" not in out
    assert stored_stays(survey) == ["yes", "not_sure", "not_sure", "yes", "no"]


def test_a_mapping_file_may_leave_an_answer_out_with_null(survey, tmp_path, capsys):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({STAY: {"question": "intend_to_stay", "values": {"Maybe": None, "Definitely": "yes"}}})
    )
    code, out, err = run_cli(capsys, "import", survey, "2024", forms_export(tmp_path), "--mapping", mapping)
    assert code == 0, err
    assert stored_stays(survey) == ["yes", None, None, "yes", "no"]


def test_a_mapping_file_naming_no_option_is_refused_in_one_line(survey, tmp_path, capsys):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({STAY: {"question": "intend_to_stay", "values": {"Maybe": "perhaps"}}}))
    before = sha256(survey)
    code, _, err = run_cli(capsys, "import", survey, "2024", forms_export(tmp_path), "--mapping", mapping)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert (
        "says 'Maybe' means 'perhaps', which is not an option of intend_to_stay (its options are yes, not_sure, no)"
        in err
    )
    assert sha256(survey) == before


def test_answers_a_question_s_other_can_keep_are_kept_as_its_text_without_stopping(survey, tmp_path, capsys):
    export = tmp_path / "forms.csv"
    export.write_text(
        f"Timestamp,{TEAM}\n01/05/2024 10:00:00,Marketing\n02/05/2024 10:00:00,Assessment\n", encoding="utf-8"
    )
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert "kept as the text of 'Other':" in out and "team: 'Marketing' (1)" in out
    with HealthCheckFile.open(survey, read_only=True) as hc:
        assert hc.value("SELECT text_value FROM answers WHERE text_value IS NOT NULL") == "Marketing"


def test_joined_answers_and_ticked_columns_that_match_nothing_stop_the_import_too(survey, tmp_path, capsys):
    """'Tick all that apply' joined in one cell (Google Forms) and one column an option (SurveyMonkey)."""
    joined = tmp_path / "joined.csv"
    joined.write_text(f'Timestamp,{STAY}\n01/05/2024 10:00:00,"Yes, Sometimes"\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "import", survey, "2024", joined)
    assert code == 2 and "matches no option" in err
    ticks = tmp_path / "monkey.csv"
    ticks.write_text(
        f'Respondent ID,{STAY},"{REASONS}",\n,Response,Pay,Lottery win\n1,No,Pay,\n2,No,,Lottery win\n',
        encoding="utf-8",
    )
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", ticks)
    assert code == 2 and "'Lottery win' (1) for leaving_reasons" in err, err
    assert sha256(survey) == before
    code, out, err = run_cli(capsys, "import", survey, "2024", ticks, "--unmatched-as-no-answer")
    assert code == 0, err
    assert {k: v for k, v in table_counts(tables_csv(capsys, survey, "2024"), "leaving_reasons").items() if v} == {
        "Pay": 1
    }


def test_the_core_raises_the_same_problem_the_wizard_shows(survey, tmp_path, folders):
    export = forms_export(tmp_path)
    before = sha256(survey)
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, export)
        with pytest.raises(UnmatchedAnswers) as raised:
            run_import(hc, cycle_id, preview, preview.mapping)
        assert dict(raised.value.summary.dropped["intend_to_stay"]) == {"Maybe": 2, "Definitely": 1}
        assert hc.responses.count(cycle_id) == 0
    assert sha256(survey) == before
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, export)
        result = run_import(hc, cycle_id, preview, preview.mapping, ImportOptions(unmatched_as_no_answer=True))
        assert result.summary.responses == 5
