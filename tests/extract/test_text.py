"""Plain-text extraction on the bundled example pages and on fixture pages of other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract import extract_documents
from corroborate.extract.boilerplate import BatchContext
from corroborate.extract.dates import LOW_CONFIDENCE
from corroborate.extract.text import extract_text
from corroborate.model import RawDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Number of body paragraphs of each example page, counted by reading the pages.
PARAGRAPH_COUNTS = {"000": 16, "001": 15, "002": 18, "003": 9, "004": 16}


def _document(path: Path, **hints: object) -> RawDocument:
    return RawDocument(input=str(path), format="text", content=path.read_text(encoding="utf-8"), encoding="utf-8", hints=dict(hints))


def _seed(prefix: str) -> Path:
    return next(EXAMPLES.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    documents = [_document(_seed(prefix)) for prefix in PARAGRAPH_COUNTS]
    articles, reports = extract_documents(documents)
    assert reports == []
    return {article.id[:3]: article for article in articles}


def _raw_paragraphs(prefix: str, first_line: int, last_line: int) -> list[str]:
    lines = _seed(prefix).read_text(encoding="utf-8").splitlines()[first_line - 1 : last_line]
    return [" ".join(line.split()) for line in lines if line.strip()]


def test_every_body_paragraph_of_each_seed_survives_verbatim(seeds) -> None:
    bodies = {
        "000": _raw_paragraphs("000", 5, 35),
        "001": _raw_paragraphs("001", 6, 34),
        "002": _raw_paragraphs("002", 3, 20),
        "003": _raw_paragraphs("003", 2, 10),
        "004": _raw_paragraphs("004", 1, 16),
    }
    for prefix, expected in bodies.items():
        article = seeds[prefix]
        assert article.text.split("\n\n") == expected, prefix
        assert len(article.paragraphs()) == PARAGRAPH_COUNTS[prefix]


def test_short_real_paragraphs_are_kept(seeds) -> None:
    assert "Washington withdrew most US forces from Iraq by 2011." in seeds["000"].text.split("\n\n")
    assert "In response, the U.S. carried out strikes on pro-Iran factions." in seeds["002"].text.split("\n\n")
    assert any(p.endswith("There are also about 900 troops in Syria.") for p in seeds["001"].text.split("\n\n"))
    assert "Key Points of Transition" in seeds["003"].text.split("\n\n")


def test_seed_000_drops_related_posts_and_counter_bylines(seeds) -> None:
    article = seeds["000"]
    for chrome in ("You Missed", "Related Posts", "By poster", "January 11, 2026", "1 views", "Read More", "Source", "Liam Payne"):
        assert chrome not in article.text
    assert article.title == "US to end anti-ISIL operation in Iraq but unclear if troops will remain"
    assert article.standfirst == "US officials offer little clarity on future of two-decade US military presence in Iraq amid ‘transition’."
    assert article.outlet == "Al Jazeera"
    assert article.authors == ()
    reasons = {block.reason for block in article.removed}
    assert {"source credit line", "related-stories list after the article end", "byline with view counter"} <= reasons
    counters = [block.text for block in article.removed if block.reason == "byline with view counter"]
    assert counters[0] == "• By poster\n• January 11, 2026\n• 1 views"
    assert len(counters) == 6


def test_seed_000_repost_date_is_low_confidence_with_a_note(seeds) -> None:
    article = seeds["000"]
    assert article.published is None or article.published_confidence < LOW_CONFIDENCE
    assert "related-stories list" in article.published_note
    assert "2025 as still to come" in article.published_note


def test_seed_001_drops_subscribe_bio_and_keeps_captions_apart(seeds) -> None:
    article = seeds["001"]
    for chrome in ("Subscribe", "Sign Up", "Matthew Adams", "author picture", "Quince Lanford"):
        assert chrome not in article.text
    assert article.captions == (
        "U.S. and French troops in Iraq in 2023.",
        "U.S. soldiers with the 630th Ordnance Company, assisted by French troops, conduct a controlled "
        "detonation at al Asad Air Base in Iraq on Dec. 29, 2023. (Quince Lanford/U.S. Army)",
    )
    assert article.authors == ("Matthew Adams",)
    assert article.title is None
    by_reason = {block.reason: block.text for block in article.removed}
    assert by_reason["author bio"].startswith("author picture\nMatthew Adams covers the Defense Department")
    assert by_reason["subscribe box"] in ("Subscribe", "Sign Up for Daily Headlines\nSign up to receive a daily email of today's top military news stories from Stars and Stripes and top news outlets from around the world.\nSign Up Now")
    assert [b.text for b in article.removed if b.reason == "subscribe box"][-1].endswith("Sign Up Now")
    assert article.published_confidence < LOW_CONFIDENCE  # only the photo's date is known


def test_seed_002_kicker_and_title(seeds) -> None:
    article = seeds["002"]
    assert article.title == "US-led coalition mission against ISIS in Iraq set to end by 2025"
    assert article.removed[0].text == "'Two-phase transition'"
    assert article.standfirst is None
    assert article.published is None


def test_seed_003_keeps_linked_stories_list_for_later_stages(seeds) -> None:
    article = seeds["003"]
    assert "Washington Times" not in article.text and "Sep. 27" not in article.text
    linked = [block for block in article.removed if block.reason.startswith("list of linked stories")]
    assert len(linked) == 1
    assert linked[0].text.splitlines()[1].startswith("Sep. 27 / The Washington Times , America’s Newspaper “ The U.S. military’s decade-long mission")
    assert len(linked[0].text.splitlines()) == 4
    assert article.published is None  # "Sep. 27" has no year


def test_seed_004_is_all_body(seeds) -> None:
    article = seeds["004"]
    assert article.removed == () and article.captions == () and article.title is None


def test_wire_page_with_chrome_on_top_and_newsletter_mid_article() -> None:
    article = extract_text(_document(FIXTURES / "wire_top_chrome.txt"), BatchContext())
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 7
    assert paragraphs[2] == '"We are ready."'
    assert paragraphs[-1].startswith("Analysts said the restart would ease pressure")
    assert article.title == "Turkey and Iraq agree to reopen oil pipeline after two-year halt"
    assert article.authors == ("Jane Doe",)
    assert article.captions == ("An oil tanker docks at the port of Ceyhan, Turkey. Photograph: Umit Bektas/Reuters",)
    for chrome in ("cookies", "Share this article", "Sign up", "inbox", "Most read", "Fed signals", "©", "Reporting by"):
        assert chrome not in article.text
    reasons = [block.reason for block in article.removed]
    assert "cookie or consent notice" in reasons and "share buttons" in reasons and "subscribe box" in reasons
    assert "related-stories list after the article end" in reasons
    best = max(article.date_candidates, key=lambda candidate: candidate.confidence)
    assert (best.value, best.source) == ("2024-09-30", "text:byline")
    assert best.confidence >= LOW_CONFIDENCE


def test_hard_wrapped_page_is_rejoined_and_related_list_dropped() -> None:
    article = extract_text(_document(FIXTURES / "hard_wrapped.txt"), BatchContext())
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == (
        "BAGHDAD -- Iraq's parliament approved a record 2025 budget on Sunday after months of wrangling "
        "between political blocs over how to share oil revenue with the semi-autonomous Kurdistan region, lawmakers said."
    )
    assert paragraphs[-1] == '"This is a fair deal for every Iraqi," said one Kurdish member.'
    assert len(paragraphs) == 4
    assert "Advertisement" not in article.text and "Basra" not in article.text
    related = [block.text for block in article.removed if block.reason == "related-stories list after the article end"]
    assert related == ["Related coverage\nIraq's central bank raises dollar rate for importers\nProtests in Basra over power cuts turn violent\nOil ministry signs gas deal with TotalEnergies"]
    assert [c.value for c in article.date_candidates] == ["2025-03-03"]


def test_blog_page_with_deck_inline_link_and_bio() -> None:
    article = extract_text(_document(FIXTURES / "blog_bio.txt"), BatchContext())
    paragraphs = article.text.split("\n\n")
    assert article.standfirst == "Aid groups say supplies remain far below what the population needs."
    assert "What the convoy carried" in paragraphs  # a subhead stays
    assert "“It is a drop in the ocean,” a WFP spokesperson said." in paragraphs
    assert "Officials warned that the supplies would last only days." in paragraphs
    assert len(paragraphs) == 8
    assert "READ MORE" not in article.text and "Trending" not in article.text and "correspondent" not in article.text
    assert article.authors == ("John Smith",)
    assert article.captions == ("Trucks wait at the Kerem Shalom crossing. (Photo by Amir Cohen/Reuters)",)
    assert article.date_candidates[0].source == "text:updated"


def test_template_lines_repeated_on_pages_of_one_site_are_removed() -> None:
    documents = [
        _document(FIXTURES / name, url=f"https://www.ledger.example/{name}")
        for name in ("ledger_budget.txt", "ledger_school.txt")
    ]
    articles, _ = extract_documents(documents)
    for article in articles:
        assert "Our journalism is made possible" not in article.text
        assert "The Daily Ledger" not in article.text
        assert len(article.paragraphs()) == 3
        assert "line repeated on other pages of the same site" in {block.reason for block in article.removed}
    assert articles[0].title == "City council passes budget with new funding for bus routes"


def test_syndicated_copies_in_one_batch_keep_their_bodies() -> None:
    page = _seed("004")
    articles, _ = extract_documents([_document(page), _document(page)])
    assert [len(article.paragraphs()) for article in articles] == [16, 16]


def _normalized_lines(content: str) -> list[str]:
    return [" ".join(line.split()) for line in content.splitlines() if line.split()]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=80),
    st.sampled_from(["Subscribe", "• By poster", "• January 11, 2026", "• 1 views", "Source", ":", "Read More",
                     "Washington withdrew most US forces from Iraq by 2011.", "", "Photo: AP", "By Jane Doe, Reuters"]),
), max_size=40))
def test_extract_text_never_crashes_and_loses_nothing(lines: list[str]) -> None:
    content = "\n".join(lines)
    article = extract_text(RawDocument("x", "text", content, "utf-8"), BatchContext())
    kept = [article.text, article.title or "", article.standfirst or "", *article.captions, *(b.text for b in article.removed)]
    everything = "\n".join(kept)
    for line in _normalized_lines(content):
        assert line in everything


def test_a_page_repeated_a_hundred_times_gives_its_article_once() -> None:
    # About 1 MB of text. How long such pages take is measured by `corroborate bench fuzz`
    # (an input over 5 s is a finding) and bounded by --time-limit, not asserted here.
    seed = _seed("000").read_text(encoding="utf-8")
    once = extract_text(RawDocument("one", "text", seed, "utf-8"), BatchContext())
    repeated = extract_text(RawDocument("big", "text", (seed + "\n") * 100, "utf-8"), BatchContext())
    assert repeated.text == once.text


def test_a_page_of_nothing_but_bylines_has_no_article_text() -> None:
    article = extract_text(RawDocument("big", "text", "• By poster\n" * 50_000, "utf-8"), BatchContext())
    assert article.text == ""


def test_closing_paragraph_after_an_advert_line_is_taken_back() -> None:
    page = (
        "Iraq and Turkey agree on pipeline restart\n\n"
        "Iraq and Turkey agreed on Monday to restart oil exports through the Kirkuk-Ceyhan pipeline, officials said.\n\n"
        "The pipeline carried about 450,000 barrels of oil per day before it was shut in 2023, Iraqi officials said.\n\n"
        "Oil companies in Kurdistan have lobbied Baghdad and Ankara for months to restart exports through the pipeline.\n\n"
        "Advertisement\n\n"
        "Exports through the pipeline will resume next month, officials said.\n\n"
        "Related Posts\nFed signals slower pace of rate cuts\nApple unveils thinner iPhone at annual event\n"
    )
    article = extract_text(RawDocument("x", "text", page, "utf-8"), BatchContext())
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[-1] == "Exports through the pipeline will resume next month, officials said."
    assert [block.reason for block in article.removed] == ["advertisement marker", "related-stories list after the article end"]


# Supplied texts (a JSON Lines "text" field) are kept whole, but a date line near the top is
# still the page's date; the records are shaped as ECB+'s scraped pages are.
SUPPLIED = [
    {"id": "stamped", "text": "http: / / articles. latimes. com / 2013 / may / 03 / local / la - me - lohan - rehab\n"
     "Lindsay Lohan checks into Betty Ford Center\nMay 03, 2013\n"
     "Lindsay Lohan has checked into the Betty Ford Center to begin a 90-day court-mandated stay."},
    {"id": "capitals", "text": "Lindsay Lohan Checks Into Betty Ford Clinic\nMAY 3, 2013 AT 1: 10PM\n"
     "The 26-year-old narrowly avoided jail time by checking into a second rehab center."},
    {"id": "given", "published": "2013-05-04", "text": "Lohan in rehab\nMay 03, 2013\nShe checked in on Thursday."},
    {"id": "addressed", "url": "https://ktla.com/2013/05/03/lohan-may-miss-rehab-deadline/",
     "text": "Lohan Checks into Betty Ford\nThe actress, 26, checked in late Thursday night."},
    {"id": "in-a-sentence", "text": "Lohan back in rehab\n"
     "Lohan was previously at Betty Ford from September 2010 to January 2011, her lawyer said on May 3, 2013."},
]


@pytest.fixture(scope="module")
def supplied(tmp_path_factory) -> dict:
    import json

    from corroborate.pipeline import extract_inputs

    path = tmp_path_factory.mktemp("supplied") / "records.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in SUPPLIED), encoding="utf-8")
    return {article.id: article for article in extract_inputs([str(path)]).articles}


def test_a_date_line_at_the_top_of_a_supplied_text_dates_it(supplied) -> None:
    stamped = supplied["stamped"]
    assert (stamped.published, stamped.published_source, stamped.published_confidence) == ("2013-05-03", "text:top", 0.7)
    assert "\n\nMay 03, 2013\n\n" in stamped.text  # kept in the text: supplied text is never cut
    assert supplied["capitals"].published == "2013-05-03"


def test_a_given_date_outranks_the_date_line_and_an_address_date_counts(supplied) -> None:
    given = supplied["given"]
    assert (given.published, given.published_source) == ("2013-05-04", "input:published")
    assert [c.value for c in given.date_candidates if c.source == "text:top"] == ["2013-05-03"]
    addressed = supplied["addressed"]
    assert (addressed.published, addressed.published_source) == ("2013-05-03", "html:url")


def test_a_date_inside_a_sentence_is_not_a_date_line(supplied) -> None:
    assert supplied["in-a-sentence"].published is None
