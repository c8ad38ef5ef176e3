"""Adding articles through the web app: uploaded files, and addresses queued for ``corroborate fetch``.

Uploaded files are written under fresh names (``NNN-name``, the name cut to
safe characters, never a path the client chose) into a private temporary
folder, stored with :func:`corroborate.store.ingest_into_store` (which
extracts them, places new articles in stories, and reports every input),
and removed. Their articles' ``input`` is ``upload:NAME`` (the safe name
again; ``upload:NAME-2.html`` for a second ``NAME.html`` in one upload), so
exports and pages never show the temporary path. Each file gets its own line
in the result: processed, partial or skipped with the reason, and the records
inside it that were skipped. Stories that took new articles are listed, and
briefed again after the response is sent (:func:`refresh_briefs`).

Pasted addresses are not fetched while the request waits: they are checked
(http or https, a host, no spaces) and appended, once each, to the fetch
queue (:mod:`corroborate.ingest.fetch_queue`, a JSON Lines file, one
``{"url", "queued_at"}`` record each) under the queue's lock, and
``corroborate fetch`` downloads and stores them (:mod:`corroborate.ingest.fetch`).
"""

from __future__ import annotations

import hmac
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from corroborate.errors import UploadError, UploadLimitError, UploadsDisabledError, UploadTokenError
from corroborate.ingest import FoundFile
from corroborate.ingest.fetch import MAX_URL_CHARACTERS, address_problem
from corroborate.ingest.fetch_queue import enqueue
from corroborate.model import InputReport
from corroborate.store import ingest_into_store
from corroborate.web.site import Site

#: Longest file name kept (the rest is cut) when naming an uploaded file.
MAX_NAME_CHARACTERS = 80

#: How an uploaded file is named as an article's ``input``: never its temporary path.
UPLOAD_INPUT_PREFIX = "upload:"

_UNSAFE_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ReceivedFile:
    """One uploaded file: the name the client gave (shown, never used as a path) and its bytes."""

    name: str
    content: bytes
    #: True when the file was larger than the limit and was not read to its end.
    oversize: bool = False


class RecordResult(BaseModel):
    """A record inside an uploaded file that was skipped (a bad JSON line, a feed item without text)."""

    record: str
    status: str
    reason: str


class FileResult(BaseModel):
    """What became of one uploaded file."""

    name: str
    status: Literal["processed", "partial", "skipped"]
    reason: str
    documents: int
    records: list[RecordResult] = Field(default_factory=list)


class UrlResult(BaseModel):
    """What became of one pasted address."""

    url: str
    status: Literal["queued", "duplicate", "invalid"]
    reason: str = ""


class UploadedStory(BaseModel):
    """A story that took new articles from this upload."""

    id: int
    label: str | None
    size: int
    href: str


class UploadResult(BaseModel):
    """One upload's outcome, file by file and address by address."""

    files: list[FileResult]
    urls: list[UrlResult]
    new_articles: int
    new_revisions: int
    duplicates: int
    stories: list[UploadedStory]
    fetch_queue: str | None = Field(description="the file addresses were queued in, when any were")


class UploadForm(BaseModel):
    """The upload page: whether uploads are allowed, and the limits."""

    enabled: bool
    max_files: int
    max_file_bytes: int
    max_urls: int
    formats: list[str]


def upload_form(site: Site) -> UploadForm:
    """What the upload page tells a reader before they upload."""
    settings = site.settings
    return UploadForm(
        enabled=not settings.read_only,
        max_files=settings.max_upload_files,
        max_file_bytes=settings.max_upload_bytes,
        max_urls=settings.max_urls,
        formats=["HTML pages", "plain-text pages", "JSON Lines or JSON articles", "RSS/Atom feeds", "WARC archives", "gzip of any of these"],
    )


def check_upload_token(site: Site, token: str | None) -> None:
    """Refuse the upload unless the server takes uploads and ``token`` is its token."""
    expected = site.settings.upload_token
    if not expected:
        raise UploadsDisabledError(
            "uploads are disabled: this server is read-only (start it with --upload-token TOKEN to accept uploads)"
        )
    if not token or not hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8")):
        raise UploadTokenError("uploads need this server's upload token: give it in the form or as 'Authorization: Bearer TOKEN'")


