"""Builds a cycle filed under an older edition of the Standards, as a file made in that edition's years holds it."""

from __future__ import annotations

from swhc_desktop.domain.questionnaire import refiled
from swhc_desktop.questionnaires.templates import load_template


def add_cycle_of_edition(hc, name: str, edition_id: str):
    """A cycle of the staff survey filed under an older edition, as a file made in that edition's years holds it."""
    cycle_id = hc.cycles.add(name, standards_edition=edition_id)
    hc.questionnaires.add_questionnaire(cycle_id, refiled(load_template("staff-survey"), edition_id))
    return hc.cycles.get(cycle_id)


def add_cycle_of_employer_return(hc, name: str, **details):
    """A cycle whose questionnaire is the 2018 LGA employer return, as a file made before that form stopped being
    offered as a staff survey holds it: text and number questions, follow-ups and 'please specify' answers."""
    from swhc_desktop.questionnaires.templates import template_info

    info = template_info("lga-employer-return-2018")
    questionnaire = load_template(info.id)
    cycle_id = hc.cycles.add(
        name,
        title=questionnaire.title,
        numbering=questionnaire.numbering_style,
        source=f"Template: {info.title}",
        standards_edition=questionnaire.standards_edition,
        service=info.service,
        **details,
    )
    hc.questionnaires.add_questionnaire(cycle_id, questionnaire)
    return hc.cycles.get(cycle_id)
