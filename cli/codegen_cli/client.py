"""A small HTTP client for the API (standard library only)."""

import json
import urllib.error
import urllib.request
import uuid


class ApiError(Exception):
    def __init__(self, status: int, body: dict | None):
        error = (body or {}).get("error") or {}
        super().__init__(f"{status} {error.get('code', 'error')}: {error.get('message', body)}")
        self.status, self.body = status, body


class Client:
    def __init__(self, base_url: str, token: str):
        self.base_url, self.token = base_url.rstrip("/"), token

    def request(self, method: str, path: str, body: dict | None = None, idempotent: bool = False) -> dict | None:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Content-Type", "application/json")
        if idempotent:
            request.add_header("Idempotency-Key", str(uuid.uuid4()))
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            text = error.read()
            raise ApiError(error.code, json.loads(text) if text else None) from None
        return json.loads(payload) if payload else None

    def download(self, url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read()
