"""Settings from the environment: every tunable has a variable, and a bad value says which."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main
from search.config import ENVIRONMENT, Settings


def test_every_variable_sets_its_field(monkeypatch: pytest.MonkeyPatch) -> None:
    values = {
        "IZDE_LOCK_TIMEOUT": ("0", 0.0),
        "IZDE_BATCH_SIZE": ("10", 10),
        "IZDE_WORKERS": ("3", 3),
        "IZDE_EXTRACT_TIMEOUT": ("2.5", 2.5),
        "IZDE_EXTRACT_MEMORY_MB": ("512", 512),
        "IZDE_MAX_FILE_MB": ("20", 20),
        "IZDE_MAX_TEXT_CHARS": ("1000", 1000),
        "IZDE_OCR_LANGUAGES": ("rus+eng", "rus+eng"),
        "IZDE_SEARCH_SECONDS": ("0.5", 0.5),
        "IZDE_PUBLIC_URL": ("https://search.example.kz/", "https://search.example.kz/"),
        "IZDE_TRUSTED_PROXY": ("1", True),
        "IZDE_THREADS": ("3", 3),
        "IZDE_CONNECTION_LIMIT": ("50", 50),
        "IZDE_CHANNEL_TIMEOUT": ("5", 5.0),
    }
    assert set(values) == set(ENVIRONMENT)
    for name, (text, _) in values.items():
        monkeypatch.setenv(name, text)
    settings = Settings.from_env("somewhere")
    assert settings.index_dir == Path("somewhere")
    for name, (_, value) in values.items():
        assert getattr(settings, ENVIRONMENT[name][0]) == value


def test_defaults_without_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    assert Settings.from_env("x") == Settings(index_dir=Path("x"))
    assert Settings(index_dir=Path("x")).workers >= 1


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("IZDE_WORKERS", "0"),
        ("IZDE_BATCH_SIZE", "ten"),
        ("IZDE_EXTRACT_TIMEOUT", "0"),
        ("IZDE_LOCK_TIMEOUT", "nan"),
        ("IZDE_OCR_LANGUAGES", "rus;rm -rf"),
        ("IZDE_SEARCH_SECONDS", "0"),
        ("IZDE_PUBLIC_URL", "search.example.kz"),
        ("IZDE_TRUSTED_PROXY", "maybe"),
    ],
)
def test_a_bad_value_is_a_usage_error_naming_the_variable(
    name: str, value: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        main, ["index", "--index", str(tmp_path / "index"), str(tmp_path)], env={name: value}
    )
    assert result.exit_code == 2
    assert f"{name}={value!r}: expected " in result.output
