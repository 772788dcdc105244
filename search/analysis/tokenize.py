"""Word tokenizer that keeps character offsets and finds hyphenated names whole and by parts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from search.analysis.chain import Token, Tokenizer

# A word is a run of letters/digits; apostrophes join English clitics (library's), hyphens join
# compounds (Усть-Каменогорск, онлайн-семинар). Underscore is not a letter.
_PIECE = r"[^\W_]+"
WORD = re.compile(rf"{_PIECE}(?:['’]{_PIECE})?(?:[-‐‑]{_PIECE}(?:['’]{_PIECE})?)*")
# A query word may also be Kazakh in the 2017 Latin alphabet, where an apostrophe after a letter
# makes another letter, several in a word and at its end (s'yg'armas'ylyq, kitaphananyn').
# Indexed text keeps WORD: there «rock'n'roll» is found by «roll», and 2017 spelling is rare.
_PIECES_2017 = rf"{_PIECE}(?:['’]{_PIECE})*(?:(?<=[aougsnciyAOUGSNCIY])['’](?!\w))?"
QUERY_WORD = re.compile(rf"{_PIECES_2017}(?:[-‐‑]{_PIECES_2017})*")
HYPHEN = re.compile(r"[-‐‑]")


class WordTokenizer(Tokenizer):
    """Unicode word tokens with exact character offsets into the original text.

    At index time a hyphenated compound yields the whole word and then each part, all at the
    compound's position: «Усть-Каменогорск» is found by itself, by «Каменогорск», and inside
    phrases on either side. A query keeps the compound whole, so it matches the whole word, and
    reads apostrophes as the 2017 Kazakh alphabet writes them (`QUERY_WORD`).
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield _fill(token, value, start_pos, start_char, start_char + len(value), keeporiginal)
            return
        words = QUERY_WORD if mode == "query" else WORD
        for pos, match in enumerate(words.finditer(value), start_pos):
            start, end = start_char + match.start(), start_char + match.end()
            word = match.group()
            yield _fill(token, word, pos, start, end, keeporiginal)
            if mode == "query" or not HYPHEN.search(word):
                continue
            offset = start
            for part in HYPHEN.split(word):
                yield _fill(token, part, pos, offset, offset + len(part), keeporiginal)
                offset += len(part) + 1


def _fill(token: Token, text: str, pos: int, start: int, end: int, keeporiginal: bool) -> Token:
    token.text = text
    token.boost = 1.0
    token.stopped = False
    if keeporiginal:
        token.original = text
    if token.positions:
        token.pos = pos
    if token.chars:
        token.startchar = start
        token.endchar = end
    return token
