"""``docgen serve``: the workspace in the browser — the application (``app``, ``views``), its guard
(``security``), the folder it shows (``workspace``), the forms' writes (``edits``), the amendment view
(``amending``), page images from a LibreOffice kept warm (``preview``, ``unoworker``), the pages' words in
two languages (``text``), the server's run (``server``) and the command's arguments (``command``); HTML
templates in ``templates/`` and static files in ``static/``, shipped in the wheel.

May import: every other part of docgen (it is a top layer, beside the CLI), Starlette, uvicorn and Jinja.
"""
