"""Names and contact details kept out of print: what in a comment names or reaches a person ('Ms Okafor', 'Sarah', an
e-mail address, a phone number), found offline, and the comment as every output prints it, with '[name]' or
'[contact details]' in their place. `Redactor.printable` is the one function every output calls.

How names are found (rules over two lists, no model, nothing sent anywhere):
- a title and the capitalised words after it ('Ms Okafor', 'Dr Patel');
- a given name from the app's list (resources/given-names.txt), with a capitalised surname after it ('Sarah Jones');
  a given name that is also an everyday word (May, Grace, Will) only with a surname after it;
- a family name from the app's list (resources/surnames.txt) starting a sentence, unless the comments use it in lower
  case ('Roberts bullies…', but 'Young people…');
- a capitalised word inside a sentence that the file's comments never use in lower case and that is not a word staff
  capitalise for other reasons (resources/capitalised-words.txt: Ofsted, Liquidlogic, Christmas…): 'Okafor' is a
  name, 'Supervision' in 'weekly Supervision' is not, because others write 'supervision';
- e-mail addresses, UK phone numbers, extensions and postcodes are contact details.
The PSW can keep a word (a place, 'Care Director') for the whole file: it is then never redacted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..importing.identifying import given_names
from ..paths import resources_dir

NAME, CONTACT = "[name]", "[contact details]"
KEPT_WORDS_KEY = "printed_comments_kept_words"

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Cllr)\.?"
# Given names that are also everyday words: a name only with a surname after it.
_EVERYDAY_NAMES = frozenset(
    "may june april will mark grace hope faith joy rose dawn bill ray pat sue amber charity holly ruby frank grant max "
    "jade precious blessing mercy summer sky sunny rich dean lane ash guy hunter mason".split()
)
_PARTICLES = frozenset("van von de da di del der den la le bin binti al el du ter ten".split())
_EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?!\d)")
_EXTENSION = re.compile(r"\b(?:ext|extension|x)\.?\s?\d{3,6}\b", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
_LETTER = r"[^\W\d_]"  # a letter of any alphabet: Łukasz, Zoë and Siân are names too
_TOKEN = re.compile(rf"{_LETTER}(?:{_LETTER}|['’\-](?={_LETTER}))*")
_NAME_PREFIXES = ("Mac", "Mc", "O'", "O’", "D'", "D’")
# Words after which a first name is a name even in lower case ('my manager sarah').
_ROLES = frozenset("manager tm sm supervisor colleague practitioner director boss lead called named worker psw".split())
# Given names that are also verbs or things, never taken for a name in lower case ('my manager drew up a plan').
_LOWER_CASE_WORDS = frozenset("drew rob don jack bob eve art carol chase rich penny gene dot kay jay mo al".split())
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_MARKS = frozenset('.!?:;"“”()[]•*-–')


@dataclass(frozen=True)
class Redaction:
    start: int
    end: int
    original: str
    replacement: str  # NAME or CONTACT
    reason: str

    def words(self) -> tuple[str, ...]:
        return tuple(w for w in self.original.split() if not re.fullmatch(_TITLES, w))


@dataclass(frozen=True)
class RedactedText:
    original: str
    redactions: tuple[Redaction, ...]

    @property
    def text(self) -> str:
        parts, at = [], 0
        for redaction in self.redactions:
            parts += [self.original[at : redaction.start], redaction.replacement]
            at = redaction.end
        return "".join(parts) + self.original[at:]


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    word: str  # without a possessive 's

    @property
    def key(self) -> str:
        return self.word.casefold().replace("’", "'")


def _word_list(name: str) -> frozenset[str]:
    text = (resources_dir() / name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def capitalised_words() -> frozenset[str]:
    """The shipped list of words written with a capital that are not people's names."""
    return _word_list("capitalised-words.txt")


