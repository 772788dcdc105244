"""The `izde` command: index folders of reports, search them, show statistics, serve the web app.

Exit codes: 0 success; 1 some files could not be indexed (each is listed with its reason), or
no file could be read at all (extraction workers cannot start); 2 usage error, unusable query or
bad IZDE_… setting; 3 another indexing run holds the index lock; 4 no index yet.
"""

from __future__ import annotations

import html
import json
import re
import select
import sys
from dataclasses import replace
from pathlib import Path

import click

from search.config import Settings, bundled_corpus
from search.index import (
    Indexer,
    IndexLocked,
    IndexMissing,
    Report,
    SourceFile,
    index_stats,
    open_index,
)
from search.query import Library, QueryError, SearchResult
from search.workers import WorkerError

index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index directory [default: $IZDE_INDEX, else ./index].",
)


def _settings(index_dir: Path | None) -> Settings:
    """The command's settings; a bad `IZDE_…` variable is a usage error (exit code 2)."""
    try:
        return Settings.from_env(index_dir)
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="izde")
def main() -> None:
    """Izde: search library reports in Kazakh, Russian and English."""


@main.command("index")
@index_option
@click.option("--rebuild", is_flag=True, help="Build a fresh index and swap it in atomically.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def index_command(index_dir: Path | None, rebuild: bool, paths: tuple[Path, ...]) -> None:
    """Add new, replace changed and remove vanished reports under PATH... in the index."""
    settings = _settings(index_dir)
    report = _index(settings, list(paths), rebuild)
    sys.exit(1 if report.failed else 0)


def _index(settings: Settings, paths: list[Path], rebuild: bool = False) -> Report:
    """Index `paths` with a progress bar and print the summary; exit 3 when the index is locked."""
    with click.progressbar(
        length=0, label="Indexing", file=sys.stderr, show_pos=True, item_show_func=_shown
    ) as bar:

        def progress(source: SourceFile, total: int) -> None:
            bar.length = total
            bar.update(1, source)

        try:
            report = Indexer(settings).run(paths, rebuild=rebuild, progress=progress)
        except IndexLocked as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(3)
        except WorkerError as error:  # nothing was read; what was indexed before stays
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)
    _print_report(report, settings)
    return report


def _shown(source: SourceFile | None) -> str | None:
    return source.doc_id[-40:] if source else None


def _print_report(report: Report, settings: Settings) -> None:
    for doc_id, reason in report.warnings:
        click.echo(f"warning: {doc_id}: {reason}", err=True)
    for doc_id, reason in report.failed:
        click.echo(f"FAILED {doc_id}: {reason}", err=True)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed — index {settings.index_dir} ({report.generation})"
    )


@main.command("search")
@index_option
@click.option(
    "--lang", type=click.Choice(["kk", "ru", "en"]), help="Only reports in this language."
)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option(
    "--expand/--no-expand",
    default=True,
    show_default=True,
    help="Also search the words' translations into the other languages.",
)
@click.argument("query", nargs=-1, required=True)
def search_command(
    index_dir: Path | None,
    lang: str | None,
    limit: int,
    as_json: bool,
    expand: bool,
    query: tuple[str, ...],
) -> None:
    """Search the index. QUERY uses Whoosh syntax: AND by default, OR, NOT, "phrases",
    prefix*, lang:kk, year:2021, title:word."""
    library = Library(_settings(index_dir))
    try:
        result = library.search(" ".join(query), lang=lang, limit=limit, expand=expand)
    except QueryError as error:
        raise click.UsageError(str(error)) from error
    except IndexMissing as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(4)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_result(result)


def _print_result(result: SearchResult) -> None:
    if result.fallback:
        click.echo("No report contains all the words; showing reports that match some of them.")
    if result.truncated:
        click.echo("The search stopped early: these are the reports found so far.")
    click.echo(f"{result.total} result(s) for {result.query!r}")
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")
    for rank, hit in enumerate(result.hits, 1 + (result.page - 1) * result.limit):
        where = f"{hit.path}, p. {hit.page}" if hit.page else hit.path
        meta = ", ".join(filter(None, [hit.lang, hit.date, hit.format]))
        click.echo(f"\n{rank}. {click.style(hit.title, bold=True)}  [{meta}]  {where}")
        click.echo(f"   {_terminal(hit.snippet)}")


