"""Cases and operations: who may act (roles, keys, sessions), the customer book, alerts and
cases with four-eyes review, the allow-list, continuous monitoring, the hash-chained audit
trail, and :class:`ClearanceService`, the audited facade the API, pages and CLI call."""

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
