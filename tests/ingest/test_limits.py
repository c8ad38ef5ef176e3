"""Per-input time limits (corroborate.ingest.limits): work past the limit is stopped, and nothing else is."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from corroborate.errors import InputError, InputTimeLimitError
from corroborate.ingest import ingest
from corroborate.ingest.limits import within_time_limit

#: A pattern that backtracks exponentially on a run of "a" followed by "b" (about 2^40 steps).
BACKTRACKING = re.compile(r"(a+)+$")
ADVERSARIAL = "a" * 40 + "b"


def test_a_backtracking_regular_expression_is_stopped_at_the_limit() -> None:
    with pytest.raises(InputTimeLimitError) as raised:
        with within_time_limit(0.2, "reading the input"):
            BACKTRACKING.match(ADVERSARIAL)
    assert str(raised.value) == "reading the input took longer than 0.2 s (limit --time-limit)"
    assert isinstance(raised.value, InputError)  # reported per input like any other unusable input


def test_work_that_swallows_the_first_alarm_is_stopped_by_the_next() -> None:
    def careless_library_call() -> None:
        try:
            BACKTRACKING.match(ADVERSARIAL)
        except Exception:  # noqa: BLE001 - what some parsers do with every error
            pass
        BACKTRACKING.match(ADVERSARIAL)  # and then goes on working

    with pytest.raises(InputTimeLimitError):
        with within_time_limit(0.1, "extracting the article"):
            careless_library_call()


def test_leaving_the_block_stops_the_timer_and_restores_the_handler() -> None:
    handler_before = signal.getsignal(signal.SIGALRM)
    with within_time_limit(30, "reading the input"):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler_before


def test_an_enclosing_limit_resumes_after_an_inner_one() -> None:
    with pytest.raises(InputTimeLimitError) as raised:
        with within_time_limit(0.3, "reading the input"):
            with within_time_limit(5, "extracting the article"):
                pass
            BACKTRACKING.match(ADVERSARIAL)
    assert str(raised.value).startswith("reading the input took longer than 0.3 s")


def test_no_limit_and_a_zero_limit_leave_the_work_alone() -> None:
    for seconds in (None, 0):
        with within_time_limit(seconds, "reading the input"):
            assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_the_limit_does_nothing() -> None:
    outcome: list[str] = []

    def work() -> None:
        with within_time_limit(0.01, "reading the input"):
            time.sleep(0.1)
        outcome.append("finished")

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert outcome == ["finished"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_input_over_the_limit_is_reported_and_the_next_is_read(tmp_path, monkeypatch) -> None:
    slow, fine = tmp_path / "slow.jsonl", tmp_path / "fine.jsonl"
    slow.write_text('{"id": "a", "text": "One line."}\n', encoding="utf-8")
    fine.write_text('{"id": "b", "text": "Another line."}\n', encoding="utf-8")
    from corroborate.ingest import READERS

    read_json = READERS["json"]

    def read_slowly(input: str, data: bytes, max_bytes: int):  # the JSON reader, stuck on one file
        if input.endswith("slow.jsonl"):
            BACKTRACKING.match(ADVERSARIAL)
        return read_json(input, data, max_bytes)

    monkeypatch.setitem(READERS, "json", read_slowly)
    reports = [item.report for item in ingest([str(slow), str(fine)], time_limit=0.2)]
    assert [(report.input, report.status, report.reason) for report in reports] == [
        (str(slow), "skipped", "reading the input took longer than 0.2 s (limit --time-limit)"),
        (str(fine), "processed", "1 record"),
    ]
