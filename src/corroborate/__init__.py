"""corroborate: what several independent news sources agree on, with citations.

The library is organised as stages (``ingest``, ``extract``, ...) over the
records in :mod:`corroborate.model`; the command line in :mod:`corroborate.cli`
is a thin layer over it.
"""

from corroborate.model import (
    AnnotatedArticle,
    Article,
    DateCandidate,
    EntityCluster,
    EntityMention,
    InputReport,
    Quantity,
    Quote,
    RawDocument,
    Reference,
    RemovedBlock,
    Span,
    TimeExpression,
)

__all__ = [
    "AnnotatedArticle",
    "Article",
    "DateCandidate",
    "EntityCluster",
    "EntityMention",
    "InputReport",
    "Quantity",
    "Quote",
    "RawDocument",
    "Reference",
    "RemovedBlock",
    "Span",
    "TimeExpression",
]
__version__ = "0.1.0"
