"""HTML extraction: body clean-up on top of trafilatura, metadata with provenance."""

from __future__ import annotations

import gzip
from html import escape as html_escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.bench import default_data_root
from corroborate.errors import ExtractionError
from corroborate.extract.boilerplate import BatchContext
from corroborate.extract.html import _authors, _long_text_share, extract_html
from corroborate.model import DateCandidate, RawDocument

#: A local-news article marked up the way CMS templates do it: headline and
#: sub-headline inside <article>, a figure caption, a related-link paragraph,
#: a related list and a newsletter sign-up box between the paragraphs.
ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>River barrier opens after three years of work | The Daily Example</title>
<meta property="og:title" content="River barrier opens after three years of work">
<meta name="description" content="The flood barrier will protect 4,000 homes, engineers say.">
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://www.example.org/news/2024/09/27/river-barrier-opens">
<meta property="article:published_time" content="2024-09-27T08:00:00+00:00">
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<main>
<article>
<h1>River barrier opens after three years of work</h1>
<h2>The flood barrier will protect 4,000 homes, engineers say.</h2>
<p class="byline">By Jane Doe</p>
<p>The new flood barrier on the River Example opened on Friday morning, three years after construction began, and engineers say it will protect around 4,000 homes from the kind of flooding that hit the town in 2020.</p>
<figure><img src="barrier.jpg" alt="The barrier"><figcaption>The barrier during construction in May 2023.</figcaption></figure>
<p>"This is the day we have been waiting for," said council leader Amira Khan, who cut the ribbon in front of a crowd of residents gathered on the embankment near the old bridge.</p>
<p>Related: <a href="/news/2020/02/16/town-floods">Town centre under water as river bursts its banks in record storm</a></p>
<p>The project cost 42 million pounds, most of it paid by the national flood defence fund, with the rest raised by the county council over a period of five years.</p>
<ul class="more-links">
<li><a href="/news/a">Council approves new cycle lanes on the high street</a></li>
<li><a href="/news/b">School inspection report praises science teaching</a></li>
</ul>
<div class="promo-box"><h3>Get the morning briefing</h3><p>Sign up for our free newsletter and never miss a story from the town.</p><form action="/signup"><input type="email" name="email"><button type="submit">Subscribe</button></form></div>
<p>Work on a second barrier downstream is due to start next spring, the Environment Agency said in a statement published on its website on Friday afternoon.</p>
</article>
</main>
<footer><p>Copyright 2024 The Daily Example</p></footer>
</body>
</html>
"""

BODY = (
    "The new flood barrier on the River Example opened on Friday morning, three years after "
    "construction began, and engineers say it will protect around 4,000 homes from the kind of "
    "flooding that hit the town in 2020.\n\n"
    '"This is the day we have been waiting for," said council leader Amira Khan, who cut the '
    "ribbon in front of a crowd of residents gathered on the embankment near the old bridge.\n\n"
    "The project cost 42 million pounds, most of it paid by the national flood defence fund, with "
    "the rest raised by the county council over a period of five years.\n\n"
    "Work on a second barrier downstream is due to start next spring, the Environment Agency said "
    "in a statement published on its website on Friday afternoon."
)


def extract(html: str, **hints: object) -> object:
    document = RawDocument(input="page.html", format="html", content=html, encoding="utf-8", hints=dict(hints))
    return extract_html(document, BatchContext())


def test_body_keeps_paragraphs_and_drops_junk_inside_the_article() -> None:
    article = extract(ARTICLE_PAGE)
    assert article.text == BODY
    assert article.id == ""


def test_metadata_fields() -> None:
    article = extract(ARTICLE_PAGE)
    assert article.title == "River barrier opens after three years of work"
    assert article.standfirst == "The flood barrier will protect 4,000 homes, engineers say."
    assert article.authors == ("Jane Doe",)
    assert article.outlet == "The Daily Example"
    assert article.url == "https://www.example.org/news/2024/09/27/river-barrier-opens"
    assert article.language == "en"
    assert article.captions == ("The barrier during construction in May 2023.",)


def test_dates_carry_their_source() -> None:
    article = extract(ARTICLE_PAGE)
    assert article.date_candidates == (
        DateCandidate(
            "2024-09-27", "html:markup", 0.85, "original publication date in the page's metadata or date markup"
        ),
        DateCandidate("2024-09-27", "html:url", 0.6, "date in the article's address; usually the publication day"),
    )


def test_removed_blocks_say_why() -> None:
    removed = {block.text: block.reason for block in extract(ARTICLE_PAGE).removed}
    assert removed == {
        "Get the morning briefing Sign up for our free newsletter and never miss a story from the town. Subscribe":
            "a form box (sign-up, poll or search), not article text",
        "Related: Town centre under water as river bursts its banks in record storm":
            "mostly links (88% of its text)",
        "Council approves new cycle lanes on the high street": "mostly links (100% of its text)",
        "School inspection report praises science teaching": "mostly links (100% of its text)",
        "River barrier opens after three years of work": "repeats the headline",
        "The flood barrier will protect 4,000 homes, engineers say.": "repeats the sub-headline",
    }


def test_lede_paragraph_equal_to_description_stays_in_the_body() -> None:
    page = ARTICLE_PAGE.replace(
        "The flood barrier will protect 4,000 homes, engineers say.",
        "The new flood barrier on the River Example opened on Friday morning, three years after "
        "construction began, and engineers say it will protect around 4,000 homes from the kind of "
        "flooding that hit the town in 2020.",
    ).replace("<h2>", "<!--").replace("</h2>", "-->")
    article = extract(page)
    assert article.text == BODY
    assert article.standfirst is None


def test_url_from_hints_when_the_page_has_none_and_text_only_dates_are_weak() -> None:
    page = (
        "<html><body><article><p>Posted on 3 March 2021.</p>"
        "<p>The harbour wall was repaired over the winter and the ferry service will resume next week, "
        "the port authority said, after months of delays caused by storms along the coast.</p>"
        "</article></body></html>"
    )
    article = extract(page, url="https://news.example.net/harbour")
    assert article.url == "https://news.example.net/harbour"
    assert article.language is None
    assert article.date_candidates == (
        DateCandidate("2021-03-03", "html:text", 0.4, "only guessed from a date written somewhere in the page text"),
    )


def _benchmark_page(key: str) -> str:
    path = default_data_root() / "extraction-scrapinghub" / "html" / f"{key}.html.gz"
    if not path.is_file():
        pytest.skip(f"benchmark page not found: {path}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def test_real_page_wsj_headline_and_dek_leave_the_body() -> None:
    article = extract(_benchmark_page("042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"))
    assert article.title == "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay"
    assert article.text.startswith("Gaming used to be so simple. We’d buy a game,")
    assert article.text.endswith("with new maps, missions and characters.\n\nAll...")
    assert article.authors == ("Sarah E Needleman",)
    assert article.outlet == "Wall Street Journal"
    assert article.standfirst is not None and article.standfirst.startswith("There are more devices")
    assert [c.value for c in article.date_candidates] == ["2019-11-19"]


def test_real_page_cbs_newsletter_box_is_removed() -> None:
    article = extract(_benchmark_page("08f793762792bd252c75fb57544cdf506ffcc04785136cb87503f02364b82b56"))
    assert article.title == "Browns player on Mason Rudolph's role in fight with Myles Garrett: He asked for it"
    assert article.text.startswith("The Steelers spent Monday trying to distance themselves")
    assert "Pick Six Newsletter" not in article.text
    assert article.authors == ()  # the page's byline separator is not a name
    assert article.url == (
        "https://www.cbssports.com/nfl/news/browns-player-on-mason-rudolphs-role-in-fight-with-myles-garrett-he-asked-for-it/"
    )


def test_body_split_into_sibling_chunks_is_joined() -> None:
    chunk = '<div class="chunk"><div class="body-text">{}</div><aside class="ad">Advertisement</aside></div>'
    paragraphs = [
        "<p>The council voted on Tuesday night to close the old swimming pool at the end of the year, "
        "after engineers found cracks in the roof that would cost millions to repair.</p>"
        "<p>Residents who had campaigned to keep it open said they were disappointed but not surprised "
        "by the decision, which had been expected for several months.</p>",
        "<p>A new leisure centre with two pools is planned on the site of the former bus depot, but "
        "construction is not expected to begin until 2026 at the earliest, officials said.</p>",
        "<p>Until then, swimmers will have to travel to the next town, a journey of about forty minutes "
        "by bus, which campaigners say will put many older people off going at all.</p>",
    ]
    page = (
        "<html><head><title>Council votes to close the old pool</title></head><body><article>"
        '<h1>Council votes to close the old pool</h1><div class="chunks">'
        + "".join(chunk.format(part) for part in paragraphs)
        + "</div></article></body></html>"
    )
    article = extract(page)
    assert [paragraph[:40] for paragraph in article.text.split("\n\n")] == [
        "The council voted on Tuesday night to cl",
        "Residents who had campaigned to keep it ",
        "A new leisure centre with two pools is p",
        "Until then, swimmers will have to travel",
    ]


def test_line_repeating_an_image_alt_text_is_a_caption() -> None:
    page = ARTICLE_PAGE.replace(
        "<p>The project cost",
        '<div class="photo"><img src="ribbon.jpg" alt="Amira Khan cuts the ribbon on the embankment"></div>'
        "<p>Amira Khan cuts the ribbon on the embankment</p><p>The project cost",
    )
    article = extract(page)
    assert article.text == BODY
    assert article.captions == (
        "The barrier during construction in May 2023.",
        "Amira Khan cuts the ribbon on the embankment",
    )


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "the HTML page could not be parsed"),
        ("<html></html>", "no article text found on the page"),
        ("<p>" * 2000, "no article text found on the page"),
    ],
)
def test_pages_without_an_article_raise_extraction_error(html: str, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        extract(html)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["p", "div", "li", "a", "h2", "form", "figure", "figcaption", "article", "ul"]),
            st.text(max_size=80),
        ),
        max_size=12,
    )
)
def test_any_markup_gives_an_article_or_a_reasoned_error(blocks: list[tuple[str, str]]) -> None:
    page = "<html><body>" + "".join(f"<{tag}>{html_escape(text)}</{tag}>" for tag, text in blocks) + "</body></html>"
    try:
        article = extract(page)
    except ExtractionError as error:
        assert str(error)
    else:
        assert isinstance(article.text, str)
        assert "\n\n\n" not in article.text


@pytest.mark.parametrize(
    ("byline", "outlet", "names"),
    [
        ("Mike Wuerthele; Malcolm Owen Monday; November", "AppleInsider", ("Mike Wuerthele", "Malcolm Owen")),
        ("Analysis by Chris Cillizza; CNN Editor-at-large", "CNN", ("Chris Cillizza",)),
        ("Jill Disis; CNN Business", "CNN", ("Jill Disis",)),
        ("Phil Helsel is a reporter for NBC News.", "NBC News", ("Phil Helsel",)),
        ("Jane Doe, Political Editor", None, ("Jane Doe",)),
        ("Theresa May", None, ("Theresa May",)),
        ("Doe, Jane", None, ("Doe, Jane",)),
        ("•", None, ()),
    ],
)
def test_author_names_lose_byline_leftovers(byline: str, outlet: str | None, names: tuple[str, ...]) -> None:
    assert _authors(byline, outlet) == names


def test_closing_line_about_the_author_is_removed() -> None:
    bio = "Jane Doe is the Daily Example's environment correspondent. Write to her at jane.doe@example.org."
    page = ARTICLE_PAGE.replace("</article>", f"<p>{bio}</p></article>")
    article = extract(page)
    assert article.text == BODY
    assert {block.text: block.reason for block in article.removed}[bio] == (
        "about the article's author (bio, contact or credit)"
    )


def test_teaser_card_with_its_heading_inside_the_link_is_removed() -> None:
    card = (
        '<div class="teasers"><a href="/news/2024/09/20/bridge"><img src="bridge.jpg" alt="">'
        "<h3>Old bridge to close for repairs over the winter months</h3></a></div>"
    )
    page = ARTICLE_PAGE.replace("<p>Work on a second", card + "<p>Work on a second")
    article = extract(page)
    assert article.text == BODY
    assert {block.text: block.reason for block in article.removed}[
        "Old bridge to close for repairs over the winter months"
    ] == "mostly links (100% of its text)"


def test_headline_matching_the_title_without_site_name_becomes_the_title() -> None:
    page = ARTICLE_PAGE.replace(
        '<meta property="og:title" content="River barrier opens after three years of work">',
        '<meta property="og:title" content="Local news | River barrier opens after three years of work">',
    )
    article = extract(page)
    assert article.title == "River barrier opens after three years of work"
    assert article.text == BODY


def test_section_label_above_the_headline_leaves_the_body() -> None:
    page = ARTICLE_PAGE.replace("<h1>", '<p class="kicker">Environment</p><h1>')
    article = extract(page)
    assert article.text == BODY
    assert {block.text: block.reason for block in article.removed}["Environment"] == (
        "section label above the headline"
    )


def test_prose_share_counts_characters_of_long_paragraphs() -> None:
    prose = "The barrier opened on Friday after three years of construction work."
    assert len(prose) >= 60
    assert _long_text_share(["Home", "News", prose]) == len(prose) / (4 + 4 + len(prose))
    assert _long_text_share([]) == 0.0


def test_line_that_is_only_the_pages_own_address_leaves_the_body() -> None:
    address = "https://www.example.org/news/2024/09/27/river-barrier-opens"
    page = ARTICLE_PAGE.replace("<p>Work on a second", f"<p>{address}</p><p>Work on a second")
    article = extract(page)
    assert article.text == BODY
    assert {block.text: block.reason for block in article.removed}[address] == "the page's own address"


def test_short_fragment_from_a_feed_item_keeps_its_paragraphs() -> None:
    from corroborate.extract import extract_document

    fragment = (
        "<p>The coalition mission in Iraq will end by September 2025, officials said on Friday.</p>"
        "<ul><li>About 2,500 U.S. troops are in Iraq.</li></ul><script>track()</script>"
    )
    document = RawDocument(input="wire.xml#1", format="html", content=fragment, encoding="utf-8", container="feed")
    article = extract_document(document)
    assert article.text == (
        "The coalition mission in Iraq will end by September 2025, officials said on Friday.\n\n"
        "About 2,500 U.S. troops are in Iraq."
    )


def test_a_fragment_with_no_text_is_still_reported() -> None:
    from corroborate.extract import extract_document

    document = RawDocument(input="wire.xml#2", format="html", content="<p> </p><img src=x>", encoding="utf-8")
    with pytest.raises(ExtractionError):
        extract_document(document)
