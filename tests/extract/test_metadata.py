"""Outlet names from article URLs."""

from __future__ import annotations

from corroborate.extract.metadata import outlet_from_url


def test_outlet_is_the_host_without_server_prefix() -> None:
    assert outlet_from_url("https://www.aljazeera.com/news/2024/9/27/us-to-end") == "aljazeera.com"
    assert outlet_from_url("https://edition.cnn.com/2024/09/27/politics/iraq") == "cnn.com"
    assert outlet_from_url("http://stripes.com/theaters/middle_east/2024-09-27/") == "stripes.com"


def test_no_outlet_without_a_usable_url() -> None:
    assert outlet_from_url(None) is None
    assert outlet_from_url("") is None
    assert outlet_from_url("not a url") is None
    assert outlet_from_url("http://[::1") is None
