"""Help with a cycle's comments, worked out offline: themes suggested for each comment (from the shipped codebook, and
groups of similar comments that fit no theme), sensitive comments flagged with why, and each comment as outputs print
it. What the PSW decides (suggestions rejected, flags cleared with a note, words kept in print) is kept in the file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..domain.records import CommentKey, Theme
from ..storage import HealthCheckFile
from .codebook import Codebook, codebook
from .comments import Comment
from .redaction import KEPT_WORDS_KEY, RedactedText, Redactor, ordinary_words
from .similar_comments import similar_groups

REJECTED_KEY = "comment_suggestions_rejected"
CLEARED_FLAGS_KEY = "comment_flags_cleared"
CODEBOOK, GROUP = "codebook", "group"


@dataclass(frozen=True)
class Suggestion:
    """A theme suggested for some comments: a codebook theme (added to the PSW's theme of the same name, if any) or
    a group of similar comments."""

    key: str  # "codebook:caseloads", "group:interpreter+book"
    name: str
    kind: str  # CODEBOOK or GROUP
    theme_id: int | None  # the PSW's theme it adds to, or None for a new theme
    comments: tuple[CommentKey, ...]
    why: tuple[tuple[CommentKey, tuple[str, ...]], ...]  # the words of each comment that suggest it

    def words_for(self, key: CommentKey) -> tuple[str, ...]:
        return dict(self.why).get(key, ())

    def describe(self) -> str:
        target = "adds to your theme" if self.theme_id is not None else "a new theme"
        source = "from the codebook" if self.kind == CODEBOOK else "similar comments that fit no theme"
        return f"{self.name} ({len(self.comments)}): {source}, {target}"


@dataclass(frozen=True)
class Flag:
    matter: str  # "bullying", "self_harm"…
    why: str  # "It mentions bullying"
    words: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.why}: " + ", ".join(f"“{w}”" for w in self.words)


@dataclass(frozen=True)
class CommentHelp:
    suggestions: tuple[Suggestion, ...]
    flags: dict[CommentKey, tuple[Flag, ...]] = field(default_factory=dict)
    cleared: dict[CommentKey, str] = field(default_factory=dict)  # flags the PSW has cleared, with the note
    printed: dict[CommentKey, RedactedText] = field(default_factory=dict)

    def suggested_for(self, key: CommentKey) -> tuple[Suggestion, ...]:
        return tuple(s for s in self.suggestions if key in s.comments)

    def flagged(self, key: CommentKey) -> bool:
        """Flagged and not yet cleared: needs the PSW's attention."""
        return bool(self.flags.get(key)) and key not in self.cleared


# ---------------------------------------------------------------------------------------------- kept in the file


def _key_text(key: CommentKey) -> str:
    return f"{key[0]}:{key[1]}"


def _key_of(text: object) -> CommentKey | None:
    """A comment's key as stored ('12:34'), or None for anything else (a setting the app did not write)."""
    response, _, question = str(text).partition(":")
    if not (response.isdecimal() and question.isdecimal()):
        return None
    return (int(response), int(question))


def rejected_suggestions(hc: HealthCheckFile) -> set[tuple[CommentKey, str]]:
    stored = hc.settings.get(REJECTED_KEY, [])
    items = stored if isinstance(stored, list) else []
    pairs = ((_key_of(item[0]), item[1]) for item in items if isinstance(item, list) and len(item) == 2)
    return {(key, str(suggestion)) for key, suggestion in pairs if key is not None}


def set_rejected(hc: HealthCheckFile, pairs: Iterable[tuple[CommentKey, str]], rejected: bool) -> None:
    """Reject (or bring back) a suggestion for these comments; a rejected suggestion is not made again for them."""
    current = rejected_suggestions(hc)
    current = current | set(pairs) if rejected else current - set(pairs)
    stored = sorted([_key_text(k), s] for k, s in current)
    hc.settings.set(REJECTED_KEY, stored, "Rejected suggested themes" if rejected else "Brought back suggested themes")


def cleared_flags(hc: HealthCheckFile) -> dict[CommentKey, str]:
    stored = hc.settings.get(CLEARED_FLAGS_KEY, {})
    found = {_key_of(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}
    return {key: note for key, note in found.items() if key is not None}


def set_cleared_flag(hc: HealthCheckFile, key: CommentKey, note: str | None) -> None:
    """Clear a comment's flag with a note (None: flag it again)."""
    stored = {_key_text(k): v for k, v in cleared_flags(hc).items()}
    if note is None:
        stored.pop(_key_text(key), None)
    else:
        stored[_key_text(key)] = note
    hc.settings.set(CLEARED_FLAGS_KEY, stored, "Cleared a comment's flag" if note is not None else "Flagged a comment")


def kept_words(hc: HealthCheckFile) -> tuple[str, ...]:
    stored = hc.settings.get(KEPT_WORDS_KEY, [])
    return tuple(w for w in stored if isinstance(w, str)) if isinstance(stored, list) else ()


def set_kept_words(hc: HealthCheckFile, words: Sequence[str]) -> None:
    hc.settings.set(KEPT_WORDS_KEY, sorted(set(words), key=str.casefold), "Words printed in comments")


def printed_comments(hc: HealthCheckFile) -> Redactor:
    """The redactor every output prints comments through: given the words of every comment in the file (a word
    someone writes in lower case is not a name) and the words the PSW has kept."""
    return Redactor(ordinary_words(hc.answers.all_texts()), kept_words(hc))


# ---------------------------------------------------------------------------------------------- working it out


def comment_help(
    hc: HealthCheckFile, comments: Sequence[Comment], themes: Sequence[Theme], book: Codebook | None = None
) -> CommentHelp:
    """Suggestions, flags and printed text for these comments, with what the PSW has decided so far."""
    book = book or codebook()
    rejected = rejected_suggestions(hc)
    redactor = printed_comments(hc)
    return CommentHelp(
        tuple(suggestions(comments, themes, book, rejected)),
        flags(comments, book),
        {k: note for k, note in cleared_flags(hc).items() if any(c.key == k for c in comments)},
        {c.key: redactor.redacted(c.text) for c in comments},
    )


def flags(comments: Sequence[Comment], book: Codebook) -> dict[CommentKey, tuple[Flag, ...]]:
    found = {}
    for comment in comments:
        matters = book.flags_of(comment.text)
        if matters:
            found[comment.key] = tuple(Flag(m, book.matter(m).why, words) for m, words in matters.items())
    return found


def suggestions(
    comments: Sequence[Comment],
    themes: Sequence[Theme],
    book: Codebook,
    rejected: set[tuple[CommentKey, str]] | None = None,
) -> list[Suggestion]:
    """The codebook's themes for the comments not yet tagged with them, then groups of similar comments (for each
    question) that neither the codebook nor the PSW's themes cover; none the PSW has rejected for a comment."""
    rejected = rejected or set()
    theme_by_name = {t.name.casefold(): t for t in themes}
    found: list[Suggestion] = []
    covered: set[CommentKey] = {c.key for c in comments if c.theme_ids}
    matched = {c.key: book.themes_of(c.text) for c in comments}
    for entry in book.themes:
        key = f"{CODEBOOK}:{entry.key}"
        mine = next((theme_by_name[n] for n in entry.names() if n in theme_by_name), None)
        why = []
        for comment in comments:
            words = matched[comment.key].get(entry.key)
            if words:
                covered.add(comment.key)
                if (mine is None or mine.id not in comment.theme_ids) and (comment.key, key) not in rejected:
                    why.append((comment.key, words))
        if why:
            name = mine.name if mine is not None else entry.name
            found.append(
                Suggestion(key, name, CODEBOOK, mine.id if mine else None, tuple(k for k, _ in why), tuple(why))
            )
    found.sort(key=lambda s: (-len(s.comments), s.name))
    return found + _group_suggestions(comments, covered, rejected)


def _group_suggestions(
    comments: Sequence[Comment], covered: set[CommentKey], rejected: set[tuple[CommentKey, str]]
) -> list[Suggestion]:
    found = []
    by_question: dict[int, list[Comment]] = {}
    for comment in comments:
        by_question.setdefault(comment.question.id, []).append(comment)
    for question_comments in by_question.values():
        left = [c for c in question_comments if c.key not in covered]
        context = [c.text for c in question_comments]
        for group in similar_groups([c.text for c in left], context):
            if not group.words:
                continue
            key = f"{GROUP}:" + "+".join(sorted(group.words))
            members = [left[i].key for i in group.members if (left[i].key, key) not in rejected]
            if len(members) < 2:
                continue
            name = ", ".join(group.words).capitalize()
            why = tuple((k, group.words) for k in members)
            found.append(Suggestion(key, name, GROUP, None, tuple(members), why))
    return found
