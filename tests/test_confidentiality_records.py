"""Respondents are anonymous in what the file keeps: names, emails, IP addresses and locations in any tool's export
are never stored unless the PSW keeps them with a reason, and the audit log records who changed what in the file
without ever recording a respondent or an answer."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest

from swhc_desktop.domain.records import ActionDraft, FindingKind
from swhc_desktop.importing.paper import build_response, read_entry
from swhc_desktop.questionnaires.edits import ChangeQuestion, apply_edit
from swhc_desktop.storage import HealthCheckFile

from .support.import_support import new_file, run_cli

TEAM = "Which team do you work in?"
CHANGE = "If you could change one thing about your job, what would it be?"
# What identifies a person, each distinctive enough to be searched for in the file's bytes.
EMAIL, NAME, FIRST, LAST = "jo.bloggs@anytown.gov.uk", "Jo Bloggs", "Josephine", "Bloggsworth"
ADDRESS, LATITUDE, LONGITUDE, REFERENCE = "192.0.2.144", "52.58624", "-2.12879", "HR-EMP-774411"
IDENTIFYING = (EMAIL, NAME, FIRST, LAST, ADDRESS, LATITUDE, LONGITUDE, REFERENCE)
# Answers and response ids, to be kept as answers but never copied anywhere else.
ANSWERS = ("My manager shouts at me in front of the team", "Moving to Scotland with my partner")
RESPONSE_IDS = ("R_3kPz9QmXw", "R_7hTy2LmNb")


def rows_of(*rows: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


# Each tool's own columns for who answered, as its exports write them, with one response.
EXPORTS = {
    "microsoft-forms": rows_of(
        ["ID", "Start time", "Completion time", "Email", "Name", TEAM, CHANGE],
        [RESPONSE_IDS[0], "13/05/2024 09:01", "13/05/2024 09:09", EMAIL, NAME, "Assessment", ANSWERS[0]],
    ),
    "google-forms": rows_of(
        ["Timestamp", "Email address", TEAM, CHANGE], ["13/05/2024 09:09:00", EMAIL, "Assessment", ANSWERS[0]]
    ),
    "surveymonkey": rows_of(
        [
            "RespondentID",
            "CollectorID",
            "StartDate",
            "EndDate",
            "IP Address",
            "Email Address",
            "First Name",
            "LastName",
            "Custom Data 1",
            TEAM,
            CHANGE,
        ],
        ["", "", "", "", "", "", "", "", "", "Response", "Open-Ended Response"],
        [
            RESPONSE_IDS[0],
            "C1",
            "05/13/2024 09:01",
            "05/13/2024 09:09",
            ADDRESS,
            EMAIL,
            FIRST,
            LAST,
            REFERENCE,
            "Assessment",
            ANSWERS[0],
        ],
    ),
    "qualtrics": rows_of(
        [
            "StartDate",
            "EndDate",
            "Status",
            "IPAddress",
            "Progress",
            "Finished",
            "RecordedDate",
            "ResponseId",
            "RecipientLastName",
            "RecipientFirstName",
            "RecipientEmail",
            "ExternalReference",
            "LocationLatitude",
            "LocationLongitude",
            "Q1",
            "Q2",
        ],
        [
            "Start Date",
            "End Date",
            "Response Type",
            "IP Address",
            "Progress",
            "Finished",
            "Recorded Date",
            "Response ID",
            "Recipient Last Name",
            "Recipient First Name",
            "Recipient Email",
            "External Data Reference",
            "Location Latitude",
            "Location Longitude",
            TEAM,
            CHANGE,
        ],
        [
            '{"ImportId":"startDate"}',
            '{"ImportId":"endDate"}',
            '{"ImportId":"status"}',
            '{"ImportId":"ipAddress"}',
            '{"ImportId":"progress"}',
            '{"ImportId":"finished"}',
            '{"ImportId":"recordedDate"}',
            '{"ImportId":"_recordId"}',
            '{"ImportId":"recipientLastName"}',
            '{"ImportId":"recipientFirstName"}',
            '{"ImportId":"recipientEmail"}',
            '{"ImportId":"externalDataReference"}',
            '{"ImportId":"locationLatitude"}',
            '{"ImportId":"locationLongitude"}',
            '{"ImportId":"QID1"}',
            '{"ImportId":"QID2_TEXT"}',
        ],
        [
            "2024-05-13 09:01:00",
            "2024-05-13 09:09:00",
            "0",
            ADDRESS,
            "100",
            "1",
            "2024-05-13 09:09:00",
            RESPONSE_IDS[0],
            LAST,
            FIRST,
            EMAIL,
            REFERENCE,
            LATITUDE,
            LONGITUDE,
            "Assessment",
            ANSWERS[0],
        ],
    ),
    "limesurvey": rows_of(
        ["id", "submitdate", "lastpage", "startlanguage", "seed", "ipaddr", "refurl", "team", "change_one_thing"],
        [
            RESPONSE_IDS[0],
            "2024-05-13 09:09:00",
            "3",
            "en",
            "12345",
            ADDRESS,
            "https://intranet.invalid/?u=jo.bloggs",
            "Assessment",
            ANSWERS[0],
        ],
    ),
    "smartsurvey": rows_of(
        [
            "UserID",
            "UserNo",
            "Name",
            "Email",
            "IP Address",
            "Unique ID",
            "Started",
            "Ended",
            "Q1. " + TEAM,
            "Q2. " + CHANGE,
        ],
        ["", "", "", "", "", "", "", "", "Response", "Response"],
        [
            RESPONSE_IDS[0],
            "1",
            NAME,
            EMAIL,
            ADDRESS,
            REFERENCE,
            "13/05/2024 09:01",
            "13/05/2024 09:09",
            "Assessment",
            ANSWERS[0],
        ],
    ),
}


@pytest.fixture
def survey(tmp_path, folders) -> Path:
    return new_file(tmp_path, folders)


def everything_in(path: Path) -> bytes:
    """The file as it lies on the disk (with any journal): what anyone who copies it gets."""
    journal = path.with_name(path.name + "-journal")
    return path.read_bytes() + (journal.read_bytes() if journal.exists() else b"")


@pytest.mark.parametrize("layout", sorted(EXPORTS))
def test_who_answered_is_never_stored_unless_kept_with_a_reason(layout, survey, tmp_path, capsys):
    export = tmp_path / f"{layout}.csv"
    export.write_text(EXPORTS[layout], encoding="utf-8")
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--layout", layout)
    assert code == 0, err
    assert "Not stored (identifying)" in out
    stored = everything_in(survey)
    assert ANSWERS[0].encode() in stored, "the answers themselves are imported"
    found = [value for value in (*IDENTIFYING, "jo.bloggs") if value.encode() in stored]
    assert found == [], f"{layout}: stored although nobody asked to keep them"
    with HealthCheckFile.open(survey, read_only=True) as hc:
        assert hc.value("SELECT count(*) FROM response_identifiers") == 0


@pytest.mark.parametrize("layout", sorted(EXPORTS))
def test_kept_identifying_details_are_kept_apart_with_the_reason(layout, survey, tmp_path, capsys):
    export = tmp_path / f"{layout}.csv"
    export.write_text(EXPORTS[layout], encoding="utf-8")
    reason = "Staff agreed to follow-up interviews"
    code, out, err = run_cli(capsys, "import", survey, "2024", export, "--layout", layout, "--keep-identifying", reason)
    assert code == 0, err
    with HealthCheckFile.open(survey, read_only=True) as hc:
        kept = {value for (value,) in hc.tuples("SELECT value FROM response_identifiers")}
        assert kept and kept <= {*IDENTIFYING, "https://intranet.invalid/?u=jo.bloggs"}
        assert [b.identifying_kept_reason for b in hc.responses.batches(hc.cycles.by_name("2024").id)] == [reason]
        elsewhere = " ".join(str(v) for row in hc.tuples("SELECT * FROM import_batches") for v in row)
        elsewhere += " ".join(str(v) for row in hc.tuples("SELECT * FROM audit_log") for v in row)
        elsewhere += " ".join(str(v) for row in hc.tuples("SELECT * FROM answers") for v in row)
    assert not [value for value in kept if value in elsewhere]


def test_the_audit_log_says_who_changed_what_and_never_who_answered_or_what(survey, tmp_path, folders, capsys):
    """Imports (identifying details kept and not), a paper return, designer edits, themes and tags, findings, an
    action, removing and putting back a batch: the log has an entry for each change, and none of them holds an
    answer, a response id or anything that identifies a respondent."""
    for number, layout in enumerate(("microsoft-forms", "qualtrics")):
        text = EXPORTS[layout].replace(ANSWERS[0], ANSWERS[number]).replace(RESPONSE_IDS[0], RESPONSE_IDS[number])
        export = tmp_path / f"{layout}.csv"
        export.write_text(text, encoding="utf-8")
        keep = ["--keep-identifying", "Agreed follow-up"] if number else []
        assert run_cli(capsys, "import", survey, "2024", export, "--layout", layout, *keep)[0] == 0
    with HealthCheckFile.open(survey, folders=folders) as hc:
        cycle = hc.cycles.by_name("2024")
        questionnaire = hc.questionnaires.load(cycle.id)
        typed = {
            "team": "2",
            "leaving_reasons": "3 10",
            "intend_to_stay": "3",
            "hours_worked": "47.5",
            "change_one_thing": "Less shouting in the office, please",
        }
        entries = {code: read_entry(questionnaire.question(code), value) for code, value in typed.items()}
        other = {"leaving_reasons": "Caring for my father who has dementia"}
        hc.responses.add_paper_response(cycle.id, build_response(questionnaire, entries, other, "PAPER-0042"))
        question = questionnaire.question("valued")
        apply_edit(hc, cycle.id, ChangeQuestion(question, dataclasses.replace(question, help_text="Be honest")))
        theme = hc.themes.add("Management")
        comments = [
            (r, q)
            for r, q in hc.tuples("SELECT a.response_id, a.question_id FROM answers a WHERE a.text_value IS NOT NULL")
        ]
        hc.themes.set_tag(comments, theme, True)
        hc.findings.add(cycle.id, FindingKind.IMPROVEMENT, "Some staff report poor management behaviour")
        hc.actions.add(cycle.id, ActionDraft(standard=5, title="Review management training", owner="Head of service"))
        removed = hc.responses.take_out_batch(hc.responses.batches(cycle.id)[0].id)
        hc.responses.put_back_batch(removed)
        log = hc.rows("SELECT at, actor, action, detail FROM audit_log ORDER BY id")
        answers = {text for (text,) in hc.tuples("SELECT text_value FROM answers WHERE text_value IS NOT NULL")}
        identifiers = {value for (value,) in hc.tuples("SELECT value FROM response_identifiers")}
        response_ids = {
            value for (value,) in hc.tuples("SELECT external_id FROM responses WHERE external_id IS NOT NULL")
        }
    assert len(log) >= 10 and all(entry["actor"] and entry["at"] for entry in log)
    assert {
        "Added responses",
        "Keyed in a paper return",
        "Changed a questionnaire",
        "Tagged comments",
        "Added a finding",
        "Added an action",
        "Put back a batch of responses",
    } <= {entry["action"] for entry in log}
    assert ANSWERS[1] in answers and "Caring for my father who has dementia" in answers and identifiers
    assert response_ids == {*RESPONSE_IDS, "PAPER-0042"}
    logged = " ".join(f"{entry['action']} {entry['detail']}" for entry in log)
    assert not [value for value in (*answers, *identifiers, *response_ids) if value in logged]
