"""Precision and recall of the help with comments on the labelled comments in tests/fixtures/comments/: the codebook's
theme suggestions, the groups of similar comments, the sensitive-comment flags and the redaction of names. Used by
bench_comments.py (which records the figures) and by the test suite (which asserts floors below them)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from swhc_desktop.analysis.codebook import Codebook, codebook
from swhc_desktop.analysis.redaction import Redactor, ordinary_words
from swhc_desktop.analysis.similar_comments import similar_groups

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "comments" / "labelled-comments.txt"
_PLANTED = re.compile(r"\{([^{}]+)\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@dataclass(frozen=True)
class Labelled:
    question: str
    themes: frozenset[str]  # codebook theme ids
    topics: frozenset[str]  # "new:…" topics the codebook lacks
    flags: frozenset[str]
    text: str
    planted: tuple[tuple[int, int], ...]  # spans of the text that name or reach a person


def labelled_comments(path: Path = LABELLED) -> list[Labelled]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, themes, flags, marked = (part.strip() for part in line.split("|", 3))
        labels = {t.strip() for t in themes.split(",") if t.strip()}
        text, planted, at = "", [], 0
        for match in _PLANTED.finditer(marked):
            text += marked[at : match.start()]
            planted.append((len(text), len(text) + len(match.group(1))))
            text += match.group(1)
            at = match.end()
        text += marked[at:]
        found.append(
            Labelled(
                question,
                frozenset(t for t in labels if not t.startswith("new:")),
                frozenset(t for t in labels if t.startswith("new:")),
                frozenset(f.strip() for f in flags.split(",") if f.strip()),
                text,
                tuple(planted),
            )
        )
    return found


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.actual if self.actual else 1.0

    def row(self, what: str) -> str:
        return (
            f"| {what} | {self.precision:.1%} ({self.true_positives}/{self.predicted}) | "
            f"{self.recall:.1%} ({self.true_positives}/{self.actual}) |"
        )


def _score(pairs_predicted: set, pairs_actual: set) -> Score:
    return Score(len(pairs_predicted & pairs_actual), len(pairs_predicted), len(pairs_actual))


def theme_scores(comments: list[Labelled], book: Codebook | None = None) -> tuple[Score, dict[str, Score]]:
    """Each (comment, theme) the codebook suggests against the labels: overall and for each theme."""
    book = book or codebook()
    predicted = {(i, t) for i, c in enumerate(comments) for t in book.themes_of(c.text)}
    actual = {(i, t) for i, c in enumerate(comments) for t in c.themes}
    by_theme = {
        entry.key: _score({p for p in predicted if p[1] == entry.key}, {a for a in actual if a[1] == entry.key})
        for entry in book.themes
    }
    return _score(predicted, actual), by_theme


def group_scores(comments: list[Labelled], book: Codebook | None = None) -> tuple[Score, list[tuple[str, ...]]]:
    """The groups of similar comments among those the codebook finds no theme for, question by question, as pairs of
    comments put together: a pair is right when both carry the same new topic."""
    book = book or codebook()
    predicted, named = set(), []
    for question in sorted({c.question for c in comments}):
        asked = [i for i, c in enumerate(comments) if c.question == question]
        left = [i for i in asked if not book.themes_of(comments[i].text)]
        for group in similar_groups([comments[i].text for i in left], [comments[i].text for i in asked]):
            members = [left[m] for m in group.members]
            named.append(group.words)
            predicted |= {(a, b) for a in members for b in members if a < b}
    actual = {
        (a, b)
        for a in range(len(comments))
        for b in range(a + 1, len(comments))
        if comments[a].question == comments[b].question and comments[a].topics & comments[b].topics
    }
    return _score(predicted, actual), named


def flag_scores(comments: list[Labelled], book: Codebook | None = None) -> tuple[Score, Score, dict[str, Score]]:
    """Flags against the labels: each (comment, matter), each comment flagged at all, and each matter."""
    book = book or codebook()
    predicted = {(i, m) for i, c in enumerate(comments) for m in book.flags_of(c.text)}
    actual = {(i, m) for i, c in enumerate(comments) for m in c.flags}
    any_flag = _score({i for i, _ in predicted}, {i for i, _ in actual})
    by_matter = {
        m.key: _score({p for p in predicted if p[1] == m.key}, {a for a in actual if a[1] == m.key})
        for m in book.matters
    }
    return _score(predicted, actual), any_flag, by_matter


@dataclass(frozen=True)
class RedactionScores:
    planted: int
    redacted: int  # planted names and contact details wholly replaced
    redactions: int  # everything the redactor replaced
    on_planted: int  # redactions that overlap something planted
    words: int  # words that are neither names nor contact details
    words_kept: int
    capitalised: int  # of those, written with a capital (places, systems, job titles…)
    capitalised_kept: int
    missed: tuple[str, ...]
    wrongly_redacted: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.redacted / self.planted

    @property
    def precision(self) -> float:
        return self.on_planted / self.redactions if self.redactions else 1.0

    @property
    def words_kept_share(self) -> float:
        return self.words_kept / self.words

    @property
    def capitalised_kept_share(self) -> float:
        return self.capitalised_kept / self.capitalised


def redaction_scores(comments: list[Labelled], kept: tuple[str, ...] = ()) -> RedactionScores:
    redactor = Redactor(ordinary_words(c.text for c in comments), kept)
    planted = redacted = redactions = on_planted = words = words_kept = capitalised = capitalised_kept = 0
    missed: list[str] = []
    wrong: Counter[str] = Counter()
    for comment in comments:
        found = redactor.redacted(comment.text).redactions
        covered = [(r.start, r.end) for r in found]
        for start, end in comment.planted:
            planted += 1
            if all(any(s <= at < e for s, e in covered) for at in range(start, end) if not comment.text[at].isspace()):
                redacted += 1
            else:
                missed.append(comment.text[start:end])
        for r in found:
            redactions += 1
            if any(r.start < end and start < r.end for start, end in comment.planted):
                on_planted += 1
            else:
                wrong[r.original] += 1
        for match in _WORD.finditer(comment.text):
            if any(match.start() < end and start < match.end() for start, end in comment.planted):
                continue
            kept_here = not any(match.start() < e and s < match.end() for s, e in covered)
            words += 1
            words_kept += kept_here
            if match.group(0)[0].isupper():
                capitalised += 1
                capitalised_kept += kept_here
    return RedactionScores(
        planted,
        redacted,
        redactions,
        on_planted,
        words,
        words_kept,
        capitalised,
        capitalised_kept,
        tuple(missed),
        tuple(sorted(wrong)),
    )
