"""The fetch queue: addresses waiting for ``corroborate fetch``, one JSON line each.

The web app appends the addresses a user pastes (:func:`enqueue`);
``corroborate fetch`` reads the pending ones (:func:`read_queue`), fetches
them, and then settles the queue (:func:`settle_queue`): addresses fetched,
or failed for good, leave it; addresses that failed in a way that may pass (a
timeout, a refused connection, HTTP 5xx) stay, with an attempt count and the
last error, until :data:`MAX_ATTEMPTS` attempts have failed.

A line is ``{"url", "queued_at"}``, plus ``attempts``, ``last_error`` and
``last_attempt`` once a fetch failed. Both sides take an exclusive
``fcntl.flock`` on a lock file beside the queue (``QUEUE.lock``; the queue
itself cannot carry the lock, because settling replaces it) for the short
time they read and write it, never while fetching. Settling re-reads the queue
under the lock, so addresses appended while the fetch ran are kept, and writes
the new queue to a temporary file beside it that replaces it in one
``os.replace``: a reader sees the old queue or the new one, never half of
one. A line that is not a queued address (a hand edit gone wrong) is kept as
it is and reported, never dropped.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corroborate.errors import FetchQueueError
from corroborate.ingest.report import one_line
from corroborate.store.sqlite import DEFAULT_DATABASE

#: Attempts an address gets when each fails in a way that may pass; then it leaves
#: the queue. Three runs (say, three cron runs an hour apart) ride out a
#: server's restart or an outage of the fetching machine's network without
#: keeping a dead address queued for ever.
MAX_ATTEMPTS = 3

#: The queue's name beside a SQLite file ``NAME``: ``NAME.fetch-queue.jsonl``.
QUEUE_SUFFIX = ".fetch-queue.jsonl"

#: The queue used when the database is a server (a ``postgresql://`` URL), in the current folder.
SERVER_DATABASE_QUEUE = "corroborate.fetch-queue.jsonl"


@dataclass(frozen=True)
class QueuedAddress:
    """One pending address, and what went wrong the times it could not be fetched."""

    url: str
    queued_at: str
    attempts: int = 0
    last_error: str | None = None
    last_attempt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The queue line: ``url`` and ``queued_at``, and the failure fields once there are any."""
        record: dict[str, Any] = {"url": self.url, "queued_at": self.queued_at}
        if self.attempts:
            record.update(attempts=self.attempts, last_error=self.last_error, last_attempt=self.last_attempt)
        return record


@dataclass(frozen=True)
class QueueContents:
    """The pending addresses of a queue file, and its lines that are not queued addresses (by line number)."""

    addresses: list[QueuedAddress] = field(default_factory=list)
    damaged: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Attempt:
    """What one fetch of an address came to, as far as the queue cares."""

    url: str
    #: True when the address was fetched, or failed in a way that trying again will not fix.
    settled: bool
    error: str | None = None


@dataclass
class QueueSettlement:
    """How a queue changed after a fetch run."""

    queue: Path
    #: Addresses fetched, or failed for good, that left the queue.
    done: list[str] = field(default_factory=list)
    #: Addresses that failed in a way that may pass and stay queued, with their attempt counts.
    retried: list[QueuedAddress] = field(default_factory=list)
    #: Addresses that failed :data:`MAX_ATTEMPTS` times and left the queue.
    given_up: list[QueuedAddress] = field(default_factory=list)
    #: Addresses pending after the run (retried ones, those not tried, those queued meanwhile).
    pending: int = 0
    damaged: list[tuple[int, str]] = field(default_factory=list)


def default_fetch_queue(database: str | Path | None) -> Path:
    """The queue of a database: ``NAME.fetch-queue.jsonl`` beside a SQLite file, else in the current folder."""
    location = str(database) if database is not None else DEFAULT_DATABASE
    if "://" in location:
        return Path(SERVER_DATABASE_QUEUE)
    return Path(location + QUEUE_SUFFIX)


def lock_path(queue: Path) -> Path:
    """The lock file both the web app and ``corroborate fetch`` take before touching ``queue``."""
    return queue.with_name(queue.name + ".lock")


