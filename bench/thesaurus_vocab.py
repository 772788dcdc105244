"""The most frequent content words of the sample corpus and the benchmark corpus, by language.

Usage::

    python bench/thesaurus_vocab.py [--n 300] [--top 400] [--uncovered] [--out FILE]

Text is read with Izde's own extractors and language detection (`corpus/`, and a generated
benchmark corpus of `--n` text reports in a temporary folder), cut into words, and each word
analysed into its language's search keys, as the index does. A key's document frequency counts
the reports it occurs in; its most frequent written form stands for it. `--uncovered` lists only
keys that no thesaurus term of that language has: the candidates for new concepts. The
thesaurus's frequency-list entries (`search/data/thesaurus-frequent.tsv`) were written from this
list, so it is the provenance of those entries.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import generate_corpus  # noqa: E402

from search import language  # noqa: E402
from search.analysis import WORD, fold  # noqa: E402
from search.analysis.keys import search_keys  # noqa: E402
from search.engine.whoosh.expansion import FUNCTION_WORDS  # noqa: E402
from search.extract import SUPPORTED_SUFFIXES, ExtractionError, extract  # noqa: E402
from search.thesaurus import LANGUAGES, thesaurus  # noqa: E402

CORPUS = ROOT / "corpus"


def report_texts(folder: Path) -> Iterator[str]:
    """The text of every report under `folder` that Izde can read."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            try:
                yield extract(path).text
            except ExtractionError:
                continue


def generated_texts(n: int) -> Iterator[str]:
    """The text of the first `n` benchmark reports, generated into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="izde-vocab-") as tmp:
        generate_corpus.generate(Path(tmp), n, text_only=True, jobs=1)
        yield from report_texts(Path(tmp))


def document_keys(text: str) -> dict[tuple[str, str], str]:
    """(language, key) of each content word of a report, with the word that gave it."""
    keys: dict[tuple[str, str], str] = {}
    for start, end, lang in language.paragraph_languages(text, language.detect(text)):
        for word in WORD.findall(text[start:end]):
            folded = fold(word)
            if len(folded) < 3 or folded in FUNCTION_WORDS or any(c.isdigit() for c in folded):
                continue
            for key in search_keys(folded, lang)[:1]:
                keys.setdefault((lang, key), folded)
    return keys


def frequencies(texts: Iterator[str]) -> tuple[Counter, dict, int]:
    """Document frequency of each (language, key), its commonest form, and the report count."""
    df: Counter = Counter()
    forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
    reports = 0
    for text in texts:
        reports += 1
        for lang_key, word in document_keys(text).items():
            df[lang_key] += 1
            forms[lang_key][word] += 1
    return df, {k: c.most_common(1)[0][0] for k, c in forms.items()}, reports


def covered() -> set[tuple[str, str]]:
    """(language, key) pairs that some thesaurus term of that language has."""
    return {
        pair
        for concept in thesaurus().concepts
        for term in concept.terms
        for word in term.keys
        for pair in word
        if pair[0] in LANGUAGES
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="generated benchmark reports")
    parser.add_argument("--top", type=int, default=400, help="keys per language")
    parser.add_argument("--uncovered", action="store_true", help="only keys no term has")
    parser.add_argument("--out", type=Path, help="write the list here instead of stdout")
    args = parser.parse_args()

    df, form, reports = frequencies(
        text for source in (report_texts(CORPUS), generated_texts(args.n)) for text in source
    )
    known = covered() if args.uncovered else set()
    lines = [f"# {reports} reports: corpus/ and {args.n} generated benchmark reports"]
    for lang in LANGUAGES:
        ranked = [(k, n) for k, n in df.most_common() if k[0] == lang and k not in known]
        lines.append(f"## {lang}: {sum(1 for k in df if k[0] == lang)} keys")
        lines += [f"{lang}\t{n}\t{key}\t{form[(lang, key)]}" for (_, key), n in ranked[: args.top]]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
