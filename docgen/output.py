"""Deterministic zip packages and atomic file writes.

A .docx is a zip. Zip entries carry a timestamp, and python-docx and docxtpl write the current time, so the
same agreement would give different bytes on every run. docgen writes the package itself: entries in the
template's order, every timestamp 1980-01-01 00:00, and the template's unchanged parts copied as they are
(already compressed), so only the rendered parts are compressed again.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError

DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip entry can hold
DOS_TIME = 0
UTF8_NAMES = 0x0800


@dataclass(frozen=True)
class Entry:
    """One zip entry, ready to write: its compressed bytes and what the headers need."""

    name: str
    method: int
    crc: int
    size: int
    data: bytes  # compressed as ``method`` says

    @classmethod
    def deflate(cls, name: str, content: bytes) -> Entry:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        return cls(name, zipfile.ZIP_DEFLATED, zlib.crc32(content), len(content), data)


def raw_entries(package: bytes) -> list[Entry]:
    """The entries of a zip with their compressed bytes, not decompressed."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for info in archive.infolist():
            name_length, extra_length = struct.unpack(
                "<HH", package[info.header_offset + 26 : info.header_offset + 30]
            )
            start = info.header_offset + 30 + name_length + extra_length
            data = package[start : start + info.compress_size]
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # an unusual compressor: store it plainly rather than copy what Word may not read
                content = archive.read(info)
                entries.append(Entry.deflate(info.filename, content))
                continue
            entries.append(Entry(info.filename, info.compress_type, info.CRC, info.file_size, data))
    return entries


def zip_bytes(entries: Iterable[Entry]) -> bytes:
    """A zip of the entries, in the order given, with fixed timestamps: same entries, same bytes."""
    local, central = bytearray(), bytearray()
    count = 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = UTF8_NAMES if not entry.name.isascii() else 0
        offset = len(local)
        local += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            flags,
            entry.method,
            DOS_TIME,
            DOS_DATE,
            entry.crc,
            len(entry.data),
            entry.size,
            len(name),
            0,
        )
        local += name + entry.data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            flags,
            entry.method,
            DOS_TIME,
            DOS_DATE,
            entry.crc,
            len(entry.data),
            entry.size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(local), 0)
    return bytes(local + central + end)


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(
            f"{path.parent}: cannot write the output folder: {error.strerror or error}"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
