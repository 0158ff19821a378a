"""Edits to a cycle's questionnaire as invertible steps: each is saved as one transaction with an audit entry, and
its inverse undoes it exactly. The designer puts them on its undo stack; tests apply them directly.

An edit holds everything needed to do and to undo it (a deleted question's whole text and options, a moved
question's old place), so undo never has to guess. Edits find their items by section place, question code and
option code, the names that stay the same however often a change is undone and redone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from ..domain.errors import SwhcError
from ..domain.questionnaire import (
    FollowUp,
    Numbering,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    agreement_options,
    make_code,
    rating_options,
)

if TYPE_CHECKING:
    from ..storage import HealthCheckFile
    from ..storage.questionnaire_edit_store import QuestionnaireEditStore


class EditRefused(SwhcError):
    """A change that would lose respondents' answers or break the questionnaire; the message says why."""

    title = "This change cannot be made"


@dataclass(frozen=True)
class Focus:
    """What the designer should show once an edit is done or undone."""

    section_index: int | None = None
    question_code: str | None = None
    option_code: str | None = None


class Edit(Protocol):
    # Read-only, so that a frozen dataclass's field (or a property) satisfies it.
    @property
    def description(self) -> str: ...

    def apply(self, store: "QuestionnaireEditStore", cycle_id: int) -> Focus: ...

    def inverse(self) -> "Edit": ...


def apply_edit(hc: "HealthCheckFile", cycle_id: int, edit: Edit, undoing: bool = False) -> Focus:
    """Save one edit (or its undoing) as one change to the file, noted in the audit log."""
    with hc.transaction():
        focus = edit.apply(hc.questionnaire_edits, cycle_id)
        cycle_name = hc.cycles.get(cycle_id).name
        action = "Undid a change to a questionnaire" if undoing else "Changed a questionnaire"
        hc.audit(action, f"{cycle_name}: {edit.description}")
    return focus


@dataclass(frozen=True)
class QuestionnaireChange:
    """An edit to one cycle's questionnaire as a `Change` (see domain/changes.py), as the undo stack takes every
    change: making it saves the edit and returns the change that undoes it, which the audit log notes as an undoing.
    `focus` is what the designer should show once the change this one undoes was made."""

    cycle_id: int
    edit: Edit
    undoing: bool = False
    focus: Focus = field(default_factory=Focus)

    @property
    def description(self) -> str:
        return self.edit.description

    def apply(self, hc: "HealthCheckFile") -> "QuestionnaireChange":
        focus = apply_edit(hc, self.cycle_id, self.edit, undoing=self.undoing)
        return QuestionnaireChange(self.cycle_id, self.edit.inverse(), not self.undoing, focus)


# --------------------------------------------------------------------------- the questionnaire as a whole


@dataclass(frozen=True)
class ChangeSettings:
    before: tuple[str, Numbering]
    after: tuple[str, Numbering]
    description: str = "change the questionnaire's title or numbering"

    def apply(self, store, cycle_id):
        store.set_settings(cycle_id, *self.after)
        return Focus()

    def inverse(self):
        return ChangeSettings(self.after, self.before, self.description)


@dataclass(frozen=True)
class ChangeCycleText:
    """One of the cycle's texts, such as the paper form's introduction; None means the default."""

    key: str
    before: str | None
    after: str | None
    description: str = "change the paper form's introduction"

    def apply(self, store, cycle_id):
        store.set_cycle_text(cycle_id, self.key, self.after)
        return Focus()

    def inverse(self):
        return ChangeCycleText(self.key, self.after, self.before, self.description)


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class AddSection:
    index: int
    title: str
    intro: str = ""
    description: str = "add a section"

    def apply(self, store, cycle_id):
        store.insert_section(cycle_id, self.index, self.title, self.intro)
        return Focus(section_index=self.index)

    def inverse(self):
        return RemoveSection(self.index, self.title, self.intro, self.description)


