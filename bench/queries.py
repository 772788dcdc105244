"""Benchmark queries drawn from the corpus's own sentences, deterministic by seed.

Words come as the reports write them (inflected: «кітапханашыларға», «библиотекарей»), so every
query goes through morphology. Kinds: one word, two or three words of one sentence (AND), a
two-word phrase, and one word with language and year filters (the facets are then recounted).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import pairwise

import generate_corpus

from search.analysis import WORD

KINDS = ("plain", "multi", "phrase", "filtered")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    filters: dict[str, str] = field(default_factory=dict)


def _words(sentence: str) -> list[str]:
    return [w for w in WORD.findall(sentence) if len(w) >= 4 and not w.isdigit()]


def make_queries(count: int, seed: int = 7) -> dict[str, list[Query]]:
    """`count` queries of every kind, languages in the corpus's proportions."""
    rng = random.Random(f"izde-queries-{seed}")
    pools = generate_corpus.pools()
    langs, weights = zip(*generate_corpus.LANG_WEIGHTS.items(), strict=True)
    out: dict[str, list[Query]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        while len(out[kind]) < count:
            lang = rng.choices(langs, weights)[0]
            sentence = rng.choice(pools[lang].sentences)
            words = _words(sentence)
            if len(words) < 3:
                continue
            if kind == "plain":
                out[kind].append(Query(kind, rng.choice(words)))
            elif kind == "multi":
                out[kind].append(Query(kind, " ".join(rng.sample(words, rng.choice((2, 3))))))
            elif kind == "phrase":
                tokens = WORD.findall(sentence)
                pairs = [
                    pair
                    for pair in pairwise(tokens)
                    if all(len(word) >= 3 and word.isalpha() for word in pair)
                ]
                if pairs:
                    out[kind].append(Query(kind, '"{} {}"'.format(*rng.choice(pairs))))
            else:
                year = str(rng.randint(generate_corpus.FIRST_YEAR, generate_corpus.LAST_YEAR))
                out[kind].append(Query(kind, rng.choice(words), {"lang": lang, "year": year}))
    return out
