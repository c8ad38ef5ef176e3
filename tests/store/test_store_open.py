"""Opening a store: back end chosen by the argument, schema created or upgraded, bad arguments refused in one line."""

from __future__ import annotations

import socket
import sqlite3
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from store_helpers import EXAMPLE_INPUT, new_postgres_database

from corroborate.errors import CorroborateError
from corroborate.model import InputReport
from corroborate.store import (
    LATEST_VERSION,
    MIGRATIONS,
    ArticleVersion,
    DatabaseUnavailableError,
    DatabaseURLError,
    SchemaError,
    SQLiteStore,
    StoreCounts,
    StoreError,
    ingest_into_store,
    open_store,
)
from corroborate.store.postgres import PostgresStore, masked_url


def execute_raw(database: str, statement: str) -> None:
    """Run one statement on the database behind the store's back, with the driver itself."""
    if database.startswith("postgresql://"):
        with psycopg.connect(database, autocommit=True) as connection:
            connection.execute(statement)
    else:
        connection = sqlite3.connect(database)
        connection.execute(statement)
        connection.commit()
        connection.close()


def applied_versions(database: str) -> list[int]:
    if database.startswith("postgresql://"):
        with psycopg.connect(database) as connection:
            return [row[0] for row in connection.execute("SELECT version FROM schema_version ORDER BY version")]
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute("SELECT version FROM schema_version ORDER BY version")]
    finally:
        connection.close()


def test_a_new_store_is_empty_and_at_the_latest_schema_version(store, database):
    assert LATEST_VERSION == 3
    assert [migration.version for migration in MIGRATIONS] == [1, 2, 3]
    assert store.schema_version() == 3
    assert applied_versions(database) == [1, 2, 3]
    assert store.counts() == StoreCounts(articles=0, revisions=0, documents=0, inputs=0, stories=0)
    assert list(store.articles()) == []
    assert store.input_reports() == []


def test_the_back_end_follows_the_argument(store, database):
    expected = "postgresql" if database.startswith("postgresql://") else "sqlite"
    assert store.backend == expected
    assert isinstance(store, PostgresStore if expected == "postgresql" else SQLiteStore)
    assert store.location == database


def test_reopening_keeps_the_articles_and_applies_no_migration_twice(database):
    with open_store(database) as first:
        ingest_into_store([str(EXAMPLE_INPUT)], first)
    with open_store(database) as again:
        assert again.counts() == StoreCounts(articles=5, revisions=5, documents=5, inputs=5, stories=1)
        assert again.schema_version() == 3
    assert applied_versions(database) == [1, 2, 3]


def test_a_version_1_database_is_upgraded_with_its_articles_kept(database):
    backend = PostgresStore if database.startswith("postgresql://") else SQLiteStore
    with backend(database, target_version=1) as old:
        assert old.schema_version() == 1
        summary = ingest_into_store([str(EXAMPLE_INPUT)], old, stories=False)
        assert summary.new_articles == 5
    assert applied_versions(database) == [1]
    with open_store(database) as upgraded:
        assert upgraded.schema_version() == 3
        articles = list(upgraded.articles())
        assert len(articles) == 5
        assert [(a.story, a.derived_from, a.revision) for a in articles] == [(None, None, 1)] * 5
        assert sorted(Path(a.input).name for a in articles) == sorted(p.name for p in EXAMPLE_INPUT.glob("*.txt"))
        assert upgraded.counts().stories == 0
    assert applied_versions(database) == [1, 2, 3]


def test_a_database_from_a_newer_corroborate_is_refused(database):
    open_store(database).close()
    execute_raw(database, "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 'x')")
    with pytest.raises(SchemaError) as raised:
        open_store(database)
    assert str(raised.value) == (
        f"{database} has schema version 99, newer than this corroborate knows (3): upgrade corroborate"
    )


def test_a_database_with_tables_named_like_ours_but_no_schema_version_is_left_alone(database):
    if not database.startswith("postgresql://"):
        Path(database).touch()
    execute_raw(database, "CREATE TABLE articles (headline TEXT)")
    with pytest.raises(SchemaError) as raised:
        open_store(database)
    assert str(raised.value) == (
        f"{database} has tables named like corroborate's (articles) but no schema_version: "
        "not a corroborate database"
    )


def test_a_failed_batch_is_rolled_back_whole(store, example_articles):
    good = ArticleVersion("sha256:good", None, None, "good", "raw-good", example_articles[0])
    # published_confidence is NOT NULL in the schema: the database itself refuses this row.
    bad_article = replace(example_articles[1], published_confidence=None)
    bad = ArticleVersion("sha256:bad", None, None, "bad", "raw-bad", bad_article)
    with pytest.raises(StoreError) as raised:
        store.write_batch([good, bad], [InputReport("a.txt", "processed", "", 1)])
    message = str(raised.value)
    assert message.startswith(f"{store.location}: ")
    assert "published_confidence" in message
    assert "\n" not in message
    assert store.counts() == StoreCounts(articles=0, revisions=0, documents=0, inputs=0, stories=0)
    # The connection is still usable after the rollback.
    assert store.write_batch([good], []) == ["new"]
    assert store.counts().articles == 1


