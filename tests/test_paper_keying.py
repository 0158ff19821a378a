"""Paper returns are keyed as printed: the paper form prints each answer's number, read across then down, exactly as
the paper-returns screen asks for it (one rule, Question.keyed, decides both), an 'Other' answer last; an answer that is
itself a number (0 to 10) is keyed as that number."""

from __future__ import annotations

from dataclasses import replace

from swhc_desktop.cli import main
from swhc_desktop.importing.paper import options_hint, read_entry
from swhc_desktop.storage import HealthCheckFile

from .support.pdf_text import normalised, page_texts


def printed_form(demo_path, tmp_path) -> str:
    out = tmp_path / "form.pdf"
    assert main(["report", str(demo_path), "2025", "--kind", "paper-form", "--out", str(out)]) == 0
    return normalised(" ".join(page_texts(out)))


def test_every_list_of_answers_is_printed_with_the_numbers_the_keying_screen_asks_for(demo_path, folders, tmp_path):
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        questionnaire = hc.questionnaires.load(hc.cycles.by_name("2025").id)
    text = printed_form(demo_path, tmp_path)
    team = questionnaire.question("team")
    printed = " ".join(f"{n}. {o.display_label}" for n, o in enumerate(team.keyed_options, start=1))
    assert normalised(printed) in text  # read across, then down: 1 2 / 3 4 / ... then 8 Other last
    assert "8. Other team (please specify):" in text
    other = team.other_option
    assert other is not None and read_entry(team, "8").option_codes == (other.code,)
    assert "8 Other team" in options_hint(team)
    for question in questionnaire.questions():
        if question.options and not question.follow_up:
            hint = options_hint(question)
            for number, option in question.keyed:
                if str(number) == option.label:
                    assert option.label in hint.split()
                else:
                    assert f"{number} {option.label}" in hint
                    assert f"{number}. {normalised(option.display_label)}" in text, (question.code, number)
                assert read_entry(question, str(number)).option_codes == (option.code,)


def test_a_0_to_10_scale_is_keyed_by_the_number_printed_in_its_box(demo_path, folders, tmp_path):
    """The form prints 0 to 10 above the boxes and nothing else; the box marked 7 is keyed as 7, and 11 is refused."""
    with HealthCheckFile.open(demo_path, folders=folders) as hc:
        rating = hc.questionnaires.load(hc.cycles.by_name("2025").id).question("fulfilling_role")
    assert [n for n, _ in rating.keyed] == list(range(11))
    seven = next(o for o in rating.options if o.label == "7")
    assert read_entry(rating, "7").option_codes == (seven.code,)
    assert read_entry(rating, "0").option_codes == (rating.options[0].code,)
    assert read_entry(rating, "11").problem == "there is no answer 11: type 0 to 10"
    assert options_hint(rating) == "   ".join(str(n) for n in range(11))
    text = printed_form(demo_path, tmp_path)
    assert "Tick one box, from 0 to 10 0 1 2 3 4 5 6 7 8 9 10 " in text, "each box under its own number, no other"


def test_an_other_answer_not_last_in_the_questionnaire_is_numbered_last_on_the_form_and_the_screen(demo):
    team = demo.questionnaires.load(demo.cycles.by_name("2025").id).question("team")
    other = team.other_option
    moved = replace(team, options=(other, *[o for o in team.options if o is not other]))
    assert moved.keyed_options[-1] == other
    assert read_entry(moved, str(len(moved.options))).option_codes == (other.code,)
    assert read_entry(moved, "1").option_codes == (moved.keyed_options[0].code,) != (other.code,)
    assert options_hint(moved).endswith(f"{len(moved.options)} {other.label}")


def test_the_keying_screen_lists_a_0_to_10_scale_by_its_own_numbers_once(demo):
    from swhc_desktop.gui.responses.paper_entry import numbered_answers

    rating = demo.questionnaires.load(demo.cycles.by_name("2025").id).question("fulfilling_role")
    listed = numbered_answers(rating)
    assert "<b>0</b>" in listed and "<b>10</b>" in listed and "<b>11</b>" not in listed
    assert listed.count(">7<") == 1, "7 shown once, as the number to type"
