"""The Word templates docgen ships: ``templates/`` here is the package ``docgen.templates`` in a wheel.

pyproject.toml maps this folder onto ``docgen.templates``, so that an installed docgen finds its default
template through ``importlib.resources`` (``docgen.documents.batch.default_template``) while the repository
keeps one ``templates/`` folder, the one a user edits. A ``templates/`` folder in the current folder still
wins.
"""
