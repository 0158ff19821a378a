"""The figures the outputs print, worked out again independently: straight from the file with SQL, scipy and
exact fractions, never through the app's analysis code, for the demo and for a small council (20 responses, some
answers nobody chose). Counts, bases, per cents, Wilson intervals, changes and their tests must agree, and every
per cent printed is the exact value rounded once, half up."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from scipy import stats

from .support.import_support import filled_template, run_cli, write_csv

TOLERANCE = 1e-7


def half_up(value: Fraction, places: int = 0) -> Decimal:
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def wilson(count: int, base: int) -> tuple[float, float]:
    low, high = stats.binomtest(count, base).proportion_ci(confidence_level=0.95, method="wilson")
    return 100 * low, 100 * high


class IndependentTables:
    """Frequency tables by the LGA's base rules, read with SQL alone: the base is those who gave an answer that counts
    (not one left out of the base); a follow-up counts only those whose answer to its parent makes it apply."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def cycle_id(self, name: str) -> int:
        return self.conn.execute("SELECT id FROM cycles WHERE name = ?", (name,)).fetchone()[0]

    def respondents(self, cycle: str) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM responses WHERE cycle_id = ?", (self.cycle_id(cycle),)
        ).fetchone()[0]

    def choice_questions(self, cycle: str) -> list[tuple[int, str, int | None, int]]:
        return self.conn.execute(
            "SELECT id, code, parent_question_id, is_dimension FROM questions WHERE cycle_id = ? AND qtype IN "
            "('single', 'multi', 'scale', 'rating') ORDER BY id",
            (self.cycle_id(cycle),),
        ).fetchall()

    def applicable(self, question_id: int, parent_id: int | None) -> str:
        if parent_id is None:
            return ""
        return (
            f" AND a.response_id IN (SELECT p.response_id FROM answers p WHERE p.question_id = {parent_id} AND "
            f"p.option_id IN (SELECT option_id FROM follow_up_triggers WHERE question_id = {question_id}))"
        )

    def table(self, question_id: int, parent_id: int | None) -> tuple[int, dict[str, int]]:
        where = self.applicable(question_id, parent_id)
        base = self.conn.execute(
            "SELECT count(DISTINCT a.response_id) FROM answers a JOIN options o ON o.id = a.option_id "
            f"WHERE a.question_id = ? AND o.excluded_from_base = 0{where}",
            (question_id,),
        ).fetchone()[0]
        counts = dict(
            self.conn.execute(
                "SELECT o.code, count(DISTINCT a.response_id) FROM options o LEFT JOIN answers a ON a.option_id = o.id"
                f"{where} WHERE o.question_id = ? GROUP BY o.id",
                (question_id,),
            ).fetchall()
        )
        return base, counts

    def share(self, cycle: str, code: str, option_codes: set[str]) -> tuple[int, int]:
        question_id, parent = self.conn.execute(
            "SELECT id, parent_question_id FROM questions WHERE cycle_id = ? AND code = ?", (self.cycle_id(cycle), code)
        ).fetchone()
        base, counts = self.table(question_id, parent)
        return sum(n for c, n in counts.items() if c in option_codes), base


def tables_json(capsys, path: Path, cycle: str) -> dict[str, dict]:
    code, out, err = run_cli(capsys, "tables", path, cycle, "--format", "json")
    assert code == 0, err
    return {table["question_code"]: table for table in json.loads(out)}


def check_tables(capsys, path: Path, cycle: str) -> int:
    independent = IndependentTables(path)
    printed = tables_json(capsys, path, cycle)
    checked = 0
    for question_id, code, parent, is_dimension in independent.choice_questions(cycle):
        base, counts = independent.table(question_id, parent)
        table = printed[code]
        if is_dimension and table["base"] != base:
            # the people who gave no team (or role…) are too few to show: the table is then of everyone who took
            # part, so that its base cannot give their number away
            assert table["base"] == independent.respondents(cycle) and 0 < table["base"] - base, code
        else:
            assert table["base"] == base, code
        base = table["base"]
        for row in table["rows"]:
            if row["suppressed"]:
                assert is_dimension and row["count"] is None and row["percent"] is None  # a small group: no figure
                continue
            count = counts[row["option_code"]]
            assert row["count"] == count, (code, row["option_code"])
            if not row["in_base"] or not base:
                continue
            assert abs(row["percent"] - 100 * count / base) < TOLERANCE
            low, high = wilson(count, base)
            assert abs(row["interval"][0] - low) < 1e-6 and abs(row["interval"][1] - high) < 1e-6, (code, count, base)
            assert row["interval"][0] <= row["percent"] <= row["interval"][1]
            checked += 4
    return checked


