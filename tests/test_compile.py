"""Compiling a template without importing docxtpl, and fitting table grids without parsing the output, give
what docxtpl and a full XML parse give.

docgen compiles docxtpl's cleaning functions from docxtpl's source (docgen/word/cleaning.py) and fits each
table's grid from markers placed at compile time (docgen/word/grid.py). The references here are docxtpl
itself (imported the ordinary way) and a fit written in this file over the whole rendered XML with lxml, the
way docgen did it before the markers: the two must agree on every template and every number of parties.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from lxml import etree

from docgen.base import ja
from docgen.documents.batch import resolve
from docgen.documents.templates import load_template
from docgen.model.resolved import Resolved
from docgen.word import cleaning
from docgen.word.template import CompiledTemplate, _unclean

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"
MUNICIPALITIES = ["山口市", "宇部市", "萩市", "防府市", "美祢市", "山陽小野田市", "島根県津和野町"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


@pytest.mark.parametrize("name", sorted(parts(TEMPLATE)))
def test_cleaning_compiled_from_source_equals_docxtpls_own(name: str) -> None:
    xml = parts(TEMPLATE)[name]
    xml = xml[xml.index("<", xml.index("?>")) :]
    assert cleaning._from_source() != cleaning._from_package()  # really two ways, not one twice
    assert cleaning.patch_xml(xml) == DocxTemplate.patch_xml(None, xml)
    listing = xml.replace("{{ closing }}", "a\tb\nc")
    assert cleaning.resolve_listing(listing) == DocxTemplate.resolve_listing(None, listing)


def test_cleaning_falls_back_to_importing_docxtpl_when_its_source_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def changed() -> None:
        raise ValueError("substring not found")  # what str.index says when a method is renamed

    cleaning._methods.cache_clear()
    monkeypatch.setattr(cleaning, "_from_source", changed)
    try:
        assert cleaning._methods() == cleaning._from_package()
        assert cleaning.patch_xml("<w:t>{{ a }}</w:t>") == DocxTemplate.patch_xml(None, "<w:t>{{ a }}</w:t>")
    finally:
        cleaning._methods.cache_clear()


def test_a_build_does_not_import_docxtpl_python_docx_or_lxml(tmp_path: Path) -> None:
    import subprocess
    import sys

    mine = str(ROOT / "agreements/yamaguchi-kenou/mine.yaml")
    code = (
        "import sys; from docgen.cli import main; "
        f"assert main(['build', {mine!r}, '-o', {str(tmp_path)!r}]) == 0; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docxtpl', 'docx', 'lxml', 'pydantic')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


# --- table grids -----------------------------------------------------------------------------------------


KEEP = 3 / 4  # of its width, what the 取組's item and text columns keep at least
MIN_ROLE = 1020  # twips, about five 9-point characters: narrower role columns turn the 別表 landscape


def loop_columns(template: Path) -> tuple[int, int]:
    """How many cells stand before the template's {%tc for %} cell and after its {%tc endfor %} cell."""
    with zipfile.ZipFile(template) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    for row in root.iter(W + "tr"):
        texts = []  # one per grid column: a cell spanning two columns counts twice
        for cell in row.iterchildren(W + "tc"):
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            texts += ["".join(cell.itertext())] * (int(span.get(W + "val")) if span is not None else 1)
        # the 別表's role columns (the template's table kept as text has a loop of its own)
        starts = [i for i, text in enumerate(texts) if text.startswith("{%tc for party")]
        ends = [i for i, text in enumerate(texts) if text.startswith("{%tc endfor")]
        if starts and ends:
            return starts[0], len(texts) - ends[-1] - 1
    raise AssertionError("no {%tc for %} loop in the template")


def share(widths: list[int], looped: list[bool], total: int) -> list[int]:
    """The rule of issue #12: in proportion while the item and text columns keep KEEP of their widths, else
    they keep that and the role columns share the rest."""
    scaled = [int(width * total / sum(widths)) for width in widths]
    if all(s >= int(w * KEEP) for s, w, made in zip(scaled, widths, looped, strict=True) if not made):
        return scaled
    fixed = [max(s, int(w * KEEP)) for s, w in zip(scaled, widths, strict=True)]
    rest = total - sum(f for f, made in zip(fixed, looped, strict=True) if not made)
    roles = sum(w for w, made in zip(widths, looped, strict=True) if made)
    return [int(w * rest / roles) if made else f for w, f, made in zip(widths, fixed, looped, strict=True)]


