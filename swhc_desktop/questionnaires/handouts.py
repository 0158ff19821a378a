"""What every hand-out of a cycle's questionnaire (paper form, response template, question list) starts from, and
the rule that a questionnaire with errors is not handed out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import Advice, InvalidInput
from ..domain.labels import QUESTIONNAIRE_PAGE
from ..domain.plurals import counted
from ..domain.questionnaire import Questionnaire, errors_only
from ..domain.records import Cycle, Organisation
from ..domain.ukdates import format_uk_date

if TYPE_CHECKING:
    from ..storage import HealthCheckFile

INTRODUCTION_KEY = "paper_form_introduction"


@dataclass(frozen=True)
class QuestionnaireHandout:
    """Everything a hand-out prints, read from the file in one go so that writing it needs no file access."""

    organisation: Organisation
    cycle: Cycle
    questionnaire: Questionnaire
    introduction: str


class NotReadyToHandOut(InvalidInput):
    title = "The questionnaire has errors"


def require_ready(questionnaire: Questionnaire, cycle_name: str) -> None:
    errors = errors_only(questionnaire.validate())
    if not errors:
        return
    count = f"{counted(len(errors), 'error')}"
    first = errors[0].message
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise NotReadyToHandOut(
        f"The {cycle_name} questionnaire has {count}, so it cannot be handed out yet: {first}{more}",
        Advice(
            f"Fix the errors marked on the {QUESTIONNAIRE_PAGE} page, then try again.",
            "Fix them in the app's questionnaire designer ('swhc check' lists every one), then try again.",
        ),
    )


def default_introduction(organisation: Organisation, cycle: Cycle) -> str:
    """The paper form's introduction until the PSW writes their own: purpose, confidentiality, closing date."""
    closing = (
        f"Please return your completed form by {format_uk_date(cycle.closes_on)}."
        if cycle.closes_on
        else "Please return your completed form as soon as you can."
    )
    return (
        f"Thank you for taking part in {organisation.name}'s social work health check. Every year we ask all our "
        "social workers how things are for them at work: caseloads, supervision, learning and development, and "
        "whether they feel valued and listened to. What you tell us shapes the action plan that follows, and "
        "next year's health check asks whether it made a difference.\n\n"
        "Your answers are confidential. Please do not write your name on this form. Results are only ever "
        f"reported for groups of {organisation.minimum_group_size} or more people, so no one can be identified "
        "from their answers.\n\n"
        f"{closing} The form takes about 15 minutes to fill in."
    )


def stored_introduction(hc: HealthCheckFile, cycle: Cycle) -> str | None:
    return hc.cycles.text(cycle.id, INTRODUCTION_KEY)


def questionnaire_handout(hc: HealthCheckFile, cycle: Cycle, check: bool = True) -> QuestionnaireHandout:
    """Read what a hand-out needs; with `check`, refuse (in words) a questionnaire that has errors."""
    questionnaire = hc.questionnaires.load(cycle.id)
    if check:
        require_ready(questionnaire, cycle.name)
    organisation = hc.organisation.get()
    stored = stored_introduction(hc, cycle)
    introduction = stored if stored and stored.strip() else default_introduction(organisation, cycle)
    return QuestionnaireHandout(organisation, cycle, questionnaire, introduction)