@contextmanager
def queue_lock(queue: Path) -> Iterator[None]:
    """Hold the queue's exclusive lock (waiting for it) for the block; creates the queue's folder if needed."""
    path = lock_path(queue)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise FetchQueueError(f"cannot lock the fetch queue {queue}: {error.strerror or error}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        # Closing the descriptor releases the lock; the lock file stays (removing it would race).
        os.close(descriptor)


def read_queue(queue: Path) -> QueueContents:
    """The queue's pending addresses in order (none when the file does not exist); take the lock first."""
    try:
        text = queue.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return QueueContents()
    except OSError as error:
        raise FetchQueueError(f"cannot read the fetch queue {queue}: {error.strerror or error}") from None
    contents = QueueContents()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        address = _queued_address(line)
        if address is None:
            contents.damaged.append((number, line))
        else:
            contents.addresses.append(address)
    return contents


def enqueue(queue: Path, addresses: Sequence[str]) -> list[bool]:
    """Append each address not already pending; True for those added (one of each, in order)."""
    with queue_lock(queue):
        pending = {address.url for address in read_queue(queue).addresses}
        added = []
        lines = []
        queued_at = now_iso()
        for address in addresses:
            fresh = address not in pending
            added.append(fresh)
            if fresh:
                pending.add(address)
                lines.append(json.dumps(QueuedAddress(address, queued_at).to_dict(), ensure_ascii=False) + "\n")
        if lines:
            try:
                with queue.open("a+", encoding="utf-8") as handle:
                    if handle.tell() and not _ends_with_newline(queue):
                        handle.write("\n")  # a hand-edited last line must not swallow the first new one
                    handle.writelines(lines)
            except OSError as error:
                raise FetchQueueError(f"cannot write the fetch queue {queue}: {error.strerror or error}") from None
    return added


def settle_queue(
    queue: Path, attempts: Mapping[str, Attempt], *, max_attempts: int = MAX_ATTEMPTS
) -> QueueSettlement:
    """Take fetched and failed-for-good addresses off the queue; count a failed attempt on the others.

    Addresses not in ``attempts`` (queued while the fetch ran, or not tried)
    stay as they are. The queue is rewritten only when something changed.
    """
    settlement = QueueSettlement(queue)
    with queue_lock(queue):
        contents = read_queue(queue)
        settlement.damaged = contents.damaged
        kept: list[QueuedAddress] = []
        changed = False
        stamp = now_iso()
        for address in contents.addresses:
            attempt = attempts.get(address.url)
            if attempt is None:
                kept.append(address)
                continue
            changed = True
            if attempt.settled:
                settlement.done.append(address.url)
                continue
            failed = replace(address, attempts=address.attempts + 1, last_error=attempt.error, last_attempt=stamp)
            if failed.attempts >= max_attempts:
                settlement.given_up.append(failed)
            else:
                settlement.retried.append(failed)
                kept.append(failed)
        settlement.pending = len(kept)
        if changed:
            _replace_queue(queue, kept, contents.damaged)
    return settlement


def now_iso() -> str:
    """The current UTC time as the queue writes it (``2025-05-02T09:30:00+00:00``)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _queued_address(line: str) -> QueuedAddress | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("url"), str) or not record["url"].strip():
        return None
    attempts = record.get("attempts")
    last_error = record.get("last_error")
    last_attempt = record.get("last_attempt")
    return QueuedAddress(
        url=record["url"].strip(),
        queued_at=str(record.get("queued_at") or ""),
        attempts=attempts if isinstance(attempts, int) and not isinstance(attempts, bool) and attempts > 0 else 0,
        last_error=one_line(last_error) if isinstance(last_error, str) else None,
        last_attempt=last_attempt if isinstance(last_attempt, str) else None,
    )


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _replace_queue(queue: Path, addresses: Iterable[QueuedAddress], damaged: Sequence[tuple[int, str]]) -> None:
    """Write the new queue beside the old one and swap it in with one ``os.replace``."""
    lines = [json.dumps(address.to_dict(), ensure_ascii=False) + "\n" for address in addresses]
    lines += [line + "\n" for _, line in damaged]
    temporary = None
    try:
        mode = queue.stat().st_mode & 0o777 if queue.exists() else 0o644
        descriptor, temporary = tempfile.mkstemp(prefix=queue.name + ".", suffix=".tmp", dir=queue.parent)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, queue)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise FetchQueueError(f"cannot rewrite the fetch queue {queue}: {error.strerror or error}") from None
