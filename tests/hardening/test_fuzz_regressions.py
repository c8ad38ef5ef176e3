"""Every input the fuzz benchmark found failing, replayed through the same target (no fuzzer needed).

Each file under ``fuzz_regressions/TARGET/`` is an input that crashed, hung or
hid an exception in the target of :data:`corroborate.bench.fuzz_targets.TARGETS`
named by its folder, before the fix. Replayed here in-process, it must give
exactly the outcome written below: a reader's report (status, reason, number
of documents), or a normalizer's results. See docs/fuzzing.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corroborate.bench.fuzz_targets import TARGETS
from corroborate.ingest.report import IngestedInput

REGRESSIONS = Path(__file__).parent / "fuzz_regressions"

#: ``TARGET/file`` -> the outcome of replaying it (see :func:`outcome`).
EXPECTED: dict[str, Any] = {
    # feedparser read the encoding named by the XML declaration itself and raised
    # ValueError (embedded null character) on this one; the bytes are not text.
    "feed/nul-in-declared-encoding": ("skipped", "binary file (contains NUL bytes)", 0, ()),
    # The declared encoding is the byte 0xEE: feedparser raised UnicodeDecodeError
    # reading its name. (Reduced by hand from a fuzzer crash whose input was not saved.)
    "feed/non-utf8-declared-encoding": ("processed", "1 item", 1, ("cp1252",)),
    # No-break spaces inside xmlns="..." (the bytes guessed as cp1125): Python's SAX
    # reader split the namespaced name on them and raised ValueError.
    "read-bytes/no-break-spaces-in-namespace-uri": ("skipped", "feed has no items", 0, ()),
    # Written by hand after the feed findings, on the same theme (a declared charset
    # trusted too far): "hex" names a codec that is no text encoding, and decoding
    # with it raised LookupError out of the reader ...
    "html/declared-hex-codec": ("processed", "", 1, ("cp1252",)),
    # ... and "raw-unicode-escape" turned the text "\ud800" into a lone surrogate,
    # which no later stage can encode. Both are now ignored like unknown labels.
    "html/declared-raw-unicode-escape": ("processed", "", 1, ("cp1252",)),
    # dateutil raised decimal.InvalidOperation on a long number of minutes; not a date.
    "dates/long-number-of-minutes": None,
}


def saved_inputs() -> list[str]:
    """``TARGET/file`` for every saved input."""
    return sorted(f"{path.parent.name}/{path.name}" for path in REGRESSIONS.glob("*/*") if path.is_file())


def outcome(result: Any) -> Any:
    """What a replay is compared on: a reader's report and document encodings, else the result itself."""
    if isinstance(result, IngestedInput):
        report = result.report
        return (report.status, report.reason, report.documents, tuple(doc.encoding for doc in result.documents))
    return result


def test_every_saved_input_has_an_expected_outcome_and_a_target() -> None:
    assert saved_inputs() == sorted(EXPECTED)
    assert {name.split("/")[0] for name in EXPECTED} <= set(TARGETS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_input_replays_to_its_expected_outcome(name: str) -> None:
    target, _ = name.split("/")
    data = (REGRESSIONS / name).read_bytes()
    assert outcome(TARGETS[target].function(data)) == EXPECTED[name]
