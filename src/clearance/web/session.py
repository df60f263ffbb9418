"""Page sessions, CSRF tokens, flash messages and safe redirect targets for the analyst pages.

The session cookie holds the token :meth:`Principals.login` issued (HttpOnly, SameSite=Strict,
Path=/ui, Secure over HTTPS). Every form carries a CSRF token: an HMAC, under the server's
secret, of the session token (or, on the login form, of a one-off nonce kept in its own
cookie), so a page on another site can neither read nor forge it. A flash message is carried
across a POST-redirect-GET in a short-lived cookie.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from clearance.store.engine import clearance_home

PREFIX = "/ui"
SESSION_COOKIE = "clearance_session"
LOGIN_COOKIE = "clearance_login"
FLASH_COOKIE = "clearance_flash"
SECRET_ENV = "CLEARANCE_WEB_SECRET"
SECRET_FILE = "web-secret"


def server_secret(secret: bytes | str | None = None) -> bytes:
    """The given secret, else $CLEARANCE_WEB_SECRET, else the one kept in
    ``$CLEARANCE_HOME/web-secret`` (made on first use), so every worker process of one machine
    and every restart sign alike. Servers on several machines share $CLEARANCE_WEB_SECRET."""
    if secret is None:
        secret = os.environ.get(SECRET_ENV) or _secret_file(clearance_home() / SECRET_FILE)
    return secret.encode() if isinstance(secret, str) else secret


def _secret_file(path: Path) -> bytes:
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_hex(32).encode())
    try:
        os.link(draft, path)  # atomic: of processes starting together, exactly one wins
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_bytes()


class CsrfTokens:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def for_session(self, session_token: str) -> str:
        return self._sign("session", session_token)

    def for_login(self, nonce: str) -> str:
        return self._sign("login", nonce)

    def valid_for_session(self, session_token: str, given: str) -> bool:
        return bool(given) and hmac.compare_digest(self.for_session(session_token), given)

    def valid_for_login(self, nonce: str, given: str) -> bool:
        return bool(nonce and given) and hmac.compare_digest(self.for_login(nonce), given)

    def _sign(self, purpose: str, value: str) -> str:
        message = f"{purpose}:{value}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def set_cookie(
    response: Response, request: Request, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def clear_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(
        name, path=PREFIX, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )


def safe_next(target: str | None) -> str:
    """A local page of this face to go to after login; anything else goes to the queue."""
    if (
        target
        and target.startswith(PREFIX)
        and not target.startswith("//")
        and "\\" not in target
        and not target.startswith(f"{PREFIX}/login")
        and not target.startswith(f"{PREFIX}/static")
    ):
        return target
    return f"{PREFIX}/"


def login_url(request: Request) -> str:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"{PREFIX}/login?next={quote(here, safe='')}"


def encode_flash(kind: str, text: str) -> str:
    payload = json.dumps({"kind": kind, "text": text}).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode_flash(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    kind, text = payload.get("kind"), payload.get("text")
    if kind not in ("ok", "error") or not isinstance(text, str):
        return None
    return {"kind": kind, "text": text[:500]}
