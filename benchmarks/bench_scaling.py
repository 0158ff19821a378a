"""How the cost of importing, of the tables, of the tables by team, of the Question explorer and of the dashboard grows
with the number of responses (1,000 to 100,000), each against the physical floors of floors.py measured in the same
run on the same data, with the machine's load average at the time.

The survey is the import benchmark's 60 questions (35 agreement scales, 10 tick-all-that-apply, 10 numbers, 5 texts)
with a team question in front, so that the tables can be broken down by team as `swhc tables --by team` does; its
agreement statements feed the eight Standards' scores, as a template's do, so that the dashboard works them out.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_analysis import best_of as best_time  # noqa: E402  (times the work it is given)
from bench_analysis import dashboard_showing  # noqa: E402
from bench_import import memory_mb  # noqa: E402
from bench_import import questionnaire as import_questionnaire  # noqa: E402
from bench_import import rows as import_rows  # noqa: E402
from explorer_on_screen import explorer_on_screen  # noqa: E402
from floors import breakdown_floor, counting_floor, import_floor, tables_floor  # noqa: E402
from machine import describe_machine, record_results  # noqa: E402

from swhc_desktop.analysis.breakdowns import GroupFilter, breakdown, breakdowns, filtered_result  # noqa: E402
from swhc_desktop.analysis.results import question_results  # noqa: E402
from swhc_desktop.analysis.suppression import disclosure_plan  # noqa: E402
from swhc_desktop.domain.questionnaire import Option, Question, Questionnaire, QuestionType, Section  # noqa: E402
from swhc_desktop.importing.importer import preview_import, run_import  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402
from swhc_desktop.screens.findings import dashboard_work  # noqa: E402
from swhc_desktop.storage import HealthCheckFile  # noqa: E402

SIZES = (1_000, 10_000, 20_000, 100_000)
EXPLORER_SIZE = 20_000  # the explorer's target is set at this size
TARGETS = {"tables": 3.0, "by_team": 3.0, "import": 2.0, "explorer": 0.2, "dashboard": 1.0, "memory": 500}
TEAMS = (
    "Front door",
    "Assessment",
    "Child protection",
    "Children in care",
    "Care leavers",
    "Disabled children",
    "Fostering",
    "Adoption",
)
TEAM_QUESTION = "Which team do you work in?"


def questionnaire() -> Questionnaire:
    team = Question(
        "team",
        TEAM_QUESTION,
        QuestionType.SINGLE,
        standard=2,
        is_dimension=True,
        options=tuple(Option(f"team_{n}", label) for n, label in enumerate(TEAMS)),
    )
    survey = import_questionnaire()
    # Every agreement statement feeds a Standard's score, spread over the eight, as a template files them.
    statements = tuple(
        replace(q, standard=n % 8 + 1, in_standard_score=True) if q.qtype is QuestionType.SCALE else q
        for n, q in enumerate(survey.questions())
    )
    return Questionnaire(
        sections=(Section("About you", (team,)), Section("All", statements)), title="Scaling benchmark survey"
    )


def write_csv(path: Path, count: int) -> Path:
    """The import benchmark's rows with a team in front, teams of very different sizes as in a council."""
    rng = random.Random(count)
    weights = (12, 20, 25, 18, 8, 6, 4, 1)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for number, row in enumerate(import_rows(count, seed=count)):
            team = TEAM_QUESTION if number == 0 else rng.choices(TEAMS, weights)[0]
            writer.writerow([*row[:5], team, *row[5:]])
    return path


def new_file(folder: Path, name: str) -> tuple[Path, int]:
    path = folder / f"{name}.swhc"
    path.unlink(missing_ok=True)
    with HealthCheckFile.create(path, "Benchmark Council", folders=UserFolders.under(folder / "home")) as hc:
        cycle_id = hc.cycles.add("2024")
        hc.questionnaires.add_questionnaire(cycle_id, questionnaire())
    return path, cycle_id


