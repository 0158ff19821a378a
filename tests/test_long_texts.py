"""No text breaks a document: whatever the PSW or staff type into any field (very long, one endless word, many line
breaks, right-to-left script, emoji, markup, control characters), every document is made, holds all of it, and every
XML part the app writes stays valid XML."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from swhc_desktop.outputs.charts.question_charts import question_chart, save_figure
from swhc_desktop.outputs.exports.kinds import export
from swhc_desktop.outputs.reports.kinds import REPORT_KINDS, make_report
from swhc_desktop.storage import HealthCheckFile

from .support.long_texts import build_file, plant
from .support.pdf_text import normalised, page_texts

DOCUMENTS = tuple(kind.name for kind in REPORT_KINDS)
# A character no font of ours draws is drawn as a box, and matplotlib says so each time: expected here.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")

# What people paste: markup-like text, entities, every kind of line break, control characters from survey tools'
# exports and terminals, right-to-left scripts (with the override that flips them), emoji joined into one, a $ that
# matplotlib would read as a formula.
ODD = [
    "<b>",
    "</i>",
    "<br/>",
    "<font color='red'>",
    "<unknown>",
    "a < b",
    "&",
    "&amp;",
    "&#8594;",
    "&nbsp;",
    "&bogus;",
    "\n",
    "\n\n\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\u2028",
    "\u200b",
    "\ufeff",
    "\u202e",
    "שלום עולם",
    "مرحبا بكم",
    "😀",
    "👩‍👩‍👧",
    "ﷺ",
    "$x^2$",
    "$",
    "\\",
    "%s",
    "{0}",
    "“",
    "  ",
    "-" * 3,
]
PIECES = st.lists(
    st.one_of(
        st.sampled_from(ODD),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=50, max_size=2000),
    ),
    min_size=1,
    max_size=8,
).map("".join)
LONGEST = 400  # characters in the property test's own texts; its examples and the tests after it are longer
TEXTS = st.builds(lambda piece, times: (piece * times)[:LONGEST], PIECES, st.integers(1, 100))


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return build_file(tmp_path_factory.mktemp("long-texts"))


def planted_copy(blank: Path, folder: Path, text: str):
    path = folder / "planted.swhc"
    shutil.copyfile(blank, path)
    with HealthCheckFile.open(path, folders=_folders(folder)) as hc:
        return path, plant(hc, text)


def _folders(folder: Path):
    from swhc_desktop.paths import UserFolders

    return UserFolders.under(folder / "home")


def every_xml_part_is_valid(archive: Path) -> None:
    with zipfile.ZipFile(archive) as parts:
        for name in parts.namelist():
            if name.endswith((".xml", ".rels")):
                minidom.parseString(parts.read(name))  # raises on anything XML 1.0 cannot hold


def make_everything(path: Path, folder: Path, planted) -> None:
    """Every document kind, the question list both ways and a chart as SVG; each one made, with every field's tag."""
    with HealthCheckFile.open(path, folders=_folders(folder), read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        for name in DOCUMENTS:
            out = make_report(hc, cycle, name, folder / f"{name}.pdf")
            assert out.read_bytes().startswith(b"%PDF")
            text = normalised(" ".join(page_texts(out)))
            missing = [tag for tag in planted.expected(name) if tag not in text]
            assert not missing, f"{name} does not print the fields tagged {missing}"
        docx = export(hc, cycle, "question-list", "docx", folder / "questions.docx")
        every_xml_part_is_valid(docx)
        listed = minidom.parseString(zipfile.ZipFile(docx).read("word/document.xml"))
        words = normalised(" ".join(t.firstChild.data for t in listed.getElementsByTagName("w:t") if t.firstChild))
        assert not [tag for tag in planted.expected("question-list") if tag not in words]
        plain = export(hc, cycle, "question-list", "txt", folder / "questions.txt").read_text(encoding="utf-8-sig")
        assert not [tag for tag in planted.expected("question-list") if tag not in plain]
        svg = save_figure(question_chart(hc, cycle, "recording_time"), folder / "chart.svg")
        minidom.parse(str(svg))
        save_figure(question_chart(hc, cycle, "leaving_reasons"), folder / "chart.png")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=TEXTS)
