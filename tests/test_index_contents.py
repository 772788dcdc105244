"""The index's contents do not depend on how it was written: one batch by one worker, or many
small batches by two workers (files analysed in batches, with each word's keys kept, segments
merged and their arrays merged with numpy), after updates and deletions too."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from search.config import Settings, bundled_corpus
from search.documents import text_fields
from search.engine.whoosh import arrays, writer
from search.engine.whoosh.arrays import ArrayWriter
from search.engine.whoosh.flush import TextPostings, pool_terms, write_terms
from search.engine.whoosh.schema import Analysed, open_index, schema
from search.extract import extract
from search.indexer import Indexer
from search.language import annotate

pytestmark = pytest.mark.slow  # a dozen indexing runs of the corpus


def contents(index_dir: Path) -> dict[str, object]:
    """Everything the index holds, by document id instead of document number: stored fields,
    columns, field lengths, every term's postings in Whoosh and in the arrays files."""
    ix = open_index(index_dir)
    with ix.reader() as reader:
        ids = {n: reader.stored_fields(n)["id"] for n in reader.all_doc_ids()}
        stored = {ids[n]: reader.stored_fields(n) for n in ids}
        state = reader.column_reader("state")
        columns = {ids[n]: state[n] for n in ids}
        scorable = [name for name, field in schema().items() if field.scorable]
        # A segment without the field at all has no length for it (None), another 0.
        lengths = {ids[n]: [reader.doc_field_length(n, f) or 0 for f in scorable] for n in ids}
        postings = {}
        for name, text in reader.all_terms():
            matcher = reader.postings(name, text)
            found = []
            while matcher.is_active():
                found.append((ids[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
            if found:  # a term only deleted documents had stays in its segment's lexicon
                postings[name, text] = sorted(found)
        kept: dict[int, list] = defaultdict(list)
        for leaf, offset in reader.leaf_readers():
            path = arrays.path_for(index_dir / ix.storage.folder, leaf.segment().segment_id())
            part = arrays.read_part(path)
            # What the arrays file holds is what Whoosh holds: the file written from Whoosh's
            # postings is the same.
            fresh = path.with_name("fresh.arrays")
            arrays.write_segment(leaf, fresh)
            assert by_key(arrays.read_part(fresh), ids, offset) == by_key(part, ids, offset)
            fresh.unlink()
            for key, found in by_key(part, ids, offset).items():
                kept[key].extend(found)
    return {
        "stored": stored,
        "columns": columns,
        "lengths": lengths,
        "postings": postings,
        "arrays": {key: sorted(found) for key, found in kept.items()},
    }


def by_key(part: arrays.Part, ids: dict[int, str], offset: int) -> dict[int, list]:
    """Each term's postings in an arrays file: (document id, weight, positions), those of
    deleted documents left out (ranking leaves them out too)."""
    terms: dict[int, list] = {}
    for n, key in enumerate(part.keys.tolist()):
        start, end = int(part.starts[n]), int(part.ends[n])
        positions = part.positions[part.position_starts[n] : part.position_ends[n]].tolist()
        weights = part.weights[start:end].tolist()
        counts = [int(w) if positions else 0 for w in weights]
        bounds = np.cumsum([0, *counts]).tolist()
        docs = part.ids[start:end].tolist()
        found = [
            (ids[offset + doc], weight, positions[bounds[i] : bounds[i + 1]])
            for i, (doc, weight) in enumerate(zip(docs, weights, strict=True))
            if offset + doc in ids
        ]
        if found:
            terms[key] = found
    return terms


def build(folder: Path, index_dir: Path, **settings: int) -> None:
    Indexer(Settings(index_dir=index_dir, **settings)).run([folder])


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(bundled_corpus(), folder)
    return folder


@pytest.fixture(scope="module")
def written_at_once(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The contents of the bundled corpus's index written in one batch by one worker."""
    index_dir = tmp_path_factory.mktemp("one")
    build(bundled_corpus(), index_dir, workers=1, batch_size=1000)
    return contents(index_dir)


@pytest.mark.parametrize("merge_bytes", [arrays.MERGE_BYTES, 0], ids=["numpy", "streamed"])
def test_batches_workers_and_merges_make_the_same_index(
    written_at_once: dict[str, object],
    tmp_path: Path,
    merge_bytes: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Merged segments' arrays merged with numpy, or (past MERGE_BYTES) streamed as new ones.
    monkeypatch.setattr(arrays, "MERGE_BYTES", merge_bytes)
    build(bundled_corpus(), tmp_path / "many", workers=2, batch_size=2)  # segments of 2 into 16
    assert len(written_at_once["stored"]) == len(list(bundled_corpus().iterdir()))  # type: ignore[arg-type]
    assert contents(tmp_path / "many") == written_at_once


def test_updates_and_deletions_merged_make_the_same_index(library: Path, tmp_path: Path) -> None:
    build(library, tmp_path / "updated", workers=2, batch_size=5)  # 8 segments, none merged
    # Every other file changed, and two deleted: the update's first commit merges the segments
    # of the first build, each with deleted documents, into one.
    files = sorted(library.iterdir())
    for path in files[1::2]:
        if path.suffix in (".txt", ".md"):
            path.write_bytes(path.read_bytes() + b"\n\nA new paragraph about the reading club.\n")
    for path in files[:4:2]:
        path.unlink()
    build(library, tmp_path / "updated", workers=2, batch_size=1)
    build(library, tmp_path / "fresh", workers=1, batch_size=1000)
    assert contents(tmp_path / "updated") == contents(tmp_path / "fresh")


def test_postings_past_the_pool_s_memory_limit_make_the_same_index(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's text postings past the posting pool's limit go to the pool, which sorts them
    on disk: the index is the same."""
    build(library, tmp_path / "one", workers=1, batch_size=1000)
    init, spill = writer._Pool.__init__, TextPostings.spill
    spills = []

    def small(self: writer._Pool, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)
        self.limit = 50_000  # a few reports' postings

    def counted(self: TextPostings, pool: writer._Pool) -> None:
        spills.append(self.size)
        spill(self, pool)

    monkeypatch.setattr(writer._Pool, "__init__", small)
    monkeypatch.setattr(TextPostings, "spill", counted)
    build(library, tmp_path / "spilled", workers=1, batch_size=1000)
    assert len(spills) > 3
    assert contents(tmp_path / "spilled") == contents(tmp_path / "one")


def test_postings_of_words_kept_are_those_of_the_chain() -> None:
    """The worker's analysis (each word's keys kept) gives the postings the field's analyzer
    gives, for every text field of every corpus report, compounds and odd words included."""
    odd = "Усть-Каменогорск, онлайн-семинар library's «кiтап» İstanbul 2021-2022 ёлка ТОРАЙҒЫРОВ"
    for path in sorted(bundled_corpus().iterdir()):
        doc = extract(path)
        annotate(doc)
        for name, value in {**text_fields(doc), "title": odd, "body_ru": odd}.items():
            field = schema()[name]
            analysed = list(field.index(Analysed(field.postings(value))))
            assert analysed == list(field.index(value)), (path.name, name)


def test_postings_written_by_term_are_the_files_whoosh_writes(tmp_path: Path) -> None:
    """The writer's term-at-a-time loop (search.engine.whoosh.flush) writes the terms and
    postings files Whoosh's own posting-at-a-time `add_postings` writes, byte for byte: blocks
    full and partial, lengths present, absent and 0, empty values."""
    stream = []
    texts = [text_fields(annotated(path)) for path in sorted(bundled_corpus().iterdir())]
    for docnum in range(300):  # common terms take several blocks of 128 postings
        for name, value in texts[docnum % len(texts)].items():
            stream += [
                (name, term, docnum, weight, encoded)
                for term, _, weight, encoded in _postings(name, value)
            ]
        stream.append(("lang", b"kk" if docnum % 3 else b"ru", docnum, 1.0, None))
    stream.sort()
    lengths = {
        (docnum, name): (None if docnum % 7 == 0 else docnum % 5)
        for docnum in range(300)
        for name in schema().names()
    }

    class Lengths:
        def doc_field_length(self, docnum: int, fieldname: str) -> int | None:
            return lengths[docnum, fieldname]

    storage = FileStorage(str(tmp_path))
    codec = W3Codec()
    files = []
    # Izde's from one source, and from two (as a merge: documents below 150, then the rest).
    sources = {
        "izde": lambda: [pool_terms(iter(stream))],
        "merged": lambda: [
            pool_terms(p for p in stream if p[2] < 150),
            pool_terms(p for p in stream if p[2] >= 150),
        ],
    }
    for name in ("whoosh", *sources):
        segment = codec.new_segment(storage, name)
        writer = codec.field_writer(storage, segment)
        if name == "whoosh":
            writer.add_postings(schema(), Lengths(), iter(stream))
        else:
            kept = ArrayWriter(schema(), tmp_path)
            of = lambda field: [lengths[docnum, field] for docnum in range(300)]  # noqa: E731
            write_terms(writer, schema(), of, sources[name](), kept, 300)
        writer.close()
        files.append(sorted(p for p in tmp_path.iterdir() if p.name.startswith(f"{name}_")))
    assert [[p.suffix for p in found] for found in files] == [[".pst", ".trm"]] * 3
    for ours in files[1:]:
        for mine, theirs in zip(ours, files[0], strict=True):
            assert mine.read_bytes() == theirs.read_bytes(), mine.name


def annotated(path: Path):
    doc = extract(path)
    annotate(doc)
    return doc


def _postings(name: str, value: str) -> list[tuple]:
    return list(schema()[name].index(Analysed(schema()[name].postings(value))))
