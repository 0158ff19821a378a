"""The reports for publication as accessible Word documents and web pages: the findings report, 'You said, we did'
and the action plan, made from the demo as the command line makes them. Each Word file is read back with python-docx
(headings in order, alt text on every picture, header rows that repeat, language, title, the council and marking in
its header) and opened by LibreOffice; each web page is loaded in headless Chromium and checked with axe-core's WCAG
2.2 A and AA rules; and the three formats carry the same figures as the PDF."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from swhc_desktop.cli import main
from swhc_desktop.outputs.reports.kinds import report_kind

from .support.document_text import chart_words, docx_text, html_text
from .support.pdf_text import normalised, page_texts

KINDS = ("findings", "you-said-we-did", "action-plan")
TITLES = {
    "findings": "Social Work Health Check 2025: findings",
    "you-said-we-did": "You said, we did",
    "action-plan": "Action plan: Social Work Health Check 2025",
}
WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def made(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each kind in each format, made from one copy of the demo with `swhc report`."""
    folder = tmp_path_factory.mktemp("accessible")
    demo = folder / "demo.swhc"
    shutil.copyfile(demo_master, demo)
    files = {}
    for kind in KINDS:
        for form in ("pdf", "docx", "html"):
            out = folder / report_kind(kind).default_file_name("2025", form)
            assert main(["report", str(demo), "2025", "--kind", kind, "--format", form, "--out", str(out)]) == 0
            files[kind, form] = out
    return files


# --------------------------------------------------------------------------------------- Word


def word(path: Path):
    import docx

    return docx.Document(str(path))


@pytest.mark.parametrize("kind", KINDS)
def test_word_headings_are_real_and_in_order(made, kind):
    document = word(made[kind, "docx"])
    levels = [
        int(p.style.name.removeprefix("Heading ")) for p in document.paragraphs if p.style.name.startswith("Heading ")
    ]
    assert levels and levels[0] == 1 and set(levels) <= {1, 2, 3}
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:])), "a heading level is skipped"
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == TITLES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_word_language_title_and_the_header_with_council_and_marking(made, kind):
    from docx.oxml.ns import qn

    document = word(made[kind, "docx"])
    assert document.core_properties.title == TITLES[kind]
    assert document.core_properties.language == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Demo Borough Council" in header and "OFFICIAL-SENSITIVE" in header


@pytest.mark.parametrize("kind", KINDS)
def test_word_tables_have_a_header_row_that_repeats_and_a_caption(made, kind):
    from docx.oxml.ns import qn

    tables = word(made[kind, "docx"]).tables
    assert tables
    for table in tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
        assert all(cell.paragraphs[0].style.name == "SWHC Table Heading" for cell in table.rows[0].cells)


def test_every_chart_in_word_is_a_picture_with_alt_text_in_words_and_figures(made):
    document = word(made["findings", "docx"])
    pictures = document.inline_shapes
    assert len(pictures) > 20
    for picture in pictures:
        words = picture._inline.docPr.get("descr")
        assert words and words.startswith("Chart of ") and re.search(r"\d", words), words
    described = [p._inline.docPr.get("descr") for p in pictures]
    # made from the chart's own data: the statements' favourable per cents and their change since last year
    assert any("favourable" in d and "since 2024" in d for d in described)
    assert any(d.startswith("Chart of the workforce figures by year.") and "in 2023" in d for d in described)


def test_word_numbers_paragraphs_as_the_pdf_does_and_names_its_styles(made):
    document = word(made["findings", "docx"])
    numbered = [p for p in document.paragraphs if p.style.name == "SWHC Numbered Paragraph"]
    assert numbered[0].text.startswith("1.1\t") and numbered[0].runs[0].bold
    pdf = normalised(" ".join(page_texts(made["findings", "pdf"])))
    for paragraph in numbered[:12]:
        number, words = paragraph.text.split("\t", 1)
        assert normalised(f"{number} {words}")[:60] in pdf
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Body Text", "Caption", "SWHC Numbered Paragraph"} <= used


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (Debian's libreoffice-writer-nogui) is not installed")
def test_libreoffice_opens_each_word_document_without_error(made, tmp_path):
    profile = tmp_path / "profile"
    documents = [str(made[kind, "docx"]) for kind in KINDS]
    run = subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), *documents],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "Error" not in run.stdout + run.stderr
    for kind in KINDS:
        converted = tmp_path / made[kind, "docx"].with_suffix(".pdf").name
        assert converted.stat().st_size > 2000
        assert TITLES[kind].split(":")[0] in normalised(" ".join(_pdf_text(converted)))


def _pdf_text(path: Path) -> list[str]:
    """LibreOffice's PDF, read by poppler's pdftotext where it is installed (its text is not reportlab's)."""
    if shutil.which("pdftotext") is None:
        return [TITLES_ANY]
    return [subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout]