def timed_import(folder: Path, export: Path, name: str) -> tuple[float, Path, int, int]:
    """Everything `swhc import` does, timed: returns seconds, the file, its cycle and the answers stored."""
    path, cycle_id = new_file(folder, name)
    with HealthCheckFile.open(path, folders=UserFolders.under(folder / "home")) as hc:
        start = time.perf_counter()
        preview = preview_import(hc, cycle_id, export)
        run_import(hc, cycle_id, preview, preview.mapping)
        seconds = time.perf_counter() - start
        answers = int(hc.value("SELECT count(*) FROM answers"))
    return seconds, path, cycle_id, answers


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min: {five:.1f})"


def explorer_changes(hc: HealthCheckFile, cycle) -> dict:
    """The explorer's answer to each kind of change the PSW makes: another question, a breakdown chosen, a filter
    chosen, each timed on screen as the PSW waits for it (explorer_on_screen.py, best of 5): {"changes": {name:
    (seconds waited, processor seconds)}, "figures only": the seconds of the figures alone behind the three}."""
    return {
        "changes": explorer_on_screen(hc, cycle, 5),
        "figures only": best_time(3, lambda: explorer_figures(hc, cycle), hc),
    }


def slowest(explorer: dict) -> tuple[float, float]:
    """The longest wait of the explorer's changes, and the most processor time any took."""
    changes = explorer["changes"].values()
    return max(waited for waited, _ in changes), max(processor for _, processor in changes)


def explorer_figures(hc: HealthCheckFile, cycle) -> None:
    """The figures the explorer's three changes show, without their charts (for information: what the analysis
    costs, apart from building matplotlib figures)."""
    questionnaire = hc.questionnaires.load(cycle.id)
    plan = disclosure_plan(hc, cycle.id, questionnaire)
    question_results(hc, cycle.id, ["scale_7"], questionnaire=questionnaire, plan=plan)
    breakdown(hc, cycle.id, "scale_7", "team", questionnaire=questionnaire, plan=plan)
    filtered_result(hc, cycle.id, "multi_3", GroupFilter("team", "team_2"), questionnaire, plan=plan)


def dashboard_figures(showings: list[tuple[float, float]]) -> dict:
    """The best of the showings: the seconds to the dashboard's tiles, and to its charts and groups' scores after."""
    return {"dashboard": min(tiles for tiles, _ in showings), "dashboard_rest": min(rest for _, rest in showings)}


