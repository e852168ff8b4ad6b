"""LibreOffice, in one place: converting written .docx files to PDF (``pdf``), with the fontconfig file
(``fonts.conf``) that maps ＭＳ 明朝 to IPAex Mincho.

May import: ``docgen.base`` only.
"""
