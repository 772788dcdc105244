"""What `izde search` prints: a result as text for a terminal (its matches bold there), as the
web API's JSON, or as the CSV and RIS lists to take away (search.export)."""

from __future__ import annotations

import html
import json
import re
from functools import partial
from urllib.parse import quote

import click

from search.export import to_csv, to_ris
from search.results import Hit, SearchResult


def printed(result: SearchResult, fmt: str, public_url: str | None) -> str | bytes:
    """`result` in the format `fmt` (text, json, csv, ris); CSV and RIS as bytes (UTF-8 with
    the BOM Excel needs), their links to the site at `public_url`."""
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "ris"):
        link = partial(_document_link, public_url or DEFAULT_SITE)
        return to_csv(result.hits, link) if fmt == "csv" else to_ris(result.hits, link)
    return _text(result)


# Where `izde serve` answers unless told otherwise: the links of an export without a public URL.
DEFAULT_SITE = "http://127.0.0.1:8080/"


def _document_link(site: str, hit: Hit) -> str:
    """The address of a hit's page on the site at `site`."""
    return f"{site.rstrip('/')}/documents/{quote(hit.id, safe='/')}"


# How a hit that does not have every word as typed is labelled.
_MATCHES = {"translated": "through a translation", "partial": "some of the words"}


def _text(result: SearchResult) -> str:
    """The result as lines for a terminal (click.echo drops the bold where it is not one)."""
    lines = []
    if result.fallback:
        lines.append("No report contains all the words; showing reports that match some of them.")
    counts = result.counts
    if result.truncated:
        lines.append("The search stopped early: these are the reports found so far.")
    lines.append(
        f"{result.total} result(s) for {result.query!r}: {counts['full']} with every word, "
        f"{counts['translated']} only through a translation, {counts['partial']} with some "
        "of the words"
    )
    if result.respelled_from is not None:
        lines.append(
            f"Showing results for {result.query!r}; --exact searches {result.respelled_from!r}"
        )
    if result.suggestion:
        lines.append(f"Did you mean: {result.suggestion}")
    for rank, hit in enumerate(result.hits, 1 + (result.page - 1) * result.limit):
        where = f"{hit.id}, p. {hit.page}" if hit.page else hit.id
        meta = ", ".join(filter(None, [hit.lang, hit.date, hit.format, _MATCHES.get(hit.match)]))
        lines.append(f"\n{rank}. {click.style(hit.title, bold=True)}  [{meta}]  {where}")
        lines.append(f"   {_terminal(hit.snippet)}")
    return "\n".join(lines) + "\n"


def _terminal(snippet: str) -> str:
    """A snippet's <mark>ed words in bold, HTML entities decoded, for a terminal."""
    parts = re.split(r"<mark>(.*?)</mark>", snippet)
    return "".join(
        click.style(html.unescape(part), bold=True, underline=True)
        if i % 2
        else html.unescape(part)
        for i, part in enumerate(parts)
    )
