"""Store fixtures: every store test runs against a SQLite file and a real PostgreSQL server.

``database`` is parametrized over the two back ends: a new SQLite file in the
test's temp dir, or a new database on the session's PostgreSQL server
(:mod:`postgres_server`). When that server cannot start, the PostgreSQL
cases are skipped with the reason; set ``CORROBORATE_REQUIRE_POSTGRES=1`` to
make them fail instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer, ServerUnavailable, start_server
from store_helpers import new_postgres_database

from corroborate.bench import default_data_root
from corroborate.store import Store, open_store


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | str]:
    """The session's PostgreSQL server, or the reason it could not start."""
    try:
        server = start_server()
    except ServerUnavailable as error:
        yield f"PostgreSQL test server could not start: {error}"
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store lives: a SQLite file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "corroborate.db")
    return new_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    """A fresh store on each back end, closed after the test."""
    opened = open_store(database)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def ecb_records() -> list[dict]:
    """The 772 ECB+ news texts (``id`` and ``text``), read from the shared benchmark data."""
    path = default_data_root() / "stories-ecbplus" / "articles.jsonl"
    if not path.is_file():
        pytest.skip(f"ECB+ texts not found at {path} (shared benchmark data absent)")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]

