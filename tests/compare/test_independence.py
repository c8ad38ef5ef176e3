"""Source independence on the bundled example, on edits of its real text, and at batch scale."""

from __future__ import annotations

import dataclasses
import difflib
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.bench import default_data_root
from corroborate.compare import Derivation, SharedPassage, find_derivations, independent_groups
from corroborate.compare import independence
from corroborate.errors import UsageError
from corroborate.model import Article, RemovedBlock
from corroborate.pipeline import extract_inputs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "iraq-coalition-2024"
ECBPLUS = default_data_root() / "stories-ecbplus" / "articles.jsonl"

S000, S001, S002, S003, S004 = (
    "000_5402e81212a35571",
    "001_69f3748dca759eec",
    "002_e4dbe8024c84f414",
    "003_2478aec32e3f585e",
    "004_90e9e459c6bffa9d",
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {article.id: article for article in extract_inputs([str(EXAMPLE)]).articles}


def _words(text: str) -> list[str]:
    # Thousands separators are dropped, as the module's own normalization does ("1,000" is "1000").
    return re.findall(r"[^\W_]+", re.sub(r"(?<=\d),(?=\d)", "", text.lower().replace("’", "'")))


def assert_passages_slice_exactly(derivations: list[Derivation], articles: list[Article]) -> None:
    """Every passage's offsets slice the source (and derived) text at word edges; verbatim ones agree."""
    texts = {article.id: article for article in articles}
    for derivation in derivations:
        source = texts[derivation.derived_from]
        derived = texts[derivation.article]
        assert derivation.passages
        for passage in derivation.passages:
            source_slice = source.text[passage.source_start : passage.source_end]
            assert 0 <= passage.source_start < passage.source_end <= len(source.text)
            assert source_slice == source_slice.strip() and source_slice
            if passage.derived_start == -1:
                assert passage.derived_end == -1 and passage.where != "body"
                shown = " ".join(_words(" ".join(block.text for block in derived.removed)))
                # The snippet shows the start of the source passage.
                assert " ".join(_words(source_slice)[:8]) in shown
                continue
            derived_slice = derived.text[passage.derived_start : passage.derived_end]
            assert 0 <= passage.derived_start < passage.derived_end <= len(derived.text)
            assert derived_slice == derived_slice.strip() and derived_slice
            if passage.similarity == 1.0:
                assert _words(source_slice) == _words(derived_slice)


# --- The bundled example ------------------------------------------------------


def test_the_aggregator_summary_derives_from_the_story_it_links(seeds) -> None:
    articles = list(seeds.values())
    derivations = find_derivations(articles)
    assert [(d.article, d.derived_from, d.kind) for d in derivations] == [(S003, S004, "summary")]
    summary = derivations[0]
    assert (summary.confidence, summary.similarity) == (0.742, 0.442)
    snippet = summary.passages[0]
    assert snippet == SharedPassage(0, 277, -1, -1, 0.625, "linked-story snippet")
    first_sentence = seeds[S004].text[snippet.source_start : snippet.source_end]
    assert first_sentence.startswith("The U.S. military’s decade-long mission to fight the Islamic State group")
    assert first_sentence.endswith("Biden administration officials confirmed Friday.")
    assert "\n" not in first_sentence
    body = [(p.source_start, p.source_end, p.derived_start, p.derived_end, p.similarity) for p in summary.passages[1:]]
    assert body == [
        (0, 277, 0, 213, 0.512),
        (717, 912, 1499, 1664, 0.353),
        (914, 1039, 409, 534, 0.381),
        (1041, 1157, 535, 638, 0.636),
        (1270, 1446, 958, 1166, 0.526),
        (1587, 1862, 1194, 1353, 0.571),
    ]
    # 004's "about 2,500 troops in Iraq advising and assisting" is 003's "around 2,500 U.S. troops".
    assert seeds[S003].text[535:638].startswith("Currently, around 2,500 U.S. troops are stationed in Iraq")
    assert summary.reason == (
        f"{S003} is a summary of {S004}: 6 of its sentences restate {S004}'s (83% in the same order), "
        f"covering 44% of its content, and its page shows a snippet of {S004}; it is taken as the derived "
        "one because its page links to the other's story with a snippet."
    )
    assert_passages_slice_exactly(derivations, articles)


def test_a_linked_snippet_is_the_source_s_own_text_not_a_quote_it_carries(seeds) -> None:
    source = independence._profile(seeds[S004])
    quote = "“While ISIS is down, they are not out. It continues to pose a real threat,”"
    assert quote in seeds[S004].text
    lead = seeds[S004].text[:120] + "..."
    page = Article(
        id="page",
        input="page.html",
        text="A body.",
        removed=(
            RemovedBlock(quote, "pull quote"),
            RemovedBlock(f"Headline\nSep. 27 / Outlet “ {lead}", "list of linked stories (headline, source and snippet)"),
        ),
    )
    (snippet,) = independence._link_passages(page, source)
    assert (snippet.source_start, snippet.source_end, snippet.where) == (0, 277, "linked-story snippet")


def test_the_four_outlets_reporting_on_their_own_are_independent(seeds) -> None:
    articles = list(seeds.values())
    groups = independent_groups(articles, find_derivations(articles))
    assert groups == {S000: S000, S001: S001, S002: S002, S003: S004, S004: S004}


# --- Edits of the example's real text -------------------------------------------


def test_a_verbatim_copy_under_another_id_is_a_copy(seeds) -> None:
    copy = dataclasses.replace(seeds[S001], id="copy-of-001", input="copy.txt")
    articles = [*seeds.values(), copy]
    derivations = find_derivations(articles)
    by_article = {d.article: d for d in derivations}
    assert (by_article["copy-of-001"].derived_from, by_article["copy-of-001"].kind) == (S001, "copy")
    assert by_article["copy-of-001"].similarity == 1.0
    # One passage: every word up to the final full stop.
    assert by_article["copy-of-001"].passages == (SharedPassage(0, 3821, 0, 3821, 1.0, "body"),)
    assert independent_groups(articles, derivations)["copy-of-001"] == S001
    assert_passages_slice_exactly(derivations, articles)


def test_a_one_sentence_brief_copied_word_for_word_is_a_copy(seeds) -> None:
    lead = seeds[S004].text[:277]
    briefs = [Article(id=name, input=name, text=lead) for name in ("brief-a", "brief-b")]
    derivations = find_derivations(briefs)
    assert [(d.article, d.derived_from, d.kind) for d in derivations] == [("brief-b", "brief-a", "copy")]


def test_a_copy_published_later_derives_from_the_earlier(seeds) -> None:
    early = dataclasses.replace(seeds[S001], id="early", published="2024-09-27", published_confidence=0.9)
    late = dataclasses.replace(seeds[S001], id="late", published="2024-09-28", published_confidence=0.9)
    derivations = find_derivations([late, early])
    assert [(d.article, d.derived_from, d.kind) for d in derivations] == [("late", "early", "copy")]
    assert "published later" in derivations[0].reason


def _rewrite_of_002(seeds) -> Article:
    paragraphs = seeds[S002].text.split("\n\n")
    kept = [p for number, p in enumerate(paragraphs) if number not in (3, 8, 12)]
    kept[0] = kept[0].replace("announced in a joint statement on Friday", "said on Friday in a joint statement")
    kept[6] = kept[6].replace("In a special briefing via teleconference", "Speaking to reporters by phone")
    return dataclasses.replace(seeds[S002], id="rewrite-of-002", text="\n\n".join(kept))


def test_sentences_edited_and_dropped_make_a_rewrite(seeds) -> None:
    rewrite = _rewrite_of_002(seeds)
    assert "Speaking to reporters by phone" in rewrite.text
    articles = [*seeds.values(), rewrite]
    derivations = find_derivations(articles)
    found = {d.article: d for d in derivations}["rewrite-of-002"]
    assert (found.derived_from, found.kind) == (S002, "rewrite")
    assert found.similarity == 0.971
    assert "more of its text is found in the other" in found.reason
    assert_passages_slice_exactly(derivations, articles)


def test_two_outlets_running_one_wire_story_with_own_edits_are_one_source(seeds) -> None:
    paragraphs = seeds[S001].text.split("\n\n")
    # Each outlet cuts a different paragraph and rewords its own lead.
    first = paragraphs[:5] + paragraphs[6:]
    first[0] = first[0].replace("U.S. officials said Friday", "American officials announced on Friday")
    second = paragraphs[:10] + paragraphs[11:]
    second[-1] = second[-1].replace("in the last several months", "over recent months")
    outlet_a = dataclasses.replace(seeds[S001], id="outlet-a", text="\n\n".join(first))
    outlet_b = dataclasses.replace(seeds[S001], id="outlet-b", text="\n\n".join(second))
    derivations = find_derivations([outlet_a, outlet_b])
    assert [d.kind for d in derivations] == ["syndicated"]
    groups = independent_groups([outlet_a, outlet_b], derivations)
    assert len(set(groups.values())) == 1
    assert "nothing shows who came first" in derivations[0].reason
    dated_a = dataclasses.replace(outlet_a, published="2024-09-28", published_confidence=0.8)
    dated_b = dataclasses.replace(outlet_b, published="2024-09-27", published_confidence=0.8)
    dated = find_derivations([dated_a, dated_b])
    assert [(d.article, d.derived_from, d.kind) for d in dated] == [("outlet-a", "outlet-b", "syndicated")]


def test_a_shared_quote_of_one_official_is_not_a_copy(seeds) -> None:
    quote = next(p for p in seeds[S002].text.split("\n\n") if p.startswith("“We are not going to discuss"))
    first = "\n\n".join([seeds[S000].text.split("\n\n")[0], quote])
    second = "\n\n".join([seeds[S004].text.split("\n\n")[0], quote])
    articles = [
        Article(id="first", input="first.txt", text=first),
        Article(id="second", input="second.txt", text=second),
    ]
    # Word for word, the quote is about half of each text ...
    profiles = [independence._profile(article) for article in articles]
    (run,) = independence._shared_runs(profiles[0].words, profiles[1].words)
    assert run.length >= len(profiles[0].words) * 0.4
    # ... but it is the official's words, quoted by both: shared evidence, not copying.
    assert independence._is_shared_quote(run, *profiles)
    assert find_derivations(articles) == []
    assert independent_groups(articles, []) == {"first": "first", "second": "second"}


def test_chains_resolve_to_the_root(seeds) -> None:
    rewrite = _rewrite_of_002(seeds)
    copy_of_rewrite = dataclasses.replace(rewrite, id="copy-of-rewrite")
    shorter = dataclasses.replace(
        rewrite, id="shorter", text="\n\n".join(rewrite.text.split("\n\n")[:-4])
    )
    articles = [seeds[S002], rewrite, copy_of_rewrite, shorter]
    derivations = find_derivations(articles)
    groups = independent_groups(articles, derivations)
    assert set(groups.values()) == {S002}
    parents = {d.article: d.derived_from for d in derivations}
    assert len(parents) == 3 and S002 not in parents
    assert_passages_slice_exactly(derivations, articles)


def test_empty_and_single_batches() -> None:
    assert find_derivations([]) == []
    alone = Article(id="alone", input="a.txt", text="A short text with nothing to compare.")
    assert find_derivations([alone]) == []
    assert independent_groups([alone], []) == {"alone": "alone"}


def test_two_articles_with_one_id_are_refused(seeds) -> None:
    with pytest.raises(UsageError, match="repeated: 001_69f3748dca759eec"):
        find_derivations([seeds[S001], seeds[S001]])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,!?“”\"’'\n-1U.S")), max_size=200))
