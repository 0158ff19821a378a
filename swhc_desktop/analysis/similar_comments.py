"""Groups of similar comments, for themes the codebook does not have: TF-IDF vectors of each comment's words (stemmed
crudely, common words left out) and single-linkage clustering by cosine similarity, in plain Python (no model,
nothing sent anywhere). A group is named by the words its comments share most."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# How alike a comment must be to a group's centre to join it (cosine of TF-IDF vectors, 0 to 1), and the fewest
# comments a group needs to be worth suggesting; chosen on the labelled comments (benchmarks/results/comments.md).
SIMILARITY = 0.25
FEWEST = 3

_WORD = re.compile(r"[a-z][a-z'’]+")
_SUFFIXES = ("ings", "ing", "ers", "er", "ed", "es", "s")
_STOP = frozenset(
    """
    a about above after again against all also always am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
    even ever every few for from further get gets getting got had hadn't has hasn't have haven't having he he'd he'll
    he's her here hers herself him himself his how i i'd i'll i'm i've if in into is isn't it it's its itself just
    keep kept know let like lot lots make makes many me more most much must my myself need needs never no nor not now
    of off on once one only or other ought our ours ourselves out over own please put really same say says see she
    should shouldn't so some still such take than that that's the their theirs them themselves then there there's
    these they they'd they'll they're they've thing things think this those though through time times to too under
    until up us very want was wasn't way we we'd we'll we're we've well were weren't what what's when where which
    while who whom why will with won't would wouldn't year years yet you you'd you'll you're you've your yours
    yourself work working team people social worker workers day days week weeks able feel felt new last next back
    """.split()
)


@dataclass(frozen=True)
class Group:
    members: tuple[int, ...]  # positions in the texts given
    words: tuple[str, ...]  # the words the group shares most, as its comments write them, most shared first


def stem(word: str) -> str:
    """A crude stem, enough to put 'interpreter', 'interpreters' and 'interpreting' together."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _terms(text: str) -> list[tuple[str, str]]:
    """(stem, word as written) for each word worth comparing."""
    words = (w.replace("’", "'") for w in _WORD.findall(text.casefold()))
    return [(stem(w), w) for w in words if w not in _STOP and len(w) > 2]


def _vectors(texts: Sequence[str], context: Sequence[str]) -> list[dict[str, float]]:
    """Each text as TF-IDF weights, unit length; words are weighed by how rare they are across `context`."""
    documents = [{s for s, _ in _terms(t)} for t in context]
    frequency = Counter(term for document in documents for term in document)
    total = max(len(documents), 1)
    vectors = []
    for text in texts:
        counts = Counter(s for s, _ in _terms(text))
        weights = {t: n * (math.log(total / (1 + frequency[t])) + 1.0) for t, n in counts.items()}
        length = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / length for t, w in weights.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def similar_groups(
    texts: Sequence[str], context: Sequence[str] | None = None, similarity: float = SIMILARITY, fewest: int = FEWEST
) -> list[Group]:
    """Groups of at least `fewest` texts alike enough to share a theme, largest first: two texts at least
    `similarity` alike are in the same group, and so is a text alike to any member (single linkage)."""
    vectors = _vectors(texts, context if context is not None else texts)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(vectors):
        for j in range(i + 1, len(vectors)):
            if first and vectors[j] and _cosine(first, vectors[j]) >= similarity:
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(texts)):
        members.setdefault(root(i), []).append(i)
    groups = [
        Group(tuple(group), _shared_words([texts[i] for i in group]))
        for group in members.values()
        if len(group) >= fewest
    ]
    return sorted(groups, key=lambda g: (-len(g.members), g.words))


def _shared_words(texts: Sequence[str], most: int = 3) -> tuple[str, ...]:
    """The words most of the group's texts use (each counted once a text), as they are most often written."""
    stems: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for text in texts:
        terms = _terms(text)
        stems.update({s for s, _ in terms})
        for s, w in terms:
            written.setdefault(s, Counter())[w] += 1
    shared = [s for s, n in stems.most_common() if n >= 2][:most]
    return tuple(written[s].most_common(1)[0][0] for s in shared)
