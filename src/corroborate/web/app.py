"""The web app: server-rendered pages and their JSON twins over a corroborate store.

Every page is one function of :mod:`.views` (or :mod:`.uploads`) returning a
pydantic model; its HTML route renders that model with a Jinja template, its
``/api/...`` route returns it as JSON (described at ``/api/openapi.json``).

| page | HTML | JSON |
|---|---|---|
| stories, with search and filters | ``/stories`` | ``/api/stories`` |
| a story's brief | ``/stories/{id}`` | ``/api/stories/{id}`` |
| an article, a passage highlighted | ``/articles/{id}?start=S&end=E`` | ``/api/articles/{id}?...`` |
| add articles | ``/upload`` (GET form, POST) | ``/api/upload`` (GET limits, POST) |

Routes that touch the store or brief a story are plain functions, which
FastAPI runs in its worker threads: the event loop never waits on SQLite or
spaCy. Errors from :mod:`corroborate.errors` become a 4xx page or a JSON
``{"error": {"type", "message"}}`` with the matching status, never a traceback.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Annotated, Any

from anyio import to_thread
from fastapi import BackgroundTasks, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

import corroborate
from corroborate.errors import (
    ArticleNotFoundError,
    CorroborateError,
    StoryNotFoundError,
    UploadLimitError,
    UploadsDisabledError,
    UploadTokenError,
    UsageError,
)
from corroborate.store import DatabaseUnavailableError
from corroborate.web import uploads, views
from corroborate.web.briefs import BriefMaker
from corroborate.web.security import BodyLimit, SecurityHeaders
from corroborate.web.settings import WebSettings
from corroborate.web.site import Site

#: HTTP status for each kind of error, most specific first.
ERROR_STATUS: tuple[tuple[type[CorroborateError], int], ...] = (
    (StoryNotFoundError, 404),
    (ArticleNotFoundError, 404),
    (UploadsDisabledError, 403),
    (UploadTokenError, 401),
    (UploadLimitError, 413),
    (UsageError, 400),
    (DatabaseUnavailableError, 503),
    (CorroborateError, 500),
)

#: Bytes read at a time from an uploaded file.
READ_CHUNK_BYTES = 1 << 20

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "urls": {"type": "string", "description": "addresses to queue for a later fetch, one a line"},
                        "token": {"type": "string", "description": "the upload token (or send 'Authorization: Bearer TOKEN')"},
                    },
                }
            }
        },
    }
}


def create_app(settings: WebSettings | None = None, *, make_brief: BriefMaker | None = None) -> FastAPI:
    """The FastAPI app serving the store named in ``settings`` (read-only unless it has an upload token)."""
    settings = settings or WebSettings()
    site = Site(settings, make_brief)
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="corroborate",
        version=corroborate.__version__,
        description="Stories, their briefs with every citation checkable against its source, and article uploads.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN, which the CSP forbids
        redoc_url=None,
    )
    app.state.site = site
    templates = Environment(
        loader=PackageLoader("corroborate.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(files("corroborate.web") / "static")), name="static")

    def page(template: str, model: BaseModel, status: int = 200, **extra: Any) -> HTMLResponse:
        context = {"page": model, "read_only": settings.read_only, **extra}
        return HTMLResponse(templates.get_template(template).render(context), status_code=status)

    def error_response(request: Request, status: int, kind: str, message: str) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status, headers=headers)
        html = templates.get_template("error.html").render(
            status=status, kind=kind, message=message, read_only=settings.read_only
        )
        return HTMLResponse(html, status_code=status, headers=headers)

    @app.exception_handler(CorroborateError)
    def corroborate_error(request: Request, error: CorroborateError) -> Response:
        status = next(code for kind, code in ERROR_STATUS if isinstance(error, kind))
        return error_response(request, status, type(error).__name__, " ".join(str(error).split()))

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'][1:]) or 'request'}: {problem['msg']}"
            for problem in error.errors()
        )
        return error_response(request, 422, "RequestValidationError", problems)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = "no such page" if error.status_code == 404 else str(error.detail)
        return error_response(request, error.status_code, "HTTPError", message)

    # --- Stories -----------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/stories")

    @app.get("/api/stories", response_model=views.StoryList, tags=["stories"])
    def api_stories(filters: Annotated[views.StoryFilters, Query()]) -> views.StoryList:
        """Stories matching the search and filters, most recent (or largest) first."""
        return views.story_list(site, filters)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(filters: Annotated[views.StoryFilters, Query()]) -> HTMLResponse:
        return page("stories.html", views.story_list(site, filters))

    # A story's page is ~160 kB of HTML (~220 kB of JSON) made from a model that only
    # changes with the story: made once per model, not once per view (docs/benchmarks.md, web-load).
    story_bodies = RenderedBodies(settings.brief_cache_size)

    @app.get("/api/stories/{story}", response_model=views.StoryPage, tags=["stories"])
    def api_story(story: int) -> Response:
        """A story's brief (docs/brief-json.md) with numbered citations linking to their passages."""
        model = views.story_page(site, story)
        body = story_bodies.get(("json", story), model, lambda: model.model_dump_json().encode("utf-8"))
        return Response(body, media_type="application/json")

    @app.get("/stories/{story}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story: int) -> HTMLResponse:
        model = views.story_page(site, story)
        body = story_bodies.get(("html", story), model, lambda: page("story.html", model, **_story_helpers(model)).body)
        return HTMLResponse(body)

    # --- Articles ----------------------------------------------------------------------

    @app.get("/api/articles/{article}", response_model=views.ArticlePage, tags=["articles"])
    def api_article(
        article: int,
        rev: Annotated[int | None, Query(ge=1, description="revision to show (default: current)")] = None,
        start: Annotated[int | None, Query(ge=0, description="first character of the passage")] = None,
        end: Annotated[int | None, Query(ge=1, description="one past its last character")] = None,
        cite: Annotated[int | None, Query(ge=1, description="the citation number, shown with the passage")] = None,
    ) -> views.ArticlePage:
        """An article's text with ``text[start:end]`` as the highlighted passage."""
        return views.article_page(site, article, revision=rev, start=start, end=end, cite=cite)

    @app.get("/articles/{article}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(
        article: int,
        rev: Annotated[int | None, Query(ge=1)] = None,
        start: Annotated[int | None, Query(ge=0)] = None,
        end: Annotated[int | None, Query(ge=1)] = None,
        cite: Annotated[int | None, Query(ge=1)] = None,
    ) -> HTMLResponse:
        return page("article.html", views.article_page(site, article, revision=rev, start=start, end=end, cite=cite))

    # --- Uploads -----------------------------------------------------------------------

    @app.get("/api/upload", response_model=uploads.UploadForm, tags=["upload"])
    def api_upload_form() -> uploads.UploadForm:
        """Whether this server takes uploads, and its limits."""
        return uploads.upload_form(site)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form_page() -> HTMLResponse:
        return page("upload.html", uploads.upload_form(site))

    @app.post("/api/upload", response_model=uploads.UploadResult, tags=["upload"], openapi_extra=_UPLOAD_BODY)
    async def api_upload(request: Request, background: BackgroundTasks) -> uploads.UploadResult:
        """Store uploaded files (clustered into stories) and queue pasted addresses; a report per file and address."""
        return await _upload(request, background)

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload_page(request: Request, background: BackgroundTasks) -> HTMLResponse:
        return page("upload_result.html", await _upload(request, background))

    async def _upload(request: Request, background: BackgroundTasks) -> uploads.UploadResult:
        if settings.read_only:
            uploads.check_upload_token(site, None)  # refuses at once, before the body is read
        try:
            form = await request.form(
                max_files=settings.max_upload_files, max_fields=8, max_part_size=settings.max_url_list_bytes
            )
        except StarletteHTTPException as error:
            raise UploadLimitError(f"upload refused: {error.detail}") from None
        try:
            token = _bearer(request) or _text_field(form.get("token"))
            received = [
                await _read_upload(item, settings.max_upload_bytes)
                for item in form.getlist("files")
                if isinstance(item, UploadFile) and (item.filename or item.size)
            ]
            url_list = _text_field(form.get("urls")) or ""
        finally:
            await form.close()
        result = await run_in_threadpool(uploads.add_articles, site, token, received, url_list)
        if result.stories:
            background.add_task(uploads.refresh_briefs, site, [story.id for story in result.stories])
        return result

    return app


class RenderedBodies:
    """Response bodies kept per page and model: reused while the view returns the very same model object."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._bodies: OrderedDict[tuple[str, int], tuple[BaseModel, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, int], model: BaseModel, render: Callable[[], bytes]) -> bytes:
        """The body rendered from ``model`` (rendered now unless kept from an earlier view of it)."""
        with self._lock:
            kept = self._bodies.get(key)
            if kept is not None and kept[0] is model:
                self._bodies.move_to_end(key)
                return kept[1]
        body = render()
        with self._lock:
            self._bodies[key] = (model, body)
            self._bodies.move_to_end(key)
            while len(self._bodies) > self.capacity:
                self._bodies.popitem(last=False)
        return body


def _story_helpers(model: views.StoryPage) -> dict[str, Any]:
    """Template helpers for one story page: citation links for evidence lists, source labels."""
    by_passage = {(c.source, c.start, c.end): c for c in model.citations}

    def cites(evidence: list[dict[str, Any]]) -> list[views.CitationLink]:
        found = (by_passage.get((item["source"], item["start"], item["end"])) for item in evidence)
        return list({citation.number: citation for citation in found if citation is not None}.values())

    def label(source: str | None) -> str:
        return model.labels.get(source or "", source or "")

    def variants_differ(quote: dict[str, Any]) -> bool:
        return views.wordings_differ(variant["text"] for variant in quote["variants"])

    return {"cites": cites, "label": label, "variants_differ": variants_differ}


def _bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _text_field(value: object) -> str | None:
    return value if isinstance(value, str) else None


async def _read_upload(item: UploadFile, limit: int) -> uploads.ReceivedFile:
    """An uploaded file's bytes, read no further than one byte past ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = await item.read(min(READ_CHUNK_BYTES, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    name = item.filename or "upload"
    if size > limit:
        return uploads.ReceivedFile(name, b"", oversize=True)
    return uploads.ReceivedFile(name, b"".join(chunks))
