"""``docgen serve``: the workspace in the browser — the application (``app``, ``views`` and what they
share, ``pages``), its guard (``security``), the folder it shows (``workspace``), the forms' writes
(``edits``), the amendment view (``amending``), page images from a LibreOffice kept warm (``preview``, with
``docgen.office.warm``), the pages' words in two languages (``text``), the server's run (``server``) and the
command's arguments (``command``); HTML templates in ``templates/`` and static files in ``static/``, in the
wheel.

May import: every layer below it (``docgen.base`` to ``docgen.importer``), Starlette, uvicorn and Jinja; not
the commands or docgen's top-level API.
"""
