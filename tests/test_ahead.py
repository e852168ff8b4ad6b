"""The shipped template compiled ahead of time (docgen/word/compiled/, written by ``python -m
docgen.word.compile_ahead``) is current, is used only for its exact bytes, and gives the documents and the
messages that compiling at the run gives."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx_text import document_text
from helpers import ROOT, copy_mine_agreement, run

from docgen.base.errors import TemplateError
from docgen.documents.batch import resolve
from docgen.word import ahead, compile_ahead
from docgen.word.template import CompiledTemplate

TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"
AGREEMENTS = sorted((ROOT / "agreements" / "yamaguchi-kenou").glob("*.yaml"))
AGREEMENTS = [path for path in AGREEMENTS if path.name not in ("region.yaml", "municipalities.yaml")]


def test_the_compiled_files_are_current() -> None:
    written = compile_ahead.files(ROOT / "templates")
    committed = {path.name: path.read_text(encoding="utf-8") for path in ahead.FOLDER.glob("*.py")}
    assert sorted(committed) == sorted(written), "run: python -m docgen.word.compile_ahead"
    for name, text in written.items():
        stale = f"docgen/word/compiled/{name} is stale: run python -m docgen.word.compile_ahead"
        assert committed[name] == text, stale


def test_the_shipped_template_is_compiled_ahead() -> None:
    found = ahead.find(TEMPLATE.read_bytes())
    assert found is not None
    assert [part.name for part in found.parts] == ["word/document.xml", "word/header1.xml"]


def test_compiling_uses_no_part_of_docgen_outside_the_key() -> None:
    """The key covers every module of docgen that compiling a template runs."""
    script = (
        "import sys, json\nfrom pathlib import Path\nfrom docgen.word.template import CompiledTemplate\n"
        f"CompiledTemplate(Path({str(TEMPLATE)!r}), ahead=False)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('docgen.'))))\n"
    )
    printed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True).stdout
    loaded = json.loads(printed)
    # the packages' __init__ modules hold only their docstrings
    outside = set(loaded) - {f"docgen.{name}" for name in ahead.COMPILER} - {"docgen.word.ahead"}
    outside -= {"docgen.base", "docgen.word"}
    # the patterns recorded ahead make exactly re.compile's patterns (tests/test_patterns.py): they cannot
    # change what compiling gives, and a new pattern anywhere in docgen need not recompile the template
    outside -= {"docgen.base.patterns_data"}
    assert outside == set()


def test_a_build_from_the_template_compiled_ahead_reads_no_zip(tmp_path: Path) -> None:
    """Its entries (and its docProps/core.xml) were kept where compiling found them: zipfile stays unimported,
    and the document is the one compiling at the run gives (the test below)."""
    copy_mine_agreement(tmp_path)
    code = (
        "import sys; from docgen.cli import main; "
        "assert main(['build', 'agreements/yamaguchi-kenou/mine.yaml', '-o', 'out']) == 0; "
        "print(sorted(m for m in sys.modules if m in ('zipfile', 'encodings.cp437')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert "第1条" in document_text((tmp_path / "out/yamaguchi-kenou/mine.docx").read_bytes())


@pytest.mark.parametrize("mode", ["final", "draft", "copy"])
def test_documents_are_the_same_either_way(mode: str) -> None:
    at_the_run = CompiledTemplate(TEMPLATE, ahead=False)
    compiled_ahead = CompiledTemplate(TEMPLATE)
    assert len(AGREEMENTS) == 11
    for path in AGREEMENTS:
        resolved = resolve(path, mode=mode)  # type: ignore[arg-type]
        documents = [
            compiled.render(resolved.context, title=resolved.title, date=resolved.date)
            for compiled in (at_the_run, compiled_ahead)
        ]
        assert documents[0] == documents[1], path.name


def test_a_mistake_in_the_context_is_told_the_same_way_either_way() -> None:
    context = resolve(AGREEMENTS[0]).context
    del context["parties"]
    messages = []
    for compiled in (CompiledTemplate(TEMPLATE, ahead=False), CompiledTemplate(TEMPLATE)):
        with pytest.raises(TemplateError) as caught:
            compiled.render(context)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "'parties' is undefined" in messages[0] and "{{" in messages[0]  # names the tag


def edited(template: Path, old: str, new: str) -> bytes:
    """The template with ``old`` replaced in its document.xml, as a user saving it in Word would change it."""
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            target.writestr(info, data)
    return out.getvalue()


def test_an_edited_template_is_compiled_at_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy_mine_agreement(tmp_path)
    monkeypatch.chdir(tmp_path)
    template = tmp_path / "templates" / "renkei-kyoyaku.docx"
    template.parent.mkdir()
    template.write_bytes(edited(TEMPLATE, "{{ closing }}", "{{ closing }}（編集済み）"))
    assert ahead.find(template.read_bytes()) is None
    status, _, err = run(["build", "-o", "out"], capsys)
    assert (status, err) == (0, "")
    text = document_text((tmp_path / "out/yamaguchi-kenou/mine.docx").read_bytes())
    assert "それぞれ各1通を保有する。（編集済み）" in text
