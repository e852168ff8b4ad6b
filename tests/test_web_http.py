"""`docgen serve` over HTTP, in process: the token, the Host check, same-origin POSTs, paths that try to
leave the folder, concurrent requests, and the forms' writes. Then the real server process and its stop."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

import docgen
from docgen.cli import main
from docgen.web.app import create_app
from docgen.web.security import form_token

ROOT = Path(__file__).resolve().parent.parent
PORT = 8390
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = "a" * 64
SESSION = "b" * 64
COOKIE = f"docgen-serve-{PORT}"
MINE = "agreements/yamaguchi-kenou/mine.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's agreements as ./agreements of a fresh working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    return tmp_path


@pytest.fixture
def app(project: Path):  # type: ignore[no-untyped-def]
    work = project / "output" / ".docgen-serve-test"
    work.mkdir(parents=True)
    return create_app(
        Path("agreements"), Path("output"), work, port=PORT, token=TOKEN, session=SESSION, warm=False
    )


@pytest.fixture
def client(app) -> TestClient:  # type: ignore[no-untyped-def]
    """Signed in, as a browser is after opening the printed address."""
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    assert client.get(f"/-/auth?token={TOKEN}").status_code == 303
    return client


def test_the_token_signs_in_once_and_sets_an_httponly_samesite_cookie_named_after_the_port(app) -> None:
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    assert client.get("/").status_code == 403
    assert client.get("/-/auth?token=" + "c" * 64).status_code == 403
    signed = client.get(f"/-/auth?token={TOKEN}")
    assert signed.status_code == 303 and signed.headers["location"] == "/"
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={SESSION};") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/", headers={"accept-language": "en"})
    assert page.status_code == 200 and "Agreements" in page.text and ">mine<" in page.text
    # no other site may frame it, run scripts in it or read the address with the token from a Referer
    assert page.headers["x-frame-options"] == "DENY" and page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    # a second use of the address (from a history or a log) signs nobody in
    other = TestClient(app, base_url=BASE, follow_redirects=False)
    assert other.get(f"/-/auth?token={TOKEN}").status_code == 403
    assert other.get("/").status_code == 403


def test_pages_are_japanese_when_the_browser_asks_for_it(client: TestClient) -> None:
    ja = client.get("/", headers={"accept-language": "ja,en-US;q=0.8"}).text
    assert "<h1>協約の一覧</h1>" in ja and '<html lang="ja">' in ja and "山口市・美祢市" in ja
    assert "平成29年3月30日" in ja and "問題なし" in ja
    en = client.get("/", headers={"accept-language": "en-US,en;q=0.9,ja;q=0.5"}).text
    assert "<h1>Agreements</h1>" in en and '<html lang="en">' in en


@pytest.mark.parametrize(
    ("host", "status"),
    [
        (f"127.0.0.1:{PORT}", 200),
        (f"localhost:{PORT}", 200),
        (f"[::1]:{PORT}", 200),
        (f"evil.example:{PORT}", 403),  # DNS rebinding: a site's name resolved to 127.0.0.1
        ("127.0.0.1", 403),
        (f"127.0.0.1:{PORT + 1}", 403),
        (f"127.0.0.1.evil.example:{PORT}", 403),
        (f"[::2]:{PORT}", 403),
    ],
)
def test_only_a_loopback_host_with_this_port_is_answered(client: TestClient, host: str, status: int) -> None:
    assert client.get("/", headers={"host": host}).status_code == status


def test_a_post_needs_this_servers_origin_and_the_form_token(client: TestClient, project: Path) -> None:
    url = "/a/yamaguchi-kenou/mine/build"
    token = {"csrf": form_token(SESSION)}
    target = project / "output/yamaguchi-kenou/mine.docx"
    assert client.post(url, data=token, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.post(url, data=token, headers={"sec-fetch-site": "same-site"}).status_code == 403
    assert client.post(url, data=token, headers={"origin": "http://evil.example"}).status_code == 403
    assert client.post(url, data={}, headers={"sec-fetch-site": "same-origin"}).status_code == 403
    assert (
        client.post(url, data={"csrf": "x" * 64}, headers={"sec-fetch-site": "same-origin"}).status_code
        == 403
    )
    assert not target.exists()
    built = client.post(url, data=token, headers={"sec-fetch-site": "same-origin", "origin": BASE})
    assert built.status_code == 303
    assert target.read_bytes() == docgen.render(MINE)


@pytest.mark.parametrize(
    "path",
    [
        "/a/..%2f..%2f..%2fetc/passwd",
        "/a/%2e%2e/secret",
        "/a/yamaguchi-kenou/%2e%2e",
        "/a/yamaguchi-kenou/..%5c..%5csecret",
        "/a/%2e%2e%2f%2e%2e/secret/download/docx",
        "/a/yamaguchi-kenou/%2fetc%2fpasswd/download/docx",
        "/a/escape/secret",
        "/a/escape/secret/download/docx",
        "/r/escape",
        "/a/yamaguchi-kenou/region",
        "/a/yamaguchi-kenou/region/download/docx",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2fviews.py",
        "/amend?folder=../outside",
        "/amend?folder=%2fetc",
    ],
)
def test_no_path_leaves_the_folder(client: TestClient, project: Path, path: str) -> None:
    # outside the workspace: an agreement a symbolic link inside it leads to
    outside = project / "outside"
    shutil.copytree(project / "agreements/yamaguchi-kenou", outside)
    (outside / "secret.yaml").write_text(
        (outside / "mine.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / "agreements/escape").symlink_to(outside, target_is_directory=True)
    answer = client.get(path)
    assert answer.status_code in (400, 404)
    assert "山口市" not in answer.text and "root:" not in answer.text and "def " not in answer.text
    assert answer.headers["content-type"].startswith(("text/html", "text/plain"))


def test_concurrent_requests_get_each_their_own_answer(app, project: Path) -> None:  # type: ignore[no-untyped-def]
    async def run() -> list[httpx2.Response]:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url=BASE) as client:
            assert (await client.get(f"/-/auth?token={TOKEN}")).status_code == 303
            urls = [
                f"/a/yamaguchi-kenou/{name}/download/docx"
                for name in ("mine", "hagi", "hofu", "ube", "tsuwano", "ube-mine")
            ] * 3 + ["/", "/r/yamaguchi-kenou", "/-/state", "/a/yamaguchi-kenou/mine"] * 3
            return await asyncio.gather(*(client.get(url) for url in urls))

    answers = asyncio.run(run())
    assert [a.status_code for a in answers] == [200] * len(answers)
    for answer in answers[:18]:
        name = re.search(r'filename="(.+)\.docx"', answer.headers["content-disposition"])
        assert name is not None
        assert answer.content == docgen.render(f"agreements/yamaguchi-kenou/{name.group(1)}.yaml")


def test_a_new_agreement_from_the_form_is_what_docgen_new_writes(
    client: TestClient,
    project: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = tmp_path_factory.mktemp("cli")
    shutil.copytree(ROOT / "agreements", other / "agreements")
    old = os.getcwd()
    os.chdir(other)
    try:
        assert (
            main(
                [
                    "new",
                    "yamaguchi-kenou",
                    "shunan",
                    "--party",
                    "山口市",
                    "--party",
                    "萩市",
                    "--date",
                    "2018-04-01",
                ]
            )
            == 0
        )
    finally:
        os.chdir(old)
    capsys.readouterr()
    page = client.get("/new").text
    base = re.search(r'name="base" value="([0-9a-f]+)"', page)
    assert base is not None and '<option value="美祢市">' in page  # suggestions from municipalities.yaml
    form = {
        "csrf": form_token(SESSION),
        "base": base.group(1),
        "region": "yamaguchi-kenou",
        "name": "shunan",
        "date": "2018-04-01",
        "party": ["山口市", "萩市", ""],
    }
    made = client.post("/new", data=form, headers={"sec-fetch-site": "same-origin"})
    assert made.status_code == 303 and made.headers["location"] == "/a/yamaguchi-kenou/shunan"
    written = project / "agreements/yamaguchi-kenou/shunan.yaml"
    assert written.read_bytes() == (other / "agreements/yamaguchi-kenou/shunan.yaml").read_bytes()
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    # the same form again: the file exists, nothing is overwritten
    again = client.post("/new", data=form, headers={"sec-fetch-site": "same-origin"})
    assert again.status_code == 400 and "already exists" in again.text


def test_a_form_made_before_the_file_changed_on_disk_writes_nothing(
    client: TestClient, project: Path
) -> None:
    towns = project / "agreements/municipalities.yaml"
    page = client.get("/municipalities").text
    base = re.search(r'name="base" value="([0-9a-f]+)"', page)
    assert base is not None
    towns.write_text(towns.read_text(encoding="utf-8") + "# saved by an editor\n", encoding="utf-8")
    before = towns.read_bytes()
    form = {
        "csrf": form_token(SESSION),
        "base": base.group(1),
        "town": "美祢市",
        "head": "篠田洋司",
        "since": "2018-09-01",
    }
    answer = client.post("/municipalities/head", data=form, headers={"sec-fetch-site": "same-origin"})
    assert answer.status_code == 409 and "changed on disk since this page was loaded" in answer.text
    assert towns.read_bytes() == before


def test_a_new_head_and_a_new_municipality_are_appended_with_the_comments_kept(
    client: TestClient, project: Path
) -> None:
    towns = project / "agreements/municipalities.yaml"
    before = towns.read_text(encoding="utf-8")

    def base() -> str:
        found = re.search(r'name="base" value="([0-9a-f]+)"', client.get("/municipalities").text)
        assert found is not None
        return found.group(1)

    same = {"sec-fetch-site": "same-origin"}
    head = {
        "csrf": form_token(SESSION),
        "base": base(),
        "town": "美祢市",
        "head": "篠田洋司",
        "since": "2018-09-01",
    }
    assert client.post("/municipalities/head", data=head, headers=same).status_code == 303
    town = {
        "csrf": form_token(SESSION),
        "base": base(),
        "name": "周南市",
        "address": "周南市岐山通1丁目1番地",
        "title": "周南市長",
        "prefecture": "山口県",
        "head": "木村健一郎",
        "since": "",
    }
    assert client.post("/municipalities/add", data=town, headers=same).status_code == 303
    after = towns.read_text(encoding="utf-8")
    assert after.startswith(before.split("\n  美祢市:")[0])  # the comments and earlier entries as they were
    assert (
        "      - name: 西岡晃  # in office on 2017-03-30 (signed text); start of term not recorded here\n"
        "        known: 2017-03-30\n"
        "      - name: 篠田洋司\n        since: 2018-09-01\n\n  山陽小野田市:"
    ) in after
    assert after.endswith(
        "\n  周南市:\n    address: 周南市岐山通1丁目1番地\n    title: 周南市長\n"
        "    prefecture: 山口県\n    heads:\n      - name: 木村健一郎\n"
    )
    # a later agreement of 美祢市 is signed by the new head; 山口市's head re-elected (test-made), a new entry
    again = {**head, "base": base(), "town": "山口市", "head": "渡辺純忠", "since": "2018-09-01"}
    assert client.post("/municipalities/head", data=again, headers=same).status_code == 303
    mine = project / MINE
    mine.write_text(mine.read_text(encoding="utf-8").replace("2017-03-30", "2019-04-01"), encoding="utf-8")
    page = client.get("/a/yamaguchi-kenou/mine").text
    assert "No problems" in page
    from docx_text import body_lines

    assert any("篠田洋司" in line for line in body_lines(docgen.render(MINE)))


def test_the_amendment_view_shows_the_kaibun_and_the_comparison_before_writing(
    client: TestClient, project: Path
) -> None:
    region = project / "agreements/yamaguchi-kenou/region.yaml"
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "agreements"], cwd=project, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "signed"],
        cwd=project,
        check=True,
    )
    text = region.read_text(encoding="utf-8")
    assert "戦略産業の育成" in text
    region.write_text(text.replace("戦略産業の育成", "戦略産業の育成及び支援", 1), encoding="utf-8")
    page = client.get("/amend", params={"revision": "HEAD", "date": "2017-05-01"})
    assert page.status_code == 200, page.text
    # docgen amend's own choice for a changed 別表 row: the 別表 is replaced as a whole
    assert (
        "<p>山口市（以下「甲」という。）及び美祢市（以下「乙」という。）は、平成29年3月30日に締結した"
        in page.text
    )
    assert "<p>別表を次のように改める。</p>" in page.text
    # the 新旧対照表's row of the 別表, the changed item underlined, beside the one as signed
    assert "イ　<u>戦略産業の育成及び支援</u>　中堅企業及び中小企業の経営強化" in page.text
    assert "イ　<u>戦略産業の育成</u>　中堅企業及び中小企業の経営強化" in page.text
    assert not (project / "output/yamaguchi-kenou").exists()  # shown, not written
    state = re.search(r'name="state" value="([0-9a-f]+)"', page.text)
    assert state is not None
    form = {"csrf": form_token(SESSION), "state": state.group(1), "revision": "HEAD", "date": "2017-05-01"}
    written = client.post("/amend", data=form, headers={"sec-fetch-site": "same-origin"})
    assert written.status_code == 200
    assert (project / "output/yamaguchi-kenou/mine.amendment.docx").is_file()
    assert (project / "output/yamaguchi-kenou/mine.comparison.docx").is_file()
    refused = client.get("/amend", params={"revision": "--output=/tmp/x"})
    assert refused.status_code == 400 and "is not a git revision" in refused.text


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_server_stops_cleanly_on_ctrl_c_and_sigterm(project: Path, stop: signal.Signals) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "docgen", "serve", "--port", "0", "--no-browser"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:(\d+))/-/auth\?token=([0-9a-f]{64})", line)
        assert url is not None, line + server.stderr.read() if server.stderr else line
        with httpx2.Client(base_url=url.group(1)) as client:
            assert client.get(url.group(0)[len(url.group(1)) :], follow_redirects=True).status_code == 200
            assert client.get("/-/state").status_code == 200
        assert any(p.name.startswith(".docgen-serve-") for p in (project / "output").iterdir())
        server.send_signal(stop)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert server.returncode == 0, err
    assert out.endswith("stopped\n") and "Traceback" not in err
    assert list((project / "output").iterdir()) == []  # the work folder is removed


@pytest.mark.skipif(
    (shutil.which("soffice") is None or shutil.which("pdftoppm") is None) and os.environ.get("CI") != "true",
    reason="LibreOffice or poppler is not installed (CI installs them and runs this test)",
)
def test_previews_and_the_zip_without_a_warm_libreoffice(client: TestClient) -> None:
    """Without LibreOffice's Python bridge each preview starts LibreOffice, as docgen build --pdf does."""
    fragment = client.get("/a/yamaguchi-kenou/mine/preview")
    assert fragment.status_code == 200
    images = re.findall(r'<img src="(/-/png/[0-9a-f]{64}/\d+)" alt="Page \d+">', fragment.text)
    assert len(images) == 4
    for image in images:
        answer = client.get(image)
        assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
        assert answer.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert client.get(images[0][:-1] + "9").status_code == 404
    assert client.get("/-/png/" + "0" * 64 + "/1").status_code == 404
    pdf = client.get("/a/yamaguchi-kenou/mine/download/pdf")
    assert pdf.content.startswith(b"%PDF-") and pdf.headers["content-type"] == "application/pdf"
    bundle = client.get("/a/yamaguchi-kenou/mine/download/zip").content
    assert client.get("/a/yamaguchi-kenou/mine/download/zip").content == bundle  # same files, same bytes


