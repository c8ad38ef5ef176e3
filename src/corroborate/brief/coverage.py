"""The coverage matrix: the story's key facts against its sources, to show who reports what and who omits it.

Key facts are the claims most sources carry (ties broken by the claims'
weight), so the matrix shows where coverage differs, not every sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.model import Claim, Coverage, CoverageRow, Source

#: Rows of the matrix: enough for the main facts of a story, few enough to read.
MAX_FACTS = 12


def coverage_matrix(claims: Sequence[Claim], sources: Sequence[Source], *, max_facts: int = MAX_FACTS) -> Coverage:
    """Key facts x sources: which source reports which fact."""
    multi = [claim for claim in claims if len(claim.sources) > 1]
    ranked = sorted(multi or claims, key=lambda c: (-c.independent_sources, -len(c.sources), -c.weight, c.id))
    ids = tuple(source.id for source in sources)
    rows = tuple(
        CoverageRow(claim.id, claim.text, tuple(source in claim.sources for source in ids))
        for claim in ranked[:max_facts]
    )
    return Coverage(ids, rows)
