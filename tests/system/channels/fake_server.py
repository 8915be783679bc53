"""A recording HTTP server on 127.0.0.1, the base of every fake platform.

It runs in a daemon thread, records each request (method, path, query,
headers, parsed body) and answers with what the subclass's `answer` returns.
Tests wait for the requests they expect with `wait_for`, bounded in time, which
also fails on a reply delivered twice: the same request again (same path and
body) before the user said anything more. The user's turns are counted by
`send_to_rasa`, through which every fake sends what the user does.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Tuple
from urllib.parse import parse_qs, urlsplit

import requests


@dataclass
class Recorded:
    method: str
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]
    raw: bytes
    json: Any = None
    form: Dict[str, str] = field(default_factory=dict)
    accepted: bool = False  # the fake answered 2xx, without "ok"/"success": false in the body
    turn: int = 0  # how many user messages this fake had sent to Rasa when the request arrived


def parse_body(content_type: str, raw: bytes) -> Tuple[Any, Dict[str, str]]:
    if "json" in content_type:
        try:
            return json.loads(raw.decode("utf-8")), {}
        except ValueError:
            return None, {}
    if "x-www-form-urlencoded" in content_type:
        return None, {k: v[0] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}
    if "multipart/form-data" in content_type:
        return None, parse_multipart(content_type, raw)
    try:  # some clients send JSON without saying so (Rasa's Mattermost connector)
        return json.loads(raw.decode("utf-8")), {}
    except ValueError:
        return None, {}


def parse_multipart(content_type: str, raw: bytes) -> Dict[str, str]:
    boundary = content_type.split("boundary=")[-1].strip('"').encode()
    fields = {}
    for part in raw.split(b"--" + boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        marker = b'name="'
        if marker in head:
            name = head.split(marker)[1].split(b'"')[0].decode()
            fields[name] = value.rstrip(b"\r\n").decode("utf-8")
    return fields


class FakePlatform:
    """Subclasses implement `answer(request) -> (status, json_body)`, refusing wrong credentials."""

    name = "platform"

    def __init__(self) -> None:
        self.requests: List[Recorded] = []
        self.turn = 0  # user messages sent to Rasa so far (send_to_rasa)
        self._lock = threading.Lock()
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                parsed_json, form = parse_body(self.headers.get("Content-Type", ""), raw)
                request = Recorded(
                    self.command,
                    parts.path,
                    {k: v[0] for k, v in parse_qs(parts.query).items()},
                    {k.lower(): v for k, v in self.headers.items()},
                    raw,
                    parsed_json,
                    form,
                )
                status, body = platform.answer(request)
                refused = isinstance(body, dict) and (body.get("ok") is False or body.get("success") is False)
                request.accepted = 200 <= status < 300 and not refused
                with platform._lock:
                    request.turn = platform.turn
                    platform.requests.append(request)
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, name=f"fake-{self.name}", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        return 404, {"error": f"{request.method} {request.path} is not faked"}

    def recorded(self, predicate: Callable[[Recorded], bool]) -> List[Recorded]:
        """The accepted requests that match: a reply the real platform would refuse does not count."""
        with self._lock:
            return [r for r in self.requests if r.accepted and predicate(r)]

    def send_to_rasa(self, url: str, timeout: float = 60, **kwargs: Any) -> requests.Response:
        """POSTs what the user does (a message, a click) to Rasa's webhook: the replies
        arriving from now on answer it, so the same reply again is no longer a duplicate."""
        with self._lock:
            self.turn += 1
        return requests.post(url, timeout=timeout, **kwargs)

    @staticmethod
    def duplicates(found: List[Recorded]) -> List[Recorded]:
        """The requests that repeat an earlier one of the same user turn (same method, path and body)."""
        seen = set()
        repeated = []
        for request in found:
            key = (request.turn, request.method, request.path, request.raw)
            if key in seen:
                repeated.append(request)
            seen.add(key)
        return repeated

    def wait_for(
        self, predicate: Callable[[Recorded], bool], count: int = 1, timeout: float = 60, settle: float = 0.5
    ) -> List[Recorded]:
        """The matching requests once at least `count` arrived (and `settle` s passed with no more).

        Fails if one of them is a reply delivered twice (see `duplicates`): a duplicate is
        sent right after the original, so the settle time lets it arrive."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.recorded(predicate)
            if len(found) >= count:
                time.sleep(settle)
                found = self.recorded(predicate)
                repeated = self.duplicates(found)
                assert not repeated, (
                    f"The fake {self.name} received the same request twice in one turn of the user: "
                    f"{[(r.method, r.path, r.raw[:200]) for r in repeated]}"
                )
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"The fake {self.name} did not receive {count} matching request(s) in {timeout} s; "
            f"it received: {[(r.method, r.path, r.accepted) for r in self.requests][-10:]}"
        )

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
