"""A document's text as HTML to read: paragraphs, headings and lists, the query's words marked.

The stored text is plain (paragraphs separated by blank lines, printed lines of a PDF by line
breaks); its headings and list items are ranges of it (search.extract.structure). An index
written before those were kept has none, and its documents read as paragraphs. Everything taken
from the document is escaped; each mark has an id, `match-N` (N from 1, in text order over the
whole document), for the page's links and its match-by-match navigation.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left

from search.extract.structure import HEADINGS, LISTS, Block

# A document's own headings sit under the page's: its title is the page's h1, the page markers
# are h3. A level-1 heading of the document is an h3, level 2 an h4, and so on.
HEADING_OFFSET = 2
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def section_html(
    content: str,
    marks: list[tuple[int, int]],
    start: int,
    end: int,
    blocks: list[Block],
    reflow: bool = False,
) -> str:
    """`content[start:end]` as HTML: paragraphs, headings and lists, with `marks` (character
    ranges of `content`, in order) in <mark id="match-N">.

    With `reflow` (a PDF, whose line ends are where the printed lines ended) a paragraph's
    lines run together, and a paragraph ends where a line ends a sentence well short of the
    others; otherwise a paragraph keeps its line breaks."""
    marks = sorted(marks)
    parts: list[str] = []
    open_list = ""
    pieces = _pieces(content, start, end, blocks)
    if reflow:
        pieces = [part for piece in pieces for part in _reflowed(content, *piece)]
    for kind, a, b in pieces:
        wanted_list = kind if kind in LISTS else ""
        if open_list != wanted_list:
            if open_list:
                parts.append(f"</{open_list}>")
            if wanted_list:
                parts.append(f"<{wanted_list}>")
            open_list = wanted_list
        text = _marked(content, marks, a, b)
        if kind in HEADINGS:
            level = min(int(kind[1]) + HEADING_OFFSET, 6)
            parts.append(f'<h{level} class="doc-heading">{text.replace(chr(10), " ")}</h{level}>')
        elif kind in LISTS:
            parts.append(f"<li>{text}</li>")
        elif reflow:
            parts.append(f"<p>{text.replace(chr(10), ' ')}</p>")
        else:
            parts.append(f"<p>{text}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "".join(parts)


def _pieces(content: str, start: int, end: int, blocks: list[Block]) -> list[tuple[str, int, int]]:
    """The section cut into (kind, start, end): its blocks (clipped to it), and paragraphs
    ("p") of the text between them, without their surrounding white space."""
    pieces: list[tuple[str, int, int]] = []
    cursor = start
    for first, last, kind in sorted(blocks):
        a, b = max(first, start), min(last, end)
        if a >= b or a < cursor or kind not in HEADINGS | LISTS:
            continue
        pieces.extend(_paragraphs(content, cursor, a))
        pieces.append((kind, a, b))
        cursor = b
    pieces.extend(_paragraphs(content, cursor, end))
    return pieces


def _paragraphs(content: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found = []
    at = start
    for match in [*_PARAGRAPH_BREAK.finditer(content, start, end), None]:
        stop = match.start() if match else end
        a, b = at, stop
        while a < b and content[a].isspace():
            a += 1
        while b > a and content[b - 1].isspace():
            b -= 1
        if a < b:
            found.append(("p", a, b))
        if match:
            at = match.end()
    return found


# A printed line that ends a sentence and stops this far short of the longest line of its
# paragraph ends the paragraph.
_SHORT_LINE = 0.8
_SENTENCE_END = tuple('.!?:;…»"”')


def _reflowed(content: str, kind: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """A paragraph of printed lines cut where a line ends a sentence short of the others."""
    if kind != "p":
        return [(kind, start, end)]
    lines = content[start:end].split("\n")
    longest = max(len(line) for line in lines)
    found = []
    at = first = start
    for line in lines[:-1]:
        at += len(line) + 1
        if line.rstrip().endswith(_SENTENCE_END) and len(line) < _SHORT_LINE * longest:
            found.append((kind, first, at - 1))
            first = at
    found.append((kind, first, end))
    return found


def _marked(content: str, marks: list[tuple[int, int]], begin: int, end: int) -> str:
    """`content[begin:end]` escaped, the marks wholly inside it in <mark id="match-N">."""
    parts: list[str] = []
    cursor = begin
    first = bisect_left(marks, (begin, begin))
    for number, (a, b) in enumerate(marks[first:], first + 1):
        if a >= end:
            break
        if b > end or a < cursor:
            continue
        parts += [html.escape(content[cursor:a]), f'<mark id="match-{number}">']
        parts += [html.escape(content[a:b]), "</mark>"]
        cursor = b
    parts.append(html.escape(content[cursor:end]))
    return "".join(parts)


def after_title(content: str, *titles: str) -> int:
    """Where a text's body starts when its first line (or lines) is one of `titles`, which a
    hit shows above its snippet: the offset after the title and the line break ending it. 0 when
    the text does not start with a whole title (letter case and white space aside), when the
    title only begins a longer line, or when nothing follows it."""
    for title in titles:
        words = title.split()
        if not words or title.endswith("…"):  # a shortened title: its line goes on
            continue
        at = 0
        for word in words:
            while at < len(content) and content[at].isspace():
                at += 1
            if content[at : at + len(word)].lower() != word.lower():
                break
            at += len(word)
        else:
            rest = content[at:].lstrip(" \t")
            body = len(content) - len(rest.lstrip())
            if rest.startswith("\n") and body < len(content):
                return body
    return 0
