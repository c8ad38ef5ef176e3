"""The brief as JSON: the documented contract (docs/brief-json.md, docs/brief.schema.json).

The document is :meth:`Brief.to_dict` as it is, so the JSON and the other
renderings come from the same record (datasette's rule: every page has a JSON
twin from the same function).
"""

from __future__ import annotations

import json
from typing import Any

from corroborate.model import Brief


def brief_json(brief: Brief) -> str:
    """The whole brief as one JSON document (UTF-8 text, indented)."""
    return _dumps(brief.to_dict())


def timeline_json(brief: Brief) -> str:
    """The timeline document: the brief's ``timeline`` with the ``sources`` it cites and the ``inputs``."""
    document = brief.to_dict()
    return _dumps({key: document[key] for key in ("sources", "timeline", "inputs")})


def _dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
