"""Per-input time limits: no page, feed or record may hold a batch up for long.

Size limits (``--max-bytes``) bound memory, but not time: a page can be small
enough to read and still take minutes in a third-party parser or a date
search (htmldate runs its patterns over the whole page), and a regular
expression somewhere may backtrack on an input crafted for it. Each input is
therefore read, and each document extracted, under a wall-clock limit; past
it the work is abandoned and the input is reported as skipped, with the
reason, while the batch goes on.

The limit is a POSIX interval timer (``SIGALRM``): the handler raises
:class:`~corroborate.errors.InputTimeLimitError` in whatever Python code is
running, including inside ``re`` matching (which checks for signals). After
the first alarm the timer keeps firing every :data:`REPEAT_SECONDS`, so a
library that swallows the exception with a bare ``except`` is interrupted
again. Work inside a single C call (one libxml2 parse) ends before the
exception can be raised; those calls are bounded by the size limit instead.

Signals reach only the main thread, so the limit applies where corroborate
runs its batches (the CLI, the Spark executors' Python workers); in other
threads (a web server's worker pool) :func:`within_time_limit` does nothing, and the
size limits stand alone. Spelled out in docs/errors.md.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from corroborate.errors import InputTimeLimitError

#: Seconds one input may take to read, or one document to extract, by default.
#: A news page takes 0.05-0.5 s; the slowest legitimate inputs measured (a
#: 4 MB page of text on a busy 2-core machine) take about 35 s, mostly in
#: htmldate's whole-page date patterns. A minute leaves room for those and
#: still stops a 25 MB page that would run for several minutes.
DEFAULT_TIME_LIMIT = 60.0

#: After the limit has passed, how often the alarm fires again (see module doc).
REPEAT_SECONDS = 0.5


def time_limit_supported() -> bool:
    """True where :func:`within_time_limit` can interrupt work: the main thread of a POSIX process."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def within_time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Run the block under a wall-clock limit; past it raise :class:`InputTimeLimitError`.

    ``what`` names the work in the message ("reading", "extracting the
    article"). ``None`` or ``0`` means no limit. An enclosing limit is
    suspended inside the block and resumed, with the time it has left,
    after it.
    """
    if not seconds or not time_limit_supported():
        yield
        return

    armed = [True]

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise InputTimeLimitError(over_time_limit(what, seconds))

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    outer_remaining, outer_interval = 0.0, 0.0
    try:
        outer_remaining, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
        yield
    finally:
        _disarm(armed, previous_handler)
        if outer_remaining:
            # The enclosing limit lost the time this block took; it fires at once if that was all of it.
            left = max(outer_remaining - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


def _disarm(armed: list[bool], previous_handler: signal.Handlers | object) -> None:
    """Stop the timer and put the previous handler back, even if the alarm fires meanwhile."""
    while True:
        try:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)  # type: ignore[arg-type]
            return
        except InputTimeLimitError:
            # The alarm went off between two of the steps above: the work is over, so it is moot.
            continue


def over_time_limit(what: str, seconds: float) -> str:
    """The message: ``reading took longer than 60 s (limit --time-limit)``."""
    return f"{what} took longer than {seconds:g} s (limit --time-limit)"
