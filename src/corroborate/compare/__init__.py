"""The compare stage: sets the articles of a batch against each other.

Before claims from several outlets can be counted as independent support, we
need to know which outlets are independent at all. :mod:`.independence` finds
copies, rewrites, syndicated wire copy and summaries of other sources, records
which source each derives from with the shared passages as evidence, and groups
the batch into independent sources.
"""

from __future__ import annotations

from corroborate.compare.independence import (
    Derivation,
    SharedPassage,
    find_derivations,
    independent_groups,
)

__all__ = ["Derivation", "SharedPassage", "find_derivations", "independent_groups"]
