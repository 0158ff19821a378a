"""Speed of the findings report for members: the whole report for the demo file (Demo Borough Council, 2025: 203
responses, every question of the staff survey analysed, three years compared), from the command line in a fresh
process and in the app's background work after matplotlib is loaded.

Target (issue 7): the whole report for the demo file within 10 s. Floors, measured in the same run on the same
machine: the same cycle's paper form (a reportlab document with no charts) and drawing the report's charts alone
(matplotlib), which together are most of the work the report cannot avoid.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("MPLBACKEND", "Agg")

from benchmarks.bench_analysis import best_of  # noqa: E402  (each run reads the file afresh with `afresh`)
from benchmarks.machine import describe_machine, record_results  # noqa: E402
from swhc_desktop.paths import UserFolders  # noqa: E402
from swhc_desktop.storage import HealthCheckFile  # noqa: E402

TARGET_SECONDS = 10.0
RUNS = 3


def command_line(demo: Path, out: Path, home: Path) -> float:
    """Seconds for `swhc report … --kind findings` in a fresh process: Python, the app's modules, reportlab and
    matplotlib all loaded from cold, as the first report of a session is."""
    environment = dict(os.environ, SWHC_HOME=str(home))
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "swhc_desktop.cli",
            "report",
            str(demo),
            "2025",
            "--kind",
            "findings",
            "--out",
            str(out),
        ],
        check=True,
        env=environment,
        stdout=subprocess.DEVNULL,
        cwd=HERE.parent,
    )
    return time.perf_counter() - start


def main() -> int:
    from swhc_desktop.app.demo import build_demo
    from swhc_desktop.outputs.content.findings_report import read_findings_report
    from swhc_desktop.outputs.reports.findings_report import draw_charts
    from swhc_desktop.outputs.reports.kinds import make_report

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folders = UserFolders.under(root / "home")
        demo = build_demo(root / "demo.swhc", folders)
        cold = min(command_line(demo, root / f"cold-{n}.pdf", root / "home") for n in range(RUNS))
        with HealthCheckFile.open(demo, read_only=True, folders=folders) as hc:
            cycle = hc.cycles.by_name("2025")
            make_report(hc, cycle, "findings", root / "warm-up.pdf")  # loads matplotlib, as the Findings page has
            warm = best_of(RUNS, lambda: make_report(hc, cycle, "findings", root / "report.pdf"), hc)
            read = best_of(RUNS, lambda: read_findings_report(hc, cycle), hc)
            content = read_findings_report(hc, cycle)
            charts = best_of(RUNS, lambda: draw_charts(content))
            paper_form = best_of(RUNS, lambda: make_report(hc, cycle, "paper-form", root / "form.pdf"))
            pages = len(re.findall(rb"/Type /Page\b(?!s)", (root / "report.pdf").read_bytes()))
            pictures = len(draw_charts(content))
    floor = paper_form + charts
    lines = [
        "# Findings report benchmark",
        "",
        f"Machine: {describe_machine()}",
        f"File: the demo (Demo Borough Council), cycle 2025: 203 responses; the report has {pictures} charts and "
        f"{pages} pages (every section included, no comments chosen).",
        "",
        "| what | seconds |",
        "|---|---|",
        f"| reading what the report prints (analysis, changes, indicators for three years, action plan) | {read:.2f} |",
        f"| floor: drawing the report's {pictures} charts alone (matplotlib, PNG) | {charts:.2f} |",
        f"| floor: the same cycle's paper form (reportlab, no charts) | {paper_form:.2f} |",
        f"| **the whole report, in the app's background work (matplotlib already loaded)** | **{warm:.2f}** |",
        f"| **the whole report, `swhc report` in a fresh process (everything loaded from cold)** | **{cold:.2f}** |",
        "",
        f"Whole report / floor (charts + paper form, {floor:.2f} s) = {warm / floor:.2f}.",
        f"Target: the whole report for the demo file within {TARGET_SECONDS:.0f} s — "
        f"{'met' if max(warm, cold) <= TARGET_SECONDS else 'NOT met'} (in the app {warm:.1f} s, "
        f"from cold {cold:.1f} s).",
        "",
        f"Each figure is the best of {RUNS} runs. The report is laid out twice (the first time without drawing the "
        "pictures, to learn the page of each heading for the contents), so layout costs about twice the paper form's.",
    ]
    record_results("report.md", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