@dataclass(frozen=True)
class RemoveSection:
    """Remove an empty section (its questions are removed first, by the same compound edit)."""

    index: int
    title: str
    intro: str = ""
    description: str = "delete a section"

    def apply(self, store, cycle_id):
        store.delete_section(cycle_id, self.index)
        return Focus(section_index=max(self.index - 1, 0))

    def inverse(self):
        return AddSection(self.index, self.title, self.intro, self.description)


@dataclass(frozen=True)
class ChangeSection:
    index: int
    before: tuple[str, str]  # title, introduction
    after: tuple[str, str]
    description: str = "change a section"

    def apply(self, store, cycle_id):
        store.update_section(cycle_id, self.index, *self.after)
        return Focus(section_index=self.index)

    def inverse(self):
        return ChangeSection(self.index, self.after, self.before, self.description)


@dataclass(frozen=True)
class MoveSection:
    from_index: int
    to_index: int
    description: str = "move a section"

    def apply(self, store, cycle_id):
        store.move_section(cycle_id, self.from_index, self.to_index)
        return Focus(section_index=self.to_index)

    def inverse(self):
        return MoveSection(self.to_index, self.from_index, self.description)


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Placement:
    section_index: int
    position: int  # the question's place in its section once it is there
    question: Question


@dataclass(frozen=True)
class AddQuestions:
    """Add questions with their options; follow-up conditions are set once all of them are in place."""

    placements: tuple[Placement, ...]
    description: str = "add a question"

    def apply(self, store, cycle_id):
        ordered = sorted(self.placements, key=lambda p: (p.section_index, p.position))
        for placement in ordered:
            store.insert_question(cycle_id, placement.section_index, placement.position, placement.question)
        for placement in ordered:
            if placement.question.follow_up is not None:
                store.set_follow_up(cycle_id, placement.question.code, placement.question)
        return Focus(section_index=ordered[0].section_index, question_code=ordered[0].question.code)

    def inverse(self):
        return RemoveQuestions(self.placements, self.description)


@dataclass(frozen=True)
class RemoveQuestions:
    placements: tuple[Placement, ...]
    description: str = "delete a question"

    def apply(self, store, cycle_id):
        store.delete_questions(cycle_id, [p.question.code for p in self.placements])
        first = min(self.placements, key=lambda p: (p.section_index, p.position))
        return Focus(section_index=first.section_index)

    def inverse(self):
        return AddQuestions(self.placements, self.description)


@dataclass(frozen=True)
class ChangeQuestion:
    """A question's own settings: code, wording, type, Standard, help, breakdown, number range, follow-up condition.
    Its answer options are changed by the option edits."""

    before: Question
    after: Question
    description: str = "change a question"

    def apply(self, store, cycle_id):
        store.update_question(cycle_id, self.before.code, self.after)
        return Focus(question_code=self.after.code)

    def inverse(self):
        return ChangeQuestion(self.after, self.before, self.description)


@dataclass(frozen=True)
class MoveQuestion:
    code: str
    before: tuple[int, int]  # section index, position
    after: tuple[int, int]
    description: str = "move a question"

    def apply(self, store, cycle_id):
        store.move_question(cycle_id, self.code, *self.after)
        return Focus(section_index=self.after[0], question_code=self.code)

    def inverse(self):
        return MoveQuestion(self.code, self.after, self.before, self.description)


# --------------------------------------------------------------------------- answer options


@dataclass(frozen=True)
class AddOption:
    question_code: str
    position: int
    option: Option
    description: str = "add an answer"

    def apply(self, store, cycle_id):
        store.insert_option(cycle_id, self.question_code, self.position, self.option)
        return Focus(question_code=self.question_code, option_code=self.option.code)

    def inverse(self):
        return RemoveOption(self.question_code, self.position, self.option, self.description)


@dataclass(frozen=True)
class RemoveOption:
    question_code: str
    position: int
    option: Option
    description: str = "delete an answer"

    def apply(self, store, cycle_id):
        store.delete_option(cycle_id, self.question_code, self.option.code)
        return Focus(question_code=self.question_code)

    def inverse(self):
        return AddOption(self.question_code, self.position, self.option, self.description)


