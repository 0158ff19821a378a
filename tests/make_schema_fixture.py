"""Writes tests/fixtures/files/schema-v<N>.swhc: a small file of the current schema, kept so that every later
migration is tested on a real file of every earlier version. Run it once when a new schema version is released."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from swhc_desktop.domain.records import AnswerValue, BatchKind, FindingKind, NewBatch, NewResponse
from swhc_desktop.paths import UserFolders
from swhc_desktop.questionnaires.cycles import start_cycle
from swhc_desktop.storage import LATEST_VERSION, HealthCheckFile


def main() -> int:
    target = Path(__file__).parent / "fixtures" / "files" / f"schema-v{LATEST_VERSION}.swhc"
    if target.exists():
        print(f"{target} exists; a released version's fixture is never rewritten.")
        return 1
    folders = UserFolders.under(target.parent / ".tmp-home")
    with HealthCheckFile.create(target, "Fixture Borough Council", folders=folders) as hc:
        cycle = start_cycle(
            hc,
            "2023",
            template_id="staff-survey",
            staff_invited=40,
            opens_on=dt.date(2023, 4, 3),
            closes_on=dt.date(2023, 5, 12),
        )
        questionnaire = hc.questionnaires.load(cycle.id)
        team, hours = questionnaire.question("team"), questionnaire.question("hours_worked")
        responses = [
            NewResponse(
                answers=(
                    AnswerValue(team.id, option_id=team.options[n % 3].id),
                    AnswerValue(hours.id, number=37.0 + n),
                ),
                external_id=f"R{n}",
                submitted_on=dt.date(2023, 4, 10),
            )
            for n in range(6)
        ]
        hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, "fixture.csv", source_sha256="0" * 64), responses)
        hc.findings.add(cycle.id, FindingKind.STRENGTH, "Everyone answered.", question_codes=["team"])
    print(f"Wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
