"""How many reports a multi-word query lists, and how they match: full, translated, partial.

    python bench/counts.py [--corpus corpus] [--no-expand]

The bundled corpus is indexed into a temporary folder and each query below is run as the web
page runs it. Izde before partial matching has no `counts`: its row shows the total only.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from search.config import Settings
from search.indexer import Indexer
from search.library import Library

ROOT = Path(__file__).resolve().parents[1]
# Three librarian queries of several words in each language, about topics of corpus/.
QUERIES = {
    "kk": [
        "кітапханашыларға арналған семинар",
        "ауылдық кітапханалар кездесуі",
        "Абай шығармалары көрмесі",
    ],
    "ru": [
        "семинар для сельских библиотекарей",
        "наставничество молодых специалистов",
        "оцифровка редких книг",
    ],
    "en": [
        "training for rural librarians",
        "reading mentors library week",
        "digital transformation conference",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--no-expand", dest="expand", action="store_false")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="izde-counts-") as workdir:
        settings = Settings(index_dir=Path(workdir) / "index")
        Indexer(settings).run([args.corpus])
        library = Library(settings)
        print(f"{'lang':<5}{'query':<40}{'total':>6}{'full':>6}{'transl.':>8}{'partial':>8}")
        for lang, queries in QUERIES.items():
            for text in queries:
                result = library.search(text, expand=args.expand)
                counts = getattr(result, "counts", None) or {}
                cells = "".join(
                    f"{counts.get(name, '—'):>{width}}"
                    for name, width in (("full", 6), ("translated", 8), ("partial", 8))
                )
                print(f"{lang:<5}{text:<40}{result.total:>6}{cells}")


if __name__ == "__main__":
    main()
