"""Build templates/abolition.docx: the agreement that abolishes an agreement (「…を廃止する協約」, for a
定住自立圏形成協定 「…を廃止する協定」), which ``docgen abolish`` writes.

It uses the agreement template's styles and parts (``make_template.py``) and the amendment's title style
(``make_amendment_templates.py``): the same page, Mincho font and signature blocks. Run once
(``python templates/make_abolition_template.py``) to recreate it; after that the committed .docx is the
source: open it in Word or LibreOffice to change the layout or the wording it holds (the title pattern, the
sentence that abolishes, the 附則 and the closing words are the template's, not docgen's). Only paragraphs
are added here, each through python-docx, so every element is written in the order ECMA-376 gives.

The values it prints (see docgen/documents/abolition.py): ``original_title`` and ``original_date`` (the
agreement abolished and the day it was signed, in 和暦), ``short`` (協約 or 協定), ``called_by_labels``,
``parties`` (each with label, name, address, signer, head and called, heads in office on the abolition's
date), ``signature_address``, ``effective`` (the day it takes effect, or none: 締結の日), ``date``, ``mode``
and ``seal``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parent))  # make_template.py, beside this file

import make_amendment_templates as amending  # noqa: E402
import make_template as agreement  # noqa: E402
from make_template import add  # noqa: E402

HERE = Path(__file__).resolve().parent


def abolition_body(doc) -> None:
    add(doc, "{{ original_title }}を廃止する{{ short }}", "Amendment Title")
    # the parties with their labels (山口市（以下「甲」という。）), or by name where the region calls them so
    add(
        doc,
        '{% if called_by_labels %}{{ parties | join_ja("{name}（以下「{label}」という。）") }}'
        '{% else %}{{ parties | join_ja("{name}") }}{% endif %}は、{{ original_date }}に締結した'
        "{{ original_title }}を廃止する。",
        "Preamble",
    )
    add(doc, "附　則", "Supplementary Title")
    add(
        doc,
        "この{{ short }}は、{% if effective %}{{ effective }}{% else %}締結の日{% endif %}から効力を生ずる。",
        "Preamble",
    )
    add(
        doc,
        "この{{ short }}の締結を証するため、本書{{ parties | length }}通を作成し、"
        '{{ parties | join_ja("{called}") }}が記名押印の上、それぞれ各1通を保有する。',
        "Closing",
    )
    add(doc, "{{ date }}", "Signature Date")
    agreement.signature_blocks(doc)


def build() -> bytes:
    doc = docx.Document()
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    agreement.page_setup(doc)
    amending.amendment_styles(doc)
    abolition_body(doc)
    agreement.make_header(doc)
    agreement.prune_styles(doc, agreement.KEEP_STYLES | {"Preamble"})
    return agreement.finish(doc, "協約の廃止", "docgen template: Jinja tags in docxtpl syntax")


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "abolition.docx"
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
