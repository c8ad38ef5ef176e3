"""The HTML brief: one self-contained page, all untrusted text escaped, markers landing on their passages."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

from brief_builders import AJ, NATIONAL, SUMMARY, cite, source_of

from corroborate.model import Article, Brief, Claim, Evidence, QuoteGroup, QuoteVariant, Source
from corroborate.render.html import brief_html

CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"

#: Every element the page may use: no script, no external resource, no form, no frame.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section", "span", "a",
    "ol", "ul", "li", "div", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "strong", "article",
    "dl", "dt", "dd", "mark",
}


class Page(HTMLParser):
    """Reads the page back: elements, attributes, and each source text with the marks inside it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.ids: list[str] = []
        self.cite_links: list[tuple[str, str]] = []  # (href, title)
        self.texts: dict[str, str] = {}  # article id -> shown text
        self.mark_starts: dict[str, tuple[str, int]] = {}  # mark id -> (article id, offset)
        self.marked: dict[str, set[int]] = {}  # article id -> marked character offsets
        self._article: str | None = None
        self._in_text = False
        self._marks = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if "id" in values:
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("class") == "cite":
            self.cite_links.append((values["href"] or "", values.get("title") or ""))
        if tag == "article":
            self._article = values["id"]
            self.texts[self._article or ""] = ""
        if tag == "div" and values.get("class") == "source-text":
            self._in_text = True
        if tag == "mark" and self._in_text:
            self._marks += 1
            if "id" in values:
                self.mark_starts[values["id"] or ""] = (self._article or "", len(self.texts[self._article or ""]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_text:
            self._in_text = False
        if tag == "mark" and self._in_text:
            self._marks -= 1

    def handle_data(self, data: str) -> None:
        if self._in_text and self._article:
            start = len(self.texts[self._article])
            if self._marks:
                self.marked.setdefault(self._article, set()).update(range(start, start + len(data)))
            self.texts[self._article] += data


def _all_evidence(brief: Brief) -> list[Evidence]:
    found = [e for part in (brief.summary, brief.claims, brief.timeline, brief.quotes) for item in part for e in item.evidence]
    found += [e for conflict in brief.conflicts for position in conflict.positions for e in position.evidence]
    found += [variant.evidence for quote in brief.quotes for variant in quote.variants]
    return found


def test_page_is_self_contained_and_safe(full_brief: Brief) -> None:
    html = brief_html(full_brief)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" + CSP)
    page = Page(html)
    assert set(page.tags) <= ALLOWED_TAGS
    assert page.tags.count("style") == 1
    assert not [a for a in page.attributes if a[1].startswith("on") or a[1] in ("src", "srcset", "action", "style")]
    hrefs = [value for tag, name, value in page.attributes if name == "href"]
    assert hrefs and all(href.startswith("#") for href in hrefs)
    assert len(page.ids) == len(set(page.ids))
    assert {href[1:] for href in hrefs} <= set(page.ids)


def test_each_source_is_shown_whole_with_its_passages_marked(full_brief: Brief) -> None:
    page = Page(brief_html(full_brief))
    assert list(page.texts.values()) == [source.text for source in full_brief.sources]
    articles = {f"source-{index}": source for index, source in enumerate(full_brief.sources, 1)}
    cited = {(e.source, e.start, e.end) for e in _all_evidence(full_brief)}
    marked = {(articles[article].id, start) for article, start in page.mark_starts.values()}
    # One marked passage per distinct citation, starting at its offset.
    assert len(page.mark_starts) == len(cited) == 15
    assert marked == {(source, start) for source, start, _ in cited}
    for source, start, end in cited:
        article = next(name for name, item in articles.items() if item.id == source)
        assert set(range(start, end)) <= page.marked[article]
    # Nothing outside a cited passage is marked.
    for article, offsets in page.marked.items():
        spans = [(e.start, e.end) for e in _all_evidence(full_brief) if e.source == articles[article].id]
        assert all(any(start <= offset < end for start, end in spans) for offset in offsets)


def test_every_marker_links_to_the_mark_where_its_passage_starts(full_brief: Brief) -> None:
    page = Page(brief_html(full_brief))
    labels = {source.id: source.outlet or source.id for source in full_brief.sources}
    by_article = {f"source-{index}": source for index, source in enumerate(full_brief.sources, 1)}
    # summary 4 + claims 8 + conflicts 3 + timeline 5 + quotes 4 and their variants 4: 28 markers, 15 passages.
    assert len(page.cite_links) == 28
    for href, title in page.cite_links:
        article, offset = page.mark_starts[href[1:]]
        source = by_article[article]
        match = re.match(r"(.*), characters (\d+)–(\d+): “(.*)”$", title)
        assert match, title
        label, start, end, passage = match[1], int(match[2]), int(match[3]), match[4]
        assert (label, start) == (labels[source.id], offset)
        assert source.text[start:end] == passage


def test_overlapping_passages_each_start_at_their_offset(example_articles: list[Article]) -> None:
    article = next(a for a in example_articles if a.id == NATIONAL)
    source = source_of(article)
    sources = {source.id: source}
    whole = cite(sources, NATIONAL, "The U.S.-led international coalition mission against the Islamic State group in Iraq")
    head = cite(sources, NATIONAL, "The U.S.-led international coalition")  # same start, inside
    tail = cite(sources, NATIONAL, "Islamic State group in Iraq will conclude by the end of 2025")  # crosses the end
    claim = Claim("c1", whole.text, "single-source", (NATIONAL,), 1, (whole, head, tail))
    page = Page(brief_html(Brief(sources=(source,), claims=(claim,))))
    assert page.texts["source-1"] == article.text
    assert page.mark_starts == {
        "cite-1": ("source-1", whole.start), "cite-2": ("source-1", head.start), "cite-3": ("source-1", tail.start),
    }
    assert page.marked["source-1"] == set(range(whole.start, tail.end))


PAYLOAD = '<script>alert("x")</script>" onmouseover="alert(1)" x="'


def test_untrusted_text_everywhere_is_escaped(example_articles: list[Article]) -> None:
    article = next(a for a in example_articles if a.id == AJ)
    text = f"{PAYLOAD} {article.text}"
    source = Source(
        id=f"id{PAYLOAD}", input=f"in{PAYLOAD}", outlet=f"Outlet{PAYLOAD}", title=f"Title{PAYLOAD}",
        published=None, published_confidence=0.0, text=text, derived_from=f"from{PAYLOAD}",
        derivation=PAYLOAD, url=f"javascript:{PAYLOAD}",
    )
    passage = Evidence(source.id, 0, len(PAYLOAD), PAYLOAD)
    quote = QuoteGroup(PAYLOAD, PAYLOAD, PAYLOAD, (source.id,), (passage,),
                       (QuoteVariant(source.id, PAYLOAD, PAYLOAD, passage),
                        QuoteVariant(source.id, "other", "direct", passage)))
    brief = Brief(sources=(source,), claims=(Claim(PAYLOAD, PAYLOAD, "single-source", (source.id,), 1, (passage,),
                                                   notes=(PAYLOAD,)),), quotes=(quote,))
    html = brief_html(brief)
    assert "<script" not in html.lower()
    page = Page(html)
    assert "script" not in page.tags
    assert not [a for a in page.attributes if a[1] not in ("id", "class", "href", "title", "lang", "charset",
                                                            "http-equiv", "content", "name")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot; onmouseover=&quot;alert(1)&quot;" in html
    # The passage is still marked at offset 0 and the whole text shown as given.
    assert page.texts["source-1"] == text
    assert page.mark_starts["cite-1"] == ("source-1", 0)


def test_claims_carry_a_status_badge_and_their_independent_count(full_brief: Brief) -> None:
    html = brief_html(full_brief)
    assert '<span class="badge corroborated">corroborated</span> <span class="count">3 independent source(s)</span>' in html
    assert '<span class="badge conflicting">conflicting</span>' in html
    claims = html.split('<section id="claims">', 1)[1].split("</section>", 1)[0]
    assert claims.count("<li><span class=\"badge") == 3


def test_conflict_positions_are_rows_side_by_side(full_brief: Brief) -> None:
    conflicts = brief_html(full_brief).split('<section id="conflicts">', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td>", conflicts)
    assert rows == [("2025", f"Al Jazeera, {NATIONAL}"), ("2026", SUMMARY)]


def test_empty_sections_say_so(full_brief: Brief) -> None:
    html = brief_html(Brief(sources=full_brief.sources))
    for message in ("No summary: no claims to summarize.", "No claims found.", "No conflicts found.",
                    "No past events found.", "No planned events found.", "No attributed quotes found.",
                    "No key facts to compare across sources."):
        assert f'<p class="empty">{message}</p>' in html


def test_a_passage_that_is_not_in_its_source_is_listed_apart(full_brief: Brief) -> None:
    claim = full_brief.claims[1]
    wrong = dataclasses.replace(claim.evidence[0], start=claim.evidence[0].start + 1)
    page_html = brief_html(dataclasses.replace(full_brief, summary=(), claims=(dataclasses.replace(claim, evidence=(wrong,)),),
                                               conflicts=(), timeline=(), quotes=()))
    assert "<h3>Passages not found in their source</h3>" in page_html
    page = Page(page_html)
    assert "cite-1" in page.ids and "cite-1" not in page.mark_starts
