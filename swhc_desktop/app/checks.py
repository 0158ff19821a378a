"""`swhc check`: SQLite's integrity check, our consistency rules and every cycle's questionnaire validation."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.questionnaire import Problem
from ..storage import HealthCheckFile, consistency_problems


@dataclass(frozen=True)
class CheckReport:
    file_problems: list[str]
    questionnaire_problems: dict[str, list[Problem]]

    @property
    def ok(self) -> bool:
        return not self.file_problems and not any(p.is_error for ps in self.questionnaire_problems.values() for p in ps)

    def lines(self) -> list[str]:
        lines = [f"File: {p}" for p in self.file_problems]
        for cycle, problems in self.questionnaire_problems.items():
            for problem in problems:
                lines.append(f"Cycle {cycle} questionnaire ({problem.kind.lower()}): {problem.message}")
        return lines


def check_file(hc: HealthCheckFile) -> CheckReport:
    file_problems = hc.integrity_problems() + consistency_problems(hc)
    questionnaire_problems = {}
    for cycle in hc.cycles.all():
        problems = hc.questionnaires.load(cycle.id).validate()
        if problems:
            questionnaire_problems[cycle.name] = problems
    return CheckReport(file_problems, questionnaire_problems)
