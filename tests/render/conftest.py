"""Fixtures of the render tests: a brief with every section populated from real slices of the example."""

from __future__ import annotations

import pytest
from brief_builders import build_full_brief

from corroborate.model import Article, Brief


@pytest.fixture(scope="session")
def full_brief(example_articles: list[Article]) -> Brief:
    """A brief with every section populated from real slices of the example."""
    return build_full_brief(example_articles)