def _terminal(snippet: str) -> str:
    """A snippet's <mark>ed words in bold, HTML entities decoded, for a terminal."""
    parts = re.split(r"<mark>(.*?)</mark>", snippet)
    return "".join(
        click.style(html.unescape(part), bold=True, underline=True)
        if i % 2
        else html.unescape(part)
        for i, part in enumerate(parts)
    )


@main.command("stats")
@index_option
def stats_command(index_dir: Path | None) -> None:
    """Documents in the index by language, format and year."""
    try:
        stats = index_stats(_settings(index_dir).index_dir)
    except IndexMissing as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(4)
    click.echo(f"generation: {stats['generation']}\ndocuments: {stats['documents']}")
    for name in ("lang", "format", "year"):
        counts = stats[name]
        click.echo(f"{name}: " + ", ".join(f"{key} {count}" for key, count in counts.items()))


@main.command("serve")
@index_option
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Reports to index first when the index is missing or empty [default: bundled corpus/].",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8080,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--public-url",
    default=None,
    help="Address readers reach the site at, e.g. https://search.example.kz/: links and "
    "redirects use it, other hosts are refused [default: $IZDE_PUBLIC_URL, else any host].",
)
@click.option(
    "--trusted-proxy",
    is_flag=True,
    default=None,
    help="Trust the proxy in front for the client's address, scheme and host "
    "(X-Forwarded-For, -Proto, -Host, -Port, -Prefix) [default: $IZDE_TRUSTED_PROXY].",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 256),
    default=None,
    help="Threads answering requests [default: $IZDE_THREADS, else 6].",
)
@click.option(
    "--connection-limit",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Connections kept open at once [default: $IZDE_CONNECTION_LIMIT, else 1000].",
)
@click.option(
    "--channel-timeout",
    type=click.FloatRange(1, 3600),
    default=None,
    help="Seconds a silent connection stays open [default: $IZDE_CHANNEL_TIMEOUT, else 30].",
)
def serve_command(
    index_dir: Path | None,
    corpus: Path | None,
    host: str,
    port: int,
    public_url: str | None,
    trusted_proxy: bool | None,
    threads: int | None,
    connection_limit: int | None,
    channel_timeout: float | None,
) -> None:
    """Serve the search website and its JSON API (waitress; Ctrl+C stops it).

    A missing or empty index is built from the corpus first. Later runs of `izde index` are
    picked up without a restart.
    """
    # The web stack is loaded only here, so that `izde search` starts quickly.
    from waitress import serve

    from web import create_app
    from web.searching import EXTENSION

    settings = _settings(index_dir)
    given = {
        "public_url": public_url,
        "trusted_proxy": trusted_proxy,
        "threads": threads,
        "connection_limit": connection_limit,
        "channel_timeout": channel_timeout,
    }
    settings = replace(settings, **{k: v for k, v in given.items() if v is not None})
    try:
        app = create_app(settings)
    except ValueError as error:
        raise click.BadParameter(f"expected {error}", param_hint="--public-url") from error
    if _document_count(settings) == 0:
        corpus = corpus or bundled_corpus()
        if not corpus.exists():
            click.echo(
                f"Error: the index {settings.index_dir} is empty and there is no corpus at "
                f"{corpus}; pass --corpus FOLDER or run `izde index FOLDER` first.",
                err=True,
            )
            sys.exit(4)
        click.echo(f"The index {settings.index_dir} is empty: indexing {corpus} first.")
        _index(settings, [corpus])
    click.echo(f"Izde is serving {settings.index_dir} at http://{host}:{port}/ (Ctrl+C stops it)")
    if settings.public_url:
        click.echo(f"Readers reach it at {settings.public_url}")
    # A new index version is searched once its caches are built (search.warm).
    app.extensions[EXTENSION].start_warming()
    serve(app, host=host, port=port, **waitress_options(settings))


def waitress_options(settings: Settings) -> dict[str, object]:
    """waitress's limits from the settings. Idle connections are looked for twice per
    timeout, and with poll() where there is one: select() takes at most 1,024 sockets."""
    return {
        "threads": settings.threads,
        "connection_limit": settings.connection_limit,
        "channel_timeout": settings.channel_timeout,
        "cleanup_interval": max(1, min(30, int(settings.channel_timeout / 2))),
        "asyncore_use_poll": hasattr(select, "poll"),
        "ident": "Izde",
    }


def _document_count(settings: Settings) -> int:
    try:
        return open_index(settings.index_dir).doc_count()
    except IndexMissing:
        return 0
