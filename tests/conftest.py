"""Fixtures shared across test modules: the bundled example (extracted and annotated once per session), a local web site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_http import LocalSite

from corroborate.annotate import annotate_articles
from corroborate.model import AnnotatedArticle, Article
from corroborate.pipeline import extract_inputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "iraq-coalition-2024"

#: The five example pages' article ids, by their number.
SEED_IDS = {
    "000": "000_5402e81212a35571",
    "001": "001_69f3748dca759eec",
    "002": "002_e4dbe8024c84f414",
    "003": "003_2478aec32e3f585e",
    "004": "004_90e9e459c6bffa9d",
}


@pytest.fixture(scope="session")
def example_articles() -> list[Article]:
    """The bundled example story, extracted."""
    return extract_inputs([str(EXAMPLE)]).articles


@pytest.fixture(scope="session")
def example_annotated(example_articles: list[Article]) -> list[AnnotatedArticle]:
    """The bundled example story, annotated as one batch."""
    return annotate_articles(example_articles)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    """A real HTTP server on 127.0.0.1 (:mod:`local_http`), stopped after the test."""
    server = LocalSite()
    try:
        yield server
    finally:
        server.close()
