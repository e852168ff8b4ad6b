"""A cache on disk of compiled templates and resolved agreements: a new process starts rendering at once.

A cold ``docgen build`` would otherwise import docxtpl and python-docx (~30 ms) to clean the template's XML
and let Jinja compile it (~20 ms) on every run, though both depend on the template file alone. The cleaned
sources are kept under a key made of the template's bytes and the code that cleans them; Jinja keeps its
compiled bytecode beside them (keyed by the source's checksum). A resolved agreement (the YAML read, checked
and turned into a template's context: pydantic alone costs ~100 ms to import) is kept under its path and the
code, and used only while its files have the same SHA-256. A cache that cannot be read or written is
simply not used: it only saves time, never changes a result.

Location: ``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``, else ``~/.cache/docgen``;
``DOCGEN_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

FORMAT = "1"  # bump when what is stored changes shape


def directory() -> Path | None:
    configured = os.environ.get("DOCGEN_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docgen"


@functools.cache  # the code does not change while a process runs
def _code_stamp(modules: tuple[str, ...], packages: tuple[str, ...], files: tuple[str, ...] = ()) -> str:
    """The version of the code a cached result depends on: docgen's modules, the packages they use (each
    package's __init__.py) and any other source files named."""
    here = Path(__file__).parent
    origins = [str(here / module) for module in ("cache.py", *modules)]
    origins += [_origin(package) or package for package in packages]
    return "|".join([FORMAT] + [f"{origin}:{_stat(origin)}" for origin in (*origins, *files)])


@functools.cache
def _template_stamp() -> str:
    docxtpl = _origin("docxtpl")  # the package's __init__.py; its cleaning code is template.py beside it
    cleaning = str(Path(docxtpl).with_name("template.py")) if docxtpl else "docxtpl"
    return _code_stamp(("template.py", "sandbox.py", "sizes.py", "budget.py"), ("jinja2",), (cleaning,))


def _stat(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_mtime_ns}:{info.st_size}"


def _origin(module: str) -> str | None:
    """Where a top-level module's file is, without importing it (a submodule's spec imports its package)."""
    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec else None


def key(package: bytes) -> str:
    """The cache key of a template's compiled form."""
    return hashlib.sha256(_template_stamp().encode() + b"\0" + package).hexdigest()


def load(name: str) -> dict[str, Any] | None:
    folder = directory()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}.json", encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def store(name: str, data: dict[str, Any]) -> None:
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with open(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False)
            os.replace(temporary, folder / f"{name}.json")
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home or a full disk: compile again next time


def bytecode_cache(kind: str) -> Any:
    """Jinja's own cache of compiled templates, in the same folder; None when caching is off or impossible.

    One folder per kind of environment (``xml``, ``text``): Jinja keys its cache by template name and source
    only, and code compiled with autoescaping must never be loaded into an environment without it, or the
    reverse.
    """
    folder = directory()
    if folder is None:
        return None
    try:
        (folder / f"jinja-{kind}").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    from jinja2 import FileSystemBytecodeCache

    return FileSystemBytecodeCache(str(folder / f"jinja-{kind}"))


# --- resolved agreements -----------------------------------------------------------------------------------

_RESOLVING = (
    "agreement.py",
    "model.py",
    "loader.py",
    "ja.py",
    "sandbox.py",
    "sizes.py",
    "budget.py",
    "resolved.py",
)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _resolved_name(path: Path, mode: str, seal: bool, today: Any) -> str:
    # a draft without a date prints the era of the day it is built: the day is part of the key
    day = (today or dt.date.today()).isoformat() if mode == "draft" else ""
    stamp = _code_stamp(_RESOLVING, ("pydantic", "pydantic_core", "yaml", "jinja2"))
    text = "\0".join((stamp, str(path.resolve()), mode, str(seal), day))
    return "resolved-" + hashlib.sha256(text.encode()).hexdigest()


def _lookup(path: Path, region: str) -> tuple[Path, Path | None, Path | None]:
    """The agreement and the region and municipality files it would use now, looked up again."""
    from .resolved import find_municipalities_file, find_region_file

    region_file = find_region_file(path, region)
    return path.resolve(), region_file, find_municipalities_file(region_file) if region_file else None


def _stats(files: tuple[Path | None, ...]) -> tuple[Any, ...] | None:
    stamps = tuple((file, _stat(str(file))) for file in files if file)
    return None if any(stamp == "-" for _, stamp in stamps) else stamps


# In one process (an editor's plug-in, a service, repeated docgen.render calls), a resolved agreement is kept
# in memory while its files keep their size and modification time: no hashing, no JSON.
_MEMORY: dict[str, tuple[str, tuple[Any, ...], Any]] = {}


def load_resolved(path: Path, *, mode: str, seal: bool, today: Any = None) -> Any:
    """The agreement as resolved before, if it and its region and municipality files are unchanged; else None.

    The region and municipality files are looked up again, so a region.yaml added nearer to the agreement is
    noticed. In memory, files are compared by size and modification time; on disk, by content (SHA-256).
    """
    from .resolved import from_data

    name = _resolved_name(path, mode, seal, today)
    kept = _MEMORY.get(name)
    if kept is not None:
        region, stats, resolved = kept
        found = _lookup(path, region)
        if None not in found and _stats(found) == stats:
            return resolved
    if directory() is None:
        return None
    entry = load(name)
    try:
        recorded = [(Path(file), digest) for file, digest in entry["inputs"]] if entry else None
        if not recorded or len(recorded) != 3:
            return None
        found = _lookup(path, entry["data"]["region"])
        for (file, digest), actual in zip(recorded, found, strict=True):
            if actual is None or Path(actual).resolve() != file or _digest(file) != digest:
                return None
        resolved = from_data(path, (path, found[1], found[2]), entry["data"])
    except (KeyError, TypeError, ValueError):
        return None  # an entry of another shape: resolve again
    _remember(name, resolved)
    return resolved


def _remember(name: str, resolved: Any) -> None:
    found = _lookup(resolved.path, resolved.region)
    stats = _stats(found) if None not in found else None
    if stats is not None:
        if len(_MEMORY) >= 256:
            _MEMORY.clear()
        _MEMORY[name] = (resolved.region, stats, resolved)


def store_resolved(resolved: Any, *, mode: str, seal: bool, today: Any = None) -> None:
    from .resolved import to_data

    if len(resolved.inputs) != 3:
        return
    name = _resolved_name(resolved.path, mode, seal, today)
    _remember(name, resolved)
    if directory() is None:
        return
    inputs = []
    for file in resolved.inputs:
        digest = _digest(file)
        if digest is None:
            return
        inputs.append([str(file.resolve()), digest])
    try:
        data = to_data(resolved)
    except TypeError:
        return  # a context docgen cannot write as JSON is simply not cached
    store(name, {"inputs": inputs, "data": data})
