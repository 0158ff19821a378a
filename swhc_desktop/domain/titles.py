"""Titles for a list that must tell its rows apart where several share a stem: the statements of a matrix question
(Qualtrics writes 'Question text - Statement'), shown in a column list, the designer's tree or a question chooser."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from .questionnaire import Question


def told_apart(texts: Sequence[str], length: int = 90) -> list[str]:
    """Each text (a column's heading, a question's wording) as short as a list can show it, yet told apart from every
    other: a long text keeps its start and, whole, the part where it differs from the text most like it (a matrix
    statement, which Qualtrics puts after the question's text); where that still leaves two alike, each keeps enough of
    its start to differ. Texts that are the same in full stay the same."""
    flat = [" ".join(text.split()) for text in texts]
    shared = _shared_starts(flat)
    labels = {text: _told_apart(text, shared[text], length) for text in shared}
    alike: dict[str, list[str]] = {}
    for text, label in labels.items():
        alike.setdefault(label, []).append(text)
    for texts_alike in alike.values():
        for text in texts_alike if len(texts_alike) > 1 else ():
            differs_at = max(len(os.path.commonprefix([text, other])) for other in texts_alike if other != text)
            labels[text] = _told_apart(text, shared[text], length, keep_start_to=differs_at)
    return [labels[text] for text in flat]


_PHRASE_BREAK = re.compile(r"\s[-–:]\s|(?<=\.\.\.)-|[?:.]\s")


def _told_apart(text: str, shared: int, length: int, keep_start_to: int = 0) -> str:
    if len(text) <= length:
        return text
    start = text.rfind(" ", 0, shared + 1) + 1 if shared else len(text)  # the differing word, whole
    # Better still the whole statement, phrase or sentence it is in, when that is short enough to show.
    stems = [m.end() for m in _PHRASE_BREAK.finditer(text, 0, shared + 1)]
    if stems and len(text) - stems[-1] <= length * 3 // 5:
        start = min(start, stems[-1])
    tail = text[start:]
    word_end = text.find(" ", keep_start_to + 1) if keep_start_to else -1
    head = text[: max(24, length - len(tail) - 3, word_end if word_end > 0 else keep_start_to)].rstrip()
    if start <= len(head) + 1:  # the difference is within the start kept
        return text if keep_start_to else text[: length - 1].rstrip() + "…"
    label = f"{head} … {tail}"
    return label if len(label) <= length or keep_start_to else label[: length - 1].rstrip() + "…"


# Texts that start alike for fewer characters than this do not share a stem: a list shows them whole.
SHORTEST_STEM = 24


def question_titles(questions: Iterable[Question], length: int = 90, short: bool = False) -> dict[str, str]:
    """Each question's wording (with `short`, its title: the short title where it has one) as a list shows it, by
    code: whole, unless it shares a stem with another's (a matrix's statements), when it is told apart from it."""
    chosen = list(questions)
    texts = [" ".join((q.title if short else q.text).split()) or "(no wording yet)" for q in chosen]
    shared = _shared_starts(texts)
    labels = told_apart(texts, length)
    return {
        q.code: label if shared[text] >= SHORTEST_STEM else text
        for q, text, label in zip(chosen, texts, labels, strict=True)
    }


def _shared_starts(flat: Sequence[str]) -> dict[str, int]:
    """How many characters each text shares with the start of the text most like it."""
    shared = dict.fromkeys(flat, 0)
    ordered = sorted(shared)
    for before, after in zip(ordered, ordered[1:], strict=False):
        common = len(os.path.commonprefix([before, after]))
        shared[before] = max(shared[before], common)
        shared[after] = max(shared[after], common)
    return shared
