"""Fetching addresses: the ``ingest`` stage's network edge, behind ``corroborate fetch``.

Each address (given by a user, on the command line or through the web app's
queue, :mod:`.fetch_queue`) is downloaded once (:func:`fetch_page`) and its
bytes are read by the same readers as a file (:func:`read_fetched`), so a
fetched page goes through extraction, duplicate detection, revisions and
story placement exactly as ``corroborate ingest`` stores a file
(:func:`fetch_into_store`). The article's ``input`` is the address as given;
a page's ``url`` (and ``id``) is the address it was finally served from,
after redirects.

What a fetch checks, each failure a one-line reason in the input's report
(never a traceback): only ``http``/``https`` addresses with a host; at most
:data:`MAX_REDIRECTS` redirects, each to ``http``/``https`` again; a
``--timeout`` on connecting and on every read, and ``--time-limit`` on the
whole download (a server trickling a byte at a time passes the first, not the
second); a body of at most ``--max-bytes`` (refused from its
``Content-Length``, else reading stops one byte past the limit); a content
type the readers take (:data:`ACCEPTED_TYPES`; images, PDF and the like are
skipped, naming the type). A charset the server declares is handed to the
decoder (:func:`.decode.decode_text`) for pages.

Failures that may pass (timeouts, refused or reset connections, a name that
does not resolve, HTTP 5xx, 408 and 429) raise
:class:`~corroborate.errors.FetchUnavailableError`: a queued address stays
queued for another attempt. Others raise
:class:`~corroborate.errors.FetchError` and are not tried again.

We use ``urllib.request``: it does what fetching a few addresses a user chose
needs (timeouts, redirects, TLS with the system's certificates, proxies from
the environment), so the network edge adds no dependency. There is no crawl
policy (robots.txt, rate limits per host): corroborate fetches only the
addresses a user gave, one request each, as a browser would, and follows no
links. No cookies, no JavaScript, no retries within a run (the queue retries
across runs).
"""

from __future__ import annotations

import http
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from corroborate import __version__
from corroborate.errors import FetchError, FetchUnavailableError, InputError, InputTimeLimitError, OversizeInputError
from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT, IngestedInput, read_bytes
from corroborate.ingest.fetch_queue import MAX_ATTEMPTS, Attempt, QueuedAddress, QueueSettlement, queue_lock
from corroborate.ingest.fetch_queue import read_queue, settle_queue
from corroborate.ingest.limits import within_time_limit
from corroborate.ingest.report import human_size, one_line, over_limit, skipped, unexpected
from corroborate.model import InputReport

if TYPE_CHECKING:
    from corroborate.store import IngestSummary, Store
    from corroborate.store.ingest import Progress

#: Seconds to wait for a connection, and for each read from it. News sites
#: answer in well under a second; 20 s lets a slow or far one finish and still
#: gives up on a dead one long before the whole run's patience runs out.
DEFAULT_TIMEOUT = 20.0

#: Redirects followed per address. News addresses rarely take more than three
#: (http -> https -> www -> the canonical article path); browsers allow 20, but
#: past 5 it is almost always a loop or a consent wall bouncing us around.
MAX_REDIRECTS = 5

#: Longest address accepted; browsers and servers commonly stop near 2,000 characters.
MAX_URL_CHARACTERS = 2048

#: Who is asking, in every request: servers may tell corroborate from a browser.
USER_AGENT = f"corroborate/{__version__} (news article reader; fetches only addresses a user gave)"

#: Media types the readers take, by what they are; anything else (images, PDF,
#: video, archives) is skipped with its type named. A response with no
#: Content-Type at all is read by its content, like a file.
ACCEPTED_TYPES = {
    "text/html": "HTML page",
    "application/xhtml+xml": "XHTML page",
    "text/plain": "text page",
    "application/rss+xml": "RSS feed",
    "application/atom+xml": "Atom feed",
    "application/rdf+xml": "RSS 1.0 feed",
    "application/xml": "XML (a feed)",
    "text/xml": "XML (a feed)",
    "application/json": "JSON articles",
    "application/x-ndjson": "JSON Lines articles",
    "application/jsonl": "JSON Lines articles",
    "application/jsonlines": "JSON Lines articles",
    "application/x-jsonlines": "JSON Lines articles",
}

#: What we ask for, best first.
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml;q=0.9,"
    "application/xml;q=0.8,text/plain;q=0.8,application/json;q=0.8,*/*;q=0.1"
)

#: Content encodings the readers undo (gzip is sniffed and unpacked like a gzipped file).
READABLE_ENCODINGS = {"", "identity", "gzip", "x-gzip"}

#: HTTP statuses that say "not now" rather than "never": the address is tried again later.
TRANSIENT_STATUSES = {408, 425, 429}

CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class FetchedPage:
    """One downloaded response: the address as given, where it ended up, its type and its bytes."""

    address: str
    url: str
    #: The media type in lower case (``text/html``), or ``""`` when the server sent none.
    content_type: str
    charset: str | None
    data: bytes


@dataclass
class FetchRun:
    """What one ``corroborate fetch`` did: the store's summary (a report per address) and the queue's change."""

    addresses: int
    summary: IngestSummary
    settlement: QueueSettlement | None = None


def address_problem(address: str) -> str:
    """Why ``address`` cannot be fetched (not http or https, no host, ...), or ``""`` when it can."""
    if len(address) > MAX_URL_CHARACTERS:
        return f"longer than {MAX_URL_CHARACTERS} characters"
    if any(character.isspace() or ord(character) < 32 for character in address):
        return "contains spaces or control characters"
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        return f"not an address ({one_line(str(error))})"
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http or https address"
    if not parts.hostname:
        return "no host name"
    return ""


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most :data:`MAX_REDIRECTS` redirects, and only to http or https addresses."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to an address that is not http or https ({newurl[:200]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_CheckedRedirects)


def fetch_page(address: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> FetchedPage:
    """Download one address; raises :class:`FetchError` (or its transient kind) or :class:`OversizeInputError`."""
    problem = address_problem(address)
    if problem:
        raise FetchError(problem)
    request = urllib.request.Request(address, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return _read_response(address, response, max_bytes)
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        raise _http_error(error) from None
    except urllib.error.URLError as error:
        raise _network_error(error.reason, timeout) from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _network_error(error, timeout) from None


def _read_response(address: str, response: Any, max_bytes: int) -> FetchedPage:
    header = str(response.headers.get("Content-Type") or "")
    media_type = header.split(";", 1)[0].strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        raise FetchError(f"unsupported content type {media_type[:100]} (corroborate reads HTML, text, feeds and JSON)")
    encoding = str(response.headers.get("Content-Encoding") or "").strip().lower()
    if encoding not in READABLE_ENCODINGS:
        raise FetchError(f"unsupported content encoding {encoding[:100]}")
    length = str(response.headers.get("Content-Length") or "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise OversizeInputError(over_limit("page", int(length), max_bytes))
    # One byte past the limit tells a page over it from one exactly at it; nothing more is read.
    data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OversizeInputError(f"page is over the {human_size(max_bytes)} limit (--max-bytes); stopped reading there")
    charset = CHARSET.search(header)
    return FetchedPage(address, response.geturl(), media_type, charset.group(1) if charset else None, data)


def _http_error(error: urllib.error.HTTPError) -> FetchError:
    code = error.code
    message = one_line(str(error.reason or ""))
    if 300 <= code < 400:
        if "infinite loop" in message:
            return FetchError(f"too many redirects (more than {MAX_REDIRECTS}, or a loop)")
        if "not allowed" in message:
            return FetchError("redirected to an address that is not http or https")
        return FetchError(f"HTTP {code} redirect without a usable Location header")
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = message[:100]
    reason = f"HTTP {code} {phrase}".rstrip()
    if code >= 500 or code in TRANSIENT_STATUSES:
        return FetchUnavailableError(reason)
    return FetchError(reason)


def _network_error(reason: object, timeout: float) -> FetchError:
    """A failure below HTTP, in words: timed out, connection refused, host not found, ..."""
    if isinstance(reason, TimeoutError) or (isinstance(reason, OSError) and "timed out" in str(reason)):
        return FetchUnavailableError(f"timed out after {timeout:g} s (--timeout)")
    if isinstance(reason, ConnectionRefusedError):
        return FetchUnavailableError("connection refused")
    if isinstance(reason, ConnectionResetError):
        return FetchUnavailableError("connection reset by the server")
    if isinstance(reason, socket.gaierror):
        return FetchUnavailableError(f"host name not found ({one_line(reason.strerror or str(reason))})")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return FetchError(f"TLS certificate not accepted ({one_line(reason.verify_message or str(reason))})")
    if isinstance(reason, ssl.SSLError):
        return FetchUnavailableError(f"TLS error ({one_line(reason.reason or str(reason))})")
    if isinstance(reason, http.client.IncompleteRead):
        return FetchUnavailableError("the connection closed before the whole page arrived")
    if isinstance(reason, http.client.RemoteDisconnected):
        return FetchUnavailableError("the server closed the connection without answering")
    if isinstance(reason, http.client.HTTPException):
        return FetchUnavailableError(f"not a valid HTTP response ({type(reason).__name__})")
    if isinstance(reason, ValueError):
        return FetchError(f"not an address ({one_line(str(reason))[:200]})")
    if isinstance(reason, OSError):
        return FetchUnavailableError(f"network error ({one_line(reason.strerror or str(reason))[:200]})")
    return FetchError(f"cannot fetch ({one_line(str(reason))[:200]})")


def read_fetched(page: FetchedPage, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestedInput:
    """Read a downloaded response like a file of its content; a page gets the address it came from as ``url``.

    Never raises: an unusable response becomes a skipped report, as from a reader.
    """
    if not page.data:
        return skipped(page.address, "empty response (0 bytes)")
    result = read_bytes(page.address, page.data, max_bytes, declared=page.charset)
    fetched_on = datetime.now(timezone.utc).date().isoformat()
    documents = [
        # A page is known by the address it was served from (its id too: ids made
        # from the last path segment, "index" or "story", repeat across sites);
        # records of a feed or JSON file keep their own. The fetch date is a
        # crawl date: an upper bound on publication, trusted little.
        replace(document, hints={"id": page.url, "url": page.url, "crawl_date": fetched_on, **document.hints})
        if document.container == "file" else document
        for document in result.documents
    ]
    report = result.report
    if page.url != page.address:
        redirected = f"redirected to {page.url}"
        report = InputReport(report.input, report.status, "; ".join(filter(None, [report.reason, redirected])),
                             report.documents)
    return IngestedInput(report, documents, result.record_problems)


def fetch_address(
    address: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> tuple[IngestedInput, Attempt]:
    """Fetch and read one address within the limits; never raises for the address's sake.

    Returns the input (documents and report, a skipped one with the reason
    when the fetch failed) and what the attempt means for the queue.
    """
    try:
        with within_time_limit(time_limit, "fetching the address"):
            page = fetch_page(address, timeout=timeout, max_bytes=max_bytes)
    except (FetchUnavailableError, InputTimeLimitError) as error:
        return skipped(address, str(error)), Attempt(address, settled=False, error=str(error))
    except InputError as error:
        return skipped(address, str(error)), Attempt(address, settled=True, error=str(error))
    except Exception as error:  # noqa: BLE001 - one odd response must not stop the run
        return skipped(address, unexpected(error)), Attempt(address, settled=True, error=unexpected(error))
    try:
        with within_time_limit(time_limit, "reading the input"):
            item = read_fetched(page, max_bytes)
    except InputTimeLimitError as error:
        item = skipped(address, str(error))
    return item, Attempt(address, settled=True)


def fetch_inputs(
    addresses: Iterable[str],
    attempts: dict[str, Attempt],
    *,
    queued: Mapping[str, QueuedAddress] | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Iterator[IngestedInput]:
    """Fetch each address as it is asked for (for :func:`corroborate.store.ingest_into_store`).

    Records every attempt in ``attempts``; a report for a ``queued`` address
    says what becomes of it in the queue.
    """
    queued = queued or {}
    for address in addresses:
        item, attempt = fetch_address(address, timeout=timeout, max_bytes=max_bytes, time_limit=time_limit)
        attempts[address] = attempt
        entry = queued.get(address)
        if entry is not None and item.report.status == "skipped":
            item = IngestedInput(
                InputReport(address, "skipped", f"{item.report.reason}; {_queue_note(entry, attempt, max_attempts)}"),
                item.documents, item.record_problems,
            )
        yield item


def _queue_note(entry: QueuedAddress, attempt: Attempt, max_attempts: int) -> str:
    if attempt.settled:
        return "removed from the queue"
    tries = entry.attempts + 1
    if tries >= max_attempts:
        return f"gave up after {tries} attempts, removed from the queue"
    return f"kept in the queue to try again (attempt {tries} of {max_attempts})"


def fetch_into_store(
    addresses: Sequence[str],
    store: Store,
    *,
    queue: Path | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_attempts: int = MAX_ATTEMPTS,
    batch_size: int | None = None,
    progress: Progress | None = None,
) -> FetchRun:
    """Fetch the addresses, and every address pending in ``queue``, and store them as ``ingest`` stores files.

    Each address is fetched once per run, in order (those given first). The
    queue is settled after the articles are stored: a run that fails or is
    killed before leaves it as it was, and the next run fetches again (what
    was stored is found as already stored).
    """
    from corroborate.store import DEFAULT_BATCH_SIZE, ingest_into_store

    queued: dict[str, QueuedAddress] = {}
    if queue is not None:
        with queue_lock(queue):
            for entry in read_queue(queue).addresses:
                queued.setdefault(entry.url, entry)
    targets = list(dict.fromkeys([*addresses, *queued]))
    attempts: dict[str, Attempt] = {}
    items = fetch_inputs(
        targets, attempts, queued=queued, max_attempts=max_attempts, timeout=timeout, max_bytes=max_bytes,
        time_limit=time_limit,
    )
    summary = ingest_into_store(
        items, store, max_bytes=max_bytes, time_limit=time_limit, in_parts=False,
        batch_size=batch_size or DEFAULT_BATCH_SIZE, progress=progress,
    )
    run = FetchRun(len(targets), summary)
    if queue is not None and (queued or queue.exists()):
        run.settlement = settle_queue(queue, attempts, max_attempts=max_attempts)
    return run
