"""The question lint: flaws that make generated questions unfair."""
