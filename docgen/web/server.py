"""Run the workspace: bind 127.0.0.1, print the address with its token, serve until Ctrl-C or SIGTERM, then
stop LibreOffice and remove the server's work folder."""

from __future__ import annotations

import secrets
import shutil
import socket
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from docgen.base.errors import UserError, display
from docgen.base.i18n import _

GRACE_S = 2  # open requests get this long to finish once a stop is asked; the page polls, nothing streams


def serve(
    folder: Path, output: Path, *, port: int, open_browser: bool, announce: Callable[[str], None]
) -> None:
    import uvicorn

    from docgen.web.app import create_app

    if not folder.is_dir():
        raise UserError(_("{folder}: no such folder of agreements").format(folder=display(folder)))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind(("127.0.0.1", port))  # loopback only: no other machine can connect
        listener.listen(128)
    except OSError as error:
        listener.close()
        raise UserError(
            _("cannot listen on 127.0.0.1:{port}: {reason}; choose another port with --port").format(
                port=port, reason=error.strerror or error
            )
        ) from None
    port = listener.getsockname()[1]
    try:
        output.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".docgen-serve-", dir=output))
    except OSError as error:
        listener.close()
        raise UserError(
            _("{folder}: cannot make the server's work folder there: {reason}").format(
                folder=display(output), reason=error.strerror or error
            )
        ) from None
    token = secrets.token_hex(32)
    url = f"http://127.0.0.1:{port}/-/auth?token={token}"
    try:
        app = create_app(folder, output, work, port=port, token=token)
        config = uvicorn.Config(
            app, log_level="warning", lifespan="on", timeout_graceful_shutdown=GRACE_S, access_log=False
        )
        server = uvicorn.Server(config)
        announce(url)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        server.run(sockets=[listener])
    finally:
        listener.close()
        shutil.rmtree(work, ignore_errors=True)
