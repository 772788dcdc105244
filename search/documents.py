"""A report as the index's fields: what the workers analyse, what the writer puts, and how a
stored document is made into one again (to apply a correction, or to carry it into a new
generation) without reading its file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from search import corrections as corrections_module
from search import language
from search.engine import engine
from search.events import event_types
from search.extract.base import Document
from search.fields import BODY_FIELDS
from search.sources import SourceFile
from search.workers import Job, read_document


def text_fields(doc: Document) -> dict[str, str]:
    """The analysed fields that come from the document alone: its text routed to per-language
    fields by paragraph, the words field, and the title if the document has one (else the
    title is the file's name, which only the indexer knows)."""
    bodies: dict[str, list[str]] = {lang: [] for lang in language.LANGUAGES}
    for start, end, lang in doc.spans:
        bodies[lang].append(doc.text[start:end])
    return {
        **({"title": doc.title} if doc.title else {}),
        **{BODY_FIELDS[lang]: "\n\n".join(parts) for lang, parts in bodies.items() if parts},
        "words": f"{doc.title}\n\n{doc.text}",
    }


def analyse(doc: Document, progress: Callable[[], None]) -> dict[str, object]:
    """Each of `text_fields(doc)` analysed by the engine, exactly as its writer would analyse
    the text; `progress` is called between fields (a long report takes seconds)."""
    analysed = {}
    for name, value in text_fields(doc).items():
        analysed[name] = engine().analyse(name, value)
        progress()
    return analysed


def read_and_analyse(path: Path, job: Job, progress: Callable[[], None]) -> Document:
    """The indexer's task in an extraction worker: read the file, then analyse its text there.
    Analysis (morphology) is most of a report's indexing cost, and the writer is one process
    while the workers are many; so are the event types (their patterns, over the folded text)."""
    doc = read_document(path, job, progress)
    doc.postings = analyse(doc, progress)
    doc.events = event_types(doc.title, doc.text)
    return doc


def index_fields(
    source: SourceFile, doc: Document, corrections: dict[str, str] | None = None
) -> dict[str, object]:
    """The index document for one file, with the staff's `corrections` applied."""
    main = doc.languages[0] if doc.languages else ""
    location = str(source.path.resolve())
    root = str(source.root or source.path.resolve().parent)
    doc_id = source.id or source.doc_id
    fields = {
        "id": doc_id,
        "path": source.doc_id,
        "root": root,
        "source": location,
        "title": PurePosixPath(source.doc_id).stem,
        **text_fields(doc),
        "content": doc.text,
        "spans": doc.spans,
        "pages": doc.page_offsets,
        "blocks": doc.blocks,
        "lang": main,
        "languages": ",".join(doc.languages),
        "author": doc.author,
        "date": doc.date.isoformat() if doc.date else "",
        "year": str(doc.date.year) if doc.date else "",
        "format": doc.format,
        "event": ",".join(event_types(doc.title, doc.text) if doc.events is None else doc.events),
        "size": source.size,
        "mtime_ns": source.mtime_ns,
        "sha256": doc.sha256,
        "state": (
            doc_id,
            root,
            source.doc_id,
            location,
            source.size,
            source.mtime_ns,
            doc.sha256,
        ),
        "auto": {
            "title": doc.title,
            "date": doc.date.isoformat() if doc.date else "",
            "author": doc.author,
        },
        "hidden": "",
    }
    return corrections_module.apply(fields, corrections or {})


def stored_document(entry: dict, stored: dict) -> tuple[SourceFile, Document]:
    """The file and document that an index entry was made from, to index it again as it was
    found (corrections are applied again by the caller)."""
    source = SourceFile(
        entry["path"],
        Path(entry["source"]),
        entry["size"],
        entry["mtime_ns"],
        Path(entry["root"]),
        entry["id"],
    )
    found = stored.get("auto") or stored
    doc = Document(
        text=stored["content"],
        format=stored["format"],
        title=found["title"],
        author=found["author"],
        date=dt.date.fromisoformat(found["date"]) if found["date"] else None,
        page_offsets=stored["pages"],
        size=stored["size"],
        sha256=stored["sha256"],
        languages=stored["languages"].split(",") if stored["languages"] else [],
        spans=stored["spans"],
        blocks=stored.get("blocks") or [],
    )
    return source, doc
