"""corroborate's exception tree.

Every error the library raises on purpose derives from :class:`CorroborateError`,
and its message is one line a user can act on; the CLI prints it and exits
non-zero instead of showing a traceback.

- :class:`CorroborateError` -- root of the tree.
  - :class:`InputError` -- an input cannot be used (missing, unreadable, empty,
    binary, truncated, too large, malformed). Reported per input, never fatal
    to the batch.
    - :class:`MissingInputError` -- the path or glob matches nothing.
    - :class:`OversizeInputError` -- the input exceeds the configured size limit.
    - :class:`InputTimeLimitError` -- reading the input, or extracting one of its
      documents, took longer than the configured time limit.
    - :class:`BinaryInputError` -- the bytes are not text of any known encoding.
    - :class:`EmptyInputError` -- the input holds no usable text.
    - :class:`MalformedInputError` -- a JSON line, feed or WARC that cannot be parsed.
    - :class:`FetchError` -- an address cannot be fetched, or its response cannot be
      used (HTTP 404, a content type no reader takes, too many redirects, not an
      http or https address). Permanent: the address leaves the fetch queue.
      - :class:`FetchUnavailableError` -- the server or the network may do better
        later (timed out, connection refused, HTTP 5xx or 429): a queued address
        stays queued and is tried again, up to a few attempts.
  - :class:`ExtractionError` -- a document was read but no article body was found.
  - :class:`UsageError` -- a bad option value or combination.
    - :class:`NoArticlesError` -- no input held a usable article, so there is
      nothing to brief; carries the per-input reports saying why.
    - :class:`StoryNotFoundError` -- ``--story`` names a story the store does not hold.
    - :class:`ArticleNotFoundError` -- an article id the store does not hold.
    - :class:`UploadError` -- the web app refuses an upload as a whole.
      - :class:`UploadsDisabledError` -- the server is read-only (no upload token configured).
      - :class:`UploadTokenError` -- the upload token is missing or wrong.
      - :class:`UploadLimitError` -- too many files or addresses, or a request over the size limit.
    - :class:`FetchQueueError` -- the fetch queue file cannot be read, locked or rewritten.
  - :class:`CitationError` -- a brief cites a passage that is not an exact slice
    of its source's text (or cites nothing): a bug in the brief stage, never
    shown to a reader as a finding.
  - :class:`ModelMissingError` -- a model package the stage needs is not installed.
  - :class:`BenchmarkDataMissing` -- a benchmark's data set is not on this machine.
  - :class:`SparkUnavailableError` -- the distributed batch cannot start Spark
    (no Java runtime, or the JVM gateway does not come up).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corroborate.model import InputReport


class CorroborateError(Exception):
    """Root of every error corroborate raises on purpose."""


class InputError(CorroborateError):
    """An input cannot be used; the message says why in one line."""


class MissingInputError(InputError):
    """A path or glob that matches nothing."""


class OversizeInputError(InputError):
    """An input larger than the configured limit."""


class InputTimeLimitError(InputError):
    """An input (or one document in it) that took longer than the time limit to read or extract."""


class BinaryInputError(InputError):
    """Bytes that are not text in any encoding we can detect."""


class EmptyInputError(InputError):
    """An input that holds no usable text."""


class MalformedInputError(InputError):
    """A JSON line, feed or WARC archive that cannot be parsed."""


class FetchError(InputError):
    """An address that cannot be fetched, or whose response no reader can use; trying again will not help."""


class FetchUnavailableError(FetchError):
    """An address whose server or network failed in a way that may pass (a timeout, a refused connection, HTTP 5xx)."""


class ExtractionError(CorroborateError):
    """A document was read but holds no article body."""


class UsageError(CorroborateError):
    """A bad option value or combination of options."""


class NoArticlesError(UsageError):
    """No input held a usable article; ``reports`` says what became of each input."""

    def __init__(self, message: str, reports: Sequence[InputReport] = ()) -> None:
        super().__init__(message)
        self.reports = tuple(reports)


class StoryNotFoundError(UsageError):
    """A story number the store does not hold."""


class ArticleNotFoundError(UsageError):
    """An article id the store does not hold."""


class UploadError(UsageError):
    """An upload the web app refuses as a whole; files it accepts are reported one by one instead."""


class UploadsDisabledError(UploadError):
    """Uploads to a read-only server (started without an upload token)."""


class UploadTokenError(UploadError):
    """An upload without the server's token, or with a wrong one."""


class UploadLimitError(UploadError):
    """An upload with too many files or addresses, or a request body over the size limit."""


class FetchQueueError(UsageError):
    """The fetch queue file cannot be read, locked or rewritten (permissions, a folder in its place)."""


class CitationError(CorroborateError):
    """A brief's citation is not an exact slice of its source's text, or a statement cites nothing."""


class BenchmarkDataMissing(CorroborateError):
    """A benchmark's data set is absent; the benchmark is skipped, not failed."""


class ModelMissingError(CorroborateError):
    """A model package a stage needs is not installed (models never download at run time)."""


class SparkUnavailableError(CorroborateError):
    """Spark cannot start here: no Java runtime, or the JVM gateway failed to come up."""
