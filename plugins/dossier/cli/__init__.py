"""The ``dossier`` command line: one module per command."""
