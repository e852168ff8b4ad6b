"""The Word engine: reading a .docx safely, cleaning and compiling a template once, rendering it many times.

Holds package reading and its checks (``package``, ``wordxml``), docxtpl's cleaning (``cleaning``), the
compiled template (``template``) and the templates compiled ahead (``ahead`` reads them, ``compile_ahead``
writes ``compiled/``), table grids and landscape pages (``grid``), appending attachments (``attach``), the
template check of ``docgen check`` (``lint``) and Word's schema: the order of properties, the validator
(``ooxml``).

May import: ``docgen.base`` and ``docgen.model`` (``lint`` renders every shape of a resolved agreement); never
``docgen.documents``, ``docgen.office`` or the commands.
"""
