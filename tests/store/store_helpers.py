"""Helpers shared by the store tests: writing inputs and describing a store's content."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import psycopg
import pytest
from postgres_server import PostgresServer

from corroborate.store import Store

#: The bundled example story: five scraped pages, no URLs, no ids.
EXAMPLE_INPUT = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"

#: Environment variable that turns "PostgreSQL could not start" from a skip into a failure.
REQUIRE_POSTGRES_ENV = "CORROBORATE_REQUIRE_POSTGRES"

_database_numbers = itertools.count(1)


def new_postgres_database(server: PostgresServer | str) -> str:
    """A URL to a new, empty database on the test server (skips, with the reason, when there is none)."""
    if isinstance(server, str):
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(server)
        pytest.skip(server)
    name = f"store_test_{next(_database_numbers)}"
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server.url(name)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Write records as JSON Lines and return the path."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def snapshot(store: Store) -> dict[str, list]:
    """The store's content without row ids or timestamps, so two stores can be compared."""
    articles = list(store.articles())
    key_of = {a.id: a.key for a in articles}
    return {
        "stories": sorted((a.key, a.story, key_of.get(a.derived_from)) for a in articles),
        "story_count": [store.counts().stories],
        "articles": sorted((a.key, a.input_id, a.content_hash, a.revision, a.input, a.article.text) for a in articles),
        "revisions": sorted(
            (a.key, r.revision, r.content_hash, r.input) for a in articles for r in store.revisions(a.id)
        ),
        "inputs": store.input_reports(),
        "documents": [store.counts().documents],
    }
