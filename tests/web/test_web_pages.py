"""The story list, story and article pages and their JSON twins, on the bundled example in a real store."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

EXAMPLE_LABEL = "US to end anti-ISIL operation in Iraq but unclear if troops will remain"


# --- Story list ------------------------------------------------------------------------------


def _overlaps(story: dict, since: str | None, until: str | None) -> bool:
    """Whether a story's publication dates reach into [since, until] (how the date filters read)."""
    if since and (story["last_published"] is None or story["last_published"] < since):
        return False
    return not (until and (story["first_published"] is None or story["first_published"] > until))


def test_story_list_json_lists_every_story_most_recent_first(client, stories) -> None:
    listing = client.get("/api/stories").json()
    assert listing["total"] == 2 and listing["page"] == 1 and listing["pages"] == 1
    latest = [story["last_published"] or "" for story in listing["stories"]]
    assert latest == sorted(latest, reverse=True)  # undated stories last
    example = next(story for story in listing["stories"] if story["size"] == 5)
    assert example["label"] == EXAMPLE_LABEL
    assert example["outlet_names"] == ["Al Jazeera"]
    assert example["href"] == f"/stories/{example['id']}"
    hostile = next(story for story in listing["stories"] if story["size"] == 1)
    assert (hostile["first_published"], hostile["last_published"]) == ("2025-03-04", "2025-03-04")


def test_story_list_filters(client, stories) -> None:
    def ids(query: str) -> list[int]:
        response = client.get(f"/api/stories?{query}")
        assert response.status_code == 200, response.text
        return [story["id"] for story in response.json()["stories"]]

    example, hostile = stories["example"]["id"], stories["hostile"]["id"]
    assert ids("q=anti-isil IRAQ") == [example]
    assert ids("q=ferry") == [hostile]  # title words count
    assert ids("q=nothing+like+this") == []
    assert ids("outlet=al+jazeera") == [example]
    assert ids("outlet=gazette") == [hostile]
    for since, until in [("2025-03-01", "2025-03-31"), ("2025-03-05", None), (None, "2025-03-03"), ("2025-03-04", "2025-03-04")]:
        query = "&".join(f"{name}={value}" for name, value in (("since", since), ("until", until)) if value)
        expected = [story["id"] for story in client.get("/api/stories").json()["stories"] if _overlaps(story, since, until)]
        assert ids(query) == expected
        assert (hostile in expected) == ((since or "") <= "2025-03-04" <= (until or "9999"))
    assert ids("min_size=2") == [example]
    assert ids("max_size=1") == [hostile]
    assert ids("sort=size") == [example, hostile]
    assert sorted(ids("q=&outlet=&since=&until=&min_size=&max_size=")) == sorted([example, hostile])  # an empty form


def test_story_list_refuses_bad_filters_with_one_line(client) -> None:
    empty_range = client.get("/api/stories?since=2025-01-01&until=2024-01-01")
    assert empty_range.status_code == 400
    assert empty_range.json() == {
        "error": {"type": "UsageError", "message": "the date range is empty: 2025-01-01 is after 2024-01-01"}
    }
    sizes = client.get("/api/stories?min_size=4&max_size=2")
    assert sizes.status_code == 400 and "size range is empty" in sizes.json()["error"]["message"]
    not_a_number = client.get("/api/stories?min_size=many")
    assert not_a_number.status_code == 422
    assert not_a_number.json()["error"]["message"].startswith("min_size: Input should be a valid integer")
    page = client.get("/stories?since=yesterday")
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]
    assert "since: Input should be a valid date" in page.text


def test_story_list_page_shows_the_same_stories_as_its_json(client, stories) -> None:
    page = client.get("/stories?sort=size")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    links = re.findall(r'<a class="story-link" href="(/stories/\d+)">', page.text)
    assert links == [story["href"] for story in client.get("/api/stories?sort=size").json()["stories"]]
    assert EXAMPLE_LABEL in page.text
    assert '<option value="size" selected>' in page.text
    assert 'href="/api/stories?sort=size"' in page.text  # the page links its JSON twin
    assert client.get("/", follow_redirects=False).headers["location"] == "/stories"


# --- Story page ------------------------------------------------------------------------------


def test_story_json_is_the_brief_with_numbered_linked_citations(example_story, stories) -> None:
    assert example_story["story"] == stories["example"]
    brief = example_story["brief"]
    assert set(brief) >= {"sources", "summary", "claims", "conflicts", "timeline", "quotes", "coverage"}
    assert [source["id"] for source in brief["sources"]] == [
        "000_5402e81212a35571", "001_69f3748dca759eec", "002_e4dbe8024c84f414",
        "003_2478aec32e3f585e", "004_90e9e459c6bffa9d",
    ]
    citations = example_story["citations"]
    assert [citation["number"] for citation in citations] == list(range(1, len(citations) + 1))
    first = citations[0]
    assert first["text"] == brief["summary"][0]["evidence"][0]["text"]  # numbered in reading order
    assert first["href"] == f"/articles/{first['article']}?rev=1&start={first['start']}&end={first['end']}&cite=1#passage"
    texts = {source["id"]: source["text"] for source in brief["sources"]}
    for citation in citations:
        assert texts[citation["source"]][citation["start"] : citation["end"]] == citation["text"]
    # every evidence item of the brief has a number
    numbered = {(c["source"], c["start"], c["end"]) for c in citations}
    for claim in brief["claims"]:
        assert {(e["source"], e["start"], e["end"]) for e in claim["evidence"]} <= numbered


