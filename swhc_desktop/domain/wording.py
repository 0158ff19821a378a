"""How a question reads to a respondent: its answering instruction, number range and follow-up condition in words.

The designer's preview, the paper form and the question list say these things the same way.
"""

from __future__ import annotations

from .questionnaire import Question, Questionnaire, QuestionType


def answer_instruction(question: Question) -> str:
    """What a respondent is told to do: 'Tick one box', 'Tick all that apply', 'Write a number of hours'."""
    if question.qtype is QuestionType.MULTI:
        return "Tick all that apply"
    if question.qtype is QuestionType.NUMBER:
        return f"Write a number{f' of {question.unit}' if question.unit else ''}"
    if question.qtype is QuestionType.TEXT:
        return "Write your answer"
    if question.qtype is QuestionType.RATING:
        return "Tick one box, from 0 to 10"
    return "Tick one box"


def number_range(question: Question) -> str:
    """'0 to 100', 'at least 0', 'at most 60' or '' for a number question."""
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    if low is not None:
        return f"at least {low:g}"
    if high is not None:
        return f"at most {high:g}"
    return ""


def trigger_labels(question: Question, questionnaire: Questionnaire) -> list[str]:
    """The parent's answers that make a follow-up apply, in the parent's order and words."""
    follow_up = question.follow_up
    if follow_up is None:
        return []
    parent = questionnaire.find(follow_up.parent_code)
    if parent is None:
        return []
    return [o.label for o in parent.options if o.code in follow_up.option_codes]


def or_list(words: list[str], quote: bool = True) -> str:
    quoted = [f"‘{w}’" if quote else w for w in words]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def follow_up_condition(question: Question, questionnaire: Questionnaire, numbers: dict[str, str]) -> str:
    """'If 19 is Yes': short, for the designer's tree."""
    follow_up = question.follow_up
    if follow_up is None:
        return ""
    parent = questionnaire.find(follow_up.parent_code)
    if parent is None:
        return f"If {follow_up.parent_code} (missing) is answered"
    return (
        f"If {numbers.get(parent.code, parent.code)} is {or_list(trigger_labels(question, questionnaire), quote=False)}"
    )


def follow_up_lead(question: Question, questionnaire: Questionnaire, numbers: dict[str, str]) -> str:
    """'If you answered ‘Yes’ to question 19:' for a printed follow-up, or '' when the question's own words
    already say when it applies ('If yes, was it…')."""
    follow_up = question.follow_up
    if follow_up is None or question.text.lstrip().lower().startswith("if "):
        return ""
    labels = trigger_labels(question, questionnaire)
    number = numbers.get(follow_up.parent_code, follow_up.parent_code)
    if not labels:
        return f"If you answered question {number}:"
    return f"If you answered {or_list(labels)} to question {number}:"


def routing_note(question: Question, questionnaire: Questionnaire, numbers: dict[str, str]) -> str:
    """For a question that has follow-ups: 'If ‘Yes’, please answer 19a. Otherwise go to question 20.'"""
    follow_ups = [q for q in questionnaire.questions() if q.follow_up and q.follow_up.parent_code == question.code]
    if not follow_ups:
        return ""
    by_trigger: dict[tuple[str, ...], list[str]] = {}
    for follow_up in follow_ups:
        labels = tuple(trigger_labels(follow_up, questionnaire))
        if labels:
            by_trigger.setdefault(labels, []).append(numbers[follow_up.code])
    if not by_trigger:
        return ""
    notes = [
        f"If {or_list(list(labels))}, please answer {' and '.join(answer)}." for labels, answer in by_trigger.items()
    ]
    codes = [q.code for q in questionnaire.questions()]
    last = max(codes.index(f.code) for f in follow_ups)
    later = codes[last + 1 :]
    otherwise = f" Otherwise go to question {numbers[later[0]]}." if later else ""
    return " ".join(notes) + otherwise
