"""Did you mean: a respelling of a query's unknown words from the index's own vocabulary."""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis import WORD, fold, russian
from search.analysis.keys import index_keys
from search.budget import Budget
from search.engine.reading import Version
from search.fields import FIELD_LANG
from search.thesaurus import thesaurus


def suggest(
    version: Version,
    text: str,
    vocabulary: list[str] | None = None,
    budget: Budget | None = None,
) -> str | None:
    """A respelling of the query from the index's own vocabulary, or None when nothing is better.

    Only words the index does not know are respelled: a word is known when any of its keys, in
    any language or script, is indexed («кітапханаларымыздың» is known wherever «кітапхана» is),
    or when the thesaurus has it. A respelling is a word of the reports as written, at the fewest
    edits that find one (one edit in a word of four to six letters, two in a longer one), the
    most frequent of those; it keeps the user's capitals, other words and syntax.
    `vocabulary` is `spelling_vocabulary(version)`, which a caller may keep; `budget` limits
    how many words are respelled.
    """
    words = spelling_vocabulary(version) if vocabulary is None else vocabulary
    changed = False
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        written = match.group()
        out.append(text[last : match.start()])
        last = match.end()
        replacement = None
        if (
            _respellable(text, match)
            and not _known(version, written)
            and (budget is None or budget.may_respell())
        ):
            replacement = _respelling(version, words, fold(written))
        if replacement:
            changed = True
            out.append(_cased_like(written, replacement))
        else:
            out.append(written)
    out.append(text[last:])
    return "".join(out) if changed else None


OPERATORS = frozenset(("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"))


def only_typos(text: str, suggestion: str) -> bool:
    """Whether every word `suggestion` respells in `text` is one no dictionary knows: a typo,
    safe to search respelled, not a real word that the reports happen to lack."""
    return all(
        typed == respelled or not russian.is_word(fold(typed))
        for typed, respelled in zip(WORD.findall(text), WORD.findall(suggestion), strict=False)
    )


def _respellable(text: str, match) -> bool:
    """A query word that is a word to search for: not an operator, a field name, a filter's
    value (`lang:kk`), a prefix (`цифрлан*`) or a number."""
    word, start, end = match.group(), match.start(), match.end()
    if word in OPERATORS or word.isdigit() or text[end : end + 1] in (":", "*"):
        return False
    if text[start - 1 : start] == ":":
        field = re.search(r"(\w+):$", text[:start])
        return field is not None and field.group(1) in FIELD_LANG
    return True


def _known(version: Version, written: str) -> bool:
    """Whether the index or the thesaurus knows the word in some form."""
    word = fold(written)
    if version.knows("words", word):
        return True
    for fieldname, lang in FIELD_LANG.items():
        if any(version.knows(fieldname, key) for key in index_keys(word, lang, True)):
            return True
    return thesaurus().match([written]).size > 0


# Edits a respelling may make: none in words under 4 letters, too short to guess.
def _max_edits(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


def spelling_vocabulary(version: Version) -> list[str]:
    """The words of the reports as written (the `words` field), which respellings come from."""
    return list(version.lexicon("words"))


def _respelling(version: Version, vocabulary: list[str], word: str) -> str | None:
    """The most frequent word of the reports at the fewest edits from `word`.

    Edits are those of optimal string alignment (a swap of two letters is one edit), counted
    over the whole vocabulary by rapidfuzz in C: a search of the index's own took seconds per
    word.
    """
    limit = _max_edits(word)
    if not limit:
        return None
    near = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=None)
    for edits in range(1, limit + 1):
        found = [
            candidate
            for candidate, distance, _ in near
            if 1 <= distance <= edits and len(candidate) >= 3 and not candidate.isdigit()
        ]
        if found:
            return max(found, key=lambda c: (version.doc_frequency("words", c), c))
    return None


def _cased_like(written: str, word: str) -> str:
    """`word` with the capitals of `written`: BIBLIOTEKA, Библиотека or библиотека."""
    if len(written) > 1 and written.isupper():
        return word.upper()
    if written[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
