"""The whole stage on real files: every input processed or skipped with one line."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import shutil

import pytest
from ingest_builders import EXAMPLES, PAGE_HTML, PNG_BYTES, build_warc

from corroborate.ingest import DEFAULT_MAX_BYTES, ingest
from corroborate.model import InputReport

SEEDS = sorted(path.name for path in EXAMPLES.glob("*.txt"))


@pytest.fixture
def mixed_folder(tmp_path):
    """A folder of every supported kind of input, with names that do not give the format away."""
    folder = tmp_path / "inputs"
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    for name in SEEDS:
        shutil.copy(EXAMPLES / name, seeds / name)
    (folder / "page.html").write_text(PAGE_HTML, encoding="utf-8")
    (folder / "page-gzipped.txt").write_bytes(gzip.compress(PAGE_HTML.encode()))
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Le café “ouvert”.\n".encode("utf-16-le"))
    (folder / "cp1252.txt").write_bytes("Le café est “très” bon.\n".encode("cp1252"))
    (folder / "crawl.warc").write_bytes(build_warc())
    (folder / "logo.png").write_bytes(PNG_BYTES)
    (folder / "empty.txt").write_bytes(b"")
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    return folder


def test_folder_is_searched_recursively_and_every_file_reported(mixed_folder):
    results = list(ingest([str(mixed_folder)]))

    folder = str(mixed_folder)
    reports = {os.path.relpath(r.report.input, folder): (r.report.status, r.report.reason) for r in results}
    assert reports == {
        ".hidden.txt": ("skipped", "hidden file (name starts with '.')"),
        "cp1252.txt": ("processed", ""),
        "crawl.warc": ("processed", "2 HTML pages; 1 non-HTML response ignored"),
        "empty.txt": ("skipped", "empty file (0 bytes)"),
        "logo.png": ("skipped", "binary file (PNG image)"),
        "page-gzipped.txt": ("processed", ""),
        "page.html": ("processed", ""),
        **{os.path.join("seeds", name): ("processed", "") for name in SEEDS},
        "utf16.txt": ("processed", ""),
    }
    documents = {os.path.relpath(d.input, folder): d for r in results for d in r.documents}
    assert documents["page-gzipped.txt"].format == "html"
    assert documents["page-gzipped.txt"].content == PAGE_HTML
    assert (documents["utf16.txt"].content, documents["utf16.txt"].encoding) == ("Le café “ouvert”.\n", "utf-16-le")
    assert (documents["cp1252.txt"].content, documents["cp1252.txt"].encoding) == ("Le café est “très” bon.\n", "cp1252")
    seed = documents[os.path.join("seeds", SEEDS[0])]
    assert (seed.format, seed.container, seed.encoding) == ("text", "file", "utf-8")
    assert seed.content == (EXAMPLES / SEEDS[0]).read_text(encoding="utf-8")
    assert seed.input == os.path.join(folder, "seeds", SEEDS[0])


def test_inputs_keep_the_path_as_given_and_the_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("An article about the coalition.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "Body"}) + "\n", encoding="utf-8")

    results = list(ingest(["missing.txt", "a.txt", "*.nothing", "*.jsonl"]))

    assert [r.report for r in results] == [
        InputReport("missing.txt", "skipped", "no such file or directory"),
        InputReport("a.txt", "processed", "", 1),
        InputReport("*.nothing", "skipped", "glob pattern matches no files"),
        InputReport("b.jsonl", "processed", "1 record", 1),
    ]
    assert results[3].documents[0].input == "b.jsonl:1"


def test_glob_matches_files_recursively(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "one.txt").write_text("one", encoding="utf-8")
    (tmp_path / "x" / "y" / "two.txt").write_text("two", encoding="utf-8")

    results = list(ingest([str(tmp_path / "**" / "*.txt")]))

    assert [r.report.input for r in results] == [str(tmp_path / "x" / "one.txt"), str(tmp_path / "x" / "y" / "two.txt")]
    assert [r.documents[0].content for r in results] == ["one", "two"]


def test_empty_folder(tmp_path):
    (tmp_path / "nothing").mkdir()

    [result] = ingest([str(tmp_path / "nothing")])

    assert result.report == InputReport(str(tmp_path / "nothing"), "skipped", "folder contains no files")


def test_oversize_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 31_200)

    [result] = ingest([str(path)], max_bytes=25_000)

    assert result.report == InputReport(str(path), "skipped", "file is 31.2 kB, over the 25 kB limit (--max-bytes)")


def test_oversize_message_in_megabytes(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(31_200_000)  # sparse: no need to write 31 MB

    [result] = ingest([str(path)])

    assert DEFAULT_MAX_BYTES == 25_000_000
    assert result.report.reason == "file is 31.2 MB, over the 25 MB limit (--max-bytes)"


def test_whitespace_only_and_random_binary(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "random.bin").write_bytes(bytes(range(256)) * 4)

    results = list(ingest([str(tmp_path / "blank.txt"), str(tmp_path / "random.bin")]))

    assert [r.report.reason for r in results] == ["file holds only whitespace", "binary file (contains NUL bytes)"]


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything; make open() refuse as it would for a user

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("corroborate.ingest.files.open", refuse, raising=False)

    [result] = ingest([str(path)])

    assert result.report == InputReport(str(path), "skipped", "permission denied")


def test_symlink_loops_do_not_hang(tmp_path):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "article.txt").write_text("An article.", encoding="utf-8")
    (folder / "again").symlink_to(folder)
    (folder / "self").symlink_to(folder / "self")
    (folder / "dangling").symlink_to(tmp_path / "gone")

    results = list(ingest([str(folder)]))

    assert [(os.path.relpath(r.report.input, folder), r.report.reason) for r in results] == [
        ("again", "symbolic link loop (folder already searched)"),
        ("article.txt", ""),
        ("dangling", "broken symbolic link"),
        ("self", "too many levels of symbolic links"),
    ]


def test_the_same_file_given_twice_is_read_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("An article.", encoding="utf-8")

    results = list(ingest([str(path), str(tmp_path)]))

    assert [r.report for r in results] == [
        InputReport(str(path), "processed", "", 1),
        InputReport(str(path), "skipped", f"same file as {path}, already read"),
    ]


def test_hidden_folders_are_reported_not_searched(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x", encoding="utf-8")

    results = list(ingest([str(tmp_path)]))

    assert [r.report for r in results] == [
        InputReport(str(tmp_path / ".git"), "skipped", "hidden folder, not searched (name starts with '.')")
    ]


def test_named_pipe_is_not_opened(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    [result] = ingest([str(pipe)])

    assert result.report == InputReport(str(pipe), "skipped", "not a regular file (named pipe)")


def test_ingest_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    stream = ingest([str(tmp_path / "a.txt"), str(tmp_path / "later.txt")])

    first = next(stream)
    (tmp_path / "later.txt").write_text("created after the first input was read", encoding="utf-8")
    second = next(stream)

    assert first.report.status == second.report.status == "processed"
