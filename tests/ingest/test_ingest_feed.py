"""RSS and Atom feeds: one document per item, with the item's metadata as hints."""

from __future__ import annotations

from corroborate.ingest import ingest, read_bytes
from corroborate.ingest.feed import read_feed
from corroborate.model import InputReport

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Example News</title>
<link>https://news.example/</link>
<language>en</language>
<item>
<title>Coalition to wind down by 2025</title>
<link>https://news.example/coalition</link>
<guid>https://news.example/?p=101</guid>
<pubDate>Fri, 27 Sep 2024 18:00:00 GMT</pubDate>
<dc:creator>Jane Reporter</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The United States and Iraq said the coalition <b>will end</b>.</p>]]></content:encoded>
</item>
<item>
<title>Summary only</title>
<link>https://news.example/summary</link>
<description>Only a plain summary here.</description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <updated>2024-09-28T10:00:00Z</updated>
  <entry>
    <title>Troops to stay, officials say</title>
    <link href="https://atom.example/troops"/>
    <id>tag:atom.example,2024:troops</id>
    <published>2024-09-27T18:00:00Z</published>
    <updated>2024-09-28T09:00:00Z</updated>
    <author><name>Ana Autora</name></author>
    <author><name>Bo Byline</name></author>
    <summary>Officials said troops stay.</summary>
    <content type="html">&lt;p&gt;Officials said the troops will stay in Erbil, café included.&lt;/p&gt;</content>
  </entry>
</feed>
""".encode()


def test_rss_item_uses_full_content_and_item_metadata():
    result = read_feed("news.rss", RSS, 10_000_000)

    assert result.report == InputReport("news.rss", "processed", "2 items", 2)
    first, second = result.documents
    assert first.input == "news.rss#1"
    assert (first.format, first.container, first.encoding) == ("html", "feed", "utf-8")
    assert first.content == "<p>The United States and Iraq said the coalition <b>will end</b>.</p>"
    assert first.hints == {
        "id": "https://news.example/?p=101",
        "url": "https://news.example/coalition",
        "title": "Coalition to wind down by 2025",
        "feed_published": "Fri, 27 Sep 2024 18:00:00 GMT",
        "authors": ["Jane Reporter"],
        "outlet": "Example News",
        "language": "en",
    }
    # A summary without markup is plain text, whatever the feed calls it.
    assert (second.input, second.format, second.content) == ("news.rss#2", "text", "Only a plain summary here.")


def test_atom_entry_with_html_content_and_both_dates(tmp_path):
    path = tmp_path / "atom.data"  # the extension says nothing; the content does
    path.write_bytes(ATOM)

    [result] = ingest([str(path)])

    assert result.report == InputReport(str(path), "processed", "1 item", 1)
    [document] = result.documents
    assert document.format == "html"
    assert document.content == "<p>Officials said the troops will stay in Erbil, café included.</p>"
    assert document.hints["feed_published"] == "2024-09-27T18:00:00Z"
    assert document.hints["feed_updated"] == "2024-09-28T09:00:00Z"
    assert document.hints["authors"] == ["Ana Autora", "Bo Byline"]
    assert document.hints["outlet"] == "Atom Desk"
    assert document.hints["url"] == "https://atom.example/troops"
    assert document.hints["id"] == "tag:atom.example,2024:troops"


def test_item_without_any_content_is_a_record_problem():
    feed = RSS.replace(b"</channel>", b"<item><title>Empty</title><link>https://news.example/e</link></item></channel>")

    result = read_feed("news.rss", feed, 10_000_000)

    assert result.report == InputReport("news.rss", "partial", "2 of 3 items; 1 item failed (item #3)", 2)
    assert result.record_problems == [InputReport("news.rss#3", "skipped", "feed item has no content or summary")]


def test_feed_without_items_is_skipped():
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'

    result = read_bytes("quiet.xml", feed, 10_000_000)

    assert result.report == InputReport("quiet.xml", "skipped", "feed has no items")


def test_malformed_feed_that_still_yields_items_is_used_with_a_note():
    feed = b'<rss version="2.0"><channel><title>T</title><item><title>a</title><description>hello <b>there</b></description></item>'

    result = read_bytes("cut.xml", feed, 10_000_000)

    assert result.report.status == "processed"
    assert result.report.reason == "1 item (feed is not well-formed: no element found)"
    assert [d.content for d in result.documents] == ["hello <b>there</b>"]


def test_feed_bytes_that_name_a_file_are_not_opened(tmp_path):
    # feedparser opens a string argument as a path; we only ever hand it a stream.
    result = read_feed("odd", b"/etc/passwd", 10_000_000)

    assert result.documents == []
    assert result.report.status == "skipped"


def test_an_unexpected_parser_exception_becomes_a_report(monkeypatch):
    def explode(*args, **kwargs):
        raise ValueError("parser tripped\non two lines")

    monkeypatch.setattr("corroborate.ingest.feed.feedparser.parse", explode)

    result = read_bytes("news.rss", RSS, 10_000_000)

    assert result.report == InputReport("news.rss", "skipped", "could not be read (ValueError: parser tripped on two lines)")


def test_unparseable_feed_says_what_the_xml_parser_found():
    result = read_bytes("broken.xml", b'<?xml version="1.0"?><rss', 10_000_000)

    assert result.report == InputReport("broken.xml", "skipped", "feed cannot be parsed (unclosed token)")
