"""Builds a cycle filed under an older edition of the Standards, as a file made in that edition's years holds it."""

from __future__ import annotations

from swhc_desktop.domain.questionnaire import refiled
from swhc_desktop.questionnaires.templates import load_template


def add_cycle_of_edition(hc, name: str, edition_id: str):
    """A cycle of the staff survey filed under an older edition, as a file made in that edition's years holds it."""
    cycle_id = hc.cycles.add(name, standards_edition=edition_id)
    hc.questionnaires.add_questionnaire(cycle_id, refiled(load_template("staff-survey"), edition_id))
    return hc.cycles.get(cycle_id)