def test_sentence_spans_are_ordered_stripped_slices(text: str) -> None:
    spans = independence._sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


_WORDS = st.sampled_from(["troops", "Iraq", "said", "the", "2,500", "“we", "stay”", "U.S.", "left.", "\n\n", "Friday."])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=60).map(" ".join), min_size=2, max_size=4), st.booleans())
def test_any_texts_compare_without_crashing(texts: list[str], repeat: bool) -> None:
    if repeat:
        texts = texts + [texts[0]]
    articles = [Article(id=f"a{n}", input=f"a{n}", text=text) for n, text in enumerate(texts)]
    derivations = find_derivations(articles)
    groups = independent_groups(articles, derivations)
    assert set(groups) == {article.id for article in articles}
    assert_passages_slice_exactly(derivations, articles)


def test_sentence_spans_keep_abbreviations_inside_sentences() -> None:
    text = "U.S. Defense Secretary Lloyd Austin spoke. Ms. Singh said Sept. 15 was set. Then he left."
    spans = independence._sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "U.S. Defense Secretary Lloyd Austin spoke.",
        "Ms. Singh said Sept. 15 was set.",
        "Then he left.",
    ]


# --- Scale: 300 articles through MinHashLSH -----------------------------------


def test_three_hundred_articles_are_compared_through_lsh_not_all_pairs(monkeypatch) -> None:
    if not ECBPLUS.exists():
        pytest.skip(f"ECB+ articles not on this machine ({ECBPLUS})")
    records = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines()][:200]
    articles = [Article(id=r["id"], input=r["id"], text=r["text"]) for r in records]
    origins = {r["id"]: {r["id"]} for r in records}
    planted_copies = {}
    chooser = random.Random(7)
    for number in range(100):
        record = chooser.choice(records)
        lines = record["text"].split("\n")
        if number % 4 == 0:  # verbatim copy
            text, used = record["text"], {record["id"]}
            planted_copies[f"made-{number}"] = record["id"]
        elif number % 4 == 1:  # some lines dropped
            text, used = "\n".join([line for line in lines if chooser.random() > 0.25] or lines), {record["id"]}
        elif number % 4 == 2:  # first half of one story, second half of another
            other = chooser.choice(records)
            other_lines = other["text"].split("\n")
            text = "\n".join(lines[: max(1, len(lines) // 2)] + other_lines[len(other_lines) // 2 :])
            used = {record["id"], other["id"]}
        else:  # lines reordered
            text, used = "\n".join(reversed(lines)), {record["id"]}
        articles.append(Article(id=f"made-{number}", input=f"made-{number}", text=text))
        origins[f"made-{number}"] = used

    queries = []
    original_query = independence.MinHashLSH.query

    def counting_query(self, minhash):  # type: ignore[no-untyped-def]
        queries.append(1)
        return original_query(self, minhash)

    monkeypatch.setattr(independence.MinHashLSH, "query", counting_query)
    profiles = [independence._profile(article) for article in articles]
    candidates = independence._candidate_pairs(profiles)
    assert queries, "candidates come from MinHashLSH queries"
    all_pairs = len(articles) * (len(articles) - 1) // 2
    assert len(candidates) < all_pairs / 10

    derivations = find_derivations(articles)
    texts = {article.id: article.text for article in articles}
    for derivation in derivations:
        if origins[derivation.article] & origins[derivation.derived_from]:
            continue
        # Unplanned derivations must be ECB+ outlets really sharing text (wire copy).
        a, b = _words(texts[derivation.article]), _words(texts[derivation.derived_from])
        longest = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        assert longest.size >= independence.MIN_RUN_WORDS, derivation.reason
    groups = independent_groups(articles, derivations)
    for copy, original in planted_copies.items():
        assert groups[copy] == groups[original]
    assert_passages_slice_exactly(derivations, articles)
