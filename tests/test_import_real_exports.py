"""Every reader on the real exports the survey tools wrote (tests/fixtures/real-exports, see SOURCES.md there): a
questionnaire is inferred from each file, the file imported, and `swhc tables` checked against counts taken from the
file independently of the importer."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from swhc_desktop.storage import HealthCheckFile

from .support.import_support import REAL_EXPORTS, column_counts, run_cli, tables_csv


def import_real(
    tmp_path, capsys, relative: str, *extra: str, window: tuple[str, ...] = ()
) -> tuple[list[dict[str, str]], str]:
    path = tmp_path / "survey.swhc"
    export = REAL_EXPORTS / relative
    assert run_cli(capsys, "new", path, "--org", "Anytown")[0] == 0
    code, out, err = run_cli(capsys, "cycle-add", path, "2024", "--infer-from", export, *window)
    assert code == 0, err
    code, out, err = run_cli(capsys, "import", path, "2024", export, *extra)
    assert code == 0, err
    return tables_csv(capsys, path, "2024"), out


def counts_for(rows: list[dict[str, str]], question_text: str) -> dict[str, int]:
    found = {r["option"]: int(r["count"]) for r in rows if r["question"] == question_text}
    assert found, f"no table for {question_text!r}"
    return {option: count for option, count in found.items() if count}


def added(out: str) -> int:
    line = next(line for line in out.splitlines() if line.startswith("Added "))
    return int(line.split()[1].replace(",", ""))


@pytest.mark.parametrize(
    "relative, encoding, skip, delimiter, column, question",
    [
        (
            "surveymonkey/StarWars.csv",
            "cp1252",
            2,
            ",",
            1,
            "Have you seen any of the 6 films in the Star Wars franchise?",
        ),
        ("surveymonkey/steak-risk-survey.csv", "utf-8", 2, ",", 8, "Do you eat steak?"),
        ("surveymonkey/thanksgiving-2015-poll-data.csv", "utf-8", 1, ",", 1, "Do you celebrate Thanksgiving?"),
        (
            "google-forms/2019 English R Community Survey Responses (first 40 records).csv",
            "utf-8",
            1,
            ",",
            1,
            "How would you rate your level of experience using R?",
        ),
        (
            "google-forms/Learning R Internet Survey (Spanish Version) - Form Responses 1.tsv",
            "utf-8",
            1,
            "\t",
            6,
            "¿Cómo calificarías tu nivel de experiencia usando R?",
        ),
        ("qualtrics/pilot_data_07262020.csv", "utf-8-sig", 3, ",", 18, None),
        (
            "qualtrics/W241 Experiment Test_July 26, 2020_13.04.csv",
            "utf-8-sig",
            3,
            ",",
            19,
            "Are you a registered voter?",
        ),
        (
            "smartsurvey/cars_dummy_data (first 25 records, hand-made, SmartSurvey API shape).csv",
            "utf-8",
            3,
            ",",
            9,
            "Q1",
        ),
    ],
)
def test_single_answer_counts_match_the_source(tmp_path, capsys, relative, encoding, skip, delimiter, column, question):
    rows, _ = import_real(tmp_path, capsys, relative)
    expected = column_counts(REAL_EXPORTS / relative, column, encoding, skip, delimiter)
    expected.pop("NA", None)  # the SmartSurvey sample was made with R, whose NA means no answer
    if question is None:  # a heading with line breaks: find its table by the answers
        question = next(r["question"] for r in rows if r["option"] in expected)
    assert counts_for(rows, question) == dict(expected)


def test_surveymonkey_one_column_an_option_counts_each_option(tmp_path, capsys):
    rows, out = import_real(tmp_path, capsys, "surveymonkey/MIDWEST.csv")
    assert added(out) == 2778
    with open(REAL_EXPORTS / "surveymonkey/MIDWEST.csv", encoding="utf-8", newline="") as handle:
        data = list(csv.reader(handle))
    states = {
        label: sum(1 for row in data[2:] if row[index].strip())
        for index, label in enumerate(data[1])
        if 6 <= index <= 25
    }
    found = counts_for(
        rows, "Which of the following states do you consider part of the Midwest? Please select all that apply."
    )
    assert found == {state: n for state, n in states.items() if n}
    identity = counts_for(rows, "How much, if at all, do you personally identify as a Midwesterner?")
    assert identity["A lot"] == sum(1 for row in data[2:] if row[2].strip())


def test_surveymonkey_merged_headings_other_please_specify_keeps_its_text(tmp_path, capsys):
    relative = "surveymonkey/thanksgiving-2015-poll-data.csv"
    rows, out = import_real(tmp_path, capsys, relative)
    assert added(out) == 1058
    carrots = column_counts(REAL_EXPORTS / relative, 12)
    assert (
        counts_for(
            rows,
            "Which of these side dishes aretypically served at your Thanksgiving dinner? Please select all that apply.",
        )["Carrots"]
        == carrots["Carrots"]
    )
    main_dish = counts_for(rows, "What is typically the main dish at your Thanksgiving dinner?")
    expected = column_counts(REAL_EXPORTS / relative, 2)
    expected["Other"] = expected.pop("Other (please specify)")  # the inferred question's Other, with its text kept
    assert main_dish == dict(expected)


def test_surveymonkey_excel_saved_us_dates_read_by_the_survey_window(tmp_path, capsys):
    """7/9/14 and 7/10/14 could be either way round; the cycle's survey window (July 2014) settles it."""
    relative = "surveymonkey/sleeping-alone-data.csv"
    rows, out = import_real(tmp_path, capsys, relative, window=("--opens", "01/07/2014", "--closes", "31/07/2014"))
    assert added(out) == 1093
    with HealthCheckFile.open(tmp_path / "survey.swhc", read_only=True) as hc:
        dates = hc.tuples("SELECT min(submitted_on), max(submitted_on) FROM responses")[0]
    assert dates[0].startswith("2014-07") and dates[1].startswith("2014-07")
    snores = column_counts(REAL_EXPORTS / relative, 9, encoding="cp1252", skip=2)["One of us snores"]
    reasons = counts_for(rows, "What are the reasons that you sleep in separate beds? Please select all that apply.")
    assert reasons["One of us snores"] == snores


