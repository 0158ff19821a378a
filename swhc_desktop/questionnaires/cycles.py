"""Starting a cycle: its questionnaire from a built-in template or copied from an earlier cycle, codes kept."""

from __future__ import annotations

import datetime as dt

from ..domain.errors import InvalidInput
from ..domain.questionnaire import refiled, with_fresh_ids
from ..domain.records import Cycle
from ..domain.rules import check_cycle_values
from ..domain.standards import LATEST_EDITION
from ..storage import HealthCheckFile
from .templates import load_template, staff_survey_template


def start_cycle(
    hc: HealthCheckFile,
    name: str,
    *,
    template_id: str | None = None,
    copy_from: str | None = None,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    staff_invited: int | None = None,
) -> Cycle:
    """Add a cycle whose questionnaire comes from a template or is a copy of an earlier cycle's.

    Copying keeps every question code, so this year's results line up with the earlier year's. A copy is filed under
    the latest edition of the Standards, each question where that edition puts it (see `refiled`); a cycle from a
    template is filed under the template's edition (the latest, but for the historical 2018 form). Either way the
    cycle surveys the service its template, or the cycle copied, surveys.
    """
    if (template_id is None) == (copy_from is None):
        raise InvalidInput("Start the cycle either from a template or as a copy of an earlier cycle.")
    check_cycle_values(name, opens_on, closes_on, staff_invited)
    if template_id is not None:
        info = staff_survey_template(template_id)
        questionnaire = load_template(template_id)
        source, service = f"Template: {info.title}", info.service
    else:
        assert copy_from is not None
        earlier = hc.cycles.by_name(copy_from)
        questionnaire = refiled(with_fresh_ids(hc.questionnaires.load(earlier.id)), LATEST_EDITION)
        source, service = f"Copy of {earlier.name}", earlier.service
    with hc.transaction():
        cycle_id = hc.cycles.add(
            name,
            title=questionnaire.title,
            numbering=questionnaire.numbering_style,
            opens_on=opens_on,
            closes_on=closes_on,
            staff_invited=staff_invited,
            source=source,
            standards_edition=questionnaire.standards_edition,
            service=service,
        )
        hc.questionnaires.add_questionnaire(cycle_id, questionnaire)
    return hc.cycles.get(cycle_id)