def test_a_page_image_is_a_png_of_pdftoppms_pixels() -> None:
    import struct
    import zlib

    from docgen.web.preview import png_of_ppm

    ppm = b"P6\n# by hand\n2 1\n255\n" + bytes([255, 0, 0, 1, 2, 3])
    png = png_of_ppm(ppm)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks = {}
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data)
        chunks[kind] = data
        at += 12 + length
    assert struct.unpack(">IIBBBBB", chunks[b"IHDR"]) == (2, 1, 8, 2, 0, 0, 0)
    assert zlib.decompress(chunks[b"IDAT"]) == b"\0" + bytes([255, 0, 0, 1, 2, 3])
    assert list(chunks) == [b"IHDR", b"IDAT", b"IEND"]


JA = {"accept-language": "ja,en-US;q=0.8"}
EN = {"accept-language": "en-US,en;q=0.9,ja;q=0.5"}
SAME = {"sec-fetch-site": "same-origin"}


def _unknown_party(project: Path) -> None:
    """mine.yaml as an editor saved it: its second party is no municipality of municipalities.yaml."""
    mine = project / MINE
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace("  - 美祢市\n", "  - 存在市\n", 1), encoding="utf-8")


def test_a_library_error_on_a_page_is_in_the_browsers_language(client: TestClient, project: Path) -> None:
    _unknown_party(project)
    ja = client.get("/a/yamaguchi-kenou/mine", headers=JA).text
    assert f"{MINE}:7:5: parties[1]: 市町村「存在市」が見つかりません。" in ja
    en = client.get("/a/yamaguchi-kenou/mine", headers=EN).text
    assert f"{MINE}:7:5: parties[1]: unknown municipality &#39;存在市&#39;" in en
    assert "見つかりません" not in en


