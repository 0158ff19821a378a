"""Builders for the Standards' score tests: people's answers planted in a cycle, one response a person."""

from __future__ import annotations

from swhc_desktop.domain.records import AnswerValue, BatchKind, NewBatch, NewResponse


def plant(hc, cycle, people: list[dict[str, str]]) -> None:
    """One response a person: their answer (an option's code) to each question named."""
    questionnaire = hc.questionnaires.load(cycle.id)
    responses = []
    for number, answers in enumerate(people):
        values = tuple(
            AnswerValue(questionnaire.question(code).id, option_id=questionnaire.question(code).option(option).id)
            for code, option in answers.items()
        )
        responses.append(NewResponse(values, external_id=f"{cycle.name}-{number}"))
    hc.responses.add_batch(cycle.id, NewBatch(BatchKind.IMPORT, f"{cycle.name}.csv"), responses)
