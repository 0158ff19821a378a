"""Which question each part of an export answers, and which option each value means, with how sure the match is."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.errors import InvalidInput
from ..domain.questionnaire import Option, Question, Questionnaire, make_code
from .layouts import FileLayout, Layout, SourceQuestion
from .values import normalise

OTHER_TEXT = "__other__"  # keep the value as the text of 'Other (please specify)'
NO_ANSWER = "__missing__"  # treat the value as no answer

MAPPING_VERSION = 1
# Matches at least this sure are applied without asking; weaker ones are suggestions the user confirms.
AUTOMATIC_CONFIDENCE = 60


@dataclass(frozen=True)
class QuestionMatch:
    """What one source question is mapped to. `values` maps a value as written to an option code, OTHER_TEXT or
    NO_ANSWER; values not listed are matched to options automatically."""

    source_key: str
    question_code: str | None
    confidence: int = 0  # 0-100, shown to the user
    how: str = "not matched"
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Mapping:
    layout: Layout
    matches: dict[str, QuestionMatch]

    def match(self, key: str) -> QuestionMatch:
        return self.matches.get(key) or QuestionMatch(key, None)

    def with_match(self, match: QuestionMatch) -> "Mapping":
        matches = dict(self.matches)
        matches[match.source_key] = match
        return Mapping(self.layout, matches)

    def mapped(self) -> list[QuestionMatch]:
        return [m for m in self.matches.values() if m.question_code]

    def to_json(self, file_layout: FileLayout | None = None) -> str:
        texts = {q.key: q.text for q in file_layout.questions} if file_layout else {}
        data = {
            "version": MAPPING_VERSION,
            "layout": str(self.layout),
            "questions": [
                {
                    "key": m.source_key,
                    "text": texts.get(m.source_key, ""),
                    "question": m.question_code,
                    "values": m.values,
                }
                for m in self.matches.values()
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1)


def mapping_from_json(text: str, what: str = "The mapping") -> Mapping:
    """A mapping saved with a batch, or written by hand: either the saved form, or {"column heading": "question_code"},
    where a question may also say what answers mean: {"column heading": {"question": "question_code", "values":
    {"answer as written": "option_code", "answer to leave out": null}}}."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{what} is not valid JSON ({error.msg} at line {error.lineno}).",
            "Check the file, or leave out --mapping to map columns automatically.",
        ) from None
    except RecursionError:  # lists inside lists thousands deep
        raise InvalidInput(
            f"{what} is not a mapping: it is nested far too deeply.",
            'Write it as {"column heading": "question_code", …}.',
        ) from None
    except ValueError:  # a number of thousands of digits
        raise InvalidInput(
            f"{what} is not a mapping: it holds a number far too long.",
            'Write it as {"column heading": "question_code", …}.',
        ) from None
    if isinstance(data, dict) and "questions" in data:
        try:
            layout = Layout(data.get("layout") or Layout.PLAIN)
            matches = {}
            for item in data["questions"]:
                key = str(item["key"])
                code = item.get("question") or None
                matches[key] = QuestionMatch(
                    key,
                    code,
                    100 if code else 0,
                    "from the mapping file" if code else "not mapped",
                    {str(k): str(v) for k, v in (item.get("values") or {}).items()},
                )
            return Mapping(layout, matches)
        except (KeyError, TypeError, ValueError) as error:
            raise InvalidInput(
                f"{what} is not in the form SWHC Desktop saves ({error}).",
                'Write it as {"column heading": "question_code", …}.',
            ) from None
    if isinstance(data, dict) and all(
        isinstance(v, (str, type(None))) or _is_question_with_values(v) for v in data.values()
    ):
        matches = {}
        for key, value in data.items():
            code = value.get("question") if isinstance(value, dict) else value
            values = value.get("values") or {} if isinstance(value, dict) else {}
            matches[str(key)] = QuestionMatch(
                str(key),
                code or None,
                100 if code else 0,
                "from the mapping file",
                {str(k): v if v else NO_ANSWER for k, v in values.items()},
            )
        return Mapping(Layout.PLAIN, matches)
    raise InvalidInput(
        f"{what} is not in a form SWHC Desktop understands.", 'Write it as {"column heading": "question_code", …}.'
    )


