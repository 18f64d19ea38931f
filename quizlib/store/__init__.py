"""The review database; the only package that touches SQLite."""
