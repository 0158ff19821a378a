"""Helpers for the tests that no text breaks a document: a small health-check file with two years of responses,
findings, actions and an employer return, and `plant`, which writes a given text (after a tag naming the field)
into every field the PSW or staff can type, through the same core calls the app's pages make."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from swhc_desktop.analysis.comments import cycle_comments
from swhc_desktop.domain.questionnaire import Question, Questionnaire, QuestionType
from swhc_desktop.domain.records import (
    BY_SECTION,
    ActionDraft,
    ActionStatus,
    AnswerValue,
    BatchKind,
    FindingKind,
    NewBatch,
    NewResponse,
    ReportChoices,
)
from swhc_desktop.figures.employer_return import ReturnAnswer, applies, return_questionnaire, save_answers
from swhc_desktop.paths import UserFolders
from swhc_desktop.questionnaires.edits import (
    ChangeCycleText,
    ChangeOption,
    ChangeQuestion,
    ChangeSection,
    ChangeSettings,
    apply_edit,
)
from swhc_desktop.questionnaires.handouts import INTRODUCTION_KEY
from swhc_desktop.questionnaires.templates import load_template
from swhc_desktop.storage import HealthCheckFile

# A few questions of each kind from the staff survey: a breakdown (team), single choices, agreement statements that
# share their answers, a number, a follow-up, a rating, a tick-all-that-apply with 'Other' and a comment box.
QUESTIONS = (
    "team",
    "caseload_manageable",
    "hours_worked",
    "recording_time",
    "tools_for_job",
    "observed_practice",
    "observation_positive",
    "fulfilling_role",
    "intend_to_stay",
    "leaving_reasons",
    "change_one_thing",
)
RESPONSES = 12  # one team of 12: comments from it may be quoted (the minimum for comments is 10)


def small_questionnaire() -> Questionnaire:
    survey = load_template("staff-survey")
    sections = [replace(s, questions=tuple(q for q in s.questions if q.code in QUESTIONS)) for s in survey.sections]
    return replace(survey, sections=tuple(s for s in sections if s.questions))


def _answers(questionnaire: Questionnaire, respondent: int) -> list[AnswerValue]:
    answers: list[AnswerValue] = []
    chosen: dict[str, str] = {}
    for question in questionnaire.questions():
        follow_up = question.follow_up
        if follow_up is not None and chosen.get(follow_up.parent_code) not in follow_up.option_codes:
            continue
        if question.qtype is QuestionType.NUMBER:
            answers.append(AnswerValue(question.id, number=30.0 + respondent))
        elif question.qtype is QuestionType.TEXT:
            answers.append(AnswerValue(question.id, text=f"Comment {respondent}"))
        else:
            options = [o for o in question.options if not o.is_other]
            option = options[0] if question.is_dimension else options[respondent % min(3, len(options))]
            chosen[question.code] = option.code
            answers.append(AnswerValue(question.id, option.id))
    return answers


def build_file(folder: Path) -> Path:
    """The file every test plants its texts in: 2023 and 2024, each with 12 responses from one team."""
    path = folder / "Plantshire.swhc"
    with HealthCheckFile.create(path, "Plantshire County Council", folders=UserFolders.under(folder / "home")) as hc:
        for year in (2023, 2024):
            questionnaire = small_questionnaire()
            with hc.transaction():
                cycle_id = hc.cycles.add(
                    str(year),
                    title=questionnaire.title,
                    staff_invited=20,
                    opens_on=dt.date(year, 5, 1),
                    closes_on=dt.date(year, 5, 31),
                )
                hc.questionnaires.add_questionnaire(cycle_id, questionnaire)
            stored = hc.questionnaires.load(cycle_id)
            hc.responses.add_batch(
                cycle_id,
                NewBatch(BatchKind.IMPORT, f"{year}.csv"),
                [NewResponse(tuple(_answers(stored, n)), external_id=f"{year}-{n}") for n in range(RESPONSES)],
            )
    return path


@dataclass
class Planted:
    """Which tag went into which field, by the documents that print that field in full."""

    council: list[str] = field(default_factory=list)  # the council's name: in every document
    service: list[str] = field(default_factory=list)  # the service's name: in every PDF
    questionnaire: list[str] = field(default_factory=list)  # paper form and question list
    introduction: list[str] = field(default_factory=list)  # paper form only
    plan: list[str] = field(default_factory=list)  # action plan and the findings report's appendix
    you_said: list[str] = field(default_factory=list)  # 'You said, we did'
    report: list[str] = field(default_factory=list)  # findings report
    employer_return: list[str] = field(default_factory=list)

    def expected(self, document: str) -> list[str]:
        return (
            self.council
            + {
                "paper-form": self.service + self.questionnaire + self.introduction,
                "question-list": self.questionnaire,
                "action-plan": self.service + self.plan,
                "you-said-we-did": self.service + self.you_said,
                "lga-return": self.service + self.employer_return,
                "findings": self.service + self.report + self.plan,
            }[document]
        )


class _Tags:
    """Tags such as 'Zq07': short, plain and unlike anything else in a document, so a test can find each field."""

    def __init__(self, text: str):
        self.text = text
        self.count = 0

    def __call__(self, *lists: list[str]) -> str:
        self.count += 1
        tag = f"Zq{self.count:02d}"
        for listed in lists:
            listed.append(tag)
        return f"{tag} {self.text}"


def plant(hc: HealthCheckFile, text: str) -> Planted:
    """Write `text`, after a tag, into every field of the 2024 cycle that people type (and the earlier year's action
    and the employer return), and return where each tag is expected to be printed."""
    planted = Planted()
    tagged = _Tags(text)
    cycle = hc.cycles.by_name("2024")
    hc.organisation.update(name=tagged(planted.council), service=tagged(planted.service))
    _plant_questionnaire(hc, cycle.id, tagged, planted)
    _plant_plan(hc, cycle.id, hc.cycles.by_name("2023").id, tagged, planted)
    _plant_report_choices(hc, cycle.id, tagged, planted)
    _plant_employer_return(hc, cycle.id, tagged, planted)
    return planted


def _plant_questionnaire(hc: HealthCheckFile, cycle_id: int, tagged: _Tags, planted: Planted) -> None:
    both = (planted.questionnaire, planted.report)
    questionnaire = hc.questionnaires.load(cycle_id)
    apply_edit(
        hc,
        cycle_id,
        ChangeSettings(
            (questionnaire.title, questionnaire.numbering_style),
            (tagged(planted.questionnaire), questionnaire.numbering_style),
        ),
    )
    apply_edit(hc, cycle_id, ChangeCycleText(INTRODUCTION_KEY, None, tagged(planted.introduction)))

    def analysed(question: Question) -> bool:  # reported in the findings report's results
        return question.qtype is not QuestionType.TEXT and not question.is_dimension

    for index, section in enumerate(questionnaire.sections):
        reported = both if any(analysed(q) for q in section.questions) else (planted.questionnaire,)
        apply_edit(
            hc,
            cycle_id,
            ChangeSection(index, (section.title, section.intro), (tagged(*reported), tagged(planted.questionnaire))),
        )
    for question in questionnaire.questions():
        analysed_here = analysed(question)
        wording = both if analysed_here else (planted.questionnaire,)
        # The short title names the question in the report: over its chart and table, or over the comments quoted.
        titled = (planted.report,) if analysed_here or question.qtype is QuestionType.TEXT else ()
        after = replace(
            question, text=tagged(*wording), help_text=tagged(planted.questionnaire), short_title=tagged(*titled)
        )
        if question.qtype is QuestionType.NUMBER:  # the unit, after the number's box and its average in the report
            after = replace(after, unit=tagged(planted.questionnaire, planted.report))
        apply_edit(hc, cycle_id, ChangeQuestion(question, after))
        for option in question.options:
            listed = both if analysed_here else (planted.questionnaire,)
            if question.is_dimension and option is question.options[0]:
                listed = both  # the team everyone is in, in the report's table of who took part
            apply_edit(hc, cycle_id, ChangeOption(question.code, option, replace(option, label=tagged(*listed))))


def _plant_plan(hc: HealthCheckFile, cycle_id: int, earlier_id: int, tagged: _Tags, planted: Planted) -> None:
    in_plan = (planted.plan,)
    finding = hc.findings.add(cycle_id, FindingKind.IMPROVEMENT, tagged(planted.plan, planted.you_said, planted.report))
    hc.findings.add(cycle_id, FindingKind.STRENGTH, tagged(planted.you_said, planted.report))
    action = hc.actions.add(
        cycle_id,
        ActionDraft(
            standard=5,
            title=tagged(planted.plan, planted.you_said),
            description=tagged(*in_plan),
            owner=tagged(*in_plan),
            due_on=dt.date(2025, 3, 31),
            status=ActionStatus.IN_PROGRESS,
            finding_ids=(finding,),
        ),
    )
    hc.actions.add_update(action, dt.date(2024, 9, 1), tagged(*in_plan))
    hc.actions.add(
        cycle_id,
        ActionDraft(standard=2, title=tagged(*in_plan), status=ActionStatus.DROPPED, dropped_reason=tagged(*in_plan)),
    )
    hc.actions.add(
        earlier_id,
        ActionDraft(
            standard=7,
            title=tagged(planted.plan, planted.you_said),
            owner="PSW",
            due_on=dt.date(2030, 1, 1),
            status=ActionStatus.IN_PROGRESS,
        ),
    )


def _plant_report_choices(hc: HealthCheckFile, cycle_id: int, tagged: _Tags, planted: Planted) -> None:
    questionnaire = hc.questionnaires.load(cycle_id)
    team, comment_question = questionnaire.question("team"), questionnaire.question("change_one_thing")
    comment = tagged(planted.report)
    hc.responses.add_batch(
        cycle_id,
        NewBatch(BatchKind.IMPORT, "late.csv"),
        [
            NewResponse(
                (AnswerValue(team.id, team.options[0].id), AnswerValue(comment_question.id, text=comment)),
                external_id="late",
            )
        ],
    )
    chosen = [c.key for c in cycle_comments(hc, cycle_id) if c.text.startswith(comment[:4])]
    hc.report_choices.save(
        cycle_id,
        ReportChoices(
            purpose=tagged(planted.report),
            background=tagged(planted.report),
            arrangement=BY_SECTION,
            comments=tuple(chosen),
        ),
    )


def _plant_employer_return(hc: HealthCheckFile, cycle_id: int, tagged: _Tags, planted: Planted) -> None:
    form = return_questionnaire()
    answers: dict[str, ReturnAnswer] = {}
    for question in form.questions():
        other = question.other_option
        if question.qtype is QuestionType.TEXT:
            answers[question.code] = ReturnAnswer(text=tagged())
        elif other is not None and question.qtype is QuestionType.MULTI:
            answers[question.code] = ReturnAnswer(option_codes=(other.code,), text=tagged())
    for code, answer in answers.items():
        if applies(form.question(code), answers):
            planted.employer_return.append(answer.text[:4])
    save_answers(hc, cycle_id, answers, form)
