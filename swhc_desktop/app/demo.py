"""The demo health check: Demo Borough Council's children's staff survey of 2023, 2024 and 2025 on the current
Standards, with its plan in progress, built the same way every time."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import random
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

from ..analysis.comments import cycle_comments
from ..domain.errors import FileAlreadyExists, FileInUse, FileReadOnly, SaveFailed, SwhcError
from ..domain.progress import SILENT, Progress
from ..domain.questionnaire import Questionnaire
from ..domain.records import ActionDraft, ActionStatus, AnswerValue, BatchKind, FindingKind, NewBatch, NewResponse
from ..figures.workforce import save_workforce_figures
from ..paths import UserFolders
from ..questionnaires.cycles import start_cycle
from ..storage import HealthCheckFile

DEMO_ORGANISATION = "Demo Borough Council"
_NORMAL = NormalDist()


@dataclass(frozen=True)
class DemoYear:
    name: str
    opens_on: dt.date
    closes_on: dt.date
    staff_invited: int
    responses: int
    step: int  # 0, 1, 2: how far the council's improvement has got
    seed: str  # what its answers are drawn from: the same answers every time the demo is built


YEARS = (
    DemoYear("2023", dt.date(2023, 4, 3), dt.date(2023, 5, 12), 238, 158, 0, "2017"),
    DemoYear("2024", dt.date(2024, 4, 9), dt.date(2024, 5, 18), 226, 171, 1, "2018"),
    DemoYear("2025", dt.date(2025, 4, 1), dt.date(2025, 5, 15), 242, 203, 2, "2019"),
)

# The council's workforce figures each year, as a scrutiny report would give them: fewer vacancies and agency staff
# as the health check's actions take hold; and the rates of its DfE return, beside the national ones.
WORKFORCE_FIGURES = {
    "2023": {
        "establishment_fte": 221.5,
        "vacancies_fte": 38.0,
        "agency_workers": 41,
        "turnover_percent": 19.4,
        "sickness_days": 11.8,
        "vacancy_rate": 17.2,
        "agency_rate": 18.5,
        "turnover_rate": 18.7,
        "sickness_rate": 5.4,
    },
    "2024": {
        "establishment_fte": 224.0,
        "vacancies_fte": 31.5,
        "agency_workers": 33,
        "turnover_percent": 16.9,
        "sickness_days": 10.9,
        "vacancy_rate": 14.1,
        "agency_rate": 14.7,
        "turnover_rate": 16.2,
        "sickness_rate": 5.0,
    },
    "2025": {
        "establishment_fte": 229.5,
        "vacancies_fte": 22.0,
        "agency_workers": 24,
        "turnover_percent": 13.2,
        "sickness_days": 9.6,
        "vacancy_rate": 9.6,
        "agency_rate": 10.5,
        "turnover_rate": 12.6,
        "sickness_rate": 4.4,
    },
}

# Teams with their share of staff and how much harder (negative) or easier their work is.
TEAMS = (
    ("front_door_and_mash", 0.17, -0.15),
    ("assessment", 0.21, -0.35),
    ("safeguarding_and_child_protection", 0.26, -0.2),
    ("children_in_care", 0.20, 0.1),
    ("care_leavers", 0.09, 0.3),
    ("disabled_children", 0.05, 0.35),
    ("other_team", 0.012, 0.0),
)
ROLES = (("nqsw", 0.15), ("social_worker", 0.5), ("senior_practitioner", 0.2), ("manager", 0.15))
EMPLOYMENT = (("permanent_full_time", 0.72), ("permanent_part_time", 0.12), ("fixed_term", 0.06), ("agency", 0.10))

# Shares of each answer, most favourable first, for 2023, 2024 and 2025.
AGREEMENT_SHARES = {
    "recording_time": ((6, 16, 20, 38, 20), (7, 18, 20, 37, 18), (9, 25, 22, 32, 12)),
    "tools_for_job": ((12, 38, 20, 22, 8), (14, 41, 18, 20, 7), (20, 48, 14, 14, 4)),
    "safe_at_work": ((22, 50, 16, 9, 3), (24, 50, 15, 8, 3), (28, 50, 13, 7, 2)),
    "manager_support": ((24, 38, 24, 10, 4), (26, 40, 22, 9, 3), (30, 41, 20, 7, 2)),
    "listened_to": ((14, 34, 24, 19, 9), (17, 39, 22, 15, 7), (24, 46, 16, 10, 4)),
    "stressed": ((5, 13, 18, 40, 24), (6, 16, 21, 38, 19), (9, 25, 26, 30, 10)),  # disagreeing is favourable
    "development_opportunities": ((12, 33, 25, 21, 9), (13, 37, 23, 19, 8), (17, 43, 20, 15, 5)),
    "learning_culture": ((14, 41, 25, 14, 6), (16, 44, 23, 12, 5), (21, 48, 19, 9, 3)),
    "research_use": ((9, 31, 30, 22, 8), (11, 35, 28, 20, 6), (14, 41, 25, 15, 5)),
    "skills_used": ((20, 45, 20, 11, 4), (22, 48, 17, 10, 3), (26, 50, 14, 8, 2)),
    "communication": ((12, 40, 20, 19, 9), (16, 49, 15, 14, 6), (28, 56, 8, 6, 2)),
    "consulted": ((7, 28, 25, 28, 12), (9, 33, 25, 23, 10), (14, 41, 30, 11, 4)),
    "valued": ((6, 25, 29, 26, 14), (10, 35, 25, 20, 10), (17, 45, 20, 13, 5)),
    "proud": ((15, 40, 27, 12, 6), (18, 44, 24, 10, 4), (24, 48, 19, 7, 2)),
    "enthusiastic": ((20, 46, 22, 9, 3), (22, 48, 20, 8, 2), (26, 50, 16, 6, 2)),
}
CHOICE_SHARES = {
    "caseload_manageable": ((14, 30, 32, 16, 8), (16, 33, 30, 14, 7), (41, 33, 16, 7, 3)),
    "supervision_frequency": ((2, 6, 30, 36, 22, 4), (2, 7, 37, 32, 19, 3), (3, 8, 44, 28, 15, 2)),
    "reflective_supervision_frequency": ((0, 3, 18, 30, 35, 14), (1, 4, 24, 30, 30, 11), (1, 5, 32, 30, 24, 8)),
    "supervision_quality": ((18, 40, 26, 11, 5), (20, 42, 25, 9, 4), (26, 46, 24, 3, 1)),
    "cancelled_visits": ((8, 38, 28, 20, 6), (10, 40, 28, 17, 5), (14, 46, 25, 12, 3)),
    "team_meetings": ((5, 12, 23, 52, 8), (5, 13, 27, 48, 7), (8, 16, 41, 32, 3)),
    "cpd_attended": ((18, 26, 28, 12, 8), (20, 28, 27, 11, 7), (26, 32, 24, 8, 5)),
    "intend_to_stay": ((60, 24, 16), (66, 21, 13), (79, 14, 7)),
}
OBSERVED_SHARES = ((36, 56, 8), (45, 48, 7), (60, 35, 5))  # yes, no, don't know
OBSERVATION_POSITIVE_SHARES = ((70, 22, 8), (76, 18, 6), (85, 12, 3))
# Hours worked by full-time staff: up to 37, 38-42, 43-47, 48 or more.
HOURS_BANDS = ((35, 37), (38, 42), (43, 47), (48, 58))
HOURS_SHARES = ((10, 38, 30, 22), (12, 42, 27, 19), (14, 50, 23, 13))
LEAVING_REASON_CHANCE = {
    "new_job": (0.40, 0.40, 0.18),
    "workload": (0.45, 0.42, 0.30),
    "pay": (0.22, 0.22, 0.20),
    "progression": (0.25, 0.24, 0.22),
    "management": (0.15, 0.12, 0.08),
    "travel": (0.10, 0.10, 0.10),
    "retirement": (0.05, 0.05, 0.05),
    "personal": (0.12, 0.12, 0.12),
    "other": (0.05, 0.05, 0.05),
}

CHANGE_COMMENTS = (
    "Less paperwork. Too much of my week goes on recording rather than seeing families.",
    "A caseload that lets me do meaningful direct work with children.",
    "The recording system: the forms duplicate each other and it is slow when working from home.",
    "More admin support in the team so that social workers can focus on social work.",
    "Supervision that actually happens every month and is not cancelled.",
    "A better work/life balance. I regularly work in the evenings to keep up with recording.",
    "More reflective space to think about complex cases.",
    "Fewer changes of manager. We have had three team managers in a year.",
    "Better access to pool cars and parking near the office.",
    "Senior managers coming to teams and listening to what is happening on the front line.",
    "Clearer thresholds with partner agencies so we are not holding cases that belong elsewhere.",
    "Time for training. I book courses and then have to cancel them because of court work.",
    "Protected caseloads for ASYE social workers.",
    "Laptops and phones that work reliably when we are out on visits.",
    "Enough desks on busy days.",
    "Pay that reflects the responsibility of the job and matches neighbouring councils.",
    "A clearer career progression route for experienced social workers.",
    "Less reliance on agency staff so that teams are stable.",
    "Court deadlines that take account of the rest of the caseload.",
    "More support after difficult visits or incidents.",
)
GOOD_COMMENTS = (
    "My team is incredibly supportive; we look out for each other.",
    "Good training and learning opportunities.",
    "My manager is approachable and always makes time to talk through difficult cases.",
    "The passion the service has for restorative practice.",
    "A good ASYE programme.",
    "Flexible working helps me balance work with my family.",
    "I feel I make a difference to children's lives.",
    "Practice weeks gave me useful feedback on my work.",
    "Senior managers are visible and approachable.",
    "I have worked in other authorities and this council cares about its employees.",
    "Colleagues are skilled and experienced and happy to share what they know.",
    "Group supervision is a safe space to reflect.",
    "The coffee and conversation sessions with the Director.",
    "Good access to research and the practice library.",
)
OTHER_COMMENTS = (
    "Thank you for asking.",
    "I hope the results are shared with teams this time.",
    "The survey could be shorter.",
    "Please look at the car parking situation at the civic centre.",
    "It would help to hear what happened as a result of last year's survey.",
)
# The themes a PSW might code the comments into, as the LGA report's Annex A tables do, and which apply to each
# of the demo's comments.
THEMES = (
    ("Caseloads and workload", "Numbers of cases, complexity, court work, time to do the job"),
    ("Paperwork and recording systems", "Recording, forms, duplication, the case management system"),
    ("Supervision and management support", "Supervision, managers' support and stability"),
    ("Training and development", "Training, ASYE, learning opportunities, practice development"),
    ("Work/life balance", "Hours, evenings, flexible working"),
    ("Equipment and working environment", "IT, phones, desks, cars and parking, safety"),
    ("Pay and career progression", "Pay, market supplements, progression routes"),
    ("Team and colleagues", "Support from colleagues and the team"),
    ("Communication and leadership", "Senior managers, being listened to, feeling valued"),
)
COMMENT_THEMES = {
    CHANGE_COMMENTS[0]: ("Paperwork and recording systems", "Caseloads and workload"),
    CHANGE_COMMENTS[1]: ("Caseloads and workload",),
    CHANGE_COMMENTS[2]: ("Paperwork and recording systems", "Equipment and working environment"),
    CHANGE_COMMENTS[3]: ("Paperwork and recording systems",),
    CHANGE_COMMENTS[4]: ("Supervision and management support",),
    CHANGE_COMMENTS[5]: ("Work/life balance", "Paperwork and recording systems"),
    CHANGE_COMMENTS[6]: ("Supervision and management support",),
    CHANGE_COMMENTS[7]: ("Supervision and management support",),
    CHANGE_COMMENTS[8]: ("Equipment and working environment",),
    CHANGE_COMMENTS[9]: ("Communication and leadership",),
    CHANGE_COMMENTS[10]: ("Caseloads and workload",),
    CHANGE_COMMENTS[11]: ("Training and development", "Caseloads and workload"),
    CHANGE_COMMENTS[12]: ("Training and development", "Caseloads and workload"),
    CHANGE_COMMENTS[13]: ("Equipment and working environment",),
    CHANGE_COMMENTS[14]: ("Equipment and working environment",),
    CHANGE_COMMENTS[15]: ("Pay and career progression",),
    CHANGE_COMMENTS[16]: ("Pay and career progression",),
    CHANGE_COMMENTS[17]: ("Team and colleagues",),
    CHANGE_COMMENTS[18]: ("Caseloads and workload",),
    CHANGE_COMMENTS[19]: ("Supervision and management support",),
    GOOD_COMMENTS[0]: ("Team and colleagues",),
    GOOD_COMMENTS[1]: ("Training and development",),
    GOOD_COMMENTS[2]: ("Supervision and management support",),
    GOOD_COMMENTS[3]: ("Training and development",),
    GOOD_COMMENTS[4]: ("Training and development",),
    GOOD_COMMENTS[5]: ("Work/life balance",),
    GOOD_COMMENTS[7]: ("Training and development",),
    GOOD_COMMENTS[8]: ("Communication and leadership",),
    GOOD_COMMENTS[9]: ("Communication and leadership",),
    GOOD_COMMENTS[10]: ("Team and colleagues",),
    GOOD_COMMENTS[11]: ("Supervision and management support",),
    GOOD_COMMENTS[12]: ("Communication and leadership",),
    GOOD_COMMENTS[13]: ("Training and development",),
    OTHER_COMMENTS[1]: ("Communication and leadership",),
    OTHER_COMMENTS[3]: ("Equipment and working environment",),
    OTHER_COMMENTS[4]: ("Communication and leadership",),
}
# What the health check asks since 2020: the answers most favourable first, with their shares each year. Drawn from a
# generator of their own, after the rest of each respondent's answers, so that those are as they always were.
TODAYS_SHARES = {
    "recommend_employer": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((10, 34, 28, 19, 9), (13, 39, 26, 16, 6), (19, 45, 21, 11, 4)),
    ),
    "remote_working_support": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((22, 48, 16, 10, 4), (24, 49, 15, 9, 3), (27, 50, 13, 8, 2)),
    ),
    "tackling_inequality": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((12, 36, 30, 15, 7), (14, 40, 28, 13, 5), (18, 44, 25, 10, 3)),
    ),
    "cpd_protected_time": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((6, 22, 24, 33, 15), (8, 27, 25, 29, 11), (13, 36, 23, 21, 7)),
    ),
    "registration_support": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((30, 48, 15, 5, 2), (33, 48, 13, 4, 2), (40, 48, 9, 2, 1)),
    ),
    "fitness_to_practise_support": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((18, 40, 30, 8, 4), (22, 42, 27, 6, 3), (28, 45, 20, 5, 2)),
    ),
    "practice_educator_support": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((15, 40, 27, 12, 6), (16, 42, 26, 11, 5), (19, 45, 24, 9, 3)),
    ),
    "students_supported": (
        ("strongly_agree", "agree", "neither", "disagree", "strongly_disagree"),
        ((18, 47, 24, 8, 3), (19, 48, 23, 7, 3), (21, 50, 21, 6, 2)),
    ),
    "recording_system_time": (
        ("under_a_quarter", "quarter_to_half", "half_to_three_quarters", "over_three_quarters"),
        ((6, 30, 44, 20), (7, 33, 43, 17), (11, 41, 37, 11)),
    ),
    "tasks_others_could_do": (
        ("under_a_quarter", "quarter_to_half", "half_to_three_quarters", "over_three_quarters"),
        ((38, 40, 16, 6), (41, 40, 14, 5), (50, 37, 10, 3)),
    ),
    "extra_hours_recorded": (("always", "sometimes", "no"), ((14, 30, 56), (19, 33, 48), (31, 36, 33))),
    "supervision_uninterrupted": (("yes", "not_sure", "no"), ((48, 8, 44), (55, 7, 38), (66, 6, 28))),
    "supervisor_registered": (("yes", "not_sure", "no"), ((86, 6, 8), (88, 5, 7), (91, 4, 5))),
    "cpd_recorded": (("yes", "not_yet", "no"), ((58, 32, 10), (63, 29, 8), (71, 24, 5))),
    "bullying_experienced": (("no", "yes"), ((86, 14), (88, 12), (91, 9))),
    "discrimination_experienced": (("no", "yes"), ((89, 11), (90, 10), (92, 8))),
    "plans_two_years": (
        ("stay", "retire", "not_sure", "another_employer", "agency_work", "leave_profession"),
        ((52, 3, 20, 13, 6, 6), (57, 3, 19, 11, 5, 5), (66, 3, 16, 8, 4, 3)),
    ),
}
# Who took part, with the shares the national summary suggests (77% women; a small 'another ethnic group', too few to
# show); a health condition and 'prefer not to say' more likely among those who feel worse, as the national summary
# found.
ETHNICITY = (
    ("white", 0.70),
    ("black", 0.12),
    ("asian", 0.09),
    ("mixed", 0.05),
    ("other_ethnic_group", 0.012),
    ("prefer_not_to_say", 0.03),
)
DISABILITY = (("no", 0.85), ("yes", 0.10), ("prefer_not_to_say", 0.05))
SEX = (("female", 0.78), ("male", 0.17), ("prefer_not_to_say", 0.05))
AGE_BAND = (
    ("under_25", 0.05),
    ("from_25_to_34", 0.30),
    ("from_35_to_44", 0.30),
    ("from_45_to_54", 0.22),
    ("over_55", 0.10),
    ("prefer_not_to_say", 0.03),
)
HEALTH_CONDITION = (("no", 0.70), ("physical", 0.12), ("mental", 0.10), ("both", 0.04), ("prefer_not_to_say", 0.04))
OTHER_TEAMS = ("Youth offending service", "Edge of care", "Family group conferencing")
OTHER_LEAVING_REASONS = ("Moving into a specialist role", "Study", "Closer to home", "Caring responsibilities")


def build_demo(
    path: Path,
    folders: UserFolders | None = None,
    progress: Progress = SILENT,
    overwrite: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Write the demo health-check file at `path`: identical answers every time it is built. Its latest action plan
    is dated from `today` (the day it is built), so a newcomer always sees a plan in progress, never years overdue.

    It is built beside its target and moved into place only when whole, so a failure (a full disk, the app stopped)
    leaves no demo rather than half of one."""
    path = Path(path)
    if path.is_dir():
        raise FileAlreadyExists(f"{path} is a folder.", "Give the demo a file name ending in .swhc.")
    if path.exists() and not overwrite:
        raise FileAlreadyExists(
            f"There is already a file called {path.name} in {path.absolute().parent}.",
            "Choose another name for the demo. That file has not been changed.",
        )
    if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
        raise FileReadOnly(
            f"The folder {path.absolute().parent} is read-only, so the demo cannot be saved there.",
            "Choose a folder you can save in, such as Documents. Nothing was saved.",
        )
    building = path.with_name(path.name + ".building")
    _remove_with_journal(building)  # left by a build that was stopped part-way
    try:
        with HealthCheckFile.create(building, DEMO_ORGANISATION, folders=folders, overwrite=True) as hc:
            _fill_demo(hc, progress, today or dt.date.today())
        os.replace(building, path)
    except OSError as error:
        raise SaveFailed(
            f"The demo could not be saved as {path.name}: {error.strerror or error}.",
            "Free some space or choose a folder you can save in. Nothing was saved.",
        ) from None
    finally:
        _remove_with_journal(building)
    return path


