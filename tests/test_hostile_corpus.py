"""A corpus of hostile and careless inputs (tests/hostile/*.yaml), each with the exact outcome a user gets.

Every case starts from the same project: the Mine agreement's files (agreements/municipalities.yaml,
agreements/yamaguchi-kenou/{region,mine,ube}.yaml) and an output folder an earlier run left
(output/yamaguchi-kenou/mine.docx and a file of the user's own, output/notes.txt). A case changes files,
runs one docgen command, and says what comes out:

- a refusal: the exit status (1 unless said), the exact standard error, written by hand in the case file,
  and nothing changed anywhere in the project (the output folder above all);
- or a document: the exit status 0, the standard output if given, and lines of the document's body text
  (``docx_text.body_lines``) that must be there, or must not.

Keys of a case (all but ``id`` optional):

    id          a unique name
    why         what the case is about
    run         the command: a string split like a shell does, or a list (for names holding control
                characters); default ``build agreements/yamaguchi-kenou/mine.yaml``
    preamble    the agreement's own preamble (Jinja): mine.yaml is written as in MINE_WITH_PREAMBLE, so that
                its place is line 6, column 11
    refused     with ``preamble``: the message of the refusal, after "error: <mine.yaml>:6:11: preamble: "
    prints      with ``preamble``: the preamble's line in the document
    files       {path: text} written before the run (a text with ``\\0`` and friends as YAML escapes)
    replace     {path: [[old, new], …]}: each old text occurs once in the file
    remove      [path, …] removed before the run
    template    how to make bad.docx from the shipped template (see ``make_template``)
    docx        {name: ""}: a Word document docgen made from mine.yaml, saved under this name (imports)
    copy        {from: to}: a folder of the project copied first (old/ for an amendment, before the edits)
    copies      N copies of mine.yaml (copy0.yaml, …): a build long enough to be signalled while it writes
    soffice     the body of a shell script that stands in for LibreOffice (DOCGEN_SOFFICE)
    env         environment variables for the run
    symlinks    {link: target} made before the run
    before      commands run before the case (an earlier build); their output is not checked
    afterwards  after those commands: {remove: [path, …], files: {path: text}, append: {path: text}} (an
                agreement deleted after it was built, a document edited by hand, a file saved by an editor)
    status      the exit status expected
    error       the exact standard error
    stdout      the exact standard output
    lines       lines the document (``document``, default output/yamaguchi-kenou/mine.docx) must have
    absent      lines it must not have
    exists      paths that must exist afterwards; ``missing``: paths that must not
    process     run docgen in a process of its own and signal it: see ``run_process``
    request     instead of a command, one request to ``docgen serve``'s application (tests/web_request.py):
                then ``status`` is the HTTP status, ``shown`` the exact message the user reads, ``location``
                where a redirect leads, ``written`` {path: text} the files a successful write leaves; the
                project must be as before but for those files; ``body_has``, ``body_lacks``: texts the
                answer's body must hold, or must not
    xfail       the reason a case's expected outcome is not yet what docgen does (a known bug)

Cases run in this process (``docgen.cli.main``, or the web application called directly), except those with
``process``: a signal needs a process.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx_text import body_lines
from helpers import snapshot
from web_request import make_app, new_page_base, send

from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "hostile"
MINE = "agreements/yamaguchi-kenou/mine.yaml"
DEFAULT_RUN = f"build {MINE}"
EARLIER_DOCUMENT = b"the document an earlier run wrote"
MINE_WITH_PREAMBLE = (
    "region: yamaguchi-kenou\ndate: 2017-03-30\nparties:\n  - 山口市\n  - 美祢市\npreamble: {text}\n"
)
KEYS = {
    "id", "why", "run", "preamble", "refused", "prints", "files", "replace", "remove", "template", "docx",
    "before", "status", "error", "stdout", "lines", "absent", "document", "exists", "missing", "process",
    "symlinks", "afterwards", "copy", "copies", "soffice", "env", "request", "shown", "location", "written",
    "xfail", "body_has", "body_lacks",
}  # fmt: skip


def load_cases() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            unknown = set(case) - KEYS
            assert not unknown, f"{path.name}: {case.get('id')}: unknown keys {unknown}"
            cases.append({**case, "file": path.name})
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), "case ids repeat"
    return cases


CASES = load_cases()


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project every case starts from, made once."""
    base = tmp_path_factory.mktemp("corpus-base")
    (base / "agreements" / "yamaguchi-kenou").mkdir(parents=True)
    shutil.copy(ROOT / "agreements" / "municipalities.yaml", base / "agreements")
    for name in ("region.yaml", "mine.yaml", "ube.yaml"):
        shutil.copy(ROOT / "agreements" / "yamaguchi-kenou" / name, base / "agreements" / "yamaguchi-kenou")
    (base / "output" / "yamaguchi-kenou").mkdir(parents=True)
    (base / "output" / "yamaguchi-kenou" / "mine.docx").write_bytes(EARLIER_DOCUMENT)
    (base / "output" / "notes.txt").write_text("the user's own notes\n", encoding="utf-8")
    return base


