"""The exports: the anonymised responses (nothing that says who anyone is, every text cell formula-safe, small groups
not named, each question's answers swapped within each team and role with its follow-ups), every table (one sheet a
section, bases stated, small groups hidden by the one rule), and every chart as a folder made all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from swhc_desktop.analysis.breakdowns import breakdown
from swhc_desktop.analysis.results import analysed_questions, question_results
from swhc_desktop.analysis.suppression import NO_ANSWER, disclosure_plan
from swhc_desktop.analysis.suppression import NOT_SHOWN as ANALYSIS_NOT_SHOWN
from swhc_desktop.cli import main
from swhc_desktop.domain.progress import Cancelled, Progress
from swhc_desktop.domain.questionnaire import QuestionType
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.domain.response_columns import ColumnKey, ColumnKind, parse_heading, template_columns
from swhc_desktop.outputs.exports.charts import file_stem
from swhc_desktop.outputs.exports.kinds import export, export_kind
from swhc_desktop.outputs.exports.responses import SMALL_GROUP, read_anonymised_responses
from swhc_desktop.outputs.exports.tables import NOT_SHOWN, sheet_names
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

IDENTIFIERS = {"name": "Pat Quinlan", "email": "pat.quinlan@example.gov.uk", "ip_address": "10.20.30.40"}
HARMFUL = '=HYPERLINK("http://example.com","click")'


@pytest.fixture
def small(tmp_path, folders):
    """Eighteen responses kept with names, emails and IP addresses, one with a comment a spreadsheet would run; teams
    of 10, 6 and 2 people (the 2 are too few to show, and the 6 would give them away). Comments are named by team
    from groups of 5 (the 10's comments may then be exported beside their team: 8 people are left unnamed)."""
    with HealthCheckFile.create(tmp_path / "small.swhc", "Anytown Borough Council", folders=folders) as hc:
        hc.organisation.update(minimum_comment_group_size=5)
        cycle = start_cycle(hc, "2026", template_id="staff-survey", staff_invited=20)
        questionnaire = hc.questionnaires.load(cycle.id)
        team = questionnaire.question("team")
        manageable = questionnaire.question("caseload_manageable")
        comment = questionnaire.question("other_comments")
        responses = []
        for n in range(18):
            answers = [
                AnswerValue(team.id, option_id=team.options[0 if n < 10 else 1 if n < 16 else 2].id),
                AnswerValue(manageable.id, option_id=manageable.options[n % 3].id),
                AnswerValue(questionnaire.question("caseload").id, number=float(10 + n)),
            ]
            if n == 0:
                answers.append(AnswerValue(comment.id, text=HARMFUL))
            identifiers = tuple((field, f"{value}{n}") for field, value in IDENTIFIERS.items())
            responses.append(
                NewResponse(
                    tuple(answers),
                    external_id=f"R_{n:04d}",
                    submitted_on=dt.date(2026, 5, 1 + n),
                    identifiers=identifiers,
                )
            )
        hc.responses.add_batch(
            cycle.id, NewBatch(BatchKind.IMPORT, "export.csv", identifying_kept_reason="testing"), responses
        )
        yield hc


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def read_xlsx(path: Path, sheet: str) -> list[list]:
    workbook = openpyxl.load_workbook(path)
    return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


# --------------------------------------------------------------------------- anonymised responses


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_the_responses_never_say_who_anyone_is(small, tmp_path, format_name):
    cycle = small.cycles.by_name("2026")
    assert small.value("SELECT count(*) FROM response_identifiers") == 54  # kept for this batch, never exported
    out = export(small, cycle, "responses", format_name, tmp_path / f"responses.{format_name}")
    rows = read_csv(out) if format_name == "csv" else read_xlsx(out, "Responses")
    headings = [str(h) for h in rows[0]]
    assert headings == [c.heading for c in template_columns(small.questionnaires.load(cycle.id))]
    assert not [
        h
        for h in headings
        if any(word in h.lower() for word in ("email", "ip address", "response_id", "submitted", "name"))
    ]
    everything = " ".join(str(cell) for row in rows for cell in row if cell is not None)
    for value in IDENTIFIERS.values():
        assert value not in everything
    assert "R_0" not in everything and "2026-05" not in everything and "/05/2026" not in everything
    assert len(rows) == 19


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_every_text_cell_is_formula_safe(small, tmp_path, format_name):
    cycle = small.cycles.by_name("2026")
    out = export(small, cycle, "responses", format_name, tmp_path / f"responses.{format_name}")
    if format_name == "csv":
        cells = [cell for row in read_csv(out) for cell in row]
    else:
        sheet = openpyxl.load_workbook(out)["Responses"]
        cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert "'" + HARMFUL in cells
    assert not [c for c in cells if isinstance(c, str) and c.startswith(("=", "+", "-", "@"))]


def test_a_team_too_small_to_show_is_not_named_in_any_row(small, tmp_path):
    cycle = small.cycles.by_name("2026")
    rows = read_csv(export(small, cycle, "responses", "csv", tmp_path / "responses.csv"))
    team_column = next(i for i, h in enumerate(rows[0]) if h.endswith("[team]"))
    teams = Counter(row[team_column] for row in rows[1:])
    questionnaire = small.questionnaires.load(cycle.id)
    big, middling, tiny = questionnaire.question("team").options[:3]
    assert teams == {big.label: 10, SMALL_GROUP: 8}
    about = read_xlsx(export(small, cycle, "responses", "xlsx", tmp_path / "r.xlsx"), "About this file")
    assert any(SMALL_GROUP in str(line[0]) and tiny.label in str(line[0]) for line in about)


def test_the_exported_answers_add_up_to_the_tables(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    rows = read_csv(export(demo, cycle, "responses", "csv", tmp_path / "responses.csv"))
    assert len(rows) - 1 == cycle.response_count
    column = next(i for i, h in enumerate(rows[0]) if h.endswith("[caseload_manageable]"))
    counted = Counter(row[column] for row in rows[1:] if row[column])
    table = question_results(demo, cycle.id, ["caseload_manageable"])["caseload_manageable"].table
    assert counted == {r.option.label: r.count for r in table.rows if r.count}
    ticks = [i for i, h in enumerate(rows[0]) if "[leaving_reasons/" in h and ":text]" not in h]
    answered = [row for row in rows[1:] if row[ticks[0]] != ""]
    assert all(set(row[i] for i in ticks) <= {"0", "1"} for row in answered)
    assert len(answered) == question_results(demo, cycle.id, ["leaving_reasons"])["leaving_reasons"].base


def own_cells(hc: HealthCheckFile, cycle) -> list[tuple[tuple[str, ...], dict[ColumnKey, str]]]:
    """Each respondent's block (their breakdown answers as the export gives them: team and role, by the plan) and their
    own cell, as the CSV writes it, in each column of a question that is neither a breakdown question nor free text
    (free text is given only in some blocks; see the test of comments), worked out from the stored answers."""
    questionnaire = hc.questionnaires.load(cycle.id)
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    dimensions = questionnaire.dimensions()
    owner = {o.id: (q, o) for q in questionnaire.questions() for o in q.options}
    by_id = {q.id: q for q in questionnaire.questions()}
    people: dict[int, list] = {}
    for response, question_id, option_id, number, text in hc.response_rows.answers(cycle.id):
        people.setdefault(response, []).append((by_id[question_id], option_id, number, text))
    labels = {o.id: o.label for d in dimensions for o in d.options} | {NO_ANSWER: "", ANALYSIS_NOT_SHOWN: SMALL_GROUP}
    result = []
    for response in hc.response_rows.response_numbers(cycle.id):
        answers = people.get(response, [])
        given = {q.code: option_id for q, option_id, _, _ in answers if q.is_dimension}
        groups = plan.row_groups({d.code: given.get(d.code, NO_ANSWER) for d in dimensions})
        block = tuple(labels[groups[code]] for code in plan.row_codes)
        ticked: dict[str, set[str]] = {}
        cells: dict[ColumnKey, str] = {}
        for question, option_id, number, _ in answers:
            if question.is_dimension or question.qtype is QuestionType.TEXT:
                continue
            if option_id is not None:
                ticked.setdefault(question.code, set()).add(owner[option_id][1].code)
                if question.qtype is not QuestionType.MULTI:
                    cells[ColumnKey(question.code, ColumnKind.ANSWER)] = owner[option_id][1].label
            elif number is not None:
                cells[ColumnKey(question.code, ColumnKind.ANSWER)] = str(int(number) if number.is_integer() else number)
        for column in template_columns(questionnaire):
            key = column.key
            question = questionnaire.question(key.question_code)
            if question.is_dimension or question.qtype is QuestionType.TEXT or key.kind is ColumnKind.OTHER_TEXT:
                continue
            if key.kind is ColumnKind.TICK:
                chosen = ticked.get(key.question_code)
                cells[key] = "" if chosen is None else str(int(key.option_code in chosen))
            else:
                cells.setdefault(key, "")
        result.append((block, cells))
    return result


def exported_cells(rows: list[list[str]], block_codes: tuple[str, ...]) -> list[tuple[tuple[str, ...], dict]]:
    """Each exported row's block (its team and role cells) and its cells by column key."""
    keys = [parse_heading(h) for h in rows[0]]
    position = {key.question_code: i for i, key in enumerate(keys) if key.kind is ColumnKind.ANSWER}
    return [(tuple(row[position[code]] for code in block_codes), dict(zip(keys, row, strict=True))) for row in rows[1:]]


def family_heads(questionnaire) -> dict[str, str]:
    """Each question's family, worked out here on its own: the top of its chain of follow-ups."""
    heads = {}
    for question in questionnaire.questions():
        head = question
        while head.follow_up is not None and not questionnaire.question(head.follow_up.parent_code).is_dimension:
            head = questionnaire.question(head.follow_up.parent_code)
        heads[question.code] = head.code
    return heads


def by_block_and_family(people, heads) -> dict[tuple, Counter]:
    """For each block and each family, how many rows give each combination of the family's cells."""
    counted: dict[tuple, Counter] = {}
    for block, cells in people:
        families: dict[str, list] = {}
        for key in sorted(cells, key=lambda k: (k.question_code, k.kind, k.option_code or "")):
            families.setdefault(heads[key.question_code], []).append((key.question_code, key.option_code, cells[key]))
        for head, values in families.items():
            counted.setdefault((block, head), Counter())[tuple(values)] += 1
    return counted


def test_each_team_and_role_keeps_exactly_its_own_answers_to_every_question(demo, tmp_path):
    """Whatever the draw: in every block of rows giving one team and role, every column holds exactly the answers of
    the people in that team and role (so every figure of the block, of its team and of everyone is the tables')."""
    cycle = demo.cycles.by_name("2025")
    plan = disclosure_plan(demo, cycle.id)
    own = own_cells(demo, cycle)
    exported = exported_cells(read_csv(export(demo, cycle, "responses", "csv", tmp_path / "r.csv")), plan.row_codes)
    assert plan.row_codes == ("team", "role") and len(exported) == len(own) == cycle.response_count
    columns = set(own[0][1])
    questionnaire = demo.questionnaires.load(cycle.id)
    free_text = {q.code for q in questionnaire.questions() if q.is_dimension or q.qtype is QuestionType.TEXT}
    assert columns == {
        c.key
        for c in template_columns(questionnaire)
        if c.key.question_code not in free_text and c.key.kind is not ColumnKind.OTHER_TEXT
    }
    for key in columns:
        truth = Counter((block, cells[key]) for block, cells in own)
        assert Counter((block, cells[key]) for block, cells in exported) == truth, key
    assert len({block for block, _ in own}) > 10  # many blocks, each with its own answers


def test_a_question_moves_with_its_follow_ups_and_its_ticks(demo, tmp_path):
    """A question's answers go to another row together with its follow-ups' and its tick columns', so every row
    reads as a whole answer: a follow-up is answered only where its parent's answer asks for it, a tick-all question
    is ticked or empty in all its columns at once, and each block holds exactly its people's combinations."""
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    plan = disclosure_plan(demo, cycle.id, questionnaire)
    heads = family_heads(questionnaire)
    assert heads["observation_positive"] == "observed_practice" and heads["leaving_reasons"] == "intend_to_stay"
    own = own_cells(demo, cycle)
    exported = exported_cells(read_csv(export(demo, cycle, "responses", "csv", tmp_path / "r.csv")), plan.row_codes)
    exported = [(block, {key: cells[key] for key in own[0][1]}) for block, cells in exported]
    assert by_block_and_family(exported, heads) == by_block_and_family(own, heads)

    observed = ColumnKey("observed_practice", ColumnKind.ANSWER)
    positive = ColumnKey("observation_positive", ColumnKind.ANSWER)
    stay = ColumnKey("intend_to_stay", ColumnKind.ANSWER)
    reasons = questionnaire.question("leaving_reasons")
    ticks = [ColumnKey("leaving_reasons", ColumnKind.TICK, o.code) for o in reasons.options]
    asks = {questionnaire.question("intend_to_stay").option(code).label for code in reasons.follow_up.option_codes}
    rows = [cells for _, cells in exported]
    assert sum(1 for cells in rows if cells[positive]) > 50 and sum(1 for cells in rows if cells[ticks[0]]) > 30
    for cells in rows:
        assert not cells[positive] or cells[observed] == "Yes"
        assert all(cells[t] == "" for t in ticks) or (
            cells[stay] in asks and {cells[t] for t in ticks} <= {"0", "1"} and "1" in {cells[t] for t in ticks}
        )


def test_comments_stay_in_their_block_and_only_where_the_block_may_have_them(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    plan = disclosure_plan(demo, cycle.id, questionnaire)
    rows = read_csv(export(demo, cycle, "responses", "csv", tmp_path / "r.csv"))
    exported = exported_cells(rows, plan.row_codes)
    own = own_cells(demo, cycle)
    sizes = Counter(block for block, _ in own)
    comments = {}
    for response, question_id, _, _, text in demo.response_rows.answers(cycle.id):
        if question_id == questionnaire.question("other_comments").id:
            comments[response] = text
    blocks = [block for block, _ in own]
    responses = demo.response_rows.response_numbers(cycle.id)
    truth = Counter((block, comments.get(r, "")) for block, r in zip(blocks, responses, strict=True))
    key = ColumnKey("other_comments", ColumnKind.ANSWER)
    given = Counter((block, cells[key]) for block, cells in exported)
    teams = {o.label: o.id for o in questionnaire.question("team").options}
    for block in sizes:
        in_block = Counter({text: n for (b, text), n in given.items() if b == block})
        own_texts = Counter({text: n for (b, text), n in truth.items() if b == block})
        if sizes[block] >= plan.comment_minimum and plan.comment_label_shown(teams.get(block[0])):
            assert in_block == own_texts, block
        else:
            assert in_block == {"": sizes[block]}, block
    assert any(text for _, text in given)  # some blocks are large enough for their comments


def test_the_draw_is_the_operating_system_s_unless_a_test_gives_its_own(demo, monkeypatch):
    cycle = demo.cycles.by_name("2025")
    drawn = []

    class Watched(random.SystemRandom):
        def shuffle(self, values):
            drawn.append(len(values))
            super().shuffle(values)

    monkeypatch.setattr(random, "SystemRandom", Watched)
    content = read_anonymised_responses(demo, cycle)
    assert sum(drawn) > 20 * cycle.response_count  # every family of every block, from the operating system
    seeded = [read_anonymised_responses(demo, cycle, chance=random.Random(7)).rows for _ in range(2)]
    assert seeded[0] == seeded[1] and len(content.rows) == len(seeded[0])


def test_the_file_says_its_rows_are_not_people_s_own_answers(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    content = read_anonymised_responses(demo, cycle, chance=random.Random(1))
    assert "swapped at random between rows of the same team and role" in content.summary
    assert "a row is a mix of several people's answers, not one person's" in content.summary
    notes = " ".join(
        read_xlsx(export(demo, cycle, "responses", "xlsx", tmp_path / "r.xlsx"), "About this file")[i][0]
        for i in range(len(content.notes))
    )
    assert "203 rows, one for each response, but a row is not one person's answers" in notes
    assert "how answers to different questions go together" in notes
    assert "two copies differ row by row, but never in any count" in notes
    assert "one row a respondent" not in notes and "match rows" not in notes
    assert "one row a respondent" not in export_kind("responses").description


# --------------------------------------------------------------------------- tables


def test_every_table_is_on_its_sections_sheet_with_its_base(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    out = export(demo, cycle, "tables", "xlsx", tmp_path / "tables.xlsx")
    workbook = openpyxl.load_workbook(out)
    questionnaire = demo.questionnaires.load(cycle.id)
    sections = [s for s in questionnaire.sections if any(q in analysed_questions(questionnaire) for q in s.questions)]
    assert workbook.sheetnames == ["About these tables", *sheet_names([s.title for s in sections])]
    results = question_results(demo, cycle.id)
    for section, name in zip(sections, workbook.sheetnames[1:], strict=True):
        cells = [str(c) for row in workbook[name].iter_rows(values_only=True) for c in row if c is not None]
        for question in section.questions:
            if question.code in results:
                result = results[question.code]
                assert f"{result.number}. {question.title}" in cells
                assert result.base_description in cells


def test_small_groups_are_hidden_in_the_tables_exactly_as_the_breakdowns_hide_them(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    out = export(demo, cycle, "tables", "xlsx", tmp_path / "tables.xlsx")
    rows = read_xlsx(out, "Communication and culture")
    start = next(i for i, row in enumerate(rows) if row[0] == "28. Feeling valued")
    header_at = next(i for i in range(start, len(rows)) if rows[i][0] == "By team")
    header = rows[header_at]
    expected = breakdown(demo, cycle.id, "valued", "team")
    assert [g.label for g in expected.groups] == header[1 : 1 + len(expected.groups)]
    block = rows[header_at + 1 : header_at + 8]
    for column, group in enumerate(expected.groups, start=1):
        values = [row[column] for row in block if row[0] and str(row[0]).startswith(("%", "Base"))]
        if group.hidden:
            assert set(values) == {NOT_SHOWN}
        elif group.result is not None:
            assert NOT_SHOWN not in values and group.result.base in values
    assert any(g.hidden for g in expected.groups)
    assert any(
        "not shown: groups of fewer than 5" in str(row[0]) for row in block + rows[header_at + 8 : header_at + 10]
    )


def test_sheet_names_are_ones_excel_accepts():
    names = sheet_names(["About you", "Your work: caseloads/hours?", "About you", "A" * 40, "A" * 40])
    assert names[:3] == ["About you", "Your work  caseloads hours", "About you (2)"]
    assert all(len(n) <= 31 for n in names) and len(set(names)) == 5


# --------------------------------------------------------------------------- charts


def test_every_chart_is_saved_in_a_folder(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    (tmp_path / "out").mkdir()
    out = export(demo, cycle, "charts", "png", tmp_path / "out" / "Charts 2025")
    names = sorted(p.name for p in out.iterdir())
    results = question_results(demo, cycle.id)
    for result in results.values():
        assert f"{file_stem(result.number, result.question.title)}.png" in names
    assert "06 Cases held - by year.png" in names and "Favourable by team.png" in names
    assert all((out / n).read_bytes().startswith(b"\x89PNG") for n in names)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["Charts 2025"]


def test_charts_as_svg_join_an_existing_folder(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    export(demo, cycle, "charts", "svg", folder)
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "07 Caseload manageability.svg").read_text().lstrip().startswith(("<?xml", "<svg"))


def test_cancelling_the_charts_leaves_nothing_behind(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    steps = []
    progress = Progress(report=lambda done, total, message: steps.append(done), is_cancelled=lambda: len(steps) > 3)
    (tmp_path / "out").mkdir()
    with pytest.raises(Cancelled):
        export(demo, cycle, "charts", "png", tmp_path / "out" / "Charts", progress)
    assert list((tmp_path / "out").iterdir()) == []


def test_file_names_follow_the_questionnaire():
    assert file_stem("6", "Cases held") == "06 Cases held"
    assert file_stem("19a", "Observation: a positive experience?") == "19a Observation a positive experience"


# --------------------------------------------------------------------------- the command line


def test_swhc_export_writes_each_export(demo_path, tmp_path, capsys):
    assert main(["export", str(demo_path), "2025", "--what", "responses", "--out", str(tmp_path / "r.csv")]) == 0
    assert read_csv(tmp_path / "r.csv")[0][0].endswith("[team]")
    assert main(["export", str(demo_path), "2025", "--what", "tables", "--out", str(tmp_path / "t.xlsx")]) == 0
    assert main(["export", str(demo_path), "2025", "--what", "charts", "--out", str(tmp_path / "c")]) == 0
    assert (tmp_path / "c" / "06 Cases held.png").exists()
    out = capsys.readouterr().out
    assert "Wrote the anonymised responses for 2025" in out and "Wrote the charts for 2025 to" in out
    assert export_kind("charts").default_file_name("2025", "png") == "Charts 2025"
    assert main(["export", "--help"]) == 0
    assert "charts (png|svg)" in capsys.readouterr().out


def test_a_cycle_without_responses_has_nothing_to_export(tmp_path, folders, capsys):
    path = tmp_path / "new.swhc"
    with HealthCheckFile.create(path, "Anytown Borough Council", folders=folders) as hc:
        start_cycle(hc, "2026", template_id="staff-survey")
    for what in ("responses", "tables", "charts"):
        assert main(["export", str(path), "2026", "--what", what, "--out", str(tmp_path / what)]) == 2
        error = capsys.readouterr().err
        assert error.startswith("swhc export: 2026 has no responses yet") and error.count("\n") == 1
    assert not any((tmp_path / what).exists() for what in ("responses", "tables", "charts"))
