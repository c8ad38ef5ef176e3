"""One local[2] Spark session for every Spark test (starting one costs ~10 s); skipped without Java."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from corroborate.spark import java_available, start_session


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] Spark session shared by the whole test run."""
    if not java_available():
        pytest.skip("Spark tests need a Java runtime (java on the PATH or JAVA_HOME); none found")
    session = start_session("local[2]")
    yield session
    session.stop()
