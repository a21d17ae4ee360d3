"""The officials' dashboard session: a signed, expiring cookie issued after a POSTed admin key.

The cookie holds "expiry.nonce.signature" (HMAC-SHA256 with a key derived from TROLY_ADMIN_KEY),
never the key itself: changing the key ends every session. HttpOnly, SameSite=Strict, and Secure
when the request came over HTTPS.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from fastapi import Request
from fastapi.responses import Response

COOKIE = "troly_admin"
MAX_AGE_S = 8 * 3600  # one working day


def _signing_key(admin_key: str) -> bytes:
    return hashlib.sha256(b"troly-admin-session\x00" + admin_key.encode("utf-8")).digest()


def _sign(admin_key: str, payload: str) -> str:
    return hmac.new(_signing_key(admin_key), payload.encode("ascii"), hashlib.sha256).hexdigest()


def key_matches(admin_key: str, given: str) -> bool:
    """Constant-time comparison of a submitted key with the configured one."""
    if not admin_key or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), admin_key.encode("utf-8"))


def new_token(admin_key: str, now: float | None = None) -> str:
    expiry = int((time.time() if now is None else now) + MAX_AGE_S)
    payload = f"{expiry}.{secrets.token_hex(16)}"
    return f"{payload}.{_sign(admin_key, payload)}"


def token_valid(admin_key: str, token: str | None, now: float | None = None) -> bool:
    if not admin_key or not token or token.count(".") != 2:
        return False
    expiry, nonce, signature = token.split(".")
    if not hmac.compare_digest(_sign(admin_key, f"{expiry}.{nonce}"), signature):
        return False
    try:
        return int(expiry) > (time.time() if now is None else now)
    except ValueError:
        return False


def is_https(request: Request) -> bool:
    """HTTPS directly, or behind a trusted proxy (TROLY_TRUST_PROXY) that says so."""
    if request.url.scheme == "https":
        return True
    settings = getattr(request.app.state, "settings", None)
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return bool(getattr(settings, "trust_proxy", False)) and forwarded == "https"


def set_session(response: Response, request: Request, admin_key: str) -> None:
    response.set_cookie(
        COOKIE,
        new_token(admin_key),
        max_age=MAX_AGE_S,
        path="/admin",
        httponly=True,
        samesite="strict",
        secure=is_https(request),
    )


def clear_session(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path="/admin", httponly=True, samesite="strict", secure=is_https(request)
    )


def signed_in(request: Request, admin_key: str) -> bool:
    return token_valid(admin_key, request.cookies.get(COOKIE))
