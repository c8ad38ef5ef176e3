"""Untrusted article text, titles, outlets and addresses are escaped everywhere; headers forbid scripts."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from corroborate.web.security import CONTENT_SECURITY_POLICY


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(page)
    return parser.tags


def _assert_inert(page: str) -> None:
    """No script element, no event-handler attribute, no javascript: link."""
    for tag, attributes in _elements(page):
        assert tag != "script"
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        assert not (attributes.get("href") or "").lower().startswith("javascript:")
    assert "<script>alert(1)</script>" not in page
    assert '" onmouseover="alert(1)' not in page


@pytest.fixture(scope="module")
def hostile_pages(client, stories) -> dict[str, str]:
    story = client.get(stories["hostile"]["api"]).json()
    article = story["sources"][0]["article"]
    citation = story["citations"][0]
    return {
        "list": client.get("/stories").text,
        "search": client.get("/stories", params={"q": "<script>", "outlet": '"><b>'}).text,
        "story": client.get(stories["hostile"]["href"]).text,
        "article": client.get(f"/articles/{article}").text,
        "passage": client.get(citation["href"]).text,
        "error": client.get("/stories", params={"since": "<script>alert(1)</script>"}).text,
    }


@pytest.mark.parametrize("name", ["list", "search", "story", "article", "passage", "error"])
def test_hostile_fields_are_shown_as_text_never_as_markup(hostile_pages, name) -> None:
    _assert_inert(hostile_pages[name])


def test_hostile_title_and_outlet_are_visible_escaped(hostile_pages) -> None:
    escaped_script = "&lt;script&gt;alert(1)&lt;/script&gt;"
    escaped_attribute = "&#34; onmouseover=&#34;alert(1)"
    for name in ("list", "story", "article"):
        assert escaped_script in hostile_pages[name]
        assert escaped_attribute in hostile_pages[name]
    assert "Evil Gazette " + escaped_script + escaped_attribute in hostile_pages["story"]


def test_javascript_address_is_shown_but_not_linked(client, stories, hostile_pages) -> None:
    story = client.get(stories["hostile"]["api"]).json()
    assert story["brief"]["sources"][0]["url"] == "javascript:alert(1)"
    assert story["sources"][0]["url"] is None
    assert "<dd>javascript:alert(1)</dd>" in hostile_pages["story"]
    assert "<dd>javascript:alert(1)</dd>" in hostile_pages["article"]


@pytest.mark.parametrize(
    "path", ["/stories", "/api/stories", "/stories/999", "/api/openapi.json", "/static/style.css", "/upload"]
)
def test_every_response_carries_the_content_security_policy(client, path) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY and "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", ["/static/../settings.py", "/static/%2e%2e/settings.py", "/static/..%2fapp.py"])
def test_static_files_do_not_leave_their_folder(client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "WebSettings" not in response.text and "create_app" not in response.text


def test_pages_link_no_script_at_all(client, stories) -> None:
    for path in ("/stories", stories["example"]["href"], "/upload"):
        assert "<script" not in client.get(path).text
