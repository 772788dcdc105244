"""Text analysis: tokens with offsets, folded, normalised to per-language search keys.

`analyzer(lang)` is the chain used for a per-language body field ("kk", "ru", "en") or for a
field of mixed or unknown language ("any"); indexing and querying use the same chain. Called on a
text (`analyzer("kk")(text, mode="query", positions=True)`) it yields tokens with `.text`, the
search key, and `.pos`; an engine wraps the chain in its own analyzer type.
"""

from __future__ import annotations

from search.analysis.chain import Chain
from search.analysis.filters import FoldFilter, NormalizeFilter, fold
from search.analysis.tokenize import WORD, WordTokenizer

__all__ = ["KEYS_VERSION", "WORD", "analyzer", "fold", "surface_analyzer"]

# Raise it whenever a change gives some word other search keys (a new stemmer rule, another
# normal form): an index written with other keys would miss words, so it is rebuilt.
KEYS_VERSION = 8


def analyzer(lang: str) -> Chain:
    """Tokenize, fold case and ё, normalise to `lang`'s search keys."""
    return WordTokenizer() | FoldFilter() | NormalizeFilter(lang)


def surface_analyzer() -> Chain:
    """Folded surface words, no normalisation: the vocabulary for spelling suggestions."""
    return WordTokenizer() | FoldFilter()
