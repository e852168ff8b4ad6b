"""LibreOffice, in one place: converting written .docx files to PDF (``pdf``), with the fontconfig file
(``fonts.conf``) that maps ＭＳ 明朝 to IPAex Mincho; LibreOffice kept warm for batches and the workspace's
previews (``warm``, driving ``unoworker.py`` in a Python that has LibreOffice's ``uno``); whether a file
LibreOffice wrote is a whole PDF (``pdfcheck``).

May import: ``docgen.base`` only.
"""
