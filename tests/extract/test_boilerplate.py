"""Line kinds, batch repetition, the body segment and text-date evidence of the plain-text extractor."""

from __future__ import annotations

from pathlib import Path

from corroborate.extract.boilerplate import (
    BatchContext,
    article_end,
    batch_repeated,
    best_segment,
    core_vocabulary,
    line_kind,
    site_of,
    vocabulary_overlap,
)
from corroborate.extract.dates import LOW_CONFIDENCE
from corroborate.extract.textdates import DatedText, body_years, date_candidates, full_dates
from corroborate.extract.textlines import Line, page_lines
from corroborate.model import RawDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"


def _kind(text: str) -> str:
    return line_kind(Line(0, text, 0, 0))


def test_chrome_kinds_from_the_example_pages() -> None:
    assert _kind("Subscribe") == "subscribe"
    assert _kind("Sign Up for Daily Headlines") == "subscribe"
    assert _kind("Sign up to receive a daily email of today's top military news stories from Stars and Stripes and top news outlets from around the world.") == "subscribe"
    assert _kind("Read More") == "ui"
    assert _kind("• Related Posts") == "ui"
    assert _kind("• By poster") == "byline"
    assert _kind("• January 11, 2026") == "date"
    assert _kind("• 1 views") == "counter"
    assert _kind("Source : Al Jazeera and news agencies") == "credit"
    assert _kind("Matthew Adams covers the Defense Department at the Pentagon. His past reporting experience includes covering politics for The Dallas Morning News. He is based in Washington, D.C.") == "bio"
    assert _kind("U.S. soldiers conduct a controlled detonation at al Asad Air Base in Iraq on Dec. 29, 2023. (Quince Lanford/U.S. Army)") == "caption"
    assert _kind("Sep. 27 / The Hill “ The U.S. military will end its current mission in Iraq against the terrorist group ISIS by the end of 2026 and transition to a new phase that will likely...") == "snippet"


def test_chrome_kinds_of_other_layouts() -> None:
    assert _kind("We use cookies to improve your experience on our site.") == "cookie"
    assert _kind("Share this article") == "share"
    assert _kind("Advertisement") == "advert"
    assert _kind("World | Business | Markets | Politics | Video") == "ui"
    assert _kind("READ MORE: Ceasefire talks stall in Cairo as negotiators leave") == "ui"
    assert _kind("© 2024 Reuters. All rights reserved.") == "ui"
    assert _kind("Photograph: Umit Bektas/Reuters") == "caption"
    assert _kind("(Reporting by Jane Doe; Editing by Mark Potter)") == "credit"
    assert _kind("5 min read") == "counter"


def test_real_text_is_not_chrome() -> None:
    assert _kind("Washington withdrew most US forces from Iraq by 2011.") == "prose"
    assert _kind("“We are ready,” he said.") == "prose"
    assert _kind("Share prices fell sharply after the announcement on Friday.") == "prose"
    assert _kind("Users can sign up for the service by email, the company said.") == "prose"
    assert _kind("Key Points of Transition") == "heading"
    assert _kind("- Timeline: The current mission will officially conclude by September 2025.") == "prose"
    assert _kind("Family of girl, 10, hit and killed by cocaine-fuelled driver as she went to sweetshop with friends are in ‘total shock’ as his jail sentence is cut") == "headline"


def test_page_lines_joins_split_labels_and_keeps_one_unit_per_line() -> None:
    lines = page_lines("Source\n\n:\n\nAl Jazeera and news agencies\n\nRead More\n  • By poster\n")
    assert [line.text for line in lines] == ["Source : Al Jazeera and news agencies", "Read More", "• By poster"]
    assert (lines[0].first, lines[0].last) == (0, 4)


def test_page_lines_rejoins_hard_wrapped_paragraphs_but_not_lists() -> None:
    page = (Path(__file__).parent / "fixtures" / "hard_wrapped.txt").read_text(encoding="utf-8")
    texts = [line.text for line in page_lines(page)]
    assert texts[-3:] == [
        "Iraq's central bank raises dollar rate for importers",
        "Protests in Basra over power cuts turn violent",
        "Oil ministry signs gas deal with TotalEnergies",
    ]
    assert texts[2].endswith("with the semi-autonomous Kurdistan region, lawmakers said.")


def test_best_segment_is_the_maximum_sum_stretch() -> None:
    assert best_segment([-1.0, 2.0, -0.5, 3.0, -4.0, 1.0]) == (1, 4)
    assert best_segment([-1.0, -2.0]) == (0, 0)
    assert best_segment([]) == (0, 0)


