"""The web app: browse stories, read their briefs, check every citation against its source, add articles.

A thin layer over the library (``corroborate serve``): :mod:`.views` and
:mod:`.uploads` say what each page holds, as pydantic models; :mod:`.app`
serves each as an HTML page (Jinja templates under ``templates/``, one style
sheet, no scripts) and as its JSON twin under ``/api/``. Briefs are made with
:mod:`corroborate.pipeline` and kept per story version (:mod:`.briefs`).
See ``docs/web.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corroborate.web.settings import WebSettings

if TYPE_CHECKING:
    from corroborate.web.app import create_app

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported on first use: every `corroborate` command builds the
    # `serve` options from corroborate.web.command, and importing the app there
    # cost about a second of start-up for commands that never serve.
    if name == "create_app":
        from corroborate.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
