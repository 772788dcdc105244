"""The seam between Izde and the search engine that holds its index.

Izde analyses text, decides what to index and what a query means; an engine stores the
documents and finds them. Each engine is a package here that exposes `Engine`, a class
implementing the protocols of this package's modules (writing.py); `engine()` finds it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from search.engine.writing import WritingEngine


@cache
def engine() -> WritingEngine:
    """The engine of this installation: the one engine package in search/engine/."""
    packages = [module.name for module in pkgutil.iter_modules(__path__) if module.ispkg]
    if len(packages) != 1:
        raise RuntimeError(f"expected one engine package in {__path__[0]}, found {packages}")
    engine_class: type[WritingEngine] = importlib.import_module(f"{__name__}.{packages[0]}").Engine
    return engine_class()
