"""Local bearer auth (DESIGN §8). Only the local stack uses it; deployed, the HTTP API's JWT
authorizer verifies tokens and hands the function the claims."""

import base64
import binascii
import json


def claims_from_authorization(header: str | None) -> dict | None:
    """A JWT is read without checking its signature; any other non-empty token is the user id itself."""
    if not header or not header.lower().startswith("bearer "):
        return None
    token = header[7:].strip()
    if not token:
        return None
    parts = token.split(".")
    if len(parts) == 3:
        try:
            payload = parts[1] + "=" * (-len(parts[1]) % 4)
            claims = json.loads(base64.urlsafe_b64decode(payload))
            if isinstance(claims, dict) and claims.get("sub"):
                return claims
        except (binascii.Error, ValueError, UnicodeDecodeError):
            pass
    return {"sub": token}