def test_article_end_cuts_off_topic_prose_after_a_chrome_run() -> None:
    body = [
        "Iraq and the United States agreed on Friday to end the coalition mission against ISIS in Iraq.",
        "The coalition mission in Iraq will end by September 2025, officials in Baghdad said.",
        "Coalition troops will keep supporting operations against ISIS in Syria from Iraq until 2026.",
        "Officials in Baghdad said the coalition troops were no longer needed in Iraq.",
        "The United States has about 2,500 troops in Iraq and 900 in Syria fighting ISIS.",
        "Iraqi officials said the coalition mission had achieved its goals against ISIS.",
    ]
    tail = ["Advertisement", "Read More", "Our bakery newsletter brings recipes for sourdough bread and cakes every week."]
    lines = [Line(i, text, i, i) for i, text in enumerate(body + tail)]
    kinds = ["prose"] * len(body) + ["advert", "ui", "prose"]
    assert article_end(lines, kinds, 0, len(lines)) == len(body)
    on_topic = lines[:-1] + [Line(8, "Coalition troops in Iraq will leave Baghdad by September 2025, officials said.", 8, 8)]
    assert article_end(on_topic, kinds, 0, len(on_topic)) == len(on_topic)


def test_vocabulary_overlap_flags_off_topic_headlines() -> None:
    page = next(EXAMPLES.glob("000_*.txt")).read_text(encoding="utf-8").splitlines()
    core = core_vocabulary([line for line in page[4:35] if line.strip()])
    assert vocabulary_overlap("Liam Payne inquest is delayed until next year as coroner calls for eyewitness statements", core) < 0.2
    assert vocabulary_overlap("US troops to remain in Iraq as coalition winds down", core) > 0.5


def test_batch_context_counts_lines_per_site_and_ignores_near_duplicates() -> None:
    template = "The Daily Ledger\nOur journalism is made possible by members of the Ledger community across the valley.\n"
    story = (
        "The council approved the budget on Tuesday after a debate that lasted six hours.\n"
        "Two members voted against the plan, citing the cost of road repairs across the city.\n"
        "The mayor is expected to sign the budget into law early next week, aides said.\n"
    )
    first = RawDocument("a", "text", template + story, "utf-8", {"url": "https://www.ledger.example/a"})
    second = RawDocument("b", "text", template + "The school board delayed its vote on Wednesday.\n", "utf-8", {"url": "https://ledger.example/b"})
    other = RawDocument("c", "text", story.splitlines()[0], "utf-8", {"outlet": "Other Times"})
    context = BatchContext.from_documents([first, second, other])
    assert site_of(first) == "ledger.example" and site_of(other) == "other times"
    assert context.other_pages(first, "The Daily Ledger") == (1, 1)
    # Template lines of the site go; a paragraph shared with another outlet stays.
    assert batch_repeated(page_lines(first.content), first, context) == ["site", "site", "", "", ""]
    copy = RawDocument("d", "text", first.content, "utf-8", {"url": "https://ledger.example/d"})
    context = BatchContext.from_documents([first, copy])
    assert batch_repeated(page_lines(first.content), first, context) == [""] * 5


def test_full_dates_need_a_year() -> None:
    assert full_dates("Sep. 27 / The Hill") == []
    assert full_dates("• January 11, 2026") == [("January 11, 2026", "2026-01-11")]
    assert full_dates("Published 30 Sept 2024, 10:32") == [("30 Sept 2024", "2024-09-30")]


def test_body_years_split_past_and_future() -> None:
    past, future = body_years("The US invaded Iraq in 2003. The mission will end by the end of 2025. Talks began in October 2023.")
    assert past == {2003, 2023} and future == {2025}


def test_date_in_a_related_list_is_low_confidence_and_explained() -> None:
    body = "The mission will wind down by the end of 2025. Attacks increased after October 2023."
    candidates = date_candidates([DatedText("• January 11, 2026", "chrome", "a related-stories list")], body)
    assert len(candidates) == 1
    assert candidates[0].value == "2026-01-11"
    assert candidates[0].confidence < LOW_CONFIDENCE
    assert "related-stories list" in candidates[0].note and "2025 as still to come" in candidates[0].note


def test_byline_date_is_trusted_unless_the_body_contradicts_it() -> None:
    (candidate,) = date_candidates([DatedText("September 30, 2024 10:32 AM GMT", "head")], "Exports were halted in March 2023.")
    assert (candidate.value, candidate.source, candidate.confidence) == ("2024-09-30", "text:byline", 0.7)
    (stale,) = date_candidates([DatedText("March 1, 2030", "head")], "The war ended in 2011. Troops left in 2011.")
    assert stale.confidence < LOW_CONFIDENCE
    assert "latest event the article reports is from 2011" in stale.note
