"""What ``docgen build`` wrote into an output folder, so that it can tell which documents are left over.

A document whose agreement was deleted (or moved to another region) stays in the output folder and looks
current. docgen keeps, in the output folder itself, a list of the files it wrote there
(``.docgen-written.json``): each with the agreement it was made from and a SHA-256 of the bytes written. It is
staged and put in place with the documents (all or nothing, with the umask's mode), and read by the next
build of that folder, which names each file whose agreement is gone — and with ``--clean`` removes it.

A file is only ever called left over when the list names it, its agreement file no longer exists, and its
bytes are still the ones docgen wrote: a file docgen did not write, or one edited since, is never removed.
A list that cannot be read counts as empty (then nothing is called left over), and is written anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from docgen.base.named import Named

MANIFEST = ".docgen-written.json"
_VERSION = 1
_ABOUT = "the files docgen build wrote into this folder; docgen build --clean reads it"


class Written(Named):
    """One file docgen wrote into the output folder: the agreement it was made from, relative to the output
    folder (so that a project moved as a whole keeps its list), and the SHA-256 of its bytes."""

    source: str
    sha256: str

    def __new__(cls, source: str, sha256: str) -> Written:
        return tuple.__new__(cls, (source, sha256))


class Leftover(Named):
    """A file in the output folder that no agreement makes any more, and the agreement it was made from."""

    path: Path
    source: Path

    def __new__(cls, path: Path, source: Path) -> Leftover:
        return tuple.__new__(cls, (path, source))


def read_manifest(out: Path) -> dict[str, Written]:
    """The files a build wrote into ``out``, by their path inside it (with ``/``); empty when there is no
    list or it cannot be read."""
    try:
        data = json.loads((out / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) and data.get("version") == _VERSION else None
    if not isinstance(files, dict):
        return {}
    found = {}
    for name, entry in files.items():
        if (
            isinstance(name, str)
            and isinstance(entry, dict)
            and isinstance(entry.get("source"), str)
            and isinstance(entry.get("sha256"), str)
        ):
            found[name] = Written(entry["source"], entry["sha256"])
    return found


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def leftovers(out: Path, manifest: dict[str, Written], writing: Iterable[str]) -> list[Leftover]:
    """The files of ``manifest`` this build does not write whose agreement is gone, still as docgen wrote
    them, inside the output folder and not behind a symbolic link."""
    written = set(writing)
    root = out.resolve()
    found = []
    for name, entry in sorted(manifest.items()):
        if name in written or _unsafe(name):
            continue
        source = out / entry.source
        if source.exists():
            continue  # its agreement still makes it (in another run's paths, perhaps)
        path = out / name
        try:
            if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(root):
                continue
            if digest(path.read_bytes()) != entry.sha256:
                continue  # changed since docgen wrote it: someone's own file now
        except OSError:
            continue
        found.append(Leftover(path, Path(os.path.normpath(source))))
    return found


def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return not name or name.startswith("/") or "\\" in name or ".." in parts or name == MANIFEST


def manifest_pieces(
    out: Path,
    manifest: dict[str, Written],
    names: Sequence[str],
    entry_at: Callable[[int], Written],
    removed: Iterable[str],
) -> Iterator[bytes]:
    """The new list, a file at a time, so that a batch of thousands is not held in memory twice
    more: what this build wrote (``names``, the entry of each from ``entry_at(index)``) and what earlier
    builds wrote that is still there. The text is ``json.dumps(…, ensure_ascii=False, indent=1)``'s."""
    gone = set(removed)
    writing = set(names)
    kept = sorted(
        name
        for name in manifest
        if name not in gone and name not in writing and not _unsafe(name) and (out / name).is_file()
    )
    del writing
    order = sorted(range(len(names)), key=names.__getitem__)
    text = json.dumps({"version": _VERSION, "about": _ABOUT, "files": {}}, ensure_ascii=False, indent=1)
    if not kept and not order:
        yield (text + "\n").encode("utf-8")
        return
    start, end = text.rsplit("{}", 1)  # the files' mapping, written below entry by entry
    yield (start + "{").encode("utf-8")
    separator = "\n"
    old = new = 0
    while old < len(kept) or new < len(order):
        if new == len(order) or (old < len(kept) and kept[old] < names[order[new]]):
            name, entry = kept[old], manifest[kept[old]]
            old += 1
        else:
            name, entry = names[order[new]], entry_at(order[new])
            new += 1
        yield (
            f'{separator}  {_json(name)}: {{\n   "source": {_json(entry.source)},\n'
            f'   "sha256": {_json(entry.sha256)}\n  }}'
        ).encode()
        separator = ",\n"
    yield ("\n }" + end + "\n").encode("utf-8")


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Built(Named):
    source: Path
    target: Path
    pdf: Path | None
    form: str | None  # a procedure document: bill, notice or notification (None: the agreement)

    def __new__(cls, source: Path, target: Path, pdf: Path | None = None, form: str | None = None) -> Built:
        return tuple.__new__(cls, (source, target, pdf, form))


class Documents(Sequence[Built]):
    """The documents a build staged, in order, each told as a ``Built`` when asked for.

    A batch of thousands keeps, until its all-or-nothing commit, only what that commit and the list of
    written files (``docgen.documents.written``) need, in flat lists: each document's place in the output
    folder (the staging's own list of names, where the documents come first, in this order), its agreement
    file (the batch's own ``Path``), and the SHA-256 of its bytes (32 bytes in one ``bytearray``).
    """

    def __init__(self, out: Path, staged: list[str], *, pdf: bool) -> None:
        self.out, self.pdf = out, pdf
        self._staged = staged
        self.sources: list[str] = []
        self.digests = bytearray()
        self.forms: dict[int, str] = {}  # a procedure document's form, by its index

    def add(self, source: Path, data: bytes, form: str | None = None) -> None:
        """The document just staged, made from ``source`` with the bytes ``data``."""
        if form is not None:
            self.forms[len(self.sources)] = form
        self.sources.append(str(source))
        self.digests += hashlib.sha256(data).digest()

    def sha256(self, index: int) -> str:
        return self.digests[32 * index : 32 * index + 32].hex()

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, index: int) -> Built:  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]  # type: ignore[return-value]
        index = range(len(self))[index]  # IndexError beyond the end, as a list's
        target = self.out / self._staged[index]
        pdf = target.with_suffix(".pdf") if self.pdf else None
        return Built(Path(self.sources[index]), target, pdf, self.forms.get(index))