@example(text="line\n" * 400)
@example(text="\n\n\n" * 23)  # found by this test: an answer of blank lines heading a grid's column
@example(text="שלום עולם 😀 \x01\x08\x1b[2J <b>&amp; $x$ \u202e" * 60)
def test_any_text_in_every_field_lays_out_in_every_document(blank, tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("planted")
    path, planted = planted_copy(blank, folder, text)
    make_everything(path, folder, planted)


def test_10000_characters_in_every_field_at_once(blank, tmp_path):
    text = ("A progress note pasted from an e-mail, as people write them. " * 170)[:10_000]
    path, planted = planted_copy(blank, tmp_path, text)
    make_everything(path, tmp_path, planted)


def test_a_word_of_10000_characters_in_a_finding_an_update_an_action_a_help_text_and_an_answer(blank, tmp_path):
    """One word as long as a page of text (a key held down, a pasted link) wraps wherever it must, all of it printed."""
    import datetime as dt
    from dataclasses import replace

    from swhc_desktop.domain.records import ActionDraft, FindingKind
    from swhc_desktop.questionnaires.edits import ChangeOption, ChangeQuestion, apply_edit

    word = "Zqw" + "y" * 9_997
    path = tmp_path / "word.swhc"
    shutil.copyfile(blank, path)
    with HealthCheckFile.open(path, folders=_folders(tmp_path)) as hc:
        cycle = hc.cycles.by_name("2024")
        finding = hc.findings.add(cycle.id, FindingKind.IMPROVEMENT, word)
        action = hc.actions.add(cycle.id, ActionDraft(standard=3, title=word, owner=word, finding_ids=(finding,)))
        hc.actions.add_update(action, dt.date(2024, 9, 1), word)
        question = hc.questionnaires.load(cycle.id).question("caseload_manageable")
        apply_edit(hc, cycle.id, ChangeQuestion(question, replace(question, help_text=word)))
        apply_edit(
            hc, cycle.id, ChangeOption(question.code, question.options[0], replace(question.options[0], label=word))
        )
    with HealthCheckFile.open(path, folders=_folders(tmp_path), read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        # Broken across lines and pages, so among page headers: every character printed, the word starting once for
        # each field the document prints (the action plan's summary and continued rows quote its start as well).
        fields = {"paper-form": 2, "action-plan": 4, "you-said-we-did": 2, "lga-return": 0, "findings": 6}
        for name in DOCUMENTS:
            text = "".join(" ".join(page_texts(make_report(hc, cycle, name, tmp_path / f"{name}.pdf"))).split())
            assert text.count("y") >= len(word) * fields[name] and text.count("Zqw") >= fields[name], name


def test_a_question_list_and_charts_of_an_export_with_control_characters_are_valid_xml(tmp_path, capsys, folders):
    """The adversarial review's L2: questions inferred from an export whose headings and answers hold control
    characters (\\x01, \\x08, an escape sequence); the Word question list, the SVG charts and every workbook are still
    valid XML, the characters left out."""
    from dataclasses import replace

    from swhc_desktop.questionnaires.edits import ChangeQuestion, apply_edit

    from .support.import_support import run_cli

    export_file = tmp_path / "ctl.csv"
    export_file.write_text(
        "Response ID,Your\x01 team\x08,How \x1b[2Jvalued do you feel?\x01,Comments\x08\n"
        + "".join(f"{n},Team\x01 {n % 2},Very\x08 valued,Fine \x01{n}\n" for n in range(12)),
        encoding="utf-8",
    )
    path = tmp_path / "C.swhc"
    assert run_cli(capsys, "new", path, "--org", "Ctl\x01 Council")[0] == 0
    code, out, err = run_cli(capsys, "cycle-add", path, "2024", "--infer-from", export_file)
    assert code == 0, err
    with HealthCheckFile.open(path, folders=folders) as hc:
        cycle = hc.cycles.by_name("2024")
        for question in hc.questionnaires.load(
            cycle.id
        ).questions():  # every question under a Standard, as the PSW would
            apply_edit(hc, cycle.id, ChangeQuestion(question, replace(question, standard=1)))
    assert run_cli(capsys, "import", path, "2024", export_file)[0] == 0
    docx = tmp_path / "questions.docx"
    code, out, err = run_cli(
        capsys, "export", path, "2024", "--what", "question-list", "--format", "docx", "--out", docx
    )
    assert code == 0, err
    every_xml_part_is_valid(docx)
    document = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert "How [2Jvalued do you feel?" in document and "\x01" not in document and "\x1b" not in document
    with HealthCheckFile.open(path, read_only=True) as hc:
        codes = [
            q.code for q in hc.questionnaires.load(hc.cycles.by_name("2024").id).questions() if q.qtype.has_options
        ]
    for code_ in codes:
        svg = tmp_path / f"{code_}.svg"
        assert run_cli(capsys, "chart", path, "2024", code_, "--out", svg)[0] == 0
        minidom.parse(str(svg))
    charts = tmp_path / "charts"
    assert run_cli(capsys, "export", path, "2024", "--what", "charts", "--format", "svg", "--out", charts)[0] == 0
    for drawing in charts.iterdir():
        minidom.parse(str(drawing))
    for what in ("template", "tables", "responses", "actions"):  # and every workbook the app writes
        workbook = tmp_path / f"{what}.xlsx"
        code, out, err = run_cli(capsys, "export", path, "2024", "--what", what, "--format", "xlsx", "--out", workbook)
        assert code == 0, err
        every_xml_part_is_valid(workbook)


def test_questions_with_200_answers_and_a_council_name_of_500_characters(blank, tmp_path):
    """Every document is made and every chart drawn when a question has 200 answers (an agreement scale, a
    tick-all-that-apply) and the council's name is 500 characters long; the form and the report list every answer."""
    from swhc_desktop.domain.questionnaire import Option
    from swhc_desktop.questionnaires.edits import AddOption, apply_edit

    path = tmp_path / "many.swhc"
    shutil.copyfile(blank, path)
    council = ("The Royal Borough of " + "Kensington and Chelsea and Westminster " * 13)[:490] + " Council"
    with HealthCheckFile.open(path, folders=_folders(tmp_path)) as hc:
        hc.organisation.update(name=council)
        cycle = hc.cycles.by_name("2024")
        for code in ("recording_time", "leaving_reasons"):
            count = len(hc.questionnaires.load(cycle.id).question(code).options)
            for number in range(200):
                apply_edit(
                    hc, cycle.id, AddOption(code, count + number, Option(f"extra_{number}", f"Answer {code} {number}"))
                )
    with HealthCheckFile.open(path, folders=_folders(tmp_path), read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        texts = {}
        for name in DOCUMENTS:
            texts[name] = normalised(" ".join(page_texts(make_report(hc, cycle, name, tmp_path / f"{name}.pdf"))))
            assert normalised(council) in texts[name], name
        for code in ("recording_time", "leaving_reasons"):
            for document in ("paper-form", "findings"):
                assert f"Answer {code} 199" in texts[document] and f"Answer {code} 0" in texts[document]
            save_figure(question_chart(hc, cycle, code), tmp_path / f"{code}.png")


@pytest.mark.parametrize(
    "text",
    [
        "שלום עולם 😀 \x01\x08\x1b[2J <b>&amp; $x$ \u202e <script>alert(1)</script> \"quoted\" 'single'" * 20,
        ("A progress note pasted from an e-mail, as people write them. " * 170)[:10_000],
    ],
    ids=["hostile", "10000-characters"],
)
def test_any_text_in_every_field_is_in_the_word_and_web_reports(blank, tmp_path, text):
    """Every field the PDF prints is in the Word and web versions too, whatever it holds: the Word file's parts stay
    XML, and the web page shows markup people typed as text, never as markup."""
    from .support.document_text import document_text

    path, planted = planted_copy(blank, tmp_path, text)
    with HealthCheckFile.open(path, folders=_folders(tmp_path), read_only=True) as hc:
        cycle = hc.cycles.by_name("2024")
        for kind in REPORT_KINDS:
            for other in kind.other_formats:
                out = make_report(hc, cycle, kind.name, tmp_path / f"{kind.name}{other.suffix}", format_name=other.name)
                if other.name == "docx":
                    every_xml_part_is_valid(out)
                else:
                    page = out.read_text(encoding="utf-8")
                    assert "<script>" not in page and "<b>" not in page and "\x1b" not in page
                words = normalised(document_text(out))
                missing = [tag for tag in planted.expected(kind.name) if tag not in words]
                assert not missing, f"{kind.name} as {other.name} does not say the fields tagged {missing}"
