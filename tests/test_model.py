"""The Article record: paragraph spans and the JSON round trip."""

from __future__ import annotations

from corroborate.model import Article, DateCandidate, RemovedBlock, Span


def test_paragraph_spans_are_exact_slices_of_the_text() -> None:
    text = "Washington withdrew most US forces from Iraq by 2011.\n\nBases housing US soldiers came under attack."
    article = Article(id="a", input="a.txt", text=text)
    spans = article.paragraphs()
    assert spans == [
        Span(0, 53, "Washington withdrew most US forces from Iraq by 2011."),
        Span(55, 99, "Bases housing US soldiers came under attack."),
    ]
    assert all(text[span.start : span.end] == span.text for span in spans)


def test_repeated_paragraphs_get_their_own_offsets() -> None:
    article = Article(id="a", input="a.txt", text="Same.\n\nSame.")
    assert [(span.start, span.end) for span in article.paragraphs()] == [(0, 5), (7, 12)]


def test_article_survives_a_json_round_trip() -> None:
    article = Article(
        id="000",
        input="examples/000.txt",
        text="Body.",
        authors=("Matthew Adams",),
        date_candidates=(DateCandidate("2026-01-11", "text:chrome", 0.2, "re-posting date"),),
        removed=(RemovedBlock("Subscribe", "subscribe box"),),
        captions=("U.S. and French troops in Iraq in 2023.",),
    )
    assert Article.from_dict(article.to_dict()) == article
