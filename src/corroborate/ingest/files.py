"""From command-line arguments to files: paths, folders (recursive) and globs.

Every argument ends up accounted for: each file found is yielded as a
:class:`FoundFile`, and everything that cannot be read -- a missing path, a
glob or folder that matches nothing, a hidden file, a broken or looping
symbolic link, a device -- as a skipped :class:`InputReport` with the reason.
Folders are walked in sorted order so runs are reproducible, and a file
reached twice (through a folder and a glob, or a symbolic link) is read once.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass

from corroborate.errors import InputError, MissingInputError, OversizeInputError
from corroborate.ingest.report import human_size, one_line, over_limit, unexpected
from corroborate.model import InputReport


@dataclass(frozen=True)
class FoundFile:
    """A regular file to read: ``input`` as the user would name it, ``path`` to open."""

    input: str
    path: str


FileKey = tuple[int, int]


def find_files(arguments: Iterable[str]) -> Iterator[FoundFile | InputReport]:
    """Expand arguments lazily into files to read and reports of what was skipped."""
    seen_files: dict[FileKey, str] = {}
    for argument in arguments:
        try:
            yield from _expand_argument(argument, seen_files)
        except Exception as error:  # noqa: BLE001 - a racing filesystem must not stop the batch
            yield InputReport(argument, "skipped", unexpected(error))


def read_file(found: FoundFile, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them."""
    try:
        with open(found.path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise OversizeInputError(over_limit("file", size, max_bytes))
            # Read one byte more than allowed: a file that grew since stat() is caught too.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise MissingInputError("no such file or directory (it disappeared while reading)") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"cannot read file ({one_line(error.strerror or str(error))})") from None
    if len(data) > max_bytes:
        raise OversizeInputError(f"file is over the {human_size(max_bytes)} limit (--max-bytes)")
    return data


def _expand_argument(argument: str, seen_files: dict[FileKey, str]) -> Iterator[FoundFile | InputReport]:
    if os.path.lexists(argument) or not glob.has_magic(argument):
        yield from _expand_path(argument, seen_files)
        return
    matches = sorted(glob.glob(argument, recursive=True))
    if not matches:
        yield InputReport(argument, "skipped", "glob pattern matches no files")
        return
    for match in matches:
        yield from _expand_path(match, seen_files)


def _expand_path(path: str, seen_files: dict[FileKey, str]) -> Iterator[FoundFile | InputReport]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        reason = "broken symbolic link" if os.path.islink(path) else "no such file or directory"
        yield InputReport(path, "skipped", reason)
        return
    except PermissionError:
        yield InputReport(path, "skipped", "permission denied")
        return
    except OSError as error:
        # ELOOP from a symbolic link pointing at itself lands here.
        yield InputReport(path, "skipped", one_line(error.strerror or str(error)).lower())
        return
    if stat.S_ISDIR(status.st_mode):
        found = yield from _walk_folder(path, seen_files, visited_folders=set())
        if not found:
            yield InputReport(path, "skipped", "folder contains no files")
        return
    if not stat.S_ISREG(status.st_mode):
        yield InputReport(path, "skipped", f"not a regular file ({_file_kind(status.st_mode)})")
        return
    key = (status.st_dev, status.st_ino)
    if key in seen_files:
        yield InputReport(path, "skipped", f"same file as {seen_files[key]}, already read")
        return
    seen_files[key] = path
    yield FoundFile(path, path)


def _walk_folder(
    folder: str, seen_files: dict[FileKey, str], visited_folders: set[FileKey]
) -> Generator[FoundFile | InputReport, None, int]:
    """Yield the folder's files depth-first; returns how many entries were reported."""
    try:
        status = os.stat(folder)
    except OSError as error:  # removed or locked since it was listed
        yield InputReport(folder, "skipped", f"cannot open folder ({one_line(error.strerror or str(error))})")
        return 1
    key = (status.st_dev, status.st_ino)
    if key in visited_folders:
        yield InputReport(folder, "skipped", "symbolic link loop (folder already searched)")
        return 1
    visited_folders = visited_folders | {key}
    try:
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan)
    except PermissionError:
        yield InputReport(folder, "skipped", "permission denied")
        return 1
    except OSError as error:
        yield InputReport(folder, "skipped", f"cannot list folder ({one_line(error.strerror or str(error))})")
        return 1
    reported = 0
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith("."):
            kind = "folder, not searched" if os.path.isdir(path) else "file"
            yield InputReport(path, "skipped", f"hidden {kind} (name starts with '.')")
            reported += 1
            continue
        if os.path.isdir(path):
            reported += yield from _walk_folder(path, seen_files, visited_folders)
            continue
        for item in _expand_path(path, seen_files):
            reported += 1
            yield item
    return reported


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"
