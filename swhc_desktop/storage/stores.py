"""Gives an open health-check file its stores: one small class for each kind of thing the file holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .file import HealthCheckFile


def attach_stores(hc: HealthCheckFile) -> None:
    from .action_store import ActionStore
    from .answer_queries import AnswerQueries
    from .cycle_store import CycleStore
    from .figure_store import FigureStore
    from .finding_store import FindingStore
    from .organisation_store import OrganisationStore
    from .questionnaire_edit_store import QuestionnaireEditStore
    from .questionnaire_store import QuestionnaireStore
    from .report_choice_store import ReportChoiceStore
    from .response_rows import ResponseRows
    from .response_store import ResponseStore
    from .settings_store import SettingsStore
    from .theme_store import ThemeStore

    hc.organisation = OrganisationStore(hc)
    hc.cycles = CycleStore(hc)
    hc.questionnaires = QuestionnaireStore(hc)
    hc.questionnaire_edits = QuestionnaireEditStore(hc)
    hc.responses = ResponseStore(hc)
    hc.findings = FindingStore(hc)
    hc.actions = ActionStore(hc)
    hc.answers = AnswerQueries(hc)
    hc.settings = SettingsStore(hc)
    hc.themes = ThemeStore(hc)
    hc.figures = FigureStore(hc)
    hc.response_rows = ResponseRows(hc)
    hc.report_choices = ReportChoiceStore(hc)
