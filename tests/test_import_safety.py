"""An import is one batch in one transaction: round trips of our own template, validation, duplicates, identifying
details, mappings kept for next year, removal, and the file left exactly as it was on any failure or cancel."""

from __future__ import annotations

import json

import pytest

from swhc_desktop.analysis.suppression import disclosure_plan
from swhc_desktop.domain.progress import Cancelled, Progress
from swhc_desktop.importing.importer import InvalidRows, preview_import, run_import
from swhc_desktop.importing.layouts import Layout
from swhc_desktop.importing.rows import ImportOptions
from swhc_desktop.storage import HealthCheckFile

from .support.files import sha256
from .support.import_support import (
    expected_counts,
    filled_template,
    new_file,
    run_cli,
    stored_answers,
    table_counts,
    tables_csv,
    write_csv,
    write_xlsx,
    written_answers,
)


@pytest.fixture
def survey(tmp_path, folders):
    return new_file(tmp_path, folders)


def questionnaire_of(path):
    with HealthCheckFile.open(path, read_only=True) as hc:
        return hc.questionnaires.load(hc.cycles.by_name("2024").id)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_filled_in_response_template_round_trips_exactly(survey, tmp_path, capsys, kind):
    questionnaire = questionnaire_of(survey)
    headings, rows = filled_template(questionnaire, 60)
    export = tmp_path / f"template.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(export, headings, rows)
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert "SWHC response template" in out and "Added 60 responses" in out
    assert "Not mapped" not in out
    tables = tables_csv(capsys, survey, "2024")
    # A breakdown question's groups too small to show print no count: exactly those the cycle's plan hides.
    hidden = {(r["question_code"], r["option"]) for r in tables if r["count"] == ""}
    with HealthCheckFile.open(survey, read_only=True) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        plan = disclosure_plan(hc, cycle_id)
        assert hidden == {
            (d.code, o.label)
            for d in hc.questionnaires.load(cycle_id).dimensions()
            for o in d.options
            if not plan.group_shown(d.code, o.id)
        }
    for question_code, counts in expected_counts(questionnaire, headings, rows).items():
        assert {k: v for k, v in table_counts(tables, question_code).items() if v} == {
            k: v for k, v in counts.items() if (question_code, k) not in hidden
        }, question_code
    assert stored_answers(survey) == written_answers(questionnaire, headings, rows)
    with HealthCheckFile.open(survey, read_only=True) as hc:
        dates = {r[0]: r[1] for r in hc.tuples("SELECT external_id, submitted_on FROM responses")}
    assert dates["T0002"] == "2024-05-03"


def test_numbers_stored_as_text_in_a_workbook_import_as_numbers(survey, tmp_path, capsys):
    questionnaire = questionnaire_of(survey)
    headings, rows = filled_template(questionnaire, 10)
    export = write_xlsx(tmp_path / "as-text.xlsx", headings, rows, numbers_as_text=True)
    assert run_cli(capsys, "import", survey, "2024", export)[0] == 0
    assert stored_answers(survey) == written_answers(questionnaire, headings, rows)


def _bad_rows_file(tmp_path, questionnaire):
    headings, rows = filled_template(questionnaire, 6)
    caseload = headings.index(next(h for h in headings if h.endswith("[caseload]")))
    hours = headings.index(next(h for h in headings if h.endswith("[hours_worked]")))
    rows[1][caseload] = "twenty"
    rows[3][hours] = 400
    rows[5][0] = rows[4][0]
    return write_csv(tmp_path / "bad.csv", headings, rows)


def test_invalid_rows_stop_the_import_with_one_line_and_leave_the_file_unchanged(survey, tmp_path, capsys):
    export = _bad_rows_file(tmp_path, questionnaire_of(survey))
    before = sha256(survey)
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "3 rows cannot be imported" in err
    assert "Row 3 (column" in out and "'twenty' is not a number" in out
    assert "400 hours is above the highest allowed (100)" in out
    assert "the response id T0004 is also on row 6" in out
    assert sha256(survey) == before


