"""Write docgen/model/data/municipalities-jp.tsv, the national list of municipalities docgen checks names
against (``docgen.model.national``), from the japancode package's data.

japancode (PyPI, MIT licence, https://github.com/ozekik/japancode) ships
``japancode/data/municipalities.json``: every 市区町村 of Japan with its prefecture, its name, its reading and
its 全国地方公共団体コード (lgcode, six digits with the check digit), plus the wards (区) of the designated
cities as "札幌市 中央区". docgen keeps the 1,741 municipalities (the 1,718 市町村 and the 23 特別区 of
東京都; a designated city's ward is not a party to an agreement) as one line each,
``code<TAB>prefecture<TAB>name``, sorted by code: 50 KB instead of 390 KB, read without JSON, and shipped
inside the wheel so that docgen works offline. When municipalities merge or are
renamed, update japancode (or the file by hand) and run:

    pip download japancode --no-deps -d /tmp/jc && unzip -o /tmp/jc/japancode-*.whl -d /tmp/jc
    python scripts/make_national_list.py /tmp/jc/japancode/data/municipalities.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "docgen" / "model" / "data" / "municipalities-jp.tsv"


def main() -> int:
    source = Path(sys.argv[1])
    rows = json.loads(source.read_text(encoding="utf-8"))
    kept = sorted(
        (row["lgcode"].zfill(6), row["pref"], row["city"]) for row in rows if " " not in row["city"]
    )
    header = (
        "# code\tprefecture\tname — from japancode's municipalities.json (scripts/make_national_list.py)\n"
    )
    TARGET.write_text(header + "".join("\t".join(row) + "\n" for row in kept), encoding="utf-8")
    print(f"wrote {len(kept)} municipalities to {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
