"""Built-in questionnaire templates, kept as readable TOML files in resources/templates/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
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
from ..paths import templates_dir


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title: str
    description: str
    source: str
    path: Path


def list_templates(folder: Path | None = None) -> list[TemplateInfo]:
    """Every template shipped with the app, in a stable order (by file name)."""
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
            )
        )
    return infos


def template_info(template_id: str) -> TemplateInfo:
    for info in list_templates():
        if info.id == template_id:
            return info
    known = ", ".join(t.id for t in list_templates())
    raise TemplateProblem(f"There is no template called '{template_id}'.", f"The templates are: {known}.")


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
        return Questionnaire(sections=sections, title=self.data.get("title", ""), numbering_style=numbering)

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
