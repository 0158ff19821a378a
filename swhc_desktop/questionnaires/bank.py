"""The question bank: every question of every built-in template and every other cycle of the file, to add to a
questionnaire with its code (so results line up) and its follow-ups. Searchable by words, code or Standard."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..domain.questionnaire import Question, Questionnaire, question_standard_label, refiled
from ..domain.standards import LATEST_EDITION
from .templates import load_template, staff_survey_templates

if TYPE_CHECKING:
    from ..storage import HealthCheckFile


@dataclass(frozen=True)
class BankQuestion:
    question: Question
    follow_ups: tuple[Question, ...]  # added with it, after it
    sources: tuple[str, ...]  # 'Template: …', 'Cycle 2018'
    standards_edition: str = LATEST_EDITION  # the edition it is filed under: that of the questionnaire it is for

    @property
    def source_text(self) -> str:
        return "; ".join(self.sources)

    def matches(self, words: str, standard: int | None = None) -> bool:
        if standard is not None and self.question.standard != standard:
            return False
        haystack = " ".join(
            [
                self.question.text,
                self.question.code,
                self.question.short_title,
                question_standard_label(self.question.standard, self.standards_edition),
            ]
            + [o.label for o in self.question.options]
        ).casefold()
        return all(word in haystack for word in words.casefold().split())


def _entries(questionnaire: Questionnaire, source: str) -> list[BankQuestion]:
    entries = []
    for question in questionnaire.questions():
        if question.follow_up is not None:
            continue  # a follow-up comes with its parent
        follow_ups = []
        parents = {question.code}
        for candidate in questionnaire.questions():
            if candidate.follow_up is not None and candidate.follow_up.parent_code in parents:
                follow_ups.append(candidate)
                parents.add(candidate.code)
        entries.append(
            BankQuestion(
                _without_ids(question),
                tuple(_without_ids(q) for q in follow_ups),
                (source,),
                questionnaire.standards_edition,
            )
        )
    return entries


def _without_ids(question: Question) -> Question:
    return replace(question, id=None, options=tuple(replace(o, id=None) for o in question.options))


def _same(a: BankQuestion, b: BankQuestion) -> bool:
    return a.question == b.question and a.follow_ups == b.follow_ups


def question_bank(hc: HealthCheckFile, excluding_cycle_id: int | None = None) -> list[BankQuestion]:
    """Each distinct question once (the same wording in several years is one entry, listing them all): templates
    first, then the file's cycles from newest to oldest. Each is filed under the edition of the Standards of the cycle
    it is for (the excluded one; the latest when none is), where that edition puts it."""
    target = hc.cycles.get(excluding_cycle_id).standards_edition if excluding_cycle_id is not None else LATEST_EDITION
    sources: list[tuple[str, Questionnaire]] = [
        (f"Template: {info.title}", load_template(info.id)) for info in staff_survey_templates()
    ]
    for cycle in reversed(hc.cycles.all()):
        if cycle.id != excluding_cycle_id:
            sources.append((f"Cycle {cycle.name}", hc.questionnaires.load(cycle.id)))
    bank: list[BankQuestion] = []
    for source, questionnaire in sources:
        for entry in _entries(refiled(questionnaire, target), source):
            same = next((i for i, known in enumerate(bank) if _same(known, entry)), None)
            if same is None:
                bank.append(entry)
            else:
                bank[same] = replace(bank[same], sources=bank[same].sources + entry.sources)
    return bank
