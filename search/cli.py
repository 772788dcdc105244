"""The `izde` command: index folders of reports, search them, show statistics, serve the web app.

Exit codes: 0 success; 1 some files could not be indexed (each is listed with its reason), or
no file could be read at all (extraction workers cannot start); 2 usage error, unusable query or
bad IZDE_… setting; 3 another indexing run holds the index lock; 4 no index yet.
"""

from __future__ import annotations

import datetime as dt
import getpass
import select
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from search.accounts import add_account, check_name
from search.config import Settings, bundled_corpus
from search.errors import QueryError
from search.generations import IndexLocked, IndexMissing
from search.indexer import Indexer, Report, document_count, index_stats
from search.library import EXPORT_LIMIT, MAX_LIMIT, Library
from search.output import printed
from search.sources import SourceFile, list_sources
from search.store import Store
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


# How `izde stats` names the reports in which no date was found.
UNDATED = "(no date)"


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
    """Warnings and failures with the file's full path (one a librarian can find), then the
    summary; files that keep failing unchanged are counted, `izde problems` lists them."""
    if report.rebuilt:
        click.echo(f"note: {report.rebuilt}", err=True)
    for doc_id, reason in report.warnings:
        click.echo(f"warning: {report.where.get(doc_id, doc_id)}: {reason}", err=True)
    for doc_id, reason in report.failed:
        click.echo(f"FAILED {report.where.get(doc_id, doc_id)}: {reason}", err=True)
    still = (
        f", {len(report.still_failing)} still failing as before (izde problems)"
        if report.still_failing
        else ""
    )
    carried = f", {len(report.carried)} of other sources kept" if report.carried else ""
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed{still}{carried} — index folder {settings.index_dir} "
        f"({report.generation})"
    )


