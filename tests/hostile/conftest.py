"""The hostile corpus, written once per test session (it holds a sparse 50 MB file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from make_hostile import make_hostile


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile(tmp_path_factory.mktemp("hostile") / "library")
