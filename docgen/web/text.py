"""The workspace's words in two languages: English message ids, Japanese when the browser asks for it.

A small table until docgen's gettext catalogs exist (issue 22); each entry is a whole phrase or sentence with
named placeholders, so that Japanese can order them its own way.
"""

from __future__ import annotations

from collections.abc import Callable

JA: dict[str, str] = {
    "docgen workspace": "docgen ワークスペース",
    "Agreements": "協約の一覧",
    "Municipalities": "団体",
    "New agreement": "新しい協約",
    "Amendment": "変更（改め文）",
    "Skip to the content": "本文へ移動",
    "Region": "圏域",
    "Agreement": "協約",
    "Parties": "団体",
    "Date": "締結日",
    "Status": "チェック",
    "ok": "問題なし",
    "{count} problems": "問題 {count} 件",
    "Problems": "問題",
    "No problems: docgen check finds nothing to fix.": "問題はありません（docgen check で直すところなし）。",
    "Pages": "ページ",
    "Drawing the pages…": "ページを描いています…",
    "Page {number}": "{number}ページ",
    "Downloads": "ダウンロード",
    "Word (.docx), as docgen build writes it": "Word（.docx、docgen build と同じもの）",
    "PDF": "PDF",
    "Zip: the agreement and its procedure documents": "Zip（協約書と手続の書類：議案・告示・届出）",
    "Write to the output folder": "出力フォルダに書き出す",
    "Build": "作成して書き出す",
    "wrote {file}": "{file} を書き出しました",
    "Roles in the 別表": "別表の役割",
    "Roles in the 別表, as {agreement} prints them": "別表の役割（{agreement} の印刷のとおり）",
    "Row": "項目",
    "Item": "取組",
    "Role of {label}": "{label}の役割",
    "File name": "ファイル名",
    "Signing date": "締結日",
    "Party {number}": "団体 {number}",
    "Party": "団体",
    "Create": "作成",
    "letters a-z, digits, - and _, e.g. shunan": "半角英数字・-・_（例：shunan）",
    "The first party is 甲 and a central city.": "最初の団体が甲（中心市）です。",
    "A party not in municipalities.yaml is new: add it": "municipalities.yaml にない団体を新しく追加する",
    "Record a new head": "新しい長を記録する",
    "Municipality": "団体",
    "Head's name": "長の氏名",
    "In office from": "就任日",
    "Record": "記録",
    "Add a municipality": "団体を追加する",
    "Name": "名称",
    "Address": "住所",
    "Head's title": "長の職名",
    "Prefecture": "都道府県",
    "Add": "追加",
    "Heads": "長",
    "since {date}": "{date}から",
    "The agreements as signed": "締結した時の協約",
    "A git revision": "git のリビジョン",
    "or a folder in the workspace": "またはワークスペース内のフォルダ",
    "Signing date of the amendment (blank: a draft)": "変更協約の締結日（空欄なら案）",
    "Show": "表示",
    "改め文": "改め文",
    "新旧対照表": "新旧対照表",
    "Write these documents to the output folder": "これらの文書を出力フォルダに書き出す",
    "No agreement's text changed.": "本文が変わった協約はありません。",
    "Unchanged: {file}": "変更なし：{file}",
    "Error": "エラー",
    "Back": "戻る",
    "The page updates itself when a file is saved.": "ファイルが保存されるとページは自動で更新されます。",
    "updated": "更新しました",
    "Changed on disk": "ディスク上で変更されました",
    "no date yet": "日付未定",
    "Output folder: {folder}": "出力フォルダ：{folder}",
    "Workspace: {folder}": "ワークスペース：{folder}",
    "Forbidden": "禁止",
    "Not found": "見つかりません",
}


def language(accept: str | None) -> str:
    """``ja`` when the browser's Accept-Language puts Japanese before English, else ``en``."""
    best, best_q = "en", -1.0
    for number, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        tag = tag.strip().lower()
        if tag.startswith(("ja", "en")) and q > best_q and q > 0:
            best, best_q = tag[:2], q - number * 1e-6  # earlier wins among equal weights
    return best


def translator(lang: str) -> Callable[..., str]:
    def gettext(message: str, **fields: object) -> str:
        text = JA.get(message, message) if lang == "ja" else message
        return text.format(**fields) if fields else text

    return gettext