def test_a_form_error_is_in_the_browsers_language(client: TestClient, project: Path) -> None:
    form = {"csrf": form_token(SESSION), "region": "yamaguchi-kenou", "name": "x", "date": "2017-13-40"}
    ja = client.post("/new", data={**form, "party": "山口市"}, headers={**JA, **SAME})
    assert ja.status_code == 400
    assert "「2017-13-40」は日付ではありません。2017-03-30 の形で書いてください" in ja.text
    en = client.post("/new", data={**form, "party": "山口市"}, headers={**EN, **SAME})
    assert en.status_code == 400 and "'2017-13-40' is not a date: write it as 2017-03-30" in en.text.replace(
        "&#39;", "'"
    )
    # the guard's own refusals too
    refused = client.post("/new", data=form, headers={**JA, "sec-fetch-site": "cross-site"})
    assert refused.status_code == 403
    assert refused.text.startswith("禁止：変更はワークスペース自身のページから")


def test_concurrent_japanese_and_english_requests_each_get_their_own_language(
    app,
    project: Path,  # type: ignore[no-untyped-def]
) -> None:
    # the library's message is built inside its thread-pool work while the other language's requests run
    _unknown_party(project)

    async def run() -> list[tuple[str, httpx2.Response]]:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url=BASE) as client:
            assert (await client.get(f"/-/auth?token={TOKEN}")).status_code == 303
            langs = ["ja", "en"] * 8

            async def get(lang: str) -> tuple[str, httpx2.Response]:
                return lang, await client.get("/a/yamaguchi-kenou/mine", headers=JA if lang == "ja" else EN)

            return await asyncio.gather(*(get(lang) for lang in langs))

    for lang, answer in asyncio.run(run()):
        assert answer.status_code == 200
        japanese = "市町村「存在市」が見つかりません" in answer.text and "<h2" in answer.text
        english = "unknown municipality &#39;存在市&#39;" in answer.text
        assert (japanese, english) == ((True, False) if lang == "ja" else (False, True)), lang


