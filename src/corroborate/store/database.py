"""What every back end of the store does, in the SQL both SQLite and PostgreSQL speak.

:class:`Store` holds one connection and knows the schema (:mod:`.schema`),
how to write a batch of article versions in one transaction, and how to read
articles, revisions and input reports back. A back end (:mod:`.sqlite`,
:mod:`.postgres`) only connects, opens transactions, serializes writers and
turns its driver's errors into :class:`~.errors.StoreError` with one line.

Writing a version follows the identity rules of :mod:`.identity`: an
unknown article key is a new article (revision 1); a known key whose text
hash matches one of its revisions is an unchanged duplicate; any other text
is a new revision, which becomes the article's current version while the
older ones are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Literal, Protocol

from corroborate.extract.dates import LOW_CONFIDENCE
from corroborate.model import Article, InputReport, unique_id
from corroborate.store.errors import SchemaError
from corroborate.store.schema import LATEST_VERSION, MIGRATIONS, OWN_TABLES, SCHEMA_VERSION_TABLE, Dialect

#: What writing one version did: stored a new article, a new revision of a known one, or nothing.
Outcome = Literal["new", "revision", "duplicate"]

#: Most values bound in one ``IN (...)`` query; SQLite allows 32,766 parameters
#: since 3.32 and PostgreSQL 65,535, so this stays far below both.
MAX_QUERY_PARAMETERS = 500


@dataclass(frozen=True)
class ArticleVersion:
    """One extracted article ready to store, with the keys it is stored under."""

    key: str
    input_id: str | None
    canonical_url: str | None
    content_hash: str
    raw_hash: str
    article: Article


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its row id, identity, current version and story fields."""

    id: int
    key: str
    input_id: str | None
    input: str
    canonical_url: str | None
    content_hash: str
    revision: int
    article: Article
    story: int | None = None
    derived_from: int | None = None


@dataclass(frozen=True)
class StoredRevision:
    """One version of an article, kept after newer ones arrive."""

    article: int
    revision: int
    content_hash: str
    input: str
    record: Article
    stored_at: str


@dataclass(frozen=True)
class StoreCounts:
    """How many rows each table holds."""

    articles: int
    revisions: int
    documents: int
    inputs: int
    stories: int


@dataclass(frozen=True)
class StoryPlacement:
    """Where story clustering put a new article: its story, the article it copies, its features."""

    story: int
    new_story: bool
    #: The key of the earlier stored article this one is a near-copy of.
    derived_from_key: str | None
    #: The article's story features as JSON, kept so clustering can resume from the store.
    features: str
    #: A headline for a new story (the founding article's title).
    label: str | None = None


@dataclass(frozen=True)
class ClusteredArticle:
    """An article's past story placement, replayed to resume clustering."""

    article: int
    key: str
    features: str
    story: int
    derived_from_key: str | None


class StoryPlacer(Protocol):
    """Online story clustering as the store drives it (:class:`corroborate.store.stories.StoryAssigner`).

    Inside each batch's transaction, holding the write lock, the store first
    hands the placer every placement stored after ``seen_up_to`` (by another
    process since), then asks it to place each new article in batch order.
    """

    seen_up_to: int

    def catch_up(self, history: Iterable[ClusteredArticle]) -> None:
        """Replay placements stored since ``seen_up_to``, in order."""

    def place(self, article_id: int, version: ArticleVersion) -> StoryPlacement:
        """Where the new article ``article_id`` goes."""


@dataclass(frozen=True)
class StorySummary:
    """One story as ``corroborate stories`` lists it."""

    id: int
    label: str | None
    size: int
    outlets: int
    #: Outlets (an article without a known outlet counts as its own) minus near-copies of another
    #: article. Rewrites are not caught here: the brief's independence analysis finds those.
    independent_sources: int
    #: Earliest and latest trusted publication dates (``None`` when no article has one).
    first_published: str | None
    last_published: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class ExportRow:
    """One article as ``corroborate export`` writes it."""

    article: int
    key: str
    input_id: str | None
    input: str
    story: int | None
    derived_from_id: str | None
    canonical_url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    revision: int

    def to_dict(self) -> dict[str, object]:
        """The JSON record: ``id`` is the id the input gave (else the store key); so is ``derived_from``."""
        return {
            "id": self.input_id or self.key,
            "input": self.input,
            "story": self.story,
            "derived_from": self.derived_from_id,
            "key": self.key,
            "url": self.canonical_url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "revision": self.revision,
        }