@pytest.fixture(scope="session")
def mine_docx() -> bytes:
    import docgen

    return docgen.render(ROOT / MINE)


def make_template(spec: dict[str, Any], target: Path) -> None:
    """bad.docx: the shipped template with parts dropped (``drop``), added (``add``: {name: text}), edited
    (``edit``: {part: [[old, new], …]}) and, in the zip itself, names rewritten byte for byte (``rename``:
    [[old, new]], same length: a NUL cannot be written through zipfile); ``bytes``: the file's whole text."""
    if "bytes" in spec:
        target.write_bytes(spec["bytes"].encode("latin-1"))
        return
    source = zipfile.ZipFile(ROOT / "templates" / "renkei-kyoyaku.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename in spec.get("drop", []):
                continue
            data = source.read(info)
            for old, new in spec.get("edit", {}).get(info.filename, []):
                assert data.count(old.encode()) == 1, (info.filename, old)
                data = data.replace(old.encode(), new.encode())
            out.writestr(info.filename, data)
        for name, text in spec.get("add", {}).items():
            out.writestr(name, text.encode("utf-8"))
    data = buffer.getvalue()
    for old, new in spec.get("rename", []):
        assert len(old.encode()) == len(new.encode()) and data.count(old.encode()) == 2, old
        data = data.replace(old.encode(), new.encode())
    target.write_bytes(data)


def prepare(case: dict[str, Any], root: Path, mine_docx: bytes) -> None:
    for source, target in case.get("copy", {}).items():
        shutil.copytree(root / source, root / target)
    for name in case.get("remove", []):
        path = root / name
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    if "preamble" in case:
        text = json.dumps(case["preamble"], ensure_ascii=False)  # a JSON string is a YAML double-quoted one
        (root / MINE).write_text(MINE_WITH_PREAMBLE.format(text=text), encoding="utf-8")
    for name, text in case.get("files", {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, pairs in case.get("replace", {}).items():
        text = (root / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, (name, old)
            text = text.replace(old, new)
        (root / name).write_text(text, encoding="utf-8")
    text = (root / MINE).read_text(encoding="utf-8")
    for index in range(case.get("copies", 0)):
        (root / MINE).with_name(f"copy{index}.yaml").write_text(text, encoding="utf-8")
    if "soffice" in case:
        script = root / "bin" / "soffice"
        script.parent.mkdir()
        script.write_text("#!/bin/sh\n" + case["soffice"] + "\n", encoding="utf-8")
        script.chmod(0o755)
    for link, target in case.get("symlinks", {}).items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)
    if "template" in case:
        make_template(case["template"], root / "bad.docx")
    for name in case.get("docx", {}):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(mine_docx)


def argv(run: str | list[str]) -> list[str]:
    return shlex.split(run) if isinstance(run, str) else list(run)


def expected_error(case: dict[str, Any]) -> str | None:
    if "refused" in case:
        return f"error: {MINE}:6:11: preamble: {case['refused']}\n"
    return case.get("error")


def run_process(case: dict[str, Any], root: Path) -> tuple[int, str, str]:
    """``process: {signal: TERM|INT|KILL, when: staged}``: docgen in a process of its own, signalled once a
    document is staged (its staging folder holds files); a KILL is followed by ``then``, a command run in
    this process (the next run), whose outcome the case states. ``process: {concurrent: N}``: N builds at
    once; each must succeed, and the first one's output is the case's."""
    spec = case["process"]
    command = [sys.executable, "-m", "docgen", *argv(case.get("run", DEFAULT_RUN))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if "concurrent" in spec:
        runs = [
            subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(spec["concurrent"])
        ]
        results = [(p.wait(timeout=120), p.stdout.read().decode(), p.stderr.read().decode()) for p in runs]
        for p in runs:
            p.stdout.close()
            p.stderr.close()
        assert {(status, err) for status, _, err in results} == {(0, "")}, results
        return results[0]  # each run's own summary: with --clean only one of them removes a leftover
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(root.glob("output/.docgen-staging-*/files/**/*.docx")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no document was staged in time"
        time.sleep(0.005)
    process.send_signal(getattr(signal, f"SIG{spec['signal']}"))
    out, err = process.communicate(timeout=60)
    if spec["signal"] != "KILL":
        return process.returncode, out.decode(), err.decode()
    assert process.returncode == -signal.SIGKILL
    assert list(root.glob("output/.docgen-staging-*/files/**/*.docx")), "the kill left no staged file"
    left = snapshot(root / "output")
    assert {k: v for k, v in left.items() if not k.startswith(".docgen-staging-")} == spec["output_before"]
    return -1, "", ""


def run_request(case: dict[str, Any], root: Path) -> None:
    """A ``request`` case: the application made over the project (its work folder made before the
    snapshot, as ``docgen serve`` makes it before it answers), the page a form came from loaded, then
    ``afterwards`` (an editor saving a file meanwhile), and the one request."""
    app = make_app(root)
    base = new_page_base(app) if "{base}" in json.dumps(case["request"]) else ""
    afterwards = case.get("afterwards", {})
    for name, text in afterwards.get("append", {}).items():
        with (root / name).open("a", encoding="utf-8") as file:
            file.write(text)
    before = snapshot(root)
    answer = send(app, case["request"], base)
    assert answer.status == case["status"], answer.body[:2000]
    assert answer.shown() == case.get("shown", ""), answer.body[:2000]
    assert answer.headers.get("location") == case.get("location")
    body = answer.body.decode("utf-8")
    for text in case.get("body_has", []):
        assert text in body, text
    for text in case.get("body_lacks", []):
        assert text not in body, text
    written = {name: text.encode("utf-8") for name, text in case.get("written", {}).items()}
    after = snapshot(root)
    expected = {**before, **written}
    assert after == expected, sorted(set(after.items()) ^ set(expected.items()))[:5]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case, marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        )
        for case in CASES
    ],
    ids=[case["id"] for case in CASES],
)
def test_hostile_input(
    case: dict[str, Any],
    project: Path,
    mine_docx: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "project"
    shutil.copytree(project, root, symlinks=True)
    monkeypatch.chdir(root)
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    prepare(case, root, mine_docx)
    if "soffice" in case:
        monkeypatch.setenv("DOCGEN_SOFFICE", str(root / "bin" / "soffice"))
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)
    for command in case.get("before", []):
        assert main(argv(command)) == 0, capsys.readouterr()
    if "request" in case:
        run_request(case, root)
        return
    afterwards = case.get("afterwards", {})
    for name in afterwards.get("remove", []):
        (root / name).unlink()
    for name, text in afterwards.get("files", {}).items():
        (root / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    before = snapshot(root)
    if "process" in case:
        if case["process"].get("signal") == "KILL":
            case["process"]["output_before"] = snapshot(root / "output")
            run_process(case, root)
            status = main(argv(case["process"]["then"]))  # the next run
            captured = capsys.readouterr()
            out, err = captured.out, captured.err
            assert not list(root.glob("output/.docgen-staging-*")), "the killed run's staging is still there"
        else:
            status, out, err = run_process(case, root)
    else:
        status = main(argv(case.get("run", DEFAULT_RUN)))
        captured = capsys.readouterr()
        out, err = captured.out, captured.err
    error = expected_error(case)
    expected_status = case.get("status", 1 if error is not None else 0)
    assert (status, err) == (expected_status, error if error is not None else ""), out
    if "stdout" in case:
        assert out == case["stdout"]
    if expected_status != 0 and "process" not in case:
        assert snapshot(root) == before, "a refusal changed the project"
    elif expected_status != 0:
        after = snapshot(root)
        assert after == before, sorted(set(after.items()) ^ set(before.items()))[:5]
    lines = case.get("lines", [])
    if "prints" in case:
        lines = [*lines, case["prints"]]
    if lines or "absent" in case:
        document = body_lines(root / case.get("document", "output/yamaguchi-kenou/mine.docx"))
        for line in lines:
            assert line in document, (line, document[:12])
        for line in case.get("absent", []):
            assert line not in document, line
    for name in case.get("exists", []):
        assert (root / name).exists(), name
    for name in case.get("missing", []):
        assert not (root / name).exists() and not (root / name).is_symlink(), name