def test_the_party_suggestions_include_the_national_list(client: TestClient) -> None:
    page = client.get("/new", headers=EN).text
    listed = re.findall(r'<option value="([^"]+)"></option>', page)
    assert "山口市" in listed and "周南市" in listed and "広島県府中市" in listed and "東京都府中市" in listed
    assert listed.index("山口市") < listed.index("周南市")  # the workspace's own first
    assert "周南市" not in client.get("/municipalities", headers=EN).text  # only that page reads the list


def test_a_new_head_needs_since_or_known(client: TestClient, project: Path) -> None:
    towns = project / "agreements/municipalities.yaml"
    before = towns.read_bytes()
    found = re.search(r'name="base" value="([0-9a-f]+)"', client.get("/municipalities").text)
    assert found is not None
    form = {"csrf": form_token(SESSION), "base": found.group(1), "town": "美祢市", "head": "篠田洋司"}
    neither = {**form, "since": "", "known": ""}
    ja = client.post("/municipalities/head", data=neither, headers={**JA, **SAME})
    assert ja.status_code == 400 and "新しい長には、任期の初日（就任日）又は在任が確認できる日" in ja.text
    en = client.post("/municipalities/head", data=neither, headers={**EN, **SAME})
    assert en.status_code == 400 and "a new head needs the first day of the term (In office from)" in en.text
    assert towns.read_bytes() == before
    # 'known' alone passes the form; municipalities.yaml's own rule then speaks (美祢市 has a head already)
    answer = client.post("/municipalities/head", data={**form, "known": "2018-09-01"}, headers={**EN, **SAME})
    assert answer.status_code == 400 and "every head but the first needs &#39;since&#39;" in answer.text
    assert towns.read_bytes() == before