INDICATOR_SHARES = {
    "caseload_manageable": ("caseload_manageable", {"completely", "mostly"}),
    "stressed": ("stressed", {"strongly_agree", "agree"}),
}


def indicators_csv(capsys, path: Path, cycle: str) -> dict[str, dict[str, str]]:
    code, out, err = run_cli(capsys, "indicators", path, cycle)
    assert code == 0, err
    return {row["key"]: row for row in csv.DictReader(io.StringIO(out))}


def two_proportion_p(c1: int, n1: int, c2: int, n2: int) -> float:
    """The app's rule, worked out with scipy: Fisher's exact test when any expected count is under 5, else the
    pooled two-proportion z-test."""
    table = [[c1, n1 - c1], [c2, n2 - c2]]
    expected = stats.contingency.expected_freq(table) if (c1 + c2) and (n1 + n2 - c1 - c2) else [[0]]
    if min(min(r) for r in expected) < 5:
        return stats.fisher_exact(table).pvalue
    pooled = (c1 + c2) / (n1 + n2)
    z = (c1 / n1 - c2 / n2) / (pooled * (1 - pooled) * (1 / n1 + 1 / n2)) ** 0.5
    return 2 * stats.norm.sf(abs(z))


def check_indicators(capsys, path: Path, cycle: str, previous: str) -> int:
    independent = IndependentTables(path)
    printed = indicators_csv(capsys, path, cycle)
    checked = 0
    for key, (code, options) in INDICATOR_SHARES.items():
        row = printed[key]
        count, base = independent.share(cycle, code, options)
        before_count, before_base = independent.share(previous, code, options)
        assert int(row["base"]) == base
        assert abs(float(row["value"]) - 100 * count / base) < 1e-3  # printed to four places
        low, high = wilson(count, base)
        assert abs(float(row["low"]) - low) < 1e-3 and abs(float(row["high"]) - high) < 1e-3
        assert abs(float(row["previous"]) - 100 * before_count / before_base) < 1e-3
        p_value = two_proportion_p(count, base, before_count, before_base)
        assert row["p_value"] == ("< 0.0001" if p_value < 0.0001 else f"{half_up(Fraction(p_value), 4)}")
        checked += 6
    return checked


@pytest.fixture(scope="module")
def small_council(tmp_path_factory) -> Path:
    """A council of 40 responses in 2023 and 20 in 2024, from the response template, some answers chosen by nobody."""
    from swhc_desktop.cli import main as swhc
    from swhc_desktop.paths import UserFolders
    from swhc_desktop.storage import HealthCheckFile

    folder = tmp_path_factory.mktemp("small-council")
    path = folder / "Small.swhc"
    assert swhc(["new", str(path), "--org", "Smallshire Council"]) == 0
    for name, invited, count, seed in (("2023", 52, 40, 11), ("2024", 32, 20, 12)):
        assert swhc(["cycle-add", str(path), name, "--template", "staff-survey", "--invited", str(invited)]) == 0
        with HealthCheckFile.open(path, read_only=True, folders=UserFolders.under(folder / "home")) as hc:
            questionnaire = hc.questionnaires.load(hc.cycles.by_name(name).id)
        export = write_csv(folder / f"{name}.csv", *filled_template(questionnaire, count, seed=seed))
        assert swhc(["import", str(path), name, str(export)]) == 0
    return path


