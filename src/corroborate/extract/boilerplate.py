"""STUB: batch statistics for boilerplate removal (being written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.model import RawDocument


@dataclass(frozen=True)
class BatchContext:
    """What the whole batch tells about each line: how often it repeats."""

    documents: int = 0

    @classmethod
    def from_documents(cls, documents: Sequence[RawDocument]) -> "BatchContext":
        return cls(documents=len(documents))