@main.command("search")
@index_option
@click.option(
    "--lang", type=click.Choice(["kk", "ru", "en"]), help="Only reports in this language."
)
@click.option(
    "--limit",
    type=click.IntRange(1, EXPORT_LIMIT),
    default=None,
    help=f"How many reports to show [default: 10, at most 100; csv and ris: the whole list, "
    f"at most {EXPORT_LIMIT:,}].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "ris"]),
    default="text",
    show_default=True,
    help="text (matches in bold on a terminal), json (the web API's shape), csv (UTF-8 with a "
    "BOM, for Excel) or ris (Zotero, EndNote); csv and ris link to the documents at "
    "$IZDE_PUBLIC_URL, else at izde serve's default address.",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option(
    "--expand/--no-expand",
    default=True,
    show_default=True,
    help="Also search the words' translations into the other languages.",
)
@click.option(
    "--exact",
    is_flag=True,
    help="Search the query as typed even where no report has all its words (else its "
    "respelling's reports are shown, if some have them all).",
)
@click.argument("query", nargs=-1, required=True)
def search_command(
    index_dir: Path | None,
    lang: str | None,
    limit: int | None,
    fmt: str,
    as_json: bool,
    expand: bool,
    exact: bool,
    query: tuple[str, ...],
) -> None:
    """Search the index. QUERY: words (reports with all of them first, then those with most
    of them), AND, OR, NOT, "phrases", prefix*, lang:kk, year:2021, format:pdf, title:word."""
    fmt = "json" if as_json else fmt
    export = fmt in ("csv", "ris")
    if not export and limit is not None and limit > MAX_LIMIT:
        raise click.BadParameter(f"at most {MAX_LIMIT} with --format {fmt}", param_hint="--limit")
    limit = limit or (EXPORT_LIMIT if export else 10)
    settings = _settings(index_dir)
    library = Library(settings)
    try:
        result = library.search(
            " ".join(query), lang=lang, limit=limit, expand=expand, export=export, respell=not exact
        )
    except QueryError as error:
        raise click.UsageError(str(error)) from error
    except IndexMissing as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(4)
    click.echo(printed(result, fmt, settings.public_url), nl=False)


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
        shown = (f"{key or UNDATED if name == 'year' else key} {n}" for key, n in counts.items())
        click.echo(f"{name}: " + ", ".join(shown))


@main.group("sources", invoke_without_command=True)
@index_option
@click.pass_context
def sources_command(context: click.Context, index_dir: Path | None) -> None:
    """The source folders in the index, with their names and numbers of documents.

    A document's id is its source's name and its path inside that folder.
    """
    context.obj = _settings(index_dir)
    if context.invoked_subcommand:
        return
    try:
        sources = list_sources(context.obj.index_dir)
    except IndexMissing as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(4)
    problems = Counter(problem.root for problem in Store(context.obj.index_dir).problems().values())
    for source in sources:
        missing = "" if Path(source.root).is_dir() else "  (folder not found)"
        failing = f", {problems[source.root]} failing" if problems[source.root] else ""
        click.echo(f"{source.name}\t{source.documents} documents{failing}\t{source.root}{missing}")
    if not sources:
        click.echo("No sources yet: `izde index FOLDER` adds one.")


@sources_command.command("remove")
@click.argument("root")
@click.pass_obj
def sources_remove_command(settings: Settings, root: str) -> None:
    """Remove the documents of the source ROOT (its folder or its name) from the index; its
    files are not touched, and `izde index ROOT` brings them back."""
    try:
        target, removed = Indexer(settings).remove_source(root)
    except IndexLocked as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(3)
    except IndexMissing as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(4)
    if not removed:
        click.echo(f"Error: {root} is not a source; `izde sources` lists them.", err=True)
        sys.exit(2)
    click.echo(f"{removed} documents of {target} removed from the index in {settings.index_dir}")


@main.command("problems")
@index_option
def problems_command(index_dir: Path | None) -> None:
    """Files that could not be indexed, with the reason and since when: fix or remove them;
    unchanged, they do not fail `izde index` again."""
    problems = Store(_settings(index_dir).index_dir).problems()
    for problem in problems.values():
        click.echo(f"{problem.location}: {problem.reason} (since {problem.since})")
    if not problems:
        click.echo("No problems: every file found was indexed.")


@main.group("users")
def users_command() -> None:
    """Staff accounts of the website (stored, with password hashes, in the index folder)."""


@users_command.command("add")
@index_option
@click.option("--admin", is_flag=True, help="May also manage sources and accounts.")
@click.argument("name")
def users_add_command(index_dir: Path | None, admin: bool, name: str) -> None:
    """Add the account NAME. The password is asked for, or read from the first line of
    standard input when that is not a terminal (for scripts)."""
    store = Store(_settings(index_dir).index_dir)
    try:
        check_name(name)
        if sys.stdin.isatty():
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        else:
            password = sys.stdin.readline().rstrip("\r\n")
        add_account(store, name, password, admin, by=_shell_user())
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Account {name} added{' (admin)' if admin else ''} to {store.path}")


@users_command.command("list")
@index_option
def users_list_command(index_dir: Path | None) -> None:
    """The accounts, with their role and when they were added."""
    rows = Store(_settings(index_dir).index_dir).users()
    for row in rows:
        click.echo(f"{row['name']}\t{'admin' if row['admin'] else 'staff'}\t{row['created']}")
    if not rows:
        click.echo("No accounts yet: `izde users add NAME` adds one.")


@users_command.command("remove")
@index_option
@click.argument("name")
def users_remove_command(index_dir: Path | None, name: str) -> None:
    """Remove the account NAME; what it changed stays in the change log."""
    if not Store(_settings(index_dir).index_dir).remove_user(name, by=_shell_user()):
        click.echo(f"Error: there is no account {name!r}; `izde users list` lists them.", err=True)
        sys.exit(2)
    click.echo(f"Account {name} removed")


def _shell_user() -> str:
    """Who made a change from the shell, for the change log."""
    try:
        return f"shell:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "shell"


@main.command("backup")
@index_option
@click.argument("destination", type=click.Path(dir_okay=True, path_type=Path))
def backup_command(index_dir: Path | None, destination: Path) -> None:
    """Copy the staff store (accounts, corrections, withdrawals, the change log, the upload
    queue) to DESTINATION, a file or a folder, consistently while the server runs."""
    store = Store(_settings(index_dir).index_dir)
    if not store.path.exists():
        click.echo(f"Error: there is no store at {store.path} yet: nothing to back up.", err=True)
        sys.exit(4)
    if destination.is_dir():
        destination = destination / f"izde-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    store.backup(destination)
    click.echo(f"The store {store.path} is copied to {destination}")


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
    "--uploads",
    "uploads_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("uploads"),
    show_default=True,
    help="Folder where staff uploads are kept, by year (a source of the index).",
)
@click.option("--private", is_flag=True, help="Searching too needs a staff account.")
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
    uploads_dir: Path,
    private: bool,
    public_url: str | None,
    trusted_proxy: bool | None,
    threads: int | None,
    connection_limit: int | None,
    channel_timeout: float | None,
) -> None:
    """Serve the search website and its JSON API (waitress; Ctrl+C stops it).

    A missing or empty index is built from the corpus first. Later runs of `izde index` are
    picked up without a restart. One indexing worker indexes staff uploads and corrections.
    """
    # The web stack is loaded only here, so that `izde search` starts quickly.
    from waitress import serve

    from web import create_app
    from web.host import PublicURL
    from web.searching import EXTENSION

    settings = _settings(index_dir)
    given: dict[str, Any] = {
        "public_url": public_url,
        "trusted_proxy": trusted_proxy,
        "threads": threads,
        "connection_limit": connection_limit,
        "channel_timeout": channel_timeout,
    }
    settings = replace(settings, **{k: v for k, v in given.items() if v is not None})
    settings = replace(settings, uploads_dir=uploads_dir, private=private)
    if settings.public_url:
        try:
            PublicURL.parse(settings.public_url)
        except ValueError as error:
            raise click.BadParameter(f"expected {error}", param_hint="--public-url") from error
    if _document_count(settings) == 0:
        corpus = corpus or bundled_corpus()
        if not corpus.exists():
            click.echo(
                f"Error: the index folder {settings.index_dir} is empty and there is no corpus at "
                f"{corpus}; pass --corpus FOLDER or run `izde index FOLDER` first.",
                err=True,
            )
            sys.exit(4)
        click.echo(f"The index folder {settings.index_dir} is empty: indexing {corpus} first.")
        _index(settings, [corpus])
    if not Store(settings.index_dir).users():
        click.echo("No staff accounts yet: `izde users add NAME` adds one, for uploads and edits.")
    click.echo(f"Izde is serving {settings.index_dir} at http://{host}:{port}/ (Ctrl+C stops it)")
    app = create_app(settings, worker=True)
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
        return document_count(settings.index_dir)
    except IndexMissing:
        return 0
