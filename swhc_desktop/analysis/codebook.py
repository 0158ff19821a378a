"""The comment codebook that ships with the app (resources/comment-codebook.toml): the themes a comment may be suggested
for and the sensitive matters that flag it, each with the words in the comment that made it so."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from ..paths import resources_dir

# A word just before a flag's words that turns it round: "never been bullied", "no racism here".
_NEGATIONS = frozenset({"no", "not", "never", "without", "nobody", "none", "nothing", "isn't", "wasn't", "haven't"})
_NEGATION_REACH = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


@dataclass(frozen=True)
class CodebookTheme:
    key: str
    name: str
    standard: int | None
    aliases: tuple[str, ...]
    pattern: re.Pattern[str]
    exact_pattern: re.Pattern[str] | None  # the patterns with a capital (IT), matched as written

    def names(self) -> tuple[str, ...]:
        """The theme's name and aliases, case ignored, in that order: a PSW's theme of one of these names is this
        theme (the first of them the PSW has, if several)."""
        return tuple(n.casefold() for n in (self.name, *self.aliases))

    def words_in(self, text: str) -> tuple[str, ...]:
        """The words of the comment that belong to this theme, as written, in order, each once."""
        return _found(text, self.pattern, self.exact_pattern)


@dataclass(frozen=True)
class SensitiveMatter:
    key: str
    why: str
    pattern: re.Pattern[str]

    def words_in(self, text: str) -> tuple[str, ...]:
        """The words that raise this matter, leaving out those with a 'not' or 'never' just before them."""
        found = []
        for match in self.pattern.finditer(text):
            before = _WORD.findall(text[: match.start()])[-_NEGATION_REACH:]
            if any(word.casefold().replace("’", "'") in _NEGATIONS or word.endswith("n't") for word in before):
                continue
            found.append(match.group(0))
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Codebook:
    themes: tuple[CodebookTheme, ...]
    matters: tuple[SensitiveMatter, ...]

    def themes_of(self, text: str) -> dict[str, tuple[str, ...]]:
        """The codebook themes a comment is about, each with the words that say so."""
        found = {theme.key: theme.words_in(text) for theme in self.themes}
        return {key: words for key, words in found.items() if words}

    def flags_of(self, text: str) -> dict[str, tuple[str, ...]]:
        """The sensitive matters a comment raises, each with the words that raise it."""
        found = {matter.key: matter.words_in(text) for matter in self.matters}
        return {key: words for key, words in found.items() if words}

    def theme(self, key: str) -> CodebookTheme:
        return next(t for t in self.themes if t.key == key)

    def matter(self, key: str) -> SensitiveMatter:
        return next(m for m in self.matters if m.key == key)


def _found(text: str, pattern: re.Pattern[str], exact: re.Pattern[str] | None) -> tuple[str, ...]:
    words = [m.group(0) for m in pattern.finditer(text)]
    if exact is not None:
        words += [m.group(0) for m in exact.finditer(text)]
    return tuple(dict.fromkeys(w.strip() for w in words))


def _regex(patterns: list[str], flags: int) -> re.Pattern[str] | None:
    """One expression for a list of patterns: each at the start of a word, '*' allowing any ending, a space any run of
    spaces or hyphens; longest first, so 'case load' wins over 'case'."""
    if not patterns:
        return None
    parts = []
    for pattern in sorted(patterns, key=len, reverse=True):
        stem = pattern.rstrip("*").strip()
        body = r"[\s\-]+".join(re.escape(word).replace("'", "['’]") for word in stem.split())
        parts.append(body + (r"[\w'’\-]*" if pattern.endswith("*") else r"(?![\w])"))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + ")", flags)


def _theme(entry: dict) -> CodebookTheme:
    patterns = [str(p) for p in entry["patterns"]]
    capitals = [p for p in patterns if p != p.lower()]
    pattern = _regex([p for p in patterns if p == p.lower()], re.IGNORECASE)
    assert pattern is not None
    return CodebookTheme(
        str(entry["id"]),
        str(entry["name"]),
        entry.get("standard"),
        tuple(str(a) for a in entry.get("aliases", ())),
        pattern,
        _regex(capitals, 0),
    )


def _matter(entry: dict) -> SensitiveMatter:
    pattern = _regex([str(p) for p in entry["patterns"]], re.IGNORECASE)
    assert pattern is not None
    return SensitiveMatter(str(entry["id"]), str(entry["why"]), pattern)


def codebook() -> Codebook:
    """The codebook shipped with the app, read afresh (a few milliseconds): build it once for a whole job."""
    data = tomllib.loads((resources_dir() / "comment-codebook.toml").read_text(encoding="utf-8"))
    return Codebook(tuple(_theme(t) for t in data["theme"]), tuple(_matter(f) for f in data["flag"]))