def reference_fit(xml: bytes, loop: tuple[int, int]) -> bytes:
    """Each table's grid fitted to the columns its rows have, over the whole parsed document, and a section
    of its own turned landscape when its role columns would be narrower than MIN_ROLE."""
    root = etree.fromstring(xml)
    body = root.find(W + "body")
    sections = [s for s in body.iter(W + "sectPr")]
    fits: dict[int, list[tuple[etree._Element, list[int], list[bool], list]]] = {}
    for table in body.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        rows = list(table.iterchildren(W + "tr"))
        if grid is None or not rows:
            continue
        columns = list(grid.iterchildren(W + "gridCol"))
        counts, spanned = [], set()
        for row in rows:
            count = 0
            for cell in row.iterchildren(W + "tc"):
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                if span is not None:
                    spanned.add(row)
                count += int(span.get(W + "val")) if span is not None else 1
            counts.append(count)
        count = max(counts)
        plain = next((r for r, n in zip(rows, counts, strict=True) if n == count and r not in spanned), None)
        widths = []
        if plain is not None:
            for cell in plain.iterchildren(W + "tc"):
                width = cell.find(f"{W}tcPr/{W}tcW")
                if width is not None and width.get(W + "type") == "dxa":
                    widths.append(int(width.get(W + "w")))
        template = [int(column.get(W + "w")) for column in columns]
        if count == len(columns) and (len(widths) != count or widths == template):
            continue
        before, after = loop
        looped = [before <= index < count - after for index in range(count)]
        # the section a table is in: the first section properties after it
        position = list(body.iter(W + "tbl", W + "sectPr"))
        section = next(n for n, s in enumerate(sections) if position.index(s) > position.index(table))
        fits.setdefault(section, []).append((table, widths, looped, rows))
    for section, tables in fits.items():
        properties = sections[section]
        size, margins = properties.find(W + "pgSz"), properties.find(W + "pgMar")
        upright = int(size.get(W + "w")) - int(margins.get(W + "left")) - int(margins.get(W + "right"))
        turned = int(size.get(W + "h")) - int(margins.get(W + "top")) - int(margins.get(W + "bottom"))
        widths_of = {}
        for table, widths, looped, _ in tables:
            total = int(table.find(f"{W}tblPr/{W}tblW").get(W + "w"))
            fits_as_is = abs(sum(widths) - total) <= len(widths)
            widths_of[table] = widths if fits_as_is else share(widths, looped, total)
        narrow = any(
            min(w for w, made in zip(widths_of[table], looped, strict=True) if made) < MIN_ROLE
            for table, _, looped, _ in tables
        )
        landscape = narrow and section > 0
        if landscape:
            width, height = size.get(W + "w"), size.get(W + "h")
            size.set(W + "w", height)
            size.set(W + "h", width)
            size.set(W + "orient", "landscape")
            top, bottom, left, right = (margins.get(W + side) for side in ("top", "bottom", "left", "right"))
            margins.set(W + "top", left)
            margins.set(W + "left", top)
            margins.set(W + "bottom", right)
            margins.set(W + "right", bottom)
        for table, widths, looped, rows in tables:
            table_width = table.find(f"{W}tblPr/{W}tblW")
            total = int(table_width.get(W + "w")) + (turned - upright if landscape else 0)
            fitted = share(widths, looped, total) if abs(sum(widths) - total) > len(widths) else widths
            grid = table.find(W + "tblGrid")
            for column in list(grid):
                grid.remove(column)
            for width in fitted:
                etree.SubElement(grid, W + "gridCol").set(W + "w", str(width))
            if landscape:
                table_width.set(W + "w", str(sum(fitted)))
            if fitted is widths:
                continue
            for row in rows:
                index = 0
                for cell in row.iterchildren(W + "tc"):
                    span = cell.find(f"{W}tcPr/{W}gridSpan")
                    n = int(span.get(W + "val")) if span is not None else 1
                    width = cell.find(f"{W}tcPr/{W}tcW")
                    if width is not None:
                        width.set(W + "w", str(sum(fitted[index : index + n])))
                        width.set(W + "type", "dxa")
                    index += n
    return etree.tostring(root, encoding="utf-8")


