"""Cases and operations: who may act (roles, keys, sessions), the customer book, alerts and
cases with four-eyes review, the allow-list, continuous monitoring, the hash-chained audit
trail, and :class:`ClearanceService`, the audited facade the API, pages and CLI call.

Names are imported on first use, so a command that only appends to the audit trail does not
load the matcher.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clearance.cases.audit import AuditLog, AuditRecord, Verification
    from clearance.cases.book import Customer, CustomerBook, read_book
    from clearance.cases.monitor import MonitorRun
    from clearance.cases.principals import Principal, PrincipalError, Principals
    from clearance.cases.roles import Permission, Role, RoleError, parse_role
    from clearance.cases.service import ClearanceService, ReplayError
    from clearance.cases.workflow import (
        CaseNotFound,
        Cases,
        CaseStatus,
        Disposition,
        Forbidden,
        WorkflowError,
        parse_disposition,
    )

_LAZY = {
    "AuditLog": "audit",
    "AuditRecord": "audit",
    "Verification": "audit",
    "Customer": "book",
    "CustomerBook": "book",
    "read_book": "book",
    "MonitorRun": "monitor",
    "Principal": "principals",
    "PrincipalError": "principals",
    "Principals": "principals",
    "Permission": "roles",
    "Role": "roles",
    "RoleError": "roles",
    "parse_role": "roles",
    "ClearanceService": "service",
    "ReplayError": "service",
    "CaseNotFound": "workflow",
    "Cases": "workflow",
    "CaseStatus": "workflow",
    "Disposition": "workflow",
    "Forbidden": "workflow",
    "WorkflowError": "workflow",
    "parse_disposition": "workflow",
}

__all__ = [
    "AuditLog",
    "AuditRecord",
    "CaseNotFound",
    "CaseStatus",
    "Cases",
    "ClearanceService",
    "Customer",
    "CustomerBook",
    "Disposition",
    "Forbidden",
    "MonitorRun",
    "Permission",
    "Principal",
    "PrincipalError",
    "Principals",
    "ReplayError",
    "Role",
    "RoleError",
    "Verification",
    "WorkflowError",
    "parse_disposition",
    "parse_role",
    "read_book",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'clearance.cases' has no attribute {name!r}")
    return getattr(importlib.import_module(f"clearance.cases.{module}"), name)
