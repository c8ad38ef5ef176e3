"""The render stage: turns records into text for people and programs.

Renderers are small registries from a format name to a function ``Brief ->
str``: :data:`BRIEF_RENDERERS` for ``corroborate brief``,
:data:`TIMELINE_RENDERERS` for ``corroborate timeline``. Adding a format is one
function and one line here. :mod:`.table` renders annotations for the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from corroborate.errors import UsageError
from corroborate.model import Brief
from corroborate.render.html import brief_html
from corroborate.render.json import brief_json, timeline_json
from corroborate.render.markdown import brief_markdown, timeline_markdown

#: A renderer turns a brief into the text of one output file.
Renderer = Callable[[Brief], str]

#: ``corroborate brief --format NAME``; the first is the default.
BRIEF_RENDERERS: dict[str, Renderer] = {
    "markdown": brief_markdown,
    "html": brief_html,
    "json": brief_json,
}

#: ``corroborate timeline --format NAME``; the first is the default.
TIMELINE_RENDERERS: dict[str, Renderer] = {
    "markdown": timeline_markdown,
    "json": timeline_json,
}


def render(brief: Brief, format: str, renderers: Mapping[str, Renderer] = BRIEF_RENDERERS) -> str:
    """The brief rendered in ``format``; an unknown format is a :class:`UsageError`."""
    try:
        renderer = renderers[format]
    except KeyError:
        raise UsageError(f"unknown format {format!r}; known: {', '.join(renderers)}") from None
    return renderer(brief)


__all__ = ["BRIEF_RENDERERS", "TIMELINE_RENDERERS", "Renderer", "render"]
