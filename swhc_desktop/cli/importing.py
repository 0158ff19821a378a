"""Commands for responses: import (a survey tool's export into a cycle), batches, remove-batch."""

from __future__ import annotations

import argparse
import codecs
from collections import Counter
from pathlib import Path

from ..analysis.frequencies import whole_percent
from ..domain.errors import InvalidInput
from ..domain.plurals import agrees, counted
from ..domain.ukdates import format_uk_date
from ..importing.importer import InvalidRows, NothingToImport, UnmatchedAnswers, dry_run, preview_import, run_import
from ..importing.layouts import Layout, describe_identifying
from ..importing.rows import ImportOptions
from ..storage import delete_backups
from .arguments import add_file_and_cycle, open_file, record_id

PROBLEMS_SHOWN = 20
UNMAPPED_SHOWN = 40
# In bytes: a mapping of 10,000 columns with their answers is a few megabytes;
# a file of thousands of unrelated columns is summed up, not listed.
LARGEST_MAPPING = 16_000_000


def register(commands: argparse._SubParsersAction) -> None:
    layouts = ", ".join(str(layout) for layout in Layout)
    importing = commands.add_parser(
        "import",
        help="import a survey tool's export of responses into a cycle",
        description="Import responses from a CSV, TSV or Excel export (Microsoft Forms, Google Forms, SurveyMonkey, "
        "SmartSurvey, Qualtrics, LimeSurvey, or the SWHC response template) into a cycle, as one batch. The file is "
        "backed up first; either every valid response is added or nothing is. Columns that identify people (names, "
        "e-mail addresses, phone numbers, staff numbers…, known by heading or by what they hold) are not stored.",
    )
    add_file_and_cycle(importing)
    importing.add_argument("responses", type=Path, help="the export file (.csv, .tsv or .xlsx)")
    importing.add_argument(
        "--sheet",
        metavar="NAME",
        help="for a workbook, the sheet that holds the responses (by default the one whose headings "
        "match the cycle's questions best)",
    )
    importing.add_argument(
        "--layout",
        choices=[str(layout) for layout in Layout],
        metavar="NAME",
        help=f"read the file as this layout instead of the one detected ({layouts})",
    )
    importing.add_argument(
        "--mapping",
        type=Path,
        metavar="MAPPING.json",
        help='match columns to questions as this file says: {"column heading": "question_code"}, '
        'or {"column heading": {"question": "question_code", "values": {"answer as written": '
        '"option_code", "answer to leave out": null}}}, or a mapping saved with an earlier batch',
    )
    importing.add_argument(
        "--skip-invalid-rows",
        action="store_true",
        help="leave out rows with problems (a number that is not a number, a duplicate response id) "
        "and import the rest",
    )
    importing.add_argument(
        "--include-incomplete",
        action="store_true",
        help="also import responses the tool marks as not finished (left out by default)",
    )
    importing.add_argument(
        "--unmatched-as-no-answer",
        action="store_true",
        help="import answers that match no option of a question without an 'Other' as no answer "
        "(without it the import stops and lists them, so that none is lost without a word)",
    )
    importing.add_argument(
        "--keep-identifying",
        metavar="REASON",
        help="store the columns that identify people too (apart from the answers), for the reason "
        "given (not recommended: responses are anonymous)",
    )
    importing.add_argument("--dry-run", action="store_true", help="check and report everything, but change nothing")
    importing.set_defaults(run=run_import_command)

    batches = commands.add_parser(
        "batches",
        help="list a cycle's batches of responses",
        description="List the batches of responses in a cycle, one a line: batch number, "
        "source, kind, date imported, responses (tab-separated).",
    )
    add_file_and_cycle(batches)
    batches.set_defaults(run=run_batches)

    remove = commands.add_parser(
        "remove-batch",
        help="remove a batch of responses, whole",
        description="Remove a batch and every response it added (see 'swhc batches' for the "
        "numbers). The file is backed up first.",
    )
    add_file_and_cycle(remove, cycle=False)
    remove.add_argument("batch_id", type=record_id("batch"), metavar="BATCH_ID", help="the batch's number")
    remove.add_argument(
        "--delete-backups-holding-identifiers",
        action="store_true",
        help="also delete the file's backups that still hold identifying details kept with the batch",
    )
    remove.set_defaults(run=run_remove_batch)