def ordinary_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word the texts use in lower case: such a word, capitalised elsewhere, is emphasis rather than a name."""
    return frozenset(
        _POSSESSIVE.sub("", m.group(0).replace("’", "'"))
        for text in texts
        for m in _TOKEN.finditer(text)
        if m.group(0)[0].islower()
    )


class Redactor:
    """Finds names and contact details in texts, given the words of the file's comments (`ordinary`) and the words the
    PSW has kept for the file."""

    def __init__(
        self,
        ordinary: frozenset[str],
        kept: Iterable[str] = (),
        names: frozenset[str] | None = None,
        capitalised: frozenset[str] | None = None,
        surnames: frozenset[str] | None = None,
    ):
        self.ordinary = ordinary
        self.kept = frozenset(k.casefold().strip() for k in kept if k.strip())
        self.names = given_names() if names is None else names
        self.capitalised = capitalised_words() if capitalised is None else capitalised
        self.surnames = _word_list("surnames.txt") if surnames is None else surnames

    # ------------------------------------------------------------------ the one function outputs call

    def printable(self, text: str) -> str:
        """The text as every output prints it: names as '[name]', contact details as '[contact details]'."""
        return self.redacted(text).text

    def redacted(self, text: str) -> RedactedText:
        found = self._contacts(text)
        taken = [(r.start, r.end) for r in found]
        for span in self._names(text):
            if not any(start < span.end and span.start < end for start, end in taken):
                found.append(span)
        found = [r for r in found if not self._is_kept(r)]
        return RedactedText(text, tuple(sorted(found, key=lambda r: r.start)))

    # ------------------------------------------------------------------ contact details

    def _contacts(self, text: str) -> list[Redaction]:
        found: list[Redaction] = []
        for pattern, reason in (
            (_EMAIL, "an e-mail address"),
            (_PHONE, "a phone number"),
            (_EXTENSION, "a phone extension"),
            (_POSTCODE, "a postcode"),
        ):
            for match in pattern.finditer(text):
                if not any(r.start < match.end() and match.start() < r.end for r in found):
                    found.append(Redaction(match.start(), match.end(), match.group(0), CONTACT, reason))
        return found

    # ------------------------------------------------------------------ names

    def _names(self, text: str) -> list[Redaction]:
        tokens = [self._token(m) for m in _TOKEN.finditer(text)]
        reasons = [self._name_reason(text, tokens, i) for i in range(len(tokens))]
        spans: list[Redaction] = []
        i = 0
        while i < len(tokens):
            if reasons[i] is None:
                i += 1
                continue
            first, reason = i, reasons[i]
            while True:
                if i + 1 < len(tokens) and reasons[i + 1] is not None and _joined(text, tokens[i], tokens[i + 1]):
                    i += 1
                elif _particle_between(text, tokens, reasons, i):
                    i += 2
                else:
                    break
            start, end = tokens[first].start, tokens[i].end
            spans.append(Redaction(start, end, text[start:end], NAME, reason))
            i += 1
        return spans

    @staticmethod
    def _token(match: re.Match[str]) -> _Token:
        word = _POSSESSIVE.sub("", match.group(0)).rstrip("-'’")
        return _Token(match.start(), match.start() + len(word), word)

    def _name_reason(self, text: str, tokens: list[_Token], i: int) -> str | None:
        token = tokens[i]
        previous = tokens[i - 1] if i and _joined(text, tokens[i - 1], token) else None
        following = tokens[i + 1] if i + 1 < len(tokens) and _joined(text, token, tokens[i + 1]) else None
        if re.fullmatch(_TITLES, token.word) and following is not None and _name_like(following.word):
            return "a title and a name"
        if token.word.islower() and previous is not None and previous.key in _ROLES:
            known = token.key in self.names and token.key not in _LOWER_CASE_WORDS
            return "a first name after a role" if known else None
        if not _name_like(token.word):
            return None
        if previous is not None and re.fullmatch(_TITLES, previous.word):
            return "a title and a name"
        key = token.key
        if key in self.capitalised:
            return None
        if key in self.names:
            return None if following is not None and following.key in self.capitalised else "a first name"
        if previous is not None and previous.key in self.names and _name_like(previous.word):
            return "a first name and a surname"
        if key in _EVERYDAY_NAMES:
            return "a first name and a surname" if self._surname(following) else None
        if _starts_sentence(text, token.start):
            # Any word starts a sentence with a capital: a name only if it is a family name no comment uses in lower
            # case ('Roberts bullies…'), or with a surname after it ('Steph Laidlaw').
            if key in self.surnames and key not in self.ordinary:
                return "a family name"
            unknown = following is not None and following.key not in self.ordinary and key not in self.ordinary
            return "a first name and a surname" if unknown and self._surname(following) else None
        if key in self.ordinary:
            return None
        return "a capitalised word the comments never use in lower case"

    def _surname(self, token: _Token | None) -> bool:
        return (
            token is not None
            and _name_like(token.word)
            and token.key not in self.capitalised
            and re.fullmatch(_TITLES, token.word) is None
        )

    def _is_kept(self, redaction: Redaction) -> bool:
        if redaction.replacement != NAME:
            return redaction.original.casefold() in self.kept
        words = [w.casefold() for w in redaction.words()]
        return redaction.original.casefold() in self.kept or bool(words) and all(w in self.kept for w in words)


def _joined(text: str, before: _Token, after: _Token) -> bool:
    """Two words next to each other in one name: a space (or a hyphen) between them, no punctuation but a title's
    full stop ('Mr. Smith')."""
    gap = text[before.end : after.start]
    return gap in (" ", "-") or gap == ". " and re.fullmatch(_TITLES, before.word) is not None


def _name_like(word: str) -> bool:
    """Written as a name is: a capital then small letters ('Okafor', 'Łukasz'), parts joined by a hyphen or an
    apostrophe ('Hartley-Jones', "O'Connor", 'McKenzie'); not an acronym ('ASYE') nor a lower-case word."""
    for prefix in _NAME_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1 and word[len(prefix)].isupper():
            word = word[len(prefix) :]
            break
    first, *rest = re.split(r"[\-'’]", word)
    return _capitalised(first) and all(p.isalpha() and (p.islower() or _capitalised(p)) for p in rest)


def _capitalised(part: str) -> bool:
    return len(part) >= 2 and part[0].isupper() and part[1:].isalpha() and part[1:].islower()


def _particle_between(text: str, tokens: list[_Token], reasons: list[str | None], i: int) -> bool:
    """'van der', 'de', 'bin' inside a name: a lower-case particle between two words of it ('Mr Van der Berg')."""
    if i + 2 >= len(tokens) or tokens[i + 1].key not in _PARTICLES or not _name_like(tokens[i + 2].word):
        return False
    if not (_joined(text, tokens[i], tokens[i + 1]) and _joined(text, tokens[i + 1], tokens[i + 2])):
        return False
    if reasons[i + 2] is None:
        reasons[i + 2] = "a surname"
    return True


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a word begins a sentence, a line or a text, where any word is written with a capital."""
    before = text[:at]
    kept = before.rstrip()
    return not kept or kept[-1] in _SENTENCE_MARKS or "\n" in before[len(kept) :]
