"""Izde's index in Whoosh (whoosh-reloaded): the only package that imports Whoosh."""

from search.engine.whoosh.engine import WhooshEngine as Engine

__all__ = ["Engine"]