def _remove_with_journal(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
        Path(f"{path}-journal").unlink(missing_ok=True)


def _fill_demo(hc: HealthCheckFile, progress: Progress, today: dt.date) -> None:
    previous = None
    for index, year in enumerate(YEARS):
        progress.step(index, len(YEARS) + 1, f"Building the {year.name} survey")
        if previous is None:
            cycle = start_cycle(
                hc,
                year.name,
                template_id="staff-survey",
                opens_on=year.opens_on,
                closes_on=year.closes_on,
                staff_invited=year.staff_invited,
            )
        else:
            cycle = start_cycle(
                hc,
                year.name,
                copy_from=previous,
                opens_on=year.opens_on,
                closes_on=year.closes_on,
                staff_invited=year.staff_invited,
            )
        questionnaire = hc.questionnaires.load(cycle.id)
        responses = _YearOfResponses(year, questionnaire).responses()
        hc.responses.add_batch(cycle.id, NewBatch(BatchKind.DEMO, f"Demo responses {year.name}"), responses)
        save_workforce_figures(hc, cycle.id, WORKFORCE_FIGURES[year.name])
        previous = year.name
    progress.step(len(YEARS), len(YEARS) + 1, "Writing findings, themes and actions")
    _add_findings_and_actions(hc, today)
    _tag_comments(hc)


class _YearOfResponses:
    """Generates one year's respondents; each has a latent sense of how well things are going,
    so that answers hang together the way real people's do."""

    def __init__(self, year: DemoYear, questionnaire: Questionnaire):
        self.year = year
        self.rng = random.Random(f"swhc-demo-{year.seed}")
        self.today = random.Random(f"swhc-demo-today-{year.seed}")  # what the health check asks since 2020
        self.questions = {q.code: q for q in questionnaire.questions()}

    def responses(self) -> list[NewResponse]:
        days = (self.year.closes_on - self.year.opens_on).days
        return [
            NewResponse(
                answers=tuple(self._respondent()),
                external_id=f"DEMO-{self.year.name}-{n + 1:04d}",
                submitted_on=self.year.opens_on + dt.timedelta(days=self.rng.randint(0, days)),
            )
            for n in range(self.year.responses)
        ]

    # ---------------------------------------------------------------- one respondent

    def _respondent(self) -> list[AnswerValue]:
        rng, step = self.rng, self.year.step
        team, _, team_effect = self._weighted(TEAMS)
        role = self._weighted(ROLES)[0]
        employment = self._weighted(EMPLOYMENT)[0]
        mood = rng.gauss(team_effect, 1.0)
        team_text = rng.choice(OTHER_TEAMS) if team == "other_team" else None
        answers = [
            self._option("team", team, team_text),
            self._option("role", role),
            self._option("employment_type", employment),
        ]
        answers.append(self._option("years_qualified", self._years_qualified(role)))

        hours = self._hours(employment)
        if hours is not None:
            answers.append(AnswerValue(self.questions["hours_worked"].id, number=hours))
        if not self._skipped():
            answers.append(AnswerValue(self.questions["caseload"].id, number=self._caseload(role)))
        if not self._skipped():
            direct = max(0.0, min(30.0, round(rng.gauss(8 + step, 4) * 2) / 2))
            answers.append(AnswerValue(self.questions["direct_work_hours"].id, number=direct))

        for code, shares in CHOICE_SHARES.items():
            if not self._skipped():
                answers.append(self._ordinal(code, shares[step], mood))
        for code, shares in AGREEMENT_SHARES.items():
            if not self._skipped():
                answers.append(self._ordinal(code, shares[step], mood))

        answers.extend(self._observation())
        answers.extend(self._leaving_reasons(answers))
        fulfilling = round(max(0, min(10, rng.gauss(6.2 + 0.5 * step + 1.4 * mood * 0.6, 1.5))))
        answers.append(self._option("fulfilling_role", str(fulfilling)))
        answers.extend(self._comments(mood))
        answers.extend(self._todays_items(mood))
        return answers

    def _todays_items(self, mood: float) -> list[AnswerValue]:
        """What the health check asks since 2020, the equality questions among them, each answer as favourable as the
        respondent's mood makes it, from a generator of its own."""
        rng, step = self.today, self.year.step
        answers = []
        for code, (ordered, shares) in TODAYS_SHARES.items():
            if rng.random() < 0.03:
                continue  # left blank, as some are
            question = self.questions[code]
            standing = _NORMAL.cdf(0.55 * mood + 0.835 * rng.gauss(0, 1))
            cumulative, total = 0.0, float(sum(shares[step]))
            chosen = ordered[-1]
            for option_code, share in zip(ordered, shares[step]):
                cumulative += share / total
                if 1 - standing <= cumulative:
                    chosen = option_code
                    break
            answers.append(AnswerValue(question.id, option_id=question.option(chosen).id))
        cases = max(0, round(rng.gauss(5 - step, 2)))
        answers.append(AnswerValue(self.questions["new_cases_expected"].id, number=float(cases)))
        low = mood < -0.8
        for code, choices in (
            ("ethnicity", ETHNICITY),
            ("disability", DISABILITY),
            ("sex", SEX),
            ("age_band", AGE_BAND),
            ("health_condition", HEALTH_CONDITION),
        ):
            weights = [w * (2.0 if low and c in ("mental", "both", "prefer_not_to_say") else 1.0) for c, w in choices]
            answers.append(self._option(code, rng.choices([c for c, _ in choices], weights=weights)[0]))
        return answers

    def _weighted(self, choices: tuple) -> tuple:
        return self.rng.choices(choices, weights=[c[1] for c in choices])[0]

    def _skipped(self) -> bool:
        return self.rng.random() < 0.025

    def _option(self, code: str, option_code: str, text: str | None = None) -> AnswerValue:
        question = self.questions[code]
        return AnswerValue(question.id, option_id=question.option(option_code).id, text=text)

    def _ordinal(self, code: str, shares: tuple[int, ...], mood: float) -> AnswerValue:
        """Choose an answer with the year's shares overall, more favourable the better the respondent's mood."""
        question = self.questions[code]
        if code == "stressed":  # options run from agreement (unfavourable) to disagreement
            ordered = list(reversed([o for o in question.options]))
        else:
            ordered = [o for o in question.options if not o.excluded_from_base and o.code != "dont_know"]
        ordered = ordered[: len(shares)]
        standing = _NORMAL.cdf(0.55 * mood + 0.835 * self.rng.gauss(0, 1))
        cumulative, total = 0.0, float(sum(shares))
        for option, share in zip(ordered, shares):
            cumulative += share / total
            if 1 - standing <= cumulative:
                return AnswerValue(question.id, option_id=option.id)
        return AnswerValue(question.id, option_id=ordered[-1].id)

    def _years_qualified(self, role: str) -> str:
        weights = {
            "nqsw": (0.95, 0.05, 0, 0),
            "social_worker": (0.15, 0.5, 0.25, 0.1),
            "senior_practitioner": (0, 0.2, 0.45, 0.35),
            "manager": (0, 0.1, 0.35, 0.55),
        }[role]
        return self.rng.choices(("under_2", "from_2_to_5", "from_6_to_10", "over_10"), weights=weights)[0]

    def _hours(self, employment: str) -> float | None:
        if self._skipped():
            return None
        if employment == "permanent_part_time":
            return float(self.rng.randint(18, 32))
        low, high = self.rng.choices(HOURS_BANDS, weights=HOURS_SHARES[self.year.step])[0]
        return float(self.rng.randint(low, high))

    def _caseload(self, role: str) -> float:
        mean = {"nqsw": 13, "social_worker": 20 - 2 * self.year.step, "senior_practitioner": 16, "manager": 4}[role]
        return float(max(0, round(self.rng.gauss(mean, 4 if role != "manager" else 2))))

    def _observation(self) -> list[AnswerValue]:
        step = self.year.step
        choice = self.rng.choices(("yes", "no", "dont_know"), weights=OBSERVED_SHARES[step])[0]
        answers = [self._option("observed_practice", choice)]
        if choice == "yes":
            positive = self.rng.choices(("yes", "partly", "no"), weights=OBSERVATION_POSITIVE_SHARES[step])[0]
            answers.append(self._option("observation_positive", positive))
        return answers

    def _leaving_reasons(self, answers: list[AnswerValue]) -> list[AnswerValue]:
        stay = self.questions["intend_to_stay"]
        chosen = {a.option_id for a in answers if a.question_id == stay.id}
        if not chosen or chosen == {stay.option("yes").id}:
            return []
        reasons = []
        for code, chances in LEAVING_REASON_CHANCE.items():
            if self.rng.random() < chances[self.year.step]:
                text = self.rng.choice(OTHER_LEAVING_REASONS) if code == "other" else None
                reasons.append(self._option("leaving_reasons", code, text))
        return reasons or [self._option("leaving_reasons", "workload")]

    def _comments(self, mood: float) -> list[AnswerValue]:
        comments = []
        if self.rng.random() < 0.6:
            comments.append(AnswerValue(self.questions["change_one_thing"].id, text=self.rng.choice(CHANGE_COMMENTS)))
        if self.rng.random() < 0.35 + 0.1 * self.year.step + 0.1 * max(mood, 0):
            comments.append(
                AnswerValue(self.questions["good_about_working_here"].id, text=self.rng.choice(GOOD_COMMENTS))
            )
        if self.rng.random() < 0.15:
            comments.append(AnswerValue(self.questions["other_comments"].id, text=self.rng.choice(OTHER_COMMENTS)))
        return comments


# ------------------------------------------------------------------------- findings and actions


def _share(hc: HealthCheckFile, cycle_name: str, code: str, option_codes: set[str]) -> int:
    """Whole per cent of those answering `code` in a cycle who chose one of `option_codes`."""
    cycle = hc.cycles.by_name(cycle_name)
    question = hc.questionnaires.load(cycle.id).question(code)
    counts = hc.responses.option_counts(question.id)
    chosen = sum(counts.get(o.id, 0) for o in question.options if o.code in option_codes)
    answered = sum(counts.get(o.id, 0) for o in question.options if not o.excluded_from_base)
    return round(100 * chosen / answered) if answered else 0


def _long_hours_share(hc: HealthCheckFile, cycle_name: str) -> int:
    cycle = hc.cycles.by_name(cycle_name)
    question = hc.questionnaires.load(cycle.id).question("hours_worked")
    values = hc.responses.numbers(question.id)
    return round(100 * sum(v >= 48 for v in values) / len(values)) if values else 0


# The day the latest plan's dates below were written for: the demo moves them on by the days since.
PLAN_DAY = dt.date(2026, 12, 6)


def _add_findings_and_actions(hc: HealthCheckFile, today: dt.date) -> None:
    monthly = {"weekly", "fortnightly", "monthly"}
    completely = {"completely"}
    manageable = {"completely", "mostly"}
    effective = {"strongly_agree", "agree"}
    c2024, c2025 = hc.cycles.by_name("2024"), hc.cycles.by_name("2025")
    f2024_supervision = hc.findings.add(
        c2024.id,
        FindingKind.IMPROVEMENT,
        f"Fewer than half of social workers ({_share(hc, '2024', 'supervision_frequency', monthly)}%) have "
        "line-management supervision at least monthly.",
        question_codes=["supervision_frequency"],
    )
    f2024_caseload = hc.findings.add(
        c2024.id,
        FindingKind.IMPROVEMENT,
        f"{_share(hc, '2024', 'caseload_manageable', manageable)}% of social workers say their caseload is completely "
        f"or mostly manageable, and only {_share(hc, '2024', 'caseload_manageable', completely)}% completely.",
        question_codes=["caseload_manageable"],
    )
    hc.findings.add(
        c2024.id,
        FindingKind.STRENGTH,
        f"{_share(hc, '2024', 'communication', effective)}% say communication between senior managers and frontline "
        "staff is effective and appropriate.",
        question_codes=["communication"],
    )
    hc.findings.add(
        c2025.id,
        FindingKind.STRENGTH,
        f"{_share(hc, '2025', 'caseload_manageable', manageable)}% of social workers now say their caseload is "
        f"completely or mostly manageable, up from {_share(hc, '2024', 'caseload_manageable', manageable)}%; "
        f"{_share(hc, '2025', 'caseload_manageable', completely)}% say completely, compared with "
        f"{_share(hc, '2024', 'caseload_manageable', completely)}% last year.",
        question_codes=["caseload_manageable"],
    )
    hc.findings.add(
        c2025.id,
        FindingKind.STRENGTH,
        f"Communication between senior managers and frontline staff is effective for "
        f"{_share(hc, '2025', 'communication', effective)}% of social workers, up from "
        f"{_share(hc, '2024', 'communication', effective)}%.",
        question_codes=["communication"],
    )
    f2025_supervision = hc.findings.add(
        c2025.id,
        FindingKind.IMPROVEMENT,
        f"{_share(hc, '2025', 'supervision_frequency', monthly)}% have supervision at least monthly, against "
        f"{_share(hc, '2024', 'supervision_frequency', monthly)}% last year: no clear change yet, and still short "
        "of what we expect.",
        question_codes=["supervision_frequency"],
    )
    f2025_hours = hc.findings.add(
        c2025.id,
        FindingKind.IMPROVEMENT,
        f"{_long_hours_share(hc, '2025')}% of social workers work 48 hours or more in a typical week.",
        question_codes=["hours_worked"],
    )

    # The 2024 plan was done before the 2025 survey; the 2025 plan is under way on the day the demo is built (one
    # action a few days late), whatever that day is: its dates are written as on PLAN_DAY and moved to `today`.
    def dated(day: dt.date) -> dt.date:
        return day + max(today - PLAN_DAY, dt.timedelta(0))

    def action(cycle, standard, title, description, owner, due, status, findings, codes, updates=()):
        action_id = hc.actions.add(
            cycle.id,
            ActionDraft(
                standard=standard,
                title=title,
                description=description,
                owner=owner,
                due_on=due,
                status=status,
                completed_on=updates[-1][0] if status is ActionStatus.COMPLETE and updates else None,
                finding_ids=tuple(findings),
                question_codes=tuple(codes),
            ),
        )
        for written_on, text in updates:
            hc.actions.add_update(action_id, written_on, text, author="Principal Social Worker")

    action(
        c2024,
        5,
        "Introduce a supervision performance tool",
        "A dashboard showing managers how many supervisions are within the monthly timescale, "
        "and whose are out of date.",
        "Head of Service, Safeguarding",
        dt.date(2025, 3, 31),
        ActionStatus.COMPLETE,
        [f2024_supervision],
        ["supervision_frequency"],
        [
            (dt.date(2024, 11, 5), "Specification agreed with the performance team."),
            (dt.date(2025, 3, 25), "Tool live for all teams; reviewed monthly at CYP performance meetings."),
        ],
    )
    action(
        c2024,
        3,
        "Review caseload weighting with team managers",
        "Agree how case complexity is weighed in allocation and workload discussions in supervision.",
        "Service Manager, Assessment",
        dt.date(2024, 12, 14),
        ActionStatus.COMPLETE,
        [f2024_caseload],
        ["caseload_manageable", "caseload"],
        [(dt.date(2024, 12, 10), "Weighting tool agreed and in use in all assessment teams.")],
    )
    action(
        c2025,
        5,
        "Increase the frequency of supervision and the robustness of workload discussions",
        "Senior managers monitor workloads monthly through the workload dashboard; "
        "supervision audited through DIP sampling.",
        "Heads of Service",
        dated(dt.date(2027, 6, 30)),
        ActionStatus.IN_PROGRESS,
        [f2025_supervision],
        ["supervision_frequency", "caseload_manageable"],
        [(dated(dt.date(2026, 12, 2)), "Monthly compliance now reported to the Social Work Development Board.")],
    )
    action(
        c2025,
        3,
        "Engagement session with social workers on long working hours",
        "Face-to-face consultation to understand what keeps some social workers working 48 hours or more.",
        "Principal Social Worker",
        dated(dt.date(2026, 11, 19)),
        ActionStatus.COMPLETE,
        [f2025_hours],
        ["hours_worked"],
        [
            (
                dated(dt.date(2026, 11, 20)),
                "Session held with 34 social workers; themes fed into the recording system project.",
            )
        ],
    )
    action(
        c2025,
        6,
        "Book all outstanding appraisals",
        "Managers and Heads of Service book every outstanding appraisal.",
        "Heads of Service",
        dated(dt.date(2026, 11, 30)),
        ActionStatus.IN_PROGRESS,
        [],
        [],
    )
    action(
        c2025,
        6,
        "Revisit and develop the role of team champions",
        "Relaunch team champions, starting with the Restorative Practice Champions.",
        "Advanced Practitioner for Quality and Improvement",
        dated(dt.date(2027, 3, 20)),
        ActionStatus.NOT_STARTED,
        [],
        ["research_use"],
    )
    action(
        c2025,
        4,
        "Direct work bags and training workshops for every team",
        "Each team gets a direct work bag; workshops show how to use them and record the work done.",
        "Practice Development Lead",
        dated(dt.date(2027, 1, 31)),
        ActionStatus.IN_PROGRESS,
        [],
        ["direct_work_hours"],
        [(dated(dt.date(2026, 11, 2)), "Bags delivered to all teams; four of six workshops held.")],
    )


def _tag_comments(hc: HealthCheckFile) -> None:
    """Code every cycle's comments into the demo's themes, as the PSW would."""
    theme_ids = {name: hc.themes.add(name, description) for name, description in THEMES}
    tagged: dict[int, list[tuple[int, int]]] = {theme_id: [] for theme_id in theme_ids.values()}
    for cycle in hc.cycles.all():
        for comment in cycle_comments(hc, cycle.id):
            for name in COMMENT_THEMES.get(comment.text, ()):
                tagged[theme_ids[name]].append(comment.key)
    for theme_id, comments in tagged.items():
        hc.themes.set_tag(comments, theme_id, True)


def ensure_demo(folders: UserFolders, progress: Progress = SILENT) -> Path:
    """The demo file in the user's data folder, built on first use, and built again if what is there is not the whole
    demo (an earlier version could leave half of one when stopped part-way)."""
    path = folders.demo_file
    if path.exists() and not _is_whole_demo(path, folders):
        _set_aside(path)
    if not path.exists():
        folders.data.mkdir(parents=True, exist_ok=True)
        build_demo(path, folders, progress)
    return path


def _set_aside(path: Path) -> None:
    """Keep what was there under another name rather than delete it: the PSW may have typed in the demo."""
    for number in itertools.count(1):
        aside = path.with_name(f"{path.stem} (incomplete {number}).swhc")
        if not aside.exists():
            path.replace(aside)
            return


def _is_whole_demo(path: Path, folders: UserFolders) -> bool:
    try:
        with HealthCheckFile.open(path, folders=folders) as hc:  # not read-only: an older demo is brought up to date
            cycles = hc.cycles.all()
            return [c.name for c in cycles[: len(YEARS)]] == [y.name for y in YEARS] and all(
                c.response_count for c in cycles[: len(YEARS)]
            )
    except FileInUse:
        return True  # open in another copy of the app: whole or not, it is not ours to replace now
    except SwhcError:
        return False
