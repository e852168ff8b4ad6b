"""The model: files → checked records → what a document prints.

Holds the strict YAML loader with positions (``loader``), the field specs and the schema built from them
(``spec``, ``records``, ``schema``), loading and checking an agreement with its region and municipalities and
resolving it into a template's context (``agreement``, ``resolve``, ``resolved``), notes on literal references
(``literal_references``, and ``named_provisions`` for a 前条 that names what it does not say) and the
skeleton of a new agreement (``scaffold``).

May import: ``docgen.base`` and ``docgen.amend`` (pure text logic); never the Word engine or the documents.
"""
