"""The dashboard as a council with a large survey sees it: the staff survey template (its headline indicators'
questions, its breakdown questions and the agreement statements feeding the eight Standards' scores) with 100,000
responses, and a cycle before it of 100,000 too, so that every score and indicator is compared with the year before and
every group's scores are worked out for the "Scores of whom" chooser. The scaling benchmark's survey has none of the
indicators' questions, one breakdown question and no cycle before, so its dashboard is a lighter one.

Timed: the dashboard's tiles (dashboard_tiles_work, screens/findings.py) as the Findings page first shows them after
opening the file, then its charts and the groups' scores that follow (dashboard_rest_work), best of 3, with the parts
on their own; each run reads the file afresh. The target is the tiles within 1 s at 100,000 responses, on a machine
whose load average is given beside it; what follows them is given beside it.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_analysis import best_of as best_time  # noqa: E402  (times the work it is given)
from bench_analysis import dashboard_showing  # noqa: E402
from bench_import import memory_mb  # noqa: E402
from machine import describe_machine, record_results  # noqa: E402

from swhc_desktop.analysis.indicators import indicator_values  # noqa: E402
from swhc_desktop.analysis.suppression import disclosure_plan  # noqa: E402
from swhc_desktop.domain.questionnaire import QuestionType  # noqa: E402
from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse  # noqa: E402
from swhc_desktop.outputs.charts.question_charts import dashboard_charts  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402
from swhc_desktop.questionnaires.cycles import start_cycle  # noqa: E402
from swhc_desktop.screens.findings import dashboard_work, standards_work  # noqa: E402
from swhc_desktop.storage import HealthCheckFile  # noqa: E402

RESPONSES = 100_000
CYCLES = ("2024", "2025")
TARGET_SECONDS = 1.0


def responses(questionnaire, name: str, count: int, rng: random.Random):
    """Everyone answers at random: one answer to most questions with answers, a few ticks, a whole number."""
    questions = list(questionnaire.questions())
    for number in range(count):
        answers = []
        for question in questions:
            if question.qtype is QuestionType.MULTI:
                answers += [AnswerValue(question.id, o.id) for o in question.options if rng.random() < 0.3]
            elif question.qtype.has_options:
                if rng.random() < 0.95:
                    answers.append(AnswerValue(question.id, rng.choice(question.options).id))
            elif question.qtype is QuestionType.NUMBER:
                answers.append(AnswerValue(question.id, number=float(rng.randint(0, 60))))
        yield NewResponse(tuple(answers), external_id=f"{name}-{number}")


def survey_file(folder: Path, count: int) -> Path:
    path = folder / f"dashboard-{count}.swhc"
    rng = random.Random(count)
    with HealthCheckFile.create(path, "Benchmark Council", folders=UserFolders.under(folder / "home")) as hc:
        for name in CYCLES:
            cycle = start_cycle(hc, name, template_id="staff-survey")
            batch = NewBatch(BatchKind.IMPORT, f"{name}.csv")
            hc.responses.add_batch(cycle.id, batch, responses(hc.questionnaires.load(cycle.id), name, count, rng))
    return path


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (5 min: {five:.1f})"


def measure(path: Path) -> dict:
    with HealthCheckFile.open(path, read_only=True) as hc:
        cycle = hc.cycles.all()[-1]
        questionnaire = hc.questionnaires.load(cycle.id)
        dashboard_work(hc, cycle)  # loads matplotlib and draws once, as the app has by the time a PSW looks
        before = load()
        showings = [dashboard_showing(hc, cycle) for _ in range(3)]
        return {
            "load before": before,
            "the dashboard's tiles": min(tiles for tiles, _ in showings),
            "its charts and every group's Standards scores, after it": min(rest for _, rest in showings),
            "the whole dashboard (tiles and what follows, in one showing)": min(sum(showing) for showing in showings),
            "Standards' scores (everyone and every group) on their own": best_time(
                3, lambda: standards_work(hc, cycle), hc
            ),
            "indicators": best_time(3, lambda: indicator_values(hc, cycle), hc),
            "charts": best_time(3, lambda: dashboard_charts(hc, cycle), hc),
            "disclosure plan (one cycle)": best_time(3, lambda: disclosure_plan(hc, cycle.id, questionnaire), hc),
            "breakdown questions": len(questionnaire.dimensions()),
            "memory": memory_mb("VmHWM"),
            "load after": load(),
        }


def report(figures: dict) -> str:
    seconds = figures["the dashboard's tiles"]
    lines = [
        "# Dashboard benchmark: the staff survey template at 100,000 responses",
        "",
        f"Machine: {describe_machine()}",
        "",
        f"Two cycles ({', '.join(CYCLES)}) of {RESPONSES:,} responses each to the staff survey template "
        f"({figures['breakdown questions']} breakdown questions), the later one shown, as on first opening the file "
        "(nothing kept from earlier reads). The dashboard: what the Findings page shows first, its tiles (the headline "
        "indicators and everyone's Standards scores, each compared with the cycle before; dashboard_tiles_work). Then, "
        'without a dialog, its charts (below the tiles) and every group\'s Standards scores for the "Scores of whom" '
        "chooser (dashboard_rest_work), which the page says are on their way. "
        f"Best of 3. Load average (1 min) {figures['load before']} before, {figures['load after']} after.",
        "",
        "| part | time |",
        "|---|---|",
        *(
            f"| {name} | {value:.2f} s |"
            for name, value in figures.items()
            if name not in ("load before", "load after", "breakdown questions", "memory")
        ),
        f"| peak memory (resident, Python and the app included) | {figures['memory']:.0f} MB |",
        "",
        f"Target: the dashboard's tiles within {TARGET_SECONDS:g} s at {RESPONSES:,} responses: {seconds:.2f} s — "
        f"{'met' if seconds <= TARGET_SECONDS else '**NOT met**'}.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as temp:
        start = time.perf_counter()
        path = survey_file(Path(temp), RESPONSES)
        print(f"Survey of {RESPONSES:,} responses a cycle made in {time.perf_counter() - start:.0f} s", flush=True)
        record_results("dashboard.md", report(measure(path)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("SWHC_HOME", tempfile.mkdtemp())
    sys.exit(main())