def test_skip_invalid_rows_imports_the_rest_and_says_what_was_skipped(survey, tmp_path, capsys):
    export = _bad_rows_file(tmp_path, questionnaire_of(survey))
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--skip-invalid-rows")
    assert code == 0, err
    assert "Added 3 responses" in out and "3 rows with problems skipped" in out
    assert "(3% response rate)" in out  # 3 of the 120 staff invited
    code, out, _ = run_cli(capsys, "batches", survey, "2024")
    batch_id, source, kind, date, count = out.strip().split("\t")
    assert (source, kind, count) == ("bad.csv (SWHC response template)", "import", "3 responses")


def test_dry_run_reports_and_changes_nothing(survey, tmp_path, capsys):
    headings, rows = filled_template(questionnaire_of(survey), 5)
    export = write_csv(tmp_path / "fine.csv", headings, rows)
    before = sha256(survey)
    code, out, _ = run_cli(capsys, "import", survey, "2024", export, "--dry-run")
    assert code == 0 and "Would add 5 responses" in out and "nothing was changed" in out
    assert sha256(survey) == before


def test_the_same_file_is_refused_and_the_same_responses_are_not_doubled(survey, tmp_path, capsys):
    headings, rows = filled_template(questionnaire_of(survey), 8)
    first = write_csv(tmp_path / "first.csv", headings, rows)
    assert run_cli(capsys, "import", survey, "2024", first)[0] == 0
    before = sha256(survey)
    code, _, err = run_cli(capsys, "import", survey, "2024", first)
    assert code == 2 and "already been imported" in err and sha256(survey) == before
    more = write_csv(
        tmp_path / "later.csv", headings, rows + filled_template(questionnaire_of(survey), 12, seed=9)[1][8:]
    )
    code, out, _ = run_cli(capsys, "import", survey, "2024", more)
    assert code == 0 and "Added 4 responses" in out
    assert "8 responses already in the cycle (same response id) not added again" in out


def test_remove_batch_takes_out_every_response_it_added(survey, tmp_path, capsys):
    headings, rows = filled_template(questionnaire_of(survey), 8)
    assert run_cli(capsys, "import", survey, "2024", write_csv(tmp_path / "a.csv", headings, rows))[0] == 0
    code, out, _ = run_cli(capsys, "remove-batch", survey, "1")
    assert code == 0 and "Removed batch 1 (a.csv) and its 8 responses." in out
    assert run_cli(capsys, "batches", survey, "2024")[1].startswith("2024 has no responses yet")
    code, _, err = run_cli(capsys, "remove-batch", survey, "7")
    assert code == 2 and "There is no batch 7" in err


def test_identifying_columns_are_dropped_unless_the_psw_gives_a_reason(survey, tmp_path, folders):
    export = tmp_path / "forms.csv"
    export.write_text(
        "ID,Start time,Completion time,Email,Name,Which team do you work in?\n"
        "1,03/05/2024 10:00,03/05/2024 10:04,jo@anytown.gov.uk,Jo Bloggs,Assessment\n"
        "2,03/05/2024 11:00,04/05/2024 09:00,anonymous,,Care leavers\n",
        encoding="utf-8",
    )
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, export)
        assert preview.file_layout.layout is Layout.MICROSOFT_FORMS
        assert preview.mapping.match("which team do you work in").question_code == "team"
        run_import(hc, cycle_id, preview, preview.mapping)
        assert hc.value("SELECT count(*) FROM response_identifiers") == 0
        assert hc.tuples("SELECT external_id, submitted_on FROM responses ORDER BY id") == [
            ("1", "2024-05-03"),
            ("2", "2024-05-04"),
        ]
        hc.responses.remove_batch(hc.responses.batches(cycle_id)[0].id)
        reason = "Staff agreed to be contacted about their answers"
        run_import(hc, cycle_id, preview, preview.mapping, ImportOptions(identifying_kept_reason=reason))
        assert sorted(hc.tuples("SELECT field, value FROM response_identifiers")) == [
            ("email", "jo@anytown.gov.uk"),
            ("name", "Jo Bloggs"),
        ]
        assert hc.responses.batches(cycle_id)[0].identifying_kept_reason == reason


