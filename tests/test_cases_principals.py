"""Principals: API keys are shown once and stored hashed, revocation and disabled users,
page passwords and sessions, and what each role may do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from clearance.cases.principals import PrincipalError, Principals, hash_secret
from clearance.cases.roles import Permission, Role, RoleError, allows, parse_role
from clearance.store import Store
from clearance.store.schema import api_keys, principals, web_sessions


@pytest.fixture
def people(tmp_path: Path) -> Principals:
    return Principals(Store(str(tmp_path / "c.db")).engine)


def test_a_key_is_stored_only_as_its_hash(people: Principals) -> None:
    secret, info = people.create_key(Role.SCREENER, "gateway", label="payments gateway")
    assert secret.startswith("clr_") and len(secret) > 40
    assert secret.startswith(info.prefix)
    with people.engine.connect() as connection:
        stored = connection.execute(select(api_keys)).one()
    assert stored.key_hash == hash_secret(secret) and secret not in stored
    principal = people.authenticate(secret)
    assert principal is not None
    assert (principal.name, principal.role, principal.via) == (
        "gateway",
        Role.SCREENER,
        f"key:{info.prefix}",
    )


def test_wrong_revoked_and_disabled_keys_fail(people: Principals) -> None:
    secret, info = people.create_key(Role.ANALYST, "alice")
    assert people.authenticate(secret + "x") is None
    assert people.authenticate("Bearer " + secret) is None
    assert people.authenticate("") is None
    other, _ = people.create_key(Role.ANALYST, "alice")
    assert people.revoke_key(info.prefix) == 1
    assert people.authenticate(secret) is None
    assert people.authenticate(other) is not None
    with people.engine.begin() as connection:
        connection.execute(update(principals).values(disabled_at=datetime.now(UTC)))
    assert people.authenticate(other) is None
    assert [k.revoked_at is not None for k in people.list_keys()] == [True, False]


def test_passwords_and_sessions(people: Principals) -> None:
    people.create_user("alice", Role.ANALYST, "correct horse battery")
    with pytest.raises(PrincipalError, match="already exists"):
        people.create_user("alice", Role.ANALYST, "correct horse battery")
    with pytest.raises(PrincipalError, match="10 characters"):
        people.create_user("bob", Role.ANALYST, "short")
    with pytest.raises(PrincipalError, match="user name"):
        people.create_user("bob smith", Role.ANALYST, "long enough password")
    assert people.login("alice", "wrong password!") is None
    assert people.login("nobody", "correct horse battery") is None
    token = people.login("alice", "correct horse battery")
    assert token is not None
    session = people.session(token)
    assert session is not None and session.name == "alice" and session.role is Role.ANALYST
    with people.engine.begin() as connection:
        connection.execute(
            update(web_sessions).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert people.session(token) is None
    token = people.login("alice", "correct horse battery")
    assert token is not None
    people.logout(token)
    assert people.session(token) is None
    # A key-only user has no password: no page login.
    people.create_key(Role.SCREENER, "gateway")
    assert people.login("gateway", "") is None


def test_roles_include_the_ones_below() -> None:
    assert allows(Role.ADMIN, Permission.APPROVE)
    assert allows(Role.APPROVER, Permission.DISPOSE)
    assert allows(Role.ANALYST, Permission.SCREEN)
    assert not allows(Role.SCREENER, Permission.DISPOSE)
    assert not allows(Role.ANALYST, Permission.APPROVE)
    assert not allows(Role.APPROVER, Permission.ADMIN)
    assert parse_role(" Approver ") is Role.APPROVER
    with pytest.raises(RoleError, match="screener, analyst, approver, admin"):
        parse_role("root")
