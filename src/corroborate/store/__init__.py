"""Storage for streams of articles: SQLite by default, PostgreSQL by URL.

:func:`open_store` picks the back end from its argument: a file path (or
nothing, for ``corroborate.db``) is a SQLite file, a ``postgresql://`` URL a
PostgreSQL database; either is created or upgraded to the current schema on
opening (:mod:`.schema`). :func:`ingest_into_store` streams inputs through
``ingest -> extract`` into the store, a transaction per batch, so that
running it twice, or again after a crash, stores every article once and
keeps each changed version as a revision (:mod:`.ingest`, :mod:`.identity`).
The tables are described in ``docs/store.md``.
"""

from __future__ import annotations

from pathlib import Path

from corroborate.store.database import (
    ArticleVersion,
    ClusteredArticle,
    ExportRow,
    Outcome,
    Store,
    StoreCounts,
    StoredArticle,
    StoredRevision,
    StoryPlacement,
    StorySummary,
)
from corroborate.store.errors import DatabaseUnavailableError, DatabaseURLError, SchemaError, StoreError
from corroborate.store.ingest import DEFAULT_BATCH_SIZE, IngestSummary, ingest_into_store
from corroborate.store.schema import LATEST_VERSION, MIGRATIONS
from corroborate.store.sqlite import DEFAULT_DATABASE, SQLiteStore

#: URL schemes that name a PostgreSQL database (the ones libpq accepts).
POSTGRESQL_SCHEMES = ("postgresql", "postgres")

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DATABASE",
    "LATEST_VERSION",
    "MIGRATIONS",
    "ArticleVersion",
    "ClusteredArticle",
    "ExportRow",
    "StoryPlacement",
    "StorySummary",
    "DatabaseURLError",
    "DatabaseUnavailableError",
    "IngestSummary",
    "Outcome",
    "SQLiteStore",
    "SchemaError",
    "Store",
    "StoreCounts",
    "StoreError",
    "StoredArticle",
    "StoredRevision",
    "ingest_into_store",
    "open_store",
]


def open_store(database: str | Path | None = None) -> Store:
    """Open (creating or upgrading) the store at a file path or ``postgresql://`` URL; default ``corroborate.db``."""
    if database is None:
        return SQLiteStore(DEFAULT_DATABASE)
    if isinstance(database, Path):
        return SQLiteStore(database)
    text = database.strip()
    if not text:
        raise DatabaseURLError("no database given: name a file path or a postgresql:// URL")
    if "://" in text:
        scheme = text.split("://", 1)[0].lower()
        if scheme in POSTGRESQL_SCHEMES:
            # Imported here: psycopg takes ~0.2 s to import, which SQLite users need not pay.
            from corroborate.store.postgres import PostgresStore

            return PostgresStore(text)
        raise DatabaseURLError(
            f"unsupported database URL scheme {scheme!r}: give a file path (SQLite) or a postgresql:// URL"
        )
    return SQLiteStore(Path(text))