@dataclass(frozen=True)
class ChangeOption:
    question_code: str
    before: Option
    after: Option
    description: str = "change an answer"

    def apply(self, store, cycle_id):
        store.update_option(cycle_id, self.question_code, self.before.code, self.after)
        return Focus(question_code=self.question_code, option_code=self.after.code)

    def inverse(self):
        return ChangeOption(self.question_code, self.after, self.before, self.description)


@dataclass(frozen=True)
class MoveOption:
    question_code: str
    option_code: str
    from_position: int
    to_position: int
    description: str = "move an answer"

    def apply(self, store, cycle_id):
        store.move_option(cycle_id, self.question_code, self.option_code, self.to_position)
        return Focus(question_code=self.question_code, option_code=self.option_code)

    def inverse(self):
        return MoveOption(self.question_code, self.option_code, self.to_position, self.from_position, self.description)


# --------------------------------------------------------------------------- several steps as one


@dataclass(frozen=True)
class EditSequence:
    """Several steps that are one change for the user (deleting a section deletes its questions first)."""

    steps: tuple[Edit, ...]
    description: str
    focus: Focus | None = field(default=None)

    def apply(self, store, cycle_id):
        focuses = [step.apply(store, cycle_id) for step in self.steps]
        return self.focus or next((f for f in focuses if f != Focus()), Focus())

    def inverse(self):
        return EditSequence(tuple(step.inverse() for step in reversed(self.steps)), self.description, self.focus)


# --------------------------------------------------------------------------- building edits from what the user asked


@dataclass(frozen=True)
class AnswerCounts:
    """How many responses answered each question, and chose each option, in the cycle being designed."""

    questions: dict[str, int] = field(default_factory=dict)
    options: dict[tuple[str, str], int] = field(default_factory=dict)
    cycle_name: str = ""

    @classmethod
    def of(cls, hc: "HealthCheckFile", cycle_id: int) -> "AnswerCounts":
        edits = hc.questionnaire_edits
        return cls(edits.answer_counts(cycle_id), edits.option_answer_counts(cycle_id), hc.cycles.get(cycle_id).name)


def _a(words: str) -> str:
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


