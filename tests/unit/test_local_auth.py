import base64
import json

from local.auth import claims_from_authorization


def jwt(claims: dict) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none'})}.{part(claims)}.signature"


def test_jwt_sub_is_read_without_signature_check():
    assert claims_from_authorization(f"Bearer {jwt({'sub': 'u-1', 'email': 'a@b'})}")["sub"] == "u-1"


def test_plain_token_is_the_user_id():
    assert claims_from_authorization("Bearer alice") == {"sub": "alice"}


def test_no_token_means_no_claims():
    assert claims_from_authorization(None) is None
    assert claims_from_authorization("Bearer ") is None
    assert claims_from_authorization("Basic abc") is None
