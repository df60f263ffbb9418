"""Screening inputs beyond a single query: batch files (and, later, payment messages)."""
