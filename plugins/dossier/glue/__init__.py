"""Thin Pelican glue: the reader, the generator and the signal handlers."""
