"""The hand-outs: paper form, response template and question list carry every question and answer, say what a
respondent needs, and are refused while the questionnaire has errors."""

from __future__ import annotations

import csv
import datetime as dt
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest

from swhc_desktop.cli import main
from swhc_desktop.domain.questionnaire import QuestionType
from swhc_desktop.domain.response_columns import META_COLUMNS, ColumnKind, parse_heading, template_columns
from swhc_desktop.outputs.exports.kinds import EXPORT_KINDS, export
from swhc_desktop.outputs.reports.kinds import REPORT_KINDS, make_report
from swhc_desktop.questionnaires.edits import ChangeCycleText, QuestionnaireDesign, apply_edit
from swhc_desktop.questionnaires.handouts import INTRODUCTION_KEY, NotReadyToHandOut, questionnaire_handout
from swhc_desktop.storage import HealthCheckFile

from .support.editions import add_cycle_of_employer_return
from .support.pdf_text import normalised, page_texts


@pytest.fixture
def lga(tmp_path, folders):
    """A cycle from the LGA employer return: text and number questions, follow-ups and 'please specify' answers."""
    with HealthCheckFile.create(tmp_path / "lga.swhc", "Anytown Borough Council", folders=folders) as hc:
        add_cycle_of_employer_return(hc, "2024", closes_on=dt.date(2024, 11, 30))
        yield hc


def expected_texts(questionnaire) -> list[str]:
    texts = [section.title for section in questionnaire.sections]
    for question in questionnaire.questions():
        texts.append(question.text)
        texts.extend(o.display_label for o in question.options)
    return texts


# --------------------------------------------------------------------------- paper form


@pytest.mark.parametrize("which", ["demo", "lga"])
def test_the_paper_form_prints_every_question_and_answer_with_furniture_on_every_page(which, request, tmp_path):
    hc = request.getfixturevalue(which)
    cycle = hc.cycles.all()[-1]
    out = make_report(hc, cycle, "paper-form", tmp_path / "form.pdf")
    pages = page_texts(out)
    everything = normalised(" ".join(pages))
    questionnaire = hc.questionnaires.load(cycle.id)
    missing = [t for t in expected_texts(questionnaire) if normalised(t) not in everything]
    assert missing == []
    numbers = questionnaire.numbering()
    assert all(f"{n}." in everything for n in numbers.values())
    organisation = hc.organisation.get()
    for number, page in enumerate(pages, start=1):
        assert organisation.name in page and page.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {len(pages)}" in page
    assert out.read_bytes().startswith(b"%PDF")


def test_the_paper_form_says_how_to_answer_and_when_a_follow_up_applies(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "paper-form", tmp_path / "form.pdf"))))
    assert "Social Work Health Check 2025" in text
    assert "Your answers are confidential" in text and "by 15/05/2025" in text
    assert "If ‘Yes’, please answer 19a. Otherwise go to question 20." in text
    assert "Tick all that apply" in text or "tick all that apply" in text
    assert "hours (0 to 100)" in text
    assert "Other team (please specify):" in text


def test_a_follow_up_whose_words_do_not_say_when_it_applies_is_marked(lga, tmp_path):
    cycle = lga.cycles.by_name("2024")
    q = lga.questionnaires.load(cycle.id)
    follow_up = next(x for x in q.questions() if x.follow_up and not x.text.lower().startswith("if "))
    parent_number = q.numbering()[follow_up.follow_up.parent_code]
    text = normalised(" ".join(page_texts(make_report(lga, cycle, "paper-form", tmp_path / "form.pdf"))))
    assert re.search(rf"If you answered ‘[^’]+’( or ‘[^’]+’)* to question {parent_number}:", text)


