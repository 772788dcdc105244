"""A document's headings and list items, as ranges of its cleaned text.

Extractors read structure where the format has it (HTML and Markdown tags, Word styles, PDF font
sizes) as the blocks' own texts, in reading order; `locate` finds them in `Document.text` once
that is cleaned, so the text itself (what is searched, snippeted and counted) stays exactly as it
would be without them. A block that cannot be found is left out: the document page then shows
that stretch as a plain paragraph.

A block is `(start, end, kind)`: kind "h1" … "h6" (a heading of that level), "ul" or "ol" (an
item of a bulleted or numbered list).
"""

from __future__ import annotations

from search.extract.clean import clean_text

Block = tuple[int, int, str]

HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
LISTS = frozenset({"ul", "ol"})
KINDS = HEADINGS | LISTS
# How far past the previous block the next one is looked for: a report's paragraphs between two
# headings are far shorter, and a block that is not found must not cost a read of the whole text.
_WINDOW = 200_000


def locate(text: str, found: list[tuple[str, str]], join_hyphens: bool = False) -> list[Block]:
    """Where each `(kind, raw text)` block is in the cleaned `text`: whole lines, in order.
    `join_hyphens` as the text was cleaned (see clean_text)."""
    blocks: list[Block] = []
    cursor = 0
    for kind, raw in found:
        if kind not in KINDS:
            continue
        wanted = clean_text(raw, join_hyphens)
        if not wanted:
            continue
        at = _whole_lines(text, wanted, cursor)
        if at < 0:
            continue
        blocks.append((at, at + len(wanted), kind))
        cursor = at + len(wanted)
    return blocks


def _whole_lines(text: str, wanted: str, start: int) -> int:
    """The first place from `start` where `wanted` is one or more whole lines of `text`, or -1."""
    limit = min(len(text), start + len(wanted) + _WINDOW)
    at = text.find(wanted, start, limit)
    while at >= 0:
        end = at + len(wanted)
        if (at == 0 or text[at - 1] == "\n") and (end == len(text) or text[end] == "\n"):
            return at
        at = text.find(wanted, at + 1, limit)
    return -1


def clipped(blocks: list[Block], length: int) -> list[Block]:
    """The blocks of a text cut to `length` characters: those that end within it."""
    return [block for block in blocks if block[1] <= length]