def _is_question_with_values(value: object) -> bool:
    if not isinstance(value, dict) or set(value) - {"question", "values"}:
        return False
    values = value.get("values") or {}
    return (
        isinstance(value.get("question"), (str, type(None)))
        and isinstance(values, dict)
        and all(isinstance(v, (str, type(None))) for v in values.values())
    )


def unusable_value_choices(match: QuestionMatch, question: Question) -> list[tuple[str, str]]:
    """The (answer, meaning) pairs of a match whose meaning is no option of the question (a code mistyped in a mapping
    file, or an option since removed from the questionnaire)."""
    codes = {o.code for o in question.options} | {NO_ANSWER}
    if question.other_option is not None:
        codes.add(OTHER_TEXT)
    return [(value, target) for value, target in match.values.items() if target not in codes]


# ---------------------------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class _SourceTexts:
    """A source question's texts, stripped and normalised once: a file of thousands of columns compares each with
    every question."""

    code: str
    made_code: str
    stripped: tuple[str, ...]
    normalised: tuple[str, ...]

    @classmethod
    def of(cls, source: SourceQuestion) -> "_SourceTexts":
        texts = (source.text, *source.alternative_texts)
        return cls(
            source.code,
            make_code(source.code) if source.code else "",
            tuple(t.strip() for t in texts),
            tuple(normalise(t) for t in texts),
        )


def _question_candidates(
    source: _SourceTexts,
    question: Question,
    wanted: set[str],
    target: str,
    matcher: difflib.SequenceMatcher,
    fuzzy: bool,
) -> tuple[int, str]:
    """How well a source question matches a questionnaire question: (confidence, how), or (0, '') for no match.
    Similar wording is only tried (`fuzzy`) for a source question that matched nothing more surely. `wanted` are the
    question's wordings as written, `target` its normalised wording, `matcher` a SequenceMatcher holding `target`."""
    if source.code and (source.code == question.code or source.made_code == question.code):
        return 100, "same code"
    if source.stripped[0] == question.code:  # a plain table headed by question codes
        return 100, "same code"
    if any(t in wanted for t in source.stripped):
        return 100, "same wording"
    if not target:
        return 0, ""
    if target in source.normalised:
        return 90, "same words, different punctuation"
    if not fuzzy:
        return 0, ""
    best = 0.0
    for text in source.normalised:
        if 2 * min(len(text), len(target)) < 0.8 * (len(text) + len(target)):
            continue  # the lengths alone rule out a ratio of 0.8 (SequenceMatcher.real_quick_ratio)
        matcher.set_seq1(text)
        if matcher.quick_ratio() >= 0.8:
            best = max(best, matcher.ratio())
    if best >= 0.8:
        return int(best * 80), "similar wording: please check"
    return 0, ""


