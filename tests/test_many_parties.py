"""Many parties stay readable (issue #12): the 別表's item and text columns keep a readable width and the role
columns share the rest; when the roles would hold fewer than about five characters a line, the 別表 (a section
of its own) turns landscape and the rest of the document stays upright; the cover breaks its lines only
between names.

The widths are read back from the .docx (the table grid, which Word and LibreOffice lay a table out by); one
PDF made by LibreOffice shows the same on the page. Parties beyond the region's seven municipalities are made
up here, and marked so in the file.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx_text import paragraph_lines
from lxml import etree
from test_pdf import pdf_pages, pdf_tools  # noqa: F401  (the fixture: LibreOffice, fonts and poppler are there)

import docgen

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "renkei-kyoyaku.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REAL = ["山口市", "宇部市", "萩市", "防府市", "美祢市", "山陽小野田市", "島根県津和野町"]
MADE_UP = ["周南市", "下松市", "島根県吉賀町"]
TWIPS_PER_MM = 1440 / 25.4
CHAR = 180  # a 9-point character (the table's text), in twips
MARGINS = 2 * 57  # the cells' left and right margins in the template
A4 = (11906, 16838)  # upright width and height, twips


@pytest.fixture(scope="module")
def agreements(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real region with three made-up municipalities added, and one agreement per number of parties."""
    root = tmp_path_factory.mktemp("many") / "agreements"
    shutil.copytree(ROOT / "agreements", root)
    towns = root / "municipalities.yaml"
    made_up = "".join(
        f"\n  {name}:  # made up for tests: not a party of the region\n    address: {name}1番地\n"
        f"    title: {name.removeprefix('島根県')}長\n    heads"
        f":\n      - name: 試験太郎\n        known: 2017-03-30\n"
        for name in MADE_UP
    )
    towns.write_text(towns.read_text(encoding="utf-8") + made_up, encoding="utf-8")
    for count in (2, 3, 5, 8, 10):
        parties = "".join(f"  - {name}\n" for name in (REAL + MADE_UP)[:count])
        (root / "yamaguchi-kenou" / f"parties-{count}.yaml").write_text(
            f"region: yamaguchi-kenou\ndate: 2017-03-30\nparties:\n{parties}", encoding="utf-8"
        )
    return root


def render(agreements: Path, count: int) -> bytes:
    return docgen.render(agreements / "yamaguchi-kenou" / f"parties-{count}.yaml", template=TEMPLATE)