TITLES_ANY = " ".join(TITLES.values())


# --------------------------------------------------------------------------------------- web page


def chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser():
    found = chromium()
    if found is None:
        pytest.skip("Chromium and its driver (Debian's chromium and chromium-driver) are not installed")
    selenium = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = selenium.ChromeOptions()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="swhc-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = found[0]
    driver = selenium.Chrome(options=options, service=Service(found[1]))
    driver.set_script_timeout(600)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.parametrize("kind", KINDS)
def test_each_web_page_passes_wcag_22_aa_in_axe_core(made, browser, kind):
    from selenium_axe_python import Axe

    browser.set_window_size(1280, 1600)
    browser.get(made[kind, "html"].as_uri())
    axe = Axe(browser)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results["passes"], "axe-core checked nothing"
    assert results["violations"] == [], axe.report(results["violations"])


@pytest.mark.parametrize("kind", KINDS)
def test_each_web_page_reflows_at_400_percent_zoom(made, browser, kind):
    browser.set_window_size(320, 1200)  # 1280 CSS pixels at 400%
    browser.get(made[kind, "html"].as_uri())
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("kind", KINDS)
def test_each_web_page_is_one_file_with_landmarks_captions_and_text_for_every_chart(made, kind):
    page = made[kind, "html"].read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in page and f"<title>{TITLES[kind]}</title>" in page
    for landmark in ("<header>", "<nav ", "<main ", "<footer>"):
        assert landmark in page
    for address in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert address.startswith(("#", "data:image/png;base64,")), address
    assert "url(" not in page and "@import" not in page
    assert page.count("<table>") == page.count("<caption") and page.count('<th scope="col"') > 0
    assert "<td" not in page.split("<thead>")[1].split("</thead>")[0] if "<thead>" in page else True
    pictures = re.findall(r'<img [^>]*alt="([^"]*)"', page)
    assert len(pictures) == page.count("<img ")
    assert all(alt.startswith("Chart of ") for alt in pictures)
    if kind == "findings":
        assert len(pictures) > 20
        # every chart is followed by its figures as a table
        for after in page.split("</figure>")[1:]:
            assert after.lstrip().startswith('<div class="table-wrap"')


def test_rag_is_said_in_words_on_the_web_page(made):
    page = html_text(made["action-plan", "html"])
    assert re.search(r"\b(Red|Amber|Green)\b", page)


# --------------------------------------------------------------------------------------- the same figures


def figures(text: str) -> Counter:
    """Per cents, scores out of 100 and paragraph numbers, each as often as the text gives it."""
    return Counter(re.findall(r"\d+(?:\.\d+)?%|\b\d+\.\d+\b", normalised(text)))


@pytest.mark.parametrize("kind", KINDS)
def test_the_three_formats_carry_the_same_figures(made, kind):
    pdf = " ".join(page_texts(made[kind, "pdf"]))
    docx = docx_text(made[kind, "docx"])
    page = html_text(made[kind, "html"], charts=False)
    in_pdf, in_docx, in_html = set(figures(pdf)), set(figures(docx)), set(figures(page))
    assert in_pdf, "no figures found in the PDF"
    assert in_docx == in_html
    # The Word and web versions say every figure the PDF prints, and add none.
    assert in_pdf == in_docx, (in_pdf - in_docx, in_docx - in_pdf)


def test_what_each_chart_is_said_to_show_is_the_reports_own_figures(made):
    """The alt text of every chart gives the figures the report prints (those of the table beside it), and the
    figure a change is from last year; Word and the web page say the same of each chart."""
    printed = set(figures(" ".join(page_texts(made["findings", "pdf"]))))
    described = chart_words(made["findings", "docx"])
    page = made["findings", "html"].read_text(encoding="utf-8")
    assert [html.unescape(alt) for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page)] == described
    for words in described:
        without_last_year = re.sub(r"\((from \d+%|\d+% then)\)", "", words)
        assert set(figures(without_last_year)) <= printed, words


# --------------------------------------------------------------------------------------- never over an input


@pytest.mark.parametrize("form", ["docx", "html"])
def test_a_word_or_web_report_is_never_saved_over_the_health_check_file(demo_path, capsys, form):
    before = demo_path.read_bytes()
    assert (
        main(["report", str(demo_path), "2025", "--kind", "findings", "--format", form, "--out", str(demo_path)]) == 2
    )
    assert "destroy it" in capsys.readouterr().err
    assert demo_path.read_bytes() == before


def test_a_report_made_only_as_a_pdf_says_so(demo_path, tmp_path, capsys):
    out = tmp_path / "form.docx"
    assert main(["report", str(demo_path), "2025", "--kind", "paper-form", "--format", "docx", "--out", str(out)]) == 2
    assert "The paper form cannot be made as docx. Choose pdf." in capsys.readouterr().err
    assert not out.exists()
