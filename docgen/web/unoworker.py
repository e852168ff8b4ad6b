"""A LibreOffice kept warm for ``docgen serve``'s previews: run by a Python that has LibreOffice's ``uno``
module (Debian: ``python3-uno``), never imported by docgen itself.

It starts one ``soffice`` listening on a named pipe (only this user can open it), connects to it, then reads
one JSON request a line from stdin — ``{"docx": path, "pdf": path}`` — and answers one JSON line on stdout:
``{"ok": true}`` or ``{"error": "..."}``. A conversion then costs a document load and a PDF export (a few
tenths of a second) instead of a LibreOffice start (over a second). No port is opened: the server talks to
it over the pipes it started it with. It stops soffice when stdin closes.

    python3 unoworker.py SOFFICE PROFILE_URL PIPE_NAME
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

CONNECT_TIMEOUT_S = 60.0


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main(soffice: str, profile: str, pipe: str) -> int:
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
                # the first start with a new profile exits and restarts itself: keep trying until it listens
                if time.monotonic() > deadline or office.poll() not in (None, 81):
                    print(json.dumps({"error": "LibreOffice did not start"}), flush=True)
                    return 1
                time.sleep(0.1)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                document = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(request["docx"]), "_blank", 0, (_property("Hidden", True),)
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
            except Exception as error:  # any UNO failure is the request's, told to the server as text
                answer = {"error": f"{type(error).__name__}: {error}"}
            print(json.dumps(answer), flush=True)
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
