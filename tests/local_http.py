"""A real HTTP server on 127.0.0.1 for the fetch tests: canned responses by path, in a thread.

The machine the tests run on has no internet; every fetch test talks to one of
these instead. Each route answers with a status, headers and a body, after an
optional delay (to make a client time out); every request's path and headers
are recorded. :data:`FERRY` and :data:`LIBRARY` are news pages to serve.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering (cut short when the server stops).
    delay: float = 0.0
    #: Send no Content-Length: the body ends when the connection closes.
    unsized: bool = False
    #: Called (in the server's thread) when the path is requested.
    on_request: Callable[[], None] | None = None


class LocalSite:
    """A threaded HTTP/1.0 server; ``add`` routes, ``url`` addresses them, ``close`` stops it."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                site.requests.append((self.path, dict(self.headers.items())))
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"<html><body><p>no such page</p></body></html>", 404, {"Content-Type": "text/html"})
                if route.on_request is not None:
                    route.on_request()
                if route.delay and site.stopping.wait(route.delay):
                    return
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if not route.unsized:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a size limit): expected

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def add(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve ``body`` at ``path`` (see :class:`Route` for the options); returns its address."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def url(self, path: str) -> str:
        """The full address of ``path`` on this server."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def paths_requested(self) -> list[str]:
        """The paths asked for so far, in order."""
        return [path for path, _ in self.requests]

    def close(self) -> None:
        """Stop serving, cutting any delayed answer short."""
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def closed_port_address(path: str = "/") -> str:
    """An address on 127.0.0.1 whose port nothing listens on (a connection is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


#: Response headers of an HTML page in UTF-8.
HTML = {"Content-Type": "text/html; charset=utf-8"}


def article_page(title: str, *paragraphs: str) -> str:
    """A news page with site chrome around an article."""
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body>\n"
        "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\n"
        f"<article><h1>{title}</h1>\n{body}</article>\n"
        "<footer>Copyright Port Elsmere Gazette</footer></body></html>"
    )


FERRY = article_page(
    "Harbour ferry fares rise by 12 percent",
    "The harbour council of Port Elsmere voted on Tuesday to raise ferry fares by 12 percent, "
    "the council's chair, Maria Quist, said after a long meeting.",
    "\"The ferries have lost money for three years,\" Quist told reporters after the vote. "
    "The new fares take effect on April 1, 2025.",
    "A single crossing will cost 5 € instead of 4.50 €, and season tickets rise by the same share.",
)

LIBRARY = article_page(
    "Riverside library reopens after flood repairs",
    "The Riverside public library reopened on Friday after eight months of repairs to flood damage, "
    "the town's librarian, Ada Brennan, said.",
    "\"We lost four thousand books in the flood,\" Brennan said. Repairs cost 1.2 million dollars.",
)