_ARTICLE_COLUMNS = (
    "id, article_key, input_id, input, canonical_url, content_hash, revision, record, story, derived_from"
)


#: Rows read per query when streaming articles, export rows or the clustering history.
PAGE_SIZE = 1000

#: Stored story placements (article id, key, features, story, key of the article it derives from).
_PLACEMENTS = (
    "SELECT a.id, a.article_key, a.features, a.story, d.article_key FROM articles a "
    "LEFT JOIN articles d ON d.id = a.derived_from WHERE a.story IS NOT NULL AND a.features IS NOT NULL"
)


class Store:
    """A corroborate database; use :func:`corroborate.store.open_store` to get one."""

    dialect: Dialect

    def __init__(self, connection: Any, location: str) -> None:
        self._connection = connection
        #: The file path or the URL (password masked) the store was opened from.
        self.location = location

    # --- What a back end provides ---------------------------------------------------------

    def _transaction(self) -> AbstractContextManager[Any]:
        """A cursor inside one transaction: committed on exit, rolled back on error."""
        raise NotImplementedError

    def _lock_writers(self, cursor: Any) -> None:
        """Make other writers wait until this transaction ends."""
        raise NotImplementedError

    def _table_names(self, cursor: Any) -> set[str]:
        """The tables of the database (the current schema's, for PostgreSQL)."""
        raise NotImplementedError

    def _errors(self) -> AbstractContextManager[None]:
        """Turn the driver's errors into one-line :class:`StoreError` messages."""
        raise NotImplementedError

    def _close_connection(self) -> None:
        self._connection.close()

    # --- Opening and closing --------------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.dialect.name

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._errors():
            self._close_connection()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def migrate(self, target: int = LATEST_VERSION) -> int:
        """Apply the missing migrations up to ``target`` in one transaction; return the version reached.

        A database already at ``target`` is recognized by a plain read, without
        the write lock, so opening a store does not queue behind a writer.
        """
        if self._version_without_lock() == target:
            return target
        with self._errors(), self._transaction() as cursor:
            self._lock_writers(cursor)
            tables = self._table_names(cursor)
            if "schema_version" not in tables and tables & OWN_TABLES:
                found = ", ".join(sorted(tables & OWN_TABLES))
                raise SchemaError(
                    f"{self.location} has tables named like corroborate's ({found}) but no schema_version: "
                    "not a corroborate database"
                )
            cursor.execute(SCHEMA_VERSION_TABLE)
            cursor.execute("SELECT MAX(version) FROM schema_version")
            current = cursor.fetchone()[0] or 0
            if current > LATEST_VERSION:
                raise SchemaError(
                    f"{self.location} has schema version {current}, newer than this corroborate "
                    f"knows ({LATEST_VERSION}): upgrade corroborate"
                )
            for migration in MIGRATIONS:
                if current < migration.version <= target:
                    for statement in migration.statements:
                        cursor.execute(self.dialect.render(statement))
                    cursor.execute(
                        self.dialect.render(
                            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)"
                        ),
                        (migration.version, migration.description, _now()),
                    )
                    current = migration.version
            return current

    def _version_without_lock(self) -> int | None:
        """The schema version by a plain read, or None when the database has no ``schema_version`` yet."""
        with self._errors():
            cursor = self._connection.cursor()
            try:
                if "schema_version" not in self._table_names(cursor):
                    return None
                cursor.execute("SELECT MAX(version) FROM schema_version")
                return cursor.fetchone()[0]
            finally:
                cursor.close()

    def schema_version(self) -> int:
        """The schema version of the database (0 when it has none)."""
        row = self._query_one("SELECT MAX(version) FROM schema_version")
        return row[0] or 0

    # --- Writing --------------------------------------------------------------------------

    def known_documents(self, raw_hashes: Sequence[str]) -> set[str]:
        """Which of these raw document hashes are already stored."""
        known: set[str] = set()
        unique = sorted(set(raw_hashes))
        for start in range(0, len(unique), MAX_QUERY_PARAMETERS):
            chunk = unique[start : start + MAX_QUERY_PARAMETERS]
            marks = ", ".join("?" * len(chunk))
            rows = self._query_all(f"SELECT raw_hash FROM documents WHERE raw_hash IN ({marks})", chunk)
            known.update(row[0] for row in rows)
        return known

    def write_batch(
        self,
        versions: Sequence[ArticleVersion],
        reports: Sequence[InputReport],
        placer: StoryPlacer | None = None,
    ) -> list[Outcome]:
        """Store a batch of article versions and input reports in one transaction; one outcome per version.

        With ``placer``, each new article is put in a story in the same
        transaction, so a batch lands with its story placements or not at all,
        and writers in other processes never see half-clustered batches.
        """
        with self._errors(), self._transaction() as cursor:
            self._lock_writers(cursor)
            if placer is not None:
                placer.catch_up(self._placements_after(cursor, placer.seen_up_to))
            stored_at = _now()
            outcomes: list[Outcome] = []
            for version in versions:
                outcome, article_id = self._write_version(cursor, version, stored_at)
                if outcome == "new" and placer is not None:
                    self._write_placement(cursor, article_id, placer.place(article_id, version), stored_at)
                outcomes.append(outcome)
            for report in reports:
                self._write_report(cursor, report, stored_at)
            return outcomes

    def place_unclustered(self, placer: StoryPlacer, batch_size: int) -> int:
        """Put stored articles that have no story yet (stored without clustering) into stories; return how many."""
        placed = 0
        while True:
            with self._errors(), self._transaction() as cursor:
                self._lock_writers(cursor)
                placer.catch_up(self._placements_after(cursor, placer.seen_up_to))
                self._execute(
                    cursor,
                    "SELECT id, article_key, input_id, canonical_url, content_hash, record FROM articles "
                    "WHERE story IS NULL ORDER BY id LIMIT ?",
                    (batch_size,),
                )
                rows = cursor.fetchall()
                stored_at = _now()
                for article_id, key, input_id, url, text_hash, record in rows:
                    article = Article.from_dict(json.loads(record))
                    version = ArticleVersion(key, input_id, url, text_hash, "", article)
                    self._write_placement(cursor, article_id, placer.place(article_id, version), stored_at)
            placed += len(rows)
            if len(rows) < batch_size:
                return placed

    def _placements_after(self, cursor: Any, article_id: int) -> list[ClusteredArticle]:
        self._execute(cursor, _PLACEMENTS + " AND a.id > ? ORDER BY a.id", (article_id,))
        return [ClusteredArticle(*row) for row in cursor.fetchall()]

    def _write_placement(self, cursor: Any, article_id: int, placement: StoryPlacement, stored_at: str) -> None:
        if placement.new_story:
            self._execute(
                cursor,
                "INSERT INTO stories (id, label, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (placement.story, placement.label, stored_at, stored_at),
            )
        else:
            self._execute(cursor, "UPDATE stories SET updated_at = ? WHERE id = ?", (stored_at, placement.story))
        derived_from = None
        if placement.derived_from_key is not None:
            self._execute(cursor, "SELECT id FROM articles WHERE article_key = ?", (placement.derived_from_key,))
            row = cursor.fetchone()
            derived_from = row[0] if row else None
        self._execute(
            cursor,
            "UPDATE articles SET story = ?, derived_from = ?, features = ? WHERE id = ?",
            (placement.story, derived_from, placement.features, article_id),
        )

    def _write_version(self, cursor: Any, version: ArticleVersion, stored_at: str) -> tuple[Outcome, int]:
        record = json.dumps(version.article.to_dict(), ensure_ascii=False, sort_keys=True)
        self._execute(cursor, "SELECT id, revision FROM articles WHERE article_key = ?", (version.key,))
        row = cursor.fetchone()
        if row is None:
            self._execute(
                cursor,
                "INSERT INTO articles (article_key, input_id, input, canonical_url, content_hash, revision, "
                "article_id, title, outlet, published, published_confidence, published_source, language, "
                "text, record, first_stored, last_stored) "
                "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (version.key, version.input_id, version.article.input, version.canonical_url,
                 version.content_hash, *_article_columns(version.article), record, stored_at, stored_at),
            )
            article_id = cursor.fetchone()[0]
            self._insert_revision(cursor, article_id, 1, version, record, stored_at)
            self._insert_document(cursor, version, article_id, 1, stored_at)
            return "new", article_id
        article_id, latest = row
        self._execute(
            cursor,
            "SELECT revision FROM revisions WHERE article = ? AND content_hash = ?",
            (article_id, version.content_hash),
        )
        same_text = cursor.fetchone()
        if same_text is not None:
            self._insert_document(cursor, version, article_id, same_text[0], stored_at)
            return "duplicate", article_id
        self._execute(cursor, "SELECT MAX(revision) FROM revisions WHERE article = ?", (article_id,))
        revision = cursor.fetchone()[0] + 1
        self._insert_revision(cursor, article_id, revision, version, record, stored_at)
        self._execute(
            cursor,
            "UPDATE articles SET input = ?, content_hash = ?, revision = ?, article_id = ?, title = ?, "
            "outlet = ?, published = ?, published_confidence = ?, published_source = ?, language = ?, "
            "text = ?, record = ?, last_stored = ? WHERE id = ?",
            (version.article.input, version.content_hash, revision, *_article_columns(version.article),
             record, stored_at, article_id),
        )
        self._insert_document(cursor, version, article_id, revision, stored_at)
        return "revision", article_id

    def _insert_revision(
        self, cursor: Any, article_id: int, revision: int, version: ArticleVersion, record: str, stored_at: str
    ) -> None:
        self._execute(
            cursor,
            "INSERT INTO revisions (article, revision, content_hash, input, text, record, stored_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, revision, version.content_hash, version.article.input, version.article.text,
             record, stored_at),
        )

    def _insert_document(
        self, cursor: Any, version: ArticleVersion, article_id: int, revision: int, stored_at: str
    ) -> None:
        # The same raw document twice in one batch: the first sighting stays.
        self._execute(
            cursor,
            "INSERT INTO documents (raw_hash, article, revision, input, stored_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (raw_hash) DO NOTHING",
            (version.raw_hash, article_id, revision, version.article.input, stored_at),
        )

    def _write_report(self, cursor: Any, report: InputReport, stored_at: str) -> None:
        self._execute(
            cursor,
            "INSERT INTO inputs (input, status, reason, documents, reported_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (input) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
            "documents = excluded.documents, reported_at = excluded.reported_at",
            (report.input, report.status, report.reason, report.documents, stored_at),
        )

    # --- Reading --------------------------------------------------------------------------

    def articles(self) -> Iterator[StoredArticle]:
        """Every article's current version, in the order they were first stored."""
        for row in self._pages_by_id(f"SELECT {_ARTICLE_COLUMNS} FROM articles", "id"):
            yield _stored_article(row)

    def article(self, article_id: int) -> StoredArticle | None:
        """One article by its row id, or None."""
        row = self._query_one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return _stored_article(row) if row else None

    def revisions(self, article_id: int) -> list[StoredRevision]:
        """Every version of one article, oldest first."""
        rows = self._query_all(
            "SELECT article, revision, content_hash, input, record, stored_at FROM revisions "
            "WHERE article = ? ORDER BY revision",
            (article_id,),
        )
        return [
            StoredRevision(row[0], row[1], row[2], row[3], Article.from_dict(json.loads(row[4])), row[5])
            for row in rows
        ]

    def clustering_history(self, page_size: int = PAGE_SIZE) -> Iterator[ClusteredArticle]:
        """Every article placed in a story, in the order it was stored, to replay into a clusterer."""
        for row in self._pages_by_id(_PLACEMENTS, "a.id", page_size):
            yield ClusteredArticle(*row)

    def stories(self) -> list[StorySummary]:
        """Every story with its size, outlets, independent sources and date span, newest activity first.

        The date span uses trusted publication dates only (a re-posting date
        of low confidence would stretch a story over years).
        """
        rows = self._query_all(
            "SELECT s.id, s.label, COUNT(a.id), "
            "COUNT(DISTINCT a.outlet), "
            "COUNT(DISTINCT CASE WHEN a.derived_from IS NULL THEN COALESCE(a.outlet, a.article_key) END), "
            "MIN(CASE WHEN a.published_confidence >= ? THEN a.published END), "
            "MAX(CASE WHEN a.published_confidence >= ? THEN a.published END), s.created_at, s.updated_at "
            "FROM stories s JOIN articles a ON a.story = s.id "
            "GROUP BY s.id, s.label, s.created_at, s.updated_at "
            "ORDER BY s.updated_at DESC, s.id DESC",
            (LOW_CONFIDENCE, LOW_CONFIDENCE),
        )
        return [StorySummary(*row) for row in rows]

    def story_articles(self, story: int) -> list[StoredArticle]:
        """The current versions of one story's articles, in the order they were stored.

        Article ids are distinct within the story: a later article whose id an
        earlier one has (two files named ``page.html``) is given ``page-2``.
        """
        rows = self._query_all(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story = ? ORDER BY id", (story,))
        return _with_distinct_ids([_stored_article(row) for row in rows])

    def export_rows(self) -> Iterator[ExportRow]:
        """Every article with its story and the id of the article it derives from, in stored order."""
        statement = (
            "SELECT a.id, a.article_key, a.input_id, a.input, a.story, COALESCE(d.input_id, d.article_key), "
            "a.canonical_url, a.title, a.outlet, a.published, a.revision "
            "FROM articles a LEFT JOIN articles d ON d.id = a.derived_from"
        )
        for row in self._pages_by_id(statement, "a.id"):
            yield ExportRow(*row)

    def input_reports(self) -> list[InputReport]:
        """The latest report of every input and bad record, by input name."""
        rows = self._query_all("SELECT input, status, reason, documents FROM inputs ORDER BY input")
        return [InputReport(row[0], row[1], row[2], row[3]) for row in rows]

    def counts(self) -> StoreCounts:
        """How many articles, revisions, raw documents, input reports and stories are stored."""
        tables = ("articles", "revisions", "documents", "inputs", "stories")
        return StoreCounts(*(self._query_one(f"SELECT COUNT(*) FROM {table}")[0] for table in tables))

    # --- Plumbing -------------------------------------------------------------------------

    def _execute(self, cursor: Any, statement: str, parameters: Sequence[Any] = ()) -> None:
        cursor.execute(self.dialect.render(statement), tuple(parameters))

    def _query_all(self, statement: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            return list(self._connection.execute(self.dialect.render(statement), tuple(parameters)).fetchall())

    def _pages_by_id(
        self, statement: str, id_column: str, page_size: int = PAGE_SIZE
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of ``statement`` in ``id_column`` order, read a page at a time (the id must be the first column).

        Keyset paging on the row id holds one page in memory however large the
        store, on both back ends, without a server-side cursor.
        """
        joiner = " AND " if " WHERE " in statement else " WHERE "
        paged = f"{statement}{joiner}{id_column} > ? ORDER BY {id_column} LIMIT ?"
        after = 0
        while True:
            rows = self._query_all(paged, (after, page_size))
            yield from rows
            if len(rows) < page_size:
                return
            after = rows[-1][0]

    def _query_one(self, statement: str, parameters: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._query_all(statement, parameters)
        return rows[0] if rows else None


def _article_columns(article: Article) -> tuple[Any, ...]:
    """The article's fields that have their own columns, in the order the statements list them."""
    return (
        article.id, article.title, article.outlet, article.published, article.published_confidence,
        article.published_source, article.language, article.text,
    )


def _stored_article(row: Sequence[Any]) -> StoredArticle:
    identifier, key, input_id, input, url, text_hash, revision, record, story, derived_from = row
    article = Article.from_dict(json.loads(record))
    return StoredArticle(identifier, key, input_id, input, url, text_hash, revision, article, story, derived_from)


def _with_distinct_ids(stored: list[StoredArticle]) -> list[StoredArticle]:
    used: set[str] = set()
    distinct = []
    for item in stored:
        identifier = unique_id(item.article.id, used)
        if identifier != item.article.id:
            item = replace(item, article=replace(item.article, id=identifier))
        distinct.append(item)
    return distinct


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

