"""The keys the store deduplicates on: canonical URLs, text hashes, raw-document hashes, article keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborate.model import RawDocument
from corroborate.store.identity import article_key, canonical_url, content_hash, raw_hash


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.aljazeera.com/news/2024/9/27/us-to-end?utm_source=rss&utm_medium=feed",
         "https://aljazeera.com/news/2024/9/27/us-to-end"),
        ("http://aljazeera.com/news/2024/9/27/us-to-end/#comments", "https://aljazeera.com/news/2024/9/27/us-to-end"),
        ("HTTPS://WWW.Reuters.COM:443/world/story?b=2&a=1", "https://reuters.com/world/story?a=1&b=2"),
        ("https://example.com/article.php?id=5&fbclid=xyz", "https://example.com/article.php?id=5"),
        ("https://news.example.com:8443/a/", "https://news.example.com:8443/a"),
        ("https://Example.com", "https://example.com/"),
        ("  https://example.com/a  ", "https://example.com/a"),
        # Not web addresses of an article: no key from them.
        ("ftp://example.com/a", None),
        ("example.com/a", None),
        ("http://localhost/a", None),
        ("https://example.com:notaport/a", None),
        ("https://[::1/a", None),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@given(st.text(max_size=200))
def test_canonical_url_never_raises(text):
    result = canonical_url(text)
    assert result is None or result.startswith("https://")
    if result is not None:
        assert canonical_url(result) == result  # canonical URLs are fixed points


def test_content_hash_is_the_sha256_of_the_utf8_text():
    assert content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2 vector
    # UTF-8, not Latin-1 (which would give e134988854e6...).
    assert content_hash("Café") == "73473dcc12b763085904a5279d048c4d5b3b008c46f1f32443b99de04aa83a14"


def test_raw_hash_ignores_where_a_document_was_read_but_not_what_it_carried():
    def document(input: str, text: str, url: str) -> RawDocument:
        return RawDocument(input, "text", text, "utf-8", {"url": url}, "jsonl")

    page = document("feeds/a.jsonl:3", "Iraq and the US agreed.", "https://x.com/a")
    moved = document("copy/b.jsonl:9", "Iraq and the US agreed.", "https://x.com/a")
    elsewhere = document("feeds/a.jsonl:3", "Iraq and the US agreed.", "https://y.com/a")
    edited = document("feeds/a.jsonl:3", "Iraq and the US agreed!", "https://x.com/a")
    assert raw_hash(page) == raw_hash(moved)
    assert len({raw_hash(page), raw_hash(elsewhere), raw_hash(edited)}) == 3


def test_article_key_prefers_the_url_then_the_input_id_then_the_text():
    assert article_key("https://x.com/a", "guid-1", "abc") == "url:https://x.com/a"
    assert article_key(None, "guid-1", "abc") == "id:guid-1"
    assert article_key(None, None, "abc") == "sha256:abc"
