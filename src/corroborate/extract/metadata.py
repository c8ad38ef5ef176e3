"""Metadata the page does not state but its address does: the outlet."""

from __future__ import annotations

from urllib.parse import urlsplit

#: Host prefixes that name a server, not the outlet.
_SERVER_PREFIXES = ("www.", "www2.", "m.", "amp.", "mobile.", "edition.")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's host name (``aljazeera.com``) from an article URL, if any."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in _SERVER_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix):]
            break
    return host
