"""`swhc comments`: a cycle's comments as every output prints them (names and contact details redacted), with the PSW's
themes, the themes suggested and the flags for the PSW's attention; or, with --themes, the themes with their counts."""

from __future__ import annotations

import argparse
from typing import Any

from .arguments import add_file_and_cycle, open_file
from .output import csv_text, json_text, write_text

COLUMNS = ("question_code", "question", "team", "comment", "themes", "suggested_themes", "flags", "flag_cleared")
THEME_COLUMNS = ("theme", "source", "comments", "respondents", "percent")


def register(commands: argparse._SubParsersAction) -> None:
    comments = commands.add_parser(
        "comments",
        help="a cycle's comments, redacted as outputs print them, with themes and flags",
        description="Print one row a comment: its question, its team (only for groups at the file's minimum for "
        "comments), the comment as every output prints it (a name as [name], an e-mail address or phone number as "
        "[contact details]), the themes it is tagged with, the themes suggested for it (from the app's codebook, and "
        "groups of similar comments) and why it is flagged for attention (bullying, harassment, racism or "
        "discrimination, a safeguarding worry, self-harm, being unsafe), with the note of a flag the PSW cleared. "
        "With --flagged, only the comments flagged and not cleared. With --themes, one row a theme instead: the "
        "PSW's themes with the respondents who raised each (as the Comments tab counts them) and each suggested "
        "theme with the comments it is suggested for.",
    )
    add_file_and_cycle(comments)
    comments.add_argument("--flagged", action="store_true", help="only comments flagged and not cleared")
    comments.add_argument("--themes", action="store_true", help="the themes and suggestions with their counts")
    comments.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (the default) or json")
    comments.set_defaults(run=run_comments)


def run_comments(args: argparse.Namespace) -> int:
    from ..analysis.comment_help import comment_help
    from ..analysis.comments import cycle_comments, theme_table

    with open_file(args) as hc:
        cycle = hc.cycles.by_name(args.cycle)
        comments = cycle_comments(hc, cycle.id)
        themes = hc.themes.all()
        helped = comment_help(hc, comments, themes)
        if args.themes:
            columns: tuple[str, ...] = THEME_COLUMNS
            table = theme_table(comments, themes)
            rows: list[dict[str, Any]] = [
                {
                    "theme": row.theme.name,
                    "source": "yours",
                    "comments": sum(row.theme.id in c.theme_ids for c in comments),
                    "respondents": row.respondents.count,
                    "percent": "" if row.respondents.percent is None else float(row.respondents.percent),
                }
                for row in table.rows
            ]
            rows += [
                {
                    "theme": s.name,
                    "source": "suggested: " + ("codebook" if s.kind == "codebook" else "similar comments"),
                    "comments": len(s.comments),
                    "respondents": "",
                    "percent": "",
                }
                for s in helped.suggestions
            ]
        else:
            columns = COLUMNS
            names = {t.id: t.name for t in themes}
            rows = [
                {
                    "question_code": c.question.code,
                    "question": c.question.title,
                    "team": c.group,
                    "comment": helped.printed[c.key].text,
                    "themes": "; ".join(sorted(names[t] for t in c.theme_ids if t in names)),
                    "suggested_themes": "; ".join(s.name for s in helped.suggested_for(c.key)),
                    "flags": "; ".join(f.describe() for f in helped.flags.get(c.key, ())),
                    "flag_cleared": helped.cleared.get(c.key, ""),
                }
                for c in comments
                if not args.flagged or helped.flagged(c.key)
            ]
    if args.format == "json":
        write_text(json_text([{k: (None if v == "" else v) for k, v in row.items()} for row in rows]), None)
    else:
        write_text(csv_text(columns, rows), None)
    return 0
