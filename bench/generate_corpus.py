"""Generate a large, realistic corpus of library reports for the performance benchmarks.

Usage::

    python bench/generate_corpus.py --n 10000 --out /tmp/izde-bench/corpus-10000
    python bench/generate_corpus.py --n 100000 --text-only --out /tmp/izde-bench/text-100000

Reports are recombined from the sentences, headings and titles of the sample corpus's sources
(`tools/corpus_sources/`), by language, so morphology and language identification see the
vocabulary and sentence shapes they meet in real reports. Years, numbers and surnames are
substituted, so documents differ and the vocabulary keeps growing with the collection as a real
one does. Languages follow the sample corpus (14 kk : 14 ru : 8 en); formats are 60% text (one
in ten of them in the legacy cp1251/kz1048 code pages), 20% PDF and 20% DOCX, written by the
corpus generator's own renderers. `--text-only` writes UTF-8 text only, for the largest sizes.

Output is deterministic: report i depends only on `--seed` and i, so a corpus of 1,000 is the
first 1,000 reports of one of 10,000. Files go to `d000/ … d099/` subfolders of a thousand, each
marked `.done` when complete; a finished corpus leaves `manifest.json`. Running again with the
same arguments resumes an interrupted run, or does nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_corpus  # noqa: E402  (tools/ is not a package)

LANG_WEIGHTS = {"kk": 14, "ru": 14, "en": 8}
FORMAT_WEIGHTS = {".txt": 60, ".pdf": 20, ".docx": 20}
LEGACY = {"kk": "kz1048", "ru": "cp1251"}
WORDS_PER_REPORT = 400
FIRST_YEAR, LAST_YEAR = 2010, 2025
MANIFEST = "manifest.json"
# Marks a finished folder of a thousand reports; hidden, so `izde index` skips it.
DONE = ".done"

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-2]\d)\b")
_NUMBER = re.compile(r"\b\d{1,3}\b")
# A surname in the nominative as the reports write it; the ending is kept, the root replaced.
_SURNAME = re.compile(r"\b[А-ЯӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{2,}(ова|ева|ов|ев|ина|ин)\b")
_ROOTS = (
    "Ахмет Сәрсен Жақып Нұрлан Оспан Тоқтар Есен Қасым Әбіл Серік Дәулет Ерлан Мұрат Болат "
    "Асқар Бейбіт Жұман Қайрат Мақсұт Нұржан Омар Рахым Сабыр Талғат Төлеу Файзолл Хамит Шәкен "
    "Ыбырай Әділ Бақыт Ғабит Жандос Кенжеғали Марат Нұрсұлтан Орал Сейіт Тұрар Уәли Қуаныш "
    "Смағұл Байжан Досым Жәнібек Ілияс Құрман Мейрам Әлібек Абыл Дүйсен Ержан Жомарт Қонақ"
).split()
_INFIXES = ("", "", "бай", "бек", "жан", "ғали", "құл")
_KK_SURNAME = re.compile(r"[әғқңөұүһі]")
# Cyrillic letters only Kazakh writes, for surnames in Russian text (Сәрсенбаев → Сарсенбаев).
_RUSSIAN_SPELLING = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкнуууhиАГКНУУУHИ")


@dataclass
class Pool:
    """What reports of one language are made of."""

    titles: list[str]
    headings: list[str]
    sentences: list[str]
    authors: list[str]


@cache
def pools() -> dict[str, Pool]:
    """Titles, headings, sentences and authors of the sample corpus's sources, by language."""
    found = {lang: Pool([], [], [], []) for lang in LANG_WEIGHTS}
    for path in sorted(make_corpus.SOURCES.glob("*.txt")):
        report = make_corpus.parse_source(path)
        pool = found[report.meta["Language"]]
        pool.titles.append(report.title)
        pool.authors.append(report.meta["Author"])
        for block in report.blocks:
            if block.kind == "h2":
                pool.headings.append(block.text)
            elif block.kind == "p":
                pool.sentences += _SENTENCE_END.split(block.text)
            elif block.kind == "ul":
                pool.sentences += [item.rstrip(".;") + "." for item in block.items]
    for path in sorted(make_corpus.SEEDS.glob("*.txt")):
        title, *paragraphs = path.read_text("utf-8").splitlines()
        found["en"].titles.append(title.strip("“” "))
        for paragraph in filter(None, map(str.strip, paragraphs)):
            found["en"].sentences += _SENTENCE_END.split(paragraph)
    return found