def test_a_mapping_is_saved_with_the_batch_and_offered_again_next_year(survey, tmp_path, folders, capsys):
    export = tmp_path / "google.csv"
    export.write_text(
        "Timestamp,Which team do you work in?,Free text\n03/05/2024 10:00:00,Assessment,x\n", encoding="utf-8"
    )
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({"Which team do you work in?": "team", "Free text": "other_comments"}))
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--mapping", mapping_file)
    assert code == 0, err
    assert "-> team (100%, from the mapping file)" in out
    assert run_cli(capsys, "cycle-add", survey, "2025", "--copy-from", "2024")[0] == 0
    next_year = tmp_path / "google-2025.csv"
    next_year.write_text(
        "Timestamp,Which team do you work in?,Free text\n03/05/2025 10:00:00,Care leavers,y\n", encoding="utf-8"
    )
    with HealthCheckFile.open(survey, folders=folders) as hc:
        preview = preview_import(hc, hc.cycles.by_name("2025").id, next_year)
    assert preview.previous_mapping_used
    assert preview.mapping.match("free text").question_code == "other_comments"
    assert preview.mapping.match("free text").how == "as mapped last time"


def test_a_mapping_file_that_is_not_json_is_refused_in_one_line(survey, tmp_path, capsys):
    export = tmp_path / "plain.csv"
    export.write_text("Team\nAssessment\n", encoding="utf-8")
    bad = tmp_path / "mapping.json"
    bad.write_text("{not json")
    code, _, err = run_cli(capsys, "import", survey, "2024", export, "--mapping", bad)
    assert code == 2 and "is not valid JSON" in err and len(err.strip().splitlines()) == 1


def test_an_unreadable_file_exits_2_with_one_line_and_leaves_the_file_unchanged(survey, tmp_path, capsys):
    export = tmp_path / "old.xls"
    export.write_bytes(b"\xd0\xcf\x11\xe0")
    before = sha256(survey)
    code, _, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 2 and "cannot be imported" in err and len(err.strip().splitlines()) == 1
    assert sha256(survey) == before


def test_the_layout_can_be_overridden(survey, tmp_path, capsys):
    export = tmp_path / "odd.csv"
    export.write_text("Timestamp,Which team do you work in?\n03/05/2024,Assessment\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "import", survey, "2024", export, "--layout", "plain", "--dry-run")
    assert code == 0 and "Plain table" in out


def test_cancel_part_way_leaves_the_file_exactly_as_it_was(survey, tmp_path, folders):
    headings, rows = filled_template(questionnaire_of(survey), 4500)
    export = write_csv(tmp_path / "big.csv", headings, rows)
    before = sha256(survey)
    calls = []

    def cancel_after_a_while() -> bool:
        calls.append(1)
        return len(calls) > 3

    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, export)
        with pytest.raises(Cancelled):
            run_import(hc, cycle_id, preview, preview.mapping, progress=Progress(is_cancelled=cancel_after_a_while))
        assert hc.responses.count(cycle_id) == 0 and hc.responses.batches(cycle_id) == []
    assert sha256(survey) == before
    assert list(folders.backups.rglob("*.swhc")), "a backup is taken before any import"


def test_invalid_rows_raise_before_anything_is_committed(survey, tmp_path, folders):
    export = _bad_rows_file(tmp_path, questionnaire_of(survey))
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle_id = hc.cycles.by_name("2024").id
        preview = preview_import(hc, cycle_id, export)
        with pytest.raises(InvalidRows) as raised:
            run_import(hc, cycle_id, preview, preview.mapping)
        assert raised.value.summary.invalid_rows == 3
        assert hc.responses.count(cycle_id) == 0