def test_google_forms_checkboxes_with_commas_inside_options_split_against_the_options(tmp_path, capsys):
    relative = "google-forms/2019 English R Community Survey Responses (first 40 records).csv"
    rows, out = import_real(tmp_path, capsys, relative)
    assert added(out) == 40
    degree = counts_for(
        rows,
        "What is the highest degree or level of school you have completed? If currently enrolled, please use the "
        "highest degree received.",
    )
    assert (
        degree["Master’s degree (e.g. MA, MS, MEd)"]
        == column_counts(REAL_EXPORTS / relative, 44)["Master’s degree (e.g. MA, MS, MEd)"]
    )
    uses = counts_for(rows, "What applications do you use R for most? (check all that apply)")
    with open(REAL_EXPORTS / relative, encoding="utf-8", newline="") as handle:
        cells = [row[16] for row in list(csv.reader(handle))[1:]]
    assert uses["Statistical analysis"] == sum("Statistical analysis" in cell.split(", ") for cell in cells)
    assert uses["Visualization"] == sum("Visualization" in cell.split(", ") for cell in cells)


def test_limesurvey_codes_other_text_and_incomplete_responses(tmp_path, capsys):
    relative = "limesurvey/results.csv"
    rows, out = import_real(tmp_path, capsys, relative)
    with open(REAL_EXPORTS / relative, encoding="utf-8", newline="") as handle:
        data = list(csv.reader(handle))[1:]
    complete = [row for row in data if row and row[1].strip()]
    assert added(out) == len(complete) == 62
    assert "3 unfinished responses left out" in out
    assert counts_for(rows, "Geslacht") == dict(Counter(row[6] for row in complete if row[6]))
    (tmp_path / "all").mkdir()
    _, out_all = import_real(tmp_path / "all", capsys, relative, "--include-incomplete")
    assert added(out_all) == 65


def test_limesurvey_xlsx_export(tmp_path, capsys):
    rows, out = import_real(tmp_path, capsys, "limesurvey/results-survey54231.xlsx")
    from python_calamine import CalamineWorkbook

    data = (
        CalamineWorkbook.from_path(str(REAL_EXPORTS / "limesurvey/results-survey54231.xlsx"))
        .get_sheet_by_index(0)
        .to_python()
    )
    complete = [row for row in data[1:] if str(row[1]).strip()]
    assert added(out) == len(complete) == 124
    g1 = data[0].index("g1")
    assert counts_for(rows, "g1") == dict(Counter(str(row[g1]) for row in complete if str(row[g1]).strip()))


def test_limesurvey_api_export_with_bom_semicolons_and_a_blank_last_line(tmp_path, capsys):
    rows, out = import_real(tmp_path, capsys, "limesurvey/remotecontrol_export_responses_decoded.csv")
    assert added(out) == 1
    assert "separated by semicolons" in out and "UTF-8 with BOM" in out
    assert counts_for(rows, "AgeGroup") == {"4": 1}


