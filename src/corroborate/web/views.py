"""What each page shows, as data: one function per page, shared by its HTML page and its JSON twin.

Every function here returns a pydantic model; the HTML route hands it to a
template, the ``/api/...`` route returns it as JSON, so the two can never
disagree (datasette's rule). Nothing here knows about HTML.

Citations are numbered in the order a reader meets them on the story page
(summary, claims, conflicts, timeline, quotes grouped by speaker), one number
per distinct passage, and each links to the article page of its source with
the passage's offsets: the page shows the source's text with exactly
``text[start:end]`` highlighted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from pydantic import BaseModel, Field, field_validator

from corroborate.errors import ArticleNotFoundError, StoryNotFoundError, UsageError
from corroborate.model import Brief, Evidence
from corroborate.render.markers import CitationNumbers, independent_count, source_labels
from corroborate.store import StoredArticle, StorySummary
from corroborate.web.briefs import StoryBrief
from corroborate.web.site import Site, StoryIndex

#: Address schemes shown as links; any other address (``javascript:``, ``data:``) is shown as text only.
LINKABLE_SCHEMES = ("http", "https")


class StoryFilters(BaseModel):
    """The story list's search, filters, order and page (all optional)."""

    q: str | None = Field(None, max_length=200, description="words every matching story's label, titles or outlets contain")
    outlet: str | None = Field(None, max_length=200, description="an outlet one of the story's articles comes from (part of its name)")
    since: date | None = Field(None, description="stories with an article published on or after this date")
    until: date | None = Field(None, description="stories with an article published on or before this date")
    min_size: int | None = Field(None, ge=1, description="stories of at least this many articles")
    max_size: int | None = Field(None, ge=1, description="stories of at most this many articles")
    sort: Literal["recent", "size"] = Field("recent", description="latest publication first, or largest first")
    page: int = Field(1, ge=1, le=100_000)

    @field_validator("q", "outlet", "since", "until", "min_size", "max_size", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        # An HTML form sends its empty fields as empty strings.
        return None if isinstance(value, str) and not value.strip() else value

    def query(self, **changes: Any) -> str:
        """The query string of these filters with ``changes`` applied (for pagination links)."""
        values = {**self.model_dump(exclude_defaults=True, mode="json"), **changes}
        return urlencode({key: value for key, value in values.items() if value is not None})


class StoryItem(BaseModel):
    """One story as the list shows it."""

    id: int
    label: str | None
    size: int
    outlets: int
    outlet_names: list[str]
    independent_sources: int
    first_published: str | None
    last_published: str | None
    created_at: str
    updated_at: str
    href: str
    api: str


class StoryList(BaseModel):
    """The stories matching the filters, one page of them."""

    filters: StoryFilters
    total: int = Field(description="stories matching the filters")
    page: int
    pages: int
    stories: list[StoryItem]
    outlets: list[str] = Field(description="every outlet in the store, for the outlet filter")


class CitationLink(BaseModel):
    """One numbered citation: a passage of a source and where to check it."""

    number: int
    source: str
    article: int | None = Field(description="the store's id of the source article")
    start: int
    end: int
    text: str
    href: str | None = Field(description="the article page with this passage highlighted")


class SourceLink(BaseModel):
    """One source of the brief and its article in the store."""

    id: str
    anchor: str
    label: str
    article: int | None
    revision: int | None
    href: str | None
    derived_from: str | None
    derived_from_anchor: str | None
    url: str | None = Field(description="the article's address, only when it is an http(s) link")


class StoryPage(BaseModel):
    """A story: its summary in the list, its brief (docs/brief-json.md), citations and sources with links."""

    story: StoryItem
    overview: str
    brief: dict[str, Any]
    citations: list[CitationLink]
    sources: list[SourceLink]
    labels: dict[str, str] = Field(description="how each source id is named to a reader")
    speakers: list[str] = Field(description="quote speakers in the order the page groups them")


class ArticleInfo(BaseModel):
    """An article's stored fields (not its text)."""

    id: int
    key: str
    input_id: str | None
    input: str
    source_id: str = Field(description="the id the article has as a source of a brief")
    title: str | None
    outlet: str | None
    url: str | None
    link: str | None = Field(description="url, only when it is an http(s) link")
    published: str | None
    published_confidence: float
    revision: int = Field(description="the revision shown")
    current_revision: int
    story: int | None
    story_href: str | None
    derived_from: int | None
    derived_from_href: str | None


class Passage(BaseModel):
    """The cited passage: exactly ``text[start:end]``."""

    start: int
    end: int
    text: str
    cite: int | None = None


class ArticlePage(BaseModel):
    """An article's text, with one passage highlighted when offsets are given."""

    article: ArticleInfo
    text: str
    passage: Passage | None


# --- Story list ----------------------------------------------------------------------------


def story_list(site: Site, filters: StoryFilters) -> StoryList:
    """The stories matching ``filters``, most recent (or largest) first, one page of them."""
    if filters.since and filters.until and filters.since > filters.until:
        raise UsageError(f"the date range is empty: {filters.since} is after {filters.until}")
    if filters.min_size and filters.max_size and filters.min_size > filters.max_size:
        raise UsageError(f"the size range is empty: at least {filters.min_size} and at most {filters.max_size} articles")
    with site.store() as store:
        index = site.story_index(store)
    matching = [summary for summary in index.stories if _matches(summary, index, filters)]
    if filters.sort == "size":
        matching.sort(key=lambda s: (s.size, s.independent_sources, s.last_published or "", s.id), reverse=True)
    else:
        matching.sort(key=lambda s: (s.last_published or "", s.updated_at, s.id), reverse=True)
    size = site.settings.page_size
    pages = max(1, -(-len(matching) // size))
    shown = matching[(filters.page - 1) * size : filters.page * size]
    return StoryList(
        filters=filters,
        total=len(matching),
        page=filters.page,
        pages=pages,
        stories=[_story_item(summary, index) for summary in shown],
        outlets=index.all_outlets(),
    )


def _matches(summary: StorySummary, index: StoryIndex, filters: StoryFilters) -> bool:
    outlets = index.outlets.get(summary.id, ())
    if filters.q:
        haystack = " ".join([summary.label or "", *index.titles.get(summary.id, ()), *outlets]).casefold()
        if not all(word in haystack for word in filters.q.casefold().split()):
            return False
    if filters.outlet:
        wanted = filters.outlet.strip().casefold()
        if not any(wanted in outlet.casefold() for outlet in outlets):
            return False
    if filters.since and (summary.last_published is None or summary.last_published < filters.since.isoformat()):
        return False
    if filters.until and (summary.first_published is None or summary.first_published > filters.until.isoformat()):
        return False
    if filters.min_size and summary.size < filters.min_size:
        return False
    if filters.max_size and summary.size > filters.max_size:
        return False
    return True


def _story_item(summary: StorySummary, index: StoryIndex) -> StoryItem:
    return StoryItem(
        id=summary.id,
        label=summary.label,
        size=summary.size,
        outlets=summary.outlets,
        outlet_names=list(index.outlets.get(summary.id, ())),
        independent_sources=summary.independent_sources,
        first_published=summary.first_published,
        last_published=summary.last_published,
        created_at=summary.created_at,
        updated_at=summary.updated_at,
        href=f"/stories/{summary.id}",
        api=f"/api/stories/{summary.id}",
    )


# --- Story page ----------------------------------------------------------------------------


def story_page(site: Site, story: int) -> StoryPage:
    """A story's brief with every citation numbered and linked to its passage (briefs the story if needed)."""
    with site.store() as store:
        index = site.story_index(store)
        entry = site.briefs.get(store, story)
    summary = index.story(story)
    if summary is None:
        raise StoryNotFoundError(f"no story {story} in this store")
    item = _story_item(summary, index)
    cached = entry.views.get("story")
    if isinstance(cached, StoryPage) and cached.story == item:
        return cached
    page = _story_page(item, entry)
    entry.views["story"] = page
    return page


def _story_page(item: StoryItem, entry: StoryBrief) -> StoryPage:
    brief = entry.brief
    stored_by_source = _stored_by_source(brief, entry.articles)
    labels = source_labels(brief.sources)
    speakers = list(dict.fromkeys(quote.speaker for quote in brief.quotes))
    numbers = CitationNumbers()
    for evidence in _reading_order(brief, speakers):
        numbers.number(evidence)
    citations = []
    for number, evidence in enumerate(numbers.cited, 1):
        stored = stored_by_source.get(evidence.source)
        citations.append(
            CitationLink(
                number=number,
                source=evidence.source,
                article=stored.id if stored else None,
                start=evidence.start,
                end=evidence.end,
                text=evidence.text,
                href=passage_href(stored, evidence.start, evidence.end, number) if stored else None,
            )
        )
    anchors = {source.id: f"source-{position}" for position, source in enumerate(brief.sources, 1)}
    sources = []
    for source in brief.sources:
        stored = stored_by_source.get(source.id)
        sources.append(
            SourceLink(
                id=source.id,
                anchor=anchors[source.id],
                label=labels.get(source.id, source.id),
                article=stored.id if stored else None,
                revision=stored.revision if stored else None,
                href=f"/articles/{stored.id}" if stored else None,
                derived_from=source.derived_from,
                derived_from_anchor=anchors.get(source.derived_from) if source.derived_from else None,
                url=linkable(source.url),
            )
        )
    overview = (
        f"{len(brief.sources)} source(s), {independent_count(brief)} independent; {len(brief.claims)} claim(s); "
        f"{len(brief.conflicts)} conflict(s); {len(brief.timeline)} dated event(s); {len(brief.quotes)} quote(s)."
    )
    return StoryPage(
        story=item,
        overview=overview,
        brief=brief.to_dict(),
        citations=citations,
        sources=sources,
        labels=labels,
        speakers=speakers,
    )


def _reading_order(brief: Brief, speakers: list[str]) -> Iterable[Evidence]:
    """Every cited passage in the order the story page shows it."""
    for sentence in brief.summary:
        yield from sentence.evidence
    for claim in brief.claims:
        yield from claim.evidence
    for conflict in brief.conflicts:
        for position in conflict.positions:
            yield from position.evidence
    for entry in brief.timeline:
        yield from entry.evidence
    for speaker in speakers:
        for quote in brief.quotes:
            if quote.speaker == speaker:
                yield from quote.evidence
                if wordings_differ(variant.text for variant in quote.variants):
                    for variant in quote.variants:
                        yield variant.evidence


def wordings_differ(texts: Iterable[str]) -> bool:
    """True when outlets word a quote differently (whitespace aside): the page then lists each wording."""
    return len({" ".join(text.split()) for text in texts}) > 1


def _stored_by_source(brief: Brief, articles: list[StoredArticle]) -> dict[str, StoredArticle]:
    """The stored article behind each source: sources come in the story's article order."""
    if len(brief.sources) == len(articles) and all(
        source.id == stored.article.id for source, stored in zip(brief.sources, articles)
    ):
        return {source.id: stored for source, stored in zip(brief.sources, articles)}
    by_id: dict[str, StoredArticle] = {}
    for stored in articles:
        by_id.setdefault(stored.article.id, stored)
    return by_id


def passage_href(stored: StoredArticle, start: int, end: int, number: int | None = None) -> str:
    """The article page of ``stored`` at its current revision, with ``text[start:end]`` highlighted."""
    query = {"rev": stored.revision, "start": start, "end": end}
    if number is not None:
        query["cite"] = number
    return f"/articles/{stored.id}?{urlencode(query)}#passage"


def linkable(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a page may link to, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in LINKABLE_SCHEMES and parts.netloc:
        return url.strip()
    return None


# --- Article page --------------------------------------------------------------------------


def article_page(
    site: Site,
    article: int,
    *,
    revision: int | None = None,
    start: int | None = None,
    end: int | None = None,
    cite: int | None = None,
) -> ArticlePage:
    """An article's text (at ``revision``, default the current one) with ``text[start:end]`` highlighted."""
    if (start is None) != (end is None):
        raise UsageError("give both start and end to highlight a passage, or neither")
    with site.store() as store:
        stored = store.article(article)
        if stored is None:
            raise ArticleNotFoundError(f"no article {article} in this store")
        record = stored.article
        shown = stored.revision
        if revision is not None and revision != stored.revision:
            older = next((r for r in store.revisions(article) if r.revision == revision), None)
            if older is None:
                raise ArticleNotFoundError(f"article {article} has no revision {revision} (its latest is {stored.revision})")
            record, shown = older.record, older.revision
    text = record.text
    passage = None
    if start is not None and end is not None:
        if not 0 <= start < end <= len(text):
            raise UsageError(
                f"no passage {start}-{end} in article {article}: offsets must satisfy 0 <= start < end <= {len(text)}"
            )
        passage = Passage(start=start, end=end, text=text[start:end], cite=cite)
    info = ArticleInfo(
        id=stored.id,
        key=stored.key,
        input_id=stored.input_id,
        input=stored.input,
        source_id=record.id,
        title=record.title,
        outlet=record.outlet,
        url=record.url,
        link=linkable(record.url),
        published=record.published,
        published_confidence=record.published_confidence,
        revision=shown,
        current_revision=stored.revision,
        story=stored.story,
        story_href=f"/stories/{stored.story}" if stored.story is not None else None,
        derived_from=stored.derived_from,
        derived_from_href=f"/articles/{stored.derived_from}" if stored.derived_from is not None else None,
    )
    return ArticlePage(article=info, text=text, passage=passage)