def _surname(rng: random.Random, ending: str, lang: str) -> str:
    name = rng.choice(_ROOTS) + rng.choice(_INFIXES)
    name = name.lower().capitalize()
    if lang == "ru":
        name = name.translate(_RUSSIAN_SPELLING)
    return name + ending


def _vary(text: str, rng: random.Random, year: int, lang: str) -> str:
    """The sentence with its years, small numbers and surnames replaced."""
    text = _YEAR.sub(lambda _: str(year - rng.choice((0, 0, 0, 1, 2))), text)
    text = _NUMBER.sub(lambda m: str(rng.randint(10 ** (len(m[0]) - 1), 10 ** len(m[0]) - 1)), text)
    return _SURNAME.sub(lambda m: _surname(rng, m[1], lang), text)


def make_report(seed: int, i: int, text_only: bool) -> make_corpus.Report:
    """Report number `i` of the corpus with this seed: the same for every size of corpus."""
    rng = random.Random(f"izde-bench-{seed}-{i}")
    lang = rng.choices(list(LANG_WEIGHTS), weights=list(LANG_WEIGHTS.values()))[0]
    suffix = ".txt" if text_only else rng.choices(*zip(*FORMAT_WEIGHTS.items(), strict=True))[0]
    pool = pools()[lang]
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    blocks: list[make_corpus.Block] = []
    words = 0
    while words < WORDS_PER_REPORT:
        if blocks and pool.headings and rng.random() < 0.15:
            blocks.append(make_corpus.Block("h2", text=rng.choice(pool.headings)))
        sentences = [_vary(rng.choice(pool.sentences), rng, year, lang) for _ in range(4)]
        text = " ".join(sentences)
        blocks.append(make_corpus.Block("p", text=text))
        words += len(text.split())
    meta = {"Author": _vary(rng.choice(pool.authors), rng, year, lang), "Date": date.isoformat()}
    meta["Language"] = lang
    if suffix == ".txt" and not text_only and rng.random() < 0.1:
        meta["Encoding"] = LEGACY.get(lang, "utf-8")
    name = f"d{i // 1000:03d}/{lang}-{year}-{i:06d}{suffix}"
    return make_corpus.Report(name, meta, _vary(rng.choice(pool.titles), rng, year, lang), blocks)


def _write_folder(out: Path, seed: int, start: int, stop: int, text_only: bool) -> Counter[str]:
    """Write reports start…stop-1 (one folder) and mark the folder done.

    Files are written under a temporary name and renamed, so a file that exists is complete and
    an interrupted run resumes where it stopped.
    """
    counts: Counter[str] = Counter()
    for i in range(start, stop):
        report = make_report(seed, i, text_only)
        path = out / report.name
        counts[f"{report.meta['Language']}{path.suffix}"] += 1
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(make_corpus.RENDERERS[path.suffix](report))
            tmp.replace(path)
    (out / f"d{start // 1000:03d}" / DONE).touch()
    return counts


def folder_done(folder: Path) -> bool:
    """True when `folder` holds all its reports (a finished folder of a corpus still growing)."""
    return (folder / DONE).exists()


def generate(out: Path, n: int, seed: int = 1, text_only: bool = False, jobs: int = 2) -> dict:
    """Write the corpus unless `out` already holds this one; return its manifest."""
    manifest = {"n": n, "seed": seed, "text_only": text_only}
    done = out / MANIFEST
    if done.is_file():
        found = json.loads(done.read_text())
        if {key: found.get(key) for key in manifest} == manifest:
            return found
        raise SystemExit(f"{out} holds another corpus ({found}); choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    pools()  # parse the sources once, before forking
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    with ProcessPoolExecutor(jobs) as executor:
        futures = [
            executor.submit(_write_folder, out, seed, start, min(start + 1000, n), text_only)
            for start in range(0, n, 1000)
        ]
        for future in futures:
            counts.update(future.result())
    manifest |= {
        "files": dict(sorted(counts.items())),
        "bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
        "seconds": round(time.perf_counter() - started, 1),
    }
    done.write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of reports")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder (outside the repository)")
    parser.add_argument("--text-only", action="store_true", help="UTF-8 .txt files only")
    parser.add_argument("--jobs", type=int, default=2, help="writer processes")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.n, args.seed, args.text_only, args.jobs)
    print(f"{'files':<12}{'count':>8}")
    for key, count in manifest["files"].items():
        print(f"{key:<12}{count:>8}")
    print(f"{'total':<12}{args.n:>8}   {manifest['bytes'] / 1e6:.1f} MB on disk")
    print(f"generated in {manifest['seconds']} s with {args.jobs} processes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
