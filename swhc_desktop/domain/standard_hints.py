"""Which Standard for employers a question's wording suggests: offered for each question of a questionnaire built from
a survey run outside the app, so that none starts unfiled, for the PSW to check in the designer.

The words follow where the built-in templates file their questions (stress under Wellbeing, not Supervision; questions
about the person under Workforce planning; open comments under the first Standard), in every edition, which number the
eight Standards alike."""

from __future__ import annotations

import re

from .questionnaire import QuestionType

# Most specific first: "supervision of students" is about partnerships before supervision, "registered supervisor"
# about supervision before registration. Each pattern is matched on whole words (a stem ends in \w*).
_HINTS: tuple[tuple[int, str], ...] = (
    (8, r"students?|practice educators?|partners?|partnerships?|multi-agency|other agencies"),
    (5, r"supervis\w*|observ\w*|reflective"),
    (7, r"registration|registered|social work england|hcpc|fitness to practise"),
    (6, r"cpd|training|learning|development|research|skills?|qualified|career|progression"),
    (
        4,
        r"stress\w*|wellbeing|well-being|safe|safety|bullying|bullied|harass\w*|racism|health|equipment|"
        r"burn\w*|anxious|anxiety|sick\w*",
    ),
    (3, r"caseloads?|cases|workloads?|hours|visits|recording|paperwork|allocated|overtime|admin\w*"),
    (
        2,
        r"team|role|job title|grade|employ\w*|agency|contract\w*|stay|leav\w*|recommend|vacanc\w*|recruit\w*|"
        r"ethnic\w*|sex|gender|age|disabilit\w*|disabled|religion|belief|sexual orientation|pregnan\w*",
    ),
    (
        1,
        r"manag\w*|leaders?|leadership|senior|communicat\w*|consulted|listened|valued|proud|enthusias\w*|"
        r"inequality|equality|framework|principal social worker|council",
    ),
)
_PATTERNS = tuple((standard, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for standard, words in _HINTS)
OPEN_COMMENTS_STANDARD = 1  # where the templates file "anything else you would like to tell us?"


def suggested_standard(text: str, qtype: QuestionType) -> int | None:
    """The Standard a question's wording suggests, or None when nothing in it does (the PSW then chooses)."""
    for standard, pattern in _PATTERNS:
        if pattern.search(text):
            return standard
    return OPEN_COMMENTS_STANDARD if qtype is QuestionType.TEXT else None
