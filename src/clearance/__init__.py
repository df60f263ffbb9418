"""Clearance: sanctions screening and enforcement.

Lists are read into versioned snapshots (:mod:`clearance.sources`, :mod:`clearance.store`)
of :mod:`clearance.model` entities; matching, enforcement and operations build on them.
"""

__version__ = "0.1.0"
