"""The demo page's web server (port 8000 in `make run`), standard library only.

Serves a fixed set of files and nothing else: the bilingual demo page at `/`,
the widget's files under `/widget/` (with `Access-Control-Allow-Origin: *`,
since other sites load them as ES modules), and the rasa-webchat ecosystem
check page at `/ecosystem/` with its bundle from node_modules. `__RASA_URL__`
in the HTML pages is replaced by the Rasa server's address. The demo page gets
a strict Content-Security-Policy: scripts, styles and fonts only from this
server, connections only to it and to Rasa.

    python -m webchat.server [--host 127.0.0.1] [--port 8000] [--rasa-url http://127.0.0.1:5005]
"""

import argparse
import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
NOT_FOUND = "Not found. / Lehte ei leitud.\n"
NOT_ALLOWED = "Only GET and HEAD are supported. / Toetatud on ainult GET ja HEAD.\n"


def routes() -> Dict[str, Path]:
    """URL path -> file; built once from the folders, so no request can reach another file."""
    table = {
        "/": HERE / "demo" / "index.html",
        "/demo.css": HERE / "demo" / "demo.css",
        "/ecosystem/": HERE / "ecosystem" / "index.html",
        "/ecosystem/start.js": HERE / "ecosystem" / "start.js",
        "/vendor/rasa-webchat.js": HERE / "node_modules" / "rasa-webchat" / "lib" / "index.js",
    }
    for file in sorted((HERE / "widget").iterdir()):
        if file.suffix in (".js", ".css"):
            table[f"/widget/{file.name}"] = file
    return table


def websocket_origin(rasa_url: str) -> str:
    parts = urlsplit(rasa_url)
    return f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"


def make_handler(rasa_url: str):
    table = routes()
    demo_csp = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
        f"connect-src 'self' {rasa_url} {websocket_origin(rasa_url)}; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )

    class Handler(BaseHTTPRequestHandler):
        server_version = "webchat-demo"
        sys_version = ""

        def log_message(self, format: str, *args) -> None:  # quiet unless asked: the Rasa log matters more
            if os.environ.get("WEBCHAT_LOG"):
                super().log_message(format, *args)

        def do_HEAD(self) -> None:
            self.respond(head=True)

        def do_GET(self) -> None:
            self.respond(head=False)

        def do_POST(self) -> None:
            self.send_text(HTTPStatus.METHOD_NOT_ALLOWED, NOT_ALLOWED, {"Allow": "GET, HEAD"})

        do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

        def respond(self, head: bool) -> None:
            path = urlsplit(self.path).path
            file = table.get(path)
            if file is None or not file.is_file():
                self.send_text(HTTPStatus.NOT_FOUND, NOT_FOUND, {}, head)
                return
            body = file.read_bytes()
            headers = {"Content-Type": TYPES.get(file.suffix, "application/octet-stream")}
            if file.suffix == ".html":
                body = body.replace(b"__RASA_URL__", rasa_url.encode())
            if path == "/":
                headers["Content-Security-Policy"] = demo_csp
            if path.startswith("/widget/"):
                headers["Access-Control-Allow-Origin"] = "*"
            self.send_body(HTTPStatus.OK, body, headers, head)

        def send_text(self, status: HTTPStatus, text: str, headers: Dict[str, str], head: bool = False) -> None:
            self.send_body(status, text.encode(), dict(headers, **{"Content-Type": "text/plain; charset=utf-8"}), head)

        def send_body(self, status: HTTPStatus, body: bytes, headers: Dict[str, str], head: bool) -> None:
            self.send_response(status)
            for name, value in dict(
                headers,
                **{
                    "Content-Length": str(len(body)),
                    "Cache-Control": "no-cache",
                    "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer",
                },
            ).items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


def make_server(host: str, port: int, rasa_url: str) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), make_handler(rasa_url.rstrip("/")))
    server.daemon_threads = True
    return server


def serve_in_thread(host: str, port: int, rasa_url: str) -> Tuple[ThreadingHTTPServer, threading.Thread]:
    """For tests: the server running in a background thread; call server.shutdown() to stop it."""
    server = make_server(host, port, rasa_url)
    thread = threading.Thread(target=server.serve_forever, name="webchat-server", daemon=True)
    thread.start()
    return server, thread


def main(argv: Optional[list] = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the chat widget's demo page.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEBCHAT_PORT", "8000")))
    parser.add_argument("--rasa-url", default=f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, args.rasa_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
