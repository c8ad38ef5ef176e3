"""The web app: browse stories, read their briefs, check every citation against its source, add articles.

A thin layer over the library (``corroborate serve``): :mod:`.views` and
:mod:`.uploads` say what each page holds, as pydantic models; :mod:`.app`
serves each as an HTML page (Jinja templates under ``templates/``, one style
sheet, no scripts) and as its JSON twin under ``/api/``. Briefs are made with
:mod:`corroborate.pipeline` and kept per story version (:mod:`.briefs`).
See ``docs/web.md``.
"""

from __future__ import annotations

from corroborate.web.app import create_app
from corroborate.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
