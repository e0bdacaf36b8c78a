"""The files ``dossier init`` writes: a small archive to start from."""