def parties(tmp_path: Path, count: int) -> Resolved:
    """An agreement of ``count`` parties of the region (made-up towns beyond its seven), resolved."""
    agreements = tmp_path / f"agreements-{count}"
    region = agreements / "yamaguchi-kenou"
    region.mkdir(parents=True)
    (region / "region.yaml").write_bytes((ROOT / "agreements/yamaguchi-kenou/region.yaml").read_bytes())
    added = [f"町{index}" for index in range(max(0, count - len(MUNICIPALITIES)))]
    towns = (ROOT / "agreements/municipalities.yaml").read_text(encoding="utf-8") + "".join(
        f"\n  {name}:\n    address: {name}1番地\n    title: {name}長\n   "
        f" heads:\n      - name: 首長{name}\n        known: 2017-03-30\n"
        for name in added
    )
    (agreements / "municipalities.yaml").write_text(towns, encoding="utf-8")
    names = "".join(f"  - {name}\n" for name in (MUNICIPALITIES[:count] + added))
    agreement = region / "many.yaml"
    agreement.write_text(f"region: yamaguchi-kenou\ndate: 2017-03-30\nparties:\n{names}", encoding="utf-8")
    return resolve(agreement)


def unfitted(tmp_path: Path, count: int) -> tuple[bytes, bytes]:
    """document.xml of an agreement of ``count`` parties as docgen writes it, and as Jinja rendered it before
    the grids were fitted (markers taken out, each grid as the template has it)."""
    resolved = parties(tmp_path, count)
    compiled = load_template(TEMPLATE)
    data = compiled.render(resolved.context, title=resolved.title, date=resolved.date)
    written = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    raw = compiled.compiled["word/document.xml"].render(resolved.context)
    part = compiled.parts["word/document.xml"]
    tokens = _unclean(raw).split("\x00")
    for index in range(1, len(tokens), 2):
        kind, number = tokens[index][:1], tokens[index][1:]
        if kind == "G" and number != "-":
            tokens[index] = part.tables.grids[int(number)].source
        elif kind == "W":
            tokens[index] = part.tables.grids[int(number)].width_source
        elif kind == "S":
            tokens[index] = part.tables.pages[int(number)].source
        else:
            tokens[index] = ""
    return written, "".join(tokens).encode("utf-8")


@pytest.mark.parametrize("count", [2, 3, 4, 5, 6, 8, 10])
def test_the_grid_fitted_from_markers_equals_a_fit_over_the_parsed_document(
    tmp_path: Path, count: int
) -> None:
    written, plain = unfitted(tmp_path, count)
    assert ja.party_labels(count)[-1] in written.decode("utf-8")
    declaration_end = written.index(b"?>") + 2
    ours = etree.tostring(etree.fromstring(written[declaration_end:].strip()), encoding="utf-8")
    assert ours == reference_fit(plain, loop_columns(TEMPLATE))


def document_xml(data: bytes) -> etree._Element:
    declaration = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return etree.fromstring(declaration[declaration.index(b"?>") + 2 :].strip())


def table_grids(data: bytes) -> list[list[str]]:
    return [[col.get(W + "w") for col in grid] for grid in document_xml(data).iter(W + "tblGrid")]


def test_a_shape_fitted_before_is_fitted_as_a_template_fitting_it_the_first_time(tmp_path: Path) -> None:
    """A fit is worked out once for each shape of output and reused (docgen.word.grid.Tables): one template
    rendering 2, 5, 10 parties and back writes each document as a fresh template writes it."""
    shared = CompiledTemplate(TEMPLATE)
    seen = {}
    for count in [2, 5, 10, 5, 2, 3, 10, 3]:
        if count not in seen:
            seen[count] = parties(tmp_path, count)
        resolved = seen[count]
        ours = shared.render(resolved.context, title=resolved.title, date=resolved.date)
        fresh = CompiledTemplate(TEMPLATE).render(resolved.context, title=resolved.title, date=resolved.date)
        assert ours == fresh, count
    assert len({str(table_grids(shared.render(r.context))) for r in seen.values()}) == len(seen)


def test_cell_properties_written_with_a_tag_are_read_again_on_every_render(tmp_path: Path) -> None:
    """A fit is reused only when each cell's properties are written as they are in the template: a width set
    by a tag is read anew, though the rows and cells are the same."""
    with zipfile.ZipFile(TEMPLATE) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    width = b'<w:tcW w:type="dxa" w:w="2041"/>'
    tagged = b'<w:tcW w:type="dxa" w:w="{{ 2041 if narrow else 4041 }}"/>'
    assert any(width in data for _, data in members)
    template = tmp_path / "tagged.docx"
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(name, data.replace(width, tagged))
    resolved = parties(tmp_path, 2)
    narrow, wide = ({**resolved.context, "narrow": flag} for flag in (True, False))
    shared = CompiledTemplate(template)
    first, second = shared.render(narrow), shared.render(wide)
    assert second == CompiledTemplate(template).render(wide)
    assert first == CompiledTemplate(template).render(narrow)
    assert table_grids(first) != table_grids(second)