class QuestionnaireDesign:
    """The questionnaire as the designer shows it, with what protects its answers: builds the edit for each
    thing the user asks, or refuses with the reason in words."""

    def __init__(self, questionnaire: Questionnaire, counts: AnswerCounts | None = None):
        self.questionnaire = questionnaire
        self.counts = counts or AnswerCounts()
        self.numbers = questionnaire.numbering()

    # ------------------------------------------------------------------ naming things

    def question_name(self, code: str) -> str:
        return f"question {self.numbers.get(code, code)}"

    def place_of(self, code: str) -> tuple[int, int]:
        for section_index, section in enumerate(self.questionnaire.sections):
            for position, question in enumerate(section.questions):
                if question.code == code:
                    return section_index, position
        raise KeyError(code)

    def follow_ups_of(self, code: str) -> list[Question]:
        """Every question that depends on this one, directly or through another follow-up."""
        found: list[Question] = []
        parents = {code}
        for question in self.questionnaire.questions():
            if question.follow_up is not None and question.follow_up.parent_code in parents:
                found.append(question)
                parents.add(question.code)
        return found

    def taken_codes(self) -> set[str]:
        return {q.code for q in self.questionnaire.questions()}

    # ------------------------------------------------------------------ sections

    def add_section(self, after_index: int | None) -> AddSection:
        index = len(self.questionnaire.sections) if after_index is None else after_index + 1
        return AddSection(index, "New section", "", "add a section")

    def delete_section(self, index: int) -> EditSequence:
        section = self.questionnaire.sections[index]
        codes = [q.code for q in section.questions]
        steps: list[Edit] = []
        if codes:
            steps.append(self._remove_questions(codes, f"delete section '{section.title}'"))
        steps.append(RemoveSection(index, section.title, section.intro))
        return EditSequence(tuple(steps), f"delete section '{section.title}'", Focus(section_index=max(index - 1, 0)))

    def duplicate_section(self, index: int) -> EditSequence:
        """A copy of a section after it, its questions under new codes; follow-ups within it follow the copies."""
        section = self.questionnaire.sections[index]
        taken = self.taken_codes()
        new_codes: dict[str, str] = {}
        for question in section.questions:
            new_codes[question.code] = make_code(question.code, taken)
            taken.add(new_codes[question.code])
        placements = []
        for position, question in enumerate(section.questions):
            follow_up = question.follow_up
            if follow_up is not None and follow_up.parent_code in new_codes:
                follow_up = FollowUp(new_codes[follow_up.parent_code], follow_up.option_codes)
            copy = replace(
                question,
                code=new_codes[question.code],
                follow_up=follow_up,
                is_dimension=False,
                id=None,
                options=tuple(replace(o, id=None) for o in question.options),
            )
            placements.append(Placement(index + 1, position, copy))
        description = f"duplicate section '{section.title}'"
        steps: list[Edit] = [AddSection(index + 1, f"{section.title} (copy)", section.intro)]
        if placements:
            steps.append(AddQuestions(tuple(placements)))
        return EditSequence(tuple(steps), description, Focus(section_index=index + 1))

    def move_section(self, index: int, to_index: int) -> MoveSection:
        return MoveSection(index, to_index, f"move section '{self.questionnaire.sections[index].title}'")

    # ------------------------------------------------------------------ questions

    def new_question(self, standard: int | None = None) -> Question:
        return Question(
            code=make_code("new_question", self.taken_codes()),
            text="",
            qtype=QuestionType.SINGLE,
            standard=standard,
            options=(),
        )

    def add_question(
        self, section_index: int, position: int | None = None, standard: int | None = None
    ) -> AddQuestions:
        section = self.questionnaire.sections[section_index]
        position = len(section.questions) if position is None else position
        return AddQuestions((Placement(section_index, position, self.new_question(standard)),), "add a question")

    def add_questions(
        self, questions: list[Question], section_index: int, position: int, description: str
    ) -> AddQuestions:
        """Add questions (from the question bank) one after another at a place; codes already used are refused."""
        taken = self.taken_codes()
        clashing = [q.code for q in questions if q.code in taken]
        if clashing:
            raise EditRefused(
                f"The questionnaire already has a question with the code '{clashing[0]}' "
                f"({self.question_name(clashing[0])}).",
                "A question keeps its code from year to year, so it can only be asked once.",
            )
        placements = tuple(Placement(section_index, position + i, q) for i, q in enumerate(questions))
        return AddQuestions(placements, description)

    def duplicate_question(self, code: str) -> AddQuestions:
        question = self.questionnaire.question(code)
        section_index, position = self.place_of(code)
        copy = replace(
            question,
            code=make_code(code, self.taken_codes()),
            id=None,
            is_dimension=False,
            options=tuple(replace(o, id=None) for o in question.options),
        )
        return AddQuestions((Placement(section_index, position + 1, copy),), f"duplicate {self.question_name(code)}")

    def delete_question(self, code: str) -> RemoveQuestions:
        codes = [code] + [q.code for q in self.follow_ups_of(code)]
        return self._remove_questions(codes, f"delete {self.question_name(code)}")

    def _remove_questions(self, codes: list[str], description: str) -> RemoveQuestions:
        for code in codes:
            answered = self.counts.questions.get(code, 0)
            if answered:
                follow_up_note = "" if code == codes[0] else f" Its follow-up, {self.question_name(code)}, has answers."
                raise EditRefused(
                    f"{self.question_name(code).capitalize()} cannot be deleted: {_people(answered)} answered it in "
                    f"{self.counts.cycle_name or 'this cycle'}, and their answers would be lost.{follow_up_note}",
                    "Keep it in this cycle's questionnaire (you can leave it out of next year's). To delete it here, "
                    "first remove the batch of responses that holds its answers.",
                )
        wanted = set(codes)
        placements = []
        for section_index, section in enumerate(self.questionnaire.sections):
            for position, question in enumerate(section.questions):
                if question.code in wanted:
                    placements.append(Placement(section_index, position, question))
        return RemoveQuestions(tuple(placements), description)

    def move_question(self, code: str, section_index: int, position: int) -> MoveQuestion | None:
        before = self.place_of(code)
        if (section_index, position) == before:
            return None
        return MoveQuestion(code, before, (section_index, position), f"move {self.question_name(code)}")

    def question_moved_by(self, code: str, step: int) -> MoveQuestion | None:
        """One place up (-1) or down (+1); past the top or bottom of its section it goes into the next section."""
        section_index, position = self.place_of(code)
        sections = self.questionnaire.sections
        last = len(sections[section_index].questions) - 1
        if step < 0 and position == 0:
            if section_index == 0:
                return None
            return self.move_question(code, section_index - 1, len(sections[section_index - 1].questions))
        if step > 0 and position == last:
            if section_index == len(sections) - 1:
                return None
            return self.move_question(code, section_index + 1, 0)
        return self.move_question(code, section_index, position + step)

    def change_question(self, before: Question, after: Question) -> Edit:
        """Change a question's settings. A new type brings the options it needs; answers already given to a
        question forbid changing its type, because they would no longer mean anything."""
        name = self.question_name(before.code)
        answered = self.counts.questions.get(before.code, 0)
        if after.qtype is not before.qtype and answered:
            raise EditRefused(
                f"The type of {name} cannot be changed: {_people(answered)} answered it as "
                f"{_a(before.qtype.label.lower())} question in {self.counts.cycle_name or 'this cycle'}.",
                "Add a new question of the type you want instead, and keep this one.",
            )
        description = _change_description(name, before, after)
        if after.qtype is not before.qtype:
            # Only agreement statements feed a Standard's score: a question made one feeds it, as a template's do,
            # and one made another type stops (so no setting it can no longer change is left behind).
            after = replace(after, in_standard_score=after.qtype is QuestionType.SCALE)
        if after.qtype is before.qtype:
            return ChangeQuestion(before, replace(after, options=before.options), description)
        options = options_for_type(after.qtype, before.options, before.qtype)
        change = ChangeQuestion(before, replace(after, options=before.options), description)
        if options == before.options:
            return change
        steps = self._option_removals(before, [o.code for o in before.options])
        steps.append(change)
        steps.extend(AddOption(after.code, i, o) for i, o in enumerate(options))
        return EditSequence(tuple(steps), description, Focus(question_code=after.code))

    # ------------------------------------------------------------------ answer options

    def add_option(self, code: str, position: int | None = None) -> AddOption:
        question = self.questionnaire.question(code)
        taken = {o.code for o in question.options}
        number = len(question.options) + 1
        label = f"Answer {number}"
        while label.casefold() in {o.label.casefold() for o in question.options}:
            number += 1
            label = f"Answer {number}"
        option = Option(make_code(label, taken), label)
        position = len(question.options) if position is None else position
        return AddOption(code, position, option, f"add an answer to {self.question_name(code)}")

    def delete_option(self, code: str, option_code: str) -> Edit:
        question = self.questionnaire.question(code)
        option = question.option(option_code)
        chosen = self.counts.options.get((code, option_code), 0)
        if chosen:
            raise EditRefused(
                f"The answer '{option.label}' of {self.question_name(code)} cannot be deleted: {_people(chosen)} "
                f"chose it in {self.counts.cycle_name or 'this cycle'}, and their answers would be lost.",
                "You can change its wording or move it instead. To delete it, first remove the batch of responses "
                "that holds those answers.",
            )
        steps = self._option_removals(question, [option_code])
        return EditSequence(
            tuple(steps), f"delete the answer '{option.label}' of {self.question_name(code)}", Focus(question_code=code)
        )

    def _option_removals(self, question: Question, option_codes: list[str]) -> list[Edit]:
        """Remove options, first taking them out of the conditions of follow-ups that depend on them (so that
        undoing puts the conditions back too)."""
        steps: list[Edit] = []
        for dependant in self.questionnaire.questions():
            follow_up = dependant.follow_up
            if follow_up is None or follow_up.parent_code != question.code:
                continue
            kept = tuple(c for c in follow_up.option_codes if c not in option_codes)
            if kept != follow_up.option_codes:
                steps.append(
                    ChangeQuestion(
                        dependant,
                        replace(dependant, follow_up=FollowUp(question.code, kept)),
                        "change a follow-up's condition",
                    )
                )
        for position in reversed(range(len(question.options))):
            option = question.options[position]
            if option.code in option_codes:
                steps.append(RemoveOption(question.code, position, option))
        return steps

    def duplicate_option(self, code: str, option_code: str) -> AddOption:
        question = self.questionnaire.question(code)
        option = question.option(option_code)
        position = [o.code for o in question.options].index(option_code) + 1
        copy = replace(
            option,
            code=make_code(option.code, {o.code for o in question.options}),
            label=f"{option.label} (copy)",
            is_other=False,
            id=None,
        )
        return AddOption(code, position, copy, f"duplicate the answer '{option.label}' of {self.question_name(code)}")

    def change_option(self, code: str, before: Option, after: Option) -> ChangeOption | None:
        if before == after:
            return None
        return ChangeOption(code, before, after, f"change the answer '{before.label}' of {self.question_name(code)}")

    def move_option(self, code: str, option_code: str, to_position: int) -> MoveOption | None:
        question = self.questionnaire.question(code)
        from_position = [o.code for o in question.options].index(option_code)
        to_position = max(0, min(to_position, len(question.options) - 1))
        if to_position == from_position:
            return None
        return MoveOption(
            code,
            option_code,
            from_position,
            to_position,
            f"move the answer '{question.options[from_position].label}' of {self.question_name(code)}",
        )