def test_story_sources_link_to_their_articles_and_what_they_derive_from(example_story) -> None:
    sources = {source["id"]: source for source in example_story["sources"]}
    summary = sources["003_2478aec32e3f585e"]
    assert summary["derived_from"] == "004_90e9e459c6bffa9d"
    assert summary["derived_from_anchor"] == "source-5"
    assert summary["href"] == f"/articles/{summary['article']}"
    assert sources["000_5402e81212a35571"]["label"] == "Al Jazeera"


def test_story_page_shows_every_section_and_links_every_citation(client, example_story, stories) -> None:
    page = client.get(stories["example"]["href"]).text
    brief = example_story["brief"]
    for anchor in ("summary", "claims", "conflicts", "timeline", "quotes", "coverage", "sources"):
        assert f'<section id="{anchor}">' in page
    statuses = re.findall(r'<span class="badge (corroborated|single-source|conflicting)">', page)
    assert statuses == [claim["status"] for claim in brief["claims"]]
    assert re.findall(r'<span class="count" title="independent sources">(\d+) independent</span>', page) == [
        str(claim["independent_sources"]) for claim in brief["claims"]
    ]
    hrefs = {unescape(href) for href in re.findall(r'<a class="cite" href="([^"]+)"', page)}
    assert hrefs == {citation["href"] for citation in example_story["citations"]}
    assert page.count('<div class="position">') == sum(len(c["positions"]) for c in brief["conflicts"])
    assert page.count('<td class="yes"') == sum(sum(row["reported"]) for row in brief["coverage"]["rows"])
    assert 'derived from <a href="#source-5">004_90e9e459c6bffa9d</a> (summary)' in page
    assert f'href="{example_story["story"]["api"]}"' in page


def test_story_page_is_briefed_once_and_served_from_the_cache(client, example_story, stories) -> None:
    site = client.app.state.site
    made = site.briefs.made
    for _ in range(3):
        assert client.get(stories["example"]["api"]).json() == example_story
    assert site.briefs.made == made


def test_unknown_story_is_a_404_page_and_json_error(client) -> None:
    response = client.get("/api/stories/999")
    assert response.status_code == 404
    assert response.json()["error"] == {"type": "StoryNotFoundError", "message": "no story 999 in this store (it holds 2 stories)"}
    page = client.get("/stories/999")
    assert page.status_code == 404 and "no story 999 in this store" in page.text
    assert client.get("/no/such/page").status_code == 404


# --- Article page: check a citation ------------------------------------------------------------


def test_every_citation_link_opens_its_passage_exactly(client, example_story) -> None:
    for citation in example_story["citations"][:40]:
        query = parse_qs(urlsplit(citation["href"]).query)
        article = client.get(f"/api/articles/{citation['article']}", params={k: v[0] for k, v in query.items()}).json()
        assert article["passage"] == {
            "start": citation["start"], "end": citation["end"], "text": citation["text"], "cite": citation["number"],
        }
        assert article["text"][citation["start"] : citation["end"]] == citation["text"]


def test_article_page_marks_the_cited_passage(client, example_story) -> None:
    citation = example_story["citations"][0]
    page = client.get(citation["href"])
    assert page.status_code == 200
    marked = re.search(r'<mark id="passage">(.*?)</mark>', page.text, re.DOTALL)
    assert marked and unescape(marked.group(1)) == citation["text"]
    assert "Citation [1]: characters 0–130" in page.text
    assert '<a href="/stories/' in page.text  # back to its story


def test_article_page_without_offsets_shows_the_text_unmarked(client, example_story) -> None:
    article = example_story["citations"][0]["article"]
    page = client.get(f"/articles/{article}")
    assert page.status_code == 200 and "<mark" not in page.text
    assert client.get(f"/api/articles/{article}").json()["passage"] is None


def test_article_page_refuses_bad_offsets_and_unknown_articles(client, example_story) -> None:
    article = example_story["citations"][0]["article"]
    length = len(client.get(f"/api/articles/{article}").json()["text"])
    beyond = client.get(f"/api/articles/{article}?start=10&end={length + 1}")
    assert beyond.status_code == 400
    assert beyond.json()["error"]["message"] == (
        f"no passage 10-{length + 1} in article {article}: offsets must satisfy 0 <= start < end <= {length}"
    )
    assert client.get(f"/api/articles/{article}?start=20&end=20").status_code == 400
    assert client.get(f"/api/articles/{article}?start=5").status_code == 400
    assert client.get(f"/api/articles/{article}?start=-1&end=4").status_code == 422
    assert client.get(f"/api/articles/{article}?rev=7").json()["error"] == {
        "type": "ArticleNotFoundError", "message": f"article {article} has no revision 7 (its latest is 1)"
    }
    assert client.get("/api/articles/4242").status_code == 404
    assert client.get("/articles/4242").status_code == 404


def test_openapi_describes_the_json_api_only(client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/stories", "/api/stories/{story}", "/api/articles/{article}", "/api/upload",
    }
    assert set(spec["paths"]["/api/upload"]) == {"get", "post"}
    assert "StoryPage" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN
