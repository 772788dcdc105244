"""Find the date of a report in its text, written the Kazakh, Russian or English way."""

from __future__ import annotations

import datetime as dt
import re

FIRST_YEAR, LAST_YEAR = 1990, 2100

# Kazakh month names take case endings (қарашада, қаңтардың, сәуірге), so a stem and any letters.
_KK_MONTHS = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"
_RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
_EN_MONTHS = "january february march april may june july august september october november december"


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in (_KK_MONTHS, _RU_MONTHS, _EN_MONTHS):
        for number, name in enumerate(names.split(), start=1):
            table[name] = number
    for number, name in enumerate(_EN_MONTHS.split(), start=1):
        table[name[:3]] = number
    table["sept"] = 9
    return table


MONTHS = _month_table()
_KK = "|".join(_KK_MONTHS.split())
_RU = "|".join(_RU_MONTHS.split())
_EN = "|".join(sorted((n for n in MONTHS if n.isascii()), key=len, reverse=True))

# A day may carry an ordinal ending (24th, 24-ші, 1-го) and start a range (24–25 ноября).
_DAY = r"(?P<day>\d{1,2})(?:-?[^\W\d_]{1,3})?(?:\s*[-–—]\s*\d{1,2})?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    # 24 қараша 2021 ж. / 24-қарашада 2021 жылы
    rf"\b{_DAY}[\s-]+(?P<month>{_KK})[^\W\d_]*\s+{_YEAR}\b",
    # 2021 жылғы 24 қарашада / 2021 ж. 24 қараша
    rf"\b{_YEAR}\s*(?:ж\.|жыл[^\W\d_]*)\s+{_DAY}[\s-]+(?P<month>{_KK})",
    # 24 ноября 2021 г.
    rf"\b{_DAY}\s+(?P<month>{_RU})\s+{_YEAR}\b",
    # 24 November 2021, 24th of Nov. 2021
    rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_EN})\.?,?\s+{_YEAR}\b",
    # November 24, 2021
    rf"\b(?P<month>{_EN})\.?\s+{_DAY},?\s+{_YEAR}\b",
    # 24.11.2021
    rf"\b(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.{_YEAR}\b",
    # 2021-11-24
    rf"\b{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b",
]
_DATES = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def plausible(date: dt.date | None) -> dt.date | None:
    """`date` if it can be a report's date; tools write placeholders like 1987-12-10 or 1601."""
    return date if date is not None and FIRST_YEAR <= date.year <= LAST_YEAR else None


def find_date(text: str) -> dt.date | None:
    """The first plausible date in `text`, or None."""
    best: tuple[int, dt.date] | None = None
    for pattern in _DATES:
        for match in pattern.finditer(text):
            if best and match.start() >= best[0]:
                break
            date = _to_date(match)
            if date is not None:
                best = (match.start(), date)
                break
    return best[1] if best else None


def parse_date(value: str) -> dt.date | None:
    """A date from a metadata field: ISO 8601 (2021-11-24T10:00) or a date written in words."""
    match = _ISO.match(value)
    if match:
        try:
            return plausible(dt.date(*(int(part) for part in match.groups())))
        except ValueError:
            return None
    return find_date(value)


def _to_date(match: re.Match[str]) -> dt.date | None:
    month = match["month"].lower()
    number = int(month) if month.isdigit() else MONTHS[month]
    try:
        return plausible(dt.date(int(match["year"]), number, int(match["day"])))
    except ValueError:
        return None
