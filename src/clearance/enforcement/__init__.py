"""Enforcement: what a designation binds in a given context — measure catalogue, decisions,
the 50% rule, the loan-cap ledger.
"""
