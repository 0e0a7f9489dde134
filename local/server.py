"""`make run`: the HTTP API on http://127.0.0.1:$PORT, backed by the embedded moto stack.

Each request becomes an API Gateway HTTP API (payload v2) event for the real API function.
"""

import base64
import json
import logging
import os
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from local.auth import claims_from_authorization
from local.stack import LocalStack, overrides_from_env
from local.template import ACCOUNT


def to_event(method: str, raw_path: str, headers: dict[str, str], body: bytes) -> dict:
    url = urlsplit(raw_path)
    now = time.time()
    try:
        text, encoded = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, encoded = base64.b64encode(body).decode("ascii"), True
    lowered = {k.lower(): v for k, v in headers.items()}
    claims = claims_from_authorization(lowered.get("authorization"))
    query = dict(parse_qsl(url.query, keep_blank_values=True))
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": url.path,
        "rawQueryString": url.query,
        "headers": lowered,
        "queryStringParameters": query or None,
        "requestContext": {
            "accountId": ACCOUNT,
            "apiId": "local",
            "domainName": lowered.get("host", "127.0.0.1"),
            "http": {
                "method": method,
                "path": url.path,
                "protocol": "HTTP/1.1",
                "sourceIp": "127.0.0.1",
                "userAgent": lowered.get("user-agent", ""),
            },
            "requestId": str(uuid.uuid4()),
            "routeKey": "$default",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
            "authorizer": {"jwt": {"claims": claims, "scopes": None}} if claims else None,
        },
        "body": text or None,
        "isBase64Encoded": encoded,
    }


def make_server(stack: LocalStack, port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            event = to_event(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
            response, error = stack.lambdas.invoke("ApiFunction", event)
            if error:  # the function itself crashed: what API Gateway answers then
                response = {"statusCode": 500, "body": json.dumps({"message": "Internal Server Error"})}
            body = response.get("body") or ""
            data = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode("utf-8")
            self.send_response(response.get("statusCode", 200))
            for name, value in (response.get("headers") or {}).items():
                self.send_header(name, value)
            for cookie in response.get("cookies") or []:
                self.send_header("Set-Cookie", cookie)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _handle

        def log_message(self, format: str, *args) -> None:
            if os.environ.get("LOCAL_ACCESS_LOG", "1") == "1":
                super().log_message(format, *args)

    class Server(ThreadingHTTPServer):
        request_queue_size = 256  # many clients connect at once under load (default: 5)
        daemon_threads = True

    return Server(("127.0.0.1", port), Handler)


def main() -> None:
    port = int(os.environ.get("PORT", "3000"))
    if os.environ.get("LOCAL_ACCESS_LOG", "1") != "1":
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's own endpoint
    moto_port = int(os.environ.get("MOTO_PORT", str(port + 1)))
    stack = LocalStack(overrides=overrides_from_env(), moto_port=moto_port).start()
    server = make_server(stack, port)
    print(f"Serverless Codegen API on http://127.0.0.1:{server.server_address[1]}  (Swagger UI: /docs)", flush=True)
    print(f"moto endpoint on {stack.moto_endpoint}  (aws --endpoint-url {stack.moto_endpoint} stepfunctions ...)", flush=True)
    print(f"state machine {stack.state_machine_arn}; parameters {stack.template.parameters}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        stack.stop()


if __name__ == "__main__":
    main()
