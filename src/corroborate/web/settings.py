"""How one web server is configured: its database, its upload token and its limits.

The defaults are what ``corroborate serve`` starts with; every limit is a
named constant saying what it trades off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corroborate.ingest.fetch_queue import default_fetch_queue

#: Largest uploaded file kept. A day of one outlet's feed or a crawl slice of a
#: few hundred pages fits; bigger archives belong to ``corroborate ingest``,
#: which streams them instead of holding an HTTP request open.
DEFAULT_MAX_UPLOAD_BYTES = 5_000_000
#: Most files per upload: enough for a folder of scraped pages, few enough that
#: one request's per-file report stays readable and its ingest short.
DEFAULT_MAX_UPLOAD_FILES = 20
#: Most addresses queued per request.
DEFAULT_MAX_URLS = 200
#: Longest pasted address list, in bytes (200 addresses of ~300 characters, with room).
DEFAULT_MAX_URL_LIST_BYTES = 100_000
#: Slack over ``files x size`` for multipart headers and form fields.
REQUEST_OVERHEAD_BYTES = 1_000_000
#: Briefs kept in memory. One brief of a 5-article story takes ~0.5 MB (its
#: sources' texts and their citations); 64 keeps the stories readers are
#: looking at without letting memory grow with the store.
DEFAULT_BRIEF_CACHE_SIZE = 64
#: Worker threads serving pages (anyio's default is 40). Page work holds the GIL,
#: so threads beyond a few add switching, not throughput (bench web-load: 50
#: clients on 2 cores); 8 still leave pages served while briefs (made one at a
#: time) or an upload occupy some of them.
DEFAULT_WORKER_THREADS = 8
#: Stories per page of the story list.
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class WebSettings:
    """One server's configuration; uploads are refused unless ``upload_token`` is set."""

    #: SQLite file path or ``postgresql://`` URL, as :func:`corroborate.store.open_store` takes it.
    database: str | Path | None = None
    #: The token uploads must carry; ``None`` makes the server read-only.
    upload_token: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    max_upload_files: int = DEFAULT_MAX_UPLOAD_FILES
    max_urls: int = DEFAULT_MAX_URLS
    max_url_list_bytes: int = DEFAULT_MAX_URL_LIST_BYTES
    #: JSON Lines file pasted addresses are queued in for ``corroborate fetch``
    #: (default: beside the SQLite file, ``NAME.fetch-queue.jsonl``).
    fetch_queue: Path | None = None
    brief_cache_size: int = DEFAULT_BRIEF_CACHE_SIZE
    page_size: int = DEFAULT_PAGE_SIZE
    worker_threads: int = DEFAULT_WORKER_THREADS

    @property
    def read_only(self) -> bool:
        """True when uploads are refused (no token configured)."""
        return not self.upload_token

    @property
    def max_request_bytes(self) -> int:
        """Largest request body accepted: every file at its limit, the address list, and headers."""
        return (
            self.max_upload_files * self.max_upload_bytes + self.max_url_list_bytes + REQUEST_OVERHEAD_BYTES
        )

    def fetch_queue_path(self) -> Path:
        """Where queued addresses go: the configured file, else the queue ``corroborate fetch --db`` reads."""
        if self.fetch_queue is not None:
            return Path(self.fetch_queue)
        return default_fetch_queue(self.database)
