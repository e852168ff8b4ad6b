"""Deterministic zip packages and atomic file writes.

A .docx is a zip. Zip entries carry a timestamp, and python-docx and docxtpl write the current time, so the
same agreement would give different bytes on every run. docgen writes the package itself: entries in the
template's order, every timestamp 1980-01-01 00:00, and the template's unchanged parts copied as they are
(already compressed), so only the rendered parts are compressed again.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from docgen.base.errors import OutputError
from docgen.base.i18n import _
from docgen.base.named import Named

DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip entry can hold
DOS_TIME = 0
UTF8_NAMES = 0x0800
# zipfile.ZIP_STORED and ZIP_DEFLATED: zipfile (which imports bz2 and lzma) is imported only to read a zip,
# and a build whose template was compiled ahead reads none (docgen.word.ahead)
STORED, DEFLATED = 0, 8
Span = tuple[str, int, int, int, int, int]
"""Where an entry is in a zip: its name, method, CRC and size, where its compressed bytes start and end."""


class Entry(Named):
    """One zip entry, ready to write: its compressed bytes and what the headers need."""

    name: str
    method: int
    crc: int
    size: int
    data: bytes  # compressed as ``method`` says

    def __new__(cls, name: str, method: int, crc: int, size: int, data: bytes) -> Entry:
        return tuple.__new__(cls, (name, method, crc, size, data))

    @classmethod
    def deflate(cls, name: str, content: bytes) -> Entry:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = compressor.compress(content) + compressor.flush()
        return cls(name, DEFLATED, zlib.crc32(content), len(content), data)


def raw_entries(package: bytes) -> list[Entry]:
    """The entries of a zip with their compressed bytes, not decompressed."""
    return [entry for entry, _span in _read(package)]


def spans(package: bytes) -> tuple[Span, ...] | None:
    """Where each entry of a zip is, for ``at_spans`` to take them from the same bytes without reading the
    zip again; None when an entry's bytes are not copied as they are (an unusual compressor)."""
    found = [span for _entry, span in _read(package)]
    return None if None in found else tuple(found)  # type: ignore[arg-type]


def at_spans(package: bytes, where: tuple[Span, ...]) -> list[Entry]:
    """The entries of the zip ``package`` as ``raw_entries`` gives them, from where ``spans`` found them."""
    return [
        Entry(name, method, crc, size, package[start:end]) for name, method, crc, size, start, end in where
    ]


def _read(package: bytes) -> list[tuple[Entry, Span | None]]:
    import zipfile

    entries: list[tuple[Entry, Span | None]] = []
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for info in archive.infolist():
            name_length, extra_length = struct.unpack(
                "<HH", package[info.header_offset + 26 : info.header_offset + 30]
            )
            start = info.header_offset + 30 + name_length + extra_length
            end = start + info.compress_size
            if info.compress_type not in (STORED, DEFLATED):
                # an unusual compressor: store it plainly rather than copy what Word may not read
                content = archive.read(info)
                entries.append((Entry.deflate(info.filename, content), None))
                continue
            span = (info.filename, info.compress_type, info.CRC, info.file_size, start, end)
            entries.append((Entry(*span[:4], package[start:end]), span))
    return entries


def unpacked(entry: Entry) -> bytes:
    """An entry's content, decompressed."""
    return zlib.decompress(entry.data, -15) if entry.method == DEFLATED else entry.data


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


def umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux: /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write through a temporary file in the same folder and rename it: a reader never sees half a file.

    The file gets ``mode``, else the mode of the file it replaces, else what the umask gives a new file
    (0644 under 022): a temporary file is created 0600, which must not stay.
    """
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = 0o666 & ~umask()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = _new_file(path.parent, f".{path.name}.", ".tmp")
    except OSError as error:
        raise OutputError(_folder_unwritable(path.parent, error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            stream.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_unwritable(path, error)) from None
        raise


def _unique(folder: Path, prefix: str, suffix: str) -> Path:
    # what tempfile would give, without importing it (and random, weakref, …) on every start
    return folder / f"{prefix}{os.urandom(6).hex()}{suffix}"


def _new_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file of no one else's (mode 0600 until it is given its own), open for writing."""
    for _attempt in range(100):
        path = _unique(folder, prefix, suffix)
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(path)
        except FileExistsError:
            continue
    raise FileExistsError(_("no free name in {folder}").format(folder=folder))


def _new_folder(folder: Path, prefix: str) -> Path:
    for _attempt in range(100):
        path = _unique(folder, prefix, "")
        try:
            path.mkdir(mode=0o700)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(_("no free name in {folder}").format(folder=folder))


STAGING_PREFIX = ".docgen-staging-"


