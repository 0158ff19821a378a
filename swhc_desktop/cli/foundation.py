"""Commands for files, templates, cycles and questionnaires:
new, templates, cycle-add, cycle-edit, cycle-remove, cycles, questions, demo, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..app.checks import check_file
from ..app.demo import build_demo
from ..domain.changes import make
from ..domain.cycle_order import comparisons_changed
from ..domain.errors import InvalidInput
from ..domain.plurals import counted
from ..domain.records import CycleDetails
from ..domain.rounding import percent_text
from ..domain.ukdates import read_typed_date
from ..paths import UserFolders
from ..questionnaires.cycle_changes import ChangeCycleDetails, delete_cycle, what_deleting_removes
from ..questionnaires.cycles import start_cycle
from ..questionnaires.listing import QUESTION_COLUMNS, question_records, question_rows
from ..questionnaires.templates import staff_survey_templates
from ..storage import HealthCheckFile
from .arguments import add_file_and_cycle, open_file, whole_number
from .output import csv_text, json_text, write_text

MOST_STAFF_INVITED = 100_000  # as the new cycle dialog allows


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="create a health-check file for an organisation",
        description="Create a new, empty health-check file for an organisation.",
    )
    new.add_argument("file", type=Path, help="the file to create (it should end in .swhc)")
    new.add_argument("--org", required=True, help="the organisation's name, for example 'Anytown Borough Council'")
    new.add_argument("--service", default="Children's Services", help="the service (default: Children's Services)")
    new.set_defaults(run=run_new)

    templates = commands.add_parser(
        "templates",
        help="list the built-in staff-survey templates a cycle can start from",
        description="List the built-in staff-survey templates a cycle can start from: one a line, its ID first, then "
        "its title. (The LGA employer return is not one: see 'swhc report --kind lga-return'.)",
    )
    templates.set_defaults(run=run_templates)

    cycle_add = commands.add_parser(
        "cycle-add",
        help="add a cycle (a year's survey) from a template or as a copy of an earlier cycle",
        description="Add a cycle. Its questionnaire comes from a built-in template, or is a copy of an earlier "
        "cycle's so that question codes, and so trends, carry over, or is built from an export of a survey run "
        "outside the app (--infer-from), to be checked in the designer.",
    )
    add_file_and_cycle(cycle_add, cycle=False)
    cycle_add.add_argument("name", help="the cycle's name, usually the year, for example 2024")
    source = cycle_add.add_mutually_exclusive_group(required=True)
    source.add_argument("--template", metavar="ID", help="start from this template (see 'swhc templates')")
    source.add_argument("--copy-from", metavar="CYCLE", help="copy the questionnaire of this earlier cycle")
    source.add_argument(
        "--infer-from",
        type=Path,
        metavar="RESPONSES",
        help="build the questionnaire from this export of responses (question types, options and "
        "'tick all that apply' groups worked out from the file)",
    )
    cycle_add.add_argument(
        "--sheet",
        metavar="NAME",
        help="with --infer-from a workbook: the sheet that holds the "
        "responses (by default the one that most likely does)",
    )
    add_invited_and_survey_window(cycle_add, "number of staff invited to take part")
    cycle_add.set_defaults(run=run_cycle_add)

    cycle_edit = commands.add_parser(
        "cycle-edit",
        help="rename a cycle, or change its survey window or staff invited",
        description="Change a cycle once it is made: its name, the number of staff invited (for the response "
        "rate) or its survey window. Give only what changes; the rest stays as it is.",
    )
    add_file_and_cycle(cycle_edit)
    cycle_edit.add_argument("--name", metavar="NEW", help="the cycle's new name")
    add_invited_and_survey_window(
        cycle_edit, "number of staff invited to take part (at least the number of responses imported)"
    )
    cycle_edit.set_defaults(run=run_cycle_edit)

    cycle_remove = commands.add_parser(
        "cycle-remove",
        help="delete a cycle, after backing the file up",
        description="Delete a cycle with its questionnaire, responses, key findings and the actions raised in it. "
        "The file is backed up first (the command says where); restore that backup to get the cycle back.",
    )
    add_file_and_cycle(cycle_remove)
    cycle_remove.set_defaults(run=run_cycle_remove)

    cycles = commands.add_parser(
        "cycles",
        help="list a file's cycles",
        description="List the cycles: one a line, its name first, then responses, "
        "survey window and staff invited (tab-separated).",
    )
    add_file_and_cycle(cycles, cycle=False)
    cycles.set_defaults(run=run_cycles)

    questions = commands.add_parser(
        "questions",
        help="list a cycle's questions",
        description="List a cycle's questionnaire: a row a question with its number, code, "
        "section, type, Standard, breakdown dimension, follow-up, text and options.",
    )
    add_file_and_cycle(questions)
    questions.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (the default) or json")
    questions.set_defaults(run=run_questions)

    demo = commands.add_parser(
        "demo",
        help="build the demo health check (Demo Borough Council, 2023-2025)",
        description="Build the demo health check: Demo Borough Council's children's staff survey "
        "in 2023, 2024 and 2025 on the current Standards, with findings, actions and workforce "
        "figures. The same file every time.",
    )
    demo.add_argument("file", type=Path, help="the file to create")
    demo.set_defaults(run=run_demo)

    check = commands.add_parser(
        "check",
        help="check a file for damage and inconsistencies",
        description="Run SQLite's integrity check, our consistency checks and every cycle's "
        "questionnaire validation. Exits 0 when all is well, 1 when there are problems.",
    )
    add_file_and_cycle(check, cycle=False)
    check.add_argument(
        "--repair",
        action="store_true",
        help="first put a file left part-way through a change back as it was before that change (only "
        "from its own journal, never another file's), as opening it in the app does",
    )
    check.set_defaults(run=run_check)


def add_invited_and_survey_window(command: argparse.ArgumentParser, invited_help: str) -> None:
    """--invited, --opens and --closes, as a cycle is given them when made and when changed."""
    command.add_argument(
        "--invited",
        type=whole_number("the number of staff invited", 1, MOST_STAFF_INVITED),
        metavar="N",
        help=invited_help,
    )
    command.add_argument("--opens", metavar="DD/MM/YYYY", help="the date the survey opens")
    command.add_argument("--closes", metavar="DD/MM/YYYY", help="the date the survey closes")


def _date(text: str | None, what: str):
    return read_typed_date(text, what) if text else None


def run_new(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() != ".swhc":
        raise InvalidInput(f"{args.file.name} does not end in .swhc.", "Name health-check files like 'Anytown.swhc'.")
    with HealthCheckFile.create(args.file, args.org, service=args.service, folders=UserFolders.default()):
        pass
    print(f"Created {args.file} for {args.org.strip()}.")
    return 0


def run_templates(args: argparse.Namespace) -> int:
    for info in staff_survey_templates():
        print(f"{info.id}\t{info.title}")
    return 0


def run_cycle_add(args: argparse.Namespace) -> int:
    opens_on, closes_on = _date(args.opens, "opening date"), _date(args.closes, "closing date")
    if args.sheet is not None and args.infer_from is None:
        raise InvalidInput(
            "--sheet goes with --infer-from: it names the sheet of the workbook to build from.",
            "Leave out --sheet, or add --infer-from and the workbook.",
        )
    with open_file(args, read_only=False) as hc:
        if args.infer_from is not None:
            from ..importing.infer import start_cycle_from_export
            from ..importing.layouts import describe_identifying

            built = start_cycle_from_export(
                hc,
                args.name,
                args.infer_from,
                opens_on=opens_on,
                closes_on=closes_on,
                staff_invited=args.invited,
                sheet=args.sheet,
            )
            cycle = built.cycle
            print(built.standards)
            if built.left_out:
                print(
                    "Left out, as they identify people (not made into questions, and not stored when importing "
                    "unless kept with --keep-identifying): " + describe_identifying(built.left_out)
                )
        else:
            cycle = start_cycle(
                hc,
                args.name,
                template_id=args.template,
                copy_from=args.copy_from,
                opens_on=opens_on,
                closes_on=closes_on,
                staff_invited=args.invited,
            )
    print(f"Added cycle {cycle.name} with {counted(cycle.question_count, 'question')} ({cycle.source}).")
    return 0


def run_cycle_edit(args: argparse.Namespace) -> int:
    if all(value is None for value in (args.name, args.invited, args.opens, args.closes)):
        raise InvalidInput(
            "Nothing to change was given.", "Add --name, --invited, --opens or --closes with the new value."
        )
    opens_on, closes_on = _date(args.opens, "opening date"), _date(args.closes, "closing date")
    with open_file(args, read_only=False) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        details = CycleDetails(
            name=cycle.name if args.name is None else args.name,
            opens_on=cycle.opens_on if opens_on is None else opens_on,
            closes_on=cycle.closes_on if closes_on is None else closes_on,
            staff_invited=cycle.staff_invited if args.invited is None else args.invited,
        )
        before = hc.cycles.all()
        make(hc, ChangeCycleDetails(cycle.id, details))
        changed = hc.cycles.get(cycle.id)
        compared = comparisons_changed(before, hc.cycles.all())
    invited = f"{changed.staff_invited} staff invited" if changed.staff_invited else "staff invited not set"
    print(f"Changed cycle {cycle.name}: now {changed.name}, survey window {changed.window}, {invited}.")
    if compared:
        print(f"The surveys now run in another order. Changes since last year: {'; '.join(compared)}.")
    return 0


def run_cycle_remove(args: argparse.Namespace) -> int:
    with open_file(args, read_only=False) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        removed = what_deleting_removes(hc, cycle)
        _, backup = delete_cycle(hc, cycle)
    with_it = ", ".join(removed.lines())
    print(f"Deleted cycle {cycle.name}{' with its ' + with_it if with_it else ''}.")
    print(f"A backup of the file from before the deletion is at {backup}.")
    return 0


def run_cycles(args: argparse.Namespace) -> int:
    with open_file(args) as hc:
        cycles = hc.cycles.all()
    if not cycles:
        print(f"{args.file.name} has no cycles yet. Add one with 'swhc cycle-add'.")
    for cycle in cycles:
        invited = f"{cycle.staff_invited} staff invited" if cycle.staff_invited else "staff invited not set"
        rate = f" ({percent_text(cycle.response_rate)} response rate)" if cycle.response_rate is not None else ""
        print(f"{cycle.name}\t{counted(cycle.response_count, 'response')}\t{cycle.window}\t{invited}{rate}")
    return 0


def run_questions(args: argparse.Namespace) -> int:
    with open_file(args) as hc:
        questionnaire = hc.questionnaires.load(hc.cycles.by_name(args.cycle).id)
    if args.format == "json":
        write_text(json_text(question_records(questionnaire)), None)
    else:
        write_text(csv_text(QUESTION_COLUMNS, question_rows(questionnaire)), None)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() != ".swhc" and not args.file.is_dir():
        raise InvalidInput(f"{args.file.name} does not end in .swhc.", "Name health-check files like 'Demo.swhc'.")
    build_demo(args.file, UserFolders.default())
    print(f"Built the demo health check in {args.file}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    if args.repair:
        open_file(args, read_only=False).close()  # puts its own journal back, if any
    problems = HealthCheckFile.problems_of(args.file)
    if problems:
        for problem in problems:
            print(f"Problem: {problem}")
        print(f"{args.file.name}: problems found. It has not been changed.")
        return 1
    with open_file(args) as hc:
        report = check_file(hc)
    for line in report.lines():
        print(line)
    if report.ok:
        print(f"{args.file.name}: no problems found.")
        return 0
    print(f"{args.file.name}: problems found.")
    return 1
