"""Format detection by content, not by file name."""

from __future__ import annotations

import gzip

import pytest

from corroborate.ingest.sniff import looks_like_html, sniff_format


@pytest.mark.parametrize(
    ("data", "format"),
    [
        (gzip.compress(b"<html></html>"), "gzip"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<?xml version="1.0"?>\n<!-- comment -->\n<rss version="2.0"><channel>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
        (b'{"text": "a"}\n{"text": "b"}\n', "json"),
        (b'[{"text": "a"}]', "json"),
        (b'{broken\n{"text": "b"}\n{"text": "c"}\n', "json"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\n\n  <HTML>\n<HEAD><TITLE>Old page</TITLE></HEAD>", "html"),
        (b"<div><p>One</p><p>Two</p><p>Three</p></div>", "html"),
        (b"[Updated] Coalition to end mission\n\nThe United States said...", "text"),
        (b"Use the <b> tag for bold, the article explained at length to its many readers.", "text"),
        (b"US to end anti-ISIL operation in Iraq\n\nUS officials offer little clarity.", "text"),
        ("\ufeff<html><body>x</body></html>".encode("utf-16"), "html"),
    ],
)
def test_sniff_format(data, format):
    assert sniff_format(data) == format


def test_looks_like_html_needs_landmarks_near_the_start_or_many_tags():
    article = "A long article. " * 200 + "<body>"
    assert looks_like_html(article) is False
    assert looks_like_html("<section>" + "<p>para</p>" * 3 + "</section>") is True
