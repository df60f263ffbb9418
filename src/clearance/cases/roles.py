"""Roles and what each may do.

Four roles, each including the one before: ``screener`` screens and decides; ``analyst`` also
reads cases and proposes dispositions; ``approver`` also confirms or rejects another user's
proposal (the second pair of eyes); ``admin`` also loads lists and manages keys and users.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SCREENER = "screener"
    ANALYST = "analyst"
    APPROVER = "approver"
    ADMIN = "admin"


class Permission(StrEnum):
    SCREEN = "screen"  # match, screen, decide, payments, read lists and entities
    READ_CASES = "read_cases"
    DISPOSE = "dispose"  # propose a disposition
    APPROVE = "approve"  # confirm or reject someone else's proposal
    ADMIN = "admin"  # lists, keys, users, monitoring, audit export


_ORDER = (Role.SCREENER, Role.ANALYST, Role.APPROVER, Role.ADMIN)
_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.SCREENER: frozenset({Permission.SCREEN}),
    Role.ANALYST: frozenset({Permission.READ_CASES, Permission.DISPOSE}),
    Role.APPROVER: frozenset({Permission.APPROVE}),
    Role.ADMIN: frozenset({Permission.ADMIN}),
}


class RoleError(ValueError):
    """An unknown role name."""


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise RoleError(f"unknown role {text!r}; choose one of {choices}") from None


def permissions(role: Role) -> frozenset[Permission]:
    """Everything ``role`` may do: its own grants and those of every role below it."""
    granted: set[Permission] = set()
    for candidate in _ORDER[: _ORDER.index(role) + 1]:
        granted |= _GRANTS[candidate]
    return frozenset(granted)


def allows(role: Role, permission: Permission) -> bool:
    return permission in permissions(role)
