"""Mechanical review of the thesaurus: what to fix before a concept can mislead a search.

Usage::

    python bench/thesaurus_review.py [--n 300] [--df 0.25] [--all]

Prints, for all thesaurus files (`search/data/thesaurus*.tsv`):

- concepts by file and section (the "# Heading" after a bare "#" line), and by source
  (professional vocabulary, general vocabulary of reports and news, frequency lists, the core
  compiled before issue 12), as each file's "# Source:" line says;
- terms with a word that has no search key in its language (it could never be found);
- concepts without a term in one of kk, ru, en;
- false merges: a term that, read as a query, also names another concept. This is the search's
  own view (`Thesaurus.match`, with every language's keys and the cross-script keys), so it
  catches Kazakh stems that meet, Russian normal forms shared by two words, English stems
  ("publication" and "public") and Latin spellings alike. Merges inside the core file, which
  predates the review, are counted apart;
- keys whose document frequency in `corpus/` and `--n` generated benchmark reports is above
  `--df`: a concept named by such a word expands half the collection;
- words of those reports that name a concept only through another language's reading or a
  cross-script key (Russian «семей» as the city Семей, Kazakh «күнделікті» as "Kundelik"):
  a query with the word would expand to a concept it does not mean;
- the largest expansion a single word gets, against the query parser's cap per concept.

Exit status 1 when a domain file has a merge, a keyless word or a missing language, so the
review can gate a change.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from thesaurus_vocab import CORPUS, frequencies, generated_texts, report_texts  # noqa: E402

from search import language  # noqa: E402
from search.analysis import WORD, fold  # noqa: E402
from search.analysis.keys import search_keys  # noqa: E402
from search.engine.whoosh.expansion import ExpansionPlugin  # noqa: E402
from search.thesaurus import DATA, LANGUAGES, Concept, data_files, thesaurus  # noqa: E402

CORE = DATA.name


def sections() -> dict[str, str]:
    """file:line of every concept line → "file / section heading"."""
    out: dict[str, str] = {}
    for path in data_files():
        heading, bare = "", False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#"):
                if bare and line.startswith("# "):
                    heading = line[2:].strip()
                bare = line.strip() == "#"
            elif line.strip():
                out[f"{path.name}:{number}"] = f"{path.name} / {heading}"
                bare = False
    return out


def origin(concept: Concept) -> str:
    """The kind of source the concept's file names in its "# Source:" line."""
    name = concept.source.split(":")[0]
    if name == CORE:
        return "core (before issue 12)"
    source = _sources().get(name, "")
    if "frequency lists" in source:
        return "frequency lists"
    return "general vocabulary" if "general vocabulary" in source else "professional vocabulary"


@cache
def _sources() -> dict[str, str]:
    """File name → its "# Source:" line."""
    out: dict[str, str] = {}
    for path in data_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# Source:"):
                out[path.name] = line
                break
    return out


def foreign_readings(texts: list[str]) -> dict[tuple[str, str], list[Concept]]:
    """(language, word) of the reports → the concepts it names although no one-word term of its
    own language has its key."""
    found: dict[tuple[str, str], list[Concept]] = {}
    seen: set[tuple[str, str]] = set()
    for text in texts:
        for start, end, lang in language.paragraph_languages(text, language.detect(text)):
            for word in WORD.findall(text[start:end]):
                folded = fold(word)
                if (lang, folded) in seen:
                    continue
                seen.add((lang, folded))
                own = {(lang, key) for key in search_keys(folded, lang)}
                others = [
                    concept
                    for concept in thesaurus().match([word]).concepts
                    if not any(
                        own & term.keys[0]
                        for term in concept.terms
                        if term.lang == lang and len(term.keys) == 1
                    )
                ]
                if others:
                    found[(lang, folded)] = others
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="generated benchmark reports")
    parser.add_argument("--df", type=float, default=0.25, help="share of reports that is noisy")
    parser.add_argument("--all", action="store_true", help="list every finding, not the first 40")
    args = parser.parse_args()
    shown = None if args.all else 40
    concepts = thesaurus().concepts
    where = sections()
    failed = False

    print(f"concepts: {len(concepts)} in {len(data_files())} files")
    print(f"terms: {sum(len(c.terms) for c in concepts)}")
    for label, count in Counter(origin(c) for c in concepts).most_common():
        print(f"  {count:5d}  {label}")
    print("\nby file and section:")
    for label, count in sorted(Counter(where[c.source] for c in concepts).items()):
        print(f"  {count:5d}  {label}")

    keyless = [
        (c, t.text)
        for c in concepts
        for t in c.terms
        if not all(any(lang in LANGUAGES for lang, _ in word) for word in t.keys)
    ]
    print(f"\nterms with a word that has no key in its language: {len(keyless)}")
    for concept, text in keyless[:shown]:
        print(f"  {concept.source}: {text}")
    missing = [c for c in concepts if {t.lang for t in c.terms} != set(LANGUAGES)]
    print(f"concepts missing a language: {len(missing)}")
    for concept in missing[:shown]:
        print(f"  {concept.source}")

    found = [(a, term.text, b) for a, term, b in thesaurus().merges()]
    core = [m for m in found if CORE in m[0].source and CORE in m[2].source]
    new = [m for m in found if m not in core]
    pairs = {frozenset((a.source, b.source)) for a, _, b in new}
    print(f"\nfalse merges (a term names another concept): {len(new)} terms, {len(pairs)} pairs")
    print(f"  (inside the core file, before issue 12: {len(core)} terms; --all lists them)")
    for concept, text, other in new[:shown]:
        print(f"  {concept.source} «{text}» → {other.source} {other.terms[0].text}|…")
    for concept, text, other in core[: None if args.all else 0]:
        print(f"  core: {concept.source} «{text}» → {other.source} {other.terms[0].text}|…")
    failed |= bool(keyless or missing or new)

    texts = [t for source in (report_texts(CORPUS), generated_texts(args.n)) for t in source]
    df, form, reports = frequencies(iter(texts))
    used: dict[tuple[str, str], set[str]] = defaultdict(set)
    for concept in concepts:
        for term in concept.terms:
            if len(term.keys) == 1:
                for lang, key in term.keys[0]:
                    if lang in LANGUAGES:
                        used[(lang, key)].add(concept.source)
    noisy = sorted(((df[k] / reports, k) for k in used if df[k] / reports > args.df), reverse=True)
    print(f"\nsingle-word keys in more than {args.df:.0%} of {reports} reports: {len(noisy)}")
    for share, (lang, key) in noisy[:shown]:
        print(
            f"  {share:5.0%}  {lang} {form[(lang, key)]}  ({', '.join(sorted(used[(lang, key)]))})"
        )

    foreign = foreign_readings(texts)
    print(f"\nreport words that name a concept only through another reading: {len(foreign)}")
    for (lang, word), others in list(foreign.items())[:shown]:
        print(f"  {lang} {word} → {', '.join(f'{c.source} {c.terms[0].text}' for c in others)}")

    widest = Counter()
    for concept in concepts:
        for term in concept.terms:
            if len(term.keys) == 1:
                widest[term.text] = len(thesaurus().match([term.text]).expansions())
    over = [w for w, n in widest.items() if n > ExpansionPlugin.LIMIT]
    print(
        f"\nexpansions of one word: max {max(widest.values())}, median "
        f"{sorted(widest.values())[len(widest) // 2]}; {len(over)} words over the cap of "
        f"{ExpansionPlugin.LIMIT} alternatives (the parser keeps the first {ExpansionPlugin.LIMIT})"
    )
    for word, n in widest.most_common(10):
        print(f"  {n:3d}  {word}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
