"""Tokens and the chain that makes them: a tokenizer, then filters, composed with `|`.

Izde's analysis is its own, whatever engine indexes the keys it makes: an engine wraps the chain
in its own analyzer type (search/engine/). The shape is the common one: the tokenizer yields
one Token object over and over, changing its attributes, and each filter changes or repeats the
tokens it is given; a consumer copies a token it wants to keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class Token:
    """A word of the text: `text`, and as asked by the caller its position (`pos`) and
    character offsets (`startchar`, `endchar`); `mode` is "index" or "query". Other attributes
    given (or set by a filter) are kept as they are."""

    def __init__(
        self,
        positions: bool = False,
        chars: bool = False,
        removestops: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> None:
        self.positions = positions
        self.chars = chars
        self.stopped = False
        self.boost = 1.0
        self.removestops = removestops
        self.mode = mode
        self.text = ""
        self.__dict__.update(kwargs)

    # Attributes a tokenizer sets when asked (positions, chars, keeporiginal), or a filter adds.
    pos: int
    startchar: int
    endchar: int
    original: str
    capital: bool

    def __repr__(self) -> str:
        attributes = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"Token({attributes})"

    def copy(self) -> Token:
        """A token to keep: the chain reuses the one it yields."""
        return Token(**self.__dict__)


class _Part:
    """A tokenizer or filter: equal to another of its class with the same settings."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(self.__dict__.items()))))

    def __repr__(self) -> str:
        settings = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({settings})"


class Filter(_Part):
    """Changes, drops or repeats the tokens it is given."""

    # Whether the tokens it makes of a token depend on that token alone (its text and mode),
    # not on its neighbours: then a chain's analysis of a word may be kept for the next time.
    per_word = False

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        raise NotImplementedError


class Tokenizer(_Part):
    """Splits a text into tokens; `tokenizer | filter` makes a chain."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        raise NotImplementedError

    def __or__(self, other: Filter) -> Chain:
        return Chain(self, (other,))


class Chain:
    """A tokenizer and its filters: called on a text with the tokenizer's options
    (`positions`, `chars`, `mode`…), it yields the filtered tokens."""

    def __init__(self, tokenizer: Tokenizer, filters: tuple[Filter, ...] = ()) -> None:
        self.tokenizer = tokenizer
        self.filters = filters

    def __or__(self, other: Filter) -> Chain:
        return Chain(self.tokenizer, (*self.filters, other))

    def __call__(self, value: str, **kwargs: object) -> Iterator[Token]:
        tokens = self.tokenizer(value, **kwargs)
        for step in self.filters:
            tokens = step(tokens)
        return tokens

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Chain)
            and other.tokenizer == self.tokenizer
            and other.filters == self.filters
        )

    def __hash__(self) -> int:
        return hash((self.tokenizer, self.filters))

    def __repr__(self) -> str:
        return " | ".join(repr(part) for part in (self.tokenizer, *self.filters))
