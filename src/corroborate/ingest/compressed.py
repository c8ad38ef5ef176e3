"""gzip, decompressed safely: streamed, and stopped at the size limit.

The size limit applies to the decompressed bytes, so a small "zip bomb" that
would expand to gigabytes is refused after ``max_bytes`` of output, never
held in memory. Concatenated gzip members (as in ``.warc.gz`` archives, one
member per record) are read one after another. A stream that ends early is
reported as truncated together with the bytes recovered before the break;
whether those can be used is the caller's decision (records read before the
break of a WARC or JSON Lines file can; half an HTML page cannot).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from corroborate.errors import MalformedInputError, OversizeInputError
from corroborate.ingest.report import human_size

#: zlib's ``wbits`` for the gzip container (header and CRC checked).
GZIP_WBITS = 16 + zlib.MAX_WBITS

#: Compressed bytes fed to zlib per step; output per step is capped separately.
CHUNK_BYTES = 65_536


@dataclass(frozen=True)
class Decompressed:
    """The bytes recovered from a gzip stream, and whether it ended early."""

    data: bytes
    truncated: bool


def gunzip(data: bytes, max_bytes: int) -> Decompressed:
    """Decompress every gzip member in ``data``; never more than ``max_bytes`` of output."""
    output = bytearray()
    remaining = memoryview(data)
    while True:
        decompressor = zlib.decompressobj(GZIP_WBITS)
        position = 0
        pending = b""
        while not decompressor.eof:
            if not pending:
                if position >= len(remaining):
                    break
                pending = bytes(remaining[position : position + CHUNK_BYTES])
                position += len(pending)
            try:
                chunk = decompressor.decompress(pending, max_bytes + 1 - len(output))
            except zlib.error as error:
                raise MalformedInputError(f"corrupt gzip data ({error})") from None
            output += chunk
            if len(output) > max_bytes:
                raise OversizeInputError(
                    f"decompressed gzip data is over the {human_size(max_bytes)} limit (--max-bytes)"
                )
            pending = decompressor.unconsumed_tail
        if not decompressor.eof:
            return Decompressed(bytes(output), truncated=True)
        leftover = len(decompressor.unconsumed_tail) + len(decompressor.unused_data)
        remaining = remaining[position - leftover :]
        # Another member follows only if it starts with the gzip magic; trailing
        # zero padding (common on tape-style archives) or other junk is ignored,
        # as the gzip tool does.
        if not bytes(remaining[:2]) == b"\x1f\x8b":
            return Decompressed(bytes(output), truncated=False)