def _read_mapping(path: Path | None) -> str | None:
    """The mapping file's text, in UTF-8 or (as Notepad's 'Unicode' saves it) UTF-16 with its byte-order mark."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle:
            data = handle.read(LARGEST_MAPPING + 1)  # never the whole of /dev/zero
    except OSError as error:
        raise InvalidInput(
            f"The mapping file {path} could not be read ({error.strerror or error}).", "Check its name and folder."
        ) from None
    if len(data) > LARGEST_MAPPING:
        raise InvalidInput(
            f"The mapping file {path.name} is larger than {LARGEST_MAPPING // 1_000_000} MB, far larger than "
            "a mapping of any survey's columns.",
            "Check that --mapping names the mapping file.",
        )
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InvalidInput(
            f"The mapping file {path.name} is not text in UTF-8 or UTF-16.",
            "Save it as UTF-8 text (in Notepad: Save as, Encoding UTF-8), then try again.",
        ) from None


def run_import_command(args: argparse.Namespace) -> int:
    mapping_text = _read_mapping(args.mapping)
    reason = (args.keep_identifying or "").strip() or None
    if args.keep_identifying is not None and reason is None:
        raise InvalidInput(
            "--keep-identifying needs the reason they are kept.",
            'For example: --keep-identifying "Staff agreed to be contacted about their answers".',
        )
    options = ImportOptions(
        skip_invalid_rows=args.skip_invalid_rows,
        include_incomplete=args.include_incomplete,
        identifying_kept_reason=reason,
        unmatched_as_no_answer=args.unmatched_as_no_answer,
    )
    with open_file(args, read_only=args.dry_run) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        preview = preview_import(
            hc, cycle.id, args.responses, Layout(args.layout) if args.layout else None, mapping_text, sheet=args.sheet
        )
        _print_mapping(preview, options.identifying_kept_reason is not None)
        try:
            if args.dry_run:
                result = dry_run(hc, cycle.id, preview, preview.mapping, options)
            else:
                result = run_import(hc, cycle.id, preview, preview.mapping, options)
        except InvalidRows as error:
            _print_problems(error.summary)
            raise
        except UnmatchedAnswers as error:
            _print_unmatched(error.summary, options)
            raise
    summary = result.summary
    _print_unmatched(summary, options)
    if summary.invalid_rows:
        _print_problems(summary)
    verb = "Would add" if args.dry_run else "Added"
    print(
        f"{verb} {counted(summary.responses, 'response')} from {args.responses.name} to {cycle.name}"
        + (f" as batch {result.batch_id}" if result.batch_id else "")
        + "."
    )
    for line in skipped_lines(summary, options):
        print(f"  {line}")
    if summary.earlier_not_in_file:
        print(
            f"  {counted(summary.earlier_not_in_file, 'response')} imported earlier from this form "
            f"{'is' if summary.earlier_not_in_file == 1 else 'are'} not in this file: edited or deleted in the form "
            "since? They are still in the cycle. If answers were edited, remove the earlier batch and import this "
            "file on its own, so that no one is counted twice."
        )
    if result.response_rate is not None:
        print(
            f"{cycle.name} {'would have' if args.dry_run else 'now has'} {counted(result.response_count, 'response')} "
            f"from {result.staff_invited:,} staff invited ({whole_percent(result.response_rate)} response rate)."
        )
        if result.response_rate > 100:
            print(
                "  More responses than staff invited: check the file is this cycle's, and the number invited "
                "('swhc cycles')."
            )
    if args.dry_run:
        if summary.invalid_rows and not args.skip_invalid_rows:
            raise InvalidInput(
                f"{counted(summary.invalid_rows, 'row')} with problems would stop the import.",
                "Correct them, or add --skip-invalid-rows.",
            )
        if summary.dropped and not options.unmatched_as_no_answer:
            raise UnmatchedAnswers(summary, args.responses.name)
        if not summary.responses:
            raise NothingToImport(summary, args.responses.name)
        print("Dry run: nothing was changed.")
    return 0


def skipped_lines(summary, options: ImportOptions) -> list[str]:
    """What was not added, and why, a line each."""
    skipped = [
        (summary.invalid_rows if options.skip_invalid_rows else 0, "row", "with problems skipped"),
        (summary.already_present, "response", f"already in the cycle ({summary.recognised_by}) not added again"),
        (summary.incomplete, "unfinished response", "left out (use --include-incomplete to add them)"),
        (summary.empty, "row", "with no answers left out"),
    ]
    return [f"{counted(count, noun)} {what}" for count, noun, what in skipped if count]


def _print_mapping(preview, keeping: bool) -> None:
    layout = preview.file_layout
    print(f"{preview.source.name}: {layout.layout.label} ({preview.source.describe()}).")
    others = [name for name in preview.source.sheet_names if name != preview.source.sheet]
    if others:
        print(
            f"  Its other sheets ({', '.join(repr(name) for name in others[:10])}"
            + (f" and {len(others) - 10:,} more" if len(others) > 10 else "")
            + ") are not read: use --sheet to choose."
        )
    dropped = layout.identifying_columns()
    mapped = [(q, preview.mapping.match(q.key)) for q in layout.questions]
    print("Mapped:")
    for question, match in mapped:
        if match.question_code:
            print(f"  {_short(question.text)} -> {match.question_code} ({match.confidence}%, {match.how})")
    unmapped = [q for q, m in mapped if not m.question_code]
    if unmapped:
        print("Not mapped (left out):")
        for question in unmapped[:UNMAPPED_SHOWN]:
            print(f"  {_short(question.text)}")
        if len(unmapped) > UNMAPPED_SHOWN:
            print(f"  … and {len(unmapped) - UNMAPPED_SHOWN:,} more")
    if dropped:
        print(
            ("Kept (identifying), as asked: " if keeping else "Not stored (identifying): ")
            + describe_identifying(dropped)
            + ("" if keeping else ". To keep them, give the reason with --keep-identifying.")
        )


def _print_unmatched(summary, options: ImportOptions) -> None:
    kept = {code: values - summary.dropped.get(code, Counter()) for code, values in summary.unmatched.items()}
    groups = [
        (
            {code: values for code, values in kept.items() if values},
            "Answers that match no option, kept as the text of 'Other':",
        ),
        (
            summary.dropped,
            "Answers that match no option, left as no answer as asked (--unmatched-as-no-answer):"
            if options.unmatched_as_no_answer
            else "Answers that match no option, with no 'Other' to keep them in "
            "(the import stops unless you map them or add --unmatched-as-no-answer):",
        ),
    ]
    for found, heading in groups:
        if not found:
            continue
        print(heading)
        for code, values in found.items():
            shown = ", ".join(f"'{_short(v, 40)}' ({n})" for v, n in values.most_common(8))
            more = f" and {len(values) - 8} more" if len(values) > 8 else ""
            print(f"  {code}: {shown}{more}")


def _print_problems(summary) -> None:
    print(f"Rows with problems: {summary.invalid_rows}")
    for problem in summary.problems[:PROBLEMS_SHOWN]:
        print(f"  {problem}")
    if summary.invalid_rows > PROBLEMS_SHOWN:
        print(f"  … and more ({counted(len(summary.problems), 'problem')} listed in all)")


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def run_batches(args: argparse.Namespace) -> int:
    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        batches = hc.responses.batches(cycle.id)
    if not batches:
        print(f"{cycle.name} has no responses yet. Import some with 'swhc import'.")
    for batch in batches:
        layout = Layout(batch.layout).label if batch.layout in set(Layout) else batch.layout
        source = f"{batch.source_name} ({layout})" if layout and batch.kind.value == "import" else batch.source_name
        print(
            f"{batch.id}\t{source}\t{batch.kind.value}\t"
            f"{format_uk_date(batch.imported_at)}\t{counted(batch.response_count, 'response')}"
        )
    return 0


def run_remove_batch(args: argparse.Namespace) -> int:
    with open_file(args, read_only=False) as hc:
        batch = hc.responses.batch(args.batch_id)
        hc.backup(f"before removing batch {args.batch_id}")
        removed = hc.responses.remove_batch(args.batch_id)
        holding = hc.responses.backups_holding_identifiers(batch)
    print(f"Removed batch {args.batch_id} ({batch.source_name}) and its {counted(removed, 'response')}.")
    if not holding:
        return 0
    if args.delete_backups_holding_identifiers:
        failed = delete_backups(holding)
        print(
            f"Deleted {counted(len(holding) - len(failed), 'backup')} that still held the identifying details "
            f"kept with it."
        )
        for path in failed:
            print(f"Could not delete {path}: delete it yourself.")
        return 0
    print(
        f"{counted(len(holding), 'backup')} still {agrees(len(holding), 'holds', 'hold')} "
        "the identifying details kept with it (names, e-mails and "
        "the like). "
        "To remove those details everywhere, delete these backups (or run this command again with "
        "--delete-backups-holding-identifiers):"
    )
    for backup in holding:
        print(f"  {backup.path}")
    return 0