def options_for_type(
    qtype: QuestionType, current: tuple[Option, ...], current_type: QuestionType
) -> tuple[Option, ...]:
    """The options a question gets when its type changes: the standard scales for agreement and 0-10 ratings, none
    for numbers and free text, and the options it had for single choice and tick-all-that-apply."""
    if qtype is QuestionType.SCALE:
        return current if current_type is QuestionType.SCALE else agreement_options()
    if qtype is QuestionType.RATING:
        return current if current_type is QuestionType.RATING else rating_options()
    if qtype in (QuestionType.NUMBER, QuestionType.TEXT):
        return ()
    return current


def _change_description(name: str, before: Question, after: Question) -> str:
    changed = [
        label
        for label, attribute in (
            ("wording", "text"),
            ("code", "code"),
            ("type", "qtype"),
            ("Standard", "standard"),
            ("help text", "help_text"),
            ("short title", "short_title"),
            ("breakdown setting", "is_dimension"),
            ("unit", "unit"),
            ("lowest number", "min_value"),
            ("highest number", "max_value"),
            ("follow-up condition", "follow_up"),
            ("Standards score setting", "in_standard_score"),
        )
        if getattr(before, attribute) != getattr(after, attribute)
    ]
    if len(changed) == 1:
        return f"change the {changed[0]} of {name}"
    return f"change {name}"


def wording_change_warning(hc: "HealthCheckFile", cycle_id: int, before: Question, after: Question) -> str | None:
    """What the user should know before changing the wording or code of a question asked in earlier cycles."""
    earlier = hc.questionnaire_edits.earlier_wordings(cycle_id, before.code)
    if not earlier:
        return None
    cycles = _join_names([name for name, _ in earlier])
    last_name, last_text = earlier[-1]
    if after.code != before.code:
        return (
            f"The code '{before.code}' links this question to the same question in {cycles}. With a new code, "
            "its results will no longer be compared with those years, and its trend starts again."
        )
    if after.text != before.text:
        return (
            f"This question (code '{before.code}') was also asked in {cycles}; in {last_name} it read: "
            f"“{last_text}”. If you change its wording, the trend will compare answers to differently worded "
            "questions. The change will be recorded so that reports can say so."
        )
    return None


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