def test_the_introduction_is_the_psws_own_once_written(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    apply_edit(
        demo,
        cycle.id,
        ChangeCycleText(INTRODUCTION_KEY, None, "Please fill this in during the team day.\n\nHand it to Sam Patel."),
    )
    text = normalised(" ".join(page_texts(make_report(demo, cycle, "paper-form", tmp_path / "form.pdf"))))
    assert "Please fill this in during the team day. Hand it to Sam Patel." in text
    assert "Your answers are confidential" not in text


def broken(hc):
    """Give the latest cycle a question without answers to choose from: an error that blocks hand-outs."""
    cycle = hc.cycles.all()[-1]
    design = QuestionnaireDesign(hc.questionnaires.load(cycle.id))
    apply_edit(hc, cycle.id, design.add_question(0, 0, standard=2))
    return cycle


def test_a_questionnaire_with_errors_is_not_handed_out_and_nothing_is_written(demo, tmp_path):
    cycle = broken(demo)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(NotReadyToHandOut, match="The 2025 questionnaire has 2 errors, so it cannot be handed out yet"):
        make_report(demo, cycle, "paper-form", tmp_path / "form.pdf")
    for kind in (k for k in EXPORT_KINDS if k.hand_out):
        with pytest.raises(NotReadyToHandOut):
            export(demo, cycle, kind.what, kind.formats[0].name, tmp_path / f"out{kind.formats[0].suffix}")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- response template


def test_the_csv_template_has_exactly_the_agreed_headings_and_a_filled_in_copy_maps_back(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    out = export(demo, cycle, "template", "csv", tmp_path / "template.csv")
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.count(b"\n") == 1
    expected = list(META_COLUMNS) + [c.heading for c in template_columns(questionnaire)]
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == expected

    # A person types two paper forms in, as the template's sheet explains.
    filled = fill_in(questionnaire, expected)
    with out.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(filled)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert_maps_back(questionnaire, rows)


def fill_in(questionnaire, headings: list[str]) -> list[list[str]]:
    rows = []
    for form in range(2):
        row = []
        for heading in headings:
            key = parse_heading(heading)
            if key is None:
                row.append(f"P{form + 1}" if heading == "response_id" else "15/05/2025")
                continue
            question = questionnaire.question(key.question_code)
            if key.kind is ColumnKind.TICK:
                row.append("1" if form == 0 else "")
            elif key.kind is ColumnKind.OTHER_TEXT:
                row.append("Youth justice")
            elif question.qtype is QuestionType.NUMBER:
                row.append(str(question.min_value or 0))
            elif question.qtype is QuestionType.TEXT:
                row.append("More admin support, please.")
            else:
                row.append(question.options[form % len(question.options)].label)
        rows.append(row)
    return rows


def assert_maps_back(questionnaire, rows: list[dict[str, str]]) -> None:
    """Every column's heading names a question (and option) of the questionnaire, every question has a column,
    and every chosen answer is one of its question's answers."""
    seen_questions, seen_ticks = set(), set()
    for heading in rows[0]:
        key = parse_heading(heading)
        if key is None:
            assert heading in META_COLUMNS
            continue
        question = questionnaire.question(key.question_code)
        seen_questions.add(question.code)
        if key.kind is ColumnKind.TICK:
            question.option(key.option_code)
            seen_ticks.add((question.code, key.option_code))
        elif key.kind is ColumnKind.OTHER_TEXT:
            assert question.option(key.option_code).is_other
        elif question.qtype.has_options:
            labels = {o.label for o in question.options}
            assert all(row[heading] in labels for row in rows)
    assert seen_questions == {q.code for q in questionnaire.questions()}
    assert seen_ticks == {
        (q.code, o.code) for q in questionnaire.questions() if q.qtype is QuestionType.MULTI for o in q.options
    }


def column_number(reference: str) -> int:
    """'A1' -> 0, 'AB7' -> 27."""
    number = 0
    for letter in re.match(r"[A-Z]+", reference).group():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def xlsx_sheets(path: Path) -> dict[str, list[list[str]]]:
    """The text of each sheet of an .xlsx, read straight from its XML."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as archive:
        strings = [
            "".join(t.text or "" for t in item.iter(f"{{{ns['m']}}}t"))
            for item in ElementTree.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", ns)
        ]
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        names = [sheet.get("name") for sheet in workbook.find("m:sheets", ns)]
        sheets = {}
        for number, name in enumerate(names, start=1):
            root = ElementTree.fromstring(archive.read(f"xl/worksheets/sheet{number}.xml"))
            rows = []
            for row in root.iter(f"{{{ns['m']}}}row"):
                cells: dict[int, str] = {}
                for cell in row.findall("m:c", ns):
                    value = cell.find("m:v", ns)
                    text = "" if value is None else value.text
                    cells[column_number(cell.get("r"))] = strings[int(text)] if cell.get("t") == "s" else text
                rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
            sheets[name] = rows
        sheets["_validations"] = re.findall(r'sqref="([^"]+)"', archive.read("xl/worksheets/sheet1.xml").decode())
    return sheets


def test_the_excel_template_has_the_same_headings_and_offers_each_questions_answers(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    out = export(demo, cycle, "template", "xlsx", tmp_path / "template.xlsx")
    sheets = xlsx_sheets(out)
    assert list(sheets)[:3] == ["Responses", "How to fill in", "Answer lists"]
    headings = sheets["Responses"][0]
    assert headings == list(META_COLUMNS) + [c.heading for c in template_columns(questionnaire)]
    assert len(sheets["Responses"]) == 1  # no example rows that could be imported as a response
    assert_maps_back(
        questionnaire,
        [
            dict.fromkeys(headings, "")
            | {
                h: questionnaire.question(k.question_code).options[0].label
                for h in headings
                if (k := parse_heading(h))
                and k.kind is ColumnKind.ANSWER
                and questionnaire.question(k.question_code).qtype.has_options
            }
        ],
    )
    lists = sheets["Answer lists"]
    first_column = [row[0] for row in lists if row and row[0]]
    assert first_column == [o.label for o in questionnaire.question("team").options]
    assert len(sheets["_validations"]) > len([q for q in questionnaire.questions() if q.qtype.has_options])
    assert "Do not change, move or delete the column headings" in " ".join(r[0] for r in sheets["How to fill in"] if r)


# --------------------------------------------------------------------------- question list


def test_the_question_list_as_text_gives_the_exact_wording_type_and_answers(lga, tmp_path):
    cycle = lga.cycles.by_name("2024")
    questionnaire = lga.questionnaires.load(cycle.id)
    out = export(lga, cycle, "question-list", "txt", tmp_path / "questions.txt")
    text = out.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    numbers = questionnaire.numbering()
    for question in questionnaire.questions():
        assert f"{numbers[question.code]}. {question.text}" in lines
        assert f"    Question code: {question.code}" in lines
        for option in question.options:
            assert f"      - {option.label}" in lines
    assert "Show only to people who answered" in text and "Add a text box to the answer ‘Other’" in text
    assert out.read_bytes().count(b"\r\n") == len(lines)


def test_the_question_list_as_word_is_a_valid_document_with_every_question(demo, tmp_path):
    cycle = demo.cycles.by_name("2025")
    questionnaire = demo.questionnaires.load(cycle.id)
    out = export(demo, cycle, "question-list", "docx", tmp_path / "questions.docx")
    with zipfile.ZipFile(out) as archive:
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} <= set(archive.namelist())
        parts = {name: ElementTree.fromstring(archive.read(name)) for name in archive.namelist()}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in parts["word/document.xml"].iter(f"{w}p")]
    styles = [p.find(f"{w}pPr/{w}pStyle").get(f"{w}val") for p in parts["word/document.xml"].iter(f"{w}p")]
    numbers = questionnaire.numbering()
    for question in questionnaire.questions():
        heading = f"{numbers[question.code]}. {question.text}"
        assert styles[paragraphs.index(heading)] == "Heading2"
        assert any(p.startswith(f"Question code: {question.code} ") for p in paragraphs)
        assert all(f"○  {o.label}" in paragraphs for o in question.options)
    page = parts["word/document.xml"].find(f"{w}body/{w}sectPr/{w}pgSz")
    assert (page.get(f"{w}w"), page.get(f"{w}h")) == ("11906", "16838")  # A4


# --------------------------------------------------------------------------- command line


def test_the_command_line_makes_each_hand_out(demo_path, tmp_path, capsys):
    form = tmp_path / "form.pdf"
    assert main(["report", str(demo_path), "2025", "--kind", "paper-form", "--out", str(form)]) == 0
    assert form.read_bytes().startswith(b"%PDF")
    for what, name in (
        ("template", "template.xlsx"),
        ("template", "template.csv"),
        ("question-list", "q.docx"),
        ("question-list", "q.txt"),
    ):
        assert main(["export", str(demo_path), "2025", "--what", what, "--out", str(tmp_path / name)]) == 0
        assert (tmp_path / name).stat().st_size > 0
    assert "Wrote the question list for 2025" in capsys.readouterr().out
    assert (
        main(
            [
                "export",
                str(demo_path),
                "2025",
                "--what",
                "question-list",
                "--format",
                "csv",
                "--out",
                str(tmp_path / "x.csv"),
            ]
        )
        == 2
    )
    assert "The question list cannot be made as csv. Choose docx or txt." in capsys.readouterr().err


def test_the_command_line_refuses_a_questionnaire_with_errors(demo_path, folders, tmp_path, capsys):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        broken(hc)
    assert main(["report", str(demo_path), "2025", "--kind", "paper-form", "--out", str(tmp_path / "f.pdf")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("swhc report: The 2025 questionnaire has 2 errors") and error.count("\n") == 1
    assert not (tmp_path / "f.pdf").exists()


def test_report_and_export_kinds_are_listed_in_help(capsys):
    assert main(["report", "--help"]) == 0
    assert "paper-form" in capsys.readouterr().out
    assert main(["export", "--help"]) == 0
    assert "question-list (docx|txt)" in capsys.readouterr().out
    assert [k.name for k in REPORT_KINDS if k.hand_out] == ["paper-form"]


def test_a_hand_out_reads_the_file_once_and_writes_without_it(demo, tmp_path):
    """The app reads on its own thread and writes in the background: the writers need nothing but what was read."""
    content = questionnaire_handout(demo, demo.cycles.by_name("2025"))
    demo.close()
    for kind in (k for k in EXPORT_KINDS if k.hand_out):
        for export_format in kind.formats:
            assert export_format.write(content, tmp_path / f"{kind.what}{export_format.suffix}").exists()
    assert REPORT_KINDS[0].write(content, tmp_path / "form.pdf").exists()


def test_saving_over_a_file_that_cannot_be_replaced_says_what_to_do(demo, tmp_path, monkeypatch):
    import os

    from swhc_desktop.domain.errors import SaveFailed

    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "form.pdf"
    out.write_bytes(b"the old form")

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveFailed, match="open in another program"):
        make_report(demo, demo.cycles.by_name("2025"), "paper-form", out)
    assert out.read_bytes() == b"the old form"
    assert [p.name for p in tmp_path.iterdir()] == ["form.pdf"]
