"""The fields every index has, by name, whatever engine holds it.

A report's text is indexed once per language it is written in (`body_kk`, `body_ru`,
`body_en`), each through that language's analysis, and its title through all of them; a query
word is looked up in each. The facets are keyword fields counted for every result.
"""

from __future__ import annotations

from search.language import LANGUAGES

BODY_FIELDS = {lang: f"body_{lang}" for lang in LANGUAGES}
SEARCH_FIELDS = ["title", *BODY_FIELDS.values()]
# The analysis language of each searched field ("any": the title, analysed in every language).
FIELD_LANG = {"title": "any", **{name: lang for lang, name in BODY_FIELDS.items()}}
# Facet and filter names, and the index field each one counts.
FACETS = {"lang": "lang", "year": "year", "type": "event", "format": "format"}
