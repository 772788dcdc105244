"""Kazakhstan's places under all their names: Гурьев is Атырау is Atyrau.

Reports span decades of renamings, and a librarian types whichever name she knows. The gazetteer
(`search/data/places.tsv`, sources cited there) lists each place's current Kazakh and Russian
names, its former ones and English romanisations. keys.py turns every name into the cross-script
keys reports index it under, and a query word with one of a place's keys asks for all of them;
kazakh.py keeps its suffix stripper out of the Cyrillic names (Қарағанды-да, not қара-ғанды).

A name marked "*" in the file (Шевченко, Верный, Қонаев: a person, a word, another place) leads
to its place, but the place's other names do not lead to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "places.tsv"
AMBIGUOUS = "*"
_CYRILLIC_WORD = re.compile(r"[а-яәғқңөұүһі]+")


@dataclass(frozen=True)
class Place:
    """One place: its names, and the ambiguous names that lead to it, lowercase, ё as е."""

    id: str
    kind: str
    names: tuple[str, ...]
    ambiguous: tuple[str, ...]


def _folded(name: str) -> str:
    return name.strip().lower().replace("ё", "е").replace("’", "'")


def read_places(path: Path = DATA) -> list[Place]:
    """The gazetteer's places. A malformed line is an error: the file ships with the code."""
    places = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or not fields[0] or not fields[2].strip():
            raise ValueError(f"{path.name}:{number}: want id, kind, names[, note]: {line!r}")
        names = [_folded(name) for name in fields[2].split("|") if name.strip()]
        sure = tuple(name for name in names if not name.startswith(AMBIGUOUS))
        unsure = tuple(name[1:] for name in names if name.startswith(AMBIGUOUS))
        places.append(Place(fields[0], fields[1], sure, unsure))
    return places


@cache
def places() -> tuple[Place, ...]:
    """The bundled gazetteer, read once."""
    return tuple(read_places())


@cache
def cyrillic_names() -> frozenset[str]:
    """Every one-word Cyrillic name in the gazetteer, ambiguous ones too."""
    return frozenset(
        name
        for place in places()
        for name in (*place.names, *place.ambiguous)
        if _CYRILLIC_WORD.fullmatch(name)
    )
