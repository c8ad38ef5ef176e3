"""Any brief renders: arbitrary text in every field never crashes a renderer nor escapes the HTML page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.model import (
    Brief,
    Claim,
    Conflict,
    Coverage,
    CoverageRow,
    Evidence,
    Position,
    QuoteGroup,
    QuoteVariant,
    Source,
    SummarySentence,
    TimelineEntry,
)
from corroborate.render import BRIEF_RENDERERS, TIMELINE_RENDERERS
from corroborate.render.html import brief_html
from corroborate.render.markdown import brief_markdown, timeline_markdown

#: Text built to hit the escaping: markup, quotes, Markdown syntax, line breaks, plus anything at all.
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(["<script>", "</script>", "<SCRIPT src=x>", '"', "'", " onmouseover=", "&", "&lt;",
                         "|", "`", "](", "[", "\\", "\n", "#", "*", "<!--", "-->", "<", ">", "Iraq", " "]),
        max_size=12,
    ).map("".join),
)
OPTIONAL = st.none() | HOSTILE


@st.composite
def briefs(draw: st.DrawFn) -> Brief:
    """A brief of 1-3 sources whose statements cite slices (or, sometimes, arbitrary passages)."""
    sources = []
    for _ in range(draw(st.integers(1, 3))):
        sources.append(Source(
            id=draw(HOSTILE), input=draw(HOSTILE), outlet=draw(OPTIONAL), title=draw(OPTIONAL),
            published=draw(OPTIONAL), published_confidence=draw(st.floats(0, 1)), text=draw(HOSTILE),
            derived_from=draw(OPTIONAL), derivation_kind=draw(OPTIONAL), derivation=draw(OPTIONAL),
            independent_source=draw(HOSTILE), url=draw(OPTIONAL),
        ))

    def evidence() -> Evidence:
        source = draw(st.sampled_from(sources))
        if draw(st.booleans()):
            start = draw(st.integers(0, len(source.text)))
            end = draw(st.integers(start, len(source.text)))
            return Evidence(source.id, start, end, source.text[start:end])
        return Evidence(draw(HOSTILE), draw(st.integers(-5, 60)), draw(st.integers(-5, 60)), draw(HOSTILE))

    def cited() -> tuple[Evidence, ...]:
        return tuple(evidence() for _ in range(draw(st.integers(0, 3))))

    ids = tuple(source.id for source in sources)
    claims = tuple(
        Claim(draw(HOSTILE), draw(HOSTILE), draw(st.sampled_from(["corroborated", "single-source", "conflicting"])),
              ids, draw(st.integers(0, 3)), cited(), derived_sources=ids[:1], notes=(draw(HOSTILE),))
        for _ in range(draw(st.integers(0, 2)))
    )
    return Brief(
        sources=tuple(sources),
        summary=tuple(SummarySentence(draw(HOSTILE), ids, cited(), draw(HOSTILE)) for _ in range(draw(st.integers(0, 2)))),
        claims=claims,
        conflicts=tuple(
            Conflict(draw(HOSTILE), tuple(Position(draw(HOSTILE), ids, cited()) for _ in range(2)), draw(HOSTILE),
                     within=draw(OPTIONAL), claims=(draw(HOSTILE),))
            for _ in range(draw(st.integers(0, 1)))
        ),
        timeline=tuple(
            TimelineEntry(draw(HOSTILE), draw(st.sampled_from(["past", "planned"])), draw(HOSTILE), ids, cited(),
                          bound=draw(OPTIONAL))
            for _ in range(draw(st.integers(0, 2)))
        ),
        quotes=tuple(
            QuoteGroup(draw(HOSTILE), draw(OPTIONAL), draw(HOSTILE), ids, cited(),
                       tuple(QuoteVariant(draw(HOSTILE), draw(HOSTILE), draw(HOSTILE), evidence()) for _ in range(2)))
            for _ in range(draw(st.integers(0, 2)))
        ),
        coverage=draw(st.none() | st.just(Coverage(
            ids, tuple(CoverageRow(draw(HOSTILE), draw(HOSTILE), tuple(draw(st.booleans()) for _ in ids[1:]))
                       for _ in range(2))
        ))),
    )


class _Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs())
def test_html_never_lets_text_become_markup(brief: Brief) -> None:
    html = brief_html(brief)
    assert "<script" not in html.lower()
    elements = _Elements(html)
    assert "script" not in elements.tags
    assert set(elements.attributes) <= {"id", "class", "href", "title", "lang", "charset", "http-equiv", "content", "name"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs())
def test_markdown_renders_any_brief_with_every_angle_bracket_escaped(brief: Brief) -> None:
    for markdown in (brief_markdown(brief), timeline_markdown(brief)):
        assert not re.search(r"(?<!\\)<", markdown)
        assert "](" not in markdown


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefs())
def test_every_registered_renderer_accepts_any_brief(brief: Brief) -> None:
    for renderers in (BRIEF_RENDERERS, TIMELINE_RENDERERS):
        for renderer in renderers.values():
            assert isinstance(renderer(brief), str)
    assert json.loads(BRIEF_RENDERERS["json"](brief)) == brief.to_dict()
