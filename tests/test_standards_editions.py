"""The Standards for employers in their editions: the titles word for word as the field research brief gives them,
each cycle filed under its own edition, a new cycle under the latest, and questions followed across editions saying
where they moved Standard."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from swhc_desktop.analysis.trends import question_trend
from swhc_desktop.domain.errors import InvalidInput
from swhc_desktop.domain.questionnaire import standard_label, standard_short_label
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse
from swhc_desktop.domain.standards import EDITIONS, LATEST_EDITION, edition, question_standard
from swhc_desktop.questionnaires.bank import question_bank
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import HealthCheckFile

from .support.files import FIXTURES

# Table A1 of the field research brief (December 2026), word for word: the app's titles before, the 2020 titles, and
# the 2025 title of Standard 1 (the revision keeps the 2020 titles of Standards 2 to 8).
BEFORE_2020 = {
    1: "Clear social work accountability framework",
    2: "Effective workforce planning",
    3: "Safe workloads and case allocation",
    4: "Managing risks and resources",
    5: "Effective and appropriate supervision",
    6: "Continuing professional development",
    7: "Professional registration",
    8: "Effective partnerships",
}
TITLES_2020 = {
    1: "Strong and clear social work framework",
    2: "Effective workforce planning systems",
    3: "Safe workloads and case allocation",
    4: "Wellbeing",
    5: "Supervision",
    6: "Continuing professional development",
    7: "Professional registration",
    8: "Strategic partnerships",
}
TITLES_2025 = {**TITLES_2020, 1: "Strategic and professional leadership"}


def test_the_titles_of_every_edition_are_word_for_word_those_of_the_research():
    assert dict(edition("2014").titles()) == BEFORE_2020
    assert dict(edition("2020").titles()) == TITLES_2020
    assert dict(edition("2025").titles()) == TITLES_2025
    assert EDITIONS.ids() == ("2014", "2020", "2025") and LATEST_EDITION == "2025"


def test_what_each_edition_asks_is_cited_to_a_source_it_lists():
    for edition_id in EDITIONS.ids():
        for standard in edition(edition_id).standards.values():
            assert standard.notes == "" or standard.sources, (edition_id, standard.number)
            assert all(source in EDITIONS.sources and "http" in EDITIONS.sources[source] for source in standard.sources)
    assert "1.5 hours uninterrupted" in edition("2025").standard(5).notes
    assert "transparent system records all additional hours" in edition("2025").standard(3).notes
    assert "flexible and hybrid working" in edition("2025").standard(1).notes


def test_a_questions_standard_is_named_in_its_cycles_edition():
    assert question_standard(4, "2014").title == "Managing risks and resources"
    assert question_standard(4, "2025").label == "Standard 4: Wellbeing"
    assert question_standard(None, "2025") is None
    assert standard_label(1, "2020") == "Standard 1: Strong and clear social work framework"
    assert standard_label(1) == "Standard 1: Strategic and professional leadership"  # the latest, when none is given
    assert standard_short_label(4, "2014") == "4 · Risks and resources" and standard_short_label(4) == "4 · Wellbeing"
    with pytest.raises(InvalidInput, match="'2019' is not an edition"):
        edition("2019")


def answered(hc, cycle, stressed: str, count: int) -> None:
    """`count` responses, each agreeing as `stressed` says that they feel stressed by their job."""
    question = hc.questionnaires.load(cycle.id).question("stressed")
    responses = [
        NewResponse(
            (AnswerValue(question.id, option_id=question.option(stressed).id),),
            external_id=f"{cycle.name}-{n}",
            submitted_on=dt.date(2026, 5, 1),
        )
        for n in range(count)
    ]
    hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, f"{cycle.name}.csv"), responses)


@pytest.fixture
def older_file(tmp_path, folders):
    """A file made before the editions: its 2023 cycle (the staff survey as it then was) files stress under
    Standard 5."""
    path = tmp_path / "older.swhc"
    shutil.copyfile(FIXTURES / "files" / "schema-v2.swhc", path)
    with HealthCheckFile.open(path, folders=folders) as hc:
        yield hc


def test_older_cycles_keep_their_edition_a_new_cycle_uses_the_latest_and_a_trend_says_where_stress_moved(older_file):
    hc = older_file
    old = hc.cycles.by_name("2023")
    answered(hc, old, "agree", 10)
    copied = start_cycle(hc, "2024", copy_from="2023")
    fresh = start_cycle(hc, "2025", template_id="staff-survey")
    assert [c.standards_edition for c in hc.cycles.all()] == ["2014", LATEST_EDITION, LATEST_EDITION]
    assert hc.questionnaires.load(old.id).question("stressed").standard == 5  # kept as it was filed
    assert hc.questionnaires.load(copied.id).question("stressed").standard == 4
    assert hc.questionnaires.load(copied.id).question("team").standard == 2  # nothing else moves
    answered(hc, copied, "disagree", 10)
    answered(hc, fresh, "disagree", 10)
    trend = question_trend(hc, "stressed")
    assert [p.standard_label for p in trend.points] == [
        "Standard 5: Effective and appropriate supervision",
        "Standard 4: Wellbeing",
        "Standard 4: Wellbeing",
    ]
    assert [m.sentence for m in trend.standard_moves] == [
        "Filed under Standard 5: Effective and appropriate supervision until 2023, and under Standard 4: Wellbeing "
        "from 2024."
    ]
    # A question that stayed under its Standard has no move, though the Standard's title changed with the edition.
    communication = question_trend(hc, "communication")
    assert communication.standard_moves == []
    assert [p.standard_label for p in communication.points][:2] == [
        "Standard 1: Clear social work accountability framework",
        "Standard 1: Strategic and professional leadership",
    ]


def test_the_question_bank_files_a_question_where_the_cycles_edition_puts_it(older_file):
    hc = older_file
    fresh = start_cycle(hc, "2025", template_id="staff-survey")
    for_fresh = {e.question.code: e for e in question_bank(hc, excluding_cycle_id=fresh.id)}
    assert for_fresh["stressed"].question.standard == 4 and for_fresh["stressed"].matches("wellbeing")
    for_old = {e.question.code: e for e in question_bank(hc, excluding_cycle_id=hc.cycles.by_name("2023").id)}
    assert for_old["stressed"].question.standard == 5 and for_old["stressed"].matches("effective and appropriate")
    assert not for_old["stressed"].matches("wellbeing")


def test_the_trend_chart_and_the_report_say_where_a_question_moved_standard(older_file, tmp_path):
    from swhc_desktop.outputs.charts.question_charts import trend_figure
    from swhc_desktop.outputs.reports.kinds import make_report

    from .support.pdf_text import page_texts

    hc = older_file
    answered(hc, hc.cycles.by_name("2023"), "agree", 10)
    copied = start_cycle(hc, "2024", copy_from="2023")
    answered(hc, copied, "disagree", 10)
    moved = (
        "Filed under Standard 5: Effective and appropriate supervision until 2023, and under Standard 4: Wellbeing "
        "from 2024."
    )
    figure = trend_figure(hc, "stressed")
    assert moved in " ".join(t.get_text().replace("\n", " ") for t in figure.texts)
    copied = hc.cycles.by_name("2024")  # as it now is, with its responses
    text = " ".join(" ".join(page_texts(make_report(hc, copied, "findings", tmp_path / "r.pdf"))).split())
    assert moved in text
    # the edition moved two of the file's questions (stress, and time on recording); those that stayed under their
    # Standard say nothing of a move, though the Standard's title changed
    assert text.count("Filed under") == 2