def document(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def pages(root: etree._Element) -> list[tuple[int, int, str | None]]:
    """Each section's page: width, height (twips) and orientation, in order."""
    return [
        (int(size.get(W + "w")), int(size.get(W + "h")), size.get(W + "orient"))
        for size in (section.find(W + "pgSz") for section in root.iter(W + "sectPr"))
    ]


def text_width(root: etree._Element, section: int) -> int:
    properties = list(root.iter(W + "sectPr"))[section]
    margins = properties.find(W + "pgMar")
    width = int(properties.find(W + "pgSz").get(W + "w"))
    return width - int(margins.get(W + "left")) - int(margins.get(W + "right"))


def grids(root: etree._Element) -> list[list[int]]:
    return [[int(c.get(W + "w")) for c in table.iter(W + "gridCol")] for table in root.iter(W + "tbl")]


def characters(width: int) -> float:
    """How many 9-point characters a line of a column of this width holds."""
    return (width - MARGINS) / CHAR


def test_two_parties_keep_the_template_s_columns_on_upright_pages(agreements: Path) -> None:
    root = document(render(agreements, 2))
    assert pages(root) == [(*A4, None), (*A4, None)]
    mm = [round(width / TWIPS_PER_MM) for width in grids(root)[0]]
    assert mm == [36, 59, 30, 30]  # as the template's author set them
    assert all(grid == grids(root)[0] for grid in grids(root))


def test_five_parties_turn_the_appendix_landscape_and_keep_its_columns_readable(agreements: Path) -> None:
    root = document(render(agreements, 5))
    # the cover, articles and signatures upright; the 別表's section landscape
    assert pages(root) == [(*A4, None), (A4[1], A4[0], "landscape")]
    for grid in grids(root):
        item, text, *roles = grid
        assert len(roles) == 5
        assert sum(grid) == pytest.approx(text_width(root, 1), abs=10)  # the landscape page's text width
        assert characters(item) >= 10 and characters(text) >= 17  # the widths the template sets, nearly
        assert max(roles) - min(roles) <= 1 and characters(min(roles)) >= 8


def test_ten_parties_keep_item_and_text_readable_and_share_the_rest_among_the_roles(agreements: Path) -> None:
    root = document(render(agreements, 10))
    assert pages(root) == [(*A4, None), (A4[1], A4[0], "landscape")]
    for grid in grids(root):
        item, text, *roles = grid
        assert len(roles) == 10
        assert sum(grid) == pytest.approx(text_width(root, 1), abs=10)
        # 「ア　経済戦略の策定及び推進」: the label and its hanging indent (two characters), then at least
        # five characters of the name a line; the text column at least twelve
        assert characters(item) - 2 >= 5 and characters(text) >= 12
        assert max(roles) - min(roles) <= 1
        assert characters(min(roles)) >= 4.5  # 「癸の役割」 stays on one line
        assert min(roles) == pytest.approx((sum(grid) - item - text) / 10, abs=1)


def test_three_parties_stay_upright(agreements: Path) -> None:
    root = document(render(agreements, 3))
    assert pages(root) == [(*A4, None), (*A4, None)]
    item, text, *roles = grids(root)[0]
    assert len(roles) == 3 and characters(min(roles)) >= 6


@pytest.mark.parametrize(
    ("count", "lines"),
    [
        (2, ["山口市　宇部市"]),
        (8, ["山口市　宇部市　萩市　防府市　美祢市　山陽小野田市", "島根県津和野町　周南市"]),
        (
            10,
            [
                "山口市　宇部市　萩市　防府市　美祢市　山陽小野田市",
                "島根県津和野町　周南市　下松市　島根県吉賀町",
            ],
        ),
    ],
)
def test_the_cover_breaks_lines_only_between_names(agreements: Path, count: int, lines: list[str]) -> None:
    cover = paragraph_lines(render(agreements, count))[1]
    assert cover == lines
    # every line holds whole names and fits the cover's line (27 characters of 16 points in 155 mm)
    names = set((REAL + MADE_UP)[:count])
    assert all(set(line.split("　")) <= names and len(line) <= 27 for line in cover)


@pytest.mark.usefixtures("pdf_tools")
def test_on_the_page_ten_parties_print_whole_headers_on_landscape_pages(
    agreements: Path, tmp_path: Path
) -> None:
    import subprocess

    from docgen.office.pdf import convert_to_pdf

    docx = tmp_path / "ten.docx"
    docx.write_bytes(render(agreements, 10))
    (pdf,) = convert_to_pdf([docx], tmp_path)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    sizes = [
        line.split(":", 1)[1].split("pts")[0].split(" x ")
        for line in info.splitlines()
        if line.startswith("Page") and "size:" in line
    ]
    texts = pdf_pages(pdf)
    appendix = next(n for n, text in enumerate(texts) if "別表（第" in text)
    upright = [float(w) < float(h) for w, h in sizes]
    assert upright == [n < appendix for n in range(len(texts))]  # only the 別表's pages lie landscape
    lines = {line.strip() for text in texts[appendix:] for line in text.splitlines()}
    for label in "甲乙丙丁戊己庚辛壬癸":
        assert f"{label}の役割" in lines  # a header on one line, never 「甲の役／割」
    # the cover's lines as printed (pdftotext reads the full-width spaces as plain ones)
    cover = [line.strip() for line in texts[0].splitlines() if line.strip()]
    assert cover[1:] == [
        "山口市 宇部市 萩市 防府市 美祢市 山陽小野田市",
        "島根県津和野町 周南市 下松市 島根県吉賀町",
    ]