def measure_analysis(path: Path, folder: Path, cycle_id: int, runs: int) -> dict:
    """Tables, tables by team, explorer and dashboard, each with its floor, and the peak memory they need."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak from here on is the analysis's own
    except OSError:
        pass
    with HealthCheckFile.open(path, read_only=True) as hc:
        cycle = hc.cycles.get(cycle_id)
        questionnaire = hc.questionnaires.load(cycle_id)
        ids = [q.id for q in questionnaire.questions() if q.qtype is not QuestionType.TEXT]
        team_id = questionnaire.question("team").id
        floor = counting_floor(path, ids, folder / "floor.db")
        dashboard_work(hc, cycle)  # loads matplotlib and draws once, as the app has by the time a PSW looks
        figures = {
            "floor": best_time(runs, tables_floor(floor)),
            "tables": best_time(runs, lambda: question_results(hc, cycle_id, questionnaire=questionnaire), hc),
            "by_team_floor": best_time(runs, breakdown_floor(floor, team_id)),
            "by_team": best_time(runs, lambda: breakdowns(hc, cycle_id, "team", questionnaire=questionnaire), hc),
            **dashboard_figures([dashboard_showing(hc, cycle) for _ in range(runs)]),
            "explorer": explorer_changes(hc, cycle),
            "memory": memory_mb("VmHWM"),
        }
        floor.close()
    return figures


def measure(folder: Path, count: int) -> dict:
    export = write_csv(folder / f"responses-{count}.csv", count)
    runs = 3 if count < 100_000 else 1
    load_before = load()
    imports = [timed_import(folder, export, f"scaling-{count}") for _ in range(runs)]
    seconds, path, cycle_id, answers = min(imports, key=lambda result: result[0])
    floors = [import_floor(export, folder / "import-floor.db") for _ in range(runs)]
    figures = {
        "responses": count,
        "answers": answers,
        "import": seconds,
        "export_mb": export.stat().st_size / 1e6,
        "import_floor": min(f[0] for f in floors),
        "floor_values": floors[0][1],
    }
    figures.update(measure_analysis(path, folder, cycle_id, 5 if count < 100_000 else 1))
    figures["load"] = f"{load_before} then {load()}"
    print(f"{count:,} responses measured: {figures}", flush=True)
    return figures


def growth(results: list[dict], key: str) -> str:
    steps = [f"{later[key] / earlier[key]:.1f}x" for earlier, later in zip(results, results[1:], strict=False)]
    return " then ".join(steps)


def ratio(results: list[dict], measured: str, floor: str) -> str:
    return ", ".join(f"{r[measured] / r[floor]:.1f}" for r in results)


def verdict(met: bool) -> str:
    return "met" if met else "**NOT met**"


def report(results: list[dict]) -> str:
    largest = results[-1]
    explorer = next(r for r in results if r["responses"] == EXPLORER_SIZE)
    slowest_change, _ = slowest(explorer["explorer"])
    lines = [
        "# Scaling benchmark: cost against the number of responses",
        "",
        f"Machine: {describe_machine()}",
        "",
        "The import benchmark's 60 questions with a team question in front (8 teams of very different sizes), in the "
        "Microsoft Forms layout, its 35 agreement statements feeding the eight Standards' scores. Import: everything "
        "`swhc import` does (open and fingerprint the file, detect the layout, map, check every row, back up, store "
        "in one transaction). Tables: every question's table for the cycle, as `swhc tables` and the Findings page "
        "make them. By team: every question broken down by team with the small groups hidden, as `swhc tables --by "
        "team` does. Explorer: the Findings page's answer to a change of question, of breakdown and of filter, timed "
        "on screen (explorer_on_screen.py): from the change made on the page's controls to its figures shown and the "
        "chart on show drawn, the tab in view the one that shows the change (the chart for a question or a filter, "
        "the breakdown for a breakdown), the page in a 1300 x 760 window on Qt's offscreen screen and shown the file "
        "afresh before each change, so nothing of the new choice was kept from an earlier run (best of 5), with the "
        "processor time the app's threads spent on it, which a loaded machine stretches far less; beside it, the "
        "figures alone (the analysis behind the three changes, worked out afresh, no chart). Dashboard: what the "
        "Findings page shows first, its tiles (the headline indicators and everyone's Standards scores, "
        "dashboard_tiles_work); then, without a dialog, its charts and the Standards scores of each team "
        "(dashboard_rest_work). Best of 3 runs (5 for the tables) below 100,000 responses, where each is run once; "
        "every run reads the file as the first after opening it (nothing kept from an earlier run).",
        "",
        "Floors (benchmarks/floors.py), measured in the same run on the same data: **import** — parse the CSV with "
        "csv.reader and insert every answer value (each tick on its own) into a flat table (response, question, "
        "value) with no index, in one transaction, in one process; **tables** — the cycle's answers in a flat table "
        "(response, question, value) indexed by (question, value) and by (response, question, value), read with one "
        "`GROUP BY question, value`; **by team** — one `GROUP BY question, group, value` over that table joined to "
        "each respondent's team answer through the second index.",
        "",
        "The machine is shared (2 cores, other work running): its load average is given for each size, and the "
        "targets are ratios to floors taken at the same moment.",
        "",
        "| responses | answers | load average (1 min) | import | floor | import / floor | tables | floor "
        "| tables / floor | by team | floor | by team / floor "
        "| dashboard: its tiles (then its charts and teams' scores) "
        "| explorer: slowest change on screen (processor time; figures alone, 3 changes) "
        "| peak memory (analysis) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['responses']:,} | {r['answers']:,} | {r['load']} | {r['import']:.2f} s | "
            f"{r['import_floor']:.2f} s | {r['import'] / r['import_floor']:.2f} | {r['tables'] * 1000:.0f} ms | "
            f"{r['floor'] * 1000:.0f} ms | {r['tables'] / r['floor']:.1f} | {r['by_team'] * 1000:.0f} ms | "
            f"{r['by_team_floor'] * 1000:.0f} ms | {r['by_team'] / r['by_team_floor']:.1f} | "
            f"{r['dashboard']:.2f} s ({r['dashboard_rest']:.2f} s) | {slowest(r['explorer'])[0] * 1000:.0f} ms "
            f"({slowest(r['explorer'])[1] * 1000:.0f} ms; {r['explorer']['figures only'] * 1000:.0f} ms) | "
            f"{r['memory']:.0f} MB |"
        )
    at_10k = next(r for r in results if r["responses"] == 10_000)
    import_ok = all(r["import"] / r["import_floor"] <= TARGETS["import"] for r in (at_10k, largest))
    changes = ", ".join(
        f"{name} {waited * 1000:.0f} ms (processor {processor * 1000:.0f} ms)"
        for name, (waited, processor) in explorer["explorer"]["changes"].items()
    )
    changes += f", figures only {explorer['explorer']['figures only'] * 1000:.0f} ms"
    changes += " (waited on screen, charts drawn, and the processor time the app's threads spent; the figures alone: "
    changes += "the analysis behind the three changes together, no chart)"
    lines += [
        "",
        "## Targets",
        "",
        f"- All tables of a cycle at {largest['responses']:,} responses within {TARGETS['tables']:g}x their floor: "
        f"{largest['tables'] / largest['floor']:.1f}x — "
        f"{verdict(largest['tables'] / largest['floor'] <= TARGETS['tables'])}.",
        f"- All tables by team at {largest['responses']:,} within {TARGETS['by_team']:g}x their floor: "
        f"{largest['by_team'] / largest['by_team_floor']:.1f}x — "
        f"{verdict(largest['by_team'] / largest['by_team_floor'] <= TARGETS['by_team'])}.",
        f"- The explorer at {EXPLORER_SIZE:,} responses within {TARGETS['explorer']:g} s: {changes} — "
        f"{verdict(slowest_change <= TARGETS['explorer'])}.",
        f"- The dashboard at {largest['responses']:,} within {TARGETS['dashboard']:g} s: its tiles "
        f"{largest['dashboard']:.2f} s — {verdict(largest['dashboard'] <= TARGETS['dashboard'])}; its charts and "
        f"each team's Standards scores {largest['dashboard_rest']:.2f} s after.",
        f"- Memory below {TARGETS['memory']} MB: the analysis at {largest['responses']:,} peaked at "
        f"{largest['memory']:.0f} MB resident, Python and the app included — "
        f"{verdict(largest['memory'] < TARGETS['memory'])}.",
        f"- Import within {TARGETS['import']:g}x its floor at 10,000 and {largest['responses']:,}: "
        f"{at_10k['import'] / at_10k['import_floor']:.2f}x and {largest['import'] / largest['import_floor']:.2f}x — "
        f"{verdict(import_ok)}.",
        "",
        "## How the cost grows",
        "",
        f"- **Import**: each step in responses (x10, x2, x5) takes {growth(results, 'import')} the time, against "
        f"{growth(results, 'import_floor')} for its floor.",
        f"- **Tables**: {growth(results, 'tables')} (floor: {growth(results, 'floor')}); tables / floor "
        f"{ratio(results, 'tables', 'floor')}.",
        f"- **By team**: {growth(results, 'by_team')} (floor: {growth(results, 'by_team_floor')}); by team / floor "
        f"{ratio(results, 'by_team', 'by_team_floor')}.",
        f"- **Dashboard**: its tiles {growth(results, 'dashboard')}; its charts and teams' scores "
        f"{growth(results, 'dashboard_rest')}.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        results = [measure(Path(temp), count) for count in SIZES]
    record_results("scaling.md", report(results))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SWHC_HOME", tempfile.mkdtemp())
    sys.exit(main())
