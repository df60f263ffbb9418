"""Who may use the service: principals (users), their API keys and their page sessions.

An API key is ``clr_`` followed by 32 random bytes in URL-safe base64; only its SHA-256 is
stored (a key is a random secret, not a password: a fast hash loses nothing), so a stolen
database yields no usable key. A principal's page password is kept as scrypt. Keys carry the
role they were created with; revoking one takes effect on its next use.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select, update

from clearance.cases.audit import append as audit
from clearance.cases.roles import Role
from clearance.store.schema import api_keys, principals, web_sessions

KEY_PREFIX = "clr_"
SESSION_LIFETIME = timedelta(hours=8)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class PrincipalError(ValueError):
    """A user or key request that cannot be honoured (bad name, unknown user, weak password)."""


@dataclass(frozen=True)
class Principal:
    name: str
    role: Role
    via: str  # "key:<prefix>" or "session"


@dataclass(frozen=True)
class KeyInfo:
    prefix: str
    principal: str
    role: Role
    label: str | None
    created_at: datetime
    revoked_at: datetime | None

    def to_dict(self) -> dict[str, object]:
        return {
            "prefix": self.prefix,
            "principal": self.principal,
            "role": self.role.value,
            "label": self.label,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise PrincipalError(f"user name {name!r}: use letters, digits and . _ @ - (at most 100)")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt, expected = stored.split("$")
    digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(digest.hex(), expected)


class Principals:
    """Users, API keys and sessions of one store; every change is audited."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- users ---

    def create_user(self, name: str, role: Role, password: str | None, actor: str = "cli") -> None:
        _check_name(name)
        if password is not None and len(password) < 10:
            raise PrincipalError("a password needs at least 10 characters")
        with self.engine.begin() as connection:
            exists = connection.execute(
                select(principals.c.name).where(principals.c.name == name)
            ).first()
            if exists:
                raise PrincipalError(f"user {name!r} already exists")
            connection.execute(
                insert(principals),
                {
                    "name": name,
                    "role": role.value,
                    "password_hash": hash_password(password) if password else None,
                    "created_at": datetime.now(UTC),
                },
            )
            audit(connection, actor, "user.create", name, {"role": role.value})

    def set_password(self, name: str, password: str, actor: str = "cli") -> None:
        if len(password) < 10:
            raise PrincipalError("a password needs at least 10 characters")
        with self.engine.begin() as connection:
            done = connection.execute(
                update(principals)
                .where(principals.c.name == name)
                .values(password_hash=hash_password(password))
            )
            if not done.rowcount:
                raise PrincipalError(f"no user {name!r}")
            audit(connection, actor, "user.password", name, {})

    def user(self, name: str) -> tuple[Role, bool] | None:
        """(role, active) of a user, or None."""
        with self.engine.connect() as connection:
            row = connection.execute(select(principals).where(principals.c.name == name)).first()
        return (Role(row.role), row.disabled_at is None) if row else None

    def login(self, name: str, password: str) -> str | None:
        """A new session token for a right name and password, else None."""
        with self.engine.begin() as connection:
            row = connection.execute(select(principals).where(principals.c.name == name)).first()
            ok = row is not None and row.disabled_at is None
            ok = check_password(password, row.password_hash if row else None) and ok
            if not ok:
                audit(connection, name, "session.refused", name, {})
                return None
            token = secrets.token_urlsafe(32)
            now = datetime.now(UTC)
            connection.execute(
                insert(web_sessions),
                {
                    "token_hash": hash_secret(token),
                    "principal": name,
                    "created_at": now,
                    "expires_at": now + SESSION_LIFETIME,
                },
            )
            audit(connection, name, "session.login", name, {})
            return token

    def session(self, token: str) -> Principal | None:
        query = (
            select(principals.c.name, principals.c.role, principals.c.disabled_at)
            .select_from(web_sessions.join(principals))
            .where(
                web_sessions.c.token_hash == hash_secret(token),
                web_sessions.c.expires_at > datetime.now(UTC),
            )
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None or row.disabled_at is not None:
            return None
        return Principal(row.name, Role(row.role), "session")

    def logout(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                web_sessions.delete().where(web_sessions.c.token_hash == hash_secret(token))
            )

    # --- API keys ---

    def create_key(
        self, role: Role, user: str | None = None, label: str | None = None, actor: str = "cli"
    ) -> tuple[str, KeyInfo]:
        """A new key (returned once, never stored) for ``user`` (created if new)."""
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        prefix = secret[: len(KEY_PREFIX) + 8]
        name = user or f"key-{prefix[len(KEY_PREFIX) :]}"
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            row = connection.execute(select(principals).where(principals.c.name == name)).first()
            if row is None:
                _check_name(name)
                connection.execute(
                    insert(principals), {"name": name, "role": role.value, "created_at": now}
                )
            connection.execute(
                insert(api_keys),
                {
                    "key_hash": hash_secret(secret),
                    "prefix": prefix,
                    "principal": name,
                    "role": role.value,
                    "label": label,
                    "created_at": now,
                },
            )
            audit(connection, actor, "key.create", prefix, {"principal": name, "role": role.value})
        return secret, KeyInfo(prefix, name, role, label, now, None)

    def authenticate(self, secret: str) -> Principal | None:
        if not secret.startswith(KEY_PREFIX):
            return None
        query = (
            select(api_keys.c.prefix, api_keys.c.role, api_keys.c.principal)
            .select_from(api_keys.join(principals))
            .where(
                api_keys.c.key_hash == hash_secret(secret),
                api_keys.c.revoked_at.is_(None),
                principals.c.disabled_at.is_(None),
            )
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return Principal(row.principal, Role(row.role), f"key:{row.prefix}")

    def list_keys(self) -> list[KeyInfo]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(api_keys).order_by(api_keys.c.created_at)).all()
        return [
            KeyInfo(r.prefix, r.principal, Role(r.role), r.label, r.created_at, r.revoked_at)
            for r in rows
        ]

    def revoke_key(self, prefix: str, actor: str = "cli") -> int:
        with self.engine.begin() as connection:
            done = connection.execute(
                update(api_keys)
                .where(api_keys.c.prefix == prefix, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
            if done.rowcount:
                audit(connection, actor, "key.revoke", prefix, {})
            return done.rowcount
