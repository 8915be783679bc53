"""Fixtures of the production-profile tests.

`secured_assistant` is one action server + one Rasa server (SQLite tracker,
like `make run`) with the HTTP API on behind a JWT secret and a token, CORS
for one origin and the request size limit; the bad-input and security tests
share it so that Rasa starts once for both.
"""

import secrets

import pytest

from tests.servers import Assistant

ALLOWED_ORIGIN = "https://www.example.ee"


@pytest.fixture(scope="package")
def api_secrets():
    return {"jwt": secrets.token_hex(32), "token": secrets.token_hex(24)}


@pytest.fixture(scope="package")
def secured_assistant(tmp_path_factory, api_secrets):
    server = Assistant(tmp_path_factory.mktemp("secured"),
                       rasa_args=["--enable-api", "--jwt-secret", api_secrets["jwt"], "--jwt-method", "HS256",
                                  "--auth-token", api_secrets["token"], "--cors", ALLOWED_ORIGIN],
                       env={"SANIC_REQUEST_MAX_SIZE": "262144"})
    try:
        server.start_actions()
        server.start_rasa()
        yield server
    finally:
        server.stop()
