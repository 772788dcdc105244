"""An indexed text's search keys and their positions, each distinct word analysed once.

The chain yields one token after another through a generator per filter, and a collection's
words repeat: a short report's few hundred words are mostly ones the worker has analysed before.
For a chain of the word tokenizer and filters that work word by word, the keys of each word are
kept (per process), and a text is its words looked up: the same keys at the same positions as
the chain's tokens, in the same order, at a fraction of the cost.
"""

from __future__ import annotations

from search.analysis.chain import Chain
from search.analysis.tokenize import WORD, WordTokenizer

# Words kept per chain; past this the chain's words are forgotten and learnt again (a worker's
# memory stays bounded however large the collection).
WORDS_KEPT = 100_000

_keys: dict[Chain, dict[str, tuple[str, ...]]] = {}


def key_positions(chain: Chain, text: str) -> dict[str, list[int]] | None:
    """Each key the chain makes of `text` in index mode, in the order of its first token, with
    the positions of its tokens; None when the chain's analysis is not word by word."""
    if type(chain.tokenizer) is not WordTokenizer or not all(f.per_word for f in chain.filters):
        return None
    known = _keys.setdefault(chain, {})
    positions: dict[str, list[int]] = {}
    for pos, match in enumerate(WORD.finditer(text)):
        word = match.group()
        keys = known.get(word)
        if keys is None:
            if len(known) >= WORDS_KEPT:
                known.clear()
            # The word alone is one match of WORD: its tokens are those it makes in the text
            # (a compound's parts included), at one position.
            tokens = chain(word, mode="index")
            keys = known[word] = tuple(token.text for token in tokens if not token.stopped)
        for key in keys:
            if key in positions:
                positions[key].append(pos)
            else:
                positions[key] = [pos]
    return positions