# --- SQLite specifics ---------------------------------------------------------------------


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path):
    path = tmp_path / "news.db"
    with open_store(path) as store:
        connection = store._connection
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert connection.execute("PRAGMA busy_timeout").fetchone() == (30000,)
        assert connection.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        with pytest.raises(StoreError, match="FOREIGN KEY constraint failed"):
            with store._errors(), store._transaction() as cursor:
                cursor.execute(
                    "INSERT INTO revisions (article, revision, content_hash, input, text, record, stored_at) "
                    "VALUES (42, 1, 'h', 'x', 't', '{}', 'now')"
                )


def test_no_argument_means_corroborate_db_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store(None) as store:
        assert store.location == "corroborate.db"
        assert store.backend == "sqlite"
    assert (tmp_path / "corroborate.db").is_file()


def test_a_string_path_and_a_path_object_open_the_same_file(tmp_path):
    with open_store(str(tmp_path / "a.db")) as by_string:
        ingest_into_store([str(EXAMPLE_INPUT)], by_string)
    with open_store(tmp_path / "a.db") as by_path:
        assert by_path.counts().articles == 5


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("mysql://localhost/news",
         "unsupported database URL scheme 'mysql': give a file path (SQLite) or a postgresql:// URL"),
        ("https://example.com/db",
         "unsupported database URL scheme 'https': give a file path (SQLite) or a postgresql:// URL"),
        ("   ", "no database given: name a file path or a postgresql:// URL"),
        ("postgresql://[::1/news",
         'bad PostgreSQL URL postgresql://[::1/news: end of string reached when looking for matching "]" '
         'in IPv6 host address in URI: "postgresql://[::1/news"'),
    ],
)
def test_unusable_database_arguments_are_one_line_errors(argument, message):
    with pytest.raises(DatabaseURLError) as raised:
        open_store(argument)
    assert str(raised.value) == message
    assert isinstance(raised.value, CorroborateError)


def test_a_folder_is_not_a_database_file(tmp_path):
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_store(tmp_path)
    assert str(raised.value) == f"{tmp_path} is a folder, not a database file"


def test_a_database_in_a_missing_folder_is_not_created(tmp_path):
    path = tmp_path / "no" / "such" / "news.db"
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_store(path)
    assert str(raised.value) == f"cannot create {path}: folder {path.parent} does not exist"
    assert not path.parent.exists()


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "notes.db"
    content = (EXAMPLE_INPUT / "000_5402e81212a35571.txt").read_bytes()
    path.write_bytes(content)
    with pytest.raises(SchemaError) as raised:
        open_store(path)
    assert str(raised.value) == f"{path} is not a SQLite database"
    assert path.read_bytes() == content


def test_a_writer_waiting_too_long_for_another_gets_a_busy_error(tmp_path, monkeypatch, example_articles):
    import corroborate.store.sqlite as sqlite_backend

    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "news.db"
    store = open_store(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's batch, holding the write lock
    try:
        version = ArticleVersion("sha256:x", None, None, "x", "raw-x", example_articles[0])
        with pytest.raises(DatabaseUnavailableError) as raised:
            store.write_batch([version], [])
        assert str(raised.value) == f"{path} is busy: another process held it for over 0.2 s"
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


# --- PostgreSQL specifics -----------------------------------------------------------------


def test_an_unreachable_server_is_one_line_with_the_password_masked():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_store(f"postgresql://reader:s3cret@127.0.0.1:{port}/news")
    assert str(raised.value) == (
        f"cannot connect to PostgreSQL at postgresql://reader:***@127.0.0.1:{port}/news: "
        f'connection to server at "127.0.0.1", port {port} failed: Connection refused'
    )


def test_a_missing_database_on_a_running_server_is_named(postgres_server):
    url = new_postgres_database(postgres_server)
    missing = url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_store(missing)
    assert str(raised.value).startswith(f"cannot connect to PostgreSQL at {missing}: ")
    assert str(raised.value).endswith('FATAL: database "no_such_database" does not exist')


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://user:pw@db.example:5432/news", "postgresql://user:***@db.example:5432/news"),
        ("postgresql://db.example/news?password=pw&sslmode=require",
         "postgresql://db.example/news?password=***&sslmode=require"),
        ("postgresql://user@db.example/news", "postgresql://user@db.example/news"),
    ],
)
def test_passwords_never_appear_in_messages(url, shown):
    assert masked_url(url) == shown
