"""What docgen writes: each document a context builder over ``docgen.model`` plus a Word template.

Holds the template lookup (``templates``), the agreement and the batch behind ``docgen build`` (``batch``),
the procedure forms per party — council bill, public notice, notification (``procedure``) — and the amending
agreement with its 新旧対照表 (``amendment``).

May import: ``docgen.base``, ``docgen.amend``, ``docgen.model``, ``docgen.word`` and ``docgen.office``.
"""
