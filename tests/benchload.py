"""bench/ is scripts, not a package: tests load its modules from their files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str) -> ModuleType:
    """The module `bench/<name>.py`, so a test checks the same code the benchmark runs."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # the importlib recipe: dataclasses look their module up
    spec.loader.exec_module(module)
    return module
