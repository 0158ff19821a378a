"""What the key findings view shows, worked out off the GUI thread: every figure a finding could rest on, in the order
the finding dialog offers them, and the findings the app suggests; and a finding as the PSW drafts it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis.evidence import Figure, FigureReader, evidence_keys, indicator_key, question_key
from ..analysis.results import analysed_questions
from ..analysis.suggestions import Suggestion, suggest_findings
from ..domain.records import Cycle, Finding, FindingKind
from ..storage import HealthCheckFile


@dataclass(frozen=True)
class KeyFindingsData:
    """What the view needs that takes a while to work out: every figure a finding could rest on, in the order the
    finding dialog offers them, and the suggestions. Built off the GUI thread."""

    figures: dict[str, Figure] = field(default_factory=dict)
    choices: tuple[tuple[str, str], ...] = ()  # (evidence key, label) for the finding dialog
    suggestions: tuple[Suggestion, ...] = ()


def key_findings_work(hc: HealthCheckFile, cycle: Cycle) -> KeyFindingsData:
    reader = FigureReader(hc)
    questionnaire = hc.questionnaires.load(cycle.id)
    numbers = questionnaire.numbering()
    choices: list[tuple[str, str]] = []
    figures: dict[str, Figure] = {}
    for indicator in reader.indicators:
        if indicator.enabled:
            key = indicator_key(indicator.key)
            figures[key] = reader.figure(cycle, key)
            choices.append((key, f"Headline indicator: {indicator.title}"))
    for question in analysed_questions(questionnaire):
        if not question.is_dimension:
            key = question_key(question.code)
            figures[key] = reader.figure(cycle, key)
            choices.append((key, f"Question {numbers[question.code]}: {question.title}"))
    suggestions = suggest_findings(hc, cycle, reader)
    wanted = {k for s in suggestions for k in evidence_keys_for(s.question_codes, s.indicator_keys)}
    wanted |= {k for f in hc.findings.for_cycle(cycle.id) for k in evidence_keys(f)}
    for key in wanted - figures.keys():
        figures[key] = reader.figure(cycle, key)
    return KeyFindingsData(figures, tuple(choices), tuple(suggestions))


def evidence_keys_for(question_codes, indicator_keys) -> list[str]:
    """The evidence keys of these questions and indicators, indicators first."""
    return [indicator_key(k) for k in indicator_keys] + [question_key(c) for c in question_codes]


def _split(keys: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Evidence keys back into the question codes and indicator (or theme) keys the store keeps."""
    codes = tuple(k.partition(":")[2] for k in keys if k.startswith("question:"))
    indicators = tuple(
        k.partition(":")[2] if k.startswith("indicator:") else k for k in keys if not k.startswith("question:")
    )
    return codes, indicators


def figures_text(figures: list[Figure]) -> str:
    """For the findings list's narrow column: one figure as '73% (2018: 41%, up)', several with their titles."""
    if len(figures) == 1:
        return figures[0].short()
    return "; ".join(f"{f.title}: {f.short()}" for f in figures)


@dataclass(frozen=True)
class FindingDraft:
    kind: FindingKind
    text: str
    evidence: tuple[str, ...] = ()  # evidence keys

    @classmethod
    def of(cls, finding: Finding) -> FindingDraft:
        return cls(finding.kind, finding.text, tuple(evidence_keys(finding)))

    @property
    def question_codes(self) -> tuple[str, ...]:
        return _split(self.evidence)[0]

    @property
    def indicator_keys(self) -> tuple[str, ...]:
        return _split(self.evidence)[1]
