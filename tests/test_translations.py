"""The interface is whole in Kazakh and Russian: every string translated, catalogs compiled.

The compiled .mo files are committed (an installed package may be read-only, so the app does not
compile at start); these tests compile each .po in memory and compare, so a stale .mo fails CI.
To update the catalogs after changing the interface's strings:

    pybabel extract -F web/babel.cfg -k _l --no-location --sort-output \
        -o web/translations/messages.pot .
    pybabel update -i web/translations/messages.pot -d web/translations --no-location --width 100
    (translate the new entries in web/translations/{kk,ru}/LC_MESSAGES/messages.po)
    pybabel compile -d web/translations
"""

from __future__ import annotations

import re
from html import unescape
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from search.config import Settings
from web import create_app

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "web" / "translations"
LANGUAGES = ("kk", "ru", "en")


def interface_strings() -> set[str]:
    """Every msgid (the singular of a plural) in the code and templates, as pybabel finds it."""
    with open(ROOT / "web" / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None}
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords, strip_comment_tags=True
    )
    return {message[0] if isinstance(message, tuple) else message for _, _, message, *_ in found}


def catalog(lang: str) -> Catalog:
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)


def key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def messages(compiled: Catalog) -> dict[object, object]:
    """Id -> translation; a plural's forms come as lists, made hashable."""

    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {frozen(message.id): frozen(message.string) for message in compiled if message.id}


def test_the_interface_has_strings() -> None:
    assert len(interface_strings()) > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_interface_string_is_in_the_catalog(lang: str) -> None:
    known = {key(message.id) for message in catalog(lang) if message.id}
    assert interface_strings() - known == set()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_string_has_a_translation(lang: str) -> None:
    messages = {key(message.id): message for message in catalog(lang) if message.id}
    for msgid in interface_strings():
        message = messages[msgid]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: no translation of {msgid!r}"
        assert not message.fuzzy, f"{lang}: fuzzy translation of {msgid!r}"
        placeholders = set(re.findall(r"%\(\w+\)s", msgid))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", string)) == placeholders, (lang, msgid)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    fresh = BytesIO()
    write_mo(fresh, catalog(lang))
    fresh.seek(0)
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as committed:
        assert messages(read_mo(committed)) == messages(read_mo(fresh)), (
            f"{lang}: run `pybabel compile -d web/translations`"
        )


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=семинар OR exhibition OR rural&limit=2&lang=en",
        "/?q=exhibitoin&lang=kk",
        "/?q=!!!",
        "/documents/en/annual.pdf?q=mentoring",
        "/nowhere",
    ],
)
def test_pages_show_no_english_interface_text(site_settings: Settings, lang: str, url: str) -> None:
    client = create_app(site_settings).test_client()
    html = client.get(url, headers={"Accept-Language": lang}).get_data(as_text=True)
    # The switch names each language in itself («English»), on purpose.
    html = re.sub(r'<nav class="language-switch".*?</nav>', "", html, flags=re.S)
    shown = unescape(re.sub(r"<[^>]+>", "\n", html))
    shown += " ".join(unescape(label) for label in re.findall(r'aria-label="([^"]+)"', html))
    english = {msgid for msgid in interface_strings() if len(msgid) > 3 and "%" not in msgid}
    assert [msgid for msgid in english if msgid in shown] == []