def match_questions(
    file_layout: FileLayout, questionnaire: Questionnaire, previous: Mapping | None = None, given: Mapping | None = None
) -> Mapping:
    """Match every question in the file to one in the questionnaire: as given (a mapping file), as mapped last time,
    by code, by exact wording, then by wording that differs only in numbering, punctuation, case or HTML."""
    numbers = questionnaire.numbering()
    questions = list(questionnaire.questions())
    codes = {q.code for q in questions}
    normalised = {q.code: normalise(q.text) for q in questions}
    wordings = {q.code: {q.text.strip(), f"{numbers.get(q.code, '')}. {q.text}".strip()} for q in questions}
    matchers = {code: difflib.SequenceMatcher(None, "", target) for code, target in normalised.items()}
    proposals: list[tuple[int, int, QuestionMatch]] = []
    for order, source in enumerate(file_layout.questions):
        for earlier, how, confidence in ((given, "from the mapping file", 100), (previous, "as mapped last time", 95)):
            if earlier is None:
                continue
            old = earlier.matches.get(source.key) or _by_text(earlier, source)
            if old is not None and (old.question_code in codes or old.question_code is None and earlier is given):
                proposals.append(
                    (
                        confidence + 1,
                        order,
                        QuestionMatch(
                            source.key, old.question_code, confidence if old.question_code else 0, how, dict(old.values)
                        ),
                    )
                )
                break
        else:
            texts = _SourceTexts.of(source)
            for fuzzy in (False, True):
                found = False
                for question in questions:
                    confidence, how = _question_candidates(
                        texts,
                        question,
                        wordings[question.code],
                        normalised[question.code],
                        matchers[question.code],
                        fuzzy,
                    )
                    if confidence and (not fuzzy or confidence < 90):
                        proposals.append((confidence, order, QuestionMatch(source.key, question.code, confidence, how)))
                        found = True
                if found:
                    break
    chosen: dict[str, QuestionMatch] = {}
    taken: set[str] = set()
    for _, _, match in sorted(proposals, key=lambda p: (-p[0], p[1])):
        if match.source_key in chosen or (match.question_code and match.question_code in taken):
            continue
        chosen[match.source_key] = match
        if match.question_code:
            taken.add(match.question_code)
    matches = {s.key: chosen.get(s.key) or QuestionMatch(s.key, None) for s in file_layout.questions}
    return Mapping(file_layout.layout, matches)


def _by_text(mapping: Mapping, source: SourceQuestion) -> QuestionMatch | None:
    """Keys of headings that changed order between years still match on the heading's words."""
    wanted = normalise(source.text)
    return next((m for key, m in mapping.matches.items() if normalise(key) == wanted), None)


# ---------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class ValueMatch:
    value: str
    target: str | None  # an option code, OTHER_TEXT, NO_ANSWER, or None when nothing matched
    confidence: int
    how: str


def option_keys(option: Option) -> set[str]:
    return {normalise(option.label), normalise(option.display_label), normalise(option.code)} - {""}


def match_value(question: Question, value: str, by_position: bool = False) -> ValueMatch:
    """The option a value means: by label or code (ignoring case, punctuation and accents), then by position when the
    file holds numbers only, then by similar wording (a suggestion the user confirms)."""
    key = normalise(value)
    for option in question.options:
        if value.strip() == option.label or value.strip() == option.code:
            return ValueMatch(value, option.code, 100, "same label" if value.strip() == option.label else "same code")
    for option in question.options:
        if key and key in option_keys(option):
            return ValueMatch(value, option.code, 95, "same words")
    other = question.other_option
    if other is not None and key in ("other", "other please specify", "others"):
        return ValueMatch(value, other.code, 95, "Other")
    if by_position and value.strip().isdecimal() and 1 <= int(value.strip()) <= len(question.options):
        return ValueMatch(
            value, question.options[int(value.strip()) - 1].code, 60, "by position in the list: please check"
        )
    best_option, best = None, 0.0
    for option in question.options:
        ratio = difflib.SequenceMatcher(None, key, normalise(option.label)).ratio()
        if ratio > best:
            best_option, best = option, ratio
    if best_option is not None and best >= 0.85:
        return ValueMatch(value, best_option.code, int(best * 50), "similar wording: please check")
    return ValueMatch(value, None, 0, "matches no option")


def numbers_only(values: Iterable[str], question: Question) -> bool:
    """Whether a column holds only whole numbers that could be positions in the question's list of options
    (a tool's 'numeric values' export) and none of them is an option's own code or label."""
    seen = [v.strip() for v in values if v.strip()]
    if not seen or not all(v.isdecimal() for v in seen):
        return False
    own = set().union(*(option_keys(o) for o in question.options)) if question.options else set()
    return not any(normalise(v) in own for v in seen)
