"""Shared test paths. Real documents are read from ../shared (beside the checkout, as in CI), never copied in."""
from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
FIXTURES = TESTS / "fixtures"
SEED = SHARED / "seed" / "000_d5617df0c19c2339.txt"
CORPUS = SHARED / "corpus"



def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared sits beside the checkout in CI)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return shared_file(SEED)


@pytest.fixture(scope="session")
def seed_report(seed_path):
    import extractor

    return extractor.parse(seed_path)


@pytest.fixture(scope="session")
def seed_docx_report():
    import extractor

    return extractor.parse(FIXTURES / "docx" / "seed-2021.docx")
