"""A LibreOffice kept warm: run by a Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno``),
started by ``docgen.office.warm`` and never imported by docgen itself.

It starts one ``soffice`` listening on a named pipe (a socket only this user can open), connects to it, then
reads one JSON request a line from stdin — ``{"docx": path, "pdf": path}`` — and answers one JSON line on
stdout: ``{"ok": true}`` or ``{"error": "..."}``. A conversion then costs a document load and a PDF export
instead of a LibreOffice start (over a second). No port is opened: docgen talks to it over the pipes it
started it with. It stops soffice when stdin closes; docgen kills its process group (this script, soffice
and soffice.bin) when it cannot wait.

    python3 unoworker.py SOFFICE PROFILE_URL PIPE_NAME
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time

try:
    import uno  # type: ignore[import-not-found]  # it loads pyuno from LibreOffice's own folder
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
    from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
except ImportError as missing:  # this Python has no uno: docgen converts without a warm LibreOffice
    print(json.dumps({"unusable": f"no uno module: {missing}"}), flush=True)
    sys.exit(3)

CONNECT_TIMEOUT_S = 60.0
RESTARTED = 81  # the first start with a new profile writes it, exits with 81 and starts again


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _answer(answer: dict[str, object]) -> None:
    print(json.dumps(answer), flush=True)


def main(soffice: str, profile: str, pipe: str) -> int:
    # a uno module of another LibreOffice would talk to this soffice in a protocol it may not speak
    ours, theirs = (
        os.path.dirname(os.path.realpath(sys.modules["pyuno"].__file__)),
        os.path.dirname(os.path.realpath(soffice)),
    )
    if ours != theirs:
        _answer({"unusable": f"uno is LibreOffice's in {ours}, soffice is in {theirs}"})
        return 3
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + CONNECT_TIMEOUT_S
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or office.poll() not in (None, RESTARTED):
                    _answer({"error": f"LibreOffice did not start (exit status {office.poll()})"})
                    return 1
                time.sleep(0.05)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        _answer({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            try:
                # Hidden: no window; ReadOnly: no lock file beside the document (soffice --convert-to does
                # the same), the copy is only read
                document = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(request["docx"]),
                    "_blank",
                    0,
                    (_property("Hidden", True), _property("ReadOnly", True)),
                )
                if document is None:
                    raise RuntimeError("LibreOffice could not open the document")
                try:
                    document.storeToURL(
                        uno.systemPathToFileUrl(request["pdf"]),
                        (_property("FilterName", "writer_pdf_Export"),),
                    )
                finally:
                    document.close(True)
                answer: dict[str, object] = {"ok": True}
            except Exception as error:  # any UNO failure is the request's, told to docgen as text
                answer = {"error": f"{type(error).__name__}: {error}".strip()}
            _answer(answer)
        with contextlib.suppress(Exception):  # the bridge goes down as soffice exits
            desktop.terminate()
        return 0
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
