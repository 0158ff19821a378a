"""Built-in questionnaire templates, kept as readable TOML files in resources/templates/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..domain.errors import TemplateProblem
from ..domain.questionnaire import (
    FollowUp,
    Numbering,
    Option,
    Polarity,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    agreement_options,
    make_code,
    rating_options,
)
from ..domain.records import Service
from ..domain.standards import EDITIONS, LATEST_EDITION
from ..paths import templates_dir


class TemplateKind(StrEnum):
    """What a built-in form is for. Only a staff survey starts a cycle: the employer return is the council's own
    answers, filled in once a year from the Reports page, and its questions (name, e-mail, posts) are not for staff."""

    STAFF_SURVEY = "staff_survey"
    EMPLOYER_RETURN = "employer_return"


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title: str
    description: str
    source: str
    path: Path
    service: Service = Service.CHILDREN  # the service it surveys: national figures are of the same service
    standards_edition: str = LATEST_EDITION  # the edition of the Standards its questions are filed under
    kind: TemplateKind = TemplateKind.STAFF_SURVEY

    @property
    def is_staff_survey(self) -> bool:
        return self.kind is TemplateKind.STAFF_SURVEY


def list_templates(folder: Path | None = None) -> list[TemplateInfo]:
    """Every form shipped with the app, staff survey or not, in a stable order (by file name)."""
    infos = []
    for path in sorted((folder or templates_dir()).glob("*.toml")):
        data = _read_toml(path)
        infos.append(
            TemplateInfo(
                id=_required(data, "id", path.name),
                title=_required(data, "title", path.name),
                description=data.get("description", ""),
                source=data.get("source", ""),
                path=path,
                service=_service(data, path.name),
                standards_edition=_edition(data, path.name),
                kind=_kind(data, path.name),
            )
        )
    return infos


def staff_survey_templates(folder: Path | None = None) -> list[TemplateInfo]:
    """The templates a cycle can start from, wherever they are offered: New cycle, `swhc templates`, the question
    bank."""
    return [info for info in list_templates(folder) if info.is_staff_survey]


def _kind(data: dict[str, Any], where: str) -> TemplateKind:
    try:
        return TemplateKind(data.get("kind", TemplateKind.STAFF_SURVEY))
    except ValueError:
        raise TemplateProblem(f"{where}: kind must be 'staff_survey' or 'employer_return'.") from None


def _service(data: dict[str, Any], where: str) -> Service:
    try:
        return Service(data.get("service", Service.CHILDREN))
    except ValueError:
        raise TemplateProblem(f"{where}: service must be 'children' or 'adults'.") from None


def _edition(data: dict[str, Any], where: str) -> str:
    edition_id = str(data.get("standards_edition", LATEST_EDITION))
    if edition_id not in EDITIONS:
        raise TemplateProblem(
            f"{where}: '{edition_id}' is not an edition of the Standards for employers.",
            f"The editions are: {', '.join(EDITIONS.ids())}.",
        )
    return edition_id


def template_info(template_id: str) -> TemplateInfo:
    for info in list_templates():
        if info.id == template_id:
            return info
    known = ", ".join(t.id for t in staff_survey_templates())
    raise TemplateProblem(f"There is no template called '{template_id}'.", f"The templates are: {known}.")


def staff_survey_template(template_id: str) -> TemplateInfo:
    """The template a cycle is to start from; a form that is not a staff survey is refused, in words."""
    info = template_info(template_id)
    if not info.is_staff_survey:
        known = ", ".join(t.id for t in staff_survey_templates())
        raise TemplateProblem(
            f"'{template_id}' ({info.title}) is not a staff survey: the council fills it in itself, on the "
            "Reports page (or prints it with 'swhc report --kind lga-return'), so it cannot start a cycle.",
            f"Start the cycle from a staff-survey template: {known}.",
        )
    return info


def load_template(template_id: str) -> Questionnaire:
    info = template_info(template_id)
    return questionnaire_from_toml(info.path.read_text(encoding="utf-8"), info.path.name)


def questionnaire_from_toml(text: str, where: str = "template") -> Questionnaire:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateProblem(f"{where} is not valid TOML: {error}.") from None
    return _TemplateReader(data, where).questionnaire()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise TemplateProblem(f"The template {path.name} could not be read: {error}.") from None


def _required(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise TemplateProblem(f"{where} has no '{key}'.")
    return data[key]


_QUESTION_KEYS = {
    "code",
    "text",
    "type",
    "standard",
    "short_title",
    "help",
    "dimension",
    "options",
    "other",
    "scale",
    "unit",
    "min",
    "max",
    "follow_up",
    "favourable",
    "unfavourable",
    "excluded",
    "scores",
    "standard_score",
}
_OPTION_KEYS = {"label", "code", "score", "polarity", "excluded", "other"}


class _TemplateReader:
    """Turns the template's TOML tables into a Questionnaire, naming the place of any mistake."""

    def __init__(self, data: dict[str, Any], where: str):
        self.data = data
        self.where = where
        self.option_sets: dict[str, list[Any]] = data.get("option_sets", {})

    def questionnaire(self) -> Questionnaire:
        sections = tuple(self._section(s, i) for i, s in enumerate(self.data.get("sections", [])))
        try:
            numbering = Numbering(self.data.get("numbering", Numbering.CONTINUOUS))
        except ValueError:
            raise TemplateProblem(f"{self.where}: numbering must be 'continuous' or 'by_section'.") from None
        return Questionnaire(
            sections=sections,
            title=self.data.get("title", ""),
            numbering_style=numbering,
            standards_edition=_edition(self.data, self.where),
        )

    def _section(self, data: dict[str, Any], index: int) -> Section:
        where = f"{self.where}, section {index + 1}"
        questions = tuple(
            self._question(q, f"{where}, question {n + 1}") for n, q in enumerate(data.get("questions", []))
        )
        return Section(title=_required(data, "title", where), intro=data.get("intro", "").strip(), questions=questions)

    def _question(self, data: dict[str, Any], where: str) -> Question:
        code = _required(data, "code", where)
        where = f"{where} ('{code}')"
        unknown = set(data) - _QUESTION_KEYS
        if unknown:
            raise TemplateProblem(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}.")
        try:
            qtype = QuestionType(_required(data, "type", where))
        except ValueError:
            raise TemplateProblem(f"{where}: unknown type '{data['type']}'.") from None
        follow_up = None
        if "follow_up" in data:
            follow_up = FollowUp(parent_code=data["follow_up"]["parent"], option_codes=tuple(data["follow_up"]["when"]))
        return Question(
            in_standard_score=self._feeds_standard_score(data, qtype, where),
            code=code,
            text=" ".join(_required(data, "text", where).split()),
            qtype=qtype,
            standard=data.get("standard"),
            options=self._options(data, qtype, where),
            help_text=data.get("help", "").strip(),
            short_title=data.get("short_title", ""),
            is_dimension=bool(data.get("dimension", False)),
            follow_up=follow_up,
            unit=data.get("unit", ""),
            min_value=data.get("min"),
            max_value=data.get("max"),
        )

    @staticmethod
    def _feeds_standard_score(data: dict[str, Any], qtype: QuestionType, where: str) -> bool:
        """Every agreement statement filed under a Standard feeds its score, as the national health check scores
        them, unless the template says `standard_score = false`; no other kind of question can."""
        feeds = data.get("standard_score", qtype is QuestionType.SCALE and data.get("standard") is not None)
        if not isinstance(feeds, bool):
            raise TemplateProblem(f"{where}: standard_score must be true or false.")
        if feeds and qtype is not QuestionType.SCALE:
            raise TemplateProblem(f"{where}: only an agreement statement can feed its Standard's score.")
        return feeds

    def _options(self, data: dict[str, Any], qtype: QuestionType, where: str) -> tuple[Option, ...]:
        if qtype is QuestionType.SCALE:
            scale = data.get("scale", {})
            options = list(
                agreement_options(
                    negative=scale.get("negative", False),
                    dont_know=scale.get("dont_know", False),
                    not_applicable=scale.get("not_applicable", False),
                )
            )
        elif qtype is QuestionType.RATING:
            options = list(rating_options())
        else:
            raw = data.get("options", [])
            if isinstance(raw, str):
                if raw not in self.option_sets:
                    raise TemplateProblem(f"{where}: there is no option set called '{raw}'.")
                raw = self.option_sets[raw]
            options = self._option_list(raw, where)
        if "other" in data:
            taken = {o.code for o in options}
            options.append(Option(make_code(data["other"], taken), data["other"], is_other=True))
        return tuple(self._apply_shorthands(options, data, where))

    def _option_list(self, raw: list[Any], where: str) -> list[Option]:
        options: list[Option] = []
        taken: set[str] = set()
        for item in raw:
            if isinstance(item, str):
                item = {"label": item}
            unknown = set(item) - _OPTION_KEYS
            if unknown:
                raise TemplateProblem(f"{where}: unknown option setting(s) {', '.join(sorted(unknown))}.")
            label = _required(item, "label", where)
            code = item.get("code") or make_code(label, taken)
            taken.add(code)
            options.append(
                Option(
                    code=code,
                    label=label,
                    score=item.get("score"),
                    polarity=Polarity(item.get("polarity", "neutral")),
                    excluded_from_base=item.get("excluded", False),
                    is_other=item.get("other", False),
                )
            )
        return options

    def _apply_shorthands(self, options: list[Option], data: dict[str, Any], where: str) -> list[Option]:
        """`favourable = [codes]`, `unfavourable = [codes]`, `excluded = [codes]` and `scores = {code = score}`
        set option attributes without spelling out every option as a table."""
        codes = {o.code for o in options}
        scores = data.get("scores", {})
        for key in ("favourable", "unfavourable", "excluded", "scores"):
            for code in data.get(key, []):
                if code not in codes:
                    raise TemplateProblem(f"{where}: '{key}' names option '{code}', which the question does not have.")
        result = []
        for option in options:
            polarity = option.polarity
            if option.code in data.get("favourable", []):
                polarity = Polarity.FAVOURABLE
            elif option.code in data.get("unfavourable", []):
                polarity = Polarity.UNFAVOURABLE
            score = scores.get(option.code, option.score)
            result.append(
                Option(
                    code=option.code,
                    label=option.label,
                    score=None if score is None else float(score),
                    polarity=polarity,
                    excluded_from_base=option.excluded_from_base or option.code in data.get("excluded", []),
                    is_other=option.is_other,
                )
            )
        return result