def test_infer_from_builds_a_questionnaire_with_types_options_and_groups(tmp_path, capsys):
    from .support.import_support import REAL_EXPORTS

    path = tmp_path / "x.swhc"
    assert run_cli(capsys, "new", path, "--org", "Anytown")[0] == 0
    code, out, _ = run_cli(
        capsys,
        "cycle-add",
        path,
        "2019",
        "--infer-from",
        REAL_EXPORTS / "google-forms/2019 English R Community Survey Responses (first 40 records).csv",
    )
    assert code == 0 and "Added cycle 2019 with 51 questions (Built from 2019 English R" in out
    code, out, _ = run_cli(capsys, "questions", path, "2019", "--format", "json")
    questions = {q["text"]: q for q in json.loads(out)}
    uses = questions["What applications do you use R for most? (check all that apply)"]
    assert uses["type"] == "multi"
    assert {"Statistical analysis", "Visualization", "Data transformation"} <= {o["label"] for o in uses["options"]}
    assert questions["What year were you born?"]["type"] == "number"
    assert questions["What do you like best about using R?"]["type"] == "text"
    degree = questions[
        "What is the highest degree or level of school you have completed? If currently enrolled, please use the "
        "highest degree received."
    ]
    assert "Master’s degree (e.g. MA, MS, MEd)" in [o["label"] for o in degree["options"]]


@pytest.mark.parametrize(
    "extra, message",
    [
        (("--infer-from", "{dir}/missing.csv"), "There is no file at"),
        (("--infer-from", "{dir}/old.xls"), "Excel 97-2003"),
        (("--infer-from", "{dir}/a.csv", "--template", "staff-survey"), "not allowed with argument"),
    ],
)
def test_cycle_add_infer_from_refuses_what_it_cannot_read_in_one_line(survey, tmp_path, capsys, extra, message):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    before = sha256(survey)
    code, _, err = run_cli(capsys, "cycle-add", survey, "2026", *[a.format(dir=tmp_path) for a in extra])
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert sha256(survey) == before


def test_the_command_line_keeps_identifying_details_only_with_a_reason(survey, tmp_path, capsys):
    export = tmp_path / "forms.csv"
    export.write_text(
        "ID,Start time,Completion time,Email,Name,Which team do you work in?\n"
        "1,03/05/2024 10:00,03/05/2024 10:04,jo@anytown.gov.uk,Jo Bloggs,Assessment\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(capsys, "import", survey, "2024", export, "--keep-identifying", " ")
    assert code == 2 and "needs the reason" in err
    code, out, _ = run_cli(
        capsys, "import", survey, "2024", export, "--keep-identifying", "Agreed follow-up interviews"
    )
    assert code == 0 and "Kept (identifying), as asked: Email, Name" in out
    with HealthCheckFile.open(survey, read_only=True) as hc:
        assert hc.value("SELECT count(*) FROM response_identifiers") == 2
        assert (
            hc.responses.batches(hc.cycles.by_name("2024").id)[0].identifying_kept_reason
            == "Agreed follow-up interviews"
        )


def test_google_forms_checkboxes_keep_whatever_matches_no_option_as_other_text(survey, tmp_path, capsys):
    """Google Forms joins ticks with ', ' and appends the respondent's own 'Other' words, commas and all."""
    export = tmp_path / "Form responses 1.csv"
    question = "If no or not sure, what are your reasons for thinking of leaving?"
    export.write_text(
        f'Timestamp,Do you intend to stay working for the council for the next 12 months?,"{question}"\n'
        '03/05/2024 10:00:00,No,"Pay, Caseload or workload, Moving to Scotland, with my family"\n'
        '03/05/2024 11:00:00,Not sure,"Travel or relocation"\n',
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, "import", survey, "2024", export)
    assert code == 0, err
    assert "Google Forms" in out
    counts = table_counts(tables_csv(capsys, survey, "2024"), "leaving_reasons")
    assert {k: v for k, v in counts.items() if v} == {
        "Pay": 1,
        "Caseload or workload": 1,
        "Travel or relocation": 1,
        "Other": 1,
    }
    with HealthCheckFile.open(survey, read_only=True) as hc:
        assert (
            hc.value("SELECT text_value FROM answers WHERE text_value IS NOT NULL")
            == "Moving to Scotland, with my family"
        )