class Staging:
    """Files written into a hidden folder inside the output folder, then put in place together.

    ``write`` stages a file (created with the umask's mode, like any new file); ``commit`` moves every staged
    file to its place, keeping each file it replaces until all are in place, and puts everything back if one
    move fails. Leaving the ``with`` block without ``commit`` (an error, Ctrl-C) removes what was staged, and
    the folders the staging created: the output folder is as it was. Staging folders left by a run that was
    killed are removed by the next one.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self._created: list[Path] = []  # folders made for this run, outermost first
        # the targets, in the order they were staged, as their places inside the output folder: text, one
        # string each, since a batch of thousands keeps them all until the commit
        self.names: list[str] = []
        self._removed: list[Path] = []  # files to take away when the others are put in place
        self.folder = Path()

    def __enter__(self) -> Staging:
        self._make_folders(self.out)
        for stale in _staging_folders(self.out):
            if stale.is_dir() and not stale.is_symlink() and _is_stale(stale):
                shutil.rmtree(stale, ignore_errors=True)
        try:
            self.folder = _new_folder(self.out, f"{STAGING_PREFIX}{os.getpid()}-")
        except OSError as error:
            self._remove_created()
            raise OutputError(_folder_unwritable(self.out, error)) from None
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        if error is not None:
            self._remove_created()

    def path(self, target: Path) -> Path:
        """Where ``target`` (a path inside the output folder) is staged."""
        return self.folder / "files" / target.relative_to(self.out)

    def work_folder(self) -> Path:
        """A folder for the work of other programs (LibreOffice), removed with the staging."""
        work = self.folder / "work"
        work.mkdir(exist_ok=True)
        return work

    def write(self, target: Path, data: bytes | Iterable[bytes]) -> None:
        """Stage ``target`` with ``data``: bytes, or pieces written one after the other."""
        name = str(target.relative_to(self.out))
        staged = self.folder / "files" / name
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            with staged.open("xb") as stream:  # a new file: its mode comes from the umask
                if isinstance(data, bytes):
                    stream.write(data)
                else:
                    stream.writelines(data)
        except OSError as error:
            raise OutputError(_unwritable(target, error)) from None
        self.names.append(name)

    def add(self, target: Path) -> None:
        """A file another program wrote at ``path(target)``, to be put in place with the others."""
        self.names.append(str(target.relative_to(self.out)))

    def remove(self, target: Path) -> None:
        """A file in the output folder to take away together with the commit (kept until all is done)."""
        self._removed.append(target)

    def commit(self) -> None:
        backups = self.folder / "replaced"
        done: list[tuple[Path, Path | None]] = []  # (target, its backup), in the order moved
        target = self.out
        try:
            for target in self._removed:  # moved aside first: put back if anything fails
                backup = backups / target.relative_to(self.out)
                backup.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.replace(target, backup)
                except FileNotFoundError:  # another run removed it meanwhile: gone either way
                    continue
                done.append((target, backup))
            for name in self.names:
                target = self.out / name
                self._make_folders(target.parent)
                backup = None
                if target.exists() or target.is_symlink():
                    backup = backups / name
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.replace(target, backup)
                    except FileNotFoundError:  # another run moved it aside meanwhile: nothing to put back
                        backup = None
                done.append((target, backup))
                os.replace(self.folder / "files" / name, target)
        except OSError as error:
            for moved, backup in reversed(done):
                with contextlib.suppress(OSError):
                    if backup is not None:
                        os.replace(backup, moved)
                    else:
                        moved.unlink(missing_ok=True)
            raise OutputError(_unwritable(target, error)) from None
        for target in self._removed:  # the folders the removed files leave empty, up to the output folder
            folder = target.parent
            while folder != self.out and folder.is_relative_to(self.out):
                try:
                    folder.rmdir()
                except OSError:  # not empty: another document or someone's own file is there
                    break
                folder = folder.parent

    def _make_folders(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            if folder == folder.parent:
                break
            folder = folder.parent
        for new in reversed(missing):
            try:
                new.mkdir()
            except FileExistsError:
                continue
            except OSError as error:
                raise OutputError(_folder_unwritable(new, error)) from None
            self._created.append(new)

    def _remove_created(self) -> None:
        for folder in reversed(self._created):
            with contextlib.suppress(OSError):  # only an empty folder: never what another run put there
                folder.rmdir()


def _staging_folders(out: Path) -> list[Path]:
    """What ``out.glob(STAGING_PREFIX + "*")`` finds, without the regular expression pathlib would compile
    for it at each build: the names in ``out`` that start with the prefix (none, as for glob, when ``out`` is
    not a folder or cannot be listed)."""
    try:
        with os.scandir(out) as entries:
            return [out / entry.name for entry in entries if entry.name.startswith(STAGING_PREFIX)]
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []


def _is_stale(folder: Path) -> bool:
    """A staging folder whose process is gone (a killed run): its name holds the process id."""
    try:
        pid = int(folder.name[len(STAGING_PREFIX) :].split("-")[0])
    except ValueError:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _folder_unwritable(folder: Path, error: OSError) -> str:
    return _("{folder}: cannot write the output folder: {reason}").format(
        folder=folder, reason=error.strerror or error
    )


def _unwritable(path: Path, error: OSError) -> str:
    return _("{file}: cannot write: {reason}").format(file=path, reason=error.strerror or error)