def test_the_demos_tables_and_indicators_agree_with_an_independent_count(demo_path, capsys):
    checked = sum(check_tables(capsys, demo_path, year) for year in ("2023", "2024", "2025"))
    checked += sum(
        check_indicators(capsys, demo_path, year, before) for year, before in (("2024", "2023"), ("2025", "2024"))
    )
    assert checked > 1900  # every per cent, count, base and interval of 3 years (1,968 figures), and the indicators


def test_a_small_councils_tables_and_indicators_agree_with_an_independent_count(small_council, capsys):
    checked = check_tables(capsys, small_council, "2024") + check_tables(capsys, small_council, "2023")
    checked += check_indicators(capsys, small_council, "2024", "2023")
    assert checked > 300


def test_every_printed_per_cent_on_the_dashboard_is_the_exact_value_rounded_half_up(
    demo_path, qtbot, open_files, make_page
):
    from swhc_desktop.gui.findings.page import FindingsPage

    independent = IndependentTables(demo_path)
    expected = {key: independent.share("2025", code, options) for key, (code, options) in INDICATOR_SHARES.items()}
    independent.conn.close()  # before the app opens the file, which it then holds alone
    hc = open_files.open(demo_path)
    page = make_page(FindingsPage, parent=make_page.window)
    make_page.window.show()  # the dashboard is worked out when it is first seen
    page.show_cycle(hc, hc.cycles.by_name("2025"))
    qtbot.waitUntil(lambda: len(page.dashboard.tiles) >= 10, timeout=20000)
    tiles = {t.value.indicator.key: t.value_label.text() for t in page.dashboard.tiles}
    for key, (count, base) in expected.items():
        assert f">{half_up(Fraction(100 * count, base))}%<" in tiles[key]


# ---------------------------------------------------------------------------------------------- the printed report


class PrintedReport:
    """The findings report for members as its reader sees it: the text of its pages, without the running header and
    footer, searched in order."""

    def __init__(self, capsys, path: Path, cycle: str, folder: Path, organisation: str):
        from .support.pdf_text import page_texts

        out = folder / f"report-{cycle}.pdf"
        code, _, err = run_cli(capsys, "report", path, cycle, "--kind", "findings", "--out", out)
        assert code == 0, err
        furniture = re.compile(
            re.escape(organisation) + r" OFFICIAL-SENSITIVE .{0,120}? OFFICIAL-SENSITIVE "
            r"Page \d+ of \d+"
        )
        self.text = " ".join(furniture.sub(" ", " ".join(page_texts(out))).split())


def percent(count: int, base: int) -> int:
    return int(half_up(Fraction(100 * count, base)))


class IndependentShares(IndependentTables):
    """Each question's table, and its shares by the polarity stored with each answer."""

    def question(self, cycle: str, code: str) -> tuple[int, int | None, str, str] | None:
        return self.conn.execute(
            "SELECT id, parent_question_id, text, short_title FROM questions WHERE cycle_id = ? AND code = ?",
            (self.cycle_id(cycle), code),
        ).fetchone()

    def options(self, question_id: int) -> list[tuple[str, str, str, int]]:
        return self.conn.execute(
            "SELECT code, label, polarity, excluded_from_base FROM options WHERE question_id = ? ORDER BY position",
            (question_id,),
        ).fetchall()

    def polarity_shares(self, question_id: int, parent: int | None) -> tuple[int, dict[str, int]]:
        base, counts = self.table(question_id, parent)
        shares = {"favourable": 0, "neutral": 0, "unfavourable": 0}
        for code, _, polarity, excluded in self.options(question_id):
            if not excluded:
                shares[polarity] += counts[code]
        return base, shares