@pytest.mark.parametrize("relative", ["qualtrics/sample.csv", "qualtrics/sample_legacy.csv"])
def test_qualtrics_current_and_legacy_headers_read_the_same_response(tmp_path, capsys, relative):
    rows, out = import_real(tmp_path, capsys, relative)
    assert added(out) == 1
    assert "Not stored (identifying):" in out and "IP" in out
    assert counts_for(rows, "This is a multiple choice question.") == {"2": 1}
    with HealthCheckFile.open(tmp_path / "survey.swhc", read_only=True) as hc:
        assert hc.tuples("SELECT external_id, submitted_on FROM responses") == [("R_2YPOQ602ER1jkf1", "2017-07-18")]
        assert hc.value("SELECT text_value FROM answers WHERE text_value IS NOT NULL") == "Hello World!"
        assert hc.value("SELECT count(*) FROM response_identifiers") == 0


def test_qualtrics_text_entry_columns_and_minus_99(tmp_path, capsys):
    relative = "qualtrics/Questions_with_Text_Entry_Components.csv"
    rows, out = import_real(tmp_path, capsys, relative)
    with open(REAL_EXPORTS / relative, encoding="utf-8", newline="") as handle:
        data = list(csv.reader(handle))[3:]
    assert added(out) == len(data) == 15
    single = {r["option"]: int(r["count"]) for r in rows if r["question_code"] == "mcsa_single_text"}
    assert sum(single.values()) == sum(1 for row in data if row[11].strip() and row[11] != "-99")
    with HealthCheckFile.open(tmp_path / "survey.swhc", read_only=True) as hc:
        texts = {r[0] for r in hc.tuples("SELECT text_value FROM answers WHERE text_value IS NOT NULL")}
    assert data[1][13 + 1] in texts  # the _TEXT of a choice is kept as its text
    assert "-99" not in texts


def test_qualtrics_multiple_answer_columns_count_each_choice(tmp_path, capsys):
    relative = "qualtrics/Multiple_Answer_MC_Questions (Insights).csv"
    rows, out = import_real(tmp_path, capsys, relative)
    with open(REAL_EXPORTS / relative, encoding="utf-8", newline="") as handle:
        data = list(csv.reader(handle))[3:]
    first = counts_for(rows, "Click to write the question text")
    assert first["Click to write Statement 1"] == sum(1 for row in data if row[11] == "1")
    assert first["Click to write Statement 3"] == sum(1 for row in data if row[13] == "1")


ALL_EXPORTS = sorted(p.relative_to(REAL_EXPORTS).as_posix() for p in REAL_EXPORTS.glob("*/*") if p.suffix != ".md")


@pytest.mark.parametrize("relative", ALL_EXPORTS)
def test_every_real_export_is_read_to_the_last_row(tmp_path, folders, relative):
    """Each file's every data row is accounted for: added, or left out for a reason the summary gives."""
    from swhc_desktop.importing.importer import preview_import, run_import
    from swhc_desktop.importing.infer import start_cycle_from_export
    from swhc_desktop.importing.sources import open_source

    export = REAL_EXPORTS / relative
    source = open_source(export)
    rows = [row for row in source.rows() if any(cell.strip() for cell in row)]
    with HealthCheckFile.create(tmp_path / "x.swhc", "Anytown", folders=folders) as hc:
        cycle = start_cycle_from_export(hc, "2024", export).cycle
        preview = preview_import(hc, cycle.id, export)
        assert all(m.question_code for m in preview.mapping.matches.values()), "an inferred questionnaire fits its file"
        summary = run_import(hc, cycle.id, preview, preview.mapping).summary
        assert summary.rows_read == len(rows) - preview.file_layout.header_rows
        assert summary.responses + summary.incomplete + summary.empty == summary.rows_read
        assert summary.invalid_rows == 0 and not summary.unmatched
        assert hc.responses.count(cycle.id) == summary.responses > 0
        assert hc.integrity_problems() == []


@pytest.mark.parametrize(
    "relative",
    sorted(str(p.relative_to(REAL_EXPORTS)) for p in REAL_EXPORTS.rglob("*") if p.is_file() and p.suffix != ".md"),
)
def test_every_column_of_a_real_export_is_told_apart_in_the_wizard_s_list(relative, tmp_path, folders):
    """Two columns with different headings never show the same label, however long the question they share."""
    from swhc_desktop.importing.importer import preview_import
    from swhc_desktop.importing.layouts import column_labels
    from swhc_desktop.storage import HealthCheckFile

    from .support.import_support import new_file

    with HealthCheckFile.open(new_file(tmp_path, folders), folders=folders) as hc:
        preview = preview_import(hc, hc.cycles.by_name("2024").id, REAL_EXPORTS / relative)
    texts = [" ".join(q.text.split()) for q in preview.file_layout.questions]
    labels = column_labels(texts)
    assert len(set(labels)) == len(set(texts))
    for text, label in zip(texts, labels, strict=True):
        assert label == text or "…" in label