def add_articles(site: Site, token: str | None, files: list[ReceivedFile], url_list: str = "") -> UploadResult:
    """Store the uploaded files and queue the pasted addresses; report each one (runs in a worker thread)."""
    check_upload_token(site, token)
    settings = site.settings
    if len(files) > settings.max_upload_files:
        raise UploadLimitError(f"too many files: {len(files)} sent, at most {settings.max_upload_files} per upload")
    addresses = [line.strip() for line in url_list.splitlines() if line.strip()]
    if len(addresses) > settings.max_urls:
        raise UploadLimitError(f"too many addresses: {len(addresses)} pasted, at most {settings.max_urls} per upload")
    if not files and not addresses:
        raise UploadError("nothing to add: choose files to upload or paste addresses")
    results: list[FileResult | None] = [None] * len(files)
    new_articles = new_revisions = duplicates = 0
    touched: list[UploadedStory] = []
    with site.write_lock, tempfile.TemporaryDirectory(prefix="corroborate-upload-") as folder:
        written: dict[int, FoundFile] = {}
        for position, received in enumerate(files):
            if received.oversize:
                results[position] = FileResult(
                    name=received.name, status="skipped", documents=0,
                    reason=f"larger than the upload limit of {settings.max_upload_bytes} bytes",
                )
                continue
            name = safe_file_name(received.name)
            path = Path(folder) / f"{position + 1:03d}-{name}"
            path.write_bytes(received.content)
            taken = {found.input for found in written.values()}
            written[position] = FoundFile(upload_input_name(name, taken), str(path))
        if written:
            with site.store() as store:
                before = {story.id: (story.size, story.updated_at) for story in store.stories()}
                # Not in parts: a small gzip upload must not unpack into more than the upload limit.
                summary = ingest_into_store(
                    list(written.values()), store, max_bytes=settings.max_upload_bytes, in_parts=False,
                )
                after = store.stories()
                new_articles, new_revisions, duplicates = summary.new_articles, summary.new_revisions, summary.duplicates
                for position, found in written.items():
                    results[position] = _file_result(files[position].name, found, summary.reports)
                touched = [
                    UploadedStory(id=story.id, label=story.label, size=story.size, href=f"/stories/{story.id}")
                    for story in after
                    if before.get(story.id) != (story.size, story.updated_at)
                ]
    queued = queue_urls(site.settings.fetch_queue_path(), addresses) if addresses else []
    return UploadResult(
        files=[result for result in results if result is not None],
        urls=queued,
        new_articles=new_articles,
        new_revisions=new_revisions,
        duplicates=duplicates,
        stories=touched,
        fetch_queue=str(site.settings.fetch_queue_path()) if addresses else None,
    )


def refresh_briefs(site: Site, stories: list[int]) -> None:
    """Brief again the stories an upload changed, so their next view is instant (a background task)."""
    with site.store() as store:
        site.briefs.refresh(store, stories)


def upload_input_name(name: str, taken: set[str]) -> str:
    """The ``input`` an uploaded file's articles are stored under: ``upload:NAME``, unique in one upload."""
    candidate = UPLOAD_INPUT_PREFIX + name
    stem, dot, extension = name.partition(".")
    number = 2
    while candidate in taken:
        # Numbered before the extension, so the articles' ids (the name's stem) differ too.
        candidate = f"{UPLOAD_INPUT_PREFIX}{stem}-{number}{dot}{extension}"
        number += 1
    return candidate


def _file_result(name: str, found: FoundFile, reports: list[InputReport]) -> FileResult:
    """One file's report, with its skipped records named ``name:LINE`` or ``name#N``.

    Reports name the file by its input name (``upload:NAME``); a reason that
    names its temporary path or input name names the file the client sent.
    """
    own = None
    records = []
    for report in reports:
        if report.input == found.input:
            own = report
        elif report.input.startswith((found.input + ":", found.input + "#")):
            records.append(
                RecordResult(
                    record=name + report.input[len(found.input):], status=report.status,
                    reason=_without(report.reason, found, name),
                )
            )
    if own is None:
        return FileResult(name=name, status="skipped", reason="no report for this file", documents=0, records=records)
    status = own.status if own.status in ("processed", "partial", "skipped") else "skipped"
    return FileResult(
        name=name, status=status, reason=_without(own.reason, found, name), documents=own.documents, records=records
    )


def _without(reason: str, found: FoundFile, name: str) -> str:
    """A reason that names the temporary path (or the input name) names the uploaded file instead.

    The size limit of an upload is the server's, not the ``--max-bytes`` option
    the reader's messages name for the command line.
    """
    reason = reason.replace(found.path, name).replace(found.input, name)
    return reason.replace(" limit (--max-bytes)", " upload limit")


def safe_file_name(name: str) -> str:
    """The last component of a client's file name, cut to letters, digits, ``._-`` (never empty, never a path)."""
    last = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSAFE_NAME_CHARACTERS.sub("_", last).strip("._")[:MAX_NAME_CHARACTERS]
    return cleaned or "upload"


def queue_urls(queue: Path, addresses: list[str]) -> list[UrlResult]:
    """Check each address and append the good ones, once each, to the ``queue`` for ``corroborate fetch``."""
    results: list[UrlResult | None] = []
    valid: list[str] = []
    for address in addresses:
        problem = address_problem(address)
        if problem:
            results.append(UrlResult(url=address[:MAX_URL_CHARACTERS], status="invalid", reason=problem))
        else:
            results.append(None)
            valid.append(address)
    added = iter(enqueue(queue, valid) if valid else [])
    checked = []
    for address, result in zip(addresses, results):
        if result is None:
            fresh = next(added)
            result = UrlResult(url=address, status="queued") if fresh else UrlResult(
                url=address, status="duplicate", reason="already queued"
            )
        checked.append(result)
    return checked