def check_report(
    report: PrintedReport, independent: IndependentShares, cycle: str, previous: str
) -> tuple[int, int, int]:
    """Every choice question's printed table (counts, per cents, last year's per cents, base), its favourable,
    neutral and unfavourable per cents and its change in % favourable, or its row of a table of statements, against
    the file read with SQL. Returns (figures checked, questions found, changes checked)."""
    text = report.text
    checked = found = changes = 0
    for question_id, code, parent, is_dimension in independent.choice_questions(cycle):
        if is_dimension:
            continue
        _, _, wording, short = independent.question(cycle, code)
        base, counts = independent.table(question_id, parent)
        options = independent.options(question_id)
        earlier = independent.question(previous, code)
        before_base, before_counts = independent.table(earlier[0], earlier[1]) if earlier else (0, {})
        start = text.find(f"Question: “{' '.join(wording.split())}”")
        if start >= 0:
            found += 1
            at = start
            for option_code, label, _, excluded in options:
                row = re.compile(re.escape(" ".join(label.split())) + r" (\d+) (\d+%|–)(?: (\d+%|–))?").search(text, at)
                assert row is not None, (code, label)
                assert int(row[1]) == counts[option_code], (code, label)
                checked += 1
                at = row.end()
                if excluded or not base:
                    assert row[2] == "–", (code, label)  # an answer outside the base has no per cent
                    continue
                assert row[2] == f"{percent(counts[option_code], base)}%", (code, label)
                checked += 1
                if row[3] is not None and before_base:
                    assert row[3] == f"{percent(before_counts.get(option_code, 0), before_base)}%", (code, label)
                    checked += 1
            printed_base = re.compile(r"Base: [^()]*\((\d+)\)").search(text, at)
            assert int(printed_base[1]) == base, code
            checked += 1
            ending = text.find("Question: “", printed_base.end())
            tail = text[printed_base.end() : ending if ending >= 0 else len(text)]
            shares = re.search(r"(\d+)% favourable, (\d+)% neutral, (\d+)% unfavourable", tail)
            if shares is not None:
                _, expected = independent.polarity_shares(question_id, parent)
                assert [int(shares[i]) for i in (1, 2, 3)] == [
                    percent(expected[p], base) for p in ("favourable", "neutral", "unfavourable")
                ], code
                checked += 3
                change = re.search(r"% favourable: (up|down) (\d+) points? since \d{4} \(from (\d+)%\)", tail)
                unclear = re.search(r"% favourable: no clear change since \d{4} \((\d+)% then\)", tail)
                if (change or unclear) is not None and earlier is not None:
                    before_base, before = independent.polarity_shares(earlier[0], earlier[1])
                    then = percent(before["favourable"], before_base)
                    assert int((change or unclear)[3 if change else 1]) == then, code
                    checked += 1
                    changes += 1
                if change is not None:
                    difference = int(shares[1]) - then
                    assert (change[1] == "up") == (difference > 0) and int(change[2]) == abs(difference), code
                    checked += 1
            continue
        statement = re.compile(r"\d+[a-z]?\. " + re.escape(" ".join(short.split())) + r"((?: \d+%)+) (\d+) (\d+)%")
        row = statement.search(text)
        if row is None:
            continue
        found += 1
        in_base = [(c, excluded) for c, _, _, excluded in options if not excluded]
        printed = [int(p) for p in re.findall(r"(\d+)%", row[1])]
        assert printed == [percent(counts[c], base) for c, _ in in_base][: len(printed)], code
        assert int(row[2]) == base, code
        _, expected = independent.polarity_shares(question_id, parent)
        assert int(row[3]) == percent(expected["favourable"], base), code
        checked += len(printed) + 2
    return checked, found, changes


def test_the_printed_report_agrees_with_an_independent_count(demo_path, capsys, tmp_path):
    independent = IndependentShares(demo_path)
    asked = sum(1 for *_, is_dimension in independent.choice_questions("2025") if not is_dimension)
    report = PrintedReport(capsys, demo_path, "2025", tmp_path, "Demo Borough Council")
    checked, found, changes = check_report(report, independent, "2025", "2024")
    assert found == asked  # every question the report prints, as a table of its own or a row of statements
    assert changes >= 10  # the changes said in words: each the difference of the two printed per cents
    assert checked > 380, checked


def test_a_small_councils_printed_report_agrees_with_an_independent_count(small_council, capsys, tmp_path):
    independent = IndependentShares(small_council)
    asked = sum(1 for *_, is_dimension in independent.choice_questions("2024") if not is_dimension)
    report = PrintedReport(capsys, small_council, "2024", tmp_path, "Smallshire Council")
    checked, found, _ = check_report(report, independent, "2024", "2023")
    assert found == asked
    assert checked > 150, checked
